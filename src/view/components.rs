//! The components as the components pane, the detail view and the reports
//! show them, in file order: completion, done of total, blocked, owner and
//! weight, when it is done (its P50 and P85, from the plan's trials; the
//! plan at face value in its detail view); and `0 of 7 components
//! complete`.

use super::figure::{date, percent, plural};
use super::text::clean;
use super::{SourceLines, Tone};
use crate::forecast::Method;
use crate::model::Snapshot;
use crate::model::format::num;

/// One component, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentRow {
    /// Index into `manifest.components`.
    pub index: usize,
    pub id: String,
    pub name: String,
    /// Percent, unrounded (for bars).
    pub completion: f64,
    /// `71.9%`
    pub percent: String,
    /// `6/9` done of its tasks; `—` without tasks.
    pub counts: String,
    pub tasks: usize,
    pub done: usize,
    pub blocked: usize,
    /// `⊘1`, empty when none is blocked.
    pub blocked_mark: String,
    pub owner: Option<String>,
    /// `×3`
    pub weight: String,
    /// The pane's and the tables' date column: its P85 (`2027-01-06`),
    /// `…` while the trials run, `done` with nothing open, `beyond` past
    /// the calendar, `—` without a schedule.
    pub p85_cell: String,
    /// When its open tasks are through in the plan at face value (the
    /// deterministic schedule): `2027-01-05`; `None` with nothing open or
    /// without a schedule.
    pub face_value: Option<String>,
    /// Its P50 and P85 from the plan's trials (calibrated when the plan
    /// is), once they ran: `2027-01-06`.
    pub p50: Option<String>,
    pub p85: Option<String>,
    /// `P50 2027-01-04 · P85 2027-01-06`, as the headline words the
    /// plan's; `None` without a schedule.
    pub when: Option<String>,
    pub line: Option<usize>,
}

impl ComponentRow {
    pub fn tone(&self) -> Tone {
        if self.blocked > 0 {
            Tone::Bad
        } else {
            Tone::Plain
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Components {
    pub rows: Vec<ComponentRow>,
    /// `0 of 7 components complete`
    pub complete_phrase: String,
    /// Blocked tasks over all components.
    pub blocked: usize,
}

impl Components {
    pub fn of(s: &Snapshot, lines: &SourceLines) -> Components {
        let m = &s.manifest;
        let rows: Vec<ComponentRow> = m
            .components
            .iter()
            .zip(&s.components)
            .enumerate()
            .map(|(i, (c, f))| ComponentRow {
                index: i,
                id: clean(&c.id),
                name: clean(&c.name),
                completion: f.completion,
                percent: percent(f.completion),
                counts: if f.tasks == 0 {
                    "—".to_owned()
                } else {
                    format!("{}/{}", f.done, f.tasks)
                },
                tasks: f.tasks,
                done: f.done,
                blocked: f.blocked,
                blocked_mark: match f.blocked {
                    0 => String::new(),
                    n => format!("⊘{n}"),
                },
                owner: c.owner.as_deref().map(clean),
                weight: format!("×{}", num(c.weight)),
                p85_cell: p85_cell(s, i),
                face_value: s
                    .forecast
                    .components
                    .get(i)
                    .filter(|c| c.end.is_some() && s.forecast.method == Method::Estimates)
                    .map(|c| {
                        c.finish
                            .map_or_else(|| "beyond the calendar".to_owned(), date)
                    }),
                p50: percentile(s, i, |p| p.p50),
                p85: percentile(s, i, |p| p.p85),
                when: when(s, i),
                line: lines.components.get(i).copied(),
            })
            .collect();
        let complete = s
            .components
            .iter()
            .filter(|c| c.completion >= 100.0)
            .count();
        Components {
            complete_phrase: format!(
                "{complete} of {} complete",
                plural(rows.len(), "component", "components")
            ),
            blocked: rows.iter().map(|r| r.blocked).sum(),
            rows,
        }
    }

    /// The row of the component with this id.
    pub fn find(&self, id: &str) -> Option<&ComponentRow> {
        self.rows.iter().find(|r| r.id == id)
    }
}

/// A component's percentile from the plan's trials, once they ran.
fn percentile(
    s: &Snapshot,
    i: usize,
    pick: impl Fn(&crate::forecast::Percentiles) -> Option<chrono::NaiveDate>,
) -> Option<String> {
    let f = &s.forecast;
    f.components
        .get(i)
        .filter(|_| f.method == Method::Estimates && !f.pending)
        .and_then(|c| pick(&c.percentiles))
        .map(date)
}

/// A component's date column: its P85, the safe half of the answer
/// (docs/dashboard.md, "Components").
fn p85_cell(s: &Snapshot, i: usize) -> String {
    let f = &s.forecast;
    let Some(c) = f.components.get(i) else {
        return "—".to_owned();
    };
    match f.method {
        Method::Done => "done".to_owned(),
        Method::Estimates => match c.end {
            // No open task: done, unless it has no tasks at all.
            None if s.components[i].tasks == 0 => "—".to_owned(),
            None => "done".to_owned(),
            Some(_) if f.pending => "…".to_owned(),
            Some(_) => c.percentiles.p85.map_or_else(|| "beyond".to_owned(), date),
        },
        Method::Throughput | Method::None => "—".to_owned(),
    }
}

/// `P50 2027-01-04 · P85 2027-01-06`: a component's answer, worded as the
/// plan's is (from the same trials); `P50 … · P85 …` while they run.
fn when(s: &Snapshot, i: usize) -> Option<String> {
    let f = &s.forecast;
    let c = f.components.get(i)?;
    if f.method != Method::Estimates {
        return None;
    }
    c.end?;
    if f.pending {
        return Some(super::forecast::PENDING_ANSWER.to_owned());
    }
    Some(match (c.percentiles.p50, c.percentiles.p85) {
        (Some(p50), Some(p85)) => format!("P50 {} · P85 {}", date(p50), date(p85)),
        _ => "no date: beyond the calendar".to_owned(),
    })
}

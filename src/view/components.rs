//! The components as the components pane, the detail view and the reports
//! show them, in file order: completion, done of total, blocked, owner and
//! weight, when it is done (the deterministic finish, with its P85); and
//! `0 of 7 components complete`.

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
    /// When its open tasks are through in the deterministic schedule:
    /// `2027-01-05`; `done` with nothing open; `—` without a schedule.
    pub finish: String,
    /// Its P85 from the plan's trials (calibrated when the plan is), once
    /// they ran: `2027-01-06`.
    pub p85: Option<String>,
    /// `finish 2027-01-05 (P85 2027-01-06)`, as the headline words the
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
                finish: finish(s, i),
                p85: s
                    .forecast
                    .components
                    .get(i)
                    .and_then(|c| c.percentiles.p85)
                    .filter(|_| s.forecast.method == Method::Estimates)
                    .map(date),
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

/// A component's finish column: the deterministic schedule's date — the
/// figure the header leads with, there at once and never moved by a draw
/// (docs/dashboard.md, "Components").
fn finish(s: &Snapshot, i: usize) -> String {
    let f = &s.forecast;
    let Some(c) = f.components.get(i) else {
        return "—".to_owned();
    };
    match f.method {
        Method::Done => "done".to_owned(),
        Method::Estimates => match (c.end, c.finish) {
            // No open task: done, unless it has no tasks at all.
            (None, _) if s.components[i].tasks == 0 => "—".to_owned(),
            (None, _) => "done".to_owned(),
            (Some(_), Some(d)) => date(d),
            (Some(_), None) => "beyond".to_owned(),
        },
        Method::Throughput | Method::None => "—".to_owned(),
    }
}

/// `finish 2027-01-05 (P85 2027-01-06)`: a component's finish worded as
/// the plan's is.
fn when(s: &Snapshot, i: usize) -> Option<String> {
    let f = &s.forecast;
    let c = f.components.get(i)?;
    if f.method != Method::Estimates {
        return None;
    }
    c.end?;
    let finish = match c.finish {
        Some(d) => format!("finish {}", date(d)),
        None => "finish beyond the calendar".to_owned(),
    };
    Some(match c.percentiles.p85 {
        Some(p85) if Some(p85) != c.finish => format!("{finish} (P85 {})", date(p85)),
        _ => finish,
    })
}

//! The forecast's history in words (docs/trend.md): a row a day — its
//! version, completion, claim, scope, P50, P85 and the move since the day
//! before — or why the day has none, and a summary of how the P85 moved
//! over the window. `readiness trend`, the reports' Trend section and the
//! dashboard's trend view lay these out.

use chrono::NaiveDate;

use super::Tone;
use super::causes;
use super::figure::{date, days, percent, signed_working_days};
use crate::forecast::TargetStatus;
use crate::trend::{Gap, Move, Source, Trend};

/// One day of the trend, as people read it.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendRow {
    pub day: NaiveDate,
    /// `2026-11-20`
    pub date: String,
    /// `4f1c2e9a7b` (the commit), `now`, or `—`.
    pub version: String,
    /// The figures, or `None` with the gap's phrase in `note`.
    pub cells: Option<TrendCells>,
    /// What moved since the last day with figures (`P85 +2 working days`),
    /// or why this day has none (`before the file existed`); empty when
    /// nothing moved.
    pub note: String,
    /// The P85's move alone (`P85 +2 working days`), or the note when
    /// the day has no figures: what a narrow list shows.
    pub short: String,
    /// Why it moved, each cause on a line, largest first: `+6 the record:
    /// sync-server took 2.4× its estimate` (docs/trend.md, "Why a day
    /// moved"); empty when it did not move or its causes are unknown.
    pub why: Vec<String>,
    pub tone: Tone,
}

/// A day's figures, formatted.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendCells {
    /// `53.2%`
    pub completion: String,
    /// `80%`, or `—`
    pub claimed: String,
    /// `25`
    pub open_tasks: String,
    /// `57.9 d`
    pub remaining: String,
    /// `2027-01-27`, or `—`
    pub p50: String,
    pub p85: String,
    /// `38%`: the chance of meeting the target then; `—` without one.
    pub chance: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendView {
    /// `2026-10-23 to 2026-12-03`
    pub window: String,
    /// How the P85 moved over the window, in one line: `P85 2027-02-01,
    /// 8 working days later than forecast on 2026-10-23 (2027-01-20); it
    /// held the last 3 days`.
    pub summary: String,
    /// The same in a few words, for a title: `P85 2027-02-01, +8 working
    /// days since 2026-10-23`.
    pub short: String,
    pub rows: Vec<TrendRow>,
    /// The days whose P85 moved most, largest first (at most 3).
    pub largest: Vec<Largest>,
    /// The figures behind the rows, for the chart.
    pub data: Trend,
}

/// One of the largest moves of the P85.
#[derive(Debug, Clone, PartialEq)]
pub struct Largest {
    /// Index into `rows`.
    pub k: usize,
    /// `2026-11-24: P85 +6 working days — +6 the record (sync-server took
    /// 2.4× its estimate), -2 work done (sync-server done)`.
    pub text: String,
    /// The chart's label at the jump, longest first: `+6 the record`,
    /// then `+6`.
    pub labels: Vec<String>,
}

/// A line of a day's detail: its label, text and tone.
#[derive(Debug, Clone, PartialEq)]
pub struct DayLine {
    pub label: &'static str,
    pub text: String,
    pub tone: Tone,
}

/// The length a commit is shown at.
const SHORT: usize = 10;

/// The most moves listed as the largest.
const LARGEST: usize = 3;

impl TrendView {
    pub fn of(trend: &Trend) -> TrendView {
        let rows: Vec<TrendRow> = trend
            .points
            .iter()
            .zip(&trend.moves)
            .zip(&trend.causes)
            .map(|((p, m), why)| {
                let version = match &p.source {
                    Some(Source::Commit(c)) => c.chars().take(SHORT).collect(),
                    Some(Source::Now) => "now".to_owned(),
                    None => "—".to_owned(),
                };
                let short = match (&p.figures, m.p85_days) {
                    (Err(gap), _) => gap.phrase(),
                    (Ok(_), Some(d)) if d != 0 => format!("P85 {}", signed_working_days(d)),
                    (Ok(_), _) => String::new(),
                };
                let (cells, note, tone) = match &p.figures {
                    Ok(f) => {
                        let dash = |d: Option<NaiveDate>| d.map_or("—".to_owned(), date);
                        let cells = TrendCells {
                            completion: percent(f.completion),
                            claimed: f.claimed.map_or("—".to_owned(), percent),
                            open_tasks: f.open_tasks.to_string(),
                            remaining: days(f.remaining_days),
                            p50: dash(f.p50),
                            p85: dash(f.p85),
                            chance: f.chance.map_or("—".to_owned(), |c| percent(c * 100.0)),
                        };
                        let (mut note, tone) = move_phrase(m);
                        if let Some(named) = why.as_ref().map(causes::named)
                            && !note.is_empty()
                            && !named.is_empty()
                        {
                            note.push_str(&format!(" — {named}"));
                        }
                        (Some(cells), note, tone)
                    }
                    Err(gap) => (None, gap.phrase(), gap_tone(gap)),
                };
                let why = why.as_ref().map_or_else(Vec::new, |c| {
                    let p85 = causes::by_p85(c);
                    causes::moving(&c.causes, p85)
                        .into_iter()
                        .map(|cause| causes::line(cause, p85))
                        .collect()
                });
                TrendRow {
                    day: p.day,
                    date: date(p.day),
                    version,
                    cells,
                    note,
                    short,
                    why,
                    tone,
                }
            })
            .collect();
        let window = match (trend.points.first(), trend.points.last()) {
            (Some(a), Some(b)) => format!("{} to {}", date(a.day), date(b.day)),
            _ => String::new(),
        };
        let mut largest: Vec<(usize, i64)> = trend
            .moves
            .iter()
            .enumerate()
            .filter_map(|(k, m)| m.p85_days.filter(|d| *d != 0).map(|d| (k, d)))
            .collect();
        largest.sort_by_key(|&(k, d)| (std::cmp::Reverse(d.abs()), k));
        largest.truncate(LARGEST);
        let largest = largest
            .into_iter()
            .map(|(k, d)| {
                let mut text = format!("{}: P85 {}", rows[k].date, signed_working_days(d));
                let mut labels = vec![format!("{d:+}")];
                if let Some(c) = &trend.causes[k] {
                    let told = causes::told(c);
                    if !told.is_empty() {
                        text.push_str(&format!(" — {told}"));
                    }
                    // The cause that moved the P85 most names the jump.
                    if let Some(top) = causes::moving(&c.causes, true).first() {
                        labels.insert(0, format!("{d:+} {}", causes::label(top.kind)));
                    }
                }
                Largest { k, text, labels }
            })
            .collect();
        TrendView {
            window,
            summary: summary(trend),
            short: short_summary(trend),
            rows,
            largest,
            data: trend.clone(),
        }
    }

    /// Everything known of day `k`: its version, figures and how they
    /// moved since the day before (the dashboard's `Enter` on a day).
    pub fn detail(&self, k: usize) -> Vec<DayLine> {
        let Some(row) = self.rows.get(k) else {
            return Vec::new();
        };
        let line = |label, text: String, tone| DayLine { label, text, tone };
        let mut out = vec![line("version", row.version.clone(), Tone::Dim)];
        let Some(c) = &row.cells else {
            out.push(line("figures", row.note.clone(), row.tone));
            return out;
        };
        let f = self.data.points[k].figures.as_ref().ok();
        out.push(line("complete", c.completion.clone(), Tone::Plain));
        out.push(line("claimed", c.claimed.clone(), Tone::Plain));
        out.push(line(
            "open",
            format!("{} tasks · {} of work left", c.open_tasks, c.remaining),
            Tone::Plain,
        ));
        out.push(line("P50", c.p50.clone(), Tone::Plain));
        out.push(line("P85", c.p85.clone(), Tone::Accent));
        if let Some(target) = f.and_then(|f| f.target) {
            let status = f.and_then(|f| f.target_status);
            let tone = match status {
                Some(TargetStatus::OnTrack) => Tone::Good,
                Some(TargetStatus::AtRisk) => Tone::Warn,
                Some(TargetStatus::Late) => Tone::Bad,
                None => Tone::Plain,
            };
            let status = status.map_or(String::new(), |s| format!(": {}", s.label()));
            out.push(line("target", format!("{}{status}", date(target)), tone));
            let chance_tone = f
                .and_then(|f| f.chance)
                .map_or(Tone::Dim, super::portfolio::chance_tone);
            out.push(line(
                "chance",
                format!("{} chance by {}", c.chance, date(target)),
                chance_tone,
            ));
        }
        let (mut moved, _) = move_phrase(&self.data.moves[k]);
        if moved.is_empty() {
            moved = "no move since the day before".to_owned();
        }
        out.push(line("moved", moved, row.tone));
        for (n, why) in row.why.iter().enumerate() {
            let label = if n == 0 { "why" } else { "" };
            out.push(line(label, why.clone(), row.tone));
        }
        out
    }
}

impl TrendView {
    /// The rows as the reports list them: a run of two or more days
    /// without figures for one reason (and one version) is one row, its first day's, noted
    /// `to 2026-11-20 (29 working days): no history: …` — every day still
    /// marked, none skipped, and a file outside git is not 30 lines of the
    /// same reason. The dashboard lists every day (a day is selected).
    pub fn runs(&self) -> Vec<TrendRow> {
        let mut out: Vec<TrendRow> = Vec::new();
        let mut k = 0;
        while k < self.rows.len() {
            let row = &self.rows[k];
            let same =
                |r: &TrendRow| r.cells.is_none() && r.note == row.note && r.version == row.version;
            let n = if row.cells.is_none() {
                self.rows[k..].iter().take_while(|r| same(r)).count()
            } else {
                1
            };
            let mut merged = row.clone();
            if n > 1 {
                let last = &self.rows[k + n - 1];
                merged.note = format!(
                    "to {} ({}): {}",
                    last.date,
                    crate::model::format::working_days(n as u64),
                    row.note
                );
                merged.short = merged.note.clone();
            }
            out.push(merged);
            k += n;
        }
        out
    }
}

/// `P85 +2 working days`, `P50 -1 working day · P85 +2 working days`, or
/// nothing when neither moved.
fn move_phrase(m: &Move) -> (String, Tone) {
    let mut parts = Vec::new();
    for (name, d) in [("P50", m.p50_days), ("P85", m.p85_days)] {
        if let Some(d) = d.filter(|d| *d != 0) {
            parts.push(format!("{name} {}", signed_working_days(d)));
        }
    }
    let tone = match m.p85_days.unwrap_or(0) {
        d if d > 0 => Tone::Bad,
        d if d < 0 => Tone::Good,
        _ => Tone::Plain,
    };
    (parts.join(" · "), tone)
}

fn gap_tone(gap: &Gap) -> Tone {
    match gap {
        Gap::Invalid(_) | Gap::Deleted => Tone::Warn,
        _ => Tone::Dim,
    }
}

/// The P85 now and its move over the window, in a few words.
fn short_summary(trend: &Trend) -> String {
    let with: Vec<(NaiveDate, NaiveDate)> = trend
        .with_figures()
        .filter_map(|(p, f)| Some((p.day, f.p85?)))
        .collect();
    let (Some(&(first_day, _)), Some(&(_, last))) = (with.first(), with.last()) else {
        return String::new();
    };
    let moved: i64 = trend.moves.iter().filter_map(|m| m.p85_days).sum();
    format!(
        "P85 {}, {} since {}",
        date(last),
        signed_working_days(moved),
        date(first_day)
    )
}

/// How the P85 moved from the first day with one to the last, and how long
/// it has held.
fn summary(trend: &Trend) -> String {
    let with: Vec<(NaiveDate, NaiveDate)> = trend
        .with_figures()
        .filter_map(|(p, f)| Some((p.day, f.p85?)))
        .collect();
    let (Some(&(first_day, first)), Some(&(_, last))) = (with.first(), with.last()) else {
        return "no P85 on any day of the window".to_owned();
    };
    let moved: i64 = trend.moves.iter().filter_map(|m| m.p85_days).sum();
    let change = match moved {
        0 => format!("the same as on {}", date(first_day)),
        d => format!(
            "{} {} than forecast on {} ({})",
            crate::model::format::working_days(d.unsigned_abs()),
            if d > 0 { "later" } else { "earlier" },
            date(first_day),
            date(first)
        ),
    };
    // Days since the P85 last moved.
    let held = trend
        .moves
        .iter()
        .zip(&trend.points)
        .rev()
        .filter(|(_, p)| p.figures.is_ok())
        .take_while(|(m, _)| m.p85_days.unwrap_or(0) == 0)
        .count();
    let held = if held >= with.len() {
        "; it held all window".to_owned()
    } else if held > 1 {
        format!("; it held the last {held} days")
    } else {
        String::new()
    };
    format!("P85 {}, {change}{held}", date(last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::Calendar;
    use crate::model::Options;
    use crate::trend::{Figures, Point};

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn point(day: &str, p85: Option<&str>) -> Point {
        Point {
            day: d(day),
            source: Some(Source::Commit("0123456789abcdef".into())),
            figures: Ok(Figures {
                completion: 50.0,
                claimed: Some(80.0),
                open_tasks: 4,
                scope_tasks: 6,
                remaining_days: 7.25,
                p50: p85.map(d),
                p85: p85.map(d),
                target: None,
                target_status: None,
                chance: None,
            }),
        }
    }

    #[test]
    fn rows_moves_and_summary() {
        let points = vec![
            Point {
                day: d("2026-11-30"),
                source: None,
                figures: Err(Gap::NotYet),
            },
            point("2026-12-01", Some("2026-12-10")),
            point("2026-12-02", Some("2026-12-14")),
            point("2026-12-03", Some("2026-12-14")),
            point("2026-12-04", Some("2026-12-14")),
        ];
        let trend = Trend::new(points, &Calendar::default(), Options::default());
        let v = TrendView::of(&trend);
        assert_eq!(v.window, "2026-11-30 to 2026-12-04");
        assert_eq!(v.rows[0].note, "before the file existed");
        assert!(v.rows[0].cells.is_none());
        assert_eq!(v.rows[1].version, "0123456789");
        let cells = v.rows[1].cells.as_ref().expect("figures");
        assert_eq!(
            (cells.completion.as_str(), cells.remaining.as_str()),
            ("50%", "7.3 d")
        );
        // Thursday the 10th to Monday the 14th: 2 working days.
        assert_eq!(v.rows[2].note, "P50 +2 working days · P85 +2 working days");
        assert_eq!(v.rows[2].tone, Tone::Bad);
        assert_eq!(v.rows[3].note, "");
        assert_eq!(
            v.summary,
            "P85 2026-12-14, 2 working days later than forecast on 2026-12-01 (2026-12-10); it held the last 2 days"
        );
        assert_eq!(
            v.largest,
            vec![Largest {
                k: 2,
                text: "2026-12-02: P85 +2 working days".into(),
                labels: vec!["+2".into()]
            }]
        );
        // One day without figures stays a row of its own.
        assert_eq!(v.runs(), v.rows);
    }

    #[test]
    fn days_without_figures_for_one_reason_are_one_row_in_the_reports() {
        let gap = |day: &str, gap: Gap| Point {
            day: d(day),
            source: None,
            figures: Err(gap),
        };
        let points = vec![
            gap("2026-11-26", Gap::NotYet),
            gap("2026-11-27", Gap::NotYet),
            gap("2026-11-30", Gap::NotYet),
            gap("2026-12-01", Gap::Deleted),
            point("2026-12-02", Some("2026-12-10")),
            point("2026-12-03", Some("2026-12-10")),
        ];
        let trend = Trend::new(points, &Calendar::default(), Options::default());
        let v = TrendView::of(&trend);
        let runs = v.runs();
        let notes: Vec<(&str, &str)> = runs
            .iter()
            .map(|r| (r.date.as_str(), r.note.as_str()))
            .collect();
        assert_eq!(
            notes,
            vec![
                (
                    "2026-11-26",
                    "to 2026-11-30 (3 working days): before the file existed"
                ),
                ("2026-12-01", v.rows[3].note.as_str()),
                ("2026-12-02", ""),
                ("2026-12-03", ""),
            ]
        );
        assert_eq!(v.rows.len(), 6, "the dashboard still lists every day");
    }

    #[test]
    fn a_days_chance_of_its_target() {
        let mut with = point("2026-12-01", Some("2026-12-10"));
        if let Ok(f) = &mut with.figures {
            f.target = Some(d("2026-12-11"));
            f.target_status = Some(TargetStatus::AtRisk);
            f.chance = Some(0.384);
        }
        let trend = Trend::new(
            vec![with, point("2026-12-02", Some("2026-12-10"))],
            &Calendar::default(),
            Options::default(),
        );
        let v = TrendView::of(&trend);
        let cells = |k: usize| v.rows[k].cells.clone().expect("figures");
        assert_eq!(cells(0).chance, "38.4%");
        assert_eq!(cells(1).chance, "—");
        let chance = v.detail(0).into_iter().find(|l| l.label == "chance");
        let chance = chance.expect("a chance line");
        assert_eq!(chance.text, "38.4% chance by 2026-12-11");
        assert_eq!(chance.tone, Tone::Bad);
        assert!(v.detail(1).iter().all(|l| l.label != "chance"));
    }

    #[test]
    fn a_days_causes_name_its_move() {
        use crate::standup::{Cause, Causes, Change, Kind};
        let points = vec![
            point("2026-12-01", Some("2026-12-10")),
            point("2026-12-02", Some("2026-12-16")),
        ];
        let mut trend = Trend::new(points, &Calendar::default(), Options::default());
        let cause = |kind, p85_days, changes| Cause {
            kind,
            p50_days: p85_days,
            p85_days,
            changes,
        };
        trend.causes[1] = Some(Causes {
            p50_then: d("2026-12-10"),
            p50_now: d("2026-12-16"),
            p85_then: d("2026-12-10"),
            p85_now: d("2026-12-16"),
            p50_change_days: 4,
            p85_change_days: 4,
            causes: vec![
                cause(Kind::Done, -2, vec![Change::Done("a".into())]),
                cause(
                    Kind::Record,
                    5,
                    vec![Change::Sample {
                        task: "a".into(),
                        ratio: 2.4,
                    }],
                ),
                cause(Kind::Time, 1, vec![Change::Passed(1)]),
            ],
            forecasts: 2,
        });
        let v = TrendView::of(&trend);
        assert_eq!(
            v.rows[1].note,
            "P50 +4 working days · P85 +4 working days — +5 the record, -2 work done, +1 time"
        );
        assert_eq!(
            v.rows[1].why,
            [
                "+5 the record: a took 2.4× its estimate",
                "-2 work done: a done",
                "+1 time: 1 working day passed"
            ]
        );
        assert_eq!(v.largest[0].labels, ["+4 the record", "+4"]);
        assert!(v.largest[0].text.ends_with(
            "— +5 the record (a took 2.4× its estimate), -2 work done (a done), +1 time (1 working day passed)"
        ));
        let detail = v.detail(1);
        let why: Vec<(&str, &str)> = detail
            .iter()
            .skip_while(|l| l.label != "why")
            .map(|l| (l.label, l.text.as_str()))
            .collect();
        assert_eq!(why.len(), 3, "{detail:?}");
        assert_eq!(why[0], ("why", "+5 the record: a took 2.4× its estimate"));
        assert_eq!(why[1].0, "");
        let moved = detail.iter().find(|l| l.label == "moved").expect("moved");
        assert_eq!(moved.text, "P50 +4 working days · P85 +4 working days");
        // A day without causes says its move alone.
        assert!(v.rows[0].why.is_empty());
    }
}

//! The burn-up's figures: tasks done over time (from `done` dates) against
//! the scope (tasks not dropped) over time — from the file's git history when
//! there is one, so that tasks added show as scope growth rather than lost
//! progress — and the forecast cone from today's point to the P50, P85 and
//! P95 finishes at today's scope. Pure: a snapshot and the scope history in.

use chrono::NaiveDate;

use crate::manifest::Status;
use crate::model::Snapshot;

/// The scope at the end of a day (the last version of the file that day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopePoint {
    pub date: NaiveDate,
    pub scope: u64,
}

/// Tasks in scope (not dropped) in a manifest's text; `None` when the text
/// does not load.
pub fn scope_of(text: &str) -> Option<u64> {
    let checked = crate::manifest::load(text).ok()?;
    Some(
        checked
            .manifest
            .tasks
            .iter()
            .filter(|t| t.status != Status::Dropped)
            .count() as u64,
    )
}

/// The scope on each day from past versions of the file, given as (day,
/// text) pairs, one per day; versions that do not load are left out. Oldest
/// first.
pub fn scope_history<'a>(
    versions: impl IntoIterator<Item = (NaiveDate, &'a str)>,
) -> Vec<ScopePoint> {
    let mut points: Vec<ScopePoint> = versions
        .into_iter()
        .filter_map(|(date, text)| scope_of(text).map(|scope| ScopePoint { date, scope }))
        .collect();
    points.sort_by_key(|p| p.date);
    points.dedup_by_key(|p| p.date);
    points
}

/// The burn-up of one snapshot, dates on the x axis, task counts on the y.
#[derive(Debug, Clone, PartialEq)]
pub struct BurnUp {
    /// The first day drawn: the first `done` date or history point.
    pub start: NaiveDate,
    pub today: NaiveDate,
    /// The last day drawn: the latest of today, P95 and the target.
    pub end: NaiveDate,
    /// Done tasks by the end of each day a task was done, oldest first; the
    /// first point (at `start`) includes the done tasks without a date.
    pub done: Vec<(NaiveDate, u64)>,
    /// Scope at each point it is known, ending with today's.
    pub scope: Vec<(NaiveDate, u64)>,
    /// Whether `scope` comes from the file's history (else it is today's
    /// scope drawn flat).
    pub scope_from_history: bool,
    pub done_now: u64,
    pub scope_now: u64,
    /// Done in the 7 days up to today.
    pub last_week: u64,
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    pub p95: Option<NaiveDate>,
    pub target: Option<NaiveDate>,
}

impl BurnUp {
    /// Days from `start` to `date`, for the x axis.
    pub fn x(&self, date: NaiveDate) -> f64 {
        (date - self.start).num_days() as f64
    }

    /// The cone's edges as (label, date), the percentiles that exist.
    pub fn cone(&self) -> Vec<(&'static str, NaiveDate)> {
        [("P50", self.p50), ("P85", self.p85), ("P95", self.p95)]
            .into_iter()
            .filter_map(|(label, date)| date.map(|d| (label, d)))
            .collect()
    }
}

/// The burn-up, or `None` when there is nothing to draw: no `done` date, no
/// history and no forecast date.
pub fn burnup(s: &Snapshot, history: &[ScopePoint]) -> Option<BurnUp> {
    let m = &s.manifest;
    let scope_now = m
        .tasks
        .iter()
        .filter(|t| t.status != Status::Dropped)
        .count() as u64;
    let done_tasks = || m.tasks.iter().filter(|t| t.status == Status::Done);
    let done_now = done_tasks().count() as u64;
    let mut dates: Vec<NaiveDate> = done_tasks()
        .filter_map(|t| t.done)
        .filter(|&d| d <= s.today)
        .collect();
    dates.sort_unstable();
    let history: Vec<ScopePoint> = history
        .iter()
        .copied()
        .filter(|p| p.date < s.today)
        .collect();
    let f = &s.forecast;
    let target = m.project.target;
    let start = [dates.first(), history.first().map(|p| &p.date)]
        .into_iter()
        .flatten()
        .min()
        .copied()
        .unwrap_or(s.today);
    if dates.is_empty() && history.is_empty() && f.p95.or(f.p50).is_none() {
        return None;
    }
    let end = [Some(s.today), f.p95, f.p85, f.p50, target]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(s.today)
        .max(start.succ_opt().unwrap_or(start));

    // Done tasks dated after today (typos) count from today.
    let undated = done_now - dates.len() as u64;
    let mut done = vec![(start, undated)];
    for (k, &d) in dates.iter().enumerate() {
        let count = undated + k as u64 + 1;
        match done.last_mut() {
            Some(last) if last.0 == d => last.1 = count,
            _ => done.push((d, count)),
        }
    }
    if done.last().is_some_and(|&(d, _)| d < s.today) {
        done.push((s.today, done_now));
    }
    if let Some(last) = done.last_mut() {
        last.1 = done_now;
    }

    let scope_from_history = !history.is_empty();
    let mut scope: Vec<(NaiveDate, u64)> = if scope_from_history {
        history.iter().map(|p| (p.date, p.scope)).collect()
    } else {
        vec![(start, scope_now)]
    };
    scope.push((s.today, scope_now));

    let week_start = s.today - chrono::Duration::days(6);
    let last_week = dates.iter().filter(|&&d| d >= week_start).count() as u64;
    Some(BurnUp {
        start,
        today: s.today,
        end,
        done,
        scope,
        scope_from_history,
        done_now,
        scope_now,
        last_week,
        p50: f.p50,
        p85: f.p85,
        p95: f.p95,
        target,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    const TEXT: &str = r#"
[project]
name = "x"
target = 2026-11-30

[[component]]
id = "c"

[[task]]
id = "a"
title = "a"
component = "c"
status = "done"
done = 2026-11-16
estimate = 1

[[task]]
id = "b"
title = "b"
component = "c"
status = "done"
done = 2026-11-18
estimate = 1

[[task]]
id = "c1"
title = "c"
component = "c"
estimate = "2-4d"

[[task]]
id = "gone"
title = "gone"
component = "c"
status = "dropped"
"#;

    #[test]
    fn done_steps_scope_and_cone() {
        let s = crate::evaluate(TEXT, d("2026-11-23")).expect("valid");
        let history = [
            ScopePoint {
                date: d("2026-11-10"),
                scope: 2,
            },
            ScopePoint {
                date: d("2026-11-23"),
                scope: 9,
            },
        ];
        let b = burnup(&s, &history).expect("something to draw");
        assert_eq!(b.start, d("2026-11-10"));
        assert_eq!(
            b.done,
            vec![
                (d("2026-11-10"), 0),
                (d("2026-11-16"), 1),
                (d("2026-11-18"), 2),
                (d("2026-11-23"), 2)
            ]
        );
        // Today's point is today's scope, not the history's.
        assert_eq!(b.scope, vec![(d("2026-11-10"), 2), (d("2026-11-23"), 3)]);
        assert!(b.scope_from_history);
        assert_eq!((b.done_now, b.scope_now), (2, 3));
        assert!(b.p95.is_some_and(|p| p >= d("2026-11-24")));
        assert_eq!(b.end, b.p95.expect("p95").max(d("2026-11-30")));
        assert_eq!(b.cone().len(), 3);
    }

    #[test]
    fn without_history_the_scope_is_flat() {
        let s = crate::evaluate(TEXT, d("2026-11-23")).expect("valid");
        let b = burnup(&s, &[]).expect("something to draw");
        assert_eq!(b.scope, vec![(d("2026-11-16"), 3), (d("2026-11-23"), 3)]);
        assert!(!b.scope_from_history);
    }

    #[test]
    fn scope_history_skips_invalid_versions() {
        let points = scope_history([(d("2026-11-02"), TEXT), (d("2026-11-01"), "nope =")]);
        assert_eq!(
            points,
            vec![ScopePoint {
                date: d("2026-11-02"),
                scope: 3
            }]
        );
    }
}

//! "Since the last working day" (docs/cli.md, "The JSON report": `since`): the manifest
//! now set against the manifest as it stood at the end of the comparison day
//! `from` (the previous working day by the project's calendar, or `--since`).
//! Pure: two snapshots — or one and the reason there is no baseline — in, a
//! [`Since`] out.
//!
//! Tasks, blockers and gates are matched by id. A task counts as done since
//! `from` when it is done now and was not done (or did not exist) then.
//! Without a baseline only `done` is filled, from `done` dates after `from`.

use chrono::{Days, NaiveDate};

use super::causes::{self, Causes};
use crate::forecast::calendar;
use crate::manifest::{Calendar, Status};
use crate::model::{GateStatus, Options, Snapshot};

/// Where the comparison came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// The file's git history: the commit read as the baseline.
    Git {
        /// The commit's hash.
        commit: String,
        /// The file's path in that commit (relative to the repository), which
        /// differs from today's when the file was renamed since.
        path: String,
        /// The commit's date (committer time, in the commit's own zone).
        date: NaiveDate,
    },
    /// No usable history: `done` dates alone; `reason` says why.
    DoneDates { reason: String },
}

impl Source {
    pub fn as_str(&self) -> &'static str {
        match self {
            Source::Git { .. } => "git",
            Source::DoneDates { .. } => "done_dates",
        }
    }
}

/// A gate whose status moved; `None` when the gate did not exist on that side.
#[derive(Debug, Clone, PartialEq)]
pub struct GateChange {
    pub id: String,
    pub old: Option<GateStatus>,
    pub new: Option<GateStatus>,
}

/// What changed since the end of `from`. The `Option` fields are `None` when
/// they need a baseline (git history) and there is none.
#[derive(Debug, Clone, PartialEq)]
pub struct Since {
    pub from: NaiveDate,
    pub source: Source,
    /// Task ids done since `from`, in manifest order.
    pub done: Vec<String>,
    /// Blocked task ids now that were not blocked then, in blocker rank order.
    pub new_blockers: Option<Vec<String>>,
    /// Blocked task ids then that are not blocked now (done, unblocked,
    /// dropped or removed), in their old rank order.
    pub cleared_blockers: Option<Vec<String>>,
    /// Gates whose status changed (or that came or went), in manifest order.
    pub gates_changed: Option<Vec<GateChange>>,
    /// Tasks that entered the scope (new, or no longer dropped).
    pub added: Option<Vec<String>>,
    /// Tasks that left the scope (removed or dropped).
    pub removed: Option<Vec<String>>,
    /// Completion now minus then, in percentage points.
    pub completion_change: Option<f64>,
    /// The deterministic finish's move in working days (later is positive);
    /// `None` when either finish is unknown.
    pub finish_change_days: Option<i64>,
    /// The deterministic finish then (as forecast on `from`).
    pub finish_then: Option<NaiveDate>,
    /// The P50's and P85's move and why (docs/manifest.md, "Why it
    /// moved"); `None` without a baseline or without dates on a side.
    pub causes: Option<Causes>,
}

/// What the manifest was at the end of `from`, as far as the shell knows.
#[derive(Debug, Clone, Copy)]
pub enum Baseline<'a> {
    /// The file's text in the commit `commit` (at `path`, dated `date`).
    Git {
        text: &'a str,
        commit: &'a str,
        path: &'a str,
        date: NaiveDate,
    },
    /// No earlier text, and why.
    None { reason: &'a str },
}

/// The comparison day: `--since` when given, else the last working day
/// before today (Friday on a Monday; holidays skipped).
pub fn from_day(calendar: &Calendar, today: NaiveDate, since: Option<NaiveDate>) -> NaiveDate {
    if let Some(day) = since {
        return day;
    }
    match today.checked_sub_days(Days::new(1)) {
        Some(yesterday) => {
            calendar::working_day_on_or_before(calendar, yesterday).unwrap_or(yesterday)
        }
        None => today,
    }
}

/// The baseline's text evaluated as of `from` by the pure core alone, with
/// the `options` the snapshot now was evaluated with (so that a Monte Carlo
/// finish is drawn the same way on both sides) and without evidence files:
/// those are today's, and the past cannot be judged by them. `None` when the
/// text does not load.
pub fn evaluate_baseline(text: &str, from: NaiveDate, options: Options) -> Option<Snapshot> {
    crate::model::evaluate_with(text, from, options).ok()
}

/// Compares `now` (evaluated with the default options) with the baseline as
/// it stood at the end of `from`.
pub fn since(now: &Snapshot, baseline: Baseline<'_>, from: NaiveDate) -> Since {
    since_with(now, baseline, from, Options::default())
}

/// [`since`] for a snapshot evaluated with `options`: the baseline is
/// evaluated with the same ones.
pub fn since_with(
    now: &Snapshot,
    baseline: Baseline<'_>,
    from: NaiveDate,
    options: Options,
) -> Since {
    match baseline {
        Baseline::Git {
            text,
            commit,
            path,
            date,
        } => {
            let old = evaluate_baseline(text, from, options);
            since_git(now, old.as_ref(), commit, path, date, from, options)
        }
        Baseline::None { reason } => from_done_dates(now, from, reason.to_owned()),
    }
}

/// Compares `now` with a baseline from commit `commit` (the file at `path`,
/// dated `date`) already evaluated by [`evaluate_baseline`] with `options`;
/// `old` is `None` when its text did not load, and only `done` dates count
/// then. The answer's move is split into its causes here ([`causes`]: one
/// forecast per class of change).
pub fn since_git(
    now: &Snapshot,
    old: Option<&Snapshot>,
    commit: &str,
    path: &str,
    date: NaiveDate,
    from: NaiveDate,
    options: Options,
) -> Since {
    match old {
        Some(old) => {
            let source = Source::Git {
                commit: commit.to_owned(),
                path: path.to_owned(),
                date,
            };
            let mut since = compare(now, old, from, source);
            since.causes = causes::causes(old, now, options);
            since
        }
        None => from_done_dates(
            now,
            from,
            format!(
                "the manifest in commit {} (the baseline for {from}) does not load",
                short(commit)
            ),
        ),
    }
}

/// The first 10 characters of a commit hash.
pub fn short(commit: &str) -> &str {
    commit.get(..10).unwrap_or(commit)
}

/// Only `done`, from `done` dates after `from` (up to today).
pub fn from_done_dates(now: &Snapshot, from: NaiveDate, reason: String) -> Since {
    let done = now
        .manifest
        .tasks
        .iter()
        .filter(|t| t.status == Status::Done)
        .filter(|t| t.done.is_some_and(|d| d > from && d <= now.today))
        .map(|t| t.id.clone())
        .collect();
    Since {
        from,
        source: Source::DoneDates { reason },
        done,
        new_blockers: None,
        cleared_blockers: None,
        gates_changed: None,
        added: None,
        removed: None,
        completion_change: None,
        finish_change_days: None,
        finish_then: None,
        causes: None,
    }
}

/// Two snapshots compared by id. Evidence gates are left out: the baseline
/// is evaluated without evidence, so they would always seem to move. The
/// causes of the answer's move are left to [`since_git`], which knows the
/// options to forecast with.
pub fn compare(now: &Snapshot, old: &Snapshot, from: NaiveDate, source: Source) -> Since {
    let old_tasks = &old.manifest.tasks;
    // Index the old tasks by id once: manifests run to thousands of tasks.
    let old_by_id: rustc_hash::FxHashMap<&str, Status> = old_tasks
        .iter()
        .map(|t| (t.id.as_str(), t.status))
        .collect();
    let now_by_id: rustc_hash::FxHashMap<&str, Status> = now
        .manifest
        .tasks
        .iter()
        .map(|t| (t.id.as_str(), t.status))
        .collect();

    let done = now
        .manifest
        .tasks
        .iter()
        .filter(|t| t.status == Status::Done && old_by_id.get(t.id.as_str()) != Some(&Status::Done))
        .map(|t| t.id.clone())
        .collect();

    let blocked_ids = |s: &Snapshot| -> Vec<String> {
        s.blockers
            .iter()
            .map(|b| s.manifest.tasks[b.task].id.clone())
            .collect()
    };
    let (now_blocked, old_blocked) = (blocked_ids(now), blocked_ids(old));
    let new_blockers = now_blocked
        .iter()
        .filter(|id| !old_blocked.contains(id))
        .cloned()
        .collect();
    let cleared_blockers = old_blocked
        .iter()
        .filter(|id| !now_blocked.contains(id))
        .cloned()
        .collect();

    let gate_status = |s: &Snapshot, id: &str| {
        s.manifest
            .gates
            .iter()
            .position(|g| g.id == id)
            .map(|i| s.gates[i].status)
    };
    let mut gates_changed: Vec<GateChange> = now
        .manifest
        .gates
        .iter()
        .zip(&now.gates)
        .filter(|(g, _)| !g.criterion.is_evidence())
        .filter_map(|(g, r)| {
            let before = gate_status(old, &g.id);
            (before != Some(r.status)).then(|| GateChange {
                id: g.id.clone(),
                old: before,
                new: Some(r.status),
            })
        })
        .collect();
    gates_changed.extend(
        old.manifest
            .gates
            .iter()
            .zip(&old.gates)
            .filter(|(g, _)| !g.criterion.is_evidence() && gate_status(now, &g.id).is_none())
            .map(|(g, r)| GateChange {
                id: g.id.clone(),
                old: Some(r.status),
                new: None,
            }),
    );

    let in_scope = |status: Option<&Status>| status.is_some_and(|s| *s != Status::Dropped);
    let added = now
        .manifest
        .tasks
        .iter()
        .filter(|t| t.status != Status::Dropped && !in_scope(old_by_id.get(t.id.as_str())))
        .map(|t| t.id.clone())
        .collect();
    let removed = old_tasks
        .iter()
        .filter(|t| t.status != Status::Dropped && !in_scope(now_by_id.get(t.id.as_str())))
        .map(|t| t.id.clone())
        .collect();

    let finish_change_days = match (old.forecast.finish, now.forecast.finish) {
        (Some(then), Some(finish)) => Some(calendar::working_days_between(
            &now.manifest.calendar,
            then,
            finish,
        )),
        _ => None,
    };
    Since {
        from,
        source,
        done,
        new_blockers: Some(new_blockers),
        cleared_blockers: Some(cleared_blockers),
        gates_changed: Some(gates_changed),
        added: Some(added),
        removed: Some(removed),
        completion_change: Some(now.completion - old.completion),
        finish_change_days,
        finish_then: old.forecast.finish,
        causes: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    /// Friday's manifest: a done, b doing, c blocked (d waits on it), two
    /// gates failing.
    const FRIDAY: &str = r#"
[project]
name = "Standup"

[metrics]
coverage = 60

[[component]]
id = "app"

[[task]]
id = "a"
title = "a"
component = "app"
status = "done"
done = 2026-11-18
estimate = 1

[[task]]
id = "b"
title = "b"
component = "app"
status = "doing"
estimate = 2

[[task]]
id = "c"
title = "c"
component = "app"
blocker = "waiting on keys"
estimate = 3

[[task]]
id = "d"
title = "d"
component = "app"
estimate = 2
depends_on = ["c"]

[[gate]]
id = "b-done"
tasks = ["b"]

[[gate]]
id = "cov"
metric = "coverage"
min = 70

[[gate]]
id = "old-gate"
tasks = ["a"]
"#;

    /// Monday's: b done, c unblocked, e added and blocked, d dropped,
    /// coverage up, a gate renamed.
    fn monday() -> String {
        FRIDAY
            .replace("coverage = 60", "coverage = 75")
            .replace(
                "status = \"doing\"\nestimate = 2",
                "status = \"done\"\ndone = 2026-11-23\nestimate = 2",
            )
            .replace("blocker = \"waiting on keys\"\n", "")
            .replace(
                "estimate = 2\ndepends_on",
                "status = \"dropped\"\nestimate = 2\ndepends_on",
            )
            .replace("id = \"old-gate\"", "id = \"new-gate\"")
            + "\n[[task]]\nid = \"e\"\ntitle = \"e\"\ncomponent = \"app\"\nstatus = \"blocked\"\nestimate = 1\n"
    }

    fn git<'a>(text: &'a str) -> Baseline<'a> {
        Baseline::Git {
            text,
            commit: "0123456789abcdef",
            path: "readiness.toml",
            date: d("2026-11-20"),
        }
    }

    #[test]
    fn the_previous_working_day_skips_weekends_and_holidays() {
        let mut calendar = Calendar::default();
        assert_eq!(from_day(&calendar, d("2026-11-23"), None), d("2026-11-20"));
        assert_eq!(from_day(&calendar, d("2026-11-24"), None), d("2026-11-23"));
        // A Sunday compares with Friday too.
        assert_eq!(from_day(&calendar, d("2026-11-22"), None), d("2026-11-20"));
        calendar.holidays.insert(d("2026-11-26"));
        assert_eq!(from_day(&calendar, d("2026-11-27"), None), d("2026-11-25"));
        assert_eq!(
            from_day(&calendar, d("2026-11-27"), Some(d("2026-11-02"))),
            d("2026-11-02")
        );
    }

    #[test]
    fn two_texts_give_every_field() {
        let text = monday();
        let now = crate::evaluate(&text, d("2026-11-23")).expect("monday loads");
        let s = since(&now, git(FRIDAY), d("2026-11-20"));
        assert_eq!(s.from, d("2026-11-20"));
        assert_eq!(s.source.as_str(), "git");
        assert_eq!(s.done, vec!["b"]);
        assert_eq!(s.new_blockers.as_deref(), Some(&["e".to_owned()][..]));
        assert_eq!(s.cleared_blockers.as_deref(), Some(&["c".to_owned()][..]));
        let gates = s.gates_changed.expect("gates compared");
        let moved: Vec<(&str, Option<&str>, Option<&str>)> = gates
            .iter()
            .map(|g| {
                (
                    g.id.as_str(),
                    g.old.map(|s| s.as_str()),
                    g.new.map(|s| s.as_str()),
                )
            })
            .collect();
        assert_eq!(
            moved,
            vec![
                ("b-done", Some("fail"), Some("pass")),
                ("cov", Some("fail"), Some("pass")),
                ("new-gate", None, Some("pass")),
                ("old-gate", Some("pass"), None),
            ]
        );
        assert_eq!(s.added.as_deref(), Some(&["e".to_owned()][..]));
        assert_eq!(s.removed.as_deref(), Some(&["d".to_owned()][..]));
        // Friday: a done of a, b, c, d (1 of 8 days). Monday: a, b done of
        // a, b, c, e (3 of 7 days).
        let change = s.completion_change.expect("completion compared");
        assert!(
            (change - (300.0 / 7.0 - 100.0 / 8.0)).abs() < 1e-9,
            "{change}"
        );
        // Friday: b 2 d then c 3 d then d 2 d from Friday = 7 working days,
        // finishing Mon Nov 30. Monday: c 3 d + e 1 d = 4 days, finishing
        // Thu Nov 26: 2 working days earlier.
        assert_eq!(s.finish_then, Some(d("2026-11-30")));
        assert_eq!(now.forecast.finish, Some(d("2026-11-26")));
        assert_eq!(s.finish_change_days, Some(-2));
    }

    #[test]
    fn without_a_baseline_only_done_is_filled_from_done_dates() {
        let text = monday();
        let now = crate::evaluate(&text, d("2026-11-23")).expect("monday loads");
        let s = since(
            &now,
            Baseline::None {
                reason: "not in a git repository",
            },
            d("2026-11-20"),
        );
        assert_eq!(s.done, vec!["b"]);
        assert_eq!(
            s.source,
            Source::DoneDates {
                reason: "not in a git repository".into()
            }
        );
        assert_eq!(
            (
                s.new_blockers,
                s.cleared_blockers,
                s.gates_changed,
                s.finish_change_days
            ),
            (None, None, None, None)
        );
        // A done date on the comparison day itself is before its end.
        let s = since(&now, Baseline::None { reason: "x" }, d("2026-11-23"));
        assert!(s.done.is_empty());
    }

    #[test]
    fn an_invalid_baseline_falls_back_to_done_dates_and_says_so() {
        let text = monday();
        let now = crate::evaluate(&text, d("2026-11-23")).expect("monday loads");
        let s = since(&now, git("[project]\nnmae = 1\n"), d("2026-11-20"));
        assert_eq!(s.done, vec!["b"]);
        match s.source {
            Source::DoneDates { reason } => assert!(reason.contains("0123456789"), "{reason}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn evidence_gates_are_not_compared() {
        // The baseline is evaluated without evidence files: an evidence gate
        // that passes now on today's files must not show as changed.
        let with_junit =
            |text: &str| format!("{text}\n[[gate]]\nid = \"tests\"\njunit = \"x.xml\"\n");
        let mut now = crate::evaluate(&with_junit(FRIDAY), d("2026-11-23")).expect("friday loads");
        let tests = now.manifest.gates.iter().position(|g| g.id == "tests");
        now.gates[tests.expect("the junit gate")].status = GateStatus::Pass;
        let s = since(&now, git(&with_junit(FRIDAY)), d("2026-11-20"));
        assert_eq!(s.gates_changed, Some(Vec::new()));
        // Nor when it goes away.
        let now = crate::evaluate(FRIDAY, d("2026-11-23")).expect("friday loads");
        let s = since(&now, git(&with_junit(FRIDAY)), d("2026-11-20"));
        assert_eq!(s.gates_changed, Some(Vec::new()));
    }

    #[test]
    fn an_unknown_finish_gives_no_move() {
        let now = crate::evaluate(&monday(), d("2026-11-23")).expect("loads");
        let no_estimates = "[project]\nname = \"x\"\n\n[[component]]\nid = \"app\"\n\n[[task]]\nid = \"z\"\ntitle = \"z\"\ncomponent = \"app\"\n";
        let s = since(&now, git(no_estimates), d("2026-11-20"));
        assert_eq!(s.finish_change_days, None);
        assert_eq!(s.finish_then, None);
    }
}

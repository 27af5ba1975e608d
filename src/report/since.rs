//! The "since the last working day" section of the reports: the `since`
//! object of the JSON report (SPEC §3.1) and the lines the text and markdown
//! reports open with.

use serde::Serialize;

use crate::manifest::diagnostics::strip_controls;
use crate::model::Snapshot;
use crate::model::format::{list_ids, num, percent, plural};
use crate::standup::{Since, Source};

/// What a comparison without a baseline cannot tell.
pub const NEEDS_GIT: &str =
    "new and cleared blockers, gate changes and the forecast's move need the file's git history";

/// SPEC §3.1's `since`, plus added fields.
#[derive(Serialize)]
pub struct Json<'a> {
    from: String,
    done: &'a [String],
    new_blockers: Option<&'a [String]>,
    cleared_blockers: Option<&'a [String]>,
    finish_change_days: Option<i64>,
    /// Added: `git` or `done_dates`.
    source: &'static str,
    /// Added: the baseline commit, its date and the file's path in it.
    commit: Option<&'a str>,
    commit_date: Option<String>,
    path: Option<&'a str>,
    /// Added: why there is no git baseline.
    note: Option<&'a str>,
    gates_changed: Option<Vec<GateJson<'a>>>,
    added: Option<&'a [String]>,
    removed: Option<&'a [String]>,
    /// Added: completion now minus then, in points (unrounded).
    completion_change: Option<f64>,
    /// Added: the deterministic finish then.
    finish_then: Option<String>,
}

#[derive(Serialize)]
struct GateJson<'a> {
    id: &'a str,
    old: Option<&'static str>,
    new: Option<&'static str>,
}

pub fn json(since: &Since) -> Json<'_> {
    let (commit, commit_date, path, note) = match &since.source {
        Source::Git { commit, path, date } => (
            Some(commit.as_str()),
            Some(date.to_string()),
            Some(path.as_str()),
            None,
        ),
        Source::DoneDates { reason } => (None, None, None, Some(reason.as_str())),
    };
    Json {
        from: since.from.to_string(),
        done: &since.done,
        new_blockers: since.new_blockers.as_deref(),
        cleared_blockers: since.cleared_blockers.as_deref(),
        finish_change_days: since.finish_change_days,
        source: since.source.as_str(),
        commit,
        commit_date,
        path,
        note,
        gates_changed: since.gates_changed.as_ref().map(|gates| {
            gates
                .iter()
                .map(|g| GateJson {
                    id: &g.id,
                    old: g.old.map(|s| s.as_str()),
                    new: g.new.map(|s| s.as_str()),
                })
                .collect()
        }),
        added: since.added.as_deref(),
        removed: since.removed.as_deref(),
        completion_change: since.completion_change,
        finish_then: since.finish_then.map(|d| d.to_string()),
    }
}

/// `Fri 2026-11-20`.
pub fn day(since: &Since) -> String {
    since.from.format("%a %Y-%m-%d").to_string()
}

/// Where the comparison came from, in a few words.
pub fn source_phrase(since: &Since) -> String {
    match &since.source {
        Source::Git { commit, date, .. } => format!(
            "compared with commit {} of {date}",
            crate::standup::since::short(commit)
        ),
        Source::DoneDates { reason } => {
            format!("from `done` dates only: {}", strip_controls(reason))
        }
    }
}

/// The finish's move in words: `2 working days later`, `unchanged`.
pub fn finish_move(days: i64) -> String {
    let moved = plural(days.unsigned_abs() as usize, "working day", "working days");
    match days {
        0 => "unchanged".into(),
        d if d > 0 => format!("{moved} later"),
        _ => format!("{moved} earlier"),
    }
}

/// The section's items, one sentence each (without bullets).
pub fn items(since: &Since, s: &Snapshot) -> Vec<String> {
    const MAX: usize = 12;
    // Up to MAX ids, then `+N more`; ids come from the file: no controls.
    let ids = |list: &[String]| strip_controls(&list_ids(list, MAX));
    let mut out = Vec::new();
    out.push(if since.done.is_empty() {
        "nothing done".to_owned()
    } else {
        format!("{} done: {}", since.done.len(), ids(&since.done))
    });
    if let Some(new) = &since.new_blockers {
        if !new.is_empty() {
            out.push(format!("{} new blocked: {}", new.len(), ids(new)));
        }
    }
    if let Some(cleared) = &since.cleared_blockers {
        if !cleared.is_empty() {
            out.push(format!("{} unblocked: {}", cleared.len(), ids(cleared)));
        }
    }
    if let Some(gates) = &since.gates_changed {
        if !gates.is_empty() {
            let moves: Vec<String> = gates
                .iter()
                .take(MAX)
                .map(|g| {
                    let side =
                        |st: Option<crate::model::GateStatus>| st.map_or("—", |st| st.as_str());
                    format!(
                        "{} {} → {}",
                        strip_controls(&g.id),
                        side(g.old),
                        side(g.new)
                    )
                })
                .collect();
            out.push(format!("gates: {}", moves.join(", ")));
        }
    }
    if let (Some(added), Some(removed)) = (&since.added, &since.removed) {
        if !added.is_empty() || !removed.is_empty() {
            let mut scope = Vec::new();
            if !added.is_empty() {
                scope.push(format!("+{} ({})", added.len(), ids(added)));
            }
            if !removed.is_empty() {
                scope.push(format!("−{} ({})", removed.len(), ids(removed)));
            }
            out.push(format!("scope: {} tasks", scope.join(", ")));
        }
    }
    if let Some(change) = since.completion_change {
        out.push(format!(
            "completion {}{} points (now {})",
            if change >= 0.0 { "+" } else { "−" },
            num(change.abs()),
            percent(s.completion)
        ));
    }
    match (
        since.finish_change_days,
        since.finish_then,
        s.forecast.finish,
    ) {
        (Some(days), Some(then), Some(now)) if then != now => {
            out.push(format!("finish {} ({then} → {now})", finish_move(days)));
        }
        (Some(days), _, Some(now)) => {
            out.push(format!("finish {} ({now})", finish_move(days)));
        }
        _ if since.completion_change.is_some() => {
            out.push("finish move unknown: no deterministic finish on one side".into());
        }
        _ => {}
    }
    if since.new_blockers.is_none() {
        out.push(NEEDS_GIT.into());
    }
    out
}

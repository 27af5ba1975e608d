//! The `since` object of the JSON report (docs/cli.md, "The JSON report"): what
//! changed since the last working day, for scripts. The text and markdown
//! reports word it through [`crate::view::since`].

use serde::Serialize;

use crate::standup::{Since, Source};

/// The `since` object, plus added fields.
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

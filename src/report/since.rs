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
    /// Added: the answer's move in working days, later positive
    /// (docs/manifest.md, "Why it moved"), and the P50 and P85 then.
    p50_change_days: Option<i64>,
    p85_change_days: Option<i64>,
    p50_then: Option<String>,
    p85_then: Option<String>,
    /// Added: the move split by class of change, in replay order; the
    /// days add up to the two changes above.
    causes: Option<Vec<CauseJson>>,
}

#[derive(Serialize)]
pub struct CauseJson {
    /// `done`, `scope`, `estimates`, `record`, `people`, `blockers`, `time`.
    kind: &'static str,
    p50_days: i64,
    p85_days: i64,
    /// `sync-server took 2.4× its estimate`, worded as the reports word it.
    detail: String,
    /// The tasks behind it, most telling first.
    tasks: Vec<String>,
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
        p50_change_days: since.causes.as_ref().map(|c| c.p50_change_days),
        p85_change_days: since.causes.as_ref().map(|c| c.p85_change_days),
        p50_then: since.causes.as_ref().map(|c| c.p50_then.to_string()),
        p85_then: since.causes.as_ref().map(|c| c.p85_then.to_string()),
        causes: since.causes.as_ref().map(causes),
    }
}

/// A move's causes as JSON (`since.causes`, `trend.days[].causes`): each
/// class that changed, in replay order, its days, detail and tasks.
pub fn causes(c: &crate::standup::Causes) -> Vec<CauseJson> {
    c.causes
        .iter()
        .map(|cause| CauseJson {
            kind: cause.kind.as_str(),
            p50_days: cause.p50_days,
            p85_days: cause.p85_days,
            detail: crate::view::causes::detail(cause),
            tasks: {
                let mut tasks: Vec<String> = Vec::new();
                for id in cause.changes.iter().filter_map(|c| c.task()) {
                    if !tasks.iter().any(|t| t == id) {
                        tasks.push(crate::view::text::clean(id));
                    }
                }
                tasks
            },
        })
        .collect()
}

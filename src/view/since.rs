//! "Since the last working day" in words (docs/manifest.md, "Since the last
//! working day"): the items the text and markdown reports list and
//! presentation mode shows beside a mark each, and where the comparison came
//! from — said once: without git history only the tasks done are known,
//! and the source line says why. The items come most telling first: done,
//! new and cleared blockers, the finish's move, completion, then gates and
//! scope (presentation mode shows as many as fit).

use super::Tone;
use super::figure::{date, day, percent, plural, signed_points, working_days};
use super::text::{clean, list_ids};
use crate::model::{GateStatus, Snapshot};
use crate::standup::{Since, Source};

/// One thing that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct SinceItem {
    /// `✓`, `⊘`, `↑`, `→`, `%`, `±`, or a gate's new status symbol.
    pub mark: &'static str,
    pub tone: Tone,
    pub text: String,
    /// 0 for a change, 1 for a cause of the forecast's move, shown under it.
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SinceView {
    /// `Fri 2026-11-20`
    pub from: String,
    /// `compared with commit 4f1c2e9a7b of 2026-11-20`, or `done dates only:
    /// not in a git repository`.
    pub source: String,
    /// Whether the comparison is with the file's git history.
    pub from_git: bool,
    pub items: Vec<SinceItem>,
}

/// Ids listed before `+N more`.
const MAX_IDS: usize = 12;

impl SinceView {
    pub fn of(since: &Since, s: &Snapshot) -> SinceView {
        let ids = |list: &[String]| list_ids(list, MAX_IDS);
        let mut items = Vec::new();
        let mut push = |mark, tone, text: String| {
            items.push(SinceItem {
                mark,
                tone,
                text,
                level: 0,
            })
        };
        if since.done.is_empty() {
            push("✓", Tone::Dim, "nothing done".to_owned());
        } else {
            let text = format!("{} done: {}", since.done.len(), ids(&since.done));
            push("✓", Tone::Good, text);
        }
        if let Some(new) = since.new_blockers.as_deref().filter(|l| !l.is_empty()) {
            push(
                "⊘",
                Tone::Bad,
                format!("{} new blocked: {}", new.len(), ids(new)),
            );
        }
        if let Some(cleared) = since.cleared_blockers.as_deref().filter(|l| !l.is_empty()) {
            let text = format!("{} unblocked: {}", cleared.len(), ids(cleared));
            push("↑", Tone::Good, text);
        }
        match (
            since.finish_change_days,
            since.finish_then,
            s.forecast.finish,
        ) {
            (Some(days), then, Some(now)) => {
                let tone = if days > 0 { Tone::Bad } else { Tone::Good };
                let dates = match then {
                    Some(then) if then != now => format!("{} → {}", date(then), date(now)),
                    _ => date(now),
                };
                // The throughput method has no plan: its finish is its P50.
                let what = match s.forecast.method {
                    crate::forecast::Method::Throughput => "P50",
                    _ => super::forecast::FACE_VALUE,
                };
                let text = format!("{what} {} ({dates})", finish_move(days));
                push("→", tone, text);
            }
            _ if since.completion_change.is_some() => push(
                "→",
                Tone::Dim,
                format!(
                    "{} move unknown: no finish on one side",
                    super::forecast::FACE_VALUE
                ),
            ),
            _ => {}
        }
        if let Some(change) = since.completion_change {
            let text = format!(
                "completion {} (now {})",
                signed_points(change),
                percent(s.completion)
            );
            push("%", Tone::Dim, text);
        }
        for g in since.gates_changed.iter().flatten().take(MAX_IDS) {
            let side = |st: Option<GateStatus>| st.map_or("—", |st| st.as_str());
            let (mark, tone) = match g.new {
                Some(GateStatus::Pass) => ("✓", Tone::Good),
                Some(GateStatus::Fail) => ("✗", Tone::Bad),
                Some(GateStatus::Unknown) => ("?", Tone::Warn),
                None => ("·", Tone::Dim),
            };
            let text = format!("gate {}: {} → {}", clean(&g.id), side(g.old), side(g.new));
            push(mark, tone, text);
        }
        if let (Some(added), Some(removed)) = (&since.added, &since.removed)
            && (!added.is_empty() || !removed.is_empty())
        {
            let mut scope = Vec::new();
            if !added.is_empty() {
                scope.push(format!(
                    "+{} ({})",
                    plural(added.len(), "task", "tasks"),
                    ids(added)
                ));
            }
            if !removed.is_empty() {
                scope.push(format!(
                    "-{} ({})",
                    plural(removed.len(), "task", "tasks"),
                    ids(removed)
                ));
            }
            push("±", Tone::Dim, format!("scope {}", scope.join(", ")));
        }
        let (source, from_git) = match &since.source {
            Source::Git {
                commit, date: d, ..
            } => (
                format!(
                    "compared with commit {} of {}",
                    crate::standup::since::short(commit),
                    date(*d)
                ),
                true,
            ),
            Source::DoneDates { reason } => (format!("done dates only: {}", clean(reason)), false),
        };
        SinceView {
            from: day(since.from),
            source,
            from_git,
            items,
        }
    }
}

/// The finish's move in words: `2 working days later`, `unchanged`.
pub fn finish_move(days: i64) -> String {
    let moved = working_days(days.unsigned_abs());
    match days {
        0 => "unchanged".into(),
        d if d > 0 => format!("{moved} later"),
        _ => format!("{moved} earlier"),
    }
}

//! What stops the release, as the blockers pane, presentation mode and the
//! reports list it: the blocked tasks ranked by the days they hold up, then
//! the hard gates that do not pass (in the gates' order); and the one
//! summary, `2 blocked tasks · hard gates 3 failing, 1 unknown`.

use super::Tone;
use super::figure::{days, plural};
use super::gates::Gates;
use super::tasks::Tasks;
use super::text::clean;
use crate::model::{GateStatus, Snapshot};

/// What a blocked task without a `blocker` text shows as its reason.
pub const NO_REASON: &str = "status blocked (no reason given)";

/// One row of the blockers list.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockerRow {
    /// A blocked task.
    Task {
        /// 1 for the task that holds up the most.
        rank: usize,
        /// Index into `manifest.tasks`.
        task: usize,
        id: String,
        title: String,
        /// The blocker's text, or [`NO_REASON`].
        reason: String,
        /// `7.1 d`
        holds_up: String,
    },
    /// A hard gate that does not pass.
    Gate {
        /// Index into `manifest.gates`.
        gate: usize,
        id: String,
        status: GateStatus,
        symbol: &'static str,
        tone: Tone,
        /// `hard gate p0-done fails`, `hard gate dpa is unknown`
        head: String,
        detail: String,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Blockers {
    /// Tasks first, ranked; then gates.
    pub rows: Vec<BlockerRow>,
    pub tasks: usize,
    pub gates: usize,
    /// `2 blocked tasks · hard gates 3 failing, 1 unknown`; `nothing
    /// blocked` when empty.
    pub summary: String,
    /// The same counts in fewer words, for a narrow title, longest first:
    /// `2 blocked tasks · 4 hard gates`, `2 tasks · 4 gates`. They add up
    /// to the rows listed. Empty when the summary names one kind only.
    pub shorter: Vec<String>,
}

impl Blockers {
    pub fn of(s: &Snapshot, gates: &Gates, tasks: &Tasks) -> Blockers {
        let m = &s.manifest;
        let mut rows: Vec<BlockerRow> = s
            .blockers
            .iter()
            .enumerate()
            .map(|(k, b)| {
                let row = &tasks.rows[b.task];
                BlockerRow::Task {
                    rank: k + 1,
                    task: b.task,
                    id: row.id.clone(),
                    title: row.title.clone(),
                    reason: b
                        .reason
                        .as_deref()
                        .map_or_else(|| NO_REASON.to_owned(), clean),
                    holds_up: days(b.holds_up_days),
                }
            })
            .collect();
        let task_count = rows.len();
        rows.extend(gates.hard_not_passing().map(|g| BlockerRow::Gate {
            gate: g.index,
            id: g.id.clone(),
            status: g.status,
            symbol: g.symbol,
            tone: g.tone,
            head: gate_head(&m.gates[g.index].id, g.status),
            detail: g.detail.clone(),
        }));
        let gate_count = rows.len() - task_count;
        let mut parts = Vec::new();
        if task_count > 0 {
            parts.push(plural(task_count, "blocked task", "blocked tasks"));
        }
        if let Some(why) = &gates.not_passing {
            parts.push(format!("hard gates {why}"));
        }
        let summary = if parts.is_empty() {
            "nothing blocked".to_owned()
        } else {
            parts.join(" · ")
        };
        let shorter = if task_count > 0 && gate_count > 0 {
            vec![
                format!(
                    "{} · {}",
                    plural(task_count, "blocked task", "blocked tasks"),
                    plural(gate_count, "hard gate", "hard gates")
                ),
                format!(
                    "{} · {}",
                    plural(task_count, "task", "tasks"),
                    plural(gate_count, "gate", "gates")
                ),
            ]
        } else {
            Vec::new()
        };
        Blockers {
            rows,
            tasks: task_count,
            gates: gate_count,
            summary,
            shorter,
        }
    }
}

/// `hard gate p0-done fails`, `hard gate dpa is unknown`.
pub fn gate_head(id: &str, status: GateStatus) -> String {
    let verb = if status == GateStatus::Fail {
        "fails"
    } else {
        "is unknown"
    };
    format!("hard gate {} {verb}", clean(id))
}

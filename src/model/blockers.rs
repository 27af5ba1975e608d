//! Blockers ranked by what they hold up (SPEC §2): each blocked task with
//! `holds_up_days` = its remaining days plus those of every task that depends
//! on it, directly or transitively, each counted once.

use crate::manifest::graph::topological_order;
use crate::manifest::{Manifest, Status};

use super::figures::{TaskFigures, TaskState};

/// A blocked task and what it holds up.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocker {
    /// Index into `Manifest::tasks`.
    pub task: usize,
    pub reason: String,
    pub holds_up_days: f64,
}

/// The blockers, sorted by holds_up_days descending, then priority, then
/// manifest order.
///
/// Exact shared-descendant counting without a search per blocker: in
/// topological order each task inherits a bit set of the blockers upstream of
/// it (64 blockers per pass), then adds its remaining days to each of them.
/// O((tasks + edges) × ⌈blockers / 64⌉).
pub fn blockers(manifest: &Manifest, tasks: &[TaskFigures]) -> Vec<Blocker> {
    let blocked: Vec<usize> = (0..tasks.len())
        .filter(|&i| tasks[i].state == TaskState::Blocked)
        .collect();
    if blocked.is_empty() {
        return Vec::new();
    }
    let order = topological_order(manifest.tasks.len(), |i| &manifest.tasks[i].depends_on);
    let mut held = vec![0.0f64; blocked.len()];
    let mut masks = vec![0u64; tasks.len()];
    for (batch, chunk) in blocked.chunks(64).enumerate() {
        masks.fill(0);
        for (bit, &b) in chunk.iter().enumerate() {
            masks[b] = 1 << bit;
        }
        for &i in &order {
            // Dropped tasks are left out: they inherit nothing and so pass
            // nothing on (a dependency on a dropped task is satisfied).
            if manifest.tasks[i].status == Status::Dropped {
                continue;
            }
            let mut mask = masks[i];
            for &d in &manifest.tasks[i].depends_on {
                mask |= masks[d];
            }
            masks[i] = mask;
            let remaining = tasks[i].remaining;
            while mask != 0 {
                let bit = mask.trailing_zeros() as usize;
                held[batch * 64 + bit] += remaining;
                mask &= mask - 1;
            }
        }
    }
    let mut out: Vec<Blocker> = blocked
        .iter()
        .zip(held)
        .map(|(&task, holds_up_days)| Blocker {
            task,
            reason: manifest.tasks[task]
                .blocker
                .clone()
                .unwrap_or_else(|| "status blocked (no reason given)".into()),
            holds_up_days,
        })
        .collect();
    out.sort_by(|a, b| {
        b.holds_up_days
            .total_cmp(&a.holds_up_days)
            .then(
                manifest.tasks[a.task]
                    .priority
                    .cmp(&manifest.tasks[b.task].priority),
            )
            .then(a.task.cmp(&b.task))
    });
    out
}

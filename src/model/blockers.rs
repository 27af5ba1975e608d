//! Blockers ranked by what they hold up (docs/manifest.md, "How the figures are
//! computed"): each blocked task with
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
    /// The `blocker` text; `None` for `status = "blocked"` without one.
    pub reason: Option<String>,
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
    let mut position = vec![0u32; tasks.len()];
    for (p, &i) in order.iter().enumerate() {
        position[i] = p as u32;
    }
    // The graph in topological positions, flat and compact, so that each pass
    // streams through a few small arrays. Dropped tasks are left out: no
    // dependencies and nothing remaining, so they pass nothing on (a
    // dependency on a dropped task is satisfied).
    let live = |i: usize| manifest.tasks[i].status != Status::Dropped;
    let mut offsets: Vec<u32> = Vec::with_capacity(order.len() + 1);
    let mut deps: Vec<u32> = Vec::new();
    let mut remaining: Vec<f64> = Vec::with_capacity(order.len());
    offsets.push(0);
    for &i in &order {
        if live(i) {
            deps.extend(
                manifest.tasks[i]
                    .depends_on
                    .iter()
                    .filter(|&&d| live(d))
                    .map(|&d| position[d]),
            );
        }
        offsets.push(deps.len() as u32);
        remaining.push(if live(i) { tasks[i].remaining } else { 0.0 });
    }
    // Blockers by position, so that a batch's first blocker bounds where its
    // pass starts: nothing before it can descend from it.
    let mut by_position: Vec<usize> = (0..blocked.len()).collect();
    by_position.sort_by_key(|&k| position[blocked[k]]);
    let mut held = vec![0.0f64; blocked.len()];
    let mut masks = vec![0u64; order.len()];
    // Per byte of a mask, the remaining days of the tasks showing each byte
    // value: 8 additions a task instead of one per upstream blocker.
    let mut buckets = vec![[0.0f64; 256]; 8];
    for chunk in by_position.chunks(64) {
        let first = position[blocked[chunk[0]]] as usize;
        masks[first..].fill(0);
        for (bit, &k) in chunk.iter().enumerate() {
            masks[position[blocked[k]] as usize] = 1 << bit;
        }
        for p in first..order.len() {
            let mut mask = masks[p];
            for &q in &deps[offsets[p] as usize..offsets[p + 1] as usize] {
                // Positions before `first` hold stale bits from an earlier batch.
                if q as usize >= first {
                    mask |= masks[q as usize];
                }
            }
            masks[p] = mask;
            if mask == 0 || remaining[p] == 0.0 {
                continue;
            }
            for (bucket, byte) in buckets.iter_mut().zip(mask.to_le_bytes()) {
                if byte != 0 {
                    bucket[byte as usize] += remaining[p];
                }
            }
        }
        for (k, bucket) in buckets.iter_mut().enumerate() {
            for (value, sum) in bucket.iter_mut().enumerate().skip(1) {
                let mut bits = value;
                while *sum != 0.0 && bits != 0 {
                    held[chunk[k * 8 + bits.trailing_zeros() as usize]] += *sum;
                    bits &= bits - 1;
                }
                *sum = 0.0;
            }
        }
    }
    let mut out: Vec<Blocker> = blocked
        .iter()
        .zip(held)
        .map(|(&task, holds_up_days)| Blocker {
            task,
            reason: manifest.tasks[task].blocker.clone(),
            holds_up_days,
        })
        .collect();
    // Days compared on a 1e-9 grid: 0.1 + 0.2 ties with 0.3.
    let grid = |days: f64| (days * 1e9).round() as i64;
    out.sort_by(|a, b| {
        grid(b.holds_up_days)
            .cmp(&grid(a.holds_up_days))
            .then(
                manifest.tasks[a.task]
                    .priority
                    .cmp(&manifest.tasks[b.task].priority),
            )
            .then(a.task.cmp(&b.task))
    });
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::fmt::Write as _;

    use chrono::NaiveDate;

    /// Many batches of 64, dropped and done tasks in the graph: the bit-set
    /// passes agree with a plain search from each blocker.
    #[test]
    fn batched_bit_sets_match_a_search_per_blocker() {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let n = 400;
        let mut text = String::from("[project]\nname = \"p\"\n[[component]]\nid = \"c\"\n");
        for i in 0..n {
            let status =
                ["todo", "blocked", "blocked", "done", "dropped", "doing"][next(6) as usize];
            let _ = write!(
                text,
                "[[task]]\nid = \"t{i}\"\ntitle = \"t\"\ncomponent = \"c\"\nstatus = \"{status}\"\nestimate = {}\nprogress = {}\n",
                1 + next(5),
                next(4) * 25
            );
            if status == "done" {
                text.push_str("done = 2026-11-20\n");
            }
            let deps: Vec<String> = (0..next(3).min(i))
                .map(|_| format!("\"t{}\"", next(i)))
                .collect();
            let _ = writeln!(text, "depends_on = [{}]", deps.join(", "));
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let s = crate::evaluate(&text, today).unwrap();
        let m = &s.manifest;
        assert!(s.blockers.len() > 128, "{} blockers", s.blockers.len());
        for b in &s.blockers {
            // Depth-first over dependents, skipping dropped tasks.
            let mut seen = HashSet::from([b.task]);
            let mut stack = vec![b.task];
            while let Some(t) = stack.pop() {
                for (j, task) in m.tasks.iter().enumerate() {
                    let live = task.status != crate::manifest::Status::Dropped;
                    if live && task.depends_on.contains(&t) && seen.insert(j) {
                        stack.push(j);
                    }
                }
            }
            let expected: f64 = seen.iter().map(|&t| s.tasks[t].remaining).sum();
            assert!(
                (b.holds_up_days - expected).abs() < 1e-9,
                "{}: {} != {expected}",
                m.tasks[b.task].id,
                b.holds_up_days
            );
        }
    }
}

//! The list scheduler of SPEC §2.2: `people` workers, non-preemptive, in
//! continuous time from t = 0. Whenever a worker is free it takes, among the
//! tasks whose dependencies have all finished, the one with the longest
//! remaining critical path (its duration plus the longest chain of its
//! dependents' durations); ties go to doing before todo, then the more urgent
//! priority, then manifest order.
//!
//! A [`Plan`] holds what does not change between runs (the graph and the tie
//! order) so that many runs with different durations — the Monte Carlo trials
//! of the forecast — share it.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use super::ready_set::ReadySet;
use crate::manifest::Priority;
use crate::manifest::graph::Dependents;

/// Finish times closer than this are simultaneous (float sums).
const EPSILON: f64 = 1e-9;

/// One task to schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// Indices of the jobs this one waits for.
    pub depends_on: Vec<usize>,
    pub doing: bool,
    pub priority: Priority,
}

/// The dependency graph and static tie order of a set of jobs.
#[derive(Debug, Clone)]
pub struct Plan {
    dependents: Dependents,
    indegree: Vec<u32>,
    /// Jobs in an order where every dependency comes before its dependents.
    topological: Vec<u32>,
    /// Position of each job in the tie order (doing, priority, manifest order).
    tie_rank: Vec<u32>,
    /// The jobs in tie order: `by_rank[tie_rank[i]] == i`.
    by_rank: Vec<u32>,
    /// Bits a tie rank takes in a ready key.
    rank_bits: u32,
}

/// The outcome of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// When the last job finishes, in working days from the start of day 0.
    pub makespan: f64,
    pub start: Vec<f64>,
    pub finish: Vec<f64>,
}

impl Plan {
    /// Builds the plan. The jobs' dependencies must form no cycle (the
    /// manifest's validation guarantees it).
    pub fn new(jobs: &[Job]) -> Plan {
        let n = jobs.len();
        let indegree: Vec<u32> = jobs.iter().map(|j| j.depends_on.len() as u32).collect();
        let dependents = Dependents::new(n, |i| &jobs[i].depends_on);
        let topological = dependents.topological_order(&indegree);
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by_key(|&i| {
            let job = &jobs[i as usize];
            (!job.doing, job.priority, i)
        });
        let mut tie_rank = vec![0u32; n];
        for (rank, &i) in order.iter().enumerate() {
            tie_rank[i as usize] = rank as u32;
        }
        Plan {
            dependents,
            indegree,
            topological,
            tie_rank,
            by_rank: order,
            rank_bits: u32::BITS - (n as u32).leading_zeros(),
        }
    }

    pub fn len(&self) -> usize {
        self.indegree.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indegree.is_empty()
    }

    /// Schedules the jobs with the given durations (working days of one
    /// worker) on `people` workers, recording each job's start and finish.
    pub fn run(&self, durations: &[f64], people: u32) -> Run {
        let n = self.len();
        let mut start = vec![0.0; n];
        let mut finish = vec![0.0; n];
        let mut scratch = Scratch::default();
        let makespan = self.schedule(
            durations,
            people,
            &mut scratch,
            Some((&mut start, &mut finish)),
        );
        Run {
            makespan,
            start,
            finish,
        }
    }

    /// The makespan alone, reusing `scratch` between calls: what a Monte
    /// Carlo trial needs. Equal to `run(..).makespan` up to float rounding.
    pub fn makespan(&self, durations: &[f64], people: u32, scratch: &mut Scratch) -> f64 {
        let n = self.len();
        assert_eq!(durations.len(), n, "one duration per job");
        if people <= 1 {
            // One worker is never idle while work remains (the graph has no
            // cycle): the makespan is the sum of the durations.
            return durations.iter().sum();
        }
        if people as usize >= n {
            // Every job starts the moment its dependencies finish: the
            // makespan is the longest path.
            self.critical_paths_into(durations, &mut scratch.critical);
            return scratch.critical.iter().copied().fold(0.0, f64::max);
        }
        self.schedule(durations, people, scratch, None)
    }

    /// Each job's remaining critical path into `path`: its duration plus the
    /// longest chain of its dependents' durations.
    fn critical_paths_into(&self, durations: &[f64], path: &mut Vec<f64>) {
        path.clear();
        path.extend_from_slice(durations);
        for &i in self.topological.iter().rev() {
            let i = i as usize;
            let longest = self
                .dependents
                .of(i)
                .iter()
                .map(|&j| path[j as usize])
                .fold(0.0, f64::max);
            path[i] = durations[i] + longest;
        }
    }

    /// The list schedule itself; `record` receives each job's start and finish.
    fn schedule(
        &self,
        durations: &[f64],
        people: u32,
        scratch: &mut Scratch,
        mut record: Option<(&mut [f64], &mut [f64])>,
    ) -> f64 {
        assert_eq!(durations.len(), self.len(), "one duration per job");
        let n = self.len();
        let Scratch {
            critical,
            waiting_for,
            keys,
            order,
            position,
            ready,
            running,
            completed,
        } = scratch;
        self.critical_paths_into(durations, critical);
        // Every job's priority for this run, sorted most urgent first; each
        // key's low bits name its job (through the tie rank).
        let packing = ReadyKeys::new(critical, self.rank_bits);
        keys.clear();
        keys.extend((0..n).map(|i| packing.key(critical[i], self.tie_rank[i])));
        keys.sort_unstable_by(|a, b| b.cmp(a));
        order.clear();
        order.extend(keys.iter().map(|&k| self.by_rank[packing.rank(k)]));
        position.resize(n, 0);
        for (p, &i) in order.iter().enumerate() {
            position[i as usize] = p as u32;
        }
        waiting_for.clear();
        waiting_for.extend_from_slice(&self.indegree);
        ready.reset(n);
        running.clear();
        for (i, _) in waiting_for.iter().enumerate().filter(|(_, w)| **w == 0) {
            ready.insert(position[i] as usize);
        }
        let mut free = people.max(1) as usize;
        let mut now = 0.0f64;
        let mut makespan = 0.0f64;
        loop {
            while free > 0 {
                let Some(p) = ready.pop() else { break };
                let i = order[p] as usize;
                let end = now + durations[i];
                if let Some((start, finish)) = record.as_mut() {
                    start[i] = now;
                    finish[i] = end;
                }
                makespan = makespan.max(end);
                running.push(Reverse(Running {
                    finish: end,
                    index: i as u32,
                }));
                free -= 1;
            }
            let Some(Reverse(first)) = running.pop() else {
                break;
            };
            now = first.finish;
            completed.clear();
            completed.push(first.index);
            while let Some(Reverse(next)) = running.peek() {
                if next.finish > now + EPSILON {
                    break;
                }
                completed.push(next.index);
                running.pop();
            }
            free += completed.len();
            for &done in completed.iter() {
                for &j in self.dependents.of(done as usize) {
                    let j = j as usize;
                    waiting_for[j] -= 1;
                    if waiting_for[j] == 0 {
                        ready.insert(position[j] as usize);
                    }
                }
            }
        }
        makespan
    }
}

/// The chain of jobs that sets a run's makespan, first to last: from the job
/// that finishes last, step back to the job that finished exactly when it
/// started — a dependency when one did, else the job that freed its worker —
/// until a job that starts at 0.
pub fn critical_chain(jobs: &[Job], run: &Run) -> Vec<usize> {
    let n = run.finish.len();
    let Some(last) = (0..n).max_by(|&a, &b| {
        run.finish[a]
            .total_cmp(&run.finish[b])
            .then_with(|| b.cmp(&a))
    }) else {
        return Vec::new();
    };
    let mut by_finish: Vec<usize> = (0..n).collect();
    by_finish.sort_by(|&a, &b| run.finish[a].total_cmp(&run.finish[b]).then(a.cmp(&b)));
    let finished_at = |t: f64, not: usize| -> Option<usize> {
        let from = by_finish.partition_point(|&k| run.finish[k] < t - EPSILON);
        by_finish[from..]
            .iter()
            .take_while(|&&k| run.finish[k] <= t + EPSILON)
            .copied()
            .find(|&k| k != not)
    };
    let mut chain = vec![last];
    let mut at = last;
    while run.start[at] > EPSILON && chain.len() <= n {
        let start = run.start[at];
        let tight = |d: &&usize| (run.finish[**d] - start).abs() <= EPSILON;
        let previous = jobs[at]
            .depends_on
            .iter()
            .find(tight)
            .copied()
            .or_else(|| finished_at(start, at));
        let Some(previous) = previous else { break };
        chain.push(previous);
        at = previous;
    }
    chain.reverse();
    chain
}

/// Buffers a schedule needs, kept between runs so that a trial allocates
/// nothing.
#[derive(Debug, Default)]
pub struct Scratch {
    critical: Vec<f64>,
    waiting_for: Vec<u32>,
    keys: Vec<u64>,
    order: Vec<u32>,
    position: Vec<u32>,
    ready: ReadySet,
    running: BinaryHeap<Reverse<Running>>,
    completed: Vec<u32>,
}

/// A job's priority in a run as one integer, the most urgent largest: the
/// critical path on a 1e-9 day grid (so that paths equal but for float
/// rounding, 0.1 + 0.2 and 0.3, tie) in the high bits, then the tie order
/// (doing, priority, manifest order) reversed in the low bits. A plan whose
/// paths need more bits than are left over drops the grid's lowest bits
/// (ties within that coarser grid).
struct ReadyKeys {
    rank_bits: u32,
    rank_mask: u64,
    shift: u32,
}

impl ReadyKeys {
    fn new(critical: &[f64], rank_bits: u32) -> Self {
        let longest = critical.iter().map(|&c| grid(c)).max().unwrap_or(0);
        let needed = u64::BITS - longest.leading_zeros();
        let rank_mask = if rank_bits == 0 {
            0
        } else {
            u64::MAX >> (u64::BITS - rank_bits)
        };
        ReadyKeys {
            rank_bits,
            rank_mask,
            shift: needed.saturating_sub(u64::BITS - rank_bits),
        }
    }

    fn key(&self, critical: f64, rank: u32) -> u64 {
        let path = grid(critical) >> self.shift;
        // `checked_shl`: a plan of one job has no rank bits.
        path.checked_shl(self.rank_bits).unwrap_or(0) | (self.rank_mask - u64::from(rank))
    }

    fn rank(&self, key: u64) -> usize {
        (self.rank_mask - (key & self.rank_mask)) as usize
    }
}

/// A path on the 1e-9 day grid.
fn grid(days: f64) -> u64 {
    (days / EPSILON).round().max(0.0) as u64
}

/// A job being worked on; ordered by finish time, then index.
#[derive(Debug)]
struct Running {
    finish: f64,
    index: u32,
}

impl Ord for Running {
    fn cmp(&self, other: &Self) -> Ordering {
        self.finish
            .total_cmp(&other.finish)
            .then_with(|| self.index.cmp(&other.index))
    }
}
impl PartialOrd for Running {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Running {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Running {}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(deps: &[usize]) -> Job {
        Job {
            depends_on: deps.to_vec(),
            doing: false,
            priority: Priority::P2,
        }
    }

    #[test]
    fn a_chain_runs_end_to_end_whatever_the_headcount() {
        let jobs = vec![job(&[]), job(&[0]), job(&[1])];
        let plan = Plan::new(&jobs);
        let run = plan.run(&[1.0, 2.0, 0.5], 3);
        assert_eq!(run.makespan, 3.5);
        assert_eq!(run.start, vec![0.0, 1.0, 3.0]);
    }

    #[test]
    fn independent_tasks_share_the_workers() {
        let jobs = vec![job(&[]), job(&[]), job(&[]), job(&[])];
        let plan = Plan::new(&jobs);
        assert_eq!(plan.run(&[1.0, 2.0, 3.0, 4.0], 1).makespan, 10.0);
        // 3 people: 4, 3, 2 start at once; 1 follows the 2 -> makespan 4.
        assert_eq!(plan.run(&[1.0, 2.0, 3.0, 4.0], 3).makespan, 4.0);
        assert_eq!(plan.run(&[1.0, 2.0, 3.0, 4.0], 2).makespan, 5.0);
    }

    #[test]
    fn the_longest_critical_path_goes_first() {
        // 0 (1d) leads to 2 (5d); 1 (3d) alone. One person must start 0 first:
        // 0, then 2 (cp 5) before 1 (cp 3).
        let jobs = vec![job(&[]), job(&[]), job(&[0])];
        let run = Plan::new(&jobs).run(&[1.0, 3.0, 5.0], 1);
        assert_eq!(run.start, vec![0.0, 6.0, 1.0]);
        // Two people: 0 and 1 start; 2 starts when 0 ends -> makespan 6.
        let run = Plan::new(&jobs).run(&[1.0, 3.0, 5.0], 2);
        assert_eq!(run.makespan, 6.0);
    }

    #[test]
    fn paths_equal_but_for_rounding_tie() {
        // 0: 0.1 then 0.2 (cp 0.30000000000000004); 2: 0.3 alone, P0. One
        // person: equal paths, so priority decides and 2 goes first.
        let mut jobs = vec![job(&[]), job(&[0]), job(&[])];
        jobs[2].priority = Priority::P0;
        let run = Plan::new(&jobs).run(&[0.1, 0.2, 0.3], 1);
        assert_eq!(run.start[2], 0.0);
    }

    #[test]
    fn the_critical_chain_follows_dependencies_then_workers() {
        // 0 (2d) -> 1 (1d); 2 (4d) alone; 3 (1d) alone. One person, critical
        // path first: 2, 0, 1, 3 -> the chain is the whole sequence.
        let jobs = vec![job(&[]), job(&[0]), job(&[]), job(&[])];
        let run = Plan::new(&jobs).run(&[2.0, 1.0, 4.0, 1.0], 1);
        assert_eq!(critical_chain(&jobs, &run), vec![2, 0, 1, 3]);
        // Two people: 2 on one, 0 -> 1 then 3 on the other; 2 ends last at 4.
        let run = Plan::new(&jobs).run(&[2.0, 1.0, 4.0, 1.0], 2);
        assert_eq!(critical_chain(&jobs, &run), vec![2]);
        // A chain: every link is a dependency.
        let jobs = vec![job(&[]), job(&[0]), job(&[1])];
        let run = Plan::new(&jobs).run(&[1.0, 2.0, 3.0], 4);
        assert_eq!(critical_chain(&jobs, &run), vec![0, 1, 2]);
    }

    #[test]
    fn makespan_alone_matches_the_recorded_run() {
        let jobs = vec![job(&[]), job(&[0]), job(&[]), job(&[1, 2]), job(&[])];
        let plan = Plan::new(&jobs);
        let durations = [1.5, 2.0, 0.5, 1.0, 3.0];
        let mut scratch = Scratch::default();
        for people in 1..=6 {
            let full = plan.run(&durations, people).makespan;
            let alone = plan.makespan(&durations, people, &mut scratch);
            assert!((full - alone).abs() < 1e-12, "{people}: {full} vs {alone}");
        }
    }

    #[test]
    fn ties_prefer_doing_then_priority_then_order() {
        let mut jobs = vec![job(&[]), job(&[]), job(&[]), job(&[])];
        jobs[1].priority = Priority::P0;
        jobs[3].doing = true;
        let run = Plan::new(&jobs).run(&[1.0; 4], 1);
        // doing (3), then P0 (1), then manifest order (0, 2).
        assert_eq!(run.start, vec![2.0, 1.0, 3.0, 0.0]);
    }
}

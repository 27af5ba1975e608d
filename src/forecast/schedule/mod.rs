//! The list scheduler (docs/forecast.md, *The deterministic schedule*): named people and anonymous workers,
//! non-preemptive, in continuous time from t = 0. Whenever someone is free
//! they take, among the ready tasks they may work (their own and unowned
//! ones), the one with the longest remaining critical path (its duration
//! plus the longest chain of its dependents' durations); ties go to doing
//! before todo, then the more urgent priority, then manifest order. A
//! person's days away pause the task they are on, and they are not free
//! while away.
//!
//! A [`Plan`] holds what does not change between runs (the graph, the tie
//! order, who owns what, the workers' pace and days away) so that many runs
//! with different durations — the Monte Carlo trials of the forecast —
//! share it, each allocating nothing.

mod list;

use crate::manifest::Priority;
use crate::manifest::graph::Dependents;
pub use list::Scratch;

/// Finish times closer than this are simultaneous (float sums).
const EPSILON: f64 = 1e-9;

/// One task to schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// Indices of the jobs this one waits for.
    pub depends_on: Vec<usize>,
    pub doing: bool,
    pub priority: Priority,
    /// The named worker who must work it (index into [`Workers::named`]);
    /// `None`: whoever is free.
    pub owner: Option<u32>,
}

/// A named person, as the scheduler sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct Worker {
    /// The factor on an unowned job's duration when this person takes it:
    /// the team's focus over theirs (exactly 1 when equal). An owned job's
    /// duration is already at its owner's focus.
    pub pace: f64,
    /// Days away as working-day intervals ([`super::away::intervals`]).
    pub away: Vec<(f64, f64)>,
    /// Rank of the person's id among the named ids: the tie order when
    /// several could take an unowned job (so that file order does not
    /// matter).
    pub id_rank: u32,
}

/// Who works: named people, then anonymous workers (unowned jobs only, the
/// team's focus, never away).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workers {
    pub named: Vec<Worker>,
    pub anonymous: u32,
}

impl Workers {
    /// `n` interchangeable workers, none named.
    pub fn anonymous(n: u32) -> Self {
        Workers {
            named: Vec::new(),
            anonymous: n,
        }
    }

    /// Everyone who works.
    pub fn headcount(&self) -> usize {
        self.named.len() + self.anonymous as usize
    }
}

/// The dependency graph, the static tie order and the workers of a set of
/// jobs.
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
    /// Each job's ready set: 0 for unowned jobs, 1 + w for worker w's.
    set_of: Vec<u32>,
    /// Where each set's slots start in a run's flat slot array (one more
    /// entry than there are sets).
    set_start: Vec<u32>,
    workers: Workers,
    /// Each named worker's place in the order they take unowned jobs:
    /// fastest first, then by id.
    preference: Vec<u32>,
    /// The named workers in that order: `by_preference[preference[w]] == w`.
    by_preference: Vec<u32>,
}

/// The outcome of one recorded run.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// When the last job finishes, in working days from the start of day 0.
    pub makespan: f64,
    pub start: Vec<f64>,
    pub finish: Vec<f64>,
    /// Who worked each job: a named worker's index, or the named count plus
    /// the anonymous worker's number.
    pub worker: Vec<u32>,
    /// The job the same worker did just before (`u32::MAX`: none).
    pub previous: Vec<u32>,
}

/// A run's days away and the time it records, for people a portfolio's
/// projects share (docs/portfolio.md, *Shared people*).
pub struct Shared<'a> {
    /// Per named worker: their days away in this run, in place of the
    /// plan's (their own, and the time earlier projects take).
    pub away: &'a [Vec<(f64, f64)>],
    /// Per named worker: each job they take, as [start, end), appended in
    /// the order they start (so sorted, and never overlapping).
    pub busy: &'a mut [Vec<(f64, f64)>],
}

/// Where a trial writes each component's latest finish: the job's slot in
/// `latest` (`u32::MAX`: not tracked).
pub struct Track<'a> {
    pub slot_of: &'a [u32],
    pub latest: &'a mut [f64],
}

impl Plan {
    /// Builds the plan. The jobs' dependencies must form no cycle (the
    /// manifest's validation guarantees it), and each owner must be a named
    /// worker.
    pub fn new(jobs: &[Job], workers: Workers) -> Plan {
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
        let named = workers.named.len();
        let set_of: Vec<u32> = jobs
            .iter()
            .map(|j| match j.owner {
                Some(w) => {
                    assert!((w as usize) < named, "a job's owner is a named worker");
                    1 + w
                }
                None => 0,
            })
            .collect();
        let mut set_start = vec![0u32; named + 2];
        for &set in &set_of {
            set_start[set as usize + 1] += 1;
        }
        for s in 0..=named {
            set_start[s + 1] += set_start[s];
        }
        let mut by_preference: Vec<u32> = (0..named as u32).collect();
        by_preference.sort_by(|&a, &b| {
            let (a, b) = (&workers.named[a as usize], &workers.named[b as usize]);
            a.pace.total_cmp(&b.pace).then(a.id_rank.cmp(&b.id_rank))
        });
        let mut preference = vec![0u32; named];
        for (p, &w) in by_preference.iter().enumerate() {
            preference[w as usize] = p as u32;
        }
        Plan {
            dependents,
            indegree,
            topological,
            tie_rank,
            by_rank: order,
            rank_bits: u32::BITS - (n as u32).leading_zeros(),
            set_of,
            set_start,
            workers,
            preference,
            by_preference,
        }
    }

    pub fn len(&self) -> usize {
        self.indegree.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indegree.is_empty()
    }

    pub fn workers(&self) -> &Workers {
        &self.workers
    }

    /// The duration of job `i` when `worker` (as in [`Run::worker`]) works
    /// it, from its nominal duration.
    pub fn duration_for(&self, i: usize, worker: u32, nominal: f64) -> f64 {
        match self.workers.named.get(worker as usize) {
            Some(w) if self.set_of[i] == 0 && w.pace != 1.0 => nominal * w.pace,
            _ => nominal,
        }
    }

    /// Schedules the jobs with the given nominal durations (working days:
    /// an owned job's at its owner's focus, an unowned one's at the team's),
    /// recording each job's start, finish and worker.
    pub fn run(&self, durations: &[f64]) -> Run {
        self.recorded(durations, None)
    }

    /// [`Plan::run`] with the days away of `shared` in place of the plan's,
    /// recording each named worker's busy time into it.
    pub fn run_shared(&self, durations: &[f64], shared: &mut Shared) -> Run {
        self.recorded(durations, Some(shared))
    }

    fn recorded(&self, durations: &[f64], shared: Option<&mut Shared>) -> Run {
        let n = self.len();
        let mut run = Run {
            makespan: 0.0,
            start: vec![0.0; n],
            finish: vec![0.0; n],
            worker: vec![0; n],
            previous: vec![u32::MAX; n],
        };
        let mut scratch = Scratch::default();
        run.makespan = self.schedule(durations, &mut scratch, Some(&mut run), None, shared);
        run
    }

    /// [`Plan::trial`] with the days away of `shared` in place of the
    /// plan's, recording each named worker's busy time into it.
    pub fn trial_shared(
        &self,
        durations: &[f64],
        scratch: &mut Scratch,
        track: Option<Track>,
        shared: &mut Shared,
    ) -> f64 {
        assert_eq!(durations.len(), self.len(), "one duration per job");
        self.schedule(durations, scratch, None, track, Some(shared))
    }

    /// The makespan alone, reusing `scratch` between calls: what a Monte
    /// Carlo trial needs. Equal to `run(..).makespan` up to float rounding.
    pub fn makespan(&self, durations: &[f64], scratch: &mut Scratch) -> f64 {
        self.trial(durations, scratch, None)
    }

    /// A trial: the makespan, and with `track`, each tracked component's
    /// latest finish (which must come in filled with 0).
    pub fn trial(&self, durations: &[f64], scratch: &mut Scratch, track: Option<Track>) -> f64 {
        let n = self.len();
        assert_eq!(durations.len(), n, "one duration per job");
        if self.workers.named.is_empty() {
            let people = self.workers.anonymous as usize;
            match track {
                // One worker is never idle while work remains (the graph has
                // no cycle): the makespan is the sum of the durations.
                None if people <= 1 => return durations.iter().sum(),
                // Every job starts the moment its dependencies finish.
                None if people >= n => {
                    self.critical_paths_into(durations, &mut scratch.critical);
                    return scratch.critical.iter().copied().fold(0.0, f64::max);
                }
                Some(track) if people >= n => {
                    return self.earliest_finish(durations, scratch, track);
                }
                track => return self.schedule(durations, scratch, None, track, None),
            }
        }
        self.schedule(durations, scratch, None, track, None)
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

    /// With a worker for every job: each starts when its dependencies end.
    fn earliest_finish(&self, durations: &[f64], scratch: &mut Scratch, track: Track) -> f64 {
        let start = &mut scratch.critical;
        start.clear();
        start.resize(self.len(), 0.0);
        let mut makespan = 0.0f64;
        for &i in &self.topological {
            let i = i as usize;
            let end = start[i] + durations[i];
            makespan = makespan.max(end);
            if let Some(slot) = track.latest.get_mut(track.slot_of[i] as usize) {
                *slot = slot.max(end);
            }
            for &j in self.dependents.of(i) {
                let j = j as usize;
                start[j] = start[j].max(end);
            }
        }
        makespan
    }
}

#[cfg(test)]
mod tests;

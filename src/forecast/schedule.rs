//! The list scheduler (docs/manifest.md, *The deterministic schedule*): named people and anonymous workers,
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

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use super::away;
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
    /// Days away as working-day intervals ([`away::intervals`]).
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
        let n = self.len();
        let mut run = Run {
            makespan: 0.0,
            start: vec![0.0; n],
            finish: vec![0.0; n],
            worker: vec![0; n],
            previous: vec![u32::MAX; n],
        };
        let mut scratch = Scratch::default();
        run.makespan = self.schedule(durations, &mut scratch, Some(&mut run), None);
        run
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
                track => return self.schedule(durations, scratch, None, track),
            }
        }
        self.schedule(durations, scratch, None, track)
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

    /// The list schedule itself; `record` receives each job's start,
    /// finish and worker, `track` each component's latest finish.
    fn schedule(
        &self,
        durations: &[f64],
        scratch: &mut Scratch,
        mut record: Option<&mut Run>,
        mut track: Option<Track>,
    ) -> f64 {
        assert_eq!(durations.len(), self.len(), "one duration per job");
        let n = self.len();
        let named = self.workers.named.len();
        let sets = named + 1;
        let Scratch {
            critical,
            waiting_for,
            keys,
            order,
            position,
            slot,
            in_set,
            ready,
            running,
            completed,
            worker_of,
            state,
            eligible,
            idle,
            cursor,
            anonymous_free,
            last_job,
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
        // Each job's slot in its set, in priority order; `in_set` lists the
        // jobs by slot, set after set.
        slot.resize(n, 0);
        in_set.resize(n, 0);
        if sets == 1 {
            for (p, &i) in order.iter().enumerate() {
                slot[i as usize] = p as u32;
            }
            in_set.copy_from_slice(order);
        } else {
            // `keys` is free again: the next slot of each set.
            keys.clear();
            keys.extend(self.set_start[..sets].iter().map(|&s| u64::from(s)));
            position.resize(n, 0);
            for (p, &i) in order.iter().enumerate() {
                let set = self.set_of[i as usize] as usize;
                let at = keys[set] as usize;
                keys[set] += 1;
                in_set[at] = i;
                slot[i as usize] = at as u32 - self.set_start[set];
                position[i as usize] = p as u32;
            }
        }
        ready.resize_with(sets, ReadySet::default);
        for (s, set) in ready.iter_mut().enumerate() {
            set.reset((self.set_start[s + 1] - self.set_start[s]) as usize);
        }
        waiting_for.clear();
        waiting_for.extend_from_slice(&self.indegree);
        running.clear();
        worker_of.resize(n, 0);
        for (i, _) in waiting_for.iter().enumerate().filter(|(_, w)| **w == 0) {
            ready[self.set_of[i] as usize].insert(slot[i] as usize);
        }
        let recording = record.is_some();
        if named == 0 && !recording {
            // Interchangeable workers and nothing to record (the trials of
            // a plan without owners): the plain list schedule.
            let free = self.workers.anonymous.max(1) as usize;
            let queues = Queues {
                ready: &mut ready[0],
                in_set,
                slot,
                waiting_for,
                running,
                completed,
            };
            return self.interchangeable(durations, free, queues, track);
        }
        anonymous_free.clear();
        if recording {
            anonymous_free.extend((0..self.workers.anonymous).rev());
            last_job.clear();
            last_job.resize(self.workers.headcount(), u32::MAX);
        }
        let mut free_anonymous = self.workers.anonymous.max(u32::from(named == 0)) as usize;
        // Named workers: busy (or away), idle (free, nothing of their own
        // ready: in `idle` by preference) or eligible (free, with their own
        // work ready: in `eligible`).
        state.clear();
        state.resize(named, State::Busy);
        cursor.clear();
        cursor.resize(named, 0);
        eligible.clear();
        idle.reset(named);
        let mut idle_count = 0usize;
        for (w, (person, cursor)) in self.workers.named.iter().zip(cursor.iter_mut()).enumerate() {
            let back = away::available(&person.away, cursor, 0.0);
            if back > EPSILON {
                running.push(Reverse(Running {
                    finish: back,
                    index: (n + w) as u32,
                }));
            } else {
                idle_count += self.make_free(w, ready, state, eligible, idle);
            }
        }
        let mut now = 0.0f64;
        let mut makespan = 0.0f64;
        loop {
            // Start work until nobody free can take a ready job.
            loop {
                let (i, worker) = if named == 0 {
                    // Interchangeable workers: the most urgent ready job.
                    if free_anonymous == 0 {
                        break;
                    }
                    let Some(s) = ready[0].pop() else { break };
                    free_anonymous -= 1;
                    let a = anonymous_free.pop().unwrap_or(0);
                    (in_set[s] as usize, a)
                } else {
                    if free_anonymous == 0 && idle_count == 0 && eligible.is_empty() {
                        break;
                    }
                    // The most urgent job someone free may take: unowned, or
                    // a free person's own. (position in the priority order,
                    // eligible entry or MAX for unowned, slot)
                    let mut best: Option<(u32, usize, usize)> = None;
                    if let Some(s) = ready[0].peek() {
                        best = Some((position[in_set[s] as usize], usize::MAX, s));
                    }
                    for (e, &w) in eligible.iter().enumerate() {
                        let set = 1 + w as usize;
                        let s = ready[set]
                            .peek()
                            .expect("an eligible worker has work ready");
                        let at = position[in_set[self.set_start[set] as usize + s] as usize];
                        if best.is_none_or(|b| at < b.0) {
                            best = Some((at, e, s));
                        }
                    }
                    let Some((_, at, s)) = best else { break };
                    if at == usize::MAX {
                        // Unowned: an anonymous worker if one is free, else
                        // the first idle person, else the first free person
                        // (fastest, then by id).
                        ready[0].remove(s);
                        let worker = if free_anonymous > 0 {
                            free_anonymous -= 1;
                            (named + anonymous_free.pop().unwrap_or(0) as usize) as u32
                        } else if idle_count > 0 {
                            idle_count -= 1;
                            let p = idle.pop().expect("an idle worker");
                            self.by_preference[p]
                        } else {
                            let e = (0..eligible.len())
                                .min_by_key(|&e| self.preference[eligible[e] as usize])
                                .expect("someone is free");
                            eligible.swap_remove(e)
                        };
                        if (worker as usize) < named {
                            state[worker as usize] = State::Busy;
                        }
                        (in_set[s] as usize, worker)
                    } else {
                        let w = eligible.swap_remove(at);
                        state[w as usize] = State::Busy;
                        let set = 1 + w as usize;
                        ready[set].remove(s);
                        (in_set[self.set_start[set] as usize + s] as usize, w)
                    }
                };
                let end = match self.workers.named.get(worker as usize) {
                    Some(person) => {
                        let work = self.duration_for(i, worker, durations[i]);
                        if person.away.is_empty() {
                            now + work
                        } else {
                            away::finish(&person.away, &mut cursor[worker as usize], now, work)
                        }
                    }
                    None => now + durations[i],
                };
                if let Some(run) = record.as_mut() {
                    run.start[i] = now;
                    run.finish[i] = end;
                    run.worker[i] = worker;
                    run.previous[i] = last_job[worker as usize];
                    last_job[worker as usize] = i as u32;
                }
                if let Some(track) = track.as_mut()
                    && let Some(latest) = track.latest.get_mut(track.slot_of[i] as usize)
                {
                    *latest = latest.max(end);
                }
                worker_of[i] = worker;
                makespan = makespan.max(end);
                running.push(Reverse(Running {
                    finish: end,
                    index: i as u32,
                }));
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
            for &done in completed.iter() {
                let done = done as usize;
                if done >= n {
                    // A person back from days away.
                    idle_count += self.make_free(done - n, ready, state, eligible, idle);
                    continue;
                }
                let worker = worker_of[done] as usize;
                if worker >= named {
                    free_anonymous += 1;
                    if recording {
                        anonymous_free.push((worker - named) as u32);
                    }
                } else {
                    let person = &self.workers.named[worker];
                    let back = if person.away.is_empty() {
                        now
                    } else {
                        away::available(&person.away, &mut cursor[worker], now)
                    };
                    if back > now + EPSILON {
                        running.push(Reverse(Running {
                            finish: back,
                            index: (n + worker) as u32,
                        }));
                    } else {
                        idle_count += self.make_free(worker, ready, state, eligible, idle);
                    }
                }
                for &j in self.dependents.of(done) {
                    let j = j as usize;
                    waiting_for[j] -= 1;
                    if waiting_for[j] == 0 {
                        let set = self.set_of[j] as usize;
                        ready[set].insert(slot[j] as usize);
                        if set > 0 && state[set - 1] == State::Idle {
                            // Their own work is ready: from idle to eligible.
                            idle.remove(self.preference[set - 1] as usize);
                            idle_count -= 1;
                            state[set - 1] = State::Eligible;
                            eligible.push((set - 1) as u32);
                        }
                    }
                }
            }
        }
        makespan
    }

    /// [`Plan::schedule`]'s loop when every worker is anonymous and no run
    /// is recorded: `free` workers take the most urgent ready job whenever
    /// they are free. The same schedule, with none of the bookkeeping of
    /// who works what.
    fn interchangeable(
        &self,
        durations: &[f64],
        mut free: usize,
        q: Queues,
        mut track: Option<Track>,
    ) -> f64 {
        let mut now = 0.0f64;
        let mut makespan = 0.0f64;
        loop {
            while free > 0 {
                let Some(s) = q.ready.pop() else { break };
                let i = q.in_set[s] as usize;
                let end = now + durations[i];
                if let Some(track) = track.as_mut()
                    && let Some(latest) = track.latest.get_mut(track.slot_of[i] as usize)
                {
                    *latest = latest.max(end);
                }
                makespan = makespan.max(end);
                q.running.push(Reverse(Running {
                    finish: end,
                    index: i as u32,
                }));
                free -= 1;
            }
            let Some(Reverse(first)) = q.running.pop() else {
                break;
            };
            now = first.finish;
            q.completed.clear();
            q.completed.push(first.index);
            while let Some(Reverse(next)) = q.running.peek() {
                if next.finish > now + EPSILON {
                    break;
                }
                q.completed.push(next.index);
                q.running.pop();
            }
            free += q.completed.len();
            for &done in q.completed.iter() {
                for &j in self.dependents.of(done as usize) {
                    let j = j as usize;
                    q.waiting_for[j] -= 1;
                    if q.waiting_for[j] == 0 {
                        q.ready.insert(q.slot[j] as usize);
                    }
                }
            }
        }
        makespan
    }

    /// Marks named worker `w` free: eligible when their own work is ready,
    /// else idle. Returns 1 when idle (for the idle count).
    fn make_free(
        &self,
        w: usize,
        ready: &mut [ReadySet],
        state: &mut [State],
        eligible: &mut Vec<u32>,
        idle: &mut ReadySet,
    ) -> usize {
        if ready[1 + w].peek().is_some() {
            state[w] = State::Eligible;
            eligible.push(w as u32);
            0
        } else {
            state[w] = State::Idle;
            idle.insert(self.preference[w] as usize);
            1
        }
    }
}

/// Buffers a schedule needs, kept between runs so that a trial allocates
/// nothing.
#[derive(Debug, Default)]
pub struct Scratch {
    critical: Vec<f64>,
    waiting_for: Vec<u32>,
    keys: Vec<u64>,
    order: Vec<u32>,
    /// Each job's place in the priority order (with named workers).
    position: Vec<u32>,
    /// Each job's slot in its ready set.
    slot: Vec<u32>,
    /// The jobs by slot, set after set.
    in_set: Vec<u32>,
    ready: Vec<ReadySet>,
    running: BinaryHeap<Reverse<Running>>,
    completed: Vec<u32>,
    worker_of: Vec<u32>,
    state: Vec<State>,
    eligible: Vec<u32>,
    idle: ReadySet,
    /// Each named worker's first away interval that may still matter.
    cursor: Vec<usize>,
    /// Free anonymous workers by number (recorded runs only).
    anonymous_free: Vec<u32>,
    /// Each worker's last job (recorded runs only).
    last_job: Vec<u32>,
}

/// Where a named worker stands during a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    /// Working, or away.
    #[default]
    Busy,
    /// Free, with nothing of their own ready.
    Idle,
    /// Free, with their own work ready.
    Eligible,
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

/// A run's queues, borrowed from its [`Scratch`] for
/// [`Plan::interchangeable`].
struct Queues<'a> {
    ready: &'a mut ReadySet,
    in_set: &'a [u32],
    slot: &'a [u32],
    waiting_for: &'a mut [u32],
    running: &'a mut BinaryHeap<Reverse<Running>>,
    completed: &'a mut Vec<u32>,
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
            owner: None,
        }
    }

    fn owned(deps: &[usize], owner: u32) -> Job {
        Job {
            owner: Some(owner),
            ..job(deps)
        }
    }

    fn anonymous(jobs: &[Job], people: u32) -> Plan {
        Plan::new(jobs, Workers::anonymous(people))
    }

    fn person(pace: f64, away: &[(f64, f64)], id_rank: u32) -> Worker {
        Worker {
            pace,
            away: away.to_vec(),
            id_rank,
        }
    }

    #[test]
    fn a_chain_runs_end_to_end_whatever_the_headcount() {
        let jobs = vec![job(&[]), job(&[0]), job(&[1])];
        let run = anonymous(&jobs, 3).run(&[1.0, 2.0, 0.5]);
        assert_eq!(run.makespan, 3.5);
        assert_eq!(run.start, vec![0.0, 1.0, 3.0]);
    }

    #[test]
    fn independent_tasks_share_the_workers() {
        let jobs = vec![job(&[]), job(&[]), job(&[]), job(&[])];
        let durations = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(anonymous(&jobs, 1).run(&durations).makespan, 10.0);
        // 3 people: 4, 3, 2 start at once; 1 follows the 2 -> makespan 4.
        assert_eq!(anonymous(&jobs, 3).run(&durations).makespan, 4.0);
        assert_eq!(anonymous(&jobs, 2).run(&durations).makespan, 5.0);
    }

    #[test]
    fn the_longest_critical_path_goes_first() {
        // 0 (1d) leads to 2 (5d); 1 (3d) alone. One person must start 0 first:
        // 0, then 2 (cp 5) before 1 (cp 3).
        let jobs = vec![job(&[]), job(&[]), job(&[0])];
        let run = anonymous(&jobs, 1).run(&[1.0, 3.0, 5.0]);
        assert_eq!(run.start, vec![0.0, 6.0, 1.0]);
        // Two people: 0 and 1 start; 2 starts when 0 ends -> makespan 6.
        let run = anonymous(&jobs, 2).run(&[1.0, 3.0, 5.0]);
        assert_eq!(run.makespan, 6.0);
    }

    #[test]
    fn paths_equal_but_for_rounding_tie() {
        // 0: 0.1 then 0.2 (cp 0.30000000000000004); 2: 0.3 alone, P0. One
        // person: equal paths, so priority decides and 2 goes first.
        let mut jobs = vec![job(&[]), job(&[0]), job(&[])];
        jobs[2].priority = Priority::P0;
        let run = anonymous(&jobs, 1).run(&[0.1, 0.2, 0.3]);
        assert_eq!(run.start[2], 0.0);
    }

    #[test]
    fn trials_match_the_recorded_run() {
        let jobs = vec![job(&[]), job(&[0]), job(&[]), job(&[1, 2]), job(&[])];
        let durations = [1.5, 2.0, 0.5, 1.0, 3.0];
        let mut scratch = Scratch::default();
        for people in 1..=6 {
            let plan = anonymous(&jobs, people);
            let full = plan.run(&durations);
            let alone = plan.makespan(&durations, &mut scratch);
            assert!(
                (full.makespan - alone).abs() < 1e-12,
                "{people}: {} vs {alone}",
                full.makespan
            );
            // Tracking jobs 0..3 in slot 0 and 3..5 in slot 1.
            let mut latest = [0.0; 2];
            let slot_of = [0, 0, 0, 1, 1];
            let tracked = plan.trial(
                &durations,
                &mut scratch,
                Some(Track {
                    slot_of: &slot_of,
                    latest: &mut latest,
                }),
            );
            assert!((tracked - full.makespan).abs() < 1e-12);
            let ends = |slot: u32| {
                (0..5)
                    .filter(|&j| slot_of[j] == slot)
                    .map(|j| full.finish[j])
                    .fold(0.0, f64::max)
            };
            assert!((latest[0] - ends(0)).abs() < 1e-12, "{people}");
            assert!((latest[1] - ends(1)).abs() < 1e-12, "{people}");
        }
    }

    #[test]
    fn ties_prefer_doing_then_priority_then_order() {
        let mut jobs = vec![job(&[]), job(&[]), job(&[]), job(&[])];
        jobs[1].priority = Priority::P0;
        jobs[3].doing = true;
        let run = anonymous(&jobs, 1).run(&[1.0; 4]);
        // doing (3), then P0 (1), then manifest order (0, 2).
        assert_eq!(run.start, vec![2.0, 1.0, 3.0, 0.0]);
    }

    #[test]
    fn an_owner_works_their_tasks_one_after_another() {
        // Three 5-day tasks owned by one person, two anonymous workers idle.
        let jobs = vec![owned(&[], 0), owned(&[], 0), owned(&[], 0)];
        let workers = Workers {
            named: vec![person(1.0, &[], 0)],
            anonymous: 2,
        };
        let run = Plan::new(&jobs, workers).run(&[5.0; 3]);
        assert_eq!(run.makespan, 15.0);
        assert_eq!(run.worker, vec![0, 0, 0]);
        assert_eq!(run.previous, vec![u32::MAX, 0, 1]);
    }

    #[test]
    fn unowned_work_goes_to_anonymous_workers_first_then_idle_people() {
        // sam owns 0 (4d); 1, 2, 3 (1d each) are unowned; one anonymous
        // worker. At 0: sam takes 0; the anonymous worker takes 1; dana
        // (idle, owns nothing) takes 2. At 1: both free again: anonymous 3.
        let jobs = vec![owned(&[], 0), job(&[]), job(&[]), job(&[])];
        let workers = Workers {
            named: vec![person(1.0, &[], 1), person(1.0, &[], 0)],
            anonymous: 1,
        };
        let run = Plan::new(&jobs, workers).run(&[4.0, 1.0, 1.0, 1.0]);
        assert_eq!(run.worker, vec![0, 2, 1, 2]);
        assert_eq!(run.start, vec![0.0, 0.0, 0.0, 1.0]);
        assert_eq!(run.makespan, 4.0);
    }

    #[test]
    fn a_slower_person_takes_longer_on_unowned_work() {
        // One person at half the team's focus (pace 2): a 1-day unowned job
        // takes them 2 days.
        let jobs = vec![job(&[])];
        let workers = Workers {
            named: vec![person(2.0, &[], 0)],
            anonymous: 0,
        };
        assert_eq!(Plan::new(&jobs, workers).run(&[1.0]).makespan, 2.0);
    }

    #[test]
    fn days_away_pause_a_task_and_keep_the_person_from_starting() {
        // sam is away on days 1–2 ([1, 3)); his 3-day task from 0 ends at 5.
        // dana is away on day 0, and sam is busy: the unowned 1-day task
        // waits for dana, who starts it at 1.
        let jobs = vec![owned(&[], 0), job(&[])];
        let workers = Workers {
            named: vec![person(1.0, &[(1.0, 3.0)], 1), person(1.0, &[(0.0, 1.0)], 0)],
            anonymous: 0,
        };
        let run = Plan::new(&jobs, workers).run(&[3.0, 1.0]);
        assert_eq!(run.finish, vec![5.0, 2.0]);
        assert_eq!(run.start[1], 1.0);
        assert_eq!(run.worker[1], 1);
    }

    #[test]
    fn a_free_person_takes_the_more_urgent_of_their_own_and_unowned_work() {
        // sam owns 0 (1d); 1 (3d) is unowned; nobody else. The unowned job
        // has the longer path: sam takes it first.
        let jobs = vec![owned(&[], 0), job(&[])];
        let workers = Workers {
            named: vec![person(1.0, &[], 0)],
            anonymous: 0,
        };
        let run = Plan::new(&jobs, workers).run(&[1.0, 3.0]);
        assert_eq!(run.start, vec![3.0, 0.0]);
    }
}

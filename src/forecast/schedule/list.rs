//! The list schedule's event loop: whenever someone is free they take the
//! most urgent ready job they may work; time jumps to the next finish or
//! return from days away. Its queues (ready sets per owner, the running
//! heap) live in a [`Scratch`] reused between trials, and each run's
//! priorities are packed into one integer per job ([`ReadyKeys`]).

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use super::super::away;
use super::super::ready_set::ReadySet;
use super::{EPSILON, Plan, Run, Shared, Track};

impl Plan {
    /// The list schedule itself; `record` receives each job's start,
    /// finish and worker, `track` each component's latest finish, `shared`
    /// gives the named workers' days away and receives their busy time.
    pub(super) fn schedule(
        &self,
        durations: &[f64],
        scratch: &mut Scratch,
        mut record: Option<&mut Run>,
        mut track: Option<Track>,
        shared: Option<&mut Shared>,
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
        let away_instead = shared.as_ref().map(|s| s.away);
        let mut busy = shared.map(|s| &mut *s.busy);
        let away_of = |w: usize| -> &[(f64, f64)] {
            match away_instead {
                Some(away) => &away[w],
                None => &self.workers.named[w].away,
            }
        };
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
        for (w, cursor) in cursor.iter_mut().enumerate() {
            let back = away::available(away_of(w), cursor, 0.0);
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
                let end = if (worker as usize) < named {
                    let work = self.duration_for(i, worker, durations[i]);
                    let away = away_of(worker as usize);
                    let end = if away.is_empty() {
                        now + work
                    } else {
                        away::finish(away, &mut cursor[worker as usize], now, work)
                    };
                    if let Some(busy) = busy.as_mut() {
                        busy[worker as usize].push((now, end));
                    }
                    end
                } else {
                    now + durations[i]
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
                    let away = away_of(worker);
                    let back = if away.is_empty() {
                        now
                    } else {
                        away::available(away, &mut cursor[worker], now)
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
    pub(super) critical: Vec<f64>,
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

//! The critical path a person can follow (docs/forecast.md, *The critical
//! path*): from the task that finishes last, step back to what let it
//! start — a dependency that ended exactly then (`a → b`), else the task
//! the same person did just before (`a ⇢ b (sam)`: their queue) — until a
//! task that starts at 0. Ties go by task id, never by file order, so the
//! chain does not change when an unrelated task is moved or retitled. The
//! finish is set by one person's load when whoever works the last task was
//! never idle before it ends.

use super::away;
use super::schedule::{Job, Run, Workers};

/// Times closer than this are the same instant (float sums).
const EPSILON: f64 = 1e-9;
/// Idle time below this (working days) is none.
const IDLE_TOLERANCE: f64 = 1e-6;

/// Who works a task in the deterministic schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkerRef {
    /// A named person: index into the roster's members.
    Person(usize),
    /// An anonymous worker, by number.
    Anonymous(u32),
}

impl WorkerRef {
    /// From a run's worker number.
    pub fn of(worker: u32, named: usize) -> WorkerRef {
        if (worker as usize) < named {
            WorkerRef::Person(worker as usize)
        } else {
            WorkerRef::Anonymous(worker - named as u32)
        }
    }

    pub fn person(self) -> Option<usize> {
        match self {
            WorkerRef::Person(p) => Some(p),
            WorkerRef::Anonymous(_) => None,
        }
    }
}

/// How one task of the chain leads to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// The next task depends on this one (`a → b`).
    Dependency,
    /// The same worker did the next task right after (`a ⇢ b (sam)`).
    Queue(WorkerRef),
}

/// A link between two consecutive tasks of the chain (task indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub from: usize,
    pub to: usize,
    pub kind: LinkKind,
}

/// One person's load that sets the finish by itself: they work from day 0
/// to the finish without a gap (but their days away).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Load {
    /// Index into the roster's members.
    pub person: usize,
    /// Working days of work in their queue (their tasks over their focus).
    pub working_days: f64,
    /// Working days away before the finish.
    pub away_days: f64,
}

/// The chain that sets the deterministic finish.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CriticalPath {
    /// Task indices, first to last.
    pub tasks: Vec<usize>,
    /// One link between each two consecutive tasks.
    pub links: Vec<Link>,
    pub load: Option<Load>,
}

/// The critical path of a recorded run of `jobs` (each job `task[j]` in
/// the manifest, with id `ids[j]`).
pub fn critical_path(
    jobs: &[Job],
    run: &Run,
    workers: &Workers,
    durations: &[f64],
    task: &[usize],
    ids: &[&str],
) -> CriticalPath {
    let n = run.finish.len();
    let named = workers.named.len();
    // The last to finish; among equal finishes, the smallest id.
    let Some(last) = (0..n).max_by(|&a, &b| {
        grid(run.finish[a])
            .cmp(&grid(run.finish[b]))
            .then_with(|| ids[b].cmp(ids[a]))
    }) else {
        return CriticalPath::default();
    };
    let mut chain = vec![last];
    let mut kinds = Vec::new();
    let mut at = last;
    while run.start[at] > EPSILON && chain.len() <= n {
        let start = run.start[at];
        let tight = jobs[at]
            .depends_on
            .iter()
            .copied()
            .filter(|&d| (run.finish[d] - start).abs() <= EPSILON)
            .min_by(|&a, &b| ids[a].cmp(ids[b]));
        let (previous, kind) = match (tight, run.previous[at]) {
            (Some(d), _) => (d, LinkKind::Dependency),
            (None, p) if p != u32::MAX => (
                p as usize,
                LinkKind::Queue(WorkerRef::of(run.worker[at], named)),
            ),
            // Away from day 0 until it started: nothing before it.
            (None, _) => break,
        };
        chain.push(previous);
        kinds.push(kind);
        at = previous;
    }
    chain.reverse();
    kinds.reverse();
    let links = chain
        .windows(2)
        .zip(kinds)
        .map(|(pair, kind)| Link {
            from: task[pair[0]],
            to: task[pair[1]],
            kind,
        })
        .collect();
    let load = match WorkerRef::of(run.worker[last], named) {
        WorkerRef::Person(p) => {
            let person = &workers.named[p];
            let away_days = away::days_before(&person.away, run.finish[last]);
            let working_days = (0..n)
                .filter(|&j| run.worker[j] as usize == p)
                .map(|j| durations_for(workers, jobs, j, p, durations))
                .sum::<f64>();
            let idle = run.finish[last] - working_days - away_days;
            (idle <= IDLE_TOLERANCE && working_days > 0.0).then_some(Load {
                person: p,
                working_days,
                away_days,
            })
        }
        WorkerRef::Anonymous(_) => None,
    };
    CriticalPath {
        tasks: chain.into_iter().map(|j| task[j]).collect(),
        links,
        load,
    }
}

/// Job `j`'s duration when person `p` works it.
fn durations_for(workers: &Workers, jobs: &[Job], j: usize, p: usize, durations: &[f64]) -> f64 {
    let pace = workers.named[p].pace;
    if jobs[j].owner.is_none() && pace != 1.0 {
        durations[j] * pace
    } else {
        durations[j]
    }
}

/// A time on the 1e-9 day grid, so that float noise ties.
fn grid(t: f64) -> i64 {
    (t / EPSILON).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::schedule::{Plan, Worker};
    use crate::manifest::Priority;

    fn job(deps: &[usize], owner: Option<u32>) -> Job {
        Job {
            depends_on: deps.to_vec(),
            doing: false,
            priority: Priority::P2,
            owner,
        }
    }

    fn person(id_rank: u32) -> Worker {
        Worker {
            pace: 1.0,
            away: Vec::new(),
            id_rank,
        }
    }

    fn path(jobs: &[Job], workers: Workers, durations: &[f64], ids: &[&str]) -> CriticalPath {
        let plan = Plan::new(jobs, workers.clone());
        let run = plan.run(durations);
        let task: Vec<usize> = (0..jobs.len()).collect();
        critical_path(jobs, &run, &workers, durations, &task, ids)
    }

    #[test]
    fn dependencies_then_the_same_persons_queue() {
        // sam owns a (2d) and c (4d); b (1d) unowned depends on a. Two
        // people, sam and dana. c's path (4) is longer than a's (2 + 1):
        // sam does c, then a; dana waits for a, then does b.
        let jobs = vec![job(&[], Some(0)), job(&[0], None), job(&[], Some(0))];
        let workers = Workers {
            named: vec![person(1), person(0)],
            anonymous: 0,
        };
        let p = path(&jobs, workers, &[2.0, 1.0, 4.0], &["a", "b", "c"]);
        assert_eq!(p.tasks, vec![2, 0, 1]);
        assert_eq!(
            p.links,
            vec![
                Link {
                    from: 2,
                    to: 0,
                    kind: LinkKind::Queue(WorkerRef::Person(0))
                },
                Link {
                    from: 0,
                    to: 1,
                    kind: LinkKind::Dependency
                },
            ]
        );
        // dana was idle until a finished: not one person's load.
        assert_eq!(p.load, None);
    }

    #[test]
    fn one_persons_queue_sets_the_finish() {
        let jobs = vec![job(&[], Some(0)), job(&[], Some(0)), job(&[], None)];
        let workers = Workers {
            named: vec![Worker {
                pace: 1.0,
                away: vec![(1.0, 2.0)],
                id_rank: 0,
            }],
            anonymous: 1,
        };
        let p = path(&jobs, workers, &[2.0, 3.0, 1.0], &["a", "b", "c"]);
        // sam: b (3 days, away on day 1: ends at 4), then a (ends 6).
        assert_eq!(p.tasks, vec![1, 0]);
        assert_eq!(
            p.load,
            Some(Load {
                person: 0,
                working_days: 5.0,
                away_days: 1.0
            })
        );
    }

    #[test]
    fn ties_go_by_id_not_by_position() {
        // Two independent 1-day tasks, one worker each: both end at 1; the
        // chain is the one with the smaller id, wherever it is written.
        let jobs = vec![job(&[], None), job(&[], None)];
        let p = path(&jobs, Workers::anonymous(2), &[1.0, 1.0], &["zz", "aa"]);
        assert_eq!(p.tasks, vec![1]);
        let p = path(&jobs, Workers::anonymous(2), &[1.0, 1.0], &["aa", "zz"]);
        assert_eq!(p.tasks, vec![0]);
    }
}

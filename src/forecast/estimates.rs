//! The estimates method (docs/forecast.md): the open tasks
//! as scheduler jobs, the deterministic schedule and what it tells (each
//! task's, component's and person's finish, the critical path), and the
//! Monte Carlo trials that fill in the percentiles — of the plan and of
//! each component, calibrated when the team's record allows. The trials
//! can run later than the rest ([`Pending`]), so that a caller can show
//! the deterministic figures first.

use chrono::NaiveDate;

use super::calibration::Calibration;
use super::critical::{self, WorkerRef};
use super::draws::{Draws, JobRecord, Scope, Settings};
use super::monte_carlo::{self, Drawn, Outcome, SharedTrials, Trials};
use super::never::{Never, NeverCause};
use super::schedule::{Job, Plan, Run, Shared, Worker, Workers};
use super::shared::{Taken, TakenTime, union};
use super::{Forecast, Percentiles, PersonForecast, TaskForecast, away, calendar};
use crate::manifest::roster::Roster;
use crate::manifest::{Calendar, Manifest, Status};

use super::TaskInput;

/// The record the trials draw ratios from (super::draws): each scope's
/// samples, the open tasks as the draws see them, and the tables.
pub(super) struct Record {
    /// Per scope (0: the team's; then each person's own): its samples'
    /// task indices, estimates and ratios, in the order they were done.
    pub scopes: Vec<(Vec<usize>, Vec<f64>, Vec<f64>)>,
    pub jobs: Vec<JobRecord>,
    /// Per named person: the stream of the draw their tasks share.
    pub group_stream: Vec<u64>,
    pub draws: Draws,
}

impl Record {
    /// The tables with task `left_out`'s sample left out of every scope
    /// (leave-one-out), or with every sample (`None`).
    pub fn draws_without(&self, left_out: Option<usize>) -> Draws {
        let kept: Vec<(Vec<f64>, Vec<f64>)> = self
            .scopes
            .iter()
            .map(|(tasks, estimates, ratios)| {
                let keep = |k: &usize| Some(tasks[*k]) != left_out;
                let idx: Vec<usize> = (0..tasks.len()).filter(keep).collect();
                (
                    idx.iter().map(|&k| estimates[k]).collect(),
                    idx.iter().map(|&k| ratios[k]).collect(),
                )
            })
            .collect();
        let scopes: Vec<Scope<'_>> = kept
            .iter()
            .map(|(estimates, ratios)| Scope { estimates, ratios })
            .collect();
        Draws::new(
            &scopes,
            &self.jobs,
            self.group_stream.clone(),
            Settings::CHOSEN,
        )
    }
}

/// The open tasks as scheduler jobs: graph, owners, durations, draws.
pub(super) struct PlanInput {
    pub jobs: Vec<Job>,
    /// Each job's task index.
    pub task: Vec<usize>,
    pub plan: Plan,
    /// Nominal durations: remaining days over the owner's focus (the
    /// team's for an unowned task).
    pub durations: Vec<f64>,
    pub drawn: Vec<Drawn>,
    /// The seed: the project's name's (common random numbers).
    pub seed: u64,
    /// Each job's random stream (its task id and the seed).
    pub streams: Vec<u64>,
    /// Each job's component slot; `u32::MAX` when components are not
    /// tracked (the open tasks are all in one component).
    pub slot_of: Vec<u32>,
    /// The component of each slot.
    pub slot_component: Vec<usize>,
    /// Calibration: the record and each job's draws from it.
    pub record: Option<Record>,
    /// Each job's estimate in days (a range's midpoint; for an unestimated
    /// task, the days it counts for): what the draws weigh samples by.
    pub estimates: Vec<f64>,
    /// The people this plan shares with other projects of a portfolio.
    pub shared: Option<SharedInput>,
}

/// The named people a plan shares with other projects of a portfolio
/// (docs/portfolio.md, *Shared people*), and the time earlier projects
/// take of them.
pub(super) struct SharedInput {
    /// Their indices among the named workers (roster order).
    pub workers: Vec<u32>,
    pub ids: Vec<String>,
    /// Per shared worker.
    pub taken: Vec<TakenTime>,
}

impl PlanInput {
    pub fn new(
        manifest: &Manifest,
        roster: &Roster,
        tasks: &[TaskInput],
        open: &[usize],
        today: NaiveDate,
    ) -> Self {
        let mut job_of = vec![usize::MAX; tasks.len()];
        for (j, &i) in open.iter().enumerate() {
            job_of[i] = j;
        }
        let team_focus = manifest.team.focus;
        let focus_of = |i: usize| match roster.owner[i] {
            Some(p) => roster.members[p as usize].focus,
            None => team_focus,
        };
        let jobs: Vec<Job> = open
            .iter()
            .map(|&i| {
                let task = &manifest.tasks[i];
                Job {
                    depends_on: task
                        .depends_on
                        .iter()
                        .map(|&d| job_of[d])
                        .filter(|&j| j != usize::MAX)
                        .collect(),
                    doing: task.status == Status::Doing,
                    priority: task.priority,
                    owner: roster.owner[i],
                }
            })
            .collect();
        let durations: Vec<f64> = open
            .iter()
            .map(|&i| tasks[i].remaining_days / focus_of(i))
            .collect();
        let drawn: Vec<Drawn> = open
            .iter()
            .enumerate()
            .filter_map(|(job, &i)| {
                let e = manifest.tasks[i].estimate.filter(|e| e.is_range())?;
                let scale = tasks[i].remaining_share / focus_of(i);
                Some(Drawn {
                    job,
                    low: e.low * scale,
                    high: e.high * scale,
                })
            })
            .collect();
        let estimates: Vec<f64> = open
            .iter()
            .map(|&i| {
                manifest.tasks[i].estimate.map_or(
                    if tasks[i].remaining_days > 0.0 {
                        tasks[i].remaining_days
                    } else {
                        1.0
                    },
                    |e| e.days(),
                )
            })
            .collect();
        let workers = workers(manifest, roster, today);
        // Components with open tasks get a slot; with one such component,
        // its figures are the plan's.
        let mut slot_of_component = vec![u32::MAX; manifest.components.len()];
        let mut slot_component = Vec::new();
        for &i in open {
            let c = manifest.tasks[i].component;
            if slot_of_component[c] == u32::MAX {
                slot_of_component[c] = slot_component.len() as u32;
                slot_component.push(c);
            }
        }
        let slot_of = if slot_component.len() > 1 {
            open.iter()
                .map(|&i| slot_of_component[manifest.tasks[i].component])
                .collect()
        } else {
            vec![u32::MAX; open.len()]
        };
        let mut input = PlanInput {
            plan: Plan::new(&jobs, workers),
            jobs,
            task: open.to_vec(),
            durations,
            drawn,
            seed: 0,
            streams: Vec::new(),
            slot_of,
            slot_component,
            record: None,
            estimates,
            shared: None,
        };
        input.seed = monte_carlo::project_seed(&manifest.project.name);
        input.streams = open
            .iter()
            .map(|&i| monte_carlo::stream(input.seed, &manifest.tasks[i].id))
            .collect();
        input
    }

    /// Sets the calibration: each job draws from its owner's samples when
    /// they have enough, else from the team's, weighted and shared as
    /// super::draws says.
    pub fn calibrate(&mut self, calibration: &Calibration, roster: &Roster) {
        let scope_of = |tasks: Vec<usize>| {
            let estimates = tasks
                .iter()
                .map(|&k| calibration.records[k].estimate)
                .collect();
            let ratios = tasks
                .iter()
                .map(|&k| calibration.records[k].ratio)
                .collect();
            let ids = tasks.iter().map(|&k| calibration.records[k].task).collect();
            (ids, estimates, ratios)
        };
        let mut scopes = vec![scope_of((0..calibration.records.len()).collect())];
        let mut own = vec![u32::MAX; roster.members.len()];
        for scope in &calibration.people {
            if let (Some(p), Some(_)) = (scope.member, scope.own.as_ref()) {
                let mine = (0..calibration.records.len())
                    .filter(|&k| roster.owner[calibration.records[k].task] == Some(p as u32))
                    .collect();
                own[p] = scopes.len() as u32;
                scopes.push(scope_of(mine));
            }
        }
        let jobs: Vec<JobRecord> = self
            .jobs
            .iter()
            .zip(&self.estimates)
            .map(|(job, &estimate)| JobRecord {
                scope: job
                    .owner
                    .map(|p| own[p as usize])
                    .filter(|&s| s != u32::MAX)
                    .unwrap_or(0),
                estimate,
                group: job.owner.unwrap_or(u32::MAX),
            })
            .collect();
        let group_stream = roster
            .members
            .iter()
            .map(|m| monte_carlo::stream(self.seed, &format!("person {}", m.id)))
            .collect();
        let mut record = Record {
            scopes,
            jobs,
            group_stream,
            draws: Draws::default(),
        };
        record.draws = record.draws_without(None);
        self.record = Some(record);
    }

    /// The Monte Carlo trials over this plan; the first `uncalibrated` of
    /// them also run at face value when calibrated.
    pub fn trials(&self, uncalibrated: u32) -> Trials<'_> {
        Trials {
            plan: &self.plan,
            durations: &self.durations,
            drawn: &self.drawn,
            streams: &self.streams,
            calibration: self.record.as_ref().map(|r| &r.draws),
            components: (self.slot_component.len() > 1)
                .then_some((self.slot_of.as_slice(), self.slot_component.len())),
            uncalibrated,
            shared: self.shared.as_ref().map(|s| SharedTrials {
                workers: &s.workers,
                taken: &s.taken,
            }),
        }
    }

    /// Trials over this plan drawing ratios from `draws` (no components,
    /// none at face value): the record's movers (super::movers).
    pub fn trials_with<'a>(&'a self, draws: &'a Draws) -> Trials<'a> {
        Trials {
            calibration: Some(draws),
            components: None,
            uncalibrated: 0,
            ..self.trials(0)
        }
    }

    /// Whether the trials would all give the deterministic finish (a
    /// shared person's time taken elsewhere may differ from trial to trial).
    pub fn nothing_to_draw(&self) -> bool {
        self.drawn.is_empty() && self.record.is_none() && self.shared.is_none()
    }

    /// Marks the declared people whose ids `taken` holds as shared with
    /// other projects: their time taken there is time away here.
    pub fn share(&mut self, taken: &Taken, roster: &Roster) {
        if !roster.declared {
            return;
        }
        let mut shared = SharedInput {
            workers: Vec::new(),
            ids: Vec::new(),
            taken: Vec::new(),
        };
        for (p, member) in roster.members.iter().enumerate() {
            if let Some(time) = taken.people.get(&member.id) {
                shared.workers.push(p as u32);
                shared.ids.push(member.id.clone());
                shared.taken.push(time.clone());
            }
        }
        if !shared.workers.is_empty() {
            self.shared = Some(shared);
        }
    }

    /// The deterministic schedule: with shared people, their time taken by
    /// earlier projects is time away.
    pub fn run(&self) -> Run {
        let Some(shared) = &self.shared else {
            return self.plan.run(&self.durations);
        };
        let named = &self.plan.workers().named;
        let mut away: Vec<Vec<(f64, f64)>> = named.iter().map(|w| w.away.clone()).collect();
        for (&w, taken) in shared.workers.iter().zip(&shared.taken) {
            away[w as usize] = union(&named[w as usize].away, &taken.plan);
        }
        let mut busy = vec![Vec::new(); named.len()];
        self.plan.run_shared(
            &self.durations,
            &mut Shared {
                away: &away,
                busy: &mut busy,
            },
        )
    }
}

/// The named people as workers, in roster order, then the anonymous ones.
fn workers(manifest: &Manifest, roster: &Roster, today: NaiveDate) -> Workers {
    let mut ids: Vec<(&str, usize)> = roster
        .members
        .iter()
        .enumerate()
        .map(|(p, m)| (m.id.as_str(), p))
        .collect();
    ids.sort_unstable();
    let mut id_rank = vec![0u32; ids.len()];
    for (rank, &(_, p)) in ids.iter().enumerate() {
        id_rank[p] = rank as u32;
    }
    let team_focus = manifest.team.focus;
    Workers {
        named: roster
            .members
            .iter()
            .enumerate()
            .map(|(p, m)| Worker {
                pace: if m.focus == team_focus {
                    1.0
                } else {
                    team_focus / m.focus
                },
                away: away::intervals(&manifest.calendar, today, &m.away),
                id_rank: id_rank[p],
            })
            .collect(),
        anonymous: roster.anonymous(),
    }
}

/// The deterministic schedule's figures into `result`: finish, working
/// days, each task's, component's and person's finish, the critical path.
/// Returns false when there is no finish by the last date (then
/// `result.never` says why).
pub(super) fn deterministic(
    result: &mut Forecast,
    manifest: &Manifest,
    tasks: &[TaskInput],
    input: &PlanInput,
    today: NaiveDate,
) -> bool {
    let calendar = &manifest.calendar;
    let run = input.run();
    let makespan = run.makespan;
    result.makespan = Some(makespan);
    let ids: Vec<&str> = input
        .task
        .iter()
        .map(|&i| manifest.tasks[i].id.as_str())
        .collect();
    let path = critical::critical_path(
        &input.jobs,
        &run,
        input.plan.workers(),
        &input.durations,
        &input.task,
        &ids,
    );
    result.critical_path = path.tasks.clone();
    result.critical = path;
    // Open tasks finish on day 0 at the earliest, even with nothing left in them.
    result.working_days = Some(calendar::working_days_for(makespan).max(1));
    result.finish = calendar::finish_date(calendar, today, makespan);
    let named = input.plan.workers().named.len();
    for (j, &i) in input.task.iter().enumerate() {
        result.tasks[i] = Some(TaskForecast {
            start: run.start[j],
            end: run.finish[j],
            finish: calendar::finish_date(calendar, today, run.finish[j]),
            worker: WorkerRef::of(run.worker[j], named),
        });
    }
    for (j, &i) in input.task.iter().enumerate() {
        let c = &mut result.components[manifest.tasks[i].component];
        c.end = Some(c.end.map_or(run.finish[j], |e: f64| e.max(run.finish[j])));
    }
    for c in &mut result.components {
        c.finish = c
            .end
            .and_then(|t| calendar::finish_date(calendar, today, t));
    }
    let plan_days = result.working_days.unwrap_or(0) as f64;
    for (p, person) in result.people.iter_mut().enumerate() {
        let worker = &input.plan.workers().named[p];
        let mine = (0..input.task.len()).filter(|&j| run.worker[j] as usize == p);
        *person = PersonForecast::default();
        for j in mine {
            person.tasks += 1;
            person.remaining_days += tasks[input.task[j]].remaining_days;
            person.working_days += input.plan.duration_for(j, p as u32, input.durations[j]);
            person.end = Some(
                person
                    .end
                    .map_or(run.finish[j], |e: f64| e.max(run.finish[j])),
            );
        }
        person.finish = person
            .end
            .and_then(|t| calendar::finish_date(calendar, today, t));
        person.away_days = away::days_before(&worker.away, plan_days).round() as u64;
    }
    result.bottleneck = result
        .people
        .iter()
        .enumerate()
        .filter_map(|(p, f)| f.end.map(|e| (p, e)))
        .max_by(|a, b| {
            grid(a.1).cmp(&grid(b.1)).then_with(|| {
                let (ia, ib) = (
                    &result.roster.members[a.0].id,
                    &result.roster.members[b.0].id,
                );
                ib.cmp(ia)
            })
        })
        .map(|(p, _)| p);
    if result.finish.is_none() {
        result.working_days = None;
        result.never = Some(super::never::of_schedule(
            result,
            input.plan.workers(),
            manifest.team.focus,
            calendar,
            today,
        ));
        return false;
    }
    true
}

/// The percentiles from the trials' outcome into `result` (with no trials,
/// every percentile is the deterministic finish).
pub(super) fn fill_percentiles(
    result: &mut Forecast,
    input: &PlanInput,
    outcome: Option<&Outcome>,
    calendar: &Calendar,
    today: NaiveDate,
) {
    let date = |sorted: &[f64], p: f64| {
        monte_carlo::percentile(sorted, p).and_then(|t| calendar::finish_date(calendar, today, t))
    };
    let at = |sorted: &[f64]| Percentiles {
        p50: date(sorted, 0.50),
        p85: date(sorted, 0.85),
        p95: date(sorted, 0.95),
    };
    let fixed = Percentiles {
        p50: result.finish,
        p85: result.finish,
        p95: result.finish,
    };
    let Some(outcome) = outcome else {
        result.set_percentiles(fixed);
        for c in &mut result.components {
            c.percentiles = Percentiles {
                p50: c.finish,
                p85: c.finish,
                p95: c.finish,
            };
        }
        return;
    };
    result.set_percentiles(at(&outcome.makespans));
    if let Some(calibration) = result.calibration.as_mut() {
        calibration.uncalibrated = if outcome.uncalibrated.is_empty() {
            fixed
        } else {
            at(&outcome.uncalibrated)
        };
    }
    if outcome.components.is_empty() {
        // One component holds every open task: its percentiles are the plan's.
        let plan = at(&outcome.makespans);
        for &c in &input.slot_component {
            result.components[c].percentiles = plan;
        }
    } else {
        for (slot, sorted) in outcome.components.iter().enumerate() {
            result.components[input.slot_component[slot]].percentiles = at(sorted);
        }
    }
}

/// Why the median trial ends past the last date when the schedule at face
/// value does not: the team's record when it calibrates the trials, else
/// the drawn work (`sorted`: the trials' makespans).
pub(super) fn never_after_trials(result: &Forecast, sorted: &[f64]) -> Never {
    let cause = match &result.calibration {
        Some(record) => NeverCause::Record {
            median_ratio: record.median_ratio,
        },
        None => NeverCause::Work {
            working_days: monte_carlo::percentile(sorted, 0.5).unwrap_or(0.0),
        },
    };
    Never {
        person: None,
        cause,
    }
}

/// A time on the 1e-9 day grid, so that float noise ties.
fn grid(t: f64) -> i64 {
    (t * 1e9).round() as i64
}

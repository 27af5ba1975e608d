//! Days to done (SPEC §2.2): which method applies, the deterministic list
//! schedule and its critical path, the Monte Carlo percentiles over the same
//! scheduler, the throughput forecast from `done` dates (alone, or as a check
//! on the estimates), and the target's status. Pure: a manifest, each task's
//! remaining days, today and the trial count in; a [`Forecast`] out.

pub mod calendar;
pub mod monte_carlo;
mod ready_set;
pub mod schedule;
pub mod throughput;

use chrono::NaiveDate;

use crate::manifest::{Manifest, Status};
use monte_carlo::{Drawn, SeedHasher, Trials};
use schedule::{Job, Plan};
pub use throughput::History;

/// How the finish is forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// From the tasks' estimates, through the scheduler.
    Estimates,
    /// From the rate tasks were done at (no estimates, ≥ 3 dated done tasks).
    Throughput,
    /// Nothing to forecast from.
    None,
    /// Nothing remains.
    Done,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Estimates => "estimates",
            Method::Throughput => "throughput",
            Method::None => "none",
            Method::Done => "done",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetStatus {
    OnTrack,
    AtRisk,
    Late,
}

impl TargetStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetStatus::OnTrack => "on_track",
            TargetStatus::AtRisk => "at_risk",
            TargetStatus::Late => "late",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TargetStatus::OnTrack => "on track",
            TargetStatus::AtRisk => "at risk",
            TargetStatus::Late => "late",
        }
    }
}

/// The forecast's figures (the `forecast` object of the JSON report).
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    pub method: Method,
    /// Σ remaining days of the open tasks (estimate days, before `focus`).
    pub remaining_days: f64,
    /// Open tasks (not done, not dropped).
    pub remaining_tasks: usize,
    /// Everyone who works: `team.people`, raised to the named people.
    pub headcount: u32,
    /// The first working day of the forecast (today, or the next working day).
    pub day_zero: NaiveDate,
    /// The deterministic schedule's makespan in working days from day 0.
    pub makespan: Option<f64>,
    /// `makespan` as a count of working days (finishing on day 0 counts 1,
    /// also when the open tasks have nothing left in them); for the
    /// throughput method, the median trial's.
    pub working_days: Option<u64>,
    /// The deterministic schedule's finish; for the throughput method, P50.
    pub finish: Option<NaiveDate>,
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    pub p95: Option<NaiveDate>,
    /// Trials run for the percentiles (None when nothing was drawn: point
    /// estimates only, or no forecast).
    pub trials: Option<u32>,
    /// Trials asked for; more than `trials` when a huge plan scaled them down.
    pub trials_requested: u32,
    /// The seed the trials drew from, derived from the plan's content.
    pub seed: Option<u64>,
    /// Task indices of the chain that sets the deterministic finish.
    pub critical_path: Vec<usize>,
    /// Blocked tasks scheduled as if their blockers clear today.
    pub assumed_unblocked: usize,
    /// Open tasks without an estimate, counted at the mean.
    pub unestimated: usize,
    /// The days an unestimated task counts for (SPEC §2 *Task days*).
    pub unestimated_days: f64,
    /// The throughput history (throughput method, or the cross-check).
    pub history: Option<History>,
    /// The throughput forecast beside the estimates, when there are both
    /// estimates and at least [`CROSS_CHECK_MIN_DONE`] dated done tasks.
    pub cross_check: Option<CrossCheck>,
    pub target_status: Option<TargetStatus>,
    /// Working days from P85 to the target; negative when past it.
    pub target_slack_days: Option<i64>,
    /// Whether any open task's estimate is a range.
    pub has_ranges: bool,
    /// Why there is no date, in words a user can act on.
    pub missing: Option<String>,
}

/// The throughput forecast's P85 set beside the estimates' P85.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CrossCheck {
    /// Throughput P85 (None beyond the horizon or with no usable history).
    pub p85: Option<NaiveDate>,
    /// Working days to each P85, counting day 0 as 1.
    pub throughput_days: Option<u64>,
    pub estimate_days: u64,
}

impl CrossCheck {
    /// |throughput − estimate| / estimate, in working days to P85.
    pub fn difference(&self) -> Option<f64> {
        let t = self.throughput_days? as f64;
        let e = self.estimate_days.max(1) as f64;
        Some((t - e).abs() / e)
    }

    /// More than [`CROSS_CHECK_TOLERANCE`] apart.
    pub fn disagrees(&self) -> bool {
        self.difference().is_some_and(|d| d > CROSS_CHECK_TOLERANCE)
    }
}

/// How many Monte Carlo trials to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrialPolicy {
    pub requested: u32,
    /// Run fewer on a huge plan, so that open tasks × trials stays within
    /// [`TRIAL_WORK`] (never below [`MIN_SCALED_TRIALS`]). Off when the user
    /// asked for a count (`--trials`).
    pub scale_down: bool,
}

impl Default for TrialPolicy {
    fn default() -> Self {
        TrialPolicy {
            requested: monte_carlo::DEFAULT_TRIALS,
            scale_down: true,
        }
    }
}

/// Open tasks × trials a forecast may cost before trials are scaled down:
/// 2000 trials of 10,000 open tasks, about a second on two cores.
pub const TRIAL_WORK: u64 = 20_000_000;
/// Scaling down stops here: fewer trials would leave P95 on a handful.
pub const MIN_SCALED_TRIALS: u32 = 200;

impl TrialPolicy {
    /// The trials to run over `jobs` open tasks.
    pub fn trials_for(self, jobs: usize) -> u32 {
        let requested = self.requested.max(1);
        if !self.scale_down || jobs == 0 {
            return requested;
        }
        let affordable = (TRIAL_WORK / jobs as u64).min(u64::from(u32::MAX)) as u32;
        requested.min(affordable.max(MIN_SCALED_TRIALS))
    }
}

/// Dated done tasks needed before the throughput forecast checks the estimates.
pub const CROSS_CHECK_MIN_DONE: usize = 10;
/// How far apart the two P85s may be before a warning (50%).
pub const CROSS_CHECK_TOLERANCE: f64 = 0.5;
/// Dated done tasks the throughput method needs.
pub const THROUGHPUT_MIN_DONE: usize = 3;

/// What the forecast needs to know of each task, index-aligned with
/// `Manifest::tasks`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskInput {
    pub remaining_days: f64,
    /// `remaining_days / days`: the share of the estimate still to do.
    pub remaining_share: f64,
    /// Not done and not dropped.
    pub open: bool,
    pub blocked: bool,
}

/// The forecast for a manifest: method, deterministic schedule, Monte Carlo
/// or throughput percentiles, target status.
pub fn forecast(
    manifest: &Manifest,
    tasks: &[TaskInput],
    unestimated_days: f64,
    today: NaiveDate,
    policy: TrialPolicy,
) -> Forecast {
    let live = |i: usize| manifest.tasks[i].status != Status::Dropped;
    let open: Vec<usize> = (0..tasks.len()).filter(|&i| tasks[i].open).collect();
    let remaining_days: f64 = open.iter().map(|&i| tasks[i].remaining_days).sum();
    let estimated = (0..tasks.len()).any(|i| live(i) && manifest.tasks[i].estimate.is_some());
    let history = throughput::history(manifest, today);
    let method = if open.is_empty() {
        Method::Done
    } else if estimated {
        Method::Estimates
    } else if history.dated >= THROUGHPUT_MIN_DONE {
        Method::Throughput
    } else {
        Method::None
    };
    let has_ranges = open
        .iter()
        .any(|&i| manifest.tasks[i].estimate.is_some_and(|e| e.is_range()));
    let mut result = Forecast {
        method,
        remaining_days,
        remaining_tasks: open.len(),
        headcount: crate::manifest::roster::Roster::of(manifest).headcount,
        day_zero: calendar::day_zero(&manifest.calendar, today),
        makespan: None,
        working_days: None,
        finish: None,
        p50: None,
        p85: None,
        p95: None,
        trials: None,
        trials_requested: policy.requested.max(1),
        seed: None,
        critical_path: Vec::new(),
        assumed_unblocked: open.iter().filter(|&&i| tasks[i].blocked).count(),
        unestimated: open
            .iter()
            .filter(|&&i| manifest.tasks[i].estimate.is_none())
            .count(),
        unestimated_days,
        history: None,
        cross_check: None,
        target_status: None,
        target_slack_days: None,
        has_ranges,
        missing: None,
    };
    match method {
        Method::Done => {}
        Method::None => {
            result.missing = Some(format!(
                "no forecast: add `estimate` to tasks, or `done` dates to at least {THROUGHPUT_MIN_DONE} done tasks for a throughput forecast ({} so far)",
                history.dated
            ));
        }
        Method::Throughput => {
            by_throughput(&mut result, manifest, &history, today, policy.requested);
            result.history = Some(history);
        }
        Method::Estimates => {
            let trials = policy.trials_for(open.len());
            by_estimates(&mut result, manifest, tasks, &open, today, trials);
            if history.dated >= CROSS_CHECK_MIN_DONE {
                result.cross_check =
                    cross_check(&result, manifest, &history, today, policy.requested);
                result.history = Some(history);
            }
        }
    }
    if let (Some(target), Some(p50), Some(p85)) = (manifest.project.target, result.p50, result.p85)
    {
        result.target_status = Some(target_status(target, p50, p85));
        result.target_slack_days = Some(calendar::working_days_between(
            &manifest.calendar,
            p85,
            target,
        ));
    }
    result
}

/// The deterministic schedule, its critical path and the Monte Carlo
/// percentiles.
fn by_estimates(
    result: &mut Forecast,
    manifest: &Manifest,
    tasks: &[TaskInput],
    open: &[usize],
    today: NaiveDate,
    trials: u32,
) {
    let calendar = &manifest.calendar;
    let plan = PlanInput::new(manifest, tasks, open);
    let run = plan.plan.run(&plan.durations, result.headcount);
    let makespan = run.makespan;
    result.makespan = Some(makespan);
    result.critical_path = schedule::critical_chain(&plan.jobs, &run)
        .into_iter()
        .map(|j| open[j])
        .collect();
    // Open tasks finish on day 0 at the earliest, even with nothing left in them.
    result.working_days = Some(calendar::working_days_for(makespan).max(1));
    result.finish = calendar::finish_date(calendar, today, makespan);
    if result.finish.is_none() {
        result.missing = Some("the finish is past the end of the calendar".into());
        return;
    }
    if plan.drawn.is_empty() {
        // Point estimates only: every trial would give the same date.
        result.p50 = result.finish;
        result.p85 = result.finish;
        result.p95 = result.finish;
        return;
    }
    let seed = plan.seed(result.headcount);
    let makespans = Trials {
        plan: &plan.plan,
        durations: &plan.durations,
        drawn: &plan.drawn,
        people: result.headcount,
        seed,
    }
    .makespans(trials.max(1));
    let at = |p: f64| {
        monte_carlo::percentile(&makespans, p)
            .and_then(|t| calendar::finish_date(calendar, today, t))
    };
    result.p50 = at(0.50);
    result.p85 = at(0.85);
    result.p95 = at(0.95);
    result.trials = Some(trials.max(1));
    result.seed = Some(seed);
}

fn by_throughput(
    result: &mut Forecast,
    manifest: &Manifest,
    history: &History,
    today: NaiveDate,
    trials: u32,
) {
    let days = throughput::simulate(&history.samples, result.remaining_tasks, trials.max(1));
    if days.is_empty() {
        result.missing = Some(if history.samples.is_empty() {
            "no forecast yet: the done dates are all today; throughput counts whole working days before today".into()
        } else {
            format!(
                "no forecast: no task was done in the last {} working days",
                history.samples.len()
            )
        });
        return;
    }
    let at = |p: f64| {
        // The count d finishes on working day d − 1; `u64::MAX` is beyond
        // the horizon and has no date.
        monte_carlo::percentile(&days, p)
            .filter(|&d| d != u64::MAX)
            .and_then(|d| calendar::finish_date(&manifest.calendar, today, d as f64))
    };
    result.p50 = at(0.50);
    result.p85 = at(0.85);
    result.p95 = at(0.95);
    result.trials = Some(trials.max(1));
    // No schedule to take a finish from: the median trial stands for it.
    result.finish = result.p50;
    result.working_days = monte_carlo::percentile(&days, 0.50).filter(|&d| d != u64::MAX);
    if result.p95.is_none() {
        result.missing = Some(format!(
            "at this rate some trials take more than {} working days",
            throughput::HORIZON
        ));
    }
}

fn cross_check(
    result: &Forecast,
    manifest: &Manifest,
    history: &History,
    today: NaiveDate,
    trials: u32,
) -> Option<CrossCheck> {
    let estimate_p85 = result.p85?;
    let calendar = &manifest.calendar;
    let estimate_days =
        calendar::working_days_between(calendar, result.day_zero, estimate_p85).max(0) as u64 + 1;
    let days = throughput::simulate(&history.samples, result.remaining_tasks, trials.max(1));
    let p85_days = monte_carlo::percentile(&days, 0.85).filter(|&d| d != u64::MAX);
    Some(CrossCheck {
        p85: p85_days.and_then(|d| calendar::finish_date(calendar, today, d as f64)),
        throughput_days: p85_days,
        estimate_days,
    })
}

/// The open tasks as scheduler jobs: graph, fixed durations, drawn ranges.
struct PlanInput {
    jobs: Vec<Job>,
    plan: Plan,
    durations: Vec<f64>,
    drawn: Vec<Drawn>,
}

impl PlanInput {
    fn new(manifest: &Manifest, tasks: &[TaskInput], open: &[usize]) -> Self {
        let mut job_of = vec![usize::MAX; tasks.len()];
        for (j, &i) in open.iter().enumerate() {
            job_of[i] = j;
        }
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
                }
            })
            .collect();
        let focus = manifest.team.focus;
        let durations: Vec<f64> = open
            .iter()
            .map(|&i| tasks[i].remaining_days / focus)
            .collect();
        let drawn: Vec<Drawn> = open
            .iter()
            .enumerate()
            .filter_map(|(job, &i)| {
                let e = manifest.tasks[i].estimate.filter(|e| e.is_range())?;
                let scale = tasks[i].remaining_share / focus;
                Some(Drawn {
                    job,
                    low: e.low * scale,
                    high: e.high * scale,
                })
            })
            .collect();
        PlanInput {
            plan: Plan::new(&jobs),
            jobs,
            durations,
            drawn,
        }
    }

    /// The seed: a hash of everything that shapes the trials.
    fn seed(&self, headcount: u32) -> u64 {
        let mut h = SeedHasher::default();
        h.count(headcount as usize).count(self.jobs.len());
        for (job, duration) in self.jobs.iter().zip(&self.durations) {
            h.number(*duration)
                .count(job.doing as usize)
                .count(job.priority as usize)
                .count(job.depends_on.len());
            for &d in &job.depends_on {
                h.count(d);
            }
        }
        for d in &self.drawn {
            h.count(d.job).number(d.low).number(d.high);
        }
        h.seed()
    }
}

/// SPEC §2.2 *Target*: on track when P85 ≤ target, at risk when P50 ≤ target
/// < P85, late when P50 > target.
pub fn target_status(target: NaiveDate, p50: NaiveDate, p85: NaiveDate) -> TargetStatus {
    if p85 <= target {
        TargetStatus::OnTrack
    } else if p50 <= target {
        TargetStatus::AtRisk
    } else {
        TargetStatus::Late
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trials_scale_down_only_on_huge_plans_and_never_when_asked_for() {
        let policy = TrialPolicy::default();
        assert_eq!(policy.trials_for(1_000), 2000);
        assert_eq!(policy.trials_for(10_000), 2000);
        assert_eq!(policy.trials_for(40_000), 500);
        assert_eq!(policy.trials_for(1_000_000), MIN_SCALED_TRIALS);
        let exact = TrialPolicy {
            requested: 5000,
            scale_down: false,
        };
        assert_eq!(exact.trials_for(1_000_000), 5000);
    }
}

//! Days to done (docs/forecast.md): which method applies,
//! the owner-aware list schedule and what it tells (each task's, person's
//! and component's finish, the critical path), the Monte Carlo percentiles
//! over the same scheduler — calibrated by the team's record when it is
//! long enough — the throughput forecast from `done` dates (alone, or as a
//! check on the estimates), and the target's status. Pure: a manifest, each
//! task's remaining days, today and the trial count in; a [`Forecast`] out.
//! [`prepare`] gives the deterministic figures at once and the trials to
//! run later.

pub mod away;
pub mod calendar;
pub mod calibration;
mod chance;
pub mod coverage;
pub mod critical;
pub mod draws;
pub mod effort;
mod estimates;
pub mod monte_carlo;
mod movers;
pub mod never;
mod ready_set;
pub mod schedule;
pub mod shared;
pub mod throughput;
mod trials;

use chrono::NaiveDate;

use crate::manifest::roster::Roster;
use crate::manifest::{Calendar, Manifest, Status};
pub use calibration::{Calibration, Shortfall};
pub use critical::{CriticalPath, Link, LinkKind, Load, WorkerRef};
use estimates::PlanInput;
pub use movers::RecordMover;
pub use never::{Never, NeverCause};
pub use shared::{Elsewhere, ElsewhereProject, Taken, TakenTime};
pub use throughput::History;
pub use trials::{
    Answer, MIN_SCALED_TRIALS, Pending, TRIAL_WORK, TrialPolicy, uncalibrated_trials,
};

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
    /// The named people (and each task's owner among them).
    pub roster: Roster,
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
    /// Calibrated when [`Forecast::calibration`] is set.
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    pub p95: Option<NaiveDate>,
    /// The trials have not run yet ([`prepare`]): the percentiles, the
    /// components' percentiles and the target status are still to come.
    pub pending: bool,
    /// Trials run for the percentiles (None when nothing was drawn: point
    /// estimates only, or no forecast).
    pub trials: Option<u32>,
    /// Trials asked for; more than `trials` when a huge plan scaled them down.
    pub trials_requested: u32,
    /// The seed the trials drew from: the project's name's (common random
    /// numbers).
    pub seed: Option<u64>,
    /// Task indices of the chain that sets the deterministic finish (the
    /// tasks of `critical`).
    pub critical_path: Vec<usize>,
    /// That chain with its links, and whether one person's load sets it.
    pub critical: CriticalPath,
    /// Per task (index-aligned with `Manifest::tasks`): its place in the
    /// deterministic schedule; `None` when it is not open (or no schedule).
    pub tasks: Vec<Option<TaskForecast>>,
    /// Per named person (index-aligned with `roster.members`).
    pub people: Vec<PersonForecast>,
    /// In a portfolio: the named people's work in its other projects
    /// (docs/portfolio.md, *Shared people*), one entry a person with some,
    /// in roster order. Empty outside a portfolio.
    pub elsewhere: Vec<Elsewhere>,
    /// The named person whose work ends last (index into `roster.members`).
    pub bottleneck: Option<usize>,
    /// Per component (index-aligned with `Manifest::components`).
    pub components: Vec<ComponentForecast>,
    /// The team's record, when long enough to calibrate the percentiles.
    pub calibration: Option<Calibration>,
    /// The done tasks whose ratios move the P85 most (leave-one-out),
    /// largest move first; empty without calibration or while pending.
    pub record_movers: Vec<RecordMover>,
    /// Without calibration (method estimates): the samples so far and how
    /// many more are needed.
    pub calibration_shortfall: Option<Shortfall>,
    /// Blocked tasks scheduled as if their blockers clear today.
    pub assumed_unblocked: usize,
    /// Open tasks without an estimate, counted at the mean.
    pub unestimated: usize,
    /// The days an unestimated task counts for (docs/manifest.md, *Task days*).
    pub unestimated_days: f64,
    /// The throughput history (throughput method, or the cross-check).
    pub history: Option<History>,
    /// The throughput forecast beside the estimates, when there are both
    /// estimates and at least [`CROSS_CHECK_MIN_DONE`] dated done tasks.
    pub cross_check: Option<CrossCheck>,
    pub target_status: Option<TargetStatus>,
    /// Working days from P85 to the target; negative when past it.
    pub target_slack_days: Option<i64>,
    /// With a target: the share of the trials (calibrated when there is a
    /// record; the schedule alone when nothing is drawn) that finish on or
    /// before it, 0 to 1. `None` without a target, without a forecast, or
    /// while the trials are pending.
    pub chance: Option<f64>,
    /// No finish by [`calendar::LAST_DATE`] (docs/forecast.md, *Far
    /// future*), and why: then `finish` and the percentiles are `None`.
    pub never: Option<Never>,
    /// Whether any open task's estimate is a range.
    pub has_ranges: bool,
    /// Why there is no date, in words a user can act on.
    pub missing: Option<String>,
}

impl Forecast {
    fn set_percentiles(&mut self, p: Percentiles) {
        self.p50 = p.p50;
        self.p85 = p.p85;
        self.p95 = p.p95;
    }

    /// The named person of a worker, when it is one.
    pub fn person(&self, worker: WorkerRef) -> Option<&crate::manifest::roster::Member> {
        worker.person().map(|p| &self.roster.members[p])
    }
}

/// P50, P85 and P95 finish dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Percentiles {
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    pub p95: Option<NaiveDate>,
}

/// An open task in the deterministic schedule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskForecast {
    /// Working days from the start of day 0.
    pub start: f64,
    pub end: f64,
    /// The day its work ends (None past the calendar's end).
    pub finish: Option<NaiveDate>,
    pub worker: WorkerRef,
}

/// A named person's share of the deterministic schedule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonForecast {
    /// Open tasks they work (their own, and unowned ones they take).
    pub tasks: usize,
    /// Σ remaining days of those tasks (estimate days, before focus).
    pub remaining_days: f64,
    /// Working days of work: those days over their focus.
    pub working_days: f64,
    /// When their last task ends, in working days from day 0.
    pub end: Option<f64>,
    pub finish: Option<NaiveDate>,
    /// Their working days away from day 0 to the plan's finish.
    pub away_days: u64,
}

/// When a component is done: the latest finish of its open tasks.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ComponentForecast {
    /// In working days from day 0 (deterministic schedule); None without
    /// open tasks.
    pub end: Option<f64>,
    pub finish: Option<NaiveDate>,
    /// From the same trials as the plan's.
    pub percentiles: Percentiles,
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
    let (mut result, pending) = prepare(manifest, tasks, unestimated_days, today, policy);
    if let Some(pending) = pending {
        pending.complete(&mut result);
    }
    result
}

/// The P50 and P85 of [`forecast`] alone (equal to its own), without the
/// figures beside them ([`Pending::answer`]); `None` for either past the
/// calendar's last date or with nothing left.
pub fn answer(
    manifest: &Manifest,
    tasks: &[TaskInput],
    unestimated_days: f64,
    today: NaiveDate,
    policy: TrialPolicy,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match prepare(manifest, tasks, unestimated_days, today, policy) {
        (result, Some(pending)) => {
            let a = pending.answer(&result);
            (a.p50, a.p85)
        }
        (result, None) => (result.p50, result.p85),
    }
}

/// The forecast without its Monte Carlo trials: every deterministic figure
/// (finish, working days, each task's, person's and component's finish,
/// the critical path, the calibration's samples), and the trials still to
/// run when there are any. `result.pending` is then true and the
/// percentiles and target status are unset until [`Pending::complete`].
pub fn prepare(
    manifest: &Manifest,
    tasks: &[TaskInput],
    unestimated_days: f64,
    today: NaiveDate,
    policy: TrialPolicy,
) -> (Forecast, Option<Pending>) {
    prepare_with(manifest, tasks, unestimated_days, today, policy, None)
}

/// [`prepare`] for a project of a portfolio whose declared people `taken`
/// holds are shared with other projects (docs/portfolio.md, *Shared
/// people*): the time earlier projects take of them — in the schedule, and
/// in each trial — is time away here. With a shared person and estimates,
/// the trials are always returned (their time taken differs from trial to
/// trial), and [`Pending::complete_shared`] gives the time taken after
/// this project for the next.
pub fn prepare_shared(
    manifest: &Manifest,
    tasks: &[TaskInput],
    unestimated_days: f64,
    today: NaiveDate,
    policy: TrialPolicy,
    taken: &Taken,
) -> (Forecast, Option<Pending>) {
    prepare_with(
        manifest,
        tasks,
        unestimated_days,
        today,
        policy,
        Some(taken),
    )
}

fn prepare_with(
    manifest: &Manifest,
    tasks: &[TaskInput],
    unestimated_days: f64,
    today: NaiveDate,
    policy: TrialPolicy,
    taken: Option<&Taken>,
) -> (Forecast, Option<Pending>) {
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
    let roster = Roster::of(manifest);
    let mut people = vec![PersonForecast::default(); roster.members.len()];
    for &i in &open {
        if let Some(p) = roster.owner[i] {
            let person = &mut people[p as usize];
            person.tasks += 1;
            person.remaining_days += tasks[i].remaining_days;
            person.working_days += tasks[i].remaining_days / roster.members[p as usize].focus;
        }
    }
    let mut result = Forecast {
        method,
        remaining_days,
        remaining_tasks: open.len(),
        headcount: roster.headcount,
        roster,
        day_zero: calendar::day_zero(&manifest.calendar, today),
        makespan: None,
        working_days: None,
        finish: None,
        p50: None,
        p85: None,
        p95: None,
        pending: false,
        trials: None,
        trials_requested: policy.requested.max(1),
        seed: None,
        critical_path: Vec::new(),
        critical: CriticalPath::default(),
        tasks: vec![None; tasks.len()],
        people,
        elsewhere: Vec::new(),
        bottleneck: None,
        components: vec![ComponentForecast::default(); manifest.components.len()],
        calibration: None,
        record_movers: Vec::new(),
        calibration_shortfall: None,
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
        chance: None,
        never: None,
        has_ranges,
        missing: None,
    };
    let mut pending = None;
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
            let mut input = PlanInput::new(manifest, &result.roster, tasks, &open, today);
            if let Some(taken) = taken {
                input.share(taken, &result.roster);
            }
            match calibration::calibration(manifest, |owner| result.roster.find(owner)) {
                Ok(record) => {
                    input.calibrate(&record, &result.roster);
                    result.calibration = Some(record);
                }
                Err(shortfall) => result.calibration_shortfall = Some(shortfall),
            }
            if estimates::deterministic(&mut result, manifest, tasks, &input, today) {
                let check = (history.dated >= CROSS_CHECK_MIN_DONE).then_some(history);
                let trials = policy.trials_for(open.len()).max(1);
                let waiting = Pending {
                    input,
                    calendar: manifest.calendar.clone(),
                    target: manifest.project.target,
                    today,
                    trials,
                    requested: policy.requested,
                    history: check,
                };
                if waiting.input.nothing_to_draw() {
                    waiting.complete(&mut result);
                } else {
                    result.pending = true;
                    pending = Some(waiting);
                }
            }
        }
    }
    if method != Method::Estimates || result.never.is_some() {
        set_target(&mut result, manifest.project.target, &manifest.calendar);
    }
    (result, pending)
}

/// The target's status and slack from P50 and P85; a plan that never
/// finishes has no chance of meeting it.
fn set_target(result: &mut Forecast, target: Option<NaiveDate>, calendar: &Calendar) {
    if target.is_some() && result.never.is_some() {
        result.chance = Some(0.0);
    }
    if let (Some(target), Some(p50), Some(p85)) = (target, result.p50, result.p85) {
        result.target_status = Some(target_status(target, p50, p85));
        result.target_slack_days = Some(calendar::working_days_between(calendar, p85, target));
    }
}

fn by_throughput(
    result: &mut Forecast,
    manifest: &Manifest,
    history: &History,
    today: NaiveDate,
    trials: u32,
) {
    let seed = monte_carlo::project_seed(&manifest.project.name);
    let days = throughput::simulate(
        &history.samples,
        result.remaining_tasks,
        trials.max(1),
        seed,
    );
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
    result.seed = Some(seed);
    result.chance = manifest
        .project
        .target
        .and_then(|target| chance::of_day_counts(&days, &manifest.calendar, today, target));
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
    calendar: &Calendar,
    history: &History,
    today: NaiveDate,
    trials: u32,
    seed: u64,
) -> Option<CrossCheck> {
    let estimate_p85 = result.p85?;
    let estimate_days =
        calendar::working_days_between(calendar, result.day_zero, estimate_p85).max(0) as u64 + 1;
    let days = throughput::simulate(
        &history.samples,
        result.remaining_tasks,
        trials.max(1),
        seed,
    );
    let p85_days = monte_carlo::percentile(&days, 0.85).filter(|&d| d != u64::MAX);
    Some(CrossCheck {
        p85: p85_days.and_then(|d| calendar::finish_date(calendar, today, d as f64)),
        throughput_days: p85_days,
        estimate_days,
    })
}

/// The target (docs/forecast.md, *Target*): on track when P85 ≤ target, at
/// risk when P50 ≤ target < P85, late when P50 > target.
pub fn target_status(target: NaiveDate, p50: NaiveDate, p85: NaiveDate) -> TargetStatus {
    if p85 <= target {
        TargetStatus::OnTrack
    } else if p50 <= target {
        TargetStatus::AtRisk
    } else {
        TargetStatus::Late
    }
}

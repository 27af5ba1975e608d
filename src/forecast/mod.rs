//! Days to done (SPEC §2.2): which method applies, the deterministic list
//! schedule over the calendar, and the target's status. Pure: a manifest, each
//! task's remaining days and today in; a [`Forecast`] out.

pub mod calendar;
pub mod schedule;

use chrono::NaiveDate;

use crate::manifest::{Manifest, Status};
use schedule::{Job, Plan};

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
    /// The first working day of the forecast (today, or the next working day).
    pub day_zero: NaiveDate,
    /// The deterministic schedule's makespan in working days from day 0.
    pub makespan: Option<f64>,
    /// `makespan` as a count of working days (finishing on day 0 counts 1,
    /// also when the open tasks have nothing left in them).
    pub working_days: Option<u64>,
    pub finish: Option<NaiveDate>,
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    pub p95: Option<NaiveDate>,
    /// Blocked tasks scheduled as if their blockers clear today.
    pub assumed_unblocked: usize,
    /// Open tasks without an estimate, counted at the mean.
    pub unestimated: usize,
    /// The days an unestimated task counts for (SPEC §2 *Task days*).
    pub unestimated_days: f64,
    pub target_status: Option<TargetStatus>,
    /// Working days from P85 to the target; negative when past it.
    pub target_slack_days: Option<i64>,
    /// Whether any open task's estimate is a range (then the percentiles need
    /// the probabilistic forecast and stay unset here).
    pub has_ranges: bool,
}

/// What the forecast needs to know of each task, index-aligned with
/// `Manifest::tasks`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskInput {
    pub remaining_days: f64,
    /// Not done and not dropped.
    pub open: bool,
    pub blocked: bool,
}

/// The forecast for a manifest: method, deterministic schedule, target status.
pub fn forecast(
    manifest: &Manifest,
    tasks: &[TaskInput],
    unestimated_days: f64,
    today: NaiveDate,
) -> Forecast {
    let calendar = &manifest.calendar;
    let live = |i: usize| manifest.tasks[i].status != Status::Dropped;
    let open: Vec<usize> = (0..tasks.len()).filter(|&i| tasks[i].open).collect();
    let remaining_days: f64 = open.iter().map(|&i| tasks[i].remaining_days).sum();
    let estimated = (0..tasks.len()).any(|i| live(i) && manifest.tasks[i].estimate.is_some());
    let dated_done = manifest
        .tasks
        .iter()
        .filter(|t| t.status == Status::Done && t.done.is_some())
        .count();
    let method = if open.is_empty() {
        Method::Done
    } else if estimated {
        Method::Estimates
    } else if dated_done >= 3 {
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
        day_zero: calendar::day_zero(calendar, today),
        makespan: None,
        working_days: None,
        finish: None,
        p50: None,
        p85: None,
        p95: None,
        assumed_unblocked: open.iter().filter(|&&i| tasks[i].blocked).count(),
        unestimated: open
            .iter()
            .filter(|&&i| manifest.tasks[i].estimate.is_none())
            .count(),
        unestimated_days,
        target_status: None,
        target_slack_days: None,
        has_ranges,
    };
    if method != Method::Estimates {
        return result;
    }
    let makespan = deterministic_makespan(manifest, tasks, &open);
    result.makespan = Some(makespan);
    // Open tasks finish on day 0 at the earliest, even with nothing left in them.
    result.working_days = Some(calendar::working_days_for(makespan).max(1));
    let Some(finish) = calendar::finish_date(calendar, today, makespan) else {
        return result;
    };
    result.finish = Some(finish);
    if !has_ranges {
        // Point estimates only: every trial would give the same date.
        result.p50 = Some(finish);
        result.p85 = Some(finish);
        result.p95 = Some(finish);
    }
    if let (Some(target), Some(p50), Some(p85)) = (manifest.project.target, result.p50, result.p85)
    {
        result.target_status = Some(target_status(target, p50, p85));
        result.target_slack_days = Some(calendar::working_days_between(calendar, p85, target));
    }
    result
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

/// The list schedule of the open tasks with their remaining days over `focus`.
fn deterministic_makespan(manifest: &Manifest, tasks: &[TaskInput], open: &[usize]) -> f64 {
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
    Plan::new(&jobs)
        .run(&durations, manifest.team.people)
        .makespan
}

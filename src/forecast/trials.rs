//! How many Monte Carlo trials a forecast runs (scaled down on huge plans,
//! a share of them at face value beside calibrated ones), and the trials
//! still to run: [`Pending`] owns everything they need so that a shell can
//! run them on another thread and [`Pending::complete`] fills in the
//! percentiles, the throughput check and the target's status.

use chrono::NaiveDate;

use super::estimates::{self, PlanInput};
use super::shared::{Taken, TakenTime, union};
use super::{Forecast, History, chance, cross_check, monte_carlo, set_target};
use crate::manifest::Calendar;

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

/// Of `trials` calibrated trials, how many also run at face value: a
/// quarter (at least [`MIN_SCALED_TRIALS`], at most all), enough for the
/// uncalibrated percentiles shown beside the calibrated ones at a quarter
/// of the cost of a second full run.
pub fn uncalibrated_trials(trials: u32) -> u32 {
    (trials / 4).max(MIN_SCALED_TRIALS).min(trials)
}

/// The forecast's answer alone ([`Pending::answer`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Answer {
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    /// The share of trials on or before the target (0–1), `None` without
    /// one.
    pub chance: Option<f64>,
}

/// The Monte Carlo trials of a forecast, still to run: everything they
/// need, owned, so that they can run on another thread.
pub struct Pending {
    pub(super) input: PlanInput,
    pub(super) calendar: Calendar,
    pub(super) target: Option<NaiveDate>,
    pub(super) today: NaiveDate,
    pub(super) trials: u32,
    pub(super) requested: u32,
    /// The throughput history, when long enough for the cross-check.
    pub(super) history: Option<History>,
}

impl Pending {
    /// The answer alone — the calibrated P50 and P85, and the chance of
    /// meeting the target — as [`Pending::complete`] would set them on
    /// `result` (the prepared forecast): the same trials, each trial's
    /// calibrated makespan drawn as there, without what stands beside the
    /// answer (the trials at face value, each component's finish, the
    /// record's movers, the throughput cross-check). What the replay of
    /// "why it moved" and each past day of the trend forecast
    /// (docs/trend.md), at about two thirds of a whole forecast's trials
    /// with a record.
    pub fn answer(&self, result: &Forecast) -> Answer {
        let drawn = !self.input.nothing_to_draw();
        let sorted = if drawn {
            let trials = monte_carlo::Trials {
                components: None,
                ..self.input.trials(0)
            };
            trials.run(self.trials).makespans
        } else {
            vec![result.makespan.unwrap_or(0.0)]
        };
        let date = |p: f64| {
            monte_carlo::percentile(&sorted, p)
                .and_then(|t| super::calendar::finish_date(&self.calendar, self.today, t))
        };
        let (p50, p85) = if drawn {
            (date(0.50), date(0.85))
        } else {
            (result.finish, result.finish)
        };
        // As `complete` then `set_target`: no chance of a plan that never
        // finishes.
        let never = result.never.is_some() || p50.is_none();
        let chance = match self.target {
            Some(_) if never => Some(0.0),
            Some(target) => chance::of_makespans(&sorted, &self.calendar, self.today, target),
            None => None,
        };
        Answer { p50, p85, chance }
    }

    /// What the trials cost, in task-trials: the open tasks scheduled times
    /// the trials [`Pending::complete`] runs (with calibration, a share of
    /// them twice: at face value too). About 80 ns of one core each
    /// (docs/performance.md, "The forecast"): a shell weighs this before running them now
    /// or not at all.
    pub fn work(&self) -> u64 {
        if self.input.nothing_to_draw() {
            return 0;
        }
        self.input.jobs.len() as u64 * u64::from(self.trials + self.face_value_trials())
    }

    /// The trials also run at face value beside calibrated ones (for
    /// `calibration.uncalibrated`): a share of them, and none without
    /// calibration or without ranges (then face value is the schedule).
    fn face_value_trials(&self) -> u32 {
        if self.input.record.is_some() && !self.input.drawn.is_empty() {
            uncalibrated_trials(self.trials)
        } else {
            0
        }
    }

    /// Runs `trials` trials instead of the count the policy gave: a
    /// portfolio runs as many for every project, so that its trials pair
    /// up (docs/portfolio.md).
    pub fn set_trials(&mut self, trials: u32) {
        self.trials = trials.max(1);
    }

    /// The open tasks the trials schedule.
    pub fn jobs(&self) -> usize {
        self.input.jobs.len()
    }

    /// Runs the trials (none when nothing is drawn) and fills in the
    /// percentiles — the plan's, the components' and, when calibrated, the
    /// uncalibrated ones — the target status and the throughput check.
    pub fn complete(self, result: &mut Forecast) {
        self.complete_by_trial(result);
    }

    /// [`Pending::complete`], returning each trial's finish in trial order
    /// (`None` past the end of the calendar); empty when nothing was drawn.
    pub fn complete_by_trial(self, result: &mut Forecast) -> Vec<Option<NaiveDate>> {
        self.complete_shared(result).0
    }

    /// [`Pending::complete_by_trial`], and with people shared with other
    /// projects of a portfolio ([`super::prepare_shared`]), the time they
    /// are taken by the projects so far, this one included — in the
    /// schedule and in each trial — for the next project (an empty map
    /// without them).
    pub fn complete_shared(self, result: &mut Forecast) -> (Vec<Option<NaiveDate>>, Taken) {
        let outcome = (!self.input.nothing_to_draw()).then(|| {
            // With calibration, the percentiles at face value come from a
            // share of the same trials (they only stand beside).
            self.input.trials(self.face_value_trials()).run(self.trials)
        });
        estimates::fill_percentiles(
            result,
            &self.input,
            outcome.as_ref(),
            &self.calendar,
            self.today,
        );
        if outcome.is_some() {
            result.trials = Some(self.trials);
            result.seed = Some(self.input.seed);
        }
        if let Some(o) = &outcome {
            result.record_movers =
                super::movers::record_movers(&self.input, &self.calendar, self.today, &o.by_trial);
        }
        // Nothing drawn: every trial is the schedule.
        let fixed = [result.makespan.unwrap_or(0.0)];
        let makespans = outcome.as_ref().map_or(&fixed[..], |o| &o.makespans[..]);
        if result.p50.is_none() {
            result.never = Some(estimates::never_after_trials(result, makespans));
        }
        result.chance = self
            .target
            .and_then(|target| chance::of_makespans(makespans, &self.calendar, self.today, target));
        result.pending = false;
        let taken = self.taken_after(result, outcome.as_ref());
        if let Some(history) = self.history {
            let seed = self.input.seed;
            result.cross_check = cross_check(
                result,
                &self.calendar,
                &history,
                self.today,
                self.requested,
                seed,
            );
            result.history = Some(history);
        }
        set_target(result, self.target, &self.calendar);
        let finishes = outcome.map_or_else(Vec::new, |o| {
            o.by_trial
                .iter()
                .map(|&t| super::calendar::finish_date(&self.calendar, self.today, t))
                .collect()
        });
        (finishes, taken)
    }

    /// The shared people's time taken once this project is done: what
    /// earlier projects took, and their tasks here (the schedule's from
    /// `result.tasks`, each trial's from `outcome`).
    fn taken_after(&self, result: &Forecast, outcome: Option<&monte_carlo::Outcome>) -> Taken {
        let Some(shared) = &self.input.shared else {
            return Taken::default();
        };
        let mut taken = Taken::default();
        for (s, (&w, before)) in shared.workers.iter().zip(&shared.taken).enumerate() {
            let mut mine: Vec<(f64, f64)> = result
                .tasks
                .iter()
                .flatten()
                .filter(|t| t.worker.person() == Some(w as usize))
                .map(|t| (t.start, t.end))
                .collect();
            mine.sort_by(|a, b| a.0.total_cmp(&b.0));
            let trials = outcome.map_or_else(Vec::new, |o| {
                o.taken.iter().map(|row| row[s].clone()).collect()
            });
            taken.people.insert(
                shared.ids[s].clone(),
                TakenTime {
                    plan: union(&before.plan, &mine),
                    trials,
                },
            );
        }
        taken
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

    #[test]
    fn a_quarter_of_the_trials_run_at_face_value_but_never_fewer_than_200() {
        assert_eq!(uncalibrated_trials(2000), 500);
        assert_eq!(uncalibrated_trials(10_000), 2500);
        assert_eq!(uncalibrated_trials(400), 200);
        assert_eq!(uncalibrated_trials(150), 150);
        assert_eq!(uncalibrated_trials(1), 1);
    }
}

//! The record's movers (docs/forecast.md, *Reading and correcting the
//! record*): the done tasks whose ratios move the P85 most, found by
//! leaving each candidate's sample out and running the trials again — a
//! few candidates (the samples farthest from their scope's median, weighed
//! by how few samples stand beside them), [`TRIALS`] trials each, set
//! against the same first trials of the forecast's own run (common random
//! numbers), so that the difference is the sample's doing and not noise.

use chrono::NaiveDate;

use super::calendar;
use super::estimates::PlanInput;
use super::monte_carlo::percentile;
use crate::manifest::Calendar;

/// A done task whose ratio moves the P85 (JSON `forecast.record_movers`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecordMover {
    /// Task index.
    pub task: usize,
    /// Its effort over its estimate.
    pub ratio: f64,
    /// Working days the P85 is later with it than without it (negative:
    /// earlier).
    pub p85_days: i64,
}

/// Samples tried by leaving them out.
pub const CANDIDATES: usize = 3;
/// Trials run for each, at most the forecast's own.
pub const TRIALS: u32 = 200;
/// Movers named at most.
pub const SHOWN: usize = 3;

/// The movers of a calibrated plan, largest move first; those that move
/// the P85 by no working day are left out. `by_trial`: the forecast's own
/// calibrated makespans in trial order. Empty without a record.
pub(super) fn record_movers(
    input: &PlanInput,
    calendar: &Calendar,
    today: NaiveDate,
    by_trial: &[f64],
) -> Vec<RecordMover> {
    let Some(record) = &input.record else {
        return Vec::new();
    };
    // Scopes some open task draws from.
    let mut used = vec![false; record.scopes.len()];
    for job in &record.jobs {
        used[job.scope as usize] = true;
    }
    // Each task's largest distance from its scope's median, per sample.
    let mut candidates: Vec<(f64, usize, f64)> = Vec::new();
    for ((tasks, _, ratios), _) in record.scopes.iter().zip(&used).filter(|(_, u)| **u) {
        let mut sorted = ratios.clone();
        sorted.sort_by(f64::total_cmp);
        let centre = super::calibration::median(&sorted)
            .max(f64::MIN_POSITIVE)
            .ln();
        for (&task, &ratio) in tasks.iter().zip(ratios) {
            let score = (ratio.max(f64::MIN_POSITIVE).ln() - centre).abs() / ratios.len() as f64;
            match candidates.iter_mut().find(|c| c.1 == task) {
                Some(c) => c.0 = c.0.max(score),
                None => candidates.push((score, task, ratio)),
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    candidates.truncate(CANDIDATES);
    if candidates.is_empty() || by_trial.is_empty() {
        return Vec::new();
    }
    let trials = (TRIALS as usize).min(by_trial.len());
    let p85_of = |mut makespans: Vec<f64>| {
        makespans.sort_by(f64::total_cmp);
        percentile(&makespans, 0.85).and_then(|t| calendar::finish_date(calendar, today, t))
    };
    let p85 =
        |draws: &super::draws::Draws| p85_of(input.trials_with(draws).run(trials as u32).by_trial);
    let Some(with_all) = p85_of(by_trial[..trials].to_vec()) else {
        return Vec::new();
    };
    let mut movers: Vec<RecordMover> = candidates
        .iter()
        .filter(|c| c.0 > 0.0)
        .filter_map(|&(_, task, ratio)| {
            let without = p85(&record.draws_without(Some(task)))?;
            let p85_days = calendar::working_days_between(calendar, without, with_all);
            (p85_days != 0).then_some(RecordMover {
                task,
                ratio,
                p85_days,
            })
        })
        .collect();
    movers.sort_by(|a, b| {
        b.p85_days
            .abs()
            .cmp(&a.p85_days.abs())
            .then(a.task.cmp(&b.task))
    });
    movers.truncate(SHOWN);
    movers
}

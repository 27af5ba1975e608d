//! How well the calibrated percentiles cover real outcomes
//! (docs/forecast.md, *Checking the calibration*): for each developer, in
//! batches of k consecutive done tasks after their first
//! [`FIRST_BATCH_AFTER`], the batch is forecast from the tasks before it
//! with the product's draws ([`super::draws`]) — one person doing the
//! batch's tasks one after another, so a trial's outcome is the sum of
//! each task's estimate times its drawn ratio — and the share of batches
//! whose real total effort is within P50, P85 and P95 is counted. Also a
//! seeded synthetic record shaped like the public data, for the test.

use rayon::prelude::*;

use super::draws::{Draws, JobRecord, Scope, Settings};
use super::monte_carlo::{self, draw, percentile, unit_from};

/// A done task of the record: who, the estimate and the actual (any one
/// unit, both > 0), in each developer's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub developer: String,
    pub estimate: f64,
    pub actual: f64,
}

/// A batch is forecast only once its developer has this many tasks done.
pub const FIRST_BATCH_AFTER: usize = 5;

/// The share of batches within each percentile.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Coverage {
    pub batches: usize,
    pub p50: f64,
    pub p85: f64,
    pub p95: f64,
    /// The median over batches of P95 / P50: how wide the forecast is.
    pub width: f64,
}

/// The coverage of batches of `k` tasks over `rows` (grouped by developer
/// in their order), `trials` trials each, drawing by `settings`.
pub fn coverage(rows: &[Row], k: usize, trials: u32, settings: Settings) -> Coverage {
    let mut developers: Vec<&str> = rows.iter().map(|r| r.developer.as_str()).collect();
    developers.sort_unstable();
    developers.dedup();
    let records: Vec<Vec<&Row>> = developers
        .iter()
        .map(|d| rows.iter().filter(|r| r.developer == *d).collect())
        .collect();
    let k = k.max(1);
    let batches: Vec<(usize, usize)> = records
        .iter()
        .enumerate()
        .flat_map(|(d, mine)| {
            (FIRST_BATCH_AFTER..)
                .step_by(k)
                .take_while(move |&s| s + k <= mine.len())
                .map(move |s| (d, s))
        })
        .collect();
    let results: Vec<(bool, bool, bool, f64)> = batches
        .par_iter()
        .map(|&(d, s)| {
            let mine = &records[d];
            let history = &mine[..s];
            let batch = &mine[s..s + k];
            let estimates: Vec<f64> = history.iter().map(|r| r.estimate).collect();
            let ratios: Vec<f64> = history.iter().map(|r| r.actual / r.estimate).collect();
            let jobs: Vec<JobRecord> = batch
                .iter()
                .map(|r| JobRecord {
                    scope: 0,
                    estimate: r.estimate,
                    group: 0,
                })
                .collect();
            let seed = monte_carlo::project_seed(developers[d]);
            let draws = Draws::new(
                &[Scope {
                    estimates: &estimates,
                    ratios: &ratios,
                }],
                &jobs,
                vec![monte_carlo::stream(seed, "developer")],
                settings,
            );
            let streams: Vec<u64> = (0..k)
                .map(|j| monte_carlo::stream(seed, &format!("{}", s + j)))
                .collect();
            let mut totals: Vec<f64> = (0..u64::from(trials))
                .map(|t| {
                    batch
                        .iter()
                        .enumerate()
                        .map(|(j, r)| r.estimate * draws.ratio(j, streams[j], t))
                        .sum()
                })
                .collect();
            totals.sort_by(f64::total_cmp);
            let actual: f64 = batch.iter().map(|r| r.actual).sum();
            let at = |p| percentile(&totals, p).unwrap_or(f64::NAN);
            let (p50, p85, p95) = (at(0.50), at(0.85), at(0.95));
            (actual <= p50, actual <= p85, actual <= p95, p95 / p50)
        })
        .collect();
    let n = results.len();
    if n == 0 {
        return Coverage::default();
    }
    let share = |f: fn(&(bool, bool, bool, f64)) -> bool| {
        results.iter().filter(|r| f(r)).count() as f64 / n as f64
    };
    let mut widths: Vec<f64> = results.iter().map(|r| r.3).collect();
    widths.sort_by(f64::total_cmp);
    Coverage {
        batches: n,
        p50: share(|r| r.0),
        p85: share(|r| r.1),
        p95: share(|r| r.2),
        width: super::calibration::median(&widths),
    }
}

/// A seeded synthetic record shaped like the public data (docs/forecast.md):
/// `developers` people with `tasks` each; a person's bias (lognormal,
/// σ 0.3), a ratio that falls as the estimate grows (slope −0.25 in
/// log-log), a factor shared by each stretch of 10 consecutive tasks
/// (lognormal, σ 0.35) and lognormal noise (σ 0.5); estimates lognormal
/// around 4 units.
pub fn synthetic(developers: usize, tasks: usize, seed: u64) -> Vec<Row> {
    let normal = |stream: u64, k: u64| {
        // Box–Muller from two uniform draws.
        let u1 = unit_from(draw(stream, k, 0)).max(1e-12);
        let u2 = unit_from(draw(stream, k, 1));
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    };
    let mut rows = Vec::with_capacity(developers * tasks);
    for d in 0..developers {
        let person = monte_carlo::stream(seed, &format!("dev{d}"));
        let bias = 0.3 * normal(person, 0) + 0.1;
        for t in 0..tasks {
            let task = monte_carlo::stream(person, &format!("t{t}"));
            let stretch = 0.35 * normal(person, 1 + (t / 10) as u64);
            let estimate = (4.0f64.ln() + 1.0 * normal(task, 0)).exp();
            let size = -0.25 * (estimate.ln() - 4.0f64.ln());
            let noise = 0.5 * normal(task, 1);
            rows.push(Row {
                developer: format!("dev{d}"),
                estimate,
                actual: estimate * (bias + size + stretch + noise).exp(),
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chosen_draws_cover_a_synthetic_record_across_the_curve() {
        // docs/forecast.md, *Checking the calibration*: the targets are
        // P50 0.45–0.55, P85 0.80–0.90, P95 0.90–0.98 on real work; a
        // synthetic record of 8 × 60 tasks has ~90 batches of 5, so each
        // share carries a few points of noise on top.
        let rows = synthetic(8, 60, 17);
        let c = coverage(&rows, 5, 400, Settings::CHOSEN);
        assert!(c.batches > 60, "{c:?}");
        assert!((0.40..=0.60).contains(&c.p50), "{c:?}");
        assert!((0.76..=0.93).contains(&c.p85), "{c:?}");
        assert!((0.87..=0.99).contains(&c.p95), "{c:?}");
        // At face value with independent draws the P50 is late.
        let face = coverage(&rows, 5, 400, Settings::INDEPENDENT);
        assert!(face.p50 > c.p50, "{face:?} vs {c:?}");
    }
}

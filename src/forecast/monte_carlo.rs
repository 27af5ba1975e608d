//! The probabilistic forecast of SPEC §2.2: N trials, each drawing every
//! ranged task's duration from the triangular distribution (a, (a+b)/2, b)
//! and running the list scheduler. Reproducible: the seed comes from the
//! plan's content, and each trial has its own generator seeded from the seed
//! and its number, so the result depends on neither the thread count nor the
//! order the trials run in.

use std::hash::Hasher;

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng, SeedableRng};
use rayon::prelude::*;
use rustc_hash::FxHasher;

use super::schedule::{Plan, Scratch};

/// Trials when the command line does not say.
pub const DEFAULT_TRIALS: u32 = 2000;

/// A job whose duration is drawn: the job's index and its duration's range
/// (already scaled by the task's remaining fraction and over `focus`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drawn {
    pub job: usize,
    pub low: f64,
    pub high: f64,
}

/// What the trials run over.
pub struct Trials<'a> {
    pub plan: &'a Plan,
    /// Each job's fixed duration; the drawn jobs' entries are overwritten.
    pub durations: &'a [f64],
    pub drawn: &'a [Drawn],
    pub people: u32,
    pub seed: u64,
}

impl Trials<'_> {
    /// Every trial's makespan, sorted ascending.
    pub fn makespans(&self, trials: u32) -> Vec<f64> {
        let mut makespans: Vec<f64> = (0..trials)
            .into_par_iter()
            .map_init(
                || (Scratch::default(), self.durations.to_vec()),
                |(scratch, durations), trial| self.trial(trial, scratch, durations),
            )
            .collect();
        makespans.sort_by(f64::total_cmp);
        makespans
    }

    fn trial(&self, trial: u32, scratch: &mut Scratch, durations: &mut [f64]) -> f64 {
        let mut rng = trial_rng(self.seed, trial);
        for d in self.drawn {
            durations[d.job] = triangular(d.low, d.high, unit(&mut rng));
        }
        self.plan.makespan(durations, self.people, scratch)
    }
}

/// The generator of one trial: independent streams from one seed.
pub fn trial_rng(seed: u64, trial: u32) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed ^ u64::from(trial).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// A uniform draw in [0, 1) with 53 random bits.
pub fn unit(rng: &mut impl Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform integer in `0..n` (Lemire's multiply-shift; n > 0).
pub fn below(rng: &mut impl Rng, n: usize) -> usize {
    ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize
}

/// The inverse CDF of the symmetric triangular distribution on [low, high]
/// with its mode at the midpoint, at `u` in [0, 1).
pub fn triangular(low: f64, high: f64, u: f64) -> f64 {
    let width = high - low;
    if u < 0.5 {
        low + width * (u / 2.0).sqrt()
    } else {
        high - width * ((1.0 - u) / 2.0).sqrt()
    }
}

/// The nearest-rank percentile (`p` in (0, 1]) of sorted values.
pub fn percentile<T: Copy>(sorted: &[T], p: f64) -> Option<T> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// A stable 64-bit hash of the numbers that define a forecast, for its seed.
#[derive(Default)]
pub struct SeedHasher(FxHasher);

impl SeedHasher {
    pub fn number(&mut self, x: f64) -> &mut Self {
        // One bit pattern for 0.0 and -0.0.
        self.0.write_u64(if x == 0.0 { 0 } else { x.to_bits() });
        self
    }

    pub fn count(&mut self, n: usize) -> &mut Self {
        self.0.write_u64(n as u64);
        self
    }

    pub fn seed(&self) -> u64 {
        self.0.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triangular_spans_the_range_and_is_symmetric() {
        assert_eq!(triangular(2.0, 6.0, 0.0), 2.0);
        assert_eq!(triangular(2.0, 6.0, 0.5), 4.0);
        assert!((triangular(2.0, 6.0, 0.125) - 3.0).abs() < 1e-12);
        assert!((triangular(2.0, 6.0, 0.875) - 5.0).abs() < 1e-12);
        assert_eq!(triangular(3.0, 3.0, 0.7), 3.0);
    }

    #[test]
    fn the_mean_of_many_draws_is_the_midpoint() {
        let mut rng = trial_rng(7, 0);
        let n = 200_000;
        let sum: f64 = (0..n).map(|_| triangular(1.0, 5.0, unit(&mut rng))).sum();
        assert!((sum / n as f64 - 3.0).abs() < 0.01);
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let values: Vec<u32> = (1..=20).collect();
        assert_eq!(percentile(&values, 0.5), Some(10));
        assert_eq!(percentile(&values, 0.85), Some(17));
        assert_eq!(percentile(&values, 0.95), Some(19));
        assert_eq!(percentile(&[4], 0.95), Some(4));
        assert_eq!(percentile::<u32>(&[], 0.5), None);
    }

    #[test]
    fn below_stays_below() {
        let mut rng = trial_rng(1, 1);
        let mut seen = [0u32; 3];
        for _ in 0..3000 {
            seen[below(&mut rng, 3)] += 1;
        }
        assert!(seen.iter().all(|&c| c > 900), "{seen:?}");
    }
}

//! The probabilistic forecast (docs/forecast.md, *Percentiles*): N trials,
//! each drawing every ranged task's duration from the triangular
//! distribution (a, (a+b)/2, b), with calibration multiplying every open
//! task's duration by a ratio drawn from its samples, and running the list
//! scheduler. Each trial records the plan's makespan and each component's
//! latest finish (no extra scheduling).
//!
//! Common random numbers: the seed is the project's name's
//! ([`project_seed`]) and every draw comes from a stream keyed to the task's
//! id and the trial's number (a SplitMix64 step, no generator state), so the
//! result depends on neither the thread count, nor the order the trials run
//! in, nor where the task is written, and two versions of a file draw the
//! same numbers for the same task.

use std::hash::Hasher;

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng, SeedableRng};
use rayon::prelude::*;
use rustc_hash::FxHasher;

use super::draws::Draws;
use super::schedule::{Plan, Scratch, Shared, Track};
use super::shared::{Intervals, TakenTime, union_into};

/// Trials when the command line does not say.
pub const DEFAULT_TRIALS: u32 = 2000;

/// A job whose duration is drawn: the job's index and its duration's range
/// (already scaled by the task's remaining fraction and over its focus).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drawn {
    pub job: usize,
    pub low: f64,
    pub high: f64,
}

/// What the trials run over.
pub struct Trials<'a> {
    pub plan: &'a Plan,
    /// Each job's fixed duration; the drawn jobs' entries are replaced.
    pub durations: &'a [f64],
    pub drawn: &'a [Drawn],
    /// Each job's stream: [`stream`] of its task id and the seed.
    pub streams: &'a [u64],
    /// The calibration: each job's ratio draws (super::draws).
    pub calibration: Option<&'a Draws>,
    /// Each job's component slot (`u32::MAX`: untracked) and the slot count.
    pub components: Option<(&'a [u32], usize)>,
    /// Also run the first this many trials without the calibration (when
    /// it applies): the percentiles taken at face value, beside.
    pub uncalibrated: u32,
    /// People shared with other projects of a portfolio.
    pub shared: Option<SharedTrials<'a>>,
}

/// The people a plan shares with other projects of a portfolio: in trial
/// k, the time earlier projects take in their trial k is time away.
#[derive(Debug, Clone, Copy)]
pub struct SharedTrials<'a> {
    /// Their indices among the named workers.
    pub workers: &'a [u32],
    /// Per shared worker: the time earlier projects take.
    pub taken: &'a [TakenTime],
}

/// A trial's buffers for shared people.
#[derive(Default)]
struct SharedScratch {
    /// Per named worker: days away in this trial.
    away: Vec<Intervals>,
    /// Per named worker: their busy time in this trial.
    busy: Vec<Intervals>,
}

/// The trials' outcome, each list sorted ascending.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    /// Every trial's makespan (calibrated when calibration applies).
    pub makespans: Vec<f64>,
    /// The same in trial order (trial k of one plan pairs with trial k of
    /// another in a portfolio, docs/portfolio.md).
    pub by_trial: Vec<f64>,
    /// The first trials without calibration (empty unless asked for).
    pub uncalibrated: Vec<f64>,
    /// Per component slot: every trial's latest finish.
    pub components: Vec<Vec<f64>>,
    /// With shared people, per trial in trial order, per shared worker:
    /// the time taken by earlier projects and this one together.
    pub taken: Vec<Vec<Intervals>>,
}

impl Trials<'_> {
    /// Every trial's makespan, sorted ascending.
    pub fn makespans(&self, trials: u32) -> Vec<f64> {
        self.run(trials).makespans
    }

    /// Runs the trials (in parallel, each allocating nothing).
    pub fn run(&self, trials: u32) -> Outcome {
        let face_value = if self.calibration.is_some() {
            self.uncalibrated.min(trials)
        } else {
            0
        };
        let uncalibrated = face_value > 0;
        let slots = self.components.map_or(0, |(_, n)| n);
        let stride = 1 + usize::from(uncalibrated) + slots;
        let mut out = vec![0.0f64; trials as usize * stride];
        let mut taken: Vec<Vec<Intervals>> = vec![
            Vec::new();
            if self.shared.is_some() {
                trials as usize
            } else {
                0
            }
        ];
        let init = || {
            (
                Scratch::default(),
                self.durations.to_vec(),
                vec![0.0; self.durations.len()],
                self.shared_scratch(),
            )
        };
        if self.shared.is_some() {
            out.par_chunks_mut(stride)
                .zip(taken.par_iter_mut())
                .enumerate()
                .for_each_init(
                    init,
                    |(scratch, drawn, calibrated, s), (trial, (row, taken))| {
                        let both = (trial as u32) < face_value;
                        let shared = Some((&mut *s, taken));
                        self.trial(
                            trial as u64,
                            scratch,
                            (drawn, calibrated),
                            row,
                            both,
                            shared,
                        )
                    },
                );
        } else {
            out.par_chunks_mut(stride).enumerate().for_each_init(
                init,
                |(scratch, drawn, calibrated, _), (trial, row)| {
                    let both = (trial as u32) < face_value;
                    self.trial(trial as u64, scratch, (drawn, calibrated), row, both, None)
                },
            );
        }
        let column = |k: usize, rows: usize| {
            let mut values: Vec<f64> = out
                .iter()
                .skip(k)
                .step_by(stride)
                .take(rows)
                .copied()
                .collect();
            values.sort_by(f64::total_cmp);
            values
        };
        let first_slot = 1 + usize::from(uncalibrated);
        Outcome {
            by_trial: out.iter().step_by(stride).copied().collect(),
            makespans: column(0, trials as usize),
            uncalibrated: column(1, face_value as usize),
            components: (0..slots)
                .map(|c| column(first_slot + c, trials as usize))
                .collect(),
            taken,
        }
    }

    /// A trial's buffers for shared people: each named worker's own days
    /// away (replaced for the shared ones in each trial).
    fn shared_scratch(&self) -> SharedScratch {
        if self.shared.is_none() {
            return SharedScratch::default();
        }
        let named = &self.plan.workers().named;
        SharedScratch {
            away: named.iter().map(|w| w.away.clone()).collect(),
            busy: vec![Vec::new(); named.len()],
        }
    }

    /// One trial into `row`: makespan, uncalibrated makespan (in its
    /// column when there is one, run when `both`), then each component's
    /// latest finish; with shared people, the time they are taken after it
    /// into `shared`'s list.
    fn trial(
        &self,
        trial: u64,
        scratch: &mut Scratch,
        (durations, calibrated): (&mut [f64], &mut [f64]),
        row: &mut [f64],
        both: bool,
        mut shared: Option<(&mut SharedScratch, &mut Vec<Intervals>)>,
    ) {
        for d in self.drawn {
            let u = unit_from(draw(self.streams[d.job], trial, 0));
            durations[d.job] = triangular(d.low, d.high, u);
        }
        if let (Some(people), Some((s, _))) = (&self.shared, shared.as_mut()) {
            let named = &self.plan.workers().named;
            for (&w, taken) in people.workers.iter().zip(people.taken) {
                let w = w as usize;
                union_into(&mut s.away[w], &named[w].away, taken.at(trial as usize));
            }
        }
        let first_slot = row.len() - self.components.map_or(0, |(_, n)| n);
        if both {
            row[1] = self.run_one(durations, scratch, None, shared.as_mut().map(|s| &mut *s.0));
        }
        let (head, latest) = row.split_at_mut(first_slot);
        let track = self
            .components
            .map(|(slot_of, _)| Track { slot_of, latest });
        let makespan = match &self.calibration {
            Some(draws) => {
                for (j, c) in calibrated.iter_mut().enumerate() {
                    *c = durations[j] * draws.ratio(j, self.streams[j], trial);
                }
                self.run_one(
                    calibrated,
                    scratch,
                    track,
                    shared.as_mut().map(|s| &mut *s.0),
                )
            }
            None => self.run_one(
                durations,
                scratch,
                track,
                shared.as_mut().map(|s| &mut *s.0),
            ),
        };
        head[0] = makespan;
        if let (Some(people), Some((s, out))) = (&self.shared, shared) {
            out.clear();
            out.extend(people.workers.iter().zip(people.taken).map(|(&w, taken)| {
                let mut after = Intervals::new();
                union_into(&mut after, taken.at(trial as usize), &s.busy[w as usize]);
                after
            }));
        }
    }

    /// One schedule of the plan: with shared people, over their days away
    /// in this trial, recording their busy time (the last run's).
    fn run_one(
        &self,
        durations: &[f64],
        scratch: &mut Scratch,
        track: Option<Track>,
        shared: Option<&mut SharedScratch>,
    ) -> f64 {
        match shared {
            Some(s) => {
                s.busy.iter_mut().for_each(Vec::clear);
                let mut run = Shared {
                    away: &s.away,
                    busy: &mut s.busy,
                };
                self.plan.trial_shared(durations, scratch, track, &mut run)
            }
            None => self.plan.trial(durations, scratch, track),
        }
    }
}

/// A job's random stream: its task id's hash mixed with the seed.
pub fn stream(seed: u64, id: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(id.as_bytes());
    mix(h.finish() ^ mix(seed))
}

/// Draw `k` of a stream in one trial: the SplitMix64 output at that step.
pub fn draw(stream: u64, trial: u64, k: u64) -> u64 {
    const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
    mix(stream.wrapping_add((2 * trial + k + 1).wrapping_mul(GAMMA)))
}

/// SplitMix64's finalizer: a bijective mix of 64 bits.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A uniform draw in [0, 1) from 53 bits of `bits`.
pub fn unit_from(bits: u64) -> f64 {
    (bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform integer in `0..n` from `bits` (Lemire's multiply-shift; n > 0).
pub fn below_u64(bits: u64, n: usize) -> usize {
    ((u128::from(bits) * n as u128) >> 64) as usize
}

/// The generator of one trial: independent streams from one seed.
pub fn trial_rng(seed: u64, trial: u32) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed ^ u64::from(trial).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// A uniform draw in [0, 1) with 53 random bits.
pub fn unit(rng: &mut impl Rng) -> f64 {
    unit_from(rng.next_u64())
}

/// A uniform integer in `0..n` (Lemire's multiply-shift; n > 0).
pub fn below(rng: &mut impl Rng, n: usize) -> usize {
    below_u64(rng.next_u64(), n)
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

/// The seed of a project's trials (docs/forecast.md, *Common random
/// numbers*): a hash of its `name` alone, so that every version of the
/// file draws the same numbers and a date moves only through what changed.
pub fn project_seed(name: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(name.as_bytes());
    mix(h.finish())
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

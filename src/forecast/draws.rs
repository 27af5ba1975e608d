//! How an open task draws its ratio from the record (docs/forecast.md,
//! *How a ratio is drawn*): from its scope's samples (its owner's, or the
//! team's), each weighted by how close the sample's estimate is to the
//! task's own — a Gaussian kernel in log(estimate) whose bandwidth the
//! scope's record chooses (leave-one-out), widened until enough samples
//! carry weight, uniform when the record is too small to choose — and, in
//! each trial, one draw shared by a person's tasks with probability
//! [`Settings::shared`] (their overruns come together). A ratio far from
//! its scope's others is drawn at the edge of what the rest make plausible
//! ([`bounds`]: winsorised), so that one bad record (leave booked as
//! effort) cannot swing the forecast by months.
//!
//! Built once per forecast into flat tables (each job's sorted ratios with
//! their cumulative weights), so that a trial draws with a binary search
//! and allocates nothing.

use rustc_hash::FxHashMap;

use super::monte_carlo::{below_u64, draw, unit_from};

/// A scope's samples: each done task's estimate (days, > 0) and ratio.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub estimates: &'a [f64],
    pub ratios: &'a [f64],
}

/// An open task as the draws see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JobRecord {
    /// Index of the scope it draws from.
    pub scope: u32,
    /// Its estimate in days (a range's midpoint, whole, not what remains).
    pub estimate: f64,
    /// The person whose tasks share a draw (`u32::MAX`: none).
    pub group: u32,
}

/// How far apart two estimates may be and still speak for each other.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bandwidth {
    /// Every sample of the scope counts the same.
    Uniform,
    /// A fixed bandwidth in ln(estimate) units.
    Fixed(f64),
    /// Chosen per scope from [`BANDWIDTHS`] by leave-one-out.
    Chosen,
}

/// The model's knobs (docs/forecast.md gives the chosen ones and why).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub bandwidth: Bandwidth,
    /// Probability that a task takes its person's shared draw in a trial.
    pub shared: f64,
    /// Samples that must carry weight (effective count) for one task.
    pub min_effective: f64,
    /// How many spreads from the median a ratio is drawn at most
    /// ([`bounds`]); infinite: not at all.
    pub winsor: f64,
}

impl Settings {
    /// Independent draws, uniform over the scope: the record at face value.
    pub const INDEPENDENT: Settings = Settings {
        bandwidth: Bandwidth::Uniform,
        shared: 0.0,
        min_effective: 0.0,
        winsor: f64::INFINITY,
    };
    /// The product's model (docs/forecast.md, *How a ratio is drawn*).
    pub const CHOSEN: Settings = Settings {
        bandwidth: Bandwidth::Chosen,
        shared: SHARED,
        min_effective: 5.0,
        winsor: WINSOR_SPREADS,
    };
}

/// The bandwidths a scope chooses from, ln(estimate) units (a factor of
/// e^h between estimates is one bandwidth apart); infinite is uniform.
pub const BANDWIDTHS: [f64; 5] = [0.35, 0.7, 1.4, 2.8, f64::INFINITY];
/// The probability that a task takes its person's shared draw in a trial
/// (docs/forecast.md: the value that covers both public records best).
pub const SHARED: f64 = 0.3;
/// A ratio is drawn at most this many spreads from its scope's median (in
/// ln units), where the spread is the scope's robust standard deviation
/// (1.4826 × the median absolute deviation of ln ratio), never below
/// [`MIN_SPREAD`].
pub const WINSOR_SPREADS: f64 = 4.0;
/// The smallest spread [`bounds`] assumes: a record of identical ratios
/// still leaves room for a real overrun (e^(4 × 0.4) ≈ 5×).
pub const MIN_SPREAD: f64 = 0.4;
/// Below this many samples a scope does not choose: uniform.
pub const MIN_CHOOSING: usize = 10;
/// A scope chooses its bandwidth on its latest this many samples.
pub const CHOOSING_WINDOW: usize = 160;

/// Every job's table of ratios and cumulative weights, flat.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draws {
    ratios: Vec<f64>,
    /// Cumulative weight up to and including each entry, the table's last
    /// entry 1.
    cdf: Vec<f64>,
    /// A guide table (Chen's): for the b-th of a table's n equal slices of
    /// [0, 1), the first entry whose cumulative weight passes b / n, so a
    /// draw walks a step or two instead of searching.
    guide: Vec<u32>,
    /// Per job: its table's range in `ratios` / `cdf`.
    table: Vec<(u32, u32)>,
    /// Per job: its group.
    group: Vec<u32>,
    /// Per group: its random stream.
    group_stream: Vec<u64>,
    shared: f64,
    /// Whether every table is uniform (then a draw needs no search).
    uniform: bool,
}

impl Draws {
    /// The tables of `jobs` over `scopes`; `group_stream[g]` is group g's
    /// random stream (common random numbers: keyed to the person's id).
    pub fn new(
        scopes: &[Scope<'_>],
        jobs: &[JobRecord],
        group_stream: Vec<u64>,
        settings: Settings,
    ) -> Self {
        // Each scope's ratios winsorised ([`bounds`]).
        let clipped: Vec<Vec<f64>> = scopes
            .iter()
            .map(|s| {
                let (low, high) = bounds(s.ratios, settings.winsor);
                s.ratios.iter().map(|r| r.clamp(low, high)).collect()
            })
            .collect();
        // Each scope's samples sorted by ratio, and its bandwidth.
        let sorted: Vec<Vec<(f64, f64)>> = scopes
            .iter()
            .zip(&clipped)
            .map(|(s, ratios)| {
                let mut v: Vec<(f64, f64)> = ratios
                    .iter()
                    .zip(s.estimates)
                    .map(|(&r, &e)| (r, e.max(f64::MIN_POSITIVE).ln()))
                    .collect();
                v.sort_by(|a, b| a.0.total_cmp(&b.0));
                v
            })
            .collect();
        let bandwidth: Vec<f64> = scopes
            .iter()
            .zip(&clipped)
            .map(|(s, ratios)| match settings.bandwidth {
                Bandwidth::Uniform => f64::INFINITY,
                Bandwidth::Fixed(h) => h,
                Bandwidth::Chosen => choose_bandwidth(&Scope {
                    estimates: s.estimates,
                    ratios,
                }),
            })
            .collect();
        let mut out = Draws {
            group: jobs.iter().map(|j| j.group).collect(),
            group_stream,
            shared: settings.shared,
            uniform: bandwidth.iter().all(|h| h.is_infinite()),
            ..Draws::default()
        };
        let mut tables: FxHashMap<(u32, i64), (u32, u32)> = FxHashMap::default();
        for job in jobs {
            let s = job.scope as usize;
            let h = bandwidth[s];
            let x = job.estimate.max(f64::MIN_POSITIVE).ln();
            // Estimates within an eighth of a bandwidth share a table.
            let key = if h.is_finite() {
                (job.scope, (x / (h / 8.0)).round() as i64)
            } else {
                (job.scope, 0)
            };
            if sorted[s].is_empty() {
                // No samples: the task is taken at face value.
                out.table
                    .push((out.ratios.len() as u32, out.ratios.len() as u32 + 1));
                out.ratios.push(1.0);
                out.cdf.push(1.0);
                out.guide.push(0);
                continue;
            }
            let range = *tables.entry(key).or_insert_with(|| {
                let from = out.ratios.len() as u32;
                let weights = weights(&sorted[s], x, h, settings.min_effective);
                let total: f64 = weights.iter().sum();
                let mut acc = 0.0;
                for (&(r, _), w) in sorted[s].iter().zip(&weights) {
                    acc += w / total;
                    out.ratios.push(r);
                    out.cdf.push(acc);
                }
                if let Some(last) = out.cdf.last_mut() {
                    *last = 1.0;
                }
                let to = out.ratios.len() as u32;
                let cdf = &out.cdf[from as usize..];
                let n = cdf.len();
                let mut k = 0;
                for b in 0..n {
                    let edge = b as f64 / n as f64;
                    while k + 1 < n && cdf[k] <= edge {
                        k += 1;
                    }
                    out.guide.push(k as u32);
                }
                (from, to)
            });
            out.table.push(range);
        }
        out
    }

    /// Job `job`'s ratio in trial `trial`; `stream` is the job's random
    /// stream (its task id's). Draw 1 of the stream is used, and draw 0 of
    /// the stream salted with [`SHARE_SALT`] (whether it takes the shared
    /// draw).
    #[inline]
    pub fn ratio(&self, job: usize, stream: u64, trial: u64) -> f64 {
        let (from, to) = self.table[job];
        let own = draw(stream, trial, 1);
        let g = self.group[job];
        let bits = if self.shared > 0.0
            && g != u32::MAX
            && unit_from(draw(stream ^ SHARE_SALT, trial, 0)) < self.shared
        {
            draw(self.group_stream[g as usize], trial, 1)
        } else {
            own
        };
        let n = (to - from) as usize;
        if self.uniform {
            return self.ratios[from as usize + below_u64(bits, n)];
        }
        let u = unit_from(bits);
        let from = from as usize;
        let cdf = &self.cdf[from..to as usize];
        let mut k = self.guide[from + ((u * n as f64) as usize).min(n - 1)] as usize;
        while k + 1 < n && cdf[k] <= u {
            k += 1;
        }
        self.ratios[from + k]
    }

    /// Jobs with a table.
    pub fn jobs(&self) -> usize {
        self.table.len()
    }
}

/// Salt of the stream that decides whether a task takes its person's
/// shared draw (independent of its other draws).
const SHARE_SALT: u64 = 0x5851_F42D_4C95_7F2D;

/// The range a scope's ratios are drawn within (winsorising, docs/
/// forecast.md, *How a ratio is drawn*): its median times e^(±`spreads` ×
/// spread), the spread being 1.4826 × the median absolute deviation of ln
/// ratio, at least [`MIN_SPREAD`] (the product's `spreads`:
/// [`WINSOR_SPREADS`]). `(0, ∞)` for no ratios or infinite `spreads`.
pub fn bounds(ratios: &[f64], spreads: f64) -> (f64, f64) {
    if ratios.is_empty() || spreads.is_infinite() {
        return (0.0, f64::INFINITY);
    }
    let mut logs: Vec<f64> = ratios
        .iter()
        .map(|r| r.max(f64::MIN_POSITIVE).ln().min(f64::MAX))
        .collect();
    logs.sort_by(f64::total_cmp);
    let centre = super::calibration::median(&logs);
    let mut deviations: Vec<f64> = logs.iter().map(|l| (l - centre).abs()).collect();
    deviations.sort_by(f64::total_cmp);
    let spread = (1.4826 * super::calibration::median(&deviations)).max(MIN_SPREAD);
    let reach = spreads * spread;
    ((centre - reach).exp(), (centre + reach).exp())
}

/// The kernel weights of sorted `(ratio, ln estimate)` samples for a task
/// at `x` = ln(estimate), bandwidth `h`, widened (doubling) until their
/// effective count reaches `min_effective` (or the samples' count).
fn weights(samples: &[(f64, f64)], x: f64, h: f64, min_effective: f64) -> Vec<f64> {
    if h.is_infinite() {
        return vec![1.0; samples.len()];
    }
    let want = min_effective.min(samples.len() as f64);
    let nearest = samples
        .iter()
        .map(|&(_, e)| (e - x).powi(2))
        .fold(f64::INFINITY, f64::min);
    let mut h = h;
    loop {
        // Relative to the nearest sample's, so that nothing underflows to 0.
        let w: Vec<f64> = samples
            .iter()
            .map(|&(_, e)| (-((e - x).powi(2) - nearest) / (2.0 * h * h)).exp())
            .collect();
        let (sum, sum_sq) = w.iter().fold((0.0, 0.0), |(s, q), &v| (s + v, q + v * v));
        if sum * sum / sum_sq >= want - 1e-9 || h > 1e6 {
            return w;
        }
        h *= 2.0;
    }
}

/// The bandwidth a scope's record asks for: of [`BANDWIDTHS`], the one
/// whose leave-one-out forecasts of its latest [`CHOOSING_WINDOW`] samples'
/// log ratios score best (log density, each ratio smoothed by Silverman's
/// rule); uniform below [`MIN_CHOOSING`] samples.
pub fn choose_bandwidth(scope: &Scope<'_>) -> f64 {
    let n = scope.ratios.len();
    if n < MIN_CHOOSING {
        return f64::INFINITY;
    }
    let from = n.saturating_sub(CHOOSING_WINDOW);
    let lr: Vec<f64> = scope.ratios[from..]
        .iter()
        .map(|r| r.max(f64::MIN_POSITIVE).ln())
        .collect();
    let le: Vec<f64> = scope.estimates[from..]
        .iter()
        .map(|e| e.max(f64::MIN_POSITIVE).ln())
        .collect();
    let m = lr.len() as f64;
    let mean = lr.iter().sum::<f64>() / m;
    let sd = (lr.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (m - 1.0)).sqrt();
    // Silverman's rule; a record of one repeated ratio still has a width.
    let g = (1.06 * sd * m.powf(-0.2)).max(0.05);
    let mut best = (f64::NEG_INFINITY, f64::INFINITY);
    for &h in &BANDWIDTHS {
        let mut score = 0.0;
        for i in 0..lr.len() {
            let (mut num, mut den) = (0.0, 0.0);
            for j in 0..lr.len() {
                if i == j {
                    continue;
                }
                let w = if h.is_finite() {
                    (-(le[i] - le[j]).powi(2) / (2.0 * h * h)).exp()
                } else {
                    1.0
                };
                den += w;
                num += w * (-(lr[i] - lr[j]).powi(2) / (2.0 * g * g)).exp();
            }
            score += if den > 0.0 && num > 0.0 {
                (num / den).ln()
            } else {
                -1e3
            };
        }
        if score > best.0 + 1e-9 {
            best = (score, h);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(estimate: f64) -> JobRecord {
        JobRecord {
            scope: 0,
            estimate,
            group: u32::MAX,
        }
    }

    #[test]
    fn one_far_ratio_is_drawn_at_the_edge_of_the_rest() {
        // 1, 1, 1, 1, 50: no spread among the rest, so the smallest spread
        // counts: at most e^(4 × 0.4) ≈ 4.95×.
        let edge = (WINSOR_SPREADS * MIN_SPREAD).exp();
        let (low, high) = bounds(&[1.0, 1.0, 1.0, 1.0, 50.0], WINSOR_SPREADS);
        assert!((high - edge).abs() < 1e-9, "{high}");
        assert!((low - 1.0 / edge).abs() < 1e-9, "{low}");
        // A record with spread keeps its tails: 1.4826 × MAD of ln ratio.
        let spread: Vec<f64> = (0..9).map(|k| f64::from(k - 4).exp()).collect();
        let (_, high) = bounds(&spread, 3.0);
        assert!(
            (high.ln() - 3.0 * 1.4826 * 2.0).abs() < 1e-9,
            "{}",
            high.ln()
        );
        // Nothing to bound: no bound; 10,000× is finite.
        assert_eq!(bounds(&[], 3.0), (0.0, f64::INFINITY));
        assert!(bounds(&[1.0, 1e4, f64::MAX], 3.0).1.is_finite());
        let estimates = [1.0; 5];
        let ratios = [1.0, 1.0, 1.0, 1.0, 50.0];
        let scope = Scope {
            estimates: &estimates,
            ratios: &ratios,
        };
        let d = Draws::new(&[scope], &[job(1.0)], vec![], Settings::CHOSEN);
        let most = (0..1000).map(|t| d.ratio(0, 5, t)).fold(0.0, f64::max);
        assert!((most - edge).abs() < 1e-9, "{most}");
    }

    #[test]
    fn uniform_draws_pick_every_sample_alike() {
        let ratios = [1.0, 2.0, 3.0, 4.0];
        let estimates = [1.0; 4];
        let scope = Scope {
            estimates: &estimates,
            ratios: &ratios,
        };
        let d = Draws::new(&[scope], &[job(1.0)], vec![], Settings::INDEPENDENT);
        let mut seen = [0u32; 4];
        for t in 0..4000 {
            seen[d.ratio(0, 99, t) as usize - 1] += 1;
        }
        assert!(seen.iter().all(|&c| (900..1100).contains(&c)), "{seen:?}");
    }

    #[test]
    fn a_small_task_says_little_about_a_large_one() {
        // Four 5-day tasks at 1×, one half-day task at 6×: a 5-day task
        // draws the 6× far less often than one time in five.
        let ratios = [1.0, 1.0, 1.0, 1.0, 6.0];
        let estimates = [5.0, 5.0, 5.0, 5.0, 0.5];
        let scope = Scope {
            estimates: &estimates,
            ratios: &ratios,
        };
        let settings = Settings {
            bandwidth: Bandwidth::Fixed(0.7),
            shared: 0.0,
            min_effective: 2.0,
            winsor: f64::INFINITY,
        };
        let d = Draws::new(&[scope], &[job(5.0), job(0.5)], vec![], settings);
        let six = |j: usize| (0..4000).filter(|&t| d.ratio(j, 7, t) > 5.0).count();
        assert!(six(0) < 40, "{}", six(0));
        assert!(six(1) > 1000, "{}", six(1));
    }

    #[test]
    fn the_bandwidth_follows_a_ratio_that_falls_with_size() {
        // Ratio 2 at 1 day, 0.5 at 8 days: a narrow bandwidth wins; the
        // same ratios at random sizes: uniform.
        let estimates: Vec<f64> = (0..40).map(|i| [1.0, 8.0][i % 2]).collect();
        let sized: Vec<f64> = (0..40)
            .map(|i| [2.0, 0.5][i % 2] * (1.0 + 0.05 * (i % 5) as f64))
            .collect();
        let mixed: Vec<f64> = (0..40)
            .map(|i| [2.0, 0.5][(i / 2) % 2] * (1.0 + 0.05 * (i % 5) as f64))
            .collect();
        let h = |ratios: &[f64]| {
            choose_bandwidth(&Scope {
                estimates: &estimates,
                ratios,
            })
        };
        assert!(h(&sized) <= 1.4, "{}", h(&sized));
        assert!(h(&mixed).is_infinite(), "{}", h(&mixed));
    }

    #[test]
    fn a_shared_draw_moves_a_persons_tasks_together() {
        let ratios: Vec<f64> = (1..=10).map(f64::from).collect();
        let estimates = [1.0; 10];
        let scope = Scope {
            estimates: &estimates,
            ratios: &ratios,
        };
        let jobs = [JobRecord {
            group: 0,
            ..job(1.0)
        }; 2];
        let together = |shared: f64| {
            let settings = Settings {
                shared,
                ..Settings::INDEPENDENT
            };
            let d = Draws::new(&[scope], &jobs, vec![12345], settings);
            (0..4000)
                .filter(|&t| d.ratio(0, 1, t) == d.ratio(1, 2, t))
                .count()
        };
        // Independent: a tenth agree; shared half the time: a quarter more.
        assert!((300..500).contains(&together(0.0)), "{}", together(0.0));
        assert!((1200..1500).contains(&together(0.5)), "{}", together(0.5));
    }
}

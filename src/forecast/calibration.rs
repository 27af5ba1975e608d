//! Calibration from the team's record (evidence-based scheduling,
//! docs/forecast.md, *Calibration*): each done task with an estimate gives
//! one sample, ratio = effort / estimated days (a range's midpoint), where
//! effort is `actual` when given, else the working days from `started` to
//! `done` inclusive (less its owner's days away) times its owner's focus,
//! each day shared among the owner's tasks in progress that day
//! ([`super::effort`]).
//! An open task draws its ratios from its owner's samples when they have at
//! least [`MIN_SAMPLES`], else from the whole team's; with fewer than that
//! in all there is no calibration.

use chrono::{Days, NaiveDate};

use super::{Percentiles, calendar};
use crate::manifest::{Away, Calendar, Manifest, Status};

/// Samples needed before they are used: the team's, or one owner's own.
pub const MIN_SAMPLES: usize = 5;

/// One done task's record.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Task index.
    pub task: usize,
    /// Effort in days (estimate days, at the owner's focus).
    pub effort: f64,
    /// Estimated days (a range's midpoint).
    pub estimate: f64,
    /// Effort over estimated days.
    pub ratio: f64,
}

/// One owner's samples.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    pub owner: String,
    /// Index into the roster's members, when the owner is one.
    pub member: Option<usize>,
    pub samples: usize,
    pub median_ratio: f64,
    /// Their ratios, sorted, when there are at least [`MIN_SAMPLES`]: their
    /// open tasks draw from these; otherwise from the team's.
    pub own: Option<Vec<f64>>,
}

/// The team's record, when there are enough samples.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// Samples in all.
    pub samples: usize,
    pub median_ratio: f64,
    /// Every ratio, sorted.
    pub team: Vec<f64>,
    /// Every sample, in the order the tasks were done (undated first, in
    /// file order): what the draws weigh (super::draws).
    pub records: Vec<Sample>,
    /// Samples (indices into `records`) whose ratio lies beyond what the
    /// rest of their scope makes plausible, drawn at its edge
    /// (super::draws::bounds): with each, that edge.
    pub capped: Vec<(usize, f64)>,
    /// Owners with samples, by id.
    pub people: Vec<Scope>,
    /// The percentiles taken at face value (no calibration), set beside
    /// the calibrated ones once the trials ran.
    pub uncalibrated: Percentiles,
}

impl Calibration {
    /// The scope an owner's open tasks draw from: their own samples when
    /// they have enough (`Some` with the count), else the team's (`None`).
    pub fn own_samples(&self, owner: &str) -> Option<usize> {
        self.people
            .iter()
            .find(|s| s.owner == owner)
            .filter(|s| s.own.is_some())
            .map(|s| s.samples)
    }
}

/// Why there is no calibration: too few samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shortfall {
    pub samples: usize,
    /// More done tasks with `started` (or `actual`) needed.
    pub needed: usize,
}

/// Every sample of the manifest, in file order.
pub fn samples(manifest: &Manifest) -> Vec<Sample> {
    let from_dates = super::effort::from_dates(manifest);
    manifest
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.status == Status::Done && t.calibrate)
        .filter_map(|(i, t)| {
            let days = t.estimate?.days();
            if days <= 0.0 {
                return None;
            }
            let effort = t.actual.or(from_dates[i])?;
            (effort > 0.0 && effort.is_finite()).then_some(Sample {
                task: i,
                effort,
                estimate: days,
                ratio: effort / days,
            })
        })
        .collect()
}

/// Done tasks whose `actual` is 0 (index into `Manifest::tasks`): they say
/// nothing of how long work takes and are left out of the record.
pub fn zero_actuals(manifest: &Manifest) -> Vec<usize> {
    manifest
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.status == Status::Done && t.calibrate && t.actual == Some(0.0))
        .map(|(i, _)| i)
        .collect()
}

/// The calibration, or how many more samples it needs. `member` finds an
/// owner among the roster's members.
pub fn calibration(
    manifest: &Manifest,
    member: impl Fn(&str) -> Option<usize>,
) -> Result<Calibration, Shortfall> {
    let mut samples = samples(manifest);
    if samples.len() < MIN_SAMPLES {
        return Err(Shortfall {
            samples: samples.len(),
            needed: MIN_SAMPLES - samples.len(),
        });
    }
    let mut team: Vec<f64> = samples.iter().map(|s| s.ratio).collect();
    team.sort_by(f64::total_cmp);
    let mut by_owner: Vec<(&str, f64)> = samples
        .iter()
        .filter_map(|s| Some((manifest.tasks[s.task].owner.as_deref()?, s.ratio)))
        .collect();
    by_owner.sort_by(|a, b| a.0.cmp(b.0).then(a.1.total_cmp(&b.1)));
    let people: Vec<Scope> = by_owner
        .chunk_by(|a, b| a.0 == b.0)
        .map(|group| {
            let ratios: Vec<f64> = group.iter().map(|&(_, r)| r).collect();
            Scope {
                owner: group[0].0.to_owned(),
                member: member(group[0].0),
                samples: ratios.len(),
                median_ratio: median(&ratios),
                own: (ratios.len() >= MIN_SAMPLES).then_some(ratios),
            }
        })
        .collect();
    samples.sort_by_key(|s| manifest.tasks[s.task].done);
    let capped = capped(manifest, &samples, &team, &people);
    Ok(Calibration {
        samples: samples.len(),
        median_ratio: median(&team),
        team,
        records: samples,
        capped,
        people,
        uncalibrated: Percentiles::default(),
    })
}

/// The samples whose ratio lies beyond the bounds of the scope they are
/// drawn in (their owner's own when they have enough, and the team's), with
/// the nearest edge.
fn capped(
    manifest: &Manifest,
    samples: &[Sample],
    team: &[f64],
    people: &[Scope],
) -> Vec<(usize, f64)> {
    let spreads = super::draws::WINSOR_SPREADS;
    let team_bounds = super::draws::bounds(team, spreads);
    samples
        .iter()
        .enumerate()
        .filter_map(|(k, s)| {
            let owner = manifest.tasks[s.task].owner.as_deref();
            let own = owner
                .and_then(|o| people.iter().find(|p| p.owner == o))
                .and_then(|p| p.own.as_deref())
                .map(|own| super::draws::bounds(own, spreads));
            [Some(team_bounds), own]
                .into_iter()
                .flatten()
                .find_map(|(low, high)| {
                    if s.ratio > high {
                        Some((k, high))
                    } else if s.ratio < low {
                        Some((k, low))
                    } else {
                        None
                    }
                })
        })
        .collect()
}

/// The median of sorted values (the mean of the middle two when even).
pub fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// Working days from `from` to `to`, both included, less the days `away`.
pub fn working_days(calendar: &Calendar, from: NaiveDate, to: NaiveDate, away: &[Away]) -> u64 {
    let inclusive = |a: NaiveDate, b: NaiveDate| -> u64 {
        if a > b {
            return 0;
        }
        let after = calendar::working_days_between(calendar, a, b).max(0) as u64;
        after + u64::from(calendar::is_working_day(calendar, a))
    };
    let mut days = inclusive(from, to);
    let mut ranges: Vec<(NaiveDate, NaiveDate)> = away
        .iter()
        .map(|a| (a.from.max(from), a.to.min(to)))
        .filter(|(a, b)| a <= b)
        .collect();
    ranges.sort_unstable();
    // Overlapping ranges count each day once.
    let mut covered_to: Option<NaiveDate> = None;
    for (a, b) in ranges {
        let a = match covered_to {
            Some(c) if c >= a => match c.checked_add_days(Days::new(1)) {
                Some(next) => next,
                None => continue,
            },
            _ => a,
        };
        if a <= b {
            days = days.saturating_sub(inclusive(a, b));
            covered_to = Some(b);
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn working_days_count_both_ends_and_skip_days_away() {
        let cal = Calendar::default();
        // Mon 23 .. Fri 27: 5; Fri 20 .. Mon 23: 2 (a weekend between).
        assert_eq!(working_days(&cal, d("2026-11-23"), d("2026-11-27"), &[]), 5);
        assert_eq!(working_days(&cal, d("2026-11-20"), d("2026-11-23"), &[]), 2);
        assert_eq!(working_days(&cal, d("2026-11-21"), d("2026-11-21"), &[]), 0);
        let away = [
            Away {
                from: d("2026-11-24"),
                to: d("2026-11-25"),
            },
            Away {
                from: d("2026-11-25"),
                to: d("2026-11-30"),
            },
        ];
        // Mon 23 .. Tue Dec 1 is 7 working days; away Tue 24 .. Mon 30 (5).
        assert_eq!(
            working_days(&cal, d("2026-11-23"), d("2026-12-01"), &away),
            2
        );
    }

    #[test]
    fn the_median_of_odd_and_even_counts() {
        assert_eq!(median(&[1.0, 2.0, 7.0]), 2.0);
        assert_eq!(median(&[1.0, 2.0, 3.0, 7.0]), 2.5);
    }
}

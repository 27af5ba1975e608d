//! A person's days away on the scheduler's time line (docs/manifest.md,
//! `[[person]]`): each away working day k (counted from day 0) is the interval
//! [k, k + 1) of working-day time, in which the person does no work. A task
//! they are on pauses over it; a person who is away is not free.

use chrono::NaiveDate;

use super::calendar;
use crate::manifest::{Away, Calendar};

/// Times closer than this are the same instant (float sums).
const EPSILON: f64 = 1e-9;

/// The away ranges as sorted, merged intervals [from, to) of working-day
/// time from the start of day 0; days before day 0 and days off work are
/// left out.
pub fn intervals(calendar: &Calendar, today: NaiveDate, away: &[Away]) -> Vec<(f64, f64)> {
    let day_zero = calendar::day_zero(calendar, today);
    let mut out: Vec<(f64, f64)> = away
        .iter()
        .filter_map(|range| {
            let first = calendar::nth_working_day(calendar, range.from.max(day_zero), 0);
            let last = calendar::working_day_on_or_before(calendar, range.to)?;
            if first > last || first == NaiveDate::MAX {
                return None;
            }
            let from = calendar::working_days_between(calendar, day_zero, first) as f64;
            let to = calendar::working_days_between(calendar, day_zero, last) as f64 + 1.0;
            Some((from, to))
        })
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::with_capacity(out.len());
    for (from, to) in out {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// Working days away in [0, until): the away time before `until`.
pub fn days_before(intervals: &[(f64, f64)], until: f64) -> f64 {
    intervals
        .iter()
        .map(|&(from, to)| (to.min(until) - from).max(0.0))
        .fold(0.0, |sum, days| sum + days)
}

/// When a person who could start at `t` is present: the end of the away
/// interval holding `t`, else `t`. `cursor` is the first interval that may
/// still matter; it only moves forward, as a person's time does.
pub fn available(intervals: &[(f64, f64)], cursor: &mut usize, t: f64) -> f64 {
    while let Some(&(from, to)) = intervals.get(*cursor) {
        if to <= t + EPSILON {
            *cursor += 1;
        } else if from <= t + EPSILON {
            return to;
        } else {
            break;
        }
    }
    t
}

/// When `work` working days started at `start` (a time the person is
/// present) end, paused over every away interval on the way.
pub fn finish(intervals: &[(f64, f64)], cursor: &mut usize, start: f64, work: f64) -> f64 {
    let mut t = start;
    let mut left = work;
    while let Some(&(from, to)) = intervals.get(*cursor) {
        if to <= t + EPSILON {
            *cursor += 1;
            continue;
        }
        if from - t >= left - EPSILON {
            break;
        }
        left -= (from - t).max(0.0);
        t = to;
        *cursor += 1;
    }
    t + left
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_become_working_day_intervals() {
        let mut cal = Calendar::default();
        cal.holidays.insert(d("2026-12-03")); // a Thursday
        // Day 0 is Mon 2026-11-30. Away Wed 2 .. Mon 7 (Thu 3 a holiday,
        // a weekend): working days 2 (Wed), 3 (Fri), 4 (Mon).
        let away = [Away {
            from: d("2026-12-02"),
            to: d("2026-12-07"),
        }];
        assert_eq!(intervals(&cal, d("2026-11-30"), &away), vec![(2.0, 5.0)]);
        // Partly past: only the days from day 0 count.
        let past = [Away {
            from: d("2026-11-20"),
            to: d("2026-12-01"),
        }];
        assert_eq!(intervals(&cal, d("2026-11-30"), &past), vec![(0.0, 2.0)]);
        // Over a weekend only: nothing.
        let weekend = [Away {
            from: d("2026-12-05"),
            to: d("2026-12-06"),
        }];
        assert!(intervals(&cal, d("2026-11-30"), &weekend).is_empty());
        // Touching and overlapping ranges merge.
        let two = [
            Away {
                from: d("2026-12-08"),
                to: d("2026-12-08"),
            },
            Away {
                from: d("2026-12-07"),
                to: d("2026-12-07"),
            },
        ];
        assert_eq!(intervals(&cal, d("2026-11-30"), &two), vec![(4.0, 6.0)]);
    }

    #[test]
    fn work_pauses_over_away_time() {
        let away = [(2.0, 4.0), (6.0, 7.0)];
        let mut c = 0;
        // 3 days from 0.5: 1.5 before the first interval, 1.5 after it.
        assert_eq!(finish(&away, &mut c, 0.5, 3.0), 5.5);
        let mut c = 0;
        // Ending exactly when an interval starts does not wait it out.
        assert_eq!(finish(&away, &mut c, 0.0, 2.0), 2.0);
        let mut c = 0;
        // 2 days, away 2–4, 2 days, away 6–7, half a day: 7.5.
        assert_eq!(finish(&away, &mut c, 0.0, 4.5), 7.5);
        let mut c = 0;
        assert_eq!(available(&away, &mut c, 2.0), 4.0);
        assert_eq!(available(&away, &mut c, 4.0), 4.0);
        assert_eq!(available(&away, &mut c, 6.5), 7.0);
        assert_eq!(available(&away, &mut c, 9.0), 9.0);
        assert_eq!(days_before(&away, 6.5), 2.5);
    }
}

//! The chance of meeting the target (docs/forecast.md, *Target*): the share
//! of the trials whose finish date falls on or before it, 0 to 1. A trial
//! finishing past [`super::calendar::LAST_DATE`] never meets it.

use chrono::NaiveDate;

use super::calendar;
use crate::manifest::Calendar;

/// The share of trials ending at these times (working days from the start
/// of day 0, by 2.1: finishing on working day ⌈t⌉ − 1) that finish on or
/// before `target`; `None` without trials. A target before day 0 gives 0.
pub fn of_makespans(
    makespans: &[f64],
    calendar: &Calendar,
    today: NaiveDate,
    target: NaiveDate,
) -> Option<f64> {
    let last = calendar::last_day_index(calendar, today, target);
    share(makespans, |&t| {
        last.is_some_and(|k| calendar::working_days_for(t).saturating_sub(1) <= k)
    })
}

/// The share of throughput trials taking these counts of working days
/// (the count d finishes on working day d − 1; `u64::MAX` never) that
/// finish on or before `target`; `None` without trials.
pub fn of_day_counts(
    days: &[u64],
    calendar: &Calendar,
    today: NaiveDate,
    target: NaiveDate,
) -> Option<f64> {
    let last = calendar::last_day_index(calendar, today, target);
    share(days, |&d| {
        d != u64::MAX && last.is_some_and(|k| d.saturating_sub(1) <= k)
    })
}

fn share<T>(trials: &[T], meets: impl Fn(&T) -> bool) -> Option<f64> {
    if trials.is_empty() {
        return None;
    }
    let met = trials.iter().filter(|t| meets(t)).count();
    Some(met as f64 / trials.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_trial_meets_the_target_when_it_finishes_on_or_before_it() {
        let cal = Calendar::default();
        let mon = d("2026-11-23");
        // 1.0 ends Monday, 2.5 Wednesday, 5.0 Friday, 6.0 the Monday after.
        let trials = [1.0, 2.5, 5.0, 6.0];
        assert_eq!(of_makespans(&trials, &cal, mon, mon), Some(0.25));
        assert_eq!(of_makespans(&trials, &cal, mon, d("2026-11-25")), Some(0.5));
        // A Saturday target counts the Friday.
        assert_eq!(
            of_makespans(&trials, &cal, mon, d("2026-11-28")),
            Some(0.75)
        );
        assert_eq!(of_makespans(&trials, &cal, mon, d("2026-11-30")), Some(1.0));
        // A target in the past: no trial meets it.
        assert_eq!(of_makespans(&trials, &cal, mon, d("2026-11-20")), Some(0.0));
        assert_eq!(of_makespans(&[], &cal, mon, mon), None);
        // Nothing left in a task still finishes on day 0.
        assert_eq!(of_makespans(&[0.0], &cal, mon, mon), Some(1.0));
    }

    #[test]
    fn throughput_counts_finish_on_the_day_before() {
        let cal = Calendar::default();
        let mon = d("2026-11-23");
        let days = [1, 3, u64::MAX, 5];
        assert_eq!(of_day_counts(&days, &cal, mon, mon), Some(0.25));
        assert_eq!(of_day_counts(&days, &cal, mon, d("2026-11-27")), Some(0.75));
        assert_eq!(of_day_counts(&days, &cal, mon, d("2999-12-31")), Some(0.75));
    }
}

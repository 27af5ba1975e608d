//! Working days (docs/forecast.md, "The calendar"): a weekday listed in
//! `workdays` and not a holiday. Day 0 is today when today is a working day,
//! else the next working day; work ending t > 0 working days after the start of
//! day 0 finishes on working day ⌈t⌉ − 1.

use chrono::{Datelike, Days, NaiveDate};

use crate::manifest::Calendar;

/// The last date a forecast computes or shows (docs/forecast.md, *Far
/// future*): a finish past it is no finish ("never").
pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2999, 12, 31) {
    Some(date) => date,
    None => panic!("2999-12-31 is a date"),
};

/// Slack for float sums: 3 × (1/3 day) must end on day 0, not spill into day 1.
const EPSILON: f64 = 1e-9;

pub fn is_working_day(calendar: &Calendar, date: NaiveDate) -> bool {
    calendar.is_workday(date.weekday()) && !calendar.holidays.contains(&date)
}

fn next_day(date: NaiveDate) -> NaiveDate {
    date.checked_add_days(Days::new(1))
        .unwrap_or(NaiveDate::MAX)
}

/// The latest working day on or before `date` (a task done on a Saturday
/// counts for the Friday before); `None` when none is found within ten years
/// (validation guarantees a working weekday, but holidays could fill years)
/// or before the start of the calendar.
pub fn working_day_on_or_before(calendar: &Calendar, date: NaiveDate) -> Option<NaiveDate> {
    let mut day = date;
    for _ in 0..3660 {
        if is_working_day(calendar, day) {
            return Some(day);
        }
        day = day.checked_sub_days(Days::new(1))?;
    }
    None
}

/// Working weekdays in a week (1..=7 once validated).
fn per_week(calendar: &Calendar) -> u64 {
    calendar.workdays.iter().filter(|&&w| w).count() as u64
}

/// Holidays that fall on a working weekday in `(from, to]`.
fn holidays_within(calendar: &Calendar, from: NaiveDate, to: NaiveDate) -> u64 {
    use std::ops::Bound::{Excluded, Included};
    calendar
        .holidays
        .range((Excluded(from), Included(to)))
        .filter(|h| calendar.is_workday(h.weekday()))
        .count() as u64
}

/// Today when it is a working day, else the next working day.
pub fn day_zero(calendar: &Calendar, today: NaiveDate) -> NaiveDate {
    nth_working_day(calendar, today, 0)
}

/// The working day `n` working days after day 0 (`n = 0` is day 0), jumping
/// whole weeks so that a plan of a million days costs no more than one of ten;
/// `NaiveDate::MAX` past [`LAST_DATE`] (day 0 itself is never cut short).
pub fn nth_working_day(calendar: &Calendar, today: NaiveDate, n: u64) -> NaiveDate {
    let week = per_week(calendar);
    if week == 0 {
        // Validation forbids an empty week; never loop forever on a hand-built one.
        return today;
    }
    let mut date = today;
    while !is_working_day(calendar, date) && date < NaiveDate::MAX {
        date = next_day(date);
    }
    let mut left = n;
    while left > 0 {
        if date > LAST_DATE {
            return NaiveDate::MAX;
        }
        let weeks = left / week;
        if weeks > 0 {
            let Some(jump) = date.checked_add_days(Days::new(weeks.saturating_mul(7))) else {
                return NaiveDate::MAX;
            };
            // `weeks` whole weeks hold `weeks × week` working weekdays, less holidays.
            left -= weeks * week - holidays_within(calendar, date, jump);
            date = jump;
        } else {
            date = next_day(date);
            if is_working_day(calendar, date) {
                left -= 1;
            }
        }
    }
    date
}

/// How many working days work of `t` working days occupies from day 0:
/// ⌈t⌉, so that finishing on day 0 counts 1 (0 when there is no work).
pub fn working_days_for(t: f64) -> u64 {
    if t <= EPSILON {
        0
    } else {
        (t - EPSILON).ceil() as u64
    }
}

/// The date work of `t` working days from the start of day 0 finishes on;
/// `None` past [`LAST_DATE`].
pub fn finish_date(calendar: &Calendar, today: NaiveDate, t: f64) -> Option<NaiveDate> {
    let date = nth_working_day(calendar, today, working_days_for(t).saturating_sub(1));
    (date <= LAST_DATE).then_some(date)
}

/// The working day a finish date on or before `date` has at most, counted
/// from day 0 (day 0 is 0): `None` when `date` is before day 0. A finish on
/// working day k is on or before `date` exactly when k is at most this.
pub fn last_day_index(calendar: &Calendar, today: NaiveDate, date: NaiveDate) -> Option<u64> {
    let zero = day_zero(calendar, today);
    let date = date.min(LAST_DATE);
    (date >= zero).then(|| working_days_between(calendar, zero, date) as u64)
}

/// Working days from `from` to `to`: the count of working days in `(from, to]`,
/// negative when `to` is earlier. The slack between a forecast and a target.
pub fn working_days_between(calendar: &Calendar, from: NaiveDate, to: NaiveDate) -> i64 {
    let (low, high, sign) = if from <= to {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let days = (high - low).num_days() as u64;
    let weekdays = (days / 7) * per_week(calendar);
    let mut date = low + Days::new(days / 7 * 7);
    let mut rest = 0;
    while date < high {
        date = next_day(date);
        rest += u64::from(calendar.is_workday(date.weekday()));
    }
    let count = weekdays + rest - holidays_within(calendar, low, high);
    sign * count as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn day_zero_skips_the_weekend() {
        let cal = Calendar::default();
        assert_eq!(day_zero(&cal, d("2026-11-21")), d("2026-11-23")); // Sat -> Mon
        assert_eq!(day_zero(&cal, d("2026-11-23")), d("2026-11-23"));
    }

    #[test]
    fn the_working_day_on_or_before_steps_back_over_weekends_and_holidays() {
        let mut cal = Calendar::default();
        let mon = d("2026-11-23");
        assert_eq!(working_day_on_or_before(&cal, mon), Some(mon));
        // Sunday and Saturday count for the Friday before.
        assert_eq!(
            working_day_on_or_before(&cal, d("2026-11-22")),
            Some(d("2026-11-20"))
        );
        assert_eq!(
            working_day_on_or_before(&cal, d("2026-11-21")),
            Some(d("2026-11-20"))
        );
        cal.holidays.insert(d("2026-11-20"));
        assert_eq!(
            working_day_on_or_before(&cal, d("2026-11-22")),
            Some(d("2026-11-19"))
        );
        // No working weekday at all (a hand-built calendar): none, no loop.
        let none = Calendar {
            workdays: [false; 7],
            ..Calendar::default()
        };
        assert_eq!(working_day_on_or_before(&none, mon), None);
        assert_eq!(working_day_on_or_before(&none, NaiveDate::MIN), None);
    }

    #[test]
    fn work_finishes_on_ceil_minus_one() {
        let cal = Calendar::default();
        let mon = d("2026-11-23");
        assert_eq!(finish_date(&cal, mon, 1.0), Some(mon));
        assert_eq!(finish_date(&cal, mon, 1.5), Some(d("2026-11-24")));
        assert_eq!(finish_date(&cal, mon, 5.0), Some(d("2026-11-27")));
        assert_eq!(finish_date(&cal, mon, 6.0), Some(d("2026-11-30")));
        assert_eq!(finish_date(&cal, mon, 3.0 * (1.0 / 3.0)), Some(mon));
        assert_eq!(working_days_for(0.0), 0);
        assert_eq!(working_days_for(0.2), 1);
        assert_eq!(working_days_for(2.0), 2);
    }

    #[test]
    fn holidays_and_a_sunday_to_thursday_week() {
        let mut cal = Calendar {
            workdays: [true, true, true, true, false, false, true],
            ..Calendar::default()
        };
        // Fri 2026-11-20 -> day 0 is Sun 2026-11-22.
        assert_eq!(day_zero(&cal, d("2026-11-20")), d("2026-11-22"));
        assert_eq!(
            finish_date(&cal, d("2026-11-20"), 5.0),
            Some(d("2026-11-26"))
        );
        assert_eq!(
            finish_date(&cal, d("2026-11-20"), 6.0),
            Some(d("2026-11-29"))
        );
        cal.holidays.insert(d("2026-11-24"));
        assert_eq!(
            finish_date(&cal, d("2026-11-20"), 5.0),
            Some(d("2026-11-29"))
        );
    }

    #[test]
    fn far_dates_are_computed_by_weeks_and_saturate() {
        let mut cal = Calendar::default();
        cal.holidays.insert(d("2027-01-01")); // a Friday
        let mon = d("2026-11-23");
        // 1,000 working days = 200 weeks, plus the one holiday: a Monday.
        let stepped = (0..1000).fold(mon, |date, _| {
            let mut next = date.succ_opt().unwrap();
            while !is_working_day(&cal, next) {
                next = next.succ_opt().unwrap();
            }
            next
        });
        assert_eq!(nth_working_day(&cal, mon, 1000), stepped);
        assert_eq!(working_days_between(&cal, mon, stepped), 1000);
        assert_eq!(nth_working_day(&cal, mon, u64::MAX / 2), NaiveDate::MAX);
        assert_eq!(finish_date(&cal, mon, 1e12), None);
    }

    #[test]
    fn no_finish_after_2999() {
        let cal = Calendar::default();
        // Fri 2999-12-27 is day 0, Tue 2999-12-31 day 2: 3 days end on it.
        let fri = d("2999-12-27");
        assert_eq!(finish_date(&cal, fri, 3.0), Some(d("2999-12-31")));
        assert_eq!(finish_date(&cal, fri, 3.5), None);
        // Thirty million working days: no date, and at once.
        assert_eq!(finish_date(&cal, d("2026-11-23"), 3e7), None);
        // Day 0 after 2999 is still day 0 (a `--today` that far).
        assert_eq!(day_zero(&cal, d("5000-01-01")), d("5000-01-01"));
        assert_eq!(finish_date(&cal, d("5000-01-01"), 1.0), None);
    }

    #[test]
    fn the_last_day_a_finish_may_fall_on() {
        let cal = Calendar::default();
        let mon = d("2026-11-23");
        assert_eq!(last_day_index(&cal, mon, mon), Some(0));
        // Sat 28: the Friday, working day 4.
        assert_eq!(last_day_index(&cal, mon, d("2026-11-28")), Some(4));
        assert_eq!(last_day_index(&cal, mon, d("2026-11-20")), None);
        // From a Saturday, day 0 is Monday; the Sunday between is before it.
        assert_eq!(last_day_index(&cal, d("2026-11-21"), d("2026-11-22")), None);
    }

    #[test]
    fn slack_counts_working_days() {
        let cal = Calendar::default();
        assert_eq!(
            working_days_between(&cal, d("2026-11-27"), d("2026-12-01")),
            2
        );
        assert_eq!(
            working_days_between(&cal, d("2026-12-01"), d("2026-11-27")),
            -2
        );
        assert_eq!(
            working_days_between(&cal, d("2026-12-01"), d("2026-12-01")),
            0
        );
    }
}

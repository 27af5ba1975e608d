//! The days a trend shows: the working days of the window by the project's
//! calendar (today's), oldest first, ending with today whatever day it is.

use chrono::{Days, NaiveDate};

use crate::forecast::calendar::is_working_day;
use crate::manifest::Calendar;

/// The window's length without `--since`: the last 30 working days.
pub const DEFAULT_DAYS: usize = 30;

/// The longest window: about four years of working days. A `--since`
/// earlier than that is refused (every day costs a forecast).
pub const MAX_DAYS: usize = 1000;

/// Why there is no window.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("--since {since} is after today ({today})")]
    AfterToday { since: NaiveDate, today: NaiveDate },
    #[error("--since {since} is over {MAX_DAYS} working days before {today}: give a later day")]
    TooLong { since: NaiveDate, today: NaiveDate },
}

/// The days of the window ending `today`: the working days from `since`
/// (inclusive) when given, else the last [`DEFAULT_DAYS`] working days, and
/// today last even when it is not a working day. Oldest first.
pub fn window(
    calendar: &Calendar,
    today: NaiveDate,
    since: Option<NaiveDate>,
) -> Result<Vec<NaiveDate>, WindowError> {
    if let Some(since) = since
        && since > today
    {
        return Err(WindowError::AfterToday { since, today });
    }
    let mut days = vec![today];
    let mut day = today;
    // Walking back a day at a time, ten years of days at most (a calendar
    // of holidays alone).
    for walked in 0.. {
        let Some(before) = day.checked_sub_days(Days::new(1)) else {
            break;
        };
        day = before;
        if walked >= 3660 {
            if let Some(since) = since {
                return Err(WindowError::TooLong { since, today });
            }
            break;
        }
        match since {
            Some(since) if day < since => break,
            None if days.len() >= DEFAULT_DAYS => break,
            _ => {}
        }
        if is_working_day(calendar, day) {
            if days.len() >= MAX_DAYS {
                return Err(WindowError::TooLong {
                    since: since.unwrap_or(day),
                    today,
                });
            }
            days.push(day);
        }
    }
    days.reverse();
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn thirty_working_days_ending_today() {
        let cal = Calendar::default();
        // Thursday 2026-12-03: 29 working days before it, then today.
        let days = window(&cal, d("2026-12-03"), None).expect("window");
        assert_eq!(days.len(), 30);
        assert_eq!(days.last(), Some(&d("2026-12-03")));
        assert_eq!(days[0], d("2026-10-23"));
        assert!(days.windows(2).all(|w| w[0] < w[1]));
        // A Sunday: today, after the 29 working days before it.
        let days = window(&cal, d("2026-12-06"), None).expect("window");
        assert_eq!(days[28], d("2026-12-04"));
        assert_eq!(days[29], d("2026-12-06"));
    }

    #[test]
    fn since_starts_the_window_and_is_bounded() {
        let cal = Calendar::default();
        let days = window(&cal, d("2026-12-03"), Some(d("2026-11-28"))).expect("window");
        assert_eq!(
            days,
            vec![
                d("2026-11-30"),
                d("2026-12-01"),
                d("2026-12-02"),
                d("2026-12-03")
            ]
        );
        let today = d("2026-12-03");
        assert_eq!(window(&cal, today, Some(today)), Ok(vec![today]));
        assert!(matches!(
            window(&cal, today, Some(d("2026-12-04"))),
            Err(WindowError::AfterToday { .. })
        ));
        assert!(matches!(
            window(&cal, today, Some(d("2020-01-01"))),
            Err(WindowError::TooLong { .. })
        ));
    }
}

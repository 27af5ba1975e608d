//! The date rolling over: a thread that sleeps until the next local midnight
//! and reports the new date, so "today" (and with it every figure) moves on
//! while the dashboard stays open. It sleeps in chunks of at most
//! [`MAX_SLEEP`] and re-reads the clock after each, so a suspended machine or
//! a changed clock or time zone is noticed within minutes; an idle dashboard
//! wakes at most that often.

use std::io;
use std::thread;
use std::time::Duration;

use chrono::{Local, NaiveDate, NaiveDateTime};

/// The longest single sleep.
pub const MAX_SLEEP: Duration = Duration::from_secs(300);

/// Calls `on_new_day` from a thread each time the local date moves on from
/// `today` (the date the dashboard started with: read separately here, the
/// clock could already be past a midnight the dashboard never saw).
pub fn spawn(
    today: NaiveDate,
    on_new_day: impl Fn(NaiveDate) -> bool + Send + 'static,
) -> io::Result<()> {
    thread::Builder::new()
        .name("readiness-midnight".into())
        .spawn(move || {
            let mut today = today;
            loop {
                // Checked before the first sleep too: a day that changed
                // before this thread started is reported at once.
                let now = Local::now().date_naive();
                if now != today {
                    today = now;
                    // The receiver is gone: the dashboard has quit.
                    if !on_new_day(now) {
                        return;
                    }
                }
                thread::sleep(until_next_day(Local::now().naive_local()).min(MAX_SLEEP));
            }
        })
        .map(drop)
}

/// Time from `now` to just after the next midnight.
fn until_next_day(now: NaiveDateTime) -> Duration {
    let next = now
        .date()
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or(now);
    (next - now).to_std().unwrap_or(Duration::ZERO) + Duration::from_millis(50)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_midnight_passed_before_the_thread_started_is_reported_at_once() {
        let (tx, rx) = std::sync::mpsc::channel();
        let yesterday = Local::now().date_naive().pred_opt().expect("a day before");
        spawn(yesterday, move |day| tx.send(day).is_ok()).expect("spawn");
        let day = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("the new day at once");
        assert!(day > yesterday);
    }

    #[test]
    fn sleeps_until_just_after_midnight() {
        let at = |h, m, s| {
            NaiveDate::from_ymd_opt(2026, 11, 23)
                .and_then(|d| d.and_hms_opt(h, m, s))
                .expect("valid time")
        };
        assert_eq!(until_next_day(at(23, 59, 0)), Duration::from_millis(60_050));
        assert_eq!(
            until_next_day(at(0, 0, 0)),
            Duration::from_millis(86_400_050)
        );
    }
}

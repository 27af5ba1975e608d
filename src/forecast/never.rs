//! A plan that cannot finish by [`LAST_DATE`] (docs/forecast.md, *Far
//! future*): it has no finish ("never"), and the forecast names why — the
//! person whose work ends last and what holds them: a range away, their
//! focus, or simply the work left; or, after the trials, the team's record.

use chrono::NaiveDate;

use super::calendar::{self, LAST_DATE};
use super::{Forecast, away, schedule::Workers};
use crate::manifest::Calendar;

/// Why there is no finish by [`LAST_DATE`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Never {
    /// The named person whose work ends last (index into the roster's
    /// members); `None` for an anonymous worker or the record.
    pub person: Option<usize>,
    pub cause: NeverCause,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NeverCause {
    /// Without this range away (the person's that ends last) the work
    /// would fit before [`LAST_DATE`].
    Away { from: NaiveDate, to: NaiveDate },
    /// At a focus of 1 the work would fit: this focus (the person's, or
    /// the team's for an anonymous worker) stretches it past.
    Focus { focus: f64 },
    /// The work left alone runs past: working days of it, at the focus.
    Work { working_days: f64 },
    /// The schedule at face value finishes, but the median trial through
    /// the team's record (estimates run this many times long) does not.
    Record { median_ratio: f64 },
}

/// Working days from day 0 up to [`LAST_DATE`], both counted.
pub fn horizon(calendar: &Calendar, today: NaiveDate) -> f64 {
    calendar::last_day_index(calendar, today, LAST_DATE).map_or(0.0, |k| k as f64 + 1.0)
}

/// Why the deterministic schedule in `result` (each open task's end and
/// worker, and the critical path, set) ends past [`LAST_DATE`]: the first
/// task of the critical path that ends past it (else the task that ends
/// last), whoever works it, and what of their time — away, focus or work —
/// is past the horizon. `team_focus` is an anonymous worker's.
pub fn of_schedule(
    result: &Forecast,
    workers: &Workers,
    team_focus: f64,
    calendar: &Calendar,
    today: NaiveDate,
) -> Never {
    let horizon = horizon(calendar, today);
    let crossing = result
        .critical_path
        .iter()
        .filter_map(|&i| result.tasks[i].as_ref())
        .find(|t| t.end > horizon);
    let last = crossing.or_else(|| {
        result
            .tasks
            .iter()
            .flatten()
            .max_by(|a, b| a.end.total_cmp(&b.end))
    });
    let Some(last) = last else {
        return Never {
            person: None,
            cause: NeverCause::Work { working_days: 0.0 },
        };
    };
    let person = last.worker.person();
    let (away_days, focus) = match person {
        Some(p) => (
            away::days_before(&workers.named[p].away, last.end),
            result.roster.members[p].focus,
        ),
        None => (0.0, team_focus),
    };
    let present = last.end - away_days;
    let away_range = person.and_then(|p| result.roster.members[p].away.iter().max_by_key(|a| a.to));
    let cause = match away_range {
        Some(range) if present <= horizon => NeverCause::Away {
            from: range.from,
            to: range.to,
        },
        // Work that overflows to infinity can only come from a focus near 0
        // (an estimate is at most 10,000 days).
        _ if focus < 1.0 && (present * focus <= horizon || !present.is_finite()) => {
            NeverCause::Focus { focus }
        }
        _ => NeverCause::Work {
            working_days: present,
        },
    };
    Never { person, cause }
}

//! The throughput forecast (docs/forecast.md), for plans
//! without estimates: daily samples are the counts of tasks done on each
//! working day from the first
//! `done` date to yesterday (the last 30 working days at most, zero days
//! included); each trial draws one sample per working day from day 0 until
//! the running total reaches the remaining task count.

use chrono::{Days, NaiveDate};
use rayon::prelude::*;

use super::calendar;
use super::monte_carlo::{below, trial_rng};
use crate::manifest::{Manifest, Status};

/// Working days of history a forecast draws from, at most.
pub const WINDOW: usize = 30;
/// A trial that has not finished after this many working days (about 40
/// years) is beyond the horizon; its percentile has no date.
pub const HORIZON: u64 = 10_000;

/// The daily samples and what they rest on.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// Tasks done on each working day of the window, oldest first.
    pub samples: Vec<u32>,
    /// The window's first and last working days (None when empty).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Done tasks with a `done` date (any date; the samples count those
    /// before today within the window).
    pub dated: usize,
}

impl History {
    /// The chance that the next day's count falls inside the range seen so
    /// far: (n − 1)/(n + 1) for n samples.
    pub fn in_range_chance(&self) -> f64 {
        let n = self.samples.len() as f64;
        if n < 1.0 { 0.0 } else { (n - 1.0) / (n + 1.0) }
    }

    /// Tasks done within the window.
    pub fn done_in_window(&self) -> u64 {
        self.samples.iter().map(|&s| u64::from(s)).sum()
    }
}

/// The history of done dates before today.
pub fn history(manifest: &Manifest, today: NaiveDate) -> History {
    let cal = &manifest.calendar;
    let dates: Vec<NaiveDate> = manifest
        .tasks
        .iter()
        .filter(|t| t.status == Status::Done)
        .filter_map(|t| t.done)
        .collect();
    let dated = dates.len();
    let mut days: Vec<NaiveDate> = dates
        .into_iter()
        .filter(|&d| d < today)
        .filter_map(|d| calendar::working_day_on_or_before(cal, d))
        .collect();
    days.sort_unstable();
    let empty = History {
        samples: Vec::new(),
        from: None,
        to: None,
        dated,
    };
    let (Some(&first), Some(yesterday)) = (days.first(), today.checked_sub_days(Days::new(1)))
    else {
        return empty;
    };
    let Some(last) = calendar::working_day_on_or_before(cal, yesterday) else {
        return empty;
    };
    // Walk back from the last working day to the first done day, 30 at most.
    let mut window = Vec::new();
    let mut day = last;
    while day >= first && window.len() < WINDOW {
        window.push(day);
        let Some(before) = day
            .checked_sub_days(Days::new(1))
            .and_then(|d| calendar::working_day_on_or_before(cal, d))
        else {
            break;
        };
        day = before;
    }
    window.reverse();
    let mut samples = vec![0u32; window.len()];
    for d in &days {
        if let Ok(i) = window.binary_search(d) {
            samples[i] += 1;
        }
    }
    History {
        from: window.first().copied(),
        to: window.last().copied(),
        samples,
        dated,
    }
}

/// The working days each trial takes to finish `remaining` tasks, sorted;
/// `u64::MAX` for a trial beyond the horizon. Empty when the samples cannot
/// finish anything (none, or all zero). Trial k's draws come from `seed`
/// and k alone (the project's seed: common random numbers), so a day's
/// more history or one task fewer moves a date only through that change.
pub fn simulate(samples: &[u32], remaining: usize, trials: u32, seed: u64) -> Vec<u64> {
    if samples.iter().all(|&s| s == 0) || remaining == 0 {
        return Vec::new();
    }
    let target = remaining as u64;
    let mut days: Vec<u64> = (0..trials)
        .into_par_iter()
        .map(|trial| {
            let mut rng = trial_rng(seed, trial);
            let mut total = 0u64;
            for day in 1..=HORIZON {
                total += u64::from(samples[below(&mut rng, samples.len())]);
                if total >= target {
                    return day;
                }
            }
            u64::MAX
        })
        .collect();
    days.sort_unstable();
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::load;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn manifest(done: &[&str], open: usize) -> Manifest {
        let mut text = String::from("[project]\nname = \"x\"\n[[component]]\nid = \"c\"\n");
        for (i, date) in done.iter().enumerate() {
            text.push_str(&format!(
                "[[task]]\nid = \"d{i}\"\ntitle = \"t\"\ncomponent = \"c\"\nstatus = \"done\"\ndone = {date}\n"
            ));
        }
        for i in 0..open {
            text.push_str(&format!(
                "[[task]]\nid = \"o{i}\"\ntitle = \"t\"\ncomponent = \"c\"\n"
            ));
        }
        load(&text).unwrap().manifest
    }

    #[test]
    fn samples_run_from_the_first_done_day_to_yesterday_with_zero_days() {
        // Today Wed 2026-11-25. Done: Thu 19th, Mon 23rd ×2, Sat 21st (-> Fri
        // 20th), today (not counted).
        let m = manifest(
            &[
                "2026-11-19",
                "2026-11-23",
                "2026-11-23",
                "2026-11-21",
                "2026-11-25",
            ],
            3,
        );
        let h = history(&m, d("2026-11-25"));
        assert_eq!(h.from, Some(d("2026-11-19")));
        assert_eq!(h.to, Some(d("2026-11-24")));
        assert_eq!(h.samples, vec![1, 1, 2, 0]);
        assert_eq!(h.dated, 5);
        assert!((h.in_range_chance() - 3.0 / 5.0).abs() < 1e-12);
    }

    #[test]
    fn the_window_keeps_the_last_30_working_days() {
        let m = manifest(&["2026-01-05", "2026-11-20"], 1);
        let h = history(&m, d("2026-11-23"));
        assert_eq!(h.samples.len(), WINDOW);
        assert_eq!(h.to, Some(d("2026-11-20")));
        assert_eq!(h.done_in_window(), 1);
    }

    #[test]
    fn trials_finish_when_the_total_reaches_the_remaining_count() {
        // Exactly 2 a day: 5 tasks take 3 days in every trial.
        let days = simulate(&[2, 2, 2], 5, 100, 1);
        assert!(days.iter().all(|&d| d == 3));
        assert!(simulate(&[0, 0], 5, 100, 1).is_empty());
        assert!(simulate(&[], 5, 100, 1).is_empty());
    }
}

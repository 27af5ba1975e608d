//! Effort from dates (docs/manifest.md, *Calibration*): a done task without
//! `actual` took the working days from `started` to `done`, both included,
//! less its owner's days away, times their focus — each day shared among
//! the owner's tasks in progress that day (started, and not done before
//! it): a person who carried three tasks through the same fortnight spent
//! a third of it on each, not all of it on every one.
//!
//! One sweep per owner over the days their tasks start and end: between two
//! such days the count of tasks in progress is fixed, so each stretch's
//! working days over that count are summed once (prefix sums), and a task's
//! effort is the sum over the stretches it spans. Linear in the tasks (after
//! sorting) whatever the dates' span.

use chrono::{Days, NaiveDate};
use rustc_hash::FxHashMap;

use super::calibration::working_days;
use crate::manifest::{Away, Manifest, Status};

/// A task in progress over some days: (task index, first day, last day;
/// `None` while not done).
type Span = (usize, NaiveDate, Option<NaiveDate>);

/// Per task (index-aligned with `Manifest::tasks`): the effort its dates
/// give, in days at its owner's focus, for every done task with `started`
/// on or before `done`; `None` for the others (open, dropped, undated or
/// started after it was done). `actual` is not looked at: it wins over
/// this where given.
pub fn from_dates(manifest: &Manifest) -> Vec<Option<f64>> {
    let team_focus = manifest.team.focus;
    let mut out = vec![None; manifest.tasks.len()];
    // Each owner's tasks in progress at some time.
    let mut by_owner: FxHashMap<Option<&str>, Vec<Span>> = FxHashMap::default();
    for (i, t) in manifest.tasks.iter().enumerate() {
        let Some(started) = t.started else { continue };
        let end = match (t.status, t.done) {
            (Status::Dropped, _) => continue,
            (Status::Done, Some(done)) if started <= done => Some(done),
            // Done without a usable `done` date: when it ended is unknown.
            (Status::Done, _) => continue,
            _ => None,
        };
        by_owner
            .entry(t.owner.as_deref())
            .or_default()
            .push((i, started, end));
    }
    for (owner, spans) in by_owner {
        let person = owner.and_then(|o| manifest.people.iter().find(|p| p.id == o));
        let focus = person.and_then(|p| p.focus).unwrap_or(team_focus);
        let away = person.map_or(&[][..], |p| &p.away[..]);
        match owner {
            // Without an owner nothing is known to share a day with.
            None => {
                for (i, from, to) in spans {
                    if let Some(to) = to {
                        out[i] =
                            Some(working_days(&manifest.calendar, from, to, away) as f64 * focus);
                    }
                }
            }
            Some(_) => {
                for (i, effort) in shared(&manifest.calendar, &spans, away) {
                    out[i] = Some(effort * focus);
                }
            }
        }
    }
    out
}

/// Each finished span's working days, each day divided by the spans in
/// progress on it (one owner's; `to` `None` runs on past every date).
fn shared(
    calendar: &crate::manifest::Calendar,
    spans: &[Span],
    away: &[Away],
) -> Vec<(usize, f64)> {
    // +1 at a span's first day, −1 the day after its last.
    let mut events: Vec<(NaiveDate, i64)> = Vec::with_capacity(spans.len() * 2);
    for &(_, from, to) in spans {
        events.push((from, 1));
        if let Some(after) = to.and_then(|t| t.checked_add_days(Days::new(1))) {
            events.push((after, -1));
        }
    }
    events.sort_unstable();
    // Breakpoints, the count in progress from each, and the prefix sums of
    // working days over that count up to each breakpoint.
    let mut points: Vec<NaiveDate> = Vec::new();
    let mut prefix: Vec<f64> = Vec::new();
    let mut in_progress = 0i64;
    let mut total = 0.0f64;
    let mut k = 0;
    while k < events.len() {
        let day = events[k].0;
        if let Some(&last) = points.last()
            && in_progress > 0
            && let Some(before) = day.checked_sub_days(Days::new(1))
        {
            total += working_days(calendar, last, before, away) as f64 / in_progress as f64;
        }
        while k < events.len() && events[k].0 == day {
            in_progress += events[k].1;
            k += 1;
        }
        points.push(day);
        prefix.push(total);
    }
    let at = |day: NaiveDate| prefix[points.partition_point(|&p| p < day)];
    spans
        .iter()
        .filter_map(|&(i, from, to)| {
            let after = to?.checked_add_days(Days::new(1))?;
            Some((i, at(after) - at(from)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::load;

    /// Efforts of a manifest's tasks, by id.
    fn efforts(tasks: &str, people: &str) -> Vec<(String, Option<f64>)> {
        let text = format!("[project]\nname = \"x\"\n{people}\n[[component]]\nid = \"c\"\n{tasks}");
        let m = load(&text).expect("valid").manifest;
        let e = from_dates(&m);
        m.tasks.iter().map(|t| t.id.clone()).zip(e).collect()
    }

    fn task(id: &str, owner: &str, started: &str, done: Option<&str>) -> String {
        let owner = if owner.is_empty() {
            String::new()
        } else {
            format!("owner = \"{owner}\"\n")
        };
        let end = match done {
            Some(d) => format!("status = \"done\"\ndone = {d}\n"),
            None => "status = \"doing\"\n".to_owned(),
        };
        format!(
            "[[task]]\nid = \"{id}\"\ntitle = \"t\"\ncomponent = \"c\"\nestimate = 1\n{owner}started = {started}\n{end}"
        )
    }

    #[test]
    fn three_tasks_through_the_same_fortnight_take_a_third_each() {
        // Mon 2026-11-02 .. Fri 2026-11-13: 10 working days, three tasks.
        let tasks = ["a", "b", "c"]
            .map(|id| task(id, "sam", "2026-11-02", Some("2026-11-13")))
            .concat();
        for (id, effort) in efforts(&tasks, "") {
            assert!((effort.unwrap() - 10.0 / 3.0).abs() < 1e-12, "{id}");
        }
    }

    #[test]
    fn a_day_is_shared_only_with_the_tasks_in_progress_that_day() {
        // a: Mon 2 .. Fri 6 Nov (5 days); b: Thu 5 .. Wed 11 (5 days);
        // c: still in progress since Tue 10; d: another owner's, the same
        // days as a. Mon 2 – Wed 4: a alone (3); Thu 5 – Fri 6: a and b
        // (2 × ½); Mon 9: b alone (1); Tue 10 – Wed 11: b and c (2 × ½).
        let tasks = [
            task("a", "sam", "2026-11-02", Some("2026-11-06")),
            task("b", "sam", "2026-11-05", Some("2026-11-11")),
            task("c", "sam", "2026-11-10", None),
            task("d", "dana", "2026-11-02", Some("2026-11-06")),
        ]
        .concat();
        let e: Vec<Option<f64>> = efforts(&tasks, "").into_iter().map(|(_, e)| e).collect();
        assert_eq!(e, vec![Some(4.0), Some(3.0), None, Some(5.0)]);
    }

    #[test]
    fn away_days_count_for_no_task_and_focus_scales_the_rest() {
        // sam at focus 0.5, away Wed 4 Nov; a and b both Mon 2 .. Fri 6:
        // 4 working days present, 2 each, at half focus: 1 day of effort.
        let people = "[[person]]\nid = \"sam\"\nfocus = 0.5\naway = [{ from = 2026-11-04, to = 2026-11-04 }]\n";
        let tasks = [
            task("a", "sam", "2026-11-02", Some("2026-11-06")),
            task("b", "sam", "2026-11-02", Some("2026-11-06")),
        ]
        .concat();
        for (id, effort) in efforts(&tasks, people) {
            assert_eq!(effort, Some(1.0), "{id}");
        }
    }

    #[test]
    fn unowned_tasks_share_with_nothing() {
        let tasks = [
            task("a", "", "2026-11-02", Some("2026-11-06")),
            task("b", "", "2026-11-02", Some("2026-11-06")),
        ]
        .concat();
        for (id, effort) in efforts(&tasks, "") {
            assert_eq!(effort, Some(5.0), "{id}");
        }
    }

    #[test]
    fn started_after_done_or_done_on_a_weekend_alone() {
        // Started after done: no effort. Sat 7 .. Sun 8 Nov: no working day.
        let tasks = [
            task("a", "sam", "2026-11-06", Some("2026-11-02")),
            task("b", "sam", "2026-11-07", Some("2026-11-08")),
        ]
        .concat();
        let e: Vec<Option<f64>> = efforts(&tasks, "").into_iter().map(|(_, e)| e).collect();
        assert_eq!(e, vec![None, Some(0.0)]);
    }
}

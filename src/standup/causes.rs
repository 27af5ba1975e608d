//! Why the forecast moved (docs/manifest.md, "Why it moved"): the P50's
//! and the P85's move between the manifest as it stood at the end of the
//! comparison day and the manifest now, split into causes — work done,
//! scope, estimates, the record, people, blockers, time — whose working
//! days add up exactly to the move.
//!
//! The changes are replayed from the old version to the new one in that
//! fixed order, one class at a time ([`replay::merge`]), each intermediate
//! manifest forecast as of the comparison day with the same trial policy
//! (and so, with the forecast's common random numbers, the same draws);
//! the last step, time, goes to the new version as of today. The days
//! between consecutive forecasts telescope to the whole move, whatever the
//! draws. One forecast per class that changed, none for a class whose
//! change no figure of the forecast reads ([`replay::same_forecast`]).
//! Pure: two snapshots (or two texts), the options in; [`Causes`] out.

use chrono::NaiveDate;

use super::replay::{self, Applied};
pub use super::replay::{Change, Kind};
use crate::forecast::{self, calendar};
use crate::manifest::{Calendar, Manifest};
use crate::model::{self, Options, Snapshot, figures};

/// One class of change and how far it moved the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Cause {
    pub kind: Kind,
    /// Working days it moved the P50 and the P85 (later is positive).
    pub p50_days: i64,
    pub p85_days: i64,
    /// What changed in this class, most telling first.
    pub changes: Vec<Change>,
}

/// The answer's move and its causes.
#[derive(Debug, Clone, PartialEq)]
pub struct Causes {
    pub p50_then: NaiveDate,
    pub p50_now: NaiveDate,
    pub p85_then: NaiveDate,
    pub p85_now: NaiveDate,
    /// Working days from then to now, later positive (the calendar now);
    /// the causes' days add up to these exactly.
    pub p50_change_days: i64,
    pub p85_change_days: i64,
    /// Each class that changed, in replay order; time last, when working
    /// days passed or it moved anything.
    pub causes: Vec<Cause>,
    /// Forecasts the replay ran beyond the two versions' own.
    pub forecasts: usize,
}

/// The P50 and P85 of a manifest as of `day`.
pub fn answer(
    manifest: &Manifest,
    day: NaiveDate,
    options: Options,
) -> Option<(NaiveDate, NaiveDate)> {
    let tasks = figures::task_figures(manifest);
    let inputs = model::forecast_inputs(&tasks);
    let days = figures::default_days(manifest);
    let (p50, p85) = forecast::answer(manifest, &inputs, days, day, options.trials);
    Some((p50?, p85?))
}

/// The P50 and P85 of a snapshot, forecast here when its trials have not
/// run yet (the dashboard shows the rest of a save first).
fn answer_of(s: &Snapshot, options: Options) -> Option<(NaiveDate, NaiveDate)> {
    if s.forecast.pending {
        return answer(&s.manifest, s.today, options);
    }
    Some((s.forecast.p50?, s.forecast.p85?))
}

/// Why the answer moved from `old` (the manifest as it stood at the end
/// of the comparison day, evaluated as of that day) to `now`, both
/// evaluated with `options`. `None` when either side has no P50 or P85.
pub fn causes(old: &Snapshot, now: &Snapshot, options: Options) -> Option<Causes> {
    let then = answer_of(old, options)?;
    let end = answer_of(now, options)?;
    Some(between(
        (&old.manifest, old.today),
        (&now.manifest, now.today),
        (then, end),
        &now.manifest.calendar,
        options,
    ))
}

/// [`causes`] from two texts: `old` as of `from`, `new` as of `today`.
/// `None` when either does not load or has no P50 or P85.
pub fn causes_of_texts(
    old: &str,
    new: &str,
    from: NaiveDate,
    today: NaiveDate,
    options: Options,
) -> Option<Causes> {
    let old = model::evaluate_with(old, from, options).ok()?;
    let now = model::evaluate_with(new, today, options).ok()?;
    causes(&old, &now, options)
}

/// The replay from `old` as of `from` to `new` as of `today`, their
/// answers (P50, P85) already known: `(then, end)`. Working days are
/// counted by `cal` — the new version's for `since`, today's for the trend
/// (docs/trend.md), whose moves are counted by it — so the causes add up
/// to the move as the caller counts it. One forecast per class of change
/// that a figure of the forecast reads; none between equal manifests.
pub fn between(
    (old, from): (&Manifest, NaiveDate),
    (new, today): (&Manifest, NaiveDate),
    (then, end): ((NaiveDate, NaiveDate), (NaiveDate, NaiveDate)),
    cal: &Calendar,
    options: Options,
) -> Causes {
    let days = |a: NaiveDate, b: NaiveDate| calendar::working_days_between(cal, a, b);
    // The working days that passed: those in [from, today) — a Friday
    // gone by on Saturday is one, a Saturday gone by on Monday none.
    let working = |d: NaiveDate| i64::from(calendar::is_working_day(cal, d));
    let passed = if from <= today {
        days(from, today) + working(from) - working(today)
    } else {
        days(from, today)
    };
    let mut changes = replay::changes(old, new, passed);
    let mut causes = Vec::new();
    let mut applied = Applied::default();
    let mut at = replay::merge(old, new, applied);
    let mut point = then;
    let mut forecasts = 0;
    for kind in Kind::ALL {
        if kind == Kind::Time {
            break;
        }
        let list = std::mem::take(&mut changes[kind as usize]);
        if list.is_empty() {
            continue;
        }
        applied = applied.with(kind);
        let next = replay::merge(old, new, applied);
        let moved = if replay::same_forecast(&at, &next) {
            Some(point)
        } else {
            forecasts += 1;
            answer(&next, from, options)
        };
        // Without a date (nothing left, or past the calendar) the step's
        // move lands in the next class that has one.
        let (p50_days, p85_days) = match moved {
            Some(p) => {
                let step = (days(point.0, p.0), days(point.1, p.1));
                point = p;
                step
            }
            None => (0, 0),
        };
        causes.push(Cause {
            kind,
            p50_days,
            p85_days,
            changes: list,
        });
        at = next;
    }
    let time = Cause {
        kind: Kind::Time,
        p50_days: days(point.0, end.0),
        p85_days: days(point.1, end.1),
        changes: std::mem::take(&mut changes[Kind::Time as usize]),
    };
    if !time.changes.is_empty() || time.p50_days != 0 || time.p85_days != 0 {
        causes.push(time);
    }
    Causes {
        p50_then: then.0,
        p50_now: end.0,
        p85_then: then.1,
        p85_now: end.1,
        p50_change_days: days(then.0, end.0),
        p85_change_days: days(then.1, end.1),
        causes,
        forecasts,
    }
}

impl Causes {
    /// Whether the causes' days add up to the move (they always do: the
    /// count of working days between two dates is additive).
    pub fn adds_up(&self) -> bool {
        self.causes.iter().map(|c| c.p50_days).sum::<i64>() == self.p50_change_days
            && self.causes.iter().map(|c| c.p85_days).sum::<i64>() == self.p85_change_days
    }

    /// The cause of a class, when it changed.
    pub fn of(&self, kind: Kind) -> Option<&Cause> {
        self.causes.iter().find(|c| c.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    /// Five done tasks of ann's at their estimates (a record of ratio 1),
    /// then a (ann, 4–6 d), b (bob, 3–5 d), c (bob, after a) and d (ann,
    /// blocked).
    fn old() -> String {
        let mut text = String::from(
            "[project]\nname = \"p\"\n[team]\npeople = 2\n\
             [[person]]\nid = \"ann\"\n[[person]]\nid = \"bob\"\n\
             [[component]]\nid = \"c\"\n",
        );
        for i in 0..5 {
            text.push_str(&format!(
                "[[task]]\nid = \"r{i}\"\ntitle = \"r\"\ncomponent = \"c\"\nstatus = \"done\"\n\
                 owner = \"ann\"\nestimate = 2\nactual = 2\ndone = 2026-11-1{i}\n"
            ));
        }
        text.push_str(
            "[[task]]\nid = \"a\"\ntitle = \"a\"\ncomponent = \"c\"\nstatus = \"doing\"\nowner = \"ann\"\nestimate = \"4-6d\"\n\
             [[task]]\nid = \"b\"\ntitle = \"b\"\ncomponent = \"c\"\nowner = \"bob\"\nestimate = \"3-5d\"\n\
             [[task]]\nid = \"c\"\ntitle = \"c\"\ncomponent = \"c\"\nowner = \"bob\"\nestimate = 2\ndepends_on = [\"a\"]\n\
             [[task]]\nid = \"d\"\ntitle = \"d\"\ncomponent = \"c\"\nowner = \"ann\"\nestimate = \"2-3d\"\nblocker = \"keys\"\n",
        );
        text
    }

    /// One change of every class: a done at 2.4× its estimate, b's estimate
    /// up, e added, bob at half focus, d unblocked.
    fn new() -> String {
        old()
            .replace(
                "status = \"doing\"\nowner = \"ann\"\nestimate = \"4-6d\"\n",
                "status = \"done\"\nowner = \"ann\"\nestimate = \"4-6d\"\nactual = 12\ndone = 2026-11-24\n",
            )
            .replace("estimate = \"3-5d\"", "estimate = \"5-8d\"")
            .replace("[[person]]\nid = \"bob\"\n", "[[person]]\nid = \"bob\"\nfocus = 0.5\n")
            .replace("blocker = \"keys\"\n", "")
            + "[[task]]\nid = \"e\"\ntitle = \"e\"\ncomponent = \"c\"\nowner = \"ann\"\nestimate = 5\n"
    }

    fn replayed() -> Causes {
        causes_of_texts(
            &old(),
            &new(),
            d("2026-11-23"),
            d("2026-11-24"),
            Options::default(),
        )
        .expect("both have dates")
    }

    #[test]
    fn every_class_is_measured_in_order_and_the_days_add_up() {
        let c = replayed();
        let kinds: Vec<&str> = c.causes.iter().map(|x| x.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "done",
                "scope",
                "estimates",
                "record",
                "people",
                "blockers",
                "time"
            ]
        );
        assert!(c.adds_up(), "{c:#?}");
        let days = |k| c.of(k).expect("changed").p85_days;
        // Finishing a removes its work; the rest adds some.
        assert!(days(Kind::Done) < 0, "{c:#?}");
        for kind in [Kind::Scope, Kind::Estimates, Kind::Record, Kind::People] {
            assert!(days(kind) > 0, "{kind:?}: {c:#?}");
        }
        // The scheduler does not read blockers: no forecast, no days.
        assert_eq!(days(Kind::Blockers), 0);
        assert_eq!(c.forecasts, 5);
        assert_eq!(days(Kind::Time), 1);
        // The record names the task behind it.
        assert_eq!(
            c.of(Kind::Record).expect("record").changes,
            vec![Change::Sample {
                task: "a".into(),
                ratio: 2.4
            }]
        );
    }

    #[test]
    fn an_edit_that_changes_no_figure_moves_nothing_but_time() {
        let retitled = old().replace("title = \"b\"", "title = \"B, renamed\"");
        let c = causes_of_texts(
            &old(),
            &retitled,
            d("2026-11-23"),
            d("2026-11-23"),
            Options::default(),
        )
        .expect("dates");
        assert_eq!((c.p50_change_days, c.p85_change_days), (0, 0));
        assert!(c.causes.is_empty(), "{c:#?}");
        assert_eq!(c.forecasts, 0);
    }

    #[test]
    fn every_class_applied_is_the_new_plan() {
        let (old, new) = (
            manifest::load(&old()).expect("old"),
            manifest::load(&new()).expect("new"),
        );
        let all = Kind::ALL.iter().fold(Applied::default(), |a, &k| a.with(k));
        assert!(replay::same_forecast(
            &replay::merge(&old.manifest, &new.manifest, all),
            &new.manifest
        ));
        assert!(replay::same_forecast(
            &replay::merge(&old.manifest, &new.manifest, Applied::default()),
            &old.manifest
        ));
    }

    /// The replay skips a forecast between manifests that differ only in
    /// what the forecast does not read: this holds it to that.
    #[test]
    fn blockers_and_titles_move_no_figure_of_the_forecast() {
        let today = d("2026-11-23");
        let blocked = model::evaluate(&old(), today).expect("valid");
        let cleared = model::evaluate(
            &old()
                .replace("blocker = \"keys\"\n", "status = \"blocked\"\n")
                .replace("title = \"a\"", "title = \"A\""),
            today,
        )
        .expect("valid");
        let unblocked =
            model::evaluate(&old().replace("blocker = \"keys\"\n", ""), today).expect("valid");
        for other in [&cleared, &unblocked] {
            let (a, b) = (&blocked.forecast, &other.forecast);
            assert_eq!(
                (a.finish, a.p50, a.p85, a.p95),
                (b.finish, b.p50, b.p85, b.p95)
            );
            assert!(replay::same_forecast(&blocked.manifest, &other.manifest));
        }
    }

    /// A Friday has passed by Saturday (its work time is gone), a Saturday
    /// by Monday has not: the time cause counts the working days from the
    /// comparison day up to today.
    #[test]
    fn a_working_day_gone_by_is_counted_on_a_day_off() {
        let c = |from: &str, today: &str| {
            causes_of_texts(&old(), &old(), d(from), d(today), Options::default()).expect("dates")
        };
        let saturday = c("2026-11-27", "2026-11-28");
        let time = saturday.of(Kind::Time).expect("time moved");
        assert_eq!(time.changes, vec![Change::Passed(1)]);
        assert!(saturday.adds_up());
        let monday = c("2026-11-28", "2026-11-30");
        assert_eq!((monday.p50_change_days, monday.p85_change_days), (0, 0));
        assert!(monday.causes.is_empty(), "{monday:#?}");
        let week = c("2026-11-23", "2026-11-30");
        assert_eq!(
            week.of(Kind::Time).expect("time").changes,
            vec![Change::Passed(5)]
        );
    }
}

//! Why the forecast moved, in words (docs/manifest.md, "Why it moved"):
//! each class of change named the way a lead says it (`the record`, `work
//! done`), with the tasks and people behind it (`sync-server took 2.4× its
//! estimate`), and signed working days (`+6`, `-2`). The text and markdown
//! reports, the JSON's `detail`, the dashboard's forecast pane and
//! presentation mode all word a cause through here.

use super::figure::{decimal, percent, working_days};
use super::text::{clean, list_ids};
use crate::standup::{Cause, Causes, Change, Kind};

/// Ids named in one phrase before `+N more`.
const IDS: usize = 3;

/// `work done`, `scope`, `estimates`, `the record`, `people`, `blockers`,
/// `time`.
pub fn label(kind: Kind) -> &'static str {
    match kind {
        Kind::Done => "work done",
        Kind::Scope => "scope",
        Kind::Estimates => "estimates",
        Kind::Record => "the record",
        Kind::People => "people",
        Kind::Blockers => "blockers",
        Kind::Time => "time",
    }
}

/// Signed working days, the unit said by the line it stands under: `+6`,
/// `-2`, `0`.
pub fn signed(days: i64) -> String {
    match days {
        0 => "0".to_owned(),
        d if d > 0 => format!("+{d}"),
        d => format!("-{}", d.unsigned_abs()),
    }
}

/// What changed in a class, its tasks and people named:
/// `sync-server took 2.4× its estimate`, `sync-server done`,
/// `billing-tax unblocked`, `1 working day passed`.
pub fn detail(cause: &Cause) -> String {
    // Changes of one sort phrased together, in the order they first come.
    let mut groups: Vec<(&'static str, Vec<String>)> = Vec::new();
    let mut singles: Vec<String> = Vec::new();
    let mut group = |key: &'static str, id: &str| match groups.iter_mut().find(|g| g.0 == key) {
        Some(g) => g.1.push(id.to_owned()),
        None => groups.push((key, vec![id.to_owned()])),
    };
    let mut samples = 0;
    for change in &cause.changes {
        match change {
            Change::Done(id) => group("done", id),
            Change::Progress(id) => group("progress on", id),
            Change::Added(id) => group("added", id),
            Change::Removed(id) => group("removed or dropped", id),
            Change::Replanned(id) => group("dependencies or priority of", id),
            Change::Estimate { task, was, now } if cause.changes.len() <= 2 => {
                let side = |e: &Option<String>| e.as_deref().map_or("none".to_owned(), clean);
                singles.push(format!("{} {} → {}", clean(task), side(was), side(now)));
            }
            Change::Estimate { task, .. } => group("estimates of", task),
            // The most telling samples by name, the rest counted.
            Change::Sample { task, ratio } if samples < 2 => {
                samples += 1;
                singles.push(format!(
                    "{} took {}× its estimate",
                    clean(task),
                    decimal(*ratio)
                ));
            }
            Change::Sample { task, .. } => group("samples of", task),
            Change::LeftRecord(id) => group("left the record:", id),
            Change::Dates(id) => group("dates of", id),
            Change::Focus { person, was, now } => singles.push(format!(
                "{}'s focus {} → {}",
                clean(person),
                percent(was * 100.0),
                percent(now * 100.0)
            )),
            Change::Away(id) => group("days away of", id),
            Change::Joined(id) => group("joined:", id),
            Change::Left(id) => group("left:", id),
            Change::Headcount { was, now } => singles.push(format!("headcount {was} → {now}")),
            Change::TeamFocus { was, now } => singles.push(format!(
                "team focus {} → {}",
                percent(was * 100.0),
                percent(now * 100.0)
            )),
            Change::Calendar => singles.push("the calendar's working days".to_owned()),
            Change::Owner(id) => group("owner of", id),
            Change::Blocked(id) => group("blocked", id),
            Change::Unblocked(id) => group("unblocked", id),
            Change::Passed(n) => singles.push(format!("{} passed", working_days(n.unsigned_abs()))),
        }
    }
    let mut phrases = singles;
    for (key, ids) in groups {
        let ids = list_ids(&ids, IDS);
        // `sync-server done`, `billing-tax unblocked`; the rest lead.
        phrases.push(match key {
            "done" | "blocked" | "unblocked" => format!("{ids} {key}"),
            _ => format!("{key} {ids}"),
        });
    }
    if phrases.is_empty() {
        // Time with no working day passed: what the classes do not hold.
        return "the rest, such as the project's name".to_owned();
    }
    phrases.join("; ")
}

/// `+6 the record: sync-server took 2.4× its estimate`, with the P85's
/// days (or the P50's).
pub fn line(cause: &Cause, p85: bool) -> String {
    let days = if p85 { cause.p85_days } else { cause.p50_days };
    format!("{} {}: {}", signed(days), label(cause.kind), detail(cause))
}

/// Whether causes are told with the P85's days: when the P85 moved; else
/// the P50's when it moved (a reader asks why the date that moved did);
/// with neither moved, the P85's when some cause moved it (and others
/// took it back).
pub fn by_p85(c: &Causes) -> bool {
    if c.p85_change_days != 0 {
        return true;
    }
    if c.p50_change_days != 0 {
        return false;
    }
    c.causes.iter().any(|x| x.p85_days != 0) || c.causes.iter().all(|x| x.p50_days == 0)
}

/// The causes of a move as one phrase, largest first, told with the P85's
/// days (or, marked, the P50's): `+6 the record (sync-server took 2.4× its
/// estimate), -2 work done (sync-server done)`, `(P50) +1 scope (added
/// t12)`. Empty when no cause moved either. The forecast pane's `since`
/// sentence and the trend's days say a move's causes through here.
pub fn told(c: &Causes) -> String {
    joined(c, |cause, days| {
        format!("{} {} ({})", signed(days), label(cause.kind), detail(cause))
    })
}

/// The causes of a move in a few words, largest first: `+6 the record,
/// -2 work done` (the P85's days, else, marked, the P50's).
pub fn named(c: &Causes) -> String {
    joined(c, |cause, days| {
        format!("{} {}", signed(days), label(cause.kind))
    })
}

/// Each moving cause phrased by `phrase` (with the days it is told with),
/// largest first, joined; `(P50) ` ahead when told with the P50's days.
fn joined(c: &Causes, phrase: impl Fn(&Cause, i64) -> String) -> String {
    let p85 = by_p85(c);
    let parts: Vec<String> = moving(&c.causes, p85)
        .into_iter()
        .map(|cause| phrase(cause, if p85 { cause.p85_days } else { cause.p50_days }))
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    let which = if p85 { "" } else { "(P50) " };
    format!("{which}{}", parts.join(", "))
}

/// The causes that moved a percentile, largest first (ties in replay
/// order): the ones a reader needs.
pub fn moving(causes: &[Cause], p85: bool) -> Vec<&Cause> {
    let days = |c: &Cause| if p85 { c.p85_days } else { c.p50_days };
    let mut moved: Vec<&Cause> = causes.iter().filter(|c| days(c) != 0).collect();
    moved.sort_by_key(|c| std::cmp::Reverse(days(c).abs()));
    moved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cause(kind: Kind, changes: Vec<Change>) -> Cause {
        Cause {
            kind,
            p50_days: 4,
            p85_days: 6,
            changes,
        }
    }

    #[test]
    fn a_cause_names_its_tasks() {
        let record = cause(
            Kind::Record,
            vec![Change::Sample {
                task: "sync-server".into(),
                ratio: 2.4,
            }],
        );
        assert_eq!(
            line(&record, true),
            "+6 the record: sync-server took 2.4× its estimate"
        );
        let done = cause(
            Kind::Done,
            vec![Change::Done("a".into()), Change::Done("b".into())],
        );
        assert_eq!(detail(&done), "a, b done");
        let blockers = cause(
            Kind::Blockers,
            vec![Change::Unblocked("billing-tax".into())],
        );
        assert_eq!(detail(&blockers), "billing-tax unblocked");
        let time = cause(Kind::Time, vec![Change::Passed(1)]);
        assert_eq!(line(&time, false), "+4 time: 1 working day passed");
        let estimate = cause(
            Kind::Estimates,
            vec![Change::Estimate {
                task: "api".into(),
                was: Some("1-2w".into()),
                now: None,
            }],
        );
        assert_eq!(detail(&estimate), "api 1-2w → none");
        assert_eq!(signed(-2), "-2");
        assert_eq!(signed(0), "0");
    }

    /// A move of the P50 alone is told with the P50's causes, marked, even
    /// when some causes moved the P85 and others took it back.
    #[test]
    fn the_date_that_moved_is_the_one_explained() {
        let both = |kind, p50_days, p85_days| Cause {
            kind,
            p50_days,
            p85_days,
            changes: vec![Change::Passed(1)],
        };
        let d: chrono::NaiveDate = "2026-12-01".parse().expect("date");
        let c = Causes {
            p50_then: d,
            p50_now: d,
            p85_then: d,
            p85_now: d,
            p50_change_days: 2,
            p85_change_days: 0,
            causes: vec![
                both(Kind::Done, 0, -1),
                both(Kind::Record, 1, 0),
                both(Kind::Time, 1, 1),
            ],
            forecasts: 2,
        };
        assert!(!by_p85(&c));
        assert_eq!(named(&c), "(P50) +1 the record, +1 time");
        let p85_moved = Causes {
            p85_change_days: 1,
            ..c.clone()
        };
        assert!(by_p85(&p85_moved));
        let still = Causes {
            p50_change_days: 0,
            ..c
        };
        assert!(
            by_p85(&still),
            "offsetting P85 causes are told when nothing moved"
        );
    }
}

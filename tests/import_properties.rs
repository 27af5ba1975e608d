//! Properties of the import's sync (docs/import.md, "Importing again") on
//! generated GitHub exports with hostile titles: an import then a re-import
//! of the same export changes no byte; an import, a hand edit and a
//! re-import of a changed export keep the hand edit.

use chrono::NaiveDate;
use proptest::prelude::*;
use readiness::import::{self, Format, sync};
use serde_json::{Value, json};

const START: &str = "[project]\nname = \"Generated\"\n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

/// A title with the characters an export may hold: quotes, backslashes,
/// line breaks, bidi controls, zero-width and escape characters.
fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-zA-Z ]{1,8}".boxed(),
            Just("\"".to_owned()).boxed(),
            Just("\\".to_owned()).boxed(),
            Just("\n".to_owned()).boxed(),
            Just("\u{202e}".to_owned()).boxed(),
            Just("\u{200b}".to_owned()).boxed(),
            Just("\u{1b}[2J".to_owned()).boxed(),
            Just("'".to_owned()).boxed(),
            Just("é✓".to_owned()).boxed(),
        ],
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

/// One issue: (title, state 0 open / 1 done / 2 not planned / 3 blocked,
/// milestone, assignee, estimate label, blocked by an earlier issue).
type Issue = (
    String,
    u8,
    Option<u8>,
    Option<u8>,
    Option<u8>,
    Option<usize>,
);

fn issues() -> impl Strategy<Value = Vec<Issue>> {
    prop::collection::vec(
        (
            title(),
            0u8..4,
            prop::option::of(0u8..3),
            prop::option::of(0u8..3),
            prop::option::of(1u8..5),
            prop::option::of(0usize..40),
        ),
        0..25,
    )
}

fn export(issues: &[Issue]) -> String {
    let list: Vec<Value> = issues
        .iter()
        .enumerate()
        .map(|(i, (title, state, milestone, assignee, estimate, blocked))| {
            let number = i + 1;
            let mut labels = vec![];
            if *state == 3 {
                labels.push(json!({"name": "blocked"}));
            }
            if let Some(days) = estimate {
                labels.push(json!({"name": format!("estimate: {days}d")}));
            }
            let mut issue = json!({
                "number": number,
                "title": title,
                "state": if matches!(state, 1 | 2) { "CLOSED" } else { "OPEN" },
                "stateReason": match state { 1 => "COMPLETED", 2 => "NOT_PLANNED", _ => "" },
                "closedAt": if matches!(state, 1 | 2) { json!("2026-11-05T10:00:00Z") } else { Value::Null },
                "labels": labels,
                "milestone": milestone.map(|m| json!({"title": format!("Milestone {m}!")})),
                "assignees": assignee.map(|a| vec![json!({"login": format!("user-{a}")})]).unwrap_or_default(),
            });
            if let Some(b) = blocked
                && *b + 1 < number
            {
                issue["blockedBy"] = json!([{"number": b + 1}]);
            }
            issue
        })
        .collect();
    serde_json::to_string_pretty(&Value::Array(list)).unwrap()
}

fn run(text: &str, export_text: &str) -> sync::Synced {
    let export = import::read(export_text.as_bytes(), Some(Format::Github)).unwrap();
    sync::sync(text, &export, today()).unwrap_or_else(|e| panic!("{e}: {e:?}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_second_import_changes_no_byte(issues in issues()) {
        let exported = export(&issues);
        let first = run(START, &exported);
        let again = run(&first.text, &exported);
        prop_assert_eq!(&again.text, &first.text);
        prop_assert_eq!(again.summary.created + again.summary.updated + again.summary.dropped, 0);
        prop_assert_eq!(again.summary.unchanged, issues.len());
        for c in first.text.chars() {
            prop_assert!(c == '\n' || !readiness::sink::is_unsafe(c), "{:?} reached the manifest", c);
        }
    }

    #[test]
    fn a_hand_edit_survives_a_re_import(
        issues in issues(),
        changed in issues(),
        which in any::<prop::sample::Index>(),
    ) {
        prop_assume!(!issues.is_empty());
        let first = run(START, &export(&issues)).text;
        // By hand: a comment in a task, a key the export does not own, a
        // gate at the end.
        let starts: Vec<usize> = first.match_indices("[[task]]\n").map(|(i, _)| i + 9).collect();
        let at = starts[which.index(starts.len())];
        let edited = format!(
            "{}# kept by hand\nprogress = 40\n{}\n[[gate]]\nid = \"by-hand\"\nstatus = \"pending\"\n",
            &first[..at],
            &first[at..]
        );
        prop_assume!(readiness::manifest::load(&edited).is_ok());
        // The export changes: titles and states of the first issues, some
        // issues gone, others new.
        let mut next: Vec<Issue> = issues.clone();
        for (i, c) in changed.iter().enumerate() {
            if i < next.len() && i % 2 == 0 {
                next[i].0 = c.0.clone();
                next[i].1 = c.1;
            }
        }
        next.truncate(issues.len().saturating_sub(changed.len() % 3));
        next.extend(changed.iter().take(3).cloned().map(|mut c| { c.5 = None; c }));
        let synced = run(&edited, &export(&next));
        prop_assert!(synced.text.contains("# kept by hand\nprogress = 40\n"), "{}", synced.text);
        prop_assert!(synced.text.ends_with("[[gate]]\nid = \"by-hand\"\nstatus = \"pending\"\n") || synced.text.contains("[[gate]]\nid = \"by-hand\"\nstatus = \"pending\"\n"));
        // And again: no byte changes.
        let again = run(&synced.text, &export(&next));
        prop_assert_eq!(again.text, synced.text);
    }
}

//! The pure core of `add` (src/edit/add.rs) on text: where each new entry
//! goes, in which style, and what is refused.

use chrono::NaiveDate;
use readiness::edit::add::{self, Added, NewComponent, NewGate, NewPerson, NewTask, Refusal};
use readiness::manifest::{Priority, Status};

#[path = "common/diff.rs"]
mod diff;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The text inserted, when `new` is `old` with one span inserted; panics
/// when any existing byte changed.
fn inserted(old: &str, new: &str) -> String {
    let prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = old[prefix..]
        .bytes()
        .rev()
        .zip(new[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    assert_eq!(
        prefix + suffix,
        old.len(),
        "existing bytes changed:\n{old}\n---\n{new}"
    );
    new[prefix..new.len() - suffix].to_owned()
}

fn task(id: &str) -> NewTask {
    NewTask {
        id: id.into(),
        title: "Write the migration".into(),
        component: "api".into(),
        ..NewTask::default()
    }
}

fn added(result: Result<Added, Refusal>) -> Added {
    result.unwrap_or_else(|e| panic!("{e}: {e:?}"))
}

const COMMENTED: &str = r#"# The manifest.

[project]   # the project
name = "Demo"    # required

# Components
[[component]]
id = "api"

# Tasks
[[task]]        # the first task
id = "schema"   # after id
title = 'Freeze the schema'
component = "api"
estimate  = "2-3d"
# after the last key

# Gates, below
[[gate]]
id = "p0"
priority = "P0"
"#;

#[test]
fn a_task_goes_after_the_last_task_and_its_comments_in_its_style() {
    let new = NewTask {
        estimate: Some("1-2d".into()),
        priority: Some(Priority::P1),
        depends_on: vec!["schema".into()],
        owner: Some("sam".into()),
        ..task("migrate")
    };
    let out = added(add::task(COMMENTED, &new, today()));
    inserted(COMMENTED, &out.text);
    // The quotes of the last task's first string; its key order, then the
    // reference order; one blank line before the header, as above it.
    assert!(out.text.contains(
        "# after the last key\n\n[[task]]\nid = \"migrate\"\ntitle = \"Write the migration\"\ncomponent = \"api\"\nestimate = \"1-2d\"\npriority = \"P1\"\ndepends_on = [\"schema\"]\nowner = \"sam\"\n\n# Gates, below\n[[gate]]"
    ));
    assert_eq!(out.line, 18);
}

#[test]
fn keys_follow_the_last_entry_s_order_alignment_and_quotes() {
    let text = "[project]\nname = \"x\"\n\n[[component]]\nid        = \"api\"\n\n[[task]]\ntitle     = \"A\"\nid        = \"a\"\ncomponent = \"api\"\n";
    let out = added(add::task(
        text,
        &NewTask {
            status: Some(Status::Done),
            ..task("b")
        },
        today(),
    ));
    assert_eq!(
        inserted(text, &out.text),
        "\n[[task]]\ntitle     = \"Write the migration\"\nid        = \"b\"\ncomponent = \"api\"\nstatus    = \"done\"\ndone      = 2026-11-23\n"
    );
}

#[test]
fn crlf_a_byte_order_mark_and_a_missing_final_newline_are_kept() {
    let text = "\u{feff}[project]\r\nname = \"x\"\r\n\r\n[[component]]\r\nid = \"api\"\r\n\r\n[[task]]\r\nid = \"a\"\r\ntitle = \"A\"\r\ncomponent = \"api\"";
    let out = added(add::task(text, &task("b"), today()));
    assert!(out.text.starts_with('\u{feff}'));
    assert_eq!(
        inserted(text, &out.text),
        "\r\n\r\n[[task]]\r\nid = \"b\"\r\ntitle = \"Write the migration\"\r\ncomponent = \"api\""
    );
    assert!(!out.text.ends_with('\n'));
}

#[test]
fn the_first_person_goes_before_the_components_and_their_comment() {
    let out = added(add::person(
        COMMENTED,
        &NewPerson {
            id: "sam".into(),
            name: Some("Sam Lee".into()),
            focus: Some(0.8),
        },
    ));
    assert_eq!(
        inserted(COMMENTED, &out.text),
        "[[person]]\nid = \"sam\"\nname = \"Sam Lee\"\nfocus = 0.8\n\n"
    );
    assert!(out.text.contains("\n\n[[person]]\nid = \"sam\"\nname = \"Sam Lee\"\nfocus = 0.8\n\n# Components\n[[component]]"));
}

#[test]
fn a_component_goes_after_the_last_component_and_a_gate_at_the_end() {
    let out = added(add::component(
        COMMENTED,
        &NewComponent {
            id: "docs".into(),
            weight: Some(2.0),
            progress: Some(50.0),
            ..NewComponent::default()
        },
    ));
    inserted(COMMENTED, &out.text);
    assert!(out.text.contains(
        "id = \"api\"\n\n[[component]]\nid = \"docs\"\nweight = 2\nprogress = 50\n\n# Tasks\n"
    ));
    let out = added(add::gate(
        COMMENTED,
        &NewGate {
            id: "schema-done".into(),
            tasks: vec!["schema".into()],
            ..NewGate::default()
        },
    ));
    assert!(
        out.text.ends_with(
            "priority = \"P0\"\n\n[[gate]]\nid = \"schema-done\"\ntasks = [\"schema\"]\n"
        )
    );
}

#[test]
fn an_inline_array_of_tasks_gets_another_element() {
    let text = "task = 3\n[project]\nname = \"x\"\n[[component]]\nid = \"api\"\n";
    let refused = add::task(text, &task("b"), today()).unwrap_err();
    assert!(
        matches!(refused, Refusal::Syntax(_) | Refusal::Unplaceable(_)),
        "{refused:?}"
    );

    let text = "task = [\n  { id = \"a\", title = \"A\", component = \"api\" }, # first\n]\n[project]\nname = \"x\"\n[[component]]\nid = \"api\"\n";
    let out = added(add::task(text, &task("b"), today()));
    assert_eq!(
        out.text,
        "task = [\n  { id = \"a\", title = \"A\", component = \"api\" }, # first\n  { id = \"b\", title = \"Write the migration\", component = \"api\" },\n]\n[project]\nname = \"x\"\n[[component]]\nid = \"api\"\n"
    );
    let text = "task = [{id = \"a\", title = \"A\", component = \"api\"}]\n[project]\nname = \"x\"\n[[component]]\nid = \"api\"\n";
    let out = added(add::task(text, &task("b"), today()));
    assert_eq!(
        out.text,
        "task = [{id = \"a\", title = \"A\", component = \"api\"}, {id = \"b\", title = \"Write the migration\", component = \"api\"}]\n[project]\nname = \"x\"\n[[component]]\nid = \"api\"\n"
    );
}

#[test]
fn unknown_names_are_refused_with_the_closest() {
    let refused = add::task(
        COMMENTED,
        &NewTask {
            component: "apii".into(),
            ..task("b")
        },
        today(),
    )
    .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "no component has the id `apii` (did you mean `api`?); add it first: readiness add component apii"
    );
    let refused = add::task(
        COMMENTED,
        &NewTask {
            depends_on: vec!["shema".into()],
            ..task("b")
        },
        today(),
    )
    .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "no task has the id `shema` (did you mean `schema`?)"
    );
    let people = added(add::person(
        COMMENTED,
        &NewPerson {
            id: "priya".into(),
            ..NewPerson::default()
        },
    ))
    .text;
    let refused = add::task(
        &people,
        &NewTask {
            owner: Some("pria".into()),
            ..task("b")
        },
        today(),
    )
    .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "no person has the id `pria` (did you mean `priya`?); add them first: readiness add person pria"
    );
}

#[test]
fn bad_and_taken_ids_titles_and_estimates_are_refused() {
    let refused = add::task(COMMENTED, &task("schema"), today()).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "a task with the id `schema` exists already (line 11)"
    );
    let refused = add::task(COMMENTED, &task("a b"), today()).unwrap_err();
    assert!(matches!(refused, Refusal::BadId { .. }), "{refused:?}");
    let refused = add::task(
        COMMENTED,
        &NewTask {
            title: " \u{202E}\n".into(),
            ..task("b")
        },
        today(),
    )
    .unwrap_err();
    assert_eq!(refused, Refusal::Empty { key: "title" });
    let refused = add::task(
        COMMENTED,
        &NewTask {
            estimate: Some("3".into()),
            ..task("b")
        },
        today(),
    );
    // A bare number is days.
    assert!(added(refused).text.contains("estimate = 3\n"));
    let refused = add::task(
        COMMENTED,
        &NewTask {
            estimate: Some("30 minutes".into()),
            ..task("b")
        },
        today(),
    )
    .unwrap_err();
    assert!(
        refused
            .to_string()
            .starts_with("bad estimate \"30 minutes\""),
        "{refused}"
    );
}

#[test]
fn an_invalid_result_is_refused_with_its_diagnostics() {
    let refused = add::gate(
        COMMENTED,
        &NewGate {
            id: "nothing".into(),
            ..NewGate::default()
        },
    )
    .unwrap_err();
    let Refusal::Invalid {
        diagnostics,
        already,
        ..
    } = refused
    else {
        panic!("{refused:?}")
    };
    assert!(!already);
    assert!(
        diagnostics.iter().any(|d| d.message.contains("criterion")),
        "{diagnostics:?}"
    );
    let broken = COMMENTED.replace("priority = \"P0\"", "priority = \"P9\"");
    let refused = add::task(&broken, &task("b"), today()).unwrap_err();
    assert!(
        matches!(refused, Refusal::Invalid { already: true, .. }),
        "{refused:?}"
    );
    let refused = add::task("[project", &task("b"), today()).unwrap_err();
    assert!(matches!(refused, Refusal::Syntax(_)), "{refused:?}");
}

#[test]
fn hostile_text_never_reaches_the_file() {
    let out = added(add::task(
        COMMENTED,
        &NewTask {
            title: "Ship\u{202E}txt.exe\u{200B} \u{1b}]52;c;x\u{7}now\nplease".into(),
            ..task("b")
        },
        today(),
    ));
    assert!(
        out.text
            .contains("title = \"Shiptxt.exe ]52;c;xnow please\""),
        "{}",
        out.text
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A comment in one of the places TOML allows one, or nothing.
    fn comment() -> impl Strategy<Value = Option<String>> {
        prop_oneof![
            Just(None),
            Just(Some("# a comment".to_owned())),
            Just(Some("   # an indented one".to_owned())),
            Just(Some("#".to_owned())),
            "[a-z =\\[\\]\"']{0,12}".prop_map(|s| Some(format!("# {s}"))),
        ]
    }

    /// A manifest with comments everywhere: above, beside and below every
    /// line, blank lines between entries, `=` aligned or not, one of the
    /// three quote styles. `kinds` says how many people, components, tasks
    /// and gates it has.
    fn manifest() -> impl Strategy<Value = String> {
        (
            (0usize..3, 1usize..4, 0usize..4, 0usize..3),
            prop::collection::vec(comment(), 64),
            prop::collection::vec(0usize..3, 16),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(
                |((people, components, tasks, gates), comments, blanks, align, literal)| {
                    let q = |s: &str| {
                        if literal {
                            format!("'{s}'")
                        } else {
                            format!("\"{s}\"")
                        }
                    };
                    let eq = |key: &str| {
                        if align {
                            format!("{key}{} = ", " ".repeat(10 - key.len()))
                        } else {
                            format!("{key} = ")
                        }
                    };
                    let mut entries: Vec<Vec<String>> = vec![vec![
                        "[project]".into(),
                        format!("{}{}", eq("name"), q("Demo")),
                    ]];
                    for p in 0..people {
                        entries.push(vec![
                            "[[person]]".into(),
                            format!("{}{}", eq("id"), q(&format!("p{p}"))),
                        ]);
                    }
                    for c in 0..components {
                        entries.push(vec![
                            "[[component]]".into(),
                            format!("{}{}", eq("id"), q(&format!("c{c}"))),
                        ]);
                    }
                    for t in 0..tasks {
                        let mut lines = vec![
                            "[[task]]".into(),
                            format!("{}{}", eq("id"), q(&format!("t{t}"))),
                            format!("{}{}", eq("title"), q("A task")),
                            format!("{}{}", eq("component"), q("c0")),
                        ];
                        if people > 0 {
                            lines.push(format!("{}{}", eq("owner"), q("p0")));
                        }
                        entries.push(lines);
                    }
                    for g in 0..gates {
                        entries.push(vec![
                            "[[gate]]".into(),
                            format!("{}{}", eq("id"), q(&format!("g{g}"))),
                            format!("{}{}", eq("priority"), q("P0")),
                        ]);
                    }
                    let mut comments = comments.into_iter().cycle();
                    let mut blanks = blanks.into_iter().cycle();
                    let mut out = String::new();
                    for entry in entries {
                        for _ in 0..blanks.next().unwrap() {
                            out.push('\n');
                        }
                        if let Some(c) = comments.next().unwrap() {
                            out.push_str(&c);
                            out.push('\n');
                        }
                        for line in entry {
                            out.push_str(&line);
                            if let Some(c) = comments.next().unwrap() {
                                out.push_str("   ");
                                out.push_str(c.trim_start());
                            }
                            out.push('\n');
                            if let Some(c) = comments.next().unwrap() {
                                out.push_str(&c);
                                out.push('\n');
                            }
                        }
                    }
                    out
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn add_changes_no_existing_line(
            text in manifest(),
            crlf in any::<bool>(),
            bom in any::<bool>(),
            final_newline in any::<bool>(),
            which in 0usize..4,
        ) {
            let mut text = if crlf { text.replace('\n', "\r\n") } else { text };
            if !final_newline {
                text.truncate(text.trim_end().len());
            }
            if bom {
                text.insert(0, '\u{feff}');
            }
            let today = today();
            let result = match which {
                0 => add::task(&text, &NewTask {
                    id: "new-task".into(),
                    title: "New".into(),
                    component: "c0".into(),
                    estimate: Some("2-3d".into()),
                    depends_on: if text.contains("t0") { vec!["t0".into()] } else { vec![] },
                    owner: text.contains("p0").then(|| "p0".to_owned()),
                    ..NewTask::default()
                }, today),
                1 => add::component(&text, &NewComponent { id: "new-c".into(), name: Some("New".into()), ..NewComponent::default() }),
                2 => add::person(&text, &NewPerson { id: "new-p".into(), focus: Some(0.5), ..NewPerson::default() }),
                _ => add::gate(&text, &NewGate { id: "new-g".into(), components: vec!["c0".into()], ..NewGate::default() }),
            };
            let out = result.unwrap_or_else(|e| panic!("{e}: {e:?}\n{text}"));
            prop_assert!(diff::added_lines(&text, &out.text).is_some(), "a line changed:\n{}\n---\n{}", text, out.text);
            inserted(&text, &out.text);
            prop_assert_eq!(out.text.starts_with('\u{feff}'), bom);
            prop_assert_eq!(out.text.ends_with('\n'), final_newline);
            prop_assert_eq!(out.text.contains("\r\n"), crlf);
            if crlf {
                prop_assert!(!out.text.replace("\r\n", "").contains('\n'), "a bare LF in a CRLF file");
            }
            prop_assert!(out.line > 0);
        }
    }
}

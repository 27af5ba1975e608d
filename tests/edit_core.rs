//! The pure core of `set` (src/edit/) on text: which bytes change for each
//! edit, in every layout TOML allows.

use chrono::NaiveDate;
use readiness::edit::{Blocker, Change, EditError, Edited, TaskEdit, apply};
use readiness::manifest::Status;

#[path = "common/diff.rs"]
mod diff;
use diff::{diff, lines};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

const TODAY: &str = "2026-11-23";

/// Comments in every position a TOML file can hold them.
const COMMENTED: &str = r#"# The manifest.   
# Second line of the header comment.

[project]   # the project
name = "Demo"    # required

   # an indented comment
[[component]]
id = "api"

[[task]]        # the first task
# before id
id = "schema"   # after id
title = 'Freeze the schema'
component = "api"
status    = "doing"      # in progress
estimate  = "2-3d"
depends_on = [
  # inside an array
  "other",   # after an element
]
blocker   = "waiting on vendor"   # why
# after the last key

# between tasks
[[task]]
id = "other"
title = "Other"
component = "api"
status = "done"
done = 2026-11-20
# trailing comment
"#;

fn set(text: &str, id: &str, edit: TaskEdit) -> Edited {
    apply(text, id, &edit, day(TODAY)).unwrap_or_else(|e| panic!("{e}: {e:?}"))
}

#[test]
fn a_value_changes_on_its_own_line_only() {
    let edited = set(
        COMMENTED,
        "schema",
        TaskEdit {
            status: Some(Status::Blocked),
            ..TaskEdit::default()
        },
    );
    assert_eq!(
        diff(COMMENTED, &edited.text),
        (
            lines(&["status    = \"doing\"      # in progress\n"]),
            lines(&["status    = \"blocked\"      # in progress\n"])
        )
    );
    assert_eq!(
        edited.changes,
        vec![Change {
            key: "status",
            before: Some("\"doing\"".into()),
            after: Some("\"blocked\"".into()),
            line: 16
        }]
    );
}

#[test]
fn done_fills_the_date_after_the_last_key_and_clears_the_blocker() {
    let edited = set(
        COMMENTED,
        "schema",
        TaskEdit {
            status: Some(Status::Done),
            ..TaskEdit::default()
        },
    );
    // A done task is no longer blocked: its blocker line goes (its comment
    // with it); `done` goes after the last key. Nothing else changes.
    let expected = COMMENTED
        .replace("\"doing\"      # in", "\"done\"      # in")
        .replace(
            "blocker   = \"waiting on vendor\"   # why\n# after",
            "done = 2026-11-23\n# after",
        );
    assert_eq!(edited.text, expected);
    let keys: Vec<(&str, usize)> = edited.changes.iter().map(|c| (c.key, c.line)).collect();
    assert_eq!(keys, [("status", 16), ("blocker", 22), ("done", 22)]);
    assert!(edited.warnings.is_empty(), "{:?}", edited.warnings);
    // A blocker given with the status is written, not cleared.
    let kept = set(
        COMMENTED,
        "schema",
        TaskEdit {
            status: Some(Status::Done),
            blocker: Some(Blocker::Set("still waiting".into())),
            ..TaskEdit::default()
        },
    );
    assert!(kept.text.contains("blocker   = \"still waiting\"   # why"));
}

#[test]
fn an_existing_done_date_is_kept_and_an_explicit_one_wins() {
    let other = TaskEdit {
        status: Some(Status::Done),
        ..TaskEdit::default()
    };
    // `other` is done already with its date: nothing changes.
    let same = set(COMMENTED, "other", other.clone());
    assert_eq!(same.text, COMMENTED);
    assert!(same.changes.is_empty());
    let explicit = set(
        COMMENTED,
        "other",
        TaskEdit {
            done: Some(day("2026-11-21")),
            ..other
        },
    );
    assert_eq!(
        diff(COMMENTED, &explicit.text),
        (
            lines(&["done = 2026-11-20\n"]),
            lines(&["done = 2026-11-21\n"])
        )
    );
}

#[test]
fn no_blocker_removes_the_line_and_keeps_the_comments_around_it() {
    let edited = set(
        COMMENTED,
        "schema",
        TaskEdit {
            blocker: Some(Blocker::Clear),
            ..TaskEdit::default()
        },
    );
    assert_eq!(
        diff(COMMENTED, &edited.text),
        (
            lines(&["blocker   = \"waiting on vendor\"   # why\n"]),
            vec![]
        )
    );
    assert_eq!(edited.changes[0].line, 22);
    // Removing a key that is not there changes nothing.
    let again = set(
        &edited.text,
        "schema",
        TaskEdit {
            blocker: Some(Blocker::Clear),
            ..TaskEdit::default()
        },
    );
    assert_eq!(again.text, edited.text);
    assert!(again.changes.is_empty());
}

#[test]
fn strings_follow_the_quoting_of_the_value_or_the_task() {
    let text = "[project]\nname = 'x'\n[[component]]\nid = 'api'\n[[task]]\nid = 'a'\ntitle = 'A'\ncomponent = 'api'\nblocker = \"old\"\n";
    let edited = set(
        text,
        "a",
        TaskEdit {
            blocker: Some(Blocker::Set("it's new".into())),
            owner: Some("sam".into()),
            ..TaskEdit::default()
        },
    );
    assert_eq!(
        diff(text, &edited.text),
        (
            lines(&["blocker = \"old\"\n"]),
            lines(&["blocker = \"it's new\"\n", "owner = 'sam'\n"])
        )
    );
}

#[test]
fn crlf_and_a_byte_order_mark_are_kept() {
    let text = "\u{feff}[project]\r\nname = \"x\"\r\n\r\n[[component]]\r\nid = \"api\"\r\n\r\n[[task]]\r\nid = \"a\"\r\ntitle = \"A\"\r\ncomponent = \"api\"\r\nblocker = \"b\"\r\n\r\n# end\r\n";
    let edited = set(
        text,
        "a",
        TaskEdit {
            status: Some(Status::Done),
            progress: Some(40.0),
            ..TaskEdit::default()
        },
    );
    assert!(edited.text.starts_with('\u{feff}'));
    // Done clears the blocker.
    assert_eq!(
        diff(text, &edited.text),
        (
            lines(&["blocker = \"b\"\r\n"]),
            lines(&[
                "status = \"done\"\r\n",
                "progress = 40\r\n",
                "done = 2026-11-23\r\n"
            ])
        )
    );
    let removed = set(
        text,
        "a",
        TaskEdit {
            blocker: Some(Blocker::Clear),
            ..TaskEdit::default()
        },
    );
    assert_eq!(
        diff(text, &removed.text),
        (lines(&["blocker = \"b\"\r\n"]), vec![])
    );
}

#[test]
fn a_file_without_a_final_newline() {
    let text = "[project]\nname = \"x\"\n[[component]]\nid = \"api\"\n[[task]]\nid = \"a\"\ntitle = \"A\"\ncomponent = \"api\"  # last";
    let edited = set(
        text,
        "a",
        TaskEdit {
            started: Some(day("2026-11-20")),
            owner: Some("sam".into()),
            ..TaskEdit::default()
        },
    );
    assert_eq!(
        edited.text,
        format!("{text}\nstarted = 2026-11-20\nowner = \"sam\"")
    );
    assert_eq!(
        edited.changes.iter().map(|c| c.line).collect::<Vec<_>>(),
        [9, 10]
    );
    let blocked = format!("{text}\nblocker = \"b\"");
    let cleared = set(
        &blocked,
        "a",
        TaskEdit {
            blocker: Some(Blocker::Clear),
            ..TaskEdit::default()
        },
    );
    assert_eq!(cleared.text, text);
}

/// `--status done --no-blocker`.
fn done_unblocked() -> TaskEdit {
    TaskEdit {
        status: Some(Status::Done),
        blocker: Some(Blocker::Clear),
        ..TaskEdit::default()
    }
}

#[test]
fn inline_tables_keep_their_layout() {
    let text = "project = { name = \"x\" }\ncomponent = [{ id = \"api\" }]\ntask = [\n  { id = \"a\", title = \"A\", component = \"api\", blocker = \"b\", status = \"todo\" },   # one\n  { id = \"b\", title = \"B\", component = \"api\" },\n]\n";
    let edited = set(text, "a", done_unblocked());
    assert_eq!(
        diff(text, &edited.text).1,
        lines(&[
            "  { id = \"a\", title = \"A\", component = \"api\", status = \"done\", done = 2026-11-23 },   # one\n"
        ])
    );
    let last = set(
        text,
        "b",
        TaskEdit {
            blocker: Some(Blocker::Set("x".into())),
            ..TaskEdit::default()
        },
    );
    assert_eq!(
        diff(text, &last.text).1,
        lines(&["  { id = \"b\", title = \"B\", component = \"api\", blocker = \"x\" },\n"])
    );
    let removed = set(
        &last.text,
        "b",
        TaskEdit {
            blocker: Some(Blocker::Clear),
            ..TaskEdit::default()
        },
    );
    assert_eq!(removed.text, text);
}

#[test]
fn multi_line_inline_tables_get_a_line_per_new_key() {
    let text = "project = { name = \"x\" }\ncomponent = [{ id = \"api\" }]\ntask = [\n  {\n    id = \"a\",\n    title = \"A\",\n    component = \"api\",\n  },\n]\n";
    let edited = set(
        text,
        "a",
        TaskEdit {
            owner: Some("sam".into()),
            ..TaskEdit::default()
        },
    );
    assert_eq!(
        diff(text, &edited.text),
        (vec![], lines(&["    owner = \"sam\",\n"]))
    );
}

/// An inline table written over several lines gets its new keys on lines
/// of their own, indented like the keys, after the last key's line (its
/// comment stays on it); the comma style — after every key, or between
/// keys only — is kept.
#[test]
fn multi_line_inline_tables_keep_comments_indentation_and_commas() {
    let head = "project = { name = \"x\" }\ncomponent = [{ id = \"c\" }]\ntask = [\n";
    let done = TaskEdit {
        status: Some(Status::Done),
        ..TaskEdit::default()
    };
    // Two keys on the last line, a comment after them, no trailing comma.
    let text = format!(
        "{head}  {{ id = \"b\",\n    title = \"B\", component = \"c\"   # after the last\n  }},\n]\n"
    );
    assert_eq!(
        diff(&text, &set(&text, "b", done.clone()).text),
        (
            lines(&["    title = \"B\", component = \"c\"   # after the last\n"]),
            lines(&[
                "    title = \"B\", component = \"c\",   # after the last\n",
                "    status = \"done\",\n",
                "    done = 2026-11-23\n",
            ])
        )
    );
    // A comma after every key, the first key on the brace's line.
    let text = format!(
        "{head}  {{ id = \"m\",\n    title = \"M\",\n    component = \"c\",  # why\n  }},\n]\n"
    );
    let owner = TaskEdit {
        owner: Some("x".into()),
        ..TaskEdit::default()
    };
    assert_eq!(
        diff(&text, &set(&text, "m", owner.clone()).text),
        (vec![], lines(&["    owner = \"x\",\n"]))
    );
    // The last key on the brace's first line: the new one lines up with it.
    let text = format!("{head}  {{ id = \"n\", title = \"N\", component = \"c\"\n  }},\n]\n");
    assert_eq!(
        diff(&text, &set(&text, "n", owner).text),
        (
            lines(&["  { id = \"n\", title = \"N\", component = \"c\"\n"]),
            lines(&[
                "  { id = \"n\", title = \"N\", component = \"c\",\n",
                "    owner = \"x\"\n",
            ])
        )
    );
    // CRLF lines get CRLF.
    let text = format!(
        "{head}  {{ id = \"m\",\n    title = \"M\",\n    component = \"c\",  # why\n  }},\n]\n"
    )
    .replace('\n', "\r\n");
    assert_eq!(
        diff(&text, &set(&text, "m", done).text),
        (
            vec![],
            lines(&["    status = \"done\",\r\n", "    done = 2026-11-23,\r\n"])
        )
    );
}

/// A key on a line of its own goes with its line and its comment; when it
/// was the last key, the comma before it goes too if the table puts commas
/// between keys only.
#[test]
fn multi_line_inline_tables_lose_the_removed_key_s_line() {
    let head = "project = { name = \"x\" }\ncomponent = [{ id = \"c\" }]\ntask = [\n";
    let clear = TaskEdit {
        blocker: Some(Blocker::Clear),
        ..TaskEdit::default()
    };
    let text = format!(
        "{head}  {{ id = \"m\",   # c1\n    title = \"M\",\n    component = \"c\",\n    blocker = \"x\"  # why\n  }},\n]\n"
    );
    assert_eq!(
        diff(&text, &set(&text, "m", clear.clone()).text),
        (
            lines(&["    component = \"c\",\n", "    blocker = \"x\"  # why\n"]),
            lines(&["    component = \"c\"\n"])
        )
    );
    let text = format!(
        "{head}  {{ id = \"m\",\n    blocker = \"x\",  # why\n    title = \"M\",\n    component = \"c\",\n  }},\n]\n"
    );
    assert_eq!(
        diff(&text, &set(&text, "m", clear.clone()).text),
        (lines(&["    blocker = \"x\",  # why\n"]), vec![])
    );
    // Removed and added at once: the table is on one line again.
    let text = format!(
        "{head}  {{ id = \"n\", title = \"N\", component = \"c\",\n    blocker = \"q\" }},\n]\n"
    );
    let edit = TaskEdit {
        status: Some(Status::Doing),
        ..clear
    };
    assert_eq!(
        diff(&text, &set(&text, "n", edit).text).1,
        lines(&["  { id = \"n\", title = \"N\", component = \"c\", status = \"doing\" },\n"])
    );
}

/// A compact inline table (`{id="a",title="A"}`) gets compact keys.
#[test]
fn compact_inline_tables_stay_compact() {
    let text = "project = { name = \"x\" }\ncomponent = [{ id = \"c\" }]\ntask = [{id=\"t\",title=\"T\",component=\"c\",blocker=\"q\"}]\n";
    let edited = set(text, "t", done_unblocked());
    assert_eq!(
        diff(text, &edited.text).1,
        lines(&[
            "task = [{id=\"t\",title=\"T\",component=\"c\",status=\"done\",done=2026-11-23}]\n"
        ])
    );
    let lines_of: Vec<(&str, usize)> = edited.changes.iter().map(|c| (c.key, c.line)).collect();
    assert_eq!(lines_of, [("status", 3), ("blocker", 3), ("done", 3)]);
}

#[test]
fn dotted_keys_and_indented_tables_are_untouched() {
    let text = "project.name = \"x\"\nproject.version = \"1\"\ncalendar.hours_per_day = 7\n\n[[component]]\nid = \"api\"\n\n  [[task]]\n  id = \"a\"\n  title = \"A\"\n  component = \"api\"\n  progress = 10.0\n";
    let edited = set(
        text,
        "a",
        TaskEdit {
            progress: Some(37.5),
            status: Some(Status::Doing),
            ..TaskEdit::default()
        },
    );
    assert_eq!(
        diff(text, &edited.text),
        (
            lines(&["  progress = 10.0\n"]),
            lines(&["  progress = 37.5\n", "  status = \"doing\"\n"])
        )
    );
    // The same number written another way is no change.
    let same = set(
        text,
        "a",
        TaskEdit {
            progress: Some(10.0),
            ..TaskEdit::default()
        },
    );
    assert_eq!(same.text, text);
}

#[test]
fn multi_line_values_are_replaced_and_removed_whole() {
    let text = "[project]\nname = \"x\"\n[[component]]\nid = \"api\"\n[[task]]\nid = \"a\"\ntitle = \"A\"\ncomponent = \"api\"\nblocker = \"\"\"\nwaiting\non two teams\"\"\"  # long\nestimate = 2\n";
    let edited = set(
        text,
        "a",
        TaskEdit {
            blocker: Some(Blocker::Set("one".into())),
            ..TaskEdit::default()
        },
    );
    assert!(
        edited
            .text
            .ends_with("component = \"api\"\nblocker = \"one\"  # long\nestimate = 2\n")
    );
    let cleared = set(
        text,
        "a",
        TaskEdit {
            blocker: Some(Blocker::Clear),
            ..TaskEdit::default()
        },
    );
    assert!(
        cleared
            .text
            .ends_with("component = \"api\"\nestimate = 2\n")
    );
}

#[test]
fn an_unknown_id_suggests_the_nearest() {
    let err = apply(
        COMMENTED,
        "schemaa",
        &TaskEdit {
            status: Some(Status::Done),
            ..TaskEdit::default()
        },
        day(TODAY),
    )
    .unwrap_err();
    assert_eq!(
        err,
        EditError::UnknownTask {
            id: "schemaa".into(),
            hint: Some("did you mean `schema`?".into())
        }
    );
}

#[test]
fn an_invalid_result_is_refused_with_its_diagnostics() {
    // Progress beyond 100 is refused by validation, not written.
    let err = apply(
        COMMENTED,
        "schema",
        &TaskEdit {
            progress: Some(150.0),
            ..TaskEdit::default()
        },
        day(TODAY),
    )
    .unwrap_err();
    let EditError::Invalid {
        text,
        diagnostics,
        already,
    } = err
    else {
        panic!("{err:?}")
    };
    assert!(!already);
    assert!(text.contains("progress  = 150"), "{text}");
    assert!(diagnostics.iter().any(|d| d.is_error()), "{diagnostics:?}");
}

#[test]
fn nothing_to_do_and_not_toml() {
    assert_eq!(
        apply(COMMENTED, "schema", &TaskEdit::default(), day(TODAY)),
        Err(EditError::Empty)
    );
    let err = apply(
        "[project\n",
        "a",
        &TaskEdit {
            status: Some(Status::Done),
            ..TaskEdit::default()
        },
        day(TODAY),
    )
    .unwrap_err();
    assert!(
        matches!(err, EditError::Syntax(ref d) if !d.is_empty()),
        "{err:?}"
    );
}

//! `readiness add` (docs/cli.md, "Adding an entry") end to end: each kind added to the
//! showcase manifest with every existing line kept, the result valid; the
//! refusals (an unknown component with its closest id, an invalid result, a
//! save by another editor between the read and the write) leaving the file
//! byte-identical.

use std::fs;
use std::path::PathBuf;

use readiness::edit::add::{self, NewTask};
use readiness::edit_file::{self, AddError, WriteError};
use tempfile::TempDir;

#[path = "common/diff.rs"]
mod diff;
#[path = "common/hermetic.rs"]
mod hermetic;

/// The lines `new` adds to `old`; panics when an existing line changed.
fn added_lines(old: &str, new: &str) -> Vec<String> {
    diff::added_lines(old, new).expect("an existing line changed")
}

fn showcase() -> (TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("readiness.toml");
    let text = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/readiness.toml")).unwrap();
    fs::write(&path, &text).unwrap();
    (dir, path, text)
}

fn readiness(dir: &TempDir) -> assert_cmd::Command {
    let mut cmd = hermetic::readiness();
    cmd.current_dir(dir.path()).arg("--today").arg("2026-11-23");
    cmd
}

#[test]
fn each_kind_is_added_after_the_last_of_its_kind() {
    let (dir, path, before) = showcase();
    let out = readiness(&dir)
        .args([
            "add",
            "task",
            "api-retry",
            "--title",
            "Retry failed uploads",
        ])
        .args([
            "--component",
            "api",
            "--estimate",
            "1-2d",
            "--owner",
            "maya",
        ])
        .args(["--depends-on", "api-auth", "--priority", "P1"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let after = fs::read_to_string(&path).unwrap();
    let lines = added_lines(&before, &after);
    assert_eq!(
        lines,
        [
            "[[task]]",
            "id = \"api-retry\"",
            "title = \"Retry failed uploads\"",
            "component = \"api\"",
            "priority = \"P1\"",
            "estimate = \"1-2d\"",
            "depends_on = [\"api-auth\"]",
            "owner = \"maya\"",
            "",
        ]
    );
    let line = after
        .lines()
        .position(|l| l == "id = \"api-retry\"")
        .unwrap();
    assert_eq!(
        stdout,
        format!("readiness.toml: added task `api-retry` on line {line}\n")
    );
    // The new task is the last one: nothing but comments and gates after.
    let rest = &after[after.find("id = \"api-retry\"").unwrap()..];
    assert!(!rest[1..].contains("[[task]]"));

    readiness(&dir)
        .args([
            "add",
            "component",
            "payments",
            "--name",
            "Payments",
            "--weight",
            "2",
        ])
        .assert()
        .success();
    let with_component = fs::read_to_string(&path).unwrap();
    let lines = added_lines(&after, &with_component);
    assert_eq!(lines.len(), 5);
    assert!(
        with_component
            .contains("\n\n[[component]]\nid = \"payments\"\nname = \"Payments\"\nweight = 2\n")
    );
    readiness(&dir)
        .args([
            "add",
            "gate",
            "retry-done",
            "--tasks",
            "api-retry",
            "--severity",
            "soft",
        ])
        .assert()
        .success();
    let last = fs::read_to_string(&path).unwrap();
    let gate = &last[last.find("id = \"retry-done\"").unwrap()..];
    assert_eq!(
        gate,
        "id = \"retry-done\"\nseverity = \"soft\"\ntasks = [\"api-retry\"]\n"
    );
    added_lines(&with_component, &last);
    readiness(&dir)
        .args(["check"])
        .assert()
        .code(predicates::ord::lt(2));
}

#[test]
fn refusals_leave_the_file_untouched() {
    let (dir, path, before) = showcase();
    let out = readiness(&dir)
        .args(["add", "task", "x", "--title", "X", "--component", "apii"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(
        stderr,
        "error: readiness.toml: no component has the id `apii` (did you mean `api`?); add it first: readiness add component apii\n"
    );
    let out = readiness(&dir)
        .args([
            "add",
            "task",
            "x",
            "--title",
            "X",
            "--component",
            "api",
            "--owner",
            "mayaa",
        ])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("no person has the id `mayaa` (did you mean `maya`?)"),
        "{stderr}"
    );
    let out = readiness(&dir)
        .args([
            "add", "gate", "two", "--tasks", "api-auth", "--metric", "coverage",
        ])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.starts_with("error: readiness.toml: the entry would make the manifest invalid; nothing written\nreadiness.toml (as edited):"),
        "{stderr}"
    );
    readiness(&dir)
        .args([
            "add",
            "task",
            "api-auth",
            "--title",
            "X",
            "--component",
            "api",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "a task with the id `api-auth` exists already",
        ));
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn a_save_between_the_read_and_the_write_is_kept() {
    let (_dir, path, before) = showcase();
    let other = format!("{before}# saved by another editor\n");
    let today = "2026-11-23".parse().unwrap();
    let new = NewTask {
        id: "late".into(),
        title: "Late".into(),
        component: "api".into(),
        ..NewTask::default()
    };
    let err = edit_file::add_then(
        &path,
        |text| add::task(text, &new, today),
        |_| fs::write(&path, &other).unwrap(),
    )
    .unwrap_err();
    assert!(
        matches!(err, AddError::File(WriteError::Changed(_))),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), other);
}

/// docs/cli.md's "Adding an entry" shows what the binary prints.
#[test]
fn the_readme_sample_is_what_add_prints() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md")).unwrap();
    let section = &readme[readme.find("## Adding an entry").unwrap()..];
    let start = section.find("```\n").unwrap() + 4;
    let sample = &section[start..start + section[start..].find("```").unwrap()];
    let (dir, _path, _) = showcase();
    let mut printed = String::new();
    for line in sample.lines().filter(|l| l.starts_with("$ readiness add ")) {
        let words = shell_words(&line["$ readiness ".len()..]);
        let out = readiness(&dir).args(&words).output().unwrap();
        printed.push_str(line);
        printed.push('\n');
        printed.push_str(&String::from_utf8_lossy(&out.stdout));
        printed.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(printed, sample);
}

/// Words split at spaces, a double-quoted run kept whole.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

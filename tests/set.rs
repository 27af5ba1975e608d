//! `readiness set` (docs/cli.md, "Editing a task") end to end: a heavily commented manifest
//! edited in every way, only the intended lines changing; CRLF, a BOM,
//! inline tables and dotted keys; the refusals (unknown id, an invalid
//! result, a read-only file, a file changed meanwhile) leaving the file
//! byte-identical; and a property: `set` then the JSON report equals the
//! report of the manifest written with that value by hand.

#[path = "common/hermetic.rs"]
mod hermetic;

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use proptest::prelude::*;
use readiness::edit::{self, Blocker, TaskEdit};
use readiness::edit_file::{self, WriteError};
use readiness::manifest::Status;
use tempfile::TempDir;

#[path = "common/diff.rs"]
mod diff;
use diff::{diff, lines};

const TODAY: &str = "2026-11-23";

/// Comments in every place TOML allows them, aligned values, both quotings.
const MANIFEST: &str = r#"# Release plan.            
# Edited by hand and by `readiness set`.

[project]                # the project
name = "Demo"            # required
target = 2026-12-18

# ── components ──
[[component]]
id = "api"   # the API

[[component]]
id = 'docs'
progress = 40

# ── tasks ──
[[task]]                                  # first
# a comment before the id
id        = "schema"                      # after the id
title     = 'Freeze the schema'
component = "api"
status    = "doing"                       # started Monday
estimate  = "2-3d"
progress  = 50
depends_on = [
    # a comment inside an array
    "vendor",   # after an element
]
owner     = "sam"
# a comment after the last key

[[task]]
id = "vendor"
title = "Vendor keys"
component = "api"
estimate = "4h"
blocker = "vendor has not answered"  # since 2026-11-18

[[task]]
id = 'guide'
title = 'User guide'
component = 'docs'
estimate = 1
# a trailing comment

[[gate]]
id = "p0"
priority = "P0"
"#;

fn readiness() -> assert_cmd::Command {
    hermetic::readiness()
}

struct Ran {
    code: i32,
    stdout: String,
    stderr: String,
}

fn set(file: &Path, args: &[&str]) -> Ran {
    let output = readiness()
        .arg("set")
        .arg(file)
        .args(args)
        .args(["--today", TODAY])
        .output()
        .expect("run readiness");
    Ran {
        code: output.status.code().expect("an exit code"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// The names in the folder, sorted.
fn names(dir: &TempDir) -> Vec<std::ffi::OsString> {
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    names
}

fn manifest(dir: &TempDir, text: &str) -> PathBuf {
    let path = dir.path().join("readiness.toml");
    fs::write(&path, text).unwrap();
    path
}

/// Runs `set` on MANIFEST and returns the diff of the file.
#[track_caller]
fn edit(args: &[&str]) -> (Vec<String>, Vec<String>) {
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, MANIFEST);
    let ran = set(&path, args);
    assert_eq!(ran.code, 0, "stderr:\n{}", ran.stderr);
    diff(MANIFEST, &fs::read_to_string(&path).unwrap())
}

#[test]
fn each_option_changes_only_its_line() {
    assert_eq!(
        edit(&["schema", "--status", "blocked"]),
        (
            lines(&["status    = \"doing\"                       # started Monday\n"]),
            lines(&["status    = \"blocked\"                       # started Monday\n"])
        )
    );
    assert_eq!(
        edit(&["schema", "--progress", "75"]),
        (lines(&["progress  = 50\n"]), lines(&["progress  = 75\n"]))
    );
    assert_eq!(
        edit(&["schema", "--owner", "dana"]),
        (
            lines(&["owner     = \"sam\"\n"]),
            lines(&["owner     = \"dana\"\n"])
        )
    );
    // A new key goes after the task's last key, aligned like it; the
    // comment after it stays where it was.
    assert_eq!(
        edit(&["schema", "--started", "2026-11-16"]),
        (vec![], lines(&["started   = 2026-11-16\n"]))
    );
    assert_eq!(
        edit(&["schema", "--blocker", "needs the vendor's keys"]),
        (
            vec![],
            lines(&["blocker   = \"needs the vendor's keys\"\n"])
        )
    );
    // Removing a blocker removes its line, comment and all.
    assert_eq!(
        edit(&["vendor", "--no-blocker"]),
        (
            lines(&["blocker = \"vendor has not answered\"  # since 2026-11-18\n"]),
            vec![]
        )
    );
    // A task written with literal strings gets literal strings.
    assert_eq!(
        edit(&["guide", "--status", "doing", "--owner", "kim"]),
        (vec![], lines(&["status = 'doing'\n", "owner = 'kim'\n"]))
    );
}

#[test]
fn done_fills_today_and_clears_the_blocker() {
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, MANIFEST);
    let ran = set(&path, &["vendor", "--status", "done"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let text = fs::read_to_string(&path).unwrap();
    // A done task is no longer blocked: its blocker line goes, comment and
    // all, and no warning follows.
    assert_eq!(
        diff(MANIFEST, &text),
        (
            lines(&["blocker = \"vendor has not answered\"  # since 2026-11-18\n"]),
            lines(&["status = \"done\"\n", "done = 2026-11-23\n"])
        )
    );
    assert!(
        !ran.stderr.contains("still has a `blocker`"),
        "{}",
        ran.stderr
    );
    assert_eq!(
        ran.stdout,
        format!(
            "{}: `vendor`\n  line 37: status = \"done\"  (added)\n  line 37: blocker removed  (was \"vendor has not answered\")\n  line 38: done = 2026-11-23  (added)\n",
            path.display()
        )
    );
    // An explicit date wins.
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, MANIFEST);
    let ran = set(
        &path,
        &["guide", "--status", "done", "--done", "2026-11-20"],
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_eq!(
        diff(MANIFEST, &fs::read_to_string(&path).unwrap()).1,
        lines(&["status = 'done'\n", "done = 2026-11-20\n"])
    );
}

#[test]
fn a_file_named_before_the_command_and_the_default_file() {
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, MANIFEST);
    let ran = readiness()
        .current_dir(dir.path())
        .args(["set", "guide", "--progress", "10", "--today", TODAY])
        .output()
        .unwrap();
    assert!(ran.status.success());
    let ran = readiness()
        .arg(&path)
        .args(["set", "guide", "--progress", "20", "--today", TODAY])
        .output()
        .unwrap();
    assert!(ran.status.success());
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("progress = 20\n")
    );
}

#[test]
fn crlf_bom_inline_tables_and_dotted_keys() {
    let text = "\u{feff}project.name = \"Demo\"\r\nproject.target = 2026-12-18\r\n\r\ncomponent = [{ id = \"api\" }]   # one\r\ntask = [\r\n  { id = \"a\", title = \"A\", component = \"api\", blocker = \"b\" },  # first\r\n  { id = \"b\", title = \"B\", component = \"api\" },\r\n]\r\n";
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, text);
    let ran = set(&path, &["a", "--no-blocker", "--status", "done"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let edited = fs::read_to_string(&path).unwrap();
    assert!(edited.starts_with('\u{feff}'));
    assert_eq!(
        diff(text, &edited),
        (
            lines(&[
                "  { id = \"a\", title = \"A\", component = \"api\", blocker = \"b\" },  # first\r\n"
            ]),
            lines(&[
                "  { id = \"a\", title = \"A\", component = \"api\", status = \"done\", done = 2026-11-23 },  # first\r\n"
            ])
        )
    );
    let ran = set(&path, &["b", "--progress", "12.5"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_eq!(
        diff(&edited, &fs::read_to_string(&path).unwrap()).1,
        lines(&["  { id = \"b\", title = \"B\", component = \"api\", progress = 12.5 },\r\n"])
    );
}

#[test]
fn crlf_tables_get_crlf_lines() {
    let text = MANIFEST.replace('\n', "\r\n");
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, &text);
    let ran = set(&path, &["guide", "--started", "2026-11-20"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_eq!(
        diff(&text, &fs::read_to_string(&path).unwrap()),
        (vec![], lines(&["started = 2026-11-20\r\n"]))
    );
}

/// Runs a refused `set` and checks the file is byte-identical.
#[track_caller]
fn refused(text: &str, args: &[&str]) -> Ran {
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, text);
    let ran = set(&path, args);
    assert_eq!(
        ran.code, 2,
        "stdout:\n{}\nstderr:\n{}",
        ran.stdout, ran.stderr
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        text.as_bytes(),
        "the file changed"
    );
    let names = names(&dir);
    assert_eq!(names, ["readiness.toml"], "a temporary file was left");
    ran
}

#[test]
fn an_unknown_task_is_refused_with_a_suggestion() {
    let ran = refused(MANIFEST, &["shema", "--status", "done"]);
    assert!(
        ran.stderr
            .contains("no task has the id `shema` (did you mean `schema`?)"),
        "{}",
        ran.stderr
    );
}

#[test]
fn an_invalid_manifest_is_refused_with_its_diagnostics() {
    let broken = MANIFEST.replace("estimate = 1\n", "estimate = \"three days\"\n");
    let ran = refused(&broken, &["schema", "--status", "done"]);
    assert!(
        ran.stderr.contains("the manifest has errors"),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr
            .contains("(as edited):44:12: error: bad estimate \"three days\""),
        "{}",
        ran.stderr
    );
    // Not TOML at all.
    let ran = refused("[project\nname = 1\n", &["a", "--status", "done"]);
    assert!(ran.stderr.contains("not valid TOML"), "{}", ran.stderr);
    assert!(ran.stderr.contains(":1:"), "{}", ran.stderr);
}

#[test]
fn an_edit_that_makes_the_manifest_invalid_is_refused() {
    // With people declared, an owner must name one of them.
    let people = MANIFEST.replace(
        "# ── components ──",
        "[[person]]\nid = \"sam\"\n\n[[person]]\nid = \"dana\"\n\n# ── components ──",
    );
    let ran = refused(&people, &["schema", "--owner", "dan"]);
    assert!(
        ran.stderr
            .contains("the edit would make the manifest invalid; nothing written"),
        "{}",
        ran.stderr
    );
    assert!(ran.stderr.contains("(as edited):"), "{}", ran.stderr);
    assert!(ran.stderr.contains("`dan`"), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("did you mean `dana`?"),
        "{}",
        ran.stderr
    );
    // `actual` belongs to done tasks: reopening one that has it is refused.
    let actual = MANIFEST.replace(
        "estimate = 1\n# a trailing comment",
        "estimate = 1\nstatus = 'done'\ndone = 2026-11-20\nactual = \"2d\"\n# a trailing comment",
    );
    assert_ne!(actual, MANIFEST);
    let ran = refused(&actual, &["guide", "--status", "doing"]);
    assert!(
        ran.stderr.contains("has `actual` but is not done"),
        "{}",
        ran.stderr
    );
}

#[test]
fn bad_arguments_are_refused_before_anything_is_read() {
    let ran = refused(MANIFEST, &["schema", "--progress", "101"]);
    assert!(
        ran.stderr.contains("must be from 0 to 100"),
        "{}",
        ran.stderr
    );
    let ran = refused(MANIFEST, &["schema", "--done", "2026-02-30"]);
    assert!(ran.stderr.contains("--done"), "{}", ran.stderr);
    let ran = refused(MANIFEST, &["schema", "--status", "finished"]);
    assert!(
        ran.stderr
            .contains("possible values: todo, doing, done, blocked, dropped"),
        "{}",
        ran.stderr
    );
    let ran = refused(MANIFEST, &["schema", "--blocker", "x", "--no-blocker"]);
    assert!(ran.stderr.contains("cannot be used with"), "{}", ran.stderr);
    let ran = refused(MANIFEST, &["schema"]);
    assert!(ran.stderr.contains("nothing to change"), "{}", ran.stderr);
    // An empty blocker would block the task with no reason; an empty
    // owner names nobody.
    for blank in ["", "  "] {
        let ran = refused(MANIFEST, &["schema", "--blocker", blank]);
        assert!(
            ran.stderr.contains("--no-blocker removes"),
            "{}",
            ran.stderr
        );
        let ran = refused(MANIFEST, &["schema", "--owner", blank]);
        assert!(ran.stderr.contains("give the id"), "{}", ran.stderr);
    }
}

#[test]
fn no_control_or_bidi_character_reaches_the_terminal() {
    let text = MANIFEST.replace(
        "blocker = \"vendor has not answered\"",
        "blocker = \"vendor \u{202e}derewsna\u{202c} \\u001b[31m\"",
    );
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, &text);
    let ran = set(
        &path,
        &["vendor", "--blocker", "new\u{1b}[2J reason\u{2066}"],
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    for c in ['\u{1b}', '\u{202e}', '\u{202c}', '\u{2066}'] {
        assert!(!ran.stdout.contains(c), "{c:?} in {:?}", ran.stdout);
    }
    // The file holds the text, escaped where TOML needs it.
    let written = fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("blocker = \"new\\u001B[2J reason\\u2066\""),
        "{written}"
    );
}

#[test]
fn a_read_only_file_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, MANIFEST);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let ran = set(&path, &["schema", "--status", "done"]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("is read-only; nothing written"),
        "{}",
        ran.stderr
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), MANIFEST);
}

#[test]
fn a_missing_file_says_so() {
    let dir = TempDir::new().unwrap();
    let ran = set(&dir.path().join("nope.toml"), &["a", "--status", "done"]);
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("no such file"), "{}", ran.stderr);
}

#[test]
fn a_symlinked_manifest_is_written_through() {
    let dir = TempDir::new().unwrap();
    let real = dir.path().join("plan.toml");
    fs::write(&real, MANIFEST).unwrap();
    let link = dir.path().join("readiness.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let ran = set(&link, &["guide", "--progress", "30"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("progress = 30\n")
    );
}

// ── The file shell (src/edit_file.rs) directly: what the command line
// cannot interleave. ──

fn done_edit() -> TaskEdit {
    TaskEdit {
        status: Some(Status::Done),
        ..TaskEdit::default()
    }
}

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

#[test]
fn the_write_keeps_the_mode_and_leaves_no_temporary_file() {
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, MANIFEST);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let outcome = edit_file::set(&path, "guide", &done_edit(), today()).unwrap();
    assert!(outcome.written);
    assert_eq!(fs::read_to_string(&path).unwrap(), outcome.edited.text);
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640);
    let names = names(&dir);
    assert_eq!(names, ["readiness.toml"]);
}

#[test]
fn a_file_saved_by_another_editor_meanwhile_is_not_overwritten() {
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, MANIFEST);
    let original = edit_file::read(&path).unwrap();
    let edited = edit::apply(&original.text, "guide", &done_edit(), today()).unwrap();
    // Saved in place with the same size: only the bytes (and the clock) tell.
    let theirs = MANIFEST.replace("\"Demo\"", "\"Demx\"");
    fs::write(&path, &theirs).unwrap();
    let err = edit_file::write(&original, &edited.text).unwrap_err();
    assert!(matches!(err, WriteError::Changed(_)), "{err}");
    assert!(
        err.to_string().contains("changed since it was read"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    // Saved by a rename with the very same bytes: a new inode.
    fs::write(&path, MANIFEST).unwrap();
    let original = edit_file::read(&path).unwrap();
    let other = dir.path().join("other");
    fs::write(&other, MANIFEST).unwrap();
    fs::rename(&other, &path).unwrap();
    let err = edit_file::write(&original, &edited.text).unwrap_err();
    assert!(matches!(err, WriteError::Changed(_)), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), MANIFEST);
    let names = names(&dir);
    assert_eq!(names, ["readiness.toml"]);
}

/// Another editor saves right after the last check, before the new file
/// takes the manifest's place — by a rename (vim, VS Code) or in place with
/// the same size: its save is put back and kept, the edit refused.
#[test]
fn a_save_between_the_last_check_and_the_swap_is_kept() {
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, MANIFEST);
    let theirs = MANIFEST.replace("\"Demo\"", "\"Demx\"");
    let saves: [&dyn Fn(); 2] = [
        &|| {
            let other = dir.path().join("other");
            fs::write(&other, &theirs).unwrap();
            fs::rename(&other, &path).unwrap();
        },
        &|| fs::write(&path, &theirs).unwrap(),
    ];
    for save in saves {
        fs::write(&path, MANIFEST).unwrap();
        let original = edit_file::read(&path).unwrap();
        let edited = edit::apply(&original.text, "guide", &done_edit(), today()).unwrap();
        let err = edit_file::write_then(&original, &edited.text, save).unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
        let names = names(&dir);
        assert_eq!(names, ["readiness.toml"], "a temporary file was left");
    }
}

/// Two `set`s at once (two terminals, or a script and the dashboard), each
/// on its own task: one may be refused, but an edit reported written is in
/// the file — never overwritten by the other's stale copy. Each round
/// starts both at one barrier; over 300 rounds the old check-then-rename
/// write lost an edit in a few percent of them. (Whether any round ran one
/// after the other depends on the machine's load, so that case is run on
/// its own after them.)
#[test]
fn two_sets_at_once_never_lose_an_edit() {
    use std::sync::{Arc, Barrier};
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, MANIFEST);
    let progress = |n: f64| TaskEdit {
        progress: Some(n),
        ..TaskEdit::default()
    };
    for round in 0..300 {
        fs::write(&path, MANIFEST).unwrap();
        let barrier = Arc::new(Barrier::new(2));
        let runs: Vec<_> = [("guide", 11.0), ("vendor", 22.0)]
            .into_iter()
            .map(|(task, n)| {
                let (path, barrier, edit) = (path.clone(), barrier.clone(), progress(n));
                std::thread::spawn(move || {
                    barrier.wait();
                    edit_file::set(&path, task, &edit, today())
                })
            })
            .collect();
        let results: Vec<_> = runs.into_iter().map(|r| r.join().unwrap()).collect();
        let text = fs::read_to_string(&path).unwrap();
        for (result, line) in results.iter().zip(["progress = 11\n", "progress = 22\n"]) {
            match result {
                Ok(outcome) => {
                    assert!(outcome.written);
                    assert!(
                        text.contains(line),
                        "round {round}: an edit reported written is not in the file ({line:?}):\n{text}"
                    );
                }
                Err(edit_file::SetError::File(
                    WriteError::Changed(_) | WriteError::ChangedWhileReading(_),
                )) => {}
                Err(e) => panic!("round {round}: {e}"),
            }
        }
    }
    // Not vacuous: one after the other, both edits are written and kept.
    fs::write(&path, MANIFEST).unwrap();
    for (task, n) in [("guide", 11.0), ("vendor", 22.0)] {
        assert!(
            edit_file::set(&path, task, &progress(n), today())
                .unwrap()
                .written
        );
    }
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("progress = 11\n") && text.contains("progress = 22\n"),
        "{text}"
    );
    let names = names(&dir);
    assert_eq!(names, ["readiness.toml"], "a temporary file was left");
}

/// A manifest with a second hard link: replacing it by a new file would
/// leave the other name with the old text, so the edit is refused and both
/// names keep their bytes.
#[test]
fn a_hard_linked_manifest_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = manifest(&dir, MANIFEST);
    let other = dir.path().join("copy.toml");
    fs::hard_link(&path, &other).unwrap();
    let ran = set(&path, &["guide", "--progress", "30"]);
    assert_eq!(ran.code, 2, "{}", ran.stdout);
    assert!(ran.stderr.contains("2 hard links"), "{}", ran.stderr);
    assert_eq!(fs::read_to_string(&path).unwrap(), MANIFEST);
    assert_eq!(fs::read_to_string(&other).unwrap(), MANIFEST);
    let names = names(&dir);
    assert_eq!(names, ["copy.toml", "readiness.toml"]);
}

// ── The property: set, then report, equals the report of the manifest
// written with the value by hand. ──

/// One task's optional keys, written by hand.
#[derive(Debug, Clone, Default)]
struct Keys {
    status: Option<Status>,
    progress: Option<u8>,
    blocker: Option<String>,
    done: Option<NaiveDate>,
    started: Option<NaiveDate>,
    owner: Option<String>,
}

/// A manifest of three tasks; `keys[i]` are task i's optional keys.
fn write_manifest(keys: &[Keys; 3], literal: bool, crlf: bool) -> String {
    let q = |s: &str| {
        if literal && !s.contains('\'') {
            format!("'{s}'")
        } else {
            format!("{s:?}")
        }
    };
    let mut out = String::from(
        "# plan\n[project]\nname = \"P\"\ntarget = 2026-12-18\n\n[[component]]\nid = \"c\"   # one\n",
    );
    for (i, k) in keys.iter().enumerate() {
        out.push_str(&format!(
            "\n[[task]]  # task {i}\nid = {}\ntitle = {}\ncomponent = \"c\"\nestimate = \"{}-{}d\"\n",
            q(&format!("t{i}")),
            q(&format!("Task {i}")),
            i + 1,
            i + 3
        ));
        if let Some(s) = k.status {
            out.push_str(&format!("status = {}\n", q(s.as_str())));
        }
        if let Some(p) = k.progress {
            out.push_str(&format!("progress = {p}\n"));
        }
        if let Some(b) = &k.blocker {
            out.push_str(&format!("blocker = {}  # why\n", q(b)));
        }
        if let Some(d) = k.done {
            out.push_str(&format!("done = {d}\n"));
        }
        if let Some(d) = k.started {
            out.push_str(&format!("started = {d}\n"));
        }
        if let Some(o) = &k.owner {
            out.push_str(&format!("owner = {}\n", q(o)));
        }
        out.push_str("# end of task\n");
    }
    out.push_str("\n[[gate]]\nid = \"all\"\ntasks = [\"t0\", \"t1\", \"t2\"]\n");
    if crlf { out.replace('\n', "\r\n") } else { out }
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..40)
        .prop_map(|d| NaiveDate::from_ymd_opt(2026, 10, 20).unwrap() + chrono::Days::new(d as u64))
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{1,12}",
        Just("it's \"quoted\" \\ here".to_owned()),
        Just("ünïcödé · 🚧".to_owned()),
        Just("tab\there".to_owned()),
    ]
}

fn keys() -> impl Strategy<Value = Keys> {
    (
        prop::option::of(status()),
        prop::option::of(0u8..=100),
        prop::option::of(text()),
        prop::option::of(date()),
        prop::option::of(date()),
        prop::option::of("[a-z]{2,6}"),
    )
        .prop_map(|(status, progress, blocker, done, started, owner)| Keys {
            status,
            progress,
            blocker,
            done,
            started,
            owner,
        })
}

fn task_edit() -> impl Strategy<Value = TaskEdit> {
    (
        prop::option::of(status()),
        prop::option::of(0u8..=100),
        prop::option::of(prop::option::of(text())),
        prop::option::of(date()),
        prop::option::of(date()),
        prop::option::of("[a-z]{2,6}"),
    )
        .prop_map(
            |(status, progress, blocker, done, started, owner)| TaskEdit {
                status,
                progress: progress.map(f64::from),
                blocker: blocker.map(|b| b.map_or(Blocker::Clear, Blocker::Set)),
                done,
                started,
                owner,
                // `calibrate` has tests of its own (tests/record.rs).
                calibrate: None,
            },
        )
        .prop_filter("an edit changes something", |e| !e.is_empty())
}

/// What the edit means, applied to the keys by hand.
fn by_hand(keys: &Keys, edit: &TaskEdit, today: NaiveDate) -> Keys {
    let mut k = keys.clone();
    if let Some(s) = edit.status {
        k.status = Some(s);
    }
    if let Some(p) = edit.progress {
        k.progress = Some(p as u8);
    }
    match &edit.blocker {
        Some(Blocker::Set(b)) => k.blocker = Some(b.clone()),
        Some(Blocker::Clear) => k.blocker = None,
        // Done, with no blocker given, is no longer blocked.
        None if edit.status == Some(Status::Done) => k.blocker = None,
        None => {}
    }
    match (edit.done, edit.status) {
        (Some(d), _) => k.done = Some(d),
        (None, Some(Status::Done)) if k.done.is_none() => k.done = Some(today),
        _ => {}
    }
    if let Some(d) = edit.started {
        k.started = Some(d);
    }
    if let Some(o) = &edit.owner {
        k.owner = Some(o.clone());
    }
    k
}

/// The JSON report, without the warnings' line numbers: `set` appends new
/// keys after a task's last key, the hand-written file has them in another
/// order, so a warning about one can sit on another line.
fn json(text: &str, today: NaiveDate) -> serde_json::Value {
    let snapshot = readiness::evaluate(text, today).expect("a valid manifest");
    let mut json: serde_json::Value =
        serde_json::from_str(&readiness::report::json::render(&snapshot)).unwrap();
    for warning in json["warnings"].as_array_mut().unwrap() {
        warning.as_object_mut().unwrap().remove("line");
    }
    json
}

/// The text before task `which`'s block and after it.
fn around(text: &str, which: usize) -> (&str, &str) {
    let start = text.find(&format!("[[task]]  # task {which}")).unwrap();
    let end = start + text[start..].find("# end of task").unwrap();
    (&text[..start], &text[end..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn set_then_report_equals_the_manifest_written_by_hand(
        keys in [keys(), keys(), keys()],
        which in 0usize..3,
        edit in task_edit(),
        literal in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let today: NaiveDate = TODAY.parse().unwrap();
        let before = write_manifest(&keys, literal, crlf);
        let edited = edit::apply(&before, &format!("t{which}"), &edit, today)
            .unwrap_or_else(|e| panic!("{e}: {e:?}\n{before}"));
        let mut hand = keys.clone();
        hand[which] = by_hand(&keys[which], &edit, today);
        let expected = write_manifest(&hand, literal, crlf);
        prop_assert_eq!(json(&edited.text, today), json(&expected, today));
        // Only the edited task's lines differ: what comes before and after
        // its block is byte-identical.
        let (head, tail) = around(&before, which);
        let (new_head, new_tail) = around(&edited.text, which);
        prop_assert_eq!(head, new_head);
        prop_assert_eq!(tail, new_tail);
        // Setting the same values again is no change at all.
        let again = edit::apply(&edited.text, &format!("t{which}"), &edit, today).unwrap();
        prop_assert!(again.changes.is_empty());
        prop_assert_eq!(again.text, edited.text);
    }
}

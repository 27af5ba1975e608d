//! What a person sees when something is wrong, through the binary in the
//! hermetic environment: every start-up error is one `error: …` on stderr
//! with what to do, nothing on stdout, exit status 2 (src/exit.rs); and the
//! caret under a manifest error stands under its character on a line with
//! CJK text and an emoji before it (display width, as the frame counts).

#[path = "common/hermetic.rs"]
mod hermetic;

use std::fs;
use std::path::Path;

use unicode_width::UnicodeWidthStr as _;

const TODAY: &str = "2026-11-23";

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Ran {
    let out = hermetic::readiness()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run readiness");
    Ran {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

const VALID: &str = "[project]\nname = \"x\"\n[[component]]\nid = \"c\"\n";

/// Each start-up mistake: its arguments, then what stderr must hold (its
/// first line starts with `error: `).
#[test]
fn every_start_up_error_is_one_error_line_with_a_hint_and_status_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("empty")).expect("mkdir");
    fs::write(dir.path().join("readiness.toml"), VALID).expect("write");
    fs::write(dir.path().join("binary.toml"), b"\xff\xfe[project]\n").expect("write");
    let fifo = hermetic::command("mkfifo")
        .arg(dir.path().join("fifo.toml"))
        .status()
        .is_ok_and(|s| s.success());
    let mut cases: Vec<(Vec<&str>, &[&str])> = vec![
        (
            vec!["nosuchfile.toml"],
            &[
                "error: cannot read nosuchfile.toml: no such file (create one with `readiness init nosuchfile.toml`)",
            ],
        ),
        (
            vec!["check", "nosuchfile.toml"],
            &["error: cannot read nosuchfile.toml: no such file"],
        ),
        (
            vec!["chekc"],
            &[
                "error: no file or command named `chekc`",
                "tip: a command with a similar name exists: `readiness check`",
            ],
        ),
        (
            vec!["repot", "--format", "text"],
            &[
                "error: no file or command named `repot`",
                "`readiness report`",
            ],
        ),
        (
            vec!["check", "empty"],
            &[
                "error: no readiness.toml below empty (folders ignored by .gitignore are skipped); \
                 create one with `readiness init empty/readiness.toml`",
            ],
        ),
        (
            vec!["report", "empty"],
            &["error: no readiness.toml below empty", "readiness init"],
        ),
        (
            vec!["check", "binary.toml"],
            &["error: cannot read binary.toml: not UTF-8 text (invalid byte at offset 0)"],
        ),
        (
            vec!["check", "/dev/null"],
            &["error: cannot read /dev/null: it is a character device, not a regular file"],
        ),
        (
            vec!["--theme", "neon", "check"],
            &[
                "error: invalid value 'neon' for '--theme <THEME>'",
                "[possible values: dark, light, high-contrast]",
            ],
        ),
        (
            vec!["check", "--today", "tomorrow"],
            &[
                "error: invalid value 'tomorrow' for '--today <YYYY-MM-DD>': not a date; \
                 expected YYYY-MM-DD, e.g. 2026-11-23",
            ],
        ),
        (
            vec!["check", "--today", "2026-02-30"],
            &["'2026-02-30' for '--today <YYYY-MM-DD>': no such date; expected YYYY-MM-DD"],
        ),
    ];
    if fifo {
        cases.push((
            vec!["check", "fifo.toml"],
            &["error: cannot read fifo.toml: it is a FIFO (named pipe), not a regular file"],
        ));
    }
    for (args, want) in cases {
        let mut args = args;
        if !args.contains(&"--today") {
            args.extend(["--today", TODAY]);
        }
        let ran = run(dir.path(), &args);
        assert_eq!(ran.code, Some(2), "{args:?}: {}", ran.stderr);
        assert_eq!(ran.stdout, "", "{args:?}");
        assert!(
            ran.stderr.starts_with("error: "),
            "{args:?}: {}",
            ran.stderr
        );
        for line in want {
            assert!(
                ran.stderr.contains(line),
                "{args:?}: no {line:?} in\n{}",
                ran.stderr
            );
        }
    }
    // A command spelled right is never taken for a mistyped one.
    let ran = run(dir.path(), &["check", "--for", "x"]);
    assert_eq!(ran.code, Some(2));
    assert!(
        ran.stderr.starts_with("error: unexpected argument '--for'"),
        "{}",
        ran.stderr
    );
}

/// `col=` counts characters; the caret stands under the error in columns.
#[test]
fn the_caret_stands_under_the_error_after_cjk_text_and_an_emoji() {
    let dir = tempfile::tempdir().expect("temp dir");
    let line = "title = \"東京の配送 🚚\" ; oops";
    let text = format!(
        "[project]\nname = \"x\"\n[[component]]\nid = \"c\"\n[[task]]\nid = \"a\"\ncomponent = \"c\"\n{line}\n"
    );
    fs::write(dir.path().join("readiness.toml"), &text).expect("write");
    let ran = run(dir.path(), &["check", "--today", TODAY]);
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    // The error is at the `;` after the string.
    let before = &line[..line.find(';').expect("the error")];
    let col = before.chars().count() + 1;
    assert!(
        ran.stderr
            .contains(&format!("readiness.toml:8:{col}: error:")),
        "no error at column {col}:\n{}",
        ran.stderr
    );
    let lines: Vec<&str> = ran.stderr.lines().collect();
    let shown = lines
        .iter()
        .position(|l| l.starts_with("8 | "))
        .unwrap_or_else(|| panic!("no source line:\n{}", ran.stderr));
    let marks = lines[shown + 1].strip_prefix("  | ").expect("a caret line");
    let caret = marks.find('^').expect("a caret");
    assert_eq!(
        caret,
        before.width(),
        "the caret at column {caret}, the error at {}:\n{}",
        before.width(),
        ran.stderr
    );
    assert_eq!(marks[..caret].trim(), "", "{marks:?}");
}

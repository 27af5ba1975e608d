//! Edits from the dashboard (docs/dashboard.md), driven for real in tmux: `d`
//! marks a task done, `x` moves it to the next status, `b` and `%` set the
//! blocker and the progress through a prompt, from the tasks pane and from a
//! task's detail view. Each edit is checked in the file — only its lines
//! changed, comments kept — and on the screen once the watch has reloaded it.
//! An edit refused because the file changed meanwhile says so in the status
//! line, writes nothing, and the dashboard reloads what the file holds.

use std::fs;
use std::path::PathBuf;

#[path = "common/hermetic.rs"]
mod hermetic;
#[path = "common/tmux.rs"]
mod tmux;
use tmux::Tmux;

#[path = "common/tools.rs"]
mod tools;

use hermetic::BIN;
const TODAY: &str = "2026-11-23";

const MANIFEST: &str = r#"# Edited from the dashboard.
[project]
name = "Edits"   # the project

[[component]]
id = "core"

[[task]]
id = "alpha"        # first
title = "Alpha work"
component = "core"
estimate = "2d"
# after alpha's keys

[[task]]
id = "beta"
title = "Beta work"
component = "core"
status = "doing"
estimate = "1d"
blocker = "waiting on ops"
"#;

struct Term {
    tmux: Tmux,
    _dir: tempfile::TempDir,
    file: PathBuf,
}

impl Term {
    fn start(name: &str, env: &str) -> Term {
        let tmux = Tmux::new(name);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("readiness.toml");
        fs::write(&file, MANIFEST).unwrap();
        let command = format!("{env} {BIN} readiness.toml --today {TODAY}; exec sleep 600");
        tmux.session(dir.path(), &command, 120, 40);
        tmux.wait_for("the first frame", |s| s.contains("Edits"));
        Term {
            tmux,
            _dir: dir,
            file,
        }
    }

    fn text(&self) -> String {
        fs::read_to_string(&self.file).unwrap()
    }

    /// Polls the file until `done` holds.
    fn wait_file(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        tmux::poll(what, || {
            let text = self.text();
            if done(&text) {
                Ok(text)
            } else {
                Err(format!(
                    "the file:\n{text}\nthe screen:\n{}",
                    self.tmux.screen()
                ))
            }
        })
    }

    /// Selects `task` in the tasks pane through the search.
    fn select(&self, task: &str) {
        // Esc on its own (an Esc followed at once by a key reads as Alt-key):
        // it clears a kept search.
        self.tmux.keys(&["Escape"]);
        self.tmux
            .wait_for("no search", |s| !s.contains("matching “"));
        self.tmux.keys(&["/"]);
        self.tmux.keys(&["-l", task]);
        self.tmux.keys(&["Enter"]);
        self.tmux.wait_for(&format!("{task} found"), |s| {
            s.contains(&format!("matching “{task}”")) && !s.contains("Enter keep")
        });
    }
}

/// The task's own block of lines in the file.
fn block<'t>(text: &'t str, task: &str) -> &'t str {
    let start = text.find(&format!("id = \"{task}\"")).unwrap();
    let end = text[start..]
        .find("[[task]]")
        .map_or(text.len(), |e| start + e);
    &text[start..end]
}

#[test]
fn keys_write_edits_through_the_set_core() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::start("edits", "");
    t.select("alpha");

    // b: a prompt for the blocker, written on Enter after alpha's last key;
    // nothing else moves.
    t.tmux.keys(&["b"]);
    t.tmux.wait_for("the blocker prompt", |s| {
        s.contains("blocker of alpha (empty clears it):")
    });
    t.tmux.keys(&["-l", "needs review"]);
    t.tmux.keys(&["Enter"]);
    let text = t.wait_file("alpha's blocker", |s| {
        block(s, "alpha").contains("blocker = \"needs review\"")
    });
    assert_eq!(
        text,
        MANIFEST.replace(
            "estimate = \"2d\"\n# after alpha's keys",
            "estimate = \"2d\"\nblocker = \"needs review\"\n# after alpha's keys"
        )
    );
    // The watch reloads it: alpha is blocked on the screen.
    t.tmux.wait_for("the remark and the reload", |s| {
        s.contains("✓ alpha: blocker = \"needs review\"") && s.contains("2 blocked tasks")
    });

    // %: the progress, refused while it is not a percent, then written.
    t.tmux.keys(&["%"]);
    t.tmux.wait_for("the progress prompt", |s| {
        s.contains("progress of alpha, 0–100:")
    });
    t.tmux.keys(&["-l", "140"]);
    t.tmux.keys(&["Enter"]);
    t.tmux.wait_for("the refusal", |s| {
        s.contains("progress must be a number from 0 to 100")
    });
    t.tmux.keys(&["C-u"]);
    t.tmux.keys(&["-l", "40"]);
    t.tmux.keys(&["Enter"]);
    t.wait_file("alpha's progress", |s| {
        block(s, "alpha").contains("progress = 40")
    });

    // x: the next status after todo is doing.
    t.tmux.keys(&["x"]);
    t.wait_file("alpha doing", |s| {
        block(s, "alpha").contains("status = \"doing\"")
    });

    // d: done, with today's date, and no longer blocked: its blocker goes.
    t.tmux.keys(&["d"]);
    let text = t.wait_file("alpha done", |s| {
        block(s, "alpha").contains("status = \"done\"")
    });
    assert!(
        block(&text, "alpha").ends_with(
            "estimate = \"2d\"\nprogress = 40\nstatus = \"done\"\ndone = 2026-11-23\n# after alpha's keys\n\n"
        ),
        "{text}"
    );
    t.tmux.wait_for("alpha done on the screen", |s| {
        s.contains("1 of 2 tasks done")
    });

    // From beta's detail view: b, erase, Enter clears its blocker.
    t.select("beta");
    t.tmux.keys(&["Enter"]);
    t.tmux.wait_for("beta's detail", |s| {
        s.contains("Beta work") && s.contains("waiting on ops")
    });
    t.tmux.keys(&["b"]);
    t.tmux.wait_for("the prompt with the blocker", |s| {
        s.contains("(empty clears it): waiting on ops")
    });
    t.tmux.keys(&["C-u", "Enter"]);
    let text = t.wait_file("beta's blocker cleared", |s| {
        !block(s, "beta").contains("blocker")
    });
    assert!(text.starts_with(
        "# Edited from the dashboard.\n[project]\nname = \"Edits\"   # the project\n"
    ));
    assert!(text.contains("# after alpha's keys\n"));
    // Esc closes a prompt without writing.
    t.tmux.keys(&["%"]);
    t.tmux
        .wait_for("a prompt", |s| s.contains("progress of beta"));
    t.tmux.keys(&["-l", "10"]);
    t.tmux.keys(&["Escape"]);
    t.tmux
        .wait_for("the prompt closed", |s| !s.contains("progress of beta"));
    assert!(!block(&t.text(), "beta").contains("progress"));
}

#[test]
fn an_edit_refused_for_a_concurrent_save_says_so_and_reloads() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::start("race", "READINESS_TEST_EDIT_RACE=1");
    t.select("alpha");
    t.tmux.keys(&["d"]);
    t.tmux.wait_for("the refusal", |s| {
        s.contains("✗ alpha not written: the file changed meanwhile")
    });
    // The other editor's save is kept, the edit is not written, and the
    // dashboard shows the file as it is now.
    let text = t.text();
    assert_eq!(
        text,
        format!(
            "{MANIFEST}# saved by another editor\n[[task]]\nid = \"gamma\"\ntitle = \"Gamma work\"\ncomponent = \"core\"\n"
        )
    );
    t.tmux
        .wait_for("the reload", |s| s.contains("0 of 3 tasks done"));
}

#[test]
fn edits_need_a_task() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::start("notask", "");
    // The components pane has focus at start: no task is selected.
    t.tmux.keys(&["d"]);
    t.tmux
        .wait_for("the hint", |s| s.contains("select a task first"));
    assert_eq!(t.text(), MANIFEST);
}

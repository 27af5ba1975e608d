//! Edits from the dashboard (docs/dashboard.md), driven for real in tmux: `d`
//! marks a task done, `x` moves it to the next status, `b` and `%` set the
//! blocker and the progress through a prompt, from the tasks pane and from a
//! task's detail view. Each edit is checked in the file — only its lines
//! changed, comments kept — and on the screen once the watch has reloaded it.
//! An edit refused because the file changed meanwhile says so in the status
//! line, writes nothing, and the dashboard reloads what the file holds. An
//! edit acts on the task asked for (`x` twice cycles one task twice, read
//! in the file after each key), `d` clears a blocker, `u` restores the file
//! byte for byte unless it changed since, and `a` adds a task.

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
        Term::start_with(name, env, MANIFEST, (120, 40))
    }

    /// The dashboard on `manifest` in a `size` terminal.
    fn start_with(name: &str, env: &str, manifest: &str, size: (u16, u16)) -> Term {
        let tmux = Tmux::new(name);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("readiness.toml");
        fs::write(&file, manifest).unwrap();
        let command = format!("{env} {BIN} readiness.toml --today {TODAY}; exec sleep 600");
        tmux.session(dir.path(), &command, size.0, size.1);
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
    t.tmux
        .wait_for("the blocker prompt", |s| s.contains("blocker of alpha:"));
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
        s.contains("alpha: blocker needs review") && s.contains("2 blocked tasks")
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
        s.contains("blocker of beta: waiting on ops")
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

/// Three tasks; the first is in progress.
const THREE: &str = r#"[project]
name = "Edits"

[[component]]
id = "core"

[[task]]
id = "t1"
title = "First"
component = "core"
status = "doing"
estimate = "1d"

[[task]]
id = "t2"
title = "Second"
component = "core"
estimate = "1d"

[[task]]
id = "t3"
title = "Third"
component = "core"
estimate = "1d"
"#;

/// `x` then `x` on the open list changes one task, twice — read in the file
/// after each key — at 80×24 and 120×40, the task kept listed and selected
/// until the user moves; a third `x` asks before dropping it and writes
/// nothing until answered; `x x` sent at once still lands on the one task,
/// and so does `d d`.
#[test]
fn x_twice_changes_exactly_one_task() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    for size in [(80, 24), (120, 40)] {
        let t = Term::start_with("xx", "", THREE, size);
        t.tmux.keys(&["Tab", "Tab", "Tab"]);
        t.tmux
            .wait_for("the tasks pane focused", |s| s.contains("┏ Tasks"));
        let others = |text: &str| (block(text, "t2").to_owned(), block(text, "t3").to_owned());
        let before = others(THREE);
        let status = |text: &str| {
            block(text, "t1")
                .lines()
                .find(|l| l.starts_with("status"))
                .unwrap_or_default()
                .to_owned()
        };
        for want in ["done", "blocked"] {
            t.tmux.keys(&["x"]);
            let text = t.wait_file(&format!("t1 {want}"), |s| {
                status(s) == format!("status = \"{want}\"")
            });
            assert_eq!(others(&text), before, "{size:?}: only t1 changes:\n{text}");
            // The save is back on the screen before the next key, and t1
            // is still listed and selected (the tasks pane's last line
            // names the selected task), though "open" hides a done task.
            t.tmux.wait_for("the reload, t1 still selected", |s| {
                s.contains(&format!("t1: status {want}"))
                    && s.contains(if want == "done" {
                        "1 of 3 tasks done"
                    } else {
                        "0 of 3 tasks done"
                    })
                    && s.contains(&format!("{want} t1 · First"))
            });
        }
        // Blocked → dropped only after a yes; n sets it to todo.
        t.tmux.keys(&["x"]);
        t.tmux.wait_for("the question", |s| s.contains("drop t1?"));
        assert_eq!(status(&t.text()), "status = \"blocked\"");
        t.tmux.keys(&["n"]);
        let text = t.wait_file("t1 todo", |s| status(s) == "status = \"todo\"");
        assert_eq!(others(&text), before);
        t.tmux
            .wait_for("the reload", |s| s.contains("t1: status todo"));
        // Sent at once, before any save is back: still t1, twice.
        t.tmux.keys(&["x", "x"]);
        let text = t.wait_file("t1 done", |s| status(s) == "status = \"done\"");
        assert_eq!(others(&text), before, "{size:?}:\n{text}");
        t.tmux.wait_for("t1 done on the screen", |s| {
            s.contains("1 of 3 tasks done") && s.contains("done t1 · First")
        });
        // Moving lets it go: the open list drops t1, t2 is selected.
        t.tmux.keys(&["j"]);
        t.tmux.wait_for("t2 selected, t1 gone", |s| {
            s.contains("todo t2 · Second") && !s.contains(" t1 ")
        });
        // d d sent at once marks one task: t2, not t3 after it.
        t.tmux.keys(&["d", "d"]);
        t.wait_file("t2 done", |s| block(s, "t2").contains("status = \"done\""));
        t.tmux.wait_for("both d reported", |s| {
            s.contains("t2: already so; nothing written")
        });
        let text = t.text();
        assert_eq!(block(&text, "t3"), block(THREE, "t3"), "{size:?}:\n{text}");
        assert_eq!(status(&text), "status = \"done\"");
    }
}

/// `d` on a blocked task marks it done and removes its blocker (no
/// "done but still has a blocker" warning follows).
#[test]
fn d_on_a_blocked_task_clears_its_blocker() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::start("dblocked", "");
    t.select("beta");
    t.tmux.keys(&["d"]);
    let text = t.wait_file("beta done", |s| {
        block(s, "beta").contains("status = \"done\"")
    });
    assert_eq!(
        block(&text, "beta"),
        "id = \"beta\"\ntitle = \"Beta work\"\ncomponent = \"core\"\nstatus = \"done\"\nestimate = \"1d\"\ndone = 2026-11-23\n"
    );
    let screen = t.tmux.wait_for("the note", |s| {
        s.contains("beta: status done, blocker removed, done 2026-11-23 · u undo")
    });
    assert!(!screen.contains("warning"), "{screen}");
}

/// `u` puts the file back byte for byte, twice in a row; after another
/// editor's save it refuses and writes nothing.
#[test]
fn u_restores_the_file_unless_it_changed_since() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::start("undo", "");
    t.select("alpha");
    t.tmux.keys(&["d"]);
    t.wait_file("alpha done", |s| {
        block(s, "alpha").contains("status = \"done\"")
    });
    t.tmux
        .wait_for("the note", |s| s.contains("alpha: status done"));
    t.tmux.keys(&["%"]);
    t.tmux
        .wait_for("the prompt", |s| s.contains("progress of alpha"));
    t.tmux.keys(&["-l", "30"]);
    t.tmux.keys(&["Enter"]);
    t.wait_file("alpha's progress", |s| {
        block(s, "alpha").contains("progress = 30")
    });
    t.tmux
        .wait_for("the note", |s| s.contains("alpha: progress 30"));
    t.tmux.keys(&["u"]);
    t.wait_file("the progress undone", |s| !s.contains("progress = 30"));
    t.tmux
        .wait_for("the note", |s| s.contains("alpha: edit undone · u undo"));
    t.tmux.keys(&["u"]);
    let text = t.wait_file("the file as it was", |s| s == MANIFEST);
    assert_eq!(text, MANIFEST);
    t.tmux.wait_for("nothing left to undo", |s| {
        s.contains("alpha: edit undone") && !s.contains("u undo")
    });

    // An edit, then another editor's save: u refuses, the save is kept.
    t.tmux.keys(&["d"]);
    let done = t.wait_file("alpha done again", |s| {
        block(s, "alpha").contains("status = \"done\"")
    });
    t.tmux.wait_for("the edit reported", |s| {
        s.contains("alpha: status done, done 2026-11-23 · u undo")
    });
    let theirs = format!("{done}# another editor\n");
    fs::write(&t.file, &theirs).unwrap();
    t.tmux.keys(&["u"]);
    t.tmux.wait_for("the refusal", |s| {
        s.contains("✗ alpha not undone: the file changed since the edit")
    });
    assert_eq!(t.text(), theirs);
}

/// `a` on the components pane adds a task to the selected component
/// through a small form, with the same core as `readiness add`.
#[test]
fn a_adds_a_task_to_the_selected_component() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::start("add", "");
    t.tmux.keys(&["a"]);
    t.tmux
        .wait_for("the form", |s| s.contains("new task in core: id"));
    for (field, value) in [
        ("new task gamma: title", "gamma"),
        ("new task gamma: estimate", "Gamma work"),
        ("new task gamma: owner", "3d"),
    ] {
        t.tmux.keys(&["-l", value]);
        t.tmux.keys(&["Enter"]);
        t.tmux.wait_for(field, |s| s.contains(field));
    }
    t.tmux.keys(&["Enter"]);
    let text = t.wait_file("gamma added", |s| s.contains("id = \"gamma\""));
    assert!(
        text.starts_with(MANIFEST),
        "nothing before changes:\n{text}"
    );
    assert!(
        text.ends_with("\n[[task]]\nid = \"gamma\"\ntitle = \"Gamma work\"\ncomponent = \"core\"\nestimate = \"3d\"\n"),
        "{text}"
    );
    t.tmux.wait_for("the note and the reload", |s| {
        s.contains("gamma: added to core") && s.contains("0 of 3 tasks done")
    });
}

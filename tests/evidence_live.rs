//! The live dashboard with evidence gates, in a real terminal (a private
//! tmux server, 120×40, as tests/live.rs): a gate's command shows
//! "running…" and then its result without holding up the screen, `r` runs
//! it again, a JUnit file written into a folder that did not exist at start
//! is picked up, and without `--allow-commands` nothing runs.

#[path = "common/hermetic.rs"]
mod hermetic;
#[allow(dead_code)]
#[path = "common/tmux.rs"]
mod tmux;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use tmux::Tmux;

#[path = "common/tools.rs"]
mod tools;

use hermetic::BIN;
const TODAY: &str = "2026-11-23";

const MANIFEST: &str = "[project]
name = \"Evidence live\"

[[component]]
id = \"app\"
progress = 100

[[gate]]
id = \"unit-tests\"
junit = \"reports/*.xml\"

[[gate]]
id = \"build\"
command = \"sleep 1; echo run >> runs.log; echo 'build ok'\"
";

/// A private tmux server running the dashboard; killed on drop.
struct Term {
    tmux: Tmux,
    dir: tempfile::TempDir,
}

impl Term {
    fn start(args: &str) -> Term {
        let tmux = Tmux::new("evidence");
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("readiness.toml"), MANIFEST).expect("write");
        let term = Term { tmux, dir };
        let command = format!("{BIN} readiness.toml --today {TODAY} {args}; exec sleep 600");
        term.tmux.session(term.dir.path(), &command, 120, 40);
        term
    }

    fn tmux(&self, args: &[&str]) -> Output {
        self.tmux.run(args)
    }

    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        self.tmux.wait_for(what, done)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn runs(path: &Path) -> usize {
    fs::read_to_string(path).map_or(0, |t| t.lines().count())
}

#[test]
fn commands_run_in_the_background_and_evidence_files_are_watched() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let term = Term::start("--allow-commands");
    // A spinner frame beside it, moving while the command runs.
    let spinning = |s: &str| {
        s.lines().any(|l| {
            l.contains(" running…")
                && l.contains(['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'])
        })
    };
    term.wait_for("the command running", spinning);
    term.wait_for("the command's result", |s| s.contains("exit 0 · build ok"));
    assert_eq!(runs(&term.path("runs.log")), 1);
    // Redraws and reloads do not run it again.
    term.wait_for("no JUnit file yet", |s| s.contains("no file matches"));

    // The folder did not exist when the dashboard started.
    let reports = term.path("reports");
    fs::create_dir(&reports).expect("mkdir");
    let junit = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence/nextest.xml");
    fs::copy(&junit, reports.join("junit.xml")).expect("copy");
    term.wait_for("the new JUnit file", |s| s.contains("2/3 passed, 1 failed"));
    assert_eq!(
        runs(&term.path("runs.log")),
        1,
        "a file change re-ran the command"
    );

    // `r` runs the command again.
    term.tmux(&["send-keys", "r"]);
    term.wait_for("the command running again", |s| s.contains("running…"));
    term.wait_for("its second result", |s| s.contains("exit 0 · build ok"));
    assert_eq!(runs(&term.path("runs.log")), 2);
}

#[test]
fn without_allow_commands_nothing_runs() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let term = Term::start("");
    term.wait_for("the command gate", |s| {
        s.contains("not run: pass --allow-commands")
    });
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(runs(&term.path("runs.log")), 0, "the command ran");
}

//! End-to-end tests of the live dashboard in a real terminal: the built
//! binary runs in a private tmux server (120×40) on a temporary manifest with
//! a fixed `--today`; the manifest is edited the ways editors and tools save
//! files, and the screen is polled (bounded, no fixed sleeps) until the new
//! figure shows. Keys, resizing, SIGTERM and a panic are checked the same
//! way, down to whether the terminal left the alternate screen.
//!
//! tmux, and for some steps vim and git, must be installed; a missing tool
//! fails the test with a message rather than skipping it.

#[allow(dead_code)]
#[path = "common/tmux.rs"]
mod tmux;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use tmux::{BOUND, POLL, Tmux};

#[path = "common/tools.rs"]
mod tools;

const BIN: &str = env!("CARGO_BIN_EXE_readiness");
const TODAY: &str = "2026-11-23";
/// The pane's shell prints this when the dashboard exits.
const EXITED: &str = "READINESS-EXITED=";

/// Two tasks of one day each; `progress` of the first sets completion to
/// progress / 2, so each odd value gives a distinct figure ("5.5%").
fn manifest(progress: u32) -> String {
    format!(
        r#"[project]
name = "Live Test \u001b]0;pwned\u0007 Board"

[[component]]
id = "core"

[[task]]
id = "alpha"
title = "Task alpha"
component = "core"
estimate = 1
progress = {progress}

[[task]]
id = "beta"
title = "Task beta"
component = "core"
estimate = 1
"#
    )
}

/// The completion figure `manifest(progress)` shows.
fn figure(progress: u32) -> String {
    format!("{}%", f64::from(progress) / 2.0)
}

/// A private tmux server running the dashboard; killed on drop.
struct Term {
    tmux: Tmux,
    dir: tempfile::TempDir,
    file: PathBuf,
}

impl Term {
    /// Starts the dashboard on a fresh manifest with `progress`; `env` is set
    /// for the binary.
    fn start(name: &str, progress: u32, env: &[(&str, &str)]) -> Term {
        let term = Term::new(name);
        fs::write(&term.file, manifest(progress)).expect("write the manifest");
        term.launch(&term.file.clone(), env);
        term.wait_for(&format!("first frame with {}", figure(progress)), |s| {
            s.contains(&figure(progress))
        });
        term
    }

    fn new(name: &str) -> Term {
        let tmux = Tmux::new(name);
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("readiness.toml");
        Term { tmux, dir, file }
    }

    /// Runs the binary on `file` in a new 120×40 session. The binary's pid
    /// goes to `pid` in the temp dir; when it exits the shell prints its
    /// status and stays, so the screen can be inspected.
    fn launch(&self, file: &Path, env: &[(&str, &str)]) {
        let mut exports = String::new();
        for (key, value) in env {
            exports.push_str(&format!("{key}={value} "));
        }
        let command = format!(
            "sh -c 'echo $$ > pid; exec env {exports}{BIN} {file} --today {TODAY}'; echo {EXITED}$?; exec sleep 600",
            file = file.display(),
        );
        self.tmux.session(self.dir.path(), &command, 120, 40);
    }

    fn tmux(&self, args: &[&str]) -> Output {
        self.tmux.run(args)
    }

    fn screen(&self) -> String {
        self.tmux.screen()
    }

    /// The screen with its styles, as escape sequences.
    fn styled_screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-e"]).stdout).into_owned()
    }

    fn format(&self, format: &str) -> String {
        let out = self.tmux(&["display-message", "-p", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    fn keys(&self, keys: &[&str]) {
        self.tmux.keys(keys);
    }

    /// Polls the screen until `done` holds; fails with the screen otherwise.
    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        self.tmux.wait_for(what, done)
    }

    /// Polls a tmux format (e.g. `#{alternate_on}`) until it equals `want`.
    fn wait_format(&self, format: &str, want: &str) {
        let start = Instant::now();
        loop {
            let got = self.format(format);
            if got == want {
                return;
            }
            assert!(
                start.elapsed() < BOUND,
                "timed out waiting for {format} = {want} (is {got}); the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the dashboard has exited and returns its exit status.
    fn wait_exit(&self) -> i32 {
        let screen = self.wait_for("the dashboard to exit", |s| s.contains(EXITED));
        let status = screen
            .lines()
            .find_map(|l| l.trim().strip_prefix(EXITED))
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or_else(|| panic!("no exit status on the screen:\n{screen}"));
        // Back on the normal screen, with the cursor shown.
        self.wait_format("#{alternate_on}", "0");
        self.wait_format("#{cursor_flag}", "1");
        status
    }

    fn pid(&self) -> String {
        let start = Instant::now();
        loop {
            if let Ok(pid) = fs::read_to_string(self.dir.path().join("pid"))
                && !pid.trim().is_empty()
            {
                return pid.trim().to_owned();
            }
            assert!(start.elapsed() < BOUND, "the dashboard wrote no pid");
            std::thread::sleep(POLL);
        }
    }

    /// Runs a shell command in the manifest's folder.
    fn sh(&self, script: &str) {
        let out = Command::new("sh")
            .arg("-c")
            .arg(script)
            .current_dir(self.dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("run sh");
        assert!(out.status.success(), "`{script}` failed: {out:?}");
    }

    /// Writes `manifest(progress)` to a side file, for `cat` and `mv`.
    fn side(&self, name: &str, progress: u32) {
        fs::write(self.dir.path().join(name), manifest(progress)).expect("write side file");
    }

    /// Sets the first task's progress with `sed -i` and commits the change.
    fn sed_commit(&self, progress: u32) {
        self.sh(&format!(
            "sed -i 's/progress = [0-9]*/progress = {progress}/' readiness.toml && \
             git -c user.name=t -c user.email=t@example.com commit -qam two"
        ));
    }

    /// Waits until `manifest(progress)`'s figure shows with no error banner.
    fn shows(&self, progress: u32, how: &str) -> String {
        let want = figure(progress);
        self.wait_for(&format!("{want} after {how}"), |s| {
            s.contains(&want) && !s.contains("stale since")
        })
    }
}

#[test]
fn follows_every_kind_of_save() {
    if tools::missing(&[&tools::TMUX, &tools::VIM, &tools::GIT]) {
        return;
    }
    let t = Term::start("saves", 11, &[]);

    t.sh("sed -i 's/progress = 11/progress = 13/' readiness.toml");
    t.shows(13, "sed -i");

    t.side("next.toml", 15);
    t.sh("mv next.toml readiness.toml");
    t.shows(15, "write-temp-and-mv");

    t.sh("vim -Es -u NONE -c 'set backupcopy=no writebackup' \
         -c '%s/progress = 15/progress = 17/' -c wq readiness.toml");
    t.shows(17, "vim");

    t.side("side.toml", 19);
    t.sh("cat side.toml > readiness.toml");
    t.shows(19, "truncate-and-write");

    t.sh("rm readiness.toml");
    let screen = t.wait_for("missing", |s| s.contains("missing"));
    assert!(
        screen.contains(&figure(19)),
        "the last good figures must stay while the file is missing:\n{screen}"
    );
    t.side("readiness.toml", 21);
    t.shows(21, "recreate");

    // An invalid save keeps the last good figures under a banner naming the
    // line, until a save fixes it.
    t.sh("sed -i 's/^estimate = 1$/estimate = 1\\ndepend_on = []/' readiness.toml");
    let screen = t.wait_for("the error banner", |s| s.contains("stale since"));
    assert!(
        screen.contains("depend_on"),
        "banner names the key:\n{screen}"
    );
    assert!(screen.contains("line "), "banner names the line:\n{screen}");
    assert!(
        screen.contains(&figure(21)),
        "the last good figures stay under the banner:\n{screen}"
    );
    t.side("fixed.toml", 23);
    t.sh("mv fixed.toml readiness.toml");
    t.shows(23, "fixing the invalid save");

    // git checkout of an older committed version.
    t.sh("git init -q . && git add readiness.toml && \
         git -c user.name=t -c user.email=t@example.com commit -qm one");
    t.sed_commit(25);
    t.shows(25, "a committed edit");
    t.sh("git checkout -q HEAD~1 -- readiness.toml");
    t.shows(23, "git checkout of an older version");

    // A manifest string cannot retitle the terminal (no escape sequence
    // reaches it), and nothing else is left behind.
    assert_ne!(t.format("#{pane_title}"), "pwned");
}

#[test]
fn keys_resize_and_quit() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::start("keys", 11, &[]);

    t.keys(&["?"]);
    t.wait_for("the help popup", |s| s.contains("show or hide this help"));
    t.keys(&["?"]);
    t.wait_for("the help popup to close", |s| {
        !s.contains("show or hide this help")
    });

    let before = t.styled_screen();
    t.keys(&["Tab"]);
    let start = Instant::now();
    while t.styled_screen() == before {
        assert!(start.elapsed() < BOUND, "Tab changed nothing on screen");
        std::thread::sleep(POLL);
    }

    t.keys(&["/"]);
    t.keys(&["-l", "beta"]);
    t.wait_for("the search text", |s| s.contains("beta"));
    t.keys(&["Escape"]);

    // Too small, then back.
    t.tmux(&["resize-window", "-x", "60", "-y", "15"]);
    t.wait_for("the too-small message", |s| s.contains("too small"));
    t.tmux(&["resize-window", "-x", "120", "-y", "40"]);
    t.wait_for("the dashboard after resizing back", |s| {
        s.contains(&figure(11)) && !s.contains("too small")
    });

    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0, "q exits with status 0");
}

#[test]
fn ctrl_c_quits() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::start("ctrlc", 11, &[]);
    t.keys(&["C-c"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn sigterm_restores_the_terminal() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::start("sigterm", 11, &[]);
    assert_eq!(t.format("#{alternate_on}"), "1", "the dashboard is on");
    let pid = t.pid();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(killed.success());
    assert_eq!(t.wait_exit(), 128 + 15, "SIGTERM exits with 143");
}

#[test]
fn sighup_restores_the_terminal() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::start("sighup", 11, &[]);
    let pid = t.pid();
    assert!(
        Command::new("kill")
            .args(["-HUP", &pid])
            .status()
            .expect("run kill")
            .success()
    );
    assert_eq!(t.wait_exit(), 128 + 1);
}

#[test]
fn a_panic_restores_the_terminal() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::new("panic");
    fs::write(&t.file, manifest(11)).expect("write");
    t.launch(&t.file, &[("READINESS_TEST_PANIC", "main")]);
    let status = t.wait_exit();
    assert_eq!(status, 101, "a panic exits with 101");
    let screen = t.screen();
    assert!(
        screen.contains("panicking on purpose"),
        "the panic message is printed on the normal screen:\n{screen}"
    );
}

/// A panic caught by the loader (the core failing on a manifest) shows in
/// the banner; the terminal stays in the dashboard, which still answers keys.
#[test]
fn a_caught_panic_in_the_loader_leaves_the_terminal_alone() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::new("loaderpanic");
    fs::write(&t.file, manifest(11)).expect("write");
    t.launch(&t.file, &[("READINESS_TEST_PANIC", "loader")]);
    t.wait_for("the internal error banner", |s| {
        s.contains("internal error")
    });
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "still on the alternate screen"
    );
    // A save reloads (and panics, caught) again: still the dashboard.
    t.side("next.toml", 13);
    t.sh("mv next.toml readiness.toml");
    t.keys(&["?"]);
    t.wait_for("the help popup", |s| s.contains("show or hide this help"));
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "still on the alternate screen"
    );
    assert!(
        !t.screen().contains("panicked"),
        "no panic message on screen"
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0, "q still quits cleanly");
}

/// A panic on a thread other than the event loop's ends the dashboard
/// through the loop: terminal restored, message printed, status 101.
#[test]
fn a_panic_on_a_worker_thread_ends_the_dashboard_cleanly() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::new("threadpanic");
    fs::write(&t.file, manifest(11)).expect("write");
    t.launch(&t.file, &[("READINESS_TEST_PANIC", "thread")]);
    assert_eq!(t.wait_exit(), 101, "a panic exits with 101");
    let screen = t.screen();
    assert!(
        screen.contains("panicking on purpose on a worker thread"),
        "the panic message is printed on the normal screen:\n{screen}"
    );
}

/// The input thread dying does not leave a dashboard deaf to `q`.
#[test]
fn a_dead_input_thread_ends_the_dashboard() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::start("inputpanic", 11, &[("READINESS_TEST_PANIC", "input")]);
    t.keys(&["x"]);
    assert_eq!(t.wait_exit(), 101, "a panic exits with 101");
    let screen = t.screen();
    assert!(
        screen.contains("panicking on purpose on input"),
        "the panic message is printed on the normal screen:\n{screen}"
    );
}

/// A manifest that is a symlink into another folder: an edit of the target
/// shows.
#[test]
fn a_symlinked_manifest_follows_edits_of_its_target() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::new("symlink");
    t.sh("mkdir a b");
    fs::write(t.dir.path().join("b/real.toml"), manifest(11)).expect("write");
    t.sh("ln -s ../b/real.toml a/readiness.toml");
    t.launch(&t.dir.path().join("a/readiness.toml"), &[]);
    t.shows(11, "start");
    t.sh("sed -i 's/progress = 11/progress = 13/' b/real.toml");
    t.shows(13, "sed -i on the link's target");
}

/// The manifest's folder moved away and made again: the watch follows the
/// new folder instead of going deaf.
#[test]
fn a_replaced_folder_is_followed() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::new("replaced");
    t.sh("mkdir proj");
    fs::write(t.dir.path().join("proj/readiness.toml"), manifest(11)).expect("write");
    t.launch(&t.dir.path().join("proj/readiness.toml"), &[]);
    t.shows(11, "start");
    t.sh("mv proj proj.old && mkdir proj");
    fs::write(t.dir.path().join("proj/readiness.toml"), manifest(13)).expect("write");
    t.shows(13, "replacing the folder");
    t.sh("sed -i 's/progress = 13/progress = 15/' proj/readiness.toml");
    let screen = t.shows(15, "an edit in the new folder");
    assert!(!screen.contains("polling"), "still watching:\n{screen}");
}

#[test]
fn polling_fallback_follows_saves_and_says_so() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::start("poll", 11, &[("READINESS_WATCH", "poll")]);
    t.wait_for("the polling notice", |s| s.contains("polling"));
    t.side("next.toml", 13);
    t.sh("mv next.toml readiness.toml");
    t.shows(13, "a save while polling");
    t.sh("sed -i 's/progress = 13/progress = 15/' readiness.toml");
    t.shows(15, "sed -i while polling");
}

#[test]
fn an_unreadable_file_at_start_exits_2_before_the_alternate_screen() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::new("unreadable");
    let missing = t.dir.path().join("nope.toml");
    t.launch(&missing, &[]);
    assert_eq!(t.wait_exit(), 2);
    let screen = t.screen();
    assert!(
        screen.contains("no such file"),
        "the error is on the normal screen:\n{screen}"
    );
}

#[test]
fn without_a_terminal_prints_the_text_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("readiness.toml");
    fs::write(&file, manifest(11)).expect("write");
    let out = Command::new(BIN)
        .arg(&file)
        .args(["--today", TODAY])
        .output()
        .expect("run readiness");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("5.5% complete"), "the text report:\n{text}");
    assert!(!text.contains('\u{1b}'), "no escape sequences:\n{text}");
}

//! End-to-end tests of the live dashboard in a real terminal: the built
//! binary runs in a private tmux server (120×40) on a temporary manifest with
//! a fixed `--today`; the manifest is edited the ways editors and tools save
//! files, and the screen is polled (bounded, no fixed sleeps) until the new
//! figure shows. Keys, the mouse, resizing, Ctrl-Z and `fg`, `$EDITOR`,
//! `TERM=dumb`, SIGTERM and a panic are checked the same way, down to
//! whether the terminal left the alternate screen.
//!
//! tmux, and for some steps vim and git, must be installed; a missing tool
//! fails the test with a message rather than skipping it.

#[path = "common/hermetic.rs"]
mod hermetic;
#[allow(dead_code)]
#[path = "common/tmux.rs"]
mod tmux;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Instant;

use tmux::{BOUND, POLL, Tmux};

#[path = "common/tools.rs"]
mod tools;

use hermetic::BIN;

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
        let out = hermetic::command("sh")
            .arg("-c")
            .arg(script)
            .current_dir(self.dir.path())
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
        // The whole frame: tmux may be captured while a frame is still
        // arriving, its first lines new and the rest not yet drawn; the
        // key bar is its last line.
        self.wait_for(&format!("{want} after {how}"), |s| {
            s.contains(&want) && !banner(s) && s.contains("? help")
        })
    }
}

/// Whether the screen's first line is the error banner over stale figures.
fn banner(screen: &str) -> bool {
    screen.lines().next().is_some_and(|l| l.starts_with(" ✗ "))
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
    let screen = t.wait_for("the error banner", banner);
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

    // Esc backs out and never quits, however often it is pressed.
    t.keys(&["Escape", "Escape", "Escape"]);
    t.keys(&["?"]);
    t.wait_for("the dashboard still answering", |s| {
        s.contains("show or hide this help")
    });
    t.keys(&["Escape"]);

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
    let killed = hermetic::command("kill")
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
        hermetic::command("kill")
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
    let out = hermetic::command(BIN)
        .arg(&file)
        .args(["--today", TODAY])
        .output()
        .expect("run readiness");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("5.5% complete"), "the text report:\n{text}");
    assert!(!text.contains('\u{1b}'), "no escape sequences:\n{text}");
}

impl Term {
    /// An interactive bash (job control on) in a new 120×40 session, in the
    /// temp dir; the dashboard is started by typing its command line.
    fn shell(name: &str) -> Term {
        let term = Term::new(name);
        let out = term.tmux(&[
            "new-session",
            "-d",
            "-x",
            "120",
            "-y",
            "40",
            "-c",
            &term.dir.path().display().to_string(),
            "env PS1='$ ' bash --norc --noprofile -i",
        ]);
        assert!(out.status.success(), "tmux new-session failed: {out:?}");
        term.wait_for("the shell's prompt", |s| s.contains('$'));
        term
    }

    /// Types a line into the shell.
    fn type_line(&self, line: &str) {
        self.keys(&["-l", line]);
        self.keys(&["Enter"]);
    }

    /// Sends raw bytes to the pane, as a terminal would (mouse reports).
    fn bytes(&self, bytes: &[u8]) {
        let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut args = vec!["send-keys", "-H"];
        args.extend(hex.iter().map(String::as_str));
        assert!(self.tmux(&args).status.success(), "send-keys -H");
    }

    /// A left click at a 0-based cell, as an SGR mouse report (press, release).
    fn click(&self, x: usize, y: usize) {
        self.bytes(format!("\x1b[<0;{};{}M\x1b[<0;{};{}m", x + 1, y + 1, x + 1, y + 1).as_bytes());
    }

    /// The mouse wheel, down or up, at a 0-based cell.
    fn wheel(&self, down: bool, x: usize, y: usize) {
        let button = if down { 65 } else { 64 };
        self.bytes(format!("\x1b[<{button};{};{}M", x + 1, y + 1).as_bytes());
    }
}

/// Where a text starts on the screen: (column, row), 0-based, in cells.
fn find(screen: &str, needle: &str) -> Option<(usize, usize)> {
    screen
        .lines()
        .enumerate()
        .find_map(|(y, line)| line.find(needle).map(|at| (line[..at].chars().count(), y)))
}

/// Ctrl-Z gives the terminal back to the shell (normal screen, cursor
/// shown, the shell's prompt and its "Stopped"); `fg` sets the dashboard up
/// again, redrawn and reading keys at once (raw mode). SIGTSTP from `kill`
/// does the same.
#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_resumes() {
    if tools::missing(&[&tools::TMUX, &tools::BASH]) {
        return;
    }
    let t = Term::shell("suspend");
    fs::write(&t.file, manifest(11)).expect("write");
    t.type_line(&format!(
        "sh -c 'echo $$ > pid; exec {BIN} readiness.toml --today {TODAY}'"
    ));
    t.wait_for("the dashboard", |s| s.contains(&figure(11)));
    t.wait_format("#{alternate_on}", "1");
    for how in ["Ctrl-Z", "SIGTSTP"] {
        if how == "Ctrl-Z" {
            t.keys(&["C-z"]);
        } else {
            let killed = hermetic::command("kill")
                .args(["-TSTP", &t.pid()])
                .status()
                .expect("run kill");
            assert!(killed.success());
        }
        t.wait_format("#{alternate_on}", "0");
        t.wait_format("#{cursor_flag}", "1");
        t.wait_for(&format!("the shell's job notice after {how}"), |s| {
            s.contains("Stopped")
        });
        t.type_line("clear; fg");
        t.wait_format("#{alternate_on}", "1");
        t.wait_for(&format!("the dashboard redrawn after {how} and fg"), |s| {
            s.contains(&figure(11)) && !s.contains("Stopped")
        });
        // Keys act at once: raw mode is back.
        t.keys(&["?"]);
        t.wait_for("the help popup", |s| s.contains("show or hide this help"));
        t.keys(&["Escape"]);
        t.wait_for("the help to close", |s| {
            !s.contains("show or hide this help")
        });
    }
    t.keys(&["q"]);
    t.wait_format("#{alternate_on}", "0");
    t.type_line(&format!("echo {EXITED}$?"));
    t.wait_for("the exit status", |s| s.contains(&format!("{EXITED}0")));
}

/// `TERM=dumb` (Emacs' shell): the text report, never the alternate screen.
#[test]
fn term_dumb_prints_the_text_report() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::new("dumb");
    fs::write(&t.file, manifest(11)).expect("write");
    t.launch(&t.file, &[("TERM", "dumb")]);
    assert_eq!(t.wait_exit(), 0);
    let screen = t.screen();
    assert!(
        screen.contains("5.5% complete") && screen.contains("Forecast (estimates)"),
        "the text report:\n{screen}"
    );
    assert!(!screen.contains("help"), "no key bar:\n{screen}");
}

/// The manifest opened through a link to a folder (`current -> releases/1`)
/// that is swapped for another (`ln -sfn releases/2 current`): the new
/// folder's file shows, and its edits are followed; `r` says it reloaded.
#[test]
fn a_swapped_folder_link_is_followed() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::new("linkswap");
    t.sh("mkdir -p releases/1 releases/2 && ln -s releases/1 current");
    fs::write(t.dir.path().join("releases/1/readiness.toml"), manifest(11)).expect("write");
    fs::write(t.dir.path().join("releases/2/readiness.toml"), manifest(13)).expect("write");
    t.launch(&t.dir.path().join("current/readiness.toml"), &[]);
    t.shows(11, "start");
    t.sh("ln -sfn releases/2 current");
    t.shows(13, "swapping the folder link");
    t.sh("sed -i 's/progress = 13/progress = 15/' releases/2/readiness.toml");
    let screen = t.shows(15, "an edit in the new folder");
    assert!(!screen.contains("polling"), "still watching:\n{screen}");
    t.keys(&["r"]);
    t.wait_for("the reload feedback", |s| s.contains("reloaded "));
}

/// `e` runs `$EDITOR +LINE FILE` on the terminal, the dashboard out of the
/// way: the editor gets the keys typed (the dashboard does not read them
/// meanwhile), its save shows after, and the dashboard is back in raw mode.
#[test]
fn e_opens_the_editor_at_the_selected_line_and_reloads_after() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::new("editor");
    fs::write(&t.file, manifest(11)).expect("write");
    let script = t.dir.path().join("editor.sh");
    fs::write(
        &script,
        "#!/bin/sh\n\
         echo \"$@\" > editor-args\n\
         printf 'EDITOR-WAITING\\n'\n\
         read answer\n\
         echo \"$answer\" > editor-answer\n\
         sed -i 's/progress = 11/progress = 17/' \"$2\"\n",
    )
    .expect("write the editor");
    t.sh("chmod +x editor.sh");
    t.launch(&t.file, &[("EDITOR", &script.display().to_string())]);
    t.shows(11, "start");
    // The tasks pane, its second task (beta, whose table starts on line 14).
    t.keys(&["Tab", "Tab", "Tab", "j"]);
    t.keys(&["e"]);
    t.wait_for("the editor", |s| s.contains("EDITOR-WAITING"));
    assert_eq!(
        t.format("#{alternate_on}"),
        "0",
        "the editor has the screen"
    );
    t.keys(&["-l", "typed-in-the-editor"]);
    t.keys(&["Enter"]);
    t.shows(17, "the editor's save");
    t.wait_format("#{alternate_on}", "1");
    let args = fs::read_to_string(t.dir.path().join("editor-args")).expect("editor ran");
    assert_eq!(args.trim(), format!("+14 {}", t.file.display()));
    let answer = fs::read_to_string(t.dir.path().join("editor-answer")).expect("answer");
    assert_eq!(
        answer.trim(),
        "typed-in-the-editor",
        "the editor got every key"
    );
    // Keys act at once again.
    t.keys(&["?"]);
    t.wait_for("the help popup", |s| s.contains("show or hide this help"));
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

/// The mouse: a click focuses the tasks pane and selects the row under it,
/// a second click on it opens it, the wheel moves the selection, and a click
/// on the `!` marker lists the warnings.
#[test]
fn mouse_clicks_and_the_wheel() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let t = Term::new("mouse");
    // A claim far from the figure makes a warning, and so the marker.
    fs::write(
        &t.file,
        manifest(11).replace("[project]\n", "[project]\nclaimed = 90\n"),
    )
    .expect("write");
    t.launch(&t.file, &[]);
    let screen = t.shows(11, "start");
    let (x, y) = find(&screen, "Task beta").expect("beta's row");
    t.click(x, y);
    t.wait_for("the tasks pane focused, beta selected", |s| {
        s.contains("◷ waiting beta") || s.contains("○ todo beta")
    });
    t.click(x, y);
    t.wait_for("beta's detail view", |s| s.contains("depends on"));
    t.keys(&["Escape"]);
    t.wait_for("the detail view closed", |s| !s.contains("depends on"));
    let screen = t.screen();
    let (x, y) = find(&screen, "Task alpha").expect("alpha's row");
    t.wheel(false, x, y);
    t.wait_for("the wheel moving the selection up to alpha", |s| {
        s.contains("▶ doing alpha") || s.contains("○ todo alpha")
    });
    let screen = t.screen();
    let (x, y) = find(&screen, "! 1 warning").expect("the marker");
    t.click(x, y);
    t.wait_for("the warnings listed", |s| s.contains("claimed 90%"));
    t.keys(&["Escape", "q"]);
    assert_eq!(t.wait_exit(), 0);
}

//! A private tmux server for the end-to-end dashboard tests (tests/live.rs,
//! tests/evidence_live.rs): a unique socket per test, commands run against
//! it, the screen captured and polled with a bound (no fixed sleeps), and the
//! server killed on drop. The server, and so every shell and program in
//! its panes, starts in the hermetic environment (common/hermetic.rs; a
//! test including this includes that too).

use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long a change may take to show. Generous: CI runs these on two cores
/// beside the other tests; the dashboard itself takes well under 100 ms.
pub const BOUND: Duration = Duration::from_secs(15);
pub const POLL: Duration = Duration::from_millis(20);

/// Fails the test with an install hint when `tool` is not on the `PATH`.
pub fn require(tool: &str) {
    let found = crate::hermetic::command(tool)
        .arg(if tool == "tmux" { "-V" } else { "--version" })
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "`{tool}` is required by the end-to-end dashboard tests but was not found; \
         install it (e.g. `apt-get install -y tmux vim git`)"
    );
}

/// Calls `probe` every [`POLL`] until it gives a value; after [`BOUND`]
/// fails the test with `what` and the probe's last word on why not.
pub fn poll<T>(what: &str, mut probe: impl FnMut() -> Result<T, String>) -> T {
    let start = Instant::now();
    loop {
        match probe() {
            Ok(value) => return value,
            Err(why) => assert!(
                start.elapsed() < BOUND,
                "timed out after {BOUND:?} waiting for {what}; {why}"
            ),
        }
        std::thread::sleep(POLL);
    }
}

/// A tmux server of its own; killed on drop.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A new server; `name` goes into its socket's name.
    pub fn new(name: &str) -> Tmux {
        require("tmux");
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "readiness-test-{}-{name}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        );
        Tmux { socket }
    }

    /// Runs `tmux ARGS` against this server, with no configuration file.
    pub fn run(&self, args: &[&str]) -> Output {
        crate::hermetic::command("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    /// Starts a detached session of `width`×`height` running `command` (a
    /// shell command line) in `dir`.
    pub fn session(&self, dir: &std::path::Path, command: &str, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        let dir = dir.display().to_string();
        let out = self.run(&["new-session", "-d", "-x", &w, "-y", &h, "-c", &dir, command]);
        assert!(out.status.success(), "tmux new-session failed: {out:?}");
    }

    /// The pane's text.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p"]).stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success(), "send-keys {keys:?}");
    }

    /// Polls the screen until `done` holds; fails with the screen otherwise.
    pub fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        poll(what, || {
            let screen = self.screen();
            if done(&screen) {
                Ok(screen)
            } else {
                Err(format!("the screen:\n{screen}"))
            }
        })
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

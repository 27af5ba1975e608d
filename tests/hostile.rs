//! Hostile inputs against every way out of the process (docs/trust.md):
//! repositories whose configuration names programs ([`repos`]) — nothing may
//! run, no `git` process may start — repositories whose own files are the
//! attack ([`gitfiles`]) — nothing may hang, exhaust memory or read another
//! repository — and text built to drive a terminal or a markdown renderer
//! ([`inject`]) — no such byte may get out — run through
//! `check`, `report` in every format, `render`, `render --present` and the
//! dashboard in tmux.

#[path = "common/hermetic.rs"]
mod hermetic;

#[allow(dead_code)]
#[path = "common/tmux.rs"]
mod tmux;

#[path = "common/tools.rs"]
mod tools;

/// Skips loudly (fails under CI) without git and tmux.
pub fn tools_missing() -> bool {
    tools::missing(&[&tools::GIT, &tools::TMUX])
}

#[path = "hostile/repos.rs"]
mod repos;

#[path = "hostile/inject.rs"]
mod inject;

#[path = "hostile/gitfiles.rs"]
mod gitfiles;

use std::fs;
use std::path::Path;

use serde_json::Value;

use repos::Traps;

pub use hermetic::BIN;
/// A Monday: the comparison day is Friday 2026-11-20.
pub const TODAY: &str = "2026-11-23";

/// A manifest with a blocked task, a gate and a done task.
pub const BASE: &str = r#"[project]
name = "Hostile"
target = 2026-12-18

[[component]]
id = "app"

[[task]]
id = "a"
title = "Login"
component = "app"
status = "done"
done = 2026-11-18
estimate = 1

[[task]]
id = "b"
title = "Search"
component = "app"
status = "doing"
estimate = 2

[[gate]]
id = "b-done"
tasks = ["b"]
"#;

/// Friday's manifest, and Monday's with `b` done and `e` added and blocked.
pub fn friday_and_monday() -> (String, String) {
    let monday = BASE.replace(
        "status = \"doing\"\nestimate = 2",
        "status = \"done\"\ndone = 2026-11-23\nestimate = 2",
    ) + "\n[[task]]\nid = \"e\"\ntitle = \"Tax\"\ncomponent = \"app\"\nblocker = \"vendor\"\nestimate = 2\n";
    (BASE.to_owned(), monday)
}

/// The binary in the hermetic environment with the traps' `PATH` (a
/// marking `git` first) and `env`.
pub fn readiness(traps: &Traps, env: &[(String, String)]) -> assert_cmd::Command {
    let mut c = hermetic::readiness();
    c.env("PATH", traps.path_var());
    for (k, v) in env {
        c.env(k, v);
    }
    c
}

/// One command's output.
#[derive(Debug)]
pub struct Run {
    pub label: String,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub code: Option<i32>,
}

/// `check`, `report` in every format, `render` and `render --present` on
/// `path`, with `args` added to each.
pub fn run_all(path: &Path, traps: &Traps, env: &[(String, String)], args: &[&str]) -> Vec<Run> {
    let commands: [&[&str]; 6] = [
        &["check"],
        &["report", "--format", "text"],
        &["report", "--format", "markdown"],
        &["report", "--format", "json"],
        &["render", "--width", "120", "--height", "40"],
        &["render", "--width", "100", "--height", "30", "--present"],
    ];
    commands
        .iter()
        .map(|command| {
            let out = readiness(traps, env)
                .arg(path)
                .args(*command)
                .args(["--today", TODAY])
                .args(args)
                .output()
                .expect("runs");
            Run {
                label: command.join(" "),
                stdout: out.stdout,
                stderr: out.stderr,
                code: out.status.code(),
            }
        })
        .collect()
}

/// [`run_all`], each command succeeding (`check` may say not ready); the
/// JSON report.
pub fn run_everything(path: &Path, traps: &Traps, env: &[(String, String)]) -> Value {
    let runs = run_all(path, traps, env, &[]);
    for run in &runs {
        assert!(
            matches!(run.code, Some(0 | 1)),
            "{}: {:?}\n{}",
            run.label,
            run.code,
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let json = runs
        .iter()
        .find(|r| r.label.ends_with("json"))
        .expect("a JSON run");
    serde_json::from_slice(&json.stdout).expect("JSON")
}

/// The dashboard on `path` in a private tmux server (presentation mode, so
/// the history's arrival shows as "Since Fri 2026-11-20"), until the history has
/// been read; then quits. Returns the screen.
pub fn tmux_dashboard(path: &Path, traps: &Traps, env: &[(String, String)]) -> String {
    let tmux = tmux::Tmux::new("hostile");
    let dir = path.parent().expect("folder");
    // The environment through a script: values carry quotes and spaces.
    let script = tempfile::NamedTempFile::new().expect("script");
    let mut text = String::from("#!/bin/sh\n");
    text.push_str(&format!(
        "export PATH={}\nexport TZ=UTC\n",
        quote(&traps.path_var())
    ));
    for (k, v) in env {
        text.push_str(&format!("export {k}={}\n", quote(v)));
    }
    text.push_str(&format!(
        "exec {} {} --today {TODAY} --present\n",
        quote(BIN),
        quote(&path.display().to_string())
    ));
    fs::write(script.path(), text).expect("write script");
    let command = format!(
        "sh {}; exec sleep 600",
        quote(&script.path().display().to_string())
    );
    tmux.session(dir, &command, 120, 40);
    let screen = tmux.wait_for("the history's since", |s| {
        s.contains("Since Fri") && (s.contains("Nov 20") || s.contains("2026-11-20"))
    });
    tmux.keys(&["q"]);
    screen
}

/// `text` in single quotes for sh.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

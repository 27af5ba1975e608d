//! One hermetic environment for every program a test runs: the binary, git,
//! tmux (and so the shell and the dashboard in its panes), the shells and
//! the tools that write fixtures. Each starts from a cleared environment
//! with `PATH` kept and the rest pinned, so that a developer's `NO_COLOR`,
//! `COLORTERM`, `TZ`, locale, `EDITOR`, `GIT_DIR`, `READINESS_*` or
//! `~/.gitconfig` never changes a test's result (the model is jj's
//! `cli/tests/common/test_environment.rs`).
//!
//! Include with `#[path = "common/hermetic.rs"] mod hermetic;`, then run the
//! binary with `hermetic::readiness()` (an `assert_cmd::Command`), any other
//! program with `hermetic::command("sh")`, git in a folder with
//! `hermetic::git(dir)`, a fixture writer from the developer's toolchain
//! with `hermetic::toolchain("python3")`. tests/house.rs fails on a test
//! that starts a program any other way. A test that needs a variable sets it on the command
//! it gets (`.env("NO_COLOR", "1")`), where the reader sees it.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Once, OnceLock};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_readiness");

/// Every variable a program run by a test sees besides `PATH` and `HOME`.
/// Not set, on purpose: `NO_COLOR`, `COLORTERM`, `CLICOLOR*`, `VISUAL` (it
/// would win over `EDITOR`), `GIT_DIR` and every other `GIT_*` not below,
/// `READINESS_*`, `RUST_BACKTRACE`, `CI`.
pub const PINNED: &[(&str, &str)] = &[
    ("TERM", "xterm-256color"),
    ("COLUMNS", "80"),
    ("LINES", "24"),
    // A no-op editor: `e` without a test's own `EDITOR` returns at once
    // and leaves the file as it was.
    ("EDITOR", "true"),
    ("TZ", "UTC"),
    ("LANG", "C.UTF-8"),
    ("LC_ALL", "C.UTF-8"),
    ("PAGER", "cat"),
    ("GIT_PAGER", "cat"),
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_CONFIG_SYSTEM", "/dev/null"),
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_TERMINAL_PROMPT", "0"),
    ("GIT_AUTHOR_NAME", "Test"),
    ("GIT_AUTHOR_EMAIL", "test@example.com"),
    ("GIT_COMMITTER_NAME", "Test"),
    ("GIT_COMMITTER_EMAIL", "test@example.com"),
    ("GIT_AUTHOR_DATE", "2026-11-02T12:00:00+0000"),
    ("GIT_COMMITTER_DATE", "2026-11-02T12:00:00+0000"),
];

/// For a test that calls the library in-process where it reads the local
/// time zone (the end of the comparison day, docs/manifest.md "Since the
/// last working day"): the test process's own `TZ` pinned to UTC, once,
/// before the first such call, as every program it starts has it.
pub fn utc_in_process() {
    static ONCE: Once = Once::new();
    // SAFETY: std's environment lock serialises this with every other
    // `std::env` read of the test threads, and chrono reads `TZ` through
    // `std::env`; no test of this binary reads the environment through
    // libc directly.
    ONCE.call_once(|| unsafe { std::env::set_var("TZ", "UTC") });
}

/// The `HOME` every program sees: an empty folder of the build's own
/// (`target/tmp/hermetic-home`), so no dotfile of the developer's is read.
/// A test that writes there uses a `HOME` of its own instead.
pub fn home() -> &'static Path {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    HOME.get_or_init(|| {
        let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hermetic-home");
        std::fs::create_dir_all(&home).expect("create the hermetic HOME");
        home
    })
}

/// `program` in the hermetic environment.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut c = Command::new(program);
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home())
        .envs(PINNED.iter().copied());
    // Coverage runs write their profiles where the runner said.
    if let Some(profile) = std::env::var_os("LLVM_PROFILE_FILE") {
        c.env("LLVM_PROFILE_FILE", profile);
    }
    c
}

/// The binary in the hermetic environment.
pub fn readiness() -> assert_cmd::Command {
    assert_cmd::Command::from_std(command(BIN))
}

/// `git` in `dir`, in the hermetic environment; commits are never signed.
pub fn git(dir: &Path) -> Command {
    let mut c = command("git");
    c.current_dir(dir).args(["-c", "commit.gpgsign=false"]);
    c
}

/// A tool from the developer's own toolchain that writes a fixture
/// (`cargo nextest`, `python3 -m pytest`, Python's `jsonschema`, `taplo`):
/// the hermetic environment, but with the real `HOME` and the toolchain's
/// own variables kept, since rustup, pyenv and `pip install --user` find
/// what they installed through them. Never the binary, git or a shell.
pub fn toolchain(program: impl AsRef<OsStr>) -> Command {
    let mut c = command(program);
    if let Some(home) = std::env::var_os("HOME") {
        c.env("HOME", home);
    }
    for key in [
        "CARGO_HOME",
        "RUSTUP_HOME",
        "RUSTUP_TOOLCHAIN",
        "PYENV_ROOT",
        "PYENV_VERSION",
        "VIRTUAL_ENV",
        "PYTHONUSERBASE",
    ] {
        if let Some(value) = std::env::var_os(key) {
            c.env(key, value);
        }
    }
    c
}

//! Every exit status `readiness` returns, in one table (docs/cli.md, "Exit
//! status"; the man page prints [`TABLE`]), the way ripgrep keeps its own:
//! scripts and CI branch on these, so each means one thing whichever
//! command returns it.
//!
//! | status | meaning |
//! |---:|---|
//! | 0 | success; `check`: ready |
//! | 1 | `check`: not ready (a hard gate does not pass) |
//! | 2 | the manifest is invalid or cannot be read, bad usage, or output failed (a closed terminal, a full disk) |
//! | 101 | the dashboard stopped on an internal error (the terminal is restored first) |
//! | 128 + N | the dashboard ended by signal N: SIGHUP 129, SIGINT 130, SIGTERM 143 |

/// Success; for `check`, ready.
pub const OK: u8 = 0;
/// `check`: a hard gate does not pass.
pub const NOT_READY: u8 = 1;
/// An invalid or unreadable manifest, bad usage, or output that failed.
pub const ERROR: u8 = 2;
/// The dashboard stopped on an internal error (a panic), as Rust's own.
pub const PANIC: u8 = 101;

/// Each status and what it means, for the man page and docs/cli.md.
pub const TABLE: &[(&str, &str)] = &[
    ("0", "ready (check), or success"),
    (
        "1",
        "not ready: a hard gate fails or is unknown (check only)",
    ),
    (
        "2",
        "the manifest is invalid or cannot be read, an edit was refused, init found the file already there, the command line is wrong, or output failed",
    ),
    (
        "101",
        "the dashboard stopped on an internal error (the terminal is restored first)",
    ),
    (
        "128+N",
        "the dashboard was ended by signal N: 129 SIGHUP, 130 SIGINT, 143 SIGTERM",
    ),
];

/// The conventional status of a process ended by `signal`: 128 + N.
pub fn signal(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(ERROR)
}

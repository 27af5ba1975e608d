//! Evidence for the evidence gates (docs/manifest.md, "Gate criteria"): what
//! the shell found in the JUnit and coverage files and what the commands did,
//! as plain data that the pure core turns into gate status
//! ([`crate::model::gates`]). The parsers here are pure too (a reader in, a
//! summary out); reading files, expanding globs and running commands is
//! [`crate::collect`]'s job.

pub mod coverage;
pub mod junit;
pub mod lcov;
pub mod text;
pub mod xml;

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

pub use coverage::{CoverageFormat, CoverageSummary};
pub use junit::JunitSummary;

/// Everything collected for one manifest's evidence gates, keyed by what
/// the gate names, so that gates naming the same file share it. A gate
/// whose key is absent was not collected (e.g. `readiness::evaluate`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// When the evidence was collected: ages ("3 min ago") count from here.
    pub now: Option<SystemTime>,
    /// By `junit` path or glob: the files it matched (none: no match), or
    /// why the pattern could not be expanded.
    pub junit: BTreeMap<String, Result<Vec<FileEvidence<JunitSummary>>, String>>,
    /// By `coverage` path.
    pub coverage: BTreeMap<String, FileEvidence<CoverageSummary>>,
    /// By `command` text.
    pub commands: BTreeMap<String, CommandEvidence>,
}

/// One evidence file as read.
#[derive(Debug, Clone, PartialEq)]
pub struct FileEvidence<T> {
    /// The path as shown: relative to the manifest's folder.
    pub name: String,
    /// Its modification time, for the evidence's age.
    pub modified: Option<SystemTime>,
    /// What it says, or why it cannot be used.
    pub read: Result<T, String>,
}

/// What became of a gate's command.
#[derive(Debug, Clone, PartialEq)]
pub enum CommandEvidence {
    /// `--allow-commands` was not given: the command was not run.
    NotAllowed,
    /// It is running (the dashboard runs commands in the background).
    Running,
    /// It could not be started (no `sh`, the folder is gone).
    NotStarted(String),
    Ran(CommandRun),
}

/// A finished run of a command.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandRun {
    pub exit: Exit,
    /// The last non-empty line of its output (stdout and stderr together).
    pub last_line: Option<String>,
    pub took: Duration,
    /// When it finished.
    pub finished: SystemTime,
}

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// It exited with this status.
    Code(i32),
    /// A signal ended it (not ours).
    Signal(i32),
    /// It ran past its timeout and its process group was killed.
    TimedOut(Duration),
}

/// An age for people: `just now`, `3 min ago`, `1 h ago`, `2 d ago`; a time
/// in the future (clock skew, a file touched ahead) reads `just now`.
pub fn age(then: SystemTime, now: SystemTime) -> String {
    let secs = now.duration_since(then).map_or(0, |d| d.as_secs());
    match secs {
        0..60 => "just now".into(),
        60..3_600 => format!("{} min ago", secs / 60),
        3_600..86_400 => format!("{} h ago", secs / 3_600),
        _ => format!("{} d ago", secs / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let ago = |s: u64| age(now - Duration::from_secs(s), now);
        assert_eq!(ago(0), "just now");
        assert_eq!(ago(59), "just now");
        assert_eq!(ago(180), "3 min ago");
        assert_eq!(ago(3_600), "1 h ago");
        assert_eq!(ago(86_400 * 2 + 5), "2 d ago");
        assert_eq!(age(now + Duration::from_secs(30), now), "just now");
    }
}

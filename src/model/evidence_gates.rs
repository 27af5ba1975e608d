//! The evidence gates (docs/manifest.md, "Gate criteria"), from evidence the
//! shell collected: a
//! `junit` gate from its test counts, a `coverage` gate from its line
//! coverage, a `command` gate from its exit. Pure; the details name the
//! figure and the evidence's age (`548/550 passed, 2 failed · 3 min ago`,
//! `coverage 73.0% ≥ 70 · cobertura.xml · 1 h ago`).

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::evidence::{self, CommandEvidence, Evidence, Exit, FileEvidence, JunitSummary};

use super::compare;
use super::format::num;
use super::gates::{GateResult, GateStatus};

/// The detail of a gate whose evidence nobody collected.
pub const NOT_COLLECTED: &str = "evidence not collected";
/// The detail of a command gate without `--allow-commands`.
pub const NOT_ALLOWED: &str = "not run: pass --allow-commands to run it";
/// The detail of a command gate while its command runs.
pub const RUNNING: &str = "running…";

fn result(status: GateStatus, detail: String) -> GateResult {
    GateResult {
        status,
        detail,
        running: false,
    }
}

fn unknown(detail: impl Into<String>) -> GateResult {
    result(GateStatus::Unknown, detail.into())
}

/// A `junit` gate: at least `min_tests` test cases, and at least
/// `min_pass_rate` percent of those that ran (not skipped) passed.
pub fn junit(pattern: &str, min_tests: u64, min_pass_rate: f64, evidence: &Evidence) -> GateResult {
    let files = match evidence.junit.get(pattern) {
        None => return unknown(NOT_COLLECTED),
        Some(Err(reason)) => return unknown(reason.as_str()),
        Some(Ok(files)) => files,
    };
    if files.is_empty() {
        return unknown(format!("no file matches {pattern}"));
    }
    let mut total = JunitSummary::default();
    let mut bad = files
        .iter()
        .filter_map(|f| f.read.as_ref().err().map(|e| (f, e)));
    if let Some((file, reason)) = bad.next() {
        let more = bad.count();
        let more = if more > 0 {
            format!(" · {more} more unreadable")
        } else {
            String::new()
        };
        return unknown(format!("{}: {reason}{more}", file.name));
    }
    for summary in files.iter().filter_map(|f| f.read.as_ref().ok()) {
        total.add(summary);
    }
    let (ran, passed) = (total.ran(), total.passed());
    let mut parts = vec![format!("{passed}/{ran} passed")];
    if total.failed > 0 {
        parts[0].push_str(&format!(", {} failed", total.failed));
    }
    if total.skipped > 0 {
        parts[0].push_str(&format!(", {} skipped", total.skipped));
    }
    let mut pass = true;
    if total.tests < min_tests {
        pass = false;
        parts.push(format!("{} tests < min {min_tests}", total.tests));
    }
    if ran == 0 {
        if min_tests > 0 && total.tests >= min_tests {
            pass = false;
            parts.push("no test ran".into());
        }
    } else {
        let rate = 100.0 * passed as f64 / ran as f64;
        if !compare::at_least(rate, min_pass_rate) {
            pass = false;
            parts.push(format!(
                "pass rate {}% < {}",
                compare::shown(rate, 1, true, &[min_pass_rate, 100.0]),
                num(min_pass_rate)
            ));
        }
    }
    parts.extend(disagreement(files));
    if files.len() > 1 {
        parts.push(format!("{} files", files.len()));
    }
    let oldest = files.iter().filter_map(|f| f.modified).min();
    parts.extend(age(oldest, evidence.now));
    let status = if pass {
        GateStatus::Pass
    } else {
        GateStatus::Fail
    };
    result(status, parts.join(" · "))
}

/// Where a file's summary attributes disagree with its test cases, said
/// for the first such file (`summary says 552 tests`; with several files,
/// `summary of a.xml says …`).
fn disagreement(files: &[FileEvidence<JunitSummary>]) -> Option<String> {
    let mut disagreeing = files.iter().filter_map(|f| {
        let found = f.read.as_ref().ok()?.disagreements();
        (!found.is_empty()).then_some((f, found))
    });
    let (file, found) = disagreeing.next()?;
    let said: Vec<String> = found
        .iter()
        .map(|(what, claimed, _)| format!("{claimed} {what}"))
        .collect();
    let whose = if files.len() > 1 {
        format!("summary of {}", file.name)
    } else {
        "summary".to_owned()
    };
    let more = match disagreeing.count() {
        0 => String::new(),
        n => format!(" (and {n} more files)"),
    };
    Some(format!("{whose} says {}{more}", said.join(", ")))
}

/// A `coverage` gate: the report's line coverage is at least `min` percent.
pub fn coverage(path: &str, min: f64, evidence: &Evidence) -> GateResult {
    let Some(file) = evidence.coverage.get(path) else {
        return unknown(NOT_COLLECTED);
    };
    let FileEvidence {
        name,
        modified,
        read,
    } = file;
    let summary = match read {
        Ok(summary) => summary,
        Err(reason) => return unknown(format!("{name}: {reason}")),
    };
    // Rounded, with more decimals where one would contradict the verdict.
    let shown = compare::shown(summary.percent, 1, false, &[min, 0.0, 100.0]);
    let (status, sign) = if compare::at_least(summary.percent, min) {
        (GateStatus::Pass, "≥")
    } else {
        (GateStatus::Fail, "<")
    };
    let file_name = Path::new(name)
        .file_name()
        .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    let mut parts = vec![format!("coverage {shown}% {sign} {}", num(min)), file_name];
    parts.extend(age(*modified, evidence.now));
    result(status, parts.join(" · "))
}

/// A `command` gate: the command exited 0 within its timeout.
pub fn command(command: &str, evidence: &Evidence) -> GateResult {
    let run = match evidence.commands.get(command) {
        None => return unknown(NOT_COLLECTED),
        Some(CommandEvidence::NotAllowed) => return unknown(NOT_ALLOWED),
        Some(CommandEvidence::Running) => {
            return GateResult {
                running: true,
                ..unknown(RUNNING)
            };
        }
        Some(CommandEvidence::NotStarted(reason)) => {
            return unknown(format!("could not start: {reason}"));
        }
        Some(CommandEvidence::Ran(run)) => run,
    };
    let (status, exit) = match run.exit {
        Exit::Code(0) => (GateStatus::Pass, "exit 0".to_owned()),
        Exit::Code(code) => (GateStatus::Fail, format!("exit {code}")),
        Exit::Signal(signal) => (GateStatus::Fail, format!("killed by signal {signal}")),
        Exit::TimedOut(limit) => (
            GateStatus::Fail,
            format!("timed out after {}", duration(limit)),
        ),
    };
    let mut parts = vec![exit];
    parts.extend(run.last_line.clone());
    parts.push(format!("took {}", duration(run.took)));
    // A command run a moment ago needs no age; one the dashboard ran a while
    // back does.
    if let Some(now) = evidence.now {
        let ago = evidence::age(run.finished, now);
        if ago != "just now" {
            parts.push(ago);
        }
    }
    result(status, parts.join(" · "))
}

/// The evidence's age, when both times are known.
fn age(then: Option<SystemTime>, now: Option<SystemTime>) -> Option<String> {
    Some(evidence::age(then?, now?))
}

/// A duration for people: `0.4 s`, `12 s`, `2 min 5 s`.
pub fn duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 10.0 {
        format!("{secs:.1} s")
    } else if secs < 60.0 {
        format!("{} s", d.as_secs())
    } else {
        let whole = d.as_secs();
        match whole % 60 {
            0 => format!("{} min", whole / 60),
            s => format!("{} min {s} s", whole / 60),
        }
    }
}

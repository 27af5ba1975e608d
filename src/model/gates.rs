//! Gate evaluation (docs/manifest.md, "Gate criteria"): pass, fail or unknown,
//! with a detail a person reads (`coverage 64.5 < 70`, `2/3 tasks done · open:
//! a, b`).

use chrono::NaiveDate;

use crate::manifest::{Criterion, Gate, Manifest, ManualStatus, Priority, Status};

use super::format::{list_ids, num};
use super::{compare, evidence_gates};
use crate::evidence::Evidence;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateStatus {
    Pass,
    Fail,
    Unknown,
}

impl GateStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            GateStatus::Pass => "pass",
            GateStatus::Fail => "fail",
            GateStatus::Unknown => "unknown",
        }
    }

    /// ✓ ✗ ?, so that status is never told by colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            GateStatus::Pass => "✓",
            GateStatus::Fail => "✗",
            GateStatus::Unknown => "?",
        }
    }
}

/// One gate's outcome (index-aligned with `Manifest::gates`).
#[derive(Debug, Clone, PartialEq)]
pub struct GateResult {
    pub status: GateStatus,
    pub detail: String,
    /// The gate's command is running (the detail then says so); the
    /// dashboard shows a spinner.
    pub running: bool,
}

/// Every gate's outcome, with the evidence the shell collected for the
/// evidence gates (`junit`, `coverage`, `command`; without it they are
/// unknown, "evidence not collected").
pub fn evaluate_gates_with(
    manifest: &Manifest,
    today: NaiveDate,
    evidence: &Evidence,
) -> Vec<GateResult> {
    manifest
        .gates
        .iter()
        .map(|gate| evaluate(gate, manifest, today, evidence))
        .collect()
}

/// How many open task ids a gate's detail names before `+N more`.
const OPEN_IDS: usize = 3;

fn evaluate(gate: &Gate, manifest: &Manifest, today: NaiveDate, evidence: &Evidence) -> GateResult {
    if let Some(result) = by_tasks(gate, manifest, OPEN_IDS) {
        return result;
    }
    match &gate.criterion {
        Criterion::Tasks(_) | Criterion::Priority(_) | Criterion::Components(_) => {
            unreachable!("decided by its tasks above")
        }
        Criterion::Metric { name, min, max } => metric(manifest, name, *min, *max),
        Criterion::Manual { status, expires } => manual(*status, *expires, today),
        Criterion::Junit {
            pattern,
            min_tests,
            min_pass_rate,
        } => evidence_gates::junit(pattern, *min_tests, *min_pass_rate, evidence),
        Criterion::Coverage { path, min } => evidence_gates::coverage(path, *min, evidence),
        Criterion::Command { command, .. } => evidence_gates::command(command, evidence),
    }
}

/// The detail of a gate decided by its tasks (`tasks`, `priority`,
/// `components`) with every open task named, as a detail view shows it
/// whole; `None` for the other criteria. The pane and the reports name
/// three and count the rest (`+7 more`).
pub fn whole_detail(gate: &Gate, manifest: &Manifest) -> Option<String> {
    by_tasks(gate, manifest, usize::MAX).map(|r| r.detail)
}

/// A gate decided by its tasks, naming at most `ids` open ones.
fn by_tasks(gate: &Gate, manifest: &Manifest, ids: usize) -> Option<GateResult> {
    Some(match &gate.criterion {
        Criterion::Tasks(list) => count_done(manifest, list.iter().copied(), "tasks", ids),
        Criterion::Priority(p) => {
            let scope = (0..manifest.tasks.len()).filter(|&i| manifest.tasks[i].priority <= *p);
            let noun = match p {
                Priority::P0 => "P0 tasks".to_owned(),
                p => format!("P0–{} tasks", p.as_str()),
            };
            count_done(manifest, scope, &noun, ids)
        }
        Criterion::Components(list) => components(manifest, list, ids),
        _ => return None,
    })
}

/// Passes when every task in scope (dropped ones left out) is done; the
/// detail names at most `ids` open tasks.
fn count_done(
    manifest: &Manifest,
    scope: impl Iterator<Item = usize>,
    noun: &str,
    ids: usize,
) -> GateResult {
    let mut total = 0;
    let mut dropped = 0;
    let mut open = Vec::new();
    for i in scope {
        let task = &manifest.tasks[i];
        match task.status {
            Status::Dropped => dropped += 1,
            Status::Done => total += 1,
            _ => {
                total += 1;
                open.push(task.id.as_str());
            }
        }
    }
    let done = total - open.len();
    if total == 0 {
        let detail = if dropped > 0 {
            format!("no {noun} left ({dropped} dropped)")
        } else {
            format!("no {noun}")
        };
        GateResult {
            status: GateStatus::Pass,
            detail,
            running: false,
        }
    } else if open.is_empty() {
        GateResult {
            status: GateStatus::Pass,
            detail: format!("{done}/{total} {noun} done"),
            running: false,
        }
    } else {
        GateResult {
            status: GateStatus::Fail,
            detail: format!(
                "{done}/{total} {noun} done · open: {}",
                list_ids(&open, ids)
            ),
            running: false,
        }
    }
}

/// Every task of the components done or dropped. A component without tasks
/// (dropped ones are left out, as in its completion) passes on `progress` 100.
fn components(manifest: &Manifest, list: &[usize], ids: usize) -> GateResult {
    let mut parts = Vec::new();
    let mut pass = true;
    for &c in list {
        let component = &manifest.components[c];
        let scope: Vec<usize> = (0..manifest.tasks.len())
            .filter(|&i| {
                let task = &manifest.tasks[i];
                task.component == c && task.status != Status::Dropped
            })
            .collect();
        if scope.is_empty() {
            let progress = component.progress.unwrap_or(0.0);
            pass &= compare::at_least(progress, 100.0);
            parts.push(format!("{} progress {}%", component.id, num(progress)));
        } else {
            let result = count_done(manifest, scope.into_iter(), "tasks", ids);
            pass &= result.status == GateStatus::Pass;
            parts.push(format!("{} {}", component.id, result.detail));
        }
    }
    GateResult {
        status: if pass {
            GateStatus::Pass
        } else {
            GateStatus::Fail
        },
        detail: parts.join("; "),
        running: false,
    }
}

fn metric(manifest: &Manifest, name: &str, min: Option<f64>, max: Option<f64>) -> GateResult {
    let Some(&(_, value)) = manifest.metrics.iter().find(|(n, _)| n == name) else {
        return GateResult {
            status: GateStatus::Unknown,
            detail: format!("no value for `{name}` in [metrics]"),
            running: false,
        };
    };
    let thresholds: Vec<f64> = min.into_iter().chain(max).collect();
    let v = compare::shown(value, 2, true, &thresholds);
    if let Some(min) = min.filter(|&m| !compare::at_least(value, m)) {
        return fail(format!("{name} {v} < {}", num(min)));
    }
    if let Some(max) = max.filter(|&m| !compare::at_most(value, m)) {
        return fail(format!("{name} {v} > {}", num(max)));
    }
    let detail = match (min, max) {
        (Some(lo), Some(hi)) => format!("{name} {v} within {}–{}", num(lo), num(hi)),
        (Some(lo), None) => format!("{name} {v} ≥ {}", num(lo)),
        (None, Some(hi)) => format!("{name} {v} ≤ {}", num(hi)),
        (None, None) => format!("{name} {v}"),
    };
    GateResult {
        status: GateStatus::Pass,
        detail,
        running: false,
    }
}

fn fail(detail: String) -> GateResult {
    GateResult {
        status: GateStatus::Fail,
        detail,
        running: false,
    }
}

/// A sign-off: passes until the day after `expires`; pending or expired is unknown.
fn manual(status: ManualStatus, expires: Option<NaiveDate>, today: NaiveDate) -> GateResult {
    match (status, expires) {
        (ManualStatus::Pass, Some(e)) if today > e => GateResult {
            status: GateStatus::Unknown,
            detail: format!("sign-off expired {e}"),
            running: false,
        },
        (ManualStatus::Pass, Some(e)) => GateResult {
            status: GateStatus::Pass,
            detail: format!("signed off · valid until {e}"),
            running: false,
        },
        (ManualStatus::Pass, None) => GateResult {
            status: GateStatus::Pass,
            detail: "signed off".into(),
            running: false,
        },
        (ManualStatus::Fail, _) => fail("marked failed".into()),
        (ManualStatus::Pending, _) => GateResult {
            status: GateStatus::Unknown,
            detail: "sign-off pending".into(),
            running: false,
        },
    }
}

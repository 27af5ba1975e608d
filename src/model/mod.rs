//! The figures of docs/manifest.md ("How the figures are computed") and the
//! [`Snapshot`] that every shell draws: a pure function of a validated manifest
//! and the date today.

pub mod blockers;
pub mod compare;
pub mod evidence_gates;
pub mod figures;
pub mod format;
pub mod gates;

use chrono::NaiveDate;

use crate::evidence::Evidence;
use crate::forecast::{self, Forecast, TaskInput};
use crate::manifest::{self, Diagnostic, Manifest, Severity, SourceMap};

pub use blockers::Blocker;
pub use figures::{ComponentFigures, TaskFigures, TaskState};
pub use gates::{GateResult, GateStatus};

/// How far `claimed` may be from the computed completion before it is flagged.
pub const CLAIM_TOLERANCE_POINTS: f64 = 5.0;

/// Everything the dashboard and the reports show, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub manifest: Manifest,
    pub today: NaiveDate,
    /// Percent, unrounded.
    pub completion: f64,
    pub ready: bool,
    /// Index-aligned with `manifest.tasks`.
    pub tasks: Vec<TaskFigures>,
    /// Index-aligned with `manifest.components`.
    pub components: Vec<ComponentFigures>,
    /// Index-aligned with `manifest.gates`.
    pub gates: Vec<GateResult>,
    pub blockers: Vec<Blocker>,
    pub forecast: Forecast,
    /// Warnings from loading the manifest and from the figures, in file order.
    pub warnings: Vec<Diagnostic>,
}

impl Snapshot {
    /// Hard gates that do not pass, with their results.
    pub fn hard_gates_not_passing(&self) -> impl Iterator<Item = (usize, &GateResult)> {
        self.gates.iter().enumerate().filter(|(i, g)| {
            self.manifest.gates[*i].severity == Severity::Hard && g.status != GateStatus::Pass
        })
    }

    pub fn hard_gate_count(&self) -> usize {
        self.manifest
            .gates
            .iter()
            .filter(|g| g.severity == Severity::Hard)
            .count()
    }
}

/// How figures are computed, beyond the manifest and the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Monte Carlo trials (docs/forecast.md): 2000, fewer on
    /// a huge plan, or exactly `--trials N`.
    pub trials: forecast::TrialPolicy,
}

impl Options {
    /// Exactly `n` trials, whatever the plan's size.
    pub fn exact_trials(n: u32) -> Self {
        Options {
            trials: forecast::TrialPolicy {
                requested: n,
                scale_down: false,
            },
        }
    }
}

/// The pure core: manifest text and today in, a snapshot or every diagnostic out.
pub fn evaluate(text: &str, today: NaiveDate) -> Result<Snapshot, Vec<Diagnostic>> {
    evaluate_with(text, today, Options::default())
}

/// [`evaluate`] with options (evidence gates unknown, "evidence not
/// collected").
pub fn evaluate_with(
    text: &str,
    today: NaiveDate,
    options: Options,
) -> Result<Snapshot, Vec<Diagnostic>> {
    evaluate_collecting(text, today, options, |_| Evidence::default())
}

/// Manifest text to snapshot, the one path every caller takes: loads and
/// checks the text, asks `collect` for the evidence of the manifest's
/// evidence gates (`junit`, `coverage`, `command`), computes the figures and
/// points the warnings at their lines.
pub fn evaluate_collecting(
    text: &str,
    today: NaiveDate,
    options: Options,
    collect: impl FnOnce(&Manifest) -> Evidence,
) -> Result<Snapshot, Vec<Diagnostic>> {
    let (mut snapshot, pending) = evaluate_deterministic(text, today, options, collect)?;
    if let Some(pending) = pending {
        complete(&mut snapshot, pending);
    }
    Ok(snapshot)
}

/// [`evaluate_collecting`] without running the Monte Carlo trials: the
/// snapshot of every deterministic figure ([`snapshot_deterministic`]) and
/// the trials left, for the caller to run when it likes with [`complete`]
/// — after a first frame (the dashboard), or not at all when they would
/// cost more than the caller can spend (`check` on a huge plan).
pub fn evaluate_deterministic(
    text: &str,
    today: NaiveDate,
    options: Options,
    collect: impl FnOnce(&Manifest) -> Evidence,
) -> Result<(Snapshot, Option<forecast::Pending>), Vec<Diagnostic>> {
    let map = SourceMap::new(text);
    let checked = manifest::load_mapped(text, &map)?;
    let evidence = collect(&checked.manifest);
    let (mut snapshot, pending) = snapshot_deterministic(
        checked.manifest,
        checked.warnings,
        today,
        options,
        &evidence,
    );
    map.locate(&mut snapshot.warnings);
    Ok((snapshot, pending))
}

/// What the forecast needs of each task's figures.
pub fn forecast_inputs(tasks: &[TaskFigures]) -> Vec<TaskInput> {
    tasks
        .iter()
        .map(|t| TaskInput {
            remaining_days: t.remaining,
            remaining_share: 1.0 - t.fraction,
            open: t.is_open(),
            blocked: t.state == TaskState::Blocked,
        })
        .collect()
}

/// Computes every figure of a validated manifest (evidence gates unknown,
/// "evidence not collected").
pub fn snapshot(
    manifest: Manifest,
    warnings: Vec<Diagnostic>,
    today: NaiveDate,
    options: Options,
) -> Snapshot {
    snapshot_with_evidence(manifest, warnings, today, options, &Evidence::default())
}

/// [`snapshot`] with the evidence for the evidence gates.
pub fn snapshot_with_evidence(
    manifest: Manifest,
    warnings: Vec<Diagnostic>,
    today: NaiveDate,
    options: Options,
    evidence: &Evidence,
) -> Snapshot {
    let (mut snapshot, pending) =
        snapshot_deterministic(manifest, warnings, today, options, evidence);
    if let Some(pending) = pending {
        complete(&mut snapshot, pending);
    }
    snapshot
}

/// Every figure but what the Monte Carlo trials give: the deterministic
/// forecast (finish, working days, each task's, person's and component's
/// finish, the critical path), with `forecast.pending` set and the
/// percentiles, target status and throughput check unset while there are
/// trials to run — they are returned, to run when the caller likes (on
/// another thread: a dashboard shows the rest first) and fill in with
/// [`complete`].
pub fn snapshot_deterministic(
    manifest: Manifest,
    mut warnings: Vec<Diagnostic>,
    today: NaiveDate,
    options: Options,
    evidence: &Evidence,
) -> (Snapshot, Option<forecast::Pending>) {
    let tasks = figures::task_figures(&manifest);
    let components = figures::component_figures(&manifest, &tasks);
    let completion = figures::completion(&manifest, &components);
    let gates = gates::evaluate_gates_with(&manifest, today, evidence);
    let ready = if manifest.gates.is_empty() {
        completion >= 100.0 - 1e-9
    } else {
        manifest
            .gates
            .iter()
            .zip(&gates)
            .all(|(g, r)| g.severity != Severity::Hard || r.status == GateStatus::Pass)
    };
    let blockers = blockers::blockers(&manifest, &tasks);
    let inputs = forecast_inputs(&tasks);
    let (forecast, pending) = forecast::prepare(
        &manifest,
        &inputs,
        figures::default_days(&manifest),
        today,
        options.trials,
    );
    if let Some(claimed) = manifest.project.claimed
        && let Some(gap) = format::claim_gap(claimed, completion, CLAIM_TOLERANCE_POINTS)
    {
        // The gap between the two figures as they read (docs/dashboard.md).
        let side = if gap > 0.0 { "over" } else { "under" };
        warnings.push(Diagnostic::warning(
            format!(
                "claimed {} but the tasks give {} ({} {side})",
                format::percent(claimed),
                format::percent(completion),
                format::points(gap),
            ),
            manifest.project.claimed_span.clone(),
        ));
    }
    let mut snapshot = Snapshot {
        manifest,
        today,
        completion,
        ready,
        tasks,
        components,
        gates,
        blockers,
        forecast,
        warnings,
    };
    if pending.is_none() {
        warn_cross_check(&mut snapshot);
    }
    warn_never(&mut snapshot);
    warn_record(&mut snapshot);
    manifest::sort_by_position(&mut snapshot.warnings);
    (snapshot, pending)
}

/// Runs the trials [`snapshot_deterministic`] left and fills in their
/// figures (percentiles of the plan and its components, the calibrated
/// and uncalibrated ones, target status, throughput check).
pub fn complete(snapshot: &mut Snapshot, pending: forecast::Pending) {
    complete_by_trial(snapshot, pending);
}

/// [`complete`], returning each trial's finish in trial order (for a
/// portfolio, whose trials pair up: docs/portfolio.md).
pub fn complete_by_trial(
    snapshot: &mut Snapshot,
    pending: forecast::Pending,
) -> Vec<Option<NaiveDate>> {
    let trials = pending.complete_by_trial(&mut snapshot.forecast);
    settle(snapshot);
    trials
}

/// The forecast again for a project of a portfolio whose people `taken`
/// holds are shared with other projects (docs/portfolio.md, *Shared
/// people*): the time earlier projects take of them is time away here.
/// Returns the trials to run, as [`snapshot_deterministic`] does; run them
/// with [`forecast::Pending::complete_shared`] and then [`settle`].
pub fn share(
    snapshot: &mut Snapshot,
    options: Options,
    taken: &forecast::Taken,
) -> Option<forecast::Pending> {
    let inputs = forecast_inputs(&snapshot.tasks);
    let (forecast, pending) = forecast::prepare_shared(
        &snapshot.manifest,
        &inputs,
        figures::default_days(&snapshot.manifest),
        snapshot.today,
        options.trials,
        taken,
    );
    // The warnings the forecast without sharing gave are its own.
    let old = [
        snapshot.forecast.missing.take(),
        format::throughput_check(&snapshot.forecast),
    ];
    snapshot
        .warnings
        .retain(|w| !old.iter().flatten().any(|o| *o == w.message));
    snapshot.forecast = forecast;
    if pending.is_none() {
        settle(snapshot);
    }
    pending
}

/// The warnings of a forecast whose trials ran outside [`complete`]
/// (the cross-check, no finish by the last date), in file order.
pub fn settle(snapshot: &mut Snapshot) {
    warn_cross_check(snapshot);
    warn_never(snapshot);
    manifest::sort_by_position(&mut snapshot.warnings);
}

/// When the plan has no finish by the last date: the warning naming why,
/// at the person's entry when a declared person's away range or focus is
/// the cause, and the same phrase as the forecast's `missing`. Once: a
/// snapshot already warned is left as it is.
fn warn_never(snapshot: &mut Snapshot) {
    let forecast = &snapshot.forecast;
    let Some(phrase) = format::never(forecast) else {
        return;
    };
    if forecast.missing.as_deref() == Some(phrase.as_str()) {
        return;
    }
    let span = forecast
        .never
        .and_then(|n| n.person)
        .filter(|_| forecast.roster.declared)
        .and_then(|p| snapshot.manifest.people.get(p))
        .map(|p| p.span.clone());
    snapshot.forecast.missing = Some(phrase.clone());
    snapshot.warnings.push(Diagnostic::warning(phrase, span));
}

/// Where the record is shaky (SPEC §2.2, *The record, robustly*): a ratio
/// drawn at the edge of what the rest make plausible, at its task; a done
/// task whose `actual` is 0, left out; a target already past.
fn warn_record(snapshot: &mut Snapshot) {
    let m = &snapshot.manifest;
    let mut warnings = Vec::new();
    if let Some(c) = &snapshot.forecast.calibration {
        for &(k, edge) in &c.capped {
            let r = &c.records[k];
            let t = &m.tasks[r.task];
            warnings.push(Diagnostic::warning(
                format!(
                    "task `{}` took {}× its estimate, far from the record's median of {}×: drawn as {}× at most; `calibrate = false` leaves it out if it measured something else",
                    t.id,
                    format::num(r.ratio),
                    format::num(c.median_ratio),
                    format::num(edge),
                ),
                Some(t.span.clone()),
            ));
        }
    }
    for i in crate::forecast::calibration::zero_actuals(m) {
        let t = &m.tasks[i];
        warnings.push(Diagnostic::warning(
            format!(
                "task `{}` has `actual` 0: it says nothing of how long work takes and is left out of the record",
                t.id
            ),
            Some(t.span.clone()),
        ));
    }
    if let Some(target) = m.project.target
        && target < snapshot.today
        && snapshot.forecast.method != forecast::Method::Done
    {
        warnings.push(Diagnostic::warning(
            format!(
                "the target {target} is past (today is {}): the work left cannot meet it",
                snapshot.today
            ),
            None,
        ));
    }
    snapshot.warnings.extend(warnings);
}

/// The warning when the estimates and the throughput disagree.
fn warn_cross_check(snapshot: &mut Snapshot) {
    let forecast = &snapshot.forecast;
    if forecast.cross_check.is_some_and(|c| c.disagrees())
        && let Some(phrase) = format::throughput_check(forecast)
    {
        snapshot.warnings.push(Diagnostic::warning(phrase, None));
    }
}

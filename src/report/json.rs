//! The JSON report (docs/cli.md, "The JSON report") — stable: scripts depend on it. Fields may be
//! added; none is renamed or removed. Dates are `YYYY-MM-DD`, percents unrounded.

use serde::Serialize;

use crate::forecast::LinkKind;
use crate::model::Snapshot;

/// One project's report (fields private: the format is the document).
#[derive(Serialize)]
pub struct Report<'a> {
    project: Project<'a>,
    today: String,
    completion: f64,
    ready: bool,
    components: Vec<Component<'a>>,
    gates: Vec<Gate<'a>>,
    blockers: Vec<Blocker<'a>>,
    forecast: Forecast<'a>,
    warnings: Vec<Warning>,
    /// What changed since the last working day (standup mode); left out
    /// when the caller did not compute it.
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<super::since::Json<'a>>,
    /// The forecast's history (docs/trend.md, "JSON"); left out when the
    /// caller did not read it or the file has no history in the window.
    #[serde(skip_serializing_if = "Option::is_none")]
    trend: Option<super::trend::Json>,
}

#[derive(Serialize)]
struct Project<'a> {
    name: &'a str,
    version: Option<&'a str>,
    target: Option<String>,
    claimed: Option<f64>,
}

#[derive(Serialize)]
struct Component<'a> {
    id: &'a str,
    name: &'a str,
    weight: f64,
    completion: f64,
    tasks: usize,
    done: usize,
    blocked: usize,
    /// When its open tasks are done: the deterministic schedule's finish,
    /// and P50/P85/P95 from the same trials as the plan's (null without
    /// open tasks or a schedule).
    finish: Option<String>,
    p50: Option<String>,
    p85: Option<String>,
    p95: Option<String>,
}

#[derive(Serialize)]
struct Gate<'a> {
    id: &'a str,
    name: &'a str,
    severity: &'static str,
    status: &'static str,
    detail: &'a str,
}

#[derive(Serialize)]
struct Blocker<'a> {
    task: &'a str,
    title: &'a str,
    reason: Option<&'a str>,
    holds_up_days: f64,
}

#[derive(Serialize)]
struct Forecast<'a> {
    method: &'static str,
    remaining_days: f64,
    working_days: Option<u64>,
    finish: Option<String>,
    p50: Option<String>,
    p85: Option<String>,
    p95: Option<String>,
    assumed_unblocked: usize,
    target_status: Option<&'static str>,
    /// Added: working days from P85 to the target (negative when past it).
    target_slack_days: Option<i64>,
    /// Added: the first working day the forecast counts from.
    day_zero: String,
    /// Added: open tasks.
    remaining_tasks: usize,
    /// Added: Monte Carlo trials behind the percentiles (null when nothing
    /// was drawn) and their seed, in hex.
    trials: Option<u32>,
    trials_requested: u32,
    seed: Option<String>,
    /// Added: the task ids that set the deterministic finish, first to last.
    critical_path: Vec<&'a str>,
    /// Added: the links between them: `dependency` (a → b) or `queue` (the
    /// same worker's next task, `person` null for an anonymous worker).
    critical_links: Vec<CriticalLink<'a>>,
    /// Added: when one person's load alone sets the finish, whose and how
    /// long (working days of work, and away before the finish).
    critical_load: Option<CriticalLoad<'a>>,
    /// Added: everyone who works (team.people, raised to the named people).
    headcount: u32,
    /// Every named person: their open work in the deterministic schedule.
    people: Vec<Person<'a>>,
    /// The named person whose work ends last.
    bottleneck: Option<&'a str>,
    /// The team's record when it calibrates the percentiles (then P50/P85/
    /// P95 and target_status are calibrated); null otherwise.
    calibration: Option<Calibration<'a>>,
    /// Added: without calibration, the samples so far and how many more
    /// done tasks with `started` (or `actual`) it needs.
    calibration_needs: Option<CalibrationNeeds>,
    /// Added: the trials have not run yet (deterministic figures only).
    pending: bool,
    /// Added: open tasks without an estimate, and the days each counts for.
    unestimated: usize,
    unestimated_days: f64,
    /// Added: the throughput history (throughput method, or the check).
    history: Option<History>,
    /// Added: the throughput forecast beside the estimates.
    throughput_check: Option<ThroughputCheck>,
    /// Added: why there is no date, when there is none.
    missing: Option<&'a str>,
    /// Added: with a target, the share of trials finishing on or before
    /// it (0 to 1); null without a target.
    chance: Option<f64>,
    /// Added: no finish by 2999-12-31 (then finish and the percentiles are
    /// null, and a warning says why).
    never: bool,
    /// Added: the done tasks whose ratios move the P85 most (leave-one-
    /// out, SPEC §2.2 *The record, robustly*), largest move first.
    record_movers: Vec<RecordMover<'a>>,
}

#[derive(Serialize)]
struct RecordMover<'a> {
    task: &'a str,
    /// Effort over estimate.
    ratio: f64,
    /// Working days the P85 is later with this record than without it.
    p85_days: i64,
}

#[derive(Serialize)]
struct CriticalLink<'a> {
    from: &'a str,
    to: &'a str,
    kind: &'static str,
    person: Option<&'a str>,
}

#[derive(Serialize)]
struct CriticalLoad<'a> {
    person: &'a str,
    working_days: f64,
    away_days: f64,
}

#[derive(Serialize)]
struct Person<'a> {
    id: &'a str,
    name: &'a str,
    focus: f64,
    /// Σ remaining days of the open tasks they work (estimate days).
    remaining_days: f64,
    /// Added: those days over their focus.
    working_days: f64,
    /// Added: open tasks they work (their own, and unowned ones they take).
    tasks: usize,
    finish: Option<String>,
    /// Working days away from day 0 to the plan's finish.
    away_days: u64,
    /// Added: in a portfolio, their open work in its other projects
    /// (docs/portfolio.md, "Shared people"); left out when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    elsewhere: Option<PersonElsewhere<'a>>,
}

#[derive(Serialize)]
struct PersonElsewhere<'a> {
    /// Other projects with open work of theirs, its working days (estimate
    /// days over their focus) and open tasks.
    projects: usize,
    working_days: f64,
    tasks: usize,
    /// Of those working days, the ones in projects before this one: done
    /// first, and this project's forecast waits for them.
    before_working_days: f64,
    /// The largest few, most working days first.
    largest: Vec<ElsewhereProject<'a>>,
}

#[derive(Serialize)]
struct ElsewhereProject<'a> {
    /// The other project's name in the portfolio.
    project: &'a str,
    working_days: f64,
    tasks: usize,
    /// It comes before this one in the portfolio.
    before: bool,
}

#[derive(Serialize)]
struct Calibration<'a> {
    samples: usize,
    median_ratio: f64,
    uncalibrated: Percentiles,
    /// Added: each owner with samples; `scope` is `own` when their open
    /// tasks draw from their own samples (5 or more), else `team`.
    people: Vec<CalibrationScope<'a>>,
}

#[derive(Serialize)]
struct CalibrationScope<'a> {
    id: &'a str,
    samples: usize,
    median_ratio: f64,
    scope: &'static str,
}

#[derive(Serialize)]
struct CalibrationNeeds {
    samples: usize,
    more: usize,
}

#[derive(Serialize)]
struct Percentiles {
    p50: Option<String>,
    p85: Option<String>,
    p95: Option<String>,
}

#[derive(Serialize)]
struct History {
    working_days: usize,
    done: u64,
    from: Option<String>,
    to: Option<String>,
    in_range_chance: f64,
}

#[derive(Serialize)]
struct ThroughputCheck {
    p85: Option<String>,
    working_days: Option<u64>,
    estimate_working_days: u64,
    difference: Option<f64>,
    disagrees: bool,
}

#[derive(Serialize)]
struct Warning {
    line: Option<usize>,
    message: String,
}

/// The report as pretty-printed JSON, with a trailing newline.
pub fn render(s: &Snapshot) -> String {
    render_with(s, None)
}

/// [`render`] with the `since` object.
pub fn render_with(s: &Snapshot, since: Option<&crate::standup::Since>) -> String {
    render_full(s, since, None)
}

/// [`render`] with the `since` and `trend` objects.
pub fn render_full(
    s: &Snapshot,
    since: Option<&crate::standup::Since>,
    trend: Option<&crate::trend::Trend>,
) -> String {
    let mut report = report(s, since);
    report.trend = trend.map(super::trend::json);
    // Unsafe characters escaped as \uXXXX (docs/trust.md).
    crate::sink::json::to_string_pretty(&report).expect("the report serializes")
}

/// The report as a value to serialize, for a document that holds several
/// (the portfolio's `projects`, docs/portfolio.md).
pub fn report<'a>(s: &'a Snapshot, since: Option<&'a crate::standup::Since>) -> Report<'a> {
    let m = &s.manifest;
    let f = &s.forecast;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    Report {
        project: Project {
            name: &m.project.name,
            version: m.project.version.as_deref(),
            target: date(m.project.target),
            claimed: m.project.claimed,
        },
        today: s.today.to_string(),
        completion: s.completion,
        ready: s.ready,
        components: m
            .components
            .iter()
            .zip(&s.components)
            .zip(&f.components)
            .map(|((c, figures), when)| Component {
                id: &c.id,
                name: &c.name,
                weight: c.weight,
                completion: figures.completion,
                tasks: figures.tasks,
                done: figures.done,
                blocked: figures.blocked,
                finish: date(when.finish),
                p50: date(when.percentiles.p50),
                p85: date(when.percentiles.p85),
                p95: date(when.percentiles.p95),
            })
            .collect(),
        gates: m
            .gates
            .iter()
            .zip(&s.gates)
            .map(|(g, r)| Gate {
                id: &g.id,
                name: &g.name,
                severity: g.severity.as_str(),
                status: r.status.as_str(),
                detail: &r.detail,
            })
            .collect(),
        blockers: s
            .blockers
            .iter()
            .map(|b| Blocker {
                task: &m.tasks[b.task].id,
                title: &m.tasks[b.task].title,
                reason: b.reason.as_deref(),
                holds_up_days: b.holds_up_days,
            })
            .collect(),
        forecast: Forecast {
            method: f.method.as_str(),
            remaining_days: f.remaining_days,
            working_days: f.working_days,
            finish: date(f.finish),
            p50: date(f.p50),
            p85: date(f.p85),
            p95: date(f.p95),
            assumed_unblocked: f.assumed_unblocked,
            target_status: f.target_status.map(|t| t.as_str()),
            target_slack_days: f.target_slack_days,
            day_zero: f.day_zero.to_string(),
            remaining_tasks: f.remaining_tasks,
            trials: f.trials,
            trials_requested: f.trials_requested,
            seed: f.seed.map(|seed| format!("{seed:016x}")),
            critical_path: f
                .critical_path
                .iter()
                .map(|&i| m.tasks[i].id.as_str())
                .collect(),
            critical_links: f
                .critical
                .links
                .iter()
                .map(|link| CriticalLink {
                    from: &m.tasks[link.from].id,
                    to: &m.tasks[link.to].id,
                    kind: match link.kind {
                        LinkKind::Dependency => "dependency",
                        LinkKind::Queue(_) => "queue",
                    },
                    person: match link.kind {
                        LinkKind::Queue(worker) => f.person(worker).map(|p| p.id.as_str()),
                        LinkKind::Dependency => None,
                    },
                })
                .collect(),
            critical_load: f.critical.load.map(|load| CriticalLoad {
                person: &f.roster.members[load.person].id,
                working_days: load.working_days,
                away_days: load.away_days,
            }),
            headcount: f.headcount,
            people: f
                .roster
                .members
                .iter()
                .zip(&f.people)
                .enumerate()
                .map(|(i, (member, p))| Person {
                    id: &member.id,
                    name: &member.name,
                    focus: member.focus,
                    remaining_days: p.remaining_days,
                    working_days: p.working_days,
                    tasks: p.tasks,
                    finish: date(p.finish),
                    away_days: p.away_days,
                    elsewhere: f.elsewhere.iter().find(|e| e.person == i).map(|e| {
                        PersonElsewhere {
                            projects: e.projects,
                            working_days: e.working_days,
                            tasks: e.tasks,
                            before_working_days: e.before_working_days,
                            largest: e
                                .largest
                                .iter()
                                .map(|l| ElsewhereProject {
                                    project: &l.project,
                                    working_days: l.working_days,
                                    tasks: l.tasks,
                                    before: l.before,
                                })
                                .collect(),
                        }
                    }),
                })
                .collect(),
            bottleneck: f.bottleneck.map(|p| f.roster.members[p].id.as_str()),
            calibration: f.calibration.as_ref().map(|c| Calibration {
                samples: c.samples,
                median_ratio: c.median_ratio,
                uncalibrated: Percentiles {
                    p50: date(c.uncalibrated.p50),
                    p85: date(c.uncalibrated.p85),
                    p95: date(c.uncalibrated.p95),
                },
                people: c
                    .people
                    .iter()
                    .map(|scope| CalibrationScope {
                        id: &scope.owner,
                        samples: scope.samples,
                        median_ratio: scope.median_ratio,
                        scope: if scope.own.is_some() { "own" } else { "team" },
                    })
                    .collect(),
            }),
            record_movers: f
                .record_movers
                .iter()
                .map(|r| RecordMover {
                    task: &m.tasks[r.task].id,
                    ratio: r.ratio,
                    p85_days: r.p85_days,
                })
                .collect(),
            calibration_needs: f.calibration_shortfall.map(|c| CalibrationNeeds {
                samples: c.samples,
                more: c.needed,
            }),
            pending: f.pending,
            unestimated: f.unestimated,
            unestimated_days: f.unestimated_days,
            history: f.history.as_ref().map(|h| History {
                working_days: h.samples.len(),
                done: h.done_in_window(),
                from: date(h.from),
                to: date(h.to),
                in_range_chance: h.in_range_chance(),
            }),
            throughput_check: f.cross_check.map(|c| ThroughputCheck {
                p85: date(c.p85),
                working_days: c.throughput_days,
                estimate_working_days: c.estimate_days,
                difference: c.difference(),
                disagrees: c.disagrees(),
            }),
            missing: f.missing.as_deref(),
            chance: f.chance,
            never: f.never.is_some(),
        },
        warnings: s
            .warnings
            .iter()
            .map(|w| Warning {
                line: w.line,
                message: w.one_line(),
            })
            .collect(),
        since: since.map(super::since::json),
        trend: None,
    }
}

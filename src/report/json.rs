//! The JSON report of SPEC §3.1 — stable: scripts depend on it. Fields may be
//! added; none is renamed or removed. Dates are `YYYY-MM-DD`, percents unrounded.

use serde::Serialize;

use crate::model::Snapshot;

#[derive(Serialize)]
struct Report<'a> {
    project: Project<'a>,
    today: String,
    completion: f64,
    ready: bool,
    components: Vec<Component<'a>>,
    gates: Vec<Gate<'a>>,
    blockers: Vec<Blocker<'a>>,
    forecast: Forecast,
    warnings: Vec<Warning>,
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
struct Forecast {
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
}

#[derive(Serialize)]
struct Warning {
    line: Option<usize>,
    message: String,
}

/// The report as pretty-printed JSON, with a trailing newline.
pub fn render(s: &Snapshot) -> String {
    let m = &s.manifest;
    let f = &s.forecast;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    let report = Report {
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
            .map(|(c, f)| Component {
                id: &c.id,
                name: &c.name,
                weight: c.weight,
                completion: f.completion,
                tasks: f.tasks,
                done: f.done,
                blocked: f.blocked,
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
        },
        warnings: s
            .warnings
            .iter()
            .map(|w| Warning {
                line: w.line,
                message: w.one_line(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).expect("the report serializes");
    text.push('\n');
    text
}

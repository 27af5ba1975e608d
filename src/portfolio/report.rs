//! A member given as a JSON report (docs/portfolio.md, "Reports as
//! members"): the text `readiness report --format json` writes (the
//! stable format of docs/cli.md, "The JSON report"), read back for the
//! roll-up. Pure: the text in, the figures the roll-up needs — and the
//! report itself, to be written out again — or why it is not a readiness
//! report.

use chrono::NaiveDate;
use serde::Deserialize;

/// What the roll-up reads of a JSON report; everything else is kept in
/// [`Report::value`] as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub name: String,
    pub today: NaiveDate,
    pub completion: f64,
    pub claimed: Option<f64>,
    pub ready: bool,
    pub target: Option<NaiveDate>,
    /// Hard gates passing, and hard gates.
    pub hard_passing: usize,
    pub hard: usize,
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    /// The share of trials on or before the target (0–1), when the report
    /// has it.
    pub chance: Option<f64>,
    /// The P85's move since the last working day (working days), or the
    /// deterministic finish's in a report written before the P85 was
    /// tracked.
    pub moved: Option<i64>,
    /// Each named person's finish (id, date).
    pub people: Vec<(String, Option<NaiveDate>)>,
    pub bottleneck: Option<String>,
    /// The report as it was read.
    pub value: serde_json::Value,
}

/// The shape a readiness report must have: the fields of the stable format
/// the roll-up reads (docs/cli.md, "The JSON report"). Unknown fields are
/// allowed (the format grows), missing or mistyped ones are not.
#[derive(Deserialize)]
struct Shape {
    project: ProjectShape,
    today: NaiveDate,
    completion: f64,
    ready: bool,
    gates: Vec<GateShape>,
    forecast: ForecastShape,
    #[serde(default)]
    since: Option<SinceShape>,
}

#[derive(Deserialize)]
struct ProjectShape {
    name: String,
    target: Option<NaiveDate>,
    claimed: Option<f64>,
}

#[derive(Deserialize)]
struct GateShape {
    severity: String,
    status: String,
}

#[derive(Deserialize)]
struct ForecastShape {
    method: String,
    p50: Option<NaiveDate>,
    p85: Option<NaiveDate>,
    #[serde(default)]
    chance: Option<f64>,
    #[serde(default)]
    people: Vec<PersonShape>,
    #[serde(default)]
    bottleneck: Option<String>,
}

#[derive(Deserialize)]
struct PersonShape {
    id: String,
    finish: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct SinceShape {
    #[serde(default)]
    p85_change_days: Option<i64>,
    #[serde(default)]
    finish_change_days: Option<i64>,
}

/// Reads a JSON report. The error says what is wrong, for a message that
/// also names the file: `not a readiness report: missing field `ready` at
/// line 1 column 2`.
pub fn parse(text: &str) -> Result<Report, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    if value.get("portfolio").is_some() {
        return Err(
            "a portfolio report, not one project's: give the reports of its projects".into(),
        );
    }
    let shape = Shape::deserialize(&value).map_err(|e| format!("not a readiness report: {e}"))?;
    const METHODS: [&str; 4] = ["estimates", "throughput", "none", "done"];
    if !METHODS.contains(&shape.forecast.method.as_str()) {
        return Err(format!(
            "not a readiness report: forecast.method is {:?}, not one of {}",
            shape.forecast.method,
            METHODS.join(", ")
        ));
    }
    if !shape.completion.is_finite() || !(0.0..=100.0).contains(&shape.completion) {
        return Err(format!(
            "not a readiness report: completion {} is not a percent",
            shape.completion
        ));
    }
    let chance = shape
        .forecast
        .chance
        .filter(|c| c.is_finite() && (0.0..=1.0).contains(c));
    let hard: Vec<&GateShape> = shape
        .gates
        .iter()
        .filter(|g| g.severity == "hard")
        .collect();
    Ok(Report {
        name: shape.project.name,
        today: shape.today,
        completion: shape.completion,
        claimed: shape.project.claimed.filter(|c| c.is_finite()),
        ready: shape.ready,
        target: shape.project.target,
        hard_passing: hard.iter().filter(|g| g.status == "pass").count(),
        hard: hard.len(),
        p50: shape.forecast.p50,
        p85: shape.forecast.p85,
        chance,
        moved: shape
            .since
            .and_then(|s| s.p85_change_days.or(s.finish_change_days)),
        people: shape
            .forecast
            .people
            .into_iter()
            .map(|p| (p.id, p.finish))
            .collect(),
        bottleneck: shape.forecast.bottleneck,
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"project": {"name": "Alpha", "version": null, "target": "2026-12-15", "claimed": 90},
        "today": "2026-11-23", "completion": 62.5, "ready": false,
        "components": [], "blockers": [], "warnings": [],
        "gates": [{"id": "a", "severity": "hard", "status": "pass"},
                  {"id": "b", "severity": "hard", "status": "fail"},
                  {"id": "c", "severity": "soft", "status": "pass"}],
        "forecast": {"method": "estimates", "p50": "2026-12-01", "p85": "2026-12-08",
                     "chance": 0.91, "people": [{"id": "sam", "finish": "2026-12-04"}],
                     "bottleneck": "sam"},
        "since": {"from": "2026-11-20", "finish_change_days": 2}}"#;

    #[test]
    fn reads_the_figures_of_a_report() {
        let r = parse(MINIMAL).expect("a report");
        assert_eq!(r.name, "Alpha");
        assert_eq!((r.hard_passing, r.hard), (1, 2));
        assert_eq!(r.claimed, Some(90.0));
        assert_eq!(r.p85, NaiveDate::from_ymd_opt(2026, 12, 8));
        assert_eq!(r.chance, Some(0.91));
        assert_eq!(r.moved, Some(2));
        assert_eq!(r.bottleneck.as_deref(), Some("sam"));
    }

    #[test]
    fn refuses_what_is_not_a_report() {
        let e = parse("[1, 2]").unwrap_err();
        assert!(e.starts_with("not a readiness report:"), "{e}");
        let e = parse(r#"{"name": "package.json"}"#).unwrap_err();
        assert!(e.contains("missing field `project`"), "{e}");
        let e = parse("{").unwrap_err();
        assert!(e.starts_with("not JSON:"), "{e}");
        let e = parse(&MINIMAL.replace("\"estimates\"", "\"guess\"")).unwrap_err();
        assert!(e.contains("forecast.method"), "{e}");
        let e = parse(&MINIMAL.replace("62.5", "620")).unwrap_err();
        assert!(e.contains("not a percent"), "{e}");
        let e = parse(&MINIMAL.replace("\"2026-12-08\"", "\"soon\"")).unwrap_err();
        assert!(e.starts_with("not a readiness report:"), "{e}");
        let e = parse(r#"{"portfolio": {}, "projects": []}"#).unwrap_err();
        assert!(e.contains("a portfolio report"), "{e}");
    }
}

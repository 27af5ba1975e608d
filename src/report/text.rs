//! The plain-text report: what `readiness report` and a piped `readiness`
//! print. Aligned columns, no colour, control characters removed.

use std::fmt::Write as _;

use super::NO_REASON;
use crate::forecast::{Forecast, Method};
use crate::manifest::diagnostics::strip_controls;
use crate::model::format::{num, percent};
use crate::model::{GateStatus, Snapshot};

/// The forecast in a few words: `finish 2026-11-25`, `nothing left`, …
pub fn finish_phrase(f: &Forecast) -> String {
    match (f.method, f.finish) {
        (Method::Done, _) => "nothing left".into(),
        (Method::Estimates, Some(finish)) => format!("finish {finish}"),
        (Method::Estimates, None) => "finish beyond the calendar (year 262142)".into(),
        (Method::Throughput, _) => {
            "finish unknown (no estimates; the throughput forecast is not computed yet)".into()
        }
        _ => "finish unknown (no estimates and fewer than 3 dated done tasks)".into(),
    }
}

/// What the forecast rests on and what is missing, one sentence each.
pub fn forecast_lines(s: &Snapshot) -> Vec<String> {
    let f = &s.forecast;
    let team = &s.manifest.team;
    let mut lines = Vec::new();
    match f.method {
        Method::Done => lines.push("every task is done or dropped".into()),
        Method::Estimates => {
            if let (Some(finish), Some(days)) = (f.finish, f.working_days) {
                lines.push(format!(
                    "finish {finish} ({} {} from {})",
                    days,
                    if days == 1 {
                        "working day"
                    } else {
                        "working days"
                    },
                    f.day_zero.format("%a %Y-%m-%d")
                ));
            }
            lines.push(format!(
                "{} days of work left · {} {} at {}% focus",
                num(f.remaining_days),
                team.people,
                if team.people == 1 { "person" } else { "people" },
                num(team.focus * 100.0)
            ));
            match (f.p50, f.p85, f.p95) {
                (Some(p50), Some(_), Some(p95)) if p50 == p95 => {
                    lines.push(format!("P50 = P85 = P95 = {p50} (point estimates only)"));
                }
                (Some(p50), Some(p85), Some(p95)) => {
                    lines.push(format!("P50 {p50} · P85 {p85} · P95 {p95}"));
                }
                _ => lines.push(
                    "P50/P85/P95 not computed: ranged estimates need the probabilistic forecast"
                        .into(),
                ),
            }
            match f.assumed_unblocked {
                0 => {}
                1 => lines.push("assumes the blocker of 1 blocked task clears today".into()),
                n => lines.push(format!(
                    "assumes the blockers of {n} blocked tasks clear today"
                )),
            }
            if f.unestimated > 0 {
                lines.push(format!(
                    "{} open {} without an estimate, counted at the mean ({} d)",
                    f.unestimated,
                    if f.unestimated == 1 { "task" } else { "tasks" },
                    num(f.unestimated_days)
                ));
            }
        }
        Method::Throughput | Method::None => {
            lines.push(finish_phrase(f));
            lines.push("add `estimate` to tasks for a dated forecast".into());
        }
    }
    if let Some(target) = s.manifest.project.target {
        match (f.target_status, f.target_slack_days) {
            (Some(status), Some(slack)) => lines.push(format!(
                "target {target}: {} ({} working {} of slack)",
                status.label(),
                slack,
                if slack.abs() == 1 { "day" } else { "days" }
            )),
            _ if f.method == Method::Done => lines.push(format!("target {target}: done")),
            _ => lines.push(format!("target {target}: status needs P50/P85")),
        }
    }
    lines
}

pub fn render(s: &Snapshot) -> String {
    let m = &s.manifest;
    let mut out = String::new();
    let version = m
        .project
        .version
        .as_deref()
        .map(|v| format!(" {}", clean(v)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}{} · {}",
        clean(&m.project.name),
        version,
        if s.ready { "READY" } else { "NOT READY" }
    );
    let mut summary = format!("{} complete", percent(s.completion));
    if let Some(claimed) = m.project.claimed {
        let _ = write!(summary, " (claimed {})", percent(claimed));
    }
    let _ = writeln!(
        out,
        "{summary} · as of {} · {}",
        s.today,
        finish_phrase(&s.forecast)
    );

    if !m.components.is_empty() {
        out.push_str("\nComponents\n");
    }
    let rows: Vec<[String; 5]> = m
        .components
        .iter()
        .zip(&s.components)
        .map(|(c, f)| {
            [
                clean(&c.name),
                percent(f.completion),
                if f.tasks == 0 {
                    "no tasks".to_owned()
                } else {
                    format!("{}/{} done", f.done, f.tasks)
                },
                if f.blocked > 0 {
                    format!("{} blocked", f.blocked)
                } else {
                    String::new()
                },
                if c.weight != 1.0 {
                    format!("weight {}", num(c.weight))
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    table(&mut out, &rows, &[false, true, true, false, false]);

    if !m.gates.is_empty() {
        out.push_str("\nGates\n");
        let rows: Vec<[String; 4]> = m
            .gates
            .iter()
            .zip(&s.gates)
            .map(|(g, r)| {
                [
                    format!("{} {}", r.status.symbol(), r.status.as_str()),
                    clean(&g.name),
                    g.severity.as_str().to_owned(),
                    clean(&r.detail),
                ]
            })
            .collect();
        table(&mut out, &rows, &[false, false, false, false]);
    }

    let failing: Vec<_> = s.hard_gates_not_passing().collect();
    if !s.blockers.is_empty() || !failing.is_empty() {
        out.push_str("\nBlockers\n");
        for (rank, b) in s.blockers.iter().enumerate() {
            let t = &m.tasks[b.task];
            let _ = writeln!(
                out,
                "  {}. {} · {} · holds up {} d\n     {}",
                rank + 1,
                clean(&t.id),
                clean(&t.title),
                num(b.holds_up_days),
                clean(b.reason.as_deref().unwrap_or(NO_REASON))
            );
        }
        for (i, r) in failing {
            let verb = if r.status == GateStatus::Fail {
                "fails"
            } else {
                "is unknown"
            };
            let _ = writeln!(
                out,
                "  {} hard gate {} {verb}: {}",
                r.status.symbol(),
                clean(&m.gates[i].id),
                clean(&r.detail)
            );
        }
    }

    let _ = writeln!(out, "\nForecast ({})", s.forecast.method.as_str());
    for line in forecast_lines(s) {
        let _ = writeln!(out, "  {line}");
    }

    if !s.warnings.is_empty() {
        out.push_str("\nWarnings\n");
        for w in &s.warnings {
            match w.line {
                Some(line) => {
                    let _ = writeln!(out, "  line {line}: {}", clean(&w.one_line()));
                }
                None => {
                    let _ = writeln!(out, "  {}", clean(&w.one_line()));
                }
            }
        }
    }
    out
}

fn clean(text: &str) -> String {
    strip_controls(text)
}

/// Rows padded into columns (two-space indent, two spaces between columns).
fn table<const N: usize>(out: &mut String, rows: &[[String; N]], right: &[bool; N]) {
    let mut widths = [0usize; N];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in rows {
        let mut line = String::from(" ");
        for (k, cell) in row.iter().enumerate() {
            let pad = widths[k] - cell.chars().count();
            line.push(' ');
            if right[k] {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
            line.push(' ');
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

//! The plain-text report: what `readiness report` and a piped `readiness`
//! print. Aligned columns, no colour, control characters removed.

use std::fmt::Write as _;

use super::NO_REASON;
use crate::forecast::{Forecast, Method};
use crate::manifest::diagnostics::strip_controls;
use crate::model::format::{num, percent, plural};
use crate::model::{GateStatus, Snapshot};

/// The forecast in a few words: `finish 2026-11-25`, `nothing left`, …
pub fn finish_phrase(f: &Forecast) -> String {
    let spread = match (f.p50, f.p85) {
        (Some(p50), Some(p85)) if p50 != p85 || f.method == Method::Throughput => {
            Some(format!("P50 {p50} · P85 {p85}"))
        }
        _ => None,
    };
    match (f.method, f.finish) {
        (Method::Done, _) => "nothing left".into(),
        (Method::Estimates, Some(finish)) => match spread {
            Some(spread) => format!("finish {finish} ({spread})"),
            None => format!("finish {finish}"),
        },
        (Method::Estimates, None) => "finish beyond the calendar (year 262142)".into(),
        (Method::Throughput, _) => match spread {
            Some(spread) => format!("{spread} by throughput"),
            None => "finish unknown (no usable throughput history)".into(),
        },
        (Method::None, _) => "finish unknown (no estimates, fewer than 3 dated done tasks)".into(),
    }
}

/// The task ids of a chain as `a → b → c`, eliding the middle of a long one.
fn chain(s: &Snapshot, tasks: &[usize]) -> String {
    const SHOWN: usize = 8;
    let id = |&i: &usize| clean(&s.manifest.tasks[i].id);
    if tasks.len() <= SHOWN {
        return tasks.iter().map(id).collect::<Vec<_>>().join(" → ");
    }
    let head: Vec<String> = tasks[..SHOWN / 2].iter().map(id).collect();
    let tail: Vec<String> = tasks[tasks.len() - SHOWN / 2..].iter().map(id).collect();
    format!(
        "{} → … ({} more) … → {}",
        head.join(" → "),
        tasks.len() - SHOWN,
        tail.join(" → ")
    )
}

/// What the forecast rests on and what is missing, one sentence each.
pub fn forecast_lines(s: &Snapshot) -> Vec<String> {
    let f = &s.forecast;
    let team = &s.manifest.team;
    let mut lines = Vec::new();
    let percentiles = |lines: &mut Vec<String>| {
        if let (Some(p50), Some(p85), Some(p95)) = (f.p50, f.p85, f.p95) {
            lines.push(format!("P50 {p50} · P85 {p85} · P95 {p95}"));
        }
    };
    match f.method {
        Method::Done => lines.push("every task is done or dropped".into()),
        Method::Estimates => {
            let mut method = format!(
                "method: estimates — list schedule of {} on {} at {}% focus",
                plural(f.remaining_tasks, "open task", "open tasks"),
                plural(f.headcount as usize, "person", "people"),
                num(team.focus * 100.0)
            );
            if let (Some(trials), Some(seed)) = (f.trials, f.seed) {
                let _ = write!(
                    method,
                    "; {} (each range drawn from a triangular distribution, seed {seed:016x})",
                    plural(trials as usize, "Monte Carlo trial", "Monte Carlo trials")
                );
                if trials < f.trials_requested {
                    let _ = write!(
                        method,
                        "; scaled down from {} for {} open tasks (--trials N runs exactly N)",
                        f.trials_requested, f.remaining_tasks
                    );
                }
            }
            lines.push(method);
            if let (Some(finish), Some(days)) = (f.finish, f.working_days) {
                lines.push(format!(
                    "finish {finish} with every estimate at its midpoint ({} from {})",
                    plural(days as usize, "working day", "working days"),
                    f.day_zero.format("%a %Y-%m-%d")
                ));
            }
            if f.trials.is_none() && f.p50.is_some() {
                lines.push(format!(
                    "P50 = P85 = P95 = {} (point estimates only: nothing to draw)",
                    f.p50.map(|d| d.to_string()).unwrap_or_default()
                ));
            } else {
                percentiles(&mut lines);
            }
            lines.push(format!("{} days of work left", num(f.remaining_days)));
            match f.assumed_unblocked {
                0 => {}
                1 => lines.push("assumes the blocker of 1 blocked task clears today".into()),
                n => lines.push(format!(
                    "assumes the blockers of {n} blocked tasks clear today"
                )),
            }
            if f.unestimated > 0 {
                lines.push(format!(
                    "{} without an estimate, counted at the mean ({} d)",
                    plural(f.unestimated, "open task", "open tasks"),
                    num(f.unestimated_days)
                ));
            }
            if !f.critical_path.is_empty() {
                lines.push(format!("critical path: {}", chain(s, &f.critical_path)));
            }
            if let (Some(check), Some(history)) = (f.cross_check, &f.history) {
                let throughput = match check.p85 {
                    Some(p85) => format!(
                        "P85 {p85} ({} working days)",
                        check.throughput_days.unwrap_or_default()
                    ),
                    None => "no date".into(),
                };
                let verdict = match check.difference() {
                    Some(d) if check.disagrees() => {
                        format!(
                            "they differ by {}% — check the estimates",
                            num((d * 100.0).round())
                        )
                    }
                    Some(_) => "they agree within 50%".into(),
                    None => "no comparison".into(),
                };
                lines.push(format!(
                    "throughput check: {throughput} at the rate of the last {} working days vs {} by the estimates; {verdict}",
                    history.samples.len(),
                    check.estimate_days
                ));
            }
        }
        Method::Throughput => {
            let mut method = format!(
                "method: throughput — {} counted one each",
                plural(f.remaining_tasks, "open task", "open tasks"),
            );
            if let Some(trials) = f.trials {
                let _ = write!(
                    method,
                    "; {} drawing a day's count from the history for each working day",
                    plural(trials as usize, "trial", "trials")
                );
            }
            lines.push(method);
            percentiles(&mut lines);
            if let Some(h) = &f.history {
                let n = h.samples.len();
                if let (Some(from), Some(to)) = (h.from, h.to) {
                    lines.push(format!(
                        "history: {} done in {} ({from} to {to}); a new day falls inside the range seen with chance (n−1)/(n+1) = {}%{}",
                        h.done_in_window(),
                        plural(n, "working day", "working days"),
                        num((h.in_range_chance() * 100.0).round()),
                        if n < 10 { " — thin: more history narrows this" } else { "" }
                    ));
                }
            }
            lines.push(
                "add `estimate` to tasks to forecast over the plan and its dependencies".into(),
            );
        }
        Method::None => {}
    }
    if let Some(missing) = &f.missing {
        lines.push(missing.clone());
    }
    if let Some(target) = s.manifest.project.target {
        match (f.target_status, f.target_slack_days) {
            (Some(status), Some(slack)) => lines.push(format!(
                "target {target}: {} ({}{} of slack at P85)",
                status.label(),
                if slack < 0 { "-" } else { "" },
                plural(slack.unsigned_abs() as usize, "working day", "working days")
            )),
            _ if f.method == Method::Done => lines.push(format!("target {target}: done")),
            _ => lines.push(format!("target {target}: status needs a forecast")),
        }
    }
    lines
}

pub fn render(s: &Snapshot) -> String {
    render_with(s, None)
}

/// [`render`] with the "since the last working day" section after the summary.
pub fn render_with(s: &Snapshot, since: Option<&crate::standup::Since>) -> String {
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

    if let Some(since) = since {
        let _ = writeln!(
            out,
            "\nSince {} ({})",
            super::since::day(since),
            super::since::source_phrase(since)
        );
        for item in super::since::items(since, s) {
            let _ = writeln!(out, "  {item}");
        }
    }

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

//! The markdown report: pastes well into a PR description or a team chat — a
//! summary line, a component table, gates with ✓/✗/?, blockers, the forecast.

use std::fmt::Write as _;

use super::NO_REASON;
use crate::manifest::diagnostics::strip_controls;
use crate::model::Snapshot;
use crate::model::format::{num, percent};

use super::text::{finish_phrase, forecast_lines};

/// Text safe inside a markdown table cell or list item.
fn md(text: &str) -> String {
    strip_controls(text)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace('`', "\\`")
        .replace('<', "&lt;")
}

pub fn render(s: &Snapshot) -> String {
    render_with(s, None)
}

/// [`render`] opening with the "since the last working day" section, so the
/// top of it pastes into a team chat or a PR as the standup note.
pub fn render_with(s: &Snapshot, since: Option<&crate::standup::Since>) -> String {
    let m = &s.manifest;
    let mut out = String::new();
    if let Some(since) = since {
        let _ = writeln!(
            out,
            "## {}{} — since {}\n",
            md(&m.project.name),
            m.project
                .version
                .as_deref()
                .map(|v| format!(" {}", md(v)))
                .unwrap_or_default(),
            super::since::day(since)
        );
        for item in super::since::items(since, s) {
            let _ = writeln!(out, "- {}", md(&item));
        }
        let _ = writeln!(out, "\n_{}_\n", md(&super::since::source_phrase(since)));
    }
    let version = m
        .project
        .version
        .as_deref()
        .map(|v| format!(" {}", md(v)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "## {}{} — release readiness",
        md(&m.project.name),
        version
    );
    out.push('\n');
    let mut summary = format!(
        "**{}** · **{}** complete",
        if s.ready {
            "✅ READY"
        } else {
            "❌ NOT READY"
        },
        percent(s.completion)
    );
    if let Some(claimed) = m.project.claimed {
        let _ = write!(summary, " (claimed {})", percent(claimed));
    }
    let hard = s.hard_gate_count();
    if hard > 0 {
        let not_passing = s.hard_gates_not_passing().count();
        let _ = write!(
            summary,
            " · {}/{} hard gates passing",
            hard - not_passing,
            hard
        );
    }
    let _ = write!(summary, " · {}", finish_phrase(&s.forecast));
    if let Some(status) = s.forecast.target_status {
        let _ = write!(summary, " · target {}", status.label());
    }
    let _ = writeln!(out, "{summary} · _as of {}_", s.today);

    out.push_str("\n| Component | Complete | Done | Blocked | Owner |\n|---|---:|---:|---:|---|\n");
    for (c, f) in m.components.iter().zip(&s.components) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&c.name),
            percent(f.completion),
            if f.tasks == 0 {
                "no tasks".to_owned()
            } else {
                format!("{}/{}", f.done, f.tasks)
            },
            f.blocked,
            c.owner.as_deref().map(md).unwrap_or_default()
        );
    }

    if !m.gates.is_empty() {
        out.push_str("\n### Gates\n\n");
        for (g, r) in m.gates.iter().zip(&s.gates) {
            let _ = writeln!(
                out,
                "- {} **{}** ({}) — {}",
                r.status.symbol(),
                md(&g.name),
                g.severity.as_str(),
                md(&r.detail)
            );
        }
    }

    if !s.blockers.is_empty() {
        out.push_str("\n### Blockers\n\n");
        for (rank, b) in s.blockers.iter().enumerate() {
            let t = &m.tasks[b.task];
            let _ = writeln!(
                out,
                "{}. **{}** {} — {} · holds up {} d",
                rank + 1,
                md(&t.id),
                md(&t.title),
                md(b.reason.as_deref().unwrap_or(NO_REASON)),
                num(b.holds_up_days)
            );
        }
    }

    let _ = writeln!(out, "\n### Forecast ({})\n", s.forecast.method.as_str());
    for line in forecast_lines(s) {
        let _ = writeln!(out, "- {}", md(&line));
    }

    if !s.warnings.is_empty() {
        out.push_str("\n### Warnings\n\n");
        for w in &s.warnings {
            let at = w.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let _ = writeln!(out, "- {at}{}", md(&w.one_line()));
        }
    }
    out
}

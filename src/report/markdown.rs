//! The markdown report: pastes well into a PR description, a team chat or
//! `$GITHUB_STEP_SUMMARY` — the [`View`]'s phrases as a summary line, a
//! component table (with each one's P50 and P85), gates with ✓/✗/?,
//! blockers, the forecast and each person's share of it. Opens with "since
//! the last working day" when it is known. Bounded in size ([`fit`]): the
//! longest lists are cut first, each with a note of what was left out.

use std::fmt::Write as _;

use super::fit::{self, Part};
use crate::view::people::BOTTLENECK_MARK;
use crate::view::{BlockerRow, View};

/// Text safe inside a markdown table cell or list item: no link, image,
/// autolink, raw HTML or mention can start in it ([`crate::sink::markdown`]).
fn md(text: &str) -> String {
    crate::sink::markdown::escape(text)
}

/// The report, at most [`fit::MAX_CHARS`] characters: when longer, the
/// longest lists are cut and say what was left out ([`fit`]).
pub fn render(v: &View) -> String {
    fit::fit(parts(v), fit::MAX_CHARS)
}

/// The report as fixed text and lists that may be cut.
fn parts(v: &View) -> Vec<Part> {
    let h = &v.headline;
    let mut parts = Vec::new();
    let mut out = String::new();
    if let Some(since) = &v.since {
        let _ = writeln!(out, "## {} — since {}\n", md(&h.title()), since.from);
        push(&mut parts, &mut out);
        let items = since.items.iter().map(|i| {
            let indent = "  ".repeat(usize::from(i.level));
            format!("{indent}- {}\n", md(&i.text))
        });
        parts.push(list("changes", items));
        let _ = writeln!(out, "\n_{}_\n", md(&since.source));
    }
    let _ = writeln!(out, "## {} — release readiness\n", md(&h.title()));
    let badge = if h.ready {
        "✅ READY"
    } else {
        "❌ NOT READY"
    };
    let mut first = vec![format!("**{badge}**")];
    for (k, part) in super::text::summary(v).iter().enumerate() {
        let part = md(part);
        // The completion figure in bold (it holds no markdown character).
        first.push(if k == 0 {
            part.replacen(&h.completion, &format!("**{}**", h.completion), 1)
        } else {
            part
        });
    }
    first.push(md(&v.forecast.answer));
    if let Some(t) = &v.forecast.target {
        first.push(md(&t.phrase));
        first.extend(t.chance.as_deref().map(md));
    }
    first.push(format!("_{}_", h.as_of));
    let _ = writeln!(out, "{}", first.join(" · "));

    out.push_str(
        "\n| Component | Complete | Done | Blocked | P50 | P85 | Owner |\n|---|---:|---:|---:|---|---|---|\n",
    );
    push(&mut parts, &mut out);
    let components = v.components.rows.iter().map(|c| {
        format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            md(&c.name),
            c.percent,
            if c.tasks == 0 { "no tasks" } else { &c.counts },
            c.blocked,
            c.p50.as_deref().unwrap_or(match c.p85_cell.as_str() {
                "done" => "done",
                _ => "—",
            }),
            c.p85.as_deref().unwrap_or(&c.p85_cell),
            c.owner.as_deref().map(md).unwrap_or_default()
        )
    });
    parts.push(list("components", components));

    if !v.gates.rows.is_empty() {
        let _ = writeln!(out, "\n### Gates: {}\n", md(&super::text::gates_phrase(v)));
        push(&mut parts, &mut out);
        let gates = v.gates.rows.iter().map(|g| {
            format!(
                "- {} **{}** ({}) — {}\n",
                g.symbol,
                md(&g.name),
                g.severity.as_str(),
                md(&g.detail)
            )
        });
        parts.push(list("gates", gates));
    }

    if v.blockers.tasks > 0 {
        let _ = writeln!(out, "\n### Blockers: {}\n", md(&v.blockers.summary));
        push(&mut parts, &mut out);
        let blockers = v.blockers.rows.iter().filter_map(|row| match row {
            BlockerRow::Task {
                rank,
                id,
                title,
                reason,
                holds_up,
                ..
            } => Some(format!(
                "{rank}. **{}** {} — {} · holds up {holds_up}\n",
                md(id),
                md(title),
                md(reason),
            )),
            _ => None,
        });
        parts.push(list("blockers", blockers));
    }

    let _ = writeln!(out, "\n### Forecast ({})\n", v.forecast.method);
    for line in &v.forecast.lines {
        let _ = writeln!(out, "- {}", md(line));
    }

    if let Some(head) = super::text::people_heading(v) {
        let _ = writeln!(out, "\n### {}\n", md(&head));
        push(&mut parts, &mut out);
        let people = v.people.rows.iter().map(|p| {
            if p.bottleneck {
                format!("- {BOTTLENECK_MARK} **{}**\n", md(&p.phrase))
            } else {
                format!("- {}\n", md(&p.phrase))
            }
        });
        parts.push(list("people", people));
    }

    if !v.warnings.is_empty() {
        out.push_str("\n### Warnings\n\n");
        push(&mut parts, &mut out);
        let warnings = v
            .warnings
            .iter()
            .map(|w| format!("- {}\n", md(&w.phrase())));
        parts.push(list("warnings", warnings));
    }

    if let Some(trend) = &v.trend {
        out.push('\n');
        out.push_str(&super::trend::markdown(trend, &trend.data));
    }
    push(&mut parts, &mut out);
    parts
}

/// Moves the text written so far into `parts` as fixed text.
fn push(parts: &mut Vec<Part>, out: &mut String) {
    if !out.is_empty() {
        parts.push(Part::Fixed(std::mem::take(out)));
    }
}

fn list(what: &'static str, lines: impl Iterator<Item = String>) -> Part {
    Part::List {
        what,
        lines: lines.collect(),
    }
}

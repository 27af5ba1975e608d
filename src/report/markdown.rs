//! The markdown report: pastes well into a PR description, a team chat or
//! `$GITHUB_STEP_SUMMARY` — the [`View`]'s phrases as a summary line, a
//! component table (with each one's P50 and P85), gates with ✓/✗/?,
//! blockers, the forecast and each person's share of it. Opens with "since
//! the last working day" when it is known.

use std::fmt::Write as _;

use crate::view::people::BOTTLENECK_MARK;
use crate::view::{BlockerRow, View};

/// Text safe inside a markdown table cell or list item: no link, image,
/// autolink, raw HTML or mention can start in it ([`crate::sink::markdown`]).
fn md(text: &str) -> String {
    crate::sink::markdown::escape(text)
}

pub fn render(v: &View) -> String {
    let h = &v.headline;
    let mut out = String::new();
    if let Some(since) = &v.since {
        let _ = writeln!(out, "## {} — since {}\n", md(&h.title()), since.from);
        for item in &since.items {
            let _ = writeln!(out, "- {}", md(&item.text));
        }
        let _ = writeln!(out, "\n_{}_\n", md(&since.source));
    }
    let _ = writeln!(out, "## {} — release readiness\n", md(&h.title()));
    let badge = if h.ready {
        "✅ READY"
    } else {
        "❌ NOT READY"
    };
    let mut parts = vec![format!("**{badge}**")];
    for (k, part) in super::text::summary(v).iter().enumerate() {
        let part = md(part);
        // The completion figure in bold (it holds no markdown character).
        parts.push(if k == 0 {
            part.replacen(&h.completion, &format!("**{}**", h.completion), 1)
        } else {
            part
        });
    }
    parts.push(md(&v.forecast.answer));
    if let Some(t) = &v.forecast.target {
        parts.push(md(&t.phrase));
        parts.extend(t.chance.as_deref().map(md));
    }
    parts.push(format!("_{}_", h.as_of));
    let _ = writeln!(out, "{}", parts.join(" · "));

    out.push_str(
        "\n| Component | Complete | Done | Blocked | P50 | P85 | Owner |\n|---|---:|---:|---:|---|---|---|\n",
    );
    for c in &v.components.rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
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
        );
    }

    if !v.gates.rows.is_empty() {
        let _ = writeln!(out, "\n### Gates: {}\n", md(&super::text::gates_phrase(v)));
        for g in &v.gates.rows {
            let _ = writeln!(
                out,
                "- {} **{}** ({}) — {}",
                g.symbol,
                md(&g.name),
                g.severity.as_str(),
                md(&g.detail)
            );
        }
    }

    if v.blockers.tasks > 0 {
        let _ = writeln!(out, "\n### Blockers: {}\n", md(&v.blockers.summary));
        for row in &v.blockers.rows {
            if let BlockerRow::Task {
                rank,
                id,
                title,
                reason,
                holds_up,
                ..
            } = row
            {
                let _ = writeln!(
                    out,
                    "{rank}. **{}** {} — {} · holds up {holds_up}",
                    md(id),
                    md(title),
                    md(reason),
                );
            }
        }
    }

    let _ = writeln!(out, "\n### Forecast ({})\n", v.forecast.method);
    for line in &v.forecast.lines {
        let _ = writeln!(out, "- {}", md(line));
    }

    if let Some(head) = super::text::people_heading(v) {
        let _ = writeln!(out, "\n### {}\n", md(&head));
        for p in &v.people.rows {
            if p.bottleneck {
                let _ = writeln!(out, "- {BOTTLENECK_MARK} **{}**", md(&p.phrase));
            } else {
                let _ = writeln!(out, "- {}", md(&p.phrase));
            }
        }
    }

    if !v.warnings.is_empty() {
        out.push_str("\n### Warnings\n\n");
        for w in &v.warnings {
            let _ = writeln!(out, "- {}", md(&w.phrase()));
        }
    }

    if let Some(trend) = &v.trend {
        out.push('\n');
        out.push_str(&super::trend::markdown(trend, &trend.data));
    }
    out
}

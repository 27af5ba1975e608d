//! The plain-text report: what `readiness report` and a piped `readiness`
//! print. It lays out the [`View`] — the same phrases, figures and orders as
//! the dashboard — in aligned columns, without colour; every string in the
//! view is cleaned already.

use std::fmt::Write as _;

use crate::view::people::BOTTLENECK_MARK;
use crate::view::{BlockerRow, View};

/// The report, ending with a newline.
pub fn render(v: &View) -> String {
    let h = &v.headline;
    let mut out = String::new();
    let _ = writeln!(out, "{} · {}", h.title(), h.verdict);
    let _ = writeln!(out, "{}", summary(v).join(" · "));
    let mut when = vec![v.forecast.answer.clone()];
    if let Some(t) = &v.forecast.target {
        when.push(t.phrase.clone());
        when.extend(t.chance.clone());
    }
    when.push(h.as_of.clone());
    let _ = writeln!(out, "{}", when.join(" · "));

    if let Some(since) = &v.since {
        let _ = writeln!(out, "\nSince {} ({})", since.from, since.source);
        for item in &since.items {
            let indent = "  ".repeat(1 + usize::from(item.level));
            let _ = writeln!(out, "{indent}{}", item.text);
        }
    }

    if !v.components.rows.is_empty() {
        out.push_str("\nComponents\n");
    }
    let rows: Vec<[String; 6]> = v
        .components
        .rows
        .iter()
        .map(|c| {
            [
                c.name.clone(),
                c.percent.clone(),
                if c.tasks == 0 {
                    "no tasks".to_owned()
                } else {
                    format!("{} done", c.counts)
                },
                if c.blocked > 0 {
                    format!("{} blocked", c.blocked)
                } else {
                    String::new()
                },
                c.when.clone().unwrap_or_else(|| match c.p85_cell.as_str() {
                    "done" => "done".to_owned(),
                    _ => String::new(),
                }),
                if c.weight != "×1" {
                    format!("weight {}", c.weight.trim_start_matches('×'))
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    table(&mut out, &rows, &[false, true, true, false, false, false]);

    if !v.gates.rows.is_empty() {
        let _ = writeln!(out, "\nGates: {}", gates_phrase(v));
        let rows: Vec<[String; 4]> = v
            .gates
            .rows
            .iter()
            .map(|g| {
                [
                    g.label.clone(),
                    g.name.clone(),
                    g.severity.as_str().to_owned(),
                    g.detail.clone(),
                ]
            })
            .collect();
        table(&mut out, &rows, &[false, false, false, false]);
    }

    if !v.blockers.rows.is_empty() {
        let _ = writeln!(out, "\nBlockers: {}", v.blockers.summary);
        for row in &v.blockers.rows {
            match row {
                BlockerRow::Task {
                    rank,
                    id,
                    title,
                    reason,
                    holds_up,
                    ..
                } => {
                    let _ = writeln!(
                        out,
                        "  {rank}. {id} · {title} · holds up {holds_up}\n     {reason}"
                    );
                }
                BlockerRow::Gate {
                    symbol,
                    head,
                    detail,
                    ..
                } => {
                    let _ = writeln!(out, "  {symbol} {head}: {detail}");
                }
            }
        }
    }

    let _ = writeln!(out, "\nForecast ({})", v.forecast.method);
    for line in &v.forecast.lines {
        let _ = writeln!(out, "  {line}");
    }

    if let Some(head) = people_heading(v) {
        let _ = writeln!(out, "\n{head}");
        for p in &v.people.rows {
            let mark = if p.bottleneck { BOTTLENECK_MARK } else { " " };
            let _ = writeln!(out, "  {mark} {}", p.phrase);
        }
    }

    if !v.warnings.is_empty() {
        out.push_str("\nWarnings\n");
        for w in &v.warnings {
            let _ = writeln!(out, "  {}", w.phrase());
        }
    }

    if let Some(trend) = &v.trend {
        out.push('\n');
        out.push_str(&super::trend::text(trend));
    }
    out
}

/// `53.2% complete (claimed 80%, 26.8 points over) · 18 of 43 tasks done ·
/// 4 of 8 hard gates passing (4 failing)`, as parts.
pub fn summary(v: &View) -> Vec<String> {
    let h = &v.headline;
    let mut completion = format!("{} complete", h.completion);
    match (&h.claimed, &h.claim_gap) {
        (Some(claimed), Some(gap)) => {
            let _ = write!(completion, " ({claimed}, {gap})");
        }
        (Some(claimed), None) => {
            let _ = write!(completion, " ({claimed})");
        }
        _ => {}
    }
    vec![completion, h.tasks_done.clone(), h.gates.clone()]
}

/// `People: 3 people · bottleneck tomas`, when the schedule has people to
/// list.
pub fn people_heading(v: &View) -> Option<String> {
    let p = &v.people;
    if p.rows.is_empty() || v.forecast.method != "estimates" {
        return None;
    }
    let mut head = format!("People: {}", p.summary);
    if let Some(b) = &p.bottleneck {
        head.push_str(&format!(" · {b}"));
    }
    // Their finishes are the deterministic schedule's: said once, here.
    head.push_str(&format!(
        " · finishes in {}",
        crate::view::forecast::FACE_VALUE
    ));
    Some(head)
}

/// The hard gates, and the soft ones when there are any.
pub fn gates_phrase(v: &View) -> String {
    match &v.gates.soft_phrase {
        Some(soft) => format!("{} · {soft}", v.gates.hard_phrase),
        None => v.gates.hard_phrase.clone(),
    }
}

/// Rows padded into columns (two-space indent, two spaces between columns).
pub(super) fn table<const N: usize>(out: &mut String, rows: &[[String; N]], right: &[bool; N]) {
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

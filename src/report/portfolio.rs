//! The portfolio's reports (docs/portfolio.md): the table as plain text and
//! as markdown, laid out from the [`PortfolioView`], and the JSON document
//! `{"portfolio": {…}, "projects": [one report each]}` — each project's
//! report in the stable format of docs/cli.md ("The JSON report"), a
//! member read from a JSON report written out as it was read.

use std::fmt::Write as _;

use serde::Serialize;

use crate::portfolio::{Basis, RollUp, State};
use crate::view::portfolio::{PortfolioView, ProjectRow};

/// The table's columns: header, and whether right-aligned.
const COLUMNS: [(&str, bool); 10] = [
    ("Project", false),
    ("Status", false),
    ("Complete", true),
    ("Claimed", true),
    ("Gates", true),
    ("P50", false),
    ("P85", false),
    ("Target", false),
    ("Chance", true),
    ("Moved", true),
];

/// A row's cells, in [`COLUMNS`] order.
fn cells(r: &ProjectRow) -> [String; 10] {
    let claimed = match (&r.claimed, &r.false_green) {
        (Some(c), Some(_)) => format!("{} ⚠", c.trim_start_matches("claimed ")),
        (Some(c), None) => c.trim_start_matches("claimed ").to_owned(),
        (None, _) => crate::view::portfolio::NONE.to_owned(),
    };
    [
        r.name.clone(),
        r.status.to_owned(),
        r.completion.clone(),
        claimed,
        r.gates.clone(),
        r.p50.clone(),
        r.p85.clone(),
        r.target.clone(),
        r.chance.clone(),
        r.moved.clone(),
    ]
}

/// The headline lines every layout starts with.
fn headline(v: &PortfolioView) -> Vec<String> {
    let mut lines = vec![
        format!("{} · {}", v.title, v.verdict),
        format!("{} · {} · {}", v.completion, v.counts, v.as_of),
    ];
    let mut when = vec![v.when.clone()];
    when.extend(v.chance.clone());
    when.extend(v.bottleneck.clone());
    lines.push(when.join(" · "));
    lines.push(format!("P50/P85: {}", v.basis));
    lines.extend(v.false_greens.clone());
    lines
}

/// The plain-text report.
pub fn text(v: &PortfolioView) -> String {
    let mut out = headline(v).join("\n");
    out.push_str("\n\n");
    let mut rows: Vec<[String; 10]> = vec![COLUMNS.map(|(h, _)| h.to_owned())];
    rows.extend(v.rows.iter().map(cells));
    let mut widths = [0usize; 10];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(unicode_width::UnicodeWidthStr::width(cell.as_str()));
        }
    }
    for row in &rows {
        let mut line = String::new();
        for (k, cell) in row.iter().enumerate() {
            let pad = widths[k] - unicode_width::UnicodeWidthStr::width(cell.as_str());
            if k > 0 {
                line.push_str("  ");
            }
            if COLUMNS[k].1 {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let notes = notes(v);
    if !notes.is_empty() {
        out.push('\n');
        for note in notes {
            let _ = writeln!(out, "{note}");
        }
    }
    out
}

/// Below the table: each member without figures and why, each false
/// green, each project's shared people's work in the others.
fn notes(v: &PortfolioView) -> Vec<String> {
    let mut notes = Vec::new();
    for r in &v.rows {
        if let Some(error) = &r.error {
            notes.push(format!("{} ({}): {} · {error}", r.name, r.path, r.status));
        }
        if let Some(flag) = &r.false_green {
            notes.push(format!("{}: ⚠ {flag}", r.name));
        }
        notes.extend(r.shared.iter().map(|s| format!("{}: {s}", r.name)));
    }
    notes
}

/// The markdown report: the headline, then the table, bounded as every
/// markdown report is ([`super::fit`]).
pub fn markdown(v: &PortfolioView) -> String {
    use super::fit::{self, Part};
    let md = crate::sink::markdown::escape;
    let mut out = String::new();
    let badge = if v.ready {
        "✅ READY"
    } else {
        "❌ NOT READY"
    };
    let _ = writeln!(out, "## {}\n", md(&v.title));
    let mut first = vec![format!("**{badge}**"), md(&v.completion), md(&v.counts)];
    first.push(format!("_{}_", v.as_of));
    let _ = writeln!(out, "{}\n", first.join(" · "));
    let mut when = vec![md(&v.when)];
    when.extend(v.chance.as_deref().map(md));
    when.extend(v.bottleneck.as_deref().map(md));
    let _ = writeln!(out, "{}\n", when.join(" · "));
    let _ = writeln!(out, "_P50/P85: {}_\n", md(&v.basis));
    let header: Vec<&str> = COLUMNS.iter().map(|(h, _)| *h).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let align: Vec<&str> = COLUMNS
        .iter()
        .map(|(_, right)| if *right { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", align.join("|"));
    let rows = v.rows.iter().map(|r| {
        let cells: Vec<String> = cells(r).iter().map(|c| md(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    });
    let mut parts = vec![
        Part::Fixed(out),
        Part::List {
            what: "projects",
            lines: rows.collect(),
        },
    ];
    let notes = notes(v);
    if !notes.is_empty() {
        parts.push(Part::Fixed("\n".to_owned()));
        parts.push(Part::List {
            what: "notes",
            lines: notes.iter().map(|n| format!("- {}\n", md(n))).collect(),
        });
    }
    fit::fit(parts, fit::MAX_CHARS)
}

#[derive(Serialize)]
struct Document<'a> {
    portfolio: Portfolio<'a>,
    projects: Vec<Project<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Project<'a> {
    Computed(Box<super::json::Report<'a>>),
    Read(&'a serde_json::Value),
}

#[derive(Serialize)]
struct Portfolio<'a> {
    today: String,
    /// Mean of the projects' completion (unrounded percent); null when no
    /// project could be computed.
    completion: Option<f64>,
    /// Every member computed and ready.
    ready: bool,
    p50: Option<String>,
    p85: Option<String>,
    /// The chance every project with a target meets it (0–1).
    chance: Option<f64>,
    /// `trials`: P50/P85/chance trial by trial; `projects`: from the
    /// projects' own figures (a member is a report).
    basis: &'static str,
    bottleneck: Option<Bottleneck<'a>>,
    /// Why there is no P50/P85.
    missing: Option<&'a str>,
    /// One row per member, in order; `report` indexes `projects`.
    members: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Bottleneck<'a> {
    person: &'a str,
    project: &'a str,
    finish: String,
}

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    path: &'a str,
    /// `ok`, or `invalid`, `missing`, `unreadable`, `not_a_report`.
    status: &'static str,
    /// `manifest` or `report`.
    source: &'static str,
    error: Option<&'a str>,
    report: Option<usize>,
    ready: Option<bool>,
    completion: Option<f64>,
    claimed: Option<f64>,
    false_green: bool,
    hard_gates: Option<usize>,
    hard_gates_passing: Option<usize>,
    p50: Option<String>,
    p85: Option<String>,
    target: Option<String>,
    chance: Option<f64>,
    moved_days: Option<i64>,
}

/// `{"portfolio": {…}, "projects": [one report each]}`, pretty-printed,
/// with a trailing newline.
pub fn json(roll: &RollUp) -> String {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    let mut projects = Vec::new();
    let mut members = Vec::new();
    for (i, m) in roll.members.iter().enumerate() {
        let f = roll.figures[i].as_ref();
        let (status, source, error) = match &m.state {
            State::Computed(_) => ("ok", "manifest", None),
            State::Report(_) => ("ok", "report", None),
            State::Failed(failure) => {
                let source = match failure.kind {
                    crate::portfolio::FailureKind::NotAReport => "report",
                    _ => "manifest",
                };
                (
                    failure.kind.as_str(),
                    source,
                    Some(failure.message.as_str()),
                )
            }
        };
        let report = match &m.state {
            State::Computed(c) => {
                let since = c.standup.as_deref().map(|st| &st.since);
                projects.push(Project::Computed(Box::new(super::json::report(
                    &c.snapshot,
                    since,
                ))));
                Some(projects.len() - 1)
            }
            State::Report(r) => {
                projects.push(Project::Read(&r.value));
                Some(projects.len() - 1)
            }
            State::Failed(_) => None,
        };
        members.push(Row {
            name: &roll.names[i],
            path: &m.path,
            status,
            source,
            error,
            report,
            ready: f.map(|f| f.ready),
            completion: f.map(|f| f.completion),
            claimed: f.and_then(|f| f.claimed),
            false_green: f.is_some_and(|f| f.false_green),
            hard_gates: f.map(|f| f.hard),
            hard_gates_passing: f.map(|f| f.hard_passing),
            p50: date(f.and_then(|f| f.p50)),
            p85: date(f.and_then(|f| f.p85)),
            target: date(f.and_then(|f| f.target)),
            chance: f.and_then(|f| f.chance),
            moved_days: f.and_then(|f| f.moved),
        });
    }
    let document = Document {
        portfolio: Portfolio {
            today: roll.today.to_string(),
            completion: roll.completion,
            ready: roll.ready,
            p50: date(roll.p50),
            p85: date(roll.p85),
            chance: roll.chance,
            basis: match roll.basis {
                Basis::Trials => "trials",
                Basis::Projects => "projects",
            },
            bottleneck: roll.bottleneck.as_ref().map(|b| Bottleneck {
                person: &b.person,
                project: &roll.names[b.project],
                finish: b.finish.to_string(),
            }),
            missing: roll.undated.as_deref(),
            members,
        },
        projects,
    };
    crate::sink::json::to_string_pretty(&document).expect("the portfolio serializes")
}

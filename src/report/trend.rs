//! The forecast's history in the reports (docs/trend.md): `readiness trend`
//! and the Trend section of `report`, as text (a row a day), markdown (a
//! table and a Mermaid `xychart-beta` milestone trend chart) and JSON (the
//! `trend` object). The chart holds dates and numbers alone — its title,
//! axis and series are written here from the trend's dates and day counts,
//! never from manifest text — so nothing in it can become a `click`, a link
//! or markup.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::trend::{Source, Trend};
use crate::view::trend::TrendView;

/// The Trend section as text: a heading, the summary, a row a day (a run
/// of days without figures for one reason in one row) and the largest
/// moves.
pub fn text(v: &TrendView) -> String {
    let mut out = format!("Trend {}\n  {}\n", v.window, v.summary);
    let mut rows: Vec<[String; 10]> = vec![
        [
            "day", "version", "done", "claimed", "open", "left", "P50", "P85", "chance", "",
        ]
        .map(str::to_owned),
    ];
    for r in &v.runs() {
        let row = match &r.cells {
            Some(c) => [
                r.date.clone(),
                r.version.clone(),
                c.completion.clone(),
                c.claimed.clone(),
                c.open_tasks.clone(),
                c.remaining.clone(),
                c.p50.clone(),
                c.p85.clone(),
                c.chance.clone(),
                r.note.clone(),
            ],
            None => {
                let mut row: [String; 10] = Default::default();
                row[0] = r.date.clone();
                row[1] = r.version.clone();
                row[9] = r.note.clone();
                row
            }
        };
        rows.push(row);
    }
    let right = [
        false, false, true, true, true, true, false, false, true, false,
    ];
    super::text::table(&mut out, &rows, &right);
    if !v.largest.is_empty() {
        let _ = writeln!(out, "  largest moves of the P85:");
        for m in &v.largest {
            let _ = writeln!(out, "    {}", m.text);
        }
    }
    out
}

/// The Trend section as markdown: the summary, the chart and a table.
pub fn markdown(v: &TrendView, trend: &Trend) -> String {
    let md = crate::sink::markdown::escape;
    let mut out = format!("### Trend {}\n\n{}\n\n", v.window, md(&v.summary));
    if let Some(chart) = mermaid(trend) {
        out.push_str(&chart);
        out.push_str(
            "\n_Lines, top to bottom at the start: P85, P50, the target when there is one, \
             and the diagonal where a forecast would meet its report day (done)._\n\n",
        );
    }
    out.push_str("| Day | Version | Done | Claimed | Open | Left | P50 | P85 | Chance | Move |\n");
    out.push_str("|---|---|---:|---:|---:|---:|---|---|---:|---|\n");
    for r in &v.runs() {
        let version = if r.version == "—" {
            r.version.clone()
        } else {
            format!("`{}`", r.version)
        };
        match &r.cells {
            Some(c) => {
                let _ = writeln!(
                    out,
                    "| {} | {version} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    r.date,
                    c.completion,
                    c.claimed,
                    c.open_tasks,
                    c.remaining,
                    c.p50,
                    c.p85,
                    c.chance,
                    md(&r.note)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "| {} | {version} | | | | | | | | {} |",
                    r.date,
                    md(&r.note)
                );
            }
        }
    }
    if !v.largest.is_empty() {
        out.push_str("\nLargest moves of the P85:\n\n");
        for m in &v.largest {
            let _ = writeln!(out, "- {}", md(&m.text));
        }
    }
    out
}

/// A day on the chart: the report day, its P50, P85 and target.
type Plotted = (NaiveDate, NaiveDate, NaiveDate, Option<NaiveDate>);

/// The milestone trend chart as a Mermaid `xychart-beta` block: report
/// days across (`MM-DD`), and up, days after the first of them: the P85,
/// the P50, the target, and the diagonal (a forecast equal to its report
/// day). Days without both percentiles are left out; `None` with fewer than
/// two days left. Only dates and numbers are written.
pub fn mermaid(trend: &Trend) -> Option<String> {
    let days: Vec<Plotted> = trend
        .with_figures()
        .filter_map(|(p, f)| Some((p.day, f.p50?, f.p85?, f.target)))
        .collect();
    let first = days.first()?.0;
    if days.len() < 2 {
        return None;
    }
    let after = |d: NaiveDate| (d - first).num_days();
    let series = |f: &dyn Fn(&Plotted) -> i64| {
        days.iter()
            .map(f)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
    };
    let p85 = series(&|d| after(d.2));
    let p50 = series(&|d| after(d.1));
    let diagonal = series(&|d| after(d.0));
    let target = days
        .iter()
        .map(|d| d.3.map(after))
        .collect::<Option<Vec<i64>>>();
    let top = days
        .iter()
        .flat_map(|d| [after(d.2), after(d.1), after(d.0), d.3.map_or(0, after)])
        .max()
        .unwrap_or(1)
        .max(1);
    let bottom = days
        .iter()
        .filter_map(|d| d.3.map(after))
        .min()
        .unwrap_or(0)
        .min(0);
    let labels: Vec<String> = days
        .iter()
        .map(|d| format!("\"{}\"", d.0.format("%m-%d")))
        .collect();
    let first = first.format("%Y-%m-%d");
    let mut out = String::from("```mermaid\nxychart-beta\n");
    let _ = writeln!(
        out,
        "    title \"Forecast by report day, in days after {first}\""
    );
    let _ = writeln!(out, "    x-axis [{}]", labels.join(", "));
    let _ = writeln!(out, "    y-axis \"days after {first}\" {bottom} --> {top}");
    let _ = writeln!(out, "    line [{}]", p85.join(", "));
    let _ = writeln!(out, "    line [{}]", p50.join(", "));
    if let Some(target) = target {
        let target: Vec<String> = target.iter().map(i64::to_string).collect();
        let _ = writeln!(out, "    line [{}]", target.join(", "));
    }
    let _ = writeln!(out, "    line [{}]", diagonal.join(", "));
    out.push_str("```\n");
    Some(out)
}

/// The `trend` object (docs/trend.md, "JSON").
#[derive(Serialize)]
pub struct Json {
    from: Option<String>,
    to: Option<String>,
    days: Vec<DayJson>,
}

/// One day: its status and, when `ok`, the figures `report --format json
/// --today DAY` gives on that day's version, under the same names.
#[derive(Serialize)]
struct DayJson {
    day: String,
    /// `ok`, or why there are no figures: `not_yet`, `shallow`, `deleted`,
    /// `invalid`, `no_history`.
    status: &'static str,
    /// The commit read, `now` for the file as it is, null without one.
    version: Option<String>,
    /// Why there are no figures, in words (null when `ok`).
    reason: Option<String>,
    completion: Option<f64>,
    claimed: Option<f64>,
    remaining_tasks: Option<usize>,
    scope_tasks: Option<usize>,
    remaining_days: Option<f64>,
    p50: Option<String>,
    p85: Option<String>,
    target: Option<String>,
    target_status: Option<&'static str>,
    /// The chance of meeting the target then (`forecast.chance`, 0–1).
    chance: Option<f64>,
    /// Working days the P50 and P85 moved since the last day with figures.
    p50_change_days: Option<i64>,
    p85_change_days: Option<i64>,
    /// Why it moved (as `since.causes`): each class of change, its days
    /// adding up to the two moves above; null when neither moved or the
    /// causes could not be measured.
    causes: Option<Vec<super::since::CauseJson>>,
}

/// The trend as its JSON object.
pub fn json(trend: &Trend) -> Json {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    let days = trend
        .points
        .iter()
        .zip(&trend.moves)
        .zip(&trend.causes)
        .map(|((p, m), causes)| {
            let f = p.figures.as_ref().ok();
            DayJson {
                day: p.day.to_string(),
                status: p.figures.as_ref().err().map_or("ok", |g| g.as_str()),
                version: p.source.as_ref().map(|s| match s {
                    Source::Commit(c) => c.clone(),
                    Source::Now => "now".to_owned(),
                }),
                reason: p.figures.as_ref().err().map(|g| g.phrase()),
                completion: f.map(|f| f.completion),
                claimed: f.and_then(|f| f.claimed),
                remaining_tasks: f.map(|f| f.open_tasks),
                scope_tasks: f.map(|f| f.scope_tasks),
                remaining_days: f.map(|f| f.remaining_days),
                p50: date(f.and_then(|f| f.p50)),
                p85: date(f.and_then(|f| f.p85)),
                target: date(f.and_then(|f| f.target)),
                target_status: f.and_then(|f| f.target_status).map(|t| t.as_str()),
                chance: f.and_then(|f| f.chance),
                p50_change_days: m.p50_days,
                p85_change_days: m.p85_days,
                causes: causes.as_ref().map(super::since::causes),
            }
        })
        .collect();
    Json {
        from: date(trend.points.first().map(|p| p.day)),
        to: date(trend.points.last().map(|p| p.day)),
        days,
    }
}

/// `readiness trend --format json`: `{"trend": {…}}`, pretty, escaped by
/// the sink, with a trailing newline.
pub fn render_json(trend: &Trend) -> String {
    #[derive(Serialize)]
    struct Wrapper {
        trend: Json,
    }
    crate::sink::json::to_string_pretty(&Wrapper { trend: json(trend) })
        .expect("the trend serializes")
}

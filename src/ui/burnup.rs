//! The burn-up pane: a chart of tasks done (from `done` dates) against the
//! scope (from the file's git history when there is one, else today's scope
//! drawn flat), extended from today's point to the P50, P85 and P95
//! finishes as a cone, with today and the target marked. Small, it is the
//! plot alone under a one-line summary; large (presentation mode), it has
//! axes and a legend.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

use super::Ctx;
use super::common::{empty_pane, pane_block, styled, title};
use crate::standup::burnup::BurnUp;

/// The pane in the normal dashboard.
pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    draw_with(ctx, frame, area, false);
}

/// The pane, with axes and legend when `large` (and room for them).
pub fn draw_with(ctx: &Ctx, frame: &mut Frame, area: Rect, large: bool) {
    let t = &ctx.theme;
    let block = pane_block(title("Burn-up", String::new(), t), false, t);
    let inner = block.inner(area);
    // Worked out once per snapshot and history (`App::burnup`).
    let Some(b) = ctx.app.burnup() else {
        return empty_pane(frame, area, block, "no `done` dates or forecast yet", t);
    };
    frame.render_widget(block, area);
    let [summary, plot] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let line = summary_line(ctx, b, large, usize::from(summary.width));
    frame.render_widget(Paragraph::new(line), summary);
    let axes = large || (plot.height >= 8 && plot.width >= 40);
    draw_chart(ctx, frame, plot, b, axes);
}

/// The figures, each in its line's style (the summary is the legend), as
/// many as fit in `width`, most important first.
fn summary_line(ctx: &Ctx, b: &BurnUp, large: bool, width: usize) -> Line<'static> {
    let t = &ctx.theme;
    let mut parts = vec![(format!("{}/{} done", b.done_now, b.scope_now), t.chart)];
    if large {
        let cone = b.cone();
        let same = cone.windows(2).all(|w| w[0].1 == w[1].1);
        let cone = match cone.as_slice() {
            [] => None,
            [(_, d), ..] if same => Some(format!("P50–P95 {}", d.format("%b %d"))),
            all => Some(
                all.iter()
                    .map(|(label, d)| format!("{label} {}", d.format("%b %d")))
                    .collect::<Vec<_>>()
                    .join(" · "),
            ),
        };
        parts.extend(cone.map(|c| (c, t.unknown)));
        if let Some(target) = b.target {
            parts.push((format!("target {}", target.format("%b %d")), t.fail));
        }
    }
    parts.push((format!("+{} in 7 days", b.last_week), t.dim));
    if b.scope_from_history {
        parts.push(("scope from git".to_owned(), t.title));
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for (k, (text, style)) in parts.into_iter().enumerate() {
        let sep = if k == 0 { "" } else { " · " };
        let w = sep.chars().count() + text.chars().count();
        if used + w > width {
            break;
        }
        used += w;
        if !sep.is_empty() {
            spans.push(styled(sep, t.dim));
        }
        spans.push(styled(text, style));
    }
    Line::from(spans)
}

/// A line of the chart, in Braille dots.
fn line_set<'a>(style: Style, data: &'a [(f64, f64)]) -> Dataset<'a> {
    Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(style)
        .data(data)
}

/// A staircase through (date, count) steps: flat until the next date.
fn steps(b: &BurnUp, points: &[(NaiveDate, u64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len() * 2);
    for (k, &(d, c)) in points.iter().enumerate() {
        if k > 0 {
            out.push((b.x(d), points[k - 1].1 as f64));
        }
        out.push((b.x(d), c as f64));
    }
    out
}

fn draw_chart(ctx: &Ctx, frame: &mut Frame, area: Rect, b: &BurnUp, axes: bool) {
    let t = &ctx.theme;
    let x_end = b.x(b.end);
    let y_max = b
        .scope
        .iter()
        .map(|&(_, s)| s)
        .chain([b.scope_now, b.done_now, 1])
        .max()
        .unwrap_or(1) as f64;
    let x_today = b.x(b.today);
    let now = (x_today, b.done_now as f64);
    let mut scope = steps(b, &b.scope);
    scope.push((x_end, b.scope_now as f64));
    let done = steps(b, &b.done);
    let cone: Vec<(&str, [(f64, f64); 2])> = b
        .cone()
        .into_iter()
        .map(|(label, d)| (label, [now, (b.x(d), b.scope_now as f64)]))
        .collect();
    let today_line = [(x_today, 0.0), (x_today, y_max)];
    let target_line = b.target.map(|d| [(b.x(d), 0.0), (b.x(d), y_max)]);

    let mut datasets = vec![
        line_set(t.dim, &today_line).name("today"),
        line_set(t.title, &scope).name(if b.scope_from_history {
            "scope"
        } else {
            "scope (today's)"
        }),
    ];
    if let Some(target_line) = &target_line {
        datasets.push(line_set(t.fail, target_line).name("target"));
    }
    for (k, (label, points)) in cone.iter().enumerate() {
        let mut set = line_set(t.unknown, points);
        // One legend entry for the whole cone.
        if k + 1 == cone.len() {
            set = set.name(if cone.len() > 1 {
                "P50–P95".to_owned()
            } else {
                (*label).to_owned()
            });
        }
        datasets.push(set);
    }
    datasets.push(line_set(t.chart, &done).name("done"));

    let mut x_axis = Axis::default().bounds([0.0, x_end.max(1.0)]);
    let mut y_axis = Axis::default().bounds([0.0, y_max]);
    if axes {
        let date = |d: NaiveDate| Span::styled(d.format("%b %d").to_string(), t.dim);
        x_axis = x_axis
            .style(t.border)
            .labels(vec![date(b.start), date(b.end)]);
        y_axis = y_axis.style(t.border).labels(vec![
            Span::styled("0", t.dim),
            Span::styled(format!("{}", y_max as u64), t.dim),
        ]);
    }
    let chart = Chart::new(datasets)
        .style(t.base)
        .x_axis(x_axis)
        .y_axis(y_axis)
        // The summary line above names the lines in their colours.
        .legend_position(None);
    frame.render_widget(chart, area);
}

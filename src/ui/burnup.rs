//! The burn-up pane: tasks done (from `done` dates) against the scope (from
//! the file's git history when there is one, else today's scope drawn flat),
//! extended from today's point to the P50, P85 and P95 finishes as a cone,
//! with today and the target marked. Each line has its own marker — `█`
//! done, `•` scope, `⠒` the cone, `▄` today, `▌` the target — named in the
//! legend, so the chart reads without colour (`NO_COLOR`) too; dates on the
//! x axis and counts on the y axis when there is room.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

use super::Ctx;
use super::common::{empty_pane, fit_phrases, pane_block, styled, title, width};
use super::theme::Theme;
use crate::standup::burnup::BurnUp;
use crate::view::BurnUpView;
use crate::view::figure::date;

/// The pane in the dashboard.
pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    draw_with(ctx, frame, area);
}

/// The chart's series: marker, legend word and style.
struct Series {
    marker: Marker,
    symbol: &'static str,
    label: &'static str,
    style: Style,
}

fn series(t: &Theme, b: &BurnUpView) -> [Series; 5] {
    [
        Series {
            marker: Marker::HalfBlock,
            symbol: "█",
            label: "done",
            style: t.chart,
        },
        Series {
            marker: Marker::Dot,
            symbol: "•",
            label: b.scope_label,
            style: t.title,
        },
        Series {
            marker: Marker::Braille,
            symbol: "⠒",
            label: "P50–P95",
            style: t.unknown,
        },
        Series {
            marker: Marker::Bar,
            symbol: "▄",
            label: "today",
            style: t.dim,
        },
        Series {
            marker: Marker::Quadrant,
            symbol: "▌",
            label: "target",
            style: t.fail,
        },
    ]
}

/// The pane at any size: the legend, the figures when there is room, and
/// the chart (with axes when there is room).
pub fn draw_with(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let block = pane_block(title("Burn-up", "", usize::from(area.width), t), false, t);
    let inner = block.inner(area);
    let Some(b) = &ctx.view.burnup else {
        return empty_pane(frame, area, block, "no `done` dates or forecast yet", t);
    };
    frame.render_widget(block, area);
    let figures_h = u16::from(inner.height >= 9);
    let [legend, figures, plot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(figures_h),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let series = series(t, b);
    frame.render_widget(
        Paragraph::new(legend_line(&series, b, legend.width)),
        legend,
    );
    if figures_h > 0 {
        let mut phrases = vec![b.done.clone(), b.last_week.clone()];
        phrases.extend(b.cone.clone());
        phrases.extend(b.target.clone());
        let order: Vec<usize> = (0..phrases.len()).collect();
        let text = fit_phrases(&phrases, &order, " · ", usize::from(figures.width));
        frame.render_widget(Paragraph::new(Line::from(styled(text, t.dim))), figures);
    }
    let axes = plot.height >= 5 && plot.width >= 30;
    draw_chart(&series, frame, plot, &b.data, axes, t);
}

/// `█ done · • scope · ⠒ P50–P95 · ▄ today · ▌ target`: the entries that
/// fit, each marker in its line's style.
fn legend_line(series: &[Series; 5], b: &BurnUpView, max: u16) -> Line<'static> {
    let present = [
        true,
        true,
        !b.data.cone().is_empty(),
        true,
        b.data.target.is_some(),
    ];
    let mut spans = Vec::new();
    let mut used = 0;
    for (s, shown) in series.iter().zip(present) {
        if !shown {
            continue;
        }
        let entry = format!("{} {}", s.symbol, s.label);
        let sep = if spans.is_empty() { "" } else { "  " };
        if used + width(sep) + width(&entry) > usize::from(max) {
            break;
        }
        used += width(sep) + width(&entry);
        spans.push(Span::raw(sep));
        spans.push(styled(s.symbol, s.style));
        spans.push(styled(format!(" {}", s.label), Style::new()));
    }
    Line::from(spans)
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

fn line_set<'a>(s: &Series, data: &'a [(f64, f64)]) -> Dataset<'a> {
    Dataset::default()
        .marker(s.marker)
        .graph_type(GraphType::Line)
        .style(s.style)
        .data(data)
}

fn draw_chart(
    series: &[Series; 5],
    frame: &mut Frame,
    area: Rect,
    b: &BurnUp,
    axes: bool,
    t: &Theme,
) {
    let [done_s, scope_s, cone_s, today_s, target_s] = series;
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
    let cone: Vec<[(f64, f64); 2]> = b
        .cone()
        .into_iter()
        .map(|(_, d)| [now, (b.x(d), b.scope_now as f64)])
        .collect();
    let today_line = [(x_today, 0.0), (x_today, y_max)];
    let target_line = b.target.map(|d| [(b.x(d), 0.0), (b.x(d), y_max)]);

    // Drawn in this order: the last drawn is on top.
    let mut datasets = vec![line_set(today_s, &today_line)];
    if let Some(target_line) = &target_line {
        datasets.push(line_set(target_s, target_line));
    }
    datasets.push(line_set(scope_s, &scope));
    for points in &cone {
        datasets.push(line_set(cone_s, points));
    }
    datasets.push(line_set(done_s, &done));

    let mut x_axis = Axis::default().bounds([0.0, x_end.max(1.0)]);
    let mut y_axis = Axis::default().bounds([0.0, y_max]);
    if axes {
        let label = |d: NaiveDate| Span::styled(date(d), t.dim);
        let mut labels = vec![label(b.start)];
        // The labels are spaced evenly: the middle one is the middle date.
        if area.width >= 48 {
            labels.push(label(b.start + (b.end - b.start) / 2));
        }
        labels.push(label(b.end));
        x_axis = x_axis.style(t.border).labels(labels);
        y_axis = y_axis.style(t.border).labels(vec![
            Span::styled("0", t.dim),
            Span::styled(format!("{}", y_max as u64), t.dim),
        ]);
    }
    let chart = Chart::new(datasets)
        .style(t.base)
        .x_axis(x_axis)
        .y_axis(y_axis)
        // The legend line above names each marker.
        .legend_position(None);
    frame.render_widget(chart, area);
}

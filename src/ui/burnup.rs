//! The burn-up pane: tasks done (from `done` dates) against the scope (from
//! the file's git history when there is one, else today's scope drawn flat),
//! extended from today's point to the P50, P85 and P95 finishes as a cone
//! whose edges are labelled where they end, with today and the target as
//! rules across. Each line has its own mark, from the one table the legend
//! prints ([`crate::view::symbols`]: `█` done, `•` scope, `⠒` the cone, `┊`
//! today, `┃` the target), so the chart reads without colour (`NO_COLOR`)
//! too; value ticks up the y axis and dates on the x axis when there is room
//! ([`super::plot`]).

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Ctx;
use super::common::{empty_pane, fit_phrases, pane_block, styled, title, width};
use super::plot::{Axes, count_ticks, draw_axes, polyline};
use super::theme::Theme;
use crate::standup::burnup::BurnUp;
use crate::view::BurnUpView;
use crate::view::figure::date;
use crate::view::symbols::{CONE_LINES, DONE_LINE, Mark, SCOPE_LINE, TARGET_RULE, TODAY_RULE};

/// The pane in the dashboard.
pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    draw_with(ctx, frame, area);
}

/// The chart's series: mark, how the canvas draws it, legend word and
/// style.
struct Series {
    mark: Mark,
    marker: Marker,
    label: &'static str,
    style: Style,
}

fn series(t: &Theme, b: &BurnUpView) -> [Series; 5] {
    let entry = |mark: Mark, marker, style| Series {
        mark,
        marker,
        label: mark.name,
        style,
    };
    [
        entry(DONE_LINE, Marker::HalfBlock, t.chart),
        Series {
            label: b.scope_label,
            ..entry(SCOPE_LINE, Marker::Custom(SCOPE_LINE.glyph), t.title)
        },
        entry(CONE_LINES, Marker::Braille, t.unknown),
        entry(TODAY_RULE, Marker::Custom(TODAY_RULE.glyph), t.dim),
        entry(TARGET_RULE, Marker::Custom(TARGET_RULE.glyph), t.fail),
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

/// `█ done  • scope  ⠒ P50–P95  ┊ today  ┃ target`: the entries that fit,
/// each mark in its line's style.
fn legend_line(series: &[Series; 5], b: &BurnUpView, max: u16) -> Line<'static> {
    let present = [
        true,
        true,
        !b.data.cone().is_empty(),
        true,
        b.data.target.is_some(),
    ];
    let shown: Vec<&Series> = series
        .iter()
        .zip(present)
        .filter_map(|(s, p)| p.then_some(s))
        .collect();
    let entry = |s: &Series| format!("{} {}", s.mark.glyph, s.label);
    // Two spaces between entries, one when that lets every entry fit.
    let all: usize = shown.iter().map(|s| width(&entry(s))).sum();
    let sep = if all + 2 * shown.len().saturating_sub(1) <= usize::from(max) {
        "  "
    } else {
        " "
    };
    let mut spans = Vec::new();
    let mut used = 0;
    for s in shown {
        let text = entry(s);
        let gap = if spans.is_empty() { "" } else { sep };
        if used + width(gap) + width(&text) > usize::from(max) {
            break;
        }
        used += width(gap) + width(&text);
        spans.push(Span::raw(gap));
        spans.push(styled(s.mark.glyph.to_string(), s.style));
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

fn draw_chart(
    series: &[Series; 5],
    frame: &mut Frame,
    area: Rect,
    b: &BurnUp,
    show_axes: bool,
    t: &Theme,
) {
    let [done_s, scope_s, cone_s, today_s, target_s] = series;
    let x_end = b.x(b.end).max(1.0);
    let top = b
        .scope
        .iter()
        .map(|&(_, s)| s)
        .chain([b.scope_now, b.done_now, 1])
        .max()
        .unwrap_or(1);
    // A tick every other row at most; with a cone, the top tick above the
    // scope, so the top row is left to the cone's labels.
    let rows = if show_axes {
        area.height.saturating_sub(2)
    } else {
        area.height
    };
    let max_ticks = usize::from(rows.saturating_sub(1) / 2 + 1);
    let ticks = count_ticks(top, max_ticks, !b.cone().is_empty());
    let y_max = ticks.last().copied().unwrap_or(1) as f64;
    let x_ticks = vec![
        (0.0, date(b.start)),
        (x_end, date(b.end)),
        (b.x(b.today), TODAY_RULE.name.to_owned()),
    ];
    let axes = Axes {
        x: [0.0, x_end],
        y: [0.0, y_max],
        y_ticks: ticks.iter().map(|&v| (v as f64, v.to_string())).collect(),
        x_ticks,
    };
    let g = draw_axes(frame.buffer_mut(), area, &axes, show_axes, t);

    let x_today = b.x(b.today);
    let now = (x_today, b.done_now as f64);
    let mut scope = steps(b, &b.scope);
    scope.push((x_end, b.scope_now as f64));
    let done = steps(b, &b.done);
    let cone: Vec<(&str, f64)> = b.cone().into_iter().map(|(l, d)| (l, b.x(d))).collect();
    // The rules stop a row short of the top, where the cone is labelled.
    let rule_top = y_max * (1.0 - 1.0 / f64::from(g.area.height.max(2) - 1));
    let rule = |x: f64| [(x, 0.0), (x, rule_top)];
    let mut rules = vec![(today_s, rule(x_today))];
    if let Some(target) = b.target {
        rules.push((target_s, rule(b.x(target))));
    }
    let scope_y = b.scope_now as f64;
    let canvas = g.canvas(t.base, |ctx| {
        // Drawn in this order: the last drawn is on top.
        for (s, points) in &rules {
            ctx.marker(s.marker);
            polyline(ctx, points, s.style);
        }
        ctx.marker(scope_s.marker);
        polyline(ctx, &scope, scope_s.style);
        ctx.marker(cone_s.marker);
        for &(_, x) in &cone {
            polyline(ctx, &[now, (x, scope_y)], cone_s.style);
        }
        ctx.marker(done_s.marker);
        polyline(ctx, &done, done_s.style);
    });
    frame.render_widget(canvas, g.area);

    // Each edge of the cone named on the top row, over where it ends;
    // edges ending too close to be named apart share one label
    // (`P50/85/95`).
    let ends: Vec<(&str, u16)> = cone
        .iter()
        .filter_map(|&(name, x)| Some((name, g.col(x)?)))
        .collect();
    let buf = frame.buffer_mut();
    for (start, text) in cone_labels(&ends, g.area.x, g.area.right()) {
        g.label(buf, (start, g.area.y), &text, cone_s.style, true);
    }
}

/// The cone's labels on one row from `left` to `right`: each name starting
/// a cell before its edge's column, kept inside the row; names that would
/// touch share one label (`P85/95`, `P50/85/95`). Returns (start, text).
fn cone_labels(ends: &[(&str, u16)], left: u16, right: u16) -> Vec<(u16, String)> {
    let place = |col: u16, text: &str| {
        col.saturating_sub(1)
            .min(right.saturating_sub(width(text) as u16))
            .max(left)
    };
    let mut groups: Vec<(u16, String)> = Vec::new();
    for &(name, col) in ends {
        groups.push((col, name.to_owned()));
        while let [.., (pc, pt), (c, t)] = groups.as_slice() {
            if place(*c, t) > place(*pc, pt) + width(pt) as u16 {
                break;
            }
            let merged = format!("{pt}/{}", t.trim_start_matches('P'));
            let first = *pc;
            groups.truncate(groups.len() - 2);
            groups.push((first, merged));
        }
    }
    groups
        .into_iter()
        .map(|(col, text)| (place(col, &text), text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::cone_labels;

    #[test]
    fn cone_labels_apart_or_shared() {
        let apart = cone_labels(&[("P50", 10), ("P85", 20), ("P95", 30)], 0, 40);
        assert_eq!(
            apart,
            vec![(9, "P50".into()), (19, "P85".into()), (29, "P95".into())]
        );
        let close = cone_labels(&[("P50", 10), ("P85", 13), ("P95", 20)], 0, 40);
        assert_eq!(close, vec![(9, "P50/85".into()), (19, "P95".into())]);
        // Pushed left by the edge into the label before: shared.
        let edge = cone_labels(&[("P50", 33), ("P85", 38), ("P95", 39)], 0, 40);
        assert_eq!(edge, vec![(31, "P50/85/95".into())]);
    }
}

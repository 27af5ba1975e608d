//! The trend view (`T`, docs/trend.md): a milestone trend chart — report
//! days across, forecast dates up, the P85 and P50 lines, the target as a
//! level, the diagonal where a forecast would meet its report day (done),
//! the largest jumps labelled — over the list of days; `Enter` on a day
//! opens its figures and why they moved. The chart alone is drawn in
//! presentation mode when there is room. Each line has its own mark, from
//! the one table the legend prints ([`crate::view::symbols`]), so it reads
//! without colour too; compact at 80×24.

use std::cell::RefCell;

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::common::{area as to_area, fit, paint, styled, width, window_start};
use super::overlay::{Popup, Scroll, popup};
use super::plot::{Axes, draw_axes, polyline};
use super::theme::Theme;
use crate::app::{App, Regions, Target};
use crate::view::TrendView;
use crate::view::symbols::{DONE_DIAGONAL, Mark, P50_LINE, P85_LINE, TARGET_LEVEL, TODAY_RULE};

/// Steps between date ticks, in days: a day, two, a week, two, four…
const DATE_STEPS: [u64; 10] = [1, 2, 7, 14, 28, 56, 91, 182, 364, 728];

/// The trend view over the whole screen, day `selected` picked; `open`:
/// its figures in a popup.
pub fn draw(
    app: &App,
    t: &Theme,
    frame: &mut Frame,
    area: Rect,
    regions: &RefCell<Regions>,
    (selected, open): (usize, bool),
) {
    let rect = Rect {
        x: area.x + 1,
        y: area.y,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(1),
    };
    let trend = app.view().and_then(|v| v.trend.as_ref());
    let title = trend.map_or(" Trend ".to_owned(), |v| format!(" Trend {} ", v.window));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(t.border_focused)
        .title(styled(title, t.title))
        .title_bottom(
            Line::from(styled(" j k day · Enter its figures · Esc back ", t.dim))
                .alignment(Alignment::Right),
        )
        .style(t.base);
    frame.render_widget(Clear, rect);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let Some(v) = trend else {
        let line = Line::from(styled(" reading the file's history…", t.dim));
        frame.render_widget(Paragraph::new(line), inner);
        return;
    };
    let selected = selected.min(v.rows.len().saturating_sub(1));
    let list_h = if inner.height >= 30 { 10 } else { 6 }.min(inner.height / 3);
    let [summary, chart_area, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(list_h),
    ])
    .areas(inner);
    let room = usize::from(summary.width).saturating_sub(1);
    let said = if width(&v.summary) <= room {
        &v.summary
    } else {
        &v.short
    };
    let text = fit(&format!(" {said}"), usize::from(summary.width));
    frame.render_widget(Paragraph::new(Line::from(styled(text, t.dim))), summary);
    chart(frame, chart_area, v, t, Some(selected));
    day_list(frame, list, v, t, selected);
    regions.borrow_mut().push(
        to_area(rect),
        Target::View {
            page: usize::from(list_h),
            max_scroll: v.rows.len().saturating_sub(1),
        },
    );
    if open {
        day_popup(frame, area, v, t, regions, selected);
    }
}

/// The days, a row each, the selected one highlighted and in sight.
fn day_list(frame: &mut Frame, area: Rect, v: &TrendView, t: &Theme, selected: usize) {
    let rows = usize::from(area.height);
    let first = window_start(v.rows.len(), selected, rows);
    let w = usize::from(area.width);
    // Narrow: the version and the P50 make room for the move.
    let wide = w >= 100;
    let version_w = v.rows.iter().map(|r| width(&r.version)).max().unwrap_or(0);
    // The chance column only when some day had a target to meet.
    let chance = wide
        && v.rows
            .iter()
            .any(|r| r.cells.as_ref().is_some_and(|c| c.chance != "—"));
    let lines: Vec<Line> = v
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(k, r)| {
            let sel = k == selected;
            let mark = if sel { "›" } else { " " };
            let figures = match &r.cells {
                Some(c) if chance => {
                    // A day without a target leaves the column blank.
                    let odds = if c.chance == "—" {
                        String::new()
                    } else {
                        format!("{} chance", c.chance)
                    };
                    format!(
                        "{:>6}  P50 {}  P85 {}  {odds:>11}  ",
                        c.completion, c.p50, c.p85
                    )
                }
                Some(c) if wide => format!("{:>6}  P50 {}  P85 {}  ", c.completion, c.p50, c.p85),
                Some(c) => format!("{:>6}  P85 {}  ", c.completion, c.p85),
                None => String::new(),
            };
            let lead = if wide {
                format!("{mark} {}  {:<version_w$}  ", r.date, r.version)
            } else {
                format!("{mark} {}  ", r.date)
            };
            let room = w.saturating_sub(width(&lead) + width(&figures));
            let note = if width(&r.note) <= room {
                &r.note
            } else {
                &r.short
            };
            let rest = fit(note, room);
            Line::from(vec![
                Span::styled(lead, paint(t.dim, sel)),
                Span::styled(figures, paint(t.base, sel)),
                Span::styled(rest, paint(t.tone(r.tone), sel)),
            ])
            .style(if sel { t.selected } else { Style::new() })
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The selected day's figures and move, over the view.
fn day_popup(
    frame: &mut Frame,
    area: Rect,
    v: &TrendView,
    t: &Theme,
    regions: &RefCell<Regions>,
    k: usize,
) {
    let lines = v.detail(k);
    let label_w = lines.iter().map(|l| width(l.label)).max().unwrap_or(0);
    let lines = lines
        .iter()
        .map(|l| {
            Line::from(vec![
                styled(format!(" {:>label_w$}  ", l.label), t.dim),
                styled(l.text.clone(), t.tone(l.tone)),
            ])
        })
        .collect();
    let title = v
        .rows
        .get(k)
        .map_or(String::new(), |r| format!(" {} ", r.date));
    let p = Popup {
        title,
        hint: " Enter or Esc back ",
        lines,
        scroll: Scroll::From(0),
        max_width: 72,
        wrap_indent: label_w + 3,
    };
    popup(frame, area, t, regions, p);
}

/// The chart in a pane of its own (presentation mode): `Trend` and the
/// summary in its title.
pub fn pane(ctx: &super::Ctx, frame: &mut Frame, area: Rect, v: &TrendView) {
    let t = &ctx.theme;
    let title = super::common::title("Trend", &v.short, usize::from(area.width), t);
    let block = super::common::pane_block(title, false, t);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    chart(frame, inner, v, t, None);
}

/// A series of the chart: its mark, how the canvas draws it, its style.
struct Series {
    mark: Mark,
    marker: Marker,
    style: Style,
}

/// The milestone trend chart of `v` in `area`: a legend line, then the
/// plot (with axes when there is room); `selected` marks a day with a rule.
pub fn chart(frame: &mut Frame, area: Rect, v: &TrendView, t: &Theme, selected: Option<usize>) {
    let first_day = v.data.points.first().map(|p| p.day);
    // (row index, days across, P50 and P85 as days after the first day).
    let mut plotted: Vec<(usize, f64, Option<f64>, f64)> = Vec::new();
    let mut target = None;
    for (k, p) in v.data.points.iter().enumerate() {
        let (Some(first), Ok(f)) = (first_day, &p.figures) else {
            continue;
        };
        let after = |d: NaiveDate| (d - first).num_days() as f64;
        target = f.target.map(after).or(target);
        if let Some(p85) = f.p85 {
            plotted.push((k, after(p.day), f.p50.map(after), after(p85)));
        }
    }
    let (Some(first), true) = (first_day, !plotted.is_empty()) else {
        let line = Line::from(styled(" no P85 on any day of the window yet", t.dim));
        frame.render_widget(Paragraph::new(line), area);
        return;
    };
    let series = [
        Series {
            mark: P85_LINE,
            marker: Marker::Custom(P85_LINE.glyph),
            style: t.title,
        },
        Series {
            mark: P50_LINE,
            marker: Marker::Custom(P50_LINE.glyph),
            style: t.unknown,
        },
        Series {
            mark: TARGET_LEVEL,
            marker: Marker::Custom(TARGET_LEVEL.glyph),
            style: t.fail,
        },
        Series {
            mark: DONE_DIAGONAL,
            marker: Marker::Braille,
            style: t.dim,
        },
    ];
    let [legend, plot] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let shown = if target.is_some() { 4 } else { 3 };
    let entries: Vec<&Series> = series
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != 2 || shown == 4)
        .map(|(_, s)| s)
        .collect();
    frame.render_widget(Paragraph::new(legend_line(&entries, legend.width)), legend);

    let x_max = v
        .data
        .points
        .last()
        .map_or(1.0, |p| (p.day - first).num_days() as f64)
        .max(1.0);
    let values = plotted
        .iter()
        .flat_map(|&(_, _, p50, p85)| [p50.unwrap_or(p85), p85])
        .chain(target)
        .chain([0.0, x_max]);
    let (low, high) = values.fold((f64::MAX, f64::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let show_axes = plot.height >= 6 && plot.width >= 30;
    let rows = if show_axes {
        plot.height.saturating_sub(2)
    } else {
        plot.height
    };
    let (y_ticks, y_bounds) = date_ticks(
        first,
        low,
        high,
        usize::from(rows.saturating_sub(1) / 2 + 1),
    );
    let day_label = |d: NaiveDate| d.format("%m-%d").to_string();
    let last_day = v.data.points.last().map_or(first, |p| p.day);
    let mut x_ticks = vec![(0.0, day_label(first)), (x_max, day_label(last_day))];
    if let Some(k) = selected
        && let Some(p) = v.data.points.get(k)
    {
        x_ticks.push(((p.day - first).num_days() as f64, day_label(p.day)));
    }
    let axes = Axes {
        x: [0.0, x_max],
        y: y_bounds,
        y_ticks,
        x_ticks,
    };
    let g = draw_axes(frame.buffer_mut(), plot, &axes, show_axes, t);
    let [p85_s, p50_s, target_s, diagonal_s] = &series;
    let p85: Vec<(f64, f64)> = plotted.iter().map(|&(_, x, _, y)| (x, y)).collect();
    let p50: Vec<(f64, f64)> = plotted
        .iter()
        .filter_map(|&(_, x, y, _)| Some((x, y?)))
        .collect();
    let rule_x = selected
        .and_then(|k| v.data.points.get(k))
        .map(|p| (p.day - first).num_days() as f64);
    let canvas = g.canvas(t.base, |ctx| {
        // Under everything: the selected day's rule, the target, the
        // diagonal; then P50, and P85 on top.
        if let Some(x) = rule_x {
            ctx.marker(Marker::Custom(TODAY_RULE.glyph));
            polyline(ctx, &[(x, y_bounds[0]), (x, y_bounds[1])], t.dim);
        }
        if let Some(y) = target {
            ctx.marker(target_s.marker);
            polyline(ctx, &[(0.0, y), (x_max, y)], target_s.style);
        }
        ctx.marker(diagonal_s.marker);
        polyline(ctx, &[(0.0, 0.0), (x_max, x_max)], diagonal_s.style);
        ctx.marker(p50_s.marker);
        polyline(ctx, &p50, p50_s.style);
        ctx.marker(p85_s.marker);
        polyline(ctx, &p85, p85_s.style);
    });
    frame.render_widget(canvas, g.area);
    // The largest jumps labelled where they land: above the point, else
    // below it.
    let buf = frame.buffer_mut();
    // The longest label that fits (`+6 the record`, else `+6`).
    for m in &v.largest {
        let Some(&(_, x, _, y)) = plotted.iter().find(|p| p.0 == m.k) else {
            continue;
        };
        let (Some(col), Some(row)) = (g.col(x), g.row(y)) else {
            continue;
        };
        let above = row.checked_sub(1).filter(|r| *r >= g.area.y);
        // The selected day's rule runs through its own label's place: the
        // label goes over it.
        let over = selected == Some(m.k);
        for text in &m.labels {
            let start = col.saturating_sub(width(text) as u16 / 2);
            let placed = above.is_some_and(|r| g.label(buf, (start, r), text, p85_s.style, over))
                || g.label(buf, (start, row + 1), text, p85_s.style, over);
            if placed {
                break;
            }
        }
    }
}

/// `• P85  · P50  ━ target  ⠑ done`: the entries that fit.
fn legend_line(entries: &[&Series], max: u16) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for s in entries {
        let text = format!("{} {}", s.mark.glyph, s.mark.name);
        let gap = if spans.is_empty() { "" } else { "  " };
        if used + width(gap) + width(&text) > usize::from(max) {
            break;
        }
        used += width(gap) + width(&text);
        spans.push(Span::raw(gap));
        spans.push(styled(s.mark.glyph.to_string(), s.style));
        spans.push(styled(format!(" {}", s.mark.name), Style::new()));
    }
    Line::from(spans)
}

/// Up to `max` date ticks covering `low`..`high` (days after `first`):
/// a step from [`DATE_STEPS`], ticks at whole steps from `first`. Returns
/// the ticks (value and `MM-DD`, or `YYYY-MM-DD` over more than 330
/// days) and the axis' bounds.
fn date_ticks(first: NaiveDate, low: f64, high: f64, max: usize) -> (Vec<(f64, String)>, [f64; 2]) {
    let max = max.max(2) as f64;
    let step = DATE_STEPS
        .iter()
        .map(|&s| s as f64)
        .find(|s| ((high / s).ceil() - (low / s).floor()) < max)
        .unwrap_or(DATE_STEPS[DATE_STEPS.len() - 1] as f64);
    let bottom = (low / step).floor() * step;
    let top = ((high / step).ceil() * step).max(bottom + step);
    // Over most of a year, `MM-DD` would repeat or run backwards: the
    // whole date then.
    let format = if top - bottom > 330.0 {
        "%Y-%m-%d"
    } else {
        "%m-%d"
    };
    let mut ticks = Vec::new();
    let mut y = bottom;
    while y <= top + 0.5 {
        let label = shift(first, y).map_or(String::new(), |d| d.format(format).to_string());
        ticks.push((y, label));
        y += step;
    }
    (ticks, [bottom, top])
}

/// `first` moved by `days` (negative: earlier).
fn shift(first: NaiveDate, days: f64) -> Option<NaiveDate> {
    let n = days.abs() as u64;
    if days < 0.0 {
        first.checked_sub_days(Days::new(n))
    } else {
        first.checked_add_days(Days::new(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ticks_take_whole_weeks_when_days_do_not_fit() {
        let first = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        let (ticks, bounds) = date_ticks(first, 0.0, 40.0, 4);
        assert_eq!(bounds, [0.0, 42.0]);
        let labels: Vec<&str> = ticks.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(labels, ["11-02", "11-16", "11-30", "12-14"]);
        let (ticks, bounds) = date_ticks(first, -3.0, 5.0, 6);
        assert_eq!(bounds, [-4.0, 6.0]);
        assert_eq!(ticks[0].1, "10-29");
    }

    /// Forecasts spread over years (a 400-week estimate) say their year:
    /// `MM-DD` alone would read 10-09 above 10-19.
    #[test]
    fn date_ticks_over_years_carry_the_year() {
        let first = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        let (ticks, _) = date_ticks(first, 0.0, 2900.0, 8);
        let labels: Vec<&str> = ticks.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(labels.first(), Some(&"2026-11-02"));
        assert!(labels.windows(2).all(|w| w[0] < w[1]), "{labels:?}");
    }
}

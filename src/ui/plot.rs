//! The frame of a chart, drawn by hand for the burn-up and the trend chart:
//! value ticks on the y axis (each label at the row of its value, `┤` on
//! the axis), labels on the x axis at the columns of their values (`┬`),
//! and the one mapping from values to cells — the one ratatui's canvas uses
//! (a point goes to the nearest cell) — so that marks and labels put in
//! after the canvas land on the lines they name.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::line;
use ratatui::text::Line;
use ratatui::widgets::canvas::{Canvas, Context, Line as Segment, Points};

use super::common::width;
use super::theme::Theme;

/// What the axes show: the bounds of each and the labelled values.
#[derive(Debug, Clone, PartialEq)]
pub struct Axes {
    pub x: [f64; 2],
    pub y: [f64; 2],
    /// Values up the y axis and their labels, bottom first.
    pub y_ticks: Vec<(f64, String)>,
    /// Values across the x axis and their labels, in order of importance:
    /// a label that would touch one already placed is left out.
    pub x_ticks: Vec<(f64, String)>,
}

/// Where the plot went: its cells and the values at their edges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Graph {
    pub area: Rect,
    pub x: [f64; 2],
    pub y: [f64; 2],
}

impl Graph {
    /// The column of `x` (`None` outside the bounds), as the canvas puts a
    /// point there.
    pub fn col(&self, x: f64) -> Option<u16> {
        nearest(x - self.x[0], self.x, self.area.width).map(|k| self.area.x + k)
    }

    /// The row of `y` (`None` outside the bounds), top row for the top.
    pub fn row(&self, y: f64) -> Option<u16> {
        nearest(self.y[1] - y, self.y, self.area.height).map(|k| self.area.y + k)
    }

    /// Writes `text` from (`col`, `row`), or ending at the right edge when
    /// it would run past it; unless `over`, only where it and a cell either
    /// side of it are blank (a label never hides a line or touches another
    /// label). Returns whether it was written.
    pub fn label(
        &self,
        buf: &mut Buffer,
        (col, row): (u16, u16),
        text: &str,
        style: Style,
        over: bool,
    ) -> bool {
        let a = self.area;
        let w = width(text) as u16;
        if w == 0 || w > a.width || !(a.y..a.bottom()).contains(&row) {
            return false;
        }
        let start = col.min(a.right() - w).max(a.x);
        let around = start.saturating_sub(1).max(a.x)..(start + w + 1).min(a.right());
        let blank = around.clone().all(|x| buf[(x, row)].symbol() == " ");
        if !over && !blank {
            return false;
        }
        buf.set_string(start, row, text, style);
        true
    }

    /// A canvas over the graph in the graph's bounds, on `background`.
    pub fn canvas<F: Fn(&mut Context)>(&self, background: Style, paint: F) -> Canvas<'static, F> {
        Canvas::default()
            .background_color(background.bg.unwrap_or_default())
            .x_bounds(self.x)
            .y_bounds(self.y)
            .paint(paint)
    }
}

/// Line segments through `points` (and the points themselves, so one
/// point shows), in `style`'s colour, with the canvas' current marker.
pub fn polyline(ctx: &mut Context, points: &[(f64, f64)], style: Style) {
    let color = style.fg.unwrap_or_default();
    ctx.draw(&Points {
        coords: points,
        color,
    });
    for w in points.windows(2) {
        ctx.draw(&Segment {
            x1: w[0].0,
            y1: w[0].1,
            x2: w[1].0,
            y2: w[1].1,
            color,
        });
    }
}

/// The cell of a value `offset` from one end of `bounds`, of `cells`.
fn nearest(offset: f64, [low, high]: [f64; 2], cells: u16) -> Option<u16> {
    let span = high - low;
    if !(0.0..=span).contains(&offset) || span <= 0.0 || cells == 0 {
        return None;
    }
    Some((offset * f64::from(cells - 1) / span).round() as u16)
}

/// Up to `max` evenly spaced ticks from 0 to at least `top` (a whole
/// number), in steps of 1, 2, 2.5 (from 25) or 5 times a power of ten; the
/// last tick is the first above `top` when `headroom`, else the first at or
/// above it. Bottom first; the last is the axis' top.
pub fn count_ticks(top: u64, max: usize, headroom: bool) -> Vec<u64> {
    let max = max.max(2) as u64;
    let ends = |s: u64| {
        if headroom {
            top / s + 1
        } else {
            top.div_ceil(s).max(1)
        }
    };
    let mut power = 1u64;
    loop {
        for m in [10, 20, 25, 50] {
            let step = power.saturating_mul(m) / 10;
            if step == 0 || (m == 25 && power < 10) {
                continue;
            }
            if ends(step) < max || power >= u64::MAX / 100 {
                return (0..=ends(step)).map(|i| i.saturating_mul(step)).collect();
            }
        }
        power = power.saturating_mul(10);
    }
}

/// Draws the axes and their labels in `area` (when `show`; else the whole
/// area is the graph) and returns where the graph goes.
pub fn draw_axes(buf: &mut Buffer, area: Rect, axes: &Axes, show: bool, t: &Theme) -> Graph {
    let graph = |area| Graph {
        area,
        x: axes.x,
        y: axes.y,
    };
    if !show || area.height < 3 || area.width < 10 {
        return graph(area);
    }
    let label_w = axes
        .y_ticks
        .iter()
        .map(|(_, l)| width(l))
        .max()
        .unwrap_or(0) as u16;
    let axis_x = area.x + label_w;
    let axis_y = area.bottom() - 2;
    let g = graph(Rect::new(
        axis_x + 1,
        area.y,
        area.right().saturating_sub(axis_x + 1),
        axis_y - area.y,
    ));
    for y in area.y..axis_y {
        buf[(axis_x, y)]
            .set_symbol(line::VERTICAL)
            .set_style(t.border);
    }
    for x in axis_x + 1..area.right() {
        buf[(x, axis_y)]
            .set_symbol(line::HORIZONTAL)
            .set_style(t.border);
    }
    buf[(axis_x, axis_y)]
        .set_symbol(line::BOTTOM_LEFT)
        .set_style(t.border);
    for (value, label) in &axes.y_ticks {
        let Some(row) = g.row(*value) else { continue };
        let w = width(label) as u16;
        buf.set_string(axis_x - w.min(label_w), row, label, t.dim);
        buf[(axis_x, row)]
            .set_symbol(line::VERTICAL_LEFT)
            .set_style(t.border);
    }
    // x labels: each centred on its column within the area, kept only
    // when a space separates it from those placed before.
    let mut taken: Vec<(u16, u16)> = Vec::new();
    for (value, label) in &axes.x_ticks {
        let Some(col) = g.col(*value) else { continue };
        let w = width(label) as u16;
        if w > area.width {
            continue;
        }
        let start = col.saturating_sub(w / 2).clamp(area.x, area.right() - w);
        let end = start + w;
        if taken.iter().any(|&(s, e)| start <= e && s <= end) {
            continue;
        }
        taken.push((start, end));
        buf.set_line(start, axis_y + 1, &Line::styled(label.clone(), t.dim), w);
        buf[(col, axis_y)]
            .set_symbol(line::HORIZONTAL_DOWN)
            .set_style(t.border);
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_leave_headroom_when_asked() {
        assert_eq!(count_ticks(43, 6, true), vec![0, 10, 20, 30, 40, 50]);
        assert_eq!(count_ticks(40, 6, true), vec![0, 10, 20, 30, 40, 50]);
        assert_eq!(count_ticks(40, 6, false), vec![0, 10, 20, 30, 40]);
        assert_eq!(count_ticks(3, 6, true), vec![0, 1, 2, 3, 4]);
        assert_eq!(count_ticks(7, 3, true), vec![0, 5, 10]);
        assert_eq!(count_ticks(0, 2, false), vec![0, 1]);
        assert_eq!(count_ticks(1234, 4, true), vec![0, 500, 1000, 1500]);
        assert_eq!(count_ticks(43, 3, true), vec![0, 25, 50]);
    }

    #[test]
    fn values_map_to_the_nearest_cell() {
        let g = Graph {
            area: Rect::new(10, 5, 11, 6),
            x: [0.0, 10.0],
            y: [0.0, 50.0],
        };
        assert_eq!(g.col(0.0), Some(10));
        assert_eq!(g.col(10.0), Some(20));
        assert_eq!(g.col(4.6), Some(15));
        assert_eq!(g.col(11.0), None);
        assert_eq!(g.row(50.0), Some(5));
        assert_eq!(g.row(0.0), Some(10));
        assert_eq!(g.row(20.0), Some(8));
    }
}

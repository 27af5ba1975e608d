//! The gates pane: ✓ pass / ✗ fail / ? unknown with the gate's name and its
//! detail, in the view's one gate order (the ones that stop the release
//! first); while it has focus, the last line shows the selected gate's
//! detail whole when there is room, and Enter shows everything about it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::common::{
    empty_pane, fit, pane_block, scroll_hint, selected_row, span, styled, title, width,
    window_start,
};
use super::{Ctx, Tier};
use crate::app::Focus;
use crate::view::GateRow;

/// The spinner on a gate whose command runs.
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/// What `soft · ` adds to a detail.
const SOFT: &str = "soft · ";

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let v = &ctx.view.gates;
    let focused = ctx.focused(Focus::Gates);
    let mut block = pane_block(
        title("Gates", &v.hard_phrase, usize::from(area.width), t),
        focused,
        t,
    );
    let inner = block.inner(area);
    let len = v.rows.len();
    if len == 0 {
        let text = "no gates: ready when every task is done";
        return empty_pane(frame, area, block, text, t);
    }
    // While the pane has focus, the last line names the selected gate and
    // its whole detail, which a narrow detail column cuts; without focus no
    // row is selected, and the line lists one more gate instead.
    let detail_h = u16::from(focused && inner.height >= 4);
    let rows_h = usize::from(inner.height - detail_h);
    let selected = ctx.app.selected(Focus::Gates);
    let start = window_start(len, selected, rows_h);
    let shown = rows_h.min(len - start.min(len));
    if let Some(hint) = scroll_hint(start, shown, len, t) {
        block = block.title_bottom(hint);
    }
    let compact = ctx.tier == Tier::Compact;
    // Severity gets its own column only when wide; else `soft ·` leads the detail.
    let wide = ctx.tier == Tier::Wide;
    let status_w: u16 = if compact { 1 } else { 9 };
    let severity_w: u16 = if wide { 4 } else { 0 };
    let columns = if wide { 5 } else { 4 };
    // What the name and the detail share: the row less the fixed columns and
    // the spaces between columns.
    let room = usize::from(
        inner
            .width
            .saturating_sub(1 + status_w + severity_w + columns - 1),
    );
    let name_w = name_width(ctx, room);
    let detail_w = room.saturating_sub(name_w);
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(status_w),
        Constraint::Length(name_w as u16),
    ];
    if wide {
        widths.push(Constraint::Length(severity_w));
    }
    widths.push(Constraint::Fill(1));
    let rows: Vec<Row> = v.rows[start..start + shown]
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let sel = focused && start + k == selected;
            let style = t.tone(g.tone);
            let status = if compact {
                g.symbol.to_owned()
            } else {
                g.label.clone()
            };
            let mut cells = vec![
                Cell::from(span(status, style, sel)),
                Cell::from(span(fit(&g.name, name_w), t.base, sel)),
            ];
            if wide {
                cells.push(Cell::from(span(g.severity.as_str(), t.dim, sel)));
            }
            let detail = fit(&detail_text(ctx, g), detail_w);
            cells.push(Cell::from(span(detail, t.dim, sel)));
            selected_row(cells, sel, t)
        })
        .collect();
    let [table_area, detail_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_h)]).areas(inner);
    ctx.list_region(Focus::Gates, area, table_area, 1, start, len);
    frame.render_widget(block, area);
    frame.render_widget(Table::new(rows, widths).column_spacing(1), table_area);
    if detail_h > 0
        && let Some(g) = v.rows.get(selected)
    {
        let line = detail_line(ctx, g, usize::from(inner.width));
        frame.render_widget(Paragraph::new(line), detail_area);
    }
}

/// A gate's detail as the pane shows it: the spinner while its command
/// runs, `soft ·` first when severity has no column of its own.
fn detail_text(ctx: &Ctx, g: &GateRow) -> String {
    let soft = if soft_prefix(ctx, g) { SOFT } else { "" };
    if g.running {
        let frame = SPINNER[ctx.app.spin() % SPINNER.len()];
        format!("{soft}{frame} {}", g.detail)
    } else {
        format!("{soft}{}", g.detail)
    }
}

/// Whether a gate's detail starts with `soft ·`.
fn soft_prefix(ctx: &Ctx, g: &GateRow) -> bool {
    !g.is_hard() && ctx.tier != Tier::Wide
}

/// The name column's width out of the `room` the name and the detail share.
/// The detail says why a gate fails (`coverage 30 < 70`), so it comes first:
/// the widest detail that fits beside two fifths of the room for the name gets
/// its whole width, and the name the rest. When every detail is longer, the
/// name keeps its share (45% compact, else 40%) and the details end in `…`
/// (the line under the table shows the selected one whole).
fn name_width(ctx: &Ctx, room: usize) -> usize {
    let rows = &ctx.view.gates.rows;
    let longest = rows.iter().map(|g| width(&g.name)).max().unwrap_or(4);
    let floor = longest.min((room * 2 / 5).max(10));
    let cap = room.saturating_sub(floor);
    let short = rows
        .iter()
        .map(|g| width(&detail_text(ctx, g)))
        .filter(|&w| w <= cap)
        .max();
    let name_w = match short {
        Some(detail_w) => longest.min(room - detail_w),
        None => {
            let share = if ctx.tier == Tier::Compact { 45 } else { 40 };
            longest.min(room * share / 100)
        }
    };
    name_w.max(4).min(room)
}

/// `✗ All P0 work done · 8/18 P0 tasks done…`: the selected gate with its
/// detail, the name cut first when the line is too long.
fn detail_line(ctx: &Ctx, g: &GateRow, max: usize) -> Line<'static> {
    let t = &ctx.theme;
    let detail = detail_text(ctx, g);
    let symbol = format!("{} ", g.symbol);
    let sep = " · ";
    // The detail keeps its room; the name gets the rest, at least 10 cells.
    let name_room = max
        .saturating_sub(width(&symbol) + width(sep) + width(&detail))
        .max(10);
    let name = fit(&g.name, name_room);
    let room = max.saturating_sub(width(&symbol) + width(&name) + width(sep));
    Line::from(vec![
        styled(symbol, t.tone(g.tone)),
        styled(name, t.title),
        styled(sep, t.dim),
        styled(fit(&detail, room), t.base),
    ])
}

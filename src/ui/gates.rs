//! The gates pane: ✓ pass / ✗ fail / ? unknown with the gate's name and its
//! detail, the ones that stop the release first (failing, then unknown, hard
//! before soft, then manifest order).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::common::{
    empty_pane, fit, pane_block, scroll_hint, selected_row, styled, title, width, window_start,
};
use super::theme::Theme;
use super::{Ctx, Tier};
use crate::app::{Focus, GateRows};
use crate::manifest::Severity;
use crate::model::GateStatus;

/// The spinner on a gate whose command runs.
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/// What `soft · ` adds to a detail.
const SOFT: &str = "soft · ";

pub fn status_style(status: GateStatus, t: &Theme) -> Style {
    match status {
        GateStatus::Pass => t.pass,
        GateStatus::Fail => t.fail,
        GateStatus::Unknown => t.unknown,
    }
}

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let s = ctx.snap;
    let focused = ctx.focused(Focus::Gates);
    let passing = s
        .gates
        .iter()
        .filter(|g| g.status == GateStatus::Pass)
        .count();
    let mut block = pane_block(
        title("Gates", format!("{passing}/{} pass", s.gates.len()), t),
        focused,
        t,
    );
    let inner = block.inner(area);
    let rows_of = ctx.app.gate_rows();
    let order = &rows_of.order;
    let len = order.len();
    // The last line names the selected gate and its whole detail, which a
    // narrow detail column cuts.
    let detail_h = u16::from(inner.height >= 4 && len > 0);
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
    let mut widths = vec![Constraint::Length(1)];
    widths.push(Constraint::Length(if compact { 1 } else { 9 }));
    let name_col = widths.len();
    widths.push(Constraint::Length(0));
    if wide {
        widths.push(Constraint::Length(4));
    }
    // What the name and the detail share: the row less the fixed columns and
    // the spaces between columns.
    let fixed: u16 = widths
        .iter()
        .map(|c| match c {
            Constraint::Length(n) => *n,
            _ => 0,
        })
        .sum();
    let room = usize::from(inner.width.saturating_sub(fixed + widths.len() as u16));
    let name_w = name_width(ctx, rows_of, room, compact);
    widths[name_col] = Constraint::Length(name_w as u16);
    widths.push(Constraint::Fill(1));
    let detail_w = room.saturating_sub(name_w);
    let rows: Vec<Row> = order[start..start + shown]
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let gate = &s.manifest.gates[i];
            let result = &s.gates[i];
            let style = status_style(result.status, t);
            let name = Cell::from(fit(&rows_of.names[i], name_w));
            let detail = fit(&detail_text(ctx, i), detail_w);
            let cells = if compact {
                vec![
                    Cell::from(styled(result.status.symbol(), style)),
                    name,
                    Cell::from(styled(detail, t.dim)),
                ]
            } else {
                let mut cells = vec![
                    Cell::from(styled(
                        format!("{} {}", result.status.symbol(), result.status.as_str()),
                        style,
                    )),
                    name,
                ];
                if wide {
                    cells.push(Cell::from(styled(gate.severity.as_str(), t.dim)));
                }
                cells.push(Cell::from(styled(detail, t.dim)));
                cells
            };
            selected_row(cells, focused && start + k == selected, t)
        })
        .collect();
    if len == 0 {
        let text = "no gates: ready when every task is done";
        return empty_pane(frame, area, block, text, t);
    }
    let [table_area, detail_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_h)]).areas(inner);
    frame.render_widget(block, area);
    frame.render_widget(Table::new(rows, widths).column_spacing(1), table_area);
    if detail_h > 0
        && let Some(&i) = order.get(selected)
    {
        let line = detail_line(ctx, i, &detail_text(ctx, i), usize::from(inner.width));
        frame.render_widget(Paragraph::new(line), detail_area);
    }
}

/// A gate's detail as the pane shows it: the spinner while its command
/// runs, `soft ·` first when severity has no column of its own.
fn detail_text(ctx: &Ctx, i: usize) -> String {
    let detail = &ctx.app.gate_rows().details[i];
    let spinner = ctx.snap.gates[i]
        .running
        .then(|| SPINNER[ctx.app.spin() % SPINNER.len()]);
    let soft = if soft_prefix(ctx, i) { SOFT } else { "" };
    match spinner {
        Some(frame) => format!("{soft}{frame} {detail}"),
        None => format!("{soft}{detail}"),
    }
}

/// Whether a gate's detail starts with `soft ·`.
fn soft_prefix(ctx: &Ctx, i: usize) -> bool {
    ctx.snap.manifest.gates[i].severity == Severity::Soft && ctx.tier != Tier::Wide
}

/// The width of [`detail_text`], from the widths worked out per snapshot.
fn detail_width(ctx: &Ctx, rows: &GateRows, i: usize) -> usize {
    let spinner = if ctx.snap.gates[i].running { 2 } else { 0 };
    let soft = if soft_prefix(ctx, i) { width(SOFT) } else { 0 };
    soft + spinner + rows.detail_widths[i]
}

/// The name column's width out of the `room` the name and the detail share.
/// The detail says why a gate fails (`coverage 30 < 70`), so it comes first:
/// the widest detail that fits beside two fifths of the room for the name gets
/// its whole width, and the name the rest. When every detail is longer, the
/// name keeps its share (45% compact, else 40%) and the details end in `…`
/// (the line under the table shows the selected one whole).
fn name_width(ctx: &Ctx, rows: &GateRows, room: usize, compact: bool) -> usize {
    let longest = if rows.names.is_empty() {
        4
    } else {
        rows.name_width
    };
    let floor = longest.min((room * 2 / 5).max(10));
    let cap = room.saturating_sub(floor);
    let short = (0..rows.names.len())
        .map(|i| detail_width(ctx, rows, i))
        .filter(|&w| w <= cap)
        .max();
    let name_w = match short {
        Some(detail_w) => longest.min(room - detail_w),
        None => {
            let share = if compact { 45 } else { 40 };
            longest.min(room * share / 100)
        }
    };
    name_w.max(4).min(room)
}

/// `✗ Coverage at least 70% · coverage 30 < 70`: the selected gate with its
/// whole detail, the name cut first when the line is too long.
fn detail_line(ctx: &Ctx, i: usize, detail: &str, max: usize) -> Line<'static> {
    let t = &ctx.theme;
    let result = &ctx.snap.gates[i];
    let symbol = format!("{} ", result.status.symbol());
    let sep = " · ";
    // The detail keeps its room; the name gets the rest, at least 10 cells.
    let name_room = max
        .saturating_sub(width(&symbol) + width(sep) + width(detail))
        .max(10);
    let name = fit(&ctx.app.gate_rows().names[i], name_room);
    let room = max.saturating_sub(width(&symbol) + width(&name) + width(sep));
    Line::from(vec![
        styled(symbol, status_style(result.status, t)),
        styled(name, t.title),
        styled(sep, t.dim),
        styled(fit(detail, room), t.base),
    ])
}

//! The gates pane: ✓ pass / ✗ fail / ? unknown with the gate's name and its
//! detail, the ones that stop the release first (failing, then unknown, hard
//! before soft, then manifest order).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::common::{
    clean, empty_pane, fit, pane_block, scroll_hint, styled, title, width, window_start,
};
use super::theme::Theme;
use super::{Ctx, Tier};
use crate::app::Focus;
use crate::manifest::Severity;
use crate::model::evidence_gates::RUNNING;
use crate::model::{GateStatus, Snapshot};

/// The spinner on a gate whose command runs.
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// Gate indices in the order the pane lists them.
pub fn order(s: &Snapshot) -> Vec<usize> {
    let rank = |status: GateStatus| match status {
        GateStatus::Fail => 0,
        GateStatus::Unknown => 1,
        GateStatus::Pass => 2,
    };
    let mut order: Vec<usize> = (0..s.gates.len()).collect();
    order.sort_by_key(|&i| {
        (
            rank(s.gates[i].status),
            s.manifest.gates[i].severity != Severity::Hard,
            i,
        )
    });
    order
}

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
    let order = order(s);
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
    let details: Vec<String> = order.iter().map(|&i| detail_text(ctx, i)).collect();
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
    let name_w = name_width(s, &details, room, compact);
    widths[name_col] = Constraint::Length(name_w as u16);
    widths.push(Constraint::Fill(1));
    let detail_w = room.saturating_sub(name_w);
    let rows: Vec<Row> = order[start..start + shown]
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let gate = &s.manifest.gates[i];
            let result = &s.gates[i];
            let is_selected = focused && start + k == selected;
            let style = status_style(result.status, t);
            let marker = Cell::from(if is_selected { "›" } else { " " });
            let name = Cell::from(fit(&gate.name, name_w));
            let detail = fit(&details[start + k], detail_w);
            let cells = if compact {
                vec![
                    marker,
                    Cell::from(styled(result.status.symbol(), style)),
                    name,
                    Cell::from(styled(detail, t.dim)),
                ]
            } else {
                let mut cells = vec![
                    marker,
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
            let row = Row::new(cells);
            if is_selected {
                row.style(t.selected)
            } else {
                row
            }
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
        let line = detail_line(ctx, i, &details[selected], usize::from(inner.width));
        frame.render_widget(Paragraph::new(line), detail_area);
    }
}

/// A gate's detail as the pane shows it: the spinner while its command
/// runs, `soft ·` first when severity has no column of its own.
fn detail_text(ctx: &Ctx, i: usize) -> String {
    let gate = &ctx.snap.manifest.gates[i];
    let result = &ctx.snap.gates[i];
    let detail = if result.detail == RUNNING {
        let frame = SPINNER[ctx.app.spin() % SPINNER.len()];
        format!("{frame} {RUNNING}")
    } else {
        clean(&result.detail)
    };
    if gate.severity == Severity::Soft && ctx.tier != Tier::Wide {
        format!("soft · {detail}")
    } else {
        detail
    }
}

/// The name column's width out of the `room` the name and the detail share.
/// The detail says why a gate fails (`coverage 30 < 70`), so it comes first:
/// the widest detail that fits beside two fifths of the room for the name gets
/// its whole width, and the name the rest. When every detail is longer, the
/// name keeps its share (45% compact, else 40%) and the details end in `…`
/// (the line under the table shows the selected one whole).
fn name_width(s: &Snapshot, details: &[String], room: usize, compact: bool) -> usize {
    let longest = s
        .manifest
        .gates
        .iter()
        .map(|g| width(&clean(&g.name)))
        .max()
        .unwrap_or(4);
    let floor = longest.min((room * 2 / 5).max(10));
    let cap = room.saturating_sub(floor);
    let short = details.iter().map(|d| width(d)).filter(|&w| w <= cap).max();
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
    let gate = &ctx.snap.manifest.gates[i];
    let result = &ctx.snap.gates[i];
    let symbol = format!("{} ", result.status.symbol());
    let sep = " · ";
    // The detail keeps its room; the name gets the rest, at least 10 cells.
    let name_room = max
        .saturating_sub(width(&symbol) + width(sep) + width(detail))
        .max(10);
    let name = fit(&gate.name, name_room);
    let room = max.saturating_sub(width(&symbol) + width(&name) + width(sep));
    Line::from(vec![
        styled(symbol, status_style(result.status, t)),
        styled(name, t.title),
        styled(sep, t.dim),
        styled(fit(detail, room), t.base),
    ])
}

//! The gates pane: ✓ pass / ✗ fail / ? unknown with the gate's name and its
//! detail, the ones that stop the release first (failing, then unknown, hard
//! before soft, then manifest order).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Cell, Row, Table};

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
    let rows_h = usize::from(inner.height);
    let order = order(s);
    let len = order.len();
    let selected = ctx.app.selected(Focus::Gates);
    let start = window_start(len, selected, rows_h);
    let shown = rows_h.min(len - start.min(len));
    if let Some(hint) = scroll_hint(start, shown, len, t) {
        block = block.title_bottom(hint);
    }
    let compact = ctx.tier == Tier::Compact;
    // Severity gets its own column only when wide; else `soft ·` leads the detail.
    let wide = ctx.tier == Tier::Wide;
    let longest = s
        .manifest
        .gates
        .iter()
        .map(|g| width(&clean(&g.name)))
        .max()
        .unwrap_or(4);
    let share = if compact { 45 } else { 40 };
    let name_w = longest.min(usize::from(inner.width) * share / 100).max(4) as u16;
    let widths = if compact {
        vec![
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(name_w),
            Constraint::Fill(1),
        ]
    } else {
        let mut widths = vec![
            Constraint::Length(1),
            Constraint::Length(9),
            Constraint::Length(name_w),
        ];
        if wide {
            widths.push(Constraint::Length(4));
        }
        widths.push(Constraint::Fill(1));
        widths
    };
    let rows: Vec<Row> = order[start..start + shown]
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let gate = &s.manifest.gates[i];
            let result = &s.gates[i];
            let is_selected = focused && start + k == selected;
            let style = status_style(result.status, t);
            let marker = Cell::from(if is_selected { "›" } else { " " });
            let name = Cell::from(fit(&gate.name, usize::from(name_w)));
            let detail = if result.detail == RUNNING {
                let frame = SPINNER[ctx.app.spin() % SPINNER.len()];
                format!("{frame} {RUNNING}")
            } else {
                clean(&result.detail)
            };
            let detail = if gate.severity == Severity::Soft && !wide {
                format!("soft · {detail}")
            } else {
                detail
            };
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
    frame.render_widget(
        Table::new(rows, widths).column_spacing(1).block(block),
        area,
    );
}

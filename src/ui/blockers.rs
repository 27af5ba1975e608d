//! The blockers pane: blocked tasks ranked by the days they hold up, each
//! with its reason, then the hard gates that stop the release.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Cell, Row, Table};

use super::common::{
    empty_pane, fit, pane_block, plural, scroll_hint, selected_row, styled, title, window_start,
};
use super::gates::status_style;
use super::{Ctx, Tier};
use crate::app::Focus;
use crate::model::GateStatus;
use crate::model::format::num;
use crate::report::NO_REASON;

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let s = ctx.snap;
    let m = &s.manifest;
    let focused = ctx.focused(Focus::Blockers);
    let gates: Vec<usize> = s.hard_gates_not_passing().map(|(i, _)| i).collect();
    let len = s.blockers.len() + gates.len();
    let mut summary = vec![];
    if !s.blockers.is_empty() {
        summary.push(plural(s.blockers.len(), "task", "tasks"));
    }
    if !gates.is_empty() {
        summary.push(plural(gates.len(), "gate", "gates"));
    }
    let mut block = pane_block(title("Blockers", summary.join(" · "), t), focused, t);
    if len == 0 {
        return empty_pane(frame, area, block, "nothing blocked", t);
    }
    let inner = block.inner(area);
    let rows_h = usize::from(inner.height / 2).max(1);
    let selected = ctx.app.selected(Focus::Blockers);
    let start = window_start(len, selected, rows_h);
    let shown = rows_h.min(len - start);
    if let Some(hint) = scroll_hint(start, shown, len, t) {
        block = block.title_bottom(hint);
    }
    let text_w = usize::from(inner.width.saturating_sub(1 + 3 + 7 + 3));
    let rows: Vec<Row> = (start..start + shown)
        .map(|k| {
            let is_selected = focused && k == selected;
            let cells = if let Some(b) = s.blockers.get(k) {
                let task = &m.tasks[b.task];
                let mut head = fit(&task.id, text_w);
                if ctx.tier != Tier::Compact || text_w > 40 {
                    let room = text_w.saturating_sub(super::common::width(&head) + 3);
                    if room > 3 {
                        head = format!("{head} · {}", fit(&task.title, room));
                    }
                }
                let reason = fit(b.reason.as_deref().unwrap_or(NO_REASON), text_w);
                vec![
                    Cell::from(styled(format!("{}.", k + 1), t.fail)),
                    Cell::from(Text::from(vec![
                        Line::from(head),
                        Line::from(styled(reason, t.dim)),
                    ])),
                    Cell::from(Line::from(format!("{} d", num(b.holds_up_days))).right_aligned()),
                ]
            } else {
                let g = gates[k - s.blockers.len()];
                let result = &s.gates[g];
                let verb = if result.status == GateStatus::Fail {
                    "fails"
                } else {
                    "unknown"
                };
                vec![
                    Cell::from(styled(
                        result.status.symbol(),
                        status_style(result.status, t),
                    )),
                    Cell::from(Text::from(vec![
                        Line::from(fit(&format!("gate {} {verb}", m.gates[g].id), text_w)),
                        Line::from(styled(fit(&result.detail, text_w), t.dim)),
                    ])),
                    Cell::from(""),
                ]
            };
            selected_row(cells, is_selected, t).height(2)
        })
        .collect();
    let widths = [
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Length(7),
    ];
    frame.render_widget(
        Table::new(rows, widths).column_spacing(1).block(block),
        area,
    );
}

//! The blockers pane: blocked tasks ranked by the days they hold up, each
//! with its reason, then the hard gates that stop the release — two lines
//! each, cut with `…`; Enter shows one whole.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Cell, Row, Table};

use super::common::{
    empty_pane, fit, pane_block, scroll_hint, selected_row, span, title, width, window_start,
};
use super::{Ctx, Tier};
use crate::app::Focus;
use crate::view::BlockerRow;

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let v = &ctx.view.blockers;
    let focused = ctx.focused(Focus::Blockers);
    let len = v.rows.len();
    // What the title holds beside the name (the corners and spaces aside).
    let room = usize::from(area.width).saturating_sub(width("Blockers") + 5);
    // The counts in the longest words that fit, so that they add up to the
    // rows counted at the bottom (`1–4 of 6`); never the tasks alone while
    // gates are listed too.
    let summary = if len == 0 {
        String::new()
    } else {
        std::iter::once(&v.summary)
            .chain(&v.shorter)
            .find(|s| width(s) <= room)
            .cloned()
            .unwrap_or_default()
    };
    let mut block = pane_block(
        title("Blockers", &summary, usize::from(area.width), t),
        focused,
        t,
    );
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
    ctx.list_region(Focus::Blockers, area, inner, 2, start, len);
    let held_w = v
        .rows
        .iter()
        .map(|r| match r {
            BlockerRow::Task { holds_up, .. } => width(holds_up),
            BlockerRow::Gate { .. } => 0,
        })
        .max()
        .unwrap_or(0) as u16;
    let rank_w = (len.to_string().len() + 1) as u16;
    let text_w = usize::from(inner.width.saturating_sub(1 + rank_w + held_w + 3));
    let rows: Vec<Row> = (start..start + shown)
        .map(|k| {
            // Not while the task an edit acted on has left the list: edits
            // still act on it, not on the row now in its place.
            let sel = focused && k == selected && ctx.app.shows_selection(Focus::Blockers);
            let cells = match &v.rows[k] {
                BlockerRow::Task {
                    rank,
                    id,
                    title,
                    reason,
                    holds_up,
                    ..
                } => {
                    let mut head = fit(id, text_w);
                    if ctx.tier != Tier::Compact || text_w > 40 {
                        let room = text_w.saturating_sub(width(&head) + 3);
                        if room > 3 {
                            head = format!("{head} · {}", fit(title, room));
                        }
                    }
                    vec![
                        Cell::from(span(format!("{rank}."), t.fail, sel)),
                        Cell::from(Text::from(vec![
                            Line::from(head),
                            Line::from(span(fit(reason, text_w), t.dim, sel)),
                        ])),
                        Cell::from(Line::from(holds_up.clone()).right_aligned()),
                    ]
                }
                BlockerRow::Gate {
                    symbol,
                    tone,
                    head,
                    detail,
                    ..
                } => vec![
                    Cell::from(span(*symbol, t.tone(*tone), sel)),
                    Cell::from(Text::from(vec![
                        Line::from(fit(head, text_w)),
                        Line::from(span(fit(detail, text_w), t.dim, sel)),
                    ])),
                    Cell::from(""),
                ],
            };
            selected_row(cells, sel, t).height(2)
        })
        .collect();
    let widths = [
        Constraint::Length(1),
        Constraint::Length(rank_w),
        Constraint::Fill(1),
        Constraint::Length(held_w),
    ];
    frame.render_widget(
        Table::new(rows, widths).column_spacing(1).block(block),
        area,
    );
}

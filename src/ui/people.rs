//! The People pane: one row a named person — a bar of their remaining days
//! (against the most anyone has), how many days that is, when their last
//! task ends and their days away — the bottleneck marked `◆`. From 120
//! columns it sits under the tasks; narrower, it takes the tasks' place
//! while focused (Tab). Enter opens a person: their tasks in the order they
//! work them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Table};

use super::Ctx;
use super::common::{
    bar, empty_pane, fit, fit_phrases, pane_block, repaint, scroll_hint, selected_row, span, title,
    width, window_start,
};
use crate::app::Focus;
use crate::view::people::BOTTLENECK_MARK;

/// Rows the pane wants: one a person and its frame; none when there is
/// nobody to list, unless it has the focus (then one row, for the sentence
/// saying so).
pub fn height(ctx: &Ctx) -> u16 {
    let rows = ctx.view.people.rows.len();
    if rows == 0 && ctx.app.focus() != Focus::People {
        return 0;
    }
    rows.max(1) as u16 + 2
}

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let v = &ctx.view.people;
    let focused = ctx.focused(Focus::People);
    let mut phrases = vec![v.summary.clone()];
    phrases.extend(v.bottleneck.clone());
    let room = usize::from(area.width).saturating_sub(12);
    let extra = fit_phrases(&phrases, &[1, 0], " · ", room);
    let mut block = pane_block(
        title("People", &extra, usize::from(area.width), t),
        focused,
        t,
    );
    let inner = block.inner(area);
    let len = v.rows.len();
    if len == 0 {
        return empty_pane(frame, area, block, &v.empty, t);
    }
    let rows_h = usize::from(inner.height);
    let selected = ctx.app.selected(Focus::People);
    let start = window_start(len, selected, rows_h);
    let shown = rows_h.min(len - start.min(len));
    if let Some(hint) = scroll_hint(start, shown, len, t) {
        block = block.title_bottom(hint);
    }
    ctx.list_region(Focus::People, area, inner, 1, start, len);
    let col = |f: &dyn Fn(&crate::view::PersonRow) -> usize| {
        v.rows.iter().map(f).max().unwrap_or(0) as u16
    };
    let id_w = col(&|r| width(&r.id)).clamp(2, 16);
    let left_w = col(&|r| width(&r.remaining));
    let when_w = col(&|r| width(&r.when));
    let away_w = col(&|r| r.away.as_deref().map_or(0, width));
    // Days away when there are any and they leave a bar of 8 cells: in
    // full, else beside the bare finish date in short (`4 days off`), so a
    // narrow pane (80×24) still shows them.
    let fits = |left_w: u16, when_w: u16, away_w: u16| {
        // Selection marker, bottleneck mark, and the spaces between columns.
        let room = inner.width.saturating_sub(1 + 1 + left_w + when_w + 5);
        (away_w > 0 && room >= id_w + away_w + 1 + 8).then(|| room - away_w - 1)
    };
    let short_left_w = col(&|r| width(&r.remaining_short));
    let short_when_w = col(&|r| width(&r.finish));
    let short_away_w = col(&|r| r.away_short.as_deref().map_or(0, width));
    let (room, show_away, short, left_w, when_w, away_w) = match fits(left_w, when_w, away_w) {
        Some(room) => (room, true, false, left_w, when_w, away_w),
        None => match fits(short_left_w, short_when_w, short_away_w) {
            Some(room) => (room, true, true, short_left_w, short_when_w, short_away_w),
            None => (
                inner.width.saturating_sub(1 + 1 + left_w + when_w + 5),
                false,
                false,
                left_w,
                when_w,
                0,
            ),
        },
    };
    let name_w = id_w.min(room.saturating_sub(4)).max(2);
    let bar_w = room.saturating_sub(name_w).clamp(1, 40);
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(name_w),
        Constraint::Length(bar_w),
        Constraint::Length(left_w),
        Constraint::Length(when_w),
    ];
    if show_away {
        widths.push(Constraint::Length(away_w));
    }
    let most = v.most_days.max(f64::MIN_POSITIVE);
    let rows: Vec<_> = v.rows[start..start + shown]
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let is_selected = focused && start + k == selected;
            let tone = t.tone(p.tone());
            let mut cells = vec![
                Cell::from(span(
                    if p.bottleneck { BOTTLENECK_MARK } else { "" },
                    tone,
                    is_selected,
                )),
                Cell::from(span(fit(&p.id, usize::from(name_w)), tone, is_selected)),
                Cell::from(Line::from(repaint(
                    bar(p.remaining_days / most * 100.0, usize::from(bar_w), t),
                    is_selected,
                ))),
                Cell::from(
                    Line::from(if short {
                        p.remaining_short.clone()
                    } else {
                        p.remaining.clone()
                    })
                    .right_aligned(),
                ),
                Cell::from(span(
                    if short {
                        p.finish.clone()
                    } else {
                        p.when.clone()
                    },
                    tone,
                    is_selected,
                )),
            ];
            if show_away {
                let away = if short { &p.away_short } else { &p.away };
                cells.push(Cell::from(span(
                    away.clone().unwrap_or_default(),
                    t.dim,
                    is_selected,
                )));
            }
            selected_row(cells, is_selected, t)
        })
        .collect();
    let table = Table::new(rows, widths).column_spacing(1).block(block);
    frame.render_widget(table, area);
}

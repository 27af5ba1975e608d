//! The components pane: a completion bar per component with its figure, done
//! of total and blocked counts, its P85 — the safe half of the answer the
//! header leads with — and owner and weight where there is room. The count columns are as wide as their widest value, so no count
//! is cut.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table};

use super::common::{
    bar, empty_pane, fit, fit_phrases, pane_block, repaint, scroll_hint, selected_row, span, title,
    width, window_start,
};
use super::{Ctx, Tier};
use crate::app::Focus;

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let v = &ctx.view.components;
    let focused = ctx.focused(Focus::Components);
    let mut phrases = vec![v.complete_phrase.clone()];
    if v.blocked > 0 {
        phrases.push(format!("⊘ {}", ctx.view.tasks_blocked_phrase()));
    }
    let room = usize::from(area.width).saturating_sub(16);
    let extra = fit_phrases(&phrases, &[0, 1], " · ", room);
    let mut block = pane_block(
        title("Components", &extra, usize::from(area.width), t),
        focused,
        t,
    );
    let inner = block.inner(area);
    let header = ctx.tier != Tier::Compact;
    let rows_h = usize::from(inner.height.saturating_sub(u16::from(header)));
    let len = v.rows.len();
    let selected = ctx.app.selected(Focus::Components);
    let start = window_start(len, selected, rows_h);
    let shown = rows_h.min(len - start.min(len));
    if let Some(hint) = scroll_hint(start, shown, len, t) {
        block = block.title_bottom(hint);
    }
    if len == 0 {
        return empty_pane(frame, area, block, "no components", t);
    }
    let rows_area = Rect {
        y: inner.y + u16::from(header),
        height: inner.height.saturating_sub(u16::from(header)),
        ..inner
    };
    ctx.list_region(Focus::Components, area, rows_area, 1, start, len);
    let col = |f: &dyn Fn(&crate::view::ComponentRow) -> usize, min: usize| {
        v.rows.iter().map(f).max().unwrap_or(0).max(min) as u16
    };
    let percent_w = col(&|r| width(&r.percent), 4);
    let counts_w = col(&|r| width(&r.counts), if header { 5 } else { 1 });
    let blocked_w = col(&|r| width(&r.blocked_mark), if header { 3 } else { 0 });
    let owner_w = col(&|r| r.owner.as_deref().map_or(0, width), 5).min(12);
    let weight_w = col(&|r| width(&r.weight), 6);
    let longest = col(&|r| width(&r.name), 4).min(28);
    // A date's width whatever the cells hold (`…` while the trials run), so
    // that the columns do not move when they land.
    let finish_w = col(&|r| width(&r.p85_cell), 10);
    // Fixed columns and the spaces between them.
    let mut fixed: u16 = 1 + percent_w + counts_w + blocked_w + 5;
    // The optional columns, most wanted first — the finish (with a heading
    // to say what the date is), then from 180 columns owner and weight —
    // each where it leaves a bar of 6 cells and the name as many as it has
    // at 80 columns, so that a wider terminal never shows less of a name.
    // From 180 columns the pane is narrower than just below, so there the
    // name keeps all it has, up to 28 cells, before any optional column.
    // Owner and weight come after the finish, never in its place.
    let wide = ctx.tier == Tier::Wide;
    let name_floor = longest.min(if wide { 28 } else { 20 });
    let mut fits = |w: u16, floor: u16| {
        let fit = inner.width.saturating_sub(fixed + w + 1) >= 6 + floor;
        if fit {
            fixed += w + 1;
        }
        fit
    };
    let dated = header && v.rows.iter().any(|r| r.when.is_some());
    let finish = dated && fits(finish_w, name_floor);
    let owner = wide && (finish || !dated) && fits(owner_w, name_floor);
    let weight = wide && owner && fits(weight_w, name_floor);
    let room = inner.width.saturating_sub(fixed);
    // A third of the room for the bar (6 to 30 cells), then the name as long
    // as it is (up to 28), and whatever is left back to the bar.
    let bar_min = (room / 3).clamp(6, 30);
    // With an optional column, the name keeps the floor it was let in on.
    let floor = if finish || owner || weight {
        name_floor.min(room.saturating_sub(6))
    } else {
        4
    };
    let name_w = longest.min(room.saturating_sub(bar_min)).max(floor).max(4);
    let bar_w = room.saturating_sub(name_w).clamp(1, 40);
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(name_w),
        Constraint::Length(bar_w),
        Constraint::Length(percent_w),
        Constraint::Length(counts_w),
        Constraint::Length(blocked_w),
    ];
    if finish {
        widths.push(Constraint::Length(finish_w));
    }
    if owner {
        widths.push(Constraint::Length(owner_w));
    }
    if weight {
        widths.push(Constraint::Length(weight_w));
    }
    let rows: Vec<Row> = v.rows[start..start + shown]
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let is_selected = focused && start + k == selected;
            let mut cells = vec![
                Cell::from(span(fit(&c.name, usize::from(name_w)), t.base, is_selected)),
                Cell::from(Line::from(repaint(
                    bar(c.completion, usize::from(bar_w), t),
                    is_selected,
                ))),
                Cell::from(Line::from(c.percent.clone()).right_aligned()),
                Cell::from(Line::from(c.counts.clone()).right_aligned()),
                Cell::from(span(c.blocked_mark.clone(), t.fail, is_selected)),
            ];
            if finish {
                cells.push(Cell::from(span(c.p85_cell.clone(), t.base, is_selected)));
            }
            if owner {
                let owner = c.owner.as_deref().map(|o| fit(o, usize::from(owner_w)));
                cells.push(Cell::from(span(
                    owner.unwrap_or_default(),
                    t.dim,
                    is_selected,
                )));
            }
            if weight {
                cells.push(Cell::from(span(c.weight.clone(), t.dim, is_selected)));
            }
            selected_row(cells, is_selected, t)
        })
        .collect();
    let mut table = Table::new(rows, widths).column_spacing(1).block(block);
    if header {
        let mut names = vec!["", "component", "", "done", "tasks", "blk"];
        if finish {
            names.push("P85");
        }
        if owner {
            names.push("owner");
        }
        if weight {
            names.push("weight");
        }
        table = table.header(Row::new(names).style(t.heading));
    }
    frame.render_widget(table, area);
}

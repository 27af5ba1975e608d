//! The components pane: a completion bar per component with done/total and
//! blocked counts (owner and weight where there is room). `Enter` on a row
//! drills into that component's tasks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table};

use super::common::{
    bar, clean, empty_pane, fit, pane_block, scroll_hint, selected_row, styled, title, width,
    window_start,
};
use super::{Ctx, Tier};
use crate::app::Focus;
use crate::model::format::{num, percent};

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let m = &ctx.snap.manifest;
    let figures = &ctx.snap.components;
    let focused = ctx.focused(Focus::Components);
    let done = figures.iter().filter(|c| c.completion >= 100.0).count();
    let blocked: usize = figures.iter().map(|c| c.blocked).sum();
    let mut extra = format!("{done}/{} complete", m.components.len());
    if blocked > 0 {
        extra.push_str(&format!(" · ⊘ {blocked} blocked"));
    }
    let mut block = pane_block(title("Components", extra, t), focused, t);
    let inner = block.inner(area);
    let header = ctx.tier != Tier::Compact;
    let rows_h = usize::from(inner.height.saturating_sub(u16::from(header)));
    let len = m.components.len();
    let selected = ctx.app.selected(Focus::Components);
    let start = window_start(len, selected, rows_h);
    let shown = rows_h.min(len - start.min(len));
    if let Some(hint) = scroll_hint(start, shown, len, t) {
        block = block.title_bottom(hint);
    }
    if len == 0 {
        return empty_pane(frame, area, block, "no components", t);
    }
    let wide = ctx.tier == Tier::Wide;
    let longest = m
        .components
        .iter()
        .map(|c| width(&clean(&c.name)))
        .max()
        .unwrap_or(4)
        .clamp(4, 28);
    // Fixed columns: marker, percent, done/total, blocked (owner, weight
    // when wide), and the spaces between the columns.
    let blocked_w: u16 = 3;
    let mut fixed: u16 = 1 + 6 + 5 + blocked_w + 5;
    if wide {
        fixed += 10 + 6 + 2;
    }
    let room = usize::from(inner.width.saturating_sub(fixed));
    // A third of the room for the bar (6 to 30 cells), then the name as long
    // as it is (up to 28), and whatever is left back to the bar.
    let bar_min = (room / 3).clamp(6, 30);
    let name_w = longest.min(room.saturating_sub(bar_min)).max(4) as u16;
    let bar_w = room.saturating_sub(usize::from(name_w)).clamp(1, 40) as u16;
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(name_w),
        Constraint::Length(bar_w),
        Constraint::Length(6),
        Constraint::Length(5),
        Constraint::Length(blocked_w),
    ];
    if wide {
        widths.push(Constraint::Length(10));
        widths.push(Constraint::Length(6));
    }
    let rows: Vec<Row> = (start..start + shown)
        .map(|i| {
            let c = &m.components[i];
            let f = &figures[i];
            let is_selected = focused && i == selected;
            let counts = if f.tasks == 0 {
                "—".to_owned()
            } else {
                format!("{}/{}", f.done, f.tasks)
            };
            let blocked = match f.blocked {
                0 => String::new(),
                n => format!("⊘{n}"),
            };
            let mut cells = vec![
                Cell::from(fit(&c.name, usize::from(name_w))),
                Cell::from(Line::from(bar(f.completion, usize::from(bar_w), t))),
                Cell::from(Line::from(percent(f.completion)).right_aligned()),
                Cell::from(Line::from(counts).right_aligned()),
                Cell::from(styled(blocked, t.fail)),
            ];
            if wide {
                let owner = c.owner.as_deref().map(|o| fit(o, 10)).unwrap_or_default();
                cells.push(Cell::from(styled(owner, t.dim)));
            }
            if wide {
                let weight = format!("×{}", num(c.weight));
                cells.push(Cell::from(styled(weight, t.dim)));
            }
            selected_row(cells, is_selected, t)
        })
        .collect();
    let mut table = Table::new(rows, widths).column_spacing(1).block(block);
    if header {
        let mut names = vec!["", "component", "", "done", "tasks", "blk"];
        if wide {
            names.extend(["owner", "weight"]);
        }
        table = table.header(Row::new(names).style(t.heading));
    }
    frame.render_widget(table, area);
}

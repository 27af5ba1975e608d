//! The forecast pane: what the forecast rests on, one sentence a bullet, as
//! in the reports — wrapped, scrollable when focused (Tab, or `w`), and
//! saying `… N more lines` when it is cut. On wide terminals it is a pane of
//! its own; narrower, it takes the tasks' place while focused.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Ctx;
use super::common::{pane_block, plural, styled, title, wrap};
use crate::app::Focus;

/// The rows the pane takes at `width` to show every line, borders included:
/// the lines [`draw`] draws, counted inside the same block.
pub fn height(ctx: &Ctx, width: u16) -> u16 {
    let outer = Rect::new(0, 0, width, 2);
    let inner = pane_block(Line::default(), false, &ctx.theme).inner(outer);
    let borders = outer.height - inner.height;
    let lines = lines(ctx, inner.width).len();
    u16::try_from(lines)
        .unwrap_or(u16::MAX)
        .saturating_add(borders)
}

/// Each sentence wrapped after its bullet into `inner_w` cells: every line
/// the pane has, shown or scrolled past.
fn lines<'a>(ctx: &Ctx, inner_w: u16) -> Vec<Line<'a>> {
    let t = &ctx.theme;
    let text_w = usize::from(inner_w.saturating_sub(3)).max(1);
    let mut lines = Vec::new();
    for sentence in &ctx.view.forecast.lines {
        for (k, part) in wrap(sentence, text_w).into_iter().enumerate() {
            let bullet = if k == 0 { " · " } else { "   " };
            lines.push(Line::from(vec![
                styled(bullet, t.dim),
                styled(part, t.base),
            ]));
        }
    }
    lines
}

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let f = &ctx.view.forecast;
    let focused = ctx.focused(Focus::Forecast);
    let mut block = pane_block(
        title("Forecast", f.method, usize::from(area.width), t),
        focused,
        t,
    );
    let inner = block.inner(area);
    let lines = lines(ctx, inner.width);
    let len = lines.len();
    let page = usize::from(inner.height);
    let first = ctx
        .app
        .selected(Focus::Forecast)
        .min(len.saturating_sub(page));
    ctx.list_region(Focus::Forecast, area, inner, 1, first, len);
    let below = len.saturating_sub(first + page);
    if below > 0 {
        let more = format!(" … {} ", plural(below, "more line", "more lines"));
        let hint = if focused { format!("{more}(j) ") } else { more };
        block = block.title_bottom(Line::from(styled(hint, t.unknown)).alignment(Alignment::Right));
    } else if first > 0 {
        let hint = format!(" {} above (k) ", plural(first, "line", "lines"));
        block = block.title_bottom(Line::from(styled(hint, t.dim)).alignment(Alignment::Right));
    }
    let shown: Vec<Line> = lines.into_iter().skip(first).take(page).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

//! The forecast pane (wide terminals): what the forecast rests on, one
//! sentence a line, as in the text report, then the manifest's warnings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::Ctx;
use super::common::{clean, pane_block, plural, styled, title};
use crate::report::text::forecast_lines;

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let s = ctx.snap;
    let block = pane_block(
        title("Forecast", s.forecast.method.as_str().to_owned(), t),
        false,
        t,
    );
    let mut lines: Vec<Line> = forecast_lines(s)
        .into_iter()
        .map(|l| Line::from(format!("· {}", clean(&l))))
        .collect();
    if !s.warnings.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(styled(
            format!("! {}", plural(s.warnings.len(), "warning", "warnings")),
            t.unknown,
        )));
        for w in &s.warnings {
            let at = w.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            lines.push(Line::from(styled(
                format!("  {at}{}", clean(&w.one_line())),
                t.dim,
            )));
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

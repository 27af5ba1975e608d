//! One frame off-screen: the dashboard drawn on ratatui's `TestBackend` and
//! returned as plain text (no escape codes) for `readiness render`, tests and
//! docs, as an SVG picture ([`render_svg`]), or as the buffer itself when
//! styles matter.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};

use super::{Pane, draw, draw_pane};
use crate::app::App;

/// The frame's cells, styles included.
pub fn render_buffer(app: &App, width: u16, height: u16) -> Buffer {
    draw_with(width, height, |frame| {
        draw(app, frame);
    })
}

/// The frame as a standalone SVG picture in the app's theme
/// ([`super::svg::buffer_svg`]).
pub fn render_svg(app: &App, width: u16, height: u16) -> String {
    let theme = super::theme::Theme::new(app.theme_name(), app.no_color());
    super::svg::buffer_svg(&render_buffer(app, width, height), &theme)
}

/// One pane alone in a `width`×`height` frame.
pub fn render_pane_buffer(app: &App, pane: Pane, width: u16, height: u16) -> Buffer {
    draw_with(width, height, |frame| draw_pane(app, pane, frame))
}

/// The frame as text: `height` lines, trailing spaces trimmed.
pub fn render_text(app: &App, width: u16, height: u16) -> String {
    buffer_text(&render_buffer(app, width, height))
}

/// One pane alone, as text.
pub fn render_pane_text(app: &App, pane: Pane, width: u16, height: u16) -> String {
    buffer_text(&render_pane_buffer(app, pane, width, height))
}

/// The portfolio frame ([`super::portfolio`]).
pub fn render_portfolio_buffer(
    view: &crate::view::portfolio::PortfolioView,
    state: super::portfolio::State,
    theme: &super::theme::Theme,
    width: u16,
    height: u16,
) -> Buffer {
    draw_with(width, height, |frame| {
        let area = frame.area();
        super::portfolio::draw(frame, area, view, state, theme);
    })
}

fn draw_with(width: u16, height: u16, f: impl FnOnce(&mut ratatui::Frame)) -> Buffer {
    let backend = TestBackend::new(width, height);
    // `TestBackend` cannot fail: its error type is `Infallible`.
    let Ok(mut terminal) = Terminal::new(backend);
    let _ = terminal.draw(f);
    terminal.backend().buffer().clone()
}

/// A buffer's symbols, line by line, skipping the cells that wide symbols
/// cover; each line ends with a newline.
pub fn buffer_text(buffer: &Buffer) -> String {
    let w = usize::from(buffer.area.width);
    let mut out = String::with_capacity(buffer.content.len() + usize::from(buffer.area.height));
    if w == 0 {
        return out;
    }
    for row in buffer.content.chunks(w) {
        let mut line = String::with_capacity(w);
        let mut skip = 0u16;
        for cell in row {
            if skip == 0 {
                line.push_str(cell.symbol());
            }
            skip = skip.max(cell.symbol().cell_width()).saturating_sub(1);
        }
        out.push_str(line.trim_end_matches(' '));
        out.push('\n');
    }
    out
}

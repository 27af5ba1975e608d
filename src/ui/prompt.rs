//! An edit's one-line prompt (`b` blocker, `%` progress), drawn in place of
//! the status line while it is open: what it asks, the text with a cursor
//! at its end (the end shown when it is longer than the line), and the keys
//! — or, after a refused Enter, why.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{clean, fit, styled, width};
use super::theme::Theme;
use crate::app::App;

/// Draws the prompt when one is open; says whether it did.
pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> bool {
    let Some(prompt) = app.prompt() else {
        return false;
    };
    let max = usize::from(area.width);
    let (keys, style) = match app.note() {
        Some(note) => (format!(" ✗ {} ", clean(note)), theme.fail),
        None => (" Enter write · Esc cancel ".to_owned(), theme.dim),
    };
    let keys = fit(&keys, max / 2);
    let label = fit(&format!(" {}: ", clean(&prompt.label())), max / 2);
    let room = max.saturating_sub(width(&label) + width(&keys) + 1);
    // The end of the text, where typing happens.
    let text = clean(&prompt.text);
    let shown: String = if width(&text) <= room {
        text
    } else {
        let chars: Vec<char> = text.chars().collect();
        let mut start = chars.len();
        let mut used = 1;
        while start > 0 && used + width(&chars[start - 1].to_string()) <= room {
            start -= 1;
            used += width(&chars[start].to_string());
        }
        format!("…{}", chars[start..].iter().collect::<String>())
    };
    let line = Line::from(vec![
        styled(label, theme.key),
        Span::raw(shown),
        styled("▏", theme.key),
        styled(keys, style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    true
}

//! The help popup (`?`): every key the dashboard answers to.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::common::styled;
use super::theme::Theme;
use crate::app::App;

/// Every key and what it does, in the order the popup lists them.
pub const KEYS: &[(&str, &str)] = &[
    ("q", "quit"),
    (
        "Esc",
        "close help / end search / leave drill-down, else quit",
    ),
    ("Ctrl-C", "quit"),
    ("?", "show or hide this help"),
    (
        "Tab  Shift-Tab",
        "focus the next / previous pane (also → ← l h)",
    ),
    ("j k  ↓ ↑", "move in the focused pane"),
    ("PgDn PgUp", "move ten rows"),
    ("g G  Home End", "first / last row"),
    ("Enter", "components: list the selected component's tasks"),
    ("Backspace", "leave the drill-down"),
    ("/", "search tasks: type, Enter keeps it, Esc clears it"),
    ("f  F", "tasks: next / previous status filter"),
    (
        "0 … 7",
        "all, open, blocked, waiting, doing, todo, done, dropped",
    ),
    ("r", "reload the manifest now"),
    ("t", "next theme: dark, light, high contrast"),
    ("p", "presentation mode for a screen share (Esc leaves it)"),
];

pub fn draw(_app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let key_w = KEYS
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(key, what)| {
            Line::from(vec![
                styled(format!(" {key:<key_w$}  "), theme.key),
                styled(*what, theme.base),
            ])
        })
        .collect();
    // The lines, a space after the longest, and the two borders.
    let text_w = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let width = text_w.min(area.width.saturating_sub(2));
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let [_, row, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, popup, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width),
        Constraint::Fill(1),
    ])
    .areas(row);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.border_focused)
        .title(styled(" Keys ", theme.title))
        .title_bottom(Line::from(styled(" ? or Esc closes ", theme.dim)).right_aligned())
        .style(theme.base);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

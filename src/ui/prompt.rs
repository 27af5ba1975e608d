//! The bottom line while the user types: an edit's prompt (`b` blocker,
//! `%` progress, `x`'s drop question, `a`'s form) and the search (`/`).
//!
//! A prompt shows what it asks, the text — the old value selected (in the
//! selected-row style) so that typing replaces it, else the end of what is
//! typed with a cursor — and its keys, or after a refused Enter, why. It
//! fits the line whatever its width: the keys go first (the last ones
//! first), then the label shortens (`blocker of sync-attachments` →
//! `blocker`), and only then is the text cut, with one `…`.
//!
//! The search shows the query as typed and how many tasks match it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{clean, fit, plural, styled, width};
use super::theme::Theme;
use crate::app::App;
use crate::app::edit::Field;

/// Cells the text keeps before the label shortens.
const TEXT_MIN: usize = 24;

/// Draws the prompt or the search when one is open; says whether it did.
pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> bool {
    if app.prompt().is_some() {
        prompt(app, theme, frame, area);
        true
    } else if app.searching() {
        search(app, theme, frame, area);
        true
    } else {
        false
    }
}

/// `key word · key word`, the pairs that fit in `max` cells, in order.
fn key_spans(pairs: &[(&str, &str)], max: usize, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (k, (key, word)) in pairs.iter().enumerate() {
        let sep = if k == 0 { " " } else { " · " };
        let w = width(sep) + width(key) + usize::from(!key.is_empty()) + width(word);
        if used + w > max {
            break;
        }
        used += w;
        spans.push(styled(sep, theme.dim));
        if !key.is_empty() {
            spans.push(styled(format!("{key} "), theme.key));
        }
        spans.push(styled(word.to_string(), theme.dim));
    }
    spans
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(Span::width).sum()
}

fn prompt(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(prompt) = app.prompt() else { return };
    let max = usize::from(area.width);
    let text = clean(&prompt.text);
    let asks = prompt.field == Field::Drop;
    // The room the text would like: all of it, or a readable part.
    let wanted = if asks {
        0
    } else {
        (width(&text) + 1).min(TEXT_MIN)
    };
    let full = format!(" {}{}", clean(&prompt.label()), if asks { "" } else { ":" });
    let short = format!(" {}{}", prompt.short_label(), if asks { "" } else { ":" });
    let label = if width(&full) + wanted < max {
        full
    } else {
        short
    };
    let label = fit(&label, max.saturating_sub(wanted + 1));
    let room = max.saturating_sub(width(&label) + 1);
    // Why an Enter was refused, else the keys, in what the text leaves.
    let tail = match app.note() {
        Some(note) => vec![styled(
            fit(
                &format!(" ✗ {}", clean(note)),
                room.saturating_sub(wanted).max(room / 2),
            ),
            theme.fail,
        )],
        None => key_spans(&prompt.keys(), room.saturating_sub(wanted), theme),
    };
    let text_room = room.saturating_sub(spans_width(&tail) + 1);
    let mut spans = vec![styled(label, theme.key)];
    if !asks {
        spans.push(Span::raw(" "));
        if prompt.selected {
            // The old value from its start, selected: typing replaces it.
            spans.push(styled(fit(&text, text_room), theme.selected));
        } else {
            spans.push(Span::raw(tail_of(&text, text_room)));
        }
        spans.push(styled("▏", theme.key));
    }
    spans.extend(tail);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The end of `text` in `max` cells, a `…` first when cut: where typing
/// happens.
fn tail_of(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut start = chars.len();
    let mut used = 1;
    while start > 0 && used + width(&chars[start - 1].to_string()) <= max {
        start -= 1;
        used += width(&chars[start].to_string());
    }
    format!("…{}", chars[start..].iter().collect::<String>())
}

/// ` /sync▏ 8 tasks match · Enter keep · Esc clear`.
fn search(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let max = usize::from(area.width);
    let n = app.visible_tasks().len();
    let count = format!(" {}", plural(n, "task matches", "tasks match"));
    let keys = key_spans(&[("Enter", "keep"), ("Esc", "clear")], max / 3, theme);
    let room = max.saturating_sub(2 + 1 + width(&count) + spans_width(&keys));
    let tone: Style = if n == 0 { theme.fail } else { theme.dim };
    let mut spans = vec![
        styled(" /", theme.key),
        Span::raw(tail_of(&clean(app.query()), room)),
        styled("▏", theme.key),
        styled(count, tone),
    ];
    if !keys.is_empty() {
        spans.push(styled(" ·", theme.dim));
        spans.extend(keys);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

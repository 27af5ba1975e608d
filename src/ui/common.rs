//! Small drawing helpers every pane shares: cleaning manifest text, fitting
//! it to a width, completion bars, pane blocks and the scrolled window of a
//! list.

use ratatui::Frame;
use ratatui::buffer::CellWidth;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Cell, Paragraph, Row, Wrap};

use crate::manifest::diagnostics::strip_controls;

use super::theme::Theme;

/// Manifest text made safe to draw: control characters removed (escape
/// sequences included), tabs turned into spaces.
pub fn clean(text: &str) -> String {
    strip_controls(text).replace('\t', " ")
}

/// The display width of a string, in cells.
pub fn width(text: &str) -> usize {
    text.cell_width() as usize
}

fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    width(c.encode_utf8(&mut buf))
}

/// Cleans `text` and cuts it to `max` cells, ending with `…` when cut.
pub fn fit(text: &str, max: usize) -> String {
    let text = clean(text);
    if width(&text) <= max {
        return text;
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// A completion bar `cells` wide: full blocks, an eighth-block edge, light
/// shade for the rest — readable without colour and in plain text.
pub fn bar(percent: f64, cells: usize, theme: &Theme) -> Vec<Span<'static>> {
    const EDGES: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let ratio = (percent / 100.0).clamp(0.0, 1.0);
    // Floor, so that anything short of 100% never shows a full bar.
    let eighths = (ratio * cells as f64 * 8.0).floor() as usize;
    let full = eighths / 8;
    let edge = EDGES[eighths % 8];
    let used = full + usize::from(!edge.is_empty());
    let mut filled = "█".repeat(full);
    filled.push_str(edge);
    vec![
        Span::styled(filled, theme.bar_fill),
        Span::styled("░".repeat(cells.saturating_sub(used)), theme.bar_empty),
    ]
}

/// A pane's frame: a thick border when focused, so focus shows without colour.
pub fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    let (border, border_type) = if focused {
        (theme.border_focused, BorderType::Thick)
    } else {
        (theme.border, BorderType::Plain)
    };
    Block::new()
        .borders(Borders::ALL)
        .border_type(border_type)
        .border_style(border)
        .title(title)
}

/// ` Title · extra ` as a pane title line.
pub fn title<'a>(name: &str, extra: String, theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::styled(format!(" {name} "), theme.title)];
    if !extra.is_empty() {
        spans.push(Span::styled(format!("{extra} "), theme.dim));
    }
    Line::from(spans)
}

/// The bottom-right `3–8 of 20` when a list does not fit.
pub fn scroll_hint<'a>(offset: usize, shown: usize, len: usize, theme: &Theme) -> Option<Line<'a>> {
    (len > shown).then(|| {
        Line::from(Span::styled(
            format!(" {}–{} of {len} ", offset + 1, offset + shown),
            theme.dim,
        ))
        .alignment(Alignment::Right)
    })
}

/// The first row to show so that `selected` is visible in `rows` rows.
pub fn window_start(len: usize, selected: usize, rows: usize) -> usize {
    if rows == 0 || len <= rows {
        return 0;
    }
    selected
        .min(len - 1)
        .saturating_sub(rows - 1)
        .min(len - rows)
}

/// A table row led by the selection marker (`›` on the selected row), in
/// the selected style when selected.
pub fn selected_row<'a>(cells: Vec<Cell<'a>>, is_selected: bool, theme: &Theme) -> Row<'a> {
    let marker = Cell::from(if is_selected { "›" } else { " " });
    let row = Row::new(std::iter::once(marker).chain(cells));
    if is_selected {
        row.style(theme.selected)
    } else {
        row
    }
}

/// Singular or plural: `1 task`, `2 tasks`.
pub use crate::model::format::plural;

/// A pane with nothing to list: its frame and a dim sentence.
pub fn empty_pane(frame: &mut Frame, area: Rect, block: Block<'_>, text: &str, theme: &Theme) {
    let paragraph = Paragraph::new(Line::from(Span::styled(format!(" {text}"), theme.dim)))
        .wrap(Wrap { trim: false })
        .block(block);
    frame.render_widget(paragraph, area);
}

/// A span with a style, for brevity.
pub fn styled(text: impl Into<String>, style: Style) -> Span<'static> {
    Span::styled(text.into(), style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::ThemeName;

    #[test]
    fn fit_cuts_with_an_ellipsis_and_strips_controls() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("a\u{1b}]0;x\u{7}b", 10), "a]0;xb");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("日本語", 4), "日…");
    }

    #[test]
    fn bars_are_never_full_before_100() {
        let t = Theme::new(ThemeName::Dark, false);
        let text =
            |p: f64| -> String { bar(p, 10, &t).iter().map(|s| s.content.as_ref()).collect() };
        assert_eq!(text(100.0), "██████████");
        assert_eq!(text(99.99), "█████████▉");
        assert_eq!(text(0.0), "░░░░░░░░░░");
        assert_eq!(text(55.0), "█████▌░░░░");
    }

    #[test]
    fn the_window_keeps_the_selection_visible() {
        assert_eq!(window_start(5, 4, 10), 0);
        assert_eq!(window_start(20, 3, 5), 0);
        assert_eq!(window_start(20, 7, 5), 3);
        assert_eq!(window_start(20, 99, 5), 15);
        assert_eq!(window_start(20, 7, 0), 0);
    }
}

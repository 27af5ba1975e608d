//! Small drawing helpers every pane shares: widths and cutting text to a
//! width (with `…`), word wrap, whole phrases that fit, completion bars, pane
//! blocks, the scrolled window of a list, and the selected row's style.

use ratatui::Frame;
use ratatui::buffer::CellWidth;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Cell, Paragraph, Row, Wrap};

pub use crate::view::text::clean;

use super::theme::Theme;

/// The display width of a string, in cells.
pub fn width(text: &str) -> usize {
    text.cell_width() as usize
}

fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    width(c.encode_utf8(&mut buf))
}

/// `text` cut to `max` cells, ending with `…` when cut.
pub fn fit(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
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

/// `text` wrapped at spaces into lines of at most `max` cells (a word longer
/// than a line is cut across lines). Never empty.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let sep = usize::from(!line.is_empty());
        if width(&line) + sep + width(word) <= max {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        while width(rest) > max {
            let mut cut = 0;
            let mut used = 0;
            for (i, c) in rest.char_indices() {
                let w = char_width(c);
                if used + w > max {
                    break;
                }
                used += w;
                cut = i + c.len_utf8();
            }
            if cut == 0 {
                cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
            }
            lines.push(rest[..cut].to_owned());
            rest = &rest[cut..];
        }
        line.push_str(rest);
    }
    lines.push(line);
    lines
}

/// The phrases that fit in `max` cells joined by `sep`, whole: they are
/// taken in `priority` order (indices into `phrases`) while they fit, and
/// shown in their own order. A phrase is never cut.
pub fn fit_phrases(phrases: &[String], priority: &[usize], sep: &str, max: usize) -> String {
    let mut chosen = vec![false; phrases.len()];
    let mut used = 0;
    for &i in priority {
        let Some(p) = phrases.get(i) else { continue };
        let extra = width(p) + if used == 0 { 0 } else { width(sep) };
        if used + extra <= max {
            chosen[i] = true;
            used += extra;
        }
    }
    phrases
        .iter()
        .zip(chosen)
        .filter_map(|(p, c)| c.then_some(p.as_str()))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A path shortened to `max` cells from the left, keeping the file name:
/// `…/readiness.toml`; empty when not even the name fits.
pub fn shorten_path(path: &str, max: usize) -> String {
    if width(path) <= max {
        return path.to_owned();
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let short = format!("…/{name}");
    if width(&short) <= max {
        short
    } else {
        String::new()
    }
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

/// ` Title · extra ` as a pane title line; `extra` is left out when the
/// title would be wider than `max` cells (it is never cut).
pub fn title<'a>(name: &str, extra: &str, max: usize, theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::styled(format!(" {name} "), theme.title)];
    // The two corners of the border, the spaces around the name and after.
    if !extra.is_empty() && width(name) + width(extra) + 5 <= max {
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

/// A cell's style in a row: on the selected row, colours give way to the
/// selection's own (only the modifiers are kept), so that every cell of it
/// reads with the selection's contrast.
pub fn paint(style: Style, selected: bool) -> Style {
    if selected {
        Style::new()
            .add_modifier(style.add_modifier)
            .remove_modifier(style.sub_modifier)
    } else {
        style
    }
}

/// A span painted for a row (see [`paint`]).
pub fn span(text: impl Into<String>, style: Style, selected: bool) -> Span<'static> {
    Span::styled(text.into(), paint(style, selected))
}

/// Spans repainted for a row (see [`paint`]).
pub fn repaint(spans: Vec<Span<'static>>, selected: bool) -> Vec<Span<'static>> {
    spans
        .into_iter()
        .map(|s| {
            let style = paint(s.style, selected);
            s.style(style)
        })
        .collect()
}

/// A table row led by the selection marker (`›` on the selected row), in
/// the selected style when selected; its cells are painted with [`paint`].
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

/// An [`Area`](crate::app::Area) of a ratatui rectangle.
pub fn area(r: Rect) -> crate::app::Area {
    crate::app::Area {
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::ThemeName;

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("日本語", 4), "日…");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
    }

    #[test]
    fn phrases_are_whole_or_absent() {
        let p: Vec<String> = ["aaa", "bb", "cccc"].map(String::from).to_vec();
        assert_eq!(fit_phrases(&p, &[0, 1, 2], " · ", 20), "aaa · bb · cccc");
        assert_eq!(fit_phrases(&p, &[2, 0, 1], " · ", 10), "aaa · cccc");
        assert_eq!(fit_phrases(&p, &[0, 1, 2], " · ", 2), "bb");
    }

    #[test]
    fn paths_keep_their_file_name() {
        assert_eq!(
            shorten_path("/a/b/readiness.toml", 40),
            "/a/b/readiness.toml"
        );
        assert_eq!(
            shorten_path("/a/very/long/path/readiness.toml", 20),
            "…/readiness.toml"
        );
        assert_eq!(shorten_path("/a/very/long/path/readiness.toml", 5), "");
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

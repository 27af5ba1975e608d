//! One frame as a standalone SVG picture (`readiness render --format svg`):
//! the same cells as the text frame, in the theme's colours, as text (one
//! `<text>` per run of equal style, so it stays searchable, selectable and
//! crisp at any zoom) over background rectangles (one per run of equal
//! colour), in a monospace font stack. Every cell is cleaned by the sink's
//! cell rule and escaped for XML ([`crate::sink::xml::escape`]): no text
//! of the manifest can close an element or carry a control character.
//!
//! Colours are resolved with xterm's default 256-colour palette; where a
//! theme paints none (the dark theme, `NO_COLOR`) the terminal's own are
//! assumed: light grey text on black (the same rule as the contrast tests).

use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::style::{Color, Modifier};

use super::theme::Theme;
use crate::sink::terminal::clean_cell;
use crate::sink::xml::{escape, is_char};

pub use super::palette::{Rgb, indexed};

/// The terminal's own text colour where a theme paints none.
pub const DEFAULT_FG: Rgb = (229, 229, 229);
/// The terminal's own background where a theme paints none.
pub const DEFAULT_BG: Rgb = (0, 0, 0);

/// Pixels of one cell across and down, at [`FONT_SIZE`]: 0.6 em across
/// (the advance of DejaVu Sans Mono, Menlo and most monospace fonts), and
/// down a little under their line height (1.164 em), so box-drawing and
/// block characters join from row to row.
const CELL_W: f64 = 9.0;
const CELL_H: f64 = 17.0;
/// The font size in pixels, and the baseline's distance from a row's top
/// (the descent, 0.236 em, ends at the row's bottom).
const FONT_SIZE: u32 = 15;
const BASELINE: f64 = 13.5;

/// Monospace fonts by platform, then the generic family.
const FONTS: &str = "ui-monospace, 'SF Mono', Menlo, 'DejaVu Sans Mono', 'Cascadia Mono', \
                     Consolas, 'Liberation Mono', 'Noto Sans Mono', monospace";

/// A ratatui colour in xterm's palette; `Reset` is `default`.
pub fn rgb(color: Color, default: Rgb) -> Rgb {
    match color {
        Color::Reset => default,
        Color::Black => indexed(0),
        Color::Red => indexed(1),
        Color::Green => indexed(2),
        Color::Yellow => indexed(3),
        Color::Blue => indexed(4),
        Color::Magenta => indexed(5),
        Color::Cyan => indexed(6),
        Color::Gray => indexed(7),
        Color::DarkGray => indexed(8),
        Color::LightRed => indexed(9),
        Color::LightGreen => indexed(10),
        Color::LightYellow => indexed(11),
        Color::LightBlue => indexed(12),
        Color::LightMagenta => indexed(13),
        Color::LightCyan => indexed(14),
        Color::White => indexed(15),
        Color::Indexed(n) => indexed(n),
        Color::Rgb(r, g, b) => (r, g, b),
    }
}

/// How a run of text is drawn: cells with equal looks form one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    fg: Rgb,
    bold: bool,
    italic: bool,
    dim: bool,
    underline: bool,
    crossed: bool,
}

impl Look {
    /// A space in this look shows nothing (no line through or under it).
    fn blank_space(&self) -> bool {
        !self.underline && !self.crossed
    }
}

/// One cell's colours and looks, `REVERSED` applied.
fn resolve(cell: &Cell, canvas: (Rgb, Rgb)) -> (Look, Rgb, bool) {
    let m = cell.modifier;
    let mut fg = rgb(cell.fg, canvas.0);
    let mut bg = rgb(cell.bg, canvas.1);
    if m.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    let look = Look {
        fg,
        bold: m.contains(Modifier::BOLD),
        italic: m.contains(Modifier::ITALIC),
        dim: m.contains(Modifier::DIM),
        underline: m.contains(Modifier::UNDERLINED),
        crossed: m.contains(Modifier::CROSSED_OUT),
    };
    (look, bg, m.contains(Modifier::HIDDEN))
}

/// A run of text in one row: its first column, width in columns and text.
struct Run {
    col: usize,
    cols: usize,
    text: String,
    look: Look,
}

/// The frame as a standalone SVG document, drawn in `theme`'s canvas
/// colours (its base style's, else the terminal's [`DEFAULT_FG`] on
/// [`DEFAULT_BG`]). Cells are cleaned and escaped as the module says.
pub fn buffer_svg(buffer: &Buffer, theme: &Theme) -> String {
    let canvas = (
        theme.base.fg.map_or(DEFAULT_FG, |c| rgb(c, DEFAULT_FG)),
        theme.base.bg.map_or(DEFAULT_BG, |c| rgb(c, DEFAULT_BG)),
    );
    let w = usize::from(buffer.area.width);
    let h = usize::from(buffer.area.height);
    let (width, height) = (num(w as f64 * CELL_W), num(h as f64 * CELL_H));
    let mut out = String::with_capacity(buffer.content.len() * 24);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{FONTS}\" font-size=\"{FONT_SIZE}\">\n\
         <style>text{{white-space:pre}}</style>\n\
         <rect width=\"{width}\" height=\"{height}\" fill=\"{}\"/>\n",
        hex(canvas.1)
    );
    let mut rects = String::new();
    let mut texts = String::new();
    for (y, row) in buffer.content.chunks(w.max(1)).enumerate().take(h) {
        let (backgrounds, runs) = row_runs(row, canvas);
        for (col, cols, bg) in backgrounds {
            let _ = writeln!(
                rects,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                num(col as f64 * CELL_W),
                num(y as f64 * CELL_H),
                num(cols as f64 * CELL_W),
                num(CELL_H),
                hex(bg)
            );
        }
        for run in runs {
            text_element(&mut texts, &run, y, canvas.0);
        }
    }
    if !rects.is_empty() {
        let _ = write!(out, "<g shape-rendering=\"crispEdges\">\n{rects}</g>\n");
    }
    let _ = write!(
        out,
        "<g xml:space=\"preserve\" fill=\"{}\">\n{texts}</g>\n</svg>\n",
        hex(canvas.0)
    );
    out
}

/// A row's background runs (column, width, colour) where it differs from
/// the canvas, and its text runs.
fn row_runs(row: &[Cell], canvas: (Rgb, Rgb)) -> (Vec<(usize, usize, Rgb)>, Vec<Run>) {
    let mut backgrounds: Vec<(usize, usize, Rgb)> = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut skip = 0usize;
    for (col, cell) in row.iter().enumerate() {
        let cell = clean_cell(cell);
        let (look, bg, hidden) = resolve(&cell, canvas);
        if bg != canvas.1 {
            match backgrounds.last_mut() {
                Some((c, n, b)) if *b == bg && *c + *n == col => *n += 1,
                _ => backgrounds.push((col, 1, bg)),
            }
        }
        if skip > 0 {
            // Covered by the wide symbol before it.
            skip -= 1;
            continue;
        }
        let cols = usize::from(cell.symbol().cell_width()).max(1);
        skip = cols - 1;
        // A cell of characters XML cannot hold (U+FFFF) is a blank.
        let symbol = if cell.symbol().chars().all(is_char) {
            cell.symbol()
        } else {
            " "
        };
        let space = hidden || symbol.chars().all(|c| c == ' ');
        let symbol = if hidden { " " } else { symbol };
        match runs.last_mut() {
            // Spaces join the run before them when they show nothing; the
            // run ends at its last visible cell (trimmed below).
            Some(run)
                if run.col + run.cols == col
                    && (run.look == look || (space && run.look.blank_space())) =>
            {
                run.cols += cols;
                run.text.push_str(symbol);
            }
            _ if space && look.blank_space() => {}
            _ => runs.push(Run {
                col,
                cols,
                text: symbol.to_owned(),
                look,
            }),
        }
    }
    for run in runs.iter_mut().filter(|r| r.look.blank_space()) {
        let trimmed = run.text.trim_end_matches(' ').len();
        run.cols -= run.text.len() - trimmed;
        run.text.truncate(trimmed);
    }
    (backgrounds, runs)
}

/// One `<text>` element: the run stretched to exactly its cells
/// (`textLength`), so columns line up whatever the font's advance.
fn text_element(out: &mut String, run: &Run, y: usize, fg: Rgb) {
    let l = &run.look;
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"",
        num(run.col as f64 * CELL_W),
        num(y as f64 * CELL_H + BASELINE),
        num(run.cols as f64 * CELL_W)
    );
    if l.fg != fg {
        let _ = write!(out, " fill=\"{}\"", hex(l.fg));
    }
    if l.bold {
        out.push_str(" font-weight=\"bold\"");
    }
    if l.italic {
        out.push_str(" font-style=\"italic\"");
    }
    if l.dim {
        out.push_str(" fill-opacity=\"0.6\"");
    }
    match (l.underline, l.crossed) {
        (true, true) => out.push_str(" text-decoration=\"underline line-through\""),
        (true, false) => out.push_str(" text-decoration=\"underline\""),
        (false, true) => out.push_str(" text-decoration=\"line-through\""),
        (false, false) => {}
    }
    let _ = writeln!(out, ">{}</text>", escape(&run.text));
}

fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A length with at most one decimal, without a trailing `.0`.
fn num(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn theme() -> Theme {
        Theme::new(super::super::theme::ThemeName::Dark, false)
    }

    #[test]
    fn runs_split_by_style_and_skip_blank_space() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 1));
        buffer.set_string(0, 0, "ab", Style::new());
        buffer.set_string(3, 0, "cd", Style::new());
        buffer.set_string(6, 0, "ef", Style::new().fg(Color::Red).bg(Color::Blue));
        let svg = buffer_svg(&buffer, &theme());
        assert!(svg.contains(">ab cd</text>"), "{svg}");
        assert!(svg.contains("fill=\"#cd0000\">ef</text>"), "{svg}");
        assert!(
            svg.contains("<rect x=\"54\" y=\"0\" width=\"18\" height=\"17\" fill=\"#0000ee\"/>"),
            "{svg}"
        );
        assert_eq!(svg.matches("<text").count(), 2);
    }

    #[test]
    fn a_wide_symbol_covers_two_cells() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 1));
        buffer.set_string(0, 0, "日本x", Style::new());
        let svg = buffer_svg(&buffer, &theme());
        assert!(
            svg.contains("textLength=\"45\" lengthAdjust=\"spacingAndGlyphs\">日本x</text>"),
            "{svg}"
        );
    }

    #[test]
    fn reversed_cells_swap_colours() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 2, 1));
        buffer.set_string(0, 0, "R", Style::new().add_modifier(Modifier::REVERSED));
        let svg = buffer_svg(&buffer, &theme());
        assert!(svg.contains("fill=\"#e5e5e5\"/>"), "{svg}");
        assert!(svg.contains("fill=\"#000000\">R</text>"), "{svg}");
    }
}

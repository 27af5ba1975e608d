//! Big digits for presentation mode: a 3×5 pixel font drawn with half-block
//! characters (`▀ ▄ █`), so each pixel is about square, at an integer scale —
//! 3 columns × 3 rows a glyph at scale 1, 6 × 5 at 2, 9 × 8 at 3. Plain
//! characters, no colour needed: it reads the same in `readiness render`.
//! (`tui-big-text` fits ratatui 0.30 but only draws an 8×8 font — 24 columns
//! for "53%" at half height — and brings `derive_builder`; this is smaller.)

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// Glyph rows, top to bottom; `#` is a pixel. Unknown characters draw `?`.
fn glyph(c: char) -> &'static [&'static str; 5] {
    match c {
        '0' => &["###", "#.#", "#.#", "#.#", "###"],
        '1' => &[".#.", "##.", ".#.", ".#.", "###"],
        '2' => &["###", "..#", "###", "#..", "###"],
        '3' => &["###", "..#", ".##", "..#", "###"],
        '4' => &["#.#", "#.#", "###", "..#", "..#"],
        '5' => &["###", "#..", "###", "..#", "###"],
        '6' => &["###", "#..", "###", "#.#", "###"],
        '7' => &["###", "..#", "..#", ".#.", ".#."],
        '8' => &["###", "#.#", "###", "#.#", "###"],
        '9' => &["###", "#.#", "###", "..#", "###"],
        '%' => &["#.#", "..#", ".#.", "#..", "#.#"],
        '.' => &[".", ".", ".", ".", "#"],
        '-' => &["...", "...", "###", "...", "..."],
        '+' => &["...", ".#.", "###", ".#.", "..."],
        ' ' => &["..", "..", "..", "..", ".."],
        _ => &["###", "..#", ".##", "...", ".#."],
    }
}

/// Pixel rows of a glyph.
const PIXEL_ROWS: u16 = 5;

/// Cells across `text` takes at `scale` (one pixel column between glyphs).
pub fn width(text: &str, scale: u16) -> u16 {
    let pixels: usize = text.chars().map(|c| glyph(c)[0].len()).sum::<usize>()
        + text.chars().count().saturating_sub(1);
    (pixels as u16).saturating_mul(scale)
}

/// Rows `scale` takes: two pixel rows a cell.
pub fn height(scale: u16) -> u16 {
    (PIXEL_ROWS * scale).div_ceil(2)
}

/// The text as big digits, drawn from the area's top-left corner and cut at
/// its edges.
pub struct BigText<'a> {
    pub text: &'a str,
    pub scale: u16,
    pub style: Style,
}

impl BigText<'_> {
    /// One entry per pixel column: the glyph and its column, or a gap.
    fn columns(&self) -> Vec<Option<(&'static [&'static str; 5], usize)>> {
        let mut columns = Vec::new();
        for (i, c) in self.text.chars().enumerate() {
            if i > 0 {
                columns.push(None);
            }
            let g = glyph(c);
            for x in 0..g[0].len() {
                columns.push(Some((g, x)));
            }
        }
        columns
    }
}

impl Widget for BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let scale = self.scale.max(1);
        let columns = self.columns();
        let lit = |px: u16, py: u16| -> bool {
            let (gx, gy) = (usize::from(px / scale), usize::from(py / scale));
            match columns.get(gx) {
                Some(Some((g, x))) => g
                    .get(gy)
                    .and_then(|row| row.as_bytes().get(*x))
                    .is_some_and(|&b| b == b'#'),
                _ => false,
            }
        };
        let cells_x = (columns.len() as u16).saturating_mul(scale).min(area.width);
        for row in 0..height(scale).min(area.height) {
            for cx in 0..cells_x {
                let symbol = match (lit(cx, 2 * row), lit(cx, 2 * row + 1)) {
                    (true, true) => "█",
                    (true, false) => "▀",
                    (false, true) => "▄",
                    (false, false) => continue,
                };
                buf[(area.x + cx, area.y + row)]
                    .set_symbol(symbol)
                    .set_style(self.style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::render::buffer_text;

    fn draw(text: &str, scale: u16) -> String {
        let area = Rect::new(0, 0, width(text, scale), height(scale));
        let mut buf = Buffer::empty(area);
        BigText {
            text,
            scale,
            style: Style::new(),
        }
        .render(area, &mut buf);
        buffer_text(&buf)
    }

    #[test]
    fn digits_at_scale_one_and_two() {
        assert_eq!(draw("53%", 1), "█▀▀ ▀▀█ ▀ █\n▀▀█  ▀█ ▄▀\n▀▀▀ ▀▀▀ ▀ ▀\n");
        assert_eq!((width("53%", 2), height(2)), (22, 5));
        assert_eq!(draw("1", 2).lines().count(), 5);
        assert_eq!((width("4.5", 1), height(3)), (9, 8));
    }

    #[test]
    fn drawing_is_cut_at_the_area() {
        let area = Rect::new(0, 0, 4, 2);
        let mut buf = Buffer::empty(area);
        BigText {
            text: "888",
            scale: 3,
            style: Style::new(),
        }
        .render(area, &mut buf);
        assert_eq!(buffer_text(&buf), "████\n███▀\n");
    }
}

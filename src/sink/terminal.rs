//! The dashboard's way to the terminal: a ratatui [`Backend`] that cleans
//! every cell before the backend under it (crossterm) writes it, so no pane,
//! popup or banner can put an escape sequence, a bidi control or a
//! zero-width character on the screen, whatever text it drew. The escape
//! sequences the terminal needs (cursor moves, colours, the synchronized
//! update around a frame) are written by the backend itself, around the
//! cleaned symbols. Colours are sent at the depth the terminal announces
//! ([`crate::ui::palette`]): an RGB colour only to a terminal with 24-bit
//! colour, the nearest 256-colour entry to any other.

use std::borrow::Cow;
use std::io;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use super::is_unsafe;
use crate::ui::palette::Depth;

/// A backend whose cells are cleaned, and their colours fitted to the
/// terminal's [`Depth`], before `B` draws them.
#[derive(Debug)]
pub struct Clean<B>(pub B, pub Depth);

/// `cell` with unsafe characters removed from its symbol (a blank when none
/// is left); borrowed when it is clean.
pub fn clean_cell(cell: &Cell) -> Cow<'_, Cell> {
    let symbol = cell.symbol();
    // A cell holds one grapheme: its line feed or tab is unsafe too.
    let safe = super::clean(symbol);
    if matches!(safe, Cow::Borrowed(_)) && !symbol.contains(['\n', '\t']) {
        return Cow::Borrowed(cell);
    }
    let safe: String = safe.chars().filter(|&c| !is_unsafe(c)).collect();
    let mut cell = cell.clone();
    cell.set_symbol(if safe.is_empty() { " " } else { &safe });
    Cow::Owned(cell)
}

/// `cell` with its colours as `depth` shows them; borrowed when they are.
fn fit_cell(cell: Cow<'_, Cell>, depth: Depth) -> Cow<'_, Cell> {
    let fitted = (
        depth.fit(cell.fg),
        depth.fit(cell.bg),
        depth.fit(cell.underline_color),
    );
    if fitted == (cell.fg, cell.bg, cell.underline_color) {
        return cell;
    }
    let mut cell = cell.into_owned();
    (cell.fg, cell.bg, cell.underline_color) = fitted;
    Cow::Owned(cell)
}

impl<B: Backend> Backend for Clean<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let depth = self.1;
        let cells: Vec<(u16, u16, Cow<'a, Cell>)> = content
            .map(|(x, y, cell)| (x, y, fit_cell(clean_cell(cell), depth)))
            .collect();
        self.0
            .draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell.as_ref())))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.0.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        Backend::flush(&mut self.0)
    }
}

/// The backend's own control sequences (the synchronized update around a
/// frame) pass through untouched: they are ours, not text.
impl<B: io::Write> io::Write for Clean<B> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        io::Write::flush(&mut self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    #[test]
    fn no_unsafe_character_reaches_the_backend() {
        let mut backend = Clean(TestBackend::new(12, 1), Depth::TrueColor);
        let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 1));
        // Written cell by cell, the way a buggy widget could.
        for (x, s) in [
            "a", "\u{1b}", "]", "\u{9b}", "\u{202E}", "b", "\u{200B}", "e\u{301}",
        ]
        .iter()
        .enumerate()
        {
            buffer[(x as u16, 0)].set_symbol(s);
        }
        let cells = buffer
            .content
            .iter()
            .enumerate()
            .map(|(i, c)| (i as u16, 0, c));
        backend.draw(cells).expect("draw");
        let shown: String = backend
            .0
            .buffer()
            .content
            .iter()
            .map(Cell::symbol)
            .collect();
        assert!(!shown.chars().any(is_unsafe), "{shown:?}");
        assert!(shown.starts_with("a ]  b e\u{301}"), "{shown:?}");
    }

    /// A cell is one grapheme drawn in place: a line feed or a tab in it
    /// would move the cursor and draw over other cells, and a variation
    /// selector alone selects nothing.
    #[test]
    fn a_cell_never_moves_the_cursor_or_carries_a_stray_selector() {
        for (symbol, shown) in [
            ("\n", " "),
            ("\t", " "),
            ("a\n", "a"),
            ("\u{FE0F}", " "),
            ("✓\u{FE0F}", "✓\u{FE0F}"),
        ] {
            let mut cell = Cell::default();
            cell.set_symbol(symbol);
            assert_eq!(clean_cell(&cell).symbol(), shown, "{symbol:?}");
        }
    }

    /// At 256 colours no RGB colour reaches the backend; at 24-bit all do.
    #[test]
    fn colours_reach_the_backend_at_the_terminal_s_depth() {
        use ratatui::style::Color;
        for (depth, fg, bg) in [
            (
                Depth::TrueColor,
                Color::Rgb(0, 80, 170),
                Color::Rgb(250, 250, 248),
            ),
            (Depth::Palette256, Color::Indexed(25), Color::Indexed(231)),
        ] {
            let mut backend = Clean(TestBackend::new(2, 1), depth);
            let mut buffer = Buffer::empty(Rect::new(0, 0, 2, 1));
            buffer[(0, 0)]
                .set_symbol("a")
                .set_fg(Color::Rgb(0, 80, 170))
                .set_bg(Color::Rgb(250, 250, 248));
            buffer[(1, 0)].set_symbol("b").set_fg(Color::Red);
            let cells = buffer
                .content
                .iter()
                .enumerate()
                .map(|(i, c)| (i as u16, 0, c));
            backend.draw(cells).expect("draw");
            let shown = &backend.0.buffer().content;
            assert_eq!((shown[0].fg, shown[0].bg), (fg, bg), "{depth:?}");
            assert_eq!(shown[1].fg, Color::Red, "{depth:?}");
        }
    }
}

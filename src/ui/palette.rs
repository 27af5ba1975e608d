//! The colours a terminal can show (docs/dashboard.md, "The terminal"): xterm's
//! 256-colour palette, and the depth a terminal announces. 24-bit colour
//! only where the terminal says it has it — `COLORTERM` set to `truecolor`
//! or `24bit`, the convention terminals that have it follow — since a
//! terminal without it (Apple Terminal) draws `38;2;…` sequences in the
//! wrong colours; everywhere else a theme's RGB colour is drawn as the
//! nearest entry of the palette's 6×6×6 cube or grey ramp. The 16 base
//! colours are never chosen for it: terminals and palettes such as
//! Solarized redefine them.

use std::ffi::OsStr;

use ratatui::style::Color;

/// A colour as red, green and blue.
pub type Rgb = (u8, u8, u8);

/// xterm's default 256-colour palette.
pub fn indexed(n: u8) -> Rgb {
    const BASE: [Rgb; 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    match n {
        0..16 => BASE[usize::from(n)],
        16..232 => {
            let k = n - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            (level(k / 36), level(k / 6 % 6), level(k % 6))
        }
        _ => {
            let g = 8 + 10 * (n - 232);
            (g, g, g)
        }
    }
}

/// The entry of the cube or the grey ramp (16-255) nearest to `rgb`, by
/// distance in RGB; the lower index on a tie.
pub fn nearest(rgb: Rgb) -> u8 {
    let distance = |(r, g, b): Rgb| {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
        d(r, rgb.0) + d(g, rgb.1) + d(b, rgb.2)
    };
    (16..=255u8)
        .min_by_key(|&n| distance(indexed(n)))
        .unwrap_or(16)
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// 24-bit colour: RGB sent as it is.
    TrueColor,
    /// xterm's 256 colours: RGB sent as the nearest palette entry.
    Palette256,
}

impl Depth {
    /// The depth `COLORTERM`'s value announces: `truecolor` or `24bit`
    /// (any case) is 24-bit, anything else or nothing is 256 colours.
    pub fn from_colorterm(value: Option<&OsStr>) -> Depth {
        match value.and_then(OsStr::to_str) {
            Some(v) if v.eq_ignore_ascii_case("truecolor") || v.eq_ignore_ascii_case("24bit") => {
                Depth::TrueColor
            }
            _ => Depth::Palette256,
        }
    }

    /// `color` as this depth can show it: an RGB colour becomes its
    /// [`nearest`] palette entry at 256 colours; other colours are unchanged.
    pub fn fit(self, color: Color) -> Color {
        match (self, color) {
            (Depth::Palette256, Color::Rgb(r, g, b)) => Color::Indexed(nearest((r, g, b))),
            _ => color,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_truecolor_and_24bit_announce_24_bit() {
        for (value, depth) in [
            (Some("truecolor"), Depth::TrueColor),
            (Some("24bit"), Depth::TrueColor),
            (Some("TrueColor"), Depth::TrueColor),
            (Some("yes"), Depth::Palette256),
            (Some("1"), Depth::Palette256),
            (Some(""), Depth::Palette256),
            (None, Depth::Palette256),
        ] {
            assert_eq!(
                Depth::from_colorterm(value.map(OsStr::new)),
                depth,
                "{value:?}"
            );
        }
    }

    #[test]
    fn nearest_entries_by_hand() {
        // Exact entries map to themselves.
        assert_eq!(nearest((0, 95, 175)), 25);
        assert_eq!(nearest((255, 255, 255)), 231);
        assert_eq!(nearest((8, 8, 8)), 232);
        // The light theme's paper, ink, red and grey: the cube's white,
        // the ramp's 28, the cube's (175, 0, 0) and the ramp's 108.
        assert_eq!(nearest((250, 250, 248)), 231);
        assert_eq!(nearest((30, 30, 30)), 234);
        assert_eq!(nearest((180, 0, 0)), 124);
        assert_eq!(nearest((110, 110, 110)), 242);
        // Never a base colour, even for pure red.
        assert_eq!(nearest((255, 0, 0)), 196);
    }

    #[test]
    fn fit_changes_only_rgb_at_256_colours() {
        let rgb = Color::Rgb(0, 80, 170);
        assert_eq!(Depth::TrueColor.fit(rgb), rgb);
        assert_eq!(Depth::Palette256.fit(rgb), Color::Indexed(25));
        for c in [Color::Reset, Color::Red, Color::Indexed(236)] {
            assert_eq!(Depth::Palette256.fit(c), c);
        }
    }
}

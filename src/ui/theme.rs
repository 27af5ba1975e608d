//! Themes: the styles every pane draws with, by role (pass, fail, dim…),
//! never by colour name. Dark, light and high-contrast palettes, and a
//! no-colour variant (`--no-color`, `NO_COLOR`) that sets no foreground or
//! background at all — only bold, reverse and underline — so that status is
//! read from the symbols and words, which every pane writes anyway.

use ratatui::style::{Color, Modifier, Style};

pub use crate::app::ThemeName;
use crate::view::Tone;

/// Styles by role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// The whole screen: text and background.
    pub base: Style,
    /// Secondary text: details, units, hints.
    pub dim: Style,
    /// Pane titles and the project name.
    pub title: Style,
    pub border: Style,
    pub border_focused: Style,
    /// The selected row of the focused pane: every cell of it is drawn in
    /// this style alone (foreground and background), so its contrast holds
    /// whatever the cells' own colours (at least 4.5:1 in every theme).
    pub selected: Style,
    /// Column headings of tables.
    pub heading: Style,
    pub pass: Style,
    pub fail: Style,
    pub unknown: Style,
    /// The READY badge.
    pub ready: Style,
    /// The NOT READY badge.
    pub not_ready: Style,
    /// The filled part of a completion bar.
    pub bar_fill: Style,
    /// The empty part of a completion bar.
    pub bar_empty: Style,
    /// The error banner (invalid or missing manifest).
    pub banner: Style,
    /// Key names in the help popup and the status line.
    pub key: Style,
    /// The burn-up's done line.
    pub chart: Style,
}

impl Theme {
    /// The style of a tone.
    pub fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Plain => self.base,
            Tone::Dim => self.dim,
            Tone::Accent => self.title,
            Tone::Good => self.pass,
            Tone::Bad => self.fail,
            Tone::Warn => self.unknown,
        }
    }

    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::no_color();
        }
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::HighContrast => Theme::high_contrast(),
        }
    }

    fn dark() -> Theme {
        let base = Style::new();
        Theme {
            base,
            // Not ANSI colour 8 ("bright black"): palettes such as Solarized
            // Dark make it the background itself, and compressed screen
            // shares fade it. A fixed grey of the 256-colour cube reads at
            // 7.6:1 on black and 5.5:1 on Solarized's base03.
            dim: Style::new().fg(Color::Indexed(247)),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            selected: Style::new()
                .fg(Color::White)
                .bg(Color::Indexed(236))
                .add_modifier(Modifier::BOLD),
            heading: Style::new()
                .fg(Color::Gray)
                .add_modifier(Modifier::UNDERLINED),
            pass: Style::new().fg(Color::Green),
            fail: Style::new().fg(Color::Red),
            unknown: Style::new().fg(Color::Yellow),
            ready: Style::new()
                .fg(Color::Black)
                .bg(Color::Green)
                .add_modifier(Modifier::BOLD),
            not_ready: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            bar_fill: Style::new().fg(Color::Cyan),
            bar_empty: Style::new().fg(Color::DarkGray),
            banner: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            chart: Style::new().fg(Color::Green),
        }
    }

    /// For light terminal backgrounds: dark ink on the light paper it paints.
    fn light() -> Theme {
        let paper = Color::Rgb(250, 250, 248);
        let ink = Color::Rgb(30, 30, 30);
        let green = Color::Rgb(0, 110, 40);
        let red = Color::Rgb(180, 0, 0);
        let amber = Color::Rgb(150, 90, 0);
        let blue = Color::Rgb(0, 80, 170);
        let grey = Color::Rgb(110, 110, 110);
        Theme {
            base: Style::new().fg(ink).bg(paper),
            dim: Style::new().fg(grey),
            title: Style::new().fg(blue).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Rgb(170, 170, 170)),
            border_focused: Style::new().fg(blue),
            selected: Style::new()
                .fg(ink)
                .bg(Color::Rgb(220, 230, 245))
                .add_modifier(Modifier::BOLD),
            heading: Style::new().fg(grey).add_modifier(Modifier::UNDERLINED),
            pass: Style::new().fg(green),
            fail: Style::new().fg(red),
            unknown: Style::new().fg(amber),
            ready: Style::new()
                .fg(paper)
                .bg(green)
                .add_modifier(Modifier::BOLD),
            not_ready: Style::new().fg(paper).bg(red).add_modifier(Modifier::BOLD),
            bar_fill: Style::new().fg(blue),
            bar_empty: Style::new().fg(Color::Rgb(200, 200, 200)),
            banner: Style::new().fg(paper).bg(red).add_modifier(Modifier::BOLD),
            key: Style::new().fg(blue).add_modifier(Modifier::BOLD),
            chart: Style::new().fg(green),
        }
    }

    /// Black and white with the brightest accents, everything that matters bold.
    fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            base: Style::new().fg(Color::White).bg(Color::Black),
            dim: Style::new().fg(Color::White),
            title: Style::new().fg(Color::LightCyan).add_modifier(bold),
            border: Style::new().fg(Color::White),
            border_focused: Style::new().fg(Color::LightYellow).add_modifier(bold),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(bold),
            heading: Style::new()
                .fg(Color::White)
                .add_modifier(bold | Modifier::UNDERLINED),
            pass: Style::new().fg(Color::LightGreen).add_modifier(bold),
            fail: Style::new().fg(Color::LightRed).add_modifier(bold),
            unknown: Style::new().fg(Color::LightYellow).add_modifier(bold),
            ready: Style::new()
                .fg(Color::Black)
                .bg(Color::LightGreen)
                .add_modifier(bold),
            not_ready: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(bold),
            bar_fill: Style::new().fg(Color::White),
            bar_empty: Style::new().fg(Color::Gray),
            banner: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(bold),
            key: Style::new().fg(Color::LightYellow).add_modifier(bold),
            chart: Style::new().fg(Color::LightGreen),
        }
    }

    /// No colour at all: modifiers only.
    fn no_color() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reverse = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        Theme {
            base: plain,
            dim: plain,
            title: bold,
            border: plain,
            border_focused: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            heading: Style::new().add_modifier(Modifier::UNDERLINED),
            pass: plain,
            fail: bold,
            unknown: Style::new().add_modifier(Modifier::UNDERLINED),
            ready: reverse,
            not_ready: reverse,
            bar_fill: plain,
            bar_empty: plain,
            banner: reverse,
            key: bold,
            chart: plain,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_sets_no_colour() {
        let t = Theme::new(ThemeName::HighContrast, true);
        for s in [
            t.base,
            t.dim,
            t.title,
            t.border,
            t.border_focused,
            t.selected,
            t.heading,
            t.pass,
            t.fail,
            t.unknown,
            t.ready,
            t.not_ready,
            t.bar_fill,
            t.bar_empty,
            t.banner,
            t.key,
            t.chart,
        ] {
            assert_eq!((s.fg, s.bg, s.underline_color), (None, None, None));
        }
    }
}

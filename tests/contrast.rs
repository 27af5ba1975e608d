//! Every cell of a selected row reads at a contrast of at least 4.5:1 (the
//! WCAG AA ratio for text) in every theme, in every pane with a selection,
//! at every size: the high-contrast theme once drew yellow text on its
//! yellow selection bar. Colours are resolved with xterm's default palette;
//! "default" colours are the terminal's own (light text on black assumed for
//! the themes that paint no background), as the SVG picture draws them
//! (`readiness::ui::svg`). Without 24-bit colour the terminal gets the
//! light theme's colours as their nearest 256-colour entries
//! (`readiness::ui::palette`): those are checked too.

use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

use readiness::app::{App, AppOptions, Focus, LoadOutcome, ThemeName};
use readiness::ui::render::render_buffer;

use readiness::ui::palette::Depth;
use readiness::ui::svg::{DEFAULT_BG, DEFAULT_FG, Rgb, indexed, rgb};

fn luminance((r, g, b): Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG contrast ratio, 1 to 21.
fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A cell's text and background colours as a terminal of `depth` shows them.
fn colours(buffer: &Buffer, x: u16, y: u16, depth: Depth) -> (Rgb, Rgb) {
    let cell = &buffer[(x, y)];
    let fg = rgb(depth.fit(cell.fg), DEFAULT_FG);
    let bg = rgb(depth.fit(cell.bg), DEFAULT_BG);
    if cell.modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn loaded(path: &str, options: AppOptions) -> App {
    let text =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let snapshot = readiness::evaluate(&text, today()).unwrap();
    let mut app = App::new(PathBuf::from("readiness.toml"), options);
    let at = today().and_hms_opt(9, 0, 0).unwrap();
    app.on_load(LoadOutcome::loaded(snapshot, &text, at));
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

const BORDERS: &[&str] = &["│", "┃", "║"];

/// The cells of the selected row: from the `›` marker to the pane's right
/// border, on the marker's line and, for two-line rows, the next.
fn selected_cells(buffer: &Buffer, two_lines: bool) -> Vec<(u16, u16)> {
    let area = buffer.area;
    let mut cells = Vec::new();
    for y in 0..area.height {
        for x in 0..area.width {
            if buffer[(x, y)].symbol() != "›" {
                continue;
            }
            let rows = if two_lines { 2 } else { 1 };
            for dy in 0..rows {
                let row = y + dy;
                let mut cx = x;
                while cx < area.width && !BORDERS.contains(&buffer[(cx, row)].symbol()) {
                    cells.push((cx, row));
                    cx += 1;
                }
            }
        }
    }
    cells
}

#[test]
fn every_cell_of_a_selected_row_reads_in_every_theme() {
    let themes = [
        (ThemeName::Dark, false, Depth::Palette256),
        (ThemeName::Light, false, Depth::TrueColor),
        (ThemeName::Light, false, Depth::Palette256),
        (ThemeName::HighContrast, false, Depth::Palette256),
        (ThemeName::HighContrast, true, Depth::Palette256),
    ];
    let panes = [
        (Focus::Components, false),
        (Focus::Gates, false),
        (Focus::Blockers, true),
        (Focus::Tasks, false),
        (Focus::People, false),
    ];
    let mut checked = 0;
    for path in [
        "readiness.toml",
        "examples/voice-bot.toml",
        "examples/clinic-assistant.toml",
    ] {
        for (theme, no_color, depth) in themes {
            for (pane, two_lines) in panes {
                for down in [0, 3] {
                    let mut app = loaded(path, AppOptions { theme, no_color });
                    while app.focus() != pane {
                        press(&mut app, KeyCode::Tab);
                    }
                    for _ in 0..down {
                        press(&mut app, KeyCode::Char('j'));
                    }
                    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
                        let buffer = render_buffer(&app, w, h);
                        let cells = selected_cells(&buffer, two_lines);
                        assert!(
                            !cells.is_empty(),
                            "{path} {theme:?} {pane:?} {w}x{h}: no selection"
                        );
                        for (x, y) in cells {
                            if buffer[(x, y)].symbol().trim().is_empty() {
                                continue;
                            }
                            let (fg, bg) = colours(&buffer, x, y, depth);
                            let ratio = contrast(fg, bg);
                            assert!(
                                ratio >= 4.5,
                                "{path} {theme:?} no_color={no_color} {depth:?} {pane:?} {w}x{h}: \
                                 {:?} at ({x}, {y}) has contrast {ratio:.2} ({fg:?} on {bg:?})",
                                buffer[(x, y)].symbol()
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 10_000, "only {checked} cells checked");
}

/// The list of errors and warnings has a selection too.
#[test]
fn the_selected_warning_reads_in_every_theme() {
    for (theme, no_color, depth) in [
        (ThemeName::Dark, false, Depth::Palette256),
        (ThemeName::Light, false, Depth::TrueColor),
        (ThemeName::Light, false, Depth::Palette256),
        (ThemeName::HighContrast, false, Depth::Palette256),
        (ThemeName::Dark, true, Depth::Palette256),
    ] {
        let mut app = loaded("readiness.toml", AppOptions { theme, no_color });
        press(&mut app, KeyCode::Char('!'));
        let buffer = render_buffer(&app, 120, 40);
        let cells = selected_cells(&buffer, false);
        assert!(!cells.is_empty(), "{theme:?}: no selected warning");
        for (x, y) in cells {
            if buffer[(x, y)].symbol().trim().is_empty() {
                continue;
            }
            let (fg, bg) = colours(&buffer, x, y, depth);
            assert!(contrast(fg, bg) >= 4.5, "{theme:?} {depth:?} ({x}, {y})");
        }
    }
}

#[test]
fn the_contrast_formula_matches_wcag() {
    assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
    assert!((contrast((255, 255, 0), (255, 255, 0)) - 1.0).abs() < 1e-9);
    // Yellow text on the old yellow selection: unreadable.
    assert!(contrast(indexed(11), indexed(11)) < 4.5);
}

/// The themes and the background each paints (the terminal's own when it
/// paints none).
fn themes() -> Vec<(ThemeName, readiness::ui::theme::Theme)> {
    [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast]
        .into_iter()
        .map(|name| (name, readiness::ui::theme::Theme::new(name, false)))
        .collect()
}

/// Captions (the theme's secondary text: `claimed 80%`, `57.9 d of work
/// left`, presentation mode's captions) read at 4.5:1 against the theme's
/// background in every theme, like selected rows — and never in ANSI colour
/// 8 or 0, which palettes such as Solarized Dark make the background itself.
#[test]
fn captions_read_in_every_theme() {
    for (name, theme) in themes() {
        let bg = rgb(theme.base.bg.unwrap_or(Color::Reset), DEFAULT_BG);
        for (role, style) in [
            ("dim", theme.dim),
            ("base", theme.base),
            ("title", theme.title),
            ("heading", theme.heading),
            ("key", theme.key),
        ] {
            let fg = rgb(style.fg.unwrap_or(Color::Reset), DEFAULT_FG);
            let ratio = contrast(fg, bg);
            assert!(
                ratio >= 4.5,
                "{name:?} {role}: contrast {ratio:.2} ({fg:?} on {bg:?})"
            );
        }
        assert!(
            !matches!(
                theme.dim.fg,
                Some(Color::DarkGray | Color::Black | Color::Indexed(0 | 8))
            ),
            "{name:?}: captions in a colour the terminal's palette may hide"
        );
    }
}

/// No text on any screen — the dashboard and presentation mode, at every
/// size — is drawn in ANSI colour 8 (borders and bars may be).
#[test]
fn no_text_in_colour_8_on_any_screen() {
    let glyphs = |s: &str| {
        s.chars().all(|c| {
            c == ' '
                || ('\u{2500}'..='\u{259f}').contains(&c)
                || ('\u{2800}'..='\u{28ff}').contains(&c)
        })
    };
    let mut checked = 0;
    for (theme, _) in themes() {
        for present in [false, true] {
            let mut app = loaded(
                "readiness.toml",
                AppOptions {
                    theme,
                    no_color: false,
                },
            );
            if present {
                press(&mut app, KeyCode::Char('p'));
            }
            for (w, h) in [(80, 24), (120, 30), (120, 40), (200, 60)] {
                let buffer = render_buffer(&app, w, h);
                for y in 0..h {
                    for x in 0..w {
                        let cell = &buffer[(x, y)];
                        if glyphs(cell.symbol()) {
                            continue;
                        }
                        checked += 1;
                        assert!(
                            !matches!(cell.fg, Color::DarkGray | Color::Indexed(8)),
                            "{theme:?} present={present} {w}x{h}: {:?} at ({x}, {y}) in colour 8",
                            cell.symbol()
                        );
                    }
                }
            }
        }
    }
    assert!(checked > 10_000, "only {checked} cells checked");
}

/// The cells showing `text` on row `y`, when it is there.
fn find(buffer: &Buffer, y: u16, text: &str) -> Option<Vec<(u16, u16)>> {
    let w = buffer.area.width;
    let mut row = String::new();
    let mut starts = Vec::new();
    for x in 0..w {
        starts.push((row.len(), x));
        row.push_str(buffer[(x, y)].symbol());
    }
    let at = row.find(text)?;
    let end = at + text.len();
    Some(
        starts
            .iter()
            .filter(|&&(i, _)| i >= at && i < end)
            .map(|&(_, x)| (x, y))
            .collect(),
    )
}

/// On screen, cell by cell: the captions a reader needs — the header's
/// `claimed 80%` and `d of work left`, presentation mode's `complete`,
/// `working days`, `bottleneck` and the chance — read at 4.5:1 against the
/// background they are drawn on, in every theme, in 24-bit and 256
/// colours, as selected rows do.
#[test]
fn captions_on_screen_read_at_4_5_to_1_in_every_theme() {
    let screens: [(bool, u16, u16, &[&str]); 4] = [
        (false, 120, 40, &["claimed 80%", "d of work left"]),
        (false, 80, 24, &["claimed 80%"]),
        (
            true,
            120,
            30,
            &["complete", "working days", "bottleneck", "chance by"],
        ),
        (true, 80, 24, &["complete", "working days", "bottleneck"]),
    ];
    for (theme, _) in themes() {
        for (present, w, h, captions) in screens {
            let mut app = loaded(
                "readiness.toml",
                AppOptions {
                    theme,
                    no_color: false,
                },
            );
            if present {
                press(&mut app, KeyCode::Char('p'));
            }
            let buffer = render_buffer(&app, w, h);
            for caption in captions {
                let cells = (0..h)
                    .find_map(|y| find(&buffer, y, caption))
                    .unwrap_or_else(|| panic!("{caption:?} on the {w}x{h} screen"));
                for (x, y) in cells {
                    for depth in [Depth::TrueColor, Depth::Palette256] {
                        let (fg, bg) = colours(&buffer, x, y, depth);
                        let ratio = contrast(fg, bg);
                        assert!(
                            ratio >= 4.5,
                            "{theme:?} {depth:?} present={present} {w}x{h}: {caption:?} at \
                             ({x}, {y}) reads at {ratio:.2} ({fg:?} on {bg:?})"
                        );
                    }
                }
            }
        }
    }
}

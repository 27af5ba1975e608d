//! Golden frames with their styles, for the tests of drawn frames
//! (tests/dashboard.rs, tests/portfolio.rs): the frame's text, then a
//! letter per cell naming its style, and the themes every frame is drawn in.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use readiness::app::ThemeName;

/// A frame with its styles: the text, then each cell's style as a letter,
/// then what each letter stands for (foreground, background, modifiers).
pub fn styled(buffer: &Buffer) -> String {
    let mut keys: Vec<(Color, Color, Modifier)> = Vec::new();
    let mut text = readiness::ui::render::buffer_text(buffer);
    text.push_str("--- styles ---\n");
    let letters: Vec<char> = ('a'..='z').chain('A'..='Z').chain('0'..='9').collect();
    let w = usize::from(buffer.area.width);
    for row in buffer.content.chunks(w) {
        let mut line = String::new();
        for cell in row {
            let key = (cell.fg, cell.bg, cell.modifier);
            let k = keys.iter().position(|&x| x == key).unwrap_or_else(|| {
                keys.push(key);
                keys.len() - 1
            });
            line.push(letters.get(k).copied().unwrap_or('?'));
        }
        text.push_str(line.trim_end_matches('a'));
        text.push('\n');
    }
    for (k, (fg, bg, m)) in keys.iter().enumerate() {
        text.push_str(&format!("{} = {fg:?} on {bg:?} {m:?}\n", letters[k]));
    }
    text
}

pub const THEMES: [(&str, ThemeName, bool); 4] = [
    ("dark", ThemeName::Dark, false),
    ("light", ThemeName::Light, false),
    ("high_contrast", ThemeName::HighContrast, false),
    ("no_color", ThemeName::Dark, true),
];

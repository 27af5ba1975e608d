//! The one way out of the process for text (docs/trust.md): every
//! byte written to stdout or stderr goes through [`stdout`] or [`stderr`],
//! the dashboard's cells through [`terminal::Clean`], the JSON report through
//! [`json`], the markdown report's interpolated values through
//! [`markdown::escape`], and the SVG picture's text through
//! [`xml::escape`]. `clippy.toml` forbids `println!`, `eprintln!`, `print!`,
//! `eprint!`, `dbg!`, `std::io::stdout` and `std::io::stderr` everywhere
//! else, so a new message cannot go around it.
//!
//! What is removed ([`is_unsafe_after`]): every control character — C0 but
//! the line feed and the tab, DEL, C1 (U+0080–U+009F, the 8-bit CSI U+009B
//! among them) — so no escape sequence (CSI, OSC 52 clipboard writes, OSC 8
//! links, title changes) can reach a terminal; every format character
//! (Unicode Cf: the bidirectional controls of "Trojan Source", zero-width
//! spaces and joiners, word joiner, BOM, soft hyphen, tag characters, …);
//! the other invisible characters that hide or smuggle text (line and
//! paragraph separators, Hangul fillers, the variation selectors
//! supplement); and a variation selector that does not follow a visible
//! character (one after an emoji stays).

pub mod json;
pub mod markdown;
pub mod terminal;
pub mod xml;

use std::borrow::Cow;
use std::io::{self, Write as _};

/// A character that must not leave the process as text: see the module's
/// documentation. `\n` and `\t` are controls too; [`clean`] keeps them.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || is_format(c)
        || matches!(
            c,
            // Invisible but not format characters: combining grapheme
            // joiner, Khmer inherent vowels, Hangul fillers.
            '\u{034F}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{3164}'
                | '\u{FFA0}'
                // Line and paragraph separators.
                | '\u{2028}'
                | '\u{2029}'
                // The variation selectors supplement (ideographic variants,
                // and the 240 selectors that smuggle a byte each).
                | '\u{E0100}'..='\u{E01EF}'
        )
}

/// A format character (Unicode general category Cf, as of Unicode 16):
/// invisible, each changes how the text around it is shown or read — the
/// bidirectional controls ("Trojan Source"), zero-width spaces and joiners,
/// word joiner and invisible operators, BOM, soft hyphen, the Arabic,
/// Syriac and Kaithi number marks, Egyptian hieroglyph, shorthand and
/// musical format controls, interlinear annotations, tag characters
/// ("ASCII smuggling").
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// A variation selector that picks how the character before it is drawn
/// (U+FE00–U+FE0F: text or emoji presentation; the Mongolian free
/// variation selectors). One after a visible character is kept; any other
/// is removed, so that a run of them cannot carry hidden data.
pub fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{180B}'..='\u{180D}' | '\u{180F}')
}

/// Whether `c`, coming after `before` (the last character kept, `None` at
/// the start), must not leave the process: an unsafe character, or a
/// variation selector that selects nothing visible.
pub fn is_unsafe_after(before: Option<char>, c: char) -> bool {
    is_unsafe(c)
        || (is_variation_selector(c)
            && before.is_none_or(|b| b.is_whitespace() || is_unsafe(b) || is_variation_selector(b)))
}

/// `text` without unsafe characters ([`is_unsafe_after`]); line feeds and
/// tabs are kept. Borrowed when there is nothing to remove.
pub fn clean(text: &str) -> Cow<'_, str> {
    let mut before = None;
    let dirty = text.chars().any(|c| {
        let drop = c != '\n' && c != '\t' && is_unsafe_after(before, c);
        before = Some(c);
        drop
    });
    if !dirty {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut before = None;
    for c in text.chars() {
        if c == '\n' || c == '\t' || !is_unsafe_after(before, c) {
            out.push(c);
            before = Some(c);
        }
    }
    Cow::Owned(out)
}

/// Writes `text`, cleaned, to stdout and flushes. A closed pipe (`| head`)
/// is not an error.
pub fn stdout(text: &str) -> io::Result<()> {
    #[allow(clippy::disallowed_methods)] // the sink itself
    let mut out = io::stdout().lock();
    quiet_pipe(
        out.write_all(clean(text).as_bytes())
            .and_then(|()| out.flush()),
    )
}

/// Writes `text`, cleaned, to stderr.
pub fn stderr(text: &str) {
    #[allow(clippy::disallowed_methods)] // the sink itself
    let mut err = io::stderr().lock();
    let _ = err
        .write_all(clean(text).as_bytes())
        .and_then(|()| err.flush());
}

/// [`stdout`] with a line feed, for a message: a write error is left to
/// the exit status of the command that printed it.
pub fn stdout_line(text: &str) {
    let _ = stdout(&format!("{text}\n"));
}

/// [`stderr`] with a line feed.
pub fn stderr_line(text: &str) {
    stderr(&format!("{text}\n"));
}

/// Whether stdout is a terminal (the dashboard's condition).
pub fn stdout_is_terminal() -> bool {
    use std::io::IsTerminal as _;
    #[allow(clippy::disallowed_methods)] // asks, writes nothing
    io::stdout().is_terminal()
}

fn quiet_pipe(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Prints panics (ours and the libraries') through [`stderr`]: a panic
/// message may quote a path or a value from the manifest. The standard
/// hook's message, without its backtrace.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let thread = std::thread::current();
        let name = thread.name().unwrap_or("<unnamed>");
        stderr(&format!("\nthread '{name}' {info}\n"));
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_of_injection_is_removed() {
        let hostile = "a\u{1b}]52;c;cHduZWQ=\u{7}b\u{1b}[31mc\u{9b}31md\u{1b}]8;;http://x\u{1b}\\e\
                       \u{202E}f\u{2066}g\u{200B}h\u{200D}i\u{FEFF}j\u{E0041}k\u{7f}l\u{85}m\rn";
        let clean = clean(hostile);
        assert!(!clean.chars().any(is_unsafe), "{clean:?}");
        assert_eq!(clean, "a]52;c;cHduZWQ=b[31mc31md]8;;http://x\\efghijklmn");
    }

    #[test]
    fn every_format_character_and_the_invisible_ones_are_removed() {
        // Unicode's Cf beyond the usual few: Arabic, Syriac, Kaithi,
        // Egyptian, shorthand and musical format controls, the language
        // tag; then a Khmer inherent vowel, a Hangul filler and a selector
        // of the variation selectors supplement (one hidden byte each).
        let hostile = "a\u{600}\u{6DD}\u{70F}\u{890}\u{8E2}\u{110BD}\u{13430}\u{1BCA0}\u{1D173}\
                       b\u{E0001}\u{17B4}\u{3164}\u{E0100}\u{E01EF}c";
        assert_eq!(clean(hostile), "abc");
    }

    #[test]
    fn a_variation_selector_stays_only_after_a_visible_character() {
        // Emoji and text presentation of the character before: kept.
        assert!(matches!(clean("ok ✓\u{FE0F} ☺\u{FE0E}"), Cow::Borrowed(_)));
        // At the start, after a space or another selector, or after a
        // character removed: it selects nothing, and a run of them carries
        // hidden data.
        assert_eq!(
            clean("\u{FE0F}a \u{FE01}b\u{FE0F}\u{FE0E}\u{FE00}"),
            "a b\u{FE0F}"
        );
        assert_eq!(clean("\u{1b}\u{FE0F}x"), "x");
        assert!(is_unsafe_after(None, '\u{FE0F}'));
        assert!(!is_unsafe_after(Some('✓'), '\u{FE0F}'));
        assert!(is_unsafe_after(Some(' '), '\u{180B}'));
    }

    #[test]
    fn line_feeds_tabs_and_ordinary_text_stay_borrowed() {
        let text = "Déjà vu\tok\n日本語 ✓ 👩💻 ←→\n";
        assert!(matches!(clean(text), Cow::Borrowed(_)));
    }
}

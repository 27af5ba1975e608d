//! The one way out of the process for text (docs/trust.md): every
//! byte written to stdout or stderr goes through [`stdout`] or [`stderr`],
//! the dashboard's cells through [`terminal::Clean`], the JSON report through
//! [`json`], and the markdown report's interpolated values through
//! [`markdown::escape`]. `clippy.toml` forbids `println!`, `eprintln!`,
//! `print!`, `eprint!`, `dbg!`, `std::io::stdout` and `std::io::stderr`
//! everywhere else, so a new message cannot go around it.
//!
//! What is removed ([`is_unsafe`]): every control character — C0 but the
//! line feed and the tab, DEL, C1 (U+0080–U+009F, the 8-bit CSI U+009B
//! among them) — so no escape sequence (CSI, OSC 52 clipboard writes, OSC 8
//! links, title changes) can reach a terminal; the bidirectional controls
//! ("Trojan Source"); and the invisible characters that hide or smuggle
//! text (zero-width spaces and joiners, word joiner, BOM, soft hyphen, tag
//! characters, line and paragraph separators, Hangul fillers).

pub mod json;
pub mod markdown;
pub mod terminal;

use std::borrow::Cow;
use std::io::{self, Write as _};

/// A character that must not leave the process as text: see the module's
/// documentation. `\n` and `\t` are controls too; [`clean`] keeps them.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Bidirectional: embeddings, overrides, isolates, marks.
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                // Zero-width and invisible: spaces, (non-)joiners, word
                // joiner and invisible operators, deprecated format
                // characters, BOM, soft hyphen, grapheme joiner, Mongolian
                // vowel separator, Hangul fillers, interlinear annotations.
                | '\u{200B}'..='\u{200D}'
                | '\u{2060}'..='\u{2065}'
                | '\u{206A}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{00AD}'
                | '\u{034F}'
                | '\u{180E}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{3164}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                // Line and paragraph separators.
                | '\u{2028}'
                | '\u{2029}'
                // Tag characters ("ASCII smuggling").
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// `text` without unsafe characters; line feeds and tabs are kept.
/// Borrowed when there is nothing to remove.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && c != '\t' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&c| c == '\n' || c == '\t' || !is_unsafe(c))
            .collect(),
    )
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
    fn line_feeds_tabs_and_ordinary_text_stay_borrowed() {
        let text = "Déjà vu\tok\n日本語 ✓ 👩💻 ←→\n";
        assert!(matches!(clean(text), Cow::Borrowed(_)));
    }
}

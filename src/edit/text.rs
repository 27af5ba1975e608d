//! The text around an edit: where lines start and end, how a line of
//! `key = value` is laid out (so new lines follow it), and splicing spans
//! of the text. Shared by `set` ([`super::apply`]), `add` ([`super::add`])
//! and the import's sync.

use std::ops::Range;

use super::locate::Field;

/// A replacement of a span of the text (an insertion when it is empty).
pub type Splice = (Range<usize>, String);

/// `text` with the splices applied (they do not overlap).
pub fn splice(text: &str, splices: &mut [Splice]) -> String {
    // Front to back; an insertion at the start of a removed span goes
    // before the removal.
    splices.sort_by_key(|(at, _)| (at.start, at.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut done = 0;
    for (at, new) in splices.iter() {
        debug_assert!(at.start >= done, "overlapping splices");
        out.push_str(&text[done..at.start]);
        out.push_str(new);
        done = at.end;
    }
    out.push_str(&text[done..]);
    out
}

/// The position of a `,` after `pos`, past spaces and tabs only.
pub fn comma_after(text: &str, pos: usize) -> Option<usize> {
    let skipped = text[pos..].len() - text[pos..].trim_start_matches([' ', '\t']).len();
    (text[pos + skipped..].starts_with(',')).then_some(pos + skipped)
}

/// How the anchor line is laid out: its indentation, the space around `=`
/// (an aligned `key   = value` column is kept), its line ending.
pub struct LineStyle {
    pub indent: String,
    /// The column `=` sits at when keys are aligned (more than one space
    /// before it), counted in characters from the indentation.
    pub aligned: Option<usize>,
    pub before_eq: String,
    pub after_eq: String,
    pub eol: String,
}

impl LineStyle {
    pub fn of(text: &str, anchor: &Field<'_>) -> LineStyle {
        let start = line_start(text, anchor.key.start);
        let indent = &text[start..anchor.key.start];
        let indent = if indent.chars().all(|c| c == ' ' || c == '\t') {
            indent.to_owned()
        } else {
            String::new()
        };
        let between = &text[anchor.key.end..anchor.value.start];
        let (before_eq, after_eq) = between.split_once('=').unwrap_or((" ", " "));
        let aligned = (before_eq.len() > 1 && before_eq.chars().all(|c| c == ' '))
            .then(|| text[anchor.key.clone()].chars().count() + before_eq.len());
        let end = line_end(text, anchor.value.end);
        let eol = if end < text.len() {
            if text[..end].ends_with('\r') {
                "\r\n"
            } else {
                "\n"
            }
        } else if text.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        LineStyle {
            indent,
            aligned,
            before_eq: before_eq.to_owned(),
            after_eq: after_eq.to_owned(),
            eol: eol.to_owned(),
        }
    }

    /// `key = value` spaced like the anchor (without the indentation).
    pub fn pair(&self, key: &str, value: &str) -> String {
        let before = match self.aligned {
            Some(column) => " ".repeat(column.saturating_sub(key.chars().count()).max(1)),
            None => self.before_eq.clone(),
        };
        format!("{key}{before}={}{value}", self.after_eq)
    }
}

/// The start of the line holding `pos`.
pub fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// The position of the `\n` ending the line holding `pos`, or the text's end.
pub fn line_end(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i)
}

/// The 1-based line of a byte offset.
pub fn line_of(text: &str, pos: usize) -> usize {
    1 + text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

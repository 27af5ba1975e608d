//! The manifest's errors and warnings as the dashboard lists them: each with
//! its line and column (`12:5`), errors first, its text cleaned.

use super::text::clean;
use crate::manifest::{Diagnostic, SourceMap};

/// One error or warning.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagnosticRow {
    pub error: bool,
    pub line: Option<usize>,
    pub col: Option<usize>,
    /// The message with its hint, on one line.
    pub text: String,
}

impl DiagnosticRow {
    /// `12:5`, `12`, or empty when it concerns the whole file.
    pub fn at(&self) -> String {
        match (self.line, self.col) {
            (Some(l), Some(c)) => format!("{l}:{c}"),
            (Some(l), None) => l.to_string(),
            _ => String::new(),
        }
    }

    /// `line 12:5: message` — how the banner and the list say it.
    pub fn phrase(&self) -> String {
        match self.line {
            Some(_) => format!("line {}: {}", self.at(), self.text),
            None => self.text.clone(),
        }
    }

    /// `error`, `warning`.
    pub fn severity(&self) -> &'static str {
        if self.error { "error" } else { "warning" }
    }
}

/// Rows for diagnostics located in `text` (columns need the text; without
/// it the line the diagnostic carries is kept). Errors first, then by
/// position, as given.
pub fn rows(text: Option<&str>, diagnostics: &[Diagnostic]) -> Vec<DiagnosticRow> {
    let map = text.map(SourceMap::new);
    let mut rows: Vec<DiagnosticRow> = diagnostics
        .iter()
        .map(|d| {
            let at = match (&map, &d.span) {
                (Some(map), Some(span)) => Some(map.line_col(span.start)),
                _ => None,
            };
            DiagnosticRow {
                error: d.is_error(),
                line: at.map(|a| a.line).or(d.line),
                col: at.map(|a| a.col),
                text: clean(&d.one_line()),
            }
        })
        .collect();
    rows.sort_by_key(|r| !r.error);
    rows
}

/// `3 errors`, `1 warning`, `2 errors and 1 warning`.
pub fn count_phrase(rows: &[DiagnosticRow]) -> String {
    use super::figure::plural;
    let errors = rows.iter().filter(|r| r.error).count();
    let warnings = rows.len() - errors;
    match (errors, warnings) {
        (0, w) => plural(w, "warning", "warnings"),
        (e, 0) => plural(e, "error", "errors"),
        (e, w) => format!(
            "{} and {}",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        ),
    }
}

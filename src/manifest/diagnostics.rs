//! Diagnostics: errors and warnings with a byte span into the manifest, and
//! their rendering as `file:line:col: error: message` plus the source line and
//! a caret under the span, the way compilers print them.
//!
//! Hand-written rather than `annotate-snippets`/`codespan-reporting`: both
//! print rustc's `error: …\n --> file:line:col` layout, while the contract asks
//! for the one-line `file:line:col: severity: message` header that editors and
//! CI log parsers recognise.

use std::cell::OnceCell;
use std::fmt::Write as _;
use std::ops::Range;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One error or warning about the manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Byte range in the manifest text; `None` when it concerns the file as a whole.
    pub span: Option<Range<usize>>,
    /// An optional hint printed after the source line (`did you mean …?`).
    pub help: Option<String>,
    /// The 1-based line of the span's start, once located with a [`SourceMap`].
    pub line: Option<usize>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            help: None,
            line: None,
        }
    }

    pub fn warning(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            span,
            help: None,
            line: None,
        }
    }

    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message with its hint, on one line (`unknown key … (did you mean …?)`).
    pub fn one_line(&self) -> String {
        match &self.help {
            Some(help) => format!("{} ({help})", self.message),
            None => self.message.clone(),
        }
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// Maps byte offsets of one text to lines and columns. The line starts are
/// found on first use (one pass), so a valid manifest never pays for them.
#[derive(Debug, Clone)]
pub struct SourceMap<'a> {
    text: &'a str,
    starts: OnceCell<Vec<usize>>,
}

impl<'a> SourceMap<'a> {
    pub fn new(text: &'a str) -> Self {
        SourceMap {
            text,
            starts: OnceCell::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(
                self.text
                    .bytes()
                    .enumerate()
                    .filter_map(|(i, b)| (b == b'\n').then_some(i + 1)),
            );
            starts
        })
    }

    /// Line and column of a byte offset (clamped to the text, snapped to a char boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset) - 1;
        let col = self.text[starts[line]..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            col,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &'a str {
        let starts = self.line_starts();
        let start = starts[line - 1];
        let end = starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Fills in each diagnostic's `line` from its span.
    pub fn locate(&self, diagnostics: &mut [Diagnostic]) {
        // A few diagnostics (a valid manifest's warnings): count the newlines
        // before each rather than index a whole large file.
        if diagnostics.len() <= 8 && self.starts.get().is_none() {
            for d in diagnostics {
                d.line = d.span.as_ref().map(|s| {
                    let end = s.start.min(self.text.len());
                    1 + self.text.as_bytes()[..end]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
                });
            }
            return;
        }
        for d in diagnostics {
            d.line = d.span.as_ref().map(|s| self.line_col(s.start).line);
        }
    }

    /// Renders a diagnostic: header, source line and caret, then the hint.
    pub fn render(&self, file: &str, diagnostic: &Diagnostic) -> String {
        let mut out = String::new();
        let severity = diagnostic.severity.as_str();
        let Some(span) = &diagnostic.span else {
            let _ = writeln!(out, "{file}: {severity}: {}", diagnostic.message);
            if let Some(help) = &diagnostic.help {
                let _ = writeln!(out, "  = help: {help}");
            }
            return out;
        };
        let start = self.line_col(span.start);
        let _ = writeln!(
            out,
            "{file}:{}:{}: {severity}: {}",
            start.line, start.col, diagnostic.message
        );
        let source = self.line_text(start.line);
        let gutter = start.line.to_string();
        let pad = " ".repeat(gutter.len());
        // Underline to the end of the span or of the line, whichever is first; at least one caret.
        let end = self.line_col(span.end.max(span.start));
        let line_chars = source.chars().count();
        let last_col = if end.line == start.line {
            end.col
        } else {
            line_chars + 1
        };
        let width = last_col.saturating_sub(start.col).max(1);
        let indent: String = source
            .chars()
            .take(start.col - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{gutter} | {}", strip_controls(source));
        let _ = writeln!(out, "{pad} | {indent}{}", "^".repeat(width));
        if let Some(help) = &diagnostic.help {
            let _ = writeln!(out, "{pad} = help: {help}");
        }
        out
    }
}

/// Removes control characters (escape sequences included) and the Unicode
/// bidirectional controls so that text from a manifest can never drive the
/// terminal it is printed on, nor reorder what is shown around it. Tabs are
/// kept.
pub fn strip_controls(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\t' || !is_unsafe(c))
        .collect()
}

/// A character that must not reach a terminal: a control character (Unicode
/// `Cc`) or a bidirectional control — the embeddings and overrides
/// U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E/U+200F and the
/// Arabic letter mark U+061C — which reverse or reorder the text after them
/// (the "Trojan Source" trick).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let map = SourceMap::new("a = 1\nbé = \"x\"\n");
        assert_eq!(map.line_col(0), LineCol { line: 1, col: 1 });
        assert_eq!(map.line_col(6), LineCol { line: 2, col: 1 });
        // byte 10 is after "bé " (é is two bytes): column 4
        assert_eq!(map.line_col(10), LineCol { line: 2, col: 4 });
        assert_eq!(map.line_text(2), "bé = \"x\"");
    }

    #[test]
    fn renders_header_source_and_caret() {
        let text = "[[task]]\ndepend_on = [\"a\"]\n";
        let map = SourceMap::new(text);
        let d = Diagnostic::error("unknown key `depend_on` in [[task]]", Some(9..18))
            .with_help(Some("did you mean `depends_on`?".into()));
        let out = map.render("readiness.toml", &d);
        assert_eq!(
            out,
            "readiness.toml:2:1: error: unknown key `depend_on` in [[task]]\n  |\n2 | depend_on = [\"a\"]\n  | ^^^^^^^^^\n  = help: did you mean `depends_on`?\n"
        );
    }

    #[test]
    fn strips_escape_sequences() {
        assert_eq!(strip_controls("a\u{1b}]0;x\u{7}b\tc"), "a]0;xb\tc");
    }

    #[test]
    fn strips_bidirectional_controls() {
        let text = "Task \u{202E}ahpla\u{202C} ok \u{2066}x\u{2069}\u{200E}\u{200F}\u{061C}\u{202A}\u{202B}\u{202D}\u{2067}\u{2068}";
        assert_eq!(strip_controls(text), "Task ahpla ok x");
        // Other format characters (a zero-width joiner in an emoji) stay.
        assert_eq!(strip_controls("👩\u{200D}💻"), "👩\u{200D}💻");
    }
}

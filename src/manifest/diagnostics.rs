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

    /// A byte offset clamped to the text and snapped to a char boundary.
    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The 1-based line of a byte offset, in time logarithmic in the lines.
    pub fn line(&self, offset: usize) -> usize {
        let offset = self.clamp(offset);
        self.line_starts().partition_point(|&start| start <= offset)
    }

    /// Line and column of a byte offset (clamped to the text, snapped to a
    /// char boundary). The column costs time in proportion to it: a long
    /// line's many columns are found together by [`Self::render_all`].
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp(offset);
        let line = self.line(offset);
        let col = self.text[self.line_starts()[line - 1]..offset]
            .chars()
            .count()
            + 1;
        LineCol { line, col }
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
            d.line = d.span.as_ref().map(|s| self.line(s.start));
        }
    }

    /// Renders one diagnostic: header, source line and caret, then the hint.
    pub fn render(&self, file: &str, diagnostic: &Diagnostic) -> String {
        let mut out = String::new();
        self.render_group(&mut out, file, &[diagnostic]);
        out
    }

    /// Renders diagnostics the way `check` prints them (`docs/manifest.md`,
    /// "Validation"): in file order, at most [`MAX_SHOWN`] errors and as
    /// many warnings, each followed by a blank line; the diagnostics of one
    /// source line share one copy of it, with a caret run under each; a
    /// line wider than [`MAX_LINE_COLS`] is shown as windows around the
    /// carets; then `… and N more errors` for what was left out. Time and
    /// output are linear in the text and the number of diagnostics, and the
    /// output is bounded whatever their number.
    pub fn render_all(&self, file: &str, diagnostics: &[Diagnostic]) -> String {
        let mut shown: Vec<&Diagnostic> = Vec::new();
        let (mut errors, mut warnings) = (0usize, 0usize);
        for d in diagnostics {
            let count = if d.is_error() {
                &mut errors
            } else {
                &mut warnings
            };
            *count += 1;
            if *count <= MAX_SHOWN {
                shown.push(d);
            }
        }
        shown.sort_by_key(|d| d.span.as_ref().map_or(-1, |s| s.start as i64));
        let mut out = String::new();
        let mut rest = shown.as_slice();
        while let Some(first) = rest.first() {
            let line = first.span.as_ref().map(|s| self.line(s.start));
            let same = match line {
                None => 1,
                Some(line) => rest
                    .iter()
                    .take_while(|d| d.span.as_ref().map(|s| self.line(s.start)) == Some(line))
                    .count(),
            };
            self.render_group(&mut out, file, &rest[..same]);
            out.push('\n');
            rest = &rest[same..];
        }
        for (count, one, many) in [
            (errors, "error", "errors"),
            (warnings, "warning", "warnings"),
        ] {
            if count > MAX_SHOWN {
                let more = count - MAX_SHOWN;
                let _ = writeln!(
                    out,
                    "{file}: … and {more} more {} (the first {MAX_SHOWN} of {count} are shown)",
                    if more == 1 { one } else { many }
                );
            }
        }
        out
    }

    /// Diagnostics starting on one line (or one without a span): their
    /// headers, the line once with their carets, their hints.
    fn render_group(&self, out: &mut String, file: &str, group: &[&Diagnostic]) {
        let Some(first) = group.first() else { return };
        let Some(span) = &first.span else {
            let _ = writeln!(
                out,
                "{file}: {}: {}",
                first.severity.as_str(),
                short(&first.message)
            );
            if let Some(help) = &first.help {
                let _ = writeln!(out, "  = help: {}", short(help));
            }
            return;
        };
        let line = self.line(span.start);
        let line_start = self.line_starts()[line - 1];
        let source = self.line_text(line);
        let source_end = line_start + source.len();
        // Columns, counted once along the line.
        let mut carets = Vec::with_capacity(group.len());
        let (mut at, mut col) = (line_start, 1);
        for d in group {
            let span = d.span.clone().unwrap_or_default();
            let start = self.clamp(span.start).clamp(line_start, source_end);
            col += self.text[at..start].chars().count();
            at = start;
            let end = self
                .clamp(span.end.max(span.start))
                .clamp(start, source_end);
            let _ = writeln!(
                out,
                "{file}:{line}:{col}: {}: {}",
                d.severity.as_str(),
                short(&d.message)
            );
            carets.push((start - line_start, end - line_start, col));
        }
        let gutter = line.to_string();
        let pad = " ".repeat(gutter.len());
        let _ = writeln!(out, "{pad} |");
        for (text, marks) in windows(source, &carets) {
            let _ = writeln!(out, "{gutter} | {}", strip_controls(&text));
            let _ = writeln!(out, "{pad} | {}", marks.trim_end());
        }
        let several = group.iter().filter(|d| d.help.is_some()).count() > 1;
        for (d, (_, _, col)) in group.iter().zip(&carets) {
            if let Some(help) = &d.help {
                if several {
                    let _ = writeln!(out, "{pad} = help (col {col}): {}", short(help));
                } else {
                    let _ = writeln!(out, "{pad} = help: {}", short(help));
                }
            }
        }
    }
}

/// At most this many errors are printed, and as many warnings.
pub const MAX_SHOWN: usize = 200;
/// A source line wider than this (in characters) is shown in windows.
pub const MAX_LINE_COLS: usize = 200;
/// Characters shown before the first caret of a window.
const WINDOW_BEFORE: usize = 60;
/// The longest message or hint printed (in characters).
const MAX_MESSAGE_CHARS: usize = 300;

/// A message or hint cut to [`MAX_MESSAGE_CHARS`].
fn short(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_MESSAGE_CHARS) {
        None => text.into(),
        Some((cut, _)) => format!("{}…", &text[..cut]).into(),
    }
}

/// The line as shown, in pieces no wider than [`MAX_LINE_COLS`] around the
/// carets, each with its caret line. `carets` are (start, end) byte offsets
/// in `source` and the start's column, in order.
fn windows(source: &str, carets: &[(usize, usize, usize)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let whole = source.chars().nth(MAX_LINE_COLS).is_none();
    let mut i = 0;
    // Where the previous window ended: windows never overlap.
    let mut shown = 0;
    while i < carets.len() {
        // The window: the whole line, or from a little before this caret.
        let (from, lead) = if whole {
            (0, false)
        } else {
            let floor = shown.min(carets[i].0);
            let before = source[floor..carets[i].0]
                .char_indices()
                .rev()
                .nth(WINDOW_BEFORE - 1)
                .map_or(floor, |(b, _)| floor + b);
            (before, before > 0)
        };
        let width = if whole { usize::MAX } else { MAX_LINE_COLS };
        let to = source[from..]
            .char_indices()
            .nth(width)
            .map_or(source.len(), |(b, _)| from + b);
        let mut text = String::new();
        if lead {
            text.push('…');
        }
        text.push_str(&source[from..to]);
        if to < source.len() {
            text.push('…');
        }
        // The carets inside it.
        let mut marks = String::new();
        if lead {
            marks.push(' ');
        }
        let mut at = from;
        let first = i;
        while i < carets.len() && (carets[i].0 < to || (carets[i].0 == to && to == source.len())) {
            let (start, end, _) = carets[i];
            if i > first && end > to {
                // Cut by the window's end: the next window shows it whole.
                break;
            }
            if start < at {
                // Overlaps the previous run: already underlined.
                i += 1;
                continue;
            }
            blank_under(&source[at..start], &mut marks);
            let run = columns(&source[start..end.min(to)]).max(1);
            marks.push_str(&"^".repeat(run));
            at = start + source[start..end.min(to)].len();
            if at == start {
                // A one-caret mark of an empty span (or at the line's end).
                at = source[start..]
                    .chars()
                    .next()
                    .map_or(start, |c| start + c.len_utf8());
            }
            i += 1;
        }
        out.push((text, marks));
        shown = to;
        if whole {
            break;
        }
    }
    out
}

/// Blank space under `text` as its line is printed: a tab stays a tab (the
/// terminal moves both lines alike), the rest is as many spaces as
/// [`columns`] counts, so the caret lands under its character after CJK
/// text or an emoji.
fn blank_under(text: &str, marks: &mut String) {
    for (k, piece) in text.split('\t').enumerate() {
        if k > 0 {
            marks.push('\t');
        }
        marks.extend(std::iter::repeat_n(' ', columns(piece)));
    }
}

/// The terminal columns `text` takes as the line is printed: what
/// [`strip_controls`] keeps, at its display width (unicode-width, as the
/// dashboard's frame counts: two for a CJK character or an emoji), a tab as
/// one.
fn columns(text: &str) -> usize {
    use unicode_width::UnicodeWidthStr as _;
    strip_controls(text)
        .split('\t')
        .map(|piece| piece.width())
        .sum::<usize>()
        + text.matches('\t').count()
}

/// A number from the manifest as a message quotes it: as written when short
/// (`30`, `0.5`), in exponent form when its digits would run on (`1e300`,
/// `1e-300`, never three hundred digits).
pub fn written(x: f64) -> String {
    let plain = x.to_string();
    if plain.len() <= 20 {
        plain
    } else {
        format!("{x:e}")
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
    // One definition for every sink (docs/trust.md): zero-width and other
    // invisible characters too.
    crate::sink::is_unsafe(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_quoted_short() {
        assert_eq!(written(30.0), "30");
        assert_eq!(written(0.5), "0.5");
        assert_eq!(written(1e300), "1e300");
        assert_eq!(written(1e-300), "1e-300");
        assert_eq!(written(f64::INFINITY), "inf");
    }

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

    /// `col=` counts characters; the caret counts columns: two for each
    /// CJK character and emoji before it, a tab kept as a tab.
    #[test]
    fn the_caret_counts_display_width() {
        let text = "name = \"東京 🚀\"\t# é\tweight = x\n";
        let at = text.find("x\n").unwrap();
        let map = SourceMap::new(text);
        let out = map.render("m.toml", &Diagnostic::error("bad", Some(at..at + 1)));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "m.toml:1:28: error: bad");
        // 8 for `name = "`, 4 + 1 + 2 for `東京 🚀`, 1 for `"`, then the tabs.
        let marks = format!(
            "  | {}\t{}\t{}^",
            " ".repeat(16),
            " ".repeat(3),
            " ".repeat(9)
        );
        assert_eq!(lines[3], marks);
        // A wide character under the span takes two carets a column.
        let at = text.find('東').unwrap();
        let out = map.render("m.toml", &Diagnostic::error("bad", Some(at..at + 6)));
        let marks = format!("\n  | {}^^^^\n", " ".repeat(8));
        assert!(out.contains(&marks), "{out}");
    }

    #[test]
    fn one_copy_of_a_line_with_a_caret_run_under_each_error() {
        let text = "[[task]]\ndepends_on = [\"a\", \"bb\"]\n";
        let map = SourceMap::new(text);
        let a = Diagnostic::error("unknown `a`", Some(23..26))
            .with_help(Some("did you mean `x`?".into()));
        let b = Diagnostic::error("unknown `bb`", Some(28..32))
            .with_help(Some("did you mean `y`?".into()));
        let out = map.render_all("m.toml", &[b, a]);
        assert_eq!(
            out,
            "m.toml:2:15: error: unknown `a`\n\
             m.toml:2:20: error: unknown `bb`\n  |\n\
             2 | depends_on = [\"a\", \"bb\"]\n  |               ^^^  ^^^^\n\
             \x20 = help (col 15): did you mean `x`?\n\
             \x20 = help (col 20): did you mean `y`?\n\n"
        );
    }

    #[test]
    fn a_long_line_is_shown_in_windows_around_the_carets() {
        let line = format!("x = \"{}\"", "é".repeat(1000));
        let map = SourceMap::new(&line);
        // One error near the end of the line: a window around it.
        let at = line.len() - 3;
        let out = map.render_all("m.toml", &[Diagnostic::error("here", Some(at..at + 2))]);
        let shown: Vec<&str> = out.lines().collect();
        assert_eq!(shown[0], "m.toml:1:1005: error: here");
        assert!(shown[2].starts_with("1 | …éé"), "{}", shown[2]);
        assert!(shown[2].ends_with("é\""), "{}", shown[2]);
        assert!(shown[2].chars().count() < MAX_LINE_COLS + 10);
        // The caret sits under the character it names.
        let caret = shown[3].find('^').expect("a caret");
        assert_eq!(shown[3][caret..].trim_end(), "^");
        assert_eq!(
            shown[2][caret..].chars().next(),
            shown[2][..].chars().nth(shown[3][..caret].chars().count())
        );
    }

    #[test]
    fn at_most_200_errors_and_200_warnings_are_printed() {
        let text = "a\n".repeat(1000);
        let map = SourceMap::new(&text);
        let mut all: Vec<Diagnostic> = (0..1000)
            .map(|i| Diagnostic::error(format!("e{i}"), Some(2 * i..2 * i + 1)))
            .collect();
        all.extend((0..300).map(|i| Diagnostic::warning(format!("w{i}"), Some(2 * i..2 * i))));
        let out = map.render_all("m.toml", &all);
        assert_eq!(out.matches(": error: ").count(), MAX_SHOWN);
        assert_eq!(out.matches(": warning: ").count(), MAX_SHOWN);
        assert!(out.contains("m.toml: … and 800 more errors (the first 200 of 1000 are shown)\n"));
        assert!(out.contains("m.toml: … and 100 more warnings (the first 200 of 300 are shown)\n"));
    }

    #[test]
    fn messages_and_hints_are_cut() {
        let map = SourceMap::new("x\n");
        let d =
            Diagnostic::error("m".repeat(10_000), Some(0..1)).with_help(Some("h".repeat(10_000)));
        let out = map.render_all("m.toml", &[d]);
        assert!(out.len() < 1_000, "{}", out.len());
    }

    #[test]
    fn strips_escape_sequences() {
        assert_eq!(strip_controls("a\u{1b}]0;x\u{7}b\tc"), "a]0;xb\tc");
    }

    #[test]
    fn strips_bidirectional_controls() {
        let text = "Task \u{202E}ahpla\u{202C} ok \u{2066}x\u{2069}\u{200E}\u{200F}\u{061C}\u{202A}\u{202B}\u{202D}\u{2067}\u{2068}";
        assert_eq!(strip_controls(text), "Task ahpla ok x");
        // Zero-width characters go too, a joiner in an emoji included
        // (docs/trust.md): the emoji show side by side.
        assert_eq!(strip_controls("👩\u{200D}💻\u{200B}"), "👩💻");
    }
}

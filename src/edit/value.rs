//! A value `set` writes, rendered as TOML in the style of the file around it
//! (a literal string where the file uses them and the text allows it).

use chrono::NaiveDate;

use crate::manifest::diagnostics::is_unsafe;

/// A new value for one key of a task.
#[derive(Debug, Clone, PartialEq)]
pub enum NewValue {
    Str(String),
    /// A number (progress); written as an integer when it is whole.
    Number(f64),
    /// A bare TOML local date (`2026-11-29`).
    Date(NaiveDate),
    /// An array of strings on one line (`["a", "b"]`).
    List(Vec<String>),
    /// `true` or `false` (`calibrate`).
    Bool(bool),
}

/// How the file writes strings: `"basic"` or `'literal'`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quotes {
    Basic,
    Literal,
}

impl Quotes {
    /// The style of a string value as written (its first character).
    pub fn of(raw: &str) -> Option<Quotes> {
        match raw.as_bytes().first() {
            Some(b'\'') if !raw.starts_with("'''") => Some(Quotes::Literal),
            Some(b'"') if !raw.starts_with("\"\"\"") => Some(Quotes::Basic),
            _ => None,
        }
    }
}

impl NewValue {
    /// The TOML text of the value. Strings use `quotes` when a literal
    /// string can hold the text (no `'`, no control character), else a basic
    /// string with TOML's escapes.
    pub fn render(&self, quotes: Quotes) -> String {
        match self {
            NewValue::Str(s) if quotes == Quotes::Literal && literal_ok(s) => format!("'{s}'"),
            NewValue::Str(s) => basic_string(s),
            NewValue::Number(n) => number(*n),
            NewValue::Date(d) => d.format("%Y-%m-%d").to_string(),
            NewValue::Bool(b) => b.to_string(),
            NewValue::List(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|s| NewValue::Str(s.clone()).render(quotes))
                    .collect();
                format!("[{}]", items.join(", "))
            }
        }
    }

    /// Whether the value already written (`old`) means the same as this one,
    /// so that the key needs no change.
    pub fn same_as(&self, old: &toml_edit::Value) -> bool {
        match self {
            NewValue::Str(s) => old.as_str() == Some(s.as_str()),
            NewValue::Number(n) => match old {
                toml_edit::Value::Integer(i) => *i.value() as f64 == *n,
                toml_edit::Value::Float(f) => *f.value() == *n,
                _ => false,
            },
            NewValue::Date(d) => old.as_datetime().is_some_and(|dt| {
                dt.time.is_none() && dt.offset.is_none() && dt.to_string() == d.to_string()
            }),
            NewValue::Bool(b) => old.as_bool() == Some(*b),
            NewValue::List(items) => old.as_array().is_some_and(|array| {
                array.len() == items.len()
                    && array
                        .iter()
                        .zip(items)
                        .all(|(old, new)| old.as_str() == Some(new.as_str()))
            }),
        }
    }
}

/// Text fit for a one-line manifest value, from a person or an export:
/// line breaks and tabs become spaces, runs of spaces one, the ends
/// trimmed, and nothing the sink would remove (control, bidirectional and
/// zero-width characters; docs/trust.md) is kept.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut before = None;
    for c in text.chars() {
        let c = if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        };
        if crate::sink::is_unsafe_after(before, c) {
            continue;
        }
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
        before = Some(c);
    }
    out.truncate(out.trim_end().len());
    out
}

/// A literal string holds any text without `'` and control characters
/// (TOML 1.0, "Literal strings"); a tab is allowed.
fn literal_ok(s: &str) -> bool {
    !s.chars()
        .any(|c| c == '\'' || (c.is_control() && c != '\t'))
}

/// A TOML basic string: `\` and `"` escaped, control characters as their
/// short escapes or `\uXXXX` (TOML 1.0, "Basic strings"); bidirectional
/// controls escaped too, so that the file shows them to its next reader.
pub fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push('\t'),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A whole number without a fraction (`50`), else the shortest decimal
/// that reads back as the same float (`37.5`).
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_keep_the_file_style_when_they_can() {
        let s = NewValue::Str("waiting on vendor".into());
        assert_eq!(s.render(Quotes::Literal), "'waiting on vendor'");
        assert_eq!(s.render(Quotes::Basic), "\"waiting on vendor\"");
        let quote = NewValue::Str("Dana's keys".into());
        assert_eq!(quote.render(Quotes::Literal), "\"Dana's keys\"");
    }

    #[test]
    fn basic_strings_escape_what_toml_requires() {
        assert_eq!(
            basic_string("a \"b\" \\ c\nd\u{1b}e\u{7f}"),
            "\"a \\\"b\\\" \\\\ c\\nd\\u001Be\\u007F\""
        );
        // The escaped text reads back as the original.
        let text = "a \"b\" \\ c\nd\u{1b}e\u{7f}\tf";
        let doc: toml_edit::DocumentMut = format!("k = {}", basic_string(text)).parse().unwrap();
        assert_eq!(doc["k"].as_str(), Some(text));
    }

    #[test]
    fn plain_text_is_one_clean_line() {
        assert_eq!(
            plain("  a\r\n b\tc\u{202E}d\u{200B}e\u{1b}[31m "),
            "a b cde[31m"
        );
        assert_eq!(plain("done ✓\u{FE0F}"), "done ✓\u{FE0F}");
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(NewValue::Number(50.0).render(Quotes::Basic), "50");
        assert_eq!(NewValue::Number(37.5).render(Quotes::Basic), "37.5");
        let d = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(NewValue::Date(d).render(Quotes::Basic), "2026-11-29");
    }
}

//! JSON with every unsafe character ([`super::is_unsafe`]) escaped as
//! `\uXXXX`: the text survives for a program, but `jq -r` cannot pipe a
//! C1 CSI, a bidi override or a zero-width space to a terminal. serde_json
//! escapes C0 already; this adds DEL, C1, bidi, zero-width and the rest
//! (astral characters as a UTF-16 surrogate pair, as JSON spells them).

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// serde_json's pretty formatter, escaping unsafe characters in strings.
pub struct Escaping<'a>(PrettyFormatter<'a>);

impl Formatter for Escaping<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        let mut before = None;
        for (i, c) in fragment.char_indices() {
            let escape = super::is_unsafe_after(before, c);
            before = Some(c);
            if escape {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // The rest is the pretty formatter's.
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as pretty-printed JSON (two-space indent) with unsafe characters
/// escaped, and a trailing line feed.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(4096);
    let mut ser =
        serde_json::Serializer::with_formatter(&mut out, Escaping(PrettyFormatter::new()));
    value.serialize(&mut ser)?;
    out.push(b'\n');
    // serde_json writes UTF-8 and the escapes are ASCII.
    Ok(String::from_utf8(out).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_the_text_survives() {
        let hostile = "a\u{9b}31m\u{202E}b\u{200B}c\u{7f}\u{1b}]52;\u{7}\u{E0041}é✓\n";
        let json = to_string_pretty(&serde_json::json!({ "name": hostile })).expect("json");
        assert!(
            !json
                .trim_end()
                .chars()
                .any(|c| c != '\n' && super::super::is_unsafe(c)),
            "{json}"
        );
        assert_eq!(
            json,
            "{\n  \"name\": \"a\\u009b31m\\u202eb\\u200bc\\u007f\\u001b]52;\\u0007\\udb40\\udc41é✓\\n\"\n}\n"
        );
        let back: serde_json::Value = serde_json::from_str(&json).expect("parses");
        assert_eq!(back["name"], hostile);
    }

    #[test]
    fn the_layout_is_serde_jsons_pretty_one() {
        let value = serde_json::json!({"a": [1, {"b": null}], "c": []});
        assert_eq!(
            to_string_pretty(&value).expect("json"),
            serde_json::to_string_pretty(&value).expect("json") + "\n"
        );
    }
}

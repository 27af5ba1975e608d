//! What the XML readers (JUnit, Cobertura) check of every event beyond what
//! `quick-xml` checks itself (`docs/manifest.md`, "Encodings"), so that a
//! file a conforming XML parser refuses makes the gate unknown rather than
//! giving a figure: a `<` inside a tag, an attribute written twice or
//! without quotes, bytes that are not UTF-8 (unless the declaration names
//! another encoding), and characters XML 1.0 does not allow (NUL and the
//! other C0 controls but tab, line feed and carriage return). Each event is
//! scanned once: linear in the file's size.

use quick_xml::events::{BytesStart, Event};

/// An error: the byte offset and the reason.
pub type Malformed = (u64, String);

/// The checks of one document, event by event.
#[derive(Debug)]
pub struct WellFormed {
    /// Whether bytes must be UTF-8: true unless the declaration names
    /// another encoding (a UTF-16 file arrives here transcoded to UTF-8).
    utf8: bool,
}

impl Default for WellFormed {
    fn default() -> Self {
        WellFormed { utf8: true }
    }
}

impl WellFormed {
    /// Checks one event; `offset` is where the reader is after it.
    pub fn check(&mut self, event: &Event, offset: u64) -> Result<(), Malformed> {
        let bytes: &[u8] = match event {
            Event::Decl(decl) => {
                if let Some(Ok(encoding)) = decl.encoding() {
                    let name = String::from_utf8_lossy(&encoding).to_ascii_lowercase();
                    self.utf8 = name.starts_with("utf-8")
                        || name.starts_with("utf8")
                        || name.starts_with("utf-16")
                        || name.starts_with("utf16");
                }
                decl
            }
            Event::Start(e) | Event::Empty(e) => {
                check_tag(e, offset)?;
                e
            }
            Event::End(e) => e,
            Event::Text(e) => e,
            Event::CData(e) => e,
            Event::Comment(e) => e,
            Event::PI(e) => e,
            Event::DocType(e) => e,
            Event::GeneralRef(e) => e,
            Event::Eof => return Ok(()),
        };
        self.characters(bytes, offset)
    }

    /// The event's bytes are text XML allows.
    fn characters(&self, bytes: &[u8], offset: u64) -> Result<(), Malformed> {
        if let Some(at) = bytes
            .iter()
            .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        {
            return Err((
                offset,
                format!(
                    "a control character (0x{:02X}), which XML does not allow",
                    bytes[at]
                ),
            ));
        }
        if self.utf8 && std::str::from_utf8(bytes).is_err() {
            return Err((offset, "not UTF-8 text".into()));
        }
        Ok(())
    }
}

/// A tag holding `<` (an attribute value must write it `&lt;`), or
/// attributes that are not well formed (written twice, without quotes or
/// without a value), as malformed XML.
pub fn check_tag(e: &BytesStart, offset: u64) -> Result<(), Malformed> {
    if e.contains(&b'<') {
        return Err((
            offset,
            "`<` inside a tag (an attribute value must write it as &lt;)".into(),
        ));
    }
    for attribute in e.attributes() {
        if let Err(error) = attribute {
            return Err((offset, format!("a bad attribute: {error}")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::Reader;

    /// The first error of a document, reading every event.
    fn first_error(xml: &[u8]) -> Option<String> {
        let mut reader = Reader::from_reader(xml);
        let mut checks = WellFormed::default();
        let mut buf = Vec::new();
        loop {
            let event = reader.read_event_into(&mut buf).ok()?;
            if let Err((_, reason)) = checks.check(&event, reader.buffer_position()) {
                return Some(reason);
            }
            if matches!(event, Event::Eof) {
                return None;
            }
            buf.clear();
        }
    }

    #[test]
    fn refuses_what_an_xml_parser_refuses() {
        let cases: [(&[u8], &str); 6] = [
            (b"<a x=\"1\" x=\"2\"/>", "a bad attribute"),
            (b"<a x=1/>", "a bad attribute"),
            (b"<a x=\"<\"/>", "`<` inside a tag"),
            (b"<a>\x00</a>", "(0x00)"),
            (b"<a x=\"\x1b[31m\"/>", "(0x1B)"),
            (b"<a>\xff\xfe</a>", "not UTF-8"),
        ];
        for (xml, reason) in cases {
            let error = first_error(xml).unwrap_or_default();
            assert!(error.contains(reason), "{xml:?}: {error}");
        }
    }

    #[test]
    fn accepts_what_real_files_hold() {
        let ok: [&[u8]; 4] = [
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a x=\"\xc3\xa9\">\t\r\n<![CDATA[x]]>&amp;</a>",
            // Latin-1, as declared: not UTF-8, and not refused for it.
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a x=\"\xe9\"/>",
            b"<!DOCTYPE coverage SYSTEM 'http://cobertura.sourceforge.net/xml/coverage-04.dtd'><coverage/>",
            b"<!-- c --><?pi x?><a/>",
        ];
        for xml in ok {
            assert_eq!(first_error(xml), None, "{:?}", String::from_utf8_lossy(xml));
        }
    }
}

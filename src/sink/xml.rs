//! Text made inert inside XML (the SVG picture of a frame, `render --format
//! svg`): cleaned by the sink's one rule ([`super::clean`]), line feeds and
//! tabs made spaces (a cell or a value never starts a new line), the two
//! characters XML 1.0 forbids that the rule keeps (U+FFFE, U+FFFF, outside
//! the `Char` production of XML 1.0 §2.2) removed, and the five markup
//! characters written as entities — so no value can close an element, open
//! a `<script>`, end a CDATA section or start an entity of its own.

/// `text` safe inside an XML element's content or a quoted attribute value.
pub fn escape(text: &str) -> String {
    let text = super::clean(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(' '),
            c if !is_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A character XML 1.0 allows in a document (its `Char` production, §2.2):
/// not the C0 controls but tab, line feed and carriage return, not U+FFFE
/// or U+FFFF (Rust's `char` has no surrogates).
pub fn is_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_unsafe_characters_are_inert() {
        assert_eq!(
            escape("<script>alert('x')</script> ]]> &amp; \"q\""),
            "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; ]]&gt; &amp;amp; &quot;q&quot;"
        );
        assert_eq!(
            escape("a\u{1b}[31mb\u{202E}c\u{FFFF}d\ne\u{0}"),
            "a[31mbcd e"
        );
    }
}

//! The text encoding of an evidence file (docs/evidence.md,
//! "Encodings"): UTF-8 (with or without a byte-order mark), or UTF-16 with a
//! byte-order mark, decoded to UTF-8 on the fly here. `quick-xml` reads
//! only ASCII-compatible encodings (its `encoding` feature decodes text
//! events, not a UTF-16 stream), so UTF-16 is transcoded before it; UTF-16
//! without a byte-order mark, and UTF-32, are refused with a reason that
//! says so.

use std::io::{self, BufRead, Read};

/// How the file is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-16 with a byte-order mark (consumed).
    Utf16 {
        little_endian: bool,
    },
}

/// Reads the encoding from the file's first bytes (consuming a UTF-16
/// byte-order mark). `Err` names UTF-16 without a byte-order mark.
pub fn sniff(input: &mut impl BufRead) -> io::Result<Result<Encoding, String>> {
    let head = input.fill_buf()?;
    let found = match head {
        // UTF-32, with a mark or as ASCII text (three zero bytes a character).
        [0x00, 0x00, 0xFE, 0xFF, ..] => return Ok(Err(utf32("big"))),
        [0xFF, 0xFE, 0x00, 0x00, ..] => return Ok(Err(utf32("little"))),
        [a, 0, 0, 0, ..] if *a != 0 && a.is_ascii() => return Ok(Err(utf32("little"))),
        [0, 0, 0, a, ..] if *a != 0 && a.is_ascii() => return Ok(Err(utf32("big"))),
        [0xFF, 0xFE, ..] => Encoding::Utf16 {
            little_endian: true,
        },
        [0xFE, 0xFF, ..] => Encoding::Utf16 {
            little_endian: false,
        },
        // ASCII text in UTF-16: every other byte is zero.
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 && a.is_ascii() && b.is_ascii() => {
            return Ok(Err(without_bom("little")));
        }
        [0, a, 0, b, ..] if *a != 0 && *b != 0 && a.is_ascii() && b.is_ascii() => {
            return Ok(Err(without_bom("big")));
        }
        _ => return Ok(Ok(Encoding::Utf8)),
    };
    input.consume(2);
    Ok(Ok(found))
}

fn utf32(endian: &str) -> String {
    format!("UTF-32 ({endian}-endian), which is not read; save it as UTF-8")
}

fn without_bom(endian: &str) -> String {
    format!("UTF-16 ({endian}-endian) without a byte-order mark; save it as UTF-8")
}

/// A UTF-16 stream read as UTF-8.
pub struct Utf16<R> {
    inner: R,
    little_endian: bool,
    /// Decoded UTF-8 not yet read, from `at`.
    out: Vec<u8>,
    at: usize,
    /// A byte of a code unit split across reads.
    odd: Option<u8>,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
}

impl<R: BufRead> Utf16<R> {
    pub fn new(inner: R, little_endian: bool) -> Self {
        Utf16 {
            inner,
            little_endian,
            out: Vec::new(),
            at: 0,
            odd: None,
            high: None,
        }
    }

    fn unit(&mut self, unit: u16) -> io::Result<()> {
        let c = match (self.high.take(), unit) {
            (None, 0xD800..=0xDBFF) => {
                self.high = Some(unit);
                return Ok(());
            }
            (Some(high), 0xDC00..=0xDFFF) => {
                0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00)
            }
            (None, 0xDC00..=0xDFFF) | (Some(_), _) => return Err(invalid("an unpaired surrogate")),
            (None, unit) => u32::from(unit),
        };
        let c = char::from_u32(c).ok_or_else(|| invalid("an invalid character"))?;
        let mut buf = [0; 4];
        self.out
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }

    /// Decodes the next chunk; false at the end.
    fn decode_more(&mut self) -> io::Result<bool> {
        self.out.clear();
        self.at = 0;
        let chunk = self.inner.fill_buf()?.to_vec();
        if chunk.is_empty() {
            if self.odd.is_some() || self.high.is_some() {
                return Err(invalid("text that ends mid-character"));
            }
            return Ok(false);
        }
        self.inner.consume(chunk.len());
        let mut bytes = chunk.as_slice();
        if let Some(first) = self.odd.take() {
            let pair = [first, bytes[0]];
            self.unit(self.join(pair))?;
            bytes = &bytes[1..];
        }
        let mut pairs = bytes.chunks_exact(2);
        for pair in &mut pairs {
            self.unit(self.join([pair[0], pair[1]]))?;
        }
        self.odd = pairs.remainder().first().copied();
        Ok(true)
    }

    fn join(&self, pair: [u8; 2]) -> u16 {
        if self.little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    }
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("not valid UTF-16: {what}"),
    )
}

impl<R: BufRead> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.out.len() {
            if !self.decode_more()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

    fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        for unit in units {
            out.extend(if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        out
    }

    fn decode(bytes: &[u8]) -> Result<String, String> {
        // A one-byte buffer splits every code unit across reads.
        let mut input = BufReader::with_capacity(1, bytes);
        let encoding = sniff(&mut BufReader::new(bytes)).expect("read")?;
        let Encoding::Utf16 { little_endian } = encoding else {
            return Ok(String::from_utf8_lossy(bytes).into_owned());
        };
        input.read_exact(&mut [0; 2]).expect("the mark");
        let mut text = String::new();
        Utf16::new(input, little_endian)
            .read_to_string(&mut text)
            .map_err(|e| e.to_string())?;
        Ok(text)
    }

    #[test]
    fn decodes_both_byte_orders() {
        let text = "<a b=\"é 😀\"/>\n";
        assert_eq!(decode(&utf16(text, true, true)).as_deref(), Ok(text));
        assert_eq!(decode(&utf16(text, false, true)).as_deref(), Ok(text));
    }

    #[test]
    fn refuses_utf16_without_a_mark_and_broken_utf16() {
        let error = decode(&utf16("<a/>", true, false)).expect_err("no BOM");
        assert!(error.contains("UTF-16 (little-endian) without a byte-order mark"));
        let error = decode(&utf16("<a/>", false, false)).expect_err("no BOM");
        assert!(error.contains("UTF-16 (big-endian)"));
        for (bytes, endian) in [
            (&b"\xff\xfe\0\0<\0\0\0"[..], "little"),
            (b"\0\0\xfe\xff\0\0\0<", "big"),
            (b"<\0\0\0a\0\0\0", "little"),
            (b"\0\0\0<\0\0\0a", "big"),
        ] {
            let error = decode(bytes).expect_err("UTF-32");
            assert!(
                error.contains(&format!("UTF-32 ({endian}-endian)")),
                "{error}"
            );
        }
        let mut cut = utf16("<a/>", true, true);
        cut.pop();
        assert!(decode(&cut).expect_err("odd").contains("not valid UTF-16"));
        let lone = [0xFF, 0xFE, 0x00, 0xD8, b'a', 0];
        assert!(
            decode(&lone)
                .expect_err("lone")
                .contains("unpaired surrogate")
        );
    }
}

//! Line coverage reports, told apart by content, not by file name
//! (docs/manifest.md, "Gate criteria"): an XML document is Cobertura (the root
//! `<coverage>`'s `line-rate`, or `lines-covered` / `lines-valid`); anything
//! else must be LCOV, read as lcov reads it ([`super::lcov`]).
//! Pure: a reader in, a summary out, streamed.

use std::io::{BufRead, BufReader};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

pub use super::lcov::lcov;
use super::text::{self, Encoding, Utf16};
use super::xml::WellFormed;

/// Which format the report was in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoverageFormat {
    Lcov,
    Cobertura,
}

impl CoverageFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            CoverageFormat::Lcov => "LCOV",
            CoverageFormat::Cobertura => "Cobertura",
        }
    }
}

/// A report's line coverage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoverageSummary {
    pub format: CoverageFormat,
    /// Percent of lines covered, 0–100.
    pub percent: f64,
    /// Lines covered and lines counted, when the report gives them.
    pub lines: Option<(u64, u64)>,
}

/// Why a file is not a coverage report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoverageError {
    #[error("empty file")]
    Empty,
    #[error("not an LCOV or Cobertura report: {0}")]
    Unknown(String),
    #[error("LCOV line {line}: {message}")]
    Lcov { line: u64, message: String },
    #[error("Cobertura: {0}")]
    Cobertura(String),
    #[error("malformed XML at byte {offset}: {message}")]
    Malformed { offset: u64, message: String },
    #[error("cannot read: {0}")]
    Io(String),
    #[error("{0}")]
    Encoding(String),
}

/// Reads an LCOV or Cobertura report, whichever it is, in UTF-8 or in
/// UTF-16 with a byte-order mark.
pub fn parse(mut input: impl BufRead) -> Result<CoverageSummary, CoverageError> {
    match text::sniff(&mut input).map_err(|e| CoverageError::Io(e.to_string()))? {
        Err(reason) => Err(CoverageError::Encoding(reason)),
        Ok(Encoding::Utf8) => parse_utf8(input),
        Ok(Encoding::Utf16 { little_endian }) => {
            parse_utf8(BufReader::new(Utf16::new(input, little_endian)))
        }
    }
}

fn parse_utf8(mut input: impl BufRead) -> Result<CoverageSummary, CoverageError> {
    match first_byte(&mut input)? {
        None => Err(CoverageError::Empty),
        Some(b'<') => cobertura(input),
        Some(_) => lcov(input),
    }
}

/// The first byte that is not whitespace or a UTF-8 byte-order mark, left unread.
fn first_byte(input: &mut impl BufRead) -> Result<Option<u8>, CoverageError> {
    loop {
        let buf = input
            .fill_buf()
            .map_err(|e| CoverageError::Io(e.to_string()))?;
        let Some(&b) = buf.first() else {
            return Ok(None);
        };
        if b.is_ascii_whitespace() {
            input.consume(1);
        } else if buf.starts_with(b"\xEF\xBB\xBF") {
            input.consume(3);
        } else {
            return Ok(Some(b));
        }
    }
}

/// A short quote of a bad value.
pub(super) fn quote(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    let more = if text.chars().count() > 40 { "…" } else { "" };
    format!("{:?}", format!("{short}{more}"))
}

/// Cobertura: the root's rates; the rest is read to check it is well formed.
pub fn cobertura(input: impl BufRead) -> Result<CoverageSummary, CoverageError> {
    let mut reader = Reader::from_reader(input);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::with_capacity(8 * 1024);
    let mut depth = 0usize;
    let mut summary = None;
    let mut checks = WellFormed::default();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| CoverageError::Malformed {
                offset: reader.error_position(),
                message: e.to_string(),
            })?;
        checks
            .check(&event, reader.buffer_position())
            .map_err(|(offset, message)| CoverageError::Malformed { offset, message })?;
        match event {
            Event::Start(e) if depth == 0 => {
                set_root(&mut summary, &e)?;
                depth += 1;
            }
            Event::Empty(e) if depth == 0 => set_root(&mut summary, &e)?,
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(t) if depth == 0 && !t.iter().all(u8::is_ascii_whitespace) => {
                return Err(CoverageError::Unknown(format!(
                    "text outside the root element at byte {}",
                    reader.buffer_position()
                )));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if depth > 0 {
        return Err(CoverageError::Cobertura(format!(
            "truncated: the file ends with {depth} element(s) still open"
        )));
    }
    summary.ok_or(CoverageError::Empty)
}

/// Reads the root element, once.
fn set_root(summary: &mut Option<CoverageSummary>, e: &BytesStart) -> Result<(), CoverageError> {
    if summary.is_some() {
        return Err(CoverageError::Cobertura("a second root element".into()));
    }
    *summary = Some(root(e)?);
    Ok(())
}

/// The root `<coverage>` element's line coverage.
fn root(e: &BytesStart) -> Result<CoverageSummary, CoverageError> {
    let name = e.local_name();
    if name.as_ref() != b"coverage" {
        return Err(CoverageError::Unknown(format!(
            "an XML document whose root is <{}>, not Cobertura's <coverage>",
            String::from_utf8_lossy(name.as_ref())
        )));
    }
    let (mut rate, mut covered, mut valid) = (None, None, None);
    for attribute in e.attributes().flatten() {
        let value = std::str::from_utf8(&attribute.value).unwrap_or("").trim();
        match attribute.key.local_name().as_ref() {
            b"line-rate" => rate = Some(number(value, "line-rate")?),
            b"lines-covered" => covered = Some(number(value, "lines-covered")?),
            b"lines-valid" => valid = Some(number(value, "lines-valid")?),
            _ => {}
        }
    }
    let lines = match (covered, valid) {
        (Some(c), Some(v)) if c >= 0.0 && v >= 0.0 && c.fract() == 0.0 && v.fract() == 0.0 => {
            Some((c as u64, v as u64))
        }
        _ => None,
    };
    let percent = match (rate, lines) {
        (Some(r), _) if (0.0..=1.0).contains(&r) => 100.0 * r,
        (Some(r), _) => {
            return Err(CoverageError::Cobertura(format!(
                "line-rate {r} is not between 0 and 1"
            )));
        }
        (None, Some((c, v))) if v > 0 && c <= v => 100.0 * c as f64 / v as f64,
        (None, Some(_)) => {
            return Err(CoverageError::Cobertura(
                "lines-covered / lines-valid give no rate".into(),
            ));
        }
        (None, None) => {
            return Err(CoverageError::Cobertura(
                "the root <coverage> has no line-rate (nor lines-covered and lines-valid)".into(),
            ));
        }
    };
    Ok(CoverageSummary {
        format: CoverageFormat::Cobertura,
        percent,
        lines,
    })
}

fn number(value: &str, key: &str) -> Result<f64, CoverageError> {
    value
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| CoverageError::Cobertura(format!("{key} is not a number: {}", quote(value))))
}

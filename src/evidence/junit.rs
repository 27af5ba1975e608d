//! JUnit XML, streamed (docs/manifest.md, "Gate criteria"): every `<testcase>`
//! counts once; it failed with a `<failure>` or `<error>` child and was skipped
//! with `<skipped>`. The root is `<testsuites>` or a bare `<testsuite>`; suites
//! may nest; attributes may be missing. The summary attributes (`tests`,
//! `failures`,
//! `errors`, `skipped`) are read only to say when they disagree with the
//! count. Pure: a reader in, a summary out, in constant memory (one event
//! buffer, reused; a single huge text node is the only thing that grows it).

use std::io::{BufRead, BufReader};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::text::{self, Encoding, Utf16};
use super::xml::WellFormed;

/// What one JUnit file (or several, added up) says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JunitSummary {
    /// `<testcase>` elements.
    pub tests: u64,
    /// Test cases with a `<failure>` or `<error>` child.
    pub failed: u64,
    /// Test cases with a `<skipped>` child and no failure.
    pub skipped: u64,
    /// The totals the file's summary attributes state, when it states them.
    pub claimed: Claimed,
}

/// Totals from the summary attributes: the root's, or the sum of the
/// top-level suites' when the root has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Claimed {
    pub tests: Option<u64>,
    /// `failures` + `errors`.
    pub failed: Option<u64>,
    pub skipped: Option<u64>,
}

impl JunitSummary {
    /// Tests that ran: all but the skipped.
    pub fn ran(&self) -> u64 {
        self.tests - self.skipped
    }

    pub fn passed(&self) -> u64 {
        self.ran() - self.failed
    }

    /// Adds another file's counts (claims add up only when both files claim).
    pub fn add(&mut self, other: &JunitSummary) {
        self.tests += other.tests;
        self.failed += other.failed;
        self.skipped += other.skipped;
        // A claim is only compared with the count: absurd ones saturate.
        let sum = |a: Option<u64>, b: Option<u64>| Some(a?.saturating_add(b?));
        self.claimed = Claimed {
            tests: sum(self.claimed.tests, other.claimed.tests),
            failed: sum(self.claimed.failed, other.claimed.failed),
            skipped: sum(self.claimed.skipped, other.claimed.skipped),
        };
    }

    /// Where the summary attributes disagree with the count, as
    /// `("tests", claimed, counted)` triples.
    pub fn disagreements(&self) -> Vec<(&'static str, u64, u64)> {
        [
            ("tests", self.claimed.tests, self.tests),
            ("failed", self.claimed.failed, self.failed),
            ("skipped", self.claimed.skipped, self.skipped),
        ]
        .into_iter()
        .filter_map(|(what, claimed, counted)| {
            claimed
                .filter(|&c| c != counted)
                .map(|c| (what, c, counted))
        })
        .collect()
    }
}

/// Why a file is not a JUnit report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JunitError {
    #[error("empty file")]
    Empty,
    #[error("not XML: text outside the root element at byte {0}")]
    NotXml(u64),
    #[error("malformed XML at byte {offset}: {message}")]
    Malformed { offset: u64, message: String },
    #[error("not a JUnit report: the root element is <{0}>, expected <testsuites> or <testsuite>")]
    WrongRoot(String),
    #[error("not XML: a second root element <{0}>")]
    SecondRoot(String),
    #[error("truncated: the file ends with {open} element(s) still open{inside}")]
    Truncated { open: usize, inside: &'static str },
    #[error("{0}")]
    Encoding(String),
}

/// The deepest nesting accepted; deeper is not a test report.
const MAX_DEPTH: usize = 10_000;

/// Reads a JUnit XML document, in UTF-8 or in UTF-16 with a byte-order mark.
pub fn parse(mut input: impl BufRead) -> Result<JunitSummary, JunitError> {
    let malformed = |e: std::io::Error| JunitError::Malformed {
        offset: 0,
        message: e.to_string(),
    };
    match text::sniff(&mut input).map_err(malformed)? {
        Err(reason) => Err(JunitError::Encoding(reason)),
        Ok(Encoding::Utf8) => parse_utf8(input),
        Ok(Encoding::Utf16 { little_endian }) => {
            parse_utf8(BufReader::new(Utf16::new(input, little_endian)))
        }
    }
}

fn parse_utf8(mut input: impl BufRead) -> Result<JunitSummary, JunitError> {
    // Not XML when the first byte that is not blank is not `<`: said at
    // once, not after reading a text node as long as the file.
    if let Some(at) = not_markup(&mut input).map_err(|e| JunitError::Malformed {
        offset: 0,
        message: e.to_string(),
    })? {
        return Err(JunitError::NotXml(at));
    }
    let mut reader = Reader::from_reader(input);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::with_capacity(8 * 1024);
    let mut counter = Counter::default();
    let mut checks = WellFormed::default();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| JunitError::Malformed {
                offset: reader.error_position(),
                message: e.to_string(),
            })?;
        checks
            .check(&event, reader.buffer_position())
            .map_err(|(offset, message)| JunitError::Malformed { offset, message })?;
        match event {
            Event::Start(e) => {
                counter.open(&e, false)?;
            }
            Event::Empty(e) => counter.open(&e, true)?,
            Event::End(_) => counter.close(),
            Event::Text(t) if counter.depth == 0 && !t.iter().all(u8::is_ascii_whitespace) => {
                return Err(JunitError::NotXml(reader.buffer_position()));
            }
            Event::CData(_) | Event::GeneralRef(_) if counter.depth == 0 => {
                return Err(JunitError::NotXml(reader.buffer_position()));
            }
            Event::Eof => return counter.finish(),
            _ => {}
        }
        buf.clear();
    }
}

/// Where the first byte that is not blank (after a UTF-8 byte-order mark)
/// is, when it is in the first buffer and not `<`; nothing is consumed.
fn not_markup(input: &mut impl BufRead) -> std::io::Result<Option<u64>> {
    let buf = input.fill_buf()?;
    let skipped = if buf.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    Ok(buf[skipped..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .filter(|&i| buf[skipped + i] != b'<')
        .map(|i| (skipped + i) as u64))
}

#[derive(Debug, Default)]
struct Counter {
    depth: usize,
    root: Option<Root>,
    /// The depth of the open `<testcase>`, and what its children said.
    case: Option<(usize, bool, bool)>,
    summary: JunitSummary,
    /// Over the top-level suites, for a root without totals: per claim
    /// (tests, failed, skipped) the sum and how many suites stated it.
    suites: [(u64, usize); 3],
    suite_count: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Root {
    Suites,
    Suite,
}

impl Counter {
    fn open(&mut self, e: &BytesStart, empty: bool) -> Result<(), JunitError> {
        let local = e.local_name();
        let name = local.as_ref();
        if self.depth == 0 {
            let text = || String::from_utf8_lossy(name).into_owned();
            if self.root.is_some() {
                return Err(JunitError::SecondRoot(text()));
            }
            let root = match name {
                b"testsuites" => Root::Suites,
                b"testsuite" => Root::Suite,
                _ => return Err(JunitError::WrongRoot(text())),
            };
            self.root = Some(root);
            self.summary.claimed = claims(e);
        } else if self.depth == 1 && self.root == Some(Root::Suites) && name == b"testsuite" {
            let suite = claims(e);
            self.suite_count += 1;
            for (slot, value) in
                self.suites
                    .iter_mut()
                    .zip([suite.tests, suite.failed, suite.skipped])
            {
                if let Some(v) = value {
                    slot.0 = slot.0.saturating_add(v);
                    slot.1 += 1;
                }
            }
        }
        match &mut self.case {
            Some((at, failed, skipped)) if *at + 1 == self.depth => match name {
                b"failure" | b"error" => *failed = true,
                b"skipped" => *skipped = true,
                _ => {}
            },
            Some(_) => {}
            None if name == b"testcase" => {
                if empty {
                    self.summary.tests += 1;
                } else {
                    self.case = Some((self.depth, false, false));
                }
            }
            None => {}
        }
        if !empty {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(JunitError::Malformed {
                    offset: 0,
                    message: format!("elements nested more than {MAX_DEPTH} deep"),
                });
            }
        }
        Ok(())
    }

    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        if let Some((at, failed, skipped)) = self.case
            && at == self.depth
        {
            self.summary.tests += 1;
            if failed {
                self.summary.failed += 1;
            } else if skipped {
                self.summary.skipped += 1;
            }
            self.case = None;
        }
    }

    fn finish(mut self) -> Result<JunitSummary, JunitError> {
        if self.depth > 0 {
            let inside = if self.case.is_some() {
                " (inside a <testcase>)"
            } else {
                ""
            };
            return Err(JunitError::Truncated {
                open: self.depth,
                inside,
            });
        }
        if self.root.is_none() {
            return Err(JunitError::Empty);
        }
        let c = &mut self.summary.claimed;
        if c.tests.is_none() && c.failed.is_none() && c.skipped.is_none() {
            let n = self.suite_count;
            let stated = |(sum, count): (u64, usize)| (n > 0 && count == n).then_some(sum);
            *c = Claimed {
                tests: stated(self.suites[0]),
                failed: stated(self.suites[1]),
                skipped: stated(self.suites[2]),
            };
        }
        Ok(self.summary)
    }
}

/// The summary attributes of a suite element.
fn claims(e: &BytesStart) -> Claimed {
    let (mut tests, mut failures, mut errors, mut skipped) = (None, None, None, None);
    for attribute in e.attributes().flatten() {
        let slot = match attribute.key.local_name().as_ref() {
            b"tests" => &mut tests,
            b"failures" => &mut failures,
            b"errors" => &mut errors,
            b"skipped" => &mut skipped,
            _ => continue,
        };
        *slot = std::str::from_utf8(&attribute.value)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok());
    }
    let failed = match (failures, errors) {
        (None, None) => None,
        (f, e) => Some(f.unwrap_or(0).saturating_add(e.unwrap_or(0))),
    };
    Claimed {
        tests,
        failed,
        skipped,
    }
}

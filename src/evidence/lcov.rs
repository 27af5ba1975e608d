//! LCOV tracefiles (docs/evidence.md, "Coverage"): Σ`LH` / Σ`LF` over
//! the source files (`SF`), each counted once, so that every writer's file
//! gives the figure it intended. A file named by one record counts that
//! record's `LF`/`LH` (gcovr's totals can differ from its `DA` lines, and
//! its own summary uses them), or its `DA` lines when it gives no totals. A
//! file named by several records (lcov writes one per test name `TN`, and
//! CI scripts concatenate files) counts the union of its `DA` lines, as
//! `lcov --summary` does: a line once, hit when any of its counts is above
//! zero (a negative count, which gcov writes when counters race, is no
//! hit, as in lcov). `#` lines are comments (`lcov --comment`).
//!
//! Bounded: a line is at most [`MAX_LINE`] bytes, and the lines kept are
//! one `u64` per distinct (file, line) pair seen, compacted as they repeat.
//! Pure: a reader in, a summary out.

use std::collections::HashMap;
use std::io::{BufRead, Read as _};

use super::coverage::{CoverageError, CoverageFormat, CoverageSummary, quote};

/// The longest line read (1 MiB): real lines are a path, a count or a
/// function name.
pub const MAX_LINE: u64 = 1024 * 1024;

/// Reads an LCOV tracefile.
pub fn lcov(mut input: impl BufRead) -> Result<CoverageSummary, CoverageError> {
    let mut line = Vec::with_capacity(256);
    let mut number = 0u64;
    let mut files = Files::default();
    // Lines of records without DA lines, from their LF/LH.
    let mut totals = Totals::default();
    // The open record.
    let mut record: Option<Record> = None;
    let mut records = 0u64;
    loop {
        line.clear();
        let n = (&mut input)
            .take(MAX_LINE + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| CoverageError::Io(e.to_string()))?;
        if n == 0 {
            break;
        }
        number += 1;
        if n as u64 > MAX_LINE {
            return Err(error(
                number,
                &format!("longer than {} MiB", MAX_LINE / 1024 / 1024),
            ));
        }
        let text = std::str::from_utf8(&line)
            .map_err(|_| error(number, "not UTF-8 text"))?
            .trim();
        // `lcov --comment` writes `#` lines; lcov's own readers skip them.
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        if text == "end_of_record" {
            let r = record
                .take()
                .ok_or_else(|| error(number, "end_of_record without a record"))?;
            r.close(&mut files, &mut totals)
                .map_err(|message| error(number, message))?;
            records += 1;
            continue;
        }
        let Some((key, value)) = text.split_once(':').filter(|(key, _)| {
            !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        }) else {
            return Err(error(
                number,
                &format!("expected KEY:value, found {}", quote(text)),
            ));
        };
        let r = record.get_or_insert_with(Record::default);
        let count = |v: &str| {
            v.trim().parse::<u64>().map_err(|_| {
                error(
                    number,
                    &format!("{key} needs a whole number, found {}", quote(v)),
                )
            })
        };
        match key {
            "SF" => r.file = Some(value.to_owned()),
            "LH" => r.hit = Some(count(value)?),
            "LF" => r.found = Some(count(value)?),
            "DA" => r.lines.push(da(value).map_err(|m| error(number, &m))?),
            _ => {}
        }
    }
    if record.is_some() {
        return Err(error(
            number,
            "truncated: the last record has no end_of_record",
        ));
    }
    if records == 0 {
        return Err(CoverageError::Unknown(
            "no LCOV records (end_of_record) found".into(),
        ));
    }
    let Totals { hit, found } = files
        .count()
        .and_then(|f| f.add(totals))
        .ok_or_else(|| CoverageError::Unknown("line counts beyond 2^64".into()))?;
    if found == 0 {
        return Err(CoverageError::Unknown(
            "the report counts no lines (LF is 0)".into(),
        ));
    }
    if hit > found {
        return Err(CoverageError::Unknown(format!(
            "{hit} lines hit of {found} found (LH > LF)"
        )));
    }
    Ok(CoverageSummary {
        format: CoverageFormat::Lcov,
        percent: 100.0 * hit as f64 / found as f64,
        lines: Some((hit, found)),
    })
}

/// A `DA:<line>,<count>[,<checksum>]` value as a key: the line number
/// shifted left by one, its lowest bit set when the count is above zero
/// (lcov: a count that is not above zero is no hit). Tools write counts as
/// floats (`1.0e+19`); a count that is not a finite number is refused.
fn da(value: &str) -> Result<u64, String> {
    let bad = || format!("DA needs line,hits, found {}", quote(value));
    let mut parts = value.split(',');
    let line = parts.next().ok_or_else(bad)?.trim();
    let hits = parts.next().ok_or_else(bad)?.trim();
    let line = line.parse::<u64>().map_err(|_| bad())?;
    let hits = hits
        .parse::<f64>()
        .ok()
        .filter(|h| h.is_finite())
        .ok_or_else(bad)?;
    let line = line
        .checked_mul(2)
        .ok_or_else(|| format!("DA line number {line} is too large"))?;
    Ok(line | u64::from(hits > 0.0))
}

/// One record, between its first line and `end_of_record`.
#[derive(Debug, Default)]
struct Record {
    file: Option<String>,
    hit: Option<u64>,
    found: Option<u64>,
    /// Its DA lines, as [`da`] keys.
    lines: Vec<u64>,
}

impl Record {
    /// Adds the record to its source file's (a record without `SF` is a
    /// file of its own).
    fn close(mut self, files: &mut Files, totals: &mut Totals) -> Result<(), &'static str> {
        compact(&mut self.lines);
        let own = match (self.hit, self.found) {
            (Some(hit), Some(found)) => Totals { hit, found },
            _ => count(&self.lines),
        };
        match self.file {
            Some(file) => files.add(file, own, self.lines),
            None => *totals = totals.add(own).ok_or("line counts beyond 2^64")?,
        }
        Ok(())
    }
}

/// Lines hit and lines found.
#[derive(Debug, Default, Clone, Copy)]
struct Totals {
    hit: u64,
    found: u64,
}

impl Totals {
    /// The sum, or `None` past `u64::MAX`.
    fn add(self, other: Totals) -> Option<Totals> {
        Some(Totals {
            hit: self.hit.checked_add(other.hit)?,
            found: self.found.checked_add(other.found)?,
        })
    }
}

/// Every source file's records: how many, the totals of the first, and
/// the DA lines of all (for a file named more than once).
#[derive(Debug, Default)]
struct Files {
    files: HashMap<String, File>,
}

#[derive(Debug, Default)]
struct File {
    records: u64,
    /// The first record's totals (its LF/LH, else its DA lines).
    first: Totals,
    /// The sum of every record's totals, for a file named by several
    /// records none of which has DA lines.
    sum: Totals,
    /// DA keys of every record, and how many were distinct at the last
    /// compaction.
    lines: Vec<u64>,
    distinct: usize,
}

impl Files {
    fn add(&mut self, name: String, own: Totals, keys: Vec<u64>) {
        let file = self.files.entry(name).or_default();
        if file.records == 0 {
            file.first = own;
        }
        file.records += 1;
        file.sum = file.sum.add(own).unwrap_or(Totals {
            hit: u64::MAX,
            found: u64::MAX,
        });
        file.lines.extend(keys);
        // Compacted whenever it doubles: memory stays within twice the
        // distinct lines, in linear time overall.
        if file.lines.len() > 2 * file.distinct.max(1024) {
            compact(&mut file.lines);
            file.distinct = file.lines.len();
        }
    }

    /// Lines hit and found over every file; `None` past 2^64.
    fn count(self) -> Option<Totals> {
        let mut totals = Totals::default();
        for mut file in self.files.into_values() {
            let own = if file.records == 1 {
                file.first
            } else if file.lines.is_empty() {
                file.sum
            } else {
                compact(&mut file.lines);
                count(&file.lines)
            };
            totals = totals.add(own)?;
        }
        Some(totals)
    }
}

/// The lines of compacted keys, and those hit.
fn count(keys: &[u64]) -> Totals {
    Totals {
        hit: keys.iter().filter(|key| *key & 1 == 1).count() as u64,
        found: keys.len() as u64,
    }
}

/// Sorts the keys and keeps one per line, hit when any of its keys was.
fn compact(keys: &mut Vec<u64>) {
    keys.sort_unstable();
    // Sorted, a line's hit key (bit set) comes after its unhit one: keep
    // the last of each line.
    keys.dedup_by(|later, kept| {
        if *later >> 1 == *kept >> 1 {
            *kept = *later;
            true
        } else {
            false
        }
    });
}

fn error(line: u64, message: &str) -> CoverageError {
    CoverageError::Lcov {
        line,
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn lines(text: &str) -> Result<(u64, u64), CoverageError> {
        lcov(Cursor::new(text.as_bytes().to_vec())).map(|c| c.lines.expect("lines"))
    }

    #[test]
    fn a_file_named_by_several_records_counts_each_line_once() {
        // lcov 1.16 `--summary`: 66.7% (2 of 3 lines).
        let text = "TN:unit\nSF:/a.c\nDA:1,1\nDA:2,0\nDA:3,0\nLF:3\nLH:1\nend_of_record\n\
                    TN:integration\nSF:/a.c\nDA:1,0\nDA:2,5\nDA:3,0\nLF:3\nLH:1\nend_of_record\n";
        assert_eq!(lines(text).expect("parse"), (2, 3));
    }

    #[test]
    fn a_file_named_once_counts_its_own_totals() {
        // gcovr 8 writes LF:19 LH:17 with 17 DA lines, and its own summary
        // says 17 of 19 (89.5%): the writer's totals win for a file named
        // once.
        let text = "SF:/a.c\nDA:1,1\nDA:2,0\nLF:10\nLH:9\nend_of_record\n";
        assert_eq!(lines(text).expect("parse"), (9, 10));
        // Without totals, its DA lines (a line listed twice counts once).
        let text = "SF:/a.c\nDA:1,1\nDA:2,0\nDA:2,0\nend_of_record\n";
        assert_eq!(lines(text).expect("parse"), (1, 2));
    }

    #[test]
    fn negative_counts_are_no_hit_and_repeated_lines_add_up() {
        // lcov 1.16: 66.7% (2 of 3 lines), with a warning on the -1.
        let text = "SF:/a.c\nDA:1,-1\nDA:2,0\nDA:3,1.5\nDA:2,3\nend_of_record\n";
        assert_eq!(lines(text).expect("parse"), (2, 3));
    }

    #[test]
    fn huge_totals_are_refused_not_wrapped() {
        let max = u64::MAX;
        let text =
            format!("SF:a\nLH:{max}\nLF:{max}\nend_of_record\nSF:b\nLH:1\nLF:1\nend_of_record\n");
        let error = lines(&text).expect_err("overflow");
        assert!(error.to_string().contains("beyond 2^64"), "{error}");
    }

    #[test]
    fn counts_that_are_not_numbers_are_refused() {
        for count in ["NaN", "inf", "1e999", "x"] {
            let text = format!("SF:a\nDA:1,{count}\nend_of_record\n");
            let error = lines(&text).expect_err(count);
            assert!(error.to_string().contains("DA needs line,hits"), "{error}");
        }
    }

    #[test]
    fn a_line_over_the_limit_is_refused_without_reading_it_all() {
        let mut text = String::from("SF:");
        text.push_str(&"a".repeat(MAX_LINE as usize + 10));
        text.push_str("\nDA:1,1\nend_of_record\n");
        let error = lines(&text).expect_err("long");
        assert_eq!(error.to_string(), "LCOV line 1: longer than 1 MiB");
    }

    #[test]
    fn many_records_of_one_file_stay_compact() {
        let mut text = String::new();
        for _ in 0..5_000 {
            text.push_str("SF:a\nDA:1,0\nDA:2,1\nend_of_record\n");
        }
        assert_eq!(lines(&text).expect("parse"), (1, 2));
        let mut files = Files::default();
        for _ in 0..5_000 {
            files.add("a".into(), Totals::default(), vec![2, 5]);
        }
        assert!(files.files["a"].lines.len() <= 2 * 1024 + 2);
    }
}

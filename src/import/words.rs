//! What the readers share: dates in the spellings exports use, efforts in
//! seconds or ISO 8601 durations, estimates written in prose, and ids made
//! from text (docs/import.md, "Mapping").

use chrono::NaiveDate;

use super::Effort;

/// A day from the date forms exports write, read as the date written (a
/// time or a time zone after it is ignored):
/// - ISO 8601: `2024-10-22`, `2024-10-22T06:22:00Z`,
///   `2024-10-22T06:22:00.000+0000`, `2024-10-22 06:22`;
/// - Taskwarrior's compact form: `20241022T062200Z`;
/// - Jira's CSV: `22/Oct/24 6:22 AM`, `22/Oct/2024 06:22`.
pub fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() >= 10
        && let Ok(day) = NaiveDate::parse_from_str(&text[..10], "%Y-%m-%d")
    {
        return Some(day);
    }
    if text.len() >= 8
        && text.as_bytes()[..8].iter().all(u8::is_ascii_digit)
        && let Ok(day) = NaiveDate::parse_from_str(&text[..8], "%Y%m%d")
    {
        return Some(day);
    }
    // `22/Oct/24 6:22 AM`: the day part before the first space.
    let day = text.split_whitespace().next()?;
    let mut parts = day.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let month = MONTHS
        .iter()
        .position(|name| name.eq_ignore_ascii_case(m))
        .map(|i| i as u32 + 1)
        .or_else(|| m.parse().ok())?;
    let year: i32 = y.parse().ok()?;
    let year = match y.len() {
        2 => 2000 + year,
        4 => year,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, d.parse().ok()?)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Seconds of effort as hours in the estimate grammar (`28800` → `"8h"`,
/// `5400` → `"1.5h"`); `None` for zero or nonsense.
pub fn seconds(secs: f64) -> Option<Effort> {
    if !(secs.is_finite() && secs > 0.0) {
        return None;
    }
    let hours = (secs / 3600.0 * 100.0).round() / 100.0;
    (hours > 0.0).then(|| Effort::Text(format!("{}h", trim_number(hours))))
}

/// An ISO 8601 duration (`PT2H`, `P2D`, `P1DT4H`, `PT90M`) as an effort in
/// hours or days; `None` when it is not one.
pub fn iso_duration(text: &str) -> Option<Effort> {
    let rest = text.trim().strip_prefix('P')?;
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut days = 0.0;
    let mut hours = 0.0;
    for (part, in_time) in [(date, false), (time, true)] {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
                continue;
            }
            let n: f64 = number.parse().ok()?;
            number.clear();
            match (c, in_time) {
                ('W', false) => days += 5.0 * n,
                ('D', false) => days += n,
                ('H', true) => hours += n,
                ('M', true) => hours += n / 60.0,
                ('S', true) => hours += n / 3600.0,
                _ => return None,
            }
        }
        if !number.is_empty() {
            return None;
        }
    }
    match (days > 0.0, hours > 0.0) {
        (true, false) => Some(Effort::Text(format!("{}d", trim_number(days)))),
        (_, true) => {
            let hours = ((days * 8.0 + hours) * 100.0).round() / 100.0;
            Some(Effort::Text(format!("{}h", trim_number(hours))))
        }
        _ => None,
    }
}

/// `2` for 2.0, `1.5` for 1.5.
pub fn trim_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// An estimate written in the estimate grammar (docs/manifest.md), checked;
/// `None` when the text is not one.
pub fn estimate(text: &str) -> Option<Effort> {
    let text = text.trim();
    let parsed = crate::manifest::estimate::parse(text, 8.0).ok()?;
    (parsed.low >= 0.0 && parsed.high <= 10_000.0).then(|| Effort::Text(text.to_owned()))
}

/// An estimate written in prose, and the text without it: `(2-3 hours)`,
/// `[3h]`, `~2d`, `Estimated Time: 2-3 days`, `(est. 4h)`. The first one
/// found wins; a figure without a unit is not an estimate.
pub fn estimate_in(text: &str) -> Option<(Effort, String)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let open = match c {
            b'(' => Some(b')'),
            b'[' => Some(b']'),
            _ => None,
        };
        if let Some(close) = open
            && let Some(len) = text[i + 1..].find(close as char)
        {
            // One of the bracket's comma-separated parts; the others stay.
            let parts: Vec<&str> = text[i + 1..i + 1 + len].split([',', ';']).collect();
            let found = parts.iter().enumerate().find_map(|(k, part)| {
                let part = part
                    .trim()
                    .trim_start_matches(['~', '≈'])
                    .trim_start_matches("est.")
                    .trim_start_matches("estimate:")
                    .trim();
                estimate(part).map(|effort| (k, effort))
            });
            if let Some((k, effort)) = found {
                let others: Vec<&str> = parts
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != k)
                    .map(|(_, p)| p.trim())
                    .collect();
                let kept = if others.is_empty() {
                    String::new()
                } else {
                    format!("({})", others.join(", "))
                };
                let rest = format!("{}{kept}{}", &text[..i], &text[i + 2 + len..]);
                return Some((effort, tidy(&rest)));
            }
        }
        if c == b'~' {
            let after = &text[i + 1..];
            let word_end = after
                .find(|c: char| c.is_whitespace() || matches!(c, ',' | ')' | ';'))
                .unwrap_or(after.len());
            if let Some(effort) = estimate(&after[..word_end]) {
                let rest = format!("{}{}", &text[..i], &after[word_end..]);
                return Some((effort, tidy(&rest)));
            }
        }
        i += 1;
    }
    let lower = text.to_ascii_lowercase();
    for label in ["estimated time:", "estimate:", "estimated:", "effort:"] {
        if let Some(at) = lower.find(label) {
            let after = text[at + label.len()..].trim_start_matches([' ', '*', '_']);
            let end = after.find([',', ';', '(', '|']).unwrap_or(after.len());
            if let Some(effort) = estimate(after[..end].trim_end_matches(['*', '_', ' ', '.'])) {
                return Some((effort, tidy(&text[..at])));
            }
        }
    }
    None
}

/// Spaces collapsed and trailing separators dropped.
fn tidy(text: &str) -> String {
    let joined: Vec<&str> = text.split_whitespace().collect();
    joined
        .join(" ")
        .replace(" ,", ",")
        .replace(" ;", ";")
        .trim_end_matches([' ', '-', '–', '—', ':', ','])
        .to_owned()
}

/// An id for the manifest from any text: lower case, letters and digits
/// kept, every other run of characters one `-`, at most 48 characters;
/// `None` when nothing is left.
pub fn slug(text: &str) -> Option<String> {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if out.chars().count() >= 48 {
                break;
            }
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn dates_in_every_spelling() {
        assert_eq!(date("2024-10-22T06:22:00Z"), day(2024, 10, 22));
        assert_eq!(date("2024-10-22T06:22:00.000+0000"), day(2024, 10, 22));
        assert_eq!(date("20201021T065209Z"), day(2020, 10, 21));
        assert_eq!(date("22/Oct/24 6:22 AM"), day(2024, 10, 22));
        assert_eq!(date("3/jan/2025 11:05"), day(2025, 1, 3));
        assert_eq!(date(""), None);
        assert_eq!(date("tomorrow"), None);
        assert_eq!(date("31/Feb/24 1:00 PM"), None);
    }

    #[test]
    fn efforts() {
        assert_eq!(seconds(28800.0), Some(Effort::Text("8h".into())));
        assert_eq!(seconds(5400.0), Some(Effort::Text("1.5h".into())));
        assert_eq!(seconds(0.0), None);
        assert_eq!(iso_duration("PT2H"), Some(Effort::Text("2h".into())));
        assert_eq!(iso_duration("P2D"), Some(Effort::Text("2d".into())));
        assert_eq!(iso_duration("P1DT4H"), Some(Effort::Text("12h".into())));
        assert_eq!(iso_duration("PT90M"), Some(Effort::Text("1.5h".into())));
        assert_eq!(iso_duration("2d"), None);
    }

    #[test]
    fn estimates_in_prose() {
        let e = estimate_in;
        assert_eq!(
            e("API module integration (estimated 2-3 hours)"),
            None,
            "a word before the figure is not an estimate"
        );
        assert_eq!(
            e("API module integration (2-3 hours)"),
            Some((
                Effort::Text("2-3 hours".into()),
                "API module integration".into()
            ))
        );
        assert_eq!(
            e("Write docs [3h] today"),
            Some((Effort::Text("3h".into()), "Write docs today".into()))
        );
        assert_eq!(
            e("Refactor ~2d, then ship"),
            Some((Effort::Text("2d".into()), "Refactor, then ship".into()))
        );
        assert_eq!(
            e("**Estimated Time:** 2-3 days"),
            Some((Effort::Text("2-3 days".into()), "**".into()))
        );
        assert_eq!(
            e("Integration tests (~70 tests, 2-3 days)"),
            Some((
                Effort::Text("2-3 days".into()),
                "Integration tests (~70 tests)".into()
            ))
        );
        assert_eq!(e("Cache (L1-L4)"), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Database & Persistence ✅").as_deref(),
            Some("database-persistence")
        );
        assert_eq!(slug("  --  "), None);
        assert_eq!(
            slug("Überprüfung der API").as_deref(),
            Some("überprüfung-der-api")
        );
    }
}

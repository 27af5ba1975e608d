//! The estimate grammar (docs/manifest.md, "Estimates"): `"<n><unit>"` or
//! `"<a>-<b><unit>"`, where the unit is `h`, `d`, `w` or `hour(s)`, `day(s)`,
//! `week(s)`, with or without a space. Hours convert with `hours_per_day`; a
//! week is 5 days.

use super::schema::Estimate;

/// Parses an estimate string into days; the error is a sentence quoting the text.
pub fn parse(text: &str, hours_per_day: f64) -> Result<Estimate, String> {
    let bad = |why: &str| format!("bad estimate \"{text}\": {why}");
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| c.is_ascii_alphabetic())
        .ok_or_else(|| bad("add a unit: h, d or w (\"2d\", \"2-3 days\", \"4h\", \"1 week\")"))?;
    let (numbers, unit) = trimmed.split_at(split);
    let scale = match unit.to_ascii_lowercase().as_str() {
        "h" | "hour" | "hours" => 1.0 / hours_per_day,
        "d" | "day" | "days" => 1.0,
        "w" | "week" | "weeks" => 5.0,
        _ => return Err(bad("the unit must be h, d, w, hour(s), day(s) or week(s)")),
    };
    let numbers = numbers.trim_end();
    let (low, high) = match numbers.split_once('-') {
        Some((a, b)) => (number(a.trim()), number(b.trim())),
        None => {
            let n = number(numbers);
            (n, n)
        }
    };
    let (Some(low), Some(high)) = (low, high) else {
        return Err(bad(
            "expected a number or a range before the unit (\"1.5d\", \"2-3h\")",
        ));
    };
    if low > high {
        return Err(bad("a range needs its low end first (a ≤ b)"));
    }
    Ok(Estimate {
        low: low * scale,
        high: high * scale,
    })
}

/// An unsigned decimal number: digits with at most one point.
fn number(text: &str) -> Option<f64> {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let valid = digits > 0 && text.chars().all(|c| c.is_ascii_digit() || c == '.');
    if valid { text.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(text: &str) -> (f64, f64) {
        let e = parse(text, 8.0).unwrap();
        (e.low, e.high)
    }

    #[test]
    fn accepts_every_form_of_the_grammar() {
        assert_eq!(days("1.5d"), (1.5, 1.5));
        assert_eq!(days("2-3 days"), (2.0, 3.0));
        assert_eq!(days("2-3days"), (2.0, 3.0));
        assert_eq!(days("4h"), (0.5, 0.5));
        assert_eq!(days("2-3h"), (0.25, 0.375));
        assert_eq!(days("1 week"), (5.0, 5.0));
        assert_eq!(days("1-2w"), (5.0, 10.0));
        assert_eq!(days("1 day"), (1.0, 1.0));
        assert_eq!(days("6 hours"), (0.75, 0.75));
        assert_eq!(days("0d"), (0.0, 0.0));
        assert_eq!(days("3-3d"), (3.0, 3.0));
    }

    #[test]
    fn hours_follow_hours_per_day() {
        let e = parse("3h", 6.0).unwrap();
        assert_eq!(e.low, 0.5);
    }

    #[test]
    fn rejects_anything_else_quoting_the_string() {
        for bad in [
            "",
            "3",
            "three days",
            "2-d",
            "-2d",
            "3-2d",
            "1e3d",
            "2..3d",
            "2 fortnights",
            "1.2.3d",
            "2-3-4d",
        ] {
            let err = parse(bad, 8.0).unwrap_err();
            assert!(err.contains(&format!("\"{bad}\"")), "{bad}: {err}");
        }
    }
}

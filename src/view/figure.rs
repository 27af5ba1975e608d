//! The one precision rule for every figure a person reads (docs/dashboard.md
//! "Figures and wording"): percents, points and days are rounded — never
//! truncated — to one decimal, without a trailing `.0`; a signed figure
//! carries `+` or `-`; a count carries its noun. Every pane, presentation
//! mode, `check` and the text and markdown reports format through these, so
//! one figure has the same digits wherever it appears. (The JSON report
//! keeps unrounded values: scripts round for themselves.)

use chrono::NaiveDate;

pub use crate::model::format::{decimal, percent, plural, points, working_days};

/// A change in percentage points, signed: `+2.7 points`, `-0.5 points`.
pub fn signed_points(x: f64) -> String {
    let sign = if decimal(x.abs()) == "0" || x >= 0.0 {
        "+"
    } else {
        "-"
    };
    format!("{sign}{}", points(x))
}

/// Days of effort: `7.1 d`, `0 d`.
pub fn days(x: f64) -> String {
    format!("{} d", decimal(x))
}

/// A signed count of working days: `-5 working days`, `+2 working days`.
pub fn signed_working_days(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "+" };
    format!("{sign}{}", working_days(n.unsigned_abs()))
}

/// A date as every surface prints it: `2026-12-29`.
pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A day with its weekday: `Fri 2026-11-20`.
pub fn day(d: NaiveDate) -> String {
    d.format("%a %Y-%m-%d").to_string()
}

/// A clock time: `14:02:11`.
pub fn time(t: chrono::NaiveDateTime) -> String {
    t.format("%H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_every_figure() {
        assert_eq!(decimal(26.84), "26.8");
        assert_eq!(decimal(26.85), "26.9");
        assert_eq!(decimal(7.07), "7.1");
        assert_eq!(decimal(7.0), "7");
        assert_eq!(decimal(-0.04), "0");
        assert_eq!(points(-26.84), "26.8 points");
        assert_eq!(points(1.04), "1 point");
        assert_eq!(signed_points(2.67), "+2.7 points");
        assert_eq!(signed_points(-0.5), "-0.5 points");
        assert_eq!(signed_points(-0.01), "+0 points");
        assert_eq!(days(2.7272), "2.7 d");
        assert_eq!(working_days(1), "1 working day");
        assert_eq!(signed_working_days(-5), "-5 working days");
        assert_eq!(signed_working_days(0), "+0 working days");
        assert_eq!(percent(53.16), "53.2%");
    }
}

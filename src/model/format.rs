//! Number and list formatting shared by gate details and reports.

/// A number for people: at most two decimals, no trailing zeros (`64.5`, `70`).
pub fn num(x: f64) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// One decimal, rounded (never truncated), no trailing `.0` (`26.8`, `7`):
/// the precision of every percent, point and day a person reads
/// (docs/dashboard.md, "Figures and wording").
pub fn decimal(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    let text = format!("{rounded:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// A gap in percentage points, unsigned: `26.8 points`, `1 point`.
pub fn points(x: f64) -> String {
    let text = decimal(x.abs());
    let unit = if text == "1" { "point" } else { "points" };
    format!("{text} {unit}")
}

/// A percent as it reads: rounded to one decimal, except that an unfinished
/// figure never reads 100 (99.96 reads 99.9) and a started one never reads
/// 0 (0.01 reads 0.1).
pub fn percent_value(x: f64) -> f64 {
    ((x * 10.0).round() / 10.0).clamp(
        if x > 0.0 { 0.1 } else { f64::MIN },
        if x < 100.0 { 99.9 } else { f64::MAX },
    )
}

/// A percent with one decimal, no trailing `.0` (`87.5%`, `100%`), as
/// [`percent_value`] rounds it.
pub fn percent(x: f64) -> String {
    format!("{}%", decimal(percent_value(x)))
}

/// How far a claimed percent is from the computed one, in points (positive
/// when the claim is higher), between the two figures as they read
/// ([`percent_value`]), so that the gap shown adds up with them; `None`
/// when the two are within `tolerance` points.
pub fn claim_gap(claimed: f64, computed: f64, tolerance: f64) -> Option<f64> {
    let gap = claimed - computed;
    // Beyond float noise only (docs/evidence.md, "Thresholds and figures").
    super::compare::above(gap.abs(), tolerance)
        .then(|| percent_value(claimed) - percent_value(computed))
}

/// A count and its noun, singular for exactly one (`1 task`, `3 people`).
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A count of working days: `1 working day`, `25 working days`.
pub fn working_days(n: u64) -> String {
    plural(n as usize, "working day", "working days")
}

/// Up to `max` ids, then how many more (`a, b, c +4 more`).
pub fn list_ids<S: AsRef<str>>(ids: &[S], max: usize) -> String {
    let mut text = ids
        .iter()
        .take(max)
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > max {
        text.push_str(&format!(" +{} more", ids.len() - max));
    }
    text
}

/// The throughput cross-check in words, the one phrase the forecast's lines
/// and the warning share (docs/forecast.md):
/// `throughput check: P85 2026-12-21 (21 working days) at the rate of the
/// last 13 working days vs P85 2027-01-27 (47 working days) by the
/// estimates; they differ by 55.3% — check the estimates`. `None` without
/// a cross-check.
pub fn throughput_check(f: &crate::forecast::Forecast) -> Option<String> {
    let (check, history) = (f.cross_check?, f.history.as_ref()?);
    let throughput = match check.p85 {
        Some(p85) => format!(
            "P85 {p85} ({})",
            working_days(check.throughput_days.unwrap_or_default())
        ),
        None => "no date".into(),
    };
    let estimates = match f.p85 {
        Some(p85) => format!("P85 {p85} ({})", working_days(check.estimate_days)),
        None => format!("P85 in {}", working_days(check.estimate_days)),
    };
    let verdict = match check.difference() {
        Some(d) if check.disagrees() => {
            format!(
                "they differ by {} — check the estimates",
                percent(d * 100.0)
            )
        }
        Some(_) => format!(
            "they agree within {}",
            percent(crate::forecast::CROSS_CHECK_TOLERANCE * 100.0)
        ),
        None => "no comparison".into(),
    };
    Some(format!(
        "throughput check: {throughput} at the rate of the last {} vs {estimates} by the estimates; {verdict}",
        working_days(history.samples.len() as u64)
    ))
}

/// Why a plan has no finish (docs/forecast.md, *Far future*), the one
/// phrase the forecast's lines and the warning share: `no finish by
/// 2999-12-31: sam is away from 2026-12-01 to 9999-12-31`. `None` when
/// the plan finishes.
pub fn never(f: &crate::forecast::Forecast) -> Option<String> {
    use crate::forecast::NeverCause;
    let never = f.never?;
    let who = never.person.map(|p| f.roster.members[p].id.as_str());
    let cause = match (never.cause, who) {
        (NeverCause::Away { from, to }, Some(id)) => {
            format!("{id} is away from {from} to {to}")
        }
        (NeverCause::Away { from, to }, None) => format!("away from {from} to {to}"),
        (NeverCause::Focus { focus }, Some(id)) => {
            format!("{id}'s focus of {focus:?} stretches their work past it")
        }
        (NeverCause::Focus { focus }, None) => {
            format!("the team's focus of {focus:?} stretches the work past it")
        }
        (NeverCause::Work { working_days: days }, Some(id)) => {
            format!("{id}'s work alone takes {} working days", decimal(days))
        }
        (NeverCause::Work { working_days: days }, None) => {
            format!("the work left takes {} working days", decimal(days))
        }
        (NeverCause::Record { median_ratio }, _) => format!(
            "estimates have run {}× long, and through that record the median trial ends past it",
            num(median_ratio)
        ),
    };
    Some(format!(
        "no finish by {}: {cause}",
        crate::forecast::calendar::LAST_DATE
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(num(64.5), "64.5");
        assert_eq!(num(70.0), "70");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-0.001), "0");
        assert_eq!(percent(87.5), "87.5%");
        assert_eq!(percent(100.0), "100%");
        assert_eq!(percent(99.96), "99.9%");
        assert_eq!(percent(0.01), "0.1%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(62.345), "62.3%");
        assert_eq!(list_ids(&["a", "b", "c", "d", "e"], 3), "a, b, c +2 more");
        assert_eq!(list_ids(&["a", "b"], 3), "a, b");
        assert_eq!(list_ids(&[String::from("a"), "b".into()], 1), "a +1 more");
        assert_eq!(plural(1, "person", "people"), "1 person");
        assert_eq!(plural(0, "person", "people"), "0 people");
        assert_eq!(plural(2, "task", "tasks"), "2 tasks");
    }
}

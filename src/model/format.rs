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

/// A percent with one decimal, no trailing `.0` (`87.5%`, `100%`).
/// Never rounds an unfinished project up to 100% (or a started one down to 0%).
pub fn percent(x: f64) -> String {
    let rounded = ((x * 10.0).round() / 10.0).clamp(
        if x > 0.0 { 0.1 } else { f64::MIN },
        if x < 100.0 { 99.9 } else { f64::MAX },
    );
    let text = format!("{rounded:.1}");
    format!("{}%", text.strip_suffix(".0").unwrap_or(&text))
}

/// Up to three ids, then how many more (`a, b, c +4 more`).
pub fn list_ids(ids: &[&str]) -> String {
    const SHOWN: usize = 3;
    let mut text = ids
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" +{} more", ids.len() - SHOWN));
    }
    text
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
        assert_eq!(list_ids(&["a", "b", "c", "d", "e"]), "a, b, c +2 more");
    }
}

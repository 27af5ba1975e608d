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

/// A count and its noun, singular for exactly one (`1 task`, `3 people`).
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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

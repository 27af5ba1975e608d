//! Figures against thresholds, so that float noise never flips a verdict
//! and a figure shown never contradicts it (`docs/manifest.md`, "Gate
//! criteria"). A Cobertura `line-rate="0.58"` is 57.99999999999999 percent
//! in binary floating point: against `min = 58` it passes, and it reads
//! `58.0%`. Comparisons allow a relative tolerance of [`EPSILON`], far
//! below any figure a report or a manifest can state; shown figures are
//! rounded, with more decimals only where rounding would land on the other
//! side of the threshold (`69.96% < 70`, never `70.0% < 70`).

/// The relative tolerance of every comparison (of the threshold, or of 1
/// for thresholds under 1).
pub const EPSILON: f64 = 1e-9;

fn tolerance(threshold: f64) -> f64 {
    EPSILON * threshold.abs().max(1.0)
}

/// `value ≥ min`, but for float noise.
pub fn at_least(value: f64, min: f64) -> bool {
    value >= min - tolerance(min)
}

/// `value ≤ max`, but for float noise.
pub fn at_most(value: f64, max: f64) -> bool {
    value <= max + tolerance(max)
}

/// `value > limit`, beyond float noise.
pub fn above(value: f64, limit: f64) -> bool {
    !at_most(value, limit)
}

/// The most decimals a figure is shown with.
const MAX_DECIMALS: usize = 6;

/// `value` rounded to `decimals` (trailing zeros trimmed when `trim`), or
/// to more when that rounding would put it on the other side of one of the
/// `thresholds` than the comparison does: a shown figure never contradicts
/// its verdict.
pub fn shown(value: f64, decimals: usize, trim: bool, thresholds: &[f64]) -> String {
    let mut text = String::new();
    for places in decimals..=MAX_DECIMALS.max(decimals) {
        text = format!("{value:.places$}");
        let rounded: f64 = text.parse().unwrap_or(value);
        let agrees = thresholds.iter().all(|&t| {
            at_least(rounded, t) == at_least(value, t) && at_most(rounded, t) == at_most(value, t)
        });
        if agrees {
            break;
        }
    }
    if trim && text.contains('.') {
        text = text.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    if text == "-0" { "0".into() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_noise_never_flips_a_verdict() {
        let cobertura = 100.0 * 0.58;
        assert!(cobertura < 58.0, "the noise this module exists for");
        assert!(at_least(cobertura, 58.0));
        assert!(at_most(100.0 * 0.29 * 2.0, 58.0));
        assert!(!at_least(57.99, 58.0));
        assert!(!at_most(58.01, 58.0));
        assert!(above(5.000_001, 5.0));
        assert!(!above(88.0 - 83.000_000_000_01, 5.0));
        assert!(at_least(0.0, 0.0));
    }

    #[test]
    fn shown_figures_are_rounded_and_agree_with_the_verdict() {
        assert_eq!(shown(100.0 * 0.58, 1, false, &[58.0]), "58.0");
        assert_eq!(shown(73.04, 1, false, &[70.0]), "73.0");
        assert_eq!(shown(64.25, 1, false, &[70.0]), "64.2");
        assert_eq!(shown(64.26, 1, false, &[70.0]), "64.3", "rounded, not cut");
        assert_eq!(shown(69.96, 1, false, &[70.0]), "69.96");
        assert_eq!(shown(69.9996, 1, false, &[70.0]), "69.9996");
        assert_eq!(shown(99.97, 1, false, &[90.0, 100.0]), "99.97");
        assert_eq!(shown(0.04, 1, false, &[0.0]), "0.04");
        assert_eq!(shown(70.0, 2, true, &[70.0]), "70");
        assert_eq!(shown(70.004, 2, true, &[70.0]), "70.004");
        assert_eq!(shown(64.5, 2, true, &[]), "64.5");
        assert_eq!(shown(-0.001, 2, true, &[]), "0");
    }
}

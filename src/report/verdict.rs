//! The one-line verdict `check` prints, from the view's phrases:
//! `NOT READY · 87.5% · 1 of 3 hard gates passing (2 failing) · finish 2026-11-25`.

use crate::view::View;

/// `NOT READY · 87.5% · 1 of 3 hard gates passing (2 failing) · finish 2026-11-25`
pub fn verdict(v: &View) -> String {
    let h = &v.headline;
    [
        h.verdict.to_owned(),
        h.completion.clone(),
        h.gates.clone(),
        v.forecast.when.clone(),
    ]
    .join(" · ")
}

//! The one-line verdict `check` prints, from the view's phrases: READY /
//! NOT READY, completion, the hard gates, the answer (P50 and P85) and the
//! target's status counted to the P85 — never the plan at face value,
//! which a reader would take for the answer (docs/forecast.md, *The
//! answer*).

use crate::view::View;

/// `NOT READY · 87.5% · 1 of 3 hard gates passing (2 failing) · P50
/// 2026-11-25 · P85 2026-11-27 · target 2026-11-26: at risk, over by 1
/// working day at P85`
pub fn verdict(v: &View) -> String {
    let h = &v.headline;
    let mut parts = vec![
        h.verdict.to_owned(),
        h.completion.clone(),
        h.gates.clone(),
        v.forecast.answer.clone(),
    ];
    parts.extend(v.forecast.target.as_ref().map(|t| t.phrase.clone()));
    parts.join(" · ")
}

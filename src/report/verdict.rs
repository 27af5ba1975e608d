//! The one-line verdict `check` prints:
//! `NOT READY · 87.5% · 2 of 3 hard gates failing · finish 2026-11-25`.

use crate::model::{self, GateStatus, Snapshot};

use super::text::finish_phrase;

/// `NOT READY · 87.5% · 2 of 3 hard gates failing · finish 2026-11-25`
pub fn verdict(s: &Snapshot) -> String {
    let mut parts = vec![
        if s.ready { "READY" } else { "NOT READY" }.to_owned(),
        model::format::percent(s.completion),
    ];
    let hard = s.hard_gate_count();
    let (mut failing, mut unknown) = (0, 0);
    for (_, g) in s.hard_gates_not_passing() {
        match g.status {
            GateStatus::Fail => failing += 1,
            _ => unknown += 1,
        }
    }
    parts.push(match (hard, failing, unknown) {
        (0, _, _) if s.manifest.gates.is_empty() => "no gates: ready at 100%".to_owned(),
        (0, _, _) => "no hard gates".to_owned(),
        (n, 0, 0) => format!("{n} of {n} hard gates passing"),
        (n, 0, u) => format!("{u} of {n} hard gates unknown"),
        (n, f, 0) => format!("{f} of {n} hard gates failing"),
        (n, f, u) => format!("{f} of {n} hard gates failing, {u} unknown"),
    });
    parts.push(finish_phrase(&s.forecast));
    parts.join(" · ")
}

//! The gates as every surface lists them, in one order — the ones that stop
//! the release first: failing, then unknown, then passing; hard before soft;
//! then file order — and the one phrase for how the hard gates stand
//! (`4 of 8 hard gates passing (3 failing, 1 unknown)`), which the header,
//! the gates pane, `check` and the reports all print.

use super::symbols;
use super::text::clean;
use super::{SourceLines, Tone};
use crate::manifest::Severity;
use crate::model::{GateStatus, Snapshot};

/// One gate, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct GateRow {
    /// Index into `manifest.gates`.
    pub index: usize,
    pub id: String,
    pub name: String,
    pub severity: Severity,
    pub status: GateStatus,
    /// `✗`
    pub symbol: &'static str,
    /// `✗ fail`
    pub label: String,
    pub tone: Tone,
    /// Why it has its status, with the evidence's age.
    pub detail: String,
    /// Its command is running now.
    pub running: bool,
    pub line: Option<usize>,
}

impl GateRow {
    pub fn is_hard(&self) -> bool {
        self.severity == Severity::Hard
    }
}

/// The gates and their counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gates {
    /// In [`order`].
    pub rows: Vec<GateRow>,
    pub hard: usize,
    pub hard_passing: usize,
    pub hard_failing: usize,
    pub hard_unknown: usize,
    pub soft: usize,
    pub soft_passing: usize,
    /// `4 of 8 hard gates passing (3 failing, 1 unknown)`, `8 of 8 hard
    /// gates passing`, `no hard gates`, `no gates: ready at 100%`.
    pub hard_phrase: String,
    /// The phrase without what does not pass, where room is short: `4 of 8
    /// hard gates passing`.
    pub hard_short: String,
    /// `3 failing, 1 unknown`; `None` when every hard gate passes.
    pub not_passing: Option<String>,
    /// `1 of 3 soft gates passing`; `None` without soft gates.
    pub soft_phrase: Option<String>,
}

/// Gate indices in the order every list shows them.
pub fn order(s: &Snapshot) -> Vec<usize> {
    let rank = |status: GateStatus| match status {
        GateStatus::Fail => 0,
        GateStatus::Unknown => 1,
        GateStatus::Pass => 2,
    };
    let mut order: Vec<usize> = (0..s.gates.len()).collect();
    order.sort_by_key(|&i| {
        (
            rank(s.gates[i].status),
            s.manifest.gates[i].severity != Severity::Hard,
            i,
        )
    });
    order
}

impl Gates {
    pub fn of(s: &Snapshot, lines: &SourceLines) -> Gates {
        let m = &s.manifest;
        let rows: Vec<GateRow> = order(s)
            .into_iter()
            .map(|i| {
                let g = &m.gates[i];
                let r = &s.gates[i];
                let (symbol, tone) = symbols::gate(r.status);
                GateRow {
                    index: i,
                    id: clean(&g.id),
                    name: clean(&g.name),
                    severity: g.severity,
                    status: r.status,
                    symbol,
                    label: symbols::gate_label(r.status),
                    tone,
                    detail: clean(&r.detail),
                    running: r.running,
                    line: lines.gates.get(i).copied(),
                }
            })
            .collect();
        let count = |hard: bool, status: Option<GateStatus>| {
            rows.iter()
                .filter(|r| r.is_hard() == hard && status.is_none_or(|st| r.status == st))
                .count()
        };
        let hard = count(true, None);
        let hard_passing = count(true, Some(GateStatus::Pass));
        let hard_failing = count(true, Some(GateStatus::Fail));
        let hard_unknown = count(true, Some(GateStatus::Unknown));
        let soft = count(false, None);
        let soft_passing = count(false, Some(GateStatus::Pass));
        let mut parts = Vec::new();
        if hard_failing > 0 {
            parts.push(format!("{hard_failing} failing"));
        }
        if hard_unknown > 0 {
            parts.push(format!("{hard_unknown} unknown"));
        }
        let not_passing = (!parts.is_empty()).then(|| parts.join(", "));
        let hard_phrase = match (&not_passing, hard) {
            (_, 0) if rows.is_empty() => "no gates: ready at 100%".to_owned(),
            (_, 0) => "no hard gates".to_owned(),
            (None, n) => format!("{n} of {n} hard {} passing", noun(n)),
            (Some(why), n) => format!("{hard_passing} of {n} hard {} passing ({why})", noun(n)),
        };
        let hard_short = match hard {
            0 => hard_phrase.clone(),
            n => format!("{hard_passing} of {n} hard {} passing", noun(n)),
        };
        let soft_phrase =
            (soft > 0).then(|| format!("{soft_passing} of {soft} soft {} passing", noun(soft)));
        Gates {
            rows,
            hard,
            hard_passing,
            hard_failing,
            hard_unknown,
            soft,
            soft_passing,
            hard_phrase,
            hard_short,
            not_passing,
            soft_phrase,
        }
    }

    /// The hard gates that do not pass, in order.
    pub fn hard_not_passing(&self) -> impl Iterator<Item = &GateRow> {
        self.rows
            .iter()
            .filter(|r| r.is_hard() && r.status != GateStatus::Pass)
    }

    /// The row of the gate with this id.
    pub fn find(&self, id: &str) -> Option<&GateRow> {
        self.rows.iter().find(|r| r.id == id)
    }
}

fn noun(n: usize) -> &'static str {
    if n == 1 { "gate" } else { "gates" }
}

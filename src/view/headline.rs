//! The facts at the top of every surface: the project, READY / NOT READY,
//! completion with the claimed figure and the gap between them, and how
//! the hard gates stand (from [`super::gates`]).

use super::Tone;
use super::figure::{date, percent, points};
use super::gates::Gates;
use super::tasks::Tasks;
use super::text::clean;
use crate::model::{CLAIM_TOLERANCE_POINTS, Snapshot, format::claim_gap};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Headline {
    pub name: String,
    pub version: Option<String>,
    /// `2026-11-23`
    pub today: String,
    /// `as of 2026-11-23`
    pub as_of: String,
    pub ready: bool,
    /// `READY`, `NOT READY`
    pub verdict: &'static str,
    /// `✓ READY`, `✗ NOT READY`
    pub badge: &'static str,
    /// Percent, unrounded (for bars).
    pub completion_value: f64,
    /// `53.2%`
    pub completion: String,
    /// `claimed 80%`
    pub claimed: Option<String>,
    /// `26.8 points over`, `6.1 points under`: only when the claim is more
    /// than the tolerance away from the computed figure.
    pub claim_gap: Option<String>,
    /// The hard gates (copied from [`Gates::hard_phrase`]).
    pub gates: String,
    /// The same, short (copied from [`Gates::hard_short`]).
    pub gates_short: String,
    /// `18 of 43 tasks done` (copied from [`Tasks::done_phrase`]).
    pub tasks_done: String,
}

impl Headline {
    pub fn of(s: &Snapshot, gates: &Gates, tasks: &Tasks) -> Headline {
        let p = &s.manifest.project;
        let gap = p
            .claimed
            .and_then(|claimed| claim_gap(claimed, s.completion, CLAIM_TOLERANCE_POINTS));
        Headline {
            name: clean(&p.name),
            version: p.version.as_deref().map(clean),
            today: date(s.today),
            as_of: format!("as of {}", date(s.today)),
            ready: s.ready,
            verdict: if s.ready { "READY" } else { "NOT READY" },
            badge: if s.ready {
                "✓ READY"
            } else {
                "✗ NOT READY"
            },
            completion_value: s.completion,
            completion: percent(s.completion),
            claimed: p.claimed.map(|c| format!("claimed {}", percent(c))),
            claim_gap: gap.map(|g| {
                let side = if g > 0.0 { "over" } else { "under" };
                format!("{} {side}", points(g))
            }),
            gates: gates.hard_phrase.clone(),
            gates_short: gates.hard_short.clone(),
            tasks_done: tasks.done_phrase.clone(),
        }
    }

    /// The verdict's tone.
    pub fn tone(&self) -> Tone {
        if self.ready { Tone::Good } else { Tone::Bad }
    }

    /// `Pathfinder 2.4.0`
    pub fn title(&self) -> String {
        match &self.version {
            Some(v) => format!("{} {v}", self.name),
            None => self.name.clone(),
        }
    }
}

//! The portfolio (docs/portfolio.md): several projects rolled up into one
//! view. Pure: the members — each a computed manifest, a JSON report read
//! back ([`report`]) or the reason it could not be had — in, a [`RollUp`]
//! out: a row of figures per project (name made unique by path, ready,
//! computed against claimed completion, gates, P50/P85, target and
//! chance, the move since the last working day) and the portfolio's own
//! figures — its P50/P85 as the latest project in each trial, the chance
//! that every project meets its target, its bottleneck person.
//!
//! The trials pair up: every computed member runs the same number of them,
//! and trial k of the portfolio is trial k of each project. Reports carry
//! no trials; with one among the members the portfolio's P50 and P85 are
//! the latest of the projects' (a lower bound of the per-trial figure) and
//! its chance the least of theirs (an upper bound), and it says so.

pub mod names;
pub mod report;
pub mod shared;

use std::sync::Arc;

use chrono::NaiveDate;

use crate::exit;
use crate::forecast::Method;
use crate::forecast::monte_carlo::percentile;
use crate::model::{CLAIM_TOLERANCE_POINTS, Snapshot, format::claim_gap};
use crate::standup::Standup;
pub use report::Report;

/// One member of the portfolio: where it was found and what it gave.
#[derive(Debug, Clone)]
pub struct Member {
    /// The path as given or found (relative to the folder searched), for
    /// people.
    pub path: String,
    pub state: State,
}

impl Member {
    /// A member that gave no figures, and why.
    pub fn failed(
        path: impl Into<String>,
        kind: FailureKind,
        message: impl Into<String>,
    ) -> Member {
        Member {
            path: path.into(),
            state: State::Failed(Failure {
                kind,
                message: message.into(),
                detail: None,
            }),
        }
    }
}

/// What a member gave.
#[derive(Debug, Clone)]
pub enum State {
    /// A manifest, computed.
    Computed(Box<Computed>),
    /// A JSON report, read back.
    Report(Box<Report>),
    /// Neither: why.
    Failed(Failure),
}

/// A computed manifest and its trials.
#[derive(Debug, Clone)]
pub struct Computed {
    pub snapshot: Arc<Snapshot>,
    /// The file's history (since the last working day), once read.
    pub standup: Option<Arc<Standup>>,
    /// The manifest's text (line numbers in its views).
    pub text: Arc<str>,
    /// Each trial's finish in trial order (`None`: past the calendar);
    /// empty when nothing was drawn — every trial then finishes on the
    /// deterministic finish.
    pub trials: Vec<Option<NaiveDate>>,
}

/// Why a member has no figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub kind: FailureKind,
    /// The first thing wrong, one line: `line 12: unknown key `depend_on``.
    pub message: String,
    /// Every diagnostic, rendered with its source line (invalid manifests).
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// A manifest with errors.
    Invalid,
    /// No such file.
    Missing,
    /// A file that cannot be read (permissions, not UTF-8, not a regular
    /// file, too large).
    Unreadable,
    /// A JSON file that is not a readiness report.
    NotAReport,
}

impl FailureKind {
    /// `invalid`, `missing`, `unreadable`, `not a report`.
    pub fn label(self) -> &'static str {
        match self {
            FailureKind::Invalid => "invalid",
            FailureKind::Missing => "missing",
            FailureKind::Unreadable => "unreadable",
            FailureKind::NotAReport => "not a report",
        }
    }

    /// `invalid`, `missing`, `unreadable`, `not_a_report` (JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::NotAReport => "not_a_report",
            other => other.label(),
        }
    }
}

/// The figures of one project's row, whichever kind of member gave them.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub ready: bool,
    /// Percent, unrounded.
    pub completion: f64,
    pub claimed: Option<f64>,
    /// A claim more than the tolerance above the computed figure: a
    /// "false green".
    pub false_green: bool,
    /// Hard gates passing, and hard gates.
    pub hard_passing: usize,
    pub hard: usize,
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    /// Nothing remains.
    pub done: bool,
    pub target: Option<NaiveDate>,
    /// The share of trials on or before the target (0–1).
    pub chance: Option<f64>,
    /// The P85's move since the last working day, in working days (later
    /// is positive).
    pub moved: Option<i64>,
}

/// How the portfolio's P50, P85 and chance were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Trial by trial: the latest project of each trial.
    Trials,
    /// From the projects' own figures (a member is a report, with no
    /// trials): the latest P50 and P85, the least chance.
    Projects,
}

/// The portfolio's bottleneck: the person whose work ends last, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Bottleneck {
    pub person: String,
    /// The project their last work is in (index into the members).
    pub project: usize,
    pub finish: NaiveDate,
}

/// The roll-up of every member.
#[derive(Debug, Clone)]
pub struct RollUp {
    pub today: NaiveDate,
    pub members: Vec<Member>,
    /// Each member's name, unique: duplicates carry their folder.
    pub names: Vec<String>,
    /// Each member's figures (`None` for a failed member).
    pub figures: Vec<Option<Figures>>,
    /// The mean of the projects' completion (each project counts once).
    pub completion: Option<f64>,
    /// Every member computed or read, and ready.
    pub ready: bool,
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    /// The chance that every project with a target meets it; `None`
    /// without targets.
    pub chance: Option<f64>,
    pub basis: Basis,
    /// Why the portfolio has no P50/P85, when it has none.
    pub undated: Option<String>,
    pub bottleneck: Option<Bottleneck>,
}

impl RollUp {
    /// Rolls the members up as of `today`.
    pub fn of(today: NaiveDate, members: Vec<Member>) -> RollUp {
        let names = names::unique(&members);
        let figures: Vec<Option<Figures>> = members.iter().map(figures).collect();
        let valid: Vec<&Figures> = figures.iter().flatten().collect();
        let completion = (!valid.is_empty())
            .then(|| valid.iter().map(|f| f.completion).sum::<f64>() / valid.len() as f64);
        let ready =
            !members.is_empty() && figures.iter().all(|f| f.as_ref().is_some_and(|f| f.ready));
        let mut roll = RollUp {
            today,
            names,
            completion,
            ready,
            p50: None,
            p85: None,
            chance: None,
            basis: Basis::Trials,
            undated: None,
            bottleneck: bottleneck(&members),
            figures,
            members,
        };
        roll.date();
        roll
    }

    /// The exit status of `check` over the portfolio: the worst of its
    /// members' (2 when one is invalid or unreadable, else 1 when one is
    /// not ready, else 0).
    pub fn status(&self) -> u8 {
        if self.figures.iter().any(Option::is_none) {
            exit::ERROR
        } else if self.ready {
            exit::OK
        } else {
            exit::NOT_READY
        }
    }

    /// The members that failed, in order.
    pub fn failures(&self) -> impl Iterator<Item = (usize, &Failure)> {
        self.members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| match &m.state {
                State::Failed(f) => Some((i, f)),
                _ => None,
            })
    }

    /// The portfolio's P50, P85 and chance (docs/portfolio.md, "The
    /// portfolio's own figures").
    fn date(&mut self) {
        let live: Vec<usize> = (0..self.members.len())
            .filter(|&i| self.figures[i].as_ref().is_some_and(|f| !f.done))
            .collect();
        if self.figures.iter().all(Option::is_none) {
            self.undated = Some("no project could be computed".into());
            return;
        }
        if live.is_empty() {
            // Every project is done: nothing left to date.
            return;
        }
        if let Some(&i) = live
            .iter()
            .find(|&&i| self.figures[i].as_ref().is_some_and(|f| f.p85.is_none()))
        {
            self.undated = Some(format!("{} has no P85", self.names[i]));
            return;
        }
        let trial_counts: Vec<usize> = live
            .iter()
            .filter_map(|&i| match &self.members[i].state {
                State::Computed(c) if !c.trials.is_empty() => Some(c.trials.len()),
                _ => None,
            })
            .collect();
        let reports = live
            .iter()
            .any(|&i| matches!(self.members[i].state, State::Report(_)));
        let paired = trial_counts.windows(2).all(|w| w[0] == w[1]);
        if reports || !paired {
            self.basis = Basis::Projects;
            let figures = || live.iter().filter_map(|&i| self.figures[i].as_ref());
            self.p50 = figures().filter_map(|f| f.p50).max();
            self.p85 = figures().filter_map(|f| f.p85).max();
            self.chance = figures()
                .filter(|f| f.target.is_some())
                .map(|f| f.chance)
                .collect::<Option<Vec<f64>>>()
                .and_then(|c| c.into_iter().reduce(f64::min));
            return;
        }
        let trials = trial_counts.first().copied().unwrap_or(1);
        // Per trial: the latest finish (None past the calendar sorts last)
        // and whether every target was met.
        let mut latest: Vec<Option<NaiveDate>> = vec![Some(NaiveDate::MIN); trials];
        let mut met = vec![true; trials];
        let mut targets = false;
        for &i in &live {
            let (State::Computed(c), Some(f)) = (&self.members[i].state, &self.figures[i]) else {
                continue;
            };
            targets |= f.target.is_some();
            for k in 0..trials {
                let finish = c.trials.get(k).copied().unwrap_or(f.p50);
                latest[k] = match (latest[k], finish) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                if let Some(target) = f.target {
                    met[k] &= finish.is_some_and(|d| d <= target);
                }
            }
        }
        let mut sorted: Vec<(bool, NaiveDate)> = latest
            .iter()
            .map(|d| (d.is_none(), d.unwrap_or(NaiveDate::MAX)))
            .collect();
        sorted.sort_unstable();
        let at = |p: f64| percentile(&sorted, p).and_then(|(never, d)| (!never).then_some(d));
        self.p50 = at(0.50);
        self.p85 = at(0.85);
        if self.p85.is_none() {
            self.undated = Some("some trials finish past the end of the calendar".into());
        }
        self.chance = targets.then(|| met.iter().filter(|&&m| m).count() as f64 / trials as f64);
    }
}

/// A member's row figures; `None` when it failed.
fn figures(member: &Member) -> Option<Figures> {
    match &member.state {
        State::Failed(_) => None,
        State::Computed(c) => Some(computed_figures(c)),
        State::Report(r) => Some(Figures {
            ready: r.ready,
            completion: r.completion,
            claimed: r.claimed,
            false_green: false_green(r.claimed, r.completion),
            hard_passing: r.hard_passing,
            hard: r.hard,
            p50: r.p50,
            p85: r.p85,
            done: r.p85.is_none() && r.completion >= 100.0 - 1e-9,
            target: r.target,
            chance: r.chance,
            moved: r.moved,
        }),
    }
}

fn computed_figures(c: &Computed) -> Figures {
    let s = &c.snapshot;
    let f = &s.forecast;
    let claimed = s.manifest.project.claimed;
    let target = s.manifest.project.target;
    let hard = s.hard_gate_count();
    Figures {
        ready: s.ready,
        completion: s.completion,
        claimed,
        false_green: false_green(claimed, s.completion),
        hard_passing: hard - s.hard_gates_not_passing().count(),
        hard,
        p50: f.p50,
        p85: f.p85,
        done: f.method == Method::Done,
        target,
        chance: target.and(chance(c)),
        moved: c
            .standup
            .as_deref()
            .and_then(|st| st.since.finish_change_days),
    }
}

/// The forecast's chance of meeting the target (docs/forecast.md, *The
/// answer*); done counts as met.
fn chance(c: &Computed) -> Option<f64> {
    let f = &c.snapshot.forecast;
    if f.method == Method::Done {
        return Some(1.0);
    }
    f.chance
}

/// A claim more than the tolerance above the computed completion.
fn false_green(claimed: Option<f64>, completion: f64) -> bool {
    claimed
        .and_then(|c| claim_gap(c, completion, CLAIM_TOLERANCE_POINTS))
        .is_some_and(|gap| gap > 0.0)
}

/// The person whose work ends last over every project (ties: the first
/// id), and the project it ends in.
fn bottleneck(members: &[Member]) -> Option<Bottleneck> {
    let mut best: Option<Bottleneck> = None;
    let mut consider = |person: &str, project: usize, finish: NaiveDate| {
        let better = best.as_ref().is_none_or(|b| {
            finish > b.finish || (finish == b.finish && person < b.person.as_str())
        });
        if better {
            best = Some(Bottleneck {
                person: person.to_owned(),
                project,
                finish,
            });
        }
    };
    for (i, member) in members.iter().enumerate() {
        match &member.state {
            State::Computed(c) => {
                let f = &c.snapshot.forecast;
                for (m, p) in f.roster.members.iter().zip(&f.people) {
                    if let Some(finish) = p.finish {
                        consider(&m.id, i, finish);
                    }
                }
            }
            State::Report(r) => {
                for (id, finish) in &r.people {
                    if let Some(finish) = finish {
                        consider(id, i, *finish);
                    }
                }
            }
            State::Failed(_) => {}
        }
    }
    best
}

#[cfg(test)]
mod tests;

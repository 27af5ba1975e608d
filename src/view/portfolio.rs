//! The portfolio in words (docs/portfolio.md): a row per project — name,
//! READY / NOT READY (or why it has no figures), computed against claimed
//! completion with a claim above the computed figure flagged, hard gates
//! passing, P50/P85, the target with its chance, the move since the last
//! working day — each row's tone set by its chance (under 50%, 50–84%,
//! 85% or more), and the portfolio's own headline: verdict, completion,
//! P50/P85 (the latest project, per trial), the chance that every target is
//! met and the bottleneck person. The dashboard's portfolio view, `check`,
//! `render` and the text and markdown reports lay these out.

use super::Tone;
use super::figure::{date, percent, plural, points};
use super::text::clean;
use crate::model::{CLAIM_TOLERANCE_POINTS, format::claim_gap};
use crate::portfolio::{Basis, Figures, RollUp, State};

/// The text of a cell with nothing in it.
pub const NONE: &str = "—";

/// One project's row.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectRow {
    /// Unique: `API (services/api)` when two projects share a name.
    pub name: String,
    /// Where it was read: `services/api/readiness.toml`, `ci/api.json`.
    pub path: String,
    /// `READY`, `NOT READY`, or why there are no figures: `invalid`,
    /// `missing`, `unreadable`, `not a report`.
    pub status: &'static str,
    /// `62.5%`, or `—`.
    pub completion: String,
    /// `claimed 90%`.
    pub claimed: Option<String>,
    /// `claimed 90%, 27.5 points over`: a claim above the computed figure
    /// by more than the tolerance (a "false green").
    pub false_green: Option<String>,
    /// Hard gates passing: `1/2`; `—` without hard gates.
    pub gates: String,
    pub p50: String,
    pub p85: String,
    /// `2026-12-15`, or `—`.
    pub target: String,
    /// `38%`: the chance of meeting the target; `—` without one.
    pub chance: String,
    /// The P85's move since the last working day: `+2 wd`, `-1 wd`, `0 wd`,
    /// `—` when unknown.
    pub moved: String,
    /// By chance: Good at 85% or more, Warn from 50%, Bad under; Bad for a
    /// member without figures; Plain without a target.
    pub tone: Tone,
    /// Why there are no figures: `line 12: unknown key `depend_on``.
    pub error: Option<String>,
    /// Its people's work in the other projects (docs/portfolio.md, "Shared
    /// people"): `sam also works on Beta: 10 d`.
    pub shared: Vec<String>,
}

/// The portfolio as every surface shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioView {
    /// `Portfolio · 3 projects`
    pub title: String,
    /// `as of 2026-11-23`
    pub as_of: String,
    pub ready: bool,
    /// `READY`, `NOT READY`
    pub verdict: &'static str,
    /// `✓ READY`, `✗ NOT READY`
    pub badge: &'static str,
    /// `1 ready · 1 not ready · 1 invalid`
    pub counts: String,
    /// `62.3% (mean of 2 projects)`
    pub completion: String,
    /// `P50 2026-12-01 · P85 2026-12-08`, or why there is none.
    pub when: String,
    /// `the latest project in each trial`, or `the latest of the projects'
    /// own P50 and P85 (a report has no trials): at least these`.
    pub basis: String,
    /// `41% chance every target is met`.
    pub chance: Option<String>,
    pub chance_tone: Tone,
    /// `bottleneck sam (Beta, 2026-12-04)`.
    pub bottleneck: Option<String>,
    /// `2 claims above the computed completion: Alpha, Gamma`.
    pub false_greens: Option<String>,
    pub rows: Vec<ProjectRow>,
}

impl PortfolioView {
    pub fn of(roll: &RollUp) -> PortfolioView {
        let rows: Vec<ProjectRow> = (0..roll.members.len()).map(|i| row(roll, i)).collect();
        let valid = roll.figures.iter().flatten().count();
        let ready = roll.figures.iter().flatten().filter(|f| f.ready).count();
        let mut counts = vec![
            format!("{ready} ready"),
            format!("{} not ready", valid - ready),
        ];
        let mut failed: Vec<(&'static str, usize)> = Vec::new();
        for (_, f) in roll.failures() {
            match failed.iter_mut().find(|(k, _)| *k == f.kind.label()) {
                Some((_, n)) => *n += 1,
                None => failed.push((f.kind.label(), 1)),
            }
        }
        counts.extend(failed.iter().map(|(k, n)| format!("{n} {k}")));
        let when = match (roll.p50, roll.p85) {
            (Some(p50), Some(p85)) => format!("P50 {} · P85 {}", date(p50), date(p85)),
            _ => match &roll.undated {
                Some(why) => format!("no P50/P85: {}", clean(why)),
                None => "nothing left".to_owned(),
            },
        };
        let basis = match roll.basis {
            Basis::Trials => "the latest project in each trial".to_owned(),
            Basis::Projects => {
                "the latest of the projects' own P50 and P85 (a report carries no trials): the portfolio's are at least these".to_owned()
            }
        };
        let chance = roll.chance.map(|c| {
            let every = if roll.basis == Basis::Projects {
                "at most "
            } else {
                ""
            };
            format!("{every}{} chance every target is met", percent(c * 100.0))
        });
        let flagged: Vec<&str> = rows
            .iter()
            .filter(|r| r.false_green.is_some())
            .map(|r| r.name.as_str())
            .collect();
        let false_greens = (!flagged.is_empty()).then(|| {
            format!(
                "{} above the computed completion: {}",
                plural(flagged.len(), "claim", "claims"),
                flagged.join(", ")
            )
        });
        PortfolioView {
            title: format!(
                "Portfolio · {}",
                plural(roll.members.len(), "project", "projects")
            ),
            as_of: format!("as of {}", date(roll.today)),
            ready: roll.ready,
            verdict: if roll.ready { "READY" } else { "NOT READY" },
            badge: if roll.ready {
                "✓ READY"
            } else {
                "✗ NOT READY"
            },
            counts: counts.join(" · "),
            completion: match roll.completion {
                Some(c) => format!(
                    "{} (mean of {})",
                    percent(c),
                    plural(valid, "project", "projects")
                ),
                None => NONE.to_owned(),
            },
            when,
            basis,
            chance_tone: roll.chance.map_or(Tone::Dim, chance_tone),
            chance,
            bottleneck: roll.bottleneck.as_ref().map(|b| {
                format!(
                    "bottleneck {} ({}, {})",
                    clean(&b.person),
                    roll.names[b.project],
                    date(b.finish)
                )
            }),
            false_greens,
            rows,
        }
    }

    /// The verdict's tone.
    pub fn tone(&self) -> Tone {
        if self.ready { Tone::Good } else { Tone::Bad }
    }

    /// The verdict line of `check` for the portfolio:
    /// `NOT READY · 3 projects · 1 ready · 2 not ready · P50 … · P85 …`.
    pub fn verdict_line(&self) -> String {
        [
            self.verdict.to_owned(),
            self.title.trim_start_matches("Portfolio · ").to_owned(),
            self.counts.clone(),
            self.when.clone(),
        ]
        .join(" · ")
    }
}

impl ProjectRow {
    /// `check`'s verdict for one project: `Alpha: NOT READY · 62.5% · gates
    /// 1/2 · P85 2026-12-08 · 38% chance by 2026-12-15`, or its failure.
    pub fn verdict(&self) -> String {
        if let Some(error) = &self.error {
            return format!("{}: {} · {error}", self.name, self.status);
        }
        let mut parts = vec![self.status.to_owned(), self.completion.clone()];
        if let Some(flag) = &self.false_green {
            parts.push(flag.clone());
        }
        parts.push(format!("gates {}", self.gates));
        parts.push(format!("P50 {} · P85 {}", self.p50, self.p85));
        if self.target != NONE {
            parts.push(format!("{} chance by {}", self.chance, self.target));
        }
        format!("{}: {}", self.name, parts.join(" · "))
    }
}

/// The tone of a chance: under 50% Bad, 50–84% Warn, 85% or more Good.
pub fn chance_tone(chance: f64) -> Tone {
    // As the percent reads: 84.96% reads 85% and is Good.
    let shown = crate::model::format::percent_value(chance * 100.0);
    if shown >= 85.0 {
        Tone::Good
    } else if shown >= 50.0 {
        Tone::Warn
    } else {
        Tone::Bad
    }
}

fn row(roll: &RollUp, i: usize) -> ProjectRow {
    let member = &roll.members[i];
    let name = roll.names[i].clone();
    let path = clean(&member.path);
    let Some(f) = &roll.figures[i] else {
        let (status, error) = match &member.state {
            State::Failed(failure) => (failure.kind.label(), clean(&failure.message)),
            _ => ("invalid", String::new()),
        };
        return ProjectRow {
            name,
            path,
            status,
            completion: NONE.into(),
            claimed: None,
            false_green: None,
            gates: NONE.into(),
            p50: NONE.into(),
            p85: NONE.into(),
            target: NONE.into(),
            chance: NONE.into(),
            moved: NONE.into(),
            tone: Tone::Bad,
            error: Some(error),
            shared: Vec::new(),
        };
    };
    let mut row = figures_row(name, path, f);
    if let State::Computed(c) = &member.state {
        row.shared = super::people::elsewhere(&c.snapshot.forecast);
    }
    row
}

fn figures_row(name: String, path: String, f: &Figures) -> ProjectRow {
    let cell = |d: Option<chrono::NaiveDate>| match d {
        Some(d) => date(d),
        None if f.done => "done".to_owned(),
        None => NONE.to_owned(),
    };
    let false_green = f.claimed.filter(|_| f.false_green).and_then(|c| {
        claim_gap(c, f.completion, CLAIM_TOLERANCE_POINTS)
            .map(|gap| format!("claimed {}, {} over", percent(c), points(gap)))
    });
    ProjectRow {
        name,
        path,
        status: if f.ready { "READY" } else { "NOT READY" },
        completion: percent(f.completion),
        claimed: f.claimed.map(|c| format!("claimed {}", percent(c))),
        false_green,
        gates: if f.hard == 0 {
            NONE.to_owned()
        } else {
            format!("{}/{}", f.hard_passing, f.hard)
        },
        p50: cell(f.p50),
        p85: cell(f.p85),
        target: f.target.map_or_else(|| NONE.to_owned(), date),
        chance: f
            .chance
            .filter(|_| f.target.is_some())
            .map_or_else(|| NONE.to_owned(), |c| percent(c * 100.0)),
        moved: f.moved.map_or_else(
            || NONE.to_owned(),
            |d| {
                let sign = if d > 0 { "+" } else { "" };
                format!("{sign}{d} wd")
            },
        ),
        tone: match (f.target, f.chance) {
            (Some(_), Some(c)) => chance_tone(c),
            _ => Tone::Plain,
        },
        error: None,
        shared: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_coloured_by_chance_as_it_reads() {
        assert_eq!(chance_tone(0.49), Tone::Bad);
        assert_eq!(chance_tone(0.4996), Tone::Warn);
        assert_eq!(chance_tone(0.5), Tone::Warn);
        assert_eq!(chance_tone(0.84), Tone::Warn);
        assert_eq!(chance_tone(0.8496), Tone::Good);
        assert_eq!(chance_tone(1.0), Tone::Good);
    }
}

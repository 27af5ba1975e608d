//! Shared people (docs/portfolio.md, *Shared people*): a `[[person]]` id
//! declared in several manifests of a portfolio is one person. Pure: the
//! members' manifests in, which ids are shared and each one's first
//! declaration ([`Declarations`]) out; a later declaration takes the
//! first's focus and days away ([`Declarations::adopt`], a warning when
//! they differ); each project's forecast then names the person's work in
//! the others ([`elsewhere`]: "sam also works on Beta: 10 d").

use std::collections::BTreeMap;

use crate::forecast::shared::NAMED;
use crate::forecast::{Elsewhere, ElsewhereProject, Taken, TakenTime};
use crate::manifest::{Away, Diagnostic, Manifest};
use crate::view::text::clean;

/// A shared person's first declaration in the portfolio.
#[derive(Debug, Clone, PartialEq)]
struct First {
    /// The member that declares them first.
    member: usize,
    project: String,
    /// Their focus there (the team's when they give none).
    focus: f64,
    away: Vec<Away>,
}

/// The declared people of a portfolio's manifests: which ids are shared
/// and where each is first declared.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Declarations {
    /// The shared ids (declared in two or more manifests).
    first: BTreeMap<String, First>,
}

impl Declarations {
    /// From each member's manifest in portfolio order (`None`: a member
    /// without one — a report, or one that failed).
    pub fn of<'a>(manifests: impl IntoIterator<Item = Option<&'a Manifest>>) -> Declarations {
        let mut first: BTreeMap<String, (First, usize)> = BTreeMap::new();
        for (member, manifest) in manifests.into_iter().enumerate() {
            let Some(manifest) = manifest else { continue };
            let mut ids: Vec<&str> = Vec::new();
            for person in &manifest.people {
                if ids.contains(&person.id.as_str()) {
                    continue;
                }
                ids.push(&person.id);
                first
                    .entry(person.id.clone())
                    .and_modify(|(_, count)| *count += 1)
                    .or_insert_with(|| {
                        let declared = First {
                            member,
                            project: clean(&manifest.project.name),
                            focus: person.focus.unwrap_or(manifest.team.focus),
                            away: person.away.clone(),
                        };
                        (declared, 1)
                    });
            }
        }
        Declarations {
            first: first
                .into_iter()
                .filter(|(_, (_, count))| *count > 1)
                .map(|(id, (f, _))| (id, f))
                .collect(),
        }
    }

    /// No person is shared.
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// Whether a person's id is shared.
    pub fn is_shared(&self, id: &str) -> bool {
        self.first.contains_key(id)
    }

    /// Whether a manifest declares a shared person.
    pub fn involves(&self, manifest: &Manifest) -> bool {
        manifest
            .people
            .iter()
            .any(|p| self.first.contains_key(&p.id))
    }

    /// The time taken of every shared person before the first project:
    /// none.
    pub fn nothing_taken(&self) -> Taken {
        Taken {
            people: self
                .first
                .keys()
                .map(|id| (id.clone(), TakenTime::default()))
                .collect(),
        }
    }

    /// Gives member `member`'s later declarations of shared people the
    /// first declaration's focus and days away; a warning at each that
    /// differed.
    pub fn adopt(&self, manifest: &mut Manifest, member: usize) -> Vec<Diagnostic> {
        let team_focus = manifest.team.focus;
        let mut warnings = Vec::new();
        for person in &mut manifest.people {
            let Some(first) = self.first.get(&person.id) else {
                continue;
            };
            if first.member == member {
                continue;
            }
            let focus = person.focus.unwrap_or(team_focus);
            let mut differs = Vec::new();
            if (focus - first.focus).abs() > 1e-9 {
                differs.push(format!("focus {focus} here, {} there", first.focus));
            }
            if person.away != first.away {
                differs.push("other days away".to_owned());
            }
            if !differs.is_empty() {
                warnings.push(Diagnostic::warning(
                    format!(
                        "{} is also declared in {}, the first project of the portfolio that declares them, with {}: {}'s declaration is used",
                        clean(&person.id),
                        first.project,
                        differs.join(" and "),
                        first.project,
                    ),
                    Some(person.span.clone()),
                ));
            }
            person.focus = Some(first.focus);
            person.away = first.away.clone();
        }
        warnings
    }
}

/// Each shared person's open work in each project: per id, (project
/// index in the chain, open tasks, working days), in portfolio order.
pub type Work = BTreeMap<String, Vec<(usize, usize, f64)>>;

/// What each person of project `this` (its roster ids, in order) does in
/// the other projects of `work`, named by `names`: totals and the
/// [`NAMED`] largest.
pub fn elsewhere(this: usize, roster: &[&str], work: &Work, names: &[String]) -> Vec<Elsewhere> {
    let mut out = Vec::new();
    for (p, id) in roster.iter().enumerate() {
        let Some(all) = work.get(*id) else { continue };
        let others: Vec<&(usize, usize, f64)> = all
            .iter()
            .filter(|(i, tasks, _)| *i != this && *tasks > 0)
            .collect();
        if others.is_empty() {
            continue;
        }
        let mut largest = others.clone();
        largest.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        largest.truncate(NAMED);
        out.push(Elsewhere {
            person: p,
            projects: others.len(),
            working_days: others.iter().map(|o| o.2).sum(),
            tasks: others.iter().map(|o| o.1).sum(),
            before_working_days: others.iter().filter(|o| o.0 < this).map(|o| o.2).sum(),
            largest: largest
                .into_iter()
                .map(|&(i, tasks, working_days)| ElsewhereProject {
                    project: names[i].clone(),
                    working_days,
                    tasks,
                    before: i < this,
                })
                .collect(),
        });
    }
    out
}

//! The projects of a portfolio that share people, computed in portfolio
//! order (docs/portfolio.md, *Shared people*): each project's forecast
//! again with the time the projects before it take of its shared people
//! (in the schedule, and in each trial), then every project's forecast
//! told of its people's work in the others.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::{Read, Settings};
use crate::members::Found;
use crate::model::{self, Snapshot};
use crate::portfolio::shared::{Declarations, Work, elsewhere};
use crate::portfolio::{Computed, Member, State};
use crate::standup::Standup;

/// A project of the chain, computed.
struct Done {
    index: usize,
    snapshot: Snapshot,
    standup: Option<Standup>,
    text: Arc<str>,
    trials: Vec<Option<chrono::NaiveDate>>,
}

/// Computes `chained` (manifests read, in portfolio order; `names` their
/// names, index-aligned) with `trials` trials each, and hands each to
/// `arrived`.
pub(super) fn chain(
    found: &[Found],
    chained: Vec<(usize, Read)>,
    declarations: &Declarations,
    names: &[String],
    trials: u32,
    settings: Settings,
    arrived: &(impl Fn(usize, Member, bool) + Sync),
) {
    let mut taken = declarations.nothing_taken();
    let mut done: Vec<Done> = Vec::with_capacity(chained.len());
    for (index, read) in chained {
        let Read::Manifest {
            mut snapshot,
            pending,
            text,
        } = read
        else {
            continue;
        };
        // The move since the last working day is the project's own: its
        // file then against its file now, both alone.
        let path = &found[index].path;
        let standup = own_standup(path, &snapshot, pending, trials, settings);
        let warnings = declarations.adopt(&mut snapshot.manifest, index);
        snapshot.warnings.extend(warnings);
        let by_trial = match model::share(&mut snapshot, settings.options, &taken) {
            Some(mut pending) => {
                pending.set_trials(trials);
                let (by_trial, after) = pending.complete_shared(&mut snapshot.forecast);
                model::settle(&mut snapshot);
                taken.people.extend(after.people);
                by_trial
            }
            None => Vec::new(),
        };
        let standup = standup.or_else(|| {
            settings.history.then(|| {
                crate::history::standup(path, &snapshot, settings.options, settings.since, false)
            })
        });
        done.push(Done {
            index,
            snapshot: *snapshot,
            standup,
            text,
            trials: by_trial,
        });
    }
    // Each shared person's work in each project, as the others name it.
    let mut work = Work::new();
    for (k, d) in done.iter().enumerate() {
        let f = &d.snapshot.forecast;
        if !f.roster.declared {
            continue;
        }
        for (m, p) in f.roster.members.iter().zip(&f.people) {
            if let Some(list) = work.get_mut(&m.id) {
                list.push((k, p.tasks, p.working_days));
            } else if declarations.is_shared(&m.id) {
                work.insert(m.id.clone(), vec![(k, p.tasks, p.working_days)]);
            }
        }
    }
    done.into_par_iter().enumerate().for_each(|(k, mut d)| {
        let f = &d.snapshot.forecast;
        let roster: Vec<&str> = if f.roster.declared {
            f.roster.members.iter().map(|m| m.id.as_str()).collect()
        } else {
            Vec::new()
        };
        d.snapshot.forecast.elsewhere = elsewhere(k, &roster, &work, names);
        let member = Member {
            path: found[d.index].shown.clone(),
            state: State::Computed(Box::new(Computed {
                snapshot: Arc::new(d.snapshot),
                standup: d.standup.map(Arc::new),
                text: d.text,
                trials: d.trials,
            })),
        };
        arrived(d.index, member, true);
    });
}

/// The project's own move since the last working day, when its file is
/// in a git work tree: its forecast alone (its own trials run), against
/// the file's last version before today's, alone too.
fn own_standup(
    path: &Path,
    snapshot: &Snapshot,
    pending: Option<Box<crate::forecast::Pending>>,
    trials: u32,
    settings: Settings,
) -> Option<Standup> {
    if !settings.history || crate::history::git::File::open(path).is_err() {
        return None;
    }
    let mut own = snapshot.clone();
    if let Some(mut pending) = pending {
        pending.set_trials(trials);
        model::complete(&mut own, *pending);
    }
    Some(crate::history::standup(
        path,
        &own,
        settings.options,
        settings.since,
        false,
    ))
}

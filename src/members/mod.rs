//! The shell that reads a portfolio's members (docs/portfolio.md): finds
//! them ([`discover`]), reads each — a manifest with its evidence and its
//! file's history, or a JSON report — within the bounds of docs/trust.md,
//! runs every manifest's trials with the same count so that they pair up,
//! and hands the [`Member`]s to the pure roll-up ([`crate::portfolio`]).
//! One member that cannot be read or computed is shown as such; the rest
//! still compute.

pub mod discover;
mod shared;

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::collect::Commands;
use crate::forecast::Pending;
use crate::manifest::SourceMap;
use crate::manifest_file::{self, ReadError};
use crate::model::{self, Options, Snapshot};
use crate::portfolio::shared::Declarations;
use crate::portfolio::{Computed, Failure, FailureKind, Member, State, names, report};
use crate::view::text::clean;
pub use discover::{Found, Kind, discover, is_portfolio};

/// How the members are computed.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub today: NaiveDate,
    pub options: Options,
    /// `--allow-commands`.
    pub allow_commands: bool,
    /// `--since`: the day the move is counted from.
    pub since: Option<NaiveDate>,
    /// Read each manifest's git history for its move since the last
    /// working day.
    pub history: bool,
}

/// A member read, its trials still to run.
pub(super) enum Read {
    Done(State),
    Manifest {
        snapshot: Box<Snapshot>,
        pending: Option<Box<Pending>>,
        text: Arc<str>,
    },
}

impl Read {
    fn manifest(&self) -> Option<&crate::manifest::Manifest> {
        match self {
            Read::Manifest { snapshot, .. } => Some(&snapshot.manifest),
            Read::Done(_) => None,
        }
    }
}

/// What [`load_streaming`] leaves for [`reload`]: the trial count every
/// manifest ran, and each member's declared people.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub trials: u32,
    /// Per member: the ids of its `[[person]]` entries.
    pub people: Vec<Vec<String>>,
}

impl Loaded {
    /// Whether member `i` declares a person another member declares.
    fn shares(&self, i: usize) -> bool {
        self.people[i].iter().any(|id| {
            self.people
                .iter()
                .enumerate()
                .any(|(k, theirs)| k != i && theirs.contains(id))
        })
    }
}

fn declared(read: &Read) -> Vec<String> {
    read.manifest()
        .map(|m| m.people.iter().map(|p| p.id.clone()).collect())
        .unwrap_or_default()
}

/// Reads and computes every member, in order.
pub fn load(found: &[Found], settings: Settings) -> Vec<Member> {
    let members: Mutex<Vec<Option<Member>>> = Mutex::new(vec![None; found.len()]);
    load_streaming(found, settings, |i, member, _| {
        members.lock().unwrap_or_else(PoisonError::into_inner)[i] = Some(member);
    });
    let members = members.into_inner().unwrap_or_else(PoisonError::into_inner);
    members.into_iter().flatten().collect()
}

/// [`load`], each member handed to `arrived` as soon as it is known (the
/// dashboard shows rows as they arrive): first as read — a failure, a
/// report, or a manifest's deterministic figures with its trials still to
/// run (`complete` false) — then each manifest again with its trials run
/// (`complete` true); the projects that share people in portfolio order,
/// each after the ones before it (docs/portfolio.md, *Shared people*).
/// Returns what [`reload`] needs.
pub fn load_streaming(
    found: &[Found],
    settings: Settings,
    arrived: impl Fn(usize, Member, bool) + Sync,
) -> Loaded {
    let read: Vec<Read> = found
        .par_iter()
        .enumerate()
        .map(|(i, f)| {
            let read = read(f, settings);
            let (state, complete) = match &read {
                Read::Done(state) => (state.clone(), true),
                Read::Manifest { snapshot, text, .. } => (
                    State::Computed(Box::new(Computed {
                        snapshot: Arc::new((**snapshot).clone()),
                        standup: None,
                        text: Arc::clone(text),
                        trials: Vec::new(),
                    })),
                    false,
                ),
            };
            let member = Member {
                path: f.shown.clone(),
                state,
            };
            arrived(i, member, complete);
            read
        })
        .collect();
    let trials = common_trials(&read, settings.options);
    let loaded = Loaded {
        trials,
        people: read.iter().map(declared).collect(),
    };
    let all: Vec<usize> = (0..found.len()).collect();
    compute(found, &all, read, &loaded, settings, &arrived);
    loaded
}

/// A member's index and what was read of it.
type Indexed = (usize, Read);

/// Computes the members `which` (sorted) from what was read of them
/// (`read[k]` is member `which[k]`'s): the ones that share people in
/// portfolio order, the rest in parallel; each handed to `arrived`.
fn compute(
    found: &[Found],
    which: &[usize],
    read: Vec<Read>,
    loaded: &Loaded,
    settings: Settings,
    arrived: &(impl Fn(usize, Member, bool) + Sync),
) {
    let declarations = Declarations::of(read.iter().map(Read::manifest));
    let (chained, alone): (Vec<Indexed>, Vec<Indexed>) = which
        .iter()
        .copied()
        .zip(read)
        .partition(|(_, r)| r.manifest().is_some_and(|m| declarations.involves(m)));
    if !chained.is_empty() {
        // The names the projects that share people know each other by.
        let base: Vec<String> = chained
            .iter()
            .map(|(_, r)| {
                r.manifest()
                    .map_or_else(String::new, |m| clean(&m.project.name))
            })
            .collect();
        let paths: Vec<&str> = chained
            .iter()
            .map(|(i, _)| found[*i].shown.as_str())
            .collect();
        let names = names::disambiguate(base, &paths);
        shared::chain(
            found,
            chained,
            &declarations,
            &names,
            loaded.trials,
            settings,
            arrived,
        );
    }
    alone.into_par_iter().for_each(|(i, read)| {
        let f = &found[i];
        let state = match read {
            Read::Done(state) => state,
            Read::Manifest {
                snapshot,
                pending,
                text,
            } => State::Computed(Box::new(complete(
                &f.path,
                *snapshot,
                pending,
                text,
                loaded.trials,
                settings,
            ))),
        };
        let member = Member {
            path: f.shown.clone(),
            state,
        };
        arrived(i, member, true);
    });
}

/// Members `which` read and computed again after a save, with the trial
/// count the others ran so that they still pair; when one of them shares
/// people with other members (before the save or after it), those are
/// computed again too, in portfolio order. Each handed to `arrived`.
pub fn reload(
    found: &[Found],
    settings: Settings,
    loaded: &mut Loaded,
    which: &[usize],
    arrived: impl Fn(usize, Member, bool) + Sync,
) {
    let mut which: Vec<usize> = which.iter().copied().filter(|&i| i < found.len()).collect();
    which.sort_unstable();
    which.dedup();
    // Who shared a person before the save: one that no longer does (the
    // saved member dropped them, or no longer loads) is computed again too.
    let before: Vec<bool> = (0..found.len()).map(|i| loaded.shares(i)).collect();
    let shared_before = which.iter().any(|&i| before[i]);
    let mut reads: Vec<Read> = which
        .par_iter()
        .map(|&i| read(&found[i], settings))
        .collect();
    for (&i, r) in which.iter().zip(&reads) {
        loaded.people[i] = declared(r);
    }
    if shared_before || which.iter().any(|&i| loaded.shares(i)) {
        let others: Vec<usize> = (0..found.len())
            .filter(|&i| !which.contains(&i) && (before[i] || loaded.shares(i)))
            .collect();
        let more: Vec<Read> = others
            .par_iter()
            .map(|&i| read(&found[i], settings))
            .collect();
        let mut all: Vec<(usize, Read)> = which.into_iter().zip(reads).collect();
        all.extend(others.into_iter().zip(more));
        all.sort_by_key(|(i, _)| *i);
        let (idx, more_reads): (Vec<usize>, Vec<Read>) = all.into_iter().unzip();
        which = idx;
        reads = more_reads;
    }
    compute(found, &which, reads, loaded, settings, &arrived);
}

/// The trials every manifest runs: the count the options give for all the
/// portfolio's open tasks together (docs/manifest.md, "Trials"), so that a
/// thousand projects cost what one plan of their size would.
fn common_trials(read: &[Read], options: Options) -> u32 {
    let jobs: usize = read
        .iter()
        .map(|r| match r {
            Read::Manifest {
                pending: Some(p), ..
            } => p.jobs(),
            _ => 0,
        })
        .sum();
    options.trials.trials_for(jobs)
}

fn read(found: &Found, settings: Settings) -> Read {
    let path = &found.path;
    let text = match manifest_file::read(path) {
        Ok(text) => text,
        Err(error) => {
            let kind = match error {
                ReadError::Missing(_) => FailureKind::Missing,
                _ => FailureKind::Unreadable,
            };
            return Read::Done(failed(kind, error.to_string(), None));
        }
    };
    if found.kind == Kind::Report {
        return Read::Done(match report::parse(&text) {
            Ok(report) => State::Report(Box::new(report)),
            Err(why) => failed(
                FailureKind::NotAReport,
                format!("{}: {why}", found.shown),
                None,
            ),
        });
    }
    let commands = if settings.allow_commands {
        Commands::RunNow
    } else {
        Commands::Forbidden
    };
    match crate::collect::evaluate_deterministic(
        path,
        &text,
        settings.today,
        settings.options,
        commands,
    ) {
        Ok((snapshot, pending, _)) => Read::Manifest {
            snapshot: Box::new(snapshot),
            pending: pending.map(Box::new),
            text: Arc::from(text),
        },
        Err(mut diagnostics) => {
            let map = SourceMap::new(&text);
            map.locate(&mut diagnostics);
            let first = diagnostics
                .iter()
                .find(|d| d.is_error())
                .map(|d| match d.line {
                    Some(line) => format!("line {line}: {}", d.one_line()),
                    None => d.one_line(),
                })
                .unwrap_or_default();
            let detail =
                crate::cli::render_diagnostics(Path::new(&found.shown), &text, &diagnostics);
            Read::Done(failed(FailureKind::Invalid, first, Some(detail)))
        }
    }
}

fn failed(kind: FailureKind, message: String, detail: Option<String>) -> State {
    State::Failed(Failure {
        kind,
        message,
        detail,
    })
}

/// Runs a manifest's trials (`trials` of them) and reads its history.
pub(super) fn complete(
    path: &Path,
    mut snapshot: Snapshot,
    pending: Option<Box<Pending>>,
    text: Arc<str>,
    trials: u32,
    settings: Settings,
) -> Computed {
    let by_trial = match pending {
        Some(mut pending) => {
            pending.set_trials(trials);
            model::complete_by_trial(&mut snapshot, *pending)
        }
        None => Vec::new(),
    };
    let standup = settings.history.then(|| {
        Arc::new(crate::history::standup(
            path,
            &snapshot,
            settings.options,
            settings.since,
            false,
        ))
    });
    Computed {
        snapshot: Arc::new(snapshot),
        standup,
        text,
        trials: by_trial,
    }
}

//! The shell that collects evidence for the evidence gates (docs/manifest.md,
//! "Gate criteria"): reads the JUnit and coverage files a manifest names (paths
//! and globs relative to its folder), runs its commands when allowed, and says
//! which files and folders to watch. The pure core ([`crate::model`]) turns the
//! [`Evidence`] into gate status.

pub mod command;
pub mod files;
pub mod glob;
pub mod runner;

use std::path::{Path, PathBuf};
use std::thread;
use std::time::SystemTime;

use chrono::NaiveDate;

use crate::evidence::{CommandEvidence, Evidence, coverage, junit};
use crate::forecast::Pending;
use crate::manifest::{Criterion, Diagnostic, Manifest};
use crate::model::{self, Options, Snapshot};
pub use runner::Runner;

/// Whether and how commands run.
#[derive(Clone, Copy)]
pub enum Commands<'a> {
    /// Not allowed (no `--allow-commands`): nothing runs, the gates are unknown.
    Forbidden,
    /// Run now, all at once, and wait for them (`check`, `report`, `render`).
    RunNow,
    /// On the dashboard's background runner.
    Background(&'a Runner),
}

/// Something the collector asks to be watched besides the manifest
/// (absolute paths): an evidence file, or the folder a glob's matches live
/// under. The collector owns it; the watch serves it
/// ([`crate::watch::Watch::watch_also`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchTarget {
    /// One file.
    File(PathBuf),
    /// The files a glob `pattern` (as the manifest writes it, relative to
    /// `base`) matches, all under `folder`; `recursive` when matches may lie
    /// in its subfolders.
    Glob {
        folder: PathBuf,
        base: PathBuf,
        pattern: String,
        recursive: bool,
    },
}

/// The evidence, and what to watch for changes to it.
#[derive(Debug, Clone, Default)]
pub struct Collected {
    pub evidence: Evidence,
    /// Evidence files, and folders of globs; absolute.
    pub watch: Vec<WatchTarget>,
}

/// The folder evidence paths are relative to: the manifest's, absolute.
pub fn base_folder(manifest_path: &Path) -> PathBuf {
    let folder = match manifest_path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    std::path::absolute(&folder).unwrap_or(folder)
}

/// Collects the evidence of every evidence gate of `manifest`, whose file
/// lives in `base`.
pub fn collect(manifest: &Manifest, base: &Path, commands: Commands) -> Collected {
    let project = files::Project::new(base);
    let mut out = Collected::default();
    let mut to_run = Vec::new();
    for gate in &manifest.gates {
        match &gate.criterion {
            Criterion::Junit { pattern, .. } if !out.evidence.junit.contains_key(pattern) => {
                let files = junit_files(&project, pattern, &mut out.watch);
                out.evidence.junit.insert(pattern.clone(), files);
            }
            Criterion::Coverage { path, .. } if !out.evidence.coverage.contains_key(path) => {
                let file = match project.confine(path) {
                    Ok(real) => {
                        out.watch.push(WatchTarget::File(glob::resolve(base, path)));
                        files::read(&project, &real, path.clone(), coverage::parse)
                    }
                    Err(reason) => files::refused(path.clone(), reason),
                };
                out.evidence.coverage.insert(path.clone(), file);
            }
            Criterion::Command { command, timeout } => {
                if out.evidence.commands.contains_key(command) {
                    continue;
                }
                let evidence = match commands {
                    Commands::Forbidden => CommandEvidence::NotAllowed,
                    Commands::Background(runner) => runner.get(command, base, *timeout),
                    Commands::RunNow => {
                        to_run.push((command.clone(), *timeout));
                        CommandEvidence::Running
                    }
                };
                out.evidence.commands.insert(command.clone(), evidence);
            }
            _ => {}
        }
    }
    // All at once: two 60-second commands take a minute, not two.
    let ran: Vec<(String, CommandEvidence)> = thread::scope(|scope| {
        let handles: Vec<_> = to_run
            .iter()
            .map(|(command, timeout)| {
                let handle = scope.spawn(move || command::run(command, base, *timeout));
                (command, handle)
            })
            .collect();
        handles
            .into_iter()
            .map(|(command, handle)| {
                let evidence = handle.join().unwrap_or_else(|_| {
                    CommandEvidence::NotStarted("the thread running it panicked".into())
                });
                (command.clone(), evidence)
            })
            .collect()
    });
    out.evidence.commands.extend(ran);
    out.evidence.now = Some(SystemTime::now());
    out
}

/// The JUnit files a path or glob names, read; none outside the project.
fn junit_files(
    project: &files::Project,
    pattern: &str,
    watch: &mut Vec<WatchTarget>,
) -> Result<Vec<crate::evidence::FileEvidence<junit::JunitSummary>>, String> {
    let base = project.base();
    if !glob::is_glob(pattern) {
        let real = match project.confine(pattern) {
            Ok(real) => real,
            Err(reason) => return Ok(vec![files::refused(pattern.to_owned(), reason)]),
        };
        watch.push(WatchTarget::File(glob::resolve(base, pattern)));
        if !real.exists() {
            return Ok(Vec::new());
        }
        return Ok(vec![files::read(
            project,
            &real,
            pattern.to_owned(),
            junit::parse,
        )]);
    }
    let (folder, recursive) = glob::glob_folder(base, pattern);
    watch.push(WatchTarget::Glob {
        folder,
        base: base.to_owned(),
        pattern: pattern.to_owned(),
        recursive,
    });
    let paths = glob::walk(project, pattern)?;
    Ok(paths
        .iter()
        .map(|path| files::read(project, path, glob::display_name(base, path), junit::parse))
        .collect())
}

/// Reads the manifest text of `path`, collects its evidence and computes the
/// snapshot: what `check`, `report`, `render` and the dashboard show.
pub fn evaluate(
    path: &Path,
    text: &str,
    today: NaiveDate,
    options: Options,
    commands: Commands,
) -> Result<(Snapshot, Vec<WatchTarget>), Vec<Diagnostic>> {
    let (mut snapshot, pending, watch) =
        evaluate_deterministic(path, text, today, options, commands)?;
    if let Some(pending) = pending {
        model::complete(&mut snapshot, pending);
    }
    Ok((snapshot, watch))
}

/// [`evaluate`] with the Monte Carlo trials left to the caller
/// ([`model::evaluate_deterministic`]).
pub fn evaluate_deterministic(
    path: &Path,
    text: &str,
    today: NaiveDate,
    options: Options,
    commands: Commands,
) -> Result<(Snapshot, Option<Pending>, Vec<WatchTarget>), Vec<Diagnostic>> {
    let mut watch = Vec::new();
    let (snapshot, pending) = model::evaluate_deterministic(text, today, options, |manifest| {
        let collected = collect(manifest, &base_folder(path), commands);
        watch = collected.watch;
        collected.evidence
    })?;
    Ok((snapshot, pending, watch))
}

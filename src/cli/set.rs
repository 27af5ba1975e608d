//! `readiness set [FILE] TASK …`: the command line of [`crate::edit`] —
//! arguments, printing what changed, exit status. The file is read and
//! written by [`crate::edit_file`].

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::render_diagnostics;
use crate::edit::{Blocker, EditError, TaskEdit};
use crate::edit_file::{self, SetError};
use crate::exit;
use crate::manifest::diagnostics::strip_controls;
use crate::manifest::{Diagnostic, Status};
use crate::manifest_file::DEFAULT_FILE;

/// `set`'s arguments.
#[derive(Debug, Args)]
#[command(override_usage = "readiness set [OPTIONS] [FILE] TASK")]
pub struct SetArgs {
    /// The manifest [default: ./readiness.toml]; alone, the task's id
    #[arg(value_name = "FILE", required = true)]
    file: String,

    /// The id of the task to edit
    #[arg(value_name = "TASK")]
    task: Option<String>,

    /// The task's status (done also removes its `blocker`, unless --blocker is given)
    #[arg(long, value_enum)]
    status: Option<StatusArg>,

    /// How much of the task is done, in percent (0–100)
    #[arg(long, value_name = "N", value_parser = percent)]
    progress: Option<f64>,

    /// Why the task cannot move (sets `blocker`)
    #[arg(long, value_name = "TEXT", conflicts_with = "no_blocker", value_parser = reason)]
    blocker: Option<String>,

    /// Removes the task's `blocker`
    #[arg(long)]
    no_blocker: bool,

    /// The day it was finished [default with --status done: today, unless
    /// the task has a `done` date]
    #[arg(long, value_name = "YYYY-MM-DD")]
    done: Option<NaiveDate>,

    /// The day work on it began
    #[arg(long, value_name = "YYYY-MM-DD")]
    started: Option<NaiveDate>,

    /// The one person who will do it (a `[[person]]` id when people are declared)
    #[arg(long, value_name = "ID", value_parser = owner)]
    owner: Option<String>,

    /// false leaves a done task out of the team's record (calibration)
    #[arg(long, value_name = "BOOL")]
    calibrate: Option<bool>,
}

/// The statuses of docs/manifest.md, `[[task]]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum StatusArg {
    Todo,
    Doing,
    Done,
    Blocked,
    Dropped,
}

impl From<StatusArg> for Status {
    fn from(status: StatusArg) -> Status {
        match status {
            StatusArg::Todo => Status::Todo,
            StatusArg::Doing => Status::Doing,
            StatusArg::Done => Status::Done,
            StatusArg::Blocked => Status::Blocked,
            StatusArg::Dropped => Status::Dropped,
        }
    }
}

fn percent(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(n) if (0.0..=100.0).contains(&n) => Ok(n),
        Ok(_) => Err("must be from 0 to 100".into()),
        Err(_) => Err("must be a number from 0 to 100".into()),
    }
}

/// A blocker's reason: an empty one would block the task with no reason.
fn reason(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("a blocker needs a reason (--no-blocker removes it)".into())
    } else {
        Ok(text.to_owned())
    }
}

/// An owner: an empty one names nobody.
fn owner(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("give the id of the person who will do the task".into())
    } else {
        Ok(text.to_owned())
    }
}

impl SetArgs {
    /// The manifest (`top`: a file named before the command) and the task id.
    fn file_and_task(&self, top: Option<PathBuf>) -> (PathBuf, &str) {
        match &self.task {
            Some(task) => (PathBuf::from(&self.file), task),
            None => (
                top.unwrap_or_else(|| PathBuf::from(DEFAULT_FILE)),
                &self.file,
            ),
        }
    }

    fn edit(&self) -> TaskEdit {
        TaskEdit {
            status: self.status.map(Status::from),
            progress: self.progress,
            blocker: match (&self.blocker, self.no_blocker) {
                (Some(reason), _) => Some(Blocker::Set(reason.clone())),
                (None, true) => Some(Blocker::Clear),
                (None, false) => None,
            },
            done: self.done,
            started: self.started,
            owner: self.owner.clone(),
            calibrate: self.calibrate,
        }
    }
}

/// Runs `set`; prints each changed line, or why nothing was written.
pub fn run(args: &SetArgs, top: Option<PathBuf>, today: NaiveDate) -> u8 {
    let (path, task) = args.file_and_task(top);
    let edit = args.edit();
    match edit_file::set(&path, task, &edit, today) {
        Ok(outcome) => {
            let file = path.display();
            if !outcome.written {
                crate::sink::stdout_line(&format!(
                    "{file}: `{task}` already has these values; nothing written"
                ));
                return exit::OK;
            }
            crate::sink::stdout_line(&format!("{file}: `{task}`"));
            let mut changes: Vec<_> = outcome.edited.changes.iter().collect();
            changes.sort_by_key(|c| c.line);
            for change in changes {
                let line = change.line;
                let key = change.key;
                // Values as written may hold bidi controls (TOML allows them
                // raw): none reaches the terminal.
                let before = change.before.as_deref().map(strip_controls);
                let after = change.after.as_deref().map(strip_controls);
                match (before, after) {
                    (Some(before), Some(after)) => crate::sink::stdout_line(&format!(
                        "  line {line}: {key} = {after}  (was {before})"
                    )),
                    (None, Some(after)) => crate::sink::stdout_line(&format!(
                        "  line {line}: {key} = {after}  (added)"
                    )),
                    (Some(before), None) => crate::sink::stdout_line(&format!(
                        "  line {line}: {key} removed  (was {before})"
                    )),
                    (None, None) => {}
                }
            }
            let new = new_warnings(&outcome.original.text, &outcome.edited.warnings);
            if !new.is_empty() {
                crate::sink::stderr(
                    &render_diagnostics(&path, &outcome.edited.text, &new).to_string(),
                );
            }
            exit::OK
        }
        Err(SetError::File(error)) => {
            crate::sink::stderr_line(&format!("error: {error}"));
            exit::ERROR
        }
        Err(SetError::Edit(error)) => {
            crate::sink::stderr_line(&format!("error: {}: {error}", path.display()));
            match &error {
                EditError::Syntax(diagnostics) => print_syntax(&path, diagnostics),
                EditError::Invalid {
                    text, diagnostics, ..
                } => print_invalid(&path, text, diagnostics),
                _ => {}
            }
            exit::ERROR
        }
    }
}

/// The diagnostics of a manifest that is not TOML, against the file.
pub(super) fn print_syntax(path: &Path, diagnostics: &[Diagnostic]) {
    if let Ok(text) = crate::manifest_file::read(path) {
        crate::sink::stderr(&render_diagnostics(path, &text, diagnostics).to_string());
    }
}

/// The errors of an edited manifest that does not validate, against the
/// edited text (labelled `FILE (as edited)`).
pub(super) fn print_invalid(path: &Path, text: &str, diagnostics: &[Diagnostic]) {
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    let label = PathBuf::from(format!("{} (as edited)", path.display()));
    crate::sink::stderr(&render_diagnostics(&label, text, &errors).to_string());
}

/// The warnings of the edited manifest that the original did not raise
/// (compared by message: lines may have moved).
pub(super) fn new_warnings(original: &str, warnings: &[Diagnostic]) -> Vec<Diagnostic> {
    let before: Vec<String> = match crate::manifest::load(original) {
        Ok(checked) => checked.warnings.into_iter().map(|d| d.message).collect(),
        Err(diagnostics) => diagnostics.into_iter().map(|d| d.message).collect(),
    };
    warnings
        .iter()
        .filter(|w| !before.contains(&w.message))
        .cloned()
        .collect()
}

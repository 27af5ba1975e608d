//! The edit worker: writes the dashboard's edits (`d`, `x`, `b`, `%`), its
//! new tasks (`a`) and its undos (`u`) to the manifest off the UI thread,
//! one at a time and in order, each through [`crate::edit_file`] like
//! `readiness set` and `readiness add` — read, edit, validate, write
//! atomically, never over a file changed since it was read. What happened
//! comes back as [`Event::Edited`]: what was written for the status line,
//! how many edits `u` can undo, and whether to reload. A written edit needs
//! no reload of its own: the folder watch sees the save like any other, so
//! the dashboard loads it once.
//!
//! Undo keeps, for each edit written, the bytes it replaced and a
//! fingerprint of the file it wrote: `u` puts the old bytes back, byte for
//! byte, only while the file is still exactly what the edit wrote.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash as _, Hasher as _};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;

use crate::app::{EditReport, EditRequest};
use crate::edit::add::NewTask;
use crate::edit::{self, EditError};
use crate::edit_file::{self, AddError, SetError, SetOutcome, WriteError};
use crate::event::{Event, Sender};

/// Edits `u` can undo, newest last; older ones are forgotten.
const UNDO_DEPTH: usize = 100;

/// What the loop asks the worker to do.
pub enum Job {
    Set(EditRequest),
    Add(NewTask),
    Undo,
}

/// The handle the loop sends edits to; the worker ends when it is dropped.
pub struct Edits {
    jobs: mpsc::Sender<Job>,
}

impl Edits {
    /// Starts the worker for the manifest at `path`.
    pub fn spawn(path: PathBuf, today: Arc<Mutex<NaiveDate>>, tx: Sender) -> io::Result<Edits> {
        let (jobs, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("readiness-edits".into())
            .spawn(move || {
                let mut undo = Undo::default();
                for job in rx {
                    let today = *today.lock().unwrap_or_else(PoisonError::into_inner);
                    let (mut report, reload) = match job {
                        Job::Set(request) => {
                            let result = edit_file::set_then(
                                &path,
                                &request.task,
                                &request.edit,
                                today,
                                |original| super::hooks::edit_race(&original.target),
                            );
                            if let Ok(outcome) = &result
                                && outcome.written
                            {
                                undo.push(
                                    &request.task,
                                    &outcome.original.text,
                                    &outcome.edited.text,
                                );
                            }
                            remark(&request.task, result)
                        }
                        Job::Add(task) => {
                            let result = edit_file::add_then(
                                &path,
                                |text| edit::add::task(text, &task, today),
                                |original| super::hooks::edit_race(&original.target),
                            );
                            if let Ok(outcome) = &result {
                                undo.push(&task.id, &outcome.original.text, &outcome.added.text);
                            }
                            added(&task, result)
                        }
                        Job::Undo => undo.undo(&path),
                    };
                    report.undoable = undo.len();
                    if tx.send(Event::Edited { report, reload }).is_err() {
                        return;
                    }
                }
            })?;
        Ok(Edits { jobs })
    }

    /// Queues an edit, a new task or an undo; the frame redraws at once
    /// (a prompt closed), the outcome comes back as [`Event::Edited`].
    pub fn queue(&self, job: Job) -> super::Step {
        let _ = self.jobs.send(job);
        super::Step::Redraw
    }
}

/// One edit written, as undo keeps it: the bytes it replaced, between a
/// prefix and a suffix the two versions share, and a fingerprint of the
/// whole file it wrote.
struct Written {
    /// What the edit acted on (a task's id).
    what: String,
    prefix: usize,
    suffix: usize,
    before: String,
    after: String,
    len: usize,
    hash: u64,
}

fn fingerprint(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// The edits written, newest last.
#[derive(Default)]
struct Undo(Vec<Written>);

impl Undo {
    fn len(&self) -> usize {
        self.0.len()
    }

    /// Keeps what `before` → `after` replaced.
    fn push(&mut self, what: &str, before: &str, after: &str) {
        let prefix = common_prefix(before, after);
        let suffix = common_suffix(&before[prefix..], &after[prefix..]);
        self.0.push(Written {
            what: what.to_owned(),
            prefix,
            suffix,
            before: before[prefix..before.len() - suffix].to_owned(),
            after: after[prefix..after.len() - suffix].to_owned(),
            len: after.len(),
            hash: fingerprint(after),
        });
        if self.0.len() > UNDO_DEPTH {
            self.0.remove(0);
        }
    }

    /// Puts the last edit's bytes back when the file is what it wrote;
    /// else forgets every edit (none of them can be undone any more).
    fn undo(&mut self, path: &Path) -> (EditReport, bool) {
        let Some(last) = self.0.pop() else {
            return (refused("✗ nothing to undo".into()), false);
        };
        let original = match edit_file::read(path) {
            Ok(original) => original,
            Err(e) => return (refused(format!("✗ {} not undone: {e}", last.what)), false),
        };
        let text = &original.text;
        let unchanged = text.len() == last.len
            && text.get(last.prefix..text.len() - last.suffix) == Some(last.after.as_str())
            && fingerprint(text) == last.hash;
        if !unchanged {
            self.0.clear();
            let note = format!(
                "✗ {} not undone: the file changed since the edit (saved by another editor?)",
                last.what
            );
            return (refused(note), false);
        }
        let restored = format!(
            "{}{}{}",
            &text[..last.prefix],
            last.before,
            &text[text.len() - last.suffix..]
        );
        match edit_file::write(&original, &restored) {
            Ok(()) => (
                EditReport {
                    note: format!("{}: edit undone", last.what),
                    ..EditReport::default()
                },
                false,
            ),
            Err(e) => {
                self.0.clear();
                let reload = matches!(e, WriteError::Changed(_));
                (refused(format!("✗ {} not undone: {e}", last.what)), reload)
            }
        }
    }
}

/// Bytes two texts start with, at a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(n) || !b.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// Bytes two texts end with, at a character boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - n) || !b.is_char_boundary(b.len() - n) {
        n -= 1;
    }
    n
}

fn refused(note: String) -> EditReport {
    EditReport {
        note,
        refused: true,
        undoable: 0,
    }
}

/// A value as the status line says it: a string without its quotes, a
/// date or number as written.
fn said(toml: &str) -> String {
    match format!("v = {toml}").parse::<toml::Table>() {
        Ok(table) => match table.get("v") {
            Some(toml::Value::String(s)) => crate::view::text::clean(s),
            _ => crate::view::text::clean(toml),
        },
        Err(_) => crate::view::text::clean(toml),
    }
}

/// The status line's remark on an edit (`api-matrix: status done, done
/// 2026-11-23`), and whether the dashboard must reload (what it shows is
/// not what the file holds).
pub fn remark(task: &str, result: Result<SetOutcome, SetError>) -> (EditReport, bool) {
    let (note, refused, reload) = match result {
        Ok(outcome) if !outcome.written => {
            (format!("{task}: already so; nothing written"), false, false)
        }
        Ok(outcome) => {
            let changes: Vec<String> = outcome
                .edited
                .changes
                .iter()
                .map(|c| match &c.after {
                    Some(after) => format!("{} {}", c.key, said(after)),
                    None => format!("{} removed", c.key),
                })
                .collect();
            (format!("{task}: {}", changes.join(", ")), false, false)
        }
        Err(SetError::File(WriteError::Changed(_) | WriteError::ChangedWhileReading(_))) => (
            format!(
                "✗ {task} not written: the file changed meanwhile (another editor?); reloaded, try again"
            ),
            true,
            true,
        ),
        Err(SetError::Edit(EditError::Invalid {
            diagnostics,
            already,
            ..
        })) => {
            let first = diagnostics
                .iter()
                .find(|d| d.is_error())
                .map_or_else(String::new, |d| d.one_line());
            let why = if already {
                "the file has errors"
            } else {
                "it would make the file invalid"
            };
            (format!("✗ {task} not written: {why}: {first}"), true, false)
        }
        Err(SetError::Edit(EditError::UnknownTask { .. })) => (
            format!("✗ {task} not written: the file has no such task now; reloaded"),
            true,
            true,
        ),
        Err(error) => (format!("✗ {task} not written: {error}"), true, false),
    };
    (
        EditReport {
            note,
            refused,
            undoable: 0,
        },
        reload,
    )
}

/// The status line's remark on a new task (`added t9 to api, line 120`).
fn added(task: &NewTask, result: Result<edit_file::AddOutcome, AddError>) -> (EditReport, bool) {
    match result {
        Ok(outcome) => (
            EditReport {
                note: format!(
                    "{}: added to {}, line {}",
                    task.id, task.component, outcome.added.line
                ),
                ..EditReport::default()
            },
            false,
        ),
        Err(AddError::File(e @ (WriteError::Changed(_) | WriteError::ChangedWhileReading(_)))) => {
            (refused(format!("✗ {} not added: {e}", task.id)), true)
        }
        Err(e) => (refused(format!("✗ {} not added: {e}", task.id)), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::TaskEdit;
    use crate::manifest::Status;

    const TEXT: &str = "[project]\nname = \"x\"\n[[component]]\nid = \"c\"\n[[task]]\nid = \"a\"\ntitle = \"A\"\ncomponent = \"c\"\nblocker = \"keys\"\n";

    fn done() -> TaskEdit {
        TaskEdit {
            status: Some(Status::Done),
            ..TaskEdit::default()
        }
    }

    #[test]
    fn a_written_edit_asks_for_no_reload_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("readiness.toml");
        std::fs::write(&path, TEXT).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let (report, reload) = remark("a", edit_file::set(&path, "a", &done(), today));
        assert_eq!(
            report.note,
            "a: status done, blocker removed, done 2026-11-23"
        );
        // The watch sees the save and reloads it once, like any other.
        assert!(!reload);
        assert!(!report.refused);
        let (report, reload) = remark("a", edit_file::set(&path, "a", &done(), today));
        assert_eq!(report.note, "a: already so; nothing written");
        assert!(!reload);
    }

    #[test]
    fn a_refusal_for_a_concurrent_save_reloads() {
        let changed = SetError::File(WriteError::Changed(PathBuf::from("readiness.toml")));
        let (report, reload) = remark("a", Err(changed));
        assert!(
            report.note.contains("the file changed meanwhile"),
            "{report:?}"
        );
        assert!(report.refused);
        assert!(reload);
    }

    #[test]
    fn undo_puts_the_bytes_back_while_the_file_is_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("readiness.toml");
        let text = format!("# ünïcödé\r\n{TEXT}");
        std::fs::write(&path, &text).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut undo = Undo::default();
        let mut after = text.clone();
        for status in [Status::Doing, Status::Done] {
            let edit = TaskEdit {
                status: Some(status),
                ..TaskEdit::default()
            };
            let outcome = edit_file::set(&path, "a", &edit, today).unwrap();
            undo.push("a", &outcome.original.text, &outcome.edited.text);
            after = outcome.edited.text;
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
        assert_eq!(undo.len(), 2);
        // Twice: back to the file before the first edit, byte for byte.
        assert_eq!(undo.undo(&path).0.note, "a: edit undone");
        assert_eq!(undo.undo(&path).0.note, "a: edit undone");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        assert!(undo.undo(&path).0.refused);
        // An edit, then a save by someone else: nothing undone, nothing
        // written, nothing left to undo.
        let outcome = edit_file::set(&path, "a", &done(), today).unwrap();
        undo.push("a", &outcome.original.text, &outcome.edited.text);
        let theirs = outcome
            .edited
            .text
            .replace("title = \"A\"", "title = \"B\"");
        std::fs::write(&path, &theirs).unwrap();
        let (report, _) = undo.undo(&path);
        assert!(
            report.note.contains("the file changed since the edit"),
            "{report:?}"
        );
        assert!(report.refused);
        assert_eq!(undo.len(), 0);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    }
}

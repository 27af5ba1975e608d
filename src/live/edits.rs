//! The edit worker: writes the dashboard's edits (`d`, `x`, `b`, `%`) to
//! the manifest off the UI thread, one at a time and in order, each through
//! [`crate::edit_file`] like `readiness set` — read, edit, validate, write
//! atomically, never over a file changed since it was read. What happened
//! comes back as [`Event::Edited`]: a remark for the status line, and
//! whether to reload. A written edit needs no reload of its own: the folder
//! watch sees the save like any other, so the dashboard loads it once.

use std::io;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;

use crate::app::EditRequest;
use crate::edit::EditError;
use crate::edit_file::{self, SetError, SetOutcome, WriteError};
use crate::event::{Event, Sender};

/// The handle the loop sends edits to; the worker ends when it is dropped.
pub struct Edits {
    jobs: mpsc::Sender<EditRequest>,
}

impl Edits {
    /// Starts the worker for the manifest at `path`.
    pub fn spawn(path: PathBuf, today: Arc<Mutex<NaiveDate>>, tx: Sender) -> io::Result<Edits> {
        let (jobs, rx) = mpsc::channel::<EditRequest>();
        std::thread::Builder::new()
            .name("readiness-edits".into())
            .spawn(move || {
                for request in rx {
                    let today = *today.lock().unwrap_or_else(PoisonError::into_inner);
                    let result = edit_file::set_then(
                        &path,
                        &request.task,
                        &request.edit,
                        today,
                        |original| super::hooks::edit_race(&original.target),
                    );
                    let (note, reload) = remark(&request.task, result);
                    if tx.send(Event::Edited { note, reload }).is_err() {
                        return;
                    }
                }
            })?;
        Ok(Edits { jobs })
    }

    /// Queues an edit.
    pub fn send(&self, request: EditRequest) {
        let _ = self.jobs.send(request);
    }
}

/// The status line's remark on an edit, and whether the dashboard must
/// reload (what it shows is not what the file holds).
pub fn remark(task: &str, result: Result<SetOutcome, SetError>) -> (String, bool) {
    match result {
        Ok(outcome) if !outcome.written => (format!("{task}: already so; nothing written"), false),
        Ok(outcome) => {
            let changes: Vec<String> = outcome
                .edited
                .changes
                .iter()
                .map(|c| match &c.after {
                    Some(after) => format!("{} = {after}", c.key),
                    None => format!("{} removed", c.key),
                })
                .collect();
            (format!("✓ {task}: {}", changes.join(", ")), false)
        }
        Err(SetError::File(WriteError::Changed(_) | WriteError::ChangedWhileReading(_))) => (
            format!(
                "✗ {task} not written: the file changed meanwhile (another editor?); reloaded, try again"
            ),
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
            (format!("✗ {task} not written: {why}: {first}"), false)
        }
        Err(SetError::Edit(EditError::UnknownTask { .. })) => (
            format!("✗ {task} not written: the file has no such task now; reloaded"),
            true,
        ),
        Err(error) => (format!("✗ {task} not written: {error}"), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::TaskEdit;
    use crate::manifest::Status;

    const TEXT: &str = "[project]\nname = \"x\"\n[[component]]\nid = \"c\"\n[[task]]\nid = \"a\"\ntitle = \"A\"\ncomponent = \"c\"\n";

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
        let (note, reload) = remark("a", edit_file::set(&path, "a", &done(), today));
        assert_eq!(note, "✓ a: status = \"done\", done = 2026-11-23");
        // The watch sees the save and reloads it once, like any other.
        assert!(!reload);
        let (note, reload) = remark("a", edit_file::set(&path, "a", &done(), today));
        assert_eq!(note, "a: already so; nothing written");
        assert!(!reload);
    }

    #[test]
    fn a_refusal_for_a_concurrent_save_reloads() {
        let changed = SetError::File(WriteError::Changed(PathBuf::from("readiness.toml")));
        let (note, reload) = remark("a", Err(changed));
        assert!(note.contains("the file changed meanwhile"), "{note}");
        assert!(reload);
    }
}

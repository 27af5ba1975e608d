//! The history worker: a second coalescing [`Reloader`] that reads the
//! manifest's git history (standup mode's since and the burn-up's scope) off
//! the UI thread, on start and whenever the manifest is reloaded (a save, a
//! `git checkout`, `r`, midnight). Its [`history::Reader`] keeps what it read
//! while `HEAD` stays put, so a save costs a `git rev-parse` and one
//! evaluation, not a walk of the history. The dashboard's figures never wait
//! for it: the snapshot comes from the reload worker, and this result
//! follows with [`Event::Standup`].

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;

use super::reloader::Reloader;
use crate::event::{Event, Sender};
use crate::history;
use crate::manifest_file;
use crate::standup::Standup;
use crate::terminal;

/// Starts the worker; each request reads the history once more.
pub fn spawn(
    path: &Path,
    today: Arc<Mutex<NaiveDate>>,
    since_day: Option<NaiveDate>,
    tx: Sender,
) -> io::Result<Reloader> {
    let path: PathBuf = path.to_owned();
    let mut reader = history::Reader::new();
    Reloader::spawn(
        move || {
            let today = *today.lock().unwrap_or_else(PoisonError::into_inner);
            // A panic here must not take the dashboard down: no standup then.
            terminal::catch_quietly(|| read(&path, today, since_day, &mut reader))
                .ok()
                .flatten()
        },
        move |standup, _covers| {
            if let Some(standup) = standup {
                let _ = tx.send(Event::Standup(Arc::new(standup)));
            }
        },
    )
}

/// The standup of the file as it is now; `None` while it is missing or
/// invalid (the dashboard shows the last good one).
fn read(
    path: &Path,
    today: NaiveDate,
    since_day: Option<NaiveDate>,
    reader: &mut history::Reader,
) -> Option<Standup> {
    let text = manifest_file::read(path).ok()?;
    reader.standup(path, &text, today, since_day, true)
}

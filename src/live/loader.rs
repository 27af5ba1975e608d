//! One load of the manifest for the dashboard: read the file and evaluate it
//! (this runs on the reload worker, never on the UI thread) and say what
//! happened as a [`LoadOutcome`]. An empty file is usually an editor midway
//! through a truncate-and-write save, so it is read once more after
//! [`EMPTY_RECHECK`] before it is reported.

use std::path::Path;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use chrono::{Local, NaiveDate};

use crate::app::LoadOutcome;
use crate::manifest_file::{self, ReadError};
use crate::model::Options;

/// How long an empty file is given to fill before it counts.
pub const EMPTY_RECHECK: Duration = Duration::from_millis(100);

/// Reads and evaluates the manifest as of `today`, with `options` (`--trials`).
pub fn load(path: &Path, today: NaiveDate, options: Options) -> LoadOutcome {
    let read = read_settled(path);
    let at = Local::now().naive_local();
    match read {
        Ok(text) => match crate::evaluate_with(&text, today, options) {
            Ok(snapshot) => LoadOutcome::Loaded {
                snapshot: Arc::new(snapshot),
                at,
            },
            Err(diagnostics) => LoadOutcome::Invalid { diagnostics, at },
        },
        Err(ReadError::Missing(_)) => LoadOutcome::Missing { at },
        Err(error) => LoadOutcome::Unreadable {
            message: error.to_string(),
            at,
        },
    }
}

/// The file's text, giving an empty file one bounded chance to fill.
fn read_settled(path: &Path) -> Result<String, ReadError> {
    let text = manifest_file::read(path)?;
    if !text.is_empty() {
        return Ok(text);
    }
    thread::sleep(EMPTY_RECHECK);
    manifest_file::read(path)
}

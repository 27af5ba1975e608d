//! The history worker: a second coalescing [`Reloader`] that reads the
//! manifest's git history (since and the burn-up's scope) off the UI thread,
//! and builds the view with it there too. It never reads or evaluates the
//! manifest itself: the event loop hands it the view the reload worker built
//! (the one on screen) through a [`Latest`] slot and asks for a run when that
//! view's manifest or date changed. Each run sends since and the burn-up
//! first, then the trend of the last 30 working days (docs/trend.md), whose
//! points of past days are kept by version and day. Its [`history::Reader`] keeps the commits
//! and the evaluated baseline while `HEAD` stays put, so a save costs a
//! read of `HEAD` and the comparison, not a walk of the history nor another
//! evaluation. The dashboard's figures never wait for it: this result
//! follows with [`Event::Standup`], and the reload worker builds the next
//! views with it ([`Shared`]).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;

use super::reloader::Reloader;
use crate::event::{Event, Sender};
use crate::history;
use crate::model::{self, Snapshot};
use crate::standup::Standup;
use crate::terminal;
use crate::trend::{Trend, window};
use crate::view::View;

/// The newest view loaded, for the worker's next run.
pub type Latest = Arc<Mutex<Option<Arc<View>>>>;
/// The newest history read, for the reload worker's next view.
pub type Shared = Arc<Mutex<Option<Arc<Standup>>>>;

/// Starts the worker; each request compares the snapshot of the view in
/// `latest` then (evaluated with `options`) with the file's history.
pub fn spawn(
    path: &Path,
    latest: Latest,
    shared: Shared,
    options: model::Options,
    since_day: Option<NaiveDate>,
    tx: Sender,
) -> io::Result<Reloader> {
    let path: PathBuf = path.to_owned();
    let mut reader = history::Reader::new();
    let early = tx.clone();
    // The trend last read: shown until the next one is (its past points
    // hold; today's is the snapshot's, see `View`).
    let mut last_trend: Option<Arc<Trend>> = None;
    Reloader::spawn(
        move || {
            let view = latest
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()?;
            // A panic here must not take the dashboard down: no standup then.
            terminal::catch_quietly(|| {
                let mut standup =
                    reader.standup_of(&path, &view.snapshot, options, since_day, true);
                standup.trend = last_trend.clone();
                // Since and the burn-up first: the trend costs a forecast a
                // day not read before.
                let (first, built) = publish(&shared, &view, standup.clone());
                let _ = early.send(Event::Standup {
                    standup: first,
                    view: Some(built),
                });
                let s = &view.snapshot;
                let days = window(&s.manifest.calendar, s.today, None).unwrap_or_default();
                let trend = Arc::new(reader.trend(&path, s, &days, options));
                last_trend = Some(Arc::clone(&trend));
                standup.trend = Some(trend);
                publish(&shared, &view, standup)
            })
            .ok()
        },
        move |result, _covers| {
            if let Some((standup, view)) = result {
                let _ = tx.send(Event::Standup {
                    standup,
                    view: Some(view),
                });
            }
        },
    )
}

/// Makes `standup` the newest history read, and the view with it.
fn publish(shared: &Shared, view: &View, standup: Standup) -> (Arc<Standup>, Arc<View>) {
    let standup = Arc::new(standup);
    *shared.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&standup));
    let built = Arc::new(view.with_standup(Some(Arc::clone(&standup))));
    (standup, built)
}

/// Whether `new` needs the history compared again after `old`: its manifest
/// or its date differ. Evidence files and finished commands change the
/// gates' evidence alone, which the comparison leaves out.
pub fn changed(old: Option<&Snapshot>, new: &Snapshot) -> bool {
    old.is_none_or(|old| old.today != new.today || old.manifest != new.manifest)
}

//! The folder watch: a notify watcher on the folders [`super::paths`]
//! wants, re-pointed ("synced") before each notice — a folder replaced, a
//! link re-pointed or swapped, an evidence folder created — and on `r`; and
//! the filter that drops events on other files, and our own reads.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::debounce::debounce;
use super::paths::{Extra, FileId, file_id, folders, links};
use super::poll::spawn_poller;
use super::{Notify, lock};

/// The watcher and the folders it watches.
pub struct Notifier {
    pub watcher: RecommendedWatcher,
    /// Wakes the debounce thread (a folder newly watched may have missed a write).
    pub raw_tx: mpsc::Sender<()>,
    /// The manifest's path as given (made absolute; a symlink is not resolved).
    manifest: PathBuf,
    /// Folder → (recursive, its identity when the watch was set).
    folders: HashMap<PathBuf, (bool, FileId)>,
}

impl Notifier {
    /// Points the watches at the folders wanted now: the manifest's folder,
    /// the folder of its resolved target when it is a symlink and the
    /// folders holding the links on the way (re-resolved each time), the evidence targets' folders — each through its nearest
    /// existing ancestor while it does not exist — and re-arms a watch whose
    /// folder was replaced (moved or deleted, and created again). Says
    /// whether a watch was added, or why the manifest's folder cannot be
    /// watched.
    pub fn sync(&mut self, extra: &Mutex<Extra>) -> Result<bool, String> {
        let canonical = fs::canonicalize(&self.manifest)
            .ok()
            .filter(|c| *c != self.manifest);
        let links = links(&self.manifest);
        let targets = {
            let mut extra = lock(extra);
            extra.manifest_paths = std::iter::once(self.manifest.clone())
                .chain(canonical.clone())
                .chain(links.iter().cloned())
                .collect();
            extra.targets.clone()
        };
        let (wanted, own) = folders(&self.manifest, canonical.as_deref(), &links, &targets);
        let ids: HashMap<&PathBuf, FileId> = wanted.keys().map(|f| (f, file_id(f))).collect();
        let mut stale = Vec::new();
        for (folder, watched) in &self.folders {
            let now = wanted
                .get(folder)
                .map(|&recursive| (recursive, ids[folder]));
            if now != Some(*watched) {
                stale.push(folder.clone());
            }
        }
        for folder in stale {
            // Already gone when notify saw the folder deleted.
            let _ = self.watcher.unwatch(&folder);
            self.folders.remove(&folder);
        }
        let mut added = false;
        for (folder, &recursive) in &wanted {
            if self.folders.contains_key(folder) {
                continue;
            }
            let mode = if recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            match self.watcher.watch(folder, mode) {
                Ok(()) => {
                    self.folders
                        .insert(folder.clone(), (recursive, ids[folder]));
                    added = true;
                }
                Err(e) if own.contains(folder) => {
                    return Err(format!("cannot watch {}: {e}", folder.display()));
                }
                // An evidence folder that cannot be watched is left to the
                // next reload.
                Err(_) => {}
            }
        }
        Ok(added)
    }
}

/// Sets up the folder watch and its debounce thread, or says why it cannot.
pub fn notify_watcher(
    path: &Path,
    stop: &Arc<AtomicBool>,
    notify: &Notify,
    extra: &Arc<Mutex<Extra>>,
    polling: &Arc<Mutex<Option<String>>>,
) -> Result<Arc<Mutex<Notifier>>, String> {
    if path.file_name().is_none() {
        return Err(format!("{} names no file to watch", path.display()));
    }
    let (raw_tx, raw_rx) = mpsc::channel::<()>();
    let wake = raw_tx.clone();
    let filter = Arc::clone(extra);
    let watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let relevant = match result {
            Ok(event) => is_relevant(&event, &filter),
            // An error (e.g. a queue overflow) may hide a save: reload to be safe.
            Err(_) => true,
        };
        if relevant {
            let _ = raw_tx.send(());
        }
    })
    .map_err(|e| format!("file watching unavailable: {e}"))?;
    let mut notifier = Notifier {
        watcher,
        raw_tx: wake,
        manifest: path.to_owned(),
        folders: HashMap::new(),
    };
    notifier.sync(extra)?;
    let notifier = Arc::new(Mutex::new(notifier));
    let weak = Arc::downgrade(&notifier);
    let stop = Arc::clone(stop);
    let notify = Arc::clone(notify);
    let extra = Arc::clone(extra);
    let polling = Arc::clone(polling);
    let path = path.to_owned();
    thread::Builder::new()
        .name("readiness-watch".into())
        .spawn(move || {
            // Before each notice the watches are re-armed where a folder was
            // replaced or a symlink re-pointed; if the manifest's folder
            // cannot be watched any more, polling takes over, once.
            let resync = || {
                let Some(notifier) = weak.upgrade() else {
                    return;
                };
                let result = lock(&notifier).sync(&extra);
                if let Err(reason) = result {
                    let mut polling = lock(&polling);
                    if polling.is_none() {
                        let started = spawn_poller(
                            path.clone(),
                            Arc::clone(&extra),
                            Arc::clone(&stop),
                            Arc::clone(&notify),
                        );
                        *polling = Some(match started {
                            Ok(()) => reason,
                            Err(e) => format!("{reason}; polling failed too: {e}"),
                        });
                    }
                }
            };
            debounce(&raw_rx, &stop, &*notify, resync);
        })
        .map_err(|e| format!("cannot start the watch thread: {e}"))?;
    Ok(notifier)
}

/// Whether a folder event may have changed the manifest or its evidence.
fn is_relevant(event: &notify::Event, extra: &Mutex<Extra>) -> bool {
    if event.need_rescan() {
        return true;
    }
    let writer_closed = matches!(
        event.kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
    );
    if matches!(event.kind, EventKind::Access(_)) && !writer_closed {
        return false;
    }
    // A rename carries both names: onto the manifest or away from it, both
    // count; so does an event on a folder on the way to it (the watched
    // folder itself moved or deleted, or created again).
    let extra = lock(extra);
    event
        .paths
        .iter()
        .any(|p| extra.is_manifest(p) || extra.concerns(p))
}

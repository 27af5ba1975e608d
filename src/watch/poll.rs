//! The fallback when the folder cannot be watched (inotify limits, a file
//! system without notifications): the manifest's (mtime, length, inode) and
//! the evidence files' are polled every [`POLL_INTERVAL`].

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::SystemTime;

use super::paths::Extra;
use super::{Notice, Notify, POLL_INTERVAL};
use crate::collect::{WatchTarget, glob};

/// What the poller compares: modification time, length and inode.
type Stamp = Option<(Option<SystemTime>, u64, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some((meta.modified().ok(), meta.len(), inode))
}

/// The stamps of the evidence targets' files: a glob's matches as the
/// gates read them ([`glob::expand`]: sorted, folders skipped, none when
/// it matches too many).
fn target_stamps(targets: &[WatchTarget]) -> Vec<(PathBuf, Stamp)> {
    let mut out = Vec::new();
    for target in targets {
        match target {
            WatchTarget::File(file) => out.push((file.clone(), stamp(file))),
            WatchTarget::Glob { base, pattern, .. } => {
                let Ok(paths) = glob::expand(base, pattern) else {
                    continue;
                };
                out.extend(paths.into_iter().map(|p| {
                    let s = stamp(&p);
                    (p, s)
                }));
            }
        }
    }
    out
}

/// The fallback: polls the manifest's stamp, and the evidence targets',
/// until the watch is dropped.
pub fn spawn_poller(
    path: PathBuf,
    extra: Arc<Mutex<Extra>>,
    stop: Arc<AtomicBool>,
    notify: Notify,
) -> io::Result<()> {
    let mut last = stamp(&path);
    let mut last_targets: Vec<WatchTarget> = Vec::new();
    let mut last_stamps = Vec::new();
    thread::Builder::new()
        .name("readiness-poll".into())
        .spawn(move || {
            loop {
                thread::sleep(POLL_INTERVAL);
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let now = stamp(&path);
                let targets = extra
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .targets
                    .clone();
                let stamps = target_stamps(&targets);
                // A new set of targets is a new baseline, not a change.
                let evidence_changed = targets == last_targets && stamps != last_stamps;
                last_targets = targets;
                last_stamps = stamps;
                if now != last || evidence_changed {
                    last = now;
                    notify(Notice::Changed);
                }
            }
        })
        .map(drop)
}

//! Watching the manifest for saves (SPEC §4 "Live"): the manifest's folder is
//! watched, not the file, because an atomic save (write a temporary, rename
//! it over) replaces the file and a watch on the old inode goes deaf.
//!
//! Events are filtered to the manifest's file name (a rename onto it counts,
//! so does a rename away), `Access` events are ignored except a writer's
//! close (our own reads open and close the file and would otherwise reload in
//! a loop), and a burst is debounced: one [`Notice::Changed`] is sent once the
//! folder has been quiet for [`DEBOUNCE`], or at the latest [`MAX_DELAY`]
//! after the burst began. The debounce thread blocks on its channel, so an
//! idle watch wakes nothing.
//!
//! Evidence files and the folders of globs ([`Target`]s, SPEC §1.2) are
//! watched the same way, through [`Watch::watch_also`]: their folders are
//! watched (a folder that does not exist yet through its nearest existing
//! ancestor, so that its creation is seen), and events are filtered to the
//! files and glob patterns named.
//!
//! When the watcher cannot be set up (inotify limits, a file system without
//! notifications) the file's (mtime, length, inode) is polled every
//! [`POLL_INTERVAL`] instead, with the evidence targets', and the reason is
//! kept for the status line. [`Mode::Poll`] forces that fallback, for tests.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// Quiet time after the last event of a burst before the change is reported.
/// A save that is cut at a task boundary can parse as valid TOML with fewer
/// tasks; waiting for the burst to end guards against reading it half-written.
pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// A burst that never goes quiet is still reported this long after it began.
pub const MAX_DELAY: Duration = Duration::from_millis(250);
/// How often the fallback polls the file's metadata.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// What the watch tells its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The manifest was written, replaced, created or removed.
    Changed,
}

/// How to watch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    /// File-system notifications, polling when they cannot be set up.
    #[default]
    Notify,
    /// Poll the file's metadata; the reason is shown in the status line
    /// (after "polling every 500 ms").
    Poll { reason: String },
}

/// Something watched besides the manifest (absolute paths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One file.
    File(PathBuf),
    /// The files a glob `pattern` matches, all under `folder`; `recursive`
    /// when matches may lie in its subfolders.
    Glob {
        folder: PathBuf,
        pattern: String,
        recursive: bool,
    },
}

/// A running watch; dropping it stops the watch threads.
pub struct Watch {
    /// Kept alive for its notifications; dropping it closes the debounce
    /// channel. `None` when polling.
    notifier: Option<Mutex<Notifier>>,
    /// What the event filter (or the poller) checks besides the manifest.
    extra: Arc<Mutex<Extra>>,
    stop: Arc<AtomicBool>,
    polling: Option<String>,
}

/// The watcher and the folders it watches.
struct Notifier {
    watcher: RecommendedWatcher,
    /// Wakes the debounce thread (a folder newly watched may have missed a write).
    raw_tx: mpsc::Sender<()>,
    manifest_folder: PathBuf,
    /// Folder → recursive.
    folders: HashMap<PathBuf, bool>,
}

/// The evidence targets, compiled for the event filter.
#[derive(Default)]
struct Extra {
    targets: Vec<Target>,
    patterns: Vec<glob::Pattern>,
}

impl Extra {
    fn set(&mut self, targets: Vec<Target>) {
        self.patterns = targets
            .iter()
            .filter_map(|t| match t {
                Target::Glob { pattern, .. } => glob::Pattern::new(pattern).ok(),
                Target::File(_) => None,
            })
            .collect();
        self.targets = targets;
    }

    /// Whether a path is a target, matches a glob, or is a folder on the way
    /// to one (its creation matters).
    fn concerns(&self, path: &Path) -> bool {
        let options = glob::MatchOptions {
            case_sensitive: true,
            require_literal_separator: true,
            require_literal_leading_dot: false,
        };
        self.patterns
            .iter()
            .any(|p| p.matches_path_with(path, options))
            || self.targets.iter().any(|t| match t {
                Target::File(file) => file == path || file.starts_with(path),
                Target::Glob { folder, .. } => folder.starts_with(path),
            })
    }
}

impl Watch {
    /// Why the file is polled instead of watched, when it is.
    pub fn polling_reason(&self) -> Option<&str> {
        self.polling.as_deref()
    }

    /// Watches these evidence targets too, instead of the previous ones.
    /// A folder watched for the first time sends one notice, in case a file
    /// in it changed before the watch was in place.
    pub fn watch_also(&self, targets: Vec<Target>) {
        let mut extra = self.extra.lock().unwrap_or_else(PoisonError::into_inner);
        if extra.targets == targets {
            return;
        }
        let Some(notifier) = &self.notifier else {
            extra.set(targets);
            return;
        };
        let mut notifier = notifier.lock().unwrap_or_else(PoisonError::into_inner);
        let wanted = folders(&notifier.manifest_folder, &targets);
        extra.set(targets);
        drop(extra);
        let n = &mut *notifier;
        for (folder, recursive) in &n.folders {
            if wanted.get(folder) != Some(recursive) {
                let _ = n.watcher.unwatch(folder);
            }
        }
        let mut added = false;
        for (folder, &recursive) in &wanted {
            if n.folders.get(folder) != Some(&recursive) {
                let mode = if recursive {
                    RecursiveMode::Recursive
                } else {
                    RecursiveMode::NonRecursive
                };
                // A folder that cannot be watched is left to the next reload.
                added |= n.watcher.watch(folder, mode).is_ok();
            }
        }
        n.folders = wanted;
        if added {
            let _ = n.raw_tx.send(());
        }
    }
}

/// The folders to watch for the manifest and the targets: each target's
/// folder, or its nearest existing ancestor (not recursively) while it does
/// not exist.
fn folders(manifest_folder: &Path, targets: &[Target]) -> HashMap<PathBuf, bool> {
    let mut wanted = HashMap::from([(manifest_folder.to_owned(), false)]);
    for target in targets {
        let (folder, recursive) = match target {
            Target::File(file) => match file.parent() {
                Some(parent) => (parent.to_owned(), false),
                None => continue,
            },
            Target::Glob {
                folder, recursive, ..
            } => (folder.clone(), *recursive),
        };
        let existing = folder.ancestors().find(|a| a.is_dir());
        let Some(existing) = existing else { continue };
        let recursive = recursive && existing == folder;
        *wanted.entry(existing.to_owned()).or_insert(false) |= recursive;
    }
    wanted
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The owner's callback, shared by the watch threads.
type Notify = Arc<dyn Fn(Notice) + Send + Sync>;

/// Starts watching `path`; `notify` is called from a watch thread.
pub fn watch(
    path: &Path,
    mode: Mode,
    notify: impl Fn(Notice) + Send + Sync + 'static,
) -> io::Result<Watch> {
    let path = std::path::absolute(path)?;
    let notify: Notify = Arc::new(notify);
    let stop = Arc::new(AtomicBool::new(false));
    let extra = Arc::new(Mutex::new(Extra::default()));
    let reason = match mode {
        Mode::Poll { reason } => reason,
        Mode::Notify => match notify_watcher(&path, &stop, &notify, &extra) {
            Ok(notifier) => {
                return Ok(Watch {
                    notifier: Some(Mutex::new(notifier)),
                    extra,
                    stop,
                    polling: None,
                });
            }
            Err(reason) => reason,
        },
    };
    spawn_poller(path, Arc::clone(&extra), Arc::clone(&stop), notify)?;
    Ok(Watch {
        notifier: None,
        extra,
        stop,
        polling: Some(reason),
    })
}

/// Sets up the folder watch and its debounce thread, or says why it cannot.
fn notify_watcher(
    path: &Path,
    stop: &Arc<AtomicBool>,
    notify: &Notify,
    extra: &Arc<Mutex<Extra>>,
) -> Result<Notifier, String> {
    let (folder, name) =
        split(path).ok_or_else(|| format!("{} names no file to watch", path.display()))?;
    let (raw_tx, raw_rx) = mpsc::channel::<()>();
    let wake = raw_tx.clone();
    let filter = Arc::clone(extra);
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let relevant = match result {
            Ok(event) => is_relevant(&event, &name, &filter),
            // An error (e.g. a queue overflow) may hide a save: reload to be safe.
            Err(_) => true,
        };
        if relevant {
            let _ = raw_tx.send(());
        }
    })
    .map_err(|e| format!("file watching unavailable: {e}"))?;
    watcher
        .watch(&folder, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", folder.display()))?;
    let stop = Arc::clone(stop);
    let notify = Arc::clone(notify);
    thread::Builder::new()
        .name("readiness-watch".into())
        .spawn(move || debounce(&raw_rx, &stop, &*notify))
        .map_err(|e| format!("cannot start the watch thread: {e}"))?;
    Ok(Notifier {
        watcher,
        raw_tx: wake,
        folders: HashMap::from([(folder.clone(), false)]),
        manifest_folder: folder,
    })
}

/// The manifest's folder and file name.
fn split(path: &Path) -> Option<(PathBuf, std::ffi::OsString)> {
    let name = path.file_name()?.to_owned();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    Some((folder, name))
}

/// Whether a folder event may have changed the manifest or its evidence.
fn is_relevant(event: &notify::Event, name: &std::ffi::OsStr, extra: &Mutex<Extra>) -> bool {
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
    // A rename carries both names: onto the manifest or away from it, both count.
    if event.paths.iter().any(|p| p.file_name() == Some(name)) {
        return true;
    }
    let extra = extra.lock().unwrap_or_else(PoisonError::into_inner);
    event.paths.iter().any(|p| extra.concerns(p))
}

/// Turns bursts of raw events into one notice each; blocks while idle and
/// returns when the watcher is dropped (its sender closes the channel).
fn debounce(raw: &mpsc::Receiver<()>, stop: &AtomicBool, notify: &(dyn Fn(Notice) + Send + Sync)) {
    while raw.recv().is_ok() {
        let began = Instant::now();
        loop {
            let left = MAX_DELAY.saturating_sub(began.elapsed());
            if left.is_zero() {
                break;
            }
            match raw.recv_timeout(DEBOUNCE.min(left)) {
                Ok(()) => {}
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if stop.load(Ordering::Relaxed) {
            return;
        }
        notify(Notice::Changed);
    }
}

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

/// The stamps of the evidence targets' files (a glob's matches, sorted).
fn target_stamps(targets: &[Target]) -> Vec<(PathBuf, Stamp)> {
    let mut out = Vec::new();
    for target in targets {
        match target {
            Target::File(file) => out.push((file.clone(), stamp(file))),
            Target::Glob { pattern, .. } => {
                let Ok(paths) = glob::glob(pattern) else {
                    continue;
                };
                out.extend(paths.flatten().map(|p| {
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
fn spawn_poller(
    path: PathBuf,
    extra: Arc<Mutex<Extra>>,
    stop: Arc<AtomicBool>,
    notify: Notify,
) -> io::Result<()> {
    let mut last = stamp(&path);
    let mut last_targets: Vec<Target> = Vec::new();
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;
    use std::sync::mpsc::Receiver;

    const BOUND: Duration = Duration::from_secs(5);

    fn setup(mode: Mode) -> (tempfile::TempDir, PathBuf, Watch, Receiver<Notice>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("readiness.toml");
        fs::write(&file, "one = 1\n").expect("write");
        let (tx, rx) = mpsc::channel();
        let watch = watch(&file, mode, move |n| {
            let _ = tx.send(n);
        })
        .expect("watch");
        (dir, file, watch, rx)
    }

    fn sh(dir: &Path, script: &str) {
        let status = Command::new("sh")
            .arg("-c")
            .arg(script)
            .current_dir(dir)
            .status()
            .expect("run sh");
        assert!(status.success(), "{script} failed");
    }

    fn assert_changed(rx: &Receiver<Notice>, what: &str) {
        assert_eq!(
            rx.recv_timeout(BOUND),
            Ok(Notice::Changed),
            "no change seen after {what}"
        );
        // One burst, one notice: nothing else arrives once it is quiet.
        assert!(
            rx.recv_timeout(MAX_DELAY * 2).is_err(),
            "{what} sent more than one notice"
        );
    }

    #[test]
    fn every_kind_of_save_is_seen_once() {
        let (dir, file, watch, rx) = setup(Mode::Notify);
        assert_eq!(watch.polling_reason(), None);
        let d = dir.path();
        sh(d, "sed -i 's/1/2/' readiness.toml");
        assert_changed(&rx, "sed -i");
        sh(
            d,
            "printf 'one = 3\\n' > tmp.toml && mv tmp.toml readiness.toml",
        );
        assert_changed(&rx, "write temp and mv");
        sh(
            d,
            "printf 'one = 4\\n' > other && cat other > readiness.toml",
        );
        assert_changed(&rx, "truncate and write");
        sh(d, "rm readiness.toml");
        assert_changed(&rx, "delete");
        sh(d, "printf 'one = 5\\n' > readiness.toml");
        assert_changed(&rx, "recreate");
        if Command::new("vim").arg("--version").output().is_ok() {
            sh(
                d,
                "vim -Es -u NONE -c 'set backupcopy=no writebackup' -c '%s/5/6/' -c wq readiness.toml",
            );
            assert_changed(&rx, "vim");
        }
        assert!(file.exists(), "the manifest is back after the saves");
    }

    #[test]
    fn reads_and_other_files_are_ignored() {
        let (dir, file, _watch, rx) = setup(Mode::Notify);
        for _ in 0..5 {
            fs::read_to_string(&file).expect("read");
        }
        fs::write(dir.path().join("other.toml"), "x").expect("write other");
        assert!(
            rx.recv_timeout(MAX_DELAY * 2).is_err(),
            "a read or another file's write was reported"
        );
    }

    #[test]
    fn forced_polling_sees_changes_and_says_why() {
        let (dir, _file, watch, rx) = setup(Mode::Poll {
            reason: "forced".into(),
        });
        assert_eq!(watch.polling_reason(), Some("forced"));
        sh(
            dir.path(),
            "printf 'one = 22\\n' > tmp && mv tmp readiness.toml",
        );
        assert_eq!(
            rx.recv_timeout(POLL_INTERVAL * 4),
            Ok(Notice::Changed),
            "poller missed the save"
        );
        sh(dir.path(), "rm readiness.toml");
        assert_eq!(rx.recv_timeout(POLL_INTERVAL * 4), Ok(Notice::Changed));
    }

    /// Drains notices for a moment; says whether any came.
    fn any_notice(rx: &Receiver<Notice>, within: Duration) -> bool {
        let mut seen = false;
        while rx.recv_timeout(within).is_ok() {
            seen = true;
        }
        seen
    }

    #[test]
    fn evidence_files_and_globs_are_watched_too() {
        let (dir, _file, watch, rx) = setup(Mode::Notify);
        let d = std::path::absolute(dir.path()).expect("absolute");
        let junit = d.join("target/nextest/ci/junit.xml");
        let targets = vec![
            Target::File(junit.clone()),
            Target::Glob {
                folder: d.join("out"),
                pattern: format!("{}/out/*.xml", d.display()),
                recursive: false,
            },
        ];
        watch.watch_also(targets.clone());
        assert!(!any_notice(&rx, MAX_DELAY * 2), "nothing changed yet");
        // The folders do not exist yet: their creation is seen from above.
        sh(&d, "mkdir -p target/nextest/ci out");
        assert!(any_notice(&rx, MAX_DELAY * 2), "folder creation missed");
        // The reload points the watch at them again; now they exist.
        watch.watch_also(Vec::new());
        watch.watch_also(targets);
        let _ = any_notice(&rx, MAX_DELAY * 2);
        sh(&d, "printf '<testsuite/>' > target/nextest/ci/junit.xml");
        assert!(any_notice(&rx, MAX_DELAY * 2), "evidence file write missed");
        sh(&d, "printf '<testsuite/>' > out/a.xml");
        assert!(any_notice(&rx, MAX_DELAY * 2), "glob match missed");
        sh(
            &d,
            "printf 'x' > out/notes.txt; printf 'x' > target/other.txt; cat out/a.xml > /dev/null",
        );
        assert!(
            !any_notice(&rx, MAX_DELAY * 2),
            "an unrelated file was reported"
        );
        assert!(junit.exists());
    }

    #[test]
    fn polling_sees_evidence_changes() {
        let (dir, _file, watch, rx) = setup(Mode::Poll {
            reason: "forced".into(),
        });
        let d = std::path::absolute(dir.path()).expect("absolute");
        fs::write(d.join("lcov.info"), "a").expect("write");
        watch.watch_also(vec![Target::File(d.join("lcov.info"))]);
        // The first poll takes the new targets as its baseline.
        std::thread::sleep(POLL_INTERVAL * 2);
        while rx.try_recv().is_ok() {}
        fs::write(d.join("lcov.info"), "bb").expect("write");
        assert_eq!(rx.recv_timeout(POLL_INTERVAL * 4), Ok(Notice::Changed));
    }
}

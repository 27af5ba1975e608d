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

use crate::collect::files;

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

/// A running watch; dropping it stops the watch threads.
pub struct Watch {
    /// Kept alive for its notifications; dropping it closes the debounce
    /// channel. `None` when polling from the start.
    notifier: Option<Arc<Mutex<Notifier>>>,
    /// What the event filter (or the poller) checks besides the manifest.
    extra: Arc<Mutex<Extra>>,
    stop: Arc<AtomicBool>,
    /// Why the file is polled, once it is (from the start, or after the
    /// watch could not be re-armed).
    polling: Arc<Mutex<Option<String>>>,
}

/// A folder's identity (device, inode), to notice it was replaced.
type FileId = Option<(u64, u64)>;

fn file_id(path: &Path) -> FileId {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        fs::metadata(path).ok().map(|_| (0, 0))
    }
}

/// The watcher and the folders it watches.
struct Notifier {
    watcher: RecommendedWatcher,
    /// Wakes the debounce thread (a folder newly watched may have missed a write).
    raw_tx: mpsc::Sender<()>,
    /// The manifest's path as given (made absolute; a symlink is not resolved).
    manifest: PathBuf,
    /// Folder → (recursive, its identity when the watch was set).
    folders: HashMap<PathBuf, (bool, FileId)>,
}

impl Notifier {
    /// Points the watches at the folders wanted now: the manifest's folder,
    /// the folder of its resolved target when it is a symlink (re-resolved
    /// each time), the evidence targets' folders — each through its nearest
    /// existing ancestor while it does not exist — and re-arms a watch whose
    /// folder was replaced (moved or deleted, and created again). Says
    /// whether a watch was added, or why the manifest's folder cannot be
    /// watched.
    fn sync(&mut self, extra: &Mutex<Extra>) -> Result<bool, String> {
        let canonical = fs::canonicalize(&self.manifest)
            .ok()
            .filter(|c| *c != self.manifest);
        let targets = {
            let mut extra = lock(extra);
            extra.manifest_paths = std::iter::once(self.manifest.clone())
                .chain(canonical.clone())
                .collect();
            extra.targets.clone()
        };
        let (wanted, own) = folders(&self.manifest, canonical.as_deref(), &targets);
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

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The evidence targets, compiled for the event filter, and the manifest's
/// paths.
#[derive(Default)]
struct Extra {
    targets: Vec<Target>,
    patterns: Vec<globset::GlobMatcher>,
    /// The manifest as given, and its resolved target when it is a symlink.
    manifest_paths: Vec<PathBuf>,
}

impl Extra {
    fn set(&mut self, targets: Vec<Target>) {
        self.patterns = targets
            .iter()
            .filter_map(|t| match t {
                Target::Glob { base, pattern, .. } => files::full_glob(base, pattern),
                Target::File(_) => None,
            })
            .collect();
        self.targets = targets;
    }

    /// Whether a path is the manifest, or a folder on the way to it (its
    /// folder moved, deleted or created again).
    fn is_manifest(&self, path: &Path) -> bool {
        self.manifest_paths.iter().any(|m| m.starts_with(path))
    }

    /// Whether a path is a target, matches a glob, or is a folder on the way
    /// to one (its creation matters).
    fn concerns(&self, path: &Path) -> bool {
        self.patterns.iter().any(|p| p.is_match(path))
            || self.targets.iter().any(|t| match t {
                Target::File(file) => file == path || file.starts_with(path),
                Target::Glob { folder, .. } => folder.starts_with(path),
            })
    }
}

impl Watch {
    /// Why the file is polled instead of watched, when it is.
    pub fn polling_reason(&self) -> Option<String> {
        lock(&self.polling).clone()
    }

    /// Watches these evidence targets too, instead of the previous ones.
    /// A folder watched for the first time sends one notice, in case a file
    /// in it changed before the watch was in place.
    pub fn watch_also(&self, targets: Vec<Target>) {
        {
            // Released before the notifier is locked: the debounce thread
            // locks the notifier, then this.
            let mut extra = lock(&self.extra);
            if extra.targets == targets {
                return;
            }
            extra.set(targets);
        }
        let Some(notifier) = &self.notifier else {
            return;
        };
        let mut notifier = lock(notifier);
        // The manifest's folder failing here is noticed by the debounce
        // thread's next sync.
        if let Ok(true) = notifier.sync(&self.extra) {
            let _ = notifier.raw_tx.send(());
        }
    }
}

/// The folders to watch for the manifest (and its symlink's target) and the
/// evidence targets: each one's folder, or its nearest existing ancestor (not
/// recursively) while it does not exist. A folder reached by two paths is
/// watched once. Also returns the manifest's own folders (a failure to watch
/// them means polling).
fn folders(
    manifest: &Path,
    canonical: Option<&Path>,
    targets: &[Target],
) -> (HashMap<PathBuf, bool>, Vec<PathBuf>) {
    let mut wanted: Vec<(PathBuf, bool)> = Vec::new();
    let mut own = Vec::new();
    let mut add = |folder: &Path, recursive: bool, is_own: bool| {
        let Some(existing) = folder.ancestors().find(|a| a.is_dir()) else {
            return;
        };
        let recursive = recursive && existing == folder;
        let id = file_id(existing);
        let same = wanted
            .iter_mut()
            .find(|(f, _)| f == existing || (id.is_some() && file_id(f) == id));
        match same {
            Some((f, r)) => {
                *r |= recursive;
                if is_own {
                    own.push(f.clone());
                }
            }
            None => {
                wanted.push((existing.to_owned(), recursive));
                if is_own {
                    own.push(existing.to_owned());
                }
            }
        }
    };
    for path in std::iter::once(manifest).chain(canonical) {
        if let Some(parent) = path.parent() {
            add(parent, false, true);
        }
    }
    for target in targets {
        match target {
            Target::File(file) => {
                if let Some(parent) = file.parent() {
                    add(parent, false, false);
                }
            }
            Target::Glob {
                folder, recursive, ..
            } => add(folder, *recursive, false),
        }
    }
    (wanted.into_iter().collect(), own)
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
    let polling = Arc::new(Mutex::new(None));
    let reason = match mode {
        Mode::Poll { reason } => reason,
        Mode::Notify => match notify_watcher(&path, &stop, &notify, &extra, &polling) {
            Ok(notifier) => {
                return Ok(Watch {
                    notifier: Some(notifier),
                    extra,
                    stop,
                    polling,
                });
            }
            Err(reason) => reason,
        },
    };
    spawn_poller(path, Arc::clone(&extra), Arc::clone(&stop), notify)?;
    *lock(&polling) = Some(reason);
    Ok(Watch {
        notifier: None,
        extra,
        stop,
        polling,
    })
}

/// Sets up the folder watch and its debounce thread, or says why it cannot.
fn notify_watcher(
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

/// Turns bursts of raw events into one notice each; blocks while idle and
/// returns when the watcher is dropped (its sender closes the channel).
fn debounce(
    raw: &mpsc::Receiver<()>,
    stop: &AtomicBool,
    notify: &(dyn Fn(Notice) + Send + Sync),
    resync: impl Fn(),
) {
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
        resync();
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

/// The stamps of the evidence targets' files: a glob's matches as the
/// gates read them ([`files::expand`]: sorted, folders skipped, none when
/// it matches too many).
fn target_stamps(targets: &[Target]) -> Vec<(PathBuf, Stamp)> {
    let mut out = Vec::new();
    for target in targets {
        match target {
            Target::File(file) => out.push((file.clone(), stamp(file))),
            Target::Glob { base, pattern, .. } => {
                let Ok(paths) = files::expand(base, pattern) else {
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

    fn watch_at(file: &Path) -> (Watch, Receiver<Notice>) {
        let (tx, rx) = mpsc::channel();
        let watch = watch(file, Mode::Notify, move |n| {
            let _ = tx.send(n);
        })
        .expect("watch");
        (watch, rx)
    }

    #[test]
    fn a_symlinked_manifest_is_followed_to_its_target() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        sh(
            d,
            "mkdir a b c && printf 'one = 1\\n' > b/real.toml && cp b/real.toml c/real.toml \
             && ln -s ../b/real.toml a/readiness.toml",
        );
        let (_watch, rx) = watch_at(&d.join("a/readiness.toml"));
        sh(d, "sed -i 's/1/2/' b/real.toml");
        assert_changed(&rx, "sed -i on the link's target");
        // The link re-pointed: the new target is watched, the old one not.
        sh(d, "ln -sfn ../c/real.toml a/readiness.toml");
        assert_changed(&rx, "re-pointing the link");
        sh(d, "sed -i 's/1/3/' c/real.toml");
        assert_changed(&rx, "sed -i on the new target");
        sh(d, "sed -i 's/2/4/' b/real.toml");
        assert!(
            !any_notice(&rx, MAX_DELAY * 2),
            "the old target is still watched"
        );
    }

    #[test]
    fn a_replaced_folder_is_watched_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        sh(d, "mkdir proj && printf 'one = 1\\n' > proj/readiness.toml");
        let (watch, rx) = watch_at(&d.join("proj/readiness.toml"));
        sh(
            d,
            "mv proj proj.old && mkdir proj && printf 'one = 2\\n' > proj/readiness.toml",
        );
        assert!(any_notice(&rx, MAX_DELAY * 2), "the replacement missed");
        sh(d, "printf 'one = 3\\n' > proj/readiness.toml");
        assert_changed(&rx, "a write in the new folder");
        sh(d, "printf 'one = 9\\n' > proj.old/readiness.toml");
        assert!(
            !any_notice(&rx, MAX_DELAY * 2),
            "the old folder is still watched"
        );
        // Gone for a while, then back: its creation is seen from above.
        sh(d, "rm -r proj");
        assert!(any_notice(&rx, MAX_DELAY * 2), "the removal missed");
        sh(d, "mkdir proj");
        let _ = any_notice(&rx, MAX_DELAY * 2);
        sh(d, "printf 'one = 4\\n' > proj/readiness.toml");
        assert!(
            any_notice(&rx, MAX_DELAY * 2),
            "a write after re-creation missed"
        );
        assert_eq!(watch.polling_reason(), None, "still watching");
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
        assert_eq!(watch.polling_reason().as_deref(), Some("forced"));
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
                base: d.clone(),
                pattern: "out/*.xml".into(),
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

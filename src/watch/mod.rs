//! Watching the manifest for saves (docs/dashboard.md, "Live"): the
//! manifest's folder is watched, not the file, because an atomic save (write
//! a temporary, rename it over) replaces the file and a watch on the old
//! inode goes deaf. The folders holding symbolic links on the way to it are
//! watched too, so a swapped link (`ln -sfn releases/2 current`, a
//! Kubernetes ConfigMap's `..data`) is followed.
//!
//! One job a module: [`paths`] says which paths concern the watch and which
//! folders to watch for them, [`notifier`] watches them (re-pointing the
//! watches when a folder is replaced or a link swapped) and filters the
//! events, [`debounce`] turns a burst into one [`Notice::Changed`], and
//! [`poll`] is the fallback when the folder cannot be watched (inotify
//! limits, a file system without notifications): the file's (mtime, length,
//! inode) every [`POLL_INTERVAL`], the reason kept for the status line.
//! [`Mode::Poll`] forces that fallback.
//!
//! Evidence files and the folders of globs (the [`WatchTarget`]s the
//! evidence collector asks for, docs/evidence.md) are
//! watched the same way, through [`Watch::watch_also`].

mod debounce;
mod notifier;
mod paths;
mod poll;

use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::collect::WatchTarget;
use notifier::{Notifier, notify_watcher};
use paths::Extra;
use poll::spawn_poller;

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

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Watch {
    /// Points the watches at the folders wanted now — the manifest's, its
    /// link's target's, the links' and the evidence's — as `r` asks: a link
    /// swapped or a folder replaced while no event said so is followed from
    /// here on. Says why the manifest's folder cannot be watched, if so.
    pub fn rearm(&self) -> Result<(), String> {
        let Some(notifier) = &self.notifier else {
            return Ok(());
        };
        let mut notifier = lock(notifier);
        if notifier.sync(&self.extra)? {
            let _ = notifier.raw_tx.send(());
        }
        Ok(())
    }

    /// Why the file is polled instead of watched, when it is.
    pub fn polling_reason(&self) -> Option<String> {
        lock(&self.polling).clone()
    }

    /// Watches these evidence targets too, instead of the previous ones.
    /// A folder watched for the first time sends one notice, in case a file
    /// in it changed before the watch was in place.
    pub fn watch_also(&self, targets: Vec<WatchTarget>) {
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

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The owner's callback, shared by the watch threads.
pub(crate) type Notify = Arc<dyn Fn(Notice) + Send + Sync>;

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::PathBuf;
    use std::process::Command;
    use std::sync::mpsc;
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

    /// `script` in `sh`, in `dir`, from a cleared environment (`PATH` kept,
    /// an empty `HOME`: no developer's vimrc, locale or `TERM`),
    /// as tests/common/hermetic.rs runs every program of the integration
    /// tests.
    fn sh(dir: &Path, script: &str) {
        let home = tempfile::tempdir().expect("temp dir");
        let status = Command::new("sh")
            .arg("-c")
            .arg(script)
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home.path())
            .env("TERM", "xterm-256color")
            .env("LC_ALL", "C.UTF-8")
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

    /// `ln -sfn releases/2 current`: the manifest is opened through a link
    /// to a folder, and the link is swapped for one to another folder.
    #[test]
    fn a_swapped_folder_link_is_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        sh(
            d,
            "mkdir -p releases/1 releases/2 && printf 'one = 1\\n' > releases/1/readiness.toml \
             && printf 'one = 2\\n' > releases/2/readiness.toml && ln -s releases/1 current",
        );
        let (watch, rx) = watch_at(&d.join("current/readiness.toml"));
        sh(d, "ln -sfn releases/2 current");
        assert!(any_notice(&rx, MAX_DELAY * 2), "the swap was missed");
        sh(d, "sed -i 's/2/3/' releases/2/readiness.toml");
        assert_changed(&rx, "an edit in the new folder");
        sh(d, "sed -i 's/1/4/' releases/1/readiness.toml");
        assert!(
            !any_notice(&rx, MAX_DELAY * 2),
            "the old folder is still watched"
        );
        assert_eq!(watch.rearm(), Ok(()));
        assert_eq!(watch.polling_reason(), None, "still watching");
    }

    /// A Kubernetes ConfigMap volume: `readiness.toml -> ..data/readiness.toml`,
    /// `..data -> ..v1`, updated by renaming a new `..data` link over it.
    #[test]
    fn a_configmap_data_swap_is_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        sh(
            d,
            "mkdir -p cfg/..v1 cfg/..v2 && printf 'one = 1\\n' > cfg/..v1/readiness.toml \
             && printf 'one = 2\\n' > cfg/..v2/readiness.toml && ln -s ..v1 cfg/..data \
             && ln -s ..data/readiness.toml cfg/readiness.toml",
        );
        let (_watch, rx) = watch_at(&d.join("cfg/readiness.toml"));
        sh(
            d,
            "ln -s ..v2 cfg/..data_tmp && mv -T cfg/..data_tmp cfg/..data",
        );
        assert!(any_notice(&rx, MAX_DELAY * 2), "the swap was missed");
        sh(d, "sed -i 's/2/3/' cfg/..v2/readiness.toml");
        assert_changed(&rx, "an edit in the new version");
    }

    #[test]
    fn links_on_the_way_are_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = std::path::absolute(dir.path()).expect("absolute");
        let d = fs::canonicalize(d).expect("canonical");
        sh(
            &d,
            "mkdir -p r/1 && touch r/1/f && ln -s r/1 cur && ln -s cur/f link",
        );
        assert_eq!(
            paths::links(&d.join("link")),
            [d.join("link"), d.join("cur")]
        );
        assert_eq!(paths::links(&d.join("cur/f")), [d.join("cur")]);
        assert!(paths::links(&d.join("r/1/f")).is_empty());
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
            WatchTarget::File(junit.clone()),
            WatchTarget::Glob {
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
        watch.watch_also(vec![WatchTarget::File(d.join("lcov.info"))]);
        // The first poll takes the new targets as its baseline.
        std::thread::sleep(POLL_INTERVAL * 2);
        while rx.try_recv().is_ok() {}
        fs::write(d.join("lcov.info"), "bb").expect("write");
        assert_eq!(rx.recv_timeout(POLL_INTERVAL * 4), Ok(Notice::Changed));
    }
}

//! Bursts of folder events turned into one notice: the change is reported
//! once the folder has been quiet for [`DEBOUNCE`], or at the latest
//! [`MAX_DELAY`] after the burst began. The thread blocks on its channel
//! while idle, so an idle watch wakes nothing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Instant;

use super::{DEBOUNCE, MAX_DELAY, Notice};

/// Turns bursts of raw events into one notice each; blocks while idle and
/// returns when the watcher is dropped (its sender closes the channel).
pub fn debounce(
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

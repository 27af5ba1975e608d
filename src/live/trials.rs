//! The trials worker: runs the Monte Carlo trials a load left
//! ([`loader::Trials`]) on a thread of their own, after the load's
//! deterministic view is on screen, and sends the completed view as
//! [`Event::Completed`]. A coalescing [`Reloader`] over a one-job slot:
//! while a run is in progress, newer loads replace the waiting job, so only
//! the newest load's trials run next and a burst of saves never queues
//! runs. A run already started for an older load finishes and is dropped
//! by the event loop.

use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use super::loader::Trials;
use super::reloader::Reloader;
use crate::event::{Event, Sender};

/// The job waiting: the trials and the reload request their load covers.
type Slot = Arc<Mutex<Option<(Trials, u64)>>>;

/// Handle to the worker; dropping it ends the thread after its current run.
pub struct TrialsWorker {
    slot: Slot,
    reloader: Reloader,
}

impl TrialsWorker {
    pub fn spawn(tx: Sender) -> io::Result<TrialsWorker> {
        let slot: Slot = Arc::default();
        let waiting = Arc::clone(&slot);
        let reloader = Reloader::spawn(
            move || {
                let job = waiting
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                job.map(|(trials, covers)| (trials.run(), covers))
            },
            move |done, _| {
                if let Some((outcome, covers)) = done {
                    let _ = tx.send(Event::Completed { outcome, covers });
                }
            },
        )?;
        Ok(TrialsWorker { slot, reloader })
    }

    /// Runs `trials` (of the load covering `covers`) next, in place of any
    /// job still waiting.
    pub fn hand(&self, trials: Trials, covers: u64) {
        *self.slot.lock().unwrap_or_else(PoisonError::into_inner) = Some((trials, covers));
        self.reloader.request();
    }
}

//! The reload worker: one thread that runs a job (read the manifest and
//! evaluate it) off the UI thread, coalescing requests. While a run is in
//! progress any number of requests cause exactly one more run after it —
//! never a queue of N reloads. Each request gets a sequence number and each
//! result says the newest request it covers, so the event loop knows when
//! nothing more is coming.

use std::io;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;

#[derive(Default)]
struct State {
    /// The newest request's number.
    requested: u64,
    /// The newest request a run has started for.
    started: u64,
    closed: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Handle to the worker; dropping it ends the thread after its current run.
pub struct Reloader {
    shared: Arc<Shared>,
}

impl Reloader {
    /// Starts the worker. `work` runs once per batch of requests; its result
    /// goes to `deliver` with the number of the newest request it covers.
    pub fn spawn<T>(
        mut work: impl FnMut() -> T + Send + 'static,
        deliver: impl Fn(T, u64) + Send + 'static,
    ) -> io::Result<Reloader> {
        let shared = Arc::new(Shared::default());
        let worker = Arc::clone(&shared);
        thread::Builder::new()
            .name("readiness-reload".into())
            .spawn(move || {
                loop {
                    let covers = {
                        let mut state = worker.lock();
                        while state.started == state.requested && !state.closed {
                            state = worker
                                .wake
                                .wait(state)
                                .unwrap_or_else(PoisonError::into_inner);
                        }
                        if state.closed {
                            return;
                        }
                        state.started = state.requested;
                        state.requested
                    };
                    deliver(work(), covers);
                }
            })?;
        Ok(Reloader { shared })
    }

    /// Asks for a run; returns the request's number.
    pub fn request(&self) -> u64 {
        let mut state = self.shared.lock();
        state.requested += 1;
        self.shared.wake.notify_one();
        state.requested
    }
}

impl Drop for Reloader {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.wake.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn requests_during_a_run_coalesce_into_one_more_run() {
        let (gate_tx, gate_rx) = mpsc::channel::<()>();
        let (started_tx, started_rx) = mpsc::channel::<()>();
        let (out_tx, out_rx) = mpsc::channel();
        let mut runs = 0;
        let reloader = Reloader::spawn(
            move || {
                // Each run says it started, then waits for the test to let
                // it finish.
                let _ = started_tx.send(());
                let _ = gate_rx.recv();
                runs += 1;
                runs
            },
            move |run, covers| {
                let _ = out_tx.send((run, covers));
            },
        )
        .expect("spawn");
        assert_eq!(reloader.request(), 1);
        let bound = Duration::from_secs(5);
        // The first run is blocked; ten more requests arrive meanwhile.
        assert_eq!(started_rx.recv_timeout(bound), Ok(()), "run 1 started");
        for _ in 0..10 {
            reloader.request();
        }
        gate_tx.send(()).expect("release run 1");
        assert_eq!(out_rx.recv_timeout(bound), Ok((1, 1)));
        assert_eq!(started_rx.recv_timeout(bound), Ok(()), "run 2 started");
        gate_tx.send(()).expect("release run 2");
        assert_eq!(out_rx.recv_timeout(bound), Ok((2, 11)));
        // No third run: the ten requests were one batch, and nothing is
        // pending. The worker then ends with its handle, having run twice.
        {
            let state = reloader.shared.lock();
            assert_eq!((state.started, state.requested), (11, 11));
        }
        drop(reloader);
        assert_eq!(
            started_rx.recv_timeout(bound),
            Err(mpsc::RecvTimeoutError::Disconnected),
            "no third run"
        );
        assert!(out_rx.try_recv().is_err());
    }
}

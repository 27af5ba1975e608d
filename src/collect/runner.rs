//! The dashboard's commands: each command runs on a thread of its own,
//! never on the UI thread nor holding up a reload. The first time a reload
//! asks for a command it starts, and the gate shows "running…"; when it
//! finishes, `on_done` asks for another reload, which shows the result.
//! Results are kept until [`Runner::rerun`] (the `r` key). While any
//! command runs, `on_spin` is called every [`SPIN_INTERVAL`] (the gate's
//! spinner); when none runs nothing ticks. Dropping the [`KillOnDrop`]
//! guard kills whatever still runs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

/// How often the spinner of a running command moves.
pub const SPIN_INTERVAL: Duration = Duration::from_millis(125);

use super::command::{self, Groups};
use crate::evidence::CommandEvidence;

/// A command's state, by command text.
enum Slot {
    Running,
    Done(CommandEvidence),
}

struct Inner {
    slots: Mutex<HashMap<String, Slot>>,
    groups: Groups,
    on_done: Box<dyn Fn() + Send + Sync>,
    on_spin: Box<dyn Fn() + Send + Sync>,
    /// Whether the spinner's thread runs.
    spinning: Mutex<bool>,
}

/// Runs commands in the background and remembers their results.
#[derive(Clone)]
pub struct Runner {
    inner: Arc<Inner>,
}

impl Runner {
    /// `on_done` is called (from the command's thread) when a command finishes.
    pub fn new(on_done: impl Fn() + Send + Sync + 'static) -> Runner {
        Runner::with_spinner(on_done, || {})
    }

    /// [`Runner::new`], with `on_spin` called every [`SPIN_INTERVAL`] while
    /// a command runs.
    pub fn with_spinner(
        on_done: impl Fn() + Send + Sync + 'static,
        on_spin: impl Fn() + Send + Sync + 'static,
    ) -> Runner {
        Runner {
            inner: Arc::new(Inner {
                slots: Mutex::new(HashMap::new()),
                groups: Groups::default(),
                on_done: Box::new(on_done),
                on_spin: Box::new(on_spin),
                spinning: Mutex::new(false),
            }),
        }
    }

    /// Whether a command is running.
    fn any_running(&self) -> bool {
        self.slots().values().any(|s| matches!(s, Slot::Running))
    }

    /// Starts the spinner's thread unless it runs; it ends once no command runs.
    fn spin(&self) {
        let mut spinning = self
            .inner
            .spinning
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if *spinning {
            return;
        }
        let runner = self.clone();
        let spawned = thread::Builder::new()
            .name("readiness-spinner".into())
            .spawn(move || {
                loop {
                    thread::sleep(SPIN_INTERVAL);
                    let mut spinning = runner
                        .inner
                        .spinning
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner);
                    if !runner.any_running() {
                        *spinning = false;
                        return;
                    }
                    drop(spinning);
                    (runner.inner.on_spin)();
                }
            });
        *spinning = spawned.is_ok();
    }

    fn slots(&self) -> MutexGuard<'_, HashMap<String, Slot>> {
        self.inner
            .slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The command's result, or `Running` (starting it if it has not run).
    pub fn get(&self, command: &str, dir: &Path, timeout: Duration) -> CommandEvidence {
        let mut slots = self.slots();
        match slots.get(command) {
            Some(Slot::Running) => return CommandEvidence::Running,
            Some(Slot::Done(evidence)) => return evidence.clone(),
            None => {}
        }
        slots.insert(command.to_owned(), Slot::Running);
        drop(slots);
        let runner = self.clone();
        let text = command.to_owned();
        let dir: PathBuf = dir.to_owned();
        let spawned = thread::Builder::new()
            .name("readiness-command".into())
            .spawn(move || {
                let evidence = command::run_tracked(&text, &dir, timeout, &runner.inner.groups);
                runner.slots().insert(text, Slot::Done(evidence));
                (runner.inner.on_done)();
            });
        match spawned {
            Ok(_) => {
                self.spin();
                CommandEvidence::Running
            }
            Err(e) => {
                let evidence = CommandEvidence::NotStarted(format!("no thread for it: {e}"));
                self.slots()
                    .insert(command.to_owned(), Slot::Done(evidence.clone()));
                evidence
            }
        }
    }

    /// Forgets the finished results, so that the next reload runs them again.
    /// Commands still running keep running.
    pub fn rerun(&self) {
        self.slots().retain(|_, slot| matches!(slot, Slot::Running));
    }

    /// Kills every command still running.
    pub fn kill_all(&self) {
        self.inner.groups.kill_all();
    }

    /// A guard that kills the running commands when dropped.
    pub fn kill_on_drop(&self) -> KillOnDrop {
        KillOnDrop(self.clone())
    }
}

/// Kills the runner's commands when dropped (the dashboard quits).
pub struct KillOnDrop(Runner);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        self.0.kill_all();
    }
}

//! The terminal's input: a thread blocked in crossterm's `event::read` (no
//! poll timeout, so it wakes only when there is input) that forwards keys,
//! mouse events and resizes to the dashboard's channel. However the thread
//! ends — the input failing, or a panic — it says so with
//! [`Event::InputClosed`], so the loop quits (and restores the terminal)
//! rather than run on deaf to `q`.
//!
//! While `$EDITOR` runs the thread must not read — it would take the
//! editor's keys — so [`Input::pause`] asks it to stop: it sets a flag and
//! raises SIGWINCH, which crossterm's reader turns into a resize, waking
//! the read; the thread sees the flag and waits until [`Input::resume`].

use std::io;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event as TermEvent, KeyEventKind};

use super::hooks::{self, Place};
use crate::event::{Event, Sender};

/// How long [`Input::pause`] waits for the thread to stop reading.
const PAUSE_BOUND: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Reading,
    PauseAsked,
    Paused,
}

#[derive(Default)]
struct Control {
    state: Mutex<Option<State>>,
    changed: Condvar,
}

impl Control {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<State>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The input thread's handle.
pub struct Input {
    control: Arc<Control>,
}

/// Sends [`Event::InputClosed`] when dropped: on the thread's way out,
/// unwinding included.
struct Closed {
    tx: Sender,
    reason: Option<String>,
}

impl Drop for Closed {
    fn drop(&mut self) {
        let reason = self
            .reason
            .take()
            .unwrap_or_else(|| "the input thread stopped".to_owned());
        // The loop may be gone already (it quit): nothing to tell then.
        let _ = self.tx.send(Event::InputClosed(reason));
    }
}

impl Input {
    /// Stops the thread reading (bounded wait); says whether it stopped.
    pub fn pause(&self) -> bool {
        *self.control.lock() = Some(State::PauseAsked);
        // Wakes a read in progress: crossterm turns SIGWINCH into a resize.
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
        let state = self.control.lock();
        let (state, _) = self
            .control
            .changed
            .wait_timeout_while(state, PAUSE_BOUND, |s| *s != Some(State::Paused))
            .unwrap_or_else(PoisonError::into_inner);
        *state == Some(State::Paused)
    }

    /// Lets the thread read again.
    pub fn resume(&self) {
        *self.control.lock() = Some(State::Reading);
        self.control.changed.notify_all();
    }
}

/// Starts forwarding input; the thread ends when the channel closes or the
/// terminal's input fails.
pub fn spawn(tx: Sender) -> io::Result<Input> {
    let control = Arc::new(Control::default());
    *control.lock() = Some(State::Reading);
    let shared = Arc::clone(&control);
    thread::Builder::new()
        .name("readiness-input".into())
        .spawn(move || {
            let mut closed = Closed {
                tx: tx.clone(),
                reason: None,
            };
            loop {
                wait_while_paused(&shared);
                let forwarded = match event::read() {
                    Ok(TermEvent::Key(key)) if key.kind != KeyEventKind::Release => {
                        hooks::fault(Place::Input);
                        tx.send(Event::Key(key))
                    }
                    Ok(TermEvent::Mouse(mouse)) => tx.send(Event::Mouse(mouse)),
                    Ok(TermEvent::Resize(..)) => tx.send(Event::Resize),
                    Ok(_) => Ok(()),
                    Err(error) => {
                        closed.reason = Some(error.to_string());
                        return;
                    }
                };
                if forwarded.is_err() {
                    return;
                }
            }
        })?;
    Ok(Input { control })
}

/// Blocks while a pause is asked for, saying it has stopped.
fn wait_while_paused(control: &Control) {
    let mut state = control.lock();
    while matches!(*state, Some(State::PauseAsked | State::Paused)) {
        if *state == Some(State::PauseAsked) {
            *state = Some(State::Paused);
            control.changed.notify_all();
        }
        state = control
            .changed
            .wait(state)
            .unwrap_or_else(PoisonError::into_inner);
    }
}

//! The terminal's input: a thread blocked in crossterm's `event::read` (no
//! poll timeout, so it wakes only when there is input) that forwards key
//! presses and resizes to the dashboard's channel. However the thread ends —
//! the input failing, or a panic — it says so with [`Event::InputClosed`],
//! so the loop quits (and restores the terminal) rather than run on deaf to
//! `q`.

use std::io;
use std::thread;

use ratatui::crossterm::event::{self, Event as TermEvent, KeyEventKind};

use crate::event::{Event, Sender};

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

/// Starts forwarding input; the thread ends when the channel closes or the
/// terminal's input fails.
pub fn spawn(tx: Sender) -> io::Result<()> {
    let panic_on_key = super::test_panic_is("input");
    thread::Builder::new()
        .name("readiness-input".into())
        .spawn(move || {
            let mut closed = Closed {
                tx: tx.clone(),
                reason: None,
            };
            loop {
                let forwarded = match event::read() {
                    Ok(TermEvent::Key(key)) if key.kind != KeyEventKind::Release => {
                        if panic_on_key {
                            panic!("READINESS_TEST_PANIC=input: panicking on purpose on input");
                        }
                        tx.send(Event::Key(key))
                    }
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
        })
        .map(drop)
}

//! The terminal's input: a thread blocked in crossterm's `event::read` (no
//! poll timeout, so it wakes only when there is input) that forwards key
//! presses and resizes to the dashboard's channel.

use std::io;
use std::thread;

use ratatui::crossterm::event::{self, Event as TermEvent, KeyEventKind};

use crate::event::{Event, Sender};

/// Starts forwarding input; the thread ends when the channel closes or the
/// terminal's input fails.
pub fn spawn(tx: Sender) -> io::Result<()> {
    thread::Builder::new()
        .name("readiness-input".into())
        .spawn(move || {
            loop {
                let forwarded = match event::read() {
                    Ok(TermEvent::Key(key)) if key.kind != KeyEventKind::Release => {
                        tx.send(Event::Key(key))
                    }
                    Ok(TermEvent::Resize(..)) => tx.send(Event::Resize),
                    Ok(_) => Ok(()),
                    Err(error) => {
                        let _ = tx.send(Event::InputClosed(error.to_string()));
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

//! The terminal while the dashboard runs (SPEC §4 "restored on every exit
//! path"): raw mode and the alternate screen via `ratatui::try_init`, frames
//! wrapped in synchronized updates so tmux and modern terminals never show
//! half a frame, and restoration from three places — the [`Tui`] guard's
//! `Drop` (normal exits and unwinding), a panic hook (installed before the
//! first frame), and [`forward_signals`], which turns SIGTERM, SIGHUP and
//! SIGINT into a quit for the event loop instead of a death that leaves the
//! pane in the alternate screen with the cursor hidden.

use std::io::{self, Write as _};
use std::sync::Once;
use std::thread;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, LeaveAlternateScreen, disable_raw_mode,
};
use ratatui::crossterm::{execute, queue};
use ratatui::{DefaultTerminal, Frame};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// The terminal in dashboard mode; dropping it restores the terminal.
pub struct Tui {
    terminal: DefaultTerminal,
}

impl Tui {
    /// Enters raw mode and the alternate screen.
    pub fn enter() -> io::Result<Tui> {
        install_panic_hook();
        match ratatui::try_init() {
            Ok(terminal) => Ok(Tui { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Draws one frame as a single synchronized update.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        let drawn = self.terminal.draw(render).map(drop);
        // End the update even when the draw failed, so the terminal is not
        // left holding back output.
        let ended = execute!(self.terminal.backend_mut(), EndSynchronizedUpdate);
        drawn.and(ended)
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode and the alternate screen and shows the cursor. Safe to call
/// more than once and on a terminal that has gone away (errors are ignored:
/// there is nothing better to do with them on the way out).
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(out, EndSynchronizedUpdate, LeaveAlternateScreen, Show);
    let _ = out.flush();
}

/// Chains a hook that restores the terminal (cursor included) before the
/// panic message is printed, so the message lands on the normal screen.
/// `ratatui::try_init` adds its own hook too; restoring twice is harmless.
///
/// Only a panic on the main thread (the event loop) ends the dashboard. The
/// reload worker catches a panic of the core and shows it in the error
/// banner instead, so for other threads the hook stays silent: restoring or
/// printing there would tear the dashboard that is still running.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if thread::current().name() == Some("main") {
                restore();
                previous(info);
            }
        }));
    });
}

/// The signals that end the dashboard.
pub const QUIT_SIGNALS: [i32; 3] = [SIGTERM, SIGHUP, SIGINT];

/// Calls `on_signal` from a thread for each SIGTERM, SIGHUP or SIGINT, so
/// the event loop can quit and restore the terminal. (In raw mode Ctrl-C is
/// a key, not SIGINT; SIGINT still comes from `kill -INT`.)
pub fn forward_signals(on_signal: impl Fn(i32) + Send + 'static) -> io::Result<()> {
    let mut signals = Signals::new(QUIT_SIGNALS)?;
    thread::Builder::new()
        .name("readiness-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                on_signal(signal);
            }
        })
        .map(drop)
}

/// The conventional exit status of a process ended by `signal`.
pub fn signal_exit_status(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(1)
}

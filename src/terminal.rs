//! The terminal while the dashboard runs (docs/dashboard.md, "The
//! terminal"): raw mode, the alternate screen, a hidden cursor and mouse
//! reporting, set up here
//! (not with `ratatui::init`, whose panic hook would restore the terminal on
//! a panic of any thread, even one caught, and leave the dashboard drawing
//! on the normal screen); frames wrapped in synchronized updates so tmux and
//! modern terminals never show half a frame; and restoration from three
//! places — the [`Tui`] guard's `Drop` (normal exits and unwinding), our
//! panic hook (installed before the first frame), and [`forward_signals`],
//! which turns SIGTERM, SIGHUP and SIGINT into a quit for the event loop
//! instead of a death that leaves the pane in the alternate screen with the
//! cursor hidden. Job control is forwarded too: on SIGTSTP (or Ctrl-Z, a
//! key in raw mode) the loop gives the terminal back ([`Tui::suspend`])
//! before stopping, and on SIGCONT sets it up again and redraws
//! ([`Tui::resume`]); the same pair wraps `$EDITOR`.
//!
//! What a panic does depends on where it happens:
//! - on the main thread (the event loop): the hook restores the terminal,
//!   then prints the message on the normal screen; the process ends.
//! - inside [`catch_quietly`] (the reload and history workers evaluating the
//!   manifest), or on a rayon worker (rayon hands the panic to the thread
//!   that waits for the work): nothing — the catcher shows it in the error
//!   banner and the dashboard keeps running.
//! - on any other thread: the message is kept, and the loop is woken (see
//!   [`on_fatal`]) to quit, restore the terminal, print it and exit with 101.

use std::cell::Cell;
use std::io::{self, Stdout, Write as _};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, Once, PoisonError};
use std::thread;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{execute, queue};
use ratatui::{Frame, Terminal};

use crate::sink::terminal::Clean;
use crate::ui::palette::Depth;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

/// The terminal in dashboard mode; dropping it restores the terminal.
pub struct Tui {
    /// Every cell cleaned before crossterm writes it ([`crate::sink`]).
    terminal: Terminal<Clean<CrosstermBackend<Stdout>>>,
}

impl Tui {
    /// Enters raw mode and the alternate screen, hides the cursor and asks
    /// for mouse events.
    pub fn enter() -> io::Result<Tui> {
        install_panic_hook();
        let set_up = || -> io::Result<Terminal<Clean<CrosstermBackend<Stdout>>>> {
            set_up()?;
            cleaned_terminal()
        };
        match set_up() {
            Ok(terminal) => Ok(Tui { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Gives the terminal back to the shell (or an editor): as on exit.
    pub fn suspend(&mut self) {
        restore();
    }

    /// Takes the terminal again after [`Tui::suspend`] or a SIGCONT, and
    /// forgets what was on screen, so the next frame is drawn whole. (A new
    /// `Terminal` rather than `Terminal::clear`, which asks the terminal for
    /// the cursor's position: its answer would reach the input thread.)
    pub fn resume(&mut self) -> io::Result<()> {
        set_up()?;
        execute!(self.terminal.backend_mut(), Clear(ClearType::All))?;
        self.terminal = cleaned_terminal()?;
        Ok(())
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

/// A terminal on stdout whose every cell goes through the cleaning sink, in
/// the colours `COLORTERM` says the terminal has ([`Depth::from_colorterm`]).
fn cleaned_terminal() -> io::Result<Terminal<Clean<CrosstermBackend<Stdout>>>> {
    #[allow(clippy::disallowed_methods)] // wrapped in the cleaning sink
    let stdout = io::stdout();
    let depth = Depth::from_colorterm(std::env::var_os("COLORTERM").as_deref());
    Terminal::new(Clean(CrosstermBackend::new(stdout), depth))
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore();
        // Nothing is left to wake once the dashboard is gone.
        *lock(&ON_FATAL) = None;
    }
}

/// Raw mode, the alternate screen, a hidden cursor and mouse reporting.
#[allow(clippy::disallowed_methods)] // our own control sequences, no text
fn set_up() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, Hide, EnableMouseCapture)
}

/// Leaves raw mode and the alternate screen, stops mouse reporting and shows
/// the cursor. Safe to call more than once and on a terminal that has gone
/// away (errors are ignored: there is nothing better to do with them on the
/// way out).
#[allow(clippy::disallowed_methods)] // our own control sequences, no text
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = out.flush();
}

thread_local! {
    /// How many [`catch_quietly`] calls this thread is inside.
    static CATCHING: Cell<u32> = const { Cell::new(0) };
}

/// The message of a panic on a thread other than the main one, which ends
/// the dashboard.
static FATAL: Mutex<Option<String>> = Mutex::new(None);
/// Wakes the event loop after such a panic.
type Wake = Box<dyn Fn() + Send>;
static ON_FATAL: Mutex<Option<Wake>> = Mutex::new(None);

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `f`, catching a panic in it; the panic hook leaves the terminal (and
/// stderr) alone for it, since the caller reports it on the dashboard.
pub fn catch_quietly<R>(f: impl FnOnce() -> R) -> thread::Result<R> {
    struct Depth;
    impl Drop for Depth {
        fn drop(&mut self) {
            CATCHING.with(|c| c.set(c.get().saturating_sub(1)));
        }
    }
    CATCHING.with(|c| c.set(c.get() + 1));
    let _depth = Depth;
    panic::catch_unwind(AssertUnwindSafe(f))
}

/// Calls `wake` (from the panicking thread) when a thread other than the
/// main one panics outside [`catch_quietly`]: the event loop should quit,
/// and [`take_fatal`] says why. Replaces the previous callback; cleared when
/// the [`Tui`] is dropped.
pub fn on_fatal(wake: impl Fn() + Send + 'static) {
    *lock(&ON_FATAL) = Some(Box::new(wake));
}

/// The panic that should end the dashboard, once it has happened.
pub fn take_fatal() -> Option<String> {
    lock(&FATAL).take()
}

/// Chains our hook before the default one (see the module's documentation
/// for what each kind of panic does).
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) > 0 || rayon::current_thread_index().is_some() {
                return;
            }
            let current = thread::current();
            if current.name() == Some("main") {
                restore();
                previous(info);
                return;
            }
            let name = current.name().unwrap_or("unnamed");
            let mut fatal = lock(&FATAL);
            if fatal.is_none() {
                *fatal = Some(format!("thread '{name}' {info}"));
            }
            drop(fatal);
            if let Some(wake) = &*lock(&ON_FATAL) {
                wake();
            }
        }));
    });
}

/// What a forwarded signal asks of the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGTERM, SIGHUP or SIGINT (the number).
    Quit(i32),
    /// SIGTSTP.
    Suspend,
    /// SIGCONT.
    Resumed,
}

/// Calls `on_signal` from a thread for each SIGTERM, SIGHUP, SIGINT,
/// SIGTSTP or SIGCONT, so the event loop can quit, or suspend, restoring the
/// terminal first. (In raw mode Ctrl-C and Ctrl-Z are keys, not signals;
/// the signals still come from `kill`.)
pub fn forward_signals(on_signal: impl Fn(Signal) + Send + 'static) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
    thread::Builder::new()
        .name("readiness-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                on_signal(match signal {
                    SIGTSTP => Signal::Suspend,
                    SIGCONT => Signal::Resumed,
                    quit => Signal::Quit(quit),
                });
            }
        })
        .map(drop)
}

/// Stops the process as SIGTSTP would have without our handler, until
/// SIGCONT (`fg`); the caller gives the terminal back first.
pub fn stop() -> io::Result<()> {
    signal_hook::low_level::emulate_default_handler(SIGTSTP)
}

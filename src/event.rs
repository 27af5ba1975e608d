//! The one event type the dashboard's loop receives, and its channel. Every
//! source — the terminal's input, the file watch, the reload worker, the
//! midnight timer and the signal handler — runs on its own thread and sends
//! here; the loop blocks on the receiver, so an idle dashboard sleeps.

use std::sync::{Arc, mpsc};

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use crate::app::LoadOutcome;
use crate::standup::Standup;
use crate::view::View;

/// Something the dashboard must react to.
#[derive(Debug)]
pub enum Event {
    /// A key press.
    Key(KeyEvent),
    /// The mouse: a click or the wheel.
    Mouse(MouseEvent),
    /// The terminal's size changed.
    Resize,
    /// A gate's command is running: its spinner moves.
    Spin,
    /// The watch saw the manifest or an evidence file change, or a gate's
    /// command finished.
    FileChanged,
    /// The reload worker finished; `covers` is the newest reload request the
    /// result includes.
    Loaded { outcome: LoadOutcome, covers: u64 },
    /// The Monte Carlo trials of the load that covered `covers` ran: the
    /// same snapshot with its percentiles. Shown only while that load is
    /// still the one on screen.
    Completed { outcome: LoadOutcome, covers: u64 },
    /// The file's history was read (since and scope), with the view of the
    /// snapshot it was compared with, built with it.
    Standup {
        standup: Arc<Standup>,
        view: Option<Arc<View>>,
    },
    /// The local date rolled over.
    DayChanged(NaiveDate),
    /// A signal (SIGTERM, SIGHUP, SIGINT) asks the dashboard to quit.
    Quit(i32),
    /// SIGTSTP: stop until `fg`, the terminal given back meanwhile.
    Suspend,
    /// SIGCONT: the terminal may have been changed meanwhile; set it up and
    /// draw again.
    Resumed,
    /// The terminal's input failed (e.g. the terminal went away).
    InputClosed(String),
    /// The portfolio: a member arrived or was computed again (`complete`
    /// once its trials ran).
    Member {
        index: usize,
        member: Box<crate::portfolio::Member>,
        complete: bool,
    },
    /// An edit, a new task or an undo from the dashboard was written or
    /// refused: what the status line says, how many edits `u` can undo,
    /// and whether to reload (the file is not what is shown).
    Edited {
        report: crate::app::EditReport,
        reload: bool,
    },
}

/// The sending side, cloned into each source's thread.
pub type Sender = mpsc::Sender<Event>;
/// The loop's side.
pub type Receiver = mpsc::Receiver<Event>;

/// The dashboard's channel.
pub fn channel() -> (Sender, Receiver) {
    mpsc::channel()
}

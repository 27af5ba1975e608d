//! The live dashboard (`readiness [FILE]` on a terminal): wires the sources
//! of [`crate::event::Event`] to one channel — terminal input, the folder
//! watch, the reload worker, the midnight timer and quit signals — and runs
//! the loop: block on the channel, update the [`App`], draw only when
//! something changed. There is no frame timer; the only timed wait is the
//! [`RELOADING_AFTER`] grace while a reload is in flight, after which the
//! status line says "reloading…".
//!
//! `READINESS_WATCH=poll` forces the polling fallback of [`crate::watch`]
//! (for tests and for file systems whose notifications are unreliable).
//! `READINESS_TEST_PANIC` is for the tests of what a panic does, and does
//! nothing else: `1` panics on the main thread right after the first frame,
//! `thread` on a thread of its own then, `input` on the input thread at the
//! first key, and `loader` inside every evaluation of the manifest (caught:
//! the banner shows it).

mod history;
mod input;
mod loader;
mod midnight;
mod reloader;

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::app::{Action, App, AppOptions, LoadOutcome, WatchStatus};
use crate::collect;
use crate::event::{self, Event, Receiver};
use crate::manifest_file;
use crate::model;
use crate::terminal::{self, Tui};
use crate::watch;
use reloader::Reloader;

/// A reload that takes longer than this is shown as "reloading…".
pub const RELOADING_AFTER: Duration = Duration::from_millis(100);

/// Exit status when the manifest cannot be read at start (SPEC §3).
const EXIT_UNREADABLE: u8 = 2;
/// Exit status when the terminal fails under the dashboard.
const EXIT_TERMINAL: u8 = 1;
/// Exit status after a panic, as Rust's own.
const EXIT_PANIC: u8 = 101;

/// How the dashboard starts.
#[derive(Debug, Clone)]
pub struct LiveOptions {
    /// A fixed date (`--today`); the clock's date, following midnight, when `None`.
    pub today: Option<NaiveDate>,
    pub app: AppOptions,
    /// Figures options (`--trials`).
    pub model: model::Options,
    pub watch: watch::Mode,
    /// `--since`: the comparison day instead of the previous working day.
    pub since: Option<NaiveDate>,
    /// `--present`: start in presentation mode.
    pub present: bool,
    /// `--allow-commands`: run the `command` gates (in the background).
    pub allow_commands: bool,
}

impl LiveOptions {
    /// Options with the watch mode taken from `READINESS_WATCH` (`poll`
    /// forces polling).
    pub fn new(today: Option<NaiveDate>, app: AppOptions, model: model::Options) -> LiveOptions {
        let watch = match std::env::var("READINESS_WATCH").as_deref() {
            Ok("poll") => watch::Mode::Poll {
                reason: "READINESS_WATCH=poll".into(),
            },
            _ => watch::Mode::Notify,
        };
        LiveOptions {
            today,
            app,
            model,
            watch,
            since: None,
            present: false,
            allow_commands: false,
        }
    }
}

/// Runs the dashboard on `path` until the user quits.
pub fn run(path: &Path, options: LiveOptions) -> ExitCode {
    // SPEC §3: a file that cannot be read at start is an error on the normal
    // screen, before the alternate screen is entered.
    if let Err(error) = manifest_file::read(path) {
        eprintln!("error: {error}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    match Dashboard::start(path, options).and_then(Dashboard::run) {
        Ok((code, farewell)) => {
            // The terminal is restored by now: the message lands on the
            // normal screen.
            if let Some(message) = farewell {
                eprintln!("error: {message}");
            }
            ExitCode::from(code)
        }
        Err(error) => {
            // The Tui guard has restored the terminal by now.
            eprintln!("error: the dashboard's terminal failed: {error}");
            ExitCode::from(EXIT_TERMINAL)
        }
    }
}

/// The running dashboard: the app, the terminal and the sources' handles.
struct Dashboard {
    app: App,
    rx: Receiver,
    reloader: Reloader,
    /// Reads the file's git history (since, scope) off the UI thread, for
    /// the snapshot in `latest`.
    history: Reloader,
    latest: history::Latest,
    /// `r` was pressed: compare the history again after the next load even
    /// when the manifest did not change (a commit moves the scope).
    history_due: bool,
    today: Arc<Mutex<NaiveDate>>,
    /// The newest reload request, and since when one has been in flight.
    requested: u64,
    in_flight: Option<Instant>,
    reloading_shown: bool,
    /// Kept alive for its notifications; the loader updates its evidence
    /// targets. It may fall back to polling while running.
    watch: Arc<watch::Watch>,
    polling_shown: bool,
    /// Runs the `command` gates (`--allow-commands`); `r` runs them again.
    commands: Option<collect::Runner>,
    /// Kills the commands still running when the dashboard quits.
    _kill_commands: Option<collect::runner::KillOnDrop>,
    /// Printed after the terminal is restored (why the dashboard stopped).
    farewell: Option<String>,
    tui: Tui,
}

impl Dashboard {
    fn start(path: &Path, options: LiveOptions) -> io::Result<Dashboard> {
        let (tx, rx) = event::channel();
        let today = options
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let today = Arc::new(Mutex::new(today));

        // Evidence files change like the manifest does; a finished command
        // asks for a reload the same way.
        let watch = {
            let tx = tx.clone();
            Arc::new(watch::watch(
                path,
                options.watch,
                move |watch::Notice::Changed| {
                    let _ = tx.send(Event::FileChanged);
                },
            )?)
        };
        let commands = options.allow_commands.then(|| {
            let (done, spin) = (tx.clone(), tx.clone());
            collect::Runner::with_spinner(
                move || {
                    let _ = done.send(Event::FileChanged);
                },
                move || {
                    let _ = spin.send(Event::Spin);
                },
            )
        });

        let reloader = {
            let path: PathBuf = path.to_owned();
            let today = Arc::clone(&today);
            let tx = tx.clone();
            let model = options.model;
            let watch = Arc::clone(&watch);
            let commands = commands.clone();
            Reloader::spawn(
                move || {
                    let today = *today.lock().unwrap_or_else(PoisonError::into_inner);
                    let commands = match &commands {
                        Some(runner) => collect::Commands::Background(runner),
                        None => collect::Commands::Forbidden,
                    };
                    loader::load_with(&path, today, model, commands, Some(&watch))
                },
                move |outcome, covers| {
                    let _ = tx.send(Event::Loaded { outcome, covers });
                },
            )?
        };
        let requested = reloader.request();
        // Asked for once the first snapshot loads.
        let latest = history::Latest::default();
        let history = history::spawn(
            path,
            Arc::clone(&latest),
            options.model,
            options.since,
            tx.clone(),
        )?;

        if options.today.is_none() {
            let tx = tx.clone();
            // The day `today` was read on, so a start straddling midnight
            // still moves on.
            let started = *today.lock().unwrap_or_else(PoisonError::into_inner);
            midnight::spawn(started, move |day| tx.send(Event::DayChanged(day)).is_ok())?;
        }
        {
            let tx = tx.clone();
            terminal::forward_signals(move |signal| {
                let _ = tx.send(Event::Quit(signal));
            })?;
        }

        let mut app = App::new(path.to_owned(), options.app);
        app.set_present(options.present);
        let polling = watch.polling_reason();
        let polling_shown = polling.is_some();
        app.set_watch_status(match polling {
            Some(reason) => WatchStatus::Polling { reason },
            None => WatchStatus::Watching,
        });
        let tui = Tui::enter()?;
        {
            // A panic on a thread other than this one ends the dashboard
            // through the loop, which restores the terminal.
            let tx = tx.clone();
            terminal::on_fatal(move || {
                let _ = tx.send(Event::Quit(0));
            });
        }
        input::spawn(tx)?;
        Ok(Dashboard {
            app,
            rx,
            reloader,
            history,
            latest,
            history_due: false,
            today,
            requested,
            in_flight: Some(Instant::now()),
            reloading_shown: false,
            watch,
            polling_shown,
            _kill_commands: commands.as_ref().map(collect::Runner::kill_on_drop),
            commands,
            farewell: None,
            tui,
        })
    }

    /// The loop; returns the exit status and what to print once the
    /// terminal is restored.
    fn run(mut self) -> io::Result<(u8, Option<String>)> {
        let mut first_frame = true;
        let mut dirty = false;
        loop {
            let mut step = match self.next_event() {
                Some(event) => self.handle(event),
                None => {
                    // The grace period ran out with a reload still running.
                    self.app.on_reloading();
                    self.reloading_shown = true;
                    Step::Redraw
                }
            };
            // Take in everything already queued before drawing, so a burst
            // of keys or resizes costs one frame.
            loop {
                match step {
                    Step::Quit(code) => return Ok(self.quit(code)),
                    Step::Redraw => dirty = true,
                    Step::Nothing => {}
                }
                match self.rx.try_recv() {
                    Ok(event) => step = self.handle(event),
                    Err(_) => break,
                }
            }
            // Before the first load lands, hold the first frame for the grace
            // period rather than flash an empty dashboard.
            let holding = first_frame && self.in_flight.is_some() && !self.reloading_shown;
            if dirty && !holding {
                self.tui.draw(|frame| crate::ui::draw(&self.app, frame))?;
                dirty = false;
                if first_frame {
                    first_frame = false;
                    test_panic()?;
                }
            }
        }
    }

    /// The next event; `None` when a reload has been in flight for the grace
    /// period and "reloading…" is not shown yet. Otherwise blocks without a
    /// timeout. A closed channel (every source gone) is treated as a quit.
    fn next_event(&self) -> Option<Event> {
        match self.in_flight {
            Some(since) if !self.reloading_shown => {
                let left = RELOADING_AFTER.saturating_sub(since.elapsed());
                match self.rx.recv_timeout(left) {
                    Ok(event) => Some(event),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => Some(Event::Quit(0)),
                }
            }
            _ => Some(self.rx.recv().unwrap_or(Event::Quit(0))),
        }
    }

    fn handle(&mut self, event: Event) -> Step {
        match event {
            Event::Key(key) => match self.app.on_key(key) {
                Action::None => Step::Nothing,
                Action::Redraw => Step::Redraw,
                Action::Reload => {
                    if let Some(runner) = &self.commands {
                        runner.rerun();
                    }
                    self.history_due = true;
                    self.request_reload();
                    Step::Redraw
                }
                Action::Quit => Step::Quit(0),
            },
            Event::Resize => Step::Redraw,
            Event::Spin => {
                if self.app.on_spin() {
                    Step::Redraw
                } else {
                    Step::Nothing
                }
            }
            Event::FileChanged => {
                self.request_reload();
                // The watch could not be re-armed (its folder replaced) and
                // polls now: the status line says so.
                if !self.polling_shown
                    && let Some(reason) = self.watch.polling_reason()
                {
                    self.polling_shown = true;
                    self.app.set_watch_status(WatchStatus::Polling { reason });
                    return Step::Redraw;
                }
                Step::Nothing
            }
            Event::Loaded { outcome, covers } => {
                if let LoadOutcome::Loaded { snapshot, .. } = &outcome {
                    self.offer_history(snapshot);
                }
                self.app.on_load(outcome);
                if covers >= self.requested {
                    self.in_flight = None;
                }
                self.reloading_shown = false;
                Step::Redraw
            }
            Event::Standup(standup) => {
                if self.app.on_standup(standup) {
                    Step::Redraw
                } else {
                    Step::Nothing
                }
            }
            Event::DayChanged(day) => {
                *self.today.lock().unwrap_or_else(PoisonError::into_inner) = day;
                self.request_reload();
                Step::Nothing
            }
            Event::Quit(0) => Step::Quit(0),
            Event::Quit(signal) => Step::Quit(terminal::signal_exit_status(signal)),
            Event::InputClosed(reason) => {
                self.farewell = Some(format!("the terminal's input failed: {reason}"));
                Step::Quit(EXIT_TERMINAL)
            }
        }
    }

    /// The exit status and farewell; a panic on another thread overrides
    /// whatever quit the loop.
    fn quit(&mut self, code: u8) -> (u8, Option<String>) {
        match terminal::take_fatal() {
            Some(panic) => (EXIT_PANIC, Some(format!("the dashboard stopped: {panic}"))),
            None => (code, self.farewell.take()),
        }
    }

    /// Hands a freshly loaded snapshot to the history worker when its
    /// manifest or date changed (not for evidence files or finished
    /// commands), or when `r` asked for it.
    fn offer_history(&mut self, snapshot: &Arc<model::Snapshot>) {
        let mut latest = self.latest.lock().unwrap_or_else(PoisonError::into_inner);
        if self.history_due || history::changed(latest.as_deref(), snapshot) {
            *latest = Some(Arc::clone(snapshot));
            drop(latest);
            self.history_due = false;
            self.history.request();
        }
    }

    fn request_reload(&mut self) {
        self.requested = self.reloader.request();
        self.in_flight.get_or_insert_with(Instant::now);
    }
}

/// What the loop does after an event.
enum Step {
    Nothing,
    Redraw,
    Quit(u8),
}

/// Whether `READINESS_TEST_PANIC` is `value` (tests of what a panic does).
fn test_panic_is(value: &str) -> bool {
    std::env::var_os("READINESS_TEST_PANIC").is_some_and(|v| v == value)
}

/// After the first frame: `READINESS_TEST_PANIC=1` panics here (the main
/// thread), `thread` on a thread of its own.
fn test_panic() -> io::Result<()> {
    if test_panic_is("1") {
        panic!("READINESS_TEST_PANIC=1: panicking on purpose to test terminal restoration");
    }
    if test_panic_is("thread") {
        std::thread::Builder::new()
            .name("readiness-test-panic".into())
            .spawn(|| {
                panic!("READINESS_TEST_PANIC=thread: panicking on purpose on a worker thread")
            })?;
    }
    Ok(())
}

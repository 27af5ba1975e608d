//! The live dashboard (`readiness [FILE]` on a terminal): wires the sources
//! of [`crate::event::Event`] to one channel — terminal input, the folder
//! watch, the reload worker, the history worker, the midnight timer and
//! signals — and runs the loop: block on the channel, update the [`App`],
//! draw only when something changed. There is no frame timer; the only
//! timed waits are the [`RELOADING_AFTER`] grace while a reload is in
//! flight, after which the status line says "reloading…", and the
//! [`NOTE_FOR`] a remark such as "reloaded" stays.
//!
//! `READINESS_WATCH=poll` forces the polling fallback of [`crate::watch`]
//! (for file systems whose notifications are unreliable). The faults the
//! tests inject live in [`hooks`], compiled out of the product.

mod editor;
mod edits;
mod history;
mod hooks;
mod input;
mod loader;
mod midnight;
mod portfolio;
mod reloader;
mod trials;

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
use crate::exit;
use crate::manifest_file;
use crate::model;
use crate::terminal::{self, Signal, Tui};
use crate::view::View;
use crate::watch;
use edits::Job;
pub use portfolio::run as run_portfolio;
use reloader::Reloader;

/// A reload that takes longer than this is shown as "reloading…".
pub const RELOADING_AFTER: Duration = Duration::from_millis(100);
/// How long a remark ("reloaded 14:02:11") stays in the status line when no
/// key clears it first.
pub const NOTE_FOR: Duration = Duration::from_secs(3);

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
    /// Opened from the portfolio: `Esc` with nothing to close goes back.
    pub back_quits: bool,
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
            back_quits: false,
        }
    }
}

/// Runs the dashboard on `path` until the user quits.
pub fn run(path: &Path, options: LiveOptions) -> ExitCode {
    // A file that cannot be read at start is an error on the normal screen,
    // before the alternate screen is entered; the text read is the first
    // load's (the file is read once at start).
    let text = match manifest_file::read(path) {
        Ok(text) => text,
        Err(error) => {
            crate::sink::stderr_line(&format!("error: {error}"));
            return ExitCode::from(exit::ERROR);
        }
    };
    ended(Dashboard::start(path, options, text).and_then(Dashboard::run))
}

/// The exit status of a dashboard that ended, its farewell (or why its
/// terminal failed) printed on the normal screen: the terminal is restored
/// by now.
fn ended(result: io::Result<(u8, Option<String>)>) -> ExitCode {
    match result {
        Ok((code, farewell)) => {
            if let Some(message) = farewell {
                crate::sink::stderr_line(&format!("error: {message}"));
            }
            ExitCode::from(code)
        }
        Err(error) => {
            crate::sink::stderr_line(&format!("error: the dashboard's terminal failed: {error}"));
            ExitCode::from(exit::ERROR)
        }
    }
}

/// Signals into the loop: quit, suspend, resumed.
fn forward_signals(tx: event::Sender) -> io::Result<()> {
    terminal::forward_signals(move |signal| {
        let _ = tx.send(match signal {
            Signal::Quit(n) => Event::Quit(n),
            Signal::Suspend => Event::Suspend,
            Signal::Resumed => Event::Resumed,
        });
    })
}

/// The exit status and farewell; a panic on another thread overrides
/// whatever quit the loop.
fn quit_with(code: u8, farewell: Option<String>) -> (u8, Option<String>) {
    match terminal::take_fatal() {
        Some(panic) => (exit::PANIC, Some(format!("the dashboard stopped: {panic}"))),
        None => (code, farewell),
    }
}

/// The running dashboard: the app, the terminal and the sources' handles.
struct Dashboard {
    path: PathBuf,
    app: App,
    rx: Receiver,
    reloader: Reloader,
    /// Reads the file's git history (since, scope) off the UI thread, for
    /// the view in `latest`.
    history: Reloader,
    latest: history::Latest,
    /// `r` was pressed: compare the history again after the next load even
    /// when the manifest did not change (a commit moves the scope).
    history_due: bool,
    today: Arc<Mutex<NaiveDate>>,
    /// The newest reload request, and since when one has been in flight.
    requested: u64,
    /// The newest reload request the load on screen covers.
    shown: u64,
    in_flight: Option<Instant>,
    reloading_shown: bool,
    /// When the status line's remark goes.
    note_until: Option<Instant>,
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
    input: input::Input,
    /// Writes the edits made from the dashboard, in order.
    edits: edits::Edits,
    tui: Tui,
}

impl Dashboard {
    fn start(path: &Path, options: LiveOptions, text: String) -> io::Result<Dashboard> {
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

        // The Monte Carlo trials each load leaves, run after its first frame.
        let trials = trials::TrialsWorker::spawn(tx.clone())?;
        // The history last read, which the reload worker builds views with.
        let shared: history::Shared = Arc::default();
        let reloader = {
            let path: PathBuf = path.to_owned();
            let today = Arc::clone(&today);
            let tx = tx.clone();
            let model = options.model;
            let watch = Arc::clone(&watch);
            let commands = commands.clone();
            let shared = Arc::clone(&shared);
            let mut first = Some(text);
            Reloader::spawn(
                move || {
                    let today = *today.lock().unwrap_or_else(PoisonError::into_inner);
                    let how = loader::Load {
                        options: model,
                        commands: match &commands {
                            Some(runner) => collect::Commands::Background(runner),
                            None => collect::Commands::Forbidden,
                        },
                        watch: Some(&watch),
                        standup: shared
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .clone(),
                        text: first.take(),
                    };
                    loader::load(&path, today, how)
                },
                move |(outcome, left), covers| {
                    let _ = tx.send(Event::Loaded { outcome, covers });
                    if let Some(left) = left {
                        trials.hand(left, covers);
                    }
                },
            )?
        };
        let requested = reloader.request();
        // Asked for once the first snapshot loads.
        let latest = history::Latest::default();
        let history = history::spawn(
            path,
            Arc::clone(&latest),
            shared,
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
        forward_signals(tx.clone())?;

        let mut app = App::new(path.to_owned(), options.app);
        app.set_present(options.present);
        app.set_back_quits(options.back_quits);
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
        let edits = edits::Edits::spawn(path.to_owned(), Arc::clone(&today), tx.clone())?;
        let input = input::spawn(tx)?;
        Ok(Dashboard {
            path: path.to_owned(),
            app,
            rx,
            reloader,
            history,
            latest,
            history_due: false,
            today,
            requested,
            shown: 0,
            in_flight: Some(Instant::now()),
            reloading_shown: false,
            note_until: None,
            watch,
            polling_shown,
            _kill_commands: commands.as_ref().map(collect::Runner::kill_on_drop),
            commands,
            farewell: None,
            input,
            edits,
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
                Some(event) => self.handle(event)?,
                None => self.on_timeout(),
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
                    Ok(event) => step = self.handle(event)?,
                    Err(_) => break,
                }
            }
            // Before the first load lands, hold the first frame for the grace
            // period rather than flash an empty dashboard.
            let holding = first_frame && self.in_flight.is_some() && !self.reloading_shown;
            if dirty && !holding {
                let mut regions = crate::app::Regions::default();
                self.tui
                    .draw(|frame| regions = crate::ui::draw(&self.app, frame))?;
                self.app.on_drawn(regions);
                dirty = false;
                if first_frame {
                    first_frame = false;
                    hooks::fault(hooks::Place::Main);
                    hooks::fault(hooks::Place::Thread);
                }
            }
        }
    }

    /// The next event; `None` when a deadline passed first (the reload
    /// grace, a remark's time). Otherwise blocks without a timeout. A closed
    /// channel (every source gone) is treated as a quit.
    fn next_event(&self) -> Option<Event> {
        let grace = match self.in_flight {
            Some(since) if !self.reloading_shown => Some(since + RELOADING_AFTER),
            _ => None,
        };
        let deadline = [grace, self.note_until].into_iter().flatten().min();
        match deadline {
            Some(at) => match self
                .rx
                .recv_timeout(at.saturating_duration_since(Instant::now()))
            {
                Ok(event) => Some(event),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Event::Quit(0)),
            },
            None => Some(self.rx.recv().unwrap_or(Event::Quit(0))),
        }
    }

    /// A deadline passed: the reload is slow, or a remark's time is up.
    fn on_timeout(&mut self) -> Step {
        let now = Instant::now();
        let mut step = Step::Nothing;
        if let Some(since) = self.in_flight
            && !self.reloading_shown
            && now >= since + RELOADING_AFTER
        {
            self.app.on_reloading();
            self.reloading_shown = true;
            step = Step::Redraw;
        }
        if self.note_until.is_some_and(|at| now >= at) {
            self.note_until = None;
            if self.app.clear_note() {
                step = Step::Redraw;
            }
        }
        step
    }

    fn handle(&mut self, event: Event) -> io::Result<Step> {
        Ok(match event {
            Event::Key(key) => {
                let action = self.app.on_key(key);
                self.act(action)?
            }
            Event::Mouse(mouse) => {
                let action = self.app.on_mouse(mouse);
                self.act(action)?
            }
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
                    return Ok(Step::Redraw);
                }
                Step::Nothing
            }
            Event::Loaded { outcome, covers } => {
                if let LoadOutcome::Loaded { view, .. } = &outcome {
                    self.offer_history(view);
                    self.shown = covers;
                }
                self.app.on_load(outcome);
                if self.app.note().is_some() {
                    self.note_until = Some(Instant::now() + NOTE_FOR);
                }
                if covers >= self.requested {
                    self.in_flight = None;
                }
                self.reloading_shown = false;
                Step::Redraw
            }
            Event::Completed { outcome, covers } => {
                // Of an older load than the one on screen: that one's own
                // trials follow.
                if covers != self.shown {
                    return Ok(Step::Nothing);
                }
                if let LoadOutcome::Loaded { view, .. } = &outcome {
                    self.offer_history(view);
                }
                self.app.on_completed(outcome);
                Step::Redraw
            }
            Event::Standup { standup, view } => {
                if self.app.on_standup(standup, view) {
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
            Event::Suspend => self.suspend()?,
            Event::Resumed => {
                self.tui.resume()?;
                Step::Redraw
            }
            Event::Quit(0) => Step::Quit(exit::OK),
            Event::Quit(signal) => Step::Quit(exit::signal(signal)),
            Event::Edited { report, reload } => {
                self.app.on_edited(report);
                self.note_until = Some(Instant::now() + NOTE_FOR);
                // A written edit comes back through the watch, like any save.
                if reload {
                    self.request_reload();
                }
                Step::Redraw
            }
            // The portfolio's own (crate::live::portfolio).
            Event::Member { .. } => Step::Nothing,
            Event::InputClosed(reason) => {
                self.farewell = Some(format!("the terminal's input failed: {reason}"));
                Step::Quit(exit::ERROR)
            }
        })
    }

    /// What the app asked for.
    fn act(&mut self, action: Action) -> io::Result<Step> {
        Ok(match action {
            Action::None => Step::Nothing,
            Action::Redraw => Step::Redraw,
            Action::Reload => {
                if let Some(runner) = &self.commands {
                    runner.rerun();
                }
                // A link swapped or a folder replaced unseen is followed
                // from here on.
                if let Err(reason) = self.watch.rearm() {
                    self.app.set_watch_status(WatchStatus::Polling { reason });
                }
                self.history_due = true;
                self.request_reload();
                Step::Redraw
            }
            Action::Quit => Step::Quit(exit::OK),
            Action::Suspend => self.suspend()?,
            Action::Edit { line } => self.edit(line)?,
            Action::SetTask(request) => self.edits.queue(Job::Set(request)),
            Action::AddTask(task) => self.edits.queue(Job::Add(task)),
            Action::Undo => self.edits.queue(Job::Undo),
        })
    }

    /// Ctrl-Z or SIGTSTP: the terminal back to the shell, stopped until
    /// `fg`, then set up and drawn again.
    fn suspend(&mut self) -> io::Result<Step> {
        self.tui.suspend();
        terminal::stop()?;
        self.tui.resume()?;
        Ok(Step::Redraw)
    }

    /// `e`: the editor on the manifest at `line`, the terminal and the input
    /// given to it meanwhile; a reload after.
    fn edit(&mut self, line: Option<usize>) -> io::Result<Step> {
        self.input.pause();
        self.tui.suspend();
        let ran = editor::run(&self.path, line);
        let resumed = self.tui.resume();
        self.input.resume();
        resumed?;
        match ran {
            Ok(status) if !status.success() => {
                self.app.say(format!("the editor exited with {status}"));
            }
            Err(e) => self.app.say(format!("cannot run the editor: {e}")),
            Ok(_) => {}
        }
        self.request_reload();
        Ok(Step::Redraw)
    }

    /// The exit status and farewell; a panic on another thread overrides
    /// whatever quit the loop.
    fn quit(&mut self, code: u8) -> (u8, Option<String>) {
        quit_with(code, self.farewell.take())
    }

    /// Hands a freshly loaded view to the history worker when its manifest
    /// or date changed (not for evidence files or finished commands), or
    /// when `r` asked for it.
    fn offer_history(&mut self, view: &Arc<View>) {
        let mut latest = self.latest.lock().unwrap_or_else(PoisonError::into_inner);
        let old = latest.as_ref().map(|v| &*v.snapshot);
        if self.history_due || history::changed(old, &view.snapshot) {
            *latest = Some(Arc::clone(view));
            drop(latest);
            self.history_due = false;
            self.history.request();
        } else {
            // The same manifest with other figures (evidence, the trials'
            // percentiles): the next history run builds on this view.
            *latest = Some(Arc::clone(view));
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

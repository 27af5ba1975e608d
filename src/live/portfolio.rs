//! The portfolio's dashboard (docs/portfolio.md, "The dashboard"):
//! `readiness FOLDER` (or several FILEs) on a terminal. The members are
//! computed off the UI thread and shown as they arrive
//! ([`members::load_streaming`]); every member file is watched, and a save
//! recomputes the member that changed (found by its size, time and inode)
//! with the trial count the others ran, so that the trials still pair up.
//! `Enter` opens the selected project's own dashboard — this binary,
//! started on that manifest with the terminal handed over, as `e` hands it
//! to the editor — and `Esc` there (with nothing to close) or `q` comes
//! back; the portfolio is drawn again at once.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;
use std::time::SystemTime;

use super::{LiveOptions, input};
use crate::app::portfolio::{PortfolioAction, PortfolioApp};
use crate::collect::WatchTarget;
use crate::event::{self, Event, Sender};
use crate::exit;
use crate::members::{self, Found, Settings};
use crate::terminal::{self, Tui};
use crate::ui::theme::Theme;

/// Runs the portfolio's dashboard until the user quits.
pub fn run(paths: &[PathBuf], options: LiveOptions) -> ExitCode {
    let found = match members::discover(paths) {
        Ok(found) if !found.is_empty() => found,
        Ok(_) => {
            crate::sink::stderr_line(&crate::cli::no_manifest_below(paths));
            return ExitCode::from(exit::ERROR);
        }
        Err(error) => {
            crate::sink::stderr_line(&format!("error: {error}"));
            return ExitCode::from(exit::ERROR);
        }
    };
    super::ended(Loop::start(found, options).and_then(Loop::run))
}

/// What the loop does after an event.
enum Step {
    Nothing,
    Redraw,
    Quit(u8),
}

/// What the worker is asked to compute.
enum Ask {
    /// These members again (they changed on disk).
    Members(Vec<usize>),
    /// Every member again (`r`).
    All,
}

/// A member file as last seen: size, modification time and inode.
type Seen = Option<(u64, Option<SystemTime>, u64)>;

fn seen(path: &Path) -> Seen {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some((meta.len(), meta.modified().ok(), inode))
}

struct Loop {
    found: Vec<Found>,
    options: LiveOptions,
    app: PortfolioApp,
    rx: event::Receiver,
    ask: mpsc::Sender<Ask>,
    seen: Vec<Seen>,
    /// Kept alive for its notifications.
    _watch: crate::watch::Watch,
    input: input::Input,
    farewell: Option<String>,
    tui: Tui,
}

impl Loop {
    fn start(found: Vec<Found>, options: LiveOptions) -> io::Result<Loop> {
        let (tx, rx) = event::channel();
        let today = options
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let settings = Settings {
            today,
            options: options.model,
            allow_commands: options.allow_commands,
            since: options.since,
            history: true,
        };
        // One watch: the first member's folder, and every other member's
        // file beside it.
        let watch = {
            let tx = tx.clone();
            crate::watch::watch(&found[0].path, options.watch.clone(), move |_| {
                let _ = tx.send(Event::FileChanged);
            })?
        };
        watch.watch_also(
            found[1..]
                .iter()
                .map(|f| WatchTarget::File(std::path::absolute(&f.path).unwrap_or(f.path.clone())))
                .collect(),
        );
        let seen = found.iter().map(|f| seen(&f.path)).collect();
        let ask = spawn_worker(found.clone(), settings, tx.clone())?;
        super::forward_signals(tx.clone())?;
        let tui = Tui::enter()?;
        {
            let tx = tx.clone();
            terminal::on_fatal(move || {
                let _ = tx.send(Event::Quit(0));
            });
        }
        let input = input::spawn(tx)?;
        Ok(Loop {
            app: PortfolioApp::new(today, found.len()),
            found,
            options,
            rx,
            ask,
            seen,
            _watch: watch,
            input,
            farewell: None,
            tui,
        })
    }

    fn run(mut self) -> io::Result<(u8, Option<String>)> {
        self.draw()?;
        loop {
            let event = self.rx.recv().unwrap_or(Event::Quit(0));
            let mut dirty = false;
            let mut step = self.handle(event)?;
            // Everything already queued, then one frame.
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
            if dirty {
                self.draw()?;
            }
        }
    }

    fn draw(&mut self) -> io::Result<()> {
        let theme = Theme::new(self.options.app.theme, self.options.app.no_color);
        let (view, state) = (self.app.view(), self.app.frame_state());
        self.tui.draw(|frame| {
            let area = frame.area();
            crate::ui::portfolio::draw(frame, area, view, state, &theme);
        })
    }

    fn handle(&mut self, event: Event) -> io::Result<Step> {
        Ok(match event {
            Event::Key(key) => match self.app.on_key(key) {
                PortfolioAction::Quit => Step::Quit(exit::OK),
                PortfolioAction::Suspend => {
                    self.suspend()?;
                    Step::Redraw
                }
                PortfolioAction::Open(i) => {
                    self.open(i)?;
                    Step::Redraw
                }
                PortfolioAction::Reload => {
                    let _ = self.ask.send(Ask::All);
                    Step::Nothing
                }
                PortfolioAction::Redraw => Step::Redraw,
                PortfolioAction::None => Step::Nothing,
            },
            Event::Member {
                index,
                member,
                complete,
            } => {
                self.app.on_member(index, *member, complete);
                Step::Redraw
            }
            Event::FileChanged => {
                let changed: Vec<usize> = (0..self.found.len())
                    .filter(|&i| {
                        let now = seen(&self.found[i].path);
                        let moved = now != self.seen[i];
                        self.seen[i] = now;
                        moved
                    })
                    .collect();
                if !changed.is_empty() {
                    let _ = self.ask.send(Ask::Members(changed));
                }
                Step::Nothing
            }
            Event::Resize => Step::Redraw,
            Event::Quit(0) => Step::Quit(exit::OK),
            Event::Quit(signal) => Step::Quit(exit::signal(signal)),
            Event::Suspend => {
                self.suspend()?;
                Step::Redraw
            }
            Event::Resumed => {
                self.tui.resume()?;
                Step::Redraw
            }
            Event::InputClosed(reason) => {
                self.farewell = Some(format!("the terminal's input failed: {reason}"));
                Step::Quit(exit::ERROR)
            }
            _ => Step::Nothing,
        })
    }

    fn suspend(&mut self) -> io::Result<()> {
        self.tui.suspend();
        terminal::stop()?;
        self.tui.resume()
    }

    /// `Enter`: the project's own dashboard, the terminal handed to it
    /// until it quits.
    fn open(&mut self, member: usize) -> io::Result<()> {
        let path = self.found[member].path.clone();
        if self.found[member].kind == members::Kind::Report {
            // A report has no manifest to open.
            return Ok(());
        }
        self.input.pause();
        self.tui.suspend();
        let ran = std::env::current_exe().and_then(|exe| {
            let mut child = std::process::Command::new(exe);
            child.arg(&path).arg("--back-quits");
            let o = &self.options;
            if let Some(today) = o.today {
                child.arg("--today").arg(today.to_string());
            }
            child.arg("--theme").arg(o.app.theme.as_str());
            if o.app.no_color {
                child.arg("--no-color");
            }
            // `--trials N` as given (the default policy needs nothing).
            if !o.model.trials.scale_down {
                child
                    .arg("--trials")
                    .arg(o.model.trials.requested.to_string());
            }
            if o.allow_commands {
                child.arg("--allow-commands");
            }
            child.status()
        });
        let resumed = self.tui.resume();
        self.input.resume();
        resumed?;
        if let Err(error) = ran {
            // Said once the terminal is restored.
            self.farewell = Some(format!("cannot open {}: {error}", path.display()));
        }
        Ok(())
    }

    fn quit(&mut self, code: u8) -> (u8, Option<String>) {
        super::quit_with(code, self.farewell.take())
    }
}

/// The worker computing members off the UI thread: all of them first, as
/// they arrive, then whichever it is asked for again.
fn spawn_worker(
    found: Vec<Found>,
    settings: Settings,
    tx: Sender,
) -> io::Result<mpsc::Sender<Ask>> {
    let (ask, asked) = mpsc::channel::<Ask>();
    thread::Builder::new()
        .name("readiness-portfolio".into())
        .spawn(move || {
            let send = |index: usize, member, complete| {
                let _ = tx.send(Event::Member {
                    index,
                    member: Box::new(member),
                    complete,
                });
            };
            let mut loaded = members::load_streaming(&found, settings, send);
            while let Ok(first) = asked.recv() {
                // A burst of saves: everything asked so far at once.
                let mut all = matches!(first, Ask::All);
                let mut which = match first {
                    Ask::Members(m) => m,
                    Ask::All => Vec::new(),
                };
                while let Ok(more) = asked.try_recv() {
                    match more {
                        Ask::Members(m) => which.extend(m),
                        Ask::All => all = true,
                    }
                }
                if all {
                    loaded = members::load_streaming(&found, settings, send);
                    continue;
                }
                // With the people it shares, in portfolio order.
                members::reload(&found, settings, &mut loaded, &which, send);
            }
        })?;
    Ok(ask)
}

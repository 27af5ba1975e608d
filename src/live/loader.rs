//! One load of the manifest for the dashboard: read the file (or take the
//! text already read at start), collect the evidence its gates name,
//! evaluate it and build its view — on the reload worker, never on the UI
//! thread — and say what happened as a [`LoadOutcome`]. An empty file is
//! usually an editor midway through a truncate-and-write save, so it is
//! read once more after [`EMPTY_RECHECK`] before it is reported. A panic of
//! the core becomes an "unreadable" outcome with its message, never a crash
//! of the dashboard.

use std::path::Path;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use chrono::{Local, NaiveDate, NaiveDateTime};

use super::hooks::{self, Place};
use crate::app::LoadOutcome;
use crate::collect::{self, Commands};
use crate::forecast::Pending;
use crate::manifest::Diagnostic;
use crate::manifest_file::{self, ReadError};
use crate::model::{self, Options, Snapshot};
use crate::standup::Standup;
use crate::terminal;
use crate::view::View;
use crate::watch::Watch;

/// How long an empty file is given to fill before it counts.
pub const EMPTY_RECHECK: Duration = Duration::from_millis(100);

/// What a load needs besides the path and the date.
pub struct Load<'a> {
    pub options: Options,
    pub commands: Commands<'a>,
    /// Pointed at the evidence files the manifest names.
    pub watch: Option<&'a Watch>,
    /// The file's history as last read, for the view.
    pub standup: Option<Arc<Standup>>,
    /// The text read at start, for the first load (the file is read once).
    pub text: Option<String>,
}

/// Reads (unless the text is given), evaluates and builds the view of the
/// manifest as of `today` — every deterministic figure. The Monte Carlo
/// trials, when there are any, are returned to run after this view is on
/// screen ([`Trials::run`]), so a save of a huge plan shows its finish,
/// gates and tasks first and its percentiles a moment later
/// (docs/dashboard.md, "Live").
pub fn load(path: &Path, today: NaiveDate, how: Load) -> (LoadOutcome, Option<Trials>) {
    let read = match how.text {
        Some(text) if !text.is_empty() => Ok(text),
        _ => read_settled(path),
    };
    let at = Local::now().naive_local();
    match read {
        Ok(text) => match evaluate(path, &text, today, how.options, how.commands, how.watch) {
            Ok(Ok((snapshot, pending))) => {
                let trials = pending.map(|pending| Trials {
                    snapshot: snapshot.clone(),
                    pending,
                    standup: how.standup.clone(),
                    text: text.clone(),
                    at,
                });
                let view = View::build(Arc::new(snapshot), how.standup, Some(&text));
                let outcome = LoadOutcome::Loaded {
                    view: Arc::new(view),
                    at,
                };
                (outcome, trials)
            }
            Ok(Err(diagnostics)) => (LoadOutcome::invalid(&text, &diagnostics, at), None),
            Err(message) => (LoadOutcome::Unreadable { message, at }, None),
        },
        Err(ReadError::Missing(_)) => (LoadOutcome::Missing { at }, None),
        Err(error) => (
            LoadOutcome::Unreadable {
                message: error.to_string(),
                at,
            },
            None,
        ),
    }
}

/// The Monte Carlo trials a load left: its snapshot with the deterministic
/// figures and what completes it.
pub struct Trials {
    snapshot: Snapshot,
    pending: Pending,
    standup: Option<Arc<Standup>>,
    text: String,
    at: NaiveDateTime,
}

impl Trials {
    /// Runs the trials and builds the view with their percentiles; a panic
    /// becomes an "unreadable" outcome like a load's.
    pub fn run(self) -> LoadOutcome {
        let Trials {
            mut snapshot,
            pending,
            standup,
            text,
            at,
        } = self;
        let completed = terminal::catch_quietly(move || {
            model::complete(&mut snapshot, pending);
            View::build(Arc::new(snapshot), standup, Some(&text))
        });
        match completed {
            Ok(view) => LoadOutcome::Loaded {
                view: Arc::new(view),
                at,
            },
            Err(payload) => LoadOutcome::Unreadable {
                message: panic_message(&*payload),
                at,
            },
        }
    }
}

/// A snapshot of every deterministic figure, and the trials it left.
type Evaluated = (Snapshot, Option<Pending>);

/// Evaluates with the evidence, turning a panic into a message for the
/// banner: the dashboard keeps running on the last good figures. The panic
/// hook leaves the terminal alone for it ([`terminal::catch_quietly`]).
fn evaluate(
    path: &Path,
    text: &str,
    today: NaiveDate,
    options: Options,
    commands: Commands,
    watch: Option<&Watch>,
) -> Result<Result<Evaluated, Vec<Diagnostic>>, String> {
    terminal::catch_quietly(|| {
        hooks::fault(Place::Loader);
        collect::evaluate_deterministic(path, text, today, options, commands).map(
            |(snapshot, pending, targets)| {
                if let Some(watch) = watch {
                    watch.watch_also(targets);
                }
                (snapshot, pending)
            },
        )
    })
    .map_err(|payload| panic_message(&*payload))
}

/// The banner's message for a panic of the core.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_owned());
    format!("internal error while evaluating the manifest (please report it): {what}")
}

/// The file's text, giving an empty file one bounded chance to fill.
fn read_settled(path: &Path) -> Result<String, ReadError> {
    read_settled_with(path, || thread::sleep(EMPTY_RECHECK))
}

/// [`read_settled`], calling `wait` between the two reads of an empty file
/// (the tests fill the file there).
fn read_settled_with(path: &Path, wait: impl FnOnce()) -> Result<String, ReadError> {
    let text = manifest_file::read(path)?;
    if !text.is_empty() {
        return Ok(text);
    }
    wait();
    manifest_file::read(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const MANIFEST: &str = "[project]\nname = \"x\"\n\n[[component]]\nid = \"c\"\n";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
    }

    fn load_now(path: &Path) -> LoadOutcome {
        let how = Load {
            options: Options::default(),
            commands: Commands::Forbidden,
            watch: None,
            standup: None,
            text: None,
        };
        load(path, today(), how).0
    }

    #[test]
    fn outcomes_for_each_state_of_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("readiness.toml");
        assert!(matches!(load_now(&file), LoadOutcome::Missing { .. }));
        fs::write(&file, MANIFEST).expect("write");
        assert!(matches!(load_now(&file), LoadOutcome::Loaded { .. }));
        fs::write(&file, "[project]\nnme = 1\n").expect("write");
        let LoadOutcome::Invalid { problems, .. } = load_now(&file) else {
            panic!("invalid expected");
        };
        // Errors are located to a line and column.
        let unknown = problems.iter().find(|p| p.text.contains("nme"));
        assert_eq!(unknown.map(|p| (p.line, p.col)), Some((Some(2), Some(1))));
        assert!(matches!(
            load_now(dir.path()),
            LoadOutcome::Unreadable { .. }
        ));
    }

    #[test]
    fn the_text_read_at_start_is_not_read_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("readiness.toml");
        // No file on disk: the given text is what loads.
        let how = Load {
            options: Options::default(),
            commands: Commands::Forbidden,
            watch: None,
            standup: None,
            text: Some(MANIFEST.to_owned()),
        };
        assert!(matches!(
            load(&file, today(), how).0,
            LoadOutcome::Loaded { .. }
        ));
    }

    #[test]
    fn an_empty_file_mid_save_is_given_time_to_fill() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("readiness.toml");
        fs::write(&file, "").expect("truncate");
        // The editor finishes its save while the loader waits.
        let mut waited = 0;
        let text = read_settled_with(&file, || {
            waited += 1;
            fs::write(&file, MANIFEST).expect("write");
        });
        assert_eq!(waited, 1, "an empty file is waited for once");
        assert_eq!(text.expect("read"), MANIFEST);
        // A file with text is read at once.
        let text = read_settled_with(&file, || panic!("no wait for a full file"));
        assert_eq!(text.expect("read"), MANIFEST);
    }

    #[test]
    fn a_file_that_stays_empty_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("readiness.toml");
        fs::write(&file, "").expect("truncate");
        assert!(matches!(load_now(&file), LoadOutcome::Invalid { .. }));
    }
}

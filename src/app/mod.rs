//! The dashboard's interaction state and how keys, the mouse and loads
//! change it: focus, the selection (kept by id across saves), the search,
//! the filters and sort of the tasks pane, the views opened over the panes
//! (detail, errors, help), presentation mode and the theme. What is shown
//! comes from the [`View`], built off the UI thread; this module never
//! reads a file, the clock or the terminal, and never depends on the
//! drawing code (docs/dashboard.md).
//!
//! The types live here; the [`App`]'s methods by job: `load.rs` (what the
//! event loop tells it), `input.rs` (keys and the mouse), `edit.rs` (edits
//! of a task), `rows.rs` (rows found again by id), `shown.rs` (what the
//! drawing reads).

pub mod edit;
mod input;
pub mod keys;
pub mod list;
mod load;
pub mod portfolio;
pub mod regions;
mod rows;
mod shown;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::model::Snapshot;
use crate::standup::Standup;
use crate::view::{DiagnosticRow, Item, View};
pub use edit::{EditReport, EditRequest, Prompt};
pub use keys::{Command, Context};
pub use list::{Filters, OwnerFilter, Sort, SortKey, StatusFilter};
pub use regions::{Area, Region, Regions, Target};

/// The theme a user picks with `--theme` or cycles with `t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
#[value(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    HighContrast,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast];

    /// The theme `t` switches to.
    pub fn next(self) -> ThemeName {
        match self {
            ThemeName::Dark => ThemeName::Light,
            ThemeName::Light => ThemeName::HighContrast,
            ThemeName::HighContrast => ThemeName::Dark,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        }
    }
}

/// How the dashboard starts: `--theme`, and `--no-color` or `NO_COLOR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppOptions {
    pub theme: ThemeName,
    pub no_color: bool,
}

/// What reading and evaluating the manifest gave, and when.
#[derive(Debug, Clone)]
pub enum LoadOutcome {
    /// A good snapshot, with its view.
    Loaded {
        view: Arc<View>,
        at: NaiveDateTime,
    },
    /// The file does not validate: every error and warning, located.
    Invalid {
        problems: Vec<DiagnosticRow>,
        at: NaiveDateTime,
    },
    Missing {
        at: NaiveDateTime,
    },
    Unreadable {
        message: String,
        at: NaiveDateTime,
    },
}

impl LoadOutcome {
    /// A good snapshot of `text`, its view built here.
    pub fn loaded(snapshot: Snapshot, text: &str, at: NaiveDateTime) -> LoadOutcome {
        LoadOutcome::Loaded {
            view: Arc::new(View::build(Arc::new(snapshot), None, Some(text))),
            at,
        }
    }

    /// The diagnostics of an invalid `text`, located in it.
    pub fn invalid(
        text: &str,
        diagnostics: &[crate::manifest::Diagnostic],
        at: NaiveDateTime,
    ) -> LoadOutcome {
        LoadOutcome::Invalid {
            problems: crate::view::diagnostics::rows(Some(text), diagnostics),
            at,
        }
    }
}

/// How the event loop learns of saves, shown in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchStatus {
    Watching,
    Polling { reason: String },
}

/// What the event loop should do after an event.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Nothing changed: do not redraw.
    None,
    Redraw,
    /// Re-read the manifest now (`r`).
    Reload,
    Quit,
    /// Give the terminal back to the shell until `fg` (Ctrl-Z).
    Suspend,
    /// Open the manifest in `$EDITOR`, at this line when known.
    Edit {
        line: Option<usize>,
    },
    /// Write an edit of one task to the file (`d`, `x`, `b`, `%`).
    SetTask(EditRequest),
    /// Add a task to the file (`a`).
    AddTask(crate::edit::add::NewTask),
    /// Undo the dashboard's last edit, unless the file changed since (`u`).
    Undo,
}

/// The panes that take focus, in `Tab` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Components,
    Gates,
    Blockers,
    Tasks,
    /// Each named person's share of the schedule: a pane of its own from
    /// 120 columns, else in place of the tasks.
    People,
    /// The forecast: its own pane on wide terminals, else in place of the
    /// tasks.
    Forecast,
}

impl Focus {
    pub const ALL: [Focus; 6] = [
        Focus::Components,
        Focus::Gates,
        Focus::Blockers,
        Focus::Tasks,
        Focus::People,
        Focus::Forecast,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn next(self) -> Focus {
        Focus::ALL[(self.index() + 1) % Focus::ALL.len()]
    }

    fn prev(self) -> Focus {
        Focus::ALL[(self.index() + Focus::ALL.len() - 1) % Focus::ALL.len()]
    }
}

/// A view over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// One item, whole (`Enter`), scrolled down `scroll` lines.
    Detail { item: Item, scroll: usize },
    /// Every error and warning (`!`), one selected.
    Problems { selected: usize },
    /// The forecast's history (`T`), one day selected; `open`: that day's
    /// figures and why they moved (`Enter`).
    Trend { selected: usize, open: bool },
}

/// Why the screen is not showing the file as it is now.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Invalid { problems: Vec<DiagnosticRow> },
    Missing,
    Unreadable { message: String },
}

/// The latest problem, when it was seen, and since when the figures on
/// screen are stale (the first bad load in a row).
#[derive(Debug, Clone, PartialEq)]
pub struct Trouble {
    pub problem: Problem,
    pub at: NaiveDateTime,
    pub stale_since: NaiveDateTime,
}

/// Longest search query kept; a paste cannot grow it without bound.
const MAX_QUERY_CHARS: usize = 200;
/// Rows a page moves before the first frame says how many fit.
const DEFAULT_PAGE: usize = 10;

/// What the keys change: compared before and after a key, so that a key that
/// changes nothing asks for no redraw.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    focus: Focus,
    /// The selected row of each pane, by `Focus` index (for the forecast,
    /// the first line shown). A load moves it to the row of the same id.
    selected: [usize; 6],
    /// The component whose tasks the tasks pane lists, by id.
    component: Option<String>,
    owner: Option<OwnerFilter>,
    status: StatusFilter,
    sort: Sort,
    query: String,
    searching: bool,
    overlay: Option<Overlay>,
    /// The help popup, and how far it is scrolled.
    help: Option<usize>,
    theme: ThemeName,
    present: bool,
    /// An edit's one-line prompt, open in the status line.
    prompt: Option<Prompt>,
    /// The task the last edit acted on: edits keep acting on it, and the
    /// tasks pane lists it whatever the filters, until the user moves.
    pinned: Option<String>,
}

/// The whole dashboard state.
#[derive(Debug, Clone)]
pub struct App {
    file: PathBuf,
    no_color: bool,
    state: State,
    /// The last good snapshot's view, kept while the file is invalid or
    /// missing.
    view: Option<Arc<View>>,
    /// The file's history as last read (its view may be rebuilt with it).
    standup: Option<Arc<Standup>>,
    loaded_at: Option<NaiveDateTime>,
    trouble: Option<Trouble>,
    reloading: bool,
    /// `r` was pressed: say "reloaded" when the load lands.
    reload_asked: bool,
    watch: Option<WatchStatus>,
    /// The frame of the spinner on gates whose command runs.
    spin: usize,
    /// Task indices the tasks pane lists (filters, search and sort applied).
    visible: Vec<usize>,
    /// A one-off remark for the status line; the next key clears it.
    note: Option<String>,
    /// Where the last frame put things.
    regions: Regions,
    /// Opened from the portfolio: Esc with nothing to close goes back to
    /// it (docs/portfolio.md, "The dashboard").
    back_quits: bool,
    /// The status an edit asked of a task (a second `x` cycles from it),
    /// until a load follows every edit sent, or the edit is refused.
    asked: Option<(String, crate::manifest::Status)>,
    /// Edits sent to the live loop and not yet reported back.
    pending: usize,
    /// How many of the dashboard's edits `u` can undo.
    undoable: usize,
}

impl App {
    /// Before the first load it shows "loading <file>…".
    pub fn new(file: PathBuf, options: AppOptions) -> App {
        App {
            file,
            no_color: options.no_color,
            state: State {
                focus: Focus::Components,
                selected: [0; 6],
                component: None,
                owner: None,
                status: StatusFilter::default(),
                sort: Sort::default(),
                query: String::new(),
                searching: false,
                overlay: None,
                help: None,
                theme: options.theme,
                present: false,
                prompt: None,
                pinned: None,
            },
            view: None,
            standup: None,
            loaded_at: None,
            trouble: None,
            reloading: false,
            reload_asked: false,
            watch: None,
            spin: 0,
            visible: Vec::new(),
            note: None,
            regions: Regions::default(),
            back_quits: false,
            asked: None,
            pending: 0,
            undoable: 0,
        }
    }

    /// Opened from the portfolio: `Esc` with nothing to close quits, back
    /// to the portfolio.
    pub fn set_back_quits(&mut self, yes: bool) {
        self.back_quits = yes;
    }
}

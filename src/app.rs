//! The dashboard's state and how keys and file loads change it. No I/O, no
//! clock, no terminal: the event loop feeds it [`KeyEvent`]s and
//! [`LoadOutcome`]s (with the time they happened) and draws it with
//! [`crate::ui::draw`], a pure function of this state.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDateTime;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::manifest::Diagnostic;
use crate::model::{Snapshot, TaskState};
use crate::standup::Standup;
use crate::ui::theme::Theme;
pub use crate::ui::theme::ThemeName;

/// How the dashboard starts: `--theme`, and `--no-color` or `NO_COLOR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppOptions {
    pub theme: ThemeName,
    pub no_color: bool,
}

/// What reading and evaluating the manifest gave, and when.
#[derive(Debug, Clone)]
pub enum LoadOutcome {
    Loaded {
        snapshot: Arc<Snapshot>,
        at: NaiveDateTime,
    },
    Invalid {
        diagnostics: Vec<Diagnostic>,
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

/// How the event loop learns of saves, shown in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchStatus {
    Watching,
    Polling { reason: String },
}

/// What the event loop should do after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Nothing changed: do not redraw.
    None,
    Redraw,
    /// Re-read the manifest now (`r`).
    Reload,
    Quit,
}

/// The panes that take focus, in `Tab` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Components,
    Gates,
    Blockers,
    Tasks,
}

impl Focus {
    pub const ALL: [Focus; 4] = [
        Focus::Components,
        Focus::Gates,
        Focus::Blockers,
        Focus::Tasks,
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

/// Which tasks the tasks pane lists, by state (`f`, `F`, `0`–`7`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    All,
    /// Neither done nor dropped.
    #[default]
    Open,
    Blocked,
    Waiting,
    Doing,
    Todo,
    Done,
    Dropped,
}

impl StatusFilter {
    /// In the order of the digit keys `0`–`7`.
    pub const ALL: [StatusFilter; 8] = [
        StatusFilter::All,
        StatusFilter::Open,
        StatusFilter::Blocked,
        StatusFilter::Waiting,
        StatusFilter::Doing,
        StatusFilter::Todo,
        StatusFilter::Done,
        StatusFilter::Dropped,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::All => "all",
            StatusFilter::Open => "open",
            StatusFilter::Blocked => "blocked",
            StatusFilter::Waiting => "waiting",
            StatusFilter::Doing => "doing",
            StatusFilter::Todo => "todo",
            StatusFilter::Done => "done",
            StatusFilter::Dropped => "dropped",
        }
    }

    pub fn matches(self, state: TaskState) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Open => !matches!(state, TaskState::Done | TaskState::Dropped),
            StatusFilter::Blocked => state == TaskState::Blocked,
            StatusFilter::Waiting => state == TaskState::Waiting,
            StatusFilter::Doing => state == TaskState::Doing,
            StatusFilter::Todo => state == TaskState::Todo,
            StatusFilter::Done => state == TaskState::Done,
            StatusFilter::Dropped => state == TaskState::Dropped,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn next(self) -> StatusFilter {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }

    fn prev(self) -> StatusFilter {
        Self::ALL[(self.index() + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}

/// Why the screen is not showing the file as it is now.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Invalid { diagnostics: Vec<Diagnostic> },
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
/// Rows `PageUp`/`PageDown` move.
const PAGE: usize = 10;

/// What the keys change: compared before and after a key so that a key that
/// changes nothing asks for no redraw.
#[derive(Debug, Clone, PartialEq, Eq)]
struct View {
    focus: Focus,
    /// The selected row of each focusable pane, by `Focus` index.
    selected: [usize; 4],
    drill: Option<usize>,
    filter: StatusFilter,
    query: String,
    searching: bool,
    help: bool,
    theme: ThemeName,
    /// Presentation mode (`p`, `--present`).
    present: bool,
}

/// The whole dashboard state.
#[derive(Debug, Clone)]
pub struct App {
    file: PathBuf,
    no_color: bool,
    view: View,
    snapshot: Option<Arc<Snapshot>>,
    /// What the file's history adds (since, scope over time), read off the
    /// UI thread after the snapshot.
    standup: Option<Arc<Standup>>,
    loaded_at: Option<NaiveDateTime>,
    trouble: Option<Trouble>,
    reloading: bool,
    watch: Option<WatchStatus>,
    /// The frame of the spinner on gates whose command runs.
    spin: usize,
    /// Task indices the tasks pane lists (drill, filter and search applied).
    visible: Vec<usize>,
}

impl App {
    /// Before the first load it shows "loading <file>…".
    pub fn new(file: PathBuf, options: AppOptions) -> App {
        App {
            file,
            no_color: options.no_color,
            view: View {
                focus: Focus::Components,
                selected: [0; 4],
                drill: None,
                filter: StatusFilter::default(),
                query: String::new(),
                searching: false,
                help: false,
                theme: options.theme,
                present: false,
            },
            snapshot: None,
            standup: None,
            loaded_at: None,
            trouble: None,
            reloading: false,
            watch: None,
            spin: 0,
            visible: Vec::new(),
        }
    }

    // ---- what the loop tells it --------------------------------------------

    /// A load finished (the caller always redraws after it).
    pub fn on_load(&mut self, outcome: LoadOutcome) {
        self.reloading = false;
        let (problem, at) = match outcome {
            LoadOutcome::Loaded { snapshot, at } => {
                self.snapshot = Some(snapshot);
                self.loaded_at = Some(at);
                self.trouble = None;
                if self.view.drill.is_some_and(|c| c >= self.components_len()) {
                    self.view.drill = None;
                }
                self.refresh_visible();
                self.clamp_selection();
                return;
            }
            LoadOutcome::Invalid { diagnostics, at } => (Problem::Invalid { diagnostics }, at),
            LoadOutcome::Missing { at } => (Problem::Missing, at),
            LoadOutcome::Unreadable { message, at } => (Problem::Unreadable { message }, at),
        };
        let stale_since = self.trouble.as_ref().map_or(at, |t| t.stale_since);
        self.trouble = Some(Trouble {
            problem,
            at,
            stale_since,
        });
    }

    /// The file's history was read; says whether it changed what is shown
    /// (the caller redraws only then).
    pub fn on_standup(&mut self, standup: Arc<Standup>) -> bool {
        let changed = self.standup.as_deref() != Some(&*standup);
        self.standup = Some(standup);
        changed
    }

    /// Presentation mode on or off (`--present`).
    pub fn set_present(&mut self, present: bool) {
        self.view.present = present;
    }

    /// The spinner moves; says whether a gate shows it (redraw then).
    pub fn on_spin(&mut self) -> bool {
        self.spin = self.spin.wrapping_add(1);
        self.snapshot.as_ref().is_some_and(|s| {
            s.gates
                .iter()
                .any(|g| g.detail == crate::model::evidence_gates::RUNNING)
        })
    }

    /// The spinner's frame.
    pub fn spin(&self) -> usize {
        self.spin
    }

    /// A reload started: shows "reloading…" until the next [`App::on_load`].
    pub fn on_reloading(&mut self) {
        self.reloading = true;
    }

    pub fn set_watch_status(&mut self, status: WatchStatus) {
        self.watch = Some(status);
    }

    /// Applies a key; says whether to redraw, reload or quit.
    pub fn on_key(&mut self, key: KeyEvent) -> Action {
        if key.kind == KeyEventKind::Release {
            return Action::None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
            return Action::Quit;
        }
        let before = self.view.clone();
        let action = if self.view.help {
            self.help_key(key)
        } else if self.view.searching {
            self.search_key(key, ctrl)
        } else {
            self.normal_key(key)
        };
        if let Some(action) = action {
            return action;
        }
        let v = &self.view;
        if (v.drill, v.filter, &v.query) != (before.drill, before.filter, &before.query) {
            self.refresh_visible();
            self.view.selected[Focus::Tasks.index()] = 0;
        }
        if self.view == before {
            Action::None
        } else {
            Action::Redraw
        }
    }

    fn help_key(&mut self, key: KeyEvent) -> Option<Action> {
        match key.code {
            KeyCode::Char('q') => return Some(Action::Quit),
            KeyCode::Char('?') | KeyCode::Esc => self.view.help = false,
            _ => {}
        }
        None
    }

    fn search_key(&mut self, key: KeyEvent, ctrl: bool) -> Option<Action> {
        match key.code {
            KeyCode::Enter => self.view.searching = false,
            KeyCode::Esc => {
                self.view.searching = false;
                self.view.query.clear();
            }
            KeyCode::Backspace => {
                self.view.query.pop();
            }
            KeyCode::Char('u') if ctrl => self.view.query.clear(),
            KeyCode::Char(c)
                if !ctrl
                    && !c.is_control()
                    && self.view.query.chars().count() < MAX_QUERY_CHARS =>
            {
                self.view.query.push(c);
            }
            KeyCode::Down => self.scroll(1),
            KeyCode::Up => self.scroll(-1),
            _ => {}
        }
        None
    }

    fn normal_key(&mut self, key: KeyEvent) -> Option<Action> {
        let v = &mut self.view;
        match key.code {
            KeyCode::Char('q') => return Some(Action::Quit),
            KeyCode::Char('p') => v.present = !v.present,
            KeyCode::Esc if v.present => v.present = false,
            KeyCode::Esc => {
                if !v.query.is_empty() {
                    v.query.clear();
                } else if v.drill.is_some() {
                    v.drill = None;
                    v.focus = Focus::Components;
                } else {
                    return Some(Action::Quit);
                }
            }
            KeyCode::Backspace if v.drill.is_some() => {
                v.drill = None;
                v.focus = Focus::Components;
            }
            KeyCode::Char('?') => v.help = true,
            KeyCode::Char('r') => return Some(Action::Reload),
            KeyCode::Char('t') => v.theme = v.theme.next(),
            KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => v.focus = v.focus.next(),
            KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => v.focus = v.focus.prev(),
            KeyCode::Char('/') => {
                v.searching = true;
                v.focus = Focus::Tasks;
            }
            KeyCode::Char('f') => v.filter = v.filter.next(),
            KeyCode::Char('F') => v.filter = v.filter.prev(),
            KeyCode::Char(c @ '0'..='7') => {
                v.filter = StatusFilter::ALL[usize::from(c as u8 - b'0')];
            }
            KeyCode::Enter => self.drill_in(),
            KeyCode::Down | KeyCode::Char('j') => self.scroll(1),
            KeyCode::Up | KeyCode::Char('k') => self.scroll(-1),
            KeyCode::PageDown => self.scroll(PAGE as isize),
            KeyCode::PageUp => self.scroll(-(PAGE as isize)),
            KeyCode::Home | KeyCode::Char('g') => self.scroll(isize::MIN),
            KeyCode::End | KeyCode::Char('G') => self.scroll(isize::MAX),
            _ => {}
        }
        None
    }

    /// Enter on the components pane: list that component's tasks.
    fn drill_in(&mut self) {
        if self.view.focus != Focus::Components || self.components_len() == 0 {
            return;
        }
        let selected = self.view.selected[Focus::Components.index()];
        self.view.drill = Some(selected.min(self.components_len() - 1));
        self.view.focus = Focus::Tasks;
    }

    /// Moves the focused pane's selection, clamped to its rows.
    fn scroll(&mut self, by: isize) {
        let focus = self.view.focus;
        let len = self.pane_len(focus);
        let current = self.view.selected[focus.index()];
        let target = if by < 0 {
            current.saturating_sub(by.unsigned_abs())
        } else {
            current.saturating_add(by.unsigned_abs())
        };
        self.view.selected[focus.index()] = target.min(len.saturating_sub(1));
    }

    fn clamp_selection(&mut self) {
        for focus in Focus::ALL {
            let last = self.pane_len(focus).saturating_sub(1);
            let s = &mut self.view.selected[focus.index()];
            *s = (*s).min(last);
        }
    }

    fn components_len(&self) -> usize {
        self.snapshot
            .as_ref()
            .map_or(0, |s| s.manifest.components.len())
    }

    /// How many rows a focusable pane lists.
    pub fn pane_len(&self, focus: Focus) -> usize {
        let Some(s) = &self.snapshot else {
            return 0;
        };
        match focus {
            Focus::Components => s.manifest.components.len(),
            Focus::Gates => s.gates.len(),
            Focus::Blockers => s.blockers.len() + s.hard_gates_not_passing().count(),
            Focus::Tasks => self.visible.len(),
        }
    }

    fn refresh_visible(&mut self) {
        self.visible = match &self.snapshot {
            Some(s) => visible_tasks(s, self.view.drill, self.view.filter, &self.view.query),
            None => Vec::new(),
        };
    }

    // ---- what the drawing reads ---------------------------------------------

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The last good snapshot, kept while the file is invalid or missing.
    pub fn snapshot(&self) -> Option<&Snapshot> {
        self.snapshot.as_deref()
    }

    pub fn loaded_at(&self) -> Option<NaiveDateTime> {
        self.loaded_at
    }

    pub fn trouble(&self) -> Option<&Trouble> {
        self.trouble.as_ref()
    }

    pub fn reloading(&self) -> bool {
        self.reloading
    }

    pub fn watch_status(&self) -> Option<&WatchStatus> {
        self.watch.as_ref()
    }

    pub fn focus(&self) -> Focus {
        self.view.focus
    }

    /// The selected row of a pane (clamped to its rows).
    pub fn selected(&self, focus: Focus) -> usize {
        self.view.selected[focus.index()].min(self.pane_len(focus).saturating_sub(1))
    }

    /// The component whose tasks the tasks pane lists, if drilled in.
    pub fn drill(&self) -> Option<usize> {
        self.view.drill
    }

    pub fn filter(&self) -> StatusFilter {
        self.view.filter
    }

    pub fn query(&self) -> &str {
        &self.view.query
    }

    /// Typing a search query (after `/`, until Enter or Esc).
    pub fn searching(&self) -> bool {
        self.view.searching
    }

    pub fn help_visible(&self) -> bool {
        self.view.help
    }

    /// Presentation mode: large figures for a screen share.
    pub fn present(&self) -> bool {
        self.view.present
    }

    /// Since and the scope history, once the history has been read.
    pub fn standup(&self) -> Option<&Standup> {
        self.standup.as_deref()
    }

    pub fn theme_name(&self) -> ThemeName {
        self.view.theme
    }

    pub fn no_color(&self) -> bool {
        self.no_color
    }

    pub fn theme(&self) -> Theme {
        Theme::new(self.view.theme, self.no_color)
    }

    /// Task indices the tasks pane lists, in manifest order.
    pub fn visible_tasks(&self) -> &[usize] {
        &self.visible
    }
}

/// The tasks of a component (or all), in a state, matching a query
/// (case-insensitive, in the id, title, owner or blocker).
pub fn visible_tasks(
    s: &Snapshot,
    drill: Option<usize>,
    filter: StatusFilter,
    query: &str,
) -> Vec<usize> {
    let needle = query.trim().to_lowercase();
    let contains = |text: &str| text.to_lowercase().contains(&needle);
    s.manifest
        .tasks
        .iter()
        .zip(&s.tasks)
        .enumerate()
        .filter(|(_, (task, figures))| {
            drill.is_none_or(|c| task.component == c)
                && filter.matches(figures.state)
                && (needle.is_empty()
                    || contains(&task.id)
                    || contains(&task.title)
                    || task.owner.as_deref().is_some_and(contains)
                    || task.blocker.as_deref().is_some_and(contains))
        })
        .map(|(i, _)| i)
        .collect()
}

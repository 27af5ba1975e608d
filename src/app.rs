//! The dashboard's state and how keys and file loads change it. No I/O, no
//! clock, no terminal: the event loop feeds it [`KeyEvent`]s and
//! [`LoadOutcome`]s (with the time they happened) and draws it with
//! [`crate::ui::draw`], a pure function of this state.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDateTime;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::manifest::{Diagnostic, Severity};
use crate::model::{GateStatus, Snapshot, TaskState};
use crate::standup::Standup;
use crate::standup::burnup::{BurnUp, burnup};
use crate::ui::common::{clean, width};
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
    /// The selected row of each focusable pane, by `Focus` index. A load
    /// moves it to the row of the same component, gate or task (see
    /// [`App::on_load`]).
    selected: [usize; 4],
    /// The id of the component drilled into: a save that adds or moves
    /// components keeps the same one.
    drill: Option<String>,
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
    /// The index of the component drilled into, in the current snapshot.
    drill_index: Option<usize>,
    /// Each task's id, title, owner and blocker, lowercased once per
    /// snapshot for the search.
    search_text: Vec<String>,
    /// The gates pane's order, names and details, once per snapshot.
    gates: GateRows,
    /// The burn-up of the snapshot with the scope history, once per
    /// snapshot or history.
    burnup: Option<BurnUp>,
    /// Task indices the tasks pane lists (drill, filter and search applied).
    visible: Vec<usize>,
    /// A one-off remark for the status line (the drilled-into component is
    /// gone); the next key clears it.
    note: Option<String>,
}

/// The gates pane's rows, worked out once per snapshot rather than on every
/// frame.
#[derive(Debug, Clone, Default)]
pub struct GateRows {
    /// Gate indices in the order the pane lists them: the ones that stop the
    /// release first (failing, then unknown, hard before soft, then manifest
    /// order).
    pub order: Vec<usize>,
    /// Each gate's name, cleaned (by gate index).
    pub names: Vec<String>,
    /// Each gate's detail, cleaned (by gate index).
    pub details: Vec<String>,
    /// The display width of each cleaned detail (by gate index).
    pub detail_widths: Vec<usize>,
    /// The widest cleaned name, in cells (0 without gates).
    pub name_width: usize,
}

impl GateRows {
    fn of(s: &Snapshot) -> GateRows {
        let rank = |status: GateStatus| match status {
            GateStatus::Fail => 0,
            GateStatus::Unknown => 1,
            GateStatus::Pass => 2,
        };
        let mut order: Vec<usize> = (0..s.gates.len()).collect();
        order.sort_by_key(|&i| {
            (
                rank(s.gates[i].status),
                s.manifest.gates[i].severity != Severity::Hard,
                i,
            )
        });
        let names: Vec<String> = s.manifest.gates.iter().map(|g| clean(&g.name)).collect();
        let details: Vec<String> = s.gates.iter().map(|g| clean(&g.detail)).collect();
        GateRows {
            order,
            name_width: names.iter().map(|n| width(n)).max().unwrap_or(0),
            detail_widths: details.iter().map(|d| width(d)).collect(),
            names,
            details,
        }
    }
}

/// A row of a pane by what it shows, so that a load can find it again.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RowKey {
    Component(String),
    Gate(String),
    Task(String),
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
            drill_index: None,
            search_text: Vec::new(),
            gates: GateRows::default(),
            burnup: None,
            visible: Vec::new(),
            note: None,
        }
    }

    // ---- what the loop tells it --------------------------------------------

    /// A load finished (the caller always redraws after it).
    pub fn on_load(&mut self, outcome: LoadOutcome) {
        self.reloading = false;
        let (problem, at) = match outcome {
            LoadOutcome::Loaded { snapshot, at } => {
                // What each pane had selected, by id, before the new snapshot.
                let keys = Focus::ALL.map(|f| self.row_key(f, self.view.selected[f.index()]));
                self.search_text = search_text(&snapshot);
                self.gates = GateRows::of(&snapshot);
                self.snapshot = Some(snapshot);
                self.refresh_burnup();
                self.loaded_at = Some(at);
                self.trouble = None;
                self.drill_index = self.view.drill.as_deref().and_then(|id| self.component(id));
                if let Some(id) = &self.view.drill
                    && self.drill_index.is_none()
                {
                    let id = crate::manifest::diagnostics::strip_controls(id);
                    self.note = Some(format!("component {id} is gone: showing all tasks"));
                    self.view.drill = None;
                }
                self.refresh_visible();
                for (focus, key) in Focus::ALL.into_iter().zip(keys) {
                    if let Some(row) = key.and_then(|k| self.find_row(focus, &k)) {
                        self.view.selected[focus.index()] = row;
                    }
                }
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
        if changed {
            self.refresh_burnup();
        }
        changed
    }

    /// The burn-up of the snapshot, with the scope history once read.
    fn refresh_burnup(&mut self) {
        let history = self.standup.as_deref().map_or(&[][..], |s| &s.scope[..]);
        self.burnup = self.snapshot.as_deref().and_then(|s| burnup(s, history));
    }

    /// Presentation mode on or off (`--present`).
    pub fn set_present(&mut self, present: bool) {
        self.view.present = present;
    }

    /// The spinner moves; says whether a gate shows it (redraw then).
    pub fn on_spin(&mut self) -> bool {
        self.spin = self.spin.wrapping_add(1);
        self.snapshot
            .as_ref()
            .is_some_and(|s| s.gates.iter().any(|g| g.running))
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
        let had_note = self.note.take().is_some();
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
        if (&v.drill, v.filter, &v.query) != (&before.drill, before.filter, &before.query) {
            self.drill_index = self.view.drill.as_deref().and_then(|id| self.component(id));
            self.refresh_visible();
            self.view.selected[Focus::Tasks.index()] = 0;
        }
        if self.view == before && !had_note {
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
        let index = selected.min(self.components_len() - 1);
        self.view.drill = self
            .snapshot
            .as_ref()
            .map(|s| s.manifest.components[index].id.clone());
        self.view.focus = Focus::Tasks;
    }

    /// The index of the component with this id.
    fn component(&self, id: &str) -> Option<usize> {
        let s = self.snapshot.as_ref()?;
        s.manifest.components.iter().position(|c| c.id == id)
    }

    /// What a pane's row shows, by id.
    fn row_key(&self, focus: Focus, row: usize) -> Option<RowKey> {
        let s = self.snapshot.as_ref()?;
        let m = &s.manifest;
        match focus {
            Focus::Components => m
                .components
                .get(row)
                .map(|c| RowKey::Component(c.id.clone())),
            Focus::Gates => {
                let i = *self.gates.order.get(row)?;
                Some(RowKey::Gate(m.gates[i].id.clone()))
            }
            Focus::Blockers => match s.blockers.get(row) {
                Some(b) => Some(RowKey::Task(m.tasks[b.task].id.clone())),
                None => {
                    let (i, _) = s.hard_gates_not_passing().nth(row - s.blockers.len())?;
                    Some(RowKey::Gate(m.gates[i].id.clone()))
                }
            },
            Focus::Tasks => {
                let i = *self.visible.get(row)?;
                Some(RowKey::Task(m.tasks[i].id.clone()))
            }
        }
    }

    /// The row of a pane that shows this id, if any.
    fn find_row(&self, focus: Focus, key: &RowKey) -> Option<usize> {
        let s = self.snapshot.as_ref()?;
        let m = &s.manifest;
        match (focus, key) {
            (Focus::Components, RowKey::Component(id)) => {
                m.components.iter().position(|c| &c.id == id)
            }
            (Focus::Gates, RowKey::Gate(id)) => {
                self.gates.order.iter().position(|&i| &m.gates[i].id == id)
            }
            (Focus::Blockers, RowKey::Task(id)) => {
                s.blockers.iter().position(|b| &m.tasks[b.task].id == id)
            }
            (Focus::Blockers, RowKey::Gate(id)) => s
                .hard_gates_not_passing()
                .position(|(i, _)| &m.gates[i].id == id)
                .map(|k| s.blockers.len() + k),
            (Focus::Tasks, RowKey::Task(id)) => {
                self.visible.iter().position(|&i| &m.tasks[i].id == id)
            }
            _ => None,
        }
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
            Some(s) => visible_tasks(
                s,
                &self.search_text,
                self.drill_index,
                self.view.filter,
                &self.view.query,
            ),
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

    /// The component whose tasks the tasks pane lists, if drilled in (its
    /// index in the current snapshot).
    pub fn drill(&self) -> Option<usize> {
        self.drill_index
    }

    /// A one-off remark for the status line, cleared by the next key.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
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

    /// Gate indices in the order the gates pane lists them.
    pub fn gate_order(&self) -> &[usize] {
        &self.gates.order
    }

    /// The gates pane's order, cleaned names and details.
    pub fn gate_rows(&self) -> &GateRows {
        &self.gates
    }

    /// The burn-up of what is shown (with the scope history once read);
    /// `None` without `done` dates or a forecast.
    pub fn burnup(&self) -> Option<&BurnUp> {
        self.burnup.as_ref()
    }

    /// Task indices the tasks pane lists, in manifest order.
    pub fn visible_tasks(&self) -> &[usize] {
        &self.visible
    }
}

/// Each task's id, title, owner and blocker, lowercased, one string per
/// task: what the search looks in, built once per snapshot rather than on
/// every key. The fields are joined by a line feed, which a query cannot
/// hold (control characters are not typed into it), so a match never spans
/// two fields.
fn search_text(s: &Snapshot) -> Vec<String> {
    s.manifest
        .tasks
        .iter()
        .map(|task| {
            let mut text = String::new();
            for field in [
                Some(task.id.as_str()),
                Some(task.title.as_str()),
                task.owner.as_deref(),
                task.blocker.as_deref(),
            ]
            .into_iter()
            .flatten()
            {
                text.push_str(&field.to_lowercase());
                text.push('\n');
            }
            text
        })
        .collect()
}

/// The tasks of a component (or all), in a state, matching a query
/// (case-insensitive, in the id, title, owner or blocker; `search` is
/// [`search_text`] of the snapshot).
fn visible_tasks(
    s: &Snapshot,
    search: &[String],
    drill: Option<usize>,
    filter: StatusFilter,
    query: &str,
) -> Vec<usize> {
    let needle = query.trim().to_lowercase();
    s.manifest
        .tasks
        .iter()
        .zip(&s.tasks)
        .zip(search)
        .enumerate()
        .filter(|(_, ((task, figures), text))| {
            drill.is_none_or(|c| task.component == c)
                && filter.matches(figures.state)
                && (needle.is_empty() || text.contains(&needle))
        })
        .map(|(i, _)| i)
        .collect()
}

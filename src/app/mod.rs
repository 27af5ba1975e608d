//! The dashboard's interaction state and how keys, the mouse and loads
//! change it: focus, the selection (kept by id across saves), the search,
//! the filters and sort of the tasks pane, the views opened over the panes
//! (detail, errors, help), presentation mode and the theme. What is shown
//! comes from the [`View`], built off the UI thread; this module never
//! reads a file, the clock or the terminal, and never depends on the
//! drawing code (docs/dashboard.md).

pub mod edit;
pub mod keys;
pub mod list;
pub mod regions;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDateTime;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

use crate::model::Snapshot;
use crate::standup::Standup;
use crate::view::{BlockerRow, DiagnosticRow, Item, View};
pub use edit::{EditRequest, Prompt};
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
}

/// A row of a pane by what it shows, so that a load can find it again.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RowKey {
    Component(String),
    Gate(String),
    Task(String),
    Person(String),
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
        }
    }

    // ---- what the loop tells it --------------------------------------------

    /// A load finished (the caller always redraws after it).
    pub fn on_load(&mut self, outcome: LoadOutcome) {
        self.reloading = false;
        let (problem, at) = match outcome {
            LoadOutcome::Loaded { view, at } => {
                self.show_loaded(view);
                self.loaded_at = Some(at);
                self.trouble = None;
                if std::mem::take(&mut self.reload_asked) {
                    self.note = Some(format!("reloaded {}", at.format("%H:%M:%S")));
                }
                return;
            }
            LoadOutcome::Invalid { problems, at } => (Problem::Invalid { problems }, at),
            LoadOutcome::Missing { at } => (Problem::Missing, at),
            LoadOutcome::Unreadable { message, at } => (Problem::Unreadable { message }, at),
        };
        self.reload_asked = false;
        let stale_since = self.trouble.as_ref().map_or(at, |t| t.stale_since);
        self.trouble = Some(Trouble {
            problem,
            at,
            stale_since,
        });
    }

    /// The Monte Carlo trials of the load on screen ran: `outcome` is its
    /// view with the percentiles. Unlike a load it leaves the banner of a
    /// later invalid save alone; a panic of the trials shows as a load's.
    pub fn on_completed(&mut self, outcome: LoadOutcome) {
        match outcome {
            LoadOutcome::Loaded { view, .. } => self.show_loaded(view),
            other => self.on_load(other),
        }
    }

    /// Shows a view the reload or trials worker built, with the history on
    /// screen (it was built with an older one when the history moved since).
    fn show_loaded(&mut self, view: Arc<View>) {
        let view = if same(&view.standup, &self.standup) {
            view
        } else {
            Arc::new(view.with_standup(self.standup.clone()))
        };
        self.set_view(view);
    }

    /// The file's history was read. `view` is the view built with it off the
    /// UI thread, used when it is of the snapshot shown (else it is built
    /// here). Says whether anything shown changed.
    pub fn on_standup(&mut self, standup: Arc<Standup>, view: Option<Arc<View>>) -> bool {
        let changed = self.standup.as_deref() != Some(&*standup);
        self.standup = Some(standup);
        if !changed {
            return false;
        }
        let Some(current) = &self.view else {
            return true;
        };
        let view = match view {
            Some(v) if Arc::ptr_eq(&v.snapshot, &current.snapshot) => v,
            _ => Arc::new(current.with_standup(self.standup.clone())),
        };
        self.set_view(view);
        true
    }

    /// Shows a new view, keeping each pane's selection on the same id.
    fn set_view(&mut self, view: Arc<View>) {
        let keys = Focus::ALL.map(|f| self.row_key(f, self.state.selected[f.index()]));
        self.view = Some(view);
        if let Some(id) = &self.state.component
            && self.component_index(id).is_none()
        {
            self.note = Some(format!("component {id} is gone: showing all tasks"));
            self.state.component = None;
        }
        self.refresh_visible();
        for (focus, key) in Focus::ALL.into_iter().zip(keys) {
            if let Some(row) = key.and_then(|k| self.find_row(focus, &k)) {
                self.state.selected[focus.index()] = row;
            }
        }
        self.clamp_selection();
    }

    /// Presentation mode on or off (`--present`).
    pub fn set_present(&mut self, present: bool) {
        self.state.present = present;
    }

    /// The spinner moves; says whether a gate shows it (redraw then).
    pub fn on_spin(&mut self) -> bool {
        self.spin = self.spin.wrapping_add(1);
        self.view
            .as_ref()
            .is_some_and(|v| v.gates.rows.iter().any(|g| g.running))
    }

    /// A reload started: shows "reloading…" until the next [`App::on_load`].
    pub fn on_reloading(&mut self) {
        self.reloading = true;
    }

    pub fn set_watch_status(&mut self, status: WatchStatus) {
        self.watch = Some(status);
    }

    /// Where the frame just drawn put things (for the mouse and paging).
    pub fn on_drawn(&mut self, regions: Regions) {
        self.regions = regions;
    }

    /// A remark for the status line (an editor that failed…).
    pub fn say(&mut self, note: String) {
        self.note = Some(note);
    }

    /// Clears the status line's remark; says whether there was one.
    pub fn clear_note(&mut self) -> bool {
        self.note.take().is_some()
    }

    // ---- keys and the mouse --------------------------------------------------

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if self.state.help.is_some() {
            Context::Help
        } else if self.state.prompt.is_some() {
            Context::Prompt
        } else if self.state.searching {
            Context::Search
        } else {
            self.context_under_help()
        }
    }

    /// The context the help describes: the one under it.
    pub fn context_under_help(&self) -> Context {
        if self.state.overlay.is_some() {
            Context::View
        } else if self.state.present {
            Context::Present
        } else {
            Context::Panes
        }
    }

    /// Applies a key; says whether to redraw, reload, quit…
    pub fn on_key(&mut self, key: KeyEvent) -> Action {
        if key.kind == KeyEventKind::Release {
            return Action::None;
        }
        let context = self.context();
        let command = keys::lookup(context, &key);
        self.apply(|app| match command {
            Some(command) => app.run(command, &key),
            None if context == Context::Search => {
                app.type_key(&key);
                None
            }
            None if context == Context::Prompt => {
                app.type_prompt(&key);
                None
            }
            None => None,
        })
    }

    /// Applies a mouse event: the wheel scrolls what is under the pointer,
    /// a click focuses a pane and selects a row, a click on the selected
    /// row opens it, a click on the `!` marker lists the errors.
    pub fn on_mouse(&mut self, mouse: MouseEvent) -> Action {
        self.apply(|app| {
            let (column, row) = (mouse.column, mouse.row);
            let region = app.regions.at(column, row).copied();
            match mouse.kind {
                MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                    let by = if mouse.kind == MouseEventKind::ScrollDown {
                        1
                    } else {
                        -1
                    };
                    if app.state.help.is_some() || app.state.overlay.is_some() {
                        app.scroll(by);
                    } else if let Some(Region {
                        target: Target::Pane { focus, .. },
                        ..
                    }) = region
                    {
                        app.state.focus = focus;
                        app.scroll(by);
                    }
                    None
                }
                MouseEventKind::Down(MouseButton::Left) => app.click(region, row),
                _ => None,
            }
        })
    }

    /// Runs `f`; a redraw when the state or the note changed.
    fn apply(&mut self, f: impl FnOnce(&mut App) -> Option<Action>) -> Action {
        let before = self.state.clone();
        let had_note = self.note.take().is_some();
        if let Some(action) = f(self) {
            return action;
        }
        let s = &self.state;
        let filters = (&s.component, &s.owner, s.status, s.sort, &s.query);
        let was = (
            &before.component,
            &before.owner,
            before.status,
            before.sort,
            &before.query,
        );
        if filters != was {
            let selected = self.row_key(Focus::Tasks, before.selected[Focus::Tasks.index()]);
            self.refresh_visible();
            self.state.selected[Focus::Tasks.index()] = selected
                .and_then(|k| self.find_row(Focus::Tasks, &k))
                .unwrap_or(0);
        }
        // A remark set by the key (a hint, a refusal) shows too.
        if self.state == before && !had_note && self.note.is_none() {
            Action::None
        } else {
            Action::Redraw
        }
    }

    fn click(&mut self, region: Option<Region>, row: u16) -> Option<Action> {
        if self.state.help.is_some() || self.state.overlay.is_some() || self.state.present {
            return None;
        }
        match region?.target {
            Target::Problems => self.run(Command::Problems, &no_key()),
            Target::Pane {
                focus,
                rows,
                row_height,
                first,
                ..
            } => {
                let was_focused = self.state.focus == focus;
                self.state.focus = focus;
                if focus == Focus::Forecast || !rows.contains(rows.x, row) {
                    return None;
                }
                let k = first + usize::from((row - rows.y) / row_height.max(1));
                if k >= self.pane_len(focus) {
                    return None;
                }
                if was_focused && self.state.selected[focus.index()] == k {
                    self.open();
                } else {
                    self.state.selected[focus.index()] = k;
                }
                None
            }
            Target::View { .. } => None,
        }
    }

    /// A character typed into the search.
    fn type_key(&mut self, key: &KeyEvent) {
        if let KeyCode::Char(c) = key.code
            && !c.is_control()
            && self.state.query.chars().count() < MAX_QUERY_CHARS
            && !key
                .modifiers
                .intersects(ratatui::crossterm::event::KeyModifiers::CONTROL)
        {
            self.state.query.push(c);
        }
    }

    fn run(&mut self, command: Command, key: &KeyEvent) -> Option<Action> {
        let s = &mut self.state;
        match command {
            Command::Quit => return Some(Action::Quit),
            Command::Suspend => return Some(Action::Suspend),
            Command::Back => self.back(),
            Command::Help => {
                s.help = match s.help {
                    Some(_) => None,
                    None => Some(0),
                }
            }
            Command::FocusNext => s.focus = s.focus.next(),
            Command::FocusPrev => s.focus = s.focus.prev(),
            Command::Down => self.scroll(1),
            Command::Up => self.scroll(-1),
            Command::HalfDown => self.scroll((self.page() / 2).max(1) as isize),
            Command::HalfUp => self.scroll(-((self.page() / 2).max(1) as isize)),
            Command::PageDown => self.scroll(self.page().max(1) as isize),
            Command::PageUp => self.scroll(-(self.page().max(1) as isize)),
            Command::Top => self.scroll(isize::MIN),
            Command::Bottom => self.scroll(isize::MAX),
            Command::Open => self.open(),
            Command::Search => {
                s.searching = true;
                s.focus = Focus::Tasks;
            }
            Command::StatusNext => s.status = s.status.next(),
            Command::StatusPrev => s.status = s.status.prev(),
            Command::StatusPick => {
                if let KeyCode::Char(c @ '0'..='7') = key.code {
                    s.status = StatusFilter::ALL[usize::from(c as u8 - b'0')];
                }
            }
            Command::OwnerNext => {
                let owners = self.view.as_ref().map_or(&[][..], |v| &v.tasks.owners[..]);
                self.state.owner = OwnerFilter::next(self.state.owner.as_ref(), owners);
            }
            Command::ComponentFilter => self.component_filter(),
            Command::SortNext => {
                s.sort = Sort {
                    key: s.sort.key.next(),
                    reverse: false,
                }
            }
            Command::SortReverse => s.sort.reverse = !s.sort.reverse,
            Command::Forecast => s.focus = Focus::Forecast,
            Command::Problems => {
                if self.problems().is_empty() {
                    self.note = Some("no errors or warnings".to_owned());
                } else {
                    self.state.overlay = Some(Overlay::Problems { selected: 0 });
                }
            }
            Command::Edit => {
                return Some(Action::Edit {
                    line: self.edit_line(),
                });
            }
            Command::Reload => {
                self.reload_asked = true;
                return Some(Action::Reload);
            }
            Command::Theme => s.theme = s.theme.next(),
            Command::Present => s.present = !s.present,
            Command::Keep => s.searching = false,
            Command::DeleteChar => {
                match &mut s.prompt {
                    Some(p) => p.text.pop(),
                    None => s.query.pop(),
                };
            }
            Command::Erase if s.prompt.is_some() => {
                if let Some(p) = &mut s.prompt {
                    p.text.clear();
                }
            }
            Command::Erase => s.query.clear(),
            Command::MarkDone
            | Command::CycleStatus
            | Command::EditBlocker
            | Command::EditProgress
            | Command::Submit => return self.edit_command(command),
        }
        None
    }

    /// Esc: the innermost thing open closes; never quits.
    fn back(&mut self) {
        let s = &mut self.state;
        if s.help.is_some() {
            s.help = None;
        } else if s.prompt.is_some() {
            s.prompt = None;
        } else if s.searching {
            s.searching = false;
            s.query.clear();
        } else if s.overlay.is_some() {
            s.overlay = None;
        } else if s.present {
            s.present = false;
        } else if !s.query.is_empty() {
            s.query.clear();
        } else if s.component.is_some() {
            s.component = None;
            s.focus = Focus::Components;
        } else if s.owner.is_some() {
            s.owner = None;
        }
    }

    /// `c`: on the components pane, list the selected component's tasks;
    /// elsewhere, the next component (after the last, all again).
    fn component_filter(&mut self) {
        let Some(view) = &self.view else { return };
        let rows = &view.components.rows;
        if rows.is_empty() {
            return;
        }
        let next = if self.state.focus == Focus::Components {
            let k = self.selected(Focus::Components);
            self.state.focus = Focus::Tasks;
            Some(rows[k].id.clone())
        } else {
            match self
                .state
                .component
                .as_deref()
                .and_then(|id| self.component_index(id))
            {
                None => Some(rows[0].id.clone()),
                Some(k) => rows.get(k + 1).map(|r| r.id.clone()),
            }
        };
        self.state.component = next;
    }

    // ---- edits of a task (src/app/edit.rs) ------------------------------------

    /// The task an edit applies to: the one whose detail view is open, or
    /// the task the focused pane (tasks, blockers) has selected.
    fn edit_target(&self) -> Option<usize> {
        let id = match &self.state.overlay {
            Some(Overlay::Detail {
                item: Item::Task(id),
                ..
            }) => id.clone(),
            Some(_) => return None,
            None => match self.selected_item()? {
                Item::Task(id) => id,
                _ => return None,
            },
        };
        self.view.as_ref()?.tasks.find(&id).map(|r| r.index)
    }

    /// `d`, `x`, `b`, `%` and a prompt's Enter.
    fn edit_command(&mut self, command: Command) -> Option<Action> {
        if command == Command::Submit {
            let prompt = self.state.prompt.as_ref()?;
            return match prompt.edit() {
                Ok(request) => {
                    self.state.prompt = None;
                    Some(Action::SetTask(request))
                }
                Err(why) => {
                    self.note = Some(why);
                    None
                }
            };
        }
        let Some(index) = self.edit_target() else {
            self.note = Some("select a task first (tasks or blockers pane, or its detail)".into());
            return None;
        };
        let task = &self.snapshot()?.manifest.tasks[index];
        let id = task.id.clone();
        match command {
            Command::MarkDone => Some(Action::SetTask(edit::set_status(
                &id,
                crate::manifest::Status::Done,
            ))),
            Command::CycleStatus => Some(Action::SetTask(edit::set_status(
                &id,
                edit::next_status(task.status),
            ))),
            Command::EditBlocker | Command::EditProgress => {
                let (field, text) = if command == Command::EditBlocker {
                    (
                        edit::Field::Blocker,
                        task.blocker.clone().unwrap_or_default(),
                    )
                } else {
                    (
                        edit::Field::Progress,
                        task.progress.map(edit::number).unwrap_or_default(),
                    )
                };
                self.state.prompt = Some(Prompt {
                    task: id,
                    field,
                    text,
                });
                None
            }
            _ => None,
        }
    }

    /// A character typed into the prompt.
    fn type_prompt(&mut self, key: &KeyEvent) {
        if let (Some(prompt), KeyCode::Char(c)) = (&mut self.state.prompt, key.code)
            && !c.is_control()
            && prompt.text.chars().count() < edit::MAX_PROMPT_CHARS
            && !key
                .modifiers
                .intersects(ratatui::crossterm::event::KeyModifiers::CONTROL)
        {
            prompt.text.push(c);
        }
    }

    /// An edit was written, or refused: the status line says which.
    pub fn on_edited(&mut self, note: String) {
        self.note = Some(note);
    }

    /// The edit's prompt, when one is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.state.prompt.as_ref()
    }

    /// Enter: the selected item's detail view.
    fn open(&mut self) {
        if let Some(item) = self.selected_item() {
            self.state.overlay = Some(Overlay::Detail { item, scroll: 0 });
        }
    }

    /// The item the focused pane has selected.
    pub fn selected_item(&self) -> Option<Item> {
        let focus = self.state.focus;
        match self.row_key(focus, self.selected(focus))? {
            RowKey::Component(id) => Some(Item::Component(id)),
            RowKey::Gate(id) => Some(Item::Gate(id)),
            RowKey::Task(id) => Some(Item::Task(id)),
            RowKey::Person(id) => Some(Item::Person(id)),
        }
    }

    /// The line `e` opens the editor at.
    fn edit_line(&self) -> Option<usize> {
        let view = self.view.as_deref();
        match &self.state.overlay {
            Some(Overlay::Detail { item, .. }) => view?.line_of(item),
            Some(Overlay::Problems { selected }) => self.problems().get(*selected)?.line,
            None => view?.line_of(&self.selected_item()?),
        }
    }

    /// Rows a page holds where keys go now.
    fn page(&self) -> usize {
        let page = if self.state.help.is_some() || self.state.overlay.is_some() {
            self.regions.view().map_or(0, |(page, _)| page)
        } else {
            self.regions.page(self.state.focus)
        };
        if page == 0 { DEFAULT_PAGE } else { page }
    }

    /// Moves the selection (or scrolls the view) where keys go now.
    fn scroll(&mut self, by: isize) {
        let move_by = |current: usize, len: usize| {
            let target = if by < 0 {
                current.saturating_sub(by.unsigned_abs())
            } else {
                current.saturating_add(by.unsigned_abs())
            };
            target.min(len.saturating_sub(1))
        };
        let max_scroll = self.regions.view().map_or(usize::MAX - 1, |(_, max)| max);
        if let Some(scroll) = &mut self.state.help {
            *scroll = move_by(*scroll, max_scroll + 1);
            return;
        }
        let problems = self.problems().len();
        match &mut self.state.overlay {
            Some(Overlay::Detail { scroll, .. }) => *scroll = move_by(*scroll, max_scroll + 1),
            Some(Overlay::Problems { selected }) => *selected = move_by(*selected, problems),
            None => {
                let focus = self.state.focus;
                let len = self.pane_len(focus);
                let current = self.state.selected[focus.index()];
                self.state.selected[focus.index()] = move_by(current, len);
            }
        }
    }

    /// The index of the component with this id.
    fn component_index(&self, id: &str) -> Option<usize> {
        self.view.as_ref()?.components.find(id).map(|r| r.index)
    }

    /// What a pane's row shows, by id.
    fn row_key(&self, focus: Focus, row: usize) -> Option<RowKey> {
        let v = self.view.as_ref()?;
        match focus {
            Focus::Components => v
                .components
                .rows
                .get(row)
                .map(|c| RowKey::Component(c.id.clone())),
            Focus::Gates => v.gates.rows.get(row).map(|g| RowKey::Gate(g.id.clone())),
            Focus::Blockers => match v.blockers.rows.get(row)? {
                BlockerRow::Task { id, .. } => Some(RowKey::Task(id.clone())),
                BlockerRow::Gate { id, .. } => Some(RowKey::Gate(id.clone())),
            },
            Focus::Tasks => {
                let i = *self.visible.get(row)?;
                Some(RowKey::Task(v.tasks.rows[i].id.clone()))
            }
            Focus::People => v.people.rows.get(row).map(|p| RowKey::Person(p.id.clone())),
            Focus::Forecast => None,
        }
    }

    /// The row of a pane that shows this id, if any.
    fn find_row(&self, focus: Focus, key: &RowKey) -> Option<usize> {
        let v = self.view.as_ref()?;
        match (focus, key) {
            (Focus::Components, RowKey::Component(id)) => {
                v.components.rows.iter().position(|c| &c.id == id)
            }
            (Focus::Gates, RowKey::Gate(id)) => v.gates.rows.iter().position(|g| &g.id == id),
            (Focus::Blockers, key) => v.blockers.rows.iter().position(|row| match (row, key) {
                (BlockerRow::Task { id, .. }, RowKey::Task(k)) => id == k,
                (BlockerRow::Gate { id, .. }, RowKey::Gate(k)) => id == k,
                _ => false,
            }),
            (Focus::People, RowKey::Person(id)) => v.people.rows.iter().position(|p| &p.id == id),
            (Focus::Tasks, RowKey::Task(id)) => {
                let i = v.tasks.index_of(id)?;
                self.visible.iter().position(|&k| k == i)
            }
            _ => None,
        }
    }

    fn clamp_selection(&mut self) {
        for focus in Focus::ALL {
            let last = self.pane_len(focus).saturating_sub(1);
            let s = &mut self.state.selected[focus.index()];
            *s = (*s).min(last);
        }
    }

    /// How many rows a pane lists (for the forecast, how many first lines
    /// it can start at).
    pub fn pane_len(&self, focus: Focus) -> usize {
        let Some(v) = &self.view else {
            return 0;
        };
        match focus {
            Focus::Components => v.components.rows.len(),
            Focus::Gates => v.gates.rows.len(),
            Focus::Blockers => v.blockers.rows.len(),
            Focus::Tasks => self.visible.len(),
            Focus::People => v.people.rows.len(),
            Focus::Forecast => self.forecast_scroll_len(),
        }
    }

    /// The forecast's scroll positions, from the last frame (its lines wrap).
    fn forecast_scroll_len(&self) -> usize {
        self.regions
            .list
            .iter()
            .find_map(|r| match r.target {
                Target::Pane {
                    focus: Focus::Forecast,
                    rows,
                    len,
                    ..
                } => Some(len.saturating_sub(usize::from(rows.height)) + 1),
                _ => None,
            })
            .unwrap_or(1)
    }

    fn refresh_visible(&mut self) {
        self.visible = match &self.view {
            Some(v) => list::visible(&v.tasks, &self.filters()),
            None => Vec::new(),
        };
    }

    // ---- what the drawing reads ---------------------------------------------

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The last good snapshot's view.
    pub fn view(&self) -> Option<&View> {
        self.view.as_deref()
    }

    /// The last good snapshot, kept while the file is invalid or missing.
    pub fn snapshot(&self) -> Option<&Snapshot> {
        self.view.as_deref().map(|v| &*v.snapshot)
    }

    pub fn loaded_at(&self) -> Option<NaiveDateTime> {
        self.loaded_at
    }

    pub fn trouble(&self) -> Option<&Trouble> {
        self.trouble.as_ref()
    }

    /// Every error and warning to list: the invalid file's when it is
    /// invalid, else the shown snapshot's warnings.
    pub fn problems(&self) -> &[DiagnosticRow] {
        match self.trouble.as_ref().map(|t| &t.problem) {
            Some(Problem::Invalid { problems }) => problems,
            _ => self.view.as_ref().map_or(&[][..], |v| &v.warnings[..]),
        }
    }

    pub fn reloading(&self) -> bool {
        self.reloading
    }

    pub fn watch_status(&self) -> Option<&WatchStatus> {
        self.watch.as_ref()
    }

    pub fn focus(&self) -> Focus {
        self.state.focus
    }

    /// The selected row of a pane (clamped to its rows).
    pub fn selected(&self, focus: Focus) -> usize {
        self.state.selected[focus.index()].min(self.pane_len(focus).saturating_sub(1))
    }

    /// The component whose tasks the tasks pane lists, if any (its index).
    pub fn component_filter_index(&self) -> Option<usize> {
        self.component_index(self.state.component.as_deref()?)
    }

    pub fn owner_filter(&self) -> Option<&OwnerFilter> {
        self.state.owner.as_ref()
    }

    /// A one-off remark for the status line, cleared by the next key.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    pub fn filter(&self) -> StatusFilter {
        self.state.status
    }

    pub fn sort(&self) -> Sort {
        self.state.sort
    }

    /// Everything that decides the tasks pane's rows.
    pub fn filters(&self) -> Filters {
        Filters {
            status: self.state.status,
            component: self.component_filter_index(),
            owner: self.state.owner.clone(),
            query: self.state.query.trim().to_lowercase(),
            sort: self.state.sort,
        }
    }

    pub fn query(&self) -> &str {
        &self.state.query
    }

    /// Typing a search query (after `/`, until Enter or Esc).
    pub fn searching(&self) -> bool {
        self.state.searching
    }

    pub fn help_visible(&self) -> bool {
        self.state.help.is_some()
    }

    /// How far the help is scrolled.
    pub fn help_scroll(&self) -> usize {
        self.state.help.unwrap_or(0)
    }

    /// The view open over the panes, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.state.overlay.as_ref()
    }

    /// Presentation mode: large figures for a screen share.
    pub fn present(&self) -> bool {
        self.state.present
    }

    /// Since and the scope history, once the history has been read.
    pub fn standup(&self) -> Option<&Standup> {
        self.standup.as_deref()
    }

    pub fn theme_name(&self) -> ThemeName {
        self.state.theme
    }

    pub fn no_color(&self) -> bool {
        self.no_color
    }

    /// The spinner's frame.
    pub fn spin(&self) -> usize {
        self.spin
    }

    /// Task indices the tasks pane lists, in order.
    pub fn visible_tasks(&self) -> &[usize] {
        &self.visible
    }
}

/// Whether two optional histories are the same one.
fn same(a: &Option<Arc<Standup>>, b: &Option<Arc<Standup>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn no_key() -> KeyEvent {
    KeyEvent::new(KeyCode::Null, ratatui::crossterm::event::KeyModifiers::NONE)
}

//! Keys and the mouse: where a key goes ([`Context`]), what each
//! [`Command`] of the key table changes, Esc closing the innermost thing
//! open, clicks and the wheel on the regions of the last frame, scrolling
//! and paging. A key that changes nothing asks for no redraw
//! (docs/dashboard.md, "Keys").

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

use super::{
    Action, App, Command, Context, DEFAULT_PAGE, Focus, MAX_QUERY_CHARS, Overlay, OwnerFilter,
    Region, Sort, StatusFilter, Target, keys,
};

impl App {
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
            None if context == Context::Prompt => app.type_prompt(&key),
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
            // The wheel and a click move the user off the task an edit
            // acted on.
            if matches!(
                mouse.kind,
                MouseEventKind::ScrollDown
                    | MouseEventKind::ScrollUp
                    | MouseEventKind::Down(MouseButton::Left)
            ) && app.state.overlay.is_none()
                && app.state.help.is_none()
            {
                app.state.pinned = None;
            }
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
        let filters = (
            &s.component,
            &s.owner,
            s.status,
            s.sort,
            &s.query,
            &s.pinned,
        );
        let was = (
            &before.component,
            &before.owner,
            before.status,
            before.sort,
            &before.query,
            &before.pinned,
        );
        if filters != was {
            // The row the key left selected (a move off a pinned task lands
            // on its neighbour), found again in the new list.
            let selected = self.row_key(Focus::Tasks, self.state.selected[Focus::Tasks.index()]);
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

    pub(super) fn run(&mut self, command: Command, key: &KeyEvent) -> Option<Action> {
        if command.moves() {
            self.state.pinned = None;
        }
        let s = &mut self.state;
        match command {
            Command::Quit => return Some(Action::Quit),
            Command::Suspend => return Some(Action::Suspend),
            Command::Back => {
                if !self.back() && self.back_quits {
                    return Some(Action::Quit);
                }
            }
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
            Command::Trend => {
                let days = self.view.as_ref().and_then(|v| v.trend.as_ref());
                let last = days.map_or(0, |t| t.rows.len().saturating_sub(1));
                self.state.overlay = Some(Overlay::Trend {
                    selected: last,
                    open: false,
                });
            }
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
            Command::Theme => {
                s.theme = s.theme.next();
                self.note = Some(format!("theme {}", self.state.theme.as_str()));
            }
            Command::Present => s.present = !s.present,
            Command::Keep => s.searching = false,
            Command::DeleteChar => {
                match &mut s.prompt {
                    // A selected old value goes whole.
                    Some(p) if p.selected => {
                        p.text.clear();
                        p.selected = false;
                    }
                    Some(p) => {
                        p.text.pop();
                    }
                    None => {
                        s.query.pop();
                    }
                };
            }
            Command::Erase if s.prompt.is_some() => {
                if let Some(p) = &mut s.prompt {
                    p.text.clear();
                    p.selected = false;
                }
            }
            Command::KeepText => {
                if let Some(p) = &mut s.prompt {
                    p.selected = false;
                }
            }
            Command::Erase => s.query.clear(),
            Command::MarkDone
            | Command::CycleStatus
            | Command::EditBlocker
            | Command::EditProgress
            | Command::Submit
            | Command::Undo
            | Command::AddTask => return self.edit_command(command),
        }
        None
    }

    /// Esc: the innermost thing open closes; never quits. Returns whether
    /// something closed.
    fn back(&mut self) -> bool {
        let s = &mut self.state;
        if s.help.is_some() {
            s.help = None;
        } else if s.prompt.is_some() {
            s.prompt = None;
        } else if s.searching {
            s.searching = false;
            s.query.clear();
        } else if let Some(Overlay::Trend {
            open: open @ true, ..
        }) = &mut s.overlay
        {
            *open = false;
        } else if s.overlay.is_some() {
            s.overlay = None;
        } else if s.present {
            s.present = false;
        } else if !s.query.is_empty() {
            s.query.clear();
        } else if s.component.is_some() {
            // Only the filter goes; the focus stays where the user is.
            s.component = None;
        } else if s.owner.is_some() {
            s.owner = None;
        } else {
            return false;
        }
        true
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

    /// Enter: the selected item's detail view; in the trend view, the
    /// selected day's figures (and back).
    pub(super) fn open(&mut self) {
        match &mut self.state.overlay {
            Some(Overlay::Trend { open, .. }) => *open = !*open,
            Some(_) => {}
            None => self.open_item(),
        }
    }

    fn open_item(&mut self) {
        if let Some(item) = self.selected_item() {
            self.state.overlay = Some(Overlay::Detail { item, scroll: 0 });
        }
    }

    /// The line `e` opens the editor at.
    fn edit_line(&self) -> Option<usize> {
        let view = self.view.as_deref();
        match &self.state.overlay {
            Some(Overlay::Detail { item, .. }) => view?.line_of(item),
            Some(Overlay::Problems { selected }) => self.problems().get(*selected)?.line,
            Some(Overlay::Trend { .. }) => None,
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
    pub(super) fn scroll(&mut self, by: isize) {
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
        let days = self
            .view
            .as_ref()
            .and_then(|v| v.trend.as_ref())
            .map_or(0, |t| t.rows.len());
        match &mut self.state.overlay {
            Some(Overlay::Trend { selected, .. }) => *selected = move_by(*selected, days),
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
}

fn no_key() -> KeyEvent {
    KeyEvent::new(KeyCode::Null, ratatui::crossterm::event::KeyModifiers::NONE)
}

//! What the drawing reads of the dashboard's state: the view on screen,
//! the trouble with the file, focus, selection, filters, the search, the
//! open overlay, presentation mode, the theme. Read-only accessors; the
//! panes in `src/ui/` lay out what these return.

use std::path::Path;

use chrono::NaiveDateTime;

use super::{
    App, Filters, Focus, Overlay, OwnerFilter, Problem, Sort, StatusFilter, ThemeName, Trouble,
    WatchStatus,
};
use crate::model::Snapshot;
use crate::standup::Standup;
use crate::view::{DiagnosticRow, View};

impl App {
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
            keep: self
                .state
                .pinned
                .as_deref()
                .and_then(|id| self.view.as_ref()?.tasks.index_of(id)),
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

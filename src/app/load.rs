//! What the event loop tells the dashboard: a load landed (good, invalid,
//! missing, unreadable), the trials finished, the history was read, a
//! reload started, the watch changed, a frame was drawn. A new view keeps
//! each pane's selection on the same id (docs/dashboard.md).

use std::sync::Arc;

use super::rows::RowKey;
use super::{App, Focus, LoadOutcome, Problem, Regions, Trouble, WatchStatus};
use crate::standup::Standup;
use crate::view::View;

impl App {
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
        // Every edit sent is written (or refused) and this load follows
        // them: `x` cycles from the file again.
        if self.pending == 0 {
            self.asked = None;
        }
        self.refresh_visible();
        for (focus, key) in Focus::ALL.into_iter().zip(keys) {
            if let Some(row) = key.and_then(|k| self.find_row(focus, &k)) {
                self.state.selected[focus.index()] = row;
            }
        }
        // The task an edit acted on (or added) stays selected in the list.
        if let Some(id) = self.state.pinned.clone()
            && let Some(row) = self.find_row(Focus::Tasks, &RowKey::Task(id))
        {
            self.state.selected[Focus::Tasks.index()] = row;
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
}

/// Whether two optional histories are the same one.
fn same(a: &Option<Arc<Standup>>, b: &Option<Arc<Standup>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

//! Rows by what they show: the item a pane has selected, each pane's
//! length, the tasks the filters leave, and finding a row again by id after
//! a load or a filter change, so that the selection stays on the same
//! component, gate, task or person.

use super::{App, Focus, Target, list};
use crate::view::{BlockerRow, Item};

/// A row of a pane by what it shows, so that a load can find it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RowKey {
    Component(String),
    Gate(String),
    Task(String),
    Person(String),
}

impl App {
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

    /// The index of the component with this id.
    pub(super) fn component_index(&self, id: &str) -> Option<usize> {
        self.view.as_ref()?.components.find(id).map(|r| r.index)
    }

    /// What a pane's row shows, by id.
    pub(super) fn row_key(&self, focus: Focus, row: usize) -> Option<RowKey> {
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
    pub(super) fn find_row(&self, focus: Focus, key: &RowKey) -> Option<usize> {
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

    pub(super) fn clamp_selection(&mut self) {
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

    /// Whether the pane shows its selected row as the one keys act on: not
    /// while the task the last edit acted on is gone from it (a blocker
    /// marked done), since edits still act on that task.
    pub fn shows_selection(&self, focus: Focus) -> bool {
        let Some(id) = &self.state.pinned else {
            return true;
        };
        match self.find_row(focus, &RowKey::Task(id.clone())) {
            Some(row) => row == self.selected(focus),
            None => !matches!(focus, Focus::Tasks | Focus::Blockers),
        }
    }

    pub(super) fn refresh_visible(&mut self) {
        self.visible = match &self.view {
            Some(v) => list::visible(&v.tasks, &self.filters()),
            None => Vec::new(),
        };
    }
}

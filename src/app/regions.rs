//! Where the last frame put things, as plain rectangles: which pane or
//! marker is under a mouse click, which row of a list, and how many rows a
//! page holds (for Ctrl-d, PgDn and clamping a view's scroll). The drawing
//! fills it in; the app reads it — so the app never depends on the layout
//! code, only on what it produced.

use super::Focus;

/// A rectangle of cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub fn contains(&self, column: u16, row: u16) -> bool {
        (self.x..self.x.saturating_add(self.width)).contains(&column)
            && (self.y..self.y.saturating_add(self.height)).contains(&row)
    }
}

/// What a region holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A pane; `rows` is where its list's rows are drawn, `row_height`
    /// cells each, the first being row `first` of the `len` rows (for the
    /// forecast, lines of text) of the list.
    Pane {
        focus: Focus,
        rows: Area,
        row_height: u16,
        first: usize,
        len: usize,
    },
    /// The `!` marker (or the error banner): opens the error list.
    Problems,
    /// A view over the panes (detail, forecast, errors, help): `page` lines
    /// show at once, and it scrolls at most to `max_scroll`.
    View { page: usize, max_scroll: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub area: Area,
    pub target: Target,
}

/// Every region of the last frame, topmost last.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Regions {
    pub list: Vec<Region>,
}

impl Regions {
    pub fn push(&mut self, area: Area, target: Target) {
        self.list.push(Region { area, target });
    }

    /// The topmost region under a cell.
    pub fn at(&self, column: u16, row: u16) -> Option<&Region> {
        self.list
            .iter()
            .rev()
            .find(|r| r.area.contains(column, row))
    }

    /// The rows a pane's list shows at once (0 when it is not drawn).
    pub fn page(&self, pane: Focus) -> usize {
        self.list
            .iter()
            .find_map(|r| match r.target {
                Target::Pane {
                    focus,
                    rows,
                    row_height,
                    ..
                } if focus == pane => Some(usize::from(rows.height / row_height.max(1))),
                _ => None,
            })
            .unwrap_or(0)
    }

    /// The view drawn over the panes, if any: (page, max scroll).
    pub fn view(&self) -> Option<(usize, usize)> {
        self.list.iter().rev().find_map(|r| match r.target {
            Target::View { page, max_scroll } => Some((page, max_scroll)),
            _ => None,
        })
    }
}

//! Which tasks the tasks pane lists, and in what order: the status filter
//! (`f`, `0`–`7`), the component (`c`) and owner (`o`) filters, the search
//! (`/`) and the sort (`s`, `S`), applied to the view's rows. Pure.

use crate::model::TaskState;
use crate::view::{TaskRow, Tasks};

/// Which tasks the pane lists, by state.
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

    pub fn next(self) -> StatusFilter {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }

    pub fn prev(self) -> StatusFilter {
        Self::ALL[(self.index() + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}

/// The owner filter (`o`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerFilter {
    Owner(String),
    /// Tasks without an owner.
    Unowned,
}

impl OwnerFilter {
    pub fn label(&self) -> String {
        match self {
            OwnerFilter::Owner(o) => format!("owner {o}"),
            OwnerFilter::Unowned => "unowned".to_owned(),
        }
    }

    fn matches(&self, row: &TaskRow) -> bool {
        match self {
            OwnerFilter::Owner(o) => row.owner.as_ref() == Some(o),
            OwnerFilter::Unowned => row.owner.is_none(),
        }
    }

    /// After `current`: each owner in turn, then unowned, then none.
    pub fn next(current: Option<&OwnerFilter>, owners: &[String]) -> Option<OwnerFilter> {
        match current {
            None => Some(
                owners
                    .first()
                    .map_or(OwnerFilter::Unowned, |o| OwnerFilter::Owner(o.clone())),
            ),
            Some(OwnerFilter::Owner(o)) => {
                let k = owners.iter().position(|x| x == o);
                Some(match k.and_then(|k| owners.get(k + 1)) {
                    Some(next) => OwnerFilter::Owner(next.clone()),
                    None => OwnerFilter::Unowned,
                })
            }
            Some(OwnerFilter::Unowned) => None,
        }
    }
}

/// How the tasks pane orders its rows (`s`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// As in the file.
    #[default]
    File,
    /// P0 first.
    Priority,
    /// Blocked tasks by the days they hold up, then the rest by the days
    /// left in them: the most work stopped first.
    HoldsUp,
    /// By owner, unowned last.
    Owner,
    /// Largest estimate first.
    Estimate,
    /// Blocked, waiting, doing, todo, done, dropped.
    Status,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::File,
        SortKey::Priority,
        SortKey::HoldsUp,
        SortKey::Owner,
        SortKey::Estimate,
        SortKey::Status,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortKey::File => "file order",
            SortKey::Priority => "priority",
            SortKey::HoldsUp => "holds up",
            SortKey::Owner => "owner",
            SortKey::Estimate => "estimate",
            SortKey::Status => "status",
        }
    }

    pub fn next(self) -> SortKey {
        Self::ALL[(self as usize + 1) % Self::ALL.len()]
    }
}

/// The sort and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub key: SortKey,
    pub reverse: bool,
}

impl Sort {
    /// `sorted by priority`, `sorted by priority, reversed`; `None` in file
    /// order.
    pub fn label(self) -> Option<String> {
        match (self.key, self.reverse) {
            (SortKey::File, false) => None,
            (key, false) => Some(format!("by {}", key.label())),
            (key, true) => Some(format!("by {}, reversed", key.label())),
        }
    }
}

/// What the pane lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    pub status: StatusFilter,
    /// A component's index in the view.
    pub component: Option<usize>,
    pub owner: Option<OwnerFilter>,
    /// Lowercased, trimmed.
    pub query: String,
    pub sort: Sort,
    /// A task index listed whatever the filters: the task an edit just
    /// acted on, until the user moves.
    pub keep: Option<usize>,
}

fn state_rank(state: TaskState) -> u8 {
    match state {
        TaskState::Blocked => 0,
        TaskState::Waiting => 1,
        TaskState::Doing => 2,
        TaskState::Todo => 3,
        TaskState::Done => 4,
        TaskState::Dropped => 5,
    }
}

/// Task indices the pane lists, filtered and sorted (ties in file order;
/// reversed, the whole list bottom up).
pub fn visible(tasks: &Tasks, f: &Filters) -> Vec<usize> {
    let mut rows: Vec<&TaskRow> = tasks
        .rows
        .iter()
        .filter(|r| {
            f.keep == Some(r.index)
                || f.status.matches(r.state)
                    && f.component.is_none_or(|c| r.component == c)
                    && f.owner.as_ref().is_none_or(|o| o.matches(r))
                    && (f.query.is_empty() || r.search.contains(&f.query))
        })
        .collect();
    let by = |a: &&TaskRow, b: &&TaskRow| -> std::cmp::Ordering {
        match f.sort.key {
            SortKey::File => std::cmp::Ordering::Equal,
            SortKey::Priority => a.priority.cmp(&b.priority),
            SortKey::HoldsUp => {
                let key = |r: &TaskRow| (r.holds_up.is_some(), r.holds_up.unwrap_or(r.remaining));
                let (ab, ad) = key(a);
                let (bb, bd) = key(b);
                bb.cmp(&ab).then(bd.total_cmp(&ad))
            }
            SortKey::Owner => (a.owner.is_none(), &a.owner).cmp(&(b.owner.is_none(), &b.owner)),
            SortKey::Estimate => b.days.total_cmp(&a.days),
            SortKey::Status => state_rank(a.state).cmp(&state_rank(b.state)),
        }
    };
    // Reversed, the whole order turns over, ties included: file order
    // reversed is the file read bottom up.
    rows.sort_by(|a, b| {
        let order = by(a, b).then(a.index.cmp(&b.index));
        if f.sort.reverse {
            order.reverse()
        } else {
            order
        }
    });
    rows.into_iter().map(|r| r.index).collect()
}

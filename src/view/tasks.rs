//! The tasks as the tasks pane, the detail view and the reports show them:
//! one row per task in file order (dropped ones too — the pane's filter
//! decides), each with its state's symbol, the estimate as written, what it
//! waits on, its blocker, the days it holds up and a search string; and the
//! one count of progress, `18 of 43 tasks done`, over the scope (dropped
//! tasks left out), which the pane, the burn-up and the reports print.

use std::collections::HashMap;

use super::figure::{days, plural};
use super::symbols;
use super::text::{clean, list_ids};
use super::{SourceLines, Tone};
use crate::manifest::{Priority, Task};
use crate::model::format::num;
use crate::model::{Snapshot, TaskState};

/// One task, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRow {
    /// Index into `manifest.tasks`.
    pub index: usize,
    pub id: String,
    pub title: String,
    pub state: TaskState,
    /// `⊘`
    pub symbol: &'static str,
    /// `⊘ blocked`
    pub label: String,
    pub tone: Tone,
    pub priority: Priority,
    /// As written (`2-3h`), or its days (`2d`), or `—`.
    pub estimate: String,
    /// The days it counts for (a range's midpoint, or the mean when
    /// unestimated); 0 when dropped.
    pub days: f64,
    pub owner: Option<String>,
    /// Index into `manifest.components`.
    pub component: usize,
    pub component_id: String,
    /// `50%`, `100%` when done, empty without progress.
    pub progress: String,
    /// The ids of the dependencies not yet done (`a, b +1 more`), empty
    /// when none.
    pub waits_on: String,
    /// The blocker's text, when one is written.
    pub blocker: Option<String>,
    /// Days of work left in it (0 when done or dropped).
    pub remaining: f64,
    /// `2.3 d left`, when any is left.
    pub left: Option<String>,
    /// The days it holds up, when blocked.
    pub holds_up: Option<f64>,
    /// Id, title, owner and blocker, lowercased, a line feed between (a
    /// query holds none, so a match never spans two fields).
    pub search: String,
    pub line: Option<usize>,
}

impl TaskRow {
    pub fn is_open(&self) -> bool {
        !matches!(self.state, TaskState::Done | TaskState::Dropped)
    }
}

/// Every task, and the counts over the scope.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tasks {
    /// In file order.
    pub rows: Vec<TaskRow>,
    /// Tasks not dropped.
    pub scope: usize,
    pub done: usize,
    /// Neither done nor dropped.
    pub open: usize,
    pub dropped: usize,
    /// `18 of 43 tasks done`.
    pub done_phrase: String,
    /// The owners named by tasks, sorted, each once.
    pub owners: Vec<String>,
    /// The widest value of each column, in cells, so that a frame sizes the
    /// table without measuring every row.
    pub widths: Widths,
    by_id: HashMap<String, usize>,
}

/// The widest value of each of the tasks' columns, in terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Widths {
    pub id: usize,
    pub title: usize,
    pub estimate: usize,
    pub owner: usize,
    pub waits_on: usize,
    pub component: usize,
    /// Whether any task shows progress.
    pub progress: bool,
}

impl Widths {
    fn of(rows: &[TaskRow]) -> Widths {
        let widest = |f: &dyn Fn(&TaskRow) -> usize| rows.iter().map(f).max().unwrap_or(0);
        Widths {
            id: widest(&|r| width(&r.id)),
            title: widest(&|r| width(&r.title)),
            estimate: widest(&|r| width(&r.estimate)),
            owner: widest(&|r| r.owner.as_deref().map_or(0, width)),
            waits_on: widest(&|r| width(&r.waits_on)),
            component: widest(&|r| width(&r.component_id)),
            progress: rows.iter().any(|r| !r.progress.is_empty()),
        }
    }
}

/// The width of a text in terminal cells.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

impl Tasks {
    pub fn of(s: &Snapshot, lines: &SourceLines) -> Tasks {
        let m = &s.manifest;
        let holds_up: HashMap<usize, f64> = s
            .blockers
            .iter()
            .map(|b| (b.task, b.holds_up_days))
            .collect();
        let rows: Vec<TaskRow> = m
            .tasks
            .iter()
            .zip(&s.tasks)
            .enumerate()
            .map(|(i, (task, f))| {
                let (symbol, tone) = symbols::state(f.state);
                let waiting: Vec<&str> = f
                    .waiting_on
                    .iter()
                    .map(|&d| m.tasks[d].id.as_str())
                    .collect();
                let progress = match (f.state, task.progress) {
                    (TaskState::Done, _) => "100%".to_owned(),
                    (_, Some(p)) => format!("{}%", num(p)),
                    (_, None) => String::new(),
                };
                TaskRow {
                    index: i,
                    id: clean(&task.id),
                    title: clean(&task.title),
                    state: f.state,
                    symbol,
                    label: symbols::state_label(f.state),
                    tone,
                    priority: task.priority,
                    estimate: estimate(task),
                    days: f.days,
                    owner: task.owner.as_deref().map(clean),
                    component: task.component,
                    component_id: m
                        .components
                        .get(task.component)
                        .map_or_else(String::new, |c| clean(&c.id)),
                    progress,
                    waits_on: list_ids(&waiting, 3),
                    blocker: task.blocker.as_deref().map(clean),
                    remaining: f.remaining,
                    left: (f.remaining > 0.0).then(|| format!("{} left", days(f.remaining))),
                    holds_up: holds_up.get(&i).copied(),
                    search: search_text(task),
                    line: lines.tasks.get(i).copied(),
                }
            })
            .collect();
        let count = |state: TaskState| rows.iter().filter(|r| r.state == state).count();
        let dropped = count(TaskState::Dropped);
        let done = count(TaskState::Done);
        let scope = rows.len() - dropped;
        let mut owners: Vec<String> = rows.iter().filter_map(|r| r.owner.clone()).collect();
        owners.sort();
        owners.dedup();
        let by_id = rows
            .iter()
            .map(|r| (m.tasks[r.index].id.clone(), r.index))
            .collect();
        Tasks {
            widths: Widths::of(&rows),
            done_phrase: format!("{done} of {} done", plural(scope, "task", "tasks")),
            open: scope - done,
            rows,
            scope,
            done,
            dropped,
            owners,
            by_id,
        }
    }

    /// The index of the task with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The row of the task with this id.
    pub fn find(&self, id: &str) -> Option<&TaskRow> {
        self.index_of(id).map(|i| &self.rows[i])
    }
}

/// The estimate as written (`2-3h`), or its days, or `—`.
pub fn estimate(task: &Task) -> String {
    match (&task.estimate_text, task.estimate) {
        (Some(text), _) => clean(text),
        (None, Some(e)) => format!("{}d", num(e.days())),
        (None, None) => "—".into(),
    }
}

/// An estimate in fewer cells: units shortened (`1-2 weeks` → `1-2w`).
pub fn short_estimate(text: &str) -> String {
    let mut short = text.replace(' ', "");
    for (long, unit) in [
        ("hours", "h"),
        ("hour", "h"),
        ("days", "d"),
        ("day", "d"),
        ("weeks", "w"),
        ("week", "w"),
    ] {
        short = short.replace(long, unit);
    }
    short
}

fn search_text(task: &Task) -> String {
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
}

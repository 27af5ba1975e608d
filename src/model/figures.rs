//! Task and component figures (docs/manifest.md, "How the figures are
//! computed"): task days, done fraction, remaining days, blocked and waiting,
//! component and overall completion. Dropped tasks are left out of everything.

use crate::manifest::{Manifest, Status};

/// Where a task stands, as the dashboard and reports show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskState {
    Done,
    Dropped,
    /// Not done, and `status = "blocked"` or a `blocker` is set.
    Blocked,
    /// Not done, not blocked, with a dependency neither done nor dropped.
    Waiting,
    Doing,
    Todo,
}

impl TaskState {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskState::Done => "done",
            TaskState::Dropped => "dropped",
            TaskState::Blocked => "blocked",
            TaskState::Waiting => "waiting",
            TaskState::Doing => "doing",
            TaskState::Todo => "todo",
        }
    }
}

/// The figures of one task (index-aligned with `Manifest::tasks`).
#[derive(Debug, Clone, PartialEq)]
pub struct TaskFigures {
    /// The days the task counts for (0 when dropped).
    pub days: f64,
    /// 1 when done, else `progress`/100.
    pub fraction: f64,
    /// days × (1 − fraction) while open; 0 when done or dropped.
    pub remaining: f64,
    pub state: TaskState,
    /// Dependencies neither done nor dropped (task indices).
    pub waiting_on: Vec<usize>,
}

impl TaskFigures {
    /// Neither done nor dropped.
    pub fn is_open(&self) -> bool {
        !matches!(self.state, TaskState::Done | TaskState::Dropped)
    }
}

/// The figures of one component (index-aligned with `Manifest::components`).
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentFigures {
    /// Percent, unrounded.
    pub completion: f64,
    /// Tasks that are not dropped.
    pub tasks: usize,
    pub done: usize,
    pub blocked: usize,
}

/// The days an unestimated task counts for: the mean of the estimated
/// (not dropped) tasks' days, or 1 when none is estimated.
pub fn default_days(manifest: &Manifest) -> f64 {
    let (sum, count) = manifest
        .tasks
        .iter()
        .filter(|t| t.status != Status::Dropped)
        .filter_map(|t| t.estimate)
        .fold((0.0, 0usize), |(s, c), e| (s + e.days(), c + 1));
    if count == 0 { 1.0 } else { sum / count as f64 }
}

pub fn task_figures(manifest: &Manifest) -> Vec<TaskFigures> {
    let fallback = default_days(manifest);
    let settled = |i: usize| matches!(manifest.tasks[i].status, Status::Done | Status::Dropped);
    manifest
        .tasks
        .iter()
        .map(|task| {
            if task.status == Status::Dropped {
                return TaskFigures {
                    days: 0.0,
                    fraction: 0.0,
                    remaining: 0.0,
                    state: TaskState::Dropped,
                    waiting_on: Vec::new(),
                };
            }
            let days = task.estimate.map_or(fallback, |e| e.days());
            let done = task.status == Status::Done;
            let fraction = if done {
                1.0
            } else {
                task.progress.unwrap_or(0.0) / 100.0
            };
            let waiting_on: Vec<usize> = if done {
                Vec::new()
            } else {
                task.depends_on
                    .iter()
                    .copied()
                    .filter(|&d| !settled(d))
                    .collect()
            };
            let state = if done {
                TaskState::Done
            } else if task.status == Status::Blocked || task.blocker.is_some() {
                TaskState::Blocked
            } else if !waiting_on.is_empty() {
                TaskState::Waiting
            } else if task.status == Status::Doing {
                TaskState::Doing
            } else {
                TaskState::Todo
            };
            TaskFigures {
                days,
                fraction,
                remaining: if done { 0.0 } else { days * (1.0 - fraction) },
                state,
                waiting_on,
            }
        })
        .collect()
}

pub fn component_figures(manifest: &Manifest, tasks: &[TaskFigures]) -> Vec<ComponentFigures> {
    let n = manifest.components.len();
    let mut figures = vec![
        ComponentFigures {
            completion: 0.0,
            tasks: 0,
            done: 0,
            blocked: 0,
        };
        n
    ];
    // Σ(days × fraction), Σ days, Σ fraction per component.
    let mut sums = vec![(0.0f64, 0.0f64, 0.0f64); n];
    for (task, f) in manifest.tasks.iter().zip(tasks) {
        if f.state == TaskState::Dropped {
            continue;
        }
        let c = &mut figures[task.component];
        c.tasks += 1;
        c.done += usize::from(f.state == TaskState::Done);
        c.blocked += usize::from(f.state == TaskState::Blocked);
        let s = &mut sums[task.component];
        s.0 += f.days * f.fraction;
        s.1 += f.days;
        s.2 += f.fraction;
    }
    for ((c, component), (worked, days, fractions)) in
        figures.iter_mut().zip(&manifest.components).zip(sums)
    {
        c.completion = if c.tasks == 0 {
            component.progress.unwrap_or(0.0)
        } else if days > 0.0 {
            // Ratio first: when every task is done `worked == days` exactly,
            // and the component reads exactly 100.
            (100.0 * (worked / days)).clamp(0.0, 100.0)
        } else {
            // Every task estimated at 0 days: each counts alike.
            (100.0 * (fractions / c.tasks as f64)).clamp(0.0, 100.0)
        };
    }
    figures
}

/// Σ(weight × component completion) / Σ weight; 0 without components.
pub fn completion(manifest: &Manifest, components: &[ComponentFigures]) -> f64 {
    let weights: f64 = manifest.components.iter().map(|c| c.weight).sum();
    if weights <= 0.0 {
        return 0.0;
    }
    let weighted: f64 = manifest
        .components
        .iter()
        .zip(components)
        .map(|(c, f)| c.weight * f.completion)
        .sum();
    // Every component at 100 gives exactly 100, whatever the float sums say.
    if components.iter().all(|c| c.completion >= 100.0) {
        return 100.0;
    }
    (weighted / weights).clamp(0.0, 100.0)
}

//! Edits from the dashboard (docs/dashboard.md, "Editing"): `d` marks the
//! selected task done, `x` moves it to the next status (dropping it only
//! after a `y`), `b` sets or clears its blocker and `%` its progress
//! through a one-line prompt, `a` adds a task to a component through a
//! small form, `u` undoes the dashboard's last edit. The app only says
//! what to change; the live loop writes it through the same cores as
//! `readiness set` and `readiness add` ([`crate::edit`],
//! [`crate::edit_file`]), and the save comes back through the file watch
//! like any other.
//!
//! An edit acts on the task it was asked for: that task stays selected —
//! listed even where the filter would hide it now — until the user moves
//! (the pin), and a second `x` before the save is back cycles from the
//! status asked, not the one on screen: until every edit sent has been
//! reported and a load has followed.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, App, Command, Focus, Overlay};
use crate::edit::add::{NewTask, valid_id};
use crate::edit::{Blocker, TaskEdit};
use crate::manifest::Status;
use crate::view::Item;

/// An edit for the live loop to write.
#[derive(Debug, Clone, PartialEq)]
pub struct EditRequest {
    pub task: String,
    pub edit: TaskEdit,
}

/// What the live loop reports of an edit, an addition or an undo.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EditReport {
    /// What was written (`api-matrix: status done`), or why not (`✗ …`).
    pub note: String,
    /// Nothing was written: what was asked did not happen.
    pub refused: bool,
    /// How many of the dashboard's edits `u` can undo now.
    pub undoable: usize,
}

/// What a prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Blocker,
    Progress,
    /// `x` on a blocked task: `y` drops it, `n` sets it to todo.
    Drop,
    /// `a`'s form, one field at a time.
    NewId,
    NewTitle,
    NewEstimate,
    NewOwner,
}

/// A one-line prompt in the status line, for one task's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// The task edited; for `a`, the component the new task goes into.
    pub task: String,
    pub field: Field,
    /// What is typed, starting from the task's current value.
    pub text: String,
    /// The text is the old value, selected: typing replaces it, `→` or
    /// `End` keeps it to type after it.
    pub selected: bool,
    /// `a`'s form: the fields given so far (id, title, estimate).
    pub filled: Vec<String>,
}

/// Longest text a prompt keeps; a paste cannot grow it without bound.
pub const MAX_PROMPT_CHARS: usize = 500;

/// What a prompt's Enter gives.
enum Submitted {
    Edit(EditRequest),
    Add(NewTask),
    /// The form's next field.
    Next(Prompt),
}

impl Prompt {
    fn new(task: String, field: Field, text: String) -> Prompt {
        Prompt {
            task,
            field,
            selected: !text.is_empty(),
            text,
            filled: Vec::new(),
        }
    }

    /// What the prompt asks, before the text: `blocker of api-auth`.
    pub fn label(&self) -> String {
        let new = || self.filled.first().map_or("", String::as_str);
        match self.field {
            Field::Blocker => format!("blocker of {}", self.task),
            Field::Progress => format!("progress of {}, 0–100", self.task),
            Field::Drop => format!("drop {}? it leaves every figure", self.task),
            Field::NewId => format!("new task in {}: id", self.task),
            Field::NewTitle => format!("new task {}: title", new()),
            Field::NewEstimate => format!("new task {}: estimate (2d, 3-5d, 4h)", new()),
            Field::NewOwner => format!("new task {}: owner", new()),
        }
    }

    /// The label in a word, for a narrow line: `blocker`, `drop api-auth?`.
    pub fn short_label(&self) -> String {
        match self.field {
            Field::Blocker => "blocker".into(),
            Field::Progress => "progress".into(),
            Field::Drop => format!("drop {}?", self.task),
            Field::NewId => "id".into(),
            Field::NewTitle => "title".into(),
            Field::NewEstimate => "estimate".into(),
            Field::NewOwner => "owner".into(),
        }
    }

    /// The keys the prompt answers to, most needed first: (key, word).
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        let mut keys = match self.field {
            Field::Drop => return vec![("y", "drop"), ("n", "todo"), ("Esc", "keep")],
            Field::Blocker => vec![("Enter", "write"), ("Esc", "cancel"), ("", "empty clears")],
            Field::Progress => vec![("Enter", "write"), ("Esc", "cancel")],
            Field::NewId | Field::NewTitle => vec![("Enter", "next"), ("Esc", "cancel")],
            Field::NewEstimate => vec![("Enter", "next"), ("Esc", "cancel"), ("", "empty: none")],
            Field::NewOwner => vec![("Enter", "add"), ("Esc", "cancel"), ("", "empty: none")],
        };
        if self.selected {
            keys.insert(2, ("→", "keep"));
        }
        keys
    }

    /// The edit the text asks for, or why it is not one (`b`, `%`).
    pub fn edit(&self) -> Result<EditRequest, String> {
        let text = self.text.trim();
        let edit = match self.field {
            Field::Blocker if text.is_empty() => TaskEdit {
                blocker: Some(Blocker::Clear),
                ..TaskEdit::default()
            },
            Field::Blocker => TaskEdit {
                blocker: Some(Blocker::Set(text.to_owned())),
                ..TaskEdit::default()
            },
            Field::Progress => match text.trim_end_matches('%').trim().parse::<f64>() {
                Ok(n) if (0.0..=100.0).contains(&n) => TaskEdit {
                    progress: Some(n),
                    ..TaskEdit::default()
                },
                _ => {
                    return Err(format!(
                        "progress must be a number from 0 to 100, not \"{text}\""
                    ));
                }
            },
            _ => return Err("y drops it, n sets it to todo, Esc keeps it".into()),
        };
        Ok(EditRequest {
            task: self.task.clone(),
            edit,
        })
    }

    /// Enter: the edit, the task to add, or the form's next field.
    fn submit(&self) -> Result<Submitted, String> {
        let text = self.text.trim().to_owned();
        let next = |field: Field| {
            let mut filled = self.filled.clone();
            filled.push(text.clone());
            Submitted::Next(Prompt {
                task: self.task.clone(),
                field,
                text: String::new(),
                selected: false,
                filled,
            })
        };
        Ok(match self.field {
            Field::Blocker | Field::Progress | Field::Drop => Submitted::Edit(self.edit()?),
            Field::NewId if !valid_id(&text) => {
                return Err(format!(
                    "an id is letters, digits, `-`, `_` or `.`, not \"{text}\""
                ));
            }
            Field::NewId => next(Field::NewTitle),
            Field::NewTitle if text.is_empty() => return Err("a task needs a title".into()),
            Field::NewTitle => next(Field::NewEstimate),
            Field::NewEstimate => next(Field::NewOwner),
            Field::NewOwner => {
                let given = |k: usize| self.filled.get(k).filter(|v| !v.is_empty()).cloned();
                Submitted::Add(NewTask {
                    id: self.filled[0].clone(),
                    title: self.filled[1].clone(),
                    component: self.task.clone(),
                    estimate: given(2),
                    owner: (!text.is_empty()).then_some(text),
                    ..NewTask::default()
                })
            }
        })
    }
}

/// `x`: the status after `status`, in the order todo, doing, done,
/// blocked, dropped, and round again.
pub fn next_status(status: Status) -> Status {
    let i = Status::ALL.iter().position(|&s| s == status).unwrap_or(0);
    Status::ALL[(i + 1) % Status::ALL.len()]
}

/// A status set on `task`.
pub fn set_status(task: &str, status: Status) -> EditRequest {
    EditRequest {
        task: task.to_owned(),
        edit: TaskEdit {
            status: Some(status),
            ..TaskEdit::default()
        },
    }
}

/// A number as a prompt shows it: `50`, `37.5`.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

// ---- the dashboard's side: which task, which prompt -------------------------

impl App {
    /// The task an edit applies to: the one whose detail view is open, the
    /// task the last edit acted on while the user has not moved, or the
    /// task the focused pane (tasks, blockers) has selected.
    fn edit_target(&self) -> Option<usize> {
        let id = match &self.state.overlay {
            Some(Overlay::Detail {
                item: Item::Task(id),
                ..
            }) => id.clone(),
            Some(_) => return None,
            None => match (&self.state.pinned, self.selected_item()) {
                (Some(id), _) if matches!(self.state.focus, Focus::Tasks | Focus::Blockers) => {
                    id.clone()
                }
                (None, Some(Item::Task(id))) => id,
                _ => return None,
            },
        };
        self.view.as_ref()?.tasks.find(&id).map(|r| r.index)
    }

    /// A task's status as the edits asked it, before the save is back.
    fn status_now(&self, index: usize) -> Option<Status> {
        let task = &self.snapshot()?.manifest.tasks[index];
        Some(match &self.asked {
            Some((id, status)) if *id == task.id => *status,
            _ => task.status,
        })
    }

    /// An edit to write; the task stays the one edits act on.
    fn send(&mut self, request: EditRequest) -> Option<Action> {
        if let Some(status) = request.edit.status {
            self.asked = Some((request.task.clone(), status));
        }
        self.pending += 1;
        self.state.pinned = Some(request.task.clone());
        Some(Action::SetTask(request))
    }

    /// `d`, `x`, `b`, `%`, `a`, `u` and a prompt's Enter.
    pub(super) fn edit_command(&mut self, command: Command) -> Option<Action> {
        match command {
            Command::Submit => return self.submit(),
            Command::Undo => {
                // An edit still on its way to the file can be undone: the
                // worker takes the undo after it.
                if self.undoable == 0 && self.pending == 0 {
                    self.note =
                        Some("nothing to undo: no edit from the dashboard to take back".into());
                    return None;
                }
                self.asked = None;
                self.pending += 1;
                return Some(Action::Undo);
            }
            Command::AddTask => return self.add_form(),
            _ => {}
        }
        let Some(index) = self.edit_target() else {
            self.note = Some("select a task first (tasks or blockers pane, or its detail)".into());
            return None;
        };
        let status = self.status_now(index)?;
        let task = &self.snapshot()?.manifest.tasks[index];
        let id = task.id.clone();
        match command {
            Command::MarkDone => self.send(set_status(&id, Status::Done)),
            // Never dropped without a yes.
            Command::CycleStatus if next_status(status) == Status::Dropped => {
                self.state.prompt = Some(Prompt::new(id.clone(), Field::Drop, String::new()));
                self.state.pinned = Some(id);
                None
            }
            Command::CycleStatus => self.send(set_status(&id, next_status(status))),
            Command::EditBlocker | Command::EditProgress => {
                let (field, text) = if command == Command::EditBlocker {
                    (Field::Blocker, task.blocker.clone().unwrap_or_default())
                } else {
                    (
                        Field::Progress,
                        task.progress.map(number).unwrap_or_default(),
                    )
                };
                self.state.prompt = Some(Prompt::new(id.clone(), field, text));
                self.state.pinned = Some(id);
                None
            }
            _ => None,
        }
    }

    /// A prompt's Enter: write, add, or the form's next field.
    fn submit(&mut self) -> Option<Action> {
        let prompt = self.state.prompt.as_ref()?;
        match prompt.submit() {
            Ok(Submitted::Edit(request)) => {
                self.state.prompt = None;
                self.send(request)
            }
            Ok(Submitted::Add(task)) => {
                self.state.prompt = None;
                // The new task is selected once the save is back.
                self.state.pinned = Some(task.id.clone());
                self.pending += 1;
                Some(Action::AddTask(task))
            }
            Ok(Submitted::Next(next)) => {
                self.state.prompt = Some(next);
                None
            }
            Err(why) => {
                self.note = Some(why);
                None
            }
        }
    }

    /// `a`: the form for a task in the selected component (the components
    /// pane's, the component the tasks pane lists, or the selected task's).
    fn add_form(&mut self) -> Option<Action> {
        let view = self.view.as_ref()?;
        let component = match self.state.focus {
            Focus::Components => view
                .components
                .rows
                .get(self.selected(Focus::Components))
                .map(|c| c.id.clone()),
            Focus::Tasks => self.state.component.clone().or_else(|| {
                let i = *self.visible.get(self.selected(Focus::Tasks))?;
                let c = view.tasks.rows[i].component;
                view.components.rows.get(c).map(|c| c.id.clone())
            }),
            _ => None,
        };
        match component {
            Some(component) => {
                self.state.prompt = Some(Prompt::new(component, Field::NewId, String::new()));
            }
            None => {
                self.note = Some("select a component first (components or tasks pane)".into());
            }
        }
        None
    }

    /// A key typed into the prompt: a character (replacing the selected
    /// old value), or `y`/`n` on the drop question.
    pub(super) fn type_prompt(&mut self, key: &KeyEvent) -> Option<Action> {
        let KeyCode::Char(c) = key.code else {
            return None;
        };
        if c.is_control() || key.modifiers.intersects(KeyModifiers::CONTROL) {
            return None;
        }
        let prompt = self.state.prompt.as_mut()?;
        if prompt.field == Field::Drop {
            let status = match c {
                'y' | 'Y' => Status::Dropped,
                'n' | 'N' => Status::Todo,
                _ => return None,
            };
            let task = prompt.task.clone();
            self.state.prompt = None;
            return self.send(set_status(&task, status));
        }
        if std::mem::take(&mut prompt.selected) {
            prompt.text.clear();
        }
        if prompt.text.chars().count() < MAX_PROMPT_CHARS {
            prompt.text.push(c);
        }
        None
    }

    /// An edit was written, or refused: the status line says which.
    pub fn on_edited(&mut self, report: EditReport) {
        self.pending = self.pending.saturating_sub(1);
        if report.refused {
            self.asked = None;
        }
        self.undoable = report.undoable;
        self.note = Some(report.note);
    }

    /// The edit's prompt, when one is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.state.prompt.as_ref()
    }

    /// How many of the dashboard's edits `u` can undo.
    pub fn undoable(&self) -> usize {
        self.undoable
    }

    /// Whether an edit key would act on a task now (the key bar offers
    /// `d`, `x`, `b`, `%` only then).
    pub fn task_in_hand(&self) -> bool {
        matches!(self.context(), super::Context::Panes | super::Context::View)
            && self.edit_target().is_some()
    }

    /// The task the last edit acted on, while the user has not moved.
    pub fn pinned(&self) -> Option<&str> {
        self.state.pinned.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompt(field: Field, text: &str) -> Prompt {
        Prompt::new("a".into(), field, text.into())
    }

    #[test]
    fn prompts_become_edits() {
        assert_eq!(
            prompt(Field::Blocker, "  keys  ")
                .edit()
                .unwrap()
                .edit
                .blocker,
            Some(Blocker::Set("keys".into()))
        );
        assert_eq!(
            prompt(Field::Blocker, " ").edit().unwrap().edit.blocker,
            Some(Blocker::Clear)
        );
        assert_eq!(
            prompt(Field::Progress, "40%").edit().unwrap().edit.progress,
            Some(40.0)
        );
        assert!(prompt(Field::Progress, "140").edit().is_err());
        assert!(prompt(Field::Progress, "half").edit().is_err());
    }

    #[test]
    fn the_form_asks_id_title_estimate_owner() {
        let mut p = prompt(Field::NewId, "");
        for (text, field) in [
            ("t9", Field::NewTitle),
            ("Write it", Field::NewEstimate),
            ("", Field::NewOwner),
        ] {
            p.text = text.into();
            match p.submit() {
                Ok(Submitted::Next(next)) => p = next,
                _ => panic!("{text}: no next field"),
            }
            assert_eq!(p.field, field);
        }
        p.text = "sam".into();
        let Ok(Submitted::Add(task)) = p.submit() else {
            panic!("no task")
        };
        assert_eq!(
            task,
            NewTask {
                id: "t9".into(),
                title: "Write it".into(),
                component: "a".into(),
                owner: Some("sam".into()),
                ..NewTask::default()
            }
        );
        let mut bad = prompt(Field::NewId, "");
        bad.text = "two words".into();
        assert!(bad.submit().is_err());
    }

    #[test]
    fn statuses_cycle() {
        let mut s = Status::Todo;
        let mut seen = Vec::new();
        for _ in 0..5 {
            s = next_status(s);
            seen.push(s);
        }
        assert_eq!(
            seen,
            [
                Status::Doing,
                Status::Done,
                Status::Blocked,
                Status::Dropped,
                Status::Todo
            ]
        );
    }
}

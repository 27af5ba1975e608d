//! Edits from the dashboard (docs/dashboard.md, "Editing"): `d` marks the
//! selected task done, `x` moves it to the next status, `b` sets or clears
//! its blocker and `%` its progress through a one-line prompt. The app only
//! says what to change; the live loop writes it through the same core as
//! `readiness set` ([`crate::edit`], [`crate::edit_file`]), and the save
//! comes back through the file watch like any other.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{Action, App, Command, Overlay};
use crate::edit::{Blocker, TaskEdit};
use crate::manifest::Status;
use crate::view::Item;

/// An edit for the live loop to write.
#[derive(Debug, Clone, PartialEq)]
pub struct EditRequest {
    pub task: String,
    pub edit: TaskEdit,
}

/// What a prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Blocker,
    Progress,
}

/// A one-line prompt in the status line, for one task's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub task: String,
    pub field: Field,
    /// What is typed, starting from the task's current value.
    pub text: String,
}

/// Longest text a prompt keeps; a paste cannot grow it without bound.
pub const MAX_PROMPT_CHARS: usize = 500;

impl Prompt {
    /// What the prompt asks, before the text: `blocker of api-auth (empty
    /// clears it)`.
    pub fn label(&self) -> String {
        match self.field {
            Field::Blocker => format!("blocker of {} (empty clears it)", self.task),
            Field::Progress => format!("progress of {}, 0–100", self.task),
        }
    }

    /// The edit the text asks for, or why it is not one.
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
        };
        Ok(EditRequest {
            task: self.task.clone(),
            edit,
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
    pub(super) fn edit_command(&mut self, command: Command) -> Option<Action> {
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
            Command::MarkDone => Some(Action::SetTask(set_status(
                &id,
                crate::manifest::Status::Done,
            ))),
            Command::CycleStatus => {
                Some(Action::SetTask(set_status(&id, next_status(task.status))))
            }
            Command::EditBlocker | Command::EditProgress => {
                let (field, text) = if command == Command::EditBlocker {
                    (Field::Blocker, task.blocker.clone().unwrap_or_default())
                } else {
                    (
                        Field::Progress,
                        task.progress.map(number).unwrap_or_default(),
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
    pub(super) fn type_prompt(&mut self, key: &KeyEvent) {
        if let (Some(prompt), KeyCode::Char(c)) = (&mut self.state.prompt, key.code)
            && !c.is_control()
            && prompt.text.chars().count() < MAX_PROMPT_CHARS
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompt(field: Field, text: &str) -> Prompt {
        Prompt {
            task: "a".into(),
            field,
            text: text.into(),
        }
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

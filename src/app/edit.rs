//! Edits from the dashboard (docs/dashboard.md, "Editing"): `d` marks the
//! selected task done, `x` moves it to the next status, `b` sets or clears
//! its blocker and `%` its progress through a one-line prompt. The app only
//! says what to change; the live loop writes it through the same core as
//! `readiness set` ([`crate::edit`], [`crate::edit_file`]), and the save
//! comes back through the file watch like any other.

use crate::edit::{Blocker, TaskEdit};
use crate::manifest::Status;

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

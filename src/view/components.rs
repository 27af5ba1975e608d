//! The components as the components pane, the detail view and the reports
//! show them, in file order: completion, done of total, blocked, owner and
//! weight; and `0 of 7 components complete`.

use super::figure::{percent, plural};
use super::text::clean;
use super::{SourceLines, Tone};
use crate::model::Snapshot;
use crate::model::format::num;

/// One component, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentRow {
    /// Index into `manifest.components`.
    pub index: usize,
    pub id: String,
    pub name: String,
    /// Percent, unrounded (for bars).
    pub completion: f64,
    /// `71.9%`
    pub percent: String,
    /// `6/9` done of its tasks; `—` without tasks.
    pub counts: String,
    pub tasks: usize,
    pub done: usize,
    pub blocked: usize,
    /// `⊘1`, empty when none is blocked.
    pub blocked_mark: String,
    pub owner: Option<String>,
    /// `×3`
    pub weight: String,
    pub line: Option<usize>,
}

impl ComponentRow {
    pub fn tone(&self) -> Tone {
        if self.blocked > 0 {
            Tone::Bad
        } else {
            Tone::Plain
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Components {
    pub rows: Vec<ComponentRow>,
    /// `0 of 7 components complete`
    pub complete_phrase: String,
    /// Blocked tasks over all components.
    pub blocked: usize,
}

impl Components {
    pub fn of(s: &Snapshot, lines: &SourceLines) -> Components {
        let m = &s.manifest;
        let rows: Vec<ComponentRow> = m
            .components
            .iter()
            .zip(&s.components)
            .enumerate()
            .map(|(i, (c, f))| ComponentRow {
                index: i,
                id: clean(&c.id),
                name: clean(&c.name),
                completion: f.completion,
                percent: percent(f.completion),
                counts: if f.tasks == 0 {
                    "—".to_owned()
                } else {
                    format!("{}/{}", f.done, f.tasks)
                },
                tasks: f.tasks,
                done: f.done,
                blocked: f.blocked,
                blocked_mark: match f.blocked {
                    0 => String::new(),
                    n => format!("⊘{n}"),
                },
                owner: c.owner.as_deref().map(clean),
                weight: format!("×{}", num(c.weight)),
                line: lines.components.get(i).copied(),
            })
            .collect();
        let complete = s
            .components
            .iter()
            .filter(|c| c.completion >= 100.0)
            .count();
        Components {
            complete_phrase: format!(
                "{complete} of {} complete",
                plural(rows.len(), "component", "components")
            ),
            blocked: rows.iter().map(|r| r.blocked).sum(),
            rows,
        }
    }

    /// The row of the component with this id.
    pub fn find(&self, id: &str) -> Option<&ComponentRow> {
        self.rows.iter().find(|r| r.id == id)
    }
}

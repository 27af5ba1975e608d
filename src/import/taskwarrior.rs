//! Taskwarrior (docs/import.md, "Taskwarrior"): the JSON `task export`
//! prints — an array of tasks with `uuid`, `description`, `status`
//! (`pending`, `waiting`, `completed`, `deleted`, `recurring`), `project`,
//! `depends` (an array of uuids, or one comma-separated string before
//! Taskwarrior 2.6), `entry`, `start`, `end` in the compact ISO form
//! `20201021T065209Z`, `priority` `H`/`M`/`L`, and user-defined attributes
//! such as `estimate` (Taskwarrior's task(1) and taskrc(5) "UDA" sections).

use serde_json::Value;

use super::words::{date, estimate, iso_duration};
use super::{Effort, Export, Format, Group, Item, Malformed, Place};
use crate::manifest::{Priority, Status};

/// Reads `task export` output.
///
/// # Errors
/// [`Malformed`]: not JSON (with its line and column), or not an array.
pub fn read(text: &str) -> Result<Export, Malformed> {
    super::from_array(
        text,
        Format::Taskwarrior,
        "expected an array of tasks (`task export`)",
        item,
    )
}

fn text<'v>(task: &'v Value, key: &str) -> Option<&'v str> {
    task.get(key).and_then(Value::as_str)
}

fn item(task: &Value, at: Place) -> Result<Item, String> {
    let Some(uuid) = text(task, "uuid").filter(|u| !u.is_empty()) else {
        return Err("a task without a `uuid`".into());
    };
    let uuid = uuid.to_ascii_lowercase();
    let started = text(task, "start").and_then(date);
    let end = text(task, "end").and_then(date);
    let status = match text(task, "status").unwrap_or("pending") {
        "completed" => Status::Done,
        "deleted" => Status::Dropped,
        "recurring" => {
            return Err(format!(
                "{} is a recurring template (its instances are tasks of their own)",
                short(&uuid)
            ));
        }
        _ if started.is_some() => Status::Doing,
        _ => Status::Todo,
    };
    let depends_on = match task.get("depends") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(list)) => list.split(',').map(str::to_owned).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .map(|u| format!("tw-{}", u.trim().to_ascii_lowercase()))
    .collect();
    let estimate = match task.get("estimate") {
        Some(Value::Number(days)) => days.as_f64().map(Effort::Days),
        Some(Value::String(text)) => estimate(text).or_else(|| iso_duration(text)),
        _ => None,
    };
    Ok(Item {
        source: format!("tw-{uuid}"),
        id: format!("tw-{}", short(&uuid)),
        title: text(task, "description").unwrap_or_default().to_owned(),
        group: text(task, "project")
            .filter(|p| !p.is_empty())
            .map_or_else(|| Group::named("tasks"), Group::named),
        status,
        priority: match text(task, "priority") {
            Some("H") => Some(Priority::P1),
            Some("M") => Some(Priority::P2),
            Some("L") => Some(Priority::P3),
            _ => None,
        },
        owner: None,
        estimate,
        actual: None,
        started,
        done: (status == Status::Done).then_some(end).flatten(),
        depends_on,
        notes: Vec::new(),
        at,
    })
}

/// The first 8 characters of a uuid (the short id Taskwarrior prints).
fn short(uuid: &str) -> &str {
    uuid.get(..8).unwrap_or(uuid)
}

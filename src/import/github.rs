//! GitHub issues (docs/import.md, "GitHub"): the JSON `gh issue list
//! --json …` prints (camelCase: `state` `OPEN`/`CLOSED`, `stateReason`,
//! `closedAt`, `assignees[].login`, `labels[].name`, `milestone.title`,
//! `blockedBy` where present; the field names of gh's manual, `gh issue
//! list --help`) and the REST API's issue list (snake_case: `state_reason`,
//! `closed_at`, `assignee`, pull requests as entries with a `pull_request`
//! key, which are skipped; GitHub's REST reference, "List repository
//! issues").

use serde_json::Value;

use super::words::{date, estimate};
use super::{Effort, Export, Format, Group, Item, Malformed, Place};
use crate::manifest::{Priority, Status};

/// Reads an issue list.
///
/// # Errors
/// [`Malformed`]: not JSON (with its line and column), or not an array of
/// issues.
pub fn read(text: &str) -> Result<Export, Malformed> {
    super::from_array(
        text,
        Format::Github,
        "expected an array of issues (`gh issue list --json …` or the REST API's issue list)",
        item,
    )
}

/// A field under either spelling (`closedAt`, `closed_at`).
fn field<'v>(issue: &'v Value, camel: &str, snake: &str) -> Option<&'v Value> {
    issue
        .get(camel)
        .or_else(|| issue.get(snake))
        .filter(|v| !v.is_null())
}

fn item(issue: &Value, at: Place) -> Result<Item, String> {
    let Some(number) = issue.get("number").and_then(Value::as_u64) else {
        return Err("an entry without a `number`".into());
    };
    if issue.get("pull_request").is_some_and(|v| !v.is_null()) {
        return Err(format!("#{number} is a pull request"));
    }
    let title = issue
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let labels: Vec<&str> = issue
        .get("labels")
        .and_then(Value::as_array)
        .map(|labels| {
            labels
                .iter()
                .filter_map(|l| l.get("name").and_then(Value::as_str).or_else(|| l.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let state = issue
        .get("state")
        .and_then(Value::as_str)
        .unwrap_or("open")
        .to_ascii_lowercase();
    let reason = field(issue, "stateReason", "state_reason")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let closed = field(issue, "closedAt", "closed_at")
        .and_then(Value::as_str)
        .and_then(date);
    let has_label = |names: &[&str]| {
        labels
            .iter()
            .any(|l| names.iter().any(|n| l.eq_ignore_ascii_case(n)))
    };
    let status = if state == "closed" {
        if matches!(reason.as_str(), "not_planned" | "duplicate") {
            Status::Dropped
        } else {
            Status::Done
        }
    } else if has_label(&["blocked"]) {
        Status::Blocked
    } else if has_label(&["in progress", "in-progress", "doing", "wip"]) {
        Status::Doing
    } else {
        Status::Todo
    };
    let group = field(issue, "milestone", "milestone")
        .and_then(|m| m.get("title"))
        .and_then(Value::as_str)
        .map_or_else(|| Group::named("issues"), Group::named);
    let owner = field(issue, "assignees", "assignees")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .or_else(|| field(issue, "assignee", "assignee"))
        .and_then(|a| a.get("login"))
        .and_then(Value::as_str)
        .map(Group::named);
    let depends_on = field(issue, "blockedBy", "blocked_by")
        .map(blocked_by)
        .unwrap_or_default()
        .into_iter()
        .map(|n| format!("gh-{n}"))
        .collect();
    Ok(Item {
        source: format!("gh-{number}"),
        id: format!("gh-{number}"),
        title,
        group,
        status,
        priority: labels.iter().find_map(|l| priority(l)),
        owner,
        estimate: labels.iter().find_map(|l| estimate_label(l)),
        actual: None,
        started: None,
        done: (status == Status::Done).then_some(closed).flatten(),
        depends_on,
        notes: Vec::new(),
        at,
    })
}

/// The numbers of `blockedBy`: an array of numbers or of issues, or a
/// GraphQL connection (`{"nodes": […]}`).
fn blocked_by(value: &Value) -> Vec<u64> {
    let list = match value {
        Value::Array(list) => list,
        Value::Object(map) => match map.get("nodes") {
            Some(Value::Array(list)) => list,
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    list.iter()
        .filter_map(|v| {
            v.as_u64()
                .or_else(|| v.get("number").and_then(Value::as_u64))
        })
        .collect()
}

/// A label naming a priority: `P0`…`P3`, `priority: P1`, `priority/p2`.
fn priority(label: &str) -> Option<Priority> {
    let label = label.trim();
    let value = label
        .split_once([':', '/', '='])
        .filter(|(key, _)| key.trim().eq_ignore_ascii_case("priority"))
        .map_or(label, |(_, v)| v.trim());
    Priority::parse(value)
}

/// A label carrying an estimate: `estimate: 2d`, `size: 3-5d`,
/// `estimate/4h`.
fn estimate_label(label: &str) -> Option<Effort> {
    let (key, value) = label.split_once([':', '/', '='])?;
    let key = key.trim().to_ascii_lowercase();
    if key == "estimate" || key == "size" || key == "effort" {
        estimate(value.trim())
    } else {
        None
    }
}

//! Jira's REST issues (docs/import.md, "Jira"): a search response
//! (`{"issues": […]}`), an array of issues or one issue, each with `key`
//! and `fields` — `summary`, `status.statusCategory.key` (`new`,
//! `indeterminate`, `done`), `resolution.name`, `resolutiondate`,
//! `assignee.displayName`, `components[].name`, `project.key`,
//! `priority.name`, `timeoriginalestimate` and `timespent` in seconds, and
//! `issuelinks` (a link's `inwardIssue` is the issue on the inward side
//! of it: for "Blocks", one that blocks this one). Atlassian's REST API v3
//! reference, "Issue search" and "Issue fields".

use serde_json::Value;

use super::jira::{priority, status};
use super::words::{date, seconds};
use super::{Export, Format, Group, Item, Malformed, Place, Skip};
use crate::manifest::Status;

/// Reads REST issues.
///
/// # Errors
/// [`Malformed`]: not JSON (with its line and column), or no issues in it.
pub fn read(text: &str) -> Result<Export, Malformed> {
    let value: Value = serde_json::from_str(text).map_err(|e| Malformed::json(&e))?;
    let issues: Vec<&Value> = match &value {
        Value::Array(list) => list.iter().collect(),
        Value::Object(map) => match map.get("issues") {
            Some(Value::Array(list)) => list.iter().collect(),
            _ if map.contains_key("key") => vec![&value],
            _ => {
                return Err(Malformed::at_line(
                    1,
                    "expected Jira issues: an `issues` array, an array of issues or one issue",
                ));
            }
        },
        _ => return Err(Malformed::at_line(1, "expected Jira issues")),
    };
    let mut items = Vec::with_capacity(issues.len());
    let mut skipped = Vec::new();
    let mut blocked: Vec<(String, String)> = Vec::new();
    for (i, issue) in issues.iter().enumerate() {
        let at = Place::Element(i + 1);
        let Some(key) = issue.get("key").and_then(Value::as_str) else {
            skipped.push(Skip {
                at,
                why: "an issue without a `key`".into(),
            });
            continue;
        };
        let null = Value::Null;
        let fields = issue.get("fields").unwrap_or(&null);
        let s = |path: &[&str]| {
            path.iter()
                .try_fold(fields, |v, k| v.get(k))
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
        };
        let status = status(
            s(&["status", "statusCategory", "key"]).map(|k| match k {
                "done" => "done",
                "indeterminate" => "in progress",
                _ => "to do",
            }),
            s(&["status", "name"]),
            s(&["resolution", "name"]),
        );
        let mut depends_on = Vec::new();
        for link in fields
            .get("issuelinks")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let kind = link
                .pointer("/type/name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_ascii_lowercase();
            let inward = link.pointer("/inwardIssue/key").and_then(Value::as_str);
            let outward = link.pointer("/outwardIssue/key").and_then(Value::as_str);
            let (waits_on, waited_by) = if kind.contains("block") {
                (inward, outward)
            } else if kind.contains("depend") {
                (outward, inward)
            } else {
                (None, None)
            };
            if let Some(other) = waits_on {
                depends_on.push(format!("jira-{other}"));
            }
            if let Some(other) = waited_by {
                blocked.push((other.to_owned(), format!("jira-{key}")));
            }
        }
        let project = s(&["project", "key"]).unwrap_or("jira");
        let group = fields
            .get("components")
            .and_then(Value::as_array)
            .and_then(|c| c.first())
            .and_then(|c| c.get("name"))
            .and_then(Value::as_str)
            .map_or_else(
                || Group {
                    id: project.to_owned(),
                    name: s(&["project", "name"]).unwrap_or(project).to_owned(),
                },
                Group::named,
            );
        let secs = |k: &str| fields.get(k).and_then(Value::as_f64).and_then(seconds);
        items.push(Item {
            source: format!("jira-{key}"),
            id: key.to_owned(),
            title: s(&["summary"]).unwrap_or_default().to_owned(),
            group,
            status,
            priority: s(&["priority", "name"]).and_then(priority),
            owner: s(&["assignee", "displayName"])
                .or_else(|| s(&["assignee", "name"]))
                .map(Group::named),
            estimate: secs("timeoriginalestimate"),
            actual: (status == Status::Done)
                .then(|| secs("timespent"))
                .flatten(),
            started: None,
            done: (status == Status::Done)
                .then(|| s(&["resolutiondate"]).and_then(date))
                .flatten(),
            depends_on,
            notes: Vec::new(),
            at,
        });
    }
    let index: std::collections::HashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.clone(), i))
        .collect();
    for (waiting, on) in blocked {
        if let Some(&i) = index.get(&waiting)
            && !items[i].depends_on.contains(&on)
        {
            items[i].depends_on.push(on);
        }
    }
    Ok(Export {
        format: Format::Jira,
        items,
        skipped,
    })
}

//! Jira (docs/import.md, "Jira"): the CSV export ("Export Excel CSV (all
//! fields)", Atlassian's "Export issues to a CSV file") and, through
//! [`super::jira_json`], the REST API's issues.
//!
//! The CSV repeats a column for each value (`Labels,Labels`,
//! `Component/s,Component/s`, one `Log Work` per work log), quotes cells
//! over several lines, writes dates as `22/Oct/24 6:22 AM` (or ISO), and
//! efforts (`Original Estimate`, `Time Spent`) in seconds. Links are
//! columns named by direction and link type: `Inward issue link (Blocks)`
//! holds the issues that block this one, `Outward issue link (Blocks)` the
//! ones it blocks; a link type named like "Depends" reads the other way
//! round (outward: this one depends on them). Story points are kept as a
//! note on the task, never as days.

use std::collections::HashMap;

use super::words::{date, seconds};
use super::{Export, Format, Group, Item, Malformed, Place, Skip};
use crate::manifest::{Priority, Status};

/// Whether the text is a CSV whose header names an issue key.
pub fn is_csv(text: &str) -> bool {
    let header = text.lines().next().unwrap_or_default();
    header.contains(',')
        && header.split(',').any(|c| {
            let c = c.trim().trim_matches('"');
            KEY.iter().any(|k| c.eq_ignore_ascii_case(k))
        })
}

/// The key column's spellings (Jira Cloud has begun to call issues "work
/// items").
const KEY: [&str; 3] = ["Issue key", "Work item key", "Key"];

/// Reads a Jira export: JSON (the REST API) or the CSV.
///
/// # Errors
/// [`Malformed`]: a broken CSV (its line) or JSON (its line and column),
/// or a CSV without an issue key or summary column.
pub fn read(text: &str) -> Result<Export, Malformed> {
    let start = text.trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        return super::jira_json::read(text);
    }
    if let Some(line) = open_quote(text) {
        return Err(Malformed::at_line(
            line,
            "the file ends inside the quoted cell that opens on this line (cut short?)",
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return Err(csv_error(&e)),
        None => {
            return Err(Malformed::at_line(
                1,
                "an empty file: expected a CSV header",
            ));
        }
    };
    let columns = Columns::of(&header)?;
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| csv_error(&e))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        rows.push((line, record));
    }
    // A file cut in a row leaves that row short.
    if let Some((line, last)) = rows.last()
        && last.len() < header.len()
        && !text.ends_with('\n')
    {
        return Err(Malformed::at_line(
            *line,
            format!(
                "the last row has {} of the header's {} cells (cut short?)",
                last.len(),
                header.len()
            ),
        ));
    }
    let mut items = Vec::with_capacity(rows.len());
    let mut skipped = Vec::new();
    // Outward "Blocks" links: the linked issue waits for this one.
    let mut blocked: HashMap<String, Vec<String>> = HashMap::new();
    for (line, record) in &rows {
        let at = Place::Line(*line);
        let get = |i: &[usize]| columns.first(record, i);
        let Some(key) = get(&columns.key) else {
            skipped.push(Skip {
                at,
                why: "a row without an issue key".into(),
            });
            continue;
        };
        let key = key.to_owned();
        let mut depends_on: Vec<String> = Vec::new();
        for (i, link) in columns.links.iter() {
            let Some(cell) = record.get(*i).map(str::trim).filter(|c| !c.is_empty()) else {
                continue;
            };
            for other in cell
                .split([',', ';'])
                .map(str::trim)
                .filter(|k| !k.is_empty())
            {
                match link {
                    Link::DependsOnThem => depends_on.push(format!("jira-{other}")),
                    Link::TheyDependOnThis => blocked
                        .entry(other.to_owned())
                        .or_default()
                        .push(format!("jira-{key}")),
                }
            }
        }
        let status = status(
            get(&columns.category),
            get(&columns.status),
            get(&columns.resolution),
        );
        let logs: Vec<(Option<chrono::NaiveDate>, f64)> = columns
            .log_work
            .iter()
            .filter_map(|&i| record.get(i))
            .filter_map(work_log)
            .collect();
        let started = logs.iter().filter_map(|(d, _)| *d).min();
        let spent = get(&columns.time_spent)
            .and_then(|s| s.parse::<f64>().ok())
            .or_else(|| (!logs.is_empty()).then(|| logs.iter().map(|(_, s)| s).sum()));
        let project = get(&columns.project_key).unwrap_or("jira");
        let group = match get(&columns.component) {
            Some(component) => Group::named(component),
            None => Group {
                id: project.to_owned(),
                name: get(&columns.project_name).unwrap_or(project).to_owned(),
            },
        };
        let mut notes = Vec::new();
        if let Some(points) = get(&columns.story_points) {
            notes.push(format!(
                "Jira story points: {points} (not converted to days)"
            ));
        }
        items.push(Item {
            source: format!("jira-{key}"),
            id: key,
            title: get(&columns.summary).unwrap_or_default().to_owned(),
            group,
            status,
            priority: get(&columns.priority).and_then(priority),
            owner: get(&columns.assignee).map(Group::named),
            estimate: get(&columns.estimate)
                .and_then(|s| s.parse::<f64>().ok())
                .and_then(seconds),
            actual: (status == Status::Done)
                .then(|| spent.and_then(seconds))
                .flatten(),
            started,
            done: (status == Status::Done)
                .then(|| get(&columns.resolved).and_then(date))
                .flatten(),
            depends_on,
            notes,
            at,
        });
    }
    for item in &mut items {
        let key = item.source.trim_start_matches("jira-");
        if let Some(blockers) = blocked.remove(key) {
            for blocker in blockers {
                if !item.depends_on.contains(&blocker) {
                    item.depends_on.push(blocker);
                }
            }
        }
    }
    Ok(Export {
        format: Format::Jira,
        items,
        skipped,
    })
}

/// Which way a link column reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// This issue waits for the ones in the cell.
    DependsOnThem,
    /// The ones in the cell wait for this issue.
    TheyDependOnThis,
}

/// The columns the reader uses, each with every index it is found at.
#[derive(Debug, Default)]
struct Columns {
    key: Vec<usize>,
    summary: Vec<usize>,
    status: Vec<usize>,
    category: Vec<usize>,
    resolution: Vec<usize>,
    resolved: Vec<usize>,
    assignee: Vec<usize>,
    priority: Vec<usize>,
    component: Vec<usize>,
    project_key: Vec<usize>,
    project_name: Vec<usize>,
    estimate: Vec<usize>,
    time_spent: Vec<usize>,
    story_points: Vec<usize>,
    log_work: Vec<usize>,
    links: Vec<(usize, Link)>,
}

impl Columns {
    fn of(header: &csv::StringRecord) -> Result<Columns, Malformed> {
        let mut c = Columns::default();
        for (i, name) in header.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}');
            let lower = name.to_ascii_lowercase();
            let slot = match lower.as_str() {
                "issue key" | "work item key" | "key" => &mut c.key,
                "summary" => &mut c.summary,
                "status" => &mut c.status,
                "status category" => &mut c.category,
                "resolution" => &mut c.resolution,
                "resolved" => &mut c.resolved,
                "assignee" => &mut c.assignee,
                "priority" => &mut c.priority,
                "component/s" | "components" | "component" => &mut c.component,
                "project key" => &mut c.project_key,
                "project name" => &mut c.project_name,
                "original estimate" => &mut c.estimate,
                "time spent" => &mut c.time_spent,
                "custom field (story points)"
                | "story points"
                | "custom field (story point estimate)"
                | "story point estimate" => &mut c.story_points,
                "log work" => &mut c.log_work,
                _ => {
                    if let Some(link) = link_column(&lower) {
                        c.links.push((i, link));
                    }
                    continue;
                }
            };
            slot.push(i);
        }
        if c.key.is_empty() || c.summary.is_empty() {
            return Err(Malformed::at_line(
                1,
                "the CSV header has no `Issue key` or no `Summary` column (a Jira export has both)",
            ));
        }
        Ok(c)
    }

    /// The first non-empty cell among the columns, trimmed.
    fn first<'r>(&self, record: &'r csv::StringRecord, columns: &[usize]) -> Option<&'r str> {
        columns
            .iter()
            .filter_map(|&i| record.get(i))
            .map(str::trim)
            .find(|cell| !cell.is_empty())
    }
}

/// A link column (`inward issue link (blocks)`) and which way it reads;
/// `None` for links that order nothing (relates, clones, duplicates).
fn link_column(lower: &str) -> Option<Link> {
    let (direction, kind) = lower.split_once(" link (")?;
    let kind = kind.trim_end_matches(')');
    let inward = match direction {
        "inward issue" | "inward work item" | "inward" => true,
        "outward issue" | "outward work item" | "outward" => false,
        _ => return None,
    };
    if kind.contains("block") {
        Some(if inward {
            Link::DependsOnThem
        } else {
            Link::TheyDependOnThis
        })
    } else if kind.contains("depend") {
        Some(if inward {
            Link::TheyDependOnThis
        } else {
            Link::DependsOnThem
        })
    } else {
        None
    }
}

/// The status from the status category (`To Do`, `In Progress`, `Done`)
/// when the export has it, else from the status's name; a done issue
/// resolved as not done (`Won't Do`, `Duplicate`, …) is dropped.
pub(super) fn status(
    category: Option<&str>,
    name: Option<&str>,
    resolution: Option<&str>,
) -> Status {
    let norm = |s: Option<&str>| s.unwrap_or_default().trim().to_ascii_lowercase();
    let (category, name, resolution) = (norm(category), norm(name), norm(resolution));
    let done = match category.as_str() {
        "done" => true,
        "" => matches!(
            name.as_str(),
            "done"
                | "closed"
                | "resolved"
                | "released"
                | "complete"
                | "completed"
                | "cancelled"
                | "canceled"
        ),
        _ => false,
    };
    if done {
        let dropped = [
            "won't",
            "wont",
            "duplicate",
            "cannot reproduce",
            "declined",
            "rejected",
            "obsolete",
            "cancel",
        ];
        return if dropped
            .iter()
            .any(|d| resolution.contains(d) || name.contains(d))
        {
            Status::Dropped
        } else {
            Status::Done
        };
    }
    if name.contains("block") {
        Status::Blocked
    } else if matches!(category.as_str(), "in progress" | "indeterminate")
        || name.contains("progress")
        || name.contains("review")
    {
        Status::Doing
    } else {
        Status::Todo
    }
}

/// Jira's priorities: Highest/Blocker/Critical P0, High/Major P1, Medium
/// P2, Low/Lowest/Minor/Trivial P3.
pub(super) fn priority(name: &str) -> Option<Priority> {
    match name.trim().to_ascii_lowercase().as_str() {
        "highest" | "blocker" | "critical" => Some(Priority::P0),
        "high" | "major" => Some(Priority::P1),
        "medium" | "normal" => Some(Priority::P2),
        "low" | "lowest" | "minor" | "trivial" => Some(Priority::P3),
        other => Priority::parse(other),
    }
}

/// A `Log Work` cell: `comment;date;author;seconds` (the comment may hold
/// `;` itself, so the last three fields are read from the end).
fn work_log(cell: &str) -> Option<(Option<chrono::NaiveDate>, f64)> {
    let mut fields = cell.rsplitn(4, ';');
    let secs: f64 = fields.next()?.trim().parse().ok()?;
    let _author = fields.next()?;
    let day = fields.next().and_then(date);
    Some((day, secs))
}

/// The line of a quoted cell the text ends in, if it does (quotes are
/// doubled inside a cell, so a well-formed CSV closes each one).
fn open_quote(text: &str) -> Option<usize> {
    let mut line = 1;
    let mut opened = None;
    for b in text.bytes() {
        match b {
            b'"' => opened = if opened.is_some() { None } else { Some(line) },
            b'\n' => line += 1,
            _ => {}
        }
    }
    opened
}

fn csv_error(error: &csv::Error) -> Malformed {
    let line = error.position().map_or(1, |p| p.line() as usize);
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_owned(),
        _ => error.to_string(),
    };
    Malformed::at_line(line, message)
}

//! `readiness add`'s core: one new task, component, person or gate
//! appended to the manifest text in the file's own style (see
//! [`super::place`]), every existing byte kept.
//!
//! Pure: `(text, the new entry, today) -> new text` or a [`Refusal`].
//! Before anything is placed, the id is checked (the characters
//! docs/manifest.md allows, not taken by another entry of its kind) and so
//! is every id it names — a task's component, owner and dependencies, a
//! gate's tasks and components — with a "did you mean" for a typo; the
//! result is then validated in full (docs/manifest.md, "Validation") and
//! refused with its diagnostics when invalid. The dashboard's `a` key and
//! `readiness add` both call it; [`crate::edit_file::add`] is the shell.

use std::fmt;

use chrono::NaiveDate;

use super::locate::{self, Entry};
use super::place::{self, Kind, NewEntry, Unplaceable};
use super::text::{line_of, splice};
use super::value::{NewValue, plain};
use crate::manifest::load::did_you_mean;
use crate::manifest::{self, Diagnostic, Priority, Severity, Status};

/// A task to add (docs/manifest.md, `[[task]]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewTask {
    pub id: String,
    pub title: String,
    /// The id of an existing component.
    pub component: String,
    /// Days (`"2.5"`) or the estimate grammar (`"2-3d"`, `"4h"`).
    pub estimate: Option<String>,
    /// A `[[person]]` id when people are declared, else any name.
    pub owner: Option<String>,
    pub priority: Option<Priority>,
    /// Ids of existing tasks.
    pub depends_on: Vec<String>,
    /// `done` also writes `done = today`.
    pub status: Option<Status>,
}

/// A component to add (docs/manifest.md, `[[component]]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewComponent {
    pub id: String,
    pub name: Option<String>,
    pub weight: Option<f64>,
    pub owner: Option<String>,
    /// Percent, 0–100.
    pub progress: Option<f64>,
}

/// A person to add (docs/manifest.md, `[[person]]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewPerson {
    pub id: String,
    pub name: Option<String>,
    /// Days of estimate per working day, more than 0, at most 1.
    pub focus: Option<f64>,
}

/// A gate to add (docs/manifest.md, `[[gate]]`): its keys as written;
/// exactly one criterion, which validation checks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewGate {
    pub id: String,
    pub name: Option<String>,
    pub severity: Option<Severity>,
    pub tasks: Vec<String>,
    pub priority: Option<Priority>,
    pub components: Vec<String>,
    pub metric: Option<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// `pass`, `fail` or `pending`.
    pub status: Option<String>,
    pub expires: Option<NaiveDate>,
    pub junit: Option<String>,
    pub min_tests: Option<u64>,
    pub min_pass_rate: Option<f64>,
    pub coverage: Option<String>,
    pub command: Option<String>,
    /// Seconds.
    pub timeout: Option<f64>,
}

/// The manifest with the entry added.
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    pub text: String,
    pub kind: Kind,
    pub id: String,
    /// The 1-based line of the new entry's header (or inline table).
    pub line: usize,
    /// The result's warnings (docs/manifest.md, "Validation").
    pub warnings: Vec<Diagnostic>,
}

/// Why an entry was not added. Nothing is to be written in any case.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The manifest is not TOML (or too large to parse): its diagnostics.
    Syntax(Vec<Diagnostic>),
    /// The id holds characters an id may not.
    BadId { kind: Kind, id: String },
    /// A key that needs a value has none (a task's `title`).
    Empty { key: &'static str },
    /// A value that cannot be written (an estimate outside the grammar).
    BadValue { key: &'static str, message: String },
    /// Another entry of the kind has the id.
    Exists { kind: Kind, id: String, line: usize },
    /// A name that names nothing: a component, a person, a task.
    Unknown {
        kind: Kind,
        id: String,
        hint: Option<String>,
    },
    /// The kind is written in a way entries cannot be added to.
    Unplaceable(Unplaceable),
    /// The result does not validate: its diagnostics, against `text`.
    /// `already` tells whether the input had errors too.
    Invalid {
        text: String,
        diagnostics: Vec<Diagnostic>,
        already: bool,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Refusal::Syntax(_) => f.write_str("the manifest is not valid TOML; nothing added"),
            Refusal::BadId { kind, id } => write!(
                f,
                "the {} id \"{id}\" may hold only letters, digits, '-', '_' and '.'",
                kind.noun()
            ),
            Refusal::Empty { key } => write!(f, "give the {key}: it cannot be empty"),
            Refusal::BadValue { message, .. } => f.write_str(message),
            Refusal::Exists { kind, id, line } => write!(
                f,
                "a {} with the id `{id}` exists already (line {line})",
                kind.noun()
            ),
            Refusal::Unknown { kind, id, hint } => {
                write!(f, "no {} has the id `{id}`", kind.noun())?;
                if let Some(hint) = hint {
                    write!(f, " ({hint})")?;
                }
                match kind {
                    Kind::Person => write!(f, "; add them first: readiness add person {id}"),
                    Kind::Component => {
                        write!(f, "; add it first: readiness add component {id}")
                    }
                    _ => Ok(()),
                }
            }
            Refusal::Unplaceable(Unplaceable { kind, line }) => {
                write!(
                    f,
                    "`{}` is not written as `[[{}]]` tables",
                    kind.key(),
                    kind.key()
                )?;
                if let Some(line) = line {
                    write!(f, " (line {line})")?;
                }
                f.write_str("; add the entry by hand")
            }
            Refusal::Invalid { already: false, .. } => {
                f.write_str("the entry would make the manifest invalid; nothing written")
            }
            Refusal::Invalid { already: true, .. } => {
                f.write_str("the manifest has errors; fix them first (nothing was added)")
            }
        }
    }
}

/// Adds a task; `status = done` also writes `done = today`.
///
/// # Errors
/// [`Refusal`]: not TOML, a bad or taken id, no title, an unknown
/// component, owner (when people are declared) or dependency, an estimate
/// outside the grammar (docs/manifest.md, "Estimates"), or an invalid result.
pub fn task(text: &str, new: &NewTask, today: NaiveDate) -> Result<Added, Refusal> {
    let doc = parse(text)?;
    check_id(&doc, text, Kind::Task, &new.id)?;
    let title = plain(&new.title);
    if title.trim().is_empty() {
        return Err(Refusal::Empty { key: "title" });
    }
    check_known(&doc, Kind::Component, &new.component)?;
    if let Some(owner) = &new.owner
        && !locate::entries(&doc, Kind::Person.key()).is_empty()
    {
        check_known(&doc, Kind::Person, owner)?;
    }
    for dependency in &new.depends_on {
        check_known(&doc, Kind::Task, dependency)?;
    }
    let mut keys = vec![
        ("id", NewValue::Str(new.id.clone())),
        ("title", NewValue::Str(title)),
        ("component", NewValue::Str(new.component.clone())),
    ];
    if let Some(status) = new.status {
        keys.push(("status", NewValue::Str(status.as_str().to_owned())));
    }
    if let Some(priority) = new.priority {
        keys.push(("priority", NewValue::Str(priority.as_str().to_owned())));
    }
    if let Some(estimate) = &new.estimate {
        keys.push(("estimate", estimate_value(estimate)?));
    }
    if !new.depends_on.is_empty() {
        keys.push(("depends_on", NewValue::List(new.depends_on.clone())));
    }
    if let Some(owner) = &new.owner {
        keys.push(("owner", NewValue::Str(plain(owner))));
    }
    if new.status == Some(Status::Done) {
        keys.push(("done", NewValue::Date(today)));
    }
    finish(text, &doc, Kind::Task, &new.id, keys)
}

/// Adds a component.
///
/// # Errors
/// [`Refusal`]: not TOML, a bad or taken id, or an invalid result (a
/// weight or progress out of range).
pub fn component(text: &str, new: &NewComponent) -> Result<Added, Refusal> {
    let doc = parse(text)?;
    check_id(&doc, text, Kind::Component, &new.id)?;
    let mut keys = vec![("id", NewValue::Str(new.id.clone()))];
    if let Some(name) = &new.name {
        keys.push(("name", NewValue::Str(plain(name))));
    }
    if let Some(weight) = new.weight {
        keys.push(("weight", NewValue::Number(weight)));
    }
    if let Some(owner) = &new.owner {
        keys.push(("owner", NewValue::Str(plain(owner))));
    }
    if let Some(progress) = new.progress {
        keys.push(("progress", NewValue::Number(progress)));
    }
    finish(text, &doc, Kind::Component, &new.id, keys)
}

/// Adds a person.
///
/// # Errors
/// [`Refusal`]: not TOML, a bad or taken id, or an invalid result — the
/// first `[[person]]` makes every task `owner` name a person, so adding
/// one to a file whose tasks name others is refused with those errors.
pub fn person(text: &str, new: &NewPerson) -> Result<Added, Refusal> {
    let doc = parse(text)?;
    check_id(&doc, text, Kind::Person, &new.id)?;
    let mut keys = vec![("id", NewValue::Str(new.id.clone()))];
    if let Some(name) = &new.name {
        keys.push(("name", NewValue::Str(plain(name))));
    }
    if let Some(focus) = new.focus {
        keys.push(("focus", NewValue::Number(focus)));
    }
    finish(text, &doc, Kind::Person, &new.id, keys)
}

/// Adds a gate.
///
/// # Errors
/// [`Refusal`]: not TOML, a bad or taken id, a task or component it names
/// that does not exist, or an invalid result (no criterion or two, a value
/// out of range).
pub fn gate(text: &str, new: &NewGate) -> Result<Added, Refusal> {
    let doc = parse(text)?;
    check_id(&doc, text, Kind::Gate, &new.id)?;
    for task in &new.tasks {
        check_known(&doc, Kind::Task, task)?;
    }
    for component in &new.components {
        check_known(&doc, Kind::Component, component)?;
    }
    let s = |v: &String| NewValue::Str(plain(v));
    let mut keys = vec![("id", NewValue::Str(new.id.clone()))];
    let optional: [(&'static str, Option<NewValue>); 16] = [
        ("name", new.name.as_ref().map(s)),
        (
            "severity",
            new.severity.map(|v| NewValue::Str(v.as_str().to_owned())),
        ),
        (
            "tasks",
            (!new.tasks.is_empty()).then(|| NewValue::List(new.tasks.clone())),
        ),
        (
            "priority",
            new.priority.map(|p| NewValue::Str(p.as_str().to_owned())),
        ),
        (
            "components",
            (!new.components.is_empty()).then(|| NewValue::List(new.components.clone())),
        ),
        ("metric", new.metric.as_ref().map(s)),
        ("min", new.min.map(NewValue::Number)),
        ("max", new.max.map(NewValue::Number)),
        ("status", new.status.as_ref().map(s)),
        ("expires", new.expires.map(NewValue::Date)),
        ("junit", new.junit.as_ref().map(s)),
        (
            "min_tests",
            new.min_tests.map(|n| NewValue::Number(n as f64)),
        ),
        ("min_pass_rate", new.min_pass_rate.map(NewValue::Number)),
        ("coverage", new.coverage.as_ref().map(s)),
        ("command", new.command.as_ref().map(s)),
        ("timeout", new.timeout.map(NewValue::Number)),
    ];
    keys.extend(optional.into_iter().filter_map(|(k, v)| Some((k, v?))));
    finish(text, &doc, Kind::Gate, &new.id, keys)
}

/// An estimate as written: a number of days, else a string in the grammar
/// (checked here, so that a typo is named before anything is placed).
fn estimate_value(estimate: &str) -> Result<NewValue, Refusal> {
    let estimate = estimate.trim();
    if let Ok(days) = estimate.parse::<f64>()
        && days.is_finite()
    {
        return Ok(NewValue::Number(days));
    }
    manifest::estimate::parse(estimate, 8.0)
        .map(|_| NewValue::Str(estimate.to_owned()))
        .map_err(|message| Refusal::BadValue {
            key: "estimate",
            message,
        })
}

/// The text parsed for placing, or its syntax errors.
fn parse(text: &str) -> Result<toml_edit::Document<&str>, Refusal> {
    // A manifest too big to parse is refused before toml_edit takes its
    // memory (docs/manifest.md, "The file").
    let syntax = || Refusal::Syntax(manifest::load(text).err().unwrap_or_default());
    if manifest::size::check(text).is_err() {
        return Err(syntax());
    }
    toml_edit::Document::parse(text).map_err(|_| syntax())
}

/// A valid id not taken by another entry of the kind.
fn check_id(
    doc: &toml_edit::Document<&str>,
    text: &str,
    kind: Kind,
    id: &str,
) -> Result<(), Refusal> {
    if !valid_id(id) {
        return Err(Refusal::BadId {
            kind,
            id: plain(id),
        });
    }
    let taken = locate::entries(doc, kind.key())
        .into_iter()
        .find(|(other, _)| *other == Some(id));
    match taken {
        Some((_, entry)) => Err(Refusal::Exists {
            kind,
            id: id.to_owned(),
            line: entry_line(text, entry),
        }),
        None => Ok(()),
    }
}

/// An id docs/manifest.md allows: letters, digits, `-`, `_`, `.`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// `id` names an entry of the kind, else a refusal with the closest id.
fn check_known(doc: &toml_edit::Document<&str>, kind: Kind, id: &str) -> Result<(), Refusal> {
    let entries = locate::entries(doc, kind.key());
    if entries.iter().any(|(other, _)| *other == Some(id)) {
        return Ok(());
    }
    Err(Refusal::Unknown {
        kind,
        id: plain(id),
        hint: did_you_mean(id, entries.iter().filter_map(|(other, _)| *other)),
    })
}

/// The 1-based line of an entry's header (or inline table).
fn entry_line(text: &str, entry: Entry<'_>) -> usize {
    entry.span().map_or(0, |s| line_of(text, s.start))
}

/// Places the entry, then validates the result.
fn finish(
    text: &str,
    doc: &toml_edit::Document<&str>,
    kind: Kind,
    id: &str,
    keys: Vec<(&'static str, NewValue)>,
) -> Result<Added, Refusal> {
    let entry = NewEntry {
        kind,
        keys,
        notes: Vec::new(),
    };
    let mut splices = place::insertions(text, doc, &[entry]).map_err(Refusal::Unplaceable)?;
    let new_text = splice(text, &mut splices);
    let line = toml_edit::Document::parse(new_text.as_str())
        .ok()
        .and_then(|doc| {
            locate::entries(&doc, kind.key())
                .into_iter()
                .find(|(other, _)| *other == Some(id))
                .map(|(_, entry)| entry_line(&new_text, entry))
        })
        .unwrap_or(0);
    match manifest::load(&new_text) {
        Ok(checked) => Ok(Added {
            text: new_text,
            kind,
            id: id.to_owned(),
            line,
            warnings: checked.warnings,
        }),
        Err(diagnostics) => Err(Refusal::Invalid {
            already: manifest::load(text).is_err(),
            text: new_text,
            diagnostics,
        }),
    }
}

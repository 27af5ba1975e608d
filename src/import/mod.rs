//! `readiness import`'s core (docs/import.md): an export's bytes read into
//! a neutral list of [`Item`]s by one reader per format — [`github`],
//! [`jira`], [`taskwarrior`], [`markdown`] — and [`sync`]ed into the
//! manifest text. Pure: bytes in, items or an error with its line (and
//! column, for JSON) out; no file, clock or terminal.
//!
//! The format is detected from the content when it is not given
//! ([`detect`]); an export that is none of them says what each reader
//! found instead.

pub mod github;
pub mod jira;
mod jira_json;
pub mod markdown;
pub mod sync;
pub mod taskwarrior;
mod words;

use std::fmt;

use chrono::NaiveDate;

use crate::manifest::{Priority, Status};

/// The formats `readiness import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Github,
    Jira,
    Taskwarrior,
    Markdown,
}

impl Format {
    pub const ALL: [Format; 4] = [
        Format::Github,
        Format::Jira,
        Format::Taskwarrior,
        Format::Markdown,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Github => "github",
            Format::Jira => "jira",
            Format::Taskwarrior => "taskwarrior",
            Format::Markdown => "markdown",
        }
    }

    /// How every `source` of this format begins: a re-import from the
    /// format marks the tasks with such a source that left the export as
    /// dropped, and no other.
    pub fn prefix(self) -> &'static str {
        match self {
            Format::Github => "gh-",
            Format::Jira => "jira-",
            Format::Taskwarrior => "tw-",
            Format::Markdown => "md-",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One item of an export, in the manifest's terms. Text fields are as the
/// export holds them: the sync cleans them (docs/trust.md).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The item's key in its source, written as the task's `source`
    /// (`gh-123`, `jira-PROJ-7`, `tw-<uuid>`, `md-<id>`): what a re-import
    /// finds the task by. Begins with its format's [`Format::prefix`].
    pub source: String,
    /// The task id it asks for; made valid and unique by the sync.
    pub id: String,
    pub title: String,
    /// Its component: the group's id as the source names it (made valid by
    /// the sync) and its name.
    pub group: Group,
    pub status: Status,
    pub priority: Option<Priority>,
    /// Who does it: an id as the source names it (a login, a user name)
    /// and a display name when the source has one.
    pub owner: Option<Group>,
    /// In the manifest's estimate syntax (`"2-3d"`, `"6h"`) or days.
    pub estimate: Option<Effort>,
    /// Done items: the effort spent, one figure.
    pub actual: Option<Effort>,
    pub started: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    /// The `source`s of the items it waits for.
    pub depends_on: Vec<String>,
    /// Comment lines written under the new task (a story-point figure,
    /// say): facts the manifest has no key for.
    pub notes: Vec<String>,
    /// Where it is in the export: a 1-based line, or the item's place in a
    /// JSON array.
    pub at: Place,
}

/// A name as a source gives it: an id to make valid, and its display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: String,
    pub name: String,
}

impl Group {
    pub fn named(name: &str) -> Group {
        Group {
            id: name.to_owned(),
            name: name.to_owned(),
        }
    }
}

/// An effort: days, or text in the estimate grammar (docs/manifest.md).
#[derive(Debug, Clone, PartialEq)]
pub enum Effort {
    Days(f64),
    Text(String),
}

/// Where an item or a problem is in the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A 1-based line.
    Line(usize),
    /// The 1-based position in a JSON array.
    Element(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Place::Line(line) => write!(f, "line {line}"),
            Place::Element(n) => write!(f, "item {n}"),
        }
    }
}

/// An item the reader left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub at: Place,
    pub why: String,
}

/// An export, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub format: Format,
    pub items: Vec<Item>,
    /// What was left out (a pull request in an issue list, an entry
    /// without a title), each with the reason.
    pub skipped: Vec<Skip>,
}

/// A malformed export: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub line: usize,
    /// JSON errors have a column.
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.column {
            Some(column) => write!(f, "{}:{column}: {}", self.line, self.message),
            None => write!(f, "{}: {}", self.line, self.message),
        }
    }
}

impl Malformed {
    pub fn at_line(line: usize, message: impl Into<String>) -> Malformed {
        Malformed {
            line,
            column: None,
            message: message.into(),
        }
    }

    /// A `serde_json` error with its line and column.
    pub fn json(error: &serde_json::Error) -> Malformed {
        let message = error.to_string();
        // serde_json appends " at line L column C": the place is ours.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_owned();
        Malformed {
            line: error.line().max(1),
            column: Some(error.column().max(1)),
            message,
        }
    }
}

/// Why an export could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// It is the format, but broken.
    Malformed { format: Format, error: Malformed },
    /// No format fits: what each reader said.
    Unknown(Vec<(Format, String)>),
    /// Not UTF-8 (nor UTF-8 with a byte-order mark).
    NotUtf8 { line: usize },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ReadError::Malformed { format, error } => {
                write!(f, "{error} (read as {format})")
            }
            ReadError::Unknown(tried) => {
                f.write_str("not an export readiness reads; tried ")?;
                let tried: Vec<String> = tried
                    .iter()
                    .map(|(format, why)| format!("{format} ({why})"))
                    .collect();
                write!(f, "{}; give --from to read it as one", tried.join(", "))
            }
            ReadError::NotUtf8 { line } => {
                write!(f, "{line}: not UTF-8 text")
            }
        }
    }
}

/// An export that is a JSON array: each element read by `item`, or
/// skipped with the reason it gives; `expected` says what the array holds.
fn from_array(
    text: &str,
    format: Format,
    expected: &str,
    item: impl Fn(&serde_json::Value, Place) -> Result<Item, String>,
) -> Result<Export, Malformed> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Malformed::json(&e))?;
    let serde_json::Value::Array(list) = value else {
        return Err(Malformed::at_line(1, expected));
    };
    let mut items = Vec::with_capacity(list.len());
    let mut skipped = Vec::new();
    for (i, element) in list.iter().enumerate() {
        let at = Place::Element(i + 1);
        match item(element, at) {
            Ok(item) => items.push(item),
            Err(why) => skipped.push(Skip { at, why }),
        }
    }
    Ok(Export {
        format,
        items,
        skipped,
    })
}

/// Reads an export as `format`, or as the format its content shows.
///
/// # Errors
/// [`ReadError`]: not UTF-8, malformed (with its line), or no format fits.
pub fn read(bytes: &[u8], format: Option<Format>) -> Result<Export, ReadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            return Err(ReadError::NotUtf8 { line });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = match format {
        Some(format) => format,
        None => detect(text)?,
    };
    let read = match format {
        Format::Github => github::read(text),
        Format::Jira => jira::read(text),
        Format::Taskwarrior => taskwarrior::read(text),
        Format::Markdown => markdown::read(text),
    };
    read.map_err(|error| ReadError::Malformed { format, error })
}

/// The format the content shows: JSON whose items have `number` and
/// `title` (GitHub), `uuid` and `description` (Taskwarrior) or `key` and
/// `fields` (Jira's REST); a CSV whose header names `Issue key` (Jira);
/// else text with headings, task-list boxes or status markers (markdown).
///
/// # Errors
/// [`ReadError::Unknown`] with what each reader found, or the JSON's own
/// syntax error when it is JSON of no known shape.
pub fn detect(text: &str) -> Result<Format, ReadError> {
    let start = text.trim_start();
    if start.starts_with('[') || start.starts_with('{') {
        let value: serde_json::Value = match serde_json::from_str(text) {
            Ok(value) => value,
            Err(e) => {
                return Err(ReadError::Malformed {
                    format: json_guess(text),
                    error: Malformed::json(&e),
                });
            }
        };
        return json_shape(&value);
    }
    if jira::is_csv(text) {
        return Ok(Format::Jira);
    }
    if markdown::looks_like(text) {
        return Ok(Format::Markdown);
    }
    Err(ReadError::Unknown(vec![
        (Format::Github, "not JSON".into()),
        (Format::Jira, "no CSV header with `Issue key`".into()),
        (Format::Taskwarrior, "not JSON".into()),
        (
            Format::Markdown,
            "no heading, task-list box or status marker".into(),
        ),
    ]))
}

/// The format a broken JSON export most likely is, by the keys it names.
fn json_guess(text: &str) -> Format {
    let head = &text[..text.len().min(4096)];
    if head.contains("\"uuid\"") {
        Format::Taskwarrior
    } else if head.contains("\"fields\"") {
        Format::Jira
    } else {
        Format::Github
    }
}

/// The format of parsed JSON, by the keys of its first item.
fn json_shape(value: &serde_json::Value) -> Result<Format, ReadError> {
    let first = match value {
        serde_json::Value::Array(items) => items.first(),
        serde_json::Value::Object(map) => match map.get("issues") {
            Some(serde_json::Value::Array(items)) => items.first(),
            _ => Some(value),
        },
        _ => None,
    };
    let has = |key: &str| first.is_some_and(|item| item.get(key).is_some());
    if has("key") && has("fields") {
        return Ok(Format::Jira);
    }
    if has("uuid") && has("description") {
        return Ok(Format::Taskwarrior);
    }
    if has("number") && has("title") {
        return Ok(Format::Github);
    }
    let why = if first.is_none() {
        "no items to tell by".to_owned()
    } else {
        "JSON of another shape".to_owned()
    };
    Err(ReadError::Unknown(vec![
        (Format::Github, format!("{why}: no `number` and `title`")),
        (Format::Jira, format!("{why}: no `key` and `fields`")),
        (
            Format::Taskwarrior,
            format!("{why}: no `uuid` and `description`"),
        ),
        (Format::Markdown, "JSON, not text".into()),
    ]))
}

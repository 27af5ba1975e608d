//! `readiness set`'s core: one task's keys changed in the manifest text,
//! keeping every other byte — comments, blank lines, key order, quoting,
//! line endings (CRLF too), a byte-order mark, inline-table layout.
//!
//! Pure: `(text, task id, edit, today) -> new text` or the reason it cannot
//! be done. The document is parsed with `toml_edit` only to find where each
//! key and value is written; the edit splices those spans, so the lines of
//! the keys it changes are the only ones that differ. The result is then
//! validated in full (docs/manifest.md, "Validation"), and an invalid one is
//! refused with its diagnostics. The shell that reads and writes the file is
//! [`crate::edit_file`].

pub mod add;
pub mod locate;
pub mod place;
pub mod text;
pub mod value;

use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;

use crate::manifest::load::did_you_mean;
use crate::manifest::{self, Diagnostic, Status};
use locate::{Entry, Field};
use text::{LineStyle, Splice, comma_after, line_end, line_of, line_start, splice};
pub use value::NewValue;
use value::Quotes;

/// What to change on one task; `None` leaves a key as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskEdit {
    pub status: Option<Status>,
    /// Percent, 0–100.
    pub progress: Option<f64>,
    pub blocker: Option<Blocker>,
    /// The day it was finished. Without it, setting `status = "done"` fills
    /// `done` with today when the task has no `done` date yet.
    pub done: Option<NaiveDate>,
    pub started: Option<NaiveDate>,
    pub owner: Option<String>,
    /// `calibrate`: false leaves a done task out of the record.
    pub calibrate: Option<bool>,
}

/// A blocker set to a reason, or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    Set(String),
    Clear,
}

impl TaskEdit {
    pub fn is_empty(&self) -> bool {
        *self == TaskEdit::default()
    }
}

/// One key changed: what was written before and after, as TOML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub key: &'static str,
    /// The value as it was written; `None` when the key was added.
    pub before: Option<String>,
    /// The value written; `None` when the key was removed.
    pub after: Option<String>,
    /// The 1-based line of the key in the new text (in the old text for a
    /// removed key).
    pub line: usize,
}

/// The edited manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    pub text: String,
    /// The keys that changed, in the order of [`TaskEdit`]'s fields; empty
    /// when the task already had every value (then `text` is the input).
    pub changes: Vec<Change>,
    /// The result's warnings (docs/manifest.md, "Validation").
    pub warnings: Vec<Diagnostic>,
}

/// Why an edit was refused. Nothing is to be written in any of these cases.
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The edit changes nothing (no option given).
    Empty,
    /// The manifest is not TOML: its diagnostics, against the input text.
    Syntax(Vec<Diagnostic>),
    /// No task has this id.
    UnknownTask { id: String, hint: Option<String> },
    /// The key is written as a table (`blocker.x = …`) and cannot be set.
    NotAValue { key: String, line: Option<usize> },
    /// The edited manifest does not validate: its diagnostics, against
    /// `text`. `already` tells whether the input had errors too.
    Invalid {
        text: String,
        diagnostics: Vec<Diagnostic>,
        already: bool,
    },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            EditError::Empty => f.write_str(
                "nothing to change: give --status, --progress, --blocker, --no-blocker, --done, --started, --owner or --calibrate",
            ),
            EditError::Syntax(_) => f.write_str("the manifest is not valid TOML; nothing changed"),
            EditError::UnknownTask { id, hint } => {
                write!(f, "no task has the id `{id}`")?;
                match hint {
                    Some(hint) => write!(f, " ({hint})"),
                    None => Ok(()),
                }
            }
            EditError::NotAValue { key, line } => {
                write!(f, "`{key}` is written as a table")?;
                if let Some(line) = line {
                    write!(f, " on line {line}")?;
                }
                f.write_str("; edit it by hand")
            }
            EditError::Invalid { already: false, .. } => {
                f.write_str("the edit would make the manifest invalid; nothing written")
            }
            EditError::Invalid { already: true, .. } => f.write_str(
                "the manifest has errors; fix them first (the edit was not written)",
            ),
        }
    }
}

/// Applies `edit` to the task `id` of the manifest `text`, as of `today`.
///
/// `status = done` also fills `done` with `today` (or `edit.done`) when the
/// task has no `done` date, and removes its `blocker` unless the edit sets
/// one; nothing else is cleared. A key that already has
/// the value is left alone, byte for byte.
///
/// # Errors
/// [`EditError`]: nothing to do, not TOML, no such task (with a "did you
/// mean"), or a result that fails validation.
pub fn apply(text: &str, id: &str, edit: &TaskEdit, today: NaiveDate) -> Result<Edited, EditError> {
    if edit.is_empty() {
        return Err(EditError::Empty);
    }
    // A manifest too big to parse is refused before toml_edit takes its
    // memory (docs/manifest.md, "The file").
    if manifest::size::check(text).is_err() {
        return Err(EditError::Syntax(
            manifest::load(text).err().unwrap_or_default(),
        ));
    }
    let Ok(doc) = toml_edit::Document::parse(text) else {
        let diagnostics = manifest::load(text).err().unwrap_or_default();
        return Err(EditError::Syntax(diagnostics));
    };
    let tasks = locate::tasks(&doc);
    let Some(&(_, entry)) = tasks.iter().find(|(task, _)| *task == Some(id)) else {
        let hint = did_you_mean(id, tasks.iter().filter_map(|(task, _)| *task));
        return Err(EditError::UnknownTask {
            id: id.to_owned(),
            hint,
        });
    };
    let wanted = wanted(edit, entry, today)?;
    let mut plan = Plan::new(text, entry);
    for (key, new) in &wanted {
        let field = entry.field(key).map_err(|e| EditError::NotAValue {
            key: e.key,
            line: e.span.map(|s| line_of(text, s.start)),
        })?;
        plan.change(key, field, new.as_ref());
    }
    let (new_text, changes) = plan.finish(id)?;
    if changes.is_empty() {
        return Ok(Edited {
            text: new_text,
            changes,
            warnings: Vec::new(),
        });
    }
    match manifest::load(&new_text) {
        Ok(checked) => Ok(Edited {
            text: new_text,
            changes,
            warnings: checked.warnings,
        }),
        Err(diagnostics) => Err(EditError::Invalid {
            already: manifest::load(text).is_err(),
            text: new_text,
            diagnostics,
        }),
    }
}

/// The splices that set (`Some`) or remove (`None`) keys of one entry of
/// the parsed `text`, by the rules of [`apply`] (a key with the value
/// already is left alone; a new key goes after the entry's last one, in
/// its layout), against the text as it is: many entries can be changed in
/// one pass (the import's sync). In an inline table, keys are added or
/// removed in one pass, not both: removals wait for the next pass.
///
/// # Errors
/// [`locate::NotAValue`]: a key written as a table.
pub fn entry_splices(
    text: &str,
    entry: Entry<'_>,
    keys: &[(&'static str, Option<NewValue>)],
) -> Result<(Vec<Splice>, Vec<Change>), locate::NotAValue> {
    let mut plan = Plan::new(text, entry);
    let adds = keys
        .iter()
        .any(|(key, new)| new.is_some() && matches!(entry.field(key), Ok(None)));
    for (key, new) in keys {
        if new.is_none() && adds && matches!(entry, Entry::Inline(_)) {
            continue;
        }
        plan.change(key, entry.field(key)?, new.as_ref());
    }
    let mut splices = plan.splices;
    if !plan.added.is_empty() {
        splices.extend(insertion(text, entry, &plan.added));
    }
    Ok((splices, plan.changes))
}

/// The keys to write, in [`TaskEdit`]'s order: `Some` sets, `None` removes.
fn wanted(
    edit: &TaskEdit,
    entry: Entry<'_>,
    today: NaiveDate,
) -> Result<Vec<(&'static str, Option<NewValue>)>, EditError> {
    let mut keys = Vec::new();
    if let Some(status) = edit.status {
        keys.push(("status", Some(NewValue::Str(status.as_str().to_owned()))));
    }
    if let Some(progress) = edit.progress {
        keys.push(("progress", Some(NewValue::Number(progress))));
    }
    match &edit.blocker {
        Some(Blocker::Set(reason)) => keys.push(("blocker", Some(NewValue::Str(reason.clone())))),
        Some(Blocker::Clear) => keys.push(("blocker", None)),
        // A task marked done is no longer blocked: its blocker goes with it
        // (docs/manifest.md, "Validation": a done task with a blocker is
        // warned about). A blocker given with the status stays.
        None if edit.status == Some(Status::Done) => keys.push(("blocker", None)),
        None => {}
    }
    let has_done = entry
        .field("done")
        .map_err(|e| EditError::NotAValue {
            key: e.key,
            line: None,
        })?
        .is_some();
    let done = match (edit.done, edit.status) {
        (Some(day), _) => Some(day),
        (None, Some(Status::Done)) if !has_done => Some(today),
        _ => None,
    };
    if let Some(day) = done {
        keys.push(("done", Some(NewValue::Date(day))));
    }
    if let Some(day) = edit.started {
        keys.push(("started", Some(NewValue::Date(day))));
    }
    if let Some(owner) = &edit.owner {
        keys.push(("owner", Some(NewValue::Str(owner.clone()))));
    }
    if let Some(calibrate) = edit.calibrate {
        keys.push(("calibrate", Some(NewValue::Bool(calibrate))));
    }
    Ok(keys)
}

/// The splices of one edit, and the changes they make. Replacements and
/// removals are spliced first; the keys to add go in a second pass, placed
/// against the entry as it then stands (a removed last key no longer
/// anchors them).
struct Plan<'t, 'd> {
    text: &'t str,
    entry: Entry<'d>,
    quotes: Quotes,
    splices: Vec<Splice>,
    /// Keys to add, in order, with their values as TOML.
    added: Vec<(&'static str, String)>,
    changes: Vec<Change>,
}

impl<'t, 'd> Plan<'t, 'd> {
    fn new(text: &'t str, entry: Entry<'d>) -> Self {
        // New strings follow the style of the task's own strings.
        let quotes = entry
            .fields()
            .iter()
            .filter(|f| f.parsed.as_str().is_some())
            .find_map(|f| Quotes::of(&text[f.value.clone()]))
            .unwrap_or(Quotes::Basic);
        Plan {
            text,
            entry,
            quotes,
            splices: Vec::new(),
            added: Vec::new(),
            changes: Vec::new(),
        }
    }

    fn change(&mut self, key: &'static str, field: Option<Field<'d>>, new: Option<&NewValue>) {
        let text = self.text;
        let mut change = Change {
            key,
            before: None,
            after: None,
            line: 0,
        };
        match (field, new) {
            (None, None) => return,
            (Some(field), Some(new)) if new.same_as(field.parsed) => return,
            (Some(field), Some(new)) => {
                let old = &text[field.value.clone()];
                let rendered = new.render(Quotes::of(old).unwrap_or(self.quotes));
                change.before = Some(old.to_owned());
                change.after = Some(rendered.clone());
                self.splices.push((field.value, rendered));
            }
            (Some(field), None) => {
                change.before = Some(text[field.value.clone()].to_owned());
                change.line = line_of(text, field.key.start);
                let removed = match self.entry {
                    Entry::Table(_) => vec![table_line(text, &field)],
                    Entry::Inline(_) => self.inline_removal(&field),
                };
                self.splices
                    .extend(removed.into_iter().map(|at| (at, String::new())));
            }
            (None, Some(new)) => {
                let rendered = new.render(self.quotes);
                change.after = Some(rendered.clone());
                self.added.push((key, rendered));
            }
        }
        self.changes.push(change);
    }

    /// What goes with one pair of an inline table. A pair on lines of its
    /// own goes with them (its comment too), and when it was the last, with
    /// the comma before it if the table has none after its last key.
    /// Otherwise the pair and its separator: up to the next key, or from
    /// the previous value when it is the last.
    fn inline_removal(&self, field: &Field<'_>) -> Vec<Range<usize>> {
        let text = self.text;
        let fields = self.entry.fields();
        let i = fields
            .iter()
            .position(|f| f.key == field.key)
            .expect("the field is the entry's");
        let (next, previous) = (fields.get(i + 1), i.checked_sub(1).map(|p| &fields[p]));
        let start = line_start(text, field.key.start);
        let end = line_end(text, field.value.end);
        let comma = comma_after(text, field.value.end);
        let rest = text[comma.map_or(field.value.end, |c| c + 1)..end].trim();
        let own_lines = text[start..field.key.start].trim().is_empty()
            && (rest.is_empty() || rest.starts_with('#'))
            && end < text.len();
        if own_lines {
            let line = start..end + 1;
            let comma_before = previous
                .and_then(|p| comma_after(text, p.value.end))
                .filter(|_| next.is_none() && comma.is_none());
            return std::iter::once(line)
                .chain(comma_before.map(|c| c..c + 1))
                .collect();
        }
        vec![match (next, previous) {
            (Some(next), _) => field.key.start..next.key.start,
            (None, Some(previous)) => previous.value.end..field.value.end,
            (None, None) => field.key.start..field.value.end,
        }]
    }

    /// The new text and the changes, each with its line in it.
    fn finish(mut self, id: &str) -> Result<(String, Vec<Change>), EditError> {
        if self.changes.is_empty() {
            return Ok((self.text.to_owned(), Vec::new()));
        }
        let mut out = splice(self.text, &mut self.splices);
        if !self.added.is_empty() {
            let doc =
                toml_edit::Document::parse(out.as_str()).map_err(|_| invalid(self.text, &out))?;
            let entry = find(&doc, id).ok_or_else(|| invalid(self.text, &out))?;
            let mut splices = insertion(&out, entry, &self.added);
            out = splice(&out, &mut splices);
        }
        // Each key set or added, on its line in the result.
        if let Ok(doc) = toml_edit::Document::parse(out.as_str())
            && let Some(entry) = find(&doc, id)
        {
            for change in self.changes.iter_mut().filter(|c| c.after.is_some()) {
                if let Ok(Some(field)) = entry.field(change.key) {
                    change.line = line_of(&out, field.key.start);
                }
            }
        }
        Ok((out, self.changes))
    }
}

/// The first task with this id.
fn find<'d>(doc: &'d toml_edit::Document<&str>, id: &str) -> Option<Entry<'d>> {
    locate::tasks(doc)
        .into_iter()
        .find(|(task, _)| *task == Some(id))
        .map(|(_, entry)| entry)
}

/// An edit whose splices broke the text (not expected: each splice keeps
/// TOML): refused, with what validation says of it.
fn invalid(original: &str, text: &str) -> EditError {
    EditError::Invalid {
        text: text.to_owned(),
        diagnostics: manifest::load(text).err().unwrap_or_default(),
        already: manifest::load(original).is_err(),
    }
}

/// The new keys of `entry`, after its last key: in a `[[task]]` table on
/// lines of their own; in an inline table on its line, or on lines of
/// their own when it spans lines — in the table's own style of spacing,
/// separators and commas.
fn insertion(text: &str, entry: Entry<'_>, added: &[(&str, String)]) -> Vec<Splice> {
    let fields = entry.fields();
    let anchor = fields
        .iter()
        .max_by_key(|f| f.value.end)
        .expect("a task found by its id has an id");
    let style = LineStyle::of(text, anchor);
    let end = line_end(text, anchor.value.end);
    match entry {
        Entry::Table(_) => {
            // At the end of a file without a final newline, each line
            // break goes before the key; elsewhere after it.
            let last = end == text.len();
            let mut out = String::new();
            for (key, value) in added {
                if last {
                    out.push_str(&style.eol);
                }
                out.push_str(&style.indent);
                out.push_str(&style.pair(key, value));
                if !last {
                    out.push_str(&style.eol);
                }
            }
            let at = if last { end } else { end + 1 };
            vec![(at..at, out)]
        }
        Entry::Inline(_) => {
            let close = entry
                .span()
                .map_or(anchor.value.end, |s| s.end.saturating_sub(1))
                .max(anchor.value.end);
            let at = anchor.value.end;
            if !text[at..close].contains('\n') {
                let separator = separator(text, &fields);
                let out: String = added
                    .iter()
                    .map(|(key, value)| format!("{separator}{}", style.pair(key, value)))
                    .collect();
                return vec![(at..at, out)];
            }
            // Over several lines: a line per key, after the last key's line.
            let trailing = comma_after(text, at).is_some();
            let indent = inline_indent(text, &fields, anchor);
            let mut out = String::new();
            for (i, (key, value)) in added.iter().enumerate() {
                out.push_str(&indent);
                out.push_str(&style.pair(key, value));
                if trailing || i + 1 < added.len() {
                    out.push(',');
                }
                out.push_str(&style.eol);
            }
            let mut splices = vec![(end + 1..end + 1, out)];
            if !trailing {
                splices.push((at..at, ",".to_owned()));
            }
            splices
        }
    }
}

/// How an inline table on one line separates its pairs (`, ` or `,`).
fn separator(text: &str, fields: &[Field<'_>]) -> String {
    match fields {
        [.., a, b] => {
            let between = &text[a.value.end..b.key.start];
            if between.contains(',') && !between.contains(['\n', '#']) {
                between.to_owned()
            } else {
                ", ".to_owned()
            }
        }
        _ => ", ".to_owned(),
    }
}

/// The indentation of new lines in an inline table over several lines: up
/// to the first key on the last key's line (`  { id = …` indents by 4).
fn inline_indent(text: &str, fields: &[Field<'_>], anchor: &Field<'_>) -> String {
    let start = line_start(text, anchor.key.start);
    let first = fields
        .iter()
        .map(|f| f.key.start)
        .filter(|&k| k >= start)
        .min()
        .unwrap_or(anchor.key.start);
    text[start..first]
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect()
}

/// The lines of a `[[task]]` table's key: from its line's start to the end
/// of its value's line (its newline included). At the end of a file without
/// a final newline, the line break before it goes instead.
fn table_line(text: &str, field: &Field<'_>) -> Range<usize> {
    let start = line_start(text, field.key.start);
    let end = line_end(text, field.value.end);
    if end < text.len() {
        start..end + 1
    } else {
        let before = text[..start]
            .strip_suffix("\r\n")
            .or_else(|| text[..start].strip_suffix('\n'))
            .map_or(start, str::len);
        before..end
    }
}

//! The import's sync (docs/import.md, "Importing again"): an export's items
//! written into the manifest text, format-preserving, through the same
//! core as `set` ([`crate::edit::entry_splices`]) and `add`
//! ([`crate::edit::place`]).
//!
//! A task whose `source` is an item's is that item's: the export owns its
//! title, status, `started` and `done` dates and owner (when the export
//! names one), and the dependencies it lists are added to the task's own;
//! an estimate or `actual` fills the key only when the task has none.
//! Everything else — estimates, dependencies, gates, comments, order, the
//! task's id — is the manifest's and is never touched. An item with no task
//! becomes a new task after the last one; a task of the export's format
//! whose item left the export is marked `dropped` (never deleted; a done
//! one stays done). Owners become `[[person]]` entries, components
//! `[[component]]` entries. Run again with the same export, the sync
//! changes no byte.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use toml_edit::Document;

use super::{Effort, Export, Item, Skip};
use crate::edit::add::valid_id;
use crate::edit::entry_splices;
use crate::edit::locate::{self, Entry, NotAValue};
use crate::edit::place::{self, Kind, NewEntry, Unplaceable};
use crate::edit::text::{Splice, line_end, splice};
use crate::edit::value::{NewValue, Quotes, plain};
use crate::manifest::{self, Diagnostic, Status};

/// What the sync did, for its summary line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub dropped: usize,
    /// Items left out, with why (the reader's and the sync's).
    pub skipped: Vec<Skip>,
    /// Ids changed to fit the manifest, or taken already: `(wanted, given)`.
    pub renamed: Vec<(String, String)>,
    /// `[[person]]` and `[[component]]` entries added.
    pub people: Vec<String>,
    pub components: Vec<String>,
    /// Dependencies on items that are neither in the export nor the
    /// manifest, left out.
    pub missing_dependencies: usize,
    /// `[team] people` raised to the people declared: the value written
    /// before (`None` when the key was absent, a headcount of 1) and after.
    pub headcount: Option<(Option<i64>, i64)>,
}

impl Summary {
    /// `created 3 · updated 1 · unchanged 5 · dropped 0 · skipped 1 (#4 is
    /// a pull request)`.
    pub fn line(&self) -> String {
        let mut line = format!(
            "created {} · updated {} · unchanged {} · dropped {} · skipped {}",
            self.created,
            self.updated,
            self.unchanged,
            self.dropped,
            self.skipped.len()
        );
        if !self.skipped.is_empty() {
            let mut why: Vec<String> = Vec::new();
            for skip in &self.skipped {
                if !why.contains(&skip.why) {
                    why.push(skip.why.clone());
                }
            }
            let more = why.len().saturating_sub(2);
            why.truncate(2);
            if more > 0 {
                why.push(format!("{more} more"));
            }
            line.push_str(&format!(" ({})", why.join("; ")));
        }
        line
    }
}

/// The manifest after the sync.
#[derive(Debug, Clone, PartialEq)]
pub struct Synced {
    /// The new text; the input itself when nothing changed.
    pub text: String,
    pub summary: Summary,
    /// The result's warnings (docs/manifest.md, "Validation").
    pub warnings: Vec<Diagnostic>,
}

/// Why the sync wrote nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncError {
    /// The manifest is not TOML (or too large to parse).
    Syntax(Vec<Diagnostic>),
    /// Tasks, components or people written in a way entries cannot be
    /// added to.
    Unplaceable(Unplaceable),
    /// A key the sync sets is written as a table in a task.
    NotAValue { task: String, key: String },
    /// The result does not validate (a dependency cycle in the export, an
    /// owner that is no person): its diagnostics, against `text`.
    Invalid {
        text: String,
        diagnostics: Vec<Diagnostic>,
        already: bool,
    },
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            SyncError::Syntax(_) => f.write_str("the manifest is not valid TOML; nothing imported"),
            SyncError::Unplaceable(u) => write!(
                f,
                "`{}` is not written as `[[{}]]` tables; nothing imported",
                u.kind.key(),
                u.kind.key()
            ),
            SyncError::NotAValue { task, key } => write!(
                f,
                "task `{task}` writes `{key}` as a table; nothing imported (edit it by hand)"
            ),
            SyncError::Invalid { already: false, .. } => {
                f.write_str("the import would make the manifest invalid; nothing written")
            }
            SyncError::Invalid { already: true, .. } => {
                f.write_str("the manifest has errors; fix them first (nothing imported)")
            }
        }
    }
}

/// One task as the manifest has it.
struct Task<'d> {
    id: String,
    entry: Entry<'d>,
    source: Option<&'d str>,
}

/// Syncs `export` into the manifest `text`, as of `today` (the `done` date
/// of an item the export gives none for, when it first arrives done).
///
/// # Errors
/// [`SyncError`]; nothing is to be written then.
pub fn sync(text: &str, export: &Export, today: NaiveDate) -> Result<Synced, SyncError> {
    let syntax = || SyncError::Syntax(manifest::load(text).err().unwrap_or_default());
    if manifest::size::check(text).is_err() {
        return Err(syntax());
    }
    let doc = Document::parse(text).map_err(|_| syntax())?;
    let tasks: Vec<Task<'_>> = locate::entries(&doc, Kind::Task.key())
        .into_iter()
        .map(|(id, entry)| Task {
            id: id.unwrap_or_default().to_owned(),
            source: str_field(entry, "source"),
            entry,
        })
        .collect();
    let mut summary = Summary {
        skipped: export.skipped.clone(),
        ..Summary::default()
    };
    let mut ids: HashSet<String> = tasks.iter().map(|t| t.id.clone()).collect();
    let mut by_source: HashMap<&str, usize> = HashMap::new();
    for (i, task) in tasks.iter().enumerate() {
        if let Some(source) = task.source {
            by_source.entry(source).or_insert(i);
        }
    }

    // Each item's task: the one with its source, or a new id.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut targets: Vec<(&Item, Option<usize>, String)> = Vec::with_capacity(export.items.len());
    let mut id_of: HashMap<&str, String> = tasks
        .iter()
        .filter_map(|t| Some((t.source?, t.id.clone())))
        .collect();
    for item in &export.items {
        if !seen.insert(item.source.as_str()) {
            summary.skipped.push(Skip {
                at: item.at,
                why: format!("`{}` again (only the first is imported)", plain(&item.id)),
            });
            continue;
        }
        let (task, id) = match by_source.get(item.source.as_str()) {
            Some(&t) => (Some(t), tasks[t].id.clone()),
            None => {
                let id = unique(&fit_id(&item.id, "task"), &mut ids);
                if id != item.id {
                    summary.renamed.push((plain(&item.id), id.clone()));
                }
                (None, id)
            }
        };
        id_of.insert(item.source.as_str(), id.clone());
        targets.push((item, task, id));
    }

    // Components and people the items name.
    let mut entries: Vec<NewEntry> = Vec::new();
    let mut components: HashSet<String> = ids_of(&doc, Kind::Component);
    let mut people: HashSet<String> = ids_of(&doc, Kind::Person);
    let declared = !people.is_empty();
    for (item, task, _) in &targets {
        if task.is_none() {
            let id = fit_id(&item.group.id, "tasks");
            if components.insert(id.clone()) {
                entries.push(named(Kind::Component, &id, &item.group.name));
                summary.components.push(id);
            }
        }
        if let Some(owner) = &item.owner {
            let id = fit_id(&owner.id, "someone");
            if people.insert(id.clone()) {
                entries.push(named(Kind::Person, &id, &owner.name));
                summary.people.push(id);
            }
        }
    }
    if !declared && !summary.people.is_empty() {
        // The first `[[person]]` makes every owner name one.
        for task in &tasks {
            if let Some(owner) = str_field(task.entry, "owner")
                && valid_id(owner)
                && people.insert(owner.to_owned())
            {
                entries.push(named(Kind::Person, owner, owner));
                summary.people.push(owner.to_owned());
            }
        }
    }

    let mut splices: Vec<Splice> = Vec::new();
    for (item, task, id) in &targets {
        let deps: Vec<String> = item
            .depends_on
            .iter()
            .filter_map(|source| {
                let found = id_of.get(source.as_str());
                if found.is_none() {
                    summary.missing_dependencies += 1;
                }
                found.cloned()
            })
            .filter(|dep| dep != id)
            .collect();
        match task {
            Some(t) => {
                let keys = update(tasks[*t].entry, item, &deps, today);
                let (more, changes) =
                    entry_splices(text, tasks[*t].entry, &keys).map_err(|e| not_a_value(id, e))?;
                if changes.is_empty() {
                    summary.unchanged += 1;
                } else {
                    summary.updated += 1;
                }
                splices.extend(more);
            }
            None => {
                entries.push(new_task(item, id, deps, today));
                summary.created += 1;
            }
        }
    }

    // Tasks of this format whose item left the export.
    for task in &tasks {
        let Some(source) = task.source else { continue };
        if !source.starts_with(export.format.prefix()) || seen.contains(source) {
            continue;
        }
        let status = str_field(task.entry, "status").and_then(Status::parse);
        if matches!(status, Some(Status::Done | Status::Dropped)) {
            continue;
        }
        let keys = [("status", Some(NewValue::Str("dropped".into())))];
        let (more, _) =
            entry_splices(text, task.entry, &keys).map_err(|e| not_a_value(&task.id, e))?;
        splices.extend(more);
        summary.dropped += 1;
    }

    // The headcount follows the people added (before them in `splices`: a
    // new `[team]` can go where the first `[[person]]` does).
    if !summary.people.is_empty() {
        let declared = locate::entries(&doc, Kind::Person.key()).len()
            + entries.iter().filter(|e| e.kind == Kind::Person).count();
        if let Some((more, was, now)) = headcount(text, &doc, declared) {
            splices.extend(more);
            summary.headcount = Some((was, now));
        }
    }
    splices.extend(place::insertions(text, &doc, &entries).map_err(SyncError::Unplaceable)?);
    if splices.is_empty() {
        return Ok(Synced {
            text: text.to_owned(),
            summary,
            warnings: Vec::new(),
        });
    }
    let new_text = splice(text, &mut splices);
    match manifest::load(&new_text) {
        Ok(checked) => Ok(Synced {
            text: new_text,
            summary,
            warnings: checked.warnings,
        }),
        Err(diagnostics) => Err(SyncError::Invalid {
            already: manifest::load(text).is_err(),
            text: new_text,
            diagnostics,
        }),
    }
}

/// The splices that raise `[team] people` to `declared` (the `[[person]]`
/// entries after the import), with the value before and after: written in
/// place (its key's style kept), added to `[team]` after its last key, or a
/// new `[team]` table where the section goes. Never lowered; nothing when
/// `people` is not written as a whole number or `[team]` in a form a key
/// cannot be added to (dotted keys, a table of tables): validation then
/// says so, as before.
fn headcount(
    text: &str,
    doc: &Document<&str>,
    declared: usize,
) -> Option<(Vec<Splice>, Option<i64>, i64)> {
    // `people` ranges up to 100000 (docs/manifest.md, "Validation").
    let wanted = i64::try_from(declared).ok()?.min(100_000);
    let number = || NewValue::Number(wanted as f64);
    let team = match doc.get("team") {
        None => {
            if wanted <= 1 {
                return None;
            }
            let pairs = [("people", number().render(Quotes::Basic))];
            return Some((
                vec![place::new_table(text, doc, "team", &pairs)],
                None,
                wanted,
            ));
        }
        Some(toml_edit::Item::Table(t)) if !t.is_dotted() && t.span().is_some() => Entry::Table(t),
        Some(toml_edit::Item::Value(toml_edit::Value::InlineTable(t))) => Entry::Inline(t),
        Some(_) => return None,
    };
    let was = match team.field("people").ok()? {
        Some(field) => Some(field.parsed.as_integer()?),
        None => None,
    };
    if was.unwrap_or(1) >= wanted {
        return None;
    }
    let keys = [("people", Some(number()))];
    let splices = if team.fields().is_empty() {
        let Entry::Table(t) = team else { return None };
        // `[team]` with no key yet: a line under its header.
        let header = t.span()?;
        let end = line_end(text, header.end.saturating_sub(1));
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let line = format!("people = {}", number().render(Quotes::Basic));
        if end < text.len() {
            vec![(end + 1..end + 1, format!("{line}{eol}"))]
        } else {
            vec![(end..end, format!("{eol}{line}"))]
        }
    } else {
        entry_splices(text, team, &keys).ok()?.0
    };
    Some((splices, was, wanted))
}

/// The keys the export owns on a task it made, as they should be.
fn update(
    entry: Entry<'_>,
    item: &Item,
    deps: &[String],
    today: NaiveDate,
) -> Vec<(&'static str, Option<NewValue>)> {
    let has = |key: &str| matches!(entry.field(key), Ok(Some(_)));
    let mut keys = Vec::new();
    let title = plain(&item.title);
    if !title.is_empty() {
        keys.push(("title", Some(NewValue::Str(title))));
    }
    let current = str_field(entry, "status")
        .and_then(Status::parse)
        .unwrap_or(Status::Todo);
    if current != item.status {
        keys.push(("status", Some(NewValue::Str(item.status.as_str().into()))));
    }
    let done = item.status == Status::Done;
    if done {
        match item.done {
            Some(day) => keys.push(("done", Some(NewValue::Date(day)))),
            None if !has("done") => keys.push(("done", Some(NewValue::Date(today)))),
            None => {}
        }
        if let Some(actual) = &item.actual
            && !has("actual")
        {
            keys.push(("actual", Some(effort(actual))));
        }
        keys.push(("blocker", None));
    } else {
        keys.push(("done", None));
        keys.push(("actual", None));
    }
    if let Some(day) = item.started {
        keys.push(("started", Some(NewValue::Date(day))));
    }
    if let Some(owner) = &item.owner {
        keys.push(("owner", Some(NewValue::Str(fit_id(&owner.id, "someone")))));
    }
    if let Some(estimate) = &item.estimate
        && !has("estimate")
    {
        keys.push(("estimate", Some(effort(estimate))));
    }
    let written: Vec<String> = match entry.field("depends_on") {
        Ok(Some(field)) => field
            .parsed
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let missing: Vec<&String> = deps.iter().filter(|d| !written.contains(d)).collect();
    if !missing.is_empty() && matches!(entry.field("depends_on"), Ok(None) | Ok(Some(_))) {
        let mut all = written;
        all.extend(missing.into_iter().cloned());
        keys.push(("depends_on", Some(NewValue::List(all))));
    }
    keys
}

/// A new task for an item.
fn new_task(item: &Item, id: &str, deps: Vec<String>, today: NaiveDate) -> NewEntry {
    let title = plain(&item.title);
    let mut keys = vec![
        ("id", NewValue::Str(id.to_owned())),
        (
            "title",
            NewValue::Str(if title.is_empty() {
                id.to_owned()
            } else {
                title
            }),
        ),
        ("component", NewValue::Str(fit_id(&item.group.id, "tasks"))),
    ];
    if item.status != Status::Todo {
        keys.push(("status", NewValue::Str(item.status.as_str().into())));
    }
    if let Some(priority) = item.priority {
        keys.push(("priority", NewValue::Str(priority.as_str().into())));
    }
    if let Some(estimate) = &item.estimate {
        keys.push(("estimate", effort(estimate)));
    }
    if !deps.is_empty() {
        keys.push(("depends_on", NewValue::List(deps)));
    }
    if let Some(owner) = &item.owner {
        keys.push(("owner", NewValue::Str(fit_id(&owner.id, "someone"))));
    }
    if let Some(day) = item.started {
        keys.push(("started", NewValue::Date(day)));
    }
    if item.status == Status::Done {
        keys.push(("done", NewValue::Date(item.done.unwrap_or(today))));
        if let Some(actual) = &item.actual {
            keys.push(("actual", effort(actual)));
        }
    }
    keys.push(("source", NewValue::Str(plain(&item.source))));
    NewEntry {
        kind: Kind::Task,
        keys,
        notes: item.notes.iter().map(|n| plain(n)).collect(),
    }
}

/// A component or person with its name when the name is not the id.
fn named(kind: Kind, id: &str, name: &str) -> NewEntry {
    let mut keys = vec![("id", NewValue::Str(id.to_owned()))];
    let name = plain(name);
    if !name.is_empty() && name != id {
        keys.push(("name", NewValue::Str(name)));
    }
    NewEntry {
        kind,
        keys,
        notes: Vec::new(),
    }
}

fn effort(effort: &Effort) -> NewValue {
    match effort {
        Effort::Days(days) => NewValue::Number(*days),
        Effort::Text(text) => NewValue::Str(plain(text)),
    }
}

/// An id the manifest can hold: the text when it is one, else a slug of
/// it (`v1.0 Launch` → `v1-0-launch`, `Jane Doe` → `jane-doe`), else
/// `fallback`.
pub fn fit_id(text: &str, fallback: &str) -> String {
    if valid_id(text) {
        return text.to_owned();
    }
    super::words::slug(text).unwrap_or_else(|| fallback.to_owned())
}

/// `id`, or `id-2`, `id-3`… the first not taken; taken from then on.
fn unique(id: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = id.to_owned();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{id}-{n}");
    }
    taken.insert(candidate.clone());
    candidate
}

/// The ids of every entry of a kind.
fn ids_of(doc: &Document<&str>, kind: Kind) -> HashSet<String> {
    locate::entries(doc, kind.key())
        .into_iter()
        .filter_map(|(id, _)| id.map(str::to_owned))
        .collect()
}

/// A key's value when it is a string.
fn str_field<'d>(entry: Entry<'d>, key: &str) -> Option<&'d str> {
    entry
        .field(key)
        .ok()
        .flatten()
        .and_then(|f| f.parsed.as_str())
}

fn not_a_value(task: &str, e: NotAValue) -> SyncError {
    SyncError::NotAValue {
        task: task.to_owned(),
        key: e.key,
    }
}

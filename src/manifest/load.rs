//! From text to the raw model: TOML syntax (every error `toml` recovers from),
//! then section by section and entry by entry through serde, so that one bad
//! entry never hides the problems of the others. Unknown keys are found here,
//! all of them, each with a "did you mean" hint.

use std::collections::HashSet;
use std::ops::Range;

use serde::Deserialize;
use serde_spanned::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diagnostics::Diagnostic;
use super::raw::{
    Keys, RawCalendar, RawComponent, RawGate, RawPerson, RawProject, RawTask, RawTeam, S, SECTIONS,
};
pub use super::suggest::did_you_mean;

/// The manifest as written, with every span kept.
#[derive(Debug, Default)]
pub struct RawManifest<'a> {
    /// The `[project]` table and its span; `None` when the section is absent.
    pub project: Option<S<RawProject>>,
    pub calendar: RawCalendar,
    pub team: RawTeam,
    pub metrics: Vec<(S<String>, S<f64>)>,
    pub people: Vec<S<RawPerson>>,
    pub components: Vec<S<RawComponent>>,
    pub tasks: Vec<S<RawTask<'a>>>,
    pub gates: Vec<S<RawGate<'a>>>,
    /// Ids of entries that could not be read at all: references to them are
    /// not reported again as unknown.
    pub unreadable_component_ids: HashSet<String>,
    pub unreadable_task_ids: HashSet<String>,
    pub unreadable_person_ids: HashSet<String>,
}

/// Parses the text into the raw model, collecting every shape error (a wrong
/// type, an unknown key). `Err` holds the TOML syntax errors, all of them.
pub fn parse(text: &str) -> Result<(RawManifest<'_>, Vec<Diagnostic>), Vec<Diagnostic>> {
    // Tokens and tables counted first: the parse below takes memory by
    // them, many times the text's size.
    if let Err(big) = super::size::check(text) {
        return Err(vec![Diagnostic::error(big.message, Some(big.span))]);
    }
    let mut errors = Vec::new();
    let mut raw = RawManifest::default();
    let (root, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        return Err(syntax.iter().map(toml_error).collect());
    }
    let mut again = Reread::new(text);
    for (key, value) in root.into_inner() {
        let name: &str = key.get_ref();
        match name {
            "project" => {
                let span = value.span();
                if let Some(project) = read_table::<RawProject>(value, &mut again, &mut errors) {
                    raw.project = Some(Spanned::new(span, project));
                }
            }
            "calendar" => {
                raw.calendar = read_table(value, &mut again, &mut errors).unwrap_or_default();
            }
            "team" => raw.team = read_table(value, &mut again, &mut errors).unwrap_or_default(),
            "metrics" => read_metrics(value, text, &mut raw.metrics, &mut errors),
            "person" => read_array(
                value,
                &mut again,
                &mut raw.people,
                &mut raw.unreadable_person_ids,
                &mut errors,
            ),
            "component" => read_array(
                value,
                &mut again,
                &mut raw.components,
                &mut raw.unreadable_component_ids,
                &mut errors,
            ),
            "task" => read_array(
                value,
                &mut again,
                &mut raw.tasks,
                &mut raw.unreadable_task_ids,
                &mut errors,
            ),
            "gate" => read_array(
                value,
                &mut again,
                &mut raw.gates,
                &mut HashSet::new(),
                &mut errors,
            ),
            _ => errors.push(
                Diagnostic::error(format!("unknown section `{name}`"), Some(key.span()))
                    .with_help(did_you_mean(name, SECTIONS.iter().copied())),
            ),
        }
    }
    Ok((raw, errors))
}

/// A toml error, keeping the span `toml` gives; the message's first line only
/// (toml's `Display` repeats the source, which our renderer does itself).
fn toml_error(error: &toml::de::Error) -> Diagnostic {
    let message = error
        .message()
        .lines()
        .next()
        .unwrap_or("invalid TOML")
        .trim();
    Diagnostic::error(message.to_owned(), error.span())
}

/// Reads one table section (`[project]`) into its raw struct.
fn read_table<'i, T>(
    mut value: Spanned<DeValue<'i>>,
    again: &mut Reread<'i>,
    errors: &mut Vec<Diagnostic>,
) -> Option<T>
where
    T: Keys + Deserialize<'i>,
{
    let span = value.span();
    let section = T::HEADER.trim_matches(['[', ']']);
    let DeValue::Table(table) = value.get_mut() else {
        errors.push(Diagnostic::error(
            format!("`{section}` must be a table"),
            Some(span),
        ));
        return None;
    };
    strip_unknown_keys::<T>(table, errors);
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(t) => Some(t),
        Err(_) => again.leniently(section, None, errors),
    }
}

/// Reads an array of tables (`[[task]]`) entry by entry into `out`; the ids
/// of entries that cannot be read go to `unreadable`.
fn read_array<'i, T>(
    value: Spanned<DeValue<'i>>,
    again: &mut Reread<'i>,
    out: &mut Vec<S<T>>,
    unreadable: &mut HashSet<String>,
    errors: &mut Vec<Diagnostic>,
) where
    T: Keys + Deserialize<'i>,
{
    let span = value.span();
    let section = T::HEADER.trim_matches(['[', ']']);
    let DeValue::Array(array) = value.into_inner() else {
        errors.push(Diagnostic::error(
            format!(
                "`{section}` must be an array of tables, written {}",
                T::HEADER
            ),
            Some(span),
        ));
        return;
    };
    out.reserve(array.len());
    for (index, mut entry) in array.into_iter().enumerate() {
        let entry_span = entry.span();
        let DeValue::Table(table) = entry.get_mut() else {
            errors.push(Diagnostic::error(
                format!("each entry must be a table, written {}", T::HEADER),
                Some(entry_span),
            ));
            continue;
        };
        if strip_unknown_keys::<T>(table, errors) {
            continue;
        }
        match T::deserialize(ValueDeserializer::from(entry)) {
            Ok(t) => out.push(Spanned::new(entry_span, t)),
            Err(_) => match again.leniently::<T>(section, Some(index), errors) {
                Some(t) => out.push(Spanned::new(entry_span, t)),
                None => unreadable.extend(again.id(section, index)),
            },
        }
    }
}

/// The slow path for entries serde rejects: the document parsed a second
/// time (once, on the first rejection), so that a fresh copy of the entry can
/// be read again without each offending key. One wrong type then costs that
/// field only, and every other check of the entry still runs. A valid
/// manifest never comes here.
struct Reread<'i> {
    text: &'i str,
    root: Option<DeTable<'i>>,
}

impl<'i> Reread<'i> {
    fn new(text: &'i str) -> Self {
        Reread { text, root: None }
    }

    /// A fresh copy of a section (`index` None) or of one entry of an array.
    fn fresh(&mut self, section: &str, index: Option<usize>) -> Option<Spanned<DeValue<'i>>> {
        let text = self.text;
        let root = self.root.get_or_insert_with(|| {
            DeTable::parse(text)
                .map(Spanned::into_inner)
                .unwrap_or_default()
        });
        let value = root.get(section)?;
        match index {
            None => Some(value.clone()),
            Some(i) => value.get_ref().as_array()?.get(i).cloned(),
        }
    }

    /// The id of an entry, when it is a string.
    fn id(&mut self, section: &str, index: usize) -> Option<String> {
        let entry = self.fresh(section, Some(index))?;
        entry
            .get_ref()
            .get("id")?
            .get_ref()
            .as_str()
            .map(str::to_owned)
    }

    /// Deserializes the entry, dropping each key whose value has the wrong
    /// type (reported) until the rest reads; `None` when no key can be blamed.
    fn leniently<T: Keys + Deserialize<'i>>(
        &mut self,
        section: &str,
        index: Option<usize>,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        let mut value = self.fresh(section, index)?;
        let entry_span = value.span();
        let DeValue::Table(table) = value.get_mut() else {
            return None;
        };
        // Unknown keys were reported on the first pass.
        strip_unknown_keys::<T>(table, &mut Vec::new());
        for _ in 0..=T::KEYS.len() {
            let error = match T::deserialize(ValueDeserializer::from(value.clone())) {
                Ok(t) => return Some(t),
                Err(e) => e,
            };
            let DeValue::Table(table) = value.get_mut() else {
                return None;
            };
            let spans: Vec<(Range<usize>, Range<usize>)> =
                table.iter().map(|(k, v)| (k.span(), v.span())).collect();
            let (diagnostic, key_span) = shape_error(&error, self.text, &spans, entry_span.clone());
            errors.push(diagnostic);
            let key_span = key_span?;
            let key = table
                .keys()
                .find(|k| k.span() == key_span)
                .map(|k| k.get_ref().to_string())?;
            table.remove(key.as_str());
        }
        None
    }
}

fn read_metrics(
    value: Spanned<DeValue<'_>>,
    text: &str,
    metrics: &mut Vec<(S<String>, S<f64>)>,
    errors: &mut Vec<Diagnostic>,
) {
    let span = value.span();
    let DeValue::Table(table) = value.into_inner() else {
        errors.push(Diagnostic::error("`metrics` must be a table", Some(span)));
        return;
    };
    for (key, value) in table {
        let value_span = value.span();
        let number = match value.get_ref() {
            DeValue::Integer(_) | DeValue::Float(_) => deserialize::<f64>(value, text, errors),
            other => {
                errors.push(Diagnostic::error(
                    format!(
                        "metric `{}` must be a number, found a {}",
                        key.get_ref(),
                        other.type_str()
                    ),
                    Some(value_span.clone()),
                ));
                None
            }
        };
        if let Some(number) = number {
            let name = Spanned::new(key.span(), key.get_ref().to_string());
            metrics.push((name, Spanned::new(value_span, number)));
        }
    }
}

fn deserialize<'i, T: Deserialize<'i>>(
    value: Spanned<DeValue<'i>>,
    text: &str,
    errors: &mut Vec<Diagnostic>,
) -> Option<T> {
    let span = value.span();
    let spans: Vec<(Range<usize>, Range<usize>)> = match value.get_ref() {
        DeValue::Table(table) => table.iter().map(|(k, v)| (k.span(), v.span())).collect(),
        _ => Vec::new(),
    };
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(t) => Some(t),
        Err(e) => {
            errors.push(shape_error(&e, text, &spans, span).0);
            None
        }
    }
}

/// A serde error made readable: names the key whose value has the wrong type
/// (`` `weight` must be a number, found string "two" ``).
/// Returns the span of the key to blame, when the error lies within one
/// key's value.
fn shape_error(
    error: &toml::de::Error,
    text: &str,
    spans: &[(Range<usize>, Range<usize>)],
    fallback: Range<usize>,
) -> (Diagnostic, Option<Range<usize>>) {
    let mut diagnostic = toml_error(error);
    let span = diagnostic.span.clone().unwrap_or(fallback);
    let key_span = spans
        .iter()
        .find(|(_, s)| s.start <= span.start && span.end <= s.end)
        .map(|(k, _)| k.clone());
    let key = key_span
        .clone()
        .and_then(|k| text.get(k))
        .map(|k| k.trim_matches(['"', '\'']));
    if let (Some(key), Some(rest)) = (key, diagnostic.message.strip_prefix("invalid type: ")) {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let expected = match expected {
                "f64" => "a number",
                "i64" | "u32" | "u64" => "a whole number",
                "a string" => "a string (in quotes)",
                "a sequence" => "an array ([…])",
                "a TOML datetime" => "a date such as 2026-12-15 (without quotes)",
                other => other,
            };
            diagnostic.message = format!("`{key}` must be {expected}, found {found}");
        }
    } else if let Some(key) = key {
        diagnostic.message = format!("`{key}`: {}", diagnostic.message);
    }
    diagnostic.span = Some(span);
    (diagnostic, key_span)
}

/// Reports and removes every key the section does not know.
/// Returns whether one of them is a planned key (the entry is then left out,
/// so that it raises no second error).
fn strip_unknown_keys<T: Keys>(table: &mut DeTable<'_>, errors: &mut Vec<Diagnostic>) -> bool {
    let planned = strip_keys(table, T::KEYS, T::PLANNED, T::HEADER, errors);
    for &(key, keys, header) in T::NESTED {
        let Some(value) = table.get_mut(key) else {
            continue;
        };
        if let DeValue::Array(entries) = value.get_mut() {
            for entry in entries.iter_mut() {
                if let DeValue::Table(inner) = entry.get_mut() {
                    strip_keys(inner, keys, &[], header, errors);
                }
            }
        }
    }
    planned
}

/// [`strip_unknown_keys`] for one table with the given keys.
fn strip_keys(
    table: &mut DeTable<'_>,
    keys: &[&str],
    planned_keys: &[&str],
    header: &str,
    errors: &mut Vec<Diagnostic>,
) -> bool {
    let unknown: Vec<(String, Range<usize>)> = table
        .keys()
        .filter(|k| !keys.contains(&k.get_ref().as_ref()))
        .map(|k| (k.get_ref().to_string(), k.span()))
        .collect();
    let mut planned = false;
    for (key, span) in unknown {
        if planned_keys.contains(&key.as_str()) {
            planned = true;
            errors.push(
                Diagnostic::error(
                    format!(
                        "`{key}` in {header} is not supported by this version of readiness yet"
                    ),
                    Some(span),
                )
                .with_help(Some(
                    "it is planned for a later version; leave it out for now".into(),
                )),
            );
        } else {
            errors.push(
                Diagnostic::error(format!("unknown key `{key}` in {header}"), Some(span))
                    .with_help(did_you_mean(&key, keys.iter().copied())),
            );
        }
        table.remove(key.as_str());
    }
    planned
}

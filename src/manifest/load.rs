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
    Keys, RawCalendar, RawComponent, RawGate, RawProject, RawTask, RawTeam, S, SECTIONS,
};

/// The manifest as written, with every span kept.
#[derive(Debug, Default)]
pub struct RawManifest<'a> {
    /// The `[project]` table and its span; `None` when the section is absent.
    pub project: Option<S<RawProject>>,
    pub calendar: RawCalendar,
    pub team: RawTeam,
    pub metrics: Vec<(S<String>, S<f64>)>,
    pub components: Vec<S<RawComponent>>,
    pub tasks: Vec<S<RawTask<'a>>>,
    pub gates: Vec<S<RawGate<'a>>>,
    /// Ids of entries that could not be read at all: references to them are
    /// not reported again as unknown.
    pub unreadable_component_ids: HashSet<String>,
    pub unreadable_task_ids: HashSet<String>,
}

/// Reads an unreadable entry's id back from its source text (escapes included).
#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// Parses the text into the raw model, collecting every shape error (a wrong
/// type, an unknown key). `Err` holds the TOML syntax errors, all of them.
pub fn parse(text: &str) -> Result<(RawManifest<'_>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut raw = RawManifest::default();
    let (root, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        return Err(syntax.iter().map(toml_error).collect());
    }
    for (key, value) in root.into_inner() {
        let name: &str = key.get_ref();
        match name {
            "project" => {
                let span = value.span();
                if let Some(project) = read_table::<RawProject>(value, text, &mut errors) {
                    raw.project = Some(Spanned::new(span, project));
                }
            }
            "calendar" => {
                raw.calendar = read_table(value, text, &mut errors).unwrap_or_default();
            }
            "team" => raw.team = read_table(value, text, &mut errors).unwrap_or_default(),
            "metrics" => read_metrics(value, text, &mut raw.metrics, &mut errors),
            "component" => read_array(
                value,
                text,
                &mut raw.components,
                &mut raw.unreadable_component_ids,
                &mut errors,
            ),
            "task" => read_array(
                value,
                text,
                &mut raw.tasks,
                &mut raw.unreadable_task_ids,
                &mut errors,
            ),
            "gate" => read_array(value, text, &mut raw.gates, &mut HashSet::new(), &mut errors),
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
fn read_table<T>(value: Spanned<DeValue<'_>>, text: &str, errors: &mut Vec<Diagnostic>) -> Option<T>
where
    T: Keys + for<'de> Deserialize<'de>,
{
    let mut value = value;
    let span = value.span();
    let DeValue::Table(table) = value.get_mut() else {
        errors.push(Diagnostic::error(
            format!("`{}` must be a table", T::HEADER.trim_matches(['[', ']'])),
            Some(span),
        ));
        return None;
    };
    strip_unknown_keys::<T>(table, errors);
    deserialize(value, text, errors)
}

/// Reads an array of tables (`[[task]]`) entry by entry into `out`; the ids
/// of entries that cannot be read go to `unreadable`.
fn read_array<'i, T>(
    value: Spanned<DeValue<'i>>,
    text: &str,
    out: &mut Vec<S<T>>,
    unreadable: &mut HashSet<String>,
    errors: &mut Vec<Diagnostic>,
) where
    T: Keys + Deserialize<'i>,
{
    let span = value.span();
    let DeValue::Array(array) = value.into_inner() else {
        errors.push(Diagnostic::error(
            format!(
                "`{}` must be an array of tables, written {}",
                T::HEADER.trim_matches(['[', ']']),
                T::HEADER
            ),
            Some(span),
        ));
        return;
    };
    out.reserve(array.len());
    // (key span, value span) of the entry being read, to name the key in a type error.
    let mut spans: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for mut entry in array {
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
        // The id's span, read only when the entry fails (no allocation otherwise).
        let id_span = table
            .get("id")
            .filter(|v| v.get_ref().is_str())
            .map(|v| v.span());
        spans.clear();
        spans.extend(table.iter().map(|(k, v)| (k.span(), v.span())));
        match T::deserialize(ValueDeserializer::from(entry)) {
            Ok(t) => out.push(Spanned::new(entry_span, t)),
            Err(e) => {
                errors.push(shape_error(&e, text, &spans, entry_span));
                let id = id_span
                    .and_then(|s| toml::from_str::<IdOnly>(&format!("id = {}", text.get(s)?)).ok());
                unreadable.extend(id.map(|i| i.id));
            }
        }
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
            errors.push(shape_error(&e, text, &spans, span));
            None
        }
    }
}

/// A serde error made readable: names the key whose value has the wrong type
/// (`` `weight` must be a number, found string "two" ``).
fn shape_error(
    error: &toml::de::Error,
    text: &str,
    spans: &[(Range<usize>, Range<usize>)],
    fallback: Range<usize>,
) -> Diagnostic {
    let mut diagnostic = toml_error(error);
    let span = diagnostic.span.clone().unwrap_or(fallback);
    let key = spans
        .iter()
        .find(|(_, s)| s.start <= span.start && span.end <= s.end)
        .and_then(|(k, _)| text.get(k.clone()))
        .map(|k| k.trim_matches(['"', '\'']));
    if let (Some(key), Some(rest)) = (key, diagnostic.message.strip_prefix("invalid type: ")) {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let expected = match expected {
                "f64" => "a number",
                "i64" | "u32" | "u64" => "a whole number",
                "a string" => "a string (in quotes)",
                "a sequence" => "an array ([…])",
                other => other,
            };
            diagnostic.message = format!("`{key}` must be {expected}, found {found}");
        }
    } else if let Some(key) = key {
        diagnostic.message = format!("`{key}`: {}", diagnostic.message);
    }
    diagnostic.span = Some(span);
    diagnostic
}

/// Reports and removes every key the section does not know.
/// Returns whether one of them is a planned key (the entry is then left out,
/// so that it raises no second error).
fn strip_unknown_keys<T: Keys>(table: &mut DeTable<'_>, errors: &mut Vec<Diagnostic>) -> bool {
    let unknown: Vec<(String, Range<usize>)> = table
        .keys()
        .filter(|k| !T::KEYS.contains(&k.get_ref().as_ref()))
        .map(|k| (k.get_ref().to_string(), k.span()))
        .collect();
    let mut planned = false;
    for (key, span) in unknown {
        if T::PLANNED.contains(&key.as_str()) {
            planned = true;
            errors.push(Diagnostic::error(
                format!("`{key}` in {} is not supported by this version of readiness yet", T::HEADER),
                Some(span),
            ).with_help(Some("evidence gates (junit, coverage, command) are planned; use a `metric` or `status` gate meanwhile".into())));
        } else {
            errors.push(
                Diagnostic::error(format!("unknown key `{key}` in {}", T::HEADER), Some(span))
                    .with_help(did_you_mean(&key, T::KEYS.iter().copied())),
            );
        }
        table.remove(key.as_str());
    }
    planned
}

/// The closest candidate, when one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

//! `readiness schema`: the JSON Schema (draft 2020-12) of the manifest, for
//! completion and validation in editors (Taplo, VS Code's Even Better TOML).
//!
//! Built from the model, not kept by hand: the sections and keys are the
//! strict-key lists of the serde model ([`crate::manifest::raw`]'s
//! `Keys::KEYS` and `SECTIONS`), every description is the reference's text
//! ([`crate::reference`], docs/manifest.md), and the type of each key —
//! its enum, pattern or range, as validation checks it — comes from the
//! table below. A key of the model without a type, or a type for a key the
//! model does not have, fails the tests: the schema cannot drift.
//!
//! TOML dates are strings of format `date` here, as editors present them.
//!
//! Patterns are ECMA-262 regular expressions (JSON Schema's flavour, with
//! the `u` flag's code points, as VS Code and Taplo read them) that mean the
//! same in Python's `re` and Rust's `regex`: no `\w`, `\d` or `\s`, whose
//! meaning differs between them (ASCII in ECMA-262, Unicode in Python), and
//! no `\p{…}`, which Python lacks; the classes `check` uses are spelled
//! out from the same functions ([`id_pattern`], [`white_space`]). What a
//! schema cannot say — references between entries, unique ids, cycles,
//! order of dates and bounds, the size of an estimate in days — is listed
//! in docs/manifest.md, "What the JSON Schema leaves to `check`";
//! `check` decides it.

use serde_json::{Map, Value, json};

use crate::manifest::raw::{
    Keys, RawAway, RawCalendar, RawComponent, RawGate, RawPerson, RawProject, RawTask, RawTeam,
    SECTIONS,
};
use crate::reference;

/// How a section is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `[project]`
    Table,
    /// `[[task]]`
    Array,
    /// `[metrics]`: any name, a number each.
    Numbers,
}

/// The model's sections: name, shape, keys (in the model's order).
pub fn model() -> Vec<(&'static str, Shape, &'static [&'static str])> {
    vec![
        ("project", Shape::Table, RawProject::KEYS),
        ("calendar", Shape::Table, RawCalendar::KEYS),
        ("team", Shape::Table, RawTeam::KEYS),
        ("metrics", Shape::Numbers, &[]),
        ("person", Shape::Array, RawPerson::KEYS),
        ("component", Shape::Array, RawComponent::KEYS),
        ("task", Shape::Array, RawTask::KEYS),
        ("gate", Shape::Array, RawGate::KEYS),
    ]
}

/// The top-level sections the loader accepts (for the agreement test).
pub fn model_sections() -> &'static [&'static str] {
    SECTIONS
}

/// Keys that must be present, per section (validation's "required").
const REQUIRED: &[(&str, &[&str])] = &[
    ("project", &["name"]),
    ("person", &["id"]),
    ("component", &["id"]),
    ("task", &["id", "title", "component"]),
    ("gate", &["id"]),
];

/// A gate's criteria: exactly one of them (docs/manifest.md, "Gate criteria").
pub const CRITERIA: &[&str] = &[
    "tasks",
    "priority",
    "components",
    "metric",
    "status",
    "junit",
    "coverage",
    "command",
];

/// The schema of each key, as validation checks it.
pub fn types() -> Vec<(&'static str, &'static str, Value)> {
    let string = json!({"type": "string"});
    let nonblank = json!({"type": "string", "pattern": format!("[^{}]", white_space())});
    let date = json!({"$ref": "#/$defs/date"});
    let id = json!({"$ref": "#/$defs/id"});
    let ids = json!({"type": "array", "items": {"$ref": "#/$defs/id"}});
    let percent = json!({"type": "number", "minimum": 0, "maximum": 100});
    let positive = |max: f64| json!({"type": "number", "exclusiveMinimum": 0, "maximum": max});
    vec![
        ("project", "name", string.clone()),
        ("project", "version", string.clone()),
        ("project", "target", date.clone()),
        ("project", "claimed", percent.clone()),
        (
            "calendar",
            "workdays",
            json!({"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/weekday"}}),
        ),
        (
            "calendar",
            "holidays",
            json!({"type": "array", "items": date}),
        ),
        ("calendar", "hours_per_day", positive(24.0)),
        (
            "team",
            "people",
            json!({"type": "integer", "minimum": 1, "maximum": 100_000}),
        ),
        ("team", "focus", positive(1.0)),
        ("person", "id", id.clone()),
        ("person", "name", string.clone()),
        ("person", "focus", positive(1.0)),
        ("person", "away", json!({"type": "array", "items": away()})),
        ("component", "id", id.clone()),
        ("component", "name", string.clone()),
        ("component", "weight", positive(1_000_000.0)),
        ("component", "owner", string.clone()),
        ("component", "progress", percent.clone()),
        ("task", "id", id.clone()),
        ("task", "title", string.clone()),
        ("task", "component", id.clone()),
        (
            "task",
            "status",
            keyword(&["todo", "doing", "done", "blocked", "dropped"]),
        ),
        ("task", "priority", json!({"$ref": "#/$defs/priority"})),
        ("task", "estimate", json!({"$ref": "#/$defs/estimate"})),
        ("task", "progress", percent.clone()),
        ("task", "depends_on", ids.clone()),
        ("task", "blocker", string.clone()),
        ("task", "owner", string.clone()),
        ("task", "started", date.clone()),
        ("task", "done", date.clone()),
        ("task", "actual", json!({"$ref": "#/$defs/actual"})),
        (
            "task",
            "calibrate",
            json!({"type": "boolean", "description": "Done tasks only: false leaves this one out of the record (six weeks of leave, a rewrite)."}),
        ),
        ("task", "source", nonblank.clone()),
        ("gate", "id", id),
        ("gate", "name", string.clone()),
        ("gate", "severity", keyword(&["hard", "soft"])),
        (
            "gate",
            "tasks",
            json!({"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/id"}}),
        ),
        ("gate", "priority", json!({"$ref": "#/$defs/priority"})),
        (
            "gate",
            "components",
            json!({"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/id"}}),
        ),
        ("gate", "metric", string),
        ("gate", "min", json!({"type": "number"})),
        ("gate", "max", json!({"type": "number"})),
        ("gate", "status", keyword(&["pass", "fail", "pending"])),
        ("gate", "expires", date),
        ("gate", "junit", nonblank.clone()),
        (
            "gate",
            "min_tests",
            json!({"type": "integer", "minimum": 0, "maximum": 1_000_000_000}),
        ),
        ("gate", "min_pass_rate", percent),
        ("gate", "coverage", nonblank.clone()),
        ("gate", "command", nonblank),
        ("gate", "timeout", positive(86_400.0)),
    ]
}

/// An `away` range of a `[[person]]`: its keys are the model's
/// (`RawAway::KEYS`), both required, each a date.
fn away() -> Value {
    let properties: Map<String, Value> = RawAway::KEYS
        .iter()
        .map(|&k| (k.to_owned(), json!({"$ref": "#/$defs/date"})))
        .collect();
    json!({
        "type": "object",
        "description": "Days off, both ends included: { from = 2026-12-21, to = 2027-01-01 }.",
        "properties": properties,
        "required": RawAway::KEYS,
        "additionalProperties": false,
    })
}

/// A keyword accepted in any case, as validation reads it: the lower-case
/// names for completion, a case-blind pattern for validation.
fn keyword(names: &[&str]) -> Value {
    let pattern = names
        .iter()
        .map(|n| {
            n.chars()
                .map(|c| {
                    if c.is_ascii_alphabetic() {
                        format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
                    } else {
                        c.to_string()
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("|");
    json!({
        "anyOf": [
            {"enum": names},
            {"type": "string", "pattern": format!("^(?:{pattern})$")}
        ]
    })
}

/// The estimate grammar (docs/manifest.md, "Estimates") as a pattern:
/// `<n><unit>`, or with `range` also `<a>-<b><unit>`; units h, d, w or the
/// words, any case; white space (as `str::trim` takes it off) around the
/// whole, before the unit and around `-`. It cannot check a ≤ b nor the
/// 10,000-day bound; `readiness check` does.
pub fn estimate_pattern(range: bool) -> String {
    const NUMBER: &str = r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)";
    const UNIT: &str =
        r"(?:[hH](?:[oO][uU][rR][sS]?)?|[dD](?:[aA][yY][sS]?)?|[wW](?:[eE][eE][kK][sS]?)?)";
    let space = format!("[{}]*", white_space());
    let high = if range {
        format!(r"(?:{space}-{space}{NUMBER})?")
    } else {
        String::new()
    };
    format!(r"^{space}{NUMBER}{high}{space}{UNIT}{space}$")
}

/// The characters an id may hold, as `check` decides it
/// (`char::is_alphanumeric`, `-`, `_`, `.`: Unicode letters and numbers,
/// not only ASCII), as an anchored pattern.
pub fn id_pattern() -> String {
    format!("^[{}._-]+$", class(char::is_alphanumeric))
}

/// What `char::is_whitespace` (and so `str::trim`) takes for white space,
/// as a character class body: ECMA-262's `\s` differs (it adds U+FEFF and
/// lacks U+0085), and so does Python's.
pub fn white_space() -> String {
    class(char::is_whitespace)
}

/// The body of a character class holding exactly the characters `keep`
/// accepts, as ranges: an end that is not a visible character (controls,
/// spaces, format characters) is written `\uXXXX` (all such are in the
/// BMP), every other literally, which needs no escape in ECMA-262 with `u`,
/// Python or Rust as long as it is not ASCII punctuation (letters, digits
/// and spaces never are).
fn class(keep: fn(char) -> bool) -> String {
    let mut ranges: Vec<(char, char)> = Vec::new();
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        if !keep(c) {
            continue;
        }
        match ranges.last_mut() {
            Some((_, end)) if u32::from(*end) + 1 == u32::from(c) => *end = c,
            _ => ranges.push((c, c)),
        }
    }
    let written = |c: char| {
        if c.is_control() || c.is_whitespace() || crate::sink::is_unsafe(c) {
            format!("\\u{:04X}", u32::from(c))
        } else {
            c.to_string()
        }
    };
    let mut out = String::new();
    for (start, end) in ranges {
        out.push_str(&written(start));
        if end != start {
            if u32::from(end) > u32::from(start) + 1 {
                out.push('-');
            }
            out.push_str(&written(end));
        }
    }
    out
}

fn defs() -> Value {
    let mut weekdays: Vec<&str> = vec!["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    weekdays.extend([
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]);
    json!({
        "id": {
            "type": "string",
            "pattern": id_pattern(),
            "description": "Letters and digits of any script, '-', '_' and '.'."
        },
        "date": {
            "type": "string",
            "format": "date",
            "description": "A bare TOML date, without quotes: 2026-12-15."
        },
        "weekday": keyword(&weekdays),
        "priority": keyword(&["P0", "P1", "P2", "P3"]),
        "actual": {
            "description": "The effort a done task took: a number of days, or one figure with a unit (\"3d\", \"6h\"), not a range.",
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 10_000},
                {"type": "string", "pattern": estimate_pattern(false)}
            ]
        },
        "estimate": {
            "description": "A number of days, or a string: \"1.5d\", \"4h\", \"2-3 days\", \"1 week\". Units h, d, w or hour(s), day(s), week(s); h is 1/hours_per_day of a day, w is 5 days; a range counts as its midpoint.",
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 10_000},
                {"type": "string", "pattern": estimate_pattern(true)}
            ]
        }
    })
}

/// The schema of one section's entries (a table).
fn table(name: &str, keys: &[&str], types: &[(&str, &str, Value)]) -> Value {
    let doc = reference::section(name);
    let mut properties = Map::new();
    for &key in keys {
        let mut schema = types
            .iter()
            .find(|(s, k, _)| *s == name && *k == key)
            .map(|(_, _, v)| v.clone())
            .unwrap_or_else(|| json!({}));
        if let (Some(object), Some(row)) = (schema.as_object_mut(), doc.and_then(|d| d.key(key))) {
            object.insert("description".into(), Value::String(row.description()));
        }
        properties.insert(key.to_owned(), schema);
    }
    let required: Vec<&str> = REQUIRED
        .iter()
        .find(|(s, _)| *s == name)
        .map_or(&[][..], |(_, r)| *r)
        .to_vec();
    let mut out = json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    if name == "gate" {
        out["oneOf"] = Value::Array(CRITERIA.iter().map(|c| json!({"required": [c]})).collect());
    }
    if let Some((required, schemas)) = dependencies(name) {
        out["dependentRequired"] = required;
        out["dependentSchemas"] = schemas;
    }
    out
}

/// The keys that belong with another (docs/manifest.md, "Gate criteria"
/// and "Validation"), as `dependentRequired` and `dependentSchemas`: on a
/// gate `expires` only with `status`, `max` only with `metric`, `min` with
/// `metric` or `coverage`, `min_tests` and `min_pass_rate` with `junit`,
/// `timeout` with `command`; a metric gate needs `min` or `max`, a coverage
/// gate `min` as a percentage. A task's `actual` only on a done task.
fn dependencies(section: &str) -> Option<(Value, Value)> {
    let either = |a: &str, b: &str| json!({"anyOf": [{"required": [a]}, {"required": [b]}]});
    match section {
        "gate" => Some((
            json!({
                "expires": ["status"],
                "max": ["metric"],
                "min_tests": ["junit"],
                "min_pass_rate": ["junit"],
                "timeout": ["command"],
                "coverage": ["min"],
            }),
            json!({
                "min": either("metric", "coverage"),
                "metric": either("min", "max"),
                "coverage": {"properties": {"min": {"minimum": 0, "maximum": 100}}},
            }),
        )),
        "task" => Some((
            json!({"actual": ["status"]}),
            json!({"actual": {"properties": {"status": keyword(&["done"])}}}),
        )),
        _ => None,
    }
}

/// The whole schema.
pub fn schema() -> Value {
    let types = types();
    let mut properties = Map::new();
    for (name, shape, keys) in model() {
        let description = reference::section(name).map_or(String::new(), |s| s.intro.clone());
        let mut section = match shape {
            Shape::Table => table(name, keys, &types),
            Shape::Array => json!({
                "type": "array",
                "items": table(name, keys, &types),
            }),
            Shape::Numbers => json!({
                "type": "object",
                "additionalProperties": {"type": "number"},
            }),
        };
        section["description"] = Value::String(description);
        properties.insert(name.to_owned(), section);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "readiness.toml",
        "description": "The release readiness manifest of `readiness`: the components of a system, the tasks left in each and the gates that must pass before it ships. Reference: docs/manifest.md, or `readiness man --manifest`.",
        "type": "object",
        "properties": properties,
        "required": ["project"],
        "additionalProperties": false,
        "$defs": defs(),
    })
}

/// The schema as pretty JSON, with a final newline.
pub fn render() -> String {
    let mut out = serde_json::to_string_pretty(&schema()).expect("a JSON value serializes");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of the model has a type and a description, and every type
    /// names a key of the model: the schema and the model agree.
    #[test]
    fn the_schema_and_the_model_agree() {
        let types = types();
        let model = model();
        for (name, _, keys) in &model {
            for key in *keys {
                assert!(
                    types.iter().any(|(s, k, _)| s == name && k == key),
                    "[{name}] `{key}` is in the model but has no type in the schema"
                );
                assert!(
                    reference::section(name).and_then(|s| s.key(key)).is_some(),
                    "[{name}] `{key}` is in the model but not in docs/manifest.md"
                );
            }
        }
        for (section, key, _) in &types {
            assert!(
                model
                    .iter()
                    .any(|(name, _, keys)| name == section && keys.contains(key)),
                "the schema types [{section}] `{key}`, which the model does not have"
            );
        }
        let sections: Vec<&str> = model.iter().map(|(name, _, _)| *name).collect();
        let mut expected = model_sections().to_vec();
        expected.sort_unstable();
        let mut got = sections.clone();
        got.sort_unstable();
        assert_eq!(got, expected, "the schema's sections are the loader's");
        for criterion in CRITERIA {
            assert!(RawGate::KEYS.contains(criterion), "{criterion}");
        }
    }

    #[test]
    fn every_property_has_a_description() {
        let schema = schema();
        for (name, section) in schema["properties"].as_object().unwrap() {
            assert!(
                section["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "[{name}] has no description"
            );
            let table = if section["type"] == "array" {
                &section["items"]
            } else {
                section
            };
            if let Some(properties) = table["properties"].as_object() {
                for (key, value) in properties {
                    assert!(
                        value["description"].as_str().is_some_and(|d| !d.is_empty()),
                        "[{name}] `{key}` has no description"
                    );
                }
            }
        }
    }
}

//! The serde model of the manifest as written: every field optional and
//! spanned, so that validation can point at the offending value and report
//! every problem at once. Strict keys: each struct denies unknown fields, and
//! its `KEYS` list drives the "did you mean" check that runs before it.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_spanned::Spanned;
use toml::value::Datetime;

pub type S<T> = Spanned<T>;

/// A section or entry type with a fixed set of keys.
pub trait Keys {
    /// How the section is written in TOML, for messages (`[[task]]`).
    const HEADER: &'static str;
    const KEYS: &'static [&'static str];
    /// Keys of a later version (SPEC *(later)*), named as such when met.
    const PLANNED: &'static [&'static str] = &[];
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProject {
    pub name: Option<S<String>>,
    pub version: Option<S<String>>,
    pub target: Option<S<Datetime>>,
    pub claimed: Option<S<f64>>,
}

impl Keys for RawProject {
    const HEADER: &'static str = "[project]";
    const KEYS: &'static [&'static str] = &["name", "version", "target", "claimed"];
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCalendar {
    pub workdays: Option<S<Vec<S<String>>>>,
    pub holidays: Option<Vec<S<Datetime>>>,
    pub hours_per_day: Option<S<f64>>,
}

impl Keys for RawCalendar {
    const HEADER: &'static str = "[calendar]";
    const KEYS: &'static [&'static str] = &["workdays", "holidays", "hours_per_day"];
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTeam {
    pub people: Option<S<i64>>,
    pub focus: Option<S<f64>>,
}

impl Keys for RawTeam {
    const HEADER: &'static str = "[team]";
    const KEYS: &'static [&'static str] = &["people", "focus"];
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawComponent {
    pub id: Option<S<String>>,
    pub name: Option<S<String>>,
    pub weight: Option<S<f64>>,
    pub owner: Option<S<String>>,
    pub progress: Option<S<f64>>,
}

impl Keys for RawComponent {
    const HEADER: &'static str = "[[component]]";
    const KEYS: &'static [&'static str] = &["id", "name", "weight", "owner", "progress"];
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    pub id: Option<S<String>>,
    pub title: Option<S<String>>,
    pub component: Option<S<String>>,
    pub status: Option<S<String>>,
    pub priority: Option<S<String>>,
    pub estimate: Option<S<RawEstimate>>,
    pub progress: Option<S<f64>>,
    pub depends_on: Option<Vec<S<String>>>,
    pub blocker: Option<S<String>>,
    pub owner: Option<S<String>>,
    pub started: Option<S<Datetime>>,
    pub done: Option<S<Datetime>>,
}

impl Keys for RawTask {
    const HEADER: &'static str = "[[task]]";
    const KEYS: &'static [&'static str] = &[
        "id",
        "title",
        "component",
        "status",
        "priority",
        "estimate",
        "progress",
        "depends_on",
        "blocker",
        "owner",
        "started",
        "done",
    ];
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGate {
    pub id: Option<S<String>>,
    pub name: Option<S<String>>,
    pub severity: Option<S<String>>,
    pub tasks: Option<S<Vec<S<String>>>>,
    pub priority: Option<S<String>>,
    pub components: Option<S<Vec<S<String>>>>,
    pub metric: Option<S<String>>,
    pub min: Option<S<f64>>,
    pub max: Option<S<f64>>,
    pub status: Option<S<String>>,
    pub expires: Option<S<Datetime>>,
}

impl Keys for RawGate {
    const HEADER: &'static str = "[[gate]]";
    const PLANNED: &'static [&'static str] = &[
        "junit",
        "coverage",
        "command",
        "min_tests",
        "min_pass_rate",
        "timeout",
    ];
    const KEYS: &'static [&'static str] = &[
        "id",
        "name",
        "severity",
        "tasks",
        "priority",
        "components",
        "metric",
        "min",
        "max",
        "status",
        "expires",
    ];
}

/// Top-level sections, for the unknown-section check.
pub const SECTIONS: &[&str] = &[
    "project",
    "calendar",
    "team",
    "metrics",
    "component",
    "task",
    "gate",
];

/// An estimate as written: a number of days or a string for the grammar.
#[derive(Debug, Clone, PartialEq)]
pub enum RawEstimate {
    Days(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for RawEstimate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EstimateVisitor;
        impl Visitor<'_> for EstimateVisitor {
            type Value = RawEstimate;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number of days or a string such as \"2-3d\" or \"4h\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawEstimate, E> {
                Ok(RawEstimate::Days(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawEstimate, E> {
                Ok(RawEstimate::Days(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawEstimate, E> {
                Ok(RawEstimate::Days(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawEstimate, E> {
                Ok(RawEstimate::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(EstimateVisitor)
    }
}

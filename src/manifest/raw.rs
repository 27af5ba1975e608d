//! The serde model of the manifest as written: every field optional and
//! spanned, so that validation can point at the offending value and report
//! every problem at once. Strict keys: each struct denies unknown fields, and
//! its `KEYS` list drives the "did you mean" check that runs before it.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_spanned::Spanned;
use toml::value::Datetime;

pub type S<T> = Spanned<T>;

/// A string read only to be looked up or parsed (a reference, a keyword):
/// borrowed from the manifest text when it has no escapes, so that reading
/// it allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Cow<'de, str>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v))
            }
        }
        deserializer.deserialize_str(TextVisitor).map(Text)
    }
}

/// A section or entry type with a fixed set of keys.
pub trait Keys {
    /// How the section is written in TOML, for messages (`[[task]]`).
    const HEADER: &'static str;
    const KEYS: &'static [&'static str];
    /// Keys of a later version (a later version), named as such when met.
    const PLANNED: &'static [&'static str] = &[];
    /// Keys whose value is an array of inline tables with keys of their own:
    /// (key, its tables' keys, how such a table is named in messages).
    const NESTED: &'static [(&'static str, &'static [&'static str], &'static str)] = &[];
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
pub struct RawTask<'a> {
    pub id: Option<S<String>>,
    pub title: Option<S<String>>,
    #[serde(borrow)]
    pub component: Option<S<Text<'a>>>,
    #[serde(borrow)]
    pub status: Option<S<Text<'a>>>,
    #[serde(borrow)]
    pub priority: Option<S<Text<'a>>>,
    #[serde(borrow)]
    pub estimate: Option<S<RawEstimate<'a>>>,
    pub progress: Option<S<f64>>,
    #[serde(borrow)]
    pub depends_on: Option<Vec<S<Text<'a>>>>,
    pub blocker: Option<S<String>>,
    pub owner: Option<S<String>>,
    pub started: Option<S<Datetime>>,
    pub done: Option<S<Datetime>>,
    #[serde(borrow)]
    pub actual: Option<S<RawEstimate<'a>>>,
    pub calibrate: Option<S<bool>>,
    pub source: Option<S<String>>,
}

impl Keys for RawTask<'_> {
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
        "actual",
        "calibrate",
        "source",
    ];
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGate<'a> {
    pub id: Option<S<String>>,
    pub name: Option<S<String>>,
    #[serde(borrow)]
    pub severity: Option<S<Text<'a>>>,
    #[serde(borrow)]
    pub tasks: Option<S<Vec<S<Text<'a>>>>>,
    #[serde(borrow)]
    pub priority: Option<S<Text<'a>>>,
    #[serde(borrow)]
    pub components: Option<S<Vec<S<Text<'a>>>>>,
    pub metric: Option<S<String>>,
    pub min: Option<S<f64>>,
    pub max: Option<S<f64>>,
    #[serde(borrow)]
    pub status: Option<S<Text<'a>>>,
    pub expires: Option<S<Datetime>>,
    pub junit: Option<S<String>>,
    pub min_tests: Option<S<i64>>,
    pub min_pass_rate: Option<S<f64>>,
    pub coverage: Option<S<String>>,
    pub command: Option<S<String>>,
    pub timeout: Option<S<f64>>,
}

impl Keys for RawGate<'_> {
    const HEADER: &'static str = "[[gate]]";
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
        "junit",
        "min_tests",
        "min_pass_rate",
        "coverage",
        "command",
        "timeout",
    ];
}

/// A `[[person]]`: someone who does the work (docs/manifest.md, `[[person]]`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    pub id: Option<S<String>>,
    pub name: Option<S<String>>,
    pub focus: Option<S<f64>>,
    pub away: Option<S<Vec<S<RawAway>>>>,
}

impl Keys for RawPerson {
    const HEADER: &'static str = "[[person]]";
    const KEYS: &'static [&'static str] = &["id", "name", "focus", "away"];
    const NESTED: &'static [(&'static str, &'static [&'static str], &'static str)] =
        &[("away", RawAway::KEYS, RawAway::HEADER)];
}

/// One range of days off, inclusive: `{ from = 2026-12-21, to = 2027-01-01 }`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAway {
    pub from: Option<S<Datetime>>,
    pub to: Option<S<Datetime>>,
}

impl Keys for RawAway {
    const HEADER: &'static str = "`away` range";
    const KEYS: &'static [&'static str] = &["from", "to"];
}

/// Top-level sections, for the unknown-section check.
pub const SECTIONS: &[&str] = &[
    "project",
    "calendar",
    "team",
    "metrics",
    "person",
    "component",
    "task",
    "gate",
];

/// An estimate as written: a number of days or a string for the grammar.
#[derive(Debug, Clone, PartialEq)]
pub enum RawEstimate<'a> {
    Days(f64),
    Text(Cow<'a, str>),
}

impl<'de: 'a, 'a> Deserialize<'de> for RawEstimate<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EstimateVisitor;
        impl<'de> Visitor<'de> for EstimateVisitor {
            type Value = RawEstimate<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number of days or a string such as \"2-3d\" or \"4h\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(RawEstimate::Days(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(RawEstimate::Days(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(RawEstimate::Days(v))
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(RawEstimate::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawEstimate::Text(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_any(EstimateVisitor)
    }
}

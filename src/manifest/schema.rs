//! The validated manifest: plain types every other module reads. References
//! between entries are indices (checked), not ids, and every value is in range.

use std::collections::BTreeSet;
use std::ops::Range;

use chrono::{NaiveDate, Weekday};

/// A manifest that passed every check of docs/manifest.md ("Validation").
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub project: Project,
    pub calendar: Calendar,
    pub team: Team,
    /// `[metrics]`, in name order.
    pub metrics: Vec<(String, f64)>,
    /// `[[person]]` entries, in file order (docs/manifest.md, `[[person]]`).
    pub people: Vec<Person>,
    pub components: Vec<Component>,
    pub tasks: Vec<Task>,
    pub gates: Vec<Gate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub name: String,
    pub version: Option<String>,
    pub target: Option<NaiveDate>,
    pub claimed: Option<f64>,
    /// Where `claimed` is written, for the claimed-vs-computed warning.
    pub claimed_span: Option<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// Working weekdays, indexed by `Weekday::num_days_from_monday`.
    pub workdays: [bool; 7],
    pub holidays: BTreeSet<NaiveDate>,
    pub hours_per_day: f64,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            workdays: [true, true, true, true, true, false, false],
            holidays: BTreeSet::new(),
            hours_per_day: 8.0,
        }
    }
}

impl Calendar {
    pub fn is_workday(&self, weekday: Weekday) -> bool {
        self.workdays[weekday.num_days_from_monday() as usize]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    pub people: u32,
    pub focus: f64,
}

impl Default for Team {
    fn default() -> Self {
        Team {
            people: 1,
            focus: 1.0,
        }
    }
}

/// A declared person: who does the work, at what focus, and when away.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// Days of estimate delivered per working day; `None`: `team.focus`.
    pub focus: Option<f64>,
    /// Days off, each range inclusive, in file order.
    pub away: Vec<Away>,
    pub span: Range<usize>,
}

/// Days off, `from` to `to` inclusive (`from <= to` once validated).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Away {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Away {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub weight: f64,
    pub owner: Option<String>,
    pub progress: Option<f64>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Todo,
    Doing,
    Done,
    Blocked,
    Dropped,
}

impl Status {
    pub const NAMES: [&'static str; 5] = ["todo", "doing", "done", "blocked", "dropped"];
    pub const ALL: [Status; 5] = [
        Status::Todo,
        Status::Doing,
        Status::Done,
        Status::Blocked,
        Status::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Accepts `doing` and `Doing`.
    pub fn parse(text: &str) -> Option<Status> {
        Self::NAMES
            .iter()
            .position(|&n| n.eq_ignore_ascii_case(text))
            .map(|i| Self::ALL[i])
    }
}

/// P0 is the most urgent; the derived order sorts the most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    P0,
    P1,
    P2,
    P3,
}

impl Priority {
    pub const NAMES: [&'static str; 4] = ["P0", "P1", "P2", "P3"];
    pub const ALL: [Priority; 4] = [Priority::P0, Priority::P1, Priority::P2, Priority::P3];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Accepts `P1` and `p1`.
    pub fn parse(text: &str) -> Option<Priority> {
        Self::NAMES
            .iter()
            .position(|&n| n.eq_ignore_ascii_case(text))
            .map(|i| Self::ALL[i])
    }
}

/// An estimate in days: a point when `low == high`, else a range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub low: f64,
    pub high: f64,
}

impl Estimate {
    pub fn point(days: f64) -> Self {
        Estimate {
            low: days,
            high: days,
        }
    }

    pub fn is_range(&self) -> bool {
        self.low != self.high
    }

    /// The days a task counts for: a point's days, a range's midpoint.
    pub fn days(&self) -> f64 {
        (self.low + self.high) / 2.0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: String,
    pub title: String,
    /// Index into `Manifest::components`.
    pub component: usize,
    pub status: Status,
    pub priority: Priority,
    pub estimate: Option<Estimate>,
    /// The estimate string as written, for display (`"2-3h"`); `None` when
    /// the estimate is a number of days.
    pub estimate_text: Option<String>,
    pub progress: Option<f64>,
    /// Indices into `Manifest::tasks`.
    pub depends_on: Vec<usize>,
    pub blocker: Option<String>,
    /// The one person who will do it: a `[[person]]` id when any is
    /// declared, else any name (each distinct owner is then a person).
    pub owner: Option<String>,
    /// The day work began.
    pub started: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    /// Done tasks only: the effort it really took, in days (a point
    /// estimate's syntax, `"3d"`, `"6h"`, `2.5`).
    pub actual: Option<f64>,
    /// Done tasks only: `calibrate = false` leaves the task out of the
    /// record (docs/forecast.md, *Calibration*); true by default.
    pub calibrate: bool,
    /// Set by `readiness import`: the item of the source this task came
    /// from (`gh-123`, `PROJ-7`), which a re-import updates (docs/import.md).
    pub source: Option<String>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Hard,
    Soft,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hard => "hard",
            Severity::Soft => "soft",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManualStatus {
    Pass,
    Fail,
    Pending,
}

/// What a gate checks: exactly one criterion (docs/manifest.md, "Gate
/// criteria").
#[derive(Debug, Clone, PartialEq)]
pub enum Criterion {
    /// Indices into `Manifest::tasks`.
    Tasks(Vec<usize>),
    Priority(Priority),
    /// Indices into `Manifest::components`.
    Components(Vec<usize>),
    Metric {
        name: String,
        min: Option<f64>,
        max: Option<f64>,
    },
    Manual {
        status: ManualStatus,
        expires: Option<NaiveDate>,
    },
    /// JUnit XML files: a path or glob, relative to the manifest's folder.
    Junit {
        pattern: String,
        min_tests: u64,
        /// Percent of the tests that ran (not skipped) that must pass.
        min_pass_rate: f64,
    },
    /// An LCOV or Cobertura report, relative to the manifest's folder.
    Coverage {
        path: String,
        /// Percent of lines covered.
        min: f64,
    },
    /// A shell command, run only with `--allow-commands`.
    Command {
        command: String,
        timeout: std::time::Duration,
    },
}

impl Criterion {
    /// Whether the gate reads evidence (files or a command) rather than the
    /// manifest alone.
    pub fn is_evidence(&self) -> bool {
        matches!(
            self,
            Criterion::Junit { .. } | Criterion::Coverage { .. } | Criterion::Command { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    pub id: String,
    pub name: String,
    pub severity: Severity,
    pub criterion: Criterion,
    pub span: Range<usize>,
}

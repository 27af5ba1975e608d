//! The forecast's history (docs/trend.md), pure: for each working day of a
//! window, the figures of the manifest as it stood at the end of that day,
//! forecast with that day as today — exactly what `report --today DAY`
//! gives on that version — or why that day has none. No git, file or clock
//! here: [`crate::history::trend`] reads the versions and hands their texts
//! in.

pub mod days;

use chrono::NaiveDate;

use crate::forecast::TargetStatus;
use crate::forecast::calendar::working_days_between;
use crate::manifest::{Calendar, Status};
use crate::model::{Options, Snapshot};

pub use days::window;

/// The figures of one day's version, as `report --format json --today DAY`
/// prints them (docs/trend.md, "JSON"): the same values, from the same
/// snapshot fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Completion, percent, unrounded (`completion`).
    pub completion: f64,
    /// The team's claimed percent (`project.claimed`).
    pub claimed: Option<f64>,
    /// Open tasks: neither done nor dropped (`forecast.remaining_tasks`).
    pub open_tasks: usize,
    /// Tasks in scope: not dropped.
    pub scope_tasks: usize,
    /// Estimated days of work left (`forecast.remaining_days`).
    pub remaining_days: f64,
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    /// The target then (`project.target`).
    pub target: Option<NaiveDate>,
    /// `forecast.target_status` then.
    pub target_status: Option<TargetStatus>,
    /// The share of trials on or before the target (`forecast.chance`,
    /// 0–1).
    pub chance: Option<f64>,
}

impl Figures {
    /// The figures of a snapshot.
    pub fn of(s: &Snapshot) -> Figures {
        let f = &s.forecast;
        Figures {
            completion: s.completion,
            claimed: s.manifest.project.claimed,
            open_tasks: f.remaining_tasks,
            scope_tasks: s
                .manifest
                .tasks
                .iter()
                .filter(|t| t.status != Status::Dropped)
                .count(),
            remaining_days: f.remaining_days,
            p50: f.p50,
            p85: f.p85,
            target: s.manifest.project.target,
            target_status: f.target_status,
            chance: f.chance,
        }
    }
}

/// Why a day has no figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// No commit of the file on or before the day: it did not exist yet.
    NotYet,
    /// The history before this day is not in the repository (a shallow
    /// clone's boundary is later).
    Shallow,
    /// The file was deleted by the day's last commit.
    Deleted,
    /// The version could not be read or forecast: too large, not UTF-8, or
    /// invalid (the first error, with its line).
    Invalid(String),
    /// The history could not be read at all (no git repository, a broken
    /// one, a read that timed out).
    NoHistory(String),
}

impl Gap {
    /// The JSON status word (docs/trend.md).
    pub fn as_str(&self) -> &'static str {
        match self {
            Gap::NotYet => "not_yet",
            Gap::Shallow => "shallow",
            Gap::Deleted => "deleted",
            Gap::Invalid(_) => "invalid",
            Gap::NoHistory(_) => "no_history",
        }
    }

    /// A phrase for people: `before the file existed`, `invalid: …`.
    pub fn phrase(&self) -> String {
        match self {
            Gap::NotYet => "before the file existed".into(),
            Gap::Shallow => "before the shallow clone's history".into(),
            Gap::Deleted => "the file was deleted".into(),
            Gap::Invalid(why) => format!("invalid version: {why}"),
            Gap::NoHistory(why) => format!("no history: {why}"),
        }
    }
}

/// Where a day's figures come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A commit of the file (its hash).
    Commit(String),
    /// The file as it is now (today's point).
    Now,
}

/// One day of the trend.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub day: NaiveDate,
    /// The version forecast, when there was one.
    pub source: Option<Source>,
    pub figures: Result<Figures, Gap>,
}

/// How a day's forecast moved from the last day with figures before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Move {
    /// Working days later (positive) or earlier; `None` when either side
    /// has no such date.
    pub p50_days: Option<i64>,
    pub p85_days: Option<i64>,
}

/// The forecast's history over a window of days, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub points: Vec<Point>,
    /// Each point's move from the last point with figures before it
    /// (`Move::default()` for the first and for days without figures).
    pub moves: Vec<Move>,
    /// The options every point was evaluated with.
    pub options: Options,
}

impl Trend {
    /// Assembles the points (oldest first), measuring each move in working
    /// days of `calendar` (today's).
    pub fn new(points: Vec<Point>, calendar: &Calendar, options: Options) -> Trend {
        let mut moves = Vec::with_capacity(points.len());
        let mut last: Option<&Figures> = None;
        for p in &points {
            let mut m = Move::default();
            if let Ok(f) = &p.figures {
                if let Some(before) = last {
                    let days = |a: Option<NaiveDate>, b: Option<NaiveDate>| {
                        Some(working_days_between(calendar, a?, b?))
                    };
                    m.p50_days = days(before.p50, f.p50);
                    m.p85_days = days(before.p85, f.p85);
                }
                last = Some(f);
            }
            moves.push(m);
        }
        Trend {
            points,
            moves,
            options,
        }
    }

    /// The same trend with today's point from `now` (a save: only today's
    /// point is new; the moves are measured again).
    pub fn with_today(&self, now: &Snapshot) -> Trend {
        let mut points = self.points.clone();
        for p in points.iter_mut().filter(|p| p.day == now.today) {
            p.source = Some(Source::Now);
            p.figures = Ok(Figures::of(now));
        }
        Trend::new(points, &now.manifest.calendar, self.options)
    }

    /// Whether some day's version came from the file's history (a
    /// commit): without one the trend only repeats today's figures, and
    /// the reports leave it out (docs/trend.md, "Where it shows").
    pub fn has_history(&self) -> bool {
        self.points
            .iter()
            .any(|p| matches!(p.source, Some(Source::Commit(_))))
    }

    /// The days with figures.
    pub fn with_figures(&self) -> impl Iterator<Item = (&Point, &Figures)> {
        self.points
            .iter()
            .filter_map(|p| p.figures.as_ref().ok().map(|f| (p, f)))
    }
}

/// The figures of a version's `text` forecast on `day` with `options`, or
/// why there are none: the pure core evaluates it (without evidence files:
/// those are today's), exactly as `report --today DAY` does.
pub fn figures_of(text: &str, day: NaiveDate, options: Options) -> Result<Figures, Gap> {
    match crate::model::evaluate_with(text, day, options) {
        Ok(s) => Ok(Figures::of(&s)),
        Err(diagnostics) => Err(Gap::Invalid(first_error(text, &diagnostics))),
    }
}

/// `line 12: unknown key …`: the first error of a version, on one line.
fn first_error(text: &str, diagnostics: &[crate::manifest::Diagnostic]) -> String {
    let map = crate::manifest::SourceMap::new(text);
    let n = diagnostics.iter().filter(|d| d.is_error()).count();
    let Some(d) = diagnostics.iter().find(|d| d.is_error()) else {
        return "does not load".into();
    };
    let at = match &d.span {
        Some(span) => format!("line {}: ", map.line(span.start)),
        None => String::new(),
    };
    let more = if n > 1 {
        format!(" (+{} more)", n - 1)
    } else {
        String::new()
    };
    let mut message: String = d.message.chars().take(200).collect();
    if let Some(cut) = message.find('\n') {
        message.truncate(cut);
    }
    format!("{at}{message}{more}")
}

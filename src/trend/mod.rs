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
use crate::standup::Causes;

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
    /// Why each day's forecast moved (as `since` splits a move, docs/trend.md
    /// "Why a day moved"): the causes of the move from the last day with
    /// figures, whose days add up to it; `None` for a day that did not
    /// move, has no figures, or whose causes were not measured.
    pub causes: Vec<Option<Causes>>,
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
        let causes = vec![None; points.len()];
        Trend {
            points,
            moves,
            causes,
            options,
        }
    }

    /// The days whose move has causes to measure: `(k, j)` for each day
    /// `k` whose P50 or P85 moved from `j`, the last day with figures
    /// before it.
    pub fn moved_pairs(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut last = None;
        for (k, (p, m)) in self.points.iter().zip(&self.moves).enumerate() {
            if p.figures.is_err() {
                continue;
            }
            let moved = m.p50_days.is_some_and(|d| d != 0) || m.p85_days.is_some_and(|d| d != 0);
            if let (Some(j), true) = (last, moved) {
                out.push((k, j));
            }
            last = Some(k);
        }
        out
    }

    /// The same trend with today's point from `now` (a save: only today's
    /// point is new; the moves are measured again). Today's causes stay
    /// when its figures did not change; else they are `since`'s — its
    /// comparison day and its causes — when those measure the same move
    /// (from the last day with figures, the same dates then and now), else
    /// unknown until the trend is read again.
    pub fn with_today(&self, now: &Snapshot, since: Option<(NaiveDate, &Causes)>) -> Trend {
        let mut points = self.points.clone();
        let mut changed = Vec::new();
        for (k, p) in points.iter_mut().enumerate() {
            if p.day != now.today {
                continue;
            }
            let figures = Figures::of(now);
            if p.figures.as_ref().ok() != Some(&figures) {
                changed.push(k);
            }
            p.source = Some(Source::Now);
            p.figures = Ok(figures);
        }
        let mut trend = Trend::new(points, &now.manifest.calendar, self.options);
        trend.causes = self.causes.clone();
        trend.causes.resize(trend.points.len(), None);
        for k in changed {
            let before = trend.points[..k]
                .iter()
                .rev()
                .find_map(|p| p.figures.as_ref().ok().map(|f| (p.day, f)));
            let now = trend.points[k].figures.as_ref().ok();
            let m = trend.moves[k];
            trend.causes[k] = since
                .filter(|&(from, c)| {
                    before.is_some_and(|(day, b)| {
                        day == from && b.p50 == Some(c.p50_then) && b.p85 == Some(c.p85_then)
                    }) && now.is_some_and(|n| n.p50 == Some(c.p50_now) && n.p85 == Some(c.p85_now))
                        && m.p50_days == Some(c.p50_change_days)
                        && m.p85_days == Some(c.p85_change_days)
                        && (c.p50_change_days != 0 || c.p85_change_days != 0)
                })
                .map(|(_, c)| c.clone());
        }
        trend
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
/// those are today's), exactly as `report --today DAY` does, though only
/// the answer's trials are run ([`crate::forecast::Pending::answer`]: the
/// same P50, P85 and chance, without the figures a point does not show).
pub fn figures_of(text: &str, day: NaiveDate, options: Options) -> Result<Figures, Gap> {
    let no_evidence = |_: &crate::manifest::Manifest| crate::evidence::Evidence::default();
    match crate::model::evaluate_deterministic(text, day, options, no_evidence) {
        Ok((s, None)) => Ok(Figures::of(&s)),
        Ok((s, Some(pending))) => {
            let answer = pending.answer(&s.forecast);
            let mut figures = Figures::of(&s);
            figures.p50 = answer.p50;
            figures.p85 = answer.p85;
            figures.chance = answer.chance;
            figures.target_status = match (figures.target, answer.p50, answer.p85) {
                (Some(target), Some(p50), Some(p85)) => {
                    Some(crate::forecast::target_status(target, p50, p85))
                }
                _ => None,
            };
            Ok(figures)
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "[project]\nname = \"t\"\n[[component]]\nid = \"c\"\n\
        [[task]]\nid = \"a\"\ntitle = \"a\"\ncomponent = \"c\"\nestimate = \"3-5d\"\n";

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    /// A save after the trend was read: today's causes are `since`'s when
    /// those measure the same move from the same day, else unknown.
    #[test]
    fn a_save_takes_since_causes_only_for_the_same_move() {
        let options = Options::default();
        let (mon, tue) = (d("2026-11-30"), d("2026-12-01"));
        let old = crate::model::evaluate_with(PLAN, mon, options).expect("valid");
        let grown = PLAN.replace("3-5d", "8-12d");
        let now = crate::model::evaluate_with(&grown, tue, options).expect("valid");
        let point = |s: &Snapshot| Point {
            day: s.today,
            source: Some(Source::Now),
            figures: Ok(Figures::of(s)),
        };
        let before = crate::model::evaluate_with(PLAN, tue, options).expect("valid");
        let trend = Trend::new(
            vec![point(&old), point(&before)],
            &old.manifest.calendar,
            options,
        );
        let since = crate::standup::causes::causes(&old, &now, options).expect("dates");
        let saved = trend.with_today(&now, Some((mon, &since)));
        assert_eq!(saved.causes[1].as_ref(), Some(&since));
        let sum: i64 = since.causes.iter().map(|c| c.p85_days).sum();
        assert_eq!(Some(sum), saved.moves[1].p85_days);
        // From another day: not this move.
        let other = trend.with_today(&now, Some((d("2026-11-27"), &since)));
        assert_eq!(other.causes[1], None);
        // Unchanged figures keep the causes measured.
        let mut measured = saved.clone();
        measured.causes[1] = None;
        assert_eq!(
            measured.with_today(&now, Some((mon, &since))).causes[1],
            None
        );
    }
}

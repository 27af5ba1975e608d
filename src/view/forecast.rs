//! The forecast in words: when (`finish 2026-12-29 (P85 2027-01-05)`), the
//! percentiles, the target's status with its slack, the work left and what
//! the forecast assumes — each a phrase of its own that the header, the
//! forecast pane, presentation mode, `check` and the reports share — and the
//! full explanation, one sentence a line (docs/manifest.md, "The forecast").

use std::fmt::Write as _;

use super::Tone;
use super::figure::{date, day, days, decimal, percent, plural, working_days};
use super::text::clean;
use crate::forecast::{Forecast, LinkKind, Method, TargetStatus};
use crate::model::Snapshot;

/// The target and how the forecast stands against it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetView {
    /// `target 2026-12-18: late (slack -5 working days)`
    pub phrase: String,
    /// The phrase without the slack: `target 2026-12-18: late`.
    pub short: String,
    /// `target 2026-12-18`
    pub date: String,
    /// `late`, `at risk`, `on track`, `done`; `None` without a forecast.
    pub status: Option<&'static str>,
    /// `slack -5 working days`
    pub slack: Option<String>,
    pub tone: Tone,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ForecastView {
    /// `estimates`, `throughput`, `none`, `done`.
    pub method: &'static str,
    /// When it will be done, in a few words: `finish 2026-12-29`,
    /// `finish 2026-12-29 (P85 2027-01-05)`, `nothing left`, …
    pub when: String,
    /// Whether there is a date at all.
    pub dated: bool,
    /// `P50 2026-12-29 · P85 2026-12-30 · P95 2027-01-04`
    pub percentiles: Option<String>,
    pub target: Option<TargetView>,
    /// The working days to the finish, counting day 0 as 1.
    pub working_days: Option<u64>,
    /// `25 working days`
    pub working_days_phrase: Option<String>,
    /// The finish with its weekday: `Tue 2026-12-29`.
    pub finish_day: Option<String>,
    /// `57.9 d of work left`
    pub work_left: Option<String>,
    /// `3 people at 80% focus`; `3 people at 70–80% focus` when named
    /// people have a focus of their own.
    pub team: String,
    /// `assumes 2 blocked tasks unblock today`
    pub assumed: Option<String>,
    /// `2 open tasks unestimated, counted at 2.7 d each`
    pub unestimated: Option<String>,
    /// How the team's record bends the estimates: `estimates have run 1.4×
    /// long (median of 12 done tasks); P85 with that record: 2027-01-20;
    /// taken at face value: 2027-01-15`; or what calibration still needs:
    /// `not calibrated: needs 3 more done tasks with started or actual (2 so
    /// far)`.
    pub calibration: Option<String>,
    /// What the forecast rests on and what is missing, one sentence a line.
    pub lines: Vec<String>,
}

impl ForecastView {
    pub fn of(s: &Snapshot) -> ForecastView {
        let f = &s.forecast;
        let team = team(s);
        let percentiles = match (f.p50, f.p85, f.p95) {
            _ if f.pending => Some(PENDING_PERCENTILES.to_owned()),
            (Some(p50), Some(p85), Some(p95)) => Some(format!(
                "P50 {} · P85 {} · P95 {}",
                date(p50),
                date(p85),
                date(p95)
            )),
            _ => None,
        };
        let mut view = ForecastView {
            method: f.method.as_str(),
            when: when(f),
            dated: f.finish.is_some() || f.p50.is_some(),
            percentiles,
            target: target(s),
            working_days: f.working_days.filter(|_| f.method != Method::Done),
            working_days_phrase: f
                .working_days
                .filter(|_| f.method != Method::Done)
                .map(working_days),
            finish_day: f.finish.filter(|_| f.method != Method::Done).map(day),
            work_left: (f.method != Method::Done)
                .then(|| format!("{} of work left", days(f.remaining_days))),
            team,
            assumed: match f.assumed_unblocked {
                0 => None,
                1 => Some("assumes 1 blocked task unblocks today".to_owned()),
                n => Some(format!("assumes {n} blocked tasks unblock today")),
            },
            unestimated: match f.unestimated {
                0 => None,
                1 => Some(format!(
                    "1 open task unestimated, counted at {}",
                    days(f.unestimated_days)
                )),
                n => Some(format!(
                    "{n} open tasks unestimated, counted at {} each",
                    days(f.unestimated_days)
                )),
            },
            calibration: calibration(f),
            lines: Vec::new(),
        };
        view.lines = lines(s, &view);
        view
    }
}

/// Who works and at what focus: `3 people at 80% focus`, or the range of
/// their focus when a named person has their own (`3 people at 70–80%
/// focus`): the anonymous workers at the team's.
fn team(s: &Snapshot) -> String {
    let f = &s.forecast;
    let anonymous = f.headcount as usize > f.roster.members.len();
    let focus = f
        .roster
        .members
        .iter()
        .map(|m| m.focus)
        .chain(anonymous.then_some(s.manifest.team.focus));
    let (low, high) = focus.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    let people = plural(f.headcount as usize, "person", "people");
    if !low.is_finite() || percent(low * 100.0) == percent(high * 100.0) {
        let focus = if low.is_finite() {
            high
        } else {
            s.manifest.team.focus
        };
        return format!("{people} at {} focus", percent(focus * 100.0));
    }
    let low = percent(low * 100.0);
    format!(
        "{people} at {}–{} focus",
        low.trim_end_matches('%'),
        percent(high * 100.0)
    )
}

/// The percentiles while the trials have not run ([`Forecast::pending`]):
/// the dashboard shows the deterministic figures first and fills these in.
pub const PENDING_PERCENTILES: &str = "P50 … · P85 … · P95 …";

/// The note `check` prints when it leaves the trials of a huge plan
/// unrun: `P50/P85/P95 not computed by check (34022 open tasks, 20.0
/// million task-trials); readiness report and the dashboard compute them`.
pub fn percentiles_not_computed(s: &Snapshot, task_trials: u64) -> String {
    format!(
        "P50/P85/P95 not computed by check ({}, {:.1} million task-trials); readiness report and the dashboard compute them",
        plural(s.forecast.remaining_tasks, "open task", "open tasks"),
        task_trials as f64 / 1e6
    )
}

/// When it will be done, in a few words.
fn when(f: &Forecast) -> String {
    let p85 = |finish| match f.p85 {
        _ if f.pending => " (P85 …)".to_owned(),
        Some(p85) if p85 != finish => format!(" (P85 {})", date(p85)),
        _ => String::new(),
    };
    match f.method {
        Method::Done => "nothing left".into(),
        Method::Estimates => match f.finish {
            Some(finish) => format!("finish {}{}", date(finish), p85(finish)),
            None => "finish beyond the calendar".into(),
        },
        Method::Throughput => match f.p50 {
            Some(p50) => format!("finish {}{} by throughput", date(p50), p85(p50)),
            None => "finish unknown: no usable throughput history".into(),
        },
        Method::None => "no forecast: no estimates, fewer than 3 dated done tasks".into(),
    }
}

/// The team's record in words (docs/manifest.md, *Calibration*).
fn calibration(f: &Forecast) -> Option<String> {
    if f.method != Method::Estimates {
        return None;
    }
    if let Some(c) = &f.calibration {
        let ratio = decimal(c.median_ratio);
        let done = plural(c.samples, "done task", "done tasks");
        // `1.4× long`, `0.8× short`; `1×` when the median rounds to it
        // (the P85 beside it still carries the record's spread).
        let way = match ratio.as_str() {
            "1" => "",
            _ if c.median_ratio > 1.0 => " long",
            _ => " short",
        };
        let mut text = format!("estimates have run {ratio}×{way} (median of {done})");
        if let (Some(p85), Some(face)) = (f.p85, c.uncalibrated.p85) {
            text.push_str(&format!(
                "; P85 with that record: {}; taken at face value: {}",
                date(p85),
                date(face)
            ));
        }
        return Some(text);
    }
    f.calibration_shortfall.map(|short| {
        format!(
            "not calibrated: needs {} more done {} with started or actual ({} so far)",
            short.needed,
            if short.needed == 1 { "task" } else { "tasks" },
            short.samples
        )
    })
}

fn target(s: &Snapshot) -> Option<TargetView> {
    let f = &s.forecast;
    let target = s.manifest.project.target?;
    let date = format!("target {}", date(target));
    let slack = f.target_slack_days.map(|d| {
        let sign = if d < 0 { "-" } else { "" };
        format!(
            "slack {sign}{}",
            plural(d.unsigned_abs() as usize, "working day", "working days")
        )
    });
    let (status, tone) = match f.target_status {
        Some(TargetStatus::OnTrack) => (Some("on track"), Tone::Good),
        Some(TargetStatus::AtRisk) => (Some("at risk"), Tone::Warn),
        Some(TargetStatus::Late) => (Some("late"), Tone::Bad),
        None if f.method == Method::Done => (Some("done"), Tone::Good),
        None => (None, Tone::Dim),
    };
    let short = match status {
        Some(status) => format!("{date}: {status}"),
        None if f.pending => format!("{date}: …"),
        None => format!("{date}: status needs a forecast"),
    };
    let phrase = match &slack {
        Some(slack) if f.target_status.is_some() => format!("{short} ({slack})"),
        _ => short.clone(),
    };
    Some(TargetView {
        phrase,
        short,
        date,
        status,
        slack: slack.filter(|_| f.target_status.is_some()),
        tone,
    })
}

/// The critical path as `a → b ⇢ c (sam)`: `→` a dependency, `⇢` the same
/// worker's next task (named when it is a person), eliding the middle of a
/// long chain; then whose queue sets the finish, when one does.
fn chain(s: &Snapshot) -> String {
    const SHOWN: usize = 8;
    let f = &s.forecast;
    let path = &f.critical;
    let tasks = &path.tasks;
    // Task k with the link that leads to it.
    let step = |k: usize| -> (&'static str, String) {
        let id = clean(&s.manifest.tasks[tasks[k]].id);
        match path.links.get(k.wrapping_sub(1)).map(|l| l.kind) {
            None => ("", id),
            Some(LinkKind::Dependency) => (" → ", id),
            Some(LinkKind::Queue(worker)) => match f.person(worker) {
                Some(person) => (" ⇢ ", format!("{id} ({})", clean(&person.id))),
                None => (" ⇢ ", id),
            },
        }
    };
    let mut out = String::new();
    let long = tasks.len() > SHOWN;
    for k in 0..tasks.len() {
        if long && k == SHOWN / 2 {
            let _ = write!(out, " … ({} more) …", tasks.len() - SHOWN);
        }
        if long && (SHOWN / 2..tasks.len() - SHOWN / 2).contains(&k) {
            continue;
        }
        let (link, task) = step(k);
        out.push_str(link);
        out.push_str(&task);
    }
    if let Some(load) = path.load {
        let _ = write!(
            out,
            "; {}'s queue: {} working days",
            clean(&f.roster.members[load.person].id),
            crate::model::format::decimal(load.working_days)
        );
    }
    out
}

/// What the forecast rests on and what is missing, one sentence each.
fn lines(s: &Snapshot, v: &ForecastView) -> Vec<String> {
    let f = &s.forecast;
    let mut lines = Vec::new();
    match f.method {
        Method::Done => lines.push("every task is done or dropped".into()),
        Method::Estimates => {
            let mut method = format!(
                "method: estimates — list schedule of {} on {}",
                plural(f.remaining_tasks, "open task", "open tasks"),
                v.team
            );
            if let (Some(trials), Some(seed)) = (f.trials, f.seed) {
                let _ = write!(
                    method,
                    "; {} (each range drawn from a triangular distribution, seed {seed:016x})",
                    plural(trials as usize, "Monte Carlo trial", "Monte Carlo trials")
                );
                if trials < f.trials_requested {
                    let _ = write!(
                        method,
                        "; scaled down from {} for {} open tasks (--trials N runs exactly N)",
                        f.trials_requested, f.remaining_tasks
                    );
                }
            }
            lines.push(method);
            if let (Some(finish), Some(days)) = (f.finish, &v.working_days_phrase) {
                lines.push(format!(
                    "finish {} with every estimate at its midpoint ({days} from {})",
                    date(finish),
                    day(f.day_zero)
                ));
            }
            if f.trials.is_none()
                && let Some(p50) = f.p50
            {
                lines.push(format!(
                    "P50 = P85 = P95 = {} (point estimates only: nothing to draw)",
                    date(p50)
                ));
            } else if let Some(p) = &v.percentiles {
                lines.push(p.clone());
            }
            lines.extend(v.calibration.clone());
            lines.extend(v.work_left.clone());
            lines.extend(v.assumed.clone());
            lines.extend(v.unestimated.clone());
            if !f.critical_path.is_empty() {
                lines.push(format!("critical path: {}", chain(s)));
            }
            lines.extend(crate::model::format::throughput_check(f));
        }
        Method::Throughput => {
            let mut method = format!(
                "method: throughput — {} counted one each",
                plural(f.remaining_tasks, "open task", "open tasks"),
            );
            if let Some(trials) = f.trials {
                let _ = write!(
                    method,
                    "; {} drawing a day's count from the history for each working day",
                    plural(trials as usize, "trial", "trials")
                );
            }
            lines.push(method);
            lines.extend(v.percentiles.clone());
            if let Some(h) = &f.history {
                let n = h.samples.len();
                if let (Some(from), Some(to)) = (h.from, h.to) {
                    lines.push(format!(
                        "history: {} done in {} ({} to {}); a new day falls inside the range seen with chance (n−1)/(n+1) = {}{}",
                        h.done_in_window(),
                        working_days(n as u64),
                        date(from),
                        date(to),
                        percent(h.in_range_chance() * 100.0),
                        if n < 10 { " — thin: more history narrows this" } else { "" }
                    ));
                }
            }
            lines.push(
                "add `estimate` to tasks to forecast over the plan and its dependencies".into(),
            );
        }
        Method::None => {}
    }
    if let Some(missing) = &f.missing {
        lines.push(clean(missing));
    }
    if let Some(target) = &v.target {
        lines.push(target.phrase.clone());
    }
    lines
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::forecast::{Calibration, Percentiles, Shortfall};
    use crate::model::evaluate;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, day).unwrap()
    }

    fn forecast() -> Forecast {
        let text = "[project]\nname = \"p\"\n[[component]]\nid = \"c\"\nname = \"C\"\n\
                    [[task]]\nid = \"a\"\ntitle = \"A\"\ncomponent = \"c\"\nestimate = \"2-4d\"\n";
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        evaluate(text, today).expect("valid").forecast
    }

    fn calibrated(ratio: f64, samples: usize) -> Forecast {
        let mut f = forecast();
        f.p85 = Some(d(20));
        f.calibration = Some(Calibration {
            samples,
            median_ratio: ratio,
            team: vec![ratio; samples],
            people: Vec::new(),
            uncalibrated: Percentiles {
                p50: Some(d(12)),
                p85: Some(d(15)),
                p95: Some(d(18)),
            },
        });
        f
    }

    #[test]
    fn the_record_in_a_leads_words() {
        assert_eq!(
            calibration(&calibrated(1.4, 12)).as_deref(),
            Some(
                "estimates have run 1.4× long (median of 12 done tasks); \
                 P85 with that record: 2027-01-20; taken at face value: 2027-01-15"
            )
        );
        assert_eq!(
            calibration(&calibrated(0.75, 5)).as_deref(),
            Some(
                "estimates have run 0.8× short (median of 5 done tasks); \
                 P85 with that record: 2027-01-20; taken at face value: 2027-01-15"
            )
        );
        // Before the trials ran: the record without dates.
        let mut pending = calibrated(1.02, 6);
        pending.p85 = None;
        assert_eq!(
            calibration(&pending).as_deref(),
            Some("estimates have run 1× (median of 6 done tasks)")
        );
    }

    #[test]
    fn without_a_record_it_says_what_is_missing() {
        let mut f = forecast();
        f.calibration = None;
        f.calibration_shortfall = Some(Shortfall {
            samples: 4,
            needed: 1,
        });
        assert_eq!(
            calibration(&f).as_deref(),
            Some("not calibrated: needs 1 more done task with started or actual (4 so far)")
        );
        f.calibration_shortfall = Some(Shortfall {
            samples: 0,
            needed: 5,
        });
        assert_eq!(
            calibration(&f).as_deref(),
            Some("not calibrated: needs 5 more done tasks with started or actual (0 so far)")
        );
    }
}

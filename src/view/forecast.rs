//! The forecast in words: the answer (`P50 2027-01-27 · P85 2027-02-01`,
//! calibrated when there is a record), the target's status counted to the
//! P85 with the chance of meeting it, the plan at face value (the
//! deterministic schedule, never the headline), the work left and what the
//! forecast assumes — each a phrase of its own that the header, the
//! forecast pane, presentation mode, `check` and the reports share — and the
//! full explanation, one sentence a line, the answer first and the method
//! last (docs/forecast.md, "The forecast"; docs/dashboard.md, "Figures and
//! wording").

use std::fmt::Write as _;

use super::Tone;
use super::figure::{date, day, days, decimal, percent, plural, working_days};
use super::text::clean;
use crate::forecast::{Forecast, LinkKind, Method, TargetStatus, calendar};
use crate::model::Snapshot;

/// The target and how the forecast stands against it, counted to the P85
/// (docs/forecast.md, *Target*).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetView {
    /// `target 2026-12-18: late by 29 working days at P85`
    pub phrase: String,
    /// The phrase without the slack: `target 2026-12-18: late`.
    pub short: String,
    /// `target 2026-12-18`
    pub date: String,
    /// `late`, `at risk`, `on track`, `done`; `None` without a forecast.
    pub status: Option<&'static str>,
    /// The status with its slack: `late by 29 working days at P85`, `at
    /// risk, over by 3 working days at P85`, `on track with 4 working days
    /// to spare at P85`.
    pub slack: Option<String>,
    /// The share of trials on or before the target: `38% chance by
    /// 2026-12-18`; `None` without trials.
    pub chance: Option<String>,
    pub tone: Tone,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ForecastView {
    /// `estimates`, `throughput`, `none`, `done`.
    pub method: &'static str,
    /// The answer (docs/forecast.md, *The answer*): `P50 2027-01-27 · P85
    /// 2027-02-01` (`… by throughput`); `P50 … · P85 …` while the trials
    /// run; `nothing left`; why there is no date otherwise.
    pub answer: String,
    /// Whether there is a date at all.
    pub dated: bool,
    /// `P50 2026-12-29 · P85 2026-12-30 · P95 2027-01-04`
    pub percentiles: Option<String>,
    /// `P95 2027-01-04`: what the answer leaves out of the percentiles.
    pub p95: Option<String>,
    /// Working days to the P50 and to the P85, counting day 0 as 1.
    pub answer_days: Option<(u64, u64)>,
    pub target: Option<TargetView>,
    /// `the plan at face value: 2027-01-19`: the deterministic schedule's
    /// finish, every estimate at its midpoint, before the team's record.
    pub face_value: Option<String>,
    /// The working days to the plan's finish at face value, counting day 0
    /// as 1.
    pub working_days: Option<u64>,
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
    /// long (median of 12 done tasks); without that record: P85
    /// 2027-01-15`; or what calibration still needs: `not calibrated:
    /// needs 3 more done tasks with started or actual (2 so far)`.
    pub calibration: Option<String>,
    /// What the forecast rests on and what is missing, one sentence a line:
    /// the answer first, the method last.
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
        let count = |d| calendar::working_days_between(&s.manifest.calendar, f.day_zero, d);
        let answer_days = match (f.p50, f.p85) {
            (Some(p50), Some(p85)) if !f.pending && f.method != Method::Done => {
                Some((count(p50).max(0) as u64 + 1, count(p85).max(0) as u64 + 1))
            }
            _ => None,
        };
        let scheduled = f.method == Method::Estimates;
        let mut view = ForecastView {
            method: f.method.as_str(),
            answer: answer(f),
            dated: f.p50.is_some() || (f.pending && f.finish.is_some()),
            percentiles,
            p95: f
                .p95
                .filter(|_| !f.pending)
                .map(|d| format!("P95 {}", date(d))),
            answer_days,
            target: target(s),
            face_value: f
                .finish
                .filter(|_| scheduled)
                .map(|d| format!("{FACE_VALUE}: {}", date(d))),
            working_days: f.working_days.filter(|_| scheduled),
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

impl ForecastView {
    /// Puts the answer's move since the last working day (and why) right
    /// after the answer and the target, where the eye looks next.
    pub fn insert_since(&mut self, why: String) {
        let target = self.target.as_ref();
        let after = self
            .lines
            .iter()
            .rposition(|l| target.is_some_and(|t| Some(l) == t.chance.as_ref() || *l == t.phrase))
            .map_or(1, |k| k + 1)
            .min(self.lines.len());
        self.lines.insert(after, why);
    }
}

/// What the deterministic schedule is called wherever it is shown: every
/// estimate at its midpoint, before the team's record.
pub const FACE_VALUE: &str = "the plan at face value";

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

/// The answer: P50 and P85 (docs/forecast.md, *The answer*).
fn answer(f: &Forecast) -> String {
    let both = |p50, p85| format!("P50 {} · P85 {}", date(p50), date(p85));
    match f.method {
        Method::Done => "nothing left".into(),
        _ if f.pending => PENDING_ANSWER.into(),
        // docs/manifest.md, *Far future*: the warning names the cause.
        _ if f.never.is_some() => format!("never: no finish by {}", date(calendar::LAST_DATE)),
        Method::Estimates => match (f.p50, f.p85) {
            (Some(p50), Some(p85)) => both(p50, p85),
            _ => "no date: the plan runs beyond the calendar".into(),
        },
        Method::Throughput => match (f.p50, f.p85) {
            (Some(p50), Some(p85)) => format!("{} by throughput", both(p50, p85)),
            _ => "no date: no usable throughput history".into(),
        },
        Method::None => "no forecast: no estimates, fewer than 3 dated done tasks".into(),
    }
}

/// The answer while the trials have not run.
pub const PENDING_ANSWER: &str = "P50 … · P85 …";

/// The team's record in words (docs/forecast.md, *Calibration*).
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
        if let (Some(_), Some(without)) = (f.p85, c.uncalibrated.p85) {
            let _ = write!(text, "; without that record: P85 {}", date(without));
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

/// The done tasks whose ratios move the P85 most (SPEC §2.2, *The record,
/// robustly*): `record: sync-server took 2.4× its estimate (+4 working days
/// on P85) · calibrate = false on a done task leaves its record out`.
pub fn movers(s: &Snapshot) -> Option<String> {
    let f = &s.forecast;
    if f.record_movers.is_empty() {
        return None;
    }
    let named: Vec<String> = f
        .record_movers
        .iter()
        .map(|m| {
            let sign = if m.p85_days > 0 { "+" } else { "−" };
            format!(
                "{} took {}× its estimate ({sign}{} on P85)",
                clean(&s.manifest.tasks[m.task].id),
                decimal(m.ratio),
                working_days(m.p85_days.unsigned_abs())
            )
        })
        .collect();
    Some(format!(
        "record: {} · `calibrate = false` on a done task leaves its record out",
        named.join("; ")
    ))
}

fn target(s: &Snapshot) -> Option<TargetView> {
    let f = &s.forecast;
    let target = s.manifest.project.target?;
    let on = date(target);
    let date = format!("target {on}");
    let (status, tone) = match f.target_status {
        Some(TargetStatus::OnTrack) => (Some("on track"), Tone::Good),
        Some(TargetStatus::AtRisk) => (Some("at risk"), Tone::Warn),
        Some(TargetStatus::Late) => (Some("late"), Tone::Bad),
        None if f.method == Method::Done => (Some("done"), Tone::Good),
        None => (None, Tone::Dim),
    };
    let slack = match (f.target_status, f.target_slack_days) {
        (Some(st), Some(d)) => Some(slack(st, d)),
        _ => None,
    };
    let short = match status {
        Some(status) => format!("{date}: {status}"),
        None if f.pending => format!("{date}: …"),
        None => format!("{date}: status needs a forecast"),
    };
    let phrase = match &slack {
        Some(slack) => format!("{date}: {slack}"),
        None => short.clone(),
    };
    let chance = f
        .chance
        .filter(|_| !f.pending && f.method != Method::Done)
        .map(|c| format!("{} chance by {on}", percent(c * 100.0)));
    Some(TargetView {
        phrase,
        short,
        date,
        status,
        slack,
        chance,
        tone,
    })
}

/// The target's status with its slack, counted to the P85 and saying so:
/// `late by 29 working days at P85`, `at risk, over by 3 working days at
/// P85`, `on track with 4 working days to spare at P85`.
pub fn slack(status: TargetStatus, slack_days: i64) -> String {
    let n = working_days(slack_days.unsigned_abs());
    match status {
        TargetStatus::Late => format!("late by {n} at P85"),
        TargetStatus::AtRisk => format!("at risk, over by {n} at P85"),
        TargetStatus::OnTrack => format!("on track with {n} to spare at P85"),
    }
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

/// What the forecast rests on and what is missing, one sentence each: the
/// answer and the target first, then the record, the plan at face value,
/// the work and its assumptions, and the method last.
fn lines(s: &Snapshot, v: &ForecastView) -> Vec<String> {
    let f = &s.forecast;
    let mut lines = Vec::new();
    let target = |lines: &mut Vec<String>| {
        if let Some(target) = &v.target {
            lines.push(target.phrase.clone());
            lines.extend(target.chance.clone());
        }
    };
    match f.method {
        Method::Done => {
            lines.push("every task is done or dropped".into());
            target(&mut lines);
        }
        Method::Estimates => {
            if f.trials.is_none()
                && !f.pending
                && let Some(p50) = f.p50
            {
                lines.push(format!(
                    "P50 = P85 = P95 = {} (point estimates only: nothing to draw)",
                    date(p50)
                ));
            } else if let Some(p) = &v.percentiles {
                lines.push(p.clone());
            } else {
                lines.push(v.answer.clone());
            }
            target(&mut lines);
            lines.extend(v.calibration.clone());
            lines.extend(movers(s));
            if let (Some(face), Some(days)) = (&v.face_value, v.working_days) {
                lines.push(format!(
                    "{face}, every estimate at its midpoint ({} from {})",
                    working_days(days),
                    day(f.day_zero)
                ));
            }
            lines.extend(v.work_left.clone());
            lines.extend(v.assumed.clone());
            lines.extend(v.unestimated.clone());
            if !f.critical_path.is_empty() {
                lines.push(format!("critical path: {}", chain(s)));
            }
            lines.extend(crate::model::format::throughput_check(f));
            lines.extend(f.missing.as_deref().map(clean));
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
        }
        Method::Throughput => {
            lines.extend(v.percentiles.clone());
            target(&mut lines);
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
            lines.extend(f.missing.as_deref().map(clean));
            lines.push(
                "add `estimate` to tasks to forecast over the plan and its dependencies".into(),
            );
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
        }
        Method::None => {
            lines.extend(f.missing.as_deref().map(clean));
            target(&mut lines);
        }
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
            records: Vec::new(),
            capped: Vec::new(),
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
                 without that record: P85 2027-01-15"
            )
        );
        assert_eq!(
            calibration(&calibrated(0.75, 5)).as_deref(),
            Some(
                "estimates have run 0.8× short (median of 5 done tasks); \
                 without that record: P85 2027-01-15"
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

//! "Since the last working day" in words (docs/manifest.md, "Since the last
//! working day"): the items the text and markdown reports list and
//! presentation mode shows beside a mark each, and where the comparison came
//! from — said once: without git history only the tasks done are known,
//! and the source line says why. The items come most telling first: done,
//! new and cleared blockers, the finish's move, completion, then gates and
//! scope (presentation mode shows as many as fit).

use chrono::NaiveDate;

use super::Tone;
use super::causes;
use super::figure::{date, day, percent, plural, signed_points, working_days};
use super::text::{clean, list_ids};
use crate::model::{GateStatus, Snapshot};
use crate::standup::{Causes, Since, Source};

/// One thing that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct SinceItem {
    /// `✓`, `⊘`, `↑`, `→`, `%`, `±`, or a gate's new status symbol.
    pub mark: &'static str,
    pub tone: Tone,
    pub text: String,
    /// 0 for a change, 1 for a cause of the forecast's move, shown under it.
    pub level: u8,
    /// The plan at face value's move: beside the answer in the reports,
    /// left out where only the answer is shown (presentation mode).
    pub plan: bool,
    /// The text without its dates, where a screen is too narrow for them:
    /// `P85 5 working days later:`.
    pub short: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SinceView {
    /// `Fri 2026-11-20`
    pub from: String,
    /// `compared with commit 4f1c2e9a7b of 2026-11-20`, or `done dates only:
    /// not in a git repository`.
    pub source: String,
    /// Whether the comparison is with the file's git history.
    pub from_git: bool,
    pub items: Vec<SinceItem>,
    /// The answer's move and its causes in one sentence, for the forecast
    /// pane: `since Wed 2026-12-02: P50 4 working days later, P85 5 working
    /// days later — +6 the record (sync-server took 2.4× its estimate), -2
    /// work done (sync-server done)`.
    pub why: Option<String>,
}

/// Ids listed before `+N more`.
const MAX_IDS: usize = 12;

impl SinceView {
    pub fn of(since: &Since, s: &Snapshot) -> SinceView {
        let ids = |list: &[String]| list_ids(list, MAX_IDS);
        let mut items = Vec::new();
        if since.done.is_empty() {
            items.push(item("✓", Tone::Dim, "nothing done".to_owned()));
        } else {
            let text = format!("{} done: {}", since.done.len(), ids(&since.done));
            items.push(item("✓", Tone::Good, text));
        }
        if let Some(new) = since.new_blockers.as_deref().filter(|l| !l.is_empty()) {
            let text = format!("{} new blocked: {}", new.len(), ids(new));
            items.push(item("⊘", Tone::Bad, text));
        }
        if let Some(cleared) = since.cleared_blockers.as_deref().filter(|l| !l.is_empty()) {
            let text = format!("{} unblocked: {}", cleared.len(), ids(cleared));
            items.push(item("↑", Tone::Good, text));
        }
        if let Some(c) = &since.causes {
            items.extend(answer_items(c));
        }
        match (
            since.finish_change_days,
            since.finish_then,
            s.forecast.finish,
        ) {
            (Some(days), then, Some(now)) => {
                let tone = if days > 0 { Tone::Bad } else { Tone::Good };
                let dates = match then {
                    Some(then) if then != now => format!("{} → {}", date(then), date(now)),
                    _ => date(now),
                };
                // The throughput method has no plan: its finish is its P50.
                let (what, plan) = match s.forecast.method {
                    crate::forecast::Method::Throughput => ("P50", false),
                    _ => (super::forecast::FACE_VALUE, true),
                };
                let text = format!("{what} {} ({dates})", finish_move(days));
                // Told by the answer's own line when there is one.
                if since.causes.is_none() || plan {
                    items.push(SinceItem {
                        plan,
                        ..item("→", tone, text)
                    });
                }
            }
            _ if since.completion_change.is_some() => {
                let text = format!(
                    "{} move unknown: no finish on one side",
                    super::forecast::FACE_VALUE
                );
                items.push(SinceItem {
                    plan: true,
                    ..item("→", Tone::Dim, text)
                });
            }
            _ => {}
        }
        if let Some(change) = since.completion_change {
            let text = format!(
                "completion {} (now {})",
                signed_points(change),
                percent(s.completion)
            );
            items.push(item("%", Tone::Dim, text));
        }
        for g in since.gates_changed.iter().flatten().take(MAX_IDS) {
            let side = |st: Option<GateStatus>| st.map_or("—", |st| st.as_str());
            let (mark, tone) = match g.new {
                Some(GateStatus::Pass) => ("✓", Tone::Good),
                Some(GateStatus::Fail) => ("✗", Tone::Bad),
                Some(GateStatus::Unknown) => ("?", Tone::Warn),
                None => ("·", Tone::Dim),
            };
            let text = format!("gate {}: {} → {}", clean(&g.id), side(g.old), side(g.new));
            items.push(item(mark, tone, text));
        }
        if let (Some(added), Some(removed)) = (&since.added, &since.removed)
            && (!added.is_empty() || !removed.is_empty())
        {
            let mut scope = Vec::new();
            if !added.is_empty() {
                scope.push(format!(
                    "+{} ({})",
                    plural(added.len(), "task", "tasks"),
                    ids(added)
                ));
            }
            if !removed.is_empty() {
                scope.push(format!(
                    "-{} ({})",
                    plural(removed.len(), "task", "tasks"),
                    ids(removed)
                ));
            }
            items.push(item("±", Tone::Dim, format!("scope {}", scope.join(", "))));
        }
        let (source, from_git) = match &since.source {
            Source::Git {
                commit, date: d, ..
            } => (
                format!(
                    "compared with commit {} of {}",
                    crate::standup::since::short(commit),
                    date(*d)
                ),
                true,
            ),
            Source::DoneDates { reason } => (format!("done dates only: {}", clean(reason)), false),
        };
        let from = day(since.from);
        let why = since.causes.as_ref().map(|c| why(c, &from));
        SinceView {
            from,
            source,
            from_git,
            items,
            why,
        }
    }
}

/// `5 working days later (2027-02-01 → 2027-02-08)`, `unchanged (2027-02-01)`.
fn moved(days: i64, then: NaiveDate, now: NaiveDate) -> String {
    if then == now {
        format!("{} ({})", finish_move(days), date(now))
    } else {
        format!("{} ({} → {})", finish_move(days), date(then), date(now))
    }
}

fn tone(days: i64) -> Tone {
    match days {
        0 => Tone::Dim,
        d if d > 0 => Tone::Bad,
        _ => Tone::Good,
    }
}

/// A change, at the top level.
fn item(mark: &'static str, tone: Tone, text: String) -> SinceItem {
    SinceItem {
        mark,
        tone,
        text,
        level: 0,
        plan: false,
        short: None,
    }
}

/// The P50's and P85's move, then the causes under the one they are told
/// with, largest first.
fn answer_items(c: &Causes) -> Vec<SinceItem> {
    let mut items = Vec::new();
    let p85 = causes::by_p85(c);
    let moving = causes::moving(&c.causes, p85);
    let colon = if moving.is_empty() { "" } else { ":" };
    let line = |name: &str, days: i64, then, now, told: bool| {
        let colon = if told { colon } else { "" };
        SinceItem {
            short: Some(format!("{name} {}{colon}", finish_move(days))),
            ..item(
                "→",
                tone(days),
                format!("{name} {}{colon}", moved(days, then, now)),
            )
        }
    };
    let p50_line = line("P50", c.p50_change_days, c.p50_then, c.p50_now, !p85);
    let p85_line = line("P85", c.p85_change_days, c.p85_then, c.p85_now, p85);
    if p85 {
        items.extend([p50_line, p85_line]);
    } else {
        items.extend([p85_line, p50_line]);
    }
    for cause in moving {
        let days = if p85 { cause.p85_days } else { cause.p50_days };
        items.push(SinceItem {
            level: 1,
            ..item("·", tone(days), causes::line(cause, p85))
        });
    }
    items
}

/// The forecast pane's sentence: `since Wed 2026-12-02: P50 4 working days
/// later, P85 5 working days later — +6 the record (sync-server took 2.4×
/// its estimate), -2 work done (sync-server done)`.
fn why(c: &Causes, from: &str) -> String {
    let mut text = format!(
        "since {from}: P50 {}, P85 {}",
        finish_move(c.p50_change_days),
        finish_move(c.p85_change_days)
    );
    let told = causes::told(c);
    if !told.is_empty() {
        text.push_str(&format!(" — {told}"));
    }
    text
}

/// The finish's move in words: `2 working days later`, `unchanged`.
pub fn finish_move(days: i64) -> String {
    let moved = working_days(days.unsigned_abs());
    match days {
        0 => "unchanged".into(),
        d if d > 0 => format!("{moved} later"),
        _ => format!("{moved} earlier"),
    }
}

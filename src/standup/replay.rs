//! The classes of change between two versions of a manifest, and the
//! manifest with some of them applied (docs/manifest.md, "Why it moved"):
//! work done (a task's state and progress), scope (tasks added, removed or
//! dropped, their dependencies, priority, component and order), estimates,
//! the record (`started`, `done`, `actual`, `calibrate`), people (the `[[person]]`
//! entries, `[team]`, the calendar and each task's owner) and blockers. A
//! task present in both versions takes each class's fields from the new one
//! when that class is applied, else from the old; a task in one version
//! only comes and goes with the scope, whole. Pure: two manifests in, a
//! manifest or the list of what changed out.

use rustc_hash::FxHashMap;

use crate::forecast::calibration;
use crate::manifest::{Estimate, Manifest, Status, Task};
use crate::model::format::num;

/// A class of change, in the order the replay applies them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Done,
    Scope,
    Estimates,
    Record,
    People,
    Blockers,
    /// The working days that passed, and whatever the classes above do not
    /// hold (the project's name).
    Time,
}

impl Kind {
    /// Every class, in replay order.
    pub const ALL: [Kind; 7] = [
        Kind::Done,
        Kind::Scope,
        Kind::Estimates,
        Kind::Record,
        Kind::People,
        Kind::Blockers,
        Kind::Time,
    ];

    /// `done`, `scope`, … as the JSON report names them.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Done => "done",
            Kind::Scope => "scope",
            Kind::Estimates => "estimates",
            Kind::Record => "record",
            Kind::People => "people",
            Kind::Blockers => "blockers",
            Kind::Time => "time",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// The classes applied so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied(u8);

impl Applied {
    pub fn with(self, kind: Kind) -> Applied {
        Applied(self.0 | kind.bit())
    }

    pub fn has(self, kind: Kind) -> bool {
        self.0 & kind.bit() != 0
    }
}

/// One thing that changed, for the words of a cause (the view phrases it).
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Work done: the task is done now.
    Done(String),
    /// Work done: its progress or state moved (started, reopened).
    Progress(String),
    /// Scope: a new task, or one no longer dropped.
    Added(String),
    /// Scope: a task removed from the file, or dropped.
    Removed(String),
    /// Scope: its dependencies, priority or component changed.
    Replanned(String),
    /// An estimate as written, before and after (`None`: no estimate).
    Estimate {
        task: String,
        was: Option<String>,
        now: Option<String>,
    },
    /// The record: a done task's sample, effort over estimate.
    Sample {
        task: String,
        ratio: f64,
    },
    /// The record: a sample that is gone.
    LeftRecord(String),
    /// The record: dates that changed no sample (an open task's `started`).
    Dates(String),
    /// People: a person's focus, before and after (a fraction of a day).
    Focus {
        person: String,
        was: f64,
        now: f64,
    },
    /// People: a person's days away.
    Away(String),
    /// People: a person declared now, or no longer.
    Joined(String),
    Left(String),
    /// People: `team.people`, before and after.
    Headcount {
        was: u32,
        now: u32,
    },
    /// People: `team.focus`, before and after.
    TeamFocus {
        was: f64,
        now: f64,
    },
    /// People: the working weekdays or the holidays.
    Calendar,
    /// People: a task's owner.
    Owner(String),
    /// Blockers: a task blocked now.
    Blocked(String),
    /// Blockers: a task no longer blocked.
    Unblocked(String),
    /// Time: working days that passed between the two versions.
    Passed(i64),
}

impl Change {
    /// The task it is about, when it is about one.
    pub fn task(&self) -> Option<&str> {
        match self {
            Change::Done(id)
            | Change::Progress(id)
            | Change::Added(id)
            | Change::Removed(id)
            | Change::Replanned(id)
            | Change::LeftRecord(id)
            | Change::Dates(id)
            | Change::Owner(id)
            | Change::Blocked(id)
            | Change::Unblocked(id) => Some(id),
            Change::Estimate { task, .. } | Change::Sample { task, .. } => Some(task),
            Change::Focus { .. }
            | Change::Away(_)
            | Change::Joined(_)
            | Change::Left(_)
            | Change::Headcount { .. }
            | Change::TeamFocus { .. }
            | Change::Calendar
            | Change::Passed(_) => None,
        }
    }
}

/// A task's status as the parts the classes own: dropped (scope), blocked
/// (blockers) and its work — todo, doing or done (work done).
fn parts(status: Status) -> (bool, bool, Status) {
    match status {
        Status::Dropped => (true, false, Status::Todo),
        Status::Blocked => (false, true, Status::Todo),
        work => (false, false, work),
    }
}

fn compose(dropped: bool, blocked: bool, work: Status) -> Status {
    if dropped {
        Status::Dropped
    } else if work == Status::Done {
        Status::Done
    } else if blocked {
        Status::Blocked
    } else {
        work
    }
}

/// Copies the fields of `kind` from `from` into `to`. Every field of a
/// task is named here: one added to `Task` does not compile until it is
/// given its class. `id`, `title`, `component`, `priority`, `depends_on`,
/// `source` and the place in the file come with the scope's side; the status is
/// composed by [`merge`].
fn take(kind: Kind, to: &mut Task, from: &Task) {
    let Task {
        id: _,
        title: _,
        component: _,
        status: _,
        priority: _,
        estimate,
        estimate_text,
        progress,
        depends_on: _,
        blocker,
        owner,
        started,
        done,
        actual,
        calibrate,
        source: _,
        span: _,
    } = from;
    match kind {
        Kind::Done => to.progress = *progress,
        Kind::Estimates => {
            to.estimate = *estimate;
            to.estimate_text = estimate_text.clone();
        }
        Kind::Record => {
            to.started = *started;
            to.done = *done;
            to.actual = *actual;
            to.calibrate = *calibrate;
        }
        Kind::People => to.owner = owner.clone(),
        Kind::Blockers => to.blocker = blocker.clone(),
        Kind::Scope | Kind::Time => {}
    }
}

/// The manifest with the classes in `applied` taken from `new` and the
/// rest from `old`; the project (its name) stays `old`'s. Gates and
/// metrics are left out: no figure of the forecast reads them.
pub fn merge(old: &Manifest, new: &Manifest, applied: Applied) -> Manifest {
    let scope = applied.has(Kind::Scope);
    // The scope's side gives the tasks, their order and their links.
    let base = if scope { new } else { old };
    let old_by_id = by_id(old);
    let new_by_id = by_id(new);
    let tasks = base
        .tasks
        .iter()
        .map(|t| {
            let (Some(o), Some(n)) = (old_by_id.get(t.id.as_str()), new_by_id.get(t.id.as_str()))
            else {
                return t.clone();
            };
            let side = |kind| if applied.has(kind) { *n } else { *o };
            let mut task = t.clone();
            for kind in [Kind::Done, Kind::Estimates, Kind::Record, Kind::People] {
                take(kind, &mut task, side(kind));
            }
            take(Kind::Blockers, &mut task, side(Kind::Blockers));
            let (dropped, _, _) = parts(t.status);
            let (_, blocked, _) = parts(side(Kind::Blockers).status);
            let (_, _, work) = parts(side(Kind::Done).status);
            task.status = compose(dropped, blocked, work);
            task
        })
        .collect();
    let people = if applied.has(Kind::People) { new } else { old };
    Manifest {
        project: old.project.clone(),
        calendar: people.calendar.clone(),
        team: people.team.clone(),
        metrics: Vec::new(),
        people: people.people.clone(),
        components: base.components.clone(),
        tasks,
        gates: Vec::new(),
    }
}

fn by_id(m: &Manifest) -> FxHashMap<&str, &Task> {
    m.tasks.iter().map(|t| (t.id.as_str(), t)).collect()
}

/// Two manifests the same for the forecast: equal but for what no figure
/// of it reads — titles, import sources, places in the file, blocker texts,
/// gates, metrics, and whether an open task is blocked (a blocked task is
/// scheduled as if its blocker cleared today; docs/manifest.md, *The
/// forecast*). A replay step between two such manifests moves nothing and is not forecast.
pub fn same_forecast(a: &Manifest, b: &Manifest) -> bool {
    fn key(m: &Manifest) -> Manifest {
        let mut m = m.clone();
        m.gates.clear();
        m.metrics.clear();
        m.project.claimed_span = None;
        for p in &mut m.people {
            p.span = 0..0;
        }
        for c in &mut m.components {
            c.span = 0..0;
        }
        for t in &mut m.tasks {
            t.title.clear();
            t.source = None;
            t.span = 0..0;
            t.blocker = None;
            if t.status == Status::Blocked {
                t.status = Status::Todo;
            }
        }
        m
    }
    key(a) == key(b)
}

/// What changed in each class from `old` to `new`, index-aligned with
/// [`Kind::ALL`] (time: the working days that passed, `passed`).
pub fn changes(old: &Manifest, new: &Manifest, passed: i64) -> [Vec<Change>; 7] {
    let mut out: [Vec<Change>; 7] = Default::default();
    let old_by_id = by_id(old);
    let new_by_id = by_id(new);
    let mut push = |kind: Kind, change: Change| out[kind as usize].push(change);
    for n in &new.tasks {
        let id = n.id.clone();
        let Some(o) = old_by_id.get(n.id.as_str()) else {
            if n.status != Status::Dropped {
                push(Kind::Scope, Change::Added(id));
            }
            continue;
        };
        let (o_dropped, o_blocked, o_work) = parts(o.status);
        let (n_dropped, n_blocked, n_work) = parts(n.status);
        match (o_dropped, n_dropped) {
            (false, true) => push(Kind::Scope, Change::Removed(id.clone())),
            (true, false) => push(Kind::Scope, Change::Added(id.clone())),
            _ => {}
        }
        let links = |m: &Manifest, t: &Task| -> Vec<String> {
            t.depends_on
                .iter()
                .map(|&d| m.tasks[d].id.clone())
                .collect()
        };
        if o.priority != n.priority
            || old.components[o.component].id != new.components[n.component].id
            || links(old, o) != links(new, n)
        {
            push(Kind::Scope, Change::Replanned(id.clone()));
        }
        if n_work != o_work {
            let change = if n_work == Status::Done {
                Change::Done(id.clone())
            } else {
                Change::Progress(id.clone())
            };
            push(Kind::Done, change);
        } else if n.progress != o.progress {
            push(Kind::Done, Change::Progress(id.clone()));
        }
        if n.estimate != o.estimate || n.estimate_text != o.estimate_text {
            push(
                Kind::Estimates,
                Change::Estimate {
                    task: id.clone(),
                    was: written(o),
                    now: written(n),
                },
            );
        }
        if n.owner != o.owner {
            push(Kind::People, Change::Owner(id.clone()));
        }
        let blocked = |t: &Task, flag: bool| flag || t.blocker.is_some();
        match (blocked(o, o_blocked), blocked(n, n_blocked)) {
            (false, true) => push(Kind::Blockers, Change::Blocked(id.clone())),
            (true, false) => push(Kind::Blockers, Change::Unblocked(id.clone())),
            _ if n.blocker != o.blocker || n_blocked != o_blocked => {
                push(Kind::Blockers, Change::Blocked(id.clone()))
            }
            _ => {}
        }
    }
    for o in &old.tasks {
        if !new_by_id.contains_key(o.id.as_str()) && o.status != Status::Dropped {
            push(Kind::Scope, Change::Removed(o.id.clone()));
        }
    }
    record(old, new, &mut out[Kind::Record as usize]);
    people(old, new, &mut out[Kind::People as usize]);
    if passed != 0 {
        out[Kind::Time as usize].push(Change::Passed(passed));
    }
    out
}

/// The record's changes: samples that came, went or moved, most telling
/// (furthest from the estimate) first; then dates that moved no sample.
fn record(old: &Manifest, new: &Manifest, out: &mut Vec<Change>) {
    let ratios = |m: &Manifest| -> FxHashMap<String, f64> {
        calibration::samples(m)
            .into_iter()
            .map(|s| (m.tasks[s.task].id.clone(), s.ratio))
            .collect()
    };
    let (before, after) = (ratios(old), ratios(new));
    let mut samples: Vec<(String, f64)> = new
        .tasks
        .iter()
        .filter_map(|t| {
            let ratio = *after.get(&t.id)?;
            (before.get(&t.id) != Some(&ratio)).then(|| (t.id.clone(), ratio))
        })
        .collect();
    samples.sort_by(|a, b| b.1.ln().abs().total_cmp(&a.1.ln().abs()));
    out.extend(
        samples
            .into_iter()
            .map(|(task, ratio)| Change::Sample { task, ratio }),
    );
    for t in &old.tasks {
        if before.contains_key(&t.id) && !after.contains_key(&t.id) {
            out.push(Change::LeftRecord(t.id.clone()));
        }
    }
    let old_by_id = by_id(old);
    for n in &new.tasks {
        let Some(o) = old_by_id.get(n.id.as_str()) else {
            continue;
        };
        let dates = (o.started, o.done, o.actual, o.calibrate)
            != (n.started, n.done, n.actual, n.calibrate);
        if dates && before.get(&n.id) == after.get(&n.id) {
            out.push(Change::Dates(n.id.clone()));
        }
    }
}

/// People's changes: each person added, removed or with another focus or
/// days away; the headcount and the team's focus; the calendar.
fn people(old: &Manifest, new: &Manifest, out: &mut Vec<Change>) {
    for n in &new.people {
        let Some(o) = old.people.iter().find(|o| o.id == n.id) else {
            out.push(Change::Joined(n.id.clone()));
            continue;
        };
        let (was, now) = (
            o.focus.unwrap_or(old.team.focus),
            n.focus.unwrap_or(new.team.focus),
        );
        if was != now {
            out.push(Change::Focus {
                person: n.id.clone(),
                was,
                now,
            });
        }
        if o.away != n.away {
            out.push(Change::Away(n.id.clone()));
        }
    }
    for o in &old.people {
        if !new.people.iter().any(|n| n.id == o.id) {
            out.push(Change::Left(o.id.clone()));
        }
    }
    if old.team.people != new.team.people {
        out.push(Change::Headcount {
            was: old.team.people,
            now: new.team.people,
        });
    }
    if old.team.focus != new.team.focus {
        out.push(Change::TeamFocus {
            was: old.team.focus,
            now: new.team.focus,
        });
    }
    if old.calendar.workdays != new.calendar.workdays
        || old.calendar.holidays != new.calendar.holidays
    {
        out.push(Change::Calendar);
    }
}

/// An estimate as written (`1-2w`, `4h`), or its days (`3d`, `2-4d`).
fn written(t: &Task) -> Option<String> {
    t.estimate_text.clone().or_else(|| {
        t.estimate.map(|Estimate { low, high }| {
            if low == high {
                format!("{}d", num(low))
            } else {
                format!("{}-{}d", num(low), num(high))
            }
        })
    })
}

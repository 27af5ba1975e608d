//! What the detail view (`Enter`) shows of one item, whole: a task's title,
//! blocker, dependencies and dependents, dates, owner and place on the
//! critical path; a gate's full detail and what it checks; a component's
//! figures and its tasks; a person's load, finish, days away and the
//! tasks they work in the order they work them. Labelled lines; the dashboard wraps and scrolls
//! them. Built on demand for the one item opened.

use super::figure::{date, days, decimal, percent, plural, working_days};
use super::symbols;
use super::text::clean;
use super::{Item, Tone, View};
use crate::manifest::{Criterion, ManualStatus};
use crate::model::format::num;

/// One labelled line.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailLine {
    /// Empty for a line that continues a list.
    pub label: &'static str,
    pub text: String,
    pub tone: Tone,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    /// `Task api-matrix`
    pub title: String,
    pub lines: Vec<DetailLine>,
}

/// The item's detail; `None` when it is not in this view (gone in a save).
pub fn detail(view: &View, item: &Item) -> Option<Detail> {
    match item {
        Item::Task(id) => task(view, id),
        Item::Gate(id) => gate(view, id),
        Item::Component(id) => component(view, id),
        Item::Person(id) => person(view, id),
    }
}

struct Lines(Vec<DetailLine>);

impl Lines {
    fn add(&mut self, label: &'static str, text: impl Into<String>, tone: Tone) {
        self.0.push(DetailLine {
            label,
            text: text.into(),
            tone,
        });
    }
}

fn task(view: &View, id: &str) -> Option<Detail> {
    let s = &*view.snapshot;
    let m = &s.manifest;
    let row = view.tasks.find(id)?;
    let task = &m.tasks[row.index];
    let mut l = Lines(Vec::new());
    l.add("title", row.title.clone(), Tone::Accent);
    l.add("status", row.label.clone(), row.tone);
    l.add("priority", row.priority.as_str(), Tone::Plain);
    if let Some(c) = view.components.rows.get(row.component) {
        l.add("component", format!("{} ({})", c.name, c.id), Tone::Plain);
    }
    let estimate = if task.estimate.is_some() {
        format!("{} ({})", row.estimate, days(row.days))
    } else {
        format!("none (counted at {})", days(row.days))
    };
    l.add("estimate", estimate, Tone::Plain);
    if !row.progress.is_empty() {
        l.add("progress", row.progress.clone(), Tone::Plain);
    }
    if let Some(left) = &row.left {
        l.add("left", left.clone(), Tone::Plain);
    }
    l.add(
        "owner",
        row.owner.clone().unwrap_or_else(|| "none".to_owned()),
        Tone::Plain,
    );
    if let Some(blocker) = &row.blocker {
        l.add("blocker", blocker.clone(), Tone::Bad);
    }
    if let Some(held) = row.holds_up {
        l.add(
            "holds up",
            format!("{} (its own work and every task waiting on it)", days(held)),
            Tone::Bad,
        );
    }
    let deps = |l: &mut Lines, label, list: &[usize]| {
        if list.is_empty() {
            l.add(label, "none", Tone::Dim);
        }
        for (k, &d) in list.iter().enumerate() {
            let dep = &view.tasks.rows[d];
            l.add(
                if k == 0 { label } else { "" },
                format!("{} {} · {}", dep.symbol, dep.id, dep.title),
                dep.tone,
            );
        }
    };
    deps(&mut l, "depends on", &task.depends_on);
    let dependents: Vec<usize> = m
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.depends_on.contains(&row.index))
        .map(|(i, _)| i)
        .collect();
    deps(&mut l, "dependents", &dependents);
    if let Some(d) = task.started {
        l.add("started", date(d), Tone::Plain);
    }
    if let Some(d) = task.done {
        l.add("done", date(d), Tone::Plain);
    }
    // When the plan at face value finishes it, and who works it.
    if let Some(Some(tf)) = s.forecast.tasks.get(row.index) {
        let by = match s.forecast.person(tf.worker) {
            Some(person) => format!(" (worked by {})", clean(&person.id)),
            None => String::new(),
        };
        let finish = tf
            .finish
            .map_or_else(|| "beyond the calendar".to_owned(), date);
        l.add("finish", format!("{finish} at face value{by}"), Tone::Plain);
    }
    if s.forecast.critical_path.contains(&row.index) {
        l.add(
            "forecast",
            match s.forecast.finish {
                Some(d) => format!(
                    "on the critical path: it sets the plan's finish at face value ({})",
                    date(d)
                ),
                None => "on the critical path".to_owned(),
            },
            Tone::Warn,
        );
    }
    let gates: Vec<String> = m
        .gates
        .iter()
        .filter(|g| matches!(&g.criterion, Criterion::Tasks(t) if t.contains(&row.index)))
        .map(|g| clean(&g.id))
        .collect();
    if !gates.is_empty() {
        l.add("gates", gates.join(", "), Tone::Plain);
    }
    if let Some(line) = row.line {
        l.add("line", line.to_string(), Tone::Dim);
    }
    Some(Detail {
        title: format!("Task {}", row.id),
        lines: l.0,
    })
}

fn gate(view: &View, id: &str) -> Option<Detail> {
    let m = &view.snapshot.manifest;
    let row = view.gates.find(id)?;
    let g = &m.gates[row.index];
    let mut l = Lines(Vec::new());
    l.add("name", row.name.clone(), Tone::Accent);
    l.add("status", row.label.clone(), row.tone);
    l.add("severity", row.severity.as_str(), Tone::Plain);
    // All of it: a gate decided by its tasks names every open one here,
    // where the pane names three.
    let detail =
        crate::model::gates::whole_detail(g, m).map_or_else(|| row.detail.clone(), |d| clean(&d));
    l.add("detail", detail, Tone::Plain);
    let task_ids = |list: &[usize]| {
        list.iter()
            .map(|&t| view.tasks.rows[t].id.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let checks = match &g.criterion {
        Criterion::Tasks(t) => format!("every task done or dropped: {}", task_ids(t)),
        Criterion::Priority(p) => {
            format!("every {} task (or more urgent) done or dropped", p.as_str())
        }
        Criterion::Components(c) => format!(
            "every task of {} done or dropped",
            c.iter()
                .map(|&c| view.components.rows[c].id.clone())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Criterion::Metric { name, min, max } => {
            let mut text = format!("metric {}", clean(name));
            if let Some(min) = min {
                text.push_str(&format!(" ≥ {}", num(*min)));
            }
            if let Some(max) = max {
                text.push_str(&format!(" ≤ {}", num(*max)));
            }
            text
        }
        Criterion::Manual { status, expires } => {
            let status = match status {
                ManualStatus::Pass => "pass",
                ManualStatus::Fail => "fail",
                ManualStatus::Pending => "pending",
            };
            match expires {
                Some(d) => format!("manual sign-off: {status}, until {}", date(*d)),
                None => format!("manual sign-off: {status}"),
            }
        }
        Criterion::Junit {
            pattern,
            min_tests,
            min_pass_rate,
        } => format!(
            "JUnit reports {}: at least {min_tests} tests, pass rate at least {}",
            clean(pattern),
            percent(*min_pass_rate)
        ),
        Criterion::Coverage { path, min } => format!(
            "coverage report {}: line coverage at least {}",
            clean(path),
            percent(*min)
        ),
        Criterion::Command { command, timeout } => format!(
            "command `{}` exits 0 within {} s (runs only with --allow-commands)",
            clean(command),
            timeout.as_secs()
        ),
    };
    l.add("checks", checks, Tone::Plain);
    if let Some(line) = row.line {
        l.add("line", line.to_string(), Tone::Dim);
    }
    Some(Detail {
        title: format!("Gate {}", row.id),
        lines: l.0,
    })
}

fn component(view: &View, id: &str) -> Option<Detail> {
    let row = view.components.find(id)?;
    let mut l = Lines(Vec::new());
    l.add("name", row.name.clone(), Tone::Accent);
    l.add("complete", row.percent.clone(), Tone::Plain);
    let counts = if row.tasks == 0 {
        "no tasks (completion from its `progress`)".to_owned()
    } else {
        format!(
            "{} of {} done, {} blocked",
            row.done, row.tasks, row.blocked
        )
    };
    l.add("tasks", counts, row.tone());
    l.add(
        "owner",
        row.owner.clone().unwrap_or_else(|| "none".to_owned()),
        Tone::Plain,
    );
    l.add("weight", row.weight.clone(), Tone::Plain);
    if let Some(when) = &row.when {
        l.add("forecast", when.clone(), Tone::Plain);
    }
    if let Some(face) = &row.face_value {
        l.add(
            "at face value",
            format!("{face}, every estimate at its midpoint"),
            Tone::Dim,
        );
    }
    if let Some(line) = row.line {
        l.add("line", line.to_string(), Tone::Dim);
    }
    let mut first = true;
    for t in view.tasks.rows.iter().filter(|t| t.component == row.index) {
        let (symbol, tone) = symbols::state(t.state);
        l.add(
            if first { "its tasks" } else { "" },
            format!("{symbol} {} · {}", t.id, t.title),
            tone,
        );
        first = false;
    }
    Some(Detail {
        title: format!("Component {}", row.id),
        lines: l.0,
    })
}

/// A person's record (SPEC §2.2, *Calibration*): their done tasks' ratios,
/// latest first, and whether their open tasks draw from them or from the
/// team's.
fn record(view: &View, id: &str, l: &mut Lines) {
    let s = &view.snapshot;
    let Some(c) = &s.forecast.calibration else {
        return;
    };
    let mine: Vec<&crate::forecast::calibration::Sample> = c
        .records
        .iter()
        .filter(|r| s.manifest.tasks[r.task].owner.as_deref() == Some(id))
        .collect();
    let Some(scope) = c.people.iter().find(|p| p.owner == id) else {
        l.add(
            "record",
            "no done tasks with a record: draws from the team's",
            Tone::Dim,
        );
        return;
    };
    let drawn = if scope.own.is_some() {
        "their open tasks draw from it"
    } else {
        "too few: their open tasks draw from the team's"
    };
    l.add(
        "record",
        format!(
            "{}, median {}× · {drawn}",
            plural(scope.samples, "done task", "done tasks"),
            decimal(scope.median_ratio)
        ),
        Tone::Plain,
    );
    for r in mine.iter().rev().take(RECORD_SHOWN) {
        let t = &s.manifest.tasks[r.task];
        let capped = c
            .capped
            .iter()
            .any(|&(k, _)| std::ptr::eq(&c.records[k], *r));
        l.add(
            "",
            format!(
                "{} took {}× its estimate ({} for {}){}",
                clean(&t.id),
                decimal(r.ratio),
                days(r.effort),
                days(r.estimate),
                if capped {
                    " · drawn as an outlier"
                } else {
                    ""
                }
            ),
            if capped { Tone::Warn } else { Tone::Dim },
        );
    }
    if mine.len() > RECORD_SHOWN {
        l.add(
            "",
            format!("+{} earlier", mine.len() - RECORD_SHOWN),
            Tone::Dim,
        );
    }
}

/// Done tasks of a person's record shown in their view.
const RECORD_SHOWN: usize = 8;

fn person(view: &View, id: &str) -> Option<Detail> {
    let f = &view.snapshot.forecast;
    let row = view.people.find(id)?;
    let member = &f.roster.members[row.index];
    let mut l = Lines(Vec::new());
    if let Some(name) = &row.name {
        l.add("name", name.clone(), Tone::Accent);
    }
    l.add(
        "left",
        format!("{} ({})", row.remaining, row.load),
        Tone::Plain,
    );
    let finish = match f.people[row.index].finish {
        Some(_) => format!("{} ({})", row.finish, super::forecast::FACE_VALUE),
        None => row.finish.clone(),
    };
    l.add("finish", finish, row.tone());
    if row.bottleneck {
        l.add("bottleneck", "their work ends last", Tone::Warn);
    }
    let away = f.people[row.index].away_days;
    l.add(
        "away",
        if away == 0 {
            "no days away before the finish".to_owned()
        } else {
            format!("{} before the finish", working_days(away))
        },
        Tone::Plain,
    );
    for (k, a) in member.away.iter().enumerate() {
        l.add(
            if k == 0 { "days off" } else { "" },
            format!("{} to {}", date(a.from), date(a.to)),
            Tone::Dim,
        );
    }
    if let Some(line) = row.line {
        l.add("line", line.to_string(), Tone::Dim);
    }
    record(view, &member.id, &mut l);
    // The tasks they work, in the order the schedule has them work them.
    let mut theirs: Vec<(f64, usize)> = f
        .tasks
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let t = t.as_ref()?;
            (t.worker.person() == Some(row.index)).then_some((t.start, i))
        })
        .collect();
    theirs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    if theirs.is_empty() {
        l.add("tasks", "none open", Tone::Dim);
    }
    for (k, &(_, i)) in theirs.iter().enumerate() {
        let t = &view.tasks.rows[i];
        let finish = f.tasks[i]
            .and_then(|tf| tf.finish)
            .map_or_else(|| "beyond the calendar".to_owned(), date);
        l.add(
            if k == 0 { "tasks" } else { "" },
            format!("{} {} · {} · finish {finish}", t.symbol, t.id, t.title),
            t.tone,
        );
    }
    Some(Detail {
        title: format!("Person {}", row.id),
        lines: l.0,
    })
}

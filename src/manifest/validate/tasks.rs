//! Task validation (docs/manifest.md, *`[[task]]`* and *Validation*): each
//! `[[task]]` entry's title, component, status, priority, estimate, dates
//! and owner, and `depends_on` resolved to indices once every id is known —
//! unknown tasks, self dependencies and every cycle reported at the edge
//! that closes it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::super::estimate;
use super::super::graph::find_cycles;
use super::super::raw::{RawEstimate, RawTask, S, Text};
use super::super::schema::*;
use super::{IdIndex, MAX_ESTIMATE_DAYS, Refs, Validator, header_span};

impl Validator<'_, '_> {
    /// The tasks, their id spans and their dependencies as written (resolved
    /// by [`Self::dependencies`] once every id is known).
    #[allow(clippy::type_complexity)]
    pub(super) fn tasks<'r>(
        &mut self,
        raw: Vec<S<RawTask<'r>>>,
        calendar: &Calendar,
        refs: &Refs,
    ) -> (Vec<Task>, Vec<Range<usize>>, Vec<Vec<S<Text<'r>>>>) {
        let mut out = Vec::with_capacity(raw.len());
        let mut id_spans = Vec::with_capacity(raw.len());
        let mut written_deps = Vec::with_capacity(raw.len());
        // The first task of each `source`: a re-import updates that one.
        let mut sources: HashMap<String, String> = HashMap::new();
        for entry in raw {
            let span = entry.span();
            let mut t = entry.into_inner();
            let (id, id_span) = self.id(t.id.take(), "task", &span);
            if let Some(source) = &t.source {
                self.source(&id, source, &mut sources);
            }
            written_deps.push(t.depends_on.take().unwrap_or_default());
            out.push(self.task(t, id, span, calendar, refs));
            id_spans.push(id_span);
        }
        (out, id_spans, written_deps)
    }

    /// Resolves `depends_on` to indices, reporting unknown tasks, self
    /// dependencies and every cycle (at the edge that closes it).
    pub(super) fn dependencies(
        &mut self,
        tasks: &[Task],
        task_ids: &IdIndex,
        written: &[Vec<S<Text>>],
        unreadable_tasks: &HashSet<String>,
    ) -> Vec<Vec<usize>> {
        let mut resolved: Vec<Vec<usize>> = Vec::with_capacity(tasks.len());
        for (i, deps) in written.iter().enumerate() {
            let mut ids = Vec::with_capacity(deps.len());
            for dep in deps {
                let name = dep.get_ref().as_str();
                match task_ids.get(name) {
                    Some(&j) if j == i => self.error(
                        format!(
                            "dependency cycle: {id} -> {id} (task `{id}` depends on itself)",
                            id = tasks[i].id
                        ),
                        dep.span(),
                    ),
                    Some(&j) => ids.push(j),
                    None if unreadable_tasks.contains(name) => {}
                    None => {
                        let hint = self.suggest("task", name, task_ids);
                        self.error_help(
                            format!("`depends_on` names unknown task `{name}`"),
                            dep.span(),
                            hint,
                        );
                    }
                }
            }
            resolved.push(ids);
        }
        for cycle in find_cycles(&resolved, 20) {
            let path: Vec<&str> = cycle.path.iter().map(|&t| tasks[t].id.as_str()).collect();
            // A long cycle shows its ends: a 100k-task loop is not a 700 KB line.
            let shown = if path.len() > 12 {
                format!(
                    "{} -> … {} more … -> {}",
                    path[..5].join(" -> "),
                    path.len() - 10,
                    path[path.len() - 5..].join(" -> ")
                )
            } else {
                path.join(" -> ")
            };
            // The closing edge's position among the resolved deps; find it as written.
            let target = &tasks[resolved[cycle.closing_task][cycle.closing_edge]].id;
            let span = written[cycle.closing_task]
                .iter()
                .find(|d| d.get_ref().as_str() == target)
                .map_or_else(|| tasks[cycle.closing_task].span.clone(), |d| d.span());
            self.error(format!("dependency cycle: {shown}"), span);
        }
        resolved
    }

    fn task(
        &mut self,
        t: RawTask,
        id: String,
        span: Range<usize>,
        calendar: &Calendar,
        refs: &Refs,
    ) -> Task {
        let title = match t.title {
            Some(title) => title.into_inner(),
            None => {
                self.error(format!("task `{id}` has no `title`"), header_span(&span));
                String::new()
            }
        };
        let component = match &t.component {
            None => {
                self.error(
                    format!("task `{id}` has no `component`"),
                    header_span(&span),
                );
                None
            }
            Some(c) => match refs.components.get(c.get_ref().as_str()) {
                Some(&i) => Some(i),
                None if refs.unreadable_components.contains(c.get_ref().as_str()) => None,
                None => {
                    let hint = self.suggest("component", c.get_ref(), refs.components);
                    self.error_help(
                        format!("task `{id}` names unknown component `{}`", c.get_ref()),
                        c.span(),
                        hint,
                    );
                    None
                }
            },
        };
        let status = match &t.status {
            None => Some(Status::Todo),
            Some(s) => self.keyword(s, "status", &Status::NAMES, Status::parse),
        };
        let priority = match &t.priority {
            None => Some(Priority::P2),
            Some(p) => self.keyword(p, "priority", &Priority::NAMES, Priority::parse),
        };
        let estimate = t.estimate.as_ref().and_then(|e| {
            let parsed = match e.get_ref() {
                RawEstimate::Days(d) => Ok(Estimate::point(*d)),
                RawEstimate::Text(text) => estimate::parse(text, calendar.hours_per_day),
            };
            let shown = match e.get_ref() {
                RawEstimate::Days(d) => format!("{d:?}"),
                RawEstimate::Text(text) => format!("\"{text}\""),
            };
            match parsed {
                Ok(est) if est.low >= 0.0 && est.high <= MAX_ESTIMATE_DAYS => Some(est),
                Ok(_) => {
                    self.error(
                        format!("bad estimate {shown}: days must be from 0 to {MAX_ESTIMATE_DAYS}"),
                        e.span(),
                    );
                    None
                }
                Err(message) => {
                    self.error(message, e.span());
                    None
                }
            }
        });
        let progress = t
            .progress
            .as_ref()
            .and_then(|p| self.in_range(p, "progress", 0.0, 100.0));
        let started = t.started.as_ref().and_then(|d| self.date(d, "started"));
        let done = t.done.as_ref().and_then(|d| self.date(d, "done"));
        if let (Some(started), Some(done)) = (started, done) {
            // At the task's first line: the warning then sorts the same
            // whatever the order of the task's keys.
            if started > done {
                self.warning(
                    format!("task `{id}` started on {started}, after it was done on {done}"),
                    header_span(&span),
                );
            }
        }
        if let Some(owner) = &t.owner {
            self.owner(&id, owner, refs);
        }
        let blocker_span = t.blocker.as_ref().map(|b| b.span());
        let blocker = t.blocker.map(S::into_inner);
        // With an error already reported the manifest is never built; keep the
        // task anyway so that references to it do not cascade into more errors.
        let status = status.unwrap_or(Status::Todo);
        let priority = priority.unwrap_or(Priority::P2);
        let component = component.unwrap_or(usize::MAX);
        let actual = t
            .actual
            .as_ref()
            .and_then(|a| self.actual(&id, a, status, calendar));
        if let Some(c) = &t.calibrate
            && status != Status::Done
        {
            self.error(
                format!(
                    "task `{id}` has `calibrate` but is not done: only a done task's record can be left out"
                ),
                c.span(),
            );
        }
        let calibrate = t.calibrate.as_ref().is_none_or(|c| *c.get_ref());
        if status == Status::Done {
            if t.done.is_none() {
                let at = t.status.as_ref().map_or(header_span(&span), |s| s.span());
                self.warning(format!("task `{id}` is done but has no `done` date"), at);
            }
            if let Some(at) = blocker_span {
                self.warning(format!("task `{id}` is done but still has a `blocker`"), at);
            }
        }
        Task {
            id,
            title,
            component,
            status,
            priority,
            estimate_text: match t.estimate.map(S::into_inner) {
                Some(RawEstimate::Text(text)) => Some(text.into_owned()),
                _ => None,
            },
            estimate,
            progress,
            depends_on: Vec::new(),
            blocker,
            owner: t.owner.map(S::into_inner),
            started,
            done,
            actual,
            calibrate,
            source: t.source.map(S::into_inner),
            span,
        }
    }
}

//! From the raw model to a [`Manifest`]: every check of docs/manifest.md
//! ("Validation"), each error pointing at the offending value, all of them
//! collected; plus the warnings that need only the manifest (a done task
//! without a date, …).
//!
//! The raw model is consumed: strings move into the manifest, never copied.

use std::collections::HashSet;
use std::ops::Range;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use toml::value::Datetime;

use super::diagnostics::{Diagnostic, SourceMap, written};
use super::load::{RawManifest, did_you_mean};
use super::raw::{RawComponent, S, Text};
use super::schema::*;
use super::suggest::Suggest;

mod evidence;
mod gates;
mod people;
mod source;
mod tasks;

type IdIndex<'a> = FxHashMap<&'a str, usize>;

/// What a task may refer to: components and people, by id.
struct Refs<'r, 'i> {
    components: &'r IdIndex<'i>,
    unreadable_components: &'r HashSet<String>,
    people: &'r IdIndex<'i>,
    people_declared: bool,
    unreadable_people: &'r HashSet<String>,
}

/// Checks the raw model: the manifest when there is no error, and every
/// error and warning found.
pub fn validate(mut raw: RawManifest<'_>, map: &SourceMap) -> (Option<Manifest>, Vec<Diagnostic>) {
    let mut v = Validator {
        diagnostics: Vec::new(),
        map,
        hints: FxHashMap::default(),
    };
    let project = v.project(&raw);
    let calendar = v.calendar(&raw);
    let team = v.team(&raw);
    let metrics = v.metrics(&raw);
    let (people, person_id_spans) = v.people(std::mem::take(&mut raw.people));
    let person_ids = v.index_unique(&people, |p| &p.id, &person_id_spans, "person");
    let (components, component_id_spans) = v.components(std::mem::take(&mut raw.components));
    let component_ids = v.index_unique(&components, |c| &c.id, &component_id_spans, "component");
    let raw_tasks = std::mem::take(&mut raw.tasks);
    let refs = Refs {
        components: &component_ids,
        unreadable_components: &raw.unreadable_component_ids,
        people: &person_ids,
        // With `[[person]]` entries, owners must name one of them.
        people_declared: !people.is_empty() || !raw.unreadable_person_ids.is_empty(),
        unreadable_people: &raw.unreadable_person_ids,
    };
    let (mut tasks, task_id_spans, written_deps) = v.tasks(raw_tasks, &calendar, &refs);
    let task_ids = v.index_unique(&tasks, |t| &t.id, &task_id_spans, "task");
    let resolved = v.dependencies(&tasks, &task_ids, &written_deps, &raw.unreadable_task_ids);
    let gates = v.gates(&raw, &component_ids, &task_ids);
    // With errors, entries may be missing: the warning would mislead.
    if !v.diagnostics.iter().any(Diagnostic::is_error) {
        v.warn_empty_components(&components, &tasks);
        let people_span = raw.team.people.as_ref().map(|p| p.span());
        v.warn_headcount(&team, people_span, &people, &tasks);
    }
    drop((component_ids, task_ids, person_ids));
    for (task, deps) in tasks.iter_mut().zip(resolved) {
        task.depends_on = deps;
    }

    let has_errors = v.diagnostics.iter().any(Diagnostic::is_error);
    let manifest = match (has_errors, project) {
        (false, Some(project)) => Some(Manifest {
            project,
            calendar,
            team,
            metrics,
            people,
            components,
            tasks,
            gates,
        }),
        _ => None,
    };
    (manifest, v.diagnostics)
}

struct Validator<'m, 'a> {
    diagnostics: Vec<Diagnostic>,
    map: &'m SourceMap<'a>,
    /// "Did you mean" indexes of the ids of each kind, built on the first
    /// unknown id of that kind.
    hints: FxHashMap<&'static str, Suggest>,
}

impl Validator<'_, '_> {
    /// A "did you mean" hint for an unknown id of kind `what` among `ids`.
    fn suggest(&mut self, what: &'static str, word: &str, ids: &IdIndex) -> Option<String> {
        self.hints
            .entry(what)
            .or_insert_with(|| Suggest::new(ids.keys().copied()))
            .hint(word)
    }

    /// Id -> index (the first of duplicates), reporting every duplicate at its id.
    fn index_unique<'e, E>(
        &mut self,
        entries: &'e [E],
        id: impl Fn(&'e E) -> &'e String,
        spans: &[Range<usize>],
        what: &str,
    ) -> IdIndex<'e> {
        let mut index = IdIndex::default();
        index.reserve(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            let key = id(entry).as_str();
            if key.is_empty() {
                continue;
            }
            if let Some(&first) = index.get(key) {
                let line = self.map.line(spans[first].start);
                self.error(
                    format!("duplicate {what} id `{key}` (first defined on line {line})"),
                    spans[i].clone(),
                );
            } else {
                index.insert(key, i);
            }
        }
        index
    }
    fn error(&mut self, message: impl Into<String>, span: Range<usize>) {
        self.diagnostics
            .push(Diagnostic::error(message, Some(span)));
    }

    fn error_help(&mut self, message: impl Into<String>, span: Range<usize>, help: Option<String>) {
        self.diagnostics
            .push(Diagnostic::error(message, Some(span)).with_help(help));
    }

    fn warning(&mut self, message: impl Into<String>, span: Range<usize>) {
        self.diagnostics
            .push(Diagnostic::warning(message, Some(span)));
    }

    fn date(&mut self, value: &S<Datetime>, key: &str) -> Option<NaiveDate> {
        let dt = value.get_ref();
        let date = match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }
            _ => None,
        };
        if date.is_none() {
            self.error(
                format!("`{key}` must be a date such as 2026-12-15, without a time"),
                value.span(),
            );
        }
        date
    }

    fn in_range(&mut self, value: &S<f64>, key: &str, low: f64, high: f64) -> Option<f64> {
        let x = *value.get_ref();
        if x.is_finite() && x >= low && x <= high {
            Some(x)
        } else {
            self.error(
                format!("`{key}` must be between {low} and {high}, found {x:?}"),
                value.span(),
            );
            None
        }
    }

    /// The entry's id moved out, with its span; `None` (reported) when missing.
    fn id(
        &mut self,
        id: Option<S<String>>,
        what: &str,
        entry: &Range<usize>,
    ) -> (String, Range<usize>) {
        // A missing id is reported, and the entry checked on with an empty
        // one (which the id index leaves out) so that its other errors show.
        let Some(id) = id else {
            self.error(format!("{what} has no `id`"), header_span(entry));
            return (String::new(), header_span(entry));
        };
        let text = id.get_ref();
        let valid = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !valid {
            self.error(
                format!("{what} id \"{text}\" may hold only letters, digits, '-', '_' and '.'"),
                id.span(),
            );
        }
        let span = id.span();
        (id.into_inner(), span)
    }

    fn project(&mut self, raw: &RawManifest) -> Option<Project> {
        let Some(section) = &raw.project else {
            self.diagnostics.push(Diagnostic::error(
                "missing [project] section: add `[project]` with `name = \"…\"`",
                Some(0..0),
            ));
            return None;
        };
        let p = section.get_ref();
        let name = match &p.name {
            Some(name) => name.get_ref().clone(),
            None => {
                self.error("[project] has no `name`", header_span(&section.span()));
                String::new()
            }
        };
        let target = p.target.as_ref().and_then(|t| self.date(t, "target"));
        let claimed = p
            .claimed
            .as_ref()
            .and_then(|c| self.in_range(c, "claimed", 0.0, 100.0));
        Some(Project {
            name,
            version: p.version.as_ref().map(|v| v.get_ref().clone()),
            target,
            claimed,
            claimed_span: p.claimed.as_ref().map(|c| c.span()),
        })
    }

    fn calendar(&mut self, raw: &RawManifest) -> Calendar {
        let c = &raw.calendar;
        let mut calendar = Calendar::default();
        if let Some(days) = &c.workdays {
            calendar.workdays = [false; 7];
            for day in days.get_ref() {
                match weekday(day.get_ref()) {
                    Some(i) => calendar.workdays[i] = true,
                    None => self.error_help(
                        format!("unknown weekday \"{}\" in `workdays`", day.get_ref()),
                        day.span(),
                        did_you_mean(&day.get_ref().to_ascii_lowercase(), WEEKDAYS)
                            .or(Some("use mon, tue, wed, thu, fri, sat, sun".into())),
                    ),
                }
            }
            if days.get_ref().is_empty() {
                self.error("`workdays` needs at least one working day", days.span());
            }
        }
        for holiday in c.holidays.iter().flatten() {
            if let Some(date) = self.date(holiday, "holidays") {
                calendar.holidays.insert(date);
            }
        }
        if let Some(h) = &c.hours_per_day {
            if *h.get_ref() > 0.0 && *h.get_ref() <= 24.0 {
                calendar.hours_per_day = *h.get_ref();
            } else {
                self.error(
                    format!(
                        "`hours_per_day` must be more than 0 and at most 24, found {}",
                        written(*h.get_ref())
                    ),
                    h.span(),
                );
            }
        }
        calendar
    }

    fn team(&mut self, raw: &RawManifest) -> Team {
        let t = &raw.team;
        let mut team = Team::default();
        if let Some(people) = &t.people {
            match u32::try_from(*people.get_ref()) {
                Ok(n) if (1..=100_000).contains(&n) => team.people = n,
                _ => self.error(
                    format!(
                        "`people` must be a whole number from 1 to 100000, found {}",
                        people.get_ref()
                    ),
                    people.span(),
                ),
            }
        }
        if let Some(focus) = &t.focus {
            let f = *focus.get_ref();
            if f > 0.0 && f <= 1.0 {
                team.focus = f;
            } else {
                self.error(
                    format!(
                        "`focus` must be more than 0 and at most 1, found {}",
                        written(f)
                    ),
                    focus.span(),
                );
            }
        }
        team
    }

    fn metrics(&mut self, raw: &RawManifest) -> Vec<(String, f64)> {
        let mut metrics = Vec::new();
        for (name, value) in &raw.metrics {
            if value.get_ref().is_finite() {
                metrics.push((name.get_ref().clone(), *value.get_ref()));
            } else {
                self.error(
                    format!("metric `{}` must be a finite number", name.get_ref()),
                    value.span(),
                );
            }
        }
        metrics.sort_by(|a, b| a.0.cmp(&b.0));
        metrics
    }

    fn components(&mut self, raw: Vec<S<RawComponent>>) -> (Vec<Component>, Vec<Range<usize>>) {
        let mut out = Vec::with_capacity(raw.len());
        let mut id_spans = Vec::with_capacity(raw.len());
        for entry in raw {
            let span = entry.span();
            let c = entry.into_inner();
            let (id, id_span) = self.id(c.id, "component", &span);
            let weight = match &c.weight {
                Some(w) if *w.get_ref() > 0.0 && *w.get_ref() <= MAX_WEIGHT => *w.get_ref(),
                Some(w) => {
                    self.error(
                        format!(
                            "`weight` must be more than 0 and at most {MAX_WEIGHT}, found {:?}",
                            w.get_ref()
                        ),
                        w.span(),
                    );
                    1.0
                }
                None => 1.0,
            };
            let progress = c
                .progress
                .as_ref()
                .and_then(|p| self.in_range(p, "progress", 0.0, 100.0));
            out.push(Component {
                name: c.name.map_or_else(|| id.clone(), S::into_inner),
                id,
                weight,
                owner: c.owner.map(S::into_inner),
                progress,
                span,
            });
            id_spans.push(id_span);
        }
        (out, id_spans)
    }

    fn keyword<T>(
        &mut self,
        value: &S<Text>,
        key: &str,
        names: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let parsed = parse(value.get_ref());
        if parsed.is_none() {
            self.error_help(
                format!(
                    "unknown {key} \"{}\", expected one of {}",
                    value.get_ref(),
                    names.join(", ")
                ),
                value.span(),
                did_you_mean(value.get_ref(), names.iter().copied()),
            );
        }
        parsed
    }

    fn warn_empty_components(&mut self, components: &[Component], tasks: &[Task]) {
        // Per component: (tasks, dropped tasks).
        let mut counts = vec![(0usize, 0usize); components.len()];
        for t in tasks {
            if let Some(c) = counts.get_mut(t.component) {
                c.0 += 1;
                c.1 += usize::from(t.status == Status::Dropped);
            }
        }
        for (c, (all, dropped)) in components.iter().zip(counts) {
            if c.progress.is_some() || all > dropped {
                continue;
            }
            let what = if all == 0 {
                "no tasks"
            } else {
                "no tasks left (all dropped)"
            };
            self.warning(
                format!(
                    "component `{}` has {what} and no `progress`: it counts as 0% complete",
                    c.id
                ),
                header_span(&c.span),
            );
        }
    }
}

/// The longest estimate accepted, in days (about 40 years): beyond it a
/// figure is a typo, and the calendar would run past its end.
pub const MAX_ESTIMATE_DAYS: f64 = 10_000.0;

/// The largest component weight accepted.
pub const MAX_WEIGHT: f64 = 1_000_000.0;

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `mon`…`sun` or the full English name, any case; the index from Monday.
fn weekday(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    const FULL: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    WEEKDAYS
        .iter()
        .position(|&d| d == lower)
        .or_else(|| FULL.iter().position(|&d| d == lower))
}

/// The span to point at for an entry as a whole: its first byte (the first
/// key of a `[[task]]`, or the header of an inline table).
fn header_span(entry: &Range<usize>) -> Range<usize> {
    entry.start..entry.start + 1
}

//! People validation (docs/manifest.md, *`[[person]]`* and *Validation*):
//! `[[person]]` entries, a task `owner` that must name one of them when any
//! is declared, `actual` (done tasks only, one figure), and the headcount
//! warning when more people are named than `team.people`.

use std::ops::Range;

use super::super::diagnostics::written;
use super::super::estimate;
use super::super::raw::{RawEstimate, RawPerson, S};
use super::super::schema::*;
use super::{MAX_ESTIMATE_DAYS, Refs, Validator, header_span};

/// How many names a headcount warning lists before "…".
const NAMES_SHOWN: usize = 5;

impl Validator<'_, '_> {
    /// The `[[person]]` entries and their id spans.
    pub(super) fn people(&mut self, raw: Vec<S<RawPerson>>) -> (Vec<Person>, Vec<Range<usize>>) {
        let mut out = Vec::with_capacity(raw.len());
        let mut id_spans = Vec::with_capacity(raw.len());
        for entry in raw {
            let span = entry.span();
            let p = entry.into_inner();
            let (id, id_span) = self.id(p.id, "person", &span);
            let focus = p.focus.as_ref().and_then(|f| {
                let x = *f.get_ref();
                if x > 0.0 && x <= 1.0 {
                    Some(x)
                } else {
                    self.error(
                        format!(
                            "`focus` must be more than 0 and at most 1, found {}",
                            written(x)
                        ),
                        f.span(),
                    );
                    None
                }
            });
            let mut away = Vec::new();
            for range in p.away.into_iter().flat_map(S::into_inner) {
                let range_span = range.span();
                let r = range.get_ref();
                let (Some(from), Some(to)) = (&r.from, &r.to) else {
                    self.error(
                        "an `away` range needs `from` and `to` (inclusive): { from = 2026-12-21, to = 2027-01-01 }",
                        range_span,
                    );
                    continue;
                };
                let (Some(from_date), Some(to_date)) =
                    (self.date(from, "from"), self.date(to, "to"))
                else {
                    continue;
                };
                if to_date < from_date {
                    self.error(
                        format!("`away` range ends on {to_date}, before it starts on {from_date}"),
                        range_span,
                    );
                    continue;
                }
                away.push(Away {
                    from: from_date,
                    to: to_date,
                });
            }
            out.push(Person {
                name: p.name.map_or_else(|| id.clone(), S::into_inner),
                id,
                focus,
                away,
                span,
            });
            id_spans.push(id_span);
        }
        (out, id_spans)
    }

    /// With `[[person]]` declared, a task's `owner` must name one.
    pub(super) fn owner(&mut self, task: &str, owner: &S<String>, refs: &Refs) {
        let name = owner.get_ref().as_str();
        if !refs.people_declared
            || refs.people.contains_key(name)
            || refs.unreadable_people.contains(name)
        {
            return;
        }
        let help = self.suggest("person", name, refs.people).or_else(|| {
            Some(format!(
                "add a [[person]] with id = \"{name}\", or name one of the declared people"
            ))
        });
        self.error_help(
            format!("task `{task}` names `{name}` as its owner, but no [[person]] has that id"),
            owner.span(),
            help,
        );
    }

    /// `actual`: the effort a done task took, in days; one figure.
    pub(super) fn actual(
        &mut self,
        task: &str,
        value: &S<RawEstimate>,
        status: Status,
        calendar: &Calendar,
    ) -> Option<f64> {
        if status != Status::Done {
            self.error(
                format!(
                    "task `{task}` has `actual` but is not done: `actual` is the effort a done task took"
                ),
                value.span(),
            );
            return None;
        }
        let (parsed, shown) = match value.get_ref() {
            RawEstimate::Days(d) => (Ok(Estimate::point(*d)), format!("{d:?}")),
            RawEstimate::Text(text) => (
                estimate::parse(text, calendar.hours_per_day),
                format!("\"{text}\""),
            ),
        };
        match parsed {
            Ok(e) if e.is_range() => {
                self.error(
                    format!(
                        "`actual` {shown} is a range: give the one figure the task took (\"3d\", \"6h\")"
                    ),
                    value.span(),
                );
                None
            }
            Ok(e) if e.low >= 0.0 && e.low <= MAX_ESTIMATE_DAYS => Some(e.low),
            Ok(_) => {
                self.error(
                    format!("bad `actual` {shown}: days must be from 0 to {MAX_ESTIMATE_DAYS}"),
                    value.span(),
                );
                None
            }
            Err(message) => {
                self.error(
                    message.replacen("bad estimate", "bad `actual`", 1),
                    value.span(),
                );
                None
            }
        }
    }

    /// More people named than `team.people`: the headcount is raised to
    /// them, with a warning. The named people are the `[[person]]` entries,
    /// or without any, the distinct owners of open tasks.
    pub(super) fn warn_headcount(
        &mut self,
        team: &Team,
        people_span: Option<Range<usize>>,
        people: &[Person],
        tasks: &[Task],
    ) {
        let headcount = team.people as usize;
        if !people.is_empty() {
            if people.len() <= headcount {
                return;
            }
            let at = people_span.unwrap_or_else(|| header_span(&people[headcount].span));
            self.warning(
                format!(
                    "{} people are declared with [[person]] but `people` in [team] is {headcount}: the headcount is raised to {}",
                    people.len(),
                    people.len()
                ),
                at,
            );
            return;
        }
        // The distinct owners of open tasks, in file order, and the task
        // whose owner first goes past the headcount (its first line, so
        // that the warning sorts the same whatever the order of its keys).
        let mut owners: Vec<&str> = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        let mut first_over = None;
        for task in tasks {
            let open = !matches!(task.status, Status::Done | Status::Dropped);
            let Some(owner) = task.owner.as_deref().filter(|_| open) else {
                continue;
            };
            if seen.insert(owner) {
                owners.push(owner);
                if owners.len() == headcount + 1 {
                    first_over = Some(header_span(&task.span));
                }
            }
        }
        if owners.len() <= headcount {
            return;
        }
        let mut names: Vec<String> = owners
            .iter()
            .take(NAMES_SHOWN)
            .map(|o| format!("`{o}`"))
            .collect();
        if owners.len() > NAMES_SHOWN {
            names.push("…".into());
        }
        let Some(at) = people_span.or(first_over) else {
            return;
        };
        self.warning(
            format!(
                "{} people own open tasks ({}) but `people` in [team] is {headcount}: the headcount is raised to {}",
                owners.len(),
                names.join(", "),
                owners.len()
            ),
            at,
        );
    }
}

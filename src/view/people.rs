//! Who does the work and when each person is through (docs/dashboard.md,
//! "People"): one row a named person — their remaining days of work, when
//! their last task ends, their days away before the plan's finish — and the
//! bottleneck, the person whose work ends last. The People pane, the detail
//! view, presentation mode and the text and markdown reports all word these
//! facts with the phrases made here.

use super::figure::{date, days, percent, plural, working_days};
use super::text::clean;
use super::{SourceLines, Tone};
use crate::forecast::Method;
use crate::model::Snapshot;
use crate::model::format::decimal;

/// One named person, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    /// Index into the forecast's roster (and `Forecast::people`).
    pub index: usize,
    pub id: String,
    /// Their name when it differs from the id.
    pub name: Option<String>,
    /// Σ remaining days of the open tasks they work (for bars).
    pub remaining_days: f64,
    /// `25.1 d left`
    pub remaining: String,
    /// The same in a narrow pane: `25.1 d`.
    pub remaining_short: String,
    /// `2027-01-14`; `nothing left` when they have no open task;
    /// `beyond the calendar` when it ends past the calendar.
    pub finish: String,
    /// `finish 2027-01-14`, `nothing left`, `finish beyond the calendar`.
    pub when: String,
    /// `11 tasks`
    pub tasks: String,
    /// `away 2 working days` before the plan's finish; `None` when 0.
    pub away: Option<String>,
    /// The same in a narrow pane: `2 days off` (beside a finish date,
    /// `2 days away` would read as a finish two days from now).
    pub away_short: Option<String>,
    /// `31.3 working days at 80% focus`
    pub load: String,
    pub bottleneck: bool,
    /// `tomas 25.1 d left · finish 2027-01-14 · away 2 working days`
    pub phrase: String,
    pub line: Option<usize>,
}

impl PersonRow {
    pub fn tone(&self) -> Tone {
        if self.bottleneck {
            Tone::Warn
        } else {
            Tone::Plain
        }
    }
}

/// The named people of the forecast, in roster order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct People {
    pub rows: Vec<PersonRow>,
    /// `bottleneck tomas`
    pub bottleneck: Option<String>,
    /// The largest remaining days of a row (the bars' full length).
    pub most_days: f64,
    /// `3 people` and the anonymous workers beside them: `3 people + 2
    /// unnamed`.
    pub summary: String,
    /// Why there is no row: `no named people: the work goes to 3 unnamed
    /// workers`, or `no schedule by person: the forecast is by throughput`.
    pub empty: String,
}

/// The named people's work in a portfolio's other projects
/// (docs/portfolio.md, "Shared people"), one phrase a person: `sam also
/// works on Beta: 10 d`, `sam also works on Alpha: 5 d (Alpha first)` when
/// that project comes first in the portfolio (so that work is done before
/// this project's); with several, the total and the largest: `sam also
/// works on 12 other projects: 61 d, 30 d of it first (Beta 10 d, Gamma
/// 8 d, Delta 7 d, …)`. Empty outside a portfolio.
pub fn elsewhere(f: &crate::forecast::Forecast) -> Vec<String> {
    f.elsewhere
        .iter()
        .map(|e| {
            let id = clean(&f.roster.members[e.person].id);
            if let [only] = &e.largest[..]
                && e.projects == 1
            {
                let first = if only.before {
                    format!(" ({} first)", only.project)
                } else {
                    String::new()
                };
                return format!(
                    "{id} also works on {}: {}{first}",
                    only.project,
                    days(only.working_days)
                );
            }
            let mut named: Vec<String> = e
                .largest
                .iter()
                .map(|l| format!("{} {}", l.project, days(l.working_days)))
                .collect();
            if e.projects > e.largest.len() {
                named.push("…".to_owned());
            }
            let first = if e.before_working_days > 0.0 {
                format!(", {} of it first", days(e.before_working_days))
            } else {
                String::new()
            };
            format!(
                "{id} also works on {} other projects: {}{first} ({})",
                e.projects,
                days(e.working_days),
                named.join(", ")
            )
        })
        .collect()
}

/// The mark of the bottleneck's row (also in the reports).
pub use super::symbols::BOTTLENECK as BOTTLENECK_MARK;

impl People {
    pub fn of(s: &Snapshot, lines: &SourceLines) -> People {
        let f = &s.forecast;
        // Rows only where the list schedule ran: without estimates (the
        // throughput method) or with nothing left there are no finishes.
        let scheduled = f.method == Method::Estimates;
        let members = if scheduled { f.roster.members.len() } else { 0 };
        let rows: Vec<PersonRow> = f
            .roster
            .members
            .iter()
            .zip(&f.people)
            .take(members)
            .enumerate()
            .map(|(i, (m, p))| {
                let id = clean(&m.id);
                let name = clean(&m.name);
                let finish = if p.tasks == 0 || !scheduled {
                    "nothing left".to_owned()
                } else {
                    p.finish
                        .map_or_else(|| "beyond the calendar".to_owned(), date)
                };
                let remaining = format!("{} left", days(p.remaining_days));
                let away = (p.away_days > 0).then(|| format!("away {}", working_days(p.away_days)));
                let bottleneck = f.bottleneck == Some(i);
                let when = if p.tasks == 0 || !scheduled {
                    finish.clone()
                } else {
                    format!("finish {finish}")
                };
                let mut phrase = format!("{id} {remaining} · {when}");
                if let Some(away) = &away {
                    phrase.push_str(&format!(" · {away}"));
                }
                PersonRow {
                    index: i,
                    name: (name != id).then_some(name),
                    id,
                    remaining_days: p.remaining_days,
                    remaining_short: days(p.remaining_days),
                    remaining,
                    finish,
                    when,
                    tasks: plural(p.tasks, "task", "tasks"),
                    away_short: (p.away_days > 0)
                        .then(|| plural(p.away_days as usize, "day off", "days off")),
                    away,
                    load: format!(
                        "{} working days at {} focus",
                        decimal(p.working_days),
                        percent(m.focus * 100.0)
                    ),
                    bottleneck,
                    phrase,
                    line: lines.people.get(i).copied(),
                }
            })
            .collect();
        let bottleneck = f
            .bottleneck
            .filter(|_| scheduled)
            .and_then(|b| rows.get(b))
            .map(|r| format!("bottleneck {}", r.id));
        let anonymous = f.roster.anonymous() as usize;
        let mut summary = plural(rows.len(), "person", "people");
        if anonymous > 0 {
            summary.push_str(&format!(" + {anonymous} unnamed"));
        }
        let empty = if f.roster.members.is_empty() {
            format!(
                "no named people: the work goes to {}",
                plural(f.headcount as usize, "unnamed worker", "unnamed workers")
            )
        } else {
            format!(
                "no schedule by person: the forecast is by {}",
                f.method.as_str()
            )
        };
        People {
            empty,
            most_days: rows.iter().map(|r| r.remaining_days).fold(0.0, f64::max),
            rows,
            bottleneck,
            summary,
        }
    }

    /// The row of the person with this id.
    pub fn find(&self, id: &str) -> Option<&PersonRow> {
        self.rows.iter().find(|r| r.id == id)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::model::evaluate;
    use crate::view::View;

    fn view(text: &str) -> View {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let s = evaluate(text, today).expect("valid");
        View::build(Arc::new(s), None, Some(text))
    }

    #[test]
    fn each_person_with_the_bottleneck_marked() {
        let v = view(
            r#"
[project]
name = "p"
[team]
people = 3
focus = 1.0
[[person]]
id = "sam"
away = [{ from = 2026-11-24, to = 2026-11-25 }]
[[person]]
id = "ana"
focus = 0.5
[[component]]
id = "c"
name = "C"
[[task]]
id = "a"
title = "A"
component = "c"
estimate = "5d"
owner = "sam"
[[task]]
id = "b"
title = "B"
component = "c"
estimate = "1d"
owner = "ana"
"#,
        );
        let p = &v.people;
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.summary, "2 people + 1 unnamed");
        assert_eq!(p.bottleneck.as_deref(), Some("bottleneck sam"));
        let sam = p.find("sam").unwrap();
        assert!(sam.bottleneck);
        // 5 days of work from Mon 23, away Tue 24 and Wed 25: Mon 23, Thu 26,
        // Fri 27, Mon 30, done Tue 1 December.
        assert_eq!(sam.finish, "2026-12-01");
        assert_eq!(
            sam.phrase,
            "sam 5 d left · finish 2026-12-01 · away 2 working days"
        );
        let ana = p.find("ana").unwrap();
        assert_eq!(ana.load, "2 working days at 50% focus");
        assert_eq!(ana.phrase, "ana 1 d left · finish 2026-11-24");
        assert_eq!(ana.line, Some(10));
    }

    #[test]
    fn nobody_to_list_says_why() {
        let head = "[project]\nname = \"p\"\n[team]\npeople = 3\n\
                    [[component]]\nid = \"c\"\nname = \"C\"\n";
        let task = |id: &str, extra: &str| {
            format!("[[task]]\nid = \"{id}\"\ntitle = \"{id}\"\ncomponent = \"c\"\n{extra}\n")
        };
        // Estimates, no owners: the work goes to the headcount.
        let v = view(&format!("{head}{}", task("a", "estimate = \"2d\"")));
        assert!(v.people.rows.is_empty());
        assert_eq!(
            v.people.empty,
            "no named people: the work goes to 3 unnamed workers"
        );
        assert_eq!(v.people.bottleneck, None);
        // Owners but no estimates: a throughput forecast, no finish by person.
        let mut text = head.to_owned();
        for (k, day) in ["2026-11-16", "2026-11-17", "2026-11-18"]
            .iter()
            .enumerate()
        {
            text.push_str(&task(
                &format!("d{k}"),
                &format!("status = \"done\"\ndone = {day}"),
            ));
        }
        text.push_str(&task("open", "owner = \"sam\""));
        let v = view(&text);
        assert_eq!(
            v.snapshot.forecast.method,
            crate::forecast::Method::Throughput
        );
        assert!(v.people.rows.is_empty());
        assert_eq!(
            v.people.empty,
            "no schedule by person: the forecast is by throughput"
        );
        assert_eq!(v.people.bottleneck, None);
    }
}

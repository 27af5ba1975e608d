//! The view model: every row, count, order and phrase a person sees, made
//! once per snapshot — off the UI thread — so that the dashboard's panes,
//! presentation mode, `check` and the text and markdown reports only lay it
//! out (docs/dashboard.md, "Figures and wording"). Pure: a [`Snapshot`], the
//! file's history when it has been read ([`Standup`]) and the manifest's text
//! (for line numbers) in, a [`View`] out; no terminal, file or clock.
//!
//! One wording per fact: each figure is phrased by one function here
//! ([`figure`] holds the precision rule), and a surface that shows a figure
//! shows that phrase whole or not at all. One order per list: the gates in
//! [`gates::order`], the blockers ranked, the components and tasks in file
//! order (the tasks pane sorts a copy of the indices).

pub mod blockers;
pub mod burnup;
pub mod causes;
pub mod components;
pub mod detail;
pub mod diagnostics;
pub mod figure;
pub mod forecast;
pub mod gates;
pub mod headline;
pub mod people;
pub mod portfolio;
pub mod since;
pub mod symbols;
pub mod tasks;
pub mod text;
pub mod trend;

use std::sync::Arc;

use crate::manifest::SourceMap;
use crate::model::Snapshot;
use crate::standup::Standup;

pub use blockers::{BlockerRow, Blockers};
pub use burnup::BurnUpView;
pub use components::{ComponentRow, Components};
pub use diagnostics::DiagnosticRow;
pub use forecast::ForecastView;
pub use gates::{GateRow, Gates};
pub use headline::Headline;
pub use people::{People, PersonRow};
pub use since::SinceView;
pub use tasks::{TaskRow, Tasks};
pub use trend::TrendView;

/// How a piece of text should stand out; the themes give each a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    Plain,
    /// Secondary: details, units.
    Dim,
    /// Names and headings; work in progress.
    Accent,
    /// Passing, done, on track.
    Good,
    /// Failing, blocked, late.
    Bad,
    /// Unknown, waiting, at risk.
    Warn,
}

/// Where an item is written in the manifest: 1-based lines, by index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceLines {
    pub components: Vec<usize>,
    pub tasks: Vec<usize>,
    pub gates: Vec<usize>,
    /// The `[[person]]` entries (none when the people are the owners).
    pub people: Vec<usize>,
}

impl SourceLines {
    /// The line of each component, task and gate of `s` in `text`.
    pub fn of(s: &Snapshot, text: &str) -> SourceLines {
        let map = SourceMap::new(text);
        let line = |start: usize| map.line_col(start).line;
        let m = &s.manifest;
        SourceLines {
            components: m.components.iter().map(|c| line(c.span.start)).collect(),
            tasks: m.tasks.iter().map(|t| line(t.span.start)).collect(),
            gates: m.gates.iter().map(|g| line(g.span.start)).collect(),
            people: m.people.iter().map(|p| line(p.span.start)).collect(),
        }
    }
}

/// An item that can be opened into a detail view or in the editor, by id
/// (a save that moves it keeps pointing at it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Item {
    Component(String),
    Task(String),
    Gate(String),
    /// A named person, by id.
    Person(String),
}

/// Everything shown of one snapshot.
#[derive(Debug, Clone)]
pub struct View {
    pub snapshot: Arc<Snapshot>,
    /// The file's history (since, scope over time), once read.
    pub standup: Option<Arc<Standup>>,
    pub lines: Arc<SourceLines>,
    pub headline: Headline,
    pub components: Components,
    pub gates: Gates,
    pub blockers: Blockers,
    pub tasks: Tasks,
    pub forecast: ForecastView,
    pub people: People,
    /// The manifest's warnings, in file order.
    pub warnings: Vec<DiagnosticRow>,
    /// What changed since the last working day, once the history is read.
    pub since: Option<SinceView>,
    /// The burn-up, when there is anything to draw.
    pub burnup: Option<BurnUpView>,
    /// The forecast's history, once read, today's point from this snapshot.
    pub trend: Option<TrendView>,
}

impl View {
    /// The view of a snapshot; `text` is the manifest it was computed from
    /// (for line numbers; without it, items have none).
    pub fn build(
        snapshot: Arc<Snapshot>,
        standup: Option<Arc<Standup>>,
        text: Option<&str>,
    ) -> View {
        let lines = Arc::new(
            text.map(|t| SourceLines::of(&snapshot, t))
                .unwrap_or_default(),
        );
        let warnings = diagnostics::rows(text, &snapshot.warnings);
        View::assemble(snapshot, standup, lines, warnings)
    }

    /// The same snapshot with the file's history read since.
    pub fn with_standup(&self, standup: Option<Arc<Standup>>) -> View {
        View::assemble(
            Arc::clone(&self.snapshot),
            standup,
            Arc::clone(&self.lines),
            self.warnings.clone(),
        )
    }

    fn assemble(
        snapshot: Arc<Snapshot>,
        standup: Option<Arc<Standup>>,
        lines: Arc<SourceLines>,
        warnings: Vec<DiagnosticRow>,
    ) -> View {
        let s = &*snapshot;
        let gates = Gates::of(s, &lines);
        let tasks = Tasks::of(s, &lines);
        let mut forecast = ForecastView::of(s);
        let people = People::of(s, &lines);
        let headline = Headline::of(s, &gates, &tasks);
        let components = Components::of(s, &lines);
        let blockers = Blockers::of(s, &gates, &tasks);
        let since = standup.as_deref().map(|st| SinceView::of(&st.since, s));
        if let Some(why) = since.as_ref().and_then(|since| since.why.clone()) {
            forecast.insert_since(why);
        }
        let scope = standup.as_deref().map_or(&[][..], |st| &st.scope[..]);
        let burnup = BurnUpView::of(s, scope, &tasks, &forecast);
        let trend = standup
            .as_deref()
            .and_then(|st| st.trend.as_deref())
            .map(|t| {
                let since = standup.as_deref().and_then(|st| {
                    let causes = st.since.causes.as_ref()?;
                    Some((st.since.from, causes))
                });
                TrendView::of(&t.with_today(s, since))
            });
        View {
            headline,
            components,
            gates,
            blockers,
            tasks,
            forecast,
            people,
            warnings,
            since,
            burnup,
            trend,
            standup,
            lines,
            snapshot,
        }
    }

    /// `2 blocked tasks`: the blocked tasks over all components.
    pub fn tasks_blocked_phrase(&self) -> String {
        figure::plural(self.components.blocked, "blocked task", "blocked tasks")
    }

    /// The line an item is written on, if known.
    pub fn line_of(&self, item: &Item) -> Option<usize> {
        let m = &self.snapshot.manifest;
        match item {
            Item::Component(id) => {
                let i = m.components.iter().position(|c| &c.id == id)?;
                self.lines.components.get(i).copied()
            }
            Item::Task(id) => {
                let i = self.tasks.index_of(id)?;
                self.lines.tasks.get(i).copied()
            }
            Item::Gate(id) => {
                let i = m.gates.iter().position(|g| &g.id == id)?;
                self.lines.gates.get(i).copied()
            }
            Item::Person(id) => self.people.find(id)?.line,
        }
    }
}

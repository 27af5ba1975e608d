//! People a portfolio's projects share (docs/portfolio.md, *Shared
//! people*): a `[[person]]` id declared in several manifests is one person,
//! who works the projects in portfolio order. The time earlier projects
//! take ([`Taken`]: in the schedule, and in each trial) is time the person
//! is away from the later ones — a task they are on there pauses over it,
//! as over their own days away — so that every project's finish, in the
//! schedule and in trial k, counts their work on the others in the same
//! trial k. Times are working days from the start of day 0, on one time
//! line for every project (their calendars are taken to agree).

use std::collections::BTreeMap;

/// Sorted, disjoint [from, to) intervals of working-day time.
pub type Intervals = Vec<(f64, f64)>;

/// The time each shared person is taken by the projects before this one.
/// Every id of the map is shared (declared in two or more manifests); an
/// empty entry: nothing before this project takes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Taken {
    pub people: BTreeMap<String, TakenTime>,
}

/// One person's time taken by earlier projects.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TakenTime {
    /// In the deterministic schedule.
    pub plan: Intervals,
    /// In each trial, in trial order; empty when every trial is the plan.
    pub trials: Vec<Intervals>,
}

impl TakenTime {
    /// The time taken in trial `k`.
    pub fn at(&self, k: usize) -> &[(f64, f64)] {
        self.trials.get(k).map_or(&self.plan[..], |t| &t[..])
    }
}

/// One person's work in the portfolio's other projects, as this project's
/// forecast names it: "sam also works on Beta: 10 d". A summary — the
/// totals and the few largest — so that a person on hundreds of projects
/// costs each forecast a few lines, not hundreds.
#[derive(Debug, Clone, PartialEq)]
pub struct Elsewhere {
    /// Index into the forecast's `roster.members`.
    pub person: usize,
    /// Other projects with open work of theirs.
    pub projects: usize,
    /// Their working days of work there (estimate days over their focus),
    /// and its open tasks.
    pub working_days: f64,
    pub tasks: usize,
    /// Of those working days, the ones in projects before this one in the
    /// portfolio: done first.
    pub before_working_days: f64,
    /// The [`NAMED`] largest, most working days first (ties: portfolio
    /// order).
    pub largest: Vec<ElsewhereProject>,
}

/// How many of a person's other projects a forecast names.
pub const NAMED: usize = 3;

/// A person's work in one other project.
#[derive(Debug, Clone, PartialEq)]
pub struct ElsewhereProject {
    /// Its name (unique in the portfolio).
    pub project: String,
    pub working_days: f64,
    pub tasks: usize,
    /// It comes before this one in the portfolio.
    pub before: bool,
}

/// The union of two sets of intervals, sorted and merged (touching
/// intervals join).
pub fn union(a: &[(f64, f64)], b: &[(f64, f64)]) -> Intervals {
    let mut out = Intervals::with_capacity(a.len() + b.len());
    union_into(&mut out, a, b);
    out
}

/// [`union`] into `out` (cleared first), reusing its buffer.
pub fn union_into(out: &mut Intervals, a: &[(f64, f64)], b: &[(f64, f64)]) {
    out.clear();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let next = if j == b.len() || (i < a.len() && a[i].0 <= b[j].0) {
            i += 1;
            a[i - 1]
        } else {
            j += 1;
            b[j - 1]
        };
        if next.1 <= next.0 {
            continue;
        }
        match out.last_mut() {
            Some(last) if next.0 <= last.1 => last.1 = last.1.max(next.1),
            _ => out.push(next),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_union_is_sorted_and_merged() {
        assert_eq!(
            union(
                &[(0.0, 2.0), (5.0, 6.0)],
                &[(1.0, 3.0), (3.0, 4.0), (8.0, 9.0)]
            ),
            vec![(0.0, 4.0), (5.0, 6.0), (8.0, 9.0)]
        );
        assert_eq!(union(&[], &[(1.0, 1.0)]), Vec::<(f64, f64)>::new());
        assert_eq!(union(&[(2.0, 3.0)], &[]), vec![(2.0, 3.0)]);
    }

    #[test]
    fn a_trial_without_its_own_entry_is_the_plan() {
        let t = TakenTime {
            plan: vec![(0.0, 5.0)],
            trials: Vec::new(),
        };
        assert_eq!(t.at(7), &[(0.0, 5.0)]);
    }
}

//! Tests of the roll-up on manifests computed here: per-trial P50/P85, the
//! chance every target is met, bounds from reports, the worst status,
//! false greens and names made unique.

use chrono::NaiveDate;

use super::*;
use crate::model::{self, Options};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

const TODAY: (u32, u32) = (11, 23);

/// A manifest of one task of `estimate`, with `extra` lines in [project].
fn manifest(name: &str, estimate: &str, extra: &str) -> String {
    format!(
        "[project]\nname = \"{name}\"\n{extra}\n[[component]]\nid = \"c\"\n\
         [[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\nestimate = \"{estimate}\"\n"
    )
}

fn computed(text: &str, trials: u32) -> Member {
    let today = day(TODAY.0, TODAY.1);
    let (mut snapshot, pending) =
        model::evaluate_deterministic(text, today, Options::default(), |_| Default::default())
            .expect("valid");
    let by_trial = match pending {
        Some(mut p) => {
            p.set_trials(trials);
            model::complete_by_trial(&mut snapshot, p)
        }
        None => Vec::new(),
    };
    Member {
        path: "x/readiness.toml".into(),
        state: State::Computed(Box::new(Computed {
            snapshot: Arc::new(snapshot),
            standup: None,
            text: Arc::from(text),
            trials: by_trial,
        })),
    }
}

fn failed(kind: FailureKind) -> Member {
    Member::failed("broken/readiness.toml", kind, "line 1: bad")
}

#[test]
fn the_portfolio_finishes_with_its_latest_project_in_each_trial() {
    // Two ranged projects of the same shape: per trial the later of two
    // draws, so the portfolio's P85 is at least either project's and its
    // P50 later than both medians.
    let a = computed(&manifest("A", "5-15d", ""), 500);
    // (Another task id: its draws are keyed to it.)
    let b = computed(&manifest("B", "5-15d", "").replace("\"t\"", "\"u\""), 500);
    let roll = RollUp::of(day(11, 23), vec![a, b]);
    assert_eq!(roll.basis, Basis::Trials);
    let f = |i: usize| roll.figures[i].clone().unwrap();
    let latest_p85 = f(0).p85.max(f(1).p85).unwrap();
    let latest_p50 = f(0).p50.max(f(1).p50).unwrap();
    assert!(roll.p85.unwrap() >= latest_p85);
    assert!(roll.p50.unwrap() >= latest_p50);
    // The trials were drawn apart (seeded by the project): the max of two
    // independent draws has a later median than either.
    assert!(roll.p50.unwrap() > f(0).p50.unwrap().min(f(1).p50.unwrap()));
}

#[test]
fn point_estimates_give_the_latest_finish_and_a_chance_of_all_targets() {
    // 2 and 10 working days from Mon 2026-11-23: Tue 11-24 and Fri 12-04.
    let a = computed(&manifest("A", "2d", "target = 2026-12-31"), 100);
    let b = computed(&manifest("B", "10d", "target = 2026-12-01"), 100);
    let roll = RollUp::of(day(11, 23), vec![a, b]);
    assert_eq!(roll.p50, Some(day(12, 4)));
    assert_eq!(roll.p85, Some(day(12, 4)));
    assert_eq!(roll.figures[0].as_ref().unwrap().chance, Some(1.0));
    assert_eq!(roll.figures[1].as_ref().unwrap().chance, Some(0.0));
    assert_eq!(roll.chance, Some(0.0));
    assert_eq!(roll.completion, Some(0.0));
    assert_eq!(roll.status(), exit::NOT_READY);
}

#[test]
fn a_report_among_the_members_makes_the_figures_bounds() {
    let a = computed(&manifest("A", "2d", "target = 2026-12-31"), 100);
    let text = r#"{"project": {"name": "R", "target": "2026-12-10", "claimed": null},
        "today": "2026-11-23", "completion": 50, "ready": true, "gates": [],
        "forecast": {"method": "estimates", "p50": "2026-12-02", "p85": "2026-12-09", "chance": 0.9}}"#;
    let r = Member {
        path: "ci/r.json".into(),
        state: State::Report(Box::new(report::parse(text).unwrap())),
    };
    let roll = RollUp::of(day(11, 23), vec![a, r]);
    assert_eq!(roll.basis, Basis::Projects);
    assert_eq!(roll.p50, Some(day(12, 2)));
    assert_eq!(roll.p85, Some(day(12, 9)));
    assert_eq!(roll.chance, Some(0.9));
    assert_eq!(roll.completion, Some(25.0));
}

#[test]
fn check_exits_with_the_worst_status() {
    let ready = || computed(&manifest("A", "2d", ""), 10);
    // Not ready: no gates and work left.
    assert_eq!(
        RollUp::of(day(11, 23), vec![ready()]).status(),
        exit::NOT_READY
    );
    let done = manifest("D", "2d", "").replace("estimate", "status = \"done\"\nestimate");
    let all_done = RollUp::of(day(11, 23), vec![computed(&done, 10)]);
    assert_eq!(all_done.status(), exit::OK);
    assert!(all_done.p85.is_none() && all_done.undated.is_none());
    let with_invalid = RollUp::of(
        day(11, 23),
        vec![computed(&done, 10), failed(FailureKind::Invalid)],
    );
    assert_eq!(with_invalid.status(), exit::ERROR);
    assert!(!with_invalid.ready);
    assert_eq!(with_invalid.names[1], "broken");
}

#[test]
fn a_claim_over_the_computed_figure_is_a_false_green() {
    let over = computed(&manifest("A", "2d", "claimed = 80"), 10);
    let under = computed(&manifest("B", "2d", "claimed = 3"), 10);
    let roll = RollUp::of(day(11, 23), vec![over, under]);
    assert!(roll.figures[0].as_ref().unwrap().false_green);
    assert!(!roll.figures[1].as_ref().unwrap().false_green);
}

#[test]
fn duplicate_names_carry_their_folder() {
    let mut a = computed(&manifest("API", "2d", ""), 10);
    let mut b = computed(&manifest("API", "2d", ""), 10);
    a.path = "services/api/readiness.toml".into();
    b.path = "legacy/api/readiness.toml".into();
    let roll = RollUp::of(day(11, 23), vec![a, b]);
    assert_eq!(roll.names, ["API (services/api)", "API (legacy/api)"]);
}

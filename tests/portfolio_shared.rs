//! Shared people in a portfolio (docs/portfolio.md, "Shared people"): a
//! `[[person]]` id declared in several manifests is one person, whose work
//! is queued across the projects in portfolio order — in the schedule and
//! in every trial — with figures computed by hand; the forecast and the
//! reports say so; a later declaration that differs is a warning; a save
//! in one project moves the others it shares people with.

#[path = "common/hermetic.rs"]
mod hermetic;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{Days, NaiveDate};
use readiness::members::{self, Found, Settings};
use readiness::model::Options;
use readiness::portfolio::{Computed, Member, RollUp, State};
use serde_json::Value;
use tempfile::TempDir;

const TODAY: &str = "2026-11-23"; // a Monday: day 0

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A manifest of one task owned by `person`, declared with `declared`
/// extra lines.
fn manifest(name: &str, person: &str, declared: &str, estimate: &str) -> String {
    format!(
        "[project]\nname = \"{name}\"\n\n[[person]]\nid = \"{person}\"\n{declared}\n\
         [[component]]\nid = \"c\"\n\n[[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\n\
         owner = \"{person}\"\nestimate = \"{estimate}\"\n"
    )
}

fn write(dir: &Path, path: &str, text: &str) -> PathBuf {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

/// `readiness report DIR --format FORMAT`'s output.
fn report(dir: &Path, format: &str) -> String {
    let output = hermetic::readiness()
        .args(["report", "--format", format])
        .arg(dir)
        .args(["--today", TODAY])
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn settings() -> Settings {
    Settings {
        today: today(),
        options: Options::exact_trials(500),
        allow_commands: false,
        since: None,
        history: false,
    }
}

fn found(dir: &Path) -> Vec<Found> {
    members::discover(&[dir.to_path_buf()]).unwrap()
}

fn computed(member: &Member) -> &Computed {
    match &member.state {
        State::Computed(c) => c,
        other => panic!("not computed: {other:?}"),
    }
}

/// Alpha and Beta in portfolio order (folders a/ and b/).
fn alpha_beta(alpha: &str, beta: &str, beta_person: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "a/readiness.toml",
        &manifest("Alpha", "sam", "", alpha),
    );
    write(
        dir.path(),
        "b/readiness.toml",
        &manifest("Beta", beta_person, "", beta),
    );
    dir
}

#[test]
fn one_person_on_two_projects_works_them_as_one_queue_not_in_parallel() {
    // sam: 5 d on Alpha, 10 d on Beta, focus 1. Alpha comes first: days
    // 0-4 (Mon 23 to Fri 27 Nov); Beta's 10 d wait for them: days 5-14,
    // finishing Fri 11 Dec — not Fri 4 Dec, as it would alone.
    let dir = alpha_beta("5d", "10d", "sam");
    let members = members::load(&found(dir.path()), settings());
    let (alpha, beta) = (computed(&members[0]), computed(&members[1]));
    let (fa, fb) = (&alpha.snapshot.forecast, &beta.snapshot.forecast);
    assert_eq!(fa.finish, Some(d("2026-11-27")));
    assert_eq!(fa.makespan, Some(5.0));
    assert_eq!(fb.finish, Some(d("2026-12-11")));
    assert_eq!(fb.makespan, Some(15.0));
    assert_eq!(fb.working_days, Some(15));
    // Nothing drawn: every trial is the schedule.
    assert_eq!(
        (fb.p50, fb.p85),
        (Some(d("2026-12-11")), Some(d("2026-12-11")))
    );
    assert!(beta.trials.iter().all(|&t| t == Some(d("2026-12-11"))));
    // sam's load in Beta is still their 10 d there; their finish counts
    // Alpha's work first.
    assert_eq!(fb.people[0].working_days, 10.0);
    assert_eq!(fb.people[0].finish, Some(d("2026-12-11")));
    let roll = RollUp::of(today(), members);
    assert_eq!(roll.p85, Some(d("2026-12-11")));
    let b = roll.bottleneck.expect("a bottleneck");
    assert_eq!((b.person.as_str(), b.project), ("sam", 1));
    assert_eq!(b.finish, d("2026-12-11"));
}

#[test]
fn two_people_of_different_ids_work_in_parallel() {
    let dir = alpha_beta("5d", "10d", "kim");
    let members = members::load(&found(dir.path()), settings());
    let fb = &computed(&members[1]).snapshot.forecast;
    assert_eq!(fb.finish, Some(d("2026-12-04")));
    assert!(fb.elsewhere.is_empty());
}

#[test]
fn in_every_trial_the_later_project_waits_for_the_earlier_ones_draw() {
    // Alpha's 4-6 d is drawn in each trial; Beta's 10 d follow it in the
    // same trial: 10 working days with no holiday are two weeks to the day.
    let dir = alpha_beta("4-6d", "10d", "sam");
    let members = members::load(&found(dir.path()), settings());
    let (alpha, beta) = (computed(&members[0]), computed(&members[1]));
    assert_eq!(alpha.trials.len(), 500);
    assert_eq!(beta.trials.len(), 500);
    let mut differ = false;
    for (a, b) in alpha.trials.iter().zip(&beta.trials) {
        let a = a.expect("a finish");
        assert_eq!(*b, Some(a + Days::new(14)), "trial of Alpha {a}");
        differ |= a != alpha.trials[0].unwrap();
    }
    assert!(differ, "Alpha's draws differ from trial to trial");
    // The deterministic schedule takes Alpha at its midpoint: 5 d, then 10.
    assert_eq!(
        beta.snapshot.forecast.finish,
        Some(d("2026-12-11")),
        "schedule"
    );
}

#[test]
fn three_projects_queue_in_portfolio_order() {
    // sam: 2 d on Alpha, 3 d on Beta, 4 d on Gamma, in that order: they
    // end on days 2, 5 and 9 (Wed 25 Nov, Mon 30 Nov, Thu 3 Dec).
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "a/readiness.toml",
        &manifest("Alpha", "sam", "", "2d"),
    );
    write(
        dir.path(),
        "b/readiness.toml",
        &manifest("Beta", "sam", "", "3d"),
    );
    write(
        dir.path(),
        "c/readiness.toml",
        &manifest("Gamma", "sam", "", "4d"),
    );
    let members = members::load(&found(dir.path()), settings());
    let finish = |i: usize| computed(&members[i]).snapshot.forecast.finish;
    assert_eq!(finish(0), Some(d("2026-11-24")));
    assert_eq!(finish(1), Some(d("2026-11-27")));
    assert_eq!(finish(2), Some(d("2026-12-03")));
    // Beta's forecast names the other two: the total, what comes first,
    // the largest first.
    let beta = &computed(&members[1]).snapshot.forecast;
    assert_eq!(
        readiness::view::people::elsewhere(beta),
        ["sam also works on 2 other projects: 6 d, 2 d of it first (Gamma 4 d, Alpha 2 d)"]
    );
}

#[test]
fn each_forecast_names_the_persons_work_elsewhere_in_every_report() {
    let dir = alpha_beta("5d", "10d", "sam");
    let text = report(dir.path(), "text");
    assert!(
        text.contains("Alpha: sam also works on Beta: 10 d\n"),
        "{text}"
    );
    assert!(
        text.contains("Beta: sam also works on Alpha: 5 d (Alpha first)\n"),
        "{text}"
    );
    // docs/portfolio.md's sample (its first text block) is these lines.
    let docs =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/portfolio.md")).unwrap();
    let section = &docs[docs.find("### Shared people").unwrap()..];
    let start = section.find("```text\n").unwrap() + "```text\n".len();
    let sample = &section[start..start + section[start..].find("```").unwrap()];
    assert!(text.ends_with(sample), "{text}\n---\n{sample}");
    let json: Value = serde_json::from_str(&report(dir.path(), "json")).unwrap();
    let sam = |p: usize| json["projects"][p]["forecast"]["people"][0].clone();
    assert_eq!(
        sam(0)["elsewhere"],
        serde_json::json!({"projects": 1, "working_days": 10.0, "tasks": 1, "before_working_days": 0.0,
            "largest": [{"project": "Beta", "working_days": 10.0, "tasks": 1, "before": false}]})
    );
    assert_eq!(
        sam(1)["elsewhere"],
        serde_json::json!({"projects": 1, "working_days": 5.0, "tasks": 1, "before_working_days": 5.0,
            "largest": [{"project": "Alpha", "working_days": 5.0, "tasks": 1, "before": true}]})
    );
    assert_eq!(json["projects"][1]["forecast"]["finish"], "2026-12-11");
    assert_eq!(json["portfolio"]["p85"], "2026-12-11");
}

#[test]
fn a_later_declaration_that_differs_takes_the_first_and_warns() {
    // Beta declares sam at 50% focus: Alpha's declaration (the team's
    // focus, 1) is used, so Beta still ends on day 15.
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "a/readiness.toml",
        &manifest("Alpha", "sam", "", "5d"),
    );
    write(
        dir.path(),
        "b/readiness.toml",
        &manifest("Beta", "sam", "focus = 0.5", "10d"),
    );
    let members = members::load(&found(dir.path()), settings());
    let beta = &computed(&members[1]).snapshot;
    assert_eq!(beta.forecast.finish, Some(d("2026-12-11")));
    let warning = beta
        .warnings
        .iter()
        .find(|w| w.message.contains("also declared in Alpha"))
        .expect("a warning");
    assert_eq!(
        warning.message,
        "sam is also declared in Alpha, the first project of the portfolio that declares them, with focus 0.5 here, 1 there: Alpha's declaration is used"
    );
    assert!(warning.span.is_some(), "at Beta's [[person]] entry");
}

#[test]
fn a_save_in_one_project_moves_the_ones_that_share_its_people() {
    let dir = alpha_beta("5d", "10d", "sam");
    let found = found(dir.path());
    let arrived: Mutex<Vec<(usize, Member)>> = Mutex::new(Vec::new());
    let mut loaded = members::load_streaming(&found, settings(), |_, _, _| {});
    // Alpha now takes 8 d: Beta ends on day 18 (Wed 16 Dec).
    fs::write(&found[0].path, manifest("Alpha", "sam", "", "8d")).unwrap();
    members::reload(&found, settings(), &mut loaded, &[0], |i, m, complete| {
        assert!(complete);
        arrived.lock().unwrap().push((i, m));
    });
    let mut arrived = arrived.into_inner().unwrap();
    arrived.sort_by_key(|(i, _)| *i);
    let indices: Vec<usize> = arrived.iter().map(|(i, _)| *i).collect();
    assert_eq!(indices, [0, 1]);
    assert_eq!(
        computed(&arrived[1].1).snapshot.forecast.finish,
        Some(d("2026-12-16"))
    );
}

/// Runs git in `dir`, committing (when `date` is given) at that time.
fn git(dir: &Path, args: &[&str], date: Option<&str>) {
    let mut c = hermetic::git(dir);
    c.args(args);
    if let Some(date) = date {
        c.env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date);
    }
    let out = c.output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

#[test]
fn each_row_moves_by_its_own_file_since_the_last_working_day() {
    // Committed on Fri 20 Nov: Alpha 5 d, Beta 10 d, both sam's. Friday's
    // files, alone as of Friday: Alpha Thu 26 Nov, Beta Thu 3 Dec. Today
    // (Mon 23 Nov) Alpha's file says 8 d: Wed 2 Dec, 4 working days later
    // (3 days more work, and a working day gone by with nothing done).
    // Beta's own file, alone, ends Fri 4 Dec: 1 working day later (the day
    // gone by) — its row does not count the 3 days it now also waits for
    // sam's Alpha work (its P85 with them: Wed 16 Dec).
    let dir = alpha_beta("5d", "10d", "sam");
    git(dir.path(), &["init", "-q", "-b", "main"], None);
    git(dir.path(), &["add", "."], None);
    git(
        dir.path(),
        &["commit", "-q", "-m", "Friday"],
        Some("2026-11-20T12:00:00+0000"),
    );
    fs::write(
        dir.path().join("a/readiness.toml"),
        manifest("Alpha", "sam", "", "8d"),
    )
    .unwrap();
    let json: Value = serde_json::from_str(&report(dir.path(), "json")).unwrap();
    let rows = &json["portfolio"]["members"];
    assert_eq!(rows[0]["p85"], "2026-12-02");
    assert_eq!(rows[0]["moved_days"], 4);
    assert_eq!(rows[1]["p85"], "2026-12-16");
    assert_eq!(rows[1]["moved_days"], 1);
    let text = report(dir.path(), "text");
    let alpha = text.lines().find(|l| l.starts_with("Alpha ")).unwrap();
    assert!(alpha.ends_with("+4 wd"), "{text}");
}

#[test]
fn a_save_that_breaks_the_earlier_project_frees_the_person_for_the_later() {
    // Alpha no longer loads: its row says why, and Beta, no longer waiting
    // for sam's Alpha work, ends on day 10 (Fri 4 Dec).
    let dir = alpha_beta("5d", "10d", "sam");
    let found = found(dir.path());
    let mut loaded = members::load_streaming(&found, settings(), |_, _, _| {});
    fs::write(&found[0].path, "[project]\nname = \"Alpha\"\nbogus = 1\n").unwrap();
    let arrived: Mutex<Vec<(usize, Member)>> = Mutex::new(Vec::new());
    members::reload(&found, settings(), &mut loaded, &[0], |i, m, _| {
        arrived.lock().unwrap().push((i, m));
    });
    let mut arrived = arrived.into_inner().unwrap();
    arrived.sort_by_key(|(i, _)| *i);
    assert_eq!(arrived.len(), 2);
    assert!(matches!(&arrived[0].1.state, State::Failed(_)));
    let beta = &computed(&arrived[1].1).snapshot.forecast;
    assert_eq!(beta.finish, Some(d("2026-12-04")));
    assert!(beta.elsewhere.is_empty());
}

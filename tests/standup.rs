//! Standup mode against real git repositories: throw-away repositories with
//! dated commits (`GIT_AUTHOR_DATE`, `GIT_COMMITTER_DATE`) across a weekend
//! and a holiday; the git shell on its own ([`readiness::history::git`]);
//! every `since` field through [`readiness::history`]; uncommitted changes, a
//! renamed file, no commit before the day, no repository and no git; and the
//! command line's JSON, markdown and text reports with `since`.
//!
//! Commits are made at noon UTC, so the day they fall on is the same in every
//! time zone within ±11 hours; the command line runs with `TZ=UTC`.

use chrono::NaiveDate;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

use readiness::history::{self, git};
use readiness::model::Options;
use readiness::standup::Source;

#[path = "common/hermetic.rs"]
mod hermetic;
#[path = "common/tools.rs"]
mod tools;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// A throw-away repository.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Repo {
        // The history is read in this process: its midnight is UTC too.
        hermetic::utc_in_process();
        let repo = Repo {
            dir: TempDir::new().expect("temp dir"),
        };
        repo.git(&["init", "-q", "-b", "main"], None);
        repo
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn git(&self, args: &[&str], date: Option<&str>) {
        let mut c = hermetic::git(self.dir.path());
        c.args(args);
        if let Some(date) = date {
            c.env("GIT_AUTHOR_DATE", date)
                .env("GIT_COMMITTER_DATE", date);
        }
        let out = c.output().expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Writes `name` and commits it at noon UTC on `day`.
    fn commit(&self, name: &str, text: &str, day: &str) {
        fs::write(self.path(name), text).expect("write");
        self.git(&["add", name], None);
        let date = format!("{day}T12:00:00+0000");
        self.git(
            &["commit", "-q", "-m", &format!("{name} on {day}")],
            Some(&date),
        );
    }

    fn head(&self) -> String {
        let out = hermetic::git(self.dir.path())
            .args(["rev-parse", "HEAD"])
            .output()
            .expect("git");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }
}

/// Thanksgiving (Thu 2026-11-26) is a holiday.
const BASE: &str = r#"[project]
name = "Standup"
target = 2026-12-18

[calendar]
holidays = [2026-11-26]

[metrics]
coverage = 60

[[component]]
id = "app"

[[task]]
id = "a"
title = "Login"
component = "app"
status = "done"
done = 2026-11-18
estimate = 1

[[task]]
id = "b"
title = "Search"
component = "app"
status = "doing"
estimate = 2

[[task]]
id = "c"
title = "Payments"
component = "app"
blocker = "waiting on keys"
estimate = 3

[[task]]
id = "d"
title = "Receipts"
component = "app"
estimate = 2
depends_on = ["c"]

[[gate]]
id = "b-done"
tasks = ["b"]

[[gate]]
id = "cov"
metric = "coverage"
min = 70
"#;

/// Friday's file with the weekend's and Monday's work: b done, c unblocked,
/// e added and blocked, coverage up.
fn monday() -> String {
    BASE.replace("coverage = 60", "coverage = 75")
        .replace(
            "status = \"doing\"\nestimate = 2",
            "status = \"done\"\ndone = 2026-11-23\nestimate = 2",
        )
        .replace("blocker = \"waiting on keys\"\n", "")
        + "\n[[task]]\nid = \"e\"\ntitle = \"Tax\"\ncomponent = \"app\"\nblocker = \"vendor\"\nestimate = 2\n"
}

/// A Saturday edit: only a title.
fn saturday() -> String {
    BASE.replace("title = \"Login\"", "title = \"Log in\"")
}

fn snapshot(text: &str, today: &str) -> readiness::Snapshot {
    readiness::evaluate(text, d(today)).expect("valid")
}

/// Friday, Saturday (weekend) and Monday commits of readiness.toml.
fn week_repo() -> Repo {
    let repo = Repo::new();
    repo.commit("readiness.toml", BASE, "2026-11-20");
    repo.commit("readiness.toml", &saturday(), "2026-11-21");
    repo.commit("readiness.toml", &monday(), "2026-11-23");
    repo
}

// ---- the git shell alone ----------------------------------------------------

#[test]
fn the_shell_finds_the_last_commit_at_or_before_the_end_of_a_day() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = week_repo();
    let file = git::File::open(&repo.path("readiness.toml")).expect("a repository");
    let friday = file
        .last_before(history::end_of_day(d("2026-11-20")))
        .expect("git works")
        .expect("a commit on Friday");
    assert_eq!(friday.date, d("2026-11-20"));
    assert_eq!(friday.path, "readiness.toml");
    assert_eq!(file.text(&friday).expect("text"), BASE);
    // Sunday's end: Saturday's commit.
    let sunday = file
        .last_before(history::end_of_day(d("2026-11-22")))
        .expect("git works")
        .expect("a commit");
    assert_eq!(sunday.date, d("2026-11-21"));
    // Nothing before Friday.
    assert_eq!(
        file.last_before(history::end_of_day(d("2026-11-19"))),
        Ok(None)
    );
    // All three, newest first, and their texts in one batch.
    let all = file.versions().expect("log");
    assert_eq!(
        all.iter().map(|v| v.date).collect::<Vec<_>>(),
        [d("2026-11-23"), d("2026-11-21"), d("2026-11-20")]
    );
    let texts = file.texts(&all).expect("batch");
    assert_eq!(texts[0].as_deref(), Some(monday().as_str()));
    assert_eq!(texts[2].as_deref(), Some(BASE));
    assert_eq!(file.head(), Some(repo.head()));
}

#[test]
fn the_shell_says_when_there_is_no_repository() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("readiness.toml");
    fs::write(&path, BASE).expect("write");
    let err = git::File::open(&path).expect_err("not a repository");
    assert!(matches!(err, git::GitError::NotARepository(_)), "{err:?}");
}

// ---- since through the shell --------------------------------------------------

#[test]
fn monday_compares_with_friday_across_the_weekend() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = week_repo();
    let path = repo.path("readiness.toml");
    let now = snapshot(&monday(), "2026-11-23");
    let standup = history::standup(&path, &now, Options::default(), None, true);
    let s = &standup.since;
    assert_eq!(s.from, d("2026-11-20"));
    match &s.source {
        Source::Git { path, date, .. } => {
            assert_eq!(path, "readiness.toml");
            assert_eq!(*date, d("2026-11-20"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.done, ["b"]);
    assert_eq!(s.new_blockers.as_deref(), Some(&["e".to_owned()][..]));
    assert_eq!(s.cleared_blockers.as_deref(), Some(&["c".to_owned()][..]));
    let gates: Vec<String> = s
        .gates_changed
        .as_ref()
        .expect("gates")
        .iter()
        .map(|g| format!("{} {:?}->{:?}", g.id, g.old, g.new))
        .collect();
    assert_eq!(
        gates,
        [
            "b-done Some(Fail)->Some(Pass)",
            "cov Some(Fail)->Some(Pass)"
        ]
    );
    assert_eq!(s.added.as_deref(), Some(&["e".to_owned()][..]));
    assert_eq!(s.removed.as_deref(), Some(&[][..]));
    // Friday: 1 of 8 days done; Monday: 3 of 10.
    let change = s.completion_change.expect("compared");
    assert!((change - (30.0 - 12.5)).abs() < 1e-9, "{change}");
    // Friday from Friday: b 2 + c 3 + d 2 = 7 working days, the Thursday
    // holiday skipped → Tue Dec 1. Monday: c 3 + d 2 + e 2 = 7 from Monday
    // → Wed Dec 2: one working day later.
    assert_eq!(s.finish_then, Some(d("2026-12-01")));
    assert_eq!(now.forecast.finish, Some(d("2026-12-02")));
    assert_eq!(s.finish_change_days, Some(1));
    // The scope line: one point a day committed, oldest first.
    let scope: Vec<(NaiveDate, u64)> = standup.scope.iter().map(|p| (p.date, p.scope)).collect();
    assert_eq!(
        scope,
        [
            (d("2026-11-20"), 4),
            (d("2026-11-21"), 4),
            (d("2026-11-23"), 5)
        ]
    );
}

#[test]
fn the_day_after_a_holiday_compares_with_the_day_before_it() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = Repo::new();
    repo.commit("readiness.toml", BASE, "2026-11-24");
    let wednesday = BASE.replace("coverage = 60", "coverage = 65");
    repo.commit("readiness.toml", &wednesday, "2026-11-25");
    // A commit on the holiday is after the end of Wednesday.
    repo.commit("readiness.toml", &monday(), "2026-11-26");
    let now = snapshot(&monday(), "2026-11-27");
    let s = history::standup(
        &repo.path("readiness.toml"),
        &now,
        Options::default(),
        None,
        false,
    )
    .since;
    assert_eq!(s.from, d("2026-11-25"));
    assert!(matches!(&s.source, Source::Git { date, .. } if *date == d("2026-11-25")));
    assert_eq!(s.done, ["b"]);
    // --since goes further back, to Tuesday's commit.
    let s = history::standup(
        &repo.path("readiness.toml"),
        &now,
        Options::default(),
        Some(d("2026-11-24")),
        false,
    )
    .since;
    assert!(matches!(&s.source, Source::Git { date, .. } if *date == d("2026-11-24")));
}

#[test]
fn uncommitted_changes_count_as_now() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = week_repo();
    let path = repo.path("readiness.toml");
    // Unsaved to git: e is unblocked and done in the working tree.
    let edited = monday().replace(
        "blocker = \"vendor\"\nestimate = 2",
        "status = \"done\"\ndone = 2026-11-23\nestimate = 2",
    );
    fs::write(&path, &edited).expect("write");
    let now = snapshot(&edited, "2026-11-23");
    let s = history::standup(&path, &now, Options::default(), None, false).since;
    assert_eq!(s.done, ["b", "e"]);
    assert_eq!(s.new_blockers.as_deref(), Some(&[][..]));
    assert_eq!(s.cleared_blockers.as_deref(), Some(&["c".to_owned()][..]));
}

#[test]
fn a_file_renamed_since_is_followed() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = Repo::new();
    fs::create_dir(repo.path("plan")).expect("mkdir");
    repo.commit("plan/status.toml", BASE, "2026-11-20");
    repo.git(&["mv", "plan/status.toml", "readiness.toml"], None);
    repo.git(
        &["commit", "-q", "-m", "rename"],
        Some("2026-11-23T12:00:00+0000"),
    );
    repo.commit("readiness.toml", &monday(), "2026-11-23");
    let path = repo.path("readiness.toml");
    let now = snapshot(&monday(), "2026-11-23");
    let standup = history::standup(&path, &now, Options::default(), None, true);
    match &standup.since.source {
        Source::Git { path, .. } => assert_eq!(path, "plan/status.toml"),
        other => panic!("{other:?}"),
    }
    assert_eq!(standup.since.done, ["b"]);
    assert_eq!(standup.since.finish_change_days, Some(1));
    assert_eq!(standup.scope.first().map(|p| p.date), Some(d("2026-11-20")));
}

#[test]
fn no_commit_before_the_day_falls_back_to_done_dates() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = Repo::new();
    repo.commit("readiness.toml", &monday(), "2026-11-23");
    let now = snapshot(&monday(), "2026-11-23");
    let s = history::standup(
        &repo.path("readiness.toml"),
        &now,
        Options::default(),
        None,
        false,
    )
    .since;
    assert_eq!(s.done, ["b"]);
    assert_eq!(s.new_blockers, None);
    match &s.source {
        Source::DoneDates { reason } => {
            assert_eq!(reason, "no commit of the file on or before 2026-11-20");
        }
        other => panic!("{other:?}"),
    }
    // A file never committed in a repository: the same.
    fs::write(repo.path("other.toml"), monday()).expect("write");
    let s = history::standup(
        &repo.path("other.toml"),
        &now,
        Options::default(),
        None,
        false,
    )
    .since;
    assert_eq!(s.source.as_str(), "done_dates");
}

#[test]
fn outside_a_repository_only_done_dates_count() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("readiness.toml");
    fs::write(&path, monday()).expect("write");
    let now = snapshot(&monday(), "2026-11-23");
    let s = history::standup(&path, &now, Options::default(), None, true);
    assert_eq!(s.since.done, ["b"]);
    assert_eq!(s.since.finish_change_days, None);
    assert!(s.scope.is_empty());
    match &s.since.source {
        Source::DoneDates { reason } => {
            assert!(
                reason.contains("not in a git repository") || reason.contains("not installed"),
                "{reason}"
            );
        }
        other => panic!("{other:?}"),
    }
}

// ---- the command line --------------------------------------------------------

fn readiness() -> assert_cmd::Command {
    hermetic::readiness()
}

fn run(path: &Path, args: &[&str]) -> String {
    let out = readiness().arg(path).args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The check of the issue: a Friday and a Monday commit, the JSON report on
/// Monday.
#[test]
fn json_report_on_monday_carries_since() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = Repo::new();
    repo.commit("readiness.toml", BASE, "2026-11-20");
    repo.commit("readiness.toml", &monday(), "2026-11-23");
    let out = run(
        &repo.path("readiness.toml"),
        &["report", "--format", "json", "--today", "2026-11-23"],
    );
    let r: Value = serde_json::from_str(&out).expect("json");
    let s = &r["since"];
    assert_eq!(s["from"], "2026-11-20");
    assert_eq!(s["done"], serde_json::json!(["b"]));
    assert_eq!(s["new_blockers"], serde_json::json!(["e"]));
    assert_eq!(s["cleared_blockers"], serde_json::json!(["c"]));
    assert_eq!(s["finish_change_days"], 1);
    assert_eq!(s["source"], "git");
    assert_eq!(s["commit_date"], "2026-11-20");
    assert_eq!(s["finish_then"], "2026-12-01");
    assert_eq!(
        s["gates_changed"][0],
        serde_json::json!({"id": "b-done", "old": "fail", "new": "pass"})
    );
    // 3 of 10 estimated days done on Monday, 1 of 8 on Friday.
    assert!(
        s["completion_change"]
            .as_f64()
            .is_some_and(|c| (c - 17.5).abs() < 1e-9)
    );
}

#[test]
fn json_since_without_git_history() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("readiness.toml");
    fs::write(&path, monday()).expect("write");
    let out = run(
        &path,
        &["report", "--format", "json", "--today", "2026-11-23"],
    );
    let r: Value = serde_json::from_str(&out).expect("json");
    let s = &r["since"];
    assert_eq!(s["from"], "2026-11-20");
    assert_eq!(s["done"], serde_json::json!(["b"]));
    assert_eq!(s["source"], "done_dates");
    for field in [
        "new_blockers",
        "cleared_blockers",
        "finish_change_days",
        "gates_changed",
    ] {
        assert!(s[field].is_null(), "{field}: {}", s[field]);
    }
    assert!(s["note"].is_string());
    // The history is read without git (in-process): no git on PATH
    // changes nothing, and the note says why there is no baseline.
    let empty = TempDir::new().expect("temp dir");
    let out = readiness()
        .env("PATH", empty.path())
        .arg(&path)
        .args(["report", "--format", "json", "--today", "2026-11-23"])
        .output()
        .expect("runs");
    let r: Value = serde_json::from_slice(&out.stdout).expect("json");
    let note = r["since"]["note"].as_str().unwrap_or_default();
    assert!(note.ends_with("is not in a git repository"), "{note}");
}

#[test]
fn markdown_opens_with_the_since_section_and_text_has_it() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = Repo::new();
    repo.commit("readiness.toml", BASE, "2026-11-20");
    repo.commit("readiness.toml", &monday(), "2026-11-23");
    let path = repo.path("readiness.toml");
    let md = run(
        &path,
        &["report", "--format", "markdown", "--today", "2026-11-23"],
    );
    let head: Vec<&str> = md.lines().take(10).collect();
    assert_eq!(head[0], "## Standup — since Fri 2026-11-20");
    assert!(head.contains(&"- 1 done: b"), "{md}");
    assert!(head.contains(&"- 1 new blocked: e"), "{md}");
    assert!(head.contains(&"- 1 unblocked: c"), "{md}");
    assert!(
        md.contains("- the plan at face value 1 working day later (2026-12-01 → 2026-12-02)"),
        "{md}"
    );
    assert!(md.contains("## Standup — release readiness"), "{md}");
    let text = run(&path, &["report", "--today", "2026-11-23"]);
    assert!(
        text.contains("\nSince Fri 2026-11-20 (compared with commit "),
        "{text}"
    );
    assert!(text.contains("\n  1 done: b\n"), "{text}");
    // --since moves the comparison day.
    let json = run(
        &path,
        &[
            "report",
            "--format",
            "json",
            "--today",
            "2026-11-23",
            "--since",
            "2026-11-19",
        ],
    );
    let r: Value = serde_json::from_str(&json).expect("json");
    assert_eq!(r["since"]["from"], "2026-11-19");
    assert_eq!(r["since"]["source"], "done_dates");
}

/// A plan without estimates: the throughput forecast, whose finish is the
/// median Monte Carlo trial. Friday: 3 done of 12; Monday: 5 done.
fn throughput_plan(done: &[&str]) -> String {
    let mut text =
        String::from("[project]\nname = \"Throughput\"\n\n[[component]]\nid = \"app\"\n");
    for i in 0..12 {
        text.push_str(&format!(
            "\n[[task]]\nid = \"t{i}\"\ntitle = \"t{i}\"\ncomponent = \"app\"\n"
        ));
        if let Some(day) = done.get(i) {
            text.push_str(&format!("status = \"done\"\ndone = {day}\n"));
        }
    }
    text
}

/// The regression: `since` was computed from the text evaluated again with
/// one trial, so its finish was not the report's (`finish unchanged
/// (2027-01-15 → 2027-01-20)`). Now it is the printed snapshot's own.
#[test]
fn a_throughput_finish_moves_consistently_with_the_report() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = Repo::new();
    let friday = throughput_plan(&["2026-11-16", "2026-11-17", "2026-11-18"]);
    let monday = throughput_plan(&[
        "2026-11-16",
        "2026-11-17",
        "2026-11-18",
        "2026-11-20",
        "2026-11-20",
    ]);
    repo.commit("readiness.toml", &friday, "2026-11-20");
    repo.commit("readiness.toml", &monday, "2026-11-23");
    let path = repo.path("readiness.toml");
    let r: Value = serde_json::from_str(&run(
        &path,
        &["report", "--format", "json", "--today", "2026-11-23"],
    ))
    .expect("json");
    let s = &r["since"];
    assert_eq!(s["source"], "git", "{s}");
    // The finish the report prints is the one since compares with.
    let now = snapshot(&monday, "2026-11-23");
    let finish = now.forecast.finish.expect("a throughput finish");
    assert!(now.forecast.trials.is_some_and(|t| t > 1));
    let then: NaiveDate = s["finish_then"]
        .as_str()
        .expect("finish then")
        .parse()
        .expect("date");
    let moved =
        readiness::forecast::calendar::working_days_between(&now.manifest.calendar, then, finish);
    assert_eq!(s["finish_change_days"], moved, "{s}");
    let then_alone = snapshot(&friday, "2026-11-20").forecast.finish;
    assert_eq!(Some(then), then_alone);
    // The text report never says "unchanged" between two dates.
    let text = run(&path, &["report", "--today", "2026-11-23"]);
    let line = text
        .lines()
        .find(|l| {
            l.trim_start().starts_with("P50 ")
                && (l.contains("later") || l.contains("earlier") || l.contains("unchanged"))
        })
        .unwrap_or_else(|| panic!("a finish line: {text}"));
    if line.contains("unchanged") {
        assert!(!line.contains('→'), "{line}");
        assert!(line.contains(&finish.to_string()), "{line}");
    } else {
        assert!(line.contains(&format!("{then} → {finish}")), "{line}");
    }
    // With --trials the baseline is drawn the same way as now.
    let r: Value = serde_json::from_str(&run(
        &path,
        &[
            "report",
            "--format",
            "json",
            "--today",
            "2026-11-23",
            "--trials",
            "7",
        ],
    ))
    .expect("json");
    let few = readiness::model::evaluate_with(&monday, d("2026-11-23"), Options::exact_trials(7))
        .expect("valid");
    assert_eq!(
        r["forecast"]["finish"].as_str().map(str::to_owned),
        few.forecast.finish.map(|f| f.to_string()),
        "{}",
        r["forecast"]
    );
}

#[test]
fn render_present_differs_from_the_dashboard_and_shows_the_figures() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = Repo::new();
    repo.commit("readiness.toml", BASE, "2026-11-20");
    repo.commit("readiness.toml", &monday(), "2026-11-23");
    let path = repo.path("readiness.toml");
    let args = [
        "render",
        "--width",
        "100",
        "--height",
        "30",
        "--today",
        "2026-11-23",
    ];
    let normal = run(&path, &args);
    let mut present_args = args.to_vec();
    present_args.push("--present");
    let present = run(&path, &present_args);
    assert_ne!(normal, present);
    assert_eq!(present.lines().count(), 30);
    for needle in [
        "✓ READY",
        "Since Fri 2026-11-20",
        "1 done",
        "1 new blocked",
        "P50 1 working day later",
        "P85 1 working day later",
        "Stuck",
        "Burn-up",
    ] {
        assert!(present.contains(needle), "{needle} in\n{present}");
    }
    // The big digits: 30% in the block font.
    assert!(present.contains("██████  ██████  ██  ██"), "{present}");
    // The plan at face value is for the reports, not the room.
    assert!(!present.contains("face value"), "{present}");
}

// ---- why it moved ----------------------------------------------------------

/// The `since.causes` of a JSON report, with their days checked against
/// the move they split.
fn causes_of(r: &Value) -> Vec<Value> {
    let s = &r["since"];
    let causes = s["causes"].as_array().expect("causes").clone();
    for (days, change) in [
        ("p50_days", "p50_change_days"),
        ("p85_days", "p85_change_days"),
    ] {
        let sum: i64 = causes.iter().map(|c| c[days].as_i64().expect("days")).sum();
        assert_eq!(
            Some(sum),
            s[change].as_i64(),
            "{days} add up to {change}: {s}"
        );
    }
    causes
}

/// A repository whose one commit, on `day`, is the showcase; the
/// manifest's path in it and its text.
fn showcase_repo(day: &str) -> (Repo, PathBuf, String) {
    let showcase = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("readiness.toml"))
        .expect("the showcase");
    let repo = Repo::new();
    repo.commit("readiness.toml", &showcase, day);
    let path = repo.path("readiness.toml");
    (repo, path, showcase)
}

fn cause<'a>(causes: &'a [Value], kind: &str) -> &'a Value {
    causes
        .iter()
        .find(|c| c["kind"] == kind)
        .unwrap_or_else(|| panic!("a {kind} cause in {causes:?}"))
}

/// Four done tasks of sam's at their estimates (too few to calibrate), then
/// two open ones. On Monday `late` is done, started twelve working days
/// before for a three-day estimate: its sample completes the record and
/// moves the P85, and the causes say so.
#[test]
fn one_finished_task_s_record_moves_the_p85_and_is_named() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let mut friday = String::from(
        "[project]\nname = \"Record\"\n\n[[person]]\nid = \"sam\"\n\n[[component]]\nid = \"app\"\n",
    );
    for i in 1..=4 {
        friday.push_str(&format!(
            "\n[[task]]\nid = \"r{i}\"\ntitle = \"r\"\ncomponent = \"app\"\nowner = \"sam\"\n\
             status = \"done\"\nestimate = 2\nstarted = 2026-11-0{i}\ndone = 2026-11-0{}\n",
            i + 1
        ));
    }
    friday.push_str(
        "\n[[task]]\nid = \"late\"\ntitle = \"late\"\ncomponent = \"app\"\nowner = \"sam\"\n\
         status = \"doing\"\nestimate = 3\nstarted = 2026-11-06\n\
         \n[[task]]\nid = \"next\"\ntitle = \"next\"\ncomponent = \"app\"\nowner = \"sam\"\nestimate = \"10-20d\"\n",
    );
    let monday = friday.replace(
        "status = \"doing\"\nestimate = 3\nstarted = 2026-11-06\n",
        "status = \"done\"\nestimate = 3\nstarted = 2026-11-06\ndone = 2026-11-23\n",
    );
    let repo = Repo::new();
    repo.commit("readiness.toml", &friday, "2026-11-20");
    repo.commit("readiness.toml", &monday, "2026-11-23");
    let path = repo.path("readiness.toml");
    let json = run(
        &path,
        &["report", "--format", "json", "--today", "2026-11-23"],
    );
    let r: Value = serde_json::from_str(&json).expect("json");
    let causes = causes_of(&r);
    let record = cause(&causes, "record");
    assert!(record["p85_days"].as_i64() > Some(0), "{record}");
    assert_eq!(record["tasks"], serde_json::json!(["late"]), "{record}");
    let detail = record["detail"].as_str().expect("detail");
    assert!(detail.starts_with("late took "), "{detail}");
    // Finishing it took its work off the plan.
    assert!(cause(&causes, "done")["p85_days"].as_i64() <= Some(0));
    // The record is the largest cause, and the text report leads with it.
    let largest = causes
        .iter()
        .max_by_key(|c| c["p85_days"].as_i64().unwrap_or(0).abs())
        .expect("a cause");
    assert_eq!(largest["kind"], "record");
    let text = run(&path, &["report", "--today", "2026-11-23"]);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("  P85 ") && l.ends_with(':'))
        .unwrap_or_else(|| panic!("a P85 line with its causes:\n{text}"));
    assert!(
        lines[at + 1].starts_with("    +") && lines[at + 1].contains(" the record: late took "),
        "{text}"
    );
}

/// A newcomer's try on the showcase: `sync-server` (started 2026-11-13,
/// estimated 4–6 d) marked done and `billing-tax`'s blocker cleared. The
/// causes split the move by class, in order, and add up: the work done,
/// the record (sync-server's own sample, named), the blocker nothing (the
/// schedule already assumed it cleared) and the day that passed.
#[test]
fn marking_work_done_and_clearing_a_blocker_is_split_into_causes() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let (_repo, path, _) = showcase_repo("2026-12-02");
    for args in [
        &[
            "set",
            "sync-server",
            "--status",
            "done",
            "--today",
            "2026-12-03",
        ][..],
        &[
            "set",
            "billing-tax",
            "--no-blocker",
            "--today",
            "2026-12-03",
        ][..],
    ] {
        readiness().arg(&path).args(args).assert().success();
    }
    let r: Value = serde_json::from_str(&run(
        &path,
        &["report", "--format", "json", "--today", "2026-12-03"],
    ))
    .expect("json");
    let s = &r["since"];
    let causes = causes_of(&r);
    let kinds: Vec<&str> = causes.iter().filter_map(|c| c["kind"].as_str()).collect();
    assert_eq!(kinds, ["done", "record", "blockers", "time"], "{s}");
    assert!(s["finish_change_days"].as_i64() < Some(0), "{s}");
    let record = cause(&causes, "record");
    let detail = record["detail"].as_str().expect("detail");
    assert!(detail.starts_with("sync-server took "), "{detail}");
    assert!(cause(&causes, "done")["p85_days"].as_i64() <= Some(0));
    let blockers = cause(&causes, "blockers");
    assert_eq!(
        (blockers["p85_days"].as_i64(), blockers["detail"].as_str()),
        (Some(0), Some("billing-tax unblocked"))
    );
    assert_eq!(cause(&causes, "time")["detail"], "1 working day passed");
    // Presentation mode shows the move and its largest cause.
    let present = run(
        &path,
        &[
            "render",
            "--present",
            "--width",
            "120",
            "--height",
            "30",
            "--today",
            "2026-12-03",
        ],
    );
    assert!(present.contains(" time: 1 working day passed"), "{present}");
    assert!(!present.contains("face value"), "{present}");
}

/// A title edited (and saved, not yet committed) the same day as the
/// commit it is compared with: no date moves, and there is no cause.
#[test]
fn a_title_only_edit_moves_no_date_and_has_no_cause() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let (_repo, path, showcase) = showcase_repo("2026-12-03");
    let retitled = showcase.replacen("title = \"", "title = \"Renamed: ", 3);
    assert_ne!(retitled, showcase);
    fs::write(&path, &retitled).expect("write");
    let r: Value = serde_json::from_str(&run(
        &path,
        &[
            "report",
            "--format",
            "json",
            "--today",
            "2026-12-03",
            "--since",
            "2026-12-03",
        ],
    ))
    .expect("json");
    let s = &r["since"];
    assert_eq!(s["source"], "git", "{s}");
    assert_eq!(s["p50_change_days"], 0, "{s}");
    assert_eq!(s["p85_change_days"], 0, "{s}");
    assert_eq!(s["finish_change_days"], 0, "{s}");
    assert_eq!(s["p50_then"], r["forecast"]["p50"], "{s}");
    assert_eq!(s["causes"], serde_json::json!([]), "{s}");
    let text = run(
        &path,
        &["report", "--today", "2026-12-03", "--since", "2026-12-03"],
    );
    assert!(text.contains("P85 unchanged"), "{text}");
}

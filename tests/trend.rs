//! `readiness trend` against generated git histories: five weeks of a
//! project's manifest — work done, scope added, estimates changed, comments
//! written, several commits on some days, none on others, an invalid
//! version fixed the next day — where every day's point must equal
//! `report --format json --today DAY` on that day's version, exactly; days
//! before the file existed, deleted, invalid, not UTF-8, over 64 MiB, a
//! thousand versions in one day, a shallow clone and no repository at all
//! are marked, never skipped; the markdown's Mermaid chart holds dates and
//! numbers only, whatever the manifest says.
//!
//! Commits are made at fixed UTC times and the command line runs with
//! `TZ=UTC`, so "the end of a day" is the same wherever the tests run.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::Value;
use tempfile::TempDir;

#[path = "common/hermetic.rs"]
mod hermetic;
#[path = "common/tools.rs"]
mod tools;

/// A throw-away repository of the manifest, committed to at given times.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: TempDir::new().expect("temp dir"),
        };
        repo.git(&["init", "-q", "-b", "main"], None);
        repo
    }

    fn file(&self) -> PathBuf {
        self.dir.path().join("readiness.toml")
    }

    fn git(&self, args: &[&str], date: Option<&str>) -> String {
        git_at(self.dir.path(), args, date)
    }

    /// Writes the manifest and commits it at `when` (`2026-10-05T17:00:00`, UTC).
    fn commit_manifest(&self, text: &str, when: &str) {
        fs::write(self.file(), text).expect("write");
        self.git(&["add", "readiness.toml"], None);
        let date = format!("{when}+0000");
        self.git(
            &["commit", "-q", "-m", &format!("plan at {when}")],
            Some(&date),
        );
    }
}

/// git in `dir` (the hermetic environment, no hooks), at `date` when given;
/// its output, trimmed.
fn git_at(dir: &Path, args: &[&str], date: Option<&str>) -> String {
    let mut c = hermetic::git(dir);
    c.args(["-c", "core.hooksPath=/dev/null"])
        .args(args)
        .stdin(Stdio::null());
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
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// The binary, in the hermetic environment (`TZ=UTC`).
fn readiness() -> assert_cmd::Command {
    hermetic::readiness()
}

fn run_json(args: &[&str]) -> Value {
    let out = readiness().args(args).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

// ---- the generated history -------------------------------------------------

const HEAD: &str = r#"[project]
name = "Trend"
target = 2026-11-27
claimed = 40

[calendar]
holidays = [2026-10-12]

[team]
people = 2

[[component]]
id = "api"

[[component]]
id = "app"
weight = 2
"#;

/// A task of the generated plan.
#[derive(Clone)]
struct Task {
    id: String,
    component: &'static str,
    estimate: String,
    done: Option<String>,
    progress: u32,
    depends_on: Option<String>,
}

fn manifest(tasks: &[Task], claimed: u32, comments: &[String]) -> String {
    let mut out = HEAD.replace("claimed = 40", &format!("claimed = {claimed}"));
    for c in comments {
        out.push_str(&format!("# {c}\n"));
    }
    for t in tasks {
        out.push_str(&format!(
            "\n[[task]]\nid = \"{}\"\ntitle = \"Task {}\"\ncomponent = \"{}\"\nestimate = \"{}\"\n",
            t.id, t.id, t.component, t.estimate
        ));
        if let Some(done) = &t.done {
            out.push_str(&format!("status = \"done\"\ndone = {done}\n"));
        } else if t.progress > 0 {
            out.push_str(&format!("status = \"doing\"\nprogress = {}\n", t.progress));
        }
        if let Some(dep) = &t.depends_on {
            out.push_str(&format!("depends_on = [\"{dep}\"]\n"));
        }
    }
    out
}

/// The working days from Monday 2026-10-05 for five weeks (the holiday on
/// the 12th left out).
fn working_days() -> Vec<chrono::NaiveDate> {
    let mut days = Vec::new();
    let mut d: chrono::NaiveDate = "2026-10-05".parse().expect("date");
    let end: chrono::NaiveDate = "2026-11-06".parse().expect("date");
    while d <= end {
        use chrono::Datelike as _;
        let weekday = d.weekday().number_from_monday();
        if weekday <= 5 && d.to_string() != "2026-10-12" {
            days.push(d);
        }
        d = d.succ_opt().expect("next day");
    }
    days
}

/// Five weeks of the plan: the file first committed on Monday 2026-10-05;
/// then each working day some work done, progress made, scope added every
/// fourth day, an estimate changed every fifth, a comment on most; three
/// commits on every third day, none on the 10th day, and the 7th day's
/// last commit invalid (fixed the next morning). Returns the repository
/// and the working file's text (an uncommitted edit on the last day).
fn generated() -> (Repo, String) {
    let repo = Repo::new();
    let mut tasks: Vec<Task> = (0..12)
        .map(|i| Task {
            id: format!("t{i:02}"),
            component: if i % 3 == 0 { "api" } else { "app" },
            estimate: format!("{}-{}d", 1 + i % 3, 3 + i % 4),
            done: None,
            progress: 0,
            depends_on: (i % 4 == 3).then(|| format!("t{:02}", i - 1)),
        })
        .collect();
    let mut claimed = 40;
    let mut comments: Vec<String> = Vec::new();
    let mut next = 12;
    for (k, day) in working_days().into_iter().enumerate() {
        if k == 9 {
            continue; // no commit this day: yesterday's version holds
        }
        let mut versions = Vec::new();
        // Work done: the first open task, on every other day.
        if k % 2 == 1
            && let Some(t) = tasks.iter_mut().find(|t| t.done.is_none())
        {
            t.done = Some(day.to_string());
        }
        // Progress on the next open one.
        if let Some(t) = tasks.iter_mut().find(|t| t.done.is_none()) {
            t.progress = (t.progress + 30).min(90);
        }
        if k % 3 == 0 {
            // A morning version first (overwritten by the evening's).
            versions.push(manifest(&tasks, claimed, &comments));
        }
        if k % 4 == 2 {
            tasks.push(Task {
                id: format!("t{next:02}"),
                component: "api",
                estimate: "2-4d".into(),
                done: None,
                progress: 0,
                depends_on: None,
            });
            next += 1;
        }
        if k % 5 == 4 {
            let i = k % tasks.len();
            if tasks[i].done.is_none() {
                tasks[i].estimate = format!("{}-{}d", 2 + k % 3, 5 + k % 3);
            }
        }
        if k % 3 != 2 {
            comments.push(format!("note of {day}"));
        }
        claimed = (claimed + 3).min(95);
        versions.push(manifest(&tasks, claimed, &comments));
        if k == 6 {
            // The evening's commit has a typo.
            let last = versions.pop().expect("a version");
            versions.push(last.clone());
            versions.push(last.replace("depends_on", "depend_on"));
        }
        let times = ["08:00:00", "12:00:00", "17:30:00"];
        let first = times.len() - versions.len();
        for (text, time) in versions.iter().zip(&times[first..]) {
            repo.commit_manifest(text, &format!("{day}T{time}"));
        }
    }
    // An edit not yet committed on the last day.
    let now = manifest(&tasks, claimed, &comments)
        .replace(&format!("claimed = {claimed}"), "claimed = 99")
        + "# not committed yet\n";
    fs::write(repo.file(), &now).expect("write");
    (repo, now)
}

/// The figures of a point and of a report that must agree, under the
/// report's names.
fn figures_of_report(report: &Value) -> Vec<(&'static str, Value)> {
    vec![
        ("completion", report["completion"].clone()),
        ("claimed", report["project"]["claimed"].clone()),
        (
            "remaining_tasks",
            report["forecast"]["remaining_tasks"].clone(),
        ),
        (
            "remaining_days",
            report["forecast"]["remaining_days"].clone(),
        ),
        ("p50", report["forecast"]["p50"].clone()),
        ("p85", report["forecast"]["p85"].clone()),
        ("target", report["project"]["target"].clone()),
        ("target_status", report["forecast"]["target_status"].clone()),
        ("chance", report["forecast"]["chance"].clone()),
    ]
}

#[test]
fn each_day_equals_the_report_on_that_days_version() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let (repo, now) = generated();
    let file = repo.file();
    let file_arg = file.to_str().expect("UTF-8 path");
    let json = run_json(&[
        "trend",
        file_arg,
        "--format",
        "json",
        "--today",
        "2026-11-06",
        "--since",
        "2026-09-28",
    ]);
    let days = json["trend"]["days"].as_array().expect("days");
    // Monday 2026-09-28 to Friday 2026-11-06, less the holiday: 29 days.
    assert_eq!(days.len(), 29, "{json:#}");
    assert_eq!(json["trend"]["from"], "2026-09-28");
    assert_eq!(json["trend"]["to"], "2026-11-06");
    // The first week: before the file existed, marked.
    for day in &days[..5] {
        assert_eq!(day["status"], "not_yet", "{day}");
        assert_eq!(day["version"], Value::Null);
        assert_eq!(day["reason"], "before the file existed");
        assert_eq!(day["completion"], Value::Null);
    }
    // The day of the typo: marked with its line; the next day is fine.
    let typo = days
        .iter()
        .find(|d| d["day"] == "2026-10-14")
        .expect("the 7th day");
    assert_eq!(typo["status"], "invalid", "{typo}");
    let reason = typo["reason"].as_str().expect("a reason");
    assert!(reason.contains("unknown key `depend_on`"), "{reason}");
    assert!(reason.starts_with("invalid version: line "), "{reason}");
    assert_eq!(
        days.iter().find(|d| d["day"] == "2026-10-15").expect("day")["status"],
        "ok"
    );
    // The 10th working day had no commit: the 9th's version, forecast anew.
    let ninth = days.iter().find(|d| d["day"] == "2026-10-16").expect("day");
    let tenth = days.iter().find(|d| d["day"] == "2026-10-19").expect("day");
    assert_eq!(ninth["version"], tenth["version"]);
    // The last day is the file as it is now.
    let last = days.last().expect("a day");
    assert_eq!(last["version"], "now");

    // Every day with figures equals the report on its version.
    let scratch = TempDir::new().expect("temp dir");
    let mut compared = 0;
    for day in days.iter().filter(|d| d["status"] == "ok") {
        let date = day["day"].as_str().expect("day");
        let version = day["version"].as_str().expect("version");
        let text = if version == "now" {
            now.clone()
        } else {
            repo.git(&["show", &format!("{version}:readiness.toml")], None) + "\n"
        };
        // Outside the repository: the report reads no history.
        let copy = scratch.path().join(format!("{date}.toml"));
        fs::write(&copy, &text).expect("write");
        let report = run_json(&[
            "report",
            copy.to_str().expect("UTF-8"),
            "--format",
            "json",
            "--today",
            date,
        ]);
        for (name, expected) in figures_of_report(&report) {
            assert_eq!(day[name], expected, "{date} {name}: {day}");
        }
        compared += 1;
    }
    assert_eq!(
        compared, 23,
        "every day from the first commit but the typo's"
    );
    // The history moved: scope was added and work done.
    let p85s: Vec<&Value> = days.iter().map(|d| &d["p85"]).collect();
    assert!(p85s.windows(2).any(|w| w[0] != w[1] && !w[0].is_null()));
    let moved: i64 = days
        .iter()
        .filter_map(|d| d["p85_change_days"].as_i64())
        .map(i64::abs)
        .sum();
    assert!(moved > 0, "{json:#}");
}

/// Each day that moved says why, as `since` would on that day: the causes'
/// days add up to the day's move, and on a day whose working day before
/// has figures they are `report --today DAY`'s `since.causes` on that
/// day's version, checked out (the report compares it with the version at
/// the end of the day before, from the same history).
#[test]
fn each_days_move_has_the_causes_since_gives_that_day() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let (repo, _) = generated();
    let file = repo.file();
    let file_arg = file.to_str().expect("UTF-8 path");
    let json = run_json(&[
        "trend",
        file_arg,
        "--format",
        "json",
        "--today",
        "2026-11-06",
        "--since",
        "2026-10-05",
    ]);
    let days = json["trend"]["days"].as_array().expect("days").clone();
    let mut with_causes = 0;
    let mut compared = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for (k, day) in days.iter().enumerate() {
        let moved = |name: &str| day[name].as_i64().unwrap_or(0);
        let (p50, p85) = (moved("p50_change_days"), moved("p85_change_days"));
        if p50 == 0 && p85 == 0 {
            assert_eq!(day["causes"], Value::Null, "no move, no causes: {day}");
            continue;
        }
        let causes = day["causes"].as_array().expect("a move has causes");
        with_causes += 1;
        let sum = |name: &str| causes.iter().filter_map(|c| c[name].as_i64()).sum::<i64>();
        assert_eq!((sum("p50_days"), sum("p85_days")), (p50, p85), "{day}");
        for c in causes {
            kinds.insert(c["kind"].as_str().expect("kind").to_owned());
            assert!(c["detail"].as_str().is_some_and(|d| !d.is_empty()), "{c}");
        }
        // The day before is the previous working day, with figures, and
        // this day is a commit: the report on it must agree.
        let Some(version) = day["version"].as_str().filter(|v| *v != "now") else {
            continue;
        };
        if k == 0 || days[k - 1]["status"] != "ok" {
            continue;
        }
        repo.git(&["checkout", "-q", "-f", version], None);
        let date = day["day"].as_str().expect("day");
        let report = run_json(&["report", file_arg, "--format", "json", "--today", date]);
        assert_eq!(report["since"]["causes"], day["causes"], "{date}");
        assert_eq!(
            report["since"]["p85_change_days"], day["p85_change_days"],
            "{date}"
        );
        compared += 1;
    }
    assert!(with_causes >= 10, "{with_causes} days moved: {json:#}");
    assert!(compared >= 5, "{compared} days compared with the report");
    // Work was done and scope added: both are named somewhere.
    for kind in ["done", "scope", "time"] {
        assert!(kinds.contains(kind), "{kind} in {kinds:?}");
    }
    // The text names each row's causes and the largest moves' tasks.
    let out = readiness()
        .args([
            "trend",
            file_arg,
            "--today",
            "2026-11-06",
            "--since",
            "2026-10-05",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains(" working days — "), "{text}");
    assert!(text.contains("largest moves of the P85:\n    "), "{text}");
}

// ---- days without a good version ------------------------------------------

/// A small valid plan, `n` marking the version.
fn plan(n: u32) -> String {
    format!(
        "[project]\nname = \"Bad days\"\n\n[[component]]\nid = \"c\"\n\n\
         [[task]]\nid = \"a\"\ntitle = \"A\"\ncomponent = \"c\"\nestimate = \"{n}-{}d\"\n",
        n + 2
    )
}

fn status_by_day(json: &Value) -> Vec<(String, String)> {
    json["trend"]["days"]
        .as_array()
        .expect("days")
        .iter()
        .map(|d| {
            (
                d["day"].as_str().expect("day").to_owned(),
                d["status"].as_str().expect("status").to_owned(),
            )
        })
        .collect()
}

#[test]
fn deleted_not_utf8_huge_and_crowded_days_are_marked() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = Repo::new();
    let file = repo.file();
    repo.commit_manifest(&plan(1), "2026-11-02T12:00:00");
    // Tuesday: deleted.
    fs::remove_file(&file).expect("rm");
    repo.git(&["rm", "-q", "--cached", "readiness.toml"], None);
    repo.git(
        &["commit", "-q", "-m", "gone"],
        Some("2026-11-03T12:00:00+0000"),
    );
    // Wednesday: back, but not UTF-8.
    fs::write(&file, b"[project]\nname = \"\xff\xfe\"\n").expect("write");
    repo.git(&["add", "readiness.toml"], None);
    repo.git(
        &["commit", "-q", "-m", "latin-1"],
        Some("2026-11-04T12:00:00+0000"),
    );
    // Thursday: over 64 MiB (a comment of 65 MiB after a valid plan).
    let mut huge = plan(2).into_bytes();
    huge.extend_from_slice(b"# ");
    huge.resize(65 * 1024 * 1024, b'x');
    huge.push(b'\n');
    fs::write(&file, &huge).expect("write");
    repo.git(&["add", "readiness.toml"], None);
    repo.git(
        &["commit", "-q", "-m", "huge"],
        Some("2026-11-05T12:00:00+0000"),
    );
    // Friday: a thousand versions in one day, the last one valid.
    let mut stream = Vec::new();
    let parent = repo.git(&["rev-parse", "HEAD"], None);
    for i in 0..1000u32 {
        let body = plan(3) + &format!("# version {i}\n");
        let when = 1_793_923_200 + 3600 + 30 * i64::from(i); // 2026-11-06T01:00Z on
        write!(
            stream,
            "commit refs/heads/main\ncommitter t <t@example.com> {when} +0000\ndata 1\nv\n"
        )
        .expect("write");
        if i == 0 {
            writeln!(stream, "from {parent}").expect("write");
        }
        write!(
            stream,
            "M 100644 inline readiness.toml\ndata {}\n{body}\n",
            body.len()
        )
        .expect("write");
    }
    let mut import = hermetic::git(repo.dir.path())
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import");
    import
        .stdin
        .take()
        .expect("stdin")
        .write_all(&stream)
        .expect("feed");
    assert!(import.wait().expect("fast-import").success());
    repo.git(&["reset", "-q", "--hard", "main"], None);

    let json = run_json(&[
        "trend",
        file.to_str().expect("UTF-8"),
        "--format",
        "json",
        "--today",
        "2026-11-09",
        "--since",
        "2026-10-30",
    ]);
    let days = status_by_day(&json);
    let expected = [
        ("2026-10-30", "not_yet"),
        ("2026-11-02", "ok"),
        ("2026-11-03", "deleted"),
        ("2026-11-04", "invalid"),
        ("2026-11-05", "invalid"),
        ("2026-11-06", "ok"),
        ("2026-11-09", "ok"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(days, expected, "{json:#}");
    let reasons: Vec<&str> = json["trend"]["days"]
        .as_array()
        .expect("days")
        .iter()
        .map(|d| d["reason"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(reasons[2], "the file was deleted");
    assert_eq!(reasons[3], "invalid version: not UTF-8 text");
    assert!(
        reasons[4].contains("over the 67108864 byte limit: not read"),
        "{}",
        reasons[4]
    );
    // Friday's point is the last of its thousand versions.
    let friday = &json["trend"]["days"][5];
    let shown = repo.git(
        &[
            "log",
            "-1",
            "--format=%H",
            "--until=2026-11-06T23:59:59+0000",
        ],
        None,
    );
    assert_eq!(friday["version"], shown.as_str());
}

#[test]
fn a_shallow_clone_marks_the_days_beyond_its_boundary() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let origin = Repo::new();
    for (k, day) in ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"]
        .iter()
        .enumerate()
    {
        origin.commit_manifest(&plan(k as u32 + 1), &format!("{day}T12:00:00"));
    }
    let parent = TempDir::new().expect("temp dir");
    let url = format!("file://{}", origin.dir.path().display());
    git_at(
        parent.path(),
        &["clone", "-q", "--depth", "2", &url, "clone"],
        None,
    );
    let file = parent.path().join("clone").join("readiness.toml");
    let json = run_json(&[
        "trend",
        file.to_str().expect("UTF-8"),
        "--format",
        "json",
        "--today",
        "2026-11-06",
        "--since",
        "2026-11-02",
    ]);
    let days = status_by_day(&json);
    let statuses: Vec<&str> = days.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(
        statuses,
        ["shallow", "shallow", "ok", "ok", "ok"],
        "{json:#}"
    );
    assert_eq!(
        json["trend"]["days"][0]["reason"],
        "before the shallow clone's history"
    );
}

#[test]
fn outside_a_repository_only_today_has_figures() {
    let dir = TempDir::new().expect("temp dir");
    let file = dir.path().join("readiness.toml");
    fs::write(&file, plan(1)).expect("write");
    let json = run_json(&[
        "trend",
        file.to_str().expect("UTF-8"),
        "--format",
        "json",
        "--today",
        "2026-11-06",
    ]);
    let days = json["trend"]["days"].as_array().expect("days");
    assert_eq!(days.len(), 30);
    for day in &days[..29] {
        assert_eq!(day["status"], "no_history", "{day}");
        let reason = day["reason"].as_str().expect("reason");
        assert!(reason.contains("is not in a git repository"), "{reason}");
    }
    assert_eq!(days[29]["status"], "ok");
    assert_eq!(days[29]["version"], "now");
    // The trend command marks every day; the report leaves out a trend
    // that would only repeat its own figures.
    let file = file.to_str().expect("UTF-8");
    let report = run_json(&["report", file, "--format", "json", "--today", "2026-11-06"]);
    assert!(report.get("trend").is_none(), "{report}");
    assert!(report.get("forecast").is_some());
    let text = readiness()
        .args(["report", file, "--today", "2026-11-06"])
        .output()
        .expect("runs");
    let text = String::from_utf8(text.stdout).expect("UTF-8");
    assert!(
        text.contains("Forecast") && !text.contains("Trend "),
        "{text}"
    );
}

#[test]
fn a_bad_window_or_an_invalid_file_exits_2() {
    let dir = TempDir::new().expect("temp dir");
    let file = dir.path().join("readiness.toml");
    fs::write(&file, plan(1)).expect("write");
    let out = readiness()
        .args(["trend", file.to_str().expect("UTF-8")])
        .args(["--today", "2026-11-06", "--since", "2026-11-09"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--since 2026-11-09 is after today"), "{err}");
    fs::write(&file, "[project]\nnam = \"x\"\n").expect("write");
    let out = readiness()
        .args(["trend", file.to_str().expect("UTF-8")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

// ---- text and markdown -------------------------------------------------------

/// Manifest text that would be markup, a link, a Mermaid directive or a
/// `click` if it reached the chart.
const HOSTILE: &str = r#"[project]
name = "click A call alert(1) %%{init: {'securityLevel':'loose'}}%% [x](javascript:alert(2))"
target = 2026-11-20

[[component]]
id = "c"
name = "```\nflowchart LR\nclick B href \"javascript:alert(3)\""

[[task]]
id = "a"
title = "line [1, 2] <img src=x onerror=alert(4)> \" --> 99 ``` "
component = "c"
estimate = "2-4d"

[[task]]
id = "b"
title = "%%{init: {'theme':'dark'}}%%"
component = "c"
estimate = "1-3d"
"#;

#[test]
fn the_mermaid_chart_holds_dates_and_numbers_only() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = Repo::new();
    repo.commit_manifest(HOSTILE, "2026-11-02T12:00:00");
    repo.commit_manifest(
        &HOSTILE.replace("estimate = \"2-4d\"", "estimate = \"3-6d\""),
        "2026-11-04T12:00:00",
    );
    for command in ["trend", "report"] {
        let out = readiness()
            .args([command, repo.file().to_str().expect("UTF-8")])
            .args(["--format", "markdown", "--today", "2026-11-06"])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0));
        let md = String::from_utf8(out.stdout).expect("UTF-8");
        chart_holds_dates_and_numbers_only(&md);
    }
}

/// The Mermaid block of a markdown report: a line of dates or of numbers
/// each, nothing else.
fn chart_holds_dates_and_numbers_only(md: &str) {
    let start = md.find("```mermaid\n").expect("a chart") + "```mermaid\n".len();
    let block = &md[start..start + md[start..].find("```").expect("closed")];
    let lines: Vec<&str> = block.lines().collect();
    assert_eq!(lines[0], "xychart-beta", "{block}");
    let date = r"\d{4}-\d{2}-\d{2}";
    let patterns = [
        format!(r#"^    title "Forecast by report day, in days after {date}"$"#),
        r#"^    x-axis \["\d{2}-\d{2}"(, "\d{2}-\d{2}")*\]$"#.to_owned(),
        format!(r#"^    y-axis "days after {date}" -?\d+ --> \d+$"#),
        r"^    line \[-?\d+(, -?\d+)*\]$".to_owned(),
    ];
    let patterns: Vec<regex::Regex> = patterns
        .iter()
        .map(|p| regex::Regex::new(p).expect("regex"))
        .collect();
    for line in &lines[1..] {
        assert!(
            patterns.iter().any(|p| p.is_match(line)),
            "a line of the chart that is not a date or a number: {line:?}"
        );
    }
    // P85, P50, the target and the diagonal; the five report days since
    // the file existed.
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("    line")).count(),
        4
    );
    assert!(lines[2].matches('"').count() == 10, "{}", lines[2]);
    for word in ["click", "javascript", "init", "href", "flowchart", "<img"] {
        assert!(!block.contains(word), "{word} in the chart");
    }
    // The rest of the markdown carries the name escaped, never raw.
    assert!(!md.contains("[x](javascript"), "{md}");
}

#[test]
fn text_lists_every_day_with_its_figures_or_why_not() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = Repo::new();
    repo.commit_manifest(&plan(1), "2026-11-03T12:00:00");
    repo.commit_manifest(&plan(4), "2026-11-05T12:00:00");
    let out = readiness()
        .args(["trend", repo.file().to_str().expect("UTF-8")])
        .args(["--today", "2026-11-06", "--since", "2026-11-02"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Bad days · forecast history", "{text}");
    assert!(
        lines[1].starts_with("Trend 2026-11-02 to 2026-11-06"),
        "{text}"
    );
    assert!(
        text.contains("2026-11-02  —") && text.contains("before the file existed"),
        "{text}"
    );
    assert!(text.contains("P85 +"), "the move on the 5th: {text}");
    assert!(text.contains(" now "), "{text}");
    assert!(
        text.contains("largest moves of the P85:\n    2026-11-05: P85 +"),
        "{text}"
    );
}

#[test]
fn the_json_report_carries_the_trend() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = Repo::new();
    repo.commit_manifest(&plan(1), "2026-11-03T12:00:00");
    repo.commit_manifest(&plan(4), "2026-11-05T12:00:00");
    let file = repo.file();
    let file = file.to_str().expect("UTF-8");
    let report = run_json(&["report", file, "--format", "json", "--today", "2026-11-06"]);
    let trend = run_json(&["trend", file, "--format", "json", "--today", "2026-11-06"]);
    assert_eq!(report["trend"], trend["trend"]);
    assert_eq!(report["trend"]["days"].as_array().map(Vec::len), Some(30));
    // Its last day is the report's own figures.
    let last = &report["trend"]["days"][29];
    assert_eq!(last["completion"], report["completion"]);
    assert_eq!(last["p85"], report["forecast"]["p85"]);
    // And the text report ends with the Trend section.
    let out = readiness()
        .args(["report", file, "--today", "2026-11-06"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains("\nTrend 2026-09-28 to 2026-11-06\n"),
        "{text}"
    );
}

//! Evidence gates end to end (docs/manifest.md, "Gate criteria"): validation of
//! the keys, the pure core's verdicts and details from collected evidence,
//! reading bad files, running commands (never without `--allow-commands`, in
//! the manifest's folder, killed with their children at the timeout), and the
//! CLI on a manifest whose gates read real nextest, pytest, LCOV and Cobertura
//! files.

#[path = "common/hermetic.rs"]
mod hermetic;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use chrono::NaiveDate;
use serde_json::Value;
use tempfile::TempDir;

use readiness::collect::{self, Commands};
use readiness::evidence::{
    CommandEvidence, CommandRun, CoverageFormat, CoverageSummary, Evidence, Exit, FileEvidence,
    JunitSummary,
};
use readiness::model::{GateStatus, evaluate_collecting};
use readiness::{Options, evaluate};

const TODAY: &str = "2026-11-23";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/evidence")
        .join(name)
}

fn readiness() -> assert_cmd::Command {
    hermetic::readiness()
}

const HEAD: &str = "[project]\nname = \"ev\"\n\n[[component]]\nid = \"c\"\n\n";

/// `(status, detail)` of each gate.
fn gates(snapshot: &readiness::Snapshot) -> Vec<(GateStatus, String)> {
    snapshot
        .gates
        .iter()
        .map(|g| (g.status, g.detail.clone()))
        .collect()
}

// ---- validation -------------------------------------------------------------

/// `check` on `text`: exit 2, and each `(line, col, fragment)` as an error.
#[track_caller]
fn expect_errors(text: &str, expected: &[(usize, usize, &str)]) {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("readiness.toml");
    fs::write(&path, text).expect("write");
    let out = readiness()
        .args(["check"])
        .arg(&path)
        .args(["--today", TODAY])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for (line, col, fragment) in expected {
        let header = format!("{}:{line}:{col}: error: ", path.display());
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(&header) && l.contains(fragment)),
            "no `{header}…{fragment}` in:\n{stderr}"
        );
    }
}

#[test]
fn evidence_keys_are_validated_with_positions() {
    let text = format!(
        "{HEAD}[[gate]]
id = \"a\"
junit = \"target/*.xml\"
min_pass_rate = 120
min_tests = -1

[[gate]]
id = \"b\"
coverage = \"lcov.info\"

[[gate]]
id = \"c\"
command = \"true\"
timeout = 0

[[gate]]
id = \"d\"
junit = \"x.xml\"
command = \"true\"

[[gate]]
id = \"e\"
metric = \"m\"
min = 1
timeout = 5
min_tests = 3

[[gate]]
id = \"f\"
junit = \"\"

[[gate]]
id = \"g\"
junit = \"reports/[.xml\"

[[gate]]
id = \"h\"
coverage = \"c.xml\"
min = 101
min_test = 3
"
    );
    expect_errors(
        &text,
        &[
            (
                10,
                17,
                "`min_pass_rate` must be between 0 and 100, found 120.0",
            ),
            (11, 13, "`min_tests` must be a whole number from 0 to"),
            (15, 12, "coverage gate `b` needs `min`"),
            (20, 11, "`timeout` must be more than 0"),
            (25, 11, "gate `d` has 2 criteria (junit, command)"),
            (31, 11, "`timeout` belongs to a `command` gate"),
            (32, 13, "`min_tests` belongs to a `junit` gate"),
            (36, 9, "`junit` is empty"),
            (40, 9, "`junit` is not a valid glob"),
            (45, 7, "`min` must be between 0 and 100"),
            (46, 1, "unknown key `min_test` in [[gate]]"),
        ],
    );
}

#[test]
fn a_gate_without_criterion_names_the_evidence_kinds() {
    expect_errors(
        &format!("{HEAD}[[gate]]\nid = \"x\"\n"),
        &[(7, 1, "`status`, `junit`, `coverage` or `command`")],
    );
}

// ---- the pure core ------------------------------------------------------------

const EVIDENCE_GATES: &str = "[[gate]]
id = \"tests\"
junit = \"reports/*.xml\"
min_pass_rate = 99

[[gate]]
id = \"cov\"
coverage = \"cobertura.xml\"
min = 70

[[gate]]
id = \"lint\"
command = \"cargo clippy\"
";

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000)
}

fn junit(tests: u64, failed: u64, skipped: u64) -> JunitSummary {
    JunitSummary {
        tests,
        failed,
        skipped,
        ..JunitSummary::default()
    }
}

fn evidence(
    files: Vec<(&str, u64, JunitSummary)>,
    percent: f64,
    command: CommandEvidence,
) -> Evidence {
    let junit = files
        .into_iter()
        .map(|(name, age, summary)| FileEvidence {
            name: name.into(),
            modified: Some(now() - Duration::from_secs(age)),
            read: Ok(summary),
        })
        .collect();
    Evidence {
        now: Some(now()),
        junit: BTreeMap::from([("reports/*.xml".to_owned(), Ok(junit))]),
        coverage: BTreeMap::from([(
            "cobertura.xml".to_owned(),
            FileEvidence {
                name: "cobertura.xml".into(),
                modified: Some(now() - Duration::from_secs(3_700)),
                read: Ok(CoverageSummary {
                    format: CoverageFormat::Cobertura,
                    percent,
                    lines: None,
                }),
            },
        )]),
        commands: BTreeMap::from([("cargo clippy".to_owned(), command)]),
    }
}

#[test]
fn evidence_turns_into_status_and_detail() {
    let text = format!("{HEAD}{EVIDENCE_GATES}");
    let ran = CommandEvidence::Ran(CommandRun {
        exit: Exit::Code(0),
        last_line: Some("Finished `dev` profile".into()),
        took: Duration::from_millis(2_400),
        finished: now() - Duration::from_secs(600),
    });
    let e = evidence(
        vec![("reports/unit.xml", 180, junit(550, 2, 0))],
        73.04,
        ran,
    );
    let s = evaluate_collecting(&text, today(), Options::default(), |_| e).expect("valid");
    assert_eq!(
        gates(&s),
        vec![
            (
                GateStatus::Pass,
                "548/550 passed, 2 failed · 3 min ago".into()
            ),
            (
                GateStatus::Pass,
                "coverage 73.0% ≥ 70 · cobertura.xml · 1 h ago".into()
            ),
            (
                GateStatus::Pass,
                "exit 0 · Finished `dev` profile · took 2.4 s · 10 min ago".into()
            ),
        ]
    );
    assert!(s.ready);
}

#[test]
fn failing_evidence_says_which_threshold() {
    let text = format!("{HEAD}{EVIDENCE_GATES}");
    let failed = CommandEvidence::Ran(CommandRun {
        exit: Exit::TimedOut(Duration::from_secs(60)),
        last_line: None,
        took: Duration::from_secs(60),
        finished: now(),
    });
    let mut disagreeing = junit(40, 10, 5);
    disagreeing.claimed.tests = Some(42);
    let e = evidence(
        vec![
            ("reports/a.xml", 60, disagreeing),
            ("reports/b.xml", 7_200, junit(2, 0, 0)),
        ],
        69.99,
        failed,
    );
    let s = evaluate_collecting(&text, today(), Options::default(), |_| e).expect("valid");
    assert_eq!(
        gates(&s),
        vec![
            (
                GateStatus::Fail,
                "27/37 passed, 10 failed, 5 skipped · pass rate 73% < 99 · summary of reports/a.xml says 42 tests · 2 files · 2 h ago".into()
            ),
            (GateStatus::Fail, "coverage 69.99% < 70 · cobertura.xml · 1 h ago".into()),
            (GateStatus::Fail, "timed out after 1 min · took 1 min".into()),
        ]
    );
}

#[test]
fn too_few_tests_or_none_run_fail() {
    let text = format!("{HEAD}[[gate]]\nid = \"t\"\njunit = \"reports/*.xml\"\nmin_tests = 10\n");
    let e = evidence(
        vec![("reports/a.xml", 0, junit(3, 0, 0))],
        0.0,
        CommandEvidence::NotAllowed,
    );
    let s = evaluate_collecting(&text, today(), Options::default(), |_| e).expect("valid");
    assert_eq!(
        gates(&s)[0],
        (
            GateStatus::Fail,
            "3/3 passed · 3 tests < min 10 · just now".into()
        )
    );
    let e = evidence(
        vec![("reports/a.xml", 0, junit(12, 0, 12))],
        0.0,
        CommandEvidence::NotAllowed,
    );
    let s = evaluate_collecting(&text, today(), Options::default(), |_| e).expect("valid");
    assert_eq!(
        gates(&s)[0],
        (
            GateStatus::Fail,
            "0/0 passed, 12 skipped · no test ran · just now".into()
        )
    );
}

#[test]
fn without_evidence_the_gates_are_unknown() {
    let text = format!("{HEAD}{EVIDENCE_GATES}");
    let s = evaluate(&text, today()).expect("valid");
    for (status, detail) in gates(&s) {
        assert_eq!(
            (status, detail.as_str()),
            (GateStatus::Unknown, "evidence not collected")
        );
    }
    assert!(!s.ready);
    let e = evidence(vec![], 50.0, CommandEvidence::Running);
    let s = evaluate_collecting(&text, today(), Options::default(), |_| e).expect("valid");
    assert_eq!(
        gates(&s)[0],
        (GateStatus::Unknown, "no file matches reports/*.xml".into())
    );
    assert_eq!(gates(&s)[2], (GateStatus::Unknown, "running…".into()));
    // Running is a flag, not a detail to compare.
    let running: Vec<bool> = s.gates.iter().map(|g| g.running).collect();
    assert_eq!(running, [false, false, true]);
}

// ---- collecting: bad files ----------------------------------------------------

fn collect_in(dir: &Path, gates: &str, commands: Commands) -> Vec<(GateStatus, String)> {
    let path = dir.join("readiness.toml");
    let text = format!("{HEAD}{gates}");
    fs::write(&path, &text).expect("write manifest");
    let (snapshot, _) =
        collect::evaluate(&path, &text, today(), Options::default(), commands).expect("valid");
    gates_of(&snapshot)
}

fn gates_of(snapshot: &readiness::Snapshot) -> Vec<(GateStatus, String)> {
    gates(snapshot)
}

#[test]
fn bad_evidence_files_make_the_gate_unknown_with_the_reason() {
    let dir = TempDir::new().expect("temp dir");
    let d = dir.path();
    fs::create_dir(d.join("a-directory.xml")).expect("mkdir");
    fs::write(d.join("empty.xml"), "").expect("write");
    fs::write(d.join("garbage.info"), [0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]).expect("write");
    let nextest = fs::read(fixture("nextest.xml")).expect("read");
    fs::write(d.join("cut.xml"), &nextest[..nextest.len() * 2 / 3]).expect("write");
    fs::write(
        d.join("wrong-root.xml"),
        fs::read(fixture("cobertura-coveragepy.xml")).expect("read"),
    )
    .expect("write");
    // Sparse: 300 MiB on paper, nothing on disk.
    let huge = fs::File::create(d.join("huge.xml")).expect("create");
    huge.set_len(300 * 1024 * 1024).expect("set_len");
    let fifo = d.join("fifo.xml");
    let made = hermetic::command("mkfifo").arg(&fifo).status();
    let gates = "[[gate]]\nid = \"dir\"\njunit = \"a-directory.xml\"\n\n\
                 [[gate]]\nid = \"empty\"\njunit = \"empty.xml\"\n\n\
                 [[gate]]\nid = \"garbage\"\ncoverage = \"garbage.info\"\nmin = 1\n\n\
                 [[gate]]\nid = \"cut\"\njunit = \"cut.xml\"\n\n\
                 [[gate]]\nid = \"root\"\njunit = \"wrong-root.xml\"\n\n\
                 [[gate]]\nid = \"huge\"\njunit = \"huge.xml\"\n\n\
                 [[gate]]\nid = \"missing\"\ncoverage = \"nowhere/lcov.info\"\nmin = 1\n\n\
                 [[gate]]\nid = \"no-match\"\njunit = \"reports/**/*.xml\"\n\n\
                 [[gate]]\nid = \"fifo\"\ncoverage = \"fifo.xml\"\nmin = 1\n";
    let got = collect_in(d, gates, Commands::Forbidden);
    let expected = [
        "a-directory.xml: is a directory, not a file",
        "empty.xml: empty file",
        "garbage.info: LCOV line 1: not UTF-8 text",
        "cut.xml: truncated",
        "wrong-root.xml: not a JUnit report: the root element is <coverage>",
        "huge.xml: 300 MiB; evidence files over 256 MiB are refused",
        "nowhere/lcov.info: no such file",
        "no file matches reports/**/*.xml",
        "fifo.xml: a FIFO (named pipe), not a regular file",
    ];
    for ((status, detail), want) in got.iter().zip(expected) {
        if want.starts_with("fifo") && !made.as_ref().is_ok_and(|s| s.success()) {
            continue;
        }
        assert_eq!(*status, GateStatus::Unknown, "{detail}");
        assert!(
            detail.starts_with(want),
            "expected `{want}…`, got `{detail}`"
        );
    }
}

#[test]
fn globs_add_up_every_matched_file() {
    let dir = TempDir::new().expect("temp dir");
    let d = dir.path();
    fs::create_dir_all(d.join("reports/rust")).expect("mkdir");
    fs::create_dir_all(d.join("reports/py")).expect("mkdir");
    fs::copy(fixture("nextest.xml"), d.join("reports/rust/junit.xml")).expect("copy");
    fs::copy(fixture("pytest.xml"), d.join("reports/py/junit.xml")).expect("copy");
    fs::create_dir_all(d.join("reports/not-a-file.xml")).expect("mkdir");
    let got = collect_in(
        d,
        "[[gate]]\nid = \"all\"\njunit = \"reports/**/*.xml\"\nmin_tests = 10\nmin_pass_rate = 60\n",
        Commands::Forbidden,
    );
    // nextest 2/3 + pytest 4/6: 6 of 9 that ran passed, 66.7%.
    assert_eq!(got[0].0, GateStatus::Pass, "{}", got[0].1);
    assert!(
        got[0]
            .1
            .starts_with("6/9 passed, 3 failed, 1 skipped · 2 files · "),
        "{}",
        got[0].1
    );
}

// ---- commands -------------------------------------------------------------------

#[test]
fn commands_never_run_without_the_flag() {
    let dir = TempDir::new().expect("temp dir");
    let got = collect_in(
        dir.path(),
        "[[gate]]\nid = \"x\"\ncommand = \"touch ran.marker\"\n",
        Commands::Forbidden,
    );
    assert_eq!(
        got,
        vec![(
            GateStatus::Unknown,
            "not run: pass --allow-commands to run it".into()
        )]
    );
    std::thread::sleep(Duration::from_millis(200));
    assert!(!dir.path().join("ran.marker").exists(), "the command ran");
}

#[test]
fn commands_run_in_the_manifests_folder_and_fail_on_a_bad_exit() {
    let dir = TempDir::new().expect("temp dir");
    let got = collect_in(
        dir.path(),
        "[[gate]]\nid = \"where\"\ncommand = \"pwd > where.txt; echo '  '; echo 'all 12 passed'; echo\"\n\n\
         [[gate]]\nid = \"fails\"\ncommand = \"echo to stdout; echo 'error: 2 tests failed' >&2; exit 3\"\n",
        Commands::RunNow,
    );
    assert_eq!(got[0].0, GateStatus::Pass);
    assert!(
        got[0].1.starts_with("exit 0 · all 12 passed · took "),
        "{}",
        got[0].1
    );
    assert_eq!(got[1].0, GateStatus::Fail);
    assert!(
        got[1]
            .1
            .starts_with("exit 3 · error: 2 tests failed · took "),
        "{}",
        got[1].1
    );
    let cwd = fs::read_to_string(dir.path().join("where.txt")).expect("where.txt");
    assert_eq!(
        fs::canonicalize(cwd.trim()).expect("canonical"),
        fs::canonicalize(dir.path()).expect("canonical")
    );
}

/// Whether a process is gone (or a zombie waiting for init to reap it).
fn gone(pid: i32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z')),
    }
}

#[test]
fn a_timeout_kills_the_command_and_its_children() {
    let dir = TempDir::new().expect("temp dir");
    let started = Instant::now();
    let got = collect_in(
        dir.path(),
        "[[gate]]\nid = \"slow\"\ncommand = \"sleep 100 & echo $! > child.pid; echo waiting; wait\"\ntimeout = 1\n",
        Commands::RunNow,
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(got[0].0, GateStatus::Fail);
    assert!(
        got[0]
            .1
            .starts_with("timed out after 1.0 s · waiting · took "),
        "{}",
        got[0].1
    );
    let pid: i32 = fs::read_to_string(dir.path().join("child.pid"))
        .expect("child.pid")
        .trim()
        .parse()
        .expect("a pid");
    let deadline = Instant::now() + Duration::from_secs(5);
    while !gone(pid) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(gone(pid), "the child `sleep 100` (pid {pid}) still runs");
}

#[test]
fn the_spinner_ticks_only_while_a_command_runs() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let dir = TempDir::new().expect("temp dir");
    let spins = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = std::sync::mpsc::channel();
    let counter = Arc::clone(&spins);
    let runner = collect::Runner::with_spinner(
        move || {
            let _ = tx.send(());
        },
        move || {
            counter.fetch_add(1, Ordering::Relaxed);
        },
    );
    let gates = "[[gate]]\nid = \"x\"\ncommand = \"sleep 0.6\"\n";
    let _ = collect_in(dir.path(), gates, Commands::Background(&runner));
    rx.recv_timeout(Duration::from_secs(10)).expect("finished");
    std::thread::sleep(collect::runner::SPIN_INTERVAL * 2);
    let after = spins.load(Ordering::Relaxed);
    assert!(after >= 2, "the spinner moved {after} times");
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(spins.load(Ordering::Relaxed), after, "it ticks while idle");
}

#[test]
fn the_background_runner_shows_running_then_the_result() {
    let dir = TempDir::new().expect("temp dir");
    let (tx, rx) = std::sync::mpsc::channel();
    let runner = collect::Runner::new(move || {
        let _ = tx.send(());
    });
    let gates = "[[gate]]\nid = \"x\"\ncommand = \"sleep 0.2; echo done; touch ran.marker\"\n";
    let got = collect_in(dir.path(), gates, Commands::Background(&runner));
    assert_eq!(got, vec![(GateStatus::Unknown, "running…".into())]);
    rx.recv_timeout(Duration::from_secs(10))
        .expect("the command finished");
    let got = collect_in(dir.path(), gates, Commands::Background(&runner));
    assert_eq!(got[0].0, GateStatus::Pass, "{}", got[0].1);
    // Kept until asked again: no second run.
    fs::remove_file(dir.path().join("ran.marker")).expect("marker");
    let _ = collect_in(dir.path(), gates, Commands::Background(&runner));
    assert!(rx.recv_timeout(Duration::from_millis(500)).is_err());
    assert!(!dir.path().join("ran.marker").exists());
    // `r`: run again.
    runner.rerun();
    let got = collect_in(dir.path(), gates, Commands::Background(&runner));
    assert_eq!(got[0].1, "running…");
    rx.recv_timeout(Duration::from_secs(10))
        .expect("the command ran again");
    assert!(dir.path().join("ran.marker").exists());
}

// ---- the whole thing through the CLI ---------------------------------------------

const E2E: &str = "[project]
name = \"Evidence\"

[[component]]
id = \"app\"

[[task]]
id = \"t\"
title = \"Ship\"
component = \"app\"
status = \"done\"
done = 2026-11-20

[[gate]]
id = \"rust-tests\"
junit = \"target/nextest/ci/junit.xml\"
min_pass_rate = 60

[[gate]]
id = \"python-tests\"
junit = \"reports/pytest-*.xml\"

[[gate]]
id = \"rust-coverage\"
coverage = \"lcov.info\"
min = 75

[[gate]]
id = \"python-coverage\"
coverage = \"coverage.xml\"
min = 80

[[gate]]
id = \"e2e-tests\"
junit = \"e2e/**/*.xml\"

[[gate]]
id = \"lint\"
command = \"touch lint.marker; echo 'no warnings'\"

[[gate]]
id = \"smoke\"
severity = \"soft\"
command = \"touch smoke.marker; echo 'smoke: 1 failed' >&2; exit 1\"
";

fn e2e_folder() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    let d = dir.path();
    fs::create_dir_all(d.join("target/nextest/ci")).expect("mkdir");
    fs::create_dir_all(d.join("reports")).expect("mkdir");
    fs::copy(
        fixture("nextest.xml"),
        d.join("target/nextest/ci/junit.xml"),
    )
    .expect("copy");
    fs::copy(fixture("pytest.xml"), d.join("reports/pytest-unit.xml")).expect("copy");
    fs::copy(fixture("lcov-coveragepy.info"), d.join("lcov.info")).expect("copy");
    fs::copy(fixture("cobertura-coveragepy.xml"), d.join("coverage.xml")).expect("copy");
    fs::write(d.join("readiness.toml"), E2E).expect("write");
    dir
}

fn json_gates(dir: &Path, allow: bool) -> Vec<(String, String, String)> {
    let mut cmd = readiness();
    cmd.args(["report", "--format", "json", "--today", TODAY])
        .arg(dir.join("readiness.toml"));
    if allow {
        cmd.arg("--allow-commands");
    }
    let out = cmd.output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    json["gates"]
        .as_array()
        .expect("gates")
        .iter()
        .map(|g| {
            let s = |k: &str| g[k].as_str().expect("a string").to_owned();
            (s("id"), s("status"), s("detail"))
        })
        .collect()
}

#[test]
fn end_to_end_without_and_with_allow_commands() {
    let dir = e2e_folder();
    let d = dir.path();
    let statuses = |gates: &[(String, String, String)]| -> Vec<(String, String)> {
        gates
            .iter()
            .map(|(id, s, _)| (id.clone(), s.clone()))
            .collect()
    };
    let expect = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };

    let without = json_gates(d, false);
    assert_eq!(
        statuses(&without),
        expect(&[
            ("rust-tests", "pass"),
            ("python-tests", "fail"),
            ("rust-coverage", "pass"),
            ("python-coverage", "fail"),
            ("e2e-tests", "unknown"),
            ("lint", "unknown"),
            ("smoke", "unknown"),
        ]),
        "{without:#?}"
    );
    assert!(
        without[0].2.starts_with("2/3 passed, 1 failed · "),
        "{}",
        without[0].2
    );
    assert!(
        without[1]
            .2
            .starts_with("4/6 passed, 2 failed, 1 skipped · pass rate 66.7% < 100 · ")
    );
    assert!(
        without[2]
            .2
            .starts_with("coverage 79.3% ≥ 75 · lcov.info · ")
    );
    assert!(
        without[3]
            .2
            .starts_with("coverage 79.3% < 80 · coverage.xml · ")
    );
    assert_eq!(without[4].2, "no file matches e2e/**/*.xml");
    assert_eq!(without[5].2, "not run: pass --allow-commands to run it");
    assert!(!d.join("lint.marker").exists() && !d.join("smoke.marker").exists());

    // check agrees: not ready, and still nothing ran.
    let out = readiness()
        .args(["check", "--today", TODAY])
        .arg(d.join("readiness.toml"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(!d.join("lint.marker").exists());

    let with = json_gates(d, true);
    assert_eq!(
        statuses(&with),
        expect(&[
            ("rust-tests", "pass"),
            ("python-tests", "fail"),
            ("rust-coverage", "pass"),
            ("python-coverage", "fail"),
            ("e2e-tests", "unknown"),
            ("lint", "pass"),
            ("smoke", "fail"),
        ]),
        "{with:#?}"
    );
    assert!(
        with[5].2.starts_with("exit 0 · no warnings · took "),
        "{}",
        with[5].2
    );
    assert!(
        with[6].2.starts_with("exit 1 · smoke: 1 failed · took "),
        "{}",
        with[6].2
    );
    assert!(d.join("lint.marker").exists() && d.join("smoke.marker").exists());
}

#[test]
fn render_shows_evidence_details_in_the_gates_pane() {
    let dir = e2e_folder();
    let out = readiness()
        .args([
            "render", "--width", "120", "--height", "40", "--today", TODAY,
        ])
        .arg(dir.path().join("readiness.toml"))
        .output()
        .expect("run");
    let frame = String::from_utf8_lossy(&out.stdout);
    assert!(frame.contains("not run: pass --allow-commands"), "{frame}");
    assert!(frame.contains("no file matches e2e/**/*.xml"), "{frame}");
}

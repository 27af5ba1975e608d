//! The command line (docs/cli.md): validation errors with `file:line:col`
//! (docs/manifest.md, "Validation"), `check` exit codes and verdict, the JSON
//! report (docs/cli.md), the markdown report, `init`, unreadable files, escape
//! sequences, and the shipped manifests.

#[path = "common/hermetic.rs"]
mod hermetic;

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const TODAY: &str = "2026-11-23"; // a Monday

fn readiness() -> assert_cmd::Command {
    hermetic::readiness()
}

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, text).expect("write the manifest");
    path
}

struct Ran {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], file: &Path) -> Ran {
    let output = readiness()
        .args(args)
        .arg(file)
        .args(["--today", TODAY])
        .output()
        .expect("run readiness");
    Ran {
        code: output.status.code().expect("an exit code"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

/// Runs `check` on `text`, expects exit 2 and an error header
/// `FILE:LINE:COL: error: …` whose message contains `fragment`. Returns stderr.
#[track_caller]
fn expect_error(text: &str, line: usize, col: usize, fragment: &str) -> String {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "readiness.toml", text);
    let ran = run(&["check"], &path);
    assert_eq!(ran.code, 2, "exit status; stderr:\n{}", ran.stderr);
    let header = format!("{}:{line}:{col}: error: ", path.display());
    let found = ran
        .stderr
        .lines()
        .find(|l| l.starts_with(&header))
        .unwrap_or_else(|| panic!("no `{header}` in stderr:\n{}", ran.stderr));
    assert!(
        found.contains(fragment),
        "`{found}` does not contain `{fragment}`"
    );
    assert!(ran.stdout.is_empty(), "nothing on stdout: {}", ran.stdout);
    ran.stderr
}

fn error_headers(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.contains(": error: ")).count()
}

// -------------------------------------------------------- validation errors

const PROJECT: &str = "[project]\nname = \"x\"\n\n[[component]]\nid = \"c\"\n\n";
// Lines 1-6 of every manifest below: [project], name, blank, [[component]], id, blank.

#[test]
fn duplicate_ids() {
    // line 7 [[component]], line 8 id = "c": the value starts at column 6.
    expect_error(
        &format!("{PROJECT}[[component]]\nid = \"c\"\n"),
        8,
        6,
        "duplicate component id `c`",
    );
    // tasks: line 7 [[task]], 8 id, 9 title, 10 component, 11 blank, 12 [[task]], 13 id.
    let text = format!(
        "{PROJECT}[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\n\n[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\n"
    );
    let stderr = expect_error(&text, 13, 6, "duplicate task id `t`");
    assert!(stderr.contains("first defined on line 8"), "{stderr}");
    // gates: line 7 [[gate]], 8 id, 9 status, 10 blank, 11 [[gate]], 12 id.
    expect_error(
        &format!(
            "{PROJECT}[[gate]]\nid = \"g\"\nstatus = \"pass\"\n\n[[gate]]\nid = \"g\"\nstatus = \"pass\"\n"
        ),
        12,
        6,
        "duplicate gate id `g`",
    );
}

#[test]
fn unknown_component() {
    // line 10: `component = "nope"`, the value at column 13.
    expect_error(
        &format!("{PROJECT}[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"nope\"\n"),
        10,
        13,
        "unknown component `nope`",
    );
}

#[test]
fn unknown_dependency() {
    // line 11: `depends_on = ["zz"]`, "zz" at column 15.
    expect_error(
        &format!(
            "{PROJECT}[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\ndepends_on = [\"zz\"]\n"
        ),
        11,
        15,
        "unknown task `zz`",
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    // line 11: `depends_on = ["é", "zz"]`: "zz" starts at character 20 (byte 21).
    expect_error(
        &format!(
            "{PROJECT}[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\ndepends_on = [\"é\", \"zz\"]\n"
        ),
        11,
        20,
        "unknown task `zz`",
    );
}

#[test]
fn crlf_line_endings_keep_lines_and_columns() {
    // the same manifest as `unknown_component`, with CRLF: line 10, column 13.
    let text = format!("{PROJECT}[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"nope\"\n")
        .replace('\n', "\r\n");
    let stderr = expect_error(&text, 10, 13, "unknown component `nope`");
    assert!(
        !stderr.contains('\r'),
        "a CR in the diagnostics: {stderr:?}"
    );
}

#[test]
fn a_cycle_prints_the_cycle() {
    // a (lines 7-11) depends on b; b (lines 13-17) depends on a: the edge that
    // closes the cycle is b's `depends_on = ["a"]` on line 17, "a" at column 15.
    let text = format!(
        "{PROJECT}[[task]]\nid = \"a\"\ntitle = \"a\"\ncomponent = \"c\"\ndepends_on = [\"b\"]\n\n[[task]]\nid = \"b\"\ntitle = \"b\"\ncomponent = \"c\"\ndepends_on = [\"a\"]\n"
    );
    expect_error(&text, 17, 15, "a -> b -> a");
}

#[test]
fn a_three_task_cycle() {
    // a → b → c → a; found from a, closed by c's dependency on a (line 23, column 15).
    let task = |id: &str, dep: &str| {
        format!(
            "[[task]]\nid = \"{id}\"\ntitle = \"{id}\"\ncomponent = \"c\"\ndepends_on = [\"{dep}\"]\n\n"
        )
    };
    let text = format!(
        "{PROJECT}{}{}{}",
        task("a", "b"),
        task("b", "c"),
        task("c", "a")
    );
    let stderr = expect_error(&text, 23, 15, "a -> b -> c -> a");
    assert_eq!(error_headers(&stderr), 1, "one cycle, one error:\n{stderr}");
}

#[test]
fn every_cycle_is_reported() {
    // a ⇄ b (lines 7-17), c ⇄ d (lines 19-29), e → e (lines 31-35).
    let task = |id: &str, dep: &str| {
        format!(
            "[[task]]\nid = \"{id}\"\ntitle = \"{id}\"\ncomponent = \"c\"\ndepends_on = [\"{dep}\"]\n\n"
        )
    };
    let text = format!(
        "{PROJECT}{}{}{}{}{}",
        task("a", "b"),
        task("b", "a"),
        task("c", "d"),
        task("d", "c"),
        task("e", "e")
    );
    let stderr = expect_error(&text, 17, 15, "a -> b -> a");
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "readiness.toml", &text);
    let ran = run(&["check"], &path);
    assert!(
        ran.stderr.contains(&format!(
            "{}:29:15: error: dependency cycle: c -> d -> c",
            path.display()
        )),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr
            .contains(&format!("{}:35:15: error: ", path.display())),
        "the self-dependency of e: {}",
        ran.stderr
    );
    assert_eq!(error_headers(&stderr), 3, "{stderr}");
}

#[test]
fn gates_naming_unknown_things() {
    // line 7 [[gate]], 8 id, 9 the criterion.
    expect_error(
        &format!("{PROJECT}[[gate]]\nid = \"g\"\ntasks = [\"ghost\"]\n"),
        9,
        10,
        "unknown task `ghost`",
    );
    expect_error(
        &format!("{PROJECT}[[gate]]\nid = \"g\"\ncomponents = [\"ghost\"]\n"),
        9,
        15,
        "unknown component `ghost`",
    );
    expect_error(
        &format!("{PROJECT}[[gate]]\nid = \"g\"\npriority = \"P9\"\n"),
        9,
        12,
        "unknown priority \"P9\"",
    );
}

#[test]
fn a_bad_estimate_is_quoted() {
    // line 11: `estimate = "3 fortnights"`, the value at column 12.
    expect_error(
        &format!(
            "{PROJECT}[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\nestimate = \"3 fortnights\"\n"
        ),
        11,
        12,
        "\"3 fortnights\"",
    );
    expect_error(
        &format!(
            "{PROJECT}[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\nestimate = \"3-2d\"\n"
        ),
        11,
        12,
        "\"3-2d\"",
    );
}

#[test]
fn numbers_out_of_range() {
    // line 11: `progress = 150`, column 12.
    expect_error(
        &format!(
            "{PROJECT}[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\nprogress = 150\n"
        ),
        11,
        12,
        "`progress` must be between 0 and 100, found 150",
    );
    // line 8: `weight = 0` of a second component, column 10.
    expect_error(
        &format!("{PROJECT}[[component]]\nweight = 0\nid = \"d\"\n"),
        8,
        10,
        "`weight` must be more than 0",
    );
    // [team] on line 7, `focus = 2` on line 8, column 9.
    expect_error(
        &format!("{PROJECT}[team]\nfocus = 2\n"),
        8,
        9,
        "`focus` must be more than 0 and at most 1",
    );
    // component progress 101 on line 5 of its own manifest.
    expect_error(
        "[project]\nname = \"x\"\n\n[[component]]\nprogress = 101\nid = \"c\"\n",
        5,
        12,
        "`progress` must be between 0 and 100",
    );
}

#[test]
fn an_unknown_key_gets_a_hint() {
    // line 11: `depend_on = ["c"]`, the key at column 1.
    let stderr = expect_error(
        &format!(
            "{PROJECT}[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\ndepend_on = [\"t\"]\n"
        ),
        11,
        1,
        "unknown key `depend_on`",
    );
    assert!(
        stderr.contains("did you mean `depends_on`"),
        "no hint in:\n{stderr}"
    );
}

#[test]
fn a_toml_syntax_error() {
    // line 8: `weight = = 2`; the stray second `=` is at column 10.
    expect_error(&format!("{PROJECT}[team]\nweight = = 2\n"), 8, 10, "");
    // an unterminated string on line 2: reported where the line ends, column 10.
    expect_error("[project]\nname = \"x\n", 2, 10, "");
}

#[test]
fn a_gate_needs_exactly_one_criterion() {
    // two criteria: the error points at the second, line 10 `status = "pass"`, column 10.
    expect_error(
        &format!("{PROJECT}[[gate]]\nid = \"g\"\ntasks = [\"x\"]\nstatus = \"pass\"\n"),
        10,
        10,
        "gate `g` has 2 criteria",
    );
    // no criterion: the error points at the entry, its `[[gate]]` header on line 7.
    expect_error(
        &format!("{PROJECT}[[gate]]\nid = \"g\"\nname = \"nothing\"\n"),
        7,
        1,
        "gate `g` has no criterion",
    );
}

#[test]
fn an_unknown_section_gets_a_hint() {
    let stderr = expect_error(
        "[project]\nname = \"x\"\n\n[projct]\nname = \"y\"\n",
        4,
        2,
        "unknown section `projct`",
    );
    assert!(stderr.contains("did you mean `project`"), "{stderr}");
}

#[test]
fn every_error_is_reported_at_once() {
    let text = r#"[project]
name = "x"

[team]
focus = 2

[[component]]
id = "c"
weight = 0

[[task]]
id = "a"
title = "a"
component = "nope"
depend_on = ["b"]
estimate = "3 fortnights"
progress = 150
"#;
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "m.toml", text);
    let ran = run(&["check"], &path);
    assert_eq!(ran.code, 2);
    // focus 5:9, weight 9:10, component 14:13, depend_on 15:1, estimate 16:12, progress 17:12.
    assert_eq!(error_headers(&ran.stderr), 6, "{}", ran.stderr);
    for (line, col) in [(5, 9), (9, 10), (14, 13), (15, 1), (16, 12), (17, 12)] {
        let header = format!("{}:{line}:{col}: error: ", path.display());
        assert!(ran.stderr.contains(&header), "{header} in\n{}", ran.stderr);
    }
    // diagnostics show the source line and a caret.
    assert!(ran.stderr.contains("17 | progress = 150"), "{}", ran.stderr);
    assert!(ran.stderr.contains("^^^"), "{}", ran.stderr);
}

#[test]
fn report_rejects_an_invalid_manifest_too() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "m.toml", "[project]\nname = \"x\"\nnmae = \"y\"\n");
    for format in ["text", "markdown", "json"] {
        let ran = run(&["report", "--format", format], &path);
        assert_eq!(ran.code, 2, "{format}");
        assert!(ran.stdout.is_empty());
        assert!(
            ran.stderr
                .contains(&format!("{}:3:1: error: ", path.display())),
            "{}",
            ran.stderr
        );
    }
}

// ------------------------------------------------------------------- check

/// Hand-computed figures:
/// - completion: alpha 100 (a1 done); beta 100 × 9 / (9 + 3) = 75 → (100 + 75) / 2 = 87.5
/// - hard gates: b2-done fails (b2 open), coverage fails (30 < 70), signoff passes →
///   2 of 3 failing; the soft gates are not counted
/// - remaining: b2's 3 days, 1 person at focus 1 from Mon 11-23 → Mon, Tue, Wed 11-25
/// - claimed 95 vs 87.5: 7.5 points over → a warning on line 5
const VERDICT: &str = r#"[project]
name = "Verdict"
version = "1.2.3"
target = 2026-12-01
claimed = 95

[metrics]
coverage = 30

[[component]]
id = "alpha"
name = "Alpha"

[[component]]
id = "beta"
name = "Beta"
weight = 1
owner = "sam"

[[task]]
id = "a1"
title = "Alpha work"
component = "alpha"
status = "done"
estimate = 1
done = 2026-11-20

[[task]]
id = "b1"
title = "Beta done"
component = "beta"
status = "done"
estimate = 9
done = 2026-11-20

[[task]]
id = "b2"
title = "Beta rest"
component = "beta"
estimate = 3
blocker = "waiting on keys"

[[gate]]
id = "b2-done"
name = "Beta rest done"
tasks = ["b2"]

[[gate]]
id = "coverage"
metric = "coverage"
min = 70

[[gate]]
id = "signoff"
status = "pass"

[[gate]]
id = "screenshots"
severity = "soft"
status = "fail"

[[gate]]
id = "legal"
severity = "soft"
status = "pending"
"#;

#[test]
fn check_prints_the_verdict_and_exits_1_when_not_ready() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "readiness.toml", VERDICT);
    let ran = run(&["check"], &path);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_eq!(
        ran.stdout,
        "NOT READY · 87.5% · 1 of 3 hard gates passing (2 failing) · P50 2026-11-25 · P85 2026-11-25 · \
         target 2026-12-01: on track with 4 working days to spare at P85\n"
    );
    // the claim warning goes to stderr, as `file:5:11: warning:`.
    assert!(
        ran.stderr
            .contains(&format!("{}:5:11: warning: ", path.display())),
        "{}",
        ran.stderr
    );
}

#[test]
fn check_exits_0_when_ready() {
    let dir = TempDir::new().unwrap();
    let path = write(
        &dir,
        "readiness.toml",
        r#"[project]
name = "Ready"

[[component]]
id = "c"

[[task]]
id = "a"
title = "a"
component = "c"
status = "done"
estimate = 2
done = 2026-11-20

[[task]]
id = "b"
title = "b"
component = "c"
estimate = 2

[[gate]]
id = "a-done"
tasks = ["a"]

[[gate]]
id = "b-done"
severity = "soft"
tasks = ["b"]
"#,
    );
    let ran = run(&["check"], &path);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    // 100 × 2 / 4 = 50%; the one hard gate passes; b's 2 days → Tue 11-24.
    assert_eq!(
        ran.stdout,
        "READY · 50% · 1 of 1 hard gate passing · P50 2026-11-24 · P85 2026-11-24\n"
    );
    assert!(ran.stderr.is_empty(), "{}", ran.stderr);
}

#[test]
fn check_without_gates_is_ready_only_at_one_hundred_percent() {
    let dir = TempDir::new().unwrap();
    let text = "[project]\nname = \"x\"\n\n[[component]]\nid = \"c\"\nprogress = 100\n";
    let path = write(&dir, "done.toml", text);
    assert_eq!(run(&["check"], &path).code, 0);
    let path = write(&dir, "not.toml", &text.replace("100", "99"));
    let ran = run(&["check"], &path);
    assert_eq!(ran.code, 1);
    assert!(
        ran.stdout.starts_with("NOT READY · 99% · "),
        "{}",
        ran.stdout
    );
}

#[test]
fn check_exits_2_when_invalid() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "readiness.toml", "[project]\n");
    let ran = run(&["check"], &path);
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("error"), "{}", ran.stderr);
}

#[test]
fn check_defaults_to_readiness_toml_in_the_current_folder() {
    let dir = TempDir::new().unwrap();
    write(&dir, "readiness.toml", VERDICT);
    readiness()
        .current_dir(dir.path())
        .args(["check", "--today", TODAY])
        .assert()
        .code(1)
        .stdout(
            "NOT READY · 87.5% · 1 of 3 hard gates passing (2 failing) · P50 2026-11-25 · P85 2026-11-25 · \
             target 2026-12-01: on track with 4 working days to spare at P85\n",
        );
}

// -------------------------------------------------------------------- JSON

fn json_report(text: &str) -> Value {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "readiness.toml", text);
    let ran = run(&["report", "--format", "json"], &path);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    serde_json::from_str(&ran.stdout).expect("the JSON report parses")
}

#[track_caller]
fn close(v: &Value, expected: f64) {
    let x = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!((x - expected).abs() < 1e-9, "expected {expected}, got {x}");
}

#[test]
fn the_json_report_has_every_field_with_its_type() {
    let r = json_report(VERDICT);

    let p = &r["project"];
    assert_eq!(p["name"], "Verdict");
    assert_eq!(p["version"], "1.2.3");
    assert_eq!(p["target"], "2026-12-01");
    close(&p["claimed"], 95.0);

    assert_eq!(r["today"], TODAY);
    close(&r["completion"], 87.5);
    assert_eq!(r["ready"], false);

    let components = r["components"].as_array().expect("components array");
    assert_eq!(components.len(), 2);
    let beta = &components[1];
    assert_eq!(beta["id"], "beta");
    assert_eq!(beta["name"], "Beta");
    assert!(beta["weight"].is_number());
    close(&beta["weight"], 1.0);
    close(&beta["completion"], 75.0);
    assert_eq!(beta["tasks"], 2);
    assert_eq!(beta["done"], 1);
    assert_eq!(beta["blocked"], 1);
    assert!(beta["tasks"].is_u64() && beta["done"].is_u64() && beta["blocked"].is_u64());
    close(&components[0]["completion"], 100.0);

    let gates = r["gates"].as_array().expect("gates array");
    assert_eq!(gates.len(), 5);
    let expected = [
        ("b2-done", "Beta rest done", "hard", "fail"),
        ("coverage", "coverage", "hard", "fail"),
        ("signoff", "signoff", "hard", "pass"),
        ("screenshots", "screenshots", "soft", "fail"),
        ("legal", "legal", "soft", "unknown"),
    ];
    for (g, (id, name, severity, status)) in gates.iter().zip(expected) {
        assert_eq!(g["id"], id);
        assert_eq!(g["name"], name);
        assert_eq!(g["severity"], severity);
        assert_eq!(g["status"], status);
        assert!(g["detail"].is_string(), "{g}");
    }
    assert_eq!(gates[1]["detail"], "coverage 30 < 70");

    let blockers = r["blockers"].as_array().expect("blockers array");
    assert_eq!(blockers.len(), 1);
    assert_eq!(blockers[0]["task"], "b2");
    assert_eq!(blockers[0]["title"], "Beta rest");
    assert_eq!(blockers[0]["reason"], "waiting on keys");
    close(&blockers[0]["holds_up_days"], 3.0);

    let f = &r["forecast"];
    assert_eq!(f["method"], "estimates");
    close(&f["remaining_days"], 3.0);
    assert_eq!(f["working_days"], 3);
    assert!(f["working_days"].is_u64());
    assert_eq!(f["finish"], "2026-11-25");
    assert_eq!(f["p50"], "2026-11-25");
    assert_eq!(f["p85"], "2026-11-25");
    assert_eq!(f["p95"], "2026-11-25");
    assert_eq!(f["assumed_unblocked"], 1);
    assert_eq!(f["target_status"], "on_track");

    let warnings = r["warnings"].as_array().expect("warnings array");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["line"], 5);
    let message = warnings[0]["message"].as_str().expect("a string message");
    assert!(
        message.contains("95%") && message.contains("87.5%"),
        "{message}"
    );
}

#[test]
fn the_json_report_uses_null_for_what_is_absent() {
    let r = json_report(
        "[project]\nname = \"Bare\"\n\n[[component]]\nid = \"c\"\n\n[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\nestimate = \"1-4d\"\n",
    );
    let p = &r["project"];
    assert!(p["version"].is_null());
    assert!(p["target"].is_null());
    assert!(p["claimed"].is_null());
    // One task of 1-4 days, triangular with its mode at 2.5: P(≤ 3 days) =
    // 1 − 1²/(3 × 1.5) ≈ 0.78, so P50 takes 3 working days (Wed) and P85 and
    // P95 take 4 (Thu); the midpoint 2.5 finishes on the third day.
    let f = &r["forecast"];
    assert_eq!(f["method"], "estimates");
    assert_eq!(f["finish"], "2026-11-25");
    assert_eq!(f["working_days"], 3);
    assert_eq!(f["p50"], "2026-11-25");
    assert_eq!(f["p85"], "2026-11-26");
    assert_eq!(f["p95"], "2026-11-26");
    assert_eq!(f["trials"], 2000);
    assert!(f["seed"].is_string());
    assert_eq!(f["critical_path"], serde_json::json!(["t"]));
    assert!(f["history"].is_null() && f["throughput_check"].is_null());
    assert!(f["missing"].is_null());
    assert!(f["target_status"].is_null());
    assert!(f.get("target_status").is_some(), "the key is present");
    assert_eq!(f["assumed_unblocked"], 0);
    assert_eq!(r["blockers"], Value::Array(vec![]));
    assert_eq!(r["gates"], Value::Array(vec![]));
    assert_eq!(r["warnings"], Value::Array(vec![]));
    close(&r["completion"], 0.0);
    assert_eq!(r["ready"], false);
}

#[test]
fn the_json_forecast_without_estimates() {
    let r = json_report(
        "[project]\nname = \"x\"\n\n[[component]]\nid = \"c\"\n\n[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\n",
    );
    let f = &r["forecast"];
    assert_eq!(f["method"], "none");
    close(&f["remaining_days"], 1.0);
    for key in [
        "working_days",
        "finish",
        "p50",
        "p85",
        "p95",
        "target_status",
    ] {
        assert!(f.get(key).is_some_and(Value::is_null), "{key}: {f}");
    }
}

// ---------------------------------------------------------------- markdown

#[test]
fn the_markdown_report_has_a_table_and_gate_symbols() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "readiness.toml", VERDICT);
    let ran = run(&["report", "--format", "markdown"], &path);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let md = ran.stdout;
    assert!(md.starts_with("## Verdict 1.2.3"), "{md}");
    // a table: header, separator, one row per component (the first table;
    // the Trend section's comes later).
    let table: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(table.len(), 4, "{md}");
    assert!(table[1].starts_with("|---"), "{}", table[1]);
    assert!(table[2].contains("Alpha") && table[2].contains("100%"));
    assert!(table[3].contains("Beta") && table[3].contains("75%"));
    assert!(table[3].contains("sam"));
    // gate lines with ✓ ✗ ?.
    let gate_line = |symbol: &str, id: &str| {
        md.lines()
            .any(|l| l.starts_with(&format!("- {symbol} ")) && l.contains(id))
    };
    assert!(gate_line("✗", "Beta rest done"), "{md}");
    assert!(gate_line("✗", "coverage"), "{md}");
    assert!(gate_line("✓", "signoff"), "{md}");
    assert!(gate_line("?", "legal"), "{md}");
    assert!(md.contains("87.5%"));
    assert!(md.contains("2026-11-25"));
}

#[test]
fn the_text_report_is_the_default() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "readiness.toml", VERDICT);
    let ran = run(&["report"], &path);
    assert_eq!(ran.code, 0);
    assert!(
        ran.stdout.starts_with("Verdict 1.2.3 · NOT READY\n"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout
            .contains("87.5% complete (claimed 95%, 7.5 points over)"),
        "{}",
        ran.stdout
    );
    // with stdout not a terminal, a bare `readiness FILE` prints the same report.
    let bare = readiness()
        .arg(&path)
        .args(["--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(bare.status.code(), Some(0));
    assert_eq!(String::from_utf8(bare.stdout).unwrap(), ran.stdout);
}

// -------------------------------------------------------------------- init

#[test]
fn init_writes_a_manifest_that_check_accepts() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("new.toml");
    readiness().arg("init").arg(&path).assert().code(0);
    let written = fs::read_to_string(&path).expect("init wrote the file");
    assert!(written.contains("[project]"));
    let ran = run(&["check"], &path);
    assert!(
        ran.code == 0 || ran.code == 1,
        "exit {}: {}",
        ran.code,
        ran.stderr
    );
    assert!(!ran.stderr.contains("error"), "{}", ran.stderr);
}

#[test]
fn init_never_overwrites() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "readiness.toml", "# mine, keep me\n");
    readiness()
        .arg("init")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "# mine, keep me\n");
}

#[test]
fn init_defaults_to_readiness_toml() {
    let dir = TempDir::new().unwrap();
    readiness()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0);
    assert!(dir.path().join("readiness.toml").is_file());
    // a second time: refused.
    readiness()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2);
}

// ---------------------------------------------------------- unreadable FILE

#[test]
fn a_missing_file_exits_2_with_a_clear_message() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("nowhere.toml");
    for args in [&["check"][..], &["report"], &["report", "--format", "json"]] {
        let ran = run(args, &path);
        assert_eq!(ran.code, 2, "{args:?}");
        assert!(ran.stdout.is_empty());
        assert!(
            ran.stderr.contains("nowhere.toml") && ran.stderr.contains("no such file"),
            "{}",
            ran.stderr
        );
    }
}

#[test]
fn a_directory_as_file_exits_2_with_a_clear_message() {
    // A folder is a portfolio (docs/portfolio.md): this one holds no
    // manifest.
    let dir = TempDir::new().unwrap();
    for args in [&["check"][..], &["report"]] {
        let ran = run(args, dir.path());
        assert_eq!(ran.code, 2);
        assert!(
            ran.stderr.contains("no readiness.toml below"),
            "{}",
            ran.stderr
        );
        assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    }
}

#[test]
fn a_file_that_is_not_utf8_exits_2() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("bin.toml");
    fs::write(&path, b"[project]\nname = \"\xff\xfe\"\n").unwrap();
    let ran = run(&["check"], &path);
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("UTF-8"), "{}", ran.stderr);
}

#[test]
fn a_bad_today_is_a_usage_error() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "readiness.toml", VERDICT);
    readiness()
        .arg("check")
        .arg(&path)
        .args(["--today", "2026-13-45"])
        .assert()
        .code(2);
}

// ------------------------------------------------------- escape sequences

const EVIL: &str = r#"[project]
name = "evil \u001b]0;x\u0007 project"
version = "1\u001b[2J"

[[component]]
id = "c"
name = "comp \u001b]0;x\u0007"
owner = "o\u001b[31m"

[[task]]
id = "t"
title = "title \u001b]0;x\u0007"
component = "c"
estimate = 1
blocker = "reason \u001b]0;x\u0007"

[[gate]]
id = "g"
name = "gate \u001b]0;x\u0007"
tasks = ["t"]
"#;

#[test]
fn manifest_strings_never_send_escape_sequences() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "readiness.toml", EVIL);
    for format in ["text", "markdown"] {
        let output = readiness()
            .args(["report", "--format", format])
            .arg(&path)
            .args(["--today", TODAY])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        assert!(
            !output.stdout.contains(&0x1b),
            "{format} report has an ESC byte"
        );
        assert!(
            !output.stdout.contains(&0x07),
            "{format} report has a BEL byte"
        );
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains("evil"), "{text}");
        assert!(text.contains("title"), "{text}");
    }
    // `check` prints nothing from the manifest on stdout, but its stderr must be clean too.
    let output = readiness()
        .arg("check")
        .arg(&path)
        .args(["--today", TODAY])
        .output()
        .unwrap();
    assert!(!output.stdout.contains(&0x1b) && !output.stderr.contains(&0x1b));
}

#[test]
fn a_raw_escape_byte_in_the_file_is_not_echoed_in_diagnostics() {
    let dir = TempDir::new().unwrap();
    // a raw ESC inside a string is a TOML error; the diagnostic shows the line.
    let path = write(
        &dir,
        "readiness.toml",
        "[project]\nname = \"a\u{1b}]0;x\u{7}b\"\n",
    );
    let output = readiness()
        .arg("check")
        .arg(&path)
        .args(["--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!output.stderr.contains(&0x1b), "ESC in stderr");
    assert!(!output.stderr.contains(&0x07), "BEL in stderr");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:2:", path.display())),
        "{stderr}"
    );
}

// -------------------------------------------------- the shipped manifests

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_shipped_manifest_is_valid() {
    let mut files = vec![repository().join("readiness.toml")];
    let mut examples: Vec<PathBuf> = fs::read_dir(repository().join("examples"))
        .expect("examples/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    examples.sort();
    assert!(!examples.is_empty(), "no example manifests");
    files.extend(examples);
    for file in &files {
        let output = readiness()
            .arg("check")
            .arg(file)
            .args(["--today", "2026-11-21"])
            .output()
            .unwrap();
        let code = output.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "{}: exit {code:?}\n{}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(
            stdout.starts_with("READY · ") || stdout.starts_with("NOT READY · "),
            "{}: {stdout}",
            file.display()
        );
        assert!(
            !String::from_utf8_lossy(&output.stderr).contains(": error: "),
            "{}",
            file.display()
        );
    }
}

// ------------------------------------------------------------- suspected bugs

/// A finite, non-negative estimate is valid (docs/manifest.md, "Estimates"), so
/// the manifest below is valid; `check` must answer (exit 0, 1 or 2, "never a
/// crash") rather than walk the calendar one day at a time for ~1.4e12 days.
#[test]
fn a_huge_estimate_does_not_hang() {
    let dir = TempDir::new().unwrap();
    let path = write(
        &dir,
        "readiness.toml",
        "[project]\nname = \"x\"\n\n[[component]]\nid = \"c\"\n\n[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\nestimate = 1e12\n",
    );
    let output = readiness()
        .arg("check")
        .arg(&path)
        .args(["--today", TODAY])
        .timeout(std::time::Duration::from_secs(10))
        .output()
        .unwrap();
    let code = output.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "no answer within 10 s (exit {code:?}: killed)"
    );
}

#[test]
fn a_finished_project_reads_one_hundred_percent() {
    let dir = TempDir::new().unwrap();
    let path = write(
        &dir,
        "readiness.toml",
        "[project]\nname = \"x\"\n\n[[component]]\nid = \"c\"\n\n[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\nstatus = \"done\"\nestimate = 0.17\ndone = 2026-11-20\n",
    );
    // every task done: 100 × 0.17 / 0.17 = 100%.
    let ran = run(&["check"], &path);
    assert_eq!(ran.code, 0);
    assert_eq!(
        ran.stdout,
        "READY · 100% · no gates: ready at 100% · nothing left\n"
    );
}

// ------------------------------------------- errors that used to hide others

#[test]
fn a_wrong_type_costs_only_its_field() {
    // One bad value per entry used to drop the whole entry, hiding the
    // duplicate ids, the self-dependency and the [team] range error.
    let text = "[project]\nname = \"x\"\n[team]\npeople = 2.5\nfocus = 0\n\
[[component]]\nid = \"c\"\n[[component]]\nid = \"c\"\nweight = \"heavy\"\n\
[[task]]\nid = \"a\"\ntitle = \"A\"\ncomponent = \"c\"\n\
[[task]]\nid = \"a\"\ntitle = \"A again\"\ncomponent = \"c\"\nprogress = \"half\"\ndepends_on = [\"a\"]\n";
    let stderr = expect_error(text, 4, 10, "`people` must be a whole number");
    for (line, col, fragment) in [
        (5, 9, "`focus` must be more than 0"),
        (9, 6, "duplicate component id `c` (first defined on line 7)"),
        (10, 10, "`weight` must be a number, found string \"heavy\""),
        (16, 6, "duplicate task id `a` (first defined on line 12)"),
        (19, 12, "`progress` must be a number"),
    ] {
        let header = format!(":{line}:{col}: error: ");
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(&header) && l.contains(fragment)),
            "no {line}:{col} `{fragment}` in:\n{stderr}"
        );
    }
    assert_eq!(error_headers(&stderr), 6, "{stderr}");
}

#[test]
fn an_unreadable_project_is_not_reported_missing() {
    let stderr = expect_error(
        "[project]\nnmae = \"P\"\ntarget = \"2026-12-15\"\n",
        3,
        10,
        "`target` must be a date such as 2026-12-15 (without quotes)",
    );
    assert!(stderr.contains("unknown key `nmae`"), "{stderr}");
    assert!(stderr.contains("[project] has no `name`"), "{stderr}");
    assert!(!stderr.contains("missing [project]"), "{stderr}");
}

#[test]
fn entries_without_an_id_are_still_checked() {
    let text = format!(
        "{PROJECT}[[task]]\ntitle = \"t\"\ncomponent = \"zz\"\nestimate = \"3 fortnights\"\n"
    );
    let stderr = expect_error(&text, 7, 1, "task has no `id`");
    assert!(
        stderr.contains(":9:13: error: task `` names unknown component `zz`")
            || stderr.contains("unknown component `zz`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(":10:12: error: bad estimate \"3 fortnights\""),
        "{stderr}"
    );
}

#[test]
fn absurd_numbers_are_out_of_range() {
    expect_error(
        &format!(
            "{PROJECT}[[task]]\nid = \"t\"\ntitle = \"t\"\ncomponent = \"c\"\nestimate = 1e9\n"
        ),
        11,
        12,
        "days must be from 0 to 10000",
    );
    expect_error(
        "[project]\nname = \"x\"\n[[component]]\nid = \"c\"\nweight = 1e308\n",
        5,
        10,
        "`weight` must be more than 0 and at most 1000000",
    );
    expect_error(
        "[project]\nname = \"x\"\n[metrics]\ncov = 10\n[[gate]]\nid = \"g\"\nmetric = \"cov\"\nmin = nan\n",
        8,
        7,
        "must be finite",
    );
}

#[test]
fn the_file_may_come_before_the_command() {
    let dir = TempDir::new().unwrap();
    let path = write(
        &dir,
        "base.toml",
        "[project]\nname = \"x\"\n[[component]]\nid = \"c\"\nprogress = 100\n",
    );
    let output = readiness()
        .arg(&path)
        .arg("check")
        .args(["--today", TODAY])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.starts_with("READY · 100%"), "{stdout}");
}

/// Every start-up error has one form, `error: …` on stderr's first line
/// (clap's own form): a missing file, a FIFO, a folder without a manifest,
/// an unknown flag, a bad `--today`.
#[test]
fn start_up_errors_have_one_form() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("pipe.toml");
    let made = hermetic::command("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let missing = dir.path().join("missing.toml");
    let mut cases: Vec<Vec<&std::ffi::OsStr>> = vec![
        vec![missing.as_os_str()],
        vec![missing.as_os_str(), "check".as_ref()],
        vec![empty.as_os_str()],
        vec!["--bogus".as_ref()],
        vec!["--today".as_ref(), "2026-13-01".as_ref()],
    ];
    if made {
        cases.push(vec![fifo.as_os_str()]);
    }
    for args in cases {
        let output = readiness()
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_ne!(output.status.code(), Some(0), "{args:?}");
        assert!(
            stderr.starts_with("error: ") && !stderr.contains("Error:"),
            "{args:?}:\n{stderr}"
        );
    }
}

//! `readiness schema` checked by an independent validator, Python's
//! `jsonschema` (draft 2020-12, with format checks): the top-level manifest,
//! every example and the starter validate; typo manifests fail it, and so
//! does each kind of mistake validation rejects that a schema can express.
//! Each manifest is also run through `readiness check`, so the two agree.

use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

#[path = "common/hermetic.rs"]
mod hermetic;
#[path = "common/tools.rs"]
mod tools;

/// TOML to JSON (dates as ISO strings), then validation; prints one line
/// per file: `ok` or the first error's path and message.
const VALIDATE: &str = r#"
import datetime, json, sys, tomllib
from jsonschema import Draft202012Validator, FormatChecker

def plain(v):
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, (datetime.date, datetime.datetime, datetime.time)):
        return v.isoformat()
    return v

schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema, format_checker=FormatChecker())
for path in sys.argv[2:]:
    with open(path, "rb") as f:
        data = plain(tomllib.load(f))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        print(path, "invalid", "/".join(map(str, e.absolute_path)), e.message[:200])
    else:
        print(path, "ok")
"#;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn readiness(args: &[&str]) -> std::process::Output {
    hermetic::readiness().args(args).output().unwrap()
}

/// Validates each file; (file, verdict line) in order.
fn validate(dir: &TempDir, files: &[PathBuf]) -> Vec<(PathBuf, String)> {
    let schema = dir.path().join("readiness.schema.json");
    let out = readiness(&["schema"]);
    assert!(out.status.success());
    fs::write(&schema, &out.stdout).unwrap();
    let out = hermetic::toolchain("python3")
        .arg("-c")
        .arg(VALIDATE)
        .arg(&schema)
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the validator failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    files
        .iter()
        .cloned()
        .zip(stdout.lines().map(str::to_owned))
        .collect()
}

fn check_exit(file: &Path) -> i32 {
    let file = file.display().to_string();
    readiness(&["check", "--today", "2026-11-23", &file])
        .status
        .code()
        .unwrap()
}

#[test]
fn every_shipped_manifest_validates() {
    if tools::missing(&[&tools::JSONSCHEMA]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let mut files = vec![root().join("readiness.toml")];
    let mut examples: Vec<PathBuf> = fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 5);
    files.extend(examples);
    let starter = dir.path().join("starter.toml");
    assert!(
        readiness(&["init", &starter.display().to_string()])
            .status
            .success()
    );
    files.push(starter);
    for (file, verdict) in validate(&dir, &files) {
        assert!(verdict.ends_with(" ok"), "{}: {verdict}", file.display());
    }
}

/// A valid manifest using every key, and mistakes made in it one at a time.
const FULL: &str = r#"[project]
name = "Full"
version = "1.0"
target = 2026-12-18
claimed = 50

[calendar]
workdays = ["Mon", "tuesday", "WED", "thu", "fri"]
holidays = [2026-12-24]
hours_per_day = 7.5

[team]
people = 2
focus = 0.8

[metrics]
coverage = 71.5
bugs = 0

[[person]]
id = "sam"
name = "Sam Lee"
focus = 0.6
away = [{ from = 2026-12-21, to = 2027-01-01 }]

[[person]]
id = "dana"

[[component]]
id = "api.v2"
name = "API"
weight = 2
owner = "dana"
progress = 10

[[task]]
id = "a_1"
title = "A"
component = "api.v2"
status = "Doing"
priority = "p1"
estimate = "2-3 Days"
progress = 50
depends_on = ["b"]
blocker = "keys"
owner = "sam"
started = 2026-11-16

[[task]]
id = "b"
title = "B"
component = "api.v2"
status = "done"
estimate = 1.5
started = 2026-11-18
done = 2026-11-20
actual = "2 days"

[[task]]
id = "c"
title = "C"
component = "api.v2"
estimate = ".5w"

[[gate]]
id = "cov"
name = "Coverage"
severity = "soft"
metric = "coverage"
min = 70
max = 100

[[gate]]
id = "sign"
status = "pass"
expires = 2026-12-31

[[gate]]
id = "tests"
junit = "reports/*.xml"
min_tests = 10
min_pass_rate = 99.5

[[gate]]
id = "lcov"
coverage = "lcov.info"
min = 60

[[gate]]
id = "lint"
command = "true"
timeout = 30

[[gate]]
id = "p1"
priority = "P1"

[[gate]]
id = "all"
tasks = ["a_1", "b"]

[[gate]]
id = "comp"
components = ["api.v2"]
"#;

#[test]
fn typos_and_out_of_range_values_fail_both() {
    if tools::missing(&[&tools::JSONSCHEMA]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let valid = dir.path().join("full.toml");
    fs::write(&valid, FULL).unwrap();
    let broken: &[(&str, &str, &str)] = &[
        ("depend_on", "depends_on = [\"b\"]", "depend_on = [\"b\"]"),
        (
            "status-finished",
            "status = \"done\"",
            "status = \"finished\"",
        ),
        (
            "estimate-words",
            "estimate = \".5w\"",
            "estimate = \"three days\"",
        ),
        ("estimate-no-unit", "estimate = \".5w\"", "estimate = \"3\""),
        (
            "estimate-minutes",
            "estimate = \".5w\"",
            "estimate = \"30 minutes\"",
        ),
        ("estimate-negative", "estimate = 1.5", "estimate = -1"),
        ("priority", "priority = \"p1\"", "priority = \"P4\""),
        ("weekday", "\"WED\"", "\"wednes\""),
        (
            "no-workdays",
            "workdays = [\"Mon\", \"tuesday\", \"WED\", \"thu\", \"fri\"]",
            "workdays = []",
        ),
        ("progress", "progress = 50", "progress = 150"),
        ("claimed", "claimed = 50", "claimed = -1"),
        ("focus", "focus = 0.8", "focus = 0"),
        ("people", "people = 2", "people = 1.5"),
        ("weight", "weight = 2", "weight = 0"),
        (
            "id",
            "id = \"b\"\ntitle = \"B\"",
            "id = \"b c\"\ntitle = \"B\"",
        ),
        ("no-title", "title = \"C\"\n", ""),
        ("severity", "severity = \"soft\"", "severity = \"medium\""),
        (
            "two-criteria",
            "id = \"p1\"\npriority = \"P1\"",
            "id = \"p1\"\npriority = \"P1\"\nmetric = \"bugs\"",
        ),
        (
            "no-criterion",
            "id = \"comp\"\ncomponents = [\"api.v2\"]",
            "id = \"comp\"",
        ),
        ("gate-status", "status = \"pass\"", "status = \"passed\""),
        (
            "quoted-date",
            "target = 2026-12-18",
            "target = \"next week\"",
        ),
        ("unknown-section", "[team]", "[teams]"),
        (
            "no-project",
            "[project]\nname = \"Full\"\nversion = \"1.0\"\ntarget = 2026-12-18\nclaimed = 50\n",
            "",
        ),
        ("metric-text", "bugs = 0", "bugs = \"none\""),
        ("timeout", "timeout = 30", "timeout = 0"),
        ("empty-tasks", "tasks = [\"a_1\", \"b\"]", "tasks = []"),
        (
            "actual-range",
            "actual = \"2 days\"",
            "actual = \"2-3 days\"",
        ),
        (
            "away-no-to",
            "{ from = 2026-12-21, to = 2027-01-01 }",
            "{ from = 2026-12-21 }",
        ),
        (
            "away-key",
            "{ from = 2026-12-21, to = 2027-01-01 }",
            "{ from = 2026-12-21, until = 2027-01-01 }",
        ),
        ("person-key", "focus = 0.6", "focuss = 0.6"),
        ("person-focus", "focus = 0.6", "focus = 1.5"),
        // Keys that belong with another.
        (
            "expires-without-status",
            "metric = \"coverage\"\n",
            "metric = \"coverage\"\nexpires = 2026-12-31\n",
        ),
        ("metric-without-bounds", "min = 70\nmax = 100\n", ""),
        ("coverage-without-min", "min = 60\n", ""),
        ("coverage-min-over-100", "min = 60\n", "min = 101\n"),
        ("max-on-coverage", "min = 60\n", "min = 60\nmax = 90\n"),
        (
            "min-on-manual",
            "expires = 2026-12-31\n",
            "expires = 2026-12-31\nmin = 1\n",
        ),
        (
            "timeout-on-junit",
            "min_tests = 10\n",
            "min_tests = 10\ntimeout = 5\n",
        ),
        (
            "min-tests-on-command",
            "timeout = 30\n",
            "timeout = 30\nmin_tests = 1\n",
        ),
        (
            "actual-not-done",
            "started = 2026-11-16\n",
            "started = 2026-11-16\nactual = 1\n",
        ),
        ("blank-command", "command = \"true\"", "command = \" \\t\""),
        // Ids and estimates by check's characters, not ECMA-262's `\w`,
        // `\d` or `\s` (nor Python's).
        (
            "id-emoji",
            "id = \"c\"\ntitle",
            "id = \"c\u{1F600}\"\ntitle",
        ),
        (
            "id-combining",
            "id = \"c\"\ntitle",
            "id = \"cafe\\u0301\"\ntitle",
        ),
        (
            "estimate-arabic-digit",
            "estimate = \".5w\"",
            "estimate = \"\u{663}d\"",
        ),
        (
            "estimate-bom",
            "estimate = \".5w\"",
            "estimate = \"\\uFEFF2d\"",
        ),
        (
            "reference-not-an-id",
            "components = [\"api.v2\"]",
            "components = [\"api v2\"]",
        ),
    ];
    let mut files = vec![valid.clone()];
    for (name, from, to) in broken {
        assert!(FULL.contains(from), "{name}: {from:?} is not in FULL");
        let path = dir.path().join(format!("{name}.toml"));
        fs::write(&path, FULL.replacen(from, to, 1)).unwrap();
        files.push(path);
    }
    let verdicts = validate(&dir, &files);
    assert!(verdicts[0].1.ends_with(" ok"), "{}", verdicts[0].1);
    assert_eq!(
        check_exit(&valid),
        1,
        "the full manifest is valid (not ready)"
    );
    for (file, verdict) in &verdicts[1..] {
        assert!(
            verdict.contains(" invalid "),
            "the schema accepts {}: {verdict}",
            file.display()
        );
        assert_eq!(
            check_exit(file),
            2,
            "readiness check accepts {} though the schema rejects it",
            file.display()
        );
    }
}

/// What `check` accepts the schema accepts too: ids in any script, white
/// space as `str::trim` takes it, bounds where they belong.
#[test]
fn what_check_accepts_the_schema_accepts() {
    if tools::missing(&[&tools::JSONSCHEMA]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let variants: &[(&str, &str, &str)] = &[
        ("id-cafe", "id = \"c\"\ntitle", "id = \"café\"\ntitle"),
        ("id-kanji", "id = \"c\"\ntitle", "id = \"東京.v2\"\ntitle"),
        ("id-numbers", "id = \"c\"\ntitle", "id = \"x²-Ⅻ_٣\"\ntitle"),
        (
            "id-astral",
            "id = \"c\"\ntitle",
            "id = \"\u{1D49C}\u{10400}\"\ntitle",
        ),
        (
            "person-greek",
            "id = \"dana\"",
            "id = \"δανάη\"\n[[person]]\nid = \"dana\"",
        ),
        (
            "estimate-nel",
            "estimate = \".5w\"",
            "estimate = \"\\u00852 - 3 DAYS\\u3000\"",
        ),
        ("estimate-dot", "estimate = \".5w\"", "estimate = \"1.d\""),
        ("metric-max-only", "min = 70\nmax = 100\n", "max = 100\n"),
        (
            "actual-done",
            "actual = \"2 days\"",
            "actual = \" 2\\tDays\"",
        ),
    ];
    let mut files = Vec::new();
    for (name, from, to) in variants {
        assert!(FULL.contains(from), "{name}: {from:?} is not in FULL");
        let path = dir.path().join(format!("{name}.toml"));
        fs::write(&path, FULL.replacen(from, to, 1)).unwrap();
        files.push(path);
    }
    for (file, verdict) in validate(&dir, &files) {
        assert_eq!(check_exit(&file), 1, "check rejects {}", file.display());
        assert!(verdict.ends_with(" ok"), "the schema rejects it: {verdict}");
    }
}

/// The schema's patterns through a real ECMA-262 engine (node's
/// `new RegExp(p, "u")`, what JSON Schema 2020-12 means by a pattern):
/// each compiles, and over every code point the id pattern accepts exactly
/// the characters `check` allows in an id, the estimate pattern the white
/// space `check` trims, and the non-blank pattern everything else.
#[test]
fn the_patterns_mean_in_ecma_262_what_check_decides() {
    if tools::missing(&[&tools::NODE]) {
        return;
    }
    const SWEEP: &str = r#"
const schema = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
let compiled = 0;
(function walk(v) {
  if (Array.isArray(v)) v.forEach(walk);
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      if (k === "pattern" && typeof x === "string") { new RegExp(x, "u"); compiled++; }
      else walk(x);
    }
})(schema);
console.log("compiled", compiled);
const tests = {
  id: [new RegExp(schema.$defs.id.pattern, "u"), (s) => s],
  estimate: [new RegExp(schema.$defs.estimate.anyOf[1].pattern, "u"), (s) => s + "2d"],
  nonblank: [new RegExp(schema.properties.gate.items.properties.command.pattern, "u"), (s) => s],
};
for (const [name, [re, text]] of Object.entries(tests)) {
  const ranges = [];
  for (let c = 0; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (!re.test(text(String.fromCodePoint(c)))) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] + 1 === c) last[1] = c;
    else ranges.push([c, c]);
  }
  console.log(name, ranges.map(([a, b]) => a.toString(16) + "-" + b.toString(16)).join(" "));
}
"#;
    let dir = TempDir::new().unwrap();
    let schema = dir.path().join("readiness.schema.json");
    fs::write(&schema, readiness(&["schema"]).stdout).unwrap();
    let out = tools::command(&tools::NODE)
        .args(["-e", SWEEP])
        .arg(&schema)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "a pattern is not an ECMA-262 regex: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut lines = stdout.lines();
    let compiled = lines.next().unwrap();
    assert!(
        compiled.starts_with("compiled ") && compiled != "compiled 0",
        "{compiled}"
    );
    // `check`'s rules: an id's characters (manifest validation), the white
    // space `str::trim` takes off an estimate, and a path or command that
    // is not blank.
    type Rule = fn(char) -> bool;
    let rules: [(&str, Rule); 3] = [
        ("id", |c| {
            c.is_alphanumeric() || matches!(c, '.' | '_' | '-')
        }),
        ("estimate", |c| {
            c.is_whitespace() || c.is_ascii_digit() || c == '.'
        }),
        ("nonblank", |c| !c.is_whitespace()),
    ];
    for ((name, rule), line) in rules.into_iter().zip(lines) {
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if rule(c) {
                match ranges.last_mut() {
                    Some((_, end)) if *end + 1 == u32::from(c) => *end = u32::from(c),
                    _ => ranges.push((u32::from(c), u32::from(c))),
                }
            }
        }
        let expected: Vec<String> = ranges.iter().map(|(a, b)| format!("{a:x}-{b:x}")).collect();
        let got: Vec<&str> = line
            .strip_prefix(name)
            .unwrap()
            .split_whitespace()
            .collect();
        let differ: Vec<String> = expected
            .iter()
            .zip(got.iter().copied().chain(std::iter::repeat("")))
            .filter(|(e, g)| e.as_str() != *g)
            .take(5)
            .map(|(e, g)| format!("check {e}, ECMA-262 {g}"))
            .collect();
        assert!(
            differ.is_empty() && expected.len() == got.len(),
            "{name}: {} ranges for check, {} in ECMA-262; first differences: {differ:?}",
            expected.len(),
            got.len()
        );
    }
}

/// Taplo, the engine of VS Code's Even Better TOML, follows the starter's
/// `#:schema` line to the file `init` wrote beside it: the starter passes,
/// a typo in it is flagged on its line.
#[test]
fn taplo_follows_the_directive_init_writes() {
    if tools::missing(&[&tools::TAPLO]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let manifest = dir.path().join("readiness.toml");
    assert!(
        readiness(&["init", &manifest.display().to_string()])
            .status
            .success()
    );
    let text = fs::read_to_string(&manifest).unwrap();
    assert!(text.starts_with("#:schema ./readiness.schema.json\n"));
    assert!(dir.path().join("readiness.schema.json").is_file());
    let taplo = |dir: &Path| {
        hermetic::toolchain("taplo")
            .args(["check", "readiness.toml"])
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = taplo(dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    fs::write(
        &manifest,
        text.replacen("status = \"todo\"", "status = \"finished\"", 1),
    )
    .unwrap();
    let out = taplo(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "taplo accepted a typo: {stderr}");
    assert!(stderr.contains("\"finished\""), "{stderr}");
    assert!(stderr.contains("readiness.toml:"), "{stderr}");
    // An id `check` accepts passes Taplo too (its `\w` is ECMA-262's,
    // ASCII only, and refused this one).
    assert!(text.contains("id = \"core\""));
    let unicode = text.replace("\"core\"", "\"café-東京\"");
    fs::write(&manifest, &unicode).unwrap();
    assert_eq!(check_exit(&manifest), 1);
    let out = taplo(dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

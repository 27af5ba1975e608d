//! The JUnit and coverage parsers on files real tools wrote (checked in
//! under tests/fixtures/evidence/, and regenerated here by cargo-nextest and
//! pytest when they are installed), and on every kind of bad file.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use readiness::evidence::coverage::{self, CoverageError, CoverageFormat};
use readiness::evidence::junit::{self, Claimed, JunitError, JunitSummary};

#[path = "common/hermetic.rs"]
mod hermetic;
#[path = "common/tools.rs"]
mod tools;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/evidence")
        .join(name)
}

fn junit_file(path: &Path) -> Result<JunitSummary, JunitError> {
    let bytes = fs::read(path).expect("read fixture");
    junit::parse(Cursor::new(bytes))
}

fn junit_text(text: &[u8]) -> Result<JunitSummary, JunitError> {
    junit::parse(Cursor::new(text.to_vec()))
}

fn summary(tests: u64, failed: u64, skipped: u64, claimed: [Option<u64>; 3]) -> JunitSummary {
    JunitSummary {
        tests,
        failed,
        skipped,
        claimed: Claimed {
            tests: claimed[0],
            failed: claimed[1],
            skipped: claimed[2],
        },
    }
}

// ---- the genuine article ----------------------------------------------------

#[test]
fn cargo_nextest() {
    // 3 tests, 1 failing; nextest leaves ignored tests out of the file.
    let s = junit_file(&fixture("nextest.xml")).expect("parse");
    assert_eq!(s, summary(3, 1, 0, [Some(3), Some(1), Some(0)]));
    assert!(s.disagreements().is_empty());
}

#[test]
fn pytest() {
    // A failure, a fixture error (an <error> child) and a skip.
    let s = junit_file(&fixture("pytest.xml")).expect("parse");
    assert_eq!(s, summary(7, 2, 1, [Some(7), Some(2), Some(1)]));
    assert_eq!((s.ran(), s.passed()), (6, 4));
}

#[test]
fn maven_surefire() {
    // A bare <testsuite> root with a namespace declaration.
    let s = junit_file(&fixture("surefire.xml")).expect("parse");
    assert_eq!(s, summary(5, 2, 1, [Some(5), Some(2), Some(1)]));
}

#[test]
fn jest_junit() {
    // jest-junit writes a `test.todo` as a test case but leaves it out of
    // its totals: the count says 6, the root says 5.
    let s = junit_file(&fixture("jest-junit.xml")).expect("parse");
    assert_eq!(s, summary(6, 1, 1, [Some(5), Some(1), None]));
    assert_eq!(s.disagreements(), vec![("tests", 5, 6)]);
}

#[test]
fn gotestsum() {
    // No `skipped` attribute anywhere; subtests are test cases of their own.
    let s = junit_file(&fixture("gotestsum.xml")).expect("parse");
    assert_eq!(s, summary(6, 1, 1, [Some(6), Some(1), None]));
    assert!(s.disagreements().is_empty());
}

#[test]
fn coverage_py_cobertura() {
    let bytes = fs::read(fixture("cobertura-coveragepy.xml")).expect("read");
    let c = coverage::parse(Cursor::new(bytes)).expect("parse");
    assert_eq!(c.format, CoverageFormat::Cobertura);
    assert!((c.percent - 79.31).abs() < 1e-9, "{}", c.percent);
    assert_eq!(c.lines, Some((23, 29)));
}

/// Written by coverage.py 7.17 for 29 of 50 statements: `line-rate="0.58"`,
/// which is 57.99999999999999 percent in floating point.
#[test]
fn coverage_py_cobertura_at_58_percent() {
    let bytes = fs::read(fixture("cobertura-coveragepy-58.xml")).expect("read");
    let c = coverage::parse(Cursor::new(bytes)).expect("parse");
    assert_eq!(c.lines, Some((29, 50)));
    assert!(readiness::model::compare::at_least(c.percent, 58.0));
    assert_eq!(
        readiness::model::compare::shown(c.percent, 1, false, &[58.0]),
        "58.0"
    );
}

/// A C file run under gcc --coverage (5 of 12 lines), reported by lcov
/// 1.16 (`lcov --capture`), by gcovr 8.8 as Cobertura and as LCOV, and by
/// lcov 1.16 with the two comment lines lcov 2's `--comment` writes first.
#[test]
fn lcov_and_gcovr_reports_of_one_run_agree() {
    for (name, format) in [
        ("lcov-lcov.info", CoverageFormat::Lcov),
        ("lcov-comment.info", CoverageFormat::Lcov),
        ("lcov-gcovr.info", CoverageFormat::Lcov),
        ("cobertura-gcovr.xml", CoverageFormat::Cobertura),
    ] {
        let bytes = fs::read(fixture(name)).expect("read");
        let c = coverage::parse(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(c.format, format, "{name}");
        assert_eq!(c.lines, Some((5, 12)), "{name}");
        assert!(
            (c.percent - 500.0 / 12.0).abs() < 1e-9,
            "{name}: {}",
            c.percent
        );
    }
}

/// `lcov -a` of two captures of one C file under different test names
/// (lcov 1.16): one record per test for the same file. lcov reads the
/// union of their lines, 8 of 9 (`lcov --summary`: 88.9%), not the sum of
/// their LH/LF, 11 of 18.
#[test]
fn lcov_of_two_test_names_counts_each_line_once() {
    let bytes = fs::read(fixture("lcov-two-tests.info")).expect("read");
    let c = coverage::parse(Cursor::new(bytes)).expect("parse");
    assert_eq!(c.lines, Some((8, 9)));
}

#[test]
fn coverage_py_lcov() {
    let bytes = fs::read(fixture("lcov-coveragepy.info")).expect("read");
    let c = coverage::parse(Cursor::new(bytes)).expect("parse");
    assert_eq!(c.format, CoverageFormat::Lcov);
    assert_eq!(c.lines, Some((23, 29)));
    assert!((c.percent - 100.0 * 23.0 / 29.0).abs() < 1e-9);
}

#[test]
fn formats_are_told_by_content_not_name() {
    // An LCOV file named .xml and a Cobertura file named .info.
    let lcov = fs::read(fixture("lcov-coveragepy.info")).expect("read");
    let cobertura = fs::read(fixture("cobertura-coveragepy.xml")).expect("read");
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("coverage.xml"), &lcov).expect("write");
    fs::write(dir.path().join("lcov.info"), &cobertura).expect("write");
    let read = |name: &str| {
        coverage::parse(Cursor::new(fs::read(dir.path().join(name)).expect("read"))).expect("parse")
    };
    assert_eq!(read("coverage.xml").format, CoverageFormat::Lcov);
    assert_eq!(read("lcov.info").format, CoverageFormat::Cobertura);
}

// ---- generated on this machine by the real tools ----------------------------

#[test]
fn generated_by_cargo_nextest_now() {
    if tools::missing(&[&tools::NEXTEST]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::create_dir_all(root.join("src")).expect("mkdir");
    fs::create_dir_all(root.join(".config")).expect("mkdir");
    fs::write(
        root.join("Cargo.toml"),
        "[package]\nname = \"nx\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .expect("write");
    fs::write(
        root.join(".config/nextest.toml"),
        "[profile.ci]\nfail-fast = false\n[profile.ci.junit]\npath = \"junit.xml\"\n",
    )
    .expect("write");
    fs::write(
        root.join("src/lib.rs"),
        "#[cfg(test)]\nmod tests {\n    #[test] fn one() {}\n    #[test] fn two() {}\n    #[test] fn wrong() { assert_eq!(1 + 1, 3); }\n}\n",
    )
    .expect("write");
    let out = hermetic::toolchain("cargo")
        .args(["nextest", "run", "--profile", "ci", "--offline"])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .expect("run cargo nextest");
    let report = root.join("target/nextest/ci/junit.xml");
    assert!(
        report.exists(),
        "nextest wrote no JUnit file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = junit_file(&report).expect("parse");
    assert_eq!(s, summary(3, 1, 0, [Some(3), Some(1), Some(0)]));
}

#[test]
fn generated_by_pytest_now() {
    if tools::missing(&[&tools::PYTEST]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("test_x.py"),
        "import pytest\n\ndef test_a():\n    pass\n\ndef test_b():\n    assert 1 == 2\n\n@pytest.mark.skip(reason='later')\ndef test_c():\n    pass\n",
    )
    .expect("write");
    hermetic::toolchain("python3")
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--junitxml=out.xml",
        ])
        .current_dir(dir.path())
        .output()
        .expect("run pytest");
    let s = junit_file(&dir.path().join("out.xml")).expect("parse");
    assert_eq!(s, summary(3, 1, 1, [Some(3), Some(1), Some(1)]));
}

// ---- shapes real files take ---------------------------------------------------

#[test]
fn nested_suites_and_missing_attributes() {
    let s = junit_text(
        br#"<?xml version="1.0"?>
<testsuites>
  <testsuite name="outer">
    <testsuite name="inner">
      <testcase name="a"/>
      <testcase name="b"><failure/></testcase>
    </testsuite>
    <testcase><skipped/></testcase>
    <testcase><error message="x">trace</error><system-out>out</system-out></testcase>
  </testsuite>
</testsuites>"#,
    )
    .expect("parse");
    assert_eq!(s, summary(4, 2, 1, [None, None, None]));
}

#[test]
fn a_failure_outranks_a_skip_and_grandchildren_do_not_count() {
    let s = junit_text(
        b"<testsuite><testcase><skipped/><failure/></testcase>\
          <testcase><properties><failure/></properties></testcase></testsuite>",
    )
    .expect("parse");
    assert_eq!((s.tests, s.failed, s.skipped), (2, 1, 0));
}

#[test]
fn summaries_are_checked_against_the_count() {
    let s = junit_text(
        br#"<testsuites tests="10" failures="0"><testsuite><testcase/><testcase><failure/></testcase></testsuite></testsuites>"#,
    )
    .expect("parse");
    assert_eq!(s.disagreements(), vec![("tests", 10, 2), ("failed", 0, 1)]);
    // A root without totals: the top-level suites' are added up.
    let s = junit_text(
        br#"<testsuites><testsuite tests="1"><testcase/></testsuite><testsuite tests="3"><testcase/></testsuite></testsuites>"#,
    )
    .expect("parse");
    assert_eq!(s.claimed.tests, Some(4));
    assert_eq!(s.disagreements(), vec![("tests", 4, 2)]);
}

#[test]
fn byte_order_mark_comments_and_doctype_are_fine() {
    let s = junit_text(
        b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<!DOCTYPE testsuite>\n<testsuite><testcase/></testsuite>\n",
    )
    .expect("parse");
    assert_eq!(s.tests, 1);
}

// ---- bad files -------------------------------------------------------------

#[test]
fn bad_junit_files_say_why() {
    let nextest = fs::read(fixture("nextest.xml")).expect("read");
    let truncated = &nextest[..nextest.len() / 2];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "empty file"),
        ("blank", b"  \n\n".to_vec(), "empty file"),
        ("truncated", truncated.to_vec(), "truncated"),
        (
            "wrong root",
            b"<coverage line-rate=\"1\"/>".to_vec(),
            "root element is <coverage>",
        ),
        (
            "html",
            b"<!DOCTYPE html><html><body>502</body></html>".to_vec(),
            "root element is <html>",
        ),
        ("binary", (0..=255u8).cycle().take(4096).collect(), ""),
        (
            "mismatched",
            b"<testsuite><testcase></testsuite>".to_vec(),
            "malformed XML",
        ),
        ("text", b"FAILED 3 tests".to_vec(), "not XML"),
        (
            "two roots",
            b"<testsuite/><testsuite/>".to_vec(),
            "second root",
        ),
    ];
    for (what, bytes, expected) in cases {
        let error = junit_text(&bytes).expect_err(what).to_string();
        assert!(error.contains(expected), "{what}: {error}");
    }
}

#[test]
fn random_bytes_never_panic() {
    // A cheap fuzz: many seeds of garbage, some with XML punctuation.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..500 {
        let len = (state % 300) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let alphabet = b"<>/=\"' atesuicxml\n\x00\xff";
                alphabet[(state % alphabet.len() as u64) as usize]
            })
            .collect();
        let _ = junit_text(&bytes);
        let _ = coverage::parse(Cursor::new(bytes));
    }
}

#[test]
fn bad_coverage_files_say_why() {
    let lcov = fs::read(fixture("lcov-coveragepy.info")).expect("read");
    let cut = &lcov[..lcov.len() - "end_of_record\n".len()];
    let cobertura = fs::read(fixture("cobertura-coveragepy.xml")).expect("read");
    // Cut between two elements, as a writer killed mid-file leaves it.
    let packages = cobertura
        .windows(10)
        .position(|w| w == b"<packages>")
        .expect("a <packages> element")
        + 10;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "empty file"),
        ("lcov without its end", cut.to_vec(), "truncated"),
        ("cobertura cut", cobertura[..packages].to_vec(), "truncated"),
        (
            "junit",
            fs::read(fixture("nextest.xml")).expect("read"),
            "root is <testsuites>",
        ),
        (
            "no rate",
            b"<coverage branch-rate=\"1\"></coverage>".to_vec(),
            "no line-rate",
        ),
        (
            "rate > 1",
            b"<coverage line-rate=\"7.3\"/>".to_vec(),
            "not between 0 and 1",
        ),
        ("prose", b"Coverage: 85%\n".to_vec(), "expected KEY:value"),
        ("binary", vec![0xff, 0xfd, 0x00, 0x41, 0x0a], "not UTF-8"),
        (
            "cut UTF-16",
            vec![0xff, 0xfe, 0x00, 0x41, 0x0a],
            "not valid UTF-16: text that ends mid-character",
        ),
        (
            "no lines",
            b"SF:a.rs\nLF:0\nLH:0\nend_of_record\n".to_vec(),
            "no lines",
        ),
        (
            "LH > LF",
            b"SF:a.rs\nLF:1\nLH:2\nend_of_record\n".to_vec(),
            "LH > LF",
        ),
    ];
    for (what, bytes, expected) in cases {
        let error = coverage::parse(Cursor::new(bytes)).expect_err(what);
        let text = error.to_string();
        assert!(text.contains(expected), "{what}: {text}");
        if what == "empty" {
            assert_eq!(error, CoverageError::Empty);
        }
    }
}

#[test]
fn lcov_records_without_totals_count_their_da_lines() {
    let c = coverage::parse(Cursor::new(
        b"TN:\nSF:a.rs\nDA:1,3\nDA:2,0\nDA:3,1\nend_of_record\nSF:b.rs\nDA:1,0\nLF:1\nLH:0\nend_of_record\n".to_vec(),
    ))
    .expect("parse");
    assert_eq!(c.lines, Some((2, 4)));
}

#[test]
fn cobertura_from_line_counts_when_there_is_no_rate() {
    let c = coverage::parse(Cursor::new(
        b"<?xml version=\"1.0\"?><coverage lines-covered=\"3\" lines-valid=\"4\"><packages/></coverage>".to_vec(),
    ))
    .expect("parse");
    assert_eq!(c.percent, 75.0);
}

/// lcov as the oracle: a C file compiled with gcc --coverage, run twice
/// under two test names, captured and merged with `lcov -a`, and concatenated
/// as CI scripts do (`cat a.info b.info`); every file gives the lines that
/// `lcov --summary` prints for it.
#[test]
fn generated_by_gcc_and_lcov_now() {
    if tools::missing(&[&tools::GCC, &tools::LCOV]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(
        root.join("prog.c"),
        "#include <string.h>\nstatic int add(int a, int b) { return a + b; }\nstatic int sub(int a, int b) { return a - b; }\nint main(int argc, char **argv) {\n    int r = 0;\n    if (argc > 1 && strcmp(argv[1], \"add\") == 0) {\n        r = add(2, 3);\n    } else if (argc > 1 && strcmp(argv[1], \"sub\") == 0) {\n        r = sub(5, 3);\n    }\n    return r > 100;\n}\n",
    )
    .expect("write");
    let run = |program: &str, args: &[&str]| {
        let out = hermetic::command(program)
            .args(args)
            .current_dir(root)
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        assert!(
            out.status.success(),
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run("gcc", &["--coverage", "-O0", "-o", "prog", "prog.c"]);
    for (arg, test) in [("add", "unit"), ("sub", "integration")] {
        run("lcov", &["-q", "--zerocounters", "--directory", "."]);
        run("./prog", &[arg]);
        let info = format!("{test}.info");
        run(
            "lcov",
            &[
                "-q",
                "--capture",
                "--directory",
                ".",
                "--test-name",
                test,
                "--output-file",
                &info,
            ],
        );
    }
    run(
        "lcov",
        &[
            "-q",
            "-a",
            "unit.info",
            "-a",
            "integration.info",
            "-o",
            "merged.info",
        ],
    );
    let unit = fs::read(root.join("unit.info")).expect("read");
    let integration = fs::read(root.join("integration.info")).expect("read");
    fs::write(root.join("cat.info"), [unit, integration].concat()).expect("write");
    for name in ["unit.info", "integration.info", "merged.info", "cat.info"] {
        // `  lines......: 88.9% (8 of 9 lines)`, on stdout (lcov 1) or
        // stderr (lcov 2).
        let out = hermetic::command("lcov")
            .args(["--summary", name])
            .current_dir(root)
            .output()
            .expect("run lcov --summary");
        let text = [out.stdout, out.stderr].concat();
        let expected = String::from_utf8_lossy(&text)
            .lines()
            .find_map(|l| l.trim().strip_prefix("lines......: ").map(str::to_owned))
            .unwrap_or_else(|| panic!("no lines figure from lcov for {name}"));
        let (hit, found) = expected
            .split_once('(')
            .and_then(|(_, rest)| rest.split_once(" of "))
            .map(|(h, rest)| {
                let f = rest.split_whitespace().next().unwrap_or_default();
                (
                    h.parse::<u64>().expect("hit"),
                    f.parse::<u64>().expect("found"),
                )
            })
            .unwrap_or_else(|| panic!("{name}: {expected}"));
        let c = coverage::parse(Cursor::new(fs::read(root.join(name)).expect("read")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(c.lines, Some((hit, found)), "{name}: lcov says {expected}");
    }
}

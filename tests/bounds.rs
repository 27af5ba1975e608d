//! Bounded on any input (docs/trust.md): manifests that are not regular files,
//! globs that loop through symlinks, evidence outside the project, error
//! storms. Each command runs under a generous kill timeout so that a hang
//! fails the test instead of stalling the suite; nothing here asserts a
//! duration.

#[path = "common/hermetic.rs"]
mod hermetic;

use std::fs;
use std::path::Path;
use std::time::Duration;

use tempfile::TempDir;

const TODAY: &str = "2026-11-23";
/// A hang guard, not a speed target.
const HANG: Duration = Duration::from_secs(300);

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], file: &Path) -> Ran {
    let output = hermetic::readiness()
        .args(args)
        .arg(file)
        .args(["--today", TODAY])
        .timeout(HANG)
        .output()
        .expect("run readiness");
    Ran {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn mkfifo(path: &Path) -> bool {
    hermetic::command("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn a_manifest_that_is_not_a_regular_file_is_refused_at_once() {
    let dir = TempDir::new().unwrap();
    let zero = dir.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let fifo = dir.path().join("fifo.toml");
    let cases: Vec<(&Path, &str)> = if mkfifo(&fifo) {
        vec![
            (&zero, "a character device, not a regular file"),
            (&fifo, "a FIFO (named pipe), not a regular file"),
            // A folder is a portfolio (docs/portfolio.md): this one holds
            // no readiness.toml.
            (dir.path(), "no readiness.toml below"),
        ]
    } else {
        vec![
            (&zero, "a character device, not a regular file"),
            // A folder is a portfolio (docs/portfolio.md): this one holds
            // no readiness.toml.
            (dir.path(), "no readiness.toml below"),
        ]
    };
    for (path, message) in cases {
        for command in [&["check"][..], &["report"], &["render"], &[]] {
            let ran = run(command, path);
            assert_eq!(ran.code, Some(2), "{command:?} {path:?}: {}", ran.stderr);
            assert!(
                ran.stderr.contains(message),
                "{command:?} {path:?}: {}",
                ran.stderr
            );
            assert!(ran.stdout.is_empty(), "{}", ran.stdout);
        }
    }
}

#[test]
fn a_manifest_over_64_mib_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("readiness.toml");
    // Sparse: 65 MiB on paper, nothing on disk.
    let file = fs::File::create(&path).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    let ran = run(&["check"], &path);
    assert_eq!(ran.code, Some(2));
    assert!(
        ran.stderr
            .contains("65 MiB; manifests over 64 MiB are refused"),
        "{}",
        ran.stderr
    );
}

/// A manifest whose gates are `gates`, in `dir`.
fn manifest(dir: &Path, gates: &str) -> std::path::PathBuf {
    let path = dir.join("readiness.toml");
    let text = format!(
        "[project]\nname = \"p\"\n\n[[component]]\nid = \"c\"\n\n[[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\n\n{gates}"
    );
    fs::write(&path, text).unwrap();
    path
}

/// Each gate's (id, status, detail) from the JSON report.
fn gates(path: &Path) -> Vec<(String, String, String)> {
    let ran = run(&["report", "--format", "json"], path);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let json: serde_json::Value = serde_json::from_str(&ran.stdout).expect("JSON");
    json["gates"]
        .as_array()
        .expect("gates")
        .iter()
        .map(|g| {
            let field = |k: &str| g[k].as_str().unwrap_or_default().to_owned();
            (field("id"), field("status"), field("detail"))
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn globs_through_symlink_loops_finish_and_count_each_file_once() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let d = dir.path().join("d");
    fs::create_dir_all(d.join("r")).unwrap();
    symlink(".", d.join("a")).unwrap();
    symlink(".", d.join("b")).unwrap();
    symlink("..", d.join("r/up")).unwrap();
    symlink("r", d.join("r2")).unwrap();
    fs::write(
        d.join("r/junit.xml"),
        "<testsuite><testcase name=\"x\"/></testsuite>",
    )
    .unwrap();
    let path = manifest(dir.path(), "[[gate]]\nid = \"j\"\njunit = \"d/**/*.xml\"\n");
    let got = gates(&path);
    assert_eq!(got[0].1, "pass", "{got:?}");
    assert!(got[0].2.starts_with("1/1 passed"), "{got:?}");
}

#[test]
fn a_glob_visiting_over_100_000_entries_is_stopped() {
    let dir = TempDir::new().unwrap();
    let many = dir.path().join("many");
    fs::create_dir(&many).unwrap();
    for i in 0..100_001 {
        fs::File::create(many.join(i.to_string())).unwrap();
    }
    let path = manifest(
        dir.path(),
        "[[gate]]\nid = \"j\"\njunit = \"many/**/*.xml\"\n",
    );
    let got = gates(&path);
    assert_eq!(got[0].1, "unknown", "{got:?}");
    assert_eq!(
        got[0].2,
        "many/**/*.xml: the walk visited more than 100000 entries; narrow the glob"
    );
}

#[cfg(unix)]
#[test]
fn evidence_outside_the_project_is_never_read() {
    use std::os::unix::fs::symlink;
    let top = TempDir::new().unwrap();
    let project = top.path().join("project");
    let outside = top.path().join("outside");
    fs::create_dir_all(project.join("reports")).unwrap();
    fs::create_dir_all(&outside).unwrap();
    let lcov = "SF:a.rs\nLH:1\nLF:2\nend_of_record\n";
    fs::write(outside.join("lcov.info"), lcov).unwrap();
    fs::write(
        outside.join("junit.xml"),
        "<testsuite><testcase name=\"x\"/></testsuite>",
    )
    .unwrap();
    symlink(outside.join("lcov.info"), project.join("lcov.info")).unwrap();
    symlink(&outside, project.join("reports/ext")).unwrap();
    let path = manifest(
        &project,
        "[[gate]]\nid = \"environ\"\ncoverage = \"/proc/self/environ\"\nmin = 1\n\n\
         [[gate]]\nid = \"passwd\"\ncoverage = \"/etc/passwd\"\nmin = 1\n\n\
         [[gate]]\nid = \"up\"\ncoverage = \"../outside/lcov.info\"\nmin = 1\n\n\
         [[gate]]\nid = \"link\"\ncoverage = \"lcov.info\"\nmin = 1\n\n\
         [[gate]]\nid = \"junit-up\"\njunit = \"../outside/junit.xml\"\n\n\
         [[gate]]\nid = \"glob-up\"\njunit = \"../outside/*.xml\"\n\n\
         [[gate]]\nid = \"glob-link\"\njunit = \"reports/**/*.xml\"\n",
    );
    let got = gates(&path);
    let expected = [
        ("environ", "/proc/self/environ: outside the project"),
        ("passwd", "/etc/passwd: outside the project"),
        ("up", "../outside/lcov.info: outside the project"),
        ("link", "lcov.info: outside the project (leads to "),
        ("junit-up", "../outside/junit.xml: outside the project"),
        ("glob-up", "../outside/*.xml: outside the project"),
        ("glob-link", "reports/ext: outside the project (leads to "),
    ];
    assert_eq!(got.len(), expected.len());
    for ((id, status, detail), (want_id, want)) in got.iter().zip(expected) {
        assert_eq!(id, want_id);
        assert_eq!(status, "unknown", "{id}: {detail}");
        assert!(detail.starts_with(want), "{id}: {detail}");
        assert!(!detail.contains("PATH="), "{id} quotes the file: {detail}");
    }
    // Inside a git work tree, the whole tree is the project: `..` to a
    // folder of the same repository is read.
    fs::create_dir(top.path().join(".git")).unwrap();
    let got = gates(&path);
    assert_eq!(got[2].1, "pass", "{:?}", got[2]);
    assert!(got[2].2.starts_with("coverage 50.0% ≥ 1"), "{:?}", got[2]);
    assert_eq!(got[0].1, "unknown", "still outside: {:?}", got[0]);
}

/// Held-out hostile evidence, each read to a clear reason: a socket (which
/// cannot even be opened), XML a conforming parser refuses (an attribute
/// twice, a NUL, bytes that are not UTF-8), UTF-32, LCOV whose totals pass
/// 2^64 (they wrapped to a wrong figure) and a 2 MiB LCOV line.
#[cfg(unix)]
#[test]
fn hostile_evidence_files_make_their_gates_unknown_with_a_reason() {
    let dir = TempDir::new().unwrap();
    let at = |name: &str| dir.path().join(name);
    let _socket = std::os::unix::net::UnixListener::bind(at("sock.xml")).unwrap();
    fs::write(
        at("twice.xml"),
        "<coverage line-rate=\"0.1\" line-rate=\"0.9\"/>",
    )
    .unwrap();
    fs::write(
        at("nul.xml"),
        b"<testsuite><testcase name=\"a\x00\"/></testsuite>",
    )
    .unwrap();
    fs::write(
        at("latin.xml"),
        b"<testsuite><testcase name=\"\xe9\"/></testsuite>",
    )
    .unwrap();
    let utf32: Vec<u8> = "<testsuite><testcase/></testsuite>"
        .chars()
        .flat_map(|c| (c as u32).to_le_bytes())
        .collect();
    fs::write(at("utf32.xml"), [&[0xFF, 0xFE, 0, 0][..], &utf32].concat()).unwrap();
    let max = u64::MAX;
    fs::write(
        at("wrap.info"),
        format!("SF:a\nLH:{max}\nLF:{max}\nend_of_record\nSF:b\nLH:1\nLF:1\nend_of_record\n"),
    )
    .unwrap();
    fs::write(
        at("long.info"),
        format!("SF:{}\nDA:1,1\nend_of_record\n", "a".repeat(2 << 20)),
    )
    .unwrap();
    let path = manifest(
        dir.path(),
        "[[gate]]\nid = \"sock\"\njunit = \"sock.xml\"\n\n\
         [[gate]]\nid = \"twice\"\ncoverage = \"twice.xml\"\nmin = 1\n\n\
         [[gate]]\nid = \"nul\"\njunit = \"nul.xml\"\n\n\
         [[gate]]\nid = \"latin\"\njunit = \"latin.xml\"\n\n\
         [[gate]]\nid = \"utf32\"\njunit = \"utf32.xml\"\n\n\
         [[gate]]\nid = \"wrap\"\ncoverage = \"wrap.info\"\nmin = 1\n\n\
         [[gate]]\nid = \"long\"\ncoverage = \"long.info\"\nmin = 1\n",
    );
    let got = gates(&path);
    // (id, the detail's start, what it says)
    let expected = [
        ("sock", "sock.xml: ", "a socket, not a regular file"),
        ("twice", "twice.xml: malformed XML", "a bad attribute"),
        (
            "nul",
            "nul.xml: malformed XML",
            "a control character (0x00)",
        ),
        ("latin", "latin.xml: malformed XML", "not UTF-8 text"),
        (
            "utf32",
            "utf32.xml: ",
            "UTF-32 (little-endian), which is not read",
        ),
        ("wrap", "wrap.info: ", "line counts beyond 2^64"),
        ("long", "long.info: ", "LCOV line 1: longer than 1 MiB"),
    ];
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for ((id, status, detail), (want_id, start, says)) in got.iter().zip(expected) {
        assert_eq!(id, want_id);
        assert_eq!(status, "unknown", "{id}: {detail}");
        assert!(detail.starts_with(start), "{id}: {detail}");
        assert!(detail.contains(says), "{id}: {detail}");
    }
}

/// 64 MiB of `1,` or of `{},` is a small file and gigabytes parsed (the
/// parser's tokens and tables): `check` and `set` aborted out of memory
/// under a 4 GB limit. Counted first, such a manifest is refused at the
/// place the limit is crossed; a glob of 100,000 `*` panicked in globset.
#[test]
fn manifests_of_millions_of_tokens_or_tables_are_refused_before_parsing() {
    let tokens = format!(
        "[project]\nname = \"p\"\n\n[metrics]\nm = [{}]\n",
        "1,".repeat(4_000_000)
    );
    let ran = check_text(&tokens);
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("readiness.toml:5:")
            && ran.stderr.contains("more than 8,000,000 tokens"),
        "{}",
        &ran.stderr[..ran.stderr.len().min(2_000)]
    );
    assert!(
        ran.stderr.len() < 10_000,
        "the source line is shown as a window"
    );
    let tables = format!(
        "[project]\nname = \"p\"\n\n[metrics]\nm = [{}]\n",
        "{},".repeat(400_001)
    );
    let ran = check_text(&tables);
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("more than 400,000 tables"),
        "{}",
        &ran.stderr[..ran.stderr.len().min(2_000)]
    );
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("readiness.toml");
    fs::write(&path, format!("{tables}\n[[component]]\nid = \"c\"\n\n[[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\n")).unwrap();
    let output = hermetic::readiness()
        .arg("set")
        .arg(&path)
        .args(["t", "--status", "done", "--today", TODAY])
        .timeout(HANG)
        .output()
        .expect("run readiness set");
    let ran = Ran {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("more than 400,000 tables"),
        "{}",
        &ran.stderr[..ran.stderr.len().min(2_000)]
    );
    let glob = manifest(
        dir.path(),
        &format!(
            "[[gate]]\nid = \"j\"\njunit = \"{}\"\n",
            "*".repeat(100_000)
        ),
    );
    let ran = run(&["check"], &glob);
    assert_eq!(
        ran.code,
        Some(2),
        "{}",
        &ran.stderr[..ran.stderr.len().min(2_000)]
    );
    assert!(
        ran.stderr
            .contains("is not a valid glob: longer than 4096 bytes"),
        "{}",
        &ran.stderr[..ran.stderr.len().min(2_000)]
    );
}

/// Forty sparse files of 255 MiB under one glob took 40 s (each read to
/// its end to find it is not XML; 10,000 of them would be hours): the files
/// a glob matches hold at most 1 GiB in all, and a file whose first byte is
/// not `<` is not JUnit at once.
#[test]
fn a_glob_over_a_gibibyte_of_files_is_refused_and_a_nul_file_fails_at_once() {
    let dir = TempDir::new().unwrap();
    let r = dir.path().join("r");
    fs::create_dir(&r).unwrap();
    for i in 0..5 {
        let file = fs::File::create(r.join(format!("{i}.xml"))).unwrap();
        file.set_len(255 << 20).unwrap();
    }
    let path = manifest(
        dir.path(),
        "[[gate]]\nid = \"all\"\njunit = \"r/*.xml\"\n\n[[gate]]\nid = \"one\"\njunit = \"r/0.xml\"\n",
    );
    let got = gates(&path);
    assert_eq!(got[0].1, "unknown", "{got:?}");
    assert_eq!(
        got[0].2,
        "r/*.xml: the files it matches hold more than 1024 MiB; narrow it"
    );
    assert_eq!(got[1].1, "unknown", "{got:?}");
    assert!(
        got[1]
            .2
            .starts_with("r/0.xml: not XML: text outside the root element at byte 0"),
        "{got:?}"
    );
}

/// `check` on generated text: exit status and stderr.
fn check_text(text: &str) -> Ran {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("readiness.toml");
    fs::write(&path, text).unwrap();
    run(&["check", "--trials", "10"], &path)
}

/// The bound on what one storm may print: 200 errors, a few lines each.
const STDERR_BOUND: usize = 200 * 1_000;

/// Stderr is bounded and holds exactly 200 headers of `kind`.
#[track_caller]
fn assert_capped(ran: &Ran, kind: &str) {
    assert!(
        ran.stderr.len() < STDERR_BOUND,
        "{} bytes",
        ran.stderr.len()
    );
    assert_eq!(ran.stderr.matches(kind).count(), 200);
}

#[test]
fn ten_thousand_unknown_ids_on_one_line() {
    let ids: Vec<String> = (0..10_000).map(|i| format!("\"nope{i}\"")).collect();
    let text = format!(
        "[project]\nname = \"s\"\n[[component]]\nid = \"c\"\n[[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\ndepends_on = [{}]\n",
        ids.join(", ")
    );
    let ran = check_text(&text);
    assert_eq!(ran.code, Some(2));
    assert_capped(&ran, ": error: ");
    assert!(
        ran.stderr
            .contains("… and 9800 more errors (the first 200 of 10000 are shown)"),
        "{}",
        &ran.stderr[ran.stderr.len() - 300..]
    );
    assert!(
        ran.stderr
            .contains("10000 errors and 0 warnings; nothing computed")
    );
    // Every source line shown is a window, never the whole 120 KB line.
    assert!(ran.stderr.lines().all(|l| l.chars().count() < 300));
}

#[test]
fn twenty_thousand_tasks_each_depending_on_an_unknown_id() {
    let mut text = String::from("[project]\nname = \"s\"\n[[component]]\nid = \"c\"\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "[[task]]\nid = \"task-{i:05}\"\ntitle = \"T\"\ncomponent = \"c\"\ndepends_on = [\"task-{i:05}x\"]\n"
        ));
    }
    let ran = check_text(&text);
    assert_eq!(ran.code, Some(2));
    assert_capped(&ran, ": error: ");
    assert!(ran.stderr.contains("= help: did you mean `task-00000`?"));
    assert!(ran.stderr.contains("= help: did you mean `task-00199`?"));
    assert!(ran.stderr.contains("… and 19800 more errors"));
}

#[test]
fn fifty_thousand_tasks_print_their_warnings_capped() {
    let mut text = String::from("[project]\nname = \"big\"\n");
    for c in 0..1_000 {
        text.push_str(&format!("[[component]]\nid = \"c{c}\"\n"));
    }
    for i in 0..50_000 {
        // A third done without a date: a warning each.
        let status = if i % 3 == 0 { "done" } else { "todo" };
        text.push_str(&format!(
            "[[task]]\nid = \"t{i}\"\ntitle = \"T\"\ncomponent = \"c{}\"\nstatus = \"{status}\"\nestimate = \"1-3d\"\n",
            i / 50
        ));
    }
    let ran = check_text(&text);
    // No gates: ready only at 100%.
    assert_eq!(
        ran.code,
        Some(1),
        "{}",
        &ran.stderr[..ran.stderr.len().min(2000)]
    );
    assert_capped(&ran, ": warning: ");
    assert!(
        ran.stderr.contains("… and 16467 more warnings"),
        "{}",
        &ran.stderr[ran.stderr.len() - 500..]
    );
    assert!(ran.stdout.starts_with("NOT READY"), "{}", ran.stdout);
}

mod rendering {
    use proptest::prelude::*;
    use readiness::manifest::{Diagnostic, SourceMap};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any spans over any text: no panic, every line bounded.
        #[test]
        fn diagnostics_render_bounded_on_any_text(
            text in "(\\PC|\\n|\\t|é|\\r){0,600}",
            spans in prop::collection::vec((0usize..700, 0usize..700, any::<bool>()), 0..40),
        ) {
            let map = SourceMap::new(&text);
            let diagnostics: Vec<Diagnostic> = spans
                .iter()
                .map(|&(a, b, error)| {
                    let span = Some(a.min(b)..a.max(b));
                    if error {
                        Diagnostic::error("e", span)
                    } else {
                        Diagnostic::warning("w", span)
                    }
                })
                .collect();
            let out = map.render_all("m.toml", &diagnostics);
            prop_assert!(out.lines().all(|l| l.chars().count() <= 320), "{}", out);
        }
    }
}

/// The manifest is TOML 1.1, as the `toml` crate parses it
/// (`docs/manifest.md`, "The file"): multi-line inline tables with a
/// trailing comma and the `\x` and `\e` escapes are accepted.
#[test]
fn the_manifest_is_toml_1_1() {
    let text = "component = [{ id = \"c\" }]\n\n\
                task = [\n  {\n    id = \"t\",\n    title = \"T\",\n    component = \"c\",\n  },\n]\n\n\
                [project]\nname = \"caf\\xE9\\e\"\n";
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let snapshot = readiness::evaluate(text, today).expect("TOML 1.1 parses");
    assert_eq!(snapshot.manifest.project.name, "café\u{1b}");
    assert_eq!(snapshot.manifest.tasks[0].id, "t");
}

mod evidence_files {
    use super::*;

    /// A manifest with one gate over `file` (holding `bytes`); its status
    /// and detail.
    fn gate_over(criterion: &str, file: &str, bytes: &[u8]) -> (String, String) {
        let dir = TempDir::new().unwrap();
        fs::write(dir.path().join(file), bytes).unwrap();
        let path = manifest(dir.path(), &format!("[[gate]]\nid = \"g\"\n{criterion}\n"));
        let (_, status, detail) = gates(&path).remove(0);
        (status, detail)
    }

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn cobertura_0_58_passes_min_58() {
        let xml = "<?xml version=\"1.0\"?>\n<coverage line-rate=\"0.58\" branch-rate=\"0\" version=\"7.6\"><packages/></coverage>\n";
        let (status, detail) = gate_over("coverage = \"c.xml\"\nmin = 58", "c.xml", xml.as_bytes());
        assert_eq!(status, "pass", "{detail}");
        assert!(detail.starts_with("coverage 58.0% ≥ 58"), "{detail}");
    }

    #[test]
    fn lcov_comment_lines_are_skipped() {
        let lcov = "#user: ci\n# written by lcov --comment\nTN:\nSF:a.c\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\n";
        let (status, detail) = gate_over(
            "coverage = \"lcov.info\"\nmin = 50",
            "lcov.info",
            lcov.as_bytes(),
        );
        assert_eq!(status, "pass", "{detail}");
        assert!(detail.starts_with("coverage 50.0% ≥ 50"), "{detail}");
    }

    #[test]
    fn a_less_than_inside_an_attribute_is_malformed() {
        let junit =
            "<testsuite tests=\"1\"><testcase name=\"a\" time=\"<<computed>>\"/></testsuite>";
        let (status, detail) = gate_over("junit = \"j.xml\"", "j.xml", junit.as_bytes());
        assert_eq!(status, "unknown", "{detail}");
        assert!(detail.contains("`<` inside a tag"), "{detail}");
        let cobertura = "<coverage line-rate=\"0.5\"><packages name=\"<x>\"/></coverage>";
        let (status, detail) = gate_over(
            "coverage = \"c.xml\"\nmin = 1",
            "c.xml",
            cobertura.as_bytes(),
        );
        assert_eq!(status, "unknown", "{detail}");
        assert!(detail.contains("malformed XML"), "{detail}");
    }

    #[test]
    fn utf16_with_a_mark_is_decoded_and_without_one_refused() {
        let junit = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<testsuite><testcase name=\"é\"/><testcase name=\"b\"><failure/></testcase></testsuite>\n";
        let (status, detail) = gate_over("junit = \"j.xml\"", "j.xml", &utf16le(junit, true));
        assert_eq!(status, "fail", "{detail}");
        assert!(detail.starts_with("1/2 passed, 1 failed"), "{detail}");
        let cobertura = "<?xml version=\"1.0\" encoding=\"utf-16\"?><coverage line-rate=\"0.75\"/>";
        let criterion = "coverage = \"c.xml\"\nmin = 70";
        let (status, detail) = gate_over(criterion, "c.xml", &utf16le(cobertura, true));
        assert_eq!(status, "pass", "{detail}");
        assert!(detail.starts_with("coverage 75.0% ≥ 70"), "{detail}");
        let (status, detail) = gate_over(criterion, "c.xml", &utf16le(cobertura, false));
        assert_eq!(status, "unknown", "{detail}");
        assert!(
            detail.contains("UTF-16 (little-endian) without a byte-order mark"),
            "{detail}"
        );
        let (status, detail) = gate_over("junit = \"j.xml\"", "j.xml", &utf16le(junit, false));
        assert_eq!(status, "unknown", "{detail}");
        assert!(detail.contains("UTF-16"), "{detail}");
    }

    #[test]
    fn a_detail_quotes_only_a_short_fragment_of_a_bad_file() {
        let secret = format!("SECRET_TOKEN={}\n", "x".repeat(5_000));
        let (status, detail) = gate_over(
            "coverage = \"lcov.info\"\nmin = 1",
            "lcov.info",
            secret.as_bytes(),
        );
        assert_eq!(status, "unknown", "{detail}");
        assert!(detail.chars().count() < 250, "{detail}");
        let root = format!("<{} a=\"1\"/>", "r".repeat(5_000));
        let (_, detail) = gate_over("junit = \"j.xml\"", "j.xml", root.as_bytes());
        assert!(detail.chars().count() < 250, "{detail}");
    }
}

/// `check` answers "ready?" on a plan of any size: past its trial budget
/// (15 million task-trials: 7,500 open tasks at 2000 trials) it leaves the
/// percentiles to `report` and says so, and the verdict's answer reads
/// `P50 … · P85 …`.
#[test]
fn check_leaves_the_percentiles_of_a_huge_plan_to_report() {
    let mut text = String::from("[project]\nname = \"big\"\n\n[[component]]\nid = \"c\"\n");
    for i in 0..8_000 {
        text.push_str(&format!(
            "[[task]]\nid = \"t{i}\"\ntitle = \"T\"\ncomponent = \"c\"\nestimate = \"1-2d\"\n"
        ));
    }
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("readiness.toml");
    fs::write(&path, &text).unwrap();
    let ran = run(&["check"], &path);
    assert_eq!(ran.code, Some(1), "nothing done: {}", ran.stderr);
    assert!(
        ran.stderr.contains(
            "note: P50/P85/P95 not computed by check (8000 open tasks, 16.0 million task-trials)"
        ),
        "{}",
        ran.stderr
    );
    assert!(ran.stdout.contains("· P50 … · P85 …"), "{}", ran.stdout);
    let github = run(&["check", "--format", "github"], &path);
    assert!(
        github
            .stdout
            .starts_with("::notice::P50/P85/P95 not computed by check"),
        "{}",
        github.stdout
    );
    // 300 tasks are well within the budget: the verdict has its P85.
    let small: String = text
        .split("[[task]]")
        .take(301)
        .collect::<Vec<_>>()
        .join("[[task]]");
    fs::write(&path, small).unwrap();
    let ran = run(&["check"], &path);
    assert!(!ran.stderr.contains("not computed"), "{}", ran.stderr);
    assert!(ran.stdout.contains("· P85 20"), "{}", ran.stdout);
}

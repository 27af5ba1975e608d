//! Bounded on any input (SPEC §5): manifests that are not regular files,
//! globs that loop through symlinks, evidence outside the project, error
//! storms. Each command runs under a generous kill timeout so that a hang
//! fails the test instead of stalling the suite; nothing here asserts a
//! duration.

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

const TODAY: &str = "2026-11-23";
/// A hang guard, not a speed target.
const HANG: Duration = Duration::from_secs(60);

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], file: &Path) -> Ran {
    let output = Command::cargo_bin("readiness")
        .expect("the readiness binary")
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
    std::process::Command::new("mkfifo")
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
            (dir.path(), "is a directory"),
        ]
    } else {
        vec![
            (&zero, "a character device, not a regular file"),
            (dir.path(), "is a directory"),
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

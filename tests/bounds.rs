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

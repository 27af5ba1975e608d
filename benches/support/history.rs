//! A git repository holding generated versions of a manifest, for the
//! benchmarks that read its history (`since`, `trend`): written with
//! `git fast-import` in one pass (git in the tests' hermetic environment,
//! `tests/common/hermetic.rs`), then checked out.
//!
//! Include after `mod hermetic;` as `#[path = "support/history.rs"] mod support;`.

use std::io::Write;
use std::process::Stdio;

use super::hermetic;

/// A repository with `commits` commits of `readiness.toml`, the first at
/// `first` (seconds since the epoch, UTC) and each `spacing` seconds after
/// the one before; commit `i` holds `version(i)`.
pub fn repo(
    commits: usize,
    first: i64,
    spacing: i64,
    version: impl Fn(usize) -> String,
) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let git = |args: &[&str]| {
        hermetic::git(dir.path())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("git")
    };
    assert!(
        git(&["init", "-q", "-b", "main"])
            .wait()
            .expect("init")
            .success()
    );
    let mut stream = Vec::new();
    for i in 0..commits {
        let body = version(i);
        let when = first + spacing * i as i64;
        let msg = format!("commit {i}");
        write!(
            stream,
            "commit refs/heads/main\ncommitter t <t@example.com> {when} +0000\ndata {}\n{msg}\n",
            msg.len()
        )
        .expect("write");
        write!(
            stream,
            "M 100644 inline readiness.toml\ndata {}\n{body}\n",
            body.len()
        )
        .expect("write");
    }
    let mut import = git(&["fast-import", "--quiet"]);
    import
        .stdin
        .take()
        .expect("stdin")
        .write_all(&stream)
        .expect("feed");
    assert!(import.wait().expect("fast-import").success());
    assert!(
        git(&["reset", "-q", "--hard", "main"])
            .wait()
            .expect("reset")
            .success()
    );
    dir
}

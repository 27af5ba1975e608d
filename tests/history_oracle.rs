//! The in-process history reader (`readiness::history::git`, gix) against
//! git itself as the oracle: on histories with edits, a rename that also
//! edits the file, a branch merged back and a file deleted and re-added,
//! the commits it finds are the ones `git log --follow` lists, in the same
//! order, and each text is the one `git show` prints. One difference, on
//! purpose: a merge whose file differs from every parent's (both sides
//! edited it) is a version here — it is what the file was from then on —
//! where `git log --follow` shows no merge at all.

use std::fs;
use std::path::Path;
use std::process::Stdio;

use readiness::history::git::File;

#[path = "common/hermetic.rs"]
mod hermetic;
#[path = "common/tools.rs"]
mod tools;
use tempfile::TempDir;

fn git(dir: &Path, args: &[&str], day: Option<u32>) -> String {
    let mut c = hermetic::git(dir);
    c.args(args).stdin(Stdio::null());
    if let Some(day) = day {
        let date = format!("2026-11-{day:02}T12:00:00+0000");
        c.env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date);
    }
    let out = c.output().expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A manifest-like text of `n` lines, line `k` changed to `tag`.
fn text(n: usize, k: usize, tag: &str) -> String {
    (0..n)
        .map(|i| {
            if i == k {
                format!("edit = \"{tag}\"\n")
            } else {
                format!("line{i} = {i}\n")
            }
        })
        .collect()
}

fn commit(dir: &Path, name: &str, body: &str, day: u32) {
    if let Some(parent) = Path::new(name).parent() {
        fs::create_dir_all(dir.join(parent)).expect("mkdir");
    }
    fs::write(dir.join(name), body).expect("write");
    git(dir, &["add", name], None);
    git(
        dir,
        &["commit", "-q", "-m", &format!("{name} {day}")],
        Some(day),
    );
}

fn compare(dir: &Path, name: &str) {
    let oracle: Vec<String> = git(dir, &["log", "--follow", "--format=%H", "--", name], None)
        .lines()
        .map(str::to_owned)
        .collect();
    let file = File::open(&dir.join(name)).expect("a repository");
    let versions = file.versions().expect("versions");
    let merges = git(dir, &["rev-list", "--merges", "HEAD"], None);
    let ours: Vec<String> = versions
        .iter()
        .map(|v| v.commit.clone())
        .filter(|c| !merges.contains(c.as_str()))
        .collect();
    assert_eq!(ours, oracle, "commits of {name}");
    let texts = file.texts(&versions).expect("texts");
    for (v, t) in versions.iter().zip(texts) {
        let shown = hermetic::git(dir)
            .args(["show", &format!("{}:{}", v.commit, v.path)])
            .output()
            .expect("git show");
        let expected = shown
            .status
            .success()
            .then(|| String::from_utf8_lossy(&shown.stdout).into_owned());
        assert_eq!(t, expected, "text of {} at {}", v.path, v.commit);
    }
}

#[test]
fn linear_edits_and_a_rename_that_edits() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = TempDir::new().expect("temp dir");
    let dir = repo.path();
    git(dir, &["init", "-q", "-b", "main"], None);
    commit(dir, "plan/status.toml", &text(20, 0, "a"), 2);
    commit(dir, "other.toml", "x = 1\n", 3);
    commit(dir, "plan/status.toml", &text(20, 1, "b"), 4);
    // Renamed and edited in one commit (85% alike).
    git(dir, &["mv", "plan/status.toml", "readiness.toml"], None);
    fs::write(dir.join("readiness.toml"), text(20, 2, "c")).expect("write");
    git(dir, &["add", "-A"], None);
    git(dir, &["commit", "-q", "-m", "rename"], Some(5));
    commit(dir, "readiness.toml", &text(20, 3, "d"), 6);
    compare(dir, "readiness.toml");
}

#[test]
fn a_branch_merged_back() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = TempDir::new().expect("temp dir");
    let dir = repo.path();
    git(dir, &["init", "-q", "-b", "main"], None);
    commit(dir, "readiness.toml", &text(20, 0, "a"), 2);
    git(dir, &["checkout", "-q", "-b", "side"], None);
    commit(dir, "readiness.toml", &text(20, 5, "side"), 3);
    git(dir, &["checkout", "-q", "main"], None);
    commit(dir, "readiness.toml", &text(20, 15, "main"), 4);
    git(dir, &["merge", "-q", "--no-edit", "side"], Some(5));
    let merge = git(dir, &["rev-parse", "HEAD"], None).trim().to_owned();
    commit(dir, "readiness.toml", &text(20, 10, "after"), 6);
    compare(dir, "readiness.toml");
    // The merge, which took both sides' edits, is a version of its own.
    let file = File::open(&dir.join("readiness.toml")).expect("a repository");
    let versions = file.versions().expect("versions");
    assert_eq!(versions[1].commit, merge);
    let merged = file.text(&versions[1]).expect("text");
    assert!(
        merged.contains("side") && merged.contains("main"),
        "{merged}"
    );
}

#[test]
fn deleted_and_added_again() {
    if tools::missing(&[&tools::GIT]) {
        return;
    }
    let repo = TempDir::new().expect("temp dir");
    let dir = repo.path();
    git(dir, &["init", "-q", "-b", "main"], None);
    commit(dir, "readiness.toml", &text(10, 0, "a"), 2);
    commit(dir, "keep.toml", "k = 1\n", 3);
    git(dir, &["rm", "-q", "readiness.toml"], None);
    git(dir, &["commit", "-q", "-m", "delete"], Some(4));
    commit(dir, "readiness.toml", &text(10, 1, "b"), 5);
    compare(dir, "readiness.toml");
}

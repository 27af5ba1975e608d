//! The house rules a machine can check on the source tree itself: no file
//! in `src/` over 600 lines (split by job, docs/architecture.md), each one
//! opening with a `//!` comment that says what it owns, and no test starting
//! a program outside the hermetic environment (tests/common/hermetic.rs).

use std::fs;
use std::path::{Path, PathBuf};

/// The longest a source file may grow.
const MAX_LINES: usize = 600;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src/") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn all_sources() -> Vec<(String, String)> {
    sources_in("src", 50)
}

/// Every `.rs` file under `folder` (relative to the crate) with its text;
/// at least `least` of them.
fn sources_in(folder: &str, least: usize) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join(folder), &mut files);
    files.sort();
    assert!(
        files.len() >= least,
        "found only {} files in {folder}/",
        files.len()
    );
    files
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).expect("read a source file");
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            (name, text)
        })
        .collect()
}

#[test]
fn no_source_file_is_over_600_lines() {
    let long: Vec<String> = all_sources()
        .into_iter()
        .filter_map(|(name, text)| {
            let lines = text.lines().count();
            (lines > MAX_LINES).then(|| format!("{name}: {lines} lines"))
        })
        .collect();
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines; split by job, each new module with a `//!` comment:\n{}",
        long.join("\n")
    );
}

#[test]
fn every_source_file_says_what_it_owns() {
    let bare: Vec<String> = all_sources()
        .into_iter()
        .filter(|(_, text)| !text.trim_start().starts_with("//!"))
        .map(|(name, _)| name)
        .collect();
    assert!(
        bare.is_empty(),
        "no `//!` comment saying what the module owns:\n{}",
        bare.join("\n")
    );
}

/// Every program a test runs starts from the hermetic environment, so no
/// developer's `NO_COLOR`, `TZ`, `GIT_DIR` or `~/.gitconfig` changes a
/// result: `hermetic::readiness()`, `hermetic::command(..)`,
/// `hermetic::git(..)` or `hermetic::toolchain(..)`, never a `Command` of
/// its own.
#[test]
fn every_test_runs_programs_in_the_hermetic_environment() {
    // Spelled in pieces, so that this file does not match itself.
    let starts = [
        concat!("Command", "::new("),
        concat!("cargo", "_bin"),
        concat!("CARGO_BIN", "_EXE"),
        concat!("from", "_std("),
    ];
    let own: Vec<String> = sources_in("tests", 20)
        .into_iter()
        .filter(|(name, _)| !name.ends_with("common/hermetic.rs"))
        .flat_map(|(name, text)| {
            text.lines()
                .enumerate()
                .filter(|(_, line)| starts.iter().any(|s| line.contains(s)))
                .map(|(n, line)| format!("{name}:{}: {}", n + 1, line.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        own.is_empty(),
        "start programs through tests/common/hermetic.rs instead:\n{}",
        own.join("\n")
    );
}

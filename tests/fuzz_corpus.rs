//! The fuzz corpus (`fuzz/corpus/<target>/`: seeds from the fixtures and
//! the examples, and every input a fuzzer found that crashed or hung)
//! replayed through the same checks the fuzz targets run
//! (`fuzz/checks.rs`), on stable, under `cargo test`.

use std::fs;
use std::path::Path;

#[path = "../fuzz/checks.rs"]
mod checks;

/// Runs `check` on every committed input of one target's corpus.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut count = 0;
    for entry in fs::read_dir(&dir).expect("the corpus folder") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if !name.starts_with("seed-") && !name.starts_with("found-") {
            continue;
        }
        let data = fs::read(&path).expect("read an input");
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(
            outcome.is_ok(),
            "{target}: {} fails its check",
            path.display()
        );
        count += 1;
    }
    assert!(count > 0, "no inputs in {}", dir.display());
}

#[test]
fn manifest_corpus() {
    replay("manifest", checks::manifest);
}

#[test]
fn junit_corpus() {
    replay("junit", checks::junit);
}

#[test]
fn lcov_corpus() {
    replay("lcov", checks::lcov);
}

#[test]
fn cobertura_corpus() {
    replay("cobertura", checks::cobertura);
}

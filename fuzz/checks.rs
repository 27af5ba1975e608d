#![allow(dead_code)] // each fuzz target uses one of these
//! What each fuzz target checks of one input, shared by the targets
//! (`fuzz_targets/`) and the corpus replay under `cargo test`
//! (`tests/fuzz_corpus.rs`): no panic, and the invariants of each reader.

use std::io::Cursor;

use readiness::evidence::{coverage, junit};
use readiness::manifest::{self, SourceMap};

/// The manifest loader and validator, then the figures (a few trials) of
/// a valid one; the diagnostics of an invalid one render bounded.
pub fn manifest(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match manifest::load(text) {
        Ok(checked) => {
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
            let options = readiness::Options::exact_trials(5);
            let snapshot = readiness::evaluate_with(text, today, options)
                .expect("a manifest that loads evaluates");
            assert_eq!(snapshot.tasks.len(), checked.manifest.tasks.len());
            assert!((0.0..=100.0).contains(&snapshot.completion));
        }
        Err(diagnostics) => {
            assert!(diagnostics.iter().any(|d| d.is_error()));
            let out = SourceMap::new(text).render_all("m.toml", &diagnostics);
            assert!(out.lines().all(|l| l.chars().count() <= 320), "{out}");
        }
    }
}

/// The JUnit reader: counts that add up.
pub fn junit(data: &[u8]) {
    if let Ok(s) = junit::parse(Cursor::new(data)) {
        assert!(s.failed + s.skipped <= s.tests, "{s:?}");
    }
}

/// The LCOV reader: a percent between 0 and 100.
pub fn lcov(data: &[u8]) {
    if let Ok(c) = coverage::lcov(Cursor::new(data)) {
        assert!((0.0..=100.0).contains(&c.percent), "{c:?}");
    }
    // And through the format sniffing, as the gates read it.
    if let Ok(c) = coverage::parse(Cursor::new(data)) {
        assert!((0.0..=100.0).contains(&c.percent), "{c:?}");
    }
}

/// The Cobertura reader: a percent between 0 and 100.
pub fn cobertura(data: &[u8]) {
    if let Ok(c) = coverage::cobertura(Cursor::new(data)) {
        assert!((0.0..=100.0).contains(&c.percent), "{c:?}");
    }
}

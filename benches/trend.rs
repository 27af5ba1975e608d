//! The trend's cost on a year of daily history: 365 commits of the
//! top-level readiness.toml, one a day at noon UTC (its claim and a comment
//! changed in each, so every version is a blob of its own), read and
//! forecast for the last 250 working days — cold (a fresh reader: the
//! file's commits walked, 250 texts read, 250 forecasts of 2000 trials) and
//! after a save with `HEAD` unchanged (the dashboard's worker: every past
//! point remembered, today's from the snapshot on screen); and the default
//! window of 30 working days, cold. Target: 250 days in under a second on
//! two cores.
//!
//! `cargo bench --bench trend`. Needs git; prints a note and does nothing
//! without it.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

use readiness::history::Reader;
use readiness::model::Options;
use readiness::trend::window;

#[path = "../tests/common/hermetic.rs"]
mod hermetic;
#[path = "support/history.rs"]
mod support;

const COMMITS: usize = 365;
/// 2026-01-05T12:00:00Z, a Monday.
const FIRST: i64 = 1_767_614_400;

#[allow(clippy::disallowed_macros)] // the bench's own note
fn bench(c: &mut Criterion) {
    if hermetic::command("git").arg("--version").output().is_err() {
        eprintln!("no git: nothing to measure");
        return;
    }
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/readiness.toml"))
        .expect("read readiness.toml");
    let dir = support::repo(COMMITS, FIRST, 24 * 3600, |i| {
        text.replace("claimed = 80", &format!("claimed = {}", 30 + i % 60))
            + &format!("# day {i}\n")
    });
    let path = dir.path().join("readiness.toml");
    let now = std::fs::read_to_string(&path).expect("checked out");
    // The Monday after the last commit.
    let today = NaiveDate::from_ymd_opt(2027, 1, 4).expect("date");
    let snapshot = readiness::evaluate(&now, today).expect("valid");
    let all = window(
        &snapshot.manifest.calendar,
        today,
        NaiveDate::from_ymd_opt(2026, 1, 5),
    )
    .expect("a window");
    let year = &all[all.len() - 250..];
    let month = window(&snapshot.manifest.calendar, today, None).expect("a window");
    let options = Options::default();

    let trend = Reader::new().trend(&path, &snapshot, year, options);
    let with_figures = trend.points.iter().filter(|p| p.figures.is_ok()).count();
    assert_eq!(with_figures, 250, "every day has a version");

    let mut group = c.benchmark_group("trend");
    // Criterion's own measurement time unless given on the command line
    // (docs/performance.md runs it with `--measurement-time 5`).
    group.sample_size(10);
    group.bench_function("trend_250_days_cold", |b| {
        b.iter(|| Reader::new().trend(&path, &snapshot, year, options))
    });
    group.bench_function("trend_30_days_cold", |b| {
        b.iter(|| Reader::new().trend(&path, &snapshot, &month, options))
    });
    // A save: the file on disk changes (not HEAD); only today's point is new.
    let mut reader = Reader::new();
    let _ = reader.trend(&path, &snapshot, year, options);
    let claimed = format!("claimed = {}", 30 + (COMMITS - 1) % 60);
    let saved = readiness::evaluate(&now.replace(&claimed, "claimed = 90"), today).expect("valid");
    assert_ne!(
        saved.manifest.project.claimed,
        snapshot.manifest.project.claimed
    );
    group.bench_function("trend_250_days_after_a_save", |b| {
        b.iter(|| reader.trend(&path, &saved, year, options))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Standup mode's git reading on a repository with 1,000 commits of the
//! manifest (the top-level readiness.toml, a metric changed in each, one
//! commit every 6 hours, written with `git fast-import`): `since` alone (one
//! `git log --follow`, one `git cat-file` and two evaluations — what `report`
//! adds) and `since` with the burn-up's scope history (one text a day
//! through `git cat-file --batch` — what the dashboard's history worker does
//! when `HEAD` moved), the same with `HEAD` unchanged (a save), and a
//! redraw with that chart. Target (issue 5): since < 100 ms.
//!
//! `cargo bench --bench since`. Needs git; prints a note and does nothing
//! without it.

use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::sync::Arc;

use readiness::app::{App, AppOptions, LoadOutcome};
use readiness::history;
use readiness::ui::render::render_buffer;

#[path = "../tests/common/hermetic.rs"]
mod hermetic;

const COMMITS: usize = 1_000;
/// 2026-05-01T00:00:00Z.
const FIRST: i64 = 1_777_593_600;

#[path = "support/history.rs"]
mod support;

/// The top-level manifest, a metric changed in each commit, one every 6 hours.
fn repo(text: &str) -> tempfile::TempDir {
    support::repo(COMMITS, FIRST, 6 * 3600, |i| {
        text.replace("coverage = 74", &format!("coverage = {}", i % 100))
    })
}

#[allow(clippy::disallowed_macros)] // the bench's own note
fn bench(c: &mut Criterion) {
    if hermetic::command("git").arg("--version").output().is_err() {
        eprintln!("no git: nothing to measure");
        return;
    }
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/readiness.toml"))
        .expect("read readiness.toml");
    let dir = repo(&text);
    let path = dir.path().join("readiness.toml");
    let now = std::fs::read_to_string(&path).expect("checked out");
    // The day after the last commit (250 days after the first).
    let today = NaiveDate::from_ymd_opt(2027, 1, 6).expect("date");
    let standup = history::standup_of_text(&path, &now, today, None, true).expect("valid");
    assert_eq!(
        standup.since.source.as_str(),
        "git",
        "{:?}",
        standup.since.source
    );
    assert!(standup.scope.len() >= 240, "{}", standup.scope.len());

    let mut group = c.benchmark_group("since");
    group.measurement_time(Duration::from_secs(8));
    group.sample_size(30);
    group.bench_function("since_1000_commits", |b| {
        b.iter(|| history::standup_of_text(&path, &now, today, None, false))
    });
    group.bench_function("since_and_scope_1000_commits", |b| {
        b.iter(|| history::standup_of_text(&path, &now, today, None, true))
    });
    // The repository reads alone (no evaluation): the file's commits, and
    // one text a day (what the scope history reads).
    let file = history::git::File::open(&path).expect("a repository");
    group.bench_function("read_versions_1000_commits", |b| {
        b.iter(|| file.versions().expect("versions"))
    });
    let mut daily = file.versions().expect("versions");
    daily.dedup_by_key(|v| v.date);
    group.bench_function("read_texts_250_days", |b| {
        b.iter(|| file.texts(&daily).expect("texts"))
    });
    // The dashboard's worker after a save with HEAD unchanged: the log and
    // the texts are remembered, only the file's text is new.
    let mut reader = history::Reader::new();
    group.bench_function("since_and_scope_1000_commits_cached", |b| {
        b.iter(|| reader.standup(&path, &now, today, None, true))
    });
    // A redraw with the chart of that history: pure, no git.
    let snapshot = readiness::evaluate(&now, today).expect("valid");
    let mut app = App::new(path.clone(), AppOptions::default());
    app.on_load(LoadOutcome::loaded(
        snapshot,
        &now,
        today.and_time(chrono::NaiveTime::MIN),
    ));
    app.on_standup(Arc::new(standup), None);
    group.bench_function("redraw_dashboard_120x40", |b| {
        b.iter(|| render_buffer(&app, 120, 40))
    });
    app.set_present(true);
    group.bench_function("redraw_present_160x45", |b| {
        b.iter(|| render_buffer(&app, 160, 45))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

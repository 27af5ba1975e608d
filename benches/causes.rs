//! What "why it moved" costs `report` on the 1k-task plan (the generated
//! plan of `benches/pipeline.rs`, eight owners and a record): the report's
//! figures alone (no git history), then with a baseline from yesterday — the
//! comparison as it was before the causes (`since::compare`) and with them
//! (`since::since_git`: one forecast more per class of change) — for a day
//! that finished five tasks (work done and the record changed: two more
//! forecasts) and a day that changed one estimate (one more). Each runs on
//! one thread, so that wall time is CPU time (the trials are parallel).
//!
//! `cargo bench --bench causes`

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

use readiness::model::{self, Options};
use readiness::standup::since;

#[path = "support/generate.rs"]
#[allow(dead_code)]
mod generate;

/// `today` with its first `n` done tasks of priority P1 still in progress
/// (no `done` date): yesterday's version of a day that finished them.
fn before_finishing(today: &str, n: usize) -> String {
    let done = "status = \"done\"\npriority = \"P1\"\n";
    let mut out = today.to_owned();
    for _ in 0..n {
        let at = out.find(done).expect("a done P1 task");
        out.replace_range(
            at..at + done.len(),
            "status = \"doing\"\npriority = \"P1\"\n",
        );
        let line = at + out[at..].find("done = 2026-11-").expect("its done date");
        let end = line + out[line..].find('\n').expect("a line") + 1;
        out.replace_range(line..end, "");
    }
    out
}

fn bench(c: &mut Criterion) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool");
    let text = generate::manifest_with(
        1_000,
        generate::Staffing {
            owners: Some(8),
            history: true,
        },
    );
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let from = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let options = Options::default();
    let days = [
        ("five_done", before_finishing(&text, 5)),
        (
            "one_estimate",
            text.replacen("estimate = \"1w\"", "estimate = \"2w\"", 1),
        ),
    ];
    let mut group = c.benchmark_group("report_1k");
    group.sample_size(10);
    group.bench_function("figures_no_history", |b| {
        b.iter(|| pool.install(|| model::evaluate_with(black_box(&text), today, options)))
    });
    for (name, old) in &days {
        assert_ne!(old, &text, "{name}: no change");
        group.bench_function(format!("{name}_since_before_causes"), |b| {
            b.iter(|| {
                pool.install(|| {
                    let now = model::evaluate_with(&text, today, options).expect("valid");
                    let old = since::evaluate_baseline(old, from, options).expect("valid");
                    since::compare(&now, &old, from, git_source())
                })
            })
        });
        group.bench_function(format!("{name}_since_with_causes"), |b| {
            b.iter(|| {
                pool.install(|| {
                    let now = model::evaluate_with(&text, today, options).expect("valid");
                    let old = since::evaluate_baseline(old, from, options);
                    since::since_git(
                        &now,
                        old.as_ref(),
                        "c0ffee",
                        "readiness.toml",
                        from,
                        from,
                        options,
                    )
                })
            })
        });
    }
    group.finish();
}

fn git_source() -> since::Source {
    since::Source::Git {
        commit: "c0ffee".into(),
        path: "readiness.toml".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

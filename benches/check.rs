//! What `readiness check` costs on large and hostile manifests
//! (`docs/manifest.md`, "Validation"): a 50,000-task manifest whose done
//! tasks have no `done` date (one warning each), loaded, evaluated with
//! one Monte Carlo trial and with the default trials, and its warnings
//! rendered (capped at 200); and two error storms, loaded and rendered:
//! 10,000 unknown ids on one line, and 20,000 tasks each depending on an
//! unknown id (each with a "did you mean").
//!
//! `cargo bench --bench check`; `READINESS_BENCH_SIZES=10000` for a
//! smaller plan.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use readiness::manifest::{self, SourceMap};

#[path = "support/generate.rs"]
mod generate;

/// The generated plan with every `done` date taken out.
fn without_done_dates(tasks: usize) -> String {
    generate::manifest(tasks)
        .lines()
        .filter(|l| !l.starts_with("done = "))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn storm_one_line() -> String {
    let ids: Vec<String> = (0..10_000).map(|i| format!("\"nope{i}\"")).collect();
    format!(
        "[project]\nname = \"s\"\n[[component]]\nid = \"c\"\n[[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\ndepends_on = [{}]\n",
        ids.join(", ")
    )
}

fn storm_unknown_deps() -> String {
    let mut text = String::from("[project]\nname = \"s\"\n[[component]]\nid = \"c\"\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "[[task]]\nid = \"task-{i:05}\"\ntitle = \"T\"\ncomponent = \"c\"\ndepends_on = [\"task-{i:05}x\"]\n"
        ));
    }
    text
}

fn check(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut group = c.benchmark_group("check");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for tasks in generate::sizes(&[50_000]) {
        let text = without_done_dates(tasks);
        let snapshot = readiness::evaluate(&text, today).expect("valid");
        assert!(snapshot.warnings.len() > 1_000, "one warning a done task");
        group.bench_with_input(BenchmarkId::new("load", tasks), &text, |b, text| {
            b.iter(|| manifest::load(black_box(text)).unwrap())
        });
        group.bench_with_input(
            BenchmarkId::new("evaluate_1_trial", tasks),
            &text,
            |b, text| {
                let one = readiness::Options::exact_trials(1);
                b.iter(|| readiness::evaluate_with(black_box(text), today, one).unwrap())
            },
        );
        group.bench_with_input(
            BenchmarkId::new("evaluate_default", tasks),
            &text,
            |b, text| b.iter(|| readiness::evaluate(black_box(text), today).unwrap()),
        );
        group.bench_with_input(
            BenchmarkId::new("render_warnings", tasks),
            &text,
            |b, text| {
                let map = SourceMap::new(text);
                b.iter(|| map.render_all("m.toml", black_box(&snapshot.warnings)))
            },
        );
    }
    for (name, text) in [
        ("unknown_ids_one_line_10k", storm_one_line()),
        ("unknown_deps_20k", storm_unknown_deps()),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let diagnostics = manifest::load(black_box(&text)).expect_err("a storm");
                SourceMap::new(&text).render_all("m.toml", &diagnostics)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);

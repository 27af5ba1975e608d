//! Load + validate + figures + deterministic schedule (and one Monte Carlo
//! trial; the `forecast` benchmark measures the trials) on generated manifests
//! of 1k, 10k and 100k tasks, beside bare `toml` deserialization of the same
//! text into plain structs (the cost floor the pipeline is measured against).
//!
//! `cargo bench --bench pipeline`; set `READINESS_BENCH_SIZES=1000,10000` to
//! choose sizes, and `READINESS_BENCH_DUMP=DIR` to keep the generated
//! manifests (for timing the binary or measuring its memory).

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;

#[path = "support/generate.rs"]
mod generate;

/// Plain structs, no spans: what a bare `toml::from_str` costs.
#[allow(dead_code)]
#[derive(Deserialize)]
struct Plain {
    project: toml::Table,
    calendar: Option<toml::Table>,
    team: Option<toml::Table>,
    metrics: Option<toml::Table>,
    component: Vec<PlainComponent>,
    task: Vec<PlainTask>,
    gate: Vec<toml::Table>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainComponent {
    id: String,
    name: Option<String>,
    weight: Option<f64>,
    owner: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainTask {
    id: String,
    title: String,
    component: String,
    status: Option<String>,
    priority: Option<String>,
    estimate: Option<toml::Value>,
    progress: Option<f64>,
    depends_on: Option<Vec<String>>,
    blocker: Option<String>,
    owner: Option<String>,
    done: Option<toml::value::Datetime>,
}

fn pipeline(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    // One Monte Carlo trial: the trials have their own benchmark (`forecast`).
    let one_trial = readiness::Options::exact_trials(1);
    let mut group = c.benchmark_group("manifest");
    for tasks in generate::sizes(&[1_000, 10_000, 100_000]) {
        let text = generate::manifest(tasks);
        if let Ok(dir) = std::env::var("READINESS_BENCH_DUMP") {
            let path = std::path::Path::new(&dir).join(format!("generated-{tasks}.toml"));
            std::fs::write(&path, &text).expect("write the generated manifest");
        }
        assert!(
            readiness::evaluate(&text, today).is_ok(),
            "generated manifest is valid"
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        if tasks >= 100_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(20));
        } else if tasks >= 10_000 {
            group
                .sample_size(20)
                .measurement_time(Duration::from_secs(10));
        } else {
            group
                .sample_size(50)
                .measurement_time(Duration::from_secs(5));
        }
        group.bench_with_input(BenchmarkId::new("bare_toml", tasks), &text, |b, text| {
            b.iter(|| toml::from_str::<Plain>(black_box(text)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("pipeline", tasks), &text, |b, text| {
            b.iter(|| readiness::evaluate_with(black_box(text), today, one_trial).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);

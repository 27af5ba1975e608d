//! The forecast alone — deterministic schedule, critical path, per-person
//! and per-component figures and 2000 Monte Carlo trials of the list
//! scheduler — on generated plans of 1k and 10k tasks (8 people, ranged and
//! point estimates, dependencies on earlier tasks), in two staffings:
//!
//! - `no_owners`: no task has an owner and no done task a start date — the
//!   plan of earlier releases, for comparison with them;
//! - `owners`: every task owned by one of 8 people, no record;
//! - `owners_calibrated`: every task owned by one of 8 people, and done
//!   tasks with `started`, so the trials are calibrated (each also runs the
//!   uncalibrated schedule when ranges are drawn).
//!
//! Targets: 1k × 2000 trials < 100 ms, 10k × 2000 < 1.5 s on two cores.
//!
//! `cargo bench --bench forecast`; `READINESS_BENCH_SIZES` chooses sizes,
//! `READINESS_BENCH_TRIALS` the trial count, `READINESS_BENCH_STAFFING`
//! one staffing; `RAYON_NUM_THREADS=1` measures one core;
//! `READINESS_BENCH_DUMP=DIR` keeps each generated manifest
//! (`forecast-<staffing>-<tasks>.toml`, for timing the binary).

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use readiness::{forecast, model};

#[path = "support/generate.rs"]
#[allow(dead_code)]
mod generate;

use generate::Staffing;

fn trials() -> u32 {
    std::env::var("READINESS_BENCH_TRIALS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(forecast::monte_carlo::DEFAULT_TRIALS)
}

const STAFFINGS: [(&str, Staffing); 3] = [
    (
        "no_owners",
        Staffing {
            owners: Some(0),
            history: false,
        },
    ),
    (
        "owners",
        Staffing {
            owners: Some(8),
            history: false,
        },
    ),
    (
        "owners_calibrated",
        Staffing {
            owners: Some(8),
            history: true,
        },
    ),
];

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let trials = trials();
    let policy = forecast::TrialPolicy {
        requested: trials,
        scale_down: false,
    };
    let only = std::env::var("READINESS_BENCH_STAFFING").ok();
    let mut group = c.benchmark_group("forecast");
    for tasks in generate::sizes(&[1_000, 10_000]) {
        for (name, staffing) in STAFFINGS {
            if only.as_deref().is_some_and(|o| o != name) {
                continue;
            }
            let text = generate::manifest_with(tasks, staffing);
            if let Ok(dir) = std::env::var("READINESS_BENCH_DUMP") {
                let path = std::path::Path::new(&dir).join(format!("forecast-{name}-{tasks}.toml"));
                std::fs::write(&path, &text).expect("write the generated manifest");
            }
            let snapshot =
                readiness::evaluate_with(&text, today, readiness::Options::exact_trials(1))
                    .expect("the generated manifest is valid");
            let inputs = model::forecast_inputs(&snapshot.tasks);
            let mean = model::figures::default_days(&snapshot.manifest);
            let sample = forecast::forecast(&snapshot.manifest, &inputs, mean, today, policy);
            assert_eq!(sample.trials, Some(trials), "the plan has ranges to draw");
            assert_eq!(
                sample.calibration.is_some(),
                staffing.history,
                "calibrated exactly when there is a record"
            );
            if tasks >= 10_000 {
                group
                    .sample_size(10)
                    .measurement_time(Duration::from_secs(20));
            } else {
                group
                    .sample_size(20)
                    .measurement_time(Duration::from_secs(8));
            }
            let id = BenchmarkId::new(format!("{trials}_trials_{name}"), tasks);
            group.bench_function(id, |b| {
                b.iter(|| {
                    forecast::forecast(black_box(&snapshot.manifest), &inputs, mean, today, policy)
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! `readiness set`'s core on generated manifests of 1k and 10k tasks:
//! `edit::apply` (toml_edit's parse to find the task, the splice, and the
//! full validation of the result) beside `manifest::load` alone — the
//! validation every edit must pay — so the edit's own cost is the
//! difference.
//!
//! `cargo bench --bench edit`; `READINESS_BENCH_SIZES=1000,10000,100000`
//! to choose sizes.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use readiness::edit::{self, Blocker, TaskEdit};
use readiness::manifest::{self, Status};

#[path = "support/generate.rs"]
mod generate;

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut group = c.benchmark_group("edit");
    group
        .measurement_time(Duration::from_secs(8))
        .sample_size(20);
    for tasks in generate::sizes(&[1_000, 10_000]) {
        let text = generate::manifest(tasks);
        group.throughput(Throughput::Bytes(text.len() as u64));
        // The last task: the edit that walks the whole document.
        let id = format!("t{}", tasks - 1);
        let task = TaskEdit {
            status: Some(Status::Done),
            blocker: Some(Blocker::Set("waiting on \"ops\"".into())),
            ..TaskEdit::default()
        };
        assert!(edit::apply(&text, &id, &task, today).is_ok());
        group.bench_with_input(BenchmarkId::new("set", tasks), &text, |b, text| {
            b.iter(|| edit::apply(black_box(text), &id, &task, today).unwrap())
        });
        group.bench_with_input(
            BenchmarkId::new("validate only", tasks),
            &text,
            |b, text| b.iter(|| manifest::load(black_box(text)).unwrap()),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! `readiness import`'s core on a generated GitHub export of 10,000 issues
//! (`gh issue list --json` shape: milestones, assignees, estimate labels,
//! one issue in three blocked by an earlier one, a third closed): the
//! first import into an empty manifest (read, sync, validation of the
//! result) and a re-import of the same export into its result, which
//! changes nothing.
//!
//! `cargo bench --bench import`; `READINESS_BENCH_SIZES=1000,10000` to
//! choose sizes, and `READINESS_BENCH_DUMP=DIR` to keep each generated
//! export (`DIR/issues-10000.json`), for timing the binary on it.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use readiness::import::{self, Format, sync};

#[path = "support/generate.rs"]
#[allow(dead_code)] // only `sizes` here
mod generate;

/// `n` issues as `gh issue list --json …` prints them.
pub fn github_export(n: usize) -> String {
    let mut out = String::from("[\n");
    for i in 1..=n {
        let closed = i % 3 == 0;
        let blocked = if i % 3 == 1 && i > 10 {
            format!(",\n    \"blockedBy\": [{{\"number\": {}}}]", i - 7)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "  {{\n    \"number\": {i},\n    \"title\": \"Issue {i}: make the \\\"thing\\\" work on every platform\",\n    \"state\": \"{}\",\n    \"stateReason\": \"{}\",\n    \"closedAt\": {},\n    \"assignees\": [{{\"login\": \"dev-{}\"}}],\n    \"labels\": [{{\"name\": \"estimate: {}d\"}}, {{\"name\": \"area/{}\"}}],\n    \"milestone\": {{\"title\": \"Milestone {}\"}}{blocked}\n  }}{}\n",
            if closed { "CLOSED" } else { "OPEN" },
            if closed { "COMPLETED" } else { "" },
            if closed { "\"2026-11-02T10:00:00Z\"".to_owned() } else { "null".to_owned() },
            i % 25,
            1 + i % 5,
            i % 7,
            i % 12,
            if i == n { "" } else { "," },
        ));
    }
    out.push_str("]\n");
    out
}

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let start = "[project]\nname = \"Bench\"\n";
    let mut group = c.benchmark_group("import");
    group
        .measurement_time(Duration::from_secs(10))
        .sample_size(10);
    for issues in generate::sizes(&[10_000]) {
        let export_text = github_export(issues);
        if let Ok(dir) = std::env::var("READINESS_BENCH_DUMP") {
            let path = std::path::Path::new(&dir).join(format!("issues-{issues}.json"));
            std::fs::write(&path, &export_text).expect("write the generated export");
        }
        group.throughput(Throughput::Elements(issues as u64));
        let first = {
            let export = import::read(export_text.as_bytes(), Some(Format::Github)).unwrap();
            sync::sync(start, &export, today).unwrap().text
        };
        group.bench_with_input(
            BenchmarkId::new("first import", issues),
            &export_text,
            |b, export_text| {
                b.iter(|| {
                    let export = import::read(black_box(export_text.as_bytes()), None).unwrap();
                    sync::sync(start, &export, today).unwrap()
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("re-import, no change", issues),
            &export_text,
            |b, export_text| {
                b.iter(|| {
                    let export = import::read(black_box(export_text.as_bytes()), None).unwrap();
                    let synced = sync::sync(&first, &export, today).unwrap();
                    assert_eq!(synced.summary.unchanged, issues);
                    synced
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

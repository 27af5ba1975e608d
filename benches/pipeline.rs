//! Load + validate + figures + deterministic schedule on generated manifests
//! of 1k, 10k and 100k tasks, beside bare `toml` deserialization of the same
//! text into plain structs (the cost floor the pipeline is measured against).
//!
//! `cargo bench --bench pipeline`; set `READINESS_BENCH_SIZES=1000,10000` to
//! choose sizes, and `READINESS_BENCH_DUMP=DIR` to keep the generated
//! manifests (for timing the binary or measuring its memory).

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;

/// A realistic manifest with `tasks` tasks: 50 tasks a component, dependencies
/// on up to two of the previous 50 tasks, every status, estimate form and gate kind.
fn manifest(tasks: usize) -> String {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let components = tasks.div_ceil(50);
    let mut out = String::with_capacity(tasks * 160);
    out.push_str("[project]\nname = \"Generated\"\nversion = \"1.0.0\"\ntarget = 2027-06-30\nclaimed = 70\n\n");
    out.push_str(
        "[calendar]\nholidays = [2026-12-24, 2026-12-25, 2027-01-01]\nhours_per_day = 8\n\n",
    );
    out.push_str(
        "[team]\npeople = 8\nfocus = 0.8\n\n[metrics]\ncoverage = 71.5\nopen_bugs = 3\n\n",
    );
    for c in 0..components {
        let _ = writeln!(
            out,
            "[[component]]\nid = \"c{c}\"\nname = \"Component {c}\"\nweight = {}\nowner = \"owner{}\"\n",
            1 + next(3),
            next(9)
        );
    }
    let estimates = [
        "\"2-3d\"",
        "1.5",
        "\"4h\"",
        "\"1-2 days\"",
        "\"6h\"",
        "2",
        "\"1w\"",
    ];
    for i in 0..tasks {
        let status = match next(100) {
            0..30 => "done",
            30..40 => "doing",
            40..43 => "blocked",
            43..45 => "dropped",
            _ => "todo",
        };
        let _ = write!(
            out,
            "[[task]]\nid = \"t{i}\"\ntitle = \"Task number {i} of the generated plan\"\ncomponent = \"c{}\"\nstatus = \"{status}\"\npriority = \"P{}\"\n",
            i / 50,
            next(4)
        );
        if next(10) > 0 {
            let _ = writeln!(out, "estimate = {}", estimates[next(7) as usize]);
        }
        if status == "doing" {
            let _ = writeln!(out, "progress = {}", next(100));
        }
        if status == "done" {
            let _ = writeln!(out, "done = 2026-11-{:02}", 1 + next(20));
        }
        if status == "blocked" {
            out.push_str("blocker = \"waiting on another team\"\n");
        }
        if i > 0 {
            let deps: Vec<String> = (0..next(3))
                .map(|_| format!("\"t{}\"", i - 1 - next(i.min(50) as u64) as usize))
                .collect();
            if !deps.is_empty() {
                let _ = writeln!(out, "depends_on = [{}]", deps.join(", "));
            }
        }
        out.push_str("owner = \"dev\"\n\n");
    }
    out.push_str("[[gate]]\nid = \"p0\"\npriority = \"P0\"\n\n");
    out.push_str("[[gate]]\nid = \"cov\"\nmetric = \"coverage\"\nmin = 70\n\n");
    out.push_str(
        "[[gate]]\nid = \"bugs\"\nmetric = \"open_bugs\"\nmax = 0\nseverity = \"soft\"\n\n",
    );
    out.push_str("[[gate]]\nid = \"c0\"\ncomponents = [\"c0\"]\n\n");
    out.push_str("[[gate]]\nid = \"first\"\ntasks = [\"t0\", \"t1\"]\n\n");
    out.push_str("[[gate]]\nid = \"signoff\"\nstatus = \"pass\"\nexpires = 2027-01-31\n");
    out
}

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

fn sizes() -> Vec<usize> {
    std::env::var("READINESS_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

fn pipeline(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut group = c.benchmark_group("manifest");
    for tasks in sizes() {
        let text = manifest(tasks);
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
            b.iter(|| readiness::evaluate(black_box(text), today).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);

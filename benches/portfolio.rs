//! What a portfolio costs (docs/portfolio.md): a folder of 1,000 manifests
//! of 50 tasks each, 8 people shared across them (each manifest declares 3
//! of the 8 beside 2 people of its own), found, read, computed — the
//! projects that share people in portfolio order, each with the time the
//! earlier ones take of them, trial by trial — rolled up and written as
//! `report --format json` writes it.
//!
//! `cargo bench --bench portfolio`; `READINESS_BENCH_SIZES=100` for a
//! smaller folder. `READINESS_PORTFOLIO_DIR=DIR` writes the folder to DIR
//! and keeps it (to time the release binary on it, docs/performance.md).

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use readiness::members::{self, Settings};
use readiness::model::Options;
use readiness::portfolio::RollUp;

#[path = "support/generate.rs"]
#[allow(dead_code)]
mod generate;

/// The people every manifest may share.
const SHARED: usize = 8;
const TASKS: usize = 50;

/// Manifest `n` of the portfolio: 50 tasks in 2 components, each owned by
/// one of the 3 shared people it declares (a task in five), one of its own
/// 2 (two in five) or nobody; dependencies on up to two of the previous
/// ten tasks; every status and estimate form.
fn manifest(n: usize) -> String {
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64 ^ (n as u64).wrapping_mul(0x2545_F491_4F6C_DD1D);
    let mut next = move |k: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % k
    };
    let shared = [n % SHARED, (n + 1) % SHARED, (n + 3) % SHARED];
    let mut out = format!(
        "[project]\nname = \"Service {n:04}\"\ntarget = 2027-09-30\nclaimed = 40\n\n\
         [team]\npeople = 6\nfocus = 0.8\n\n"
    );
    for s in shared {
        let _ = writeln!(
            out,
            "[[person]]\nid = \"shared{s}\"\nname = \"Shared {s}\"\n"
        );
    }
    for own in ["a", "b"] {
        let _ = writeln!(out, "[[person]]\nid = \"own{n}{own}\"\n");
    }
    out.push_str("[[component]]\nid = \"api\"\n\n[[component]]\nid = \"web\"\n\n");
    let estimates = ["\"1-2d\"", "1", "\"4h\"", "\"2-4d\"", "0.5", "\"1-3d\""];
    for i in 0..TASKS {
        let status = match next(100) {
            0..30 => "done",
            30..40 => "doing",
            40..43 => "blocked",
            _ => "todo",
        };
        let _ = write!(
            out,
            "[[task]]\nid = \"t{i}\"\ntitle = \"Task {i}\"\ncomponent = \"{}\"\nstatus = \"{status}\"\nestimate = {}\n",
            if i < TASKS / 2 { "api" } else { "web" },
            estimates[next(6) as usize]
        );
        match next(5) {
            0 => {
                let _ = writeln!(out, "owner = \"shared{}\"", shared[next(3) as usize]);
            }
            1 | 2 => {
                let own = if next(2) == 0 { "a" } else { "b" };
                let _ = writeln!(out, "owner = \"own{n}{own}\"");
            }
            _ => {}
        }
        match status {
            "done" => out.push_str("done = 2026-11-16\n"),
            "doing" => {
                let _ = writeln!(out, "progress = {}", 10 * next(10));
            }
            "blocked" => out.push_str("blocker = \"waiting on another team\"\n"),
            _ => {}
        }
        if i > 0 {
            let deps: Vec<String> = (0..next(3))
                .map(|_| format!("\"t{}\"", i - 1 - next(i.min(10) as u64) as usize))
                .collect();
            if !deps.is_empty() {
                let _ = writeln!(out, "depends_on = [{}]", deps.join(", "));
            }
        }
        out.push('\n');
    }
    out.push_str("[[gate]]\nid = \"api\"\ncomponents = [\"api\"]\n");
    out
}

/// Writes `count` manifests below `dir`: `services/NNNN/readiness.toml`.
fn write_folder(dir: &Path, count: usize) {
    for n in 0..count {
        let folder = dir.join(format!("services/{n:04}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("readiness.toml"), manifest(n)).unwrap();
    }
}

/// The folder rolled up, as `report` computes it.
fn roll_up(dir: &Path, today: NaiveDate) -> RollUp {
    let found = members::discover(&[PathBuf::from(dir)]).unwrap();
    let settings = Settings {
        today,
        options: Options::default(),
        allow_commands: false,
        since: None,
        history: true,
    };
    RollUp::of(today, members::load(&found, settings))
}

/// `report --format json` of the folder.
fn report(dir: &Path, today: NaiveDate) -> String {
    readiness::report::portfolio::json(&roll_up(dir, today))
}

fn portfolio(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let mut group = c.benchmark_group("portfolio");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for count in generate::sizes(&[1_000]) {
        let kept = std::env::var_os("READINESS_PORTFOLIO_DIR").map(PathBuf::from);
        let temp = tempfile::TempDir::new().unwrap();
        let dir = kept.clone().unwrap_or_else(|| temp.path().to_path_buf());
        write_folder(&dir, count);
        let roll = roll_up(&dir, today);
        assert_eq!(roll.members.len(), count);
        assert_eq!(roll.failures().count(), 0, "every manifest valid");
        assert!(roll.p85.is_some(), "a portfolio P85");
        group.bench_with_input(BenchmarkId::new("report_json", count), &dir, |b, dir| {
            b.iter(|| report(black_box(dir), today))
        });
    }
    group.finish();
}

criterion_group!(benches, portfolio);
criterion_main!(benches);

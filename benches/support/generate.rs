//! The generated manifests the benchmarks run on.

use std::fmt::Write as _;

/// Who owns the generated tasks, and whether done tasks say when they started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Staffing {
    /// `None`: every task is owned by "dev"; `Some(0)`: no owners; `Some(k)`:
    /// task i is owned by one of `dev0`…`dev{k-1}` (a hash of i).
    pub owners: Option<usize>,
    /// Done tasks get `started` a few days before `done`: a record to
    /// calibrate the forecast from.
    pub history: bool,
}

/// A realistic manifest with `tasks` tasks: 50 tasks a component, dependencies
/// on up to two of the previous 50 tasks, every status, estimate form and gate kind.
pub fn manifest(tasks: usize) -> String {
    manifest_with(
        tasks,
        Staffing {
            owners: None,
            history: false,
        },
    )
}

/// [`manifest`] with other owners and history; the rest of the plan (its
/// random draws) is the same.
pub fn manifest_with(tasks: usize, staffing: Staffing) -> String {
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
            let day = 1 + next(20);
            let _ = writeln!(out, "done = 2026-11-{day:02}");
            if staffing.history {
                // Took from one to five days, by a hash of the task.
                let took = (i as u64).wrapping_mul(0x9E37_79B9) % 5;
                let _ = writeln!(
                    out,
                    "started = 2026-11-{:02}",
                    day.saturating_sub(took).max(1)
                );
            }
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
        match staffing.owners {
            None => out.push_str("owner = \"dev\"\n\n"),
            Some(0) => out.push('\n'),
            Some(k) => {
                let owner = (i as u64).wrapping_mul(0x2545_F491) % k as u64;
                let _ = writeln!(out, "owner = \"dev{owner}\"\n");
            }
        }
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

/// Sizes from `READINESS_BENCH_SIZES` (comma-separated), else `default`.
pub fn sizes(default: &[usize]) -> Vec<usize> {
    std::env::var("READINESS_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| default.to_vec())
}

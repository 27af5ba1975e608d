//! Streaming a 50 MB JUnit file (docs/evidence.md; target ≥
//! 100 MB/s in constant memory), generated in the shape cargo-nextest and
//! Surefire write: suites of test cases, one in fifty failing with a message
//! and a backtrace, one in a hundred skipped, captured output on some. Measured
//! from memory (the parser alone) and from a file (as `readiness` reads it).
//!
//! `cargo bench --bench evidence`; `READINESS_BENCH_DUMP=DIR` keeps the file
//! and a manifest whose `junit` gate reads it, for measuring the binary's
//! peak memory: `/usr/bin/time -v readiness check DIR/readiness.toml`.

use std::fmt::Write as _;
use std::fs;
use std::hint::black_box;
use std::io::{BufReader, Cursor};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use readiness::evidence::junit;

/// About 50 MB.
const TARGET_BYTES: usize = 50 * 1024 * 1024;

/// The generated report, and its test, failure and skip counts.
fn generate(target: usize) -> (String, u64, u64, u64) {
    let mut out = String::with_capacity(target + 64 * 1024);
    let (mut tests, mut failed, mut skipped) = (0u64, 0u64, 0u64);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"nextest-run\">\n");
    let mut suite = 0;
    while out.len() < target {
        suite += 1;
        let _ = writeln!(out, "    <testsuite name=\"crate_{suite}\" tests=\"100\">");
        for case in 0..100u64 {
            tests += 1;
            let name = format!("module_{}::tests::case_{case}_does_the_thing", case % 7);
            let _ = write!(
                out,
                "        <testcase name=\"{name}\" classname=\"crate_{suite}\" timestamp=\"2026-11-21T23:33:58.451+00:00\" time=\"0.0{case:02}\""
            );
            if case % 50 == 7 {
                failed += 1;
                let _ = writeln!(
                    out,
                    ">\n            <failure message=\"assertion `left == right` failed\" type=\"test failure\">thread &apos;{name}&apos; panicked at src/lib.rs:{case}:9:\nassertion `left == right` failed\n  left: 4\n right: 5\nstack backtrace:\n   0: rust_begin_unwind\n   1: core::panicking::panic_fmt\n   2: core::panicking::assert_failed_inner</failure>\n            <system-out><![CDATA[running 1 test\ntest {name} ... FAILED\n]]></system-out>\n        </testcase>"
                );
            } else if case % 100 == 42 {
                skipped += 1;
                out.push_str(
                    ">\n            <skipped message=\"ignored\"/>\n        </testcase>\n",
                );
            } else {
                out.push_str("/>\n");
            }
        }
        out.push_str("    </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    (out, tests, failed, skipped)
}

fn evidence(c: &mut Criterion) {
    let (xml, tests, failed, skipped) = generate(TARGET_BYTES);
    let check = junit::parse(Cursor::new(xml.as_bytes())).expect("the generated file parses");
    assert_eq!(
        (check.tests, check.failed, check.skipped),
        (tests, failed, skipped)
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let keep = std::env::var_os("READINESS_BENCH_DUMP").map(std::path::PathBuf::from);
    let folder = keep.clone().unwrap_or_else(|| dir.path().to_owned());
    let file = folder.join("junit-50mb.xml");
    fs::write(&file, &xml).expect("write the report");
    if keep.is_some() {
        let manifest = "[project]\nname = \"bench\"\n\n[[component]]\nid = \"c\"\n\n[[gate]]\nid = \"tests\"\njunit = \"junit-50mb.xml\"\nmin_pass_rate = 95\n";
        fs::write(folder.join("readiness.toml"), manifest).expect("write the manifest");
    }

    let mut group = c.benchmark_group("junit");
    group.throughput(Throughput::Bytes(xml.len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("parse_50mb_from_memory", |b| {
        b.iter(|| junit::parse(Cursor::new(black_box(xml.as_bytes()))).expect("parse"))
    });
    group.bench_function("parse_50mb_from_file", |b| {
        b.iter(|| {
            let f = fs::File::open(&file).expect("open");
            junit::parse(BufReader::with_capacity(64 * 1024, f)).expect("parse")
        })
    });
    group.finish();
}

criterion_group!(benches, evidence);
criterion_main!(benches);

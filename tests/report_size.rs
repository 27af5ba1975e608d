//! The markdown report fits where CI puts it (docs/trust.md, "Report
//! size"): under GitHub's 65,536-character limit for a pull-request comment
//! (and so under the 1 MiB job-summary limit) however many blockers the
//! manifest has, with the headline and the verdict kept and a note saying
//! what was left out and how to see it all. Run through the binary in the
//! hermetic environment.

#[path = "common/hermetic.rs"]
mod hermetic;

use std::fmt::Write as _;

/// GitHub's limit on a comment's body, in characters.
const COMMENT_LIMIT: usize = 65_536;
/// The job summary's limit, in bytes.
const SUMMARY_LIMIT: usize = 1 << 20;

/// A manifest with `blocked` blocked tasks (each with its reason), each
/// holding up a task of its own.
fn manifest(blocked: usize) -> String {
    let mut m = String::from(
        "[project]\nname = \"Big\"\ntarget = 2027-03-01\n\n[[component]]\nid = \"core\"\n",
    );
    for k in 0..blocked {
        let _ = write!(
            m,
            "\n[[task]]\nid = \"b{k}\"\ntitle = \"Blocked task number {k}: move the billing service's invoices to the new storage cluster\"\n\
             component = \"core\"\nestimate = \"2d\"\nstatus = \"blocked\"\n\
             blocker = \"waiting on the vendor's answer about ticket VEND-{k} (quota for the new cluster)\"\n\
             \n[[task]]\nid = \"w{k}\"\ntitle = \"Work after b{k}\"\ncomponent = \"core\"\n\
             estimate = \"1d\"\ndepends_on = [\"b{k}\"]\n"
        );
    }
    m
}

/// `report --format markdown` on `manifest(blocked)`.
fn markdown(blocked: usize) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("readiness.toml");
    std::fs::write(&file, manifest(blocked)).expect("write");
    let out = hermetic::readiness()
        .args(["report", "--format", "markdown", "--today", "2026-11-23"])
        .arg(&file)
        .output()
        .expect("run readiness");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn a_report_with_many_blockers_fits_a_comment_and_says_what_it_left_out() {
    for blocked in [400, 6_667] {
        let report = markdown(blocked);
        let chars = report.chars().count();
        assert!(
            chars < COMMENT_LIMIT,
            "{blocked} blockers: {chars} characters"
        );
        assert!(
            report.len() < SUMMARY_LIMIT,
            "{blocked}: {} bytes",
            report.len()
        );
        // The headline and the verdict.
        assert!(
            report.contains("\n## Big — release readiness\n"),
            "{blocked}"
        );
        assert!(report.contains("**❌ NOT READY**"), "{blocked}");
        assert!(report.contains("### Forecast"), "{blocked}");
        // The first-ranked blockers are kept, and the rest are counted.
        assert!(report.contains("1. **b"), "{blocked}");
        let kept = report
            .lines()
            .filter(|l| l.contains(" · holds up "))
            .count();
        let note = format!(
            "_… {} more blockers: `readiness report --format text`_",
            blocked - kept
        );
        assert!(kept > 0 && kept < blocked, "{blocked}: {kept} kept");
        assert!(report.contains(&note), "{blocked}: no {note:?}");
    }
}

#[test]
fn a_small_report_is_whole() {
    let report = markdown(3);
    assert!(!report.contains("more blockers"), "{report}");
    assert_eq!(
        report
            .lines()
            .filter(|l| l.contains(" · holds up "))
            .count(),
        3
    );
}

//! The team's record (docs/forecast.md, *Calibration*): `calibrate = false`
//! leaves a done task out of it, and is an error on a task that is not done.

use chrono::NaiveDate;
use readiness::{Options, evaluate_with};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Five done 1-day tasks that took 1, 1, 1, 1 and 50 days (leave booked as
/// effort), and four open 2-day tasks; `extra` goes into the 50's entry.
fn leave_as_effort(extra: &str) -> String {
    let mut text = String::from("[project]\nname = \"Leave\"\n[[component]]\nid = \"c\"\n");
    for (k, actual) in [1, 1, 1, 1, 50].iter().enumerate() {
        let extra = if *actual == 50 { extra } else { "" };
        text.push_str(&format!(
            "[[task]]\nid = \"done-{k}\"\ntitle = \"t\"\ncomponent = \"c\"\nstatus = \"done\"\n\
             estimate = 1\nactual = {actual}\ndone = 2026-11-20\n{extra}"
        ));
    }
    for k in 0..4 {
        text.push_str(&format!(
            "[[task]]\nid = \"open-{k}\"\ntitle = \"t\"\ncomponent = \"c\"\nestimate = 2\n"
        ));
    }
    text
}

#[test]
fn calibrate_false_leaves_a_record_out() {
    let today = d("2026-11-23");
    let with = evaluate_with(&leave_as_effort(""), today, Options::default())
        .expect("valid")
        .forecast;
    assert_eq!(with.calibration.as_ref().map(|c| c.samples), Some(5));
    // Left out, four samples remain: too few to calibrate, and the answer
    // is the plan at face value: 8 working days from Mon 23 Nov, Wed 2 Dec.
    let without = evaluate_with(
        &leave_as_effort("calibrate = false\n"),
        today,
        Options::default(),
    )
    .expect("valid")
    .forecast;
    assert!(without.calibration.is_none());
    assert_eq!(without.calibration_shortfall.map(|s| s.samples), Some(4));
    assert_eq!(without.p50, Some(d("2026-12-02")));
    assert_eq!(without.p85, Some(d("2026-12-02")));
    assert!(with.p85 > without.p85);
    // `calibrate = true` is the default.
    let explicit = evaluate_with(
        &leave_as_effort("calibrate = true\n"),
        today,
        Options::default(),
    )
    .expect("valid")
    .forecast;
    assert_eq!(explicit.p85, with.p85);
}

#[test]
fn calibrate_on_a_task_that_is_not_done_is_an_error_at_its_line() {
    let text = "[project]\nname = \"x\"\n[[component]]\nid = \"c\"\n\
                [[task]]\nid = \"a\"\ntitle = \"t\"\ncomponent = \"c\"\nstatus = \"doing\"\ncalibrate = false\n";
    let errors = readiness::evaluate(text, d("2026-11-23")).expect_err("invalid");
    let error = errors
        .iter()
        .find(|e| e.message.contains("calibrate"))
        .expect("an error about calibrate");
    assert_eq!(
        error.message,
        "task `a` has `calibrate` but is not done: only a done task's record can be left out"
    );
    assert_eq!(error.line, Some(10));
}

#[test]
fn set_writes_calibrate_on_a_done_task_only() {
    use readiness::edit::{TaskEdit, apply};
    let text = leave_as_effort("# leave booked as effort\n");
    let edit = TaskEdit {
        calibrate: Some(false),
        ..TaskEdit::default()
    };
    let edited = apply(&text, "done-4", &edit, d("2026-11-23")).expect("a done task");
    assert!(
        edited.text.contains("calibrate = false\n"),
        "{}",
        edited.text
    );
    assert_eq!(
        edited.text.replace("calibrate = false\n", ""),
        text,
        "only the key added"
    );
    let again = apply(&edited.text, "done-4", &edit, d("2026-11-23")).expect("valid");
    assert_eq!(again.text, edited.text, "already so: nothing changes");
    assert!(apply(&text, "open-0", &edit, d("2026-11-23")).is_err());
}

/// Working days from `a` to `b` (Mon–Fri; no holidays in these plans).
fn working_days(a: NaiveDate, b: NaiveDate) -> i64 {
    use chrono::Datelike;
    let (from, to, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
    let n = from
        .iter_days()
        .take_while(|&d| d < to)
        .filter(|d| d.weekday().num_days_from_monday() < 5)
        .count() as i64;
    sign * n
}

#[test]
fn one_bad_record_moves_the_answer_by_days_and_is_named() {
    let today = d("2026-11-23");
    let s = evaluate_with(&leave_as_effort(""), today, Options::default()).expect("valid");
    let f = &s.forecast;
    // The plan at face value ends Wed 2 Dec; drawn at face value the 50×
    // moved the P50 to April. Drawn at most ~4.5× (median × e^(3 × 0.5)),
    // the P50 moves by days: one of the four tasks overrunning so.
    let p50 = f.p50.expect("a P50");
    let p85 = f.p85.expect("a P85");
    assert!(p50 >= d("2026-12-02"), "{p50}");
    assert!(working_days(d("2026-12-02"), p50) <= 10, "P50 {p50}");
    assert!(working_days(d("2026-12-02"), p85) <= 20, "P85 {p85}");
    // The record names it, with its move on the P85, and so does a warning
    // at its entry.
    let mover = f.record_movers.first().expect("a mover");
    assert_eq!(s.manifest.tasks[mover.task].id, "done-4");
    assert_eq!(mover.ratio, 50.0);
    assert!(mover.p85_days > 0, "{mover:?}");
    let warning = s
        .warnings
        .iter()
        .find(|w| w.message.contains("done-4"))
        .expect("a warning naming done-4");
    assert!(
        warning.message.contains("took 50× its estimate"),
        "{}",
        warning.message
    );
    assert!(warning.span.is_some());
}

/// A shaky record gives figures, a warning where it is shaky, and no
/// panic, NaN or date past 2999.
#[test]
fn shaky_records_give_figures_and_warnings() {
    let today = d("2026-11-23");
    let cases = [
        // One sample: too few to calibrate.
        leave_as_effort("").replace("actual = 1\n", ""),
        // Every actual 0.
        leave_as_effort("")
            .replace("actual = 1\n", "actual = 0\n")
            .replace("actual = 50\n", "actual = 0\n"),
        // A ratio of 10,000.
        leave_as_effort("").replace("actual = 50\n", "actual = 10000\n"),
        // A target in the past.
        leave_as_effort("").replace(
            "name = \"Leave\"\n",
            "name = \"Leave\"\ntarget = 2026-01-05\n",
        ),
    ];
    for (k, text) in cases.iter().enumerate() {
        let s = evaluate_with(text, today, Options::default())
            .unwrap_or_else(|e| panic!("case {k}: {e:?}"));
        let f = &s.forecast;
        for date in [f.finish, f.p50, f.p85, f.p95] {
            let date = date.unwrap_or_else(|| panic!("case {k}: a date"));
            assert!(date <= d("2999-12-31"), "case {k}: {date}");
        }
        if let Some(c) = &f.calibration {
            assert!(c.median_ratio.is_finite(), "case {k}");
        }
        assert!(f.chance.is_none_or(|c| c.is_finite()), "case {k}");
        let json: serde_json::Value =
            serde_json::from_str(&readiness::report::json::render(&s)).expect("JSON");
        for key in ["p50", "p85", "p95"] {
            assert!(json["forecast"][key].is_string(), "case {k}: {key}");
        }
        let warned = |needle: &str| s.warnings.iter().any(|w| w.message.contains(needle));
        match k {
            1 => assert!(warned("has `actual` 0"), "{:?}", s.warnings),
            2 => assert!(warned("took 10000× its estimate"), "{:?}", s.warnings),
            3 => assert!(warned("the target 2026-01-05 is past"), "{:?}", s.warnings),
            _ => {}
        }
    }
}

/// The showcase's `sync-fuzz` (3–6 hours, started 2026-11-20, tomas's, with
/// other tasks of his in progress) marked done on 2026-12-03: the record
/// shares each working day among his tasks in progress, and a half-day
/// task's ten days are drawn at the edge of his record, so the answer
/// moves by days, not months.
#[test]
fn a_small_task_closed_after_weeks_among_others_moves_the_answer_by_days() {
    let today = d("2026-12-03");
    let before = include_str!("../readiness.toml");
    let at = before.find("id = \"sync-fuzz\"").expect("sync-fuzz");
    let end = at + before[at..].find("\n\n").expect("its end");
    let entry = &before[at..end];
    assert!(entry.contains("started = 2026-11-20"), "{entry}");
    let done = entry
        .replace("status = \"doing\"", "status = \"done\"")
        .replace("progress = 50\n", "")
        + "\ndone = 2026-12-03";
    let after = format!("{}{}{}", &before[..at], done, &before[end..]);
    let forecast = |text: &str| {
        evaluate_with(text, today, Options::default())
            .expect("valid")
            .forecast
    };
    let (b, a) = (forecast(before), forecast(&after));
    for (p, was, is) in [("P50", b.p50, a.p50), ("P85", b.p85, a.p85)] {
        let moved = working_days(was.expect("before"), is.expect("after"));
        assert!(
            moved.abs() <= 10,
            "{p} moved {moved} working days: {was:?} -> {is:?}"
        );
    }
}

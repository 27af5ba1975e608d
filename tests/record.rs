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

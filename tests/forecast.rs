//! The forecast of SPEC §2.2 against references computed here: throughput
//! percentiles by exact enumeration of the trial's distribution, the method
//! chosen by what the manifest holds, the cross-check between the two
//! forecasts, and the target's status.

use chrono::NaiveDate;
use readiness::evaluate;
use readiness::forecast::calendar;
use readiness::forecast::{Method, TargetStatus};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A manifest with done tasks on the given dates and `open` open tasks,
/// each open task estimated with `estimate` when given.
fn manifest(done: &[&str], open: usize, estimate: Option<&str>, extra: &str) -> String {
    let mut text = format!("[project]\nname = \"x\"\n{extra}\n[[component]]\nid = \"c\"\n");
    for (i, date) in done.iter().enumerate() {
        text.push_str(&format!(
            "[[task]]\nid = \"d{i}\"\ntitle = \"done {i}\"\ncomponent = \"c\"\nstatus = \"done\"\ndone = {date}\n"
        ));
    }
    for i in 0..open {
        text.push_str(&format!(
            "[[task]]\nid = \"o{i}\"\ntitle = \"open {i}\"\ncomponent = \"c\"\n"
        ));
        if let Some(e) = estimate {
            text.push_str(&format!("estimate = \"{e}\"\n"));
        }
    }
    text
}

/// The exact distribution of the working days a throughput trial takes: each
/// day adds one of `samples` (equally likely) until the total reaches
/// `remaining`. Returns P(days ≤ n) for n = 1, 2, … until it is ~1.
fn exact_cdf(samples: &[u32], remaining: u32) -> Vec<f64> {
    // still[t] = P(total = t after the days so far, not yet finished)
    let mut still = vec![0.0; remaining as usize];
    still[0] = 1.0;
    let p = 1.0 / samples.len() as f64;
    let mut cdf = Vec::new();
    let mut finished = 0.0;
    while finished < 1.0 - 1e-12 && cdf.len() < 10_000 {
        let mut next = vec![0.0; remaining as usize];
        for (t, &q) in still.iter().enumerate() {
            for &s in samples {
                let total = t + s as usize;
                if total >= remaining as usize {
                    finished += q * p;
                } else {
                    next[total] += q * p;
                }
            }
        }
        still = next;
        cdf.push(finished);
    }
    cdf
}

fn exact_percentile(cdf: &[f64], p: f64) -> u64 {
    cdf.iter().position(|&c| c >= p - 1e-12).unwrap() as u64 + 1
}

#[test]
fn throughput_percentiles_match_an_exact_enumeration() {
    // Today Fri 2026-11-27. History Mon 23 .. Thu 26: 1, 3, 0, 2 done.
    let done = [
        "2026-11-23",
        "2026-11-24",
        "2026-11-24",
        "2026-11-24",
        "2026-11-26",
        "2026-11-26",
    ];
    let today = d("2026-11-27");
    for remaining in [1u32, 5, 6, 13, 40] {
        let s = evaluate(&manifest(&done, remaining as usize, None, ""), today).unwrap();
        let f = &s.forecast;
        assert_eq!(f.method, Method::Throughput);
        let h = f.history.as_ref().expect("history");
        assert_eq!(h.samples, vec![1, 3, 0, 2]);
        assert!((h.in_range_chance() - 0.6).abs() < 1e-12);
        let cdf = exact_cdf(&[1, 3, 0, 2], remaining);
        for (p, got) in [(0.5, f.p50), (0.85, f.p85), (0.95, f.p95)] {
            let days = exact_percentile(&cdf, p);
            let want = calendar::nth_working_day(&s.manifest.calendar, today, days - 1);
            let got = got.expect("a date");
            let apart = calendar::working_days_between(&s.manifest.calendar, want, got).abs();
            assert!(
                apart <= 1,
                "remaining {remaining}, P{}: exact {want} ({days} days), simulated {got}",
                p * 100.0
            );
        }
        assert_eq!(f.trials, Some(2000));
        // Without a schedule, the finish is the median trial.
        assert_eq!(f.finish, f.p50);
        let median = exact_percentile(&cdf, 0.5);
        let days = f.working_days.expect("working days");
        assert!(days.abs_diff(median) <= 1, "{days} vs exact {median}");
    }
}

#[test]
fn fewer_than_three_dated_done_tasks_give_no_forecast_and_say_what_to_add() {
    let s = evaluate(
        &manifest(&["2026-11-20", "2026-11-23"], 3, None, ""),
        d("2026-11-25"),
    )
    .unwrap();
    assert_eq!(s.forecast.method, Method::None);
    assert!(s.forecast.p50.is_none());
    let missing = s.forecast.missing.as_deref().unwrap();
    assert!(
        missing.contains("estimate") && missing.contains("done") && missing.contains("2 so far"),
        "{missing}"
    );
}

#[test]
fn done_dates_all_today_leave_no_history_yet() {
    let today = "2026-11-25";
    let s = evaluate(&manifest(&[today, today, today], 3, None, ""), d(today)).unwrap();
    assert_eq!(s.forecast.method, Method::Throughput);
    assert!(s.forecast.p50.is_none());
    assert!(s.forecast.missing.as_deref().unwrap().contains("today"));
}

#[test]
fn no_task_done_in_the_window_cannot_finish() {
    // Done long ago: the 30-day window holds only zero days.
    let s = evaluate(
        &manifest(&["2026-01-05", "2026-01-05", "2026-01-06"], 2, None, ""),
        d("2026-11-25"),
    )
    .unwrap();
    assert_eq!(s.forecast.method, Method::Throughput);
    assert_eq!(s.forecast.history.as_ref().unwrap().samples.len(), 30);
    assert!(s.forecast.p85.is_none());
    assert!(
        s.forecast
            .missing
            .as_deref()
            .unwrap()
            .contains("30 working days")
    );
}

#[test]
fn the_throughput_check_warns_when_the_two_forecasts_disagree() {
    // 10 tasks done one a day over two weeks; 10 open tasks of 0.1 day each
    // on one person: the estimates say 1 working day, throughput about 10.
    let done: Vec<String> = (9..=20)
        .filter(|day| ![14, 15].contains(day))
        .map(|day| format!("2026-11-{day:02}"))
        .collect();
    let done: Vec<&str> = done.iter().map(String::as_str).collect();
    let s = evaluate(&manifest(&done, 10, Some("0.8h"), ""), d("2026-11-23")).unwrap();
    let f = &s.forecast;
    assert_eq!(f.method, Method::Estimates);
    let check = f.cross_check.expect("10 dated done tasks: a cross-check");
    assert_eq!(check.estimate_days, 1);
    assert_eq!(check.throughput_days, Some(10));
    assert!(check.disagrees());
    assert!(
        s.warnings.iter().any(|w| w
            .message
            .contains("the estimates and the throughput disagree")),
        "{:?}",
        s.warnings
    );
    // Agreeing forecasts: 10 open tasks of 1 day on one person: 10 days each.
    let s = evaluate(&manifest(&done, 10, Some("1d"), ""), d("2026-11-23")).unwrap();
    let check = s.forecast.cross_check.unwrap();
    assert!(!check.disagrees(), "{check:?}");
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    // Nine dated done tasks: no check.
    let s = evaluate(&manifest(&done[..9], 10, Some("1d"), ""), d("2026-11-23")).unwrap();
    assert!(s.forecast.cross_check.is_none());
}

#[test]
fn target_status_follows_p50_and_p85() {
    // One task of 1-4 days from Mon 2026-11-23: P50 Wed 25, P85 Thu 26.
    let at = |target: &str| {
        let s = evaluate(
            &manifest(&[], 1, Some("1-4d"), &format!("target = {target}")),
            d("2026-11-23"),
        )
        .unwrap();
        (s.forecast.target_status, s.forecast.target_slack_days)
    };
    assert_eq!(at("2026-11-30"), (Some(TargetStatus::OnTrack), Some(2)));
    assert_eq!(at("2026-11-26"), (Some(TargetStatus::OnTrack), Some(0)));
    assert_eq!(at("2026-11-25"), (Some(TargetStatus::AtRisk), Some(-1)));
    assert_eq!(at("2026-11-24"), (Some(TargetStatus::Late), Some(-2)));
}

#[test]
fn hours_holidays_and_another_work_week_shape_the_percentiles() {
    // Sun–Thu week, a holiday on Tue 2026-11-24; two tasks of 8-24 hours at
    // 8 hours a day on one person: 2-6 days, midpoint total 4.
    let extra = "[calendar]\nworkdays = [\"sun\", \"mon\", \"tue\", \"wed\", \"thu\"]\nholidays = [2026-11-24]\nhours_per_day = 8\n";
    let s = evaluate(&manifest(&[], 2, Some("8-24h"), extra), d("2026-11-21")).unwrap();
    let f = &s.forecast;
    // Day 0 is Sun 22; working days Sun 22, Mon 23, Wed 25, Thu 26, Sun 29, …
    assert_eq!(f.day_zero, d("2026-11-22"));
    assert_eq!(f.finish, Some(d("2026-11-26")));
    let (p50, p85, p95) = (f.p50.unwrap(), f.p85.unwrap(), f.p95.unwrap());
    assert!(p50 <= p85 && p85 <= p95);
    for p in [p50, p85, p95] {
        assert!(calendar::is_working_day(&s.manifest.calendar, p), "{p}");
    }
    // The sum of two triangular(1, 3) draws never exceeds 6 days: Mon 30.
    assert!(p95 <= d("2026-11-30"), "{p95}");
}

//! The forecast (docs/forecast.md) against references computed
//! here: throughput percentiles by exact enumeration of the trial's
//! distribution, the method chosen by what the manifest holds, the cross-check
//! between the two forecasts, and the target's status.

use chrono::NaiveDate;
use readiness::evaluate;
use readiness::forecast::calendar;
use readiness::forecast::{LinkKind, Method, TargetStatus, WorkerRef};

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
        s.warnings.iter().any(|w| w.message.contains(
            "vs P85 2026-11-23 (1 working day) by the estimates; they differ by 900% — check the estimates"
        )),
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

// ---------------------------------------------------------------------
// People (docs/manifest.md, `[[person]]`): owners, focus, days away and the
// headcount, against schedules worked out by hand. Today is Monday
// 2026-11-23 throughout: day 0.

const MONDAY: &str = "2026-11-23";

/// A task: id, estimate, owner, component, dependencies.
type Planned<'a> = (&'a str, &'a str, Option<&'a str>, &'a str, &'a [&'a str]);

/// A manifest of `people` (TOML of `[[person]]` entries, or nothing),
/// `team` (TOML of the `[team]` body) and tasks `(id, estimate, owner,
/// component, depends_on)`.
fn staffed(team: &str, people: &str, tasks: &[Planned]) -> String {
    let mut text = format!(
        "[project]\nname = \"staffed\"\n\n[team]\n{team}\n{people}\n[[component]]\nid = \"api\"\n\n[[component]]\nid = \"web\"\n"
    );
    for (id, estimate, owner, component, deps) in tasks {
        text.push_str(&format!(
            "\n[[task]]\nid = \"{id}\"\ntitle = \"{id}\"\ncomponent = \"{component}\"\nestimate = \"{estimate}\"\n"
        ));
        if let Some(owner) = owner {
            text.push_str(&format!("owner = \"{owner}\"\n"));
        }
        if !deps.is_empty() {
            let deps: Vec<String> = deps.iter().map(|d| format!("\"{d}\"")).collect();
            text.push_str(&format!("depends_on = [{}]\n", deps.join(", ")));
        }
    }
    text
}

fn person_finish(s: &readiness::Snapshot, id: &str) -> Option<NaiveDate> {
    let f = &s.forecast;
    let p = f
        .roster
        .find(id)
        .unwrap_or_else(|| panic!("no person {id}"));
    f.people[p].finish
}

#[test]
fn one_owner_with_all_the_work_takes_it_alone_whatever_the_headcount() {
    // Three 5-day tasks, all sam's, people = 3: 15 working days (not 5).
    let text = staffed(
        "people = 3",
        "",
        &[
            ("a", "5d", Some("sam"), "api", &[]),
            ("b", "5d", Some("sam"), "api", &[]),
            ("c", "5d", Some("sam"), "api", &[]),
        ],
    );
    let s = evaluate(&text, d(MONDAY)).unwrap();
    let f = &s.forecast;
    assert_eq!(f.working_days, Some(15));
    // Day 14: Fri 2026-12-11.
    assert_eq!(f.finish, Some(d("2026-12-11")));
    assert_eq!(f.headcount, 3);
    assert_eq!(person_finish(&s, "sam"), Some(d("2026-12-11")));
    let sam = f.roster.find("sam").unwrap();
    assert_eq!(f.bottleneck, Some(sam));
    assert_eq!(f.people[sam].remaining_days, 15.0);
    assert_eq!(f.people[sam].tasks, 3);
    // The finish is sam's load: a ⇢ b ⇢ c, 15 working days of it.
    let load = f.critical.load.expect("one person's load");
    assert_eq!((load.person, load.working_days), (sam, 15.0));
    assert_eq!(f.critical.tasks.len(), 3);
    assert!(
        f.critical
            .links
            .iter()
            .all(|l| l.kind == LinkKind::Queue(WorkerRef::Person(sam)))
    );
    // Every percentile is that finish (point estimates).
    assert_eq!((f.p50, f.p95), (f.finish, f.finish));
}

#[test]
fn owners_can_beat_the_greedy_schedule_without_them() {
    // List scheduling is not monotone (Graham's anomalies). Two people and
    // tasks of 3, 3, 2, 2, 2 days. Without owners the longest go first:
    // both take a 3, then a 2 each at t = 3, the last 2 at t = 5: 7 working
    // days, though 6 was possible. With sam owning the 3s and dana the 2s,
    // each works 6 days: the finish is a day earlier. So "owners never
    // finish earlier" holds only against the best schedule without them
    // (tests/properties.rs, `owners_never_beat_the_best_schedule_without_them`).
    let tasks = |sam: Option<&'static str>, dana: Option<&'static str>| -> Vec<Planned<'static>> {
        vec![
            ("a", "3d", sam, "api", &[]),
            ("b", "3d", sam, "api", &[]),
            ("c", "2d", dana, "api", &[]),
            ("d", "2d", dana, "api", &[]),
            ("e", "2d", dana, "api", &[]),
        ]
    };
    let plain = evaluate(&staffed("people = 2", "", &tasks(None, None)), d(MONDAY)).unwrap();
    let owned = evaluate(
        &staffed("people = 2", "", &tasks(Some("sam"), Some("dana"))),
        d(MONDAY),
    )
    .unwrap();
    assert_eq!(plain.forecast.makespan, Some(7.0));
    assert_eq!(owned.forecast.makespan, Some(6.0));
    // Mon 2026-11-23 + 6 working days: Tue 2026-12-01; + 5: Mon 2026-11-30.
    assert_eq!(plain.forecast.finish, Some(d("2026-12-01")));
    assert_eq!(owned.forecast.finish, Some(d("2026-11-30")));
}

#[test]
fn two_owners_with_disjoint_work_finish_with_the_larger_share() {
    // amy: 3 × 2 days = 6; bo: 4.5 + 4.5 = 9. people = 2, focus 1.
    let text = staffed(
        "people = 2",
        "",
        &[
            ("a1", "2d", Some("amy"), "api", &[]),
            ("a2", "2d", Some("amy"), "api", &[]),
            ("a3", "2d", Some("amy"), "api", &[]),
            ("b1", "4.5d", Some("bo"), "web", &[]),
            ("b2", "4.5d", Some("bo"), "web", &[]),
        ],
    );
    let s = evaluate(&text, d(MONDAY)).unwrap();
    let f = &s.forecast;
    assert_eq!(f.working_days, Some(9));
    assert_eq!(f.finish, Some(d("2026-12-03"))); // day 8: Thu
    assert_eq!(person_finish(&s, "amy"), Some(d("2026-11-30"))); // day 5: Mon
    assert_eq!(person_finish(&s, "bo"), Some(d("2026-12-03")));
    assert_eq!(f.bottleneck, f.roster.find("bo"));
    // Each component ends with its owner's work.
    assert_eq!(f.components[0].finish, Some(d("2026-11-30")));
    assert_eq!(f.components[1].finish, Some(d("2026-12-03")));
    assert_eq!(f.components[0].percentiles.p85, Some(d("2026-11-30")));
}

#[test]
fn unowned_tasks_fill_idle_people() {
    // sam owns a 3-day task; six 1-day tasks are nobody's. Three declared
    // people, no anonymous worker: sam takes his own (the longest path);
    // dana and lee, idle, take the unowned ones two a day: done at 3.
    let people =
        "[[person]]\nid = \"sam\"\n\n[[person]]\nid = \"lee\"\n\n[[person]]\nid = \"dana\"\n";
    let mut tasks: Vec<Planned> = vec![("own", "3d", Some("sam"), "api", &[])];
    let ids = ["u1", "u2", "u3", "u4", "u5", "u6"];
    for id in ids {
        tasks.push((id, "1d", None, "web", &[]));
    }
    let s = evaluate(&staffed("people = 3", people, &tasks), d(MONDAY)).unwrap();
    let f = &s.forecast;
    assert_eq!(f.working_days, Some(3));
    assert_eq!(f.finish, Some(d("2026-11-25")));
    let (sam, lee, dana) = (
        f.roster.find("sam").unwrap(),
        f.roster.find("lee").unwrap(),
        f.roster.find("dana").unwrap(),
    );
    let worker = |i: usize| f.tasks[i].expect("scheduled").worker;
    assert_eq!(worker(0), WorkerRef::Person(sam));
    // Two at a time, dana first (ids in order when both are free).
    let expected = [dana, lee, dana, lee, dana, lee];
    for (k, &who) in expected.iter().enumerate() {
        assert_eq!(worker(1 + k), WorkerRef::Person(who), "u{}", k + 1);
    }
    assert_eq!(f.people[dana].tasks, 3);
    assert_eq!(f.people[lee].remaining_days, 3.0);
    // Each task's own finish: u1 on day 0, u5 on day 2.
    assert_eq!(f.tasks[1].unwrap().finish, Some(d("2026-11-23")));
    assert_eq!(f.tasks[5].unwrap().finish, Some(d("2026-11-25")));
}

#[test]
fn an_away_week_in_the_middle_of_a_task_pauses_it() {
    // sam's 10-day task from Mon 23 Nov; away Mon 30 Nov – Fri 4 Dec: five
    // days before, five after: Fri 11 Dec, 15 working days from day 0.
    let people = "[[person]]\nid = \"sam\"\naway = [{ from = 2026-11-30, to = 2026-12-04 }]\n";
    let text = staffed("", people, &[("big", "10d", Some("sam"), "api", &[])]);
    let s = evaluate(&text, d(MONDAY)).unwrap();
    let f = &s.forecast;
    assert_eq!(f.working_days, Some(15));
    assert_eq!(f.finish, Some(d("2026-12-11")));
    assert_eq!(f.people[0].away_days, 5);
    assert_eq!(f.people[0].working_days, 10.0);
    // Away over a weekend and after the finish changes nothing.
    let people = "[[person]]\nid = \"sam\"\naway = [{ from = 2026-11-28, to = 2026-11-29 }, { from = 2027-03-01, to = 2027-03-05 }]\n";
    let text = staffed("", people, &[("big", "10d", Some("sam"), "api", &[])]);
    let f = evaluate(&text, d(MONDAY)).unwrap().forecast;
    assert_eq!(f.finish, Some(d("2026-12-04")));
    assert_eq!(f.people[0].away_days, 0);
}

#[test]
fn away_on_day_zero_hands_unowned_work_to_someone_present() {
    // Two people, one unowned 2-day task; amy is away today and tomorrow:
    // bo takes it (Mon–Tue).
    let people = "[[person]]\nid = \"amy\"\naway = [{ from = 2026-11-23, to = 2026-11-24 }]\n\n[[person]]\nid = \"bo\"\n";
    let text = staffed("people = 2", people, &[("t", "2d", None, "api", &[])]);
    let f = evaluate(&text, d(MONDAY)).unwrap().forecast;
    assert_eq!(f.finish, Some(d("2026-11-24")));
    assert_eq!(f.tasks[0].unwrap().worker, WorkerRef::Person(1));
}

#[test]
fn each_person_works_at_their_own_focus() {
    // amy at 0.5 owns 3 days (6 working days); bo at the team's 1.0 owns 4.
    let people = "[[person]]\nid = \"amy\"\nfocus = 0.5\n\n[[person]]\nid = \"bo\"\n";
    let text = staffed(
        "people = 2",
        people,
        &[
            ("a", "3d", Some("amy"), "api", &[]),
            ("b", "4d", Some("bo"), "web", &[]),
        ],
    );
    let s = evaluate(&text, d(MONDAY)).unwrap();
    let f = &s.forecast;
    assert_eq!(f.working_days, Some(6));
    assert_eq!(f.finish, Some(d("2026-11-30")));
    assert_eq!(person_finish(&s, "bo"), Some(d("2026-11-26")));
    assert_eq!(f.people[0].working_days, 6.0);
    assert_eq!(f.people[0].remaining_days, 3.0);
    // An unowned 1-day task after b: bo is free first (at 4, amy at 6), so
    // bo takes it at 4 and it ends at 5; the finish stays amy's 6.
    let text = staffed(
        "people = 2",
        people,
        &[
            ("a", "3d", Some("amy"), "api", &[]),
            ("b", "4d", Some("bo"), "web", &[]),
            ("u", "1d", None, "web", &["b"]),
        ],
    );
    let f = evaluate(&text, d(MONDAY)).unwrap().forecast;
    assert_eq!(f.tasks[2].unwrap().worker, WorkerRef::Person(1));
    assert_eq!(f.tasks[2].unwrap().end, 5.0);
    assert_eq!(f.working_days, Some(6));
}

#[test]
fn a_headcount_below_the_named_people_is_raised() {
    // people = 1, two declared people with 5 days each: 5 working days in
    // parallel (not 10), and a warning.
    let people = "[[person]]\nid = \"amy\"\n\n[[person]]\nid = \"bo\"\n";
    let text = staffed(
        "people = 1",
        people,
        &[
            ("a", "5d", Some("amy"), "api", &[]),
            ("b", "5d", Some("bo"), "web", &[]),
        ],
    );
    let s = evaluate(&text, d(MONDAY)).unwrap();
    assert_eq!(s.forecast.headcount, 2);
    assert_eq!(s.forecast.working_days, Some(5));
    assert!(
        s.warnings
            .iter()
            .any(|w| w.message.contains("the headcount is raised to 2")),
        "{:?}",
        s.warnings
    );
}

#[test]
fn anonymous_workers_fill_the_headcount_for_unowned_work() {
    // amy owns 4 days; four unowned 2-day tasks; people = 3: amy and two
    // anonymous workers. The anonymous workers take the unowned tasks two
    // at a time: 4 days in all.
    let people = "[[person]]\nid = \"amy\"\n";
    let text = staffed(
        "people = 3",
        people,
        &[
            ("a", "4d", Some("amy"), "api", &[]),
            ("u1", "2d", None, "web", &[]),
            ("u2", "2d", None, "web", &[]),
            ("u3", "2d", None, "web", &[]),
            ("u4", "2d", None, "web", &[]),
        ],
    );
    let f = evaluate(&text, d(MONDAY)).unwrap().forecast;
    assert_eq!(f.working_days, Some(4));
    for i in 1..=4 {
        assert!(matches!(
            f.tasks[i].unwrap().worker,
            WorkerRef::Anonymous(_)
        ));
    }
    // The JSON lists the named people only.
    assert_eq!(f.people.len(), 1);
}

#[test]
fn the_critical_path_names_dependencies_and_queues() {
    // sam: s1 (3d), then s2 (2d, after dana's 1-day d1). d1 ends at 1 but
    // sam is busy until 3: s2 follows s1 in sam's queue, s1 ⇢ s2 (sam),
    // and sam's load sets the finish.
    let text = staffed(
        "people = 2",
        "",
        &[
            ("s1", "3d", Some("sam"), "api", &[]),
            ("d1", "1d", Some("dana"), "web", &[]),
            ("s2", "2d", Some("sam"), "api", &["d1"]),
        ],
    );
    let s = evaluate(&text, d(MONDAY)).unwrap();
    let f = &s.forecast;
    let sam = f.roster.find("sam").unwrap();
    assert_eq!(f.critical.tasks, vec![0, 2]);
    assert_eq!(
        f.critical.links[0].kind,
        LinkKind::Queue(WorkerRef::Person(sam))
    );
    assert!(f.critical.load.is_some());
    // With d1 at 4 days, s2 waits for it: d1 → s2.
    let text = staffed(
        "people = 2",
        "",
        &[
            ("s1", "3d", Some("sam"), "api", &[]),
            ("d1", "4d", Some("dana"), "web", &[]),
            ("s2", "2d", Some("sam"), "api", &["d1"]),
        ],
    );
    let s = evaluate(&text, d(MONDAY)).unwrap();
    let f = &s.forecast;
    assert_eq!(f.critical.tasks, vec![1, 2]);
    assert_eq!(f.critical.links[0].kind, LinkKind::Dependency);
    // sam was idle from 3 to 4: not one person's load.
    assert_eq!(f.critical.load, None);
    let view = readiness::view::View::build(std::sync::Arc::new(s), None, Some(&text));
    let report = readiness::report::text::render(&view);
    assert!(report.contains("critical path: d1 → s2\n"), "{report}");
}

#[test]
fn the_deterministic_figures_come_first_and_the_percentiles_after() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/readiness.toml")).unwrap();
    let today = d(MONDAY);
    let whole = evaluate(&text, today).unwrap();
    let checked = readiness::manifest::load(&text).unwrap();
    let (mut first, pending) = readiness::model::snapshot_deterministic(
        checked.manifest,
        checked.warnings,
        today,
        readiness::Options::default(),
        &Default::default(),
    );
    assert!(first.forecast.pending);
    assert_eq!(first.forecast.finish, whole.forecast.finish);
    assert_eq!(first.forecast.people, whole.forecast.people);
    assert_eq!(first.forecast.critical, whole.forecast.critical);
    assert_eq!(
        (first.forecast.p50, first.forecast.target_status),
        (None, None)
    );
    readiness::model::complete(&mut first, pending.expect("trials to run"));
    // Lines are located by `evaluate` only.
    let mut located = first.warnings.clone();
    readiness::manifest::SourceMap::new(&text).locate(&mut located);
    first.warnings = located;
    assert_eq!(first, whole);
}

// ---------------------------------------------------------------------
// Without owners and without a record, the schedule is the one readiness
// computed before people were modelled: every shipped manifest and the
// generated 1k and 10k plans, their task owners (and `started`, `actual`,
// `[[person]]`) removed, give the finish, working days and P50/P85/P95 the
// previous release gave (recorded from it on these files; its seed was
// not yet order-independent, yet at whole days the 2000 trials agree).

#[path = "../benches/support/generate.rs"]
#[allow(dead_code)]
mod generate;

/// The manifest without `[[person]]` entries nor task `owner`, `started`
/// and `actual`.
fn strip_people(text: &str) -> String {
    let mut out = String::new();
    let mut section = "";
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            section = trimmed
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim();
        }
        let key = trimmed.split('=').next().unwrap_or("").trim();
        if section == "person"
            || (section == "task" && ["owner", "started", "actual"].contains(&key))
        {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// One file's forecast from the release before people.
struct Before {
    file: &'static str,
    today: &'static str,
    finish: &'static str,
    working_days: u64,
    /// P50, P85, P95 of 2000 trials.
    percentiles: [&'static str; 3],
}

/// Recorded with the release before people (bbf624b) on these files, their
/// people stripped; readiness.toml's P95 one day later since the seed is the
/// project's name's (its draws changed, the schedule did not).
const BEFORE_PEOPLE: &[Before] = &[
    Before {
        file: "examples/agent-platform.toml",
        today: "2026-11-23",
        finish: "2026-12-24",
        working_days: 22,
        percentiles: ["2026-12-24", "2026-12-24", "2026-12-25"],
    },
    Before {
        file: "examples/agent-platform.toml",
        today: "2026-12-01",
        finish: "2026-12-30",
        working_days: 22,
        percentiles: ["2026-12-30", "2026-12-30", "2026-12-31"],
    },
    Before {
        file: "examples/ai-assistant-test-suites.toml",
        today: "2026-11-23",
        finish: "2026-12-17",
        working_days: 17,
        percentiles: ["2026-12-17", "2026-12-17", "2026-12-18"],
    },
    Before {
        file: "examples/ai-assistant-test-suites.toml",
        today: "2026-12-01",
        finish: "2026-12-23",
        working_days: 17,
        percentiles: ["2026-12-23", "2026-12-23", "2026-12-24"],
    },
    Before {
        file: "examples/clinic-assistant.toml",
        today: "2026-11-23",
        finish: "2026-12-08",
        working_days: 12,
        percentiles: ["2026-12-08", "2026-12-08", "2026-12-08"],
    },
    Before {
        file: "examples/clinic-assistant.toml",
        today: "2026-12-01",
        finish: "2026-12-17",
        working_days: 12,
        percentiles: ["2026-12-17", "2026-12-17", "2026-12-17"],
    },
    Before {
        file: "examples/voice-bot.toml",
        today: "2026-11-23",
        finish: "2026-12-31",
        working_days: 27,
        percentiles: ["2026-12-31", "2027-01-01", "2027-01-04"],
    },
    Before {
        file: "examples/voice-bot.toml",
        today: "2026-12-01",
        finish: "2027-01-08",
        working_days: 27,
        percentiles: ["2027-01-08", "2027-01-11", "2027-01-12"],
    },
    Before {
        file: "examples/worker-refactor.toml",
        today: "2026-11-23",
        finish: "2026-12-09",
        working_days: 11,
        percentiles: ["2026-12-09", "2026-12-09", "2026-12-09"],
    },
    Before {
        file: "examples/worker-refactor.toml",
        today: "2026-12-01",
        finish: "2026-12-15",
        working_days: 11,
        percentiles: ["2026-12-15", "2026-12-15", "2026-12-15"],
    },
    Before {
        file: "readiness.toml",
        today: "2026-11-23",
        finish: "2026-12-29",
        working_days: 25,
        percentiles: ["2026-12-29", "2026-12-29", "2026-12-30"],
    },
    Before {
        file: "readiness.toml",
        today: "2026-12-01",
        finish: "2027-01-06",
        working_days: 25,
        percentiles: ["2027-01-06", "2027-01-06", "2027-01-07"],
    },
    Before {
        file: "generated 1000",
        today: "2026-11-23",
        finish: "2027-08-26",
        working_days: 196,
        percentiles: ["2027-08-26", "2027-08-26", "2027-08-26"],
    },
    Before {
        file: "generated 1000",
        today: "2026-12-01",
        finish: "2027-09-03",
        working_days: 196,
        percentiles: ["2027-09-03", "2027-09-03", "2027-09-03"],
    },
    Before {
        file: "generated 10000",
        today: "2026-11-23",
        finish: "2034-05-25",
        working_days: 1956,
        percentiles: ["2034-05-25", "2034-05-26", "2034-05-29"],
    },
    Before {
        file: "generated 10000",
        today: "2026-12-01",
        finish: "2034-06-02",
        working_days: 1956,
        percentiles: ["2034-06-02", "2034-06-05", "2034-06-06"],
    },
];

#[test]
fn without_owners_or_a_record_the_forecast_is_unchanged() {
    for before in BEFORE_PEOPLE {
        let (file, today) = (before.file, d(before.today));
        let text = match file.strip_prefix("generated ") {
            Some(n) => generate::manifest(n.parse().unwrap()),
            None => {
                std::fs::read_to_string(format!("{}/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
            }
        };
        let text = strip_people(&text);
        let checked = readiness::manifest::load(&text).expect("valid without people");
        assert!(checked.manifest.tasks.iter().all(|t| t.owner.is_none()));
        let (mut s, pending) = readiness::model::snapshot_deterministic(
            checked.manifest,
            checked.warnings,
            today,
            readiness::Options::default(),
            &Default::default(),
        );
        assert_eq!(
            (s.forecast.finish, s.forecast.working_days),
            (Some(d(before.finish)), Some(before.working_days)),
            "{file} on {today}"
        );
        if let Some(pending) = pending {
            readiness::model::complete(&mut s, pending);
        }
        let f = &s.forecast;
        assert_eq!(f.trials.unwrap_or(2000), 2000, "{file}: every trial");
        assert_eq!(
            [f.p50, f.p85, f.p95],
            before.percentiles.map(|p| Some(d(p))),
            "{file} on {today}: P50, P85, P95"
        );
        assert!(f.calibration.is_none(), "{file}: no record, no calibration");
    }
}

#[test]
fn the_generated_plans_differ_only_in_their_owners() {
    let plain = generate::manifest(300);
    let none = generate::manifest_with(
        300,
        generate::Staffing {
            owners: Some(0),
            history: false,
        },
    );
    let spread = generate::manifest_with(
        300,
        generate::Staffing {
            owners: Some(8),
            history: true,
        },
    );
    assert_eq!(strip_people(&plain), none);
    assert_eq!(strip_people(&spread), none);
}

// ---------------------------------------------------------------------
// Calibration (docs/forecast.md, *Calibration*): the team's record of
// effort against estimate, drawn into the trials.

/// `n` done tasks of `estimate` that each took `record` (TOML lines:
/// `actual = …`, or `started = …` with the `done` date), owned by `owner`.
fn history(n: usize, prefix: &str, estimate: &str, record: &str, owner: Option<&str>) -> String {
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!(
            "\n[[task]]\nid = \"{prefix}{i}\"\ntitle = \"done {i}\"\ncomponent = \"api\"\nstatus = \"done\"\nestimate = {estimate}\n{record}\n"
        ));
        if !record.contains("done =") {
            text.push_str("done = 2026-11-13\n");
        }
        if let Some(owner) = owner {
            text.push_str(&format!("owner = \"{owner}\"\n"));
        }
    }
    text
}

#[test]
fn the_percentiles_at_face_value_are_the_first_quarter_of_the_trials() {
    // With calibration, trials 0..500 of 2000 also run at face value
    // (docs/forecast.md, *Calibration*). Draws are keyed to the trial's
    // number and the seed to the open tasks, so they are exactly the
    // percentiles of the same plan without a record, run for 500 trials.
    let text =
        std::fs::read_to_string(format!("{}/readiness.toml", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let unrecorded: String = text
        .lines()
        .filter(|l| !l.starts_with("started") && !l.starts_with("actual"))
        .map(|l| format!("{l}\n"))
        .collect();
    let today = d(MONDAY);
    let calibrated = evaluate(&text, today).unwrap();
    let plain = readiness::evaluate_with(&unrecorded, today, readiness::Options::exact_trials(500))
        .unwrap();
    assert_eq!(readiness::forecast::uncalibrated_trials(2000), 500);
    let c = calibrated.forecast.calibration.as_ref().expect("a record");
    assert!(plain.forecast.calibration.is_none());
    assert_eq!(plain.forecast.trials, Some(500));
    assert_eq!(calibrated.forecast.seed, plain.forecast.seed);
    assert_eq!(
        (c.uncalibrated.p50, c.uncalibrated.p85, c.uncalibrated.p95),
        (plain.forecast.p50, plain.forecast.p85, plain.forecast.p95)
    );
    // And the record moves the calibrated ones.
    assert_ne!(calibrated.forecast.p85, c.uncalibrated.p85);
}

#[test]
fn a_record_of_exactly_twice_the_estimates_doubles_every_percentile() {
    // Six done tasks estimated at 2 days: three with actual = 4d, three
    // started Mon 9 and done Fri 13 Nov at focus 0.8: 5 × 0.8 = 4 days.
    // Every ratio is 2, so every trial is the schedule with the open work
    // doubled: two 1.5-day tasks and a 1-day one after the first, on two
    // people at 0.8 — 3.75 + 2.5 = 6.25 working days: day 6, Tue 1 Dec.
    let team = "people = 2\nfocus = 0.8";
    let open = staffed(
        team,
        "",
        &[
            ("a", "1.5d", None, "api", &[]),
            ("b", "1.5d", None, "web", &[]),
            ("c", "1d", None, "api", &["a"]),
        ],
    );
    let text = format!(
        "{open}{}{}",
        history(3, "x", "2", "actual = \"4d\"", None),
        history(
            3,
            "y",
            "\"1-3d\"",
            "started = 2026-11-09\ndone = 2026-11-13",
            None
        )
    );
    let s = evaluate(&text, d(MONDAY)).unwrap();
    let f = &s.forecast;
    let c = f.calibration.as_ref().expect("6 samples: calibrated");
    assert_eq!((c.samples, c.median_ratio), (6, 2.0));
    assert!(
        c.team.iter().all(|&r| (r - 2.0).abs() < 1e-12),
        "{:?}",
        c.team
    );
    // The deterministic finish stays at face value: 1.875 + 1.25 = 3.125
    // working days, day 3 (Thu 26); so do the uncalibrated percentiles.
    assert_eq!(f.finish, Some(d("2026-11-26")));
    assert_eq!(c.uncalibrated.p85, Some(d("2026-11-26")));
    // The same plan with the estimates doubled, at face value.
    let doubled = staffed(
        team,
        "",
        &[
            ("a", "3d", None, "api", &[]),
            ("b", "3d", None, "web", &[]),
            ("c", "2d", None, "api", &["a"]),
        ],
    );
    let twice = evaluate(&doubled, d(MONDAY)).unwrap().forecast.finish;
    assert_eq!(twice, Some(d("2026-12-01")));
    assert_eq!((f.p50, f.p85, f.p95), (twice, twice, twice));
    assert_eq!(f.trials, Some(2000));
    // The target status follows the calibrated percentiles.
    let targeted = text.replace(
        "name = \"staffed\"",
        "name = \"staffed\"\ntarget = 2026-11-27",
    );
    let f = evaluate(&targeted, d(MONDAY)).unwrap().forecast;
    assert_eq!(f.target_status, Some(TargetStatus::Late));
}

/// The standard normal quantile (Acklam's rational approximation, relative
/// error below 1.2e-9).
#[allow(clippy::excessive_precision)]
fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e1,
        2.209460984245205e2,
        -2.759285104469687e2,
        1.383577518672690e2,
        -3.066479806614716e1,
        2.506628277459239,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e1,
        1.615858368580409e2,
        -1.556989798598866e2,
        6.680131188771972e1,
        -1.328068155288572e1,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-3,
        -3.223964580411365e-1,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    ];
    const D: [f64; 4] = [
        7.784695709041462e-3,
        3.224671290700398e-1,
        2.445134137142996,
        3.754408661907416,
    ];
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

#[test]
fn a_lognormal_record_gives_the_analytic_p85_of_a_large_batch() {
    // 400 done 1-day tasks whose actual effort follows LogNormal(μ = 0.2,
    // σ = 0.5), taken at its quantiles; 100 open 1-day tasks on one person.
    // Each trial's makespan is the sum of 100 draws: mean 100·m, standard
    // deviation 10·s, with m = e^(μ+σ²/2) and s² = (e^σ² − 1)·e^(2μ+σ²);
    // P85 ≈ 100·m + z(0.85)·10·s (its skew, 0.17, moves it by 0.02 days).
    let (mu, sigma) = (0.2f64, 0.5f64);
    let samples = 400;
    let mut text = staffed("people = 1", "", &[]);
    for k in 0..samples {
        let ratio = (mu + sigma * normal_quantile((k as f64 + 0.5) / samples as f64)).exp();
        text.push_str(&format!(
            "\n[[task]]\nid = \"done{k}\"\ntitle = \"d\"\ncomponent = \"api\"\nstatus = \"done\"\ndone = 2026-11-13\nestimate = 1\nactual = {ratio:.9}\n"
        ));
    }
    for j in 0..100 {
        text.push_str(&format!(
            "\n[[task]]\nid = \"open{j}\"\ntitle = \"o\"\ncomponent = \"web\"\nestimate = 1\n"
        ));
    }
    let s = evaluate(&text, d(MONDAY)).unwrap();
    let f = &s.forecast;
    assert_eq!(f.calibration.as_ref().unwrap().samples, samples);
    let m = (mu + sigma * sigma / 2.0).exp();
    let sd = ((sigma * sigma).exp_m1() * (2.0 * mu + sigma * sigma).exp()).sqrt();
    let analytic = 100.0 * m + normal_quantile(0.85) * 10.0 * sd;
    // The P85 date as working days from day 0 (day 0 counts 1).
    let p85 = f.p85.unwrap();
    let days = calendar::working_days_between(&s.manifest.calendar, f.day_zero, p85) as f64 + 1.0;
    let error = (days - analytic).abs() / analytic;
    assert!(
        error < 0.03,
        "calibrated P85 {p85} ({days} working days) vs analytic {analytic:.2}: {:.2}% off",
        error * 100.0
    );
    // Taken at face value the batch is 100 days.
    let face = f.calibration.as_ref().unwrap().uncalibrated.p85.unwrap();
    assert_eq!(
        calendar::working_days_between(&s.manifest.calendar, f.day_zero, face) + 1,
        100
    );
}

#[test]
fn fewer_than_five_samples_give_no_calibration_and_say_how_many_more() {
    let open = staffed("", "", &[("a", "1-3d", None, "api", &[])]);
    let text = format!(
        "{open}{}{}",
        history(2, "x", "1", "actual = 2", None),
        // Done without a record: no sample.
        history(4, "y", "1", "", None)
    );
    let s = evaluate(&text, d(MONDAY)).unwrap();
    let f = &s.forecast;
    assert!(f.calibration.is_none());
    let short = f.calibration_shortfall.expect("a shortfall");
    assert_eq!((short.samples, short.needed), (2, 3));
    let json: serde_json::Value =
        serde_json::from_str(&readiness::report::json::render(&s)).unwrap();
    assert_eq!(json["forecast"]["calibration"], serde_json::Value::Null);
    assert_eq!(
        json["forecast"]["calibration_needs"],
        serde_json::json!({"samples": 2, "more": 3})
    );
}

#[test]
fn an_owner_with_five_samples_draws_from_their_own_the_rest_from_the_team() {
    // amy: 5 done tasks that took 3× their estimate; 15 unowned ones that
    // took exactly their estimate; bo: none. Team: 20 samples, median 1.
    // amy's open 1-day task draws from her own (always 3 days: day 2);
    // bo's from the team's (3 days one time in four: P50 day 0, P85 day 2).
    let people = "[[person]]\nid = \"amy\"\n\n[[person]]\nid = \"bo\"\n";
    let open = staffed(
        "people = 2",
        people,
        &[
            ("amy-open", "1d", Some("amy"), "api", &[]),
            ("bo-open", "1d", Some("bo"), "web", &[]),
        ],
    );
    let text = format!(
        "{open}{}{}",
        history(5, "amy", "1", "actual = 3", Some("amy")),
        history(15, "team", "1", "actual = 1", None)
    );
    let s = evaluate(&text, d(MONDAY)).unwrap();
    let f = &s.forecast;
    let c = f.calibration.as_ref().unwrap();
    assert_eq!((c.samples, c.median_ratio), (20, 1.0));
    assert_eq!(c.own_samples("amy"), Some(5));
    assert_eq!(c.own_samples("bo"), None);
    let amy = &f.components[0].percentiles;
    assert_eq!(
        (amy.p50, amy.p95),
        (Some(d("2026-11-25")), Some(d("2026-11-25")))
    );
    let bo = &f.components[1].percentiles;
    assert_eq!(bo.p50, Some(d("2026-11-23")));
    assert_eq!(bo.p85, Some(d("2026-11-25")));
    let json: serde_json::Value =
        serde_json::from_str(&readiness::report::json::render(&s)).unwrap();
    assert_eq!(
        json["forecast"]["calibration"]["people"],
        serde_json::json!([{"id": "amy", "samples": 5, "median_ratio": 3.0, "scope": "own"}])
    );
    // With four of amy's, she draws from the team too.
    let text = format!(
        "{open}{}{}",
        history(4, "amy", "1", "actual = 3", Some("amy")),
        history(15, "team", "1", "actual = 1", None)
    );
    let f = evaluate(&text, d(MONDAY)).unwrap().forecast;
    assert_eq!(f.calibration.as_ref().unwrap().own_samples("amy"), None);
    assert_eq!(f.components[0].percentiles.p50, Some(d("2026-11-23")));
}

#[test]
fn effort_counts_working_days_less_days_away_at_the_owners_focus() {
    // sam at focus 0.5, away Wed 11 Nov: started Mon 9, done Fri 13 is 5
    // working days less 1 away = 4, × 0.5 = 2 days of effort, shared among
    // the five tasks carried through those same days: 0.4 each; estimated
    // 1 day: ratio 0.4. A weekend start counts from Monday.
    let people =
        "[[person]]\nid = \"sam\"\nfocus = 0.5\naway = [{ from = 2026-11-11, to = 2026-11-11 }]\n";
    let mut text = staffed("", people, &[("open", "1d", Some("sam"), "api", &[])]);
    text.push_str(&history(
        5,
        "s",
        "1",
        "started = 2026-11-07\ndone = 2026-11-13",
        Some("sam"),
    ));
    let s = evaluate(&text, d(MONDAY)).unwrap();
    let samples = readiness::forecast::calibration::samples(&s.manifest);
    assert_eq!(samples.len(), 5);
    assert!(
        samples
            .iter()
            .all(|x| (x.effort - 0.4).abs() < 1e-12 && (x.ratio - 0.4).abs() < 1e-12),
        "{samples:?}"
    );
}

#[test]
fn the_calibration_example_of_the_docs_holds() {
    // docs/forecast.md, "A worked example of calibration": the manifest as
    // printed there, and the figures worked out by hand.
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/forecast.md")).unwrap();
    let from = docs.find("`record.toml`:").expect("the example");
    let block = &docs[from..];
    let start = block.find("```toml\n").unwrap() + "```toml\n".len();
    let text = &block[start..start + block[start..].find("```").unwrap()];
    let s = evaluate(text, d(MONDAY)).unwrap();
    let f = &s.forecast;
    let mut ratios: Vec<f64> = readiness::forecast::calibration::samples(&s.manifest)
        .iter()
        .map(|x| (x.ratio * 1000.0).round() / 1000.0)
        .collect();
    ratios.sort_by(f64::total_cmp);
    assert_eq!(ratios, vec![0.8, 1.067, 1.2, 1.5, 1.5]);
    let c = f.calibration.as_ref().unwrap();
    assert!((c.median_ratio - 1.2).abs() < 1e-12);
    assert_eq!(c.own_samples("sam"), Some(5));
    assert_eq!((f.finish, f.working_days), (Some(d("2026-12-01")), Some(7)));
    assert_eq!(c.uncalibrated.p95, Some(d("2026-12-01")));
    assert_eq!(
        (f.p50, f.p85, f.p95),
        (
            Some(d("2026-12-02")),
            Some(d("2026-12-04")),
            Some(d("2026-12-04"))
        )
    );
}

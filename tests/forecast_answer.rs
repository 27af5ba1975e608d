//! The forecast's answer (docs/forecast.md, "The forecast"): common random
//! numbers (an edit that changes no figure moves no date; one that does
//! moves a date only through its effect), the chance of meeting the target
//! against its exact value, and a plan that cannot finish before 3000
//! (never, no date past 2999-12-31, a warning naming why).

use chrono::NaiveDate;
use readiness::forecast::{Forecast, NeverCause, Percentiles};
use readiness::{Options, Snapshot, evaluate_with};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-11-23";

fn snapshot(text: &str, trials: u32) -> Snapshot {
    evaluate_with(text, d(TODAY), Options::exact_trials(trials)).expect("valid")
}

fn forecast(text: &str) -> Forecast {
    snapshot(text, 2000).forecast
}

/// A forecast of few trials, whose dates move with the draws: with other
/// draws, the same plan would give other dates.
fn few_trials(text: &str) -> Forecast {
    snapshot(text, 20).forecast
}

/// Two people, each with a record of five done tasks and a chain of open
/// ranged tasks in their own component; `estimate` is dana's first open
/// task's. Sam's tasks come first, then dana's.
fn plan(estimate: &str) -> String {
    let mut text = String::from(
        "[project]\nname = \"Common draws\"\ntarget = 2026-12-18\n\n\
         [[person]]\nid = \"sam\"\n\n[[person]]\nid = \"dana\"\nfocus = 0.8\n\n\
         [[component]]\nid = \"api\"\n\n[[component]]\nid = \"ui\"\n",
    );
    let record = [("2026-11-02", "2026-11-03"), ("2026-11-04", "2026-11-06")];
    for (who, comp) in [("sam", "api"), ("dana", "ui")] {
        for k in 0..5 {
            let (started, done) = record[k % 2];
            text.push_str(&format!(
                "\n[[task]]\nid = \"{who}-done-{k}\"\ntitle = \"Done {k}\"\ncomponent = \"{comp}\"\n\
                 status = \"done\"\nowner = \"{who}\"\nestimate = {}\nstarted = {started}\ndone = {done}\n",
                k + 1
            ));
        }
        for k in 0..4 {
            let estimate = if who == "dana" && k == 0 {
                estimate.to_owned()
            } else {
                format!("{}-{}d", k + 1, 2 * k + 3)
            };
            text.push_str(&format!(
                "\n[[task]]\nid = \"{who}-{k}\"\ntitle = \"Open {k}\"\ncomponent = \"{comp}\"\n\
                 owner = \"{who}\"\nestimate = \"{estimate}\"\n"
            ));
            if k > 0 {
                text.push_str(&format!("depends_on = [\"{who}-{}\"]\n", k - 1));
            }
        }
    }
    text
}

/// Every date a forecast gives: the plan's and each component's P50, P85,
/// P95, the uncalibrated ones and the chance.
fn dates(f: &Forecast) -> (Vec<Percentiles>, Option<Percentiles>, Option<f64>) {
    let mut all = vec![Percentiles {
        p50: f.p50,
        p85: f.p85,
        p95: f.p95,
    }];
    all.extend(f.components.iter().map(|c| c.percentiles));
    (
        all,
        f.calibration.as_ref().map(|c| c.uncalibrated),
        f.chance,
    )
}

/// Task entries of a manifest: the text before the first `[[task]]`, and
/// each `[[task]]` entry.
fn entries(text: &str) -> (String, Vec<String>) {
    let mut parts = text.split("\n[[task]]\n");
    let head = parts.next().unwrap().to_owned();
    (head, parts.map(|p| format!("\n[[task]]\n{p}")).collect())
}

#[test]
fn a_title_a_comment_or_the_order_of_entries_moves_no_date() {
    let text = plan("2-5d");
    let before = few_trials(&text);
    assert!(before.calibration.is_some() && before.trials == Some(20));
    let before = dates(&before);

    let retitled = text.replace("title = \"Open 2\"", "title = \"Open 2, renamed\"");
    assert_ne!(retitled, text);
    assert_eq!(dates(&few_trials(&retitled)), before, "a title edit");

    let commented = text.replace(
        "[[component]]\nid = \"ui\"",
        "# the user interface\n[[component]]\nid = \"ui\" # comment",
    );
    assert_eq!(dates(&few_trials(&commented)), before, "a comment");

    // Dana's tasks first, then sam's; the people the other way round. No
    // tie is broken by file order: each owner's tasks keep their order.
    let (head, tasks) = entries(&text);
    let head = head.replace(
        "[[person]]\nid = \"sam\"\n\n[[person]]\nid = \"dana\"\nfocus = 0.8\n",
        "[[person]]\nid = \"dana\"\nfocus = 0.8\n\n[[person]]\nid = \"sam\"\n",
    );
    let (sam, dana) = tasks.split_at(tasks.len() / 2);
    let reordered = format!("{head}{}{}", dana.concat(), sam.concat());
    assert_ne!(reordered, text);
    assert_eq!(dates(&few_trials(&reordered)), before, "entries reordered");
}

#[test]
fn an_estimate_moves_a_date_only_through_its_effect() {
    let before = few_trials(&plan("2-5d"));
    let after = few_trials(&plan("6-9d"));
    // Sam's component shares nothing with dana's task: not a day moves.
    assert_eq!(
        before.components[0].percentiles, after.components[0].percentiles,
        "sam's component"
    );
    // Dana's component is later at every percentile.
    let (b, a) = (
        before.components[1].percentiles,
        after.components[1].percentiles,
    );
    assert!(
        a.p50 > b.p50 && a.p85 > b.p85 && a.p95 > b.p95,
        "{b:?} -> {a:?}"
    );
}

/// Throughput: no estimates, done on alternate working days.
fn throughput_plan(open: usize, target: &str) -> String {
    let mut text =
        format!("[project]\nname = \"Rate\"\ntarget = {target}\n[[component]]\nid = \"c\"\n");
    for (k, done) in ["2026-11-16", "2026-11-18", "2026-11-20"]
        .iter()
        .enumerate()
    {
        text.push_str(&format!(
            "[[task]]\nid = \"d{k}\"\ntitle = \"t\"\ncomponent = \"c\"\nstatus = \"done\"\ndone = {done}\n"
        ));
    }
    for k in 0..open {
        text.push_str(&format!(
            "[[task]]\nid = \"o{k}\"\ntitle = \"t\"\ncomponent = \"c\"\n"
        ));
    }
    text
}

#[test]
fn throughput_trials_share_their_draws_across_the_remaining_count() {
    // One more open task, the same draws: no trial finishes earlier, so no
    // percentile does.
    let mut last = Percentiles::default();
    for open in 1..=12 {
        let f = forecast(&throughput_plan(open, "2026-12-31"));
        assert_eq!(f.method, readiness::forecast::Method::Throughput);
        let now = Percentiles {
            p50: f.p50,
            p85: f.p85,
            p95: f.p95,
        };
        assert!(now.p50 >= last.p50 && now.p85 >= last.p85 && now.p95 >= last.p95);
        last = now;
    }
}

/// One task of `estimate`, unowned, one person, target `target`.
fn one_task(estimate: &str, target: Option<&str>) -> String {
    let target = target.map_or(String::new(), |t| format!("target = {t}\n"));
    format!(
        "[project]\nname = \"Chance\"\n{target}[[component]]\nid = \"c\"\n\
         [[task]]\nid = \"a\"\ntitle = \"A\"\ncomponent = \"c\"\nestimate = \"{estimate}\"\n"
    )
}

#[test]
fn the_chance_is_the_share_of_trials_on_or_before_the_target() {
    // 2-6d: triangular (2, 4, 6) working days from Mon 2026-11-23. A target
    // on working day k is met when the duration t ≤ k + 1: F(3) = 1²/8,
    // F(4) = 1/2, F(5) = 1 − 1²/8.
    for (target, exact) in [
        ("2026-11-25", 0.125),
        ("2026-11-26", 0.5),
        ("2026-11-27", 0.875),
        ("2026-11-28", 0.875),
        ("2026-11-24", 0.0),
        ("2026-11-30", 1.0),
        ("2026-11-20", 0.0),
    ] {
        let f = snapshot(&one_task("2-6d", Some(target)), 20_000).forecast;
        let chance = f.chance.expect("a target gives a chance");
        // 20,000 trials: the share is within 0.01 of its exact value (over
        // four standard deviations at 1/8).
        assert!(
            (chance - exact).abs() < 0.01,
            "{target}: {chance} vs {exact}"
        );
    }
    assert_eq!(forecast(&one_task("2-6d", None)).chance, None);
    // A point estimate: nothing drawn, the schedule decides.
    assert_eq!(
        forecast(&one_task("3d", Some("2026-11-25"))).chance,
        Some(1.0)
    );
    assert_eq!(
        forecast(&one_task("3d", Some("2026-11-24"))).chance,
        Some(0.0)
    );
}

#[test]
fn the_throughput_chance_against_its_exact_value() {
    // Samples Mon 16 .. Mon 23 Nov: 1, 0, 1, 0, 1, 0 — each day finishes the
    // one open task with chance 1/2; from Tue 24 (day 0), a target on
    // working day k is met with chance 1 − 2^−(k+1).
    let today = d("2026-11-24");
    for (target, exact) in [("2026-11-24", 0.5), ("2026-11-26", 0.875)] {
        let f = evaluate_with(
            &throughput_plan(1, target),
            today,
            Options::exact_trials(20_000),
        )
        .expect("valid")
        .forecast;
        let chance = f.chance.expect("a target gives a chance");
        assert!(
            (chance - exact).abs() < 0.01,
            "{target}: {chance} vs {exact}"
        );
    }
}

/// Every `YYYY-MM-DD` (or `+YYYYY-MM-DD`) in `text` past 2999.
fn late_dates(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '-' || c == '+'))
        .flat_map(|token| token.split("--"))
        .filter_map(|token| {
            let mut parts = token.trim_matches('-').splitn(3, '-');
            let year: i64 = parts.next()?.trim_start_matches('+').parse().ok()?;
            let (month, day) = (parts.next()?, parts.next()?);
            (month.len() == 2 && day.len() >= 2 && year > 2999)
                .then(|| token.trim_matches('-').to_owned())
        })
        .collect()
}

fn away_forever() -> String {
    "[project]\nname = \"Away\"\ntarget = 2027-03-01\n\n\
     [[person]]\nid = \"sam\"\naway = [{ from = 2026-12-01, to = 9999-12-31 }]\n\n\
     [[component]]\nid = \"c\"\n\n\
     [[task]]\nid = \"a\"\ntitle = \"A\"\ncomponent = \"c\"\nowner = \"sam\"\nestimate = \"5-10d\"\n"
        .to_owned()
}

#[test]
fn an_owner_away_until_9999_gives_never_and_names_the_range() {
    let s = snapshot(&away_forever(), 2000);
    let f = &s.forecast;
    let never = f.never.expect("never");
    assert_eq!(never.person, Some(0));
    assert_eq!(
        never.cause,
        NeverCause::Away {
            from: d("2026-12-01"),
            to: d("9999-12-31")
        }
    );
    assert_eq!((f.finish, f.p50, f.p85, f.p95), (None, None, None, None));
    assert_eq!(f.chance, Some(0.0));
    // An unowned task after sam's, taken by an anonymous worker, ends last:
    // the cause is still sam's range, the first on the chain past 2999.
    let chained = away_forever().replace("[[person]]", "[team]\npeople = 2\n\n[[person]]")
        + "\n[[task]]\nid = \"u\"\ntitle = \"U\"\ncomponent = \"c\"\nestimate = 3\ndepends_on = [\"a\"]\n";
    let then = forecast(&chained);
    assert_eq!(then.never, f.never);
    assert!(then.tasks[1].is_some_and(|t| t.worker.person().is_none()));
    let warning = s
        .warnings
        .iter()
        .find(|w| w.message.contains("no finish by 2999-12-31"))
        .expect("a warning");
    assert_eq!(
        warning.message,
        "no finish by 2999-12-31: sam is away from 2026-12-01 to 9999-12-31"
    );
    assert_eq!(warning.line, Some(5), "at sam's entry");
    let json = readiness::report::json::render(&s);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let forecast = &value["forecast"];
    assert_eq!(forecast["never"], true);
    for key in ["finish", "p50", "p85", "p95"] {
        assert!(forecast[key].is_null(), "{key}: {}", forecast[key]);
    }
    assert_eq!(forecast["chance"], 0.0);
    let text = away_forever();
    let view = readiness::view::View::build(std::sync::Arc::new(s), None, Some(&text));
    for report in [
        json,
        readiness::report::text::render(&view),
        readiness::report::markdown::render(&view),
    ] {
        for date in late_dates(&report) {
            assert_eq!(date, "9999-12-31", "only the range away, quoted: {report}");
        }
    }
}

#[test]
fn a_focus_of_one_ten_thousandth_gives_never_and_names_the_focus() {
    let text = away_forever()
        .replace(
            "away = [{ from = 2026-12-01, to = 9999-12-31 }]",
            "focus = 0.0001",
        )
        .replace("5-10d", "300d");
    let s = snapshot(&text, 2000);
    let never = s.forecast.never.expect("never");
    assert_eq!(never.cause, NeverCause::Focus { focus: 0.0001 });
    assert!(s.warnings.iter().any(|w| w.message
        == "no finish by 2999-12-31: sam's focus of 0.0001 stretches their work past it"));
    // The same focus on a small task finishes (in 2218), with a date.
    let small = text.replace("300d", "5d");
    let f = forecast(&small);
    assert!(f.never.is_none());
    // 5 / 0.0001 = 50,000 working days: day 49,999 from Mon 2026-11-23 is
    // 9,999 weeks and 4 working days on, a Friday.
    assert_eq!(f.finish.map(|d| d.to_string()), Some("2218-07-17".into()));
}

mod far_future {
    use proptest::prelude::*;
    use readiness::forecast::calendar::LAST_DATE;

    use super::*;

    /// Two people (one maybe away for ever, one at a tiny focus), two tasks
    /// each of up to 10,000 days, an unowned one, a target anywhere.
    fn manifest(
        focus_exp: i32,
        away_to_year: i32,
        days: [f64; 3],
        target_year: i32,
        ranged: bool,
    ) -> String {
        let estimate = |x: f64| {
            if ranged {
                format!("\"{}-{}d\"", x / 2.0, x)
            } else {
                format!("{x}")
            }
        };
        format!(
            "[project]\nname = \"Far\"\ntarget = {target_year}-06-30\n\n\
             [team]\npeople = 3\n\n\
             [[person]]\nid = \"sam\"\naway = [{{ from = 2026-12-01, to = {away_to_year}-12-31 }}]\n\n\
             [[person]]\nid = \"dana\"\nfocus = 1e{focus_exp}\n\n\
             [[component]]\nid = \"c\"\n\n\
             [[task]]\nid = \"a\"\ntitle = \"A\"\ncomponent = \"c\"\nowner = \"sam\"\nestimate = {}\n\n\
             [[task]]\nid = \"b\"\ntitle = \"B\"\ncomponent = \"c\"\nowner = \"dana\"\nestimate = {}\n\n\
             [[task]]\nid = \"u\"\ntitle = \"U\"\ncomponent = \"c\"\nestimate = {}\ndepends_on = [\"a\"]\n",
            estimate(days[0]),
            estimate(days[1]),
            estimate(days[2]),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn no_date_past_2999_no_nan_and_never_only_without_a_p50(
            focus_exp in prop_oneof![-6i32..=0, -320i32..=-300],
            away_to_year in prop_oneof![2026i32..=2100, 2990i32..=9999],
            days in proptest::array::uniform3(0.5f64..=10_000.0),
            target_year in 2020i32..=9999,
            ranged in any::<bool>(),
        ) {
            let text = manifest(focus_exp, away_to_year, days, target_year, ranged);
            let s = evaluate_with(&text, d(TODAY), Options::exact_trials(50)).expect("valid");
            let f = &s.forecast;
            let mut all = vec![f.finish, f.p50, f.p85, f.p95];
            all.extend(f.tasks.iter().flatten().map(|t| t.finish));
            all.extend(f.people.iter().map(|p| p.finish));
            all.extend(f.components.iter().flat_map(|c| [c.finish, c.percentiles.p50, c.percentiles.p95]));
            for date in all.into_iter().flatten() {
                prop_assert!(date <= LAST_DATE, "{date}");
            }
            prop_assert_eq!(f.never.is_some(), f.p50.is_none());
            // Sam's task leads to the unowned one: with more of it than the
            // 6 working days before he leaves, and away past 2999, nothing
            // finishes.
            let least = if ranged { days[0] / 2.0 } else { days[0] };
            if away_to_year >= 3000 && least > 6.0 {
                prop_assert!(f.never.is_some());
            }
            let chance = f.chance.expect("a target");
            prop_assert!((0.0..=1.0).contains(&chance));
            if f.never.is_some() {
                prop_assert_eq!(chance, 0.0);
                prop_assert!(f.p85.is_none() && f.p95.is_none());
            }
            let json = readiness::report::json::render(&s);
            prop_assert!(!json.contains("NaN") && !json.contains("inf "), "{}", json);
            for w in &s.warnings {
                prop_assert!(!w.message.contains("NaN") && !w.message.contains(" inf "), "{}", w.message);
            }
        }
    }
}

/// The replay behind "why it moved" forecasts the answer alone — the
/// calibrated trials, without the trials at face value, the components'
/// finishes, the record's movers or the cross-check beside them — and
/// must get the very P50 and P85 of the whole forecast, as must each past
/// day of the trend (with the chance and target status): on the showcase
/// (a record, components, people), every example and the two-person plan,
/// with the default trials and a few, on two days.
#[test]
fn the_answer_alone_is_the_whole_forecasts_answer() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut texts = vec![plan("3-5d")];
    for name in [
        "readiness.toml",
        "examples/agent-platform.toml",
        "examples/ai-assistant-test-suites.toml",
        "examples/clinic-assistant.toml",
        "examples/voice-bot.toml",
        "examples/worker-refactor.toml",
    ] {
        texts.push(std::fs::read_to_string(format!("{root}/{name}")).expect("read"));
    }
    let mut compared = 0;
    for text in &texts {
        for day in ["2026-11-23", "2026-12-03"] {
            for options in [Options::default(), Options::exact_trials(20)] {
                let s = evaluate_with(text, d(day), options).expect("valid");
                let whole = s.forecast.p50.zip(s.forecast.p85);
                let alone = readiness::standup::causes::answer(&s.manifest, d(day), options);
                assert_eq!(alone, whole, "{day}: {}", s.manifest.project.name);
                // A day of the trend: the answer's trials alone, the same
                // figures as the whole snapshot's (the chance and target
                // status too).
                let point = readiness::trend::figures_of(text, d(day), options).expect("valid");
                assert_eq!(
                    point,
                    readiness::trend::Figures::of(&s),
                    "{day}: {}",
                    s.manifest.project.name
                );
                compared += usize::from(whole.is_some());
            }
        }
    }
    assert!(compared >= 20, "{compared} answers compared");
}

//! TaskJuggler as an oracle for the deterministic schedule (docs/forecast.md,
//! "The calendar" and "Method, schedule and percentiles").
//!
//! Random plans (seeded, so every run sees the same ones) are written both as
//! a `readiness.toml` and as the equivalent TaskJuggler project; `tj3`
//! schedules the project and its CSV task report gives the last day any task
//! works. Our deterministic finish must never be later than TaskJuggler's,
//! and must be equal where the schedule is forced: one person (nobody is ever
//! idle, so the finish is the sum of the estimates) and pure chains (each
//! task starts when the one before ends, whatever the headcount).
//!
//! How the two calendars are made to agree:
//! - TaskJuggler works in hourly slots (`timingresolution 60min`, its
//!   coarsest). The working hours are set explicitly to 8 a day, Monday to
//!   Friday (`workinghours mon - fri 9:00 - 17:00`), and `dailyworkinghours 8`
//!   makes an effort of `Nd` exactly N of those 8-hour days, so one
//!   TaskJuggler day of effort is one of our working days at `focus = 1.0`.
//! - The holiday is a project-wide `leaves holiday`, which removes the day
//!   from every resource, as `[calendar] holidays` removes it from ours.
//! - A task's `end` in the report is the instant its work stops (17:00 on its
//!   last day; an end at 00:00 would belong to the day before). The last day
//!   the work occupies is therefore the date of `end − 1 minute`.
//!
//! With people (docs/manifest.md, `[[person]]`), each named person is a
//! resource: an owned task is `allocate` that person, an unowned one goes to
//! the pool (`allocate` any resource, `select minloaded`), a person's focus
//! is the resource's `efficiency`, and their days away are `leaves` (whose
//! end TaskJuggler excludes: `to` + 1 day). Where every task has an owner
//! and no dependency crosses owners, each person works their queue without
//! a gap, and both must agree exactly; elsewhere the two heuristics differ
//! and the agreement is counted.
//!
//! `tj3` is the Debian package `tj3` (TaskJuggler 3); `.ci/run` installs it.
//! Without it this test fails: the oracle is the point of the test.

// Test output, not the product's: the sink rule (clippy.toml) is for src/.
#![allow(clippy::disallowed_macros, clippy::disallowed_methods)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Mutex;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, TimeDelta, Weekday};

#[path = "common/hermetic.rs"]
mod hermetic;
#[path = "common/tools.rs"]
mod tools;

/// Plans per run: tj3 takes about a second each, spread over the cores.
const PLANS: u64 = 40;
const SEED: u64 = 0x7a5c_6a75_6767_6c65;

/// SplitMix64: small, seedable, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Each task depends on the one before it.
    Chain,
    /// Random dependencies on earlier tasks, one person.
    SinglePerson,
    /// Random dependencies on earlier tasks, 1–4 people.
    Dag,
}

struct PlanSpec {
    number: u64,
    shape: Shape,
    people: u64,
    /// Whole days of effort.
    estimates: Vec<u64>,
    /// Indices of earlier tasks.
    depends_on: Vec<Vec<usize>>,
    start: NaiveDate,
    holiday: NaiveDate,
}

/// The first Monday of the plans; each plan starts a whole number of weeks
/// later so that the holidays land on varied dates.
fn first_monday() -> NaiveDate {
    let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert_eq!(d.weekday(), Weekday::Mon);
    d
}

/// The `n`th weekday from a Monday `start` (`n = 0` is `start`).
fn nth_weekday(start: NaiveDate, n: u64) -> NaiveDate {
    start + Days::new(n / 5 * 7 + n % 5)
}

fn generate(number: u64) -> PlanSpec {
    let mut rng = Rng(SEED ^ number.wrapping_mul(0x2545_f491_4f6c_dd1d));
    let shape = match number % 5 {
        0 => Shape::Chain,
        1 => Shape::SinglePerson,
        _ => Shape::Dag,
    };
    let n = rng.range(20, 60) as usize;
    let people = match shape {
        Shape::SinglePerson => 1,
        _ => rng.range(1, 4),
    };
    let estimates: Vec<u64> = (0..n).map(|_| rng.range(1, 5)).collect();
    // Density of the random graphs: from nearly independent tasks to dense
    // webs, with at most 4 dependencies a task.
    let density = [0.02, 0.05, 0.1, 0.2][rng.range(0, 3) as usize];
    let depends_on: Vec<Vec<usize>> = (0..n)
        .map(|i| match shape {
            Shape::Chain => (i > 0).then(|| i - 1).into_iter().collect(),
            _ => {
                let mut deps: Vec<usize> = (0..i).filter(|_| rng.chance(density)).collect();
                while deps.len() > 4 {
                    deps.remove(rng.range(0, deps.len() as u64 - 1) as usize);
                }
                deps
            }
        })
        .collect();
    let start = first_monday() + Days::new(7 * rng.range(0, 20));
    // A holiday on a weekday strictly inside any schedule: before the lower
    // bound on the makespan (the longest path, and the work over the people).
    let mut path = vec![0u64; n];
    for i in 0..n {
        path[i] = estimates[i] + depends_on[i].iter().map(|&j| path[j]).max().unwrap_or(0);
    }
    let longest = path.iter().copied().max().unwrap_or(0);
    let total: u64 = estimates.iter().sum();
    let bound = longest.max(total.div_ceil(people));
    let holiday = nth_weekday(start, rng.range(1, bound.max(2) - 1));
    PlanSpec {
        number,
        shape,
        people,
        estimates,
        depends_on,
        start,
        holiday,
    }
}

fn manifest(plan: &PlanSpec) -> String {
    let mut s = String::new();
    writeln!(
        s,
        "[project]\nname = \"TaskJuggler oracle {}\"\n",
        plan.number
    )
    .unwrap();
    writeln!(s, "[calendar]\nholidays = [{}]\n", plan.holiday).unwrap();
    writeln!(s, "[team]\npeople = {}\nfocus = 1.0\n", plan.people).unwrap();
    task_entries(&mut s, &plan.estimates, &plan.depends_on, |_| None);
    s
}

/// The `[[component]]` and `[[task]]` entries of a plan: whole-day
/// estimates, owners `p{k}`, dependencies on earlier tasks.
fn task_entries(
    s: &mut String,
    estimates: &[u64],
    depends_on: &[Vec<usize>],
    owner: impl Fn(usize) -> Option<usize>,
) {
    writeln!(s, "[[component]]\nid = \"work\"\n").unwrap();
    for (i, estimate) in estimates.iter().enumerate() {
        writeln!(s, "[[task]]\nid = \"t{i}\"\ntitle = \"Task {i}\"").unwrap();
        writeln!(s, "component = \"work\"\nestimate = {estimate}").unwrap();
        if let Some(k) = owner(i) {
            writeln!(s, "owner = \"p{k}\"").unwrap();
        }
        if !depends_on[i].is_empty() {
            let deps: Vec<String> = depends_on[i].iter().map(|d| format!("\"t{d}\"")).collect();
            writeln!(s, "depends_on = [{}]", deps.join(", ")).unwrap();
        }
        s.push('\n');
    }
}

/// A project end past any schedule (one person doing everything, plus the
/// holiday and a margin) but no further: tj3's time grows with the span.
fn project_end(plan: &PlanSpec) -> NaiveDate {
    let total: u64 = plan.estimates.iter().sum();
    nth_weekday(plan.start, total + 10)
}

fn tjp(plan: &PlanSpec) -> String {
    let mut s = String::new();
    writeln!(
        s,
        "project oracle \"TaskJuggler oracle {}\" {} - {} {{",
        plan.number,
        plan.start,
        project_end(plan)
    )
    .unwrap();
    s.push_str(
        "  timingresolution 60min\n  timezone \"UTC\"\n  dailyworkinghours 8\n  \
         workinghours mon - fri 9:00 - 17:00\n  workinghours sat, sun off\n}\n",
    );
    writeln!(s, "leaves holiday \"holiday\" {}", plan.holiday).unwrap();
    for r in 0..plan.people {
        writeln!(s, "resource r{r} \"r{r}\"").unwrap();
    }
    let allocate = if plan.people == 1 {
        "allocate r0".to_string()
    } else {
        let alternatives: Vec<String> = (1..plan.people).map(|r| format!("r{r}")).collect();
        format!(
            "allocate r0 {{ alternative {} select minloaded persistent }}",
            alternatives.join(", ")
        )
    };
    tjp_tasks(&mut s, &plan.estimates, &plan.depends_on, |_| {
        allocate.clone()
    });
    s
}

/// The tasks of a TaskJuggler project (each allocated as `allocate` says)
/// and the CSV report of their start and end.
fn tjp_tasks(
    s: &mut String,
    estimates: &[u64],
    depends_on: &[Vec<usize>],
    allocate: impl Fn(usize) -> String,
) {
    for (i, estimate) in estimates.iter().enumerate() {
        let allocate = allocate(i);
        writeln!(
            s,
            "task t{i} \"Task {i}\" {{\n  effort {estimate}d\n  {allocate}"
        )
        .unwrap();
        if !depends_on[i].is_empty() {
            let deps: Vec<String> = depends_on[i].iter().map(|d| format!("t{d}")).collect();
            writeln!(s, "  depends {}", deps.join(", ")).unwrap();
        }
        s.push_str("}\n");
    }
    s.push_str(
        "taskreport \"schedule\" {\n  formats csv\n  columns id, start, end\n  \
         timeformat \"%Y-%m-%d %H:%M\"\n}\n",
    );
}

/// A report's `end` is the instant the work stops: its last day is the date
/// of the minute before (17:00 is that day, 00:00 the day before).
fn last_working_day(end: NaiveDateTime) -> NaiveDate {
    (end - TimeDelta::minutes(1)).date()
}

/// Runs tj3 on the plan in `dir`; the last working day of any task.
fn taskjuggler_finish(plan: &PlanSpec, dir: &Path) -> Result<NaiveDate, String> {
    run_tj3(&tjp(plan), plan.estimates.len(), dir)
}

/// Runs tj3 on a project of `tasks` tasks in `dir`; the last working day
/// of any task.
fn run_tj3(project: &str, tasks: usize, dir: &Path) -> Result<NaiveDate, String> {
    std::fs::write(dir.join("plan.tjp"), project).map_err(|e| e.to_string())?;
    let output = hermetic::command("tj3")
        .args(["--silent", "--no-color", "plan.tjp"])
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run tj3: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "tj3 failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let csv = std::fs::read_to_string(dir.join("schedule.csv"))
        .map_err(|e| format!("no schedule.csv from tj3: {e}"))?;
    let mut rows = csv.lines();
    let header = rows.next().ok_or("empty schedule.csv")?;
    if header != "\"Id\";\"Start\";\"End\"" {
        return Err(format!("unexpected CSV header {header:?}"));
    }
    let mut ids = BTreeSet::new();
    let mut last = None;
    for row in rows.filter(|r| !r.trim().is_empty()) {
        let fields: Vec<&str> = row.split(';').map(|f| f.trim_matches('"')).collect();
        let [id, _start, end] = fields[..] else {
            return Err(format!("unexpected CSV row {row:?}"));
        };
        let end = NaiveDateTime::parse_from_str(end, "%Y-%m-%d %H:%M")
            .map_err(|e| format!("bad end {end:?} in {row:?}: {e}"))?;
        let day = last_working_day(end);
        last = last.max(Some(day));
        ids.insert(id.to_string());
    }
    if ids.len() != tasks {
        return Err(format!(
            "tj3 reported {} tasks, the plan has {tasks}",
            ids.len()
        ));
    }
    last.ok_or_else(|| "tj3 reported no task".to_string())
}

fn readiness_finish(plan: &PlanSpec, text: &str) -> Result<NaiveDate, String> {
    let snapshot =
        readiness::evaluate(text, plan.start).map_err(|d| format!("manifest rejected: {d:#?}"))?;
    snapshot
        .forecast
        .finish
        .ok_or_else(|| "no deterministic finish".to_string())
}

struct Outcome {
    spec: PlanSpec,
    ours: NaiveDate,
    theirs: NaiveDate,
}

#[test]
fn the_deterministic_finish_is_never_later_than_taskjugglers() {
    if tools::missing(&[&tools::TJ3]) {
        return;
    }
    let next = Mutex::new(0u64);
    let outcomes = Mutex::new(Vec::new());
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let number = {
                        let mut next = next.lock().unwrap();
                        let number = *next;
                        *next += 1;
                        number
                    };
                    if number >= PLANS {
                        break;
                    }
                    let spec = generate(number);
                    let dir = tempfile::tempdir().expect("a temporary directory");
                    let text = manifest(&spec);
                    let result = readiness_finish(&spec, &text)
                        .and_then(|ours| Ok((ours, taskjuggler_finish(&spec, dir.path())?)));
                    match result {
                        Ok((ours, theirs)) => {
                            outcomes
                                .lock()
                                .unwrap()
                                .push(Outcome { spec, ours, theirs })
                        }
                        Err(e) => failures
                            .lock()
                            .unwrap()
                            .push(format!("plan {number}: {e}\n{}", reproduce(&spec))),
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let mut outcomes = outcomes.into_inner().unwrap();
    outcomes.sort_by_key(|o| o.spec.number);

    let (mut earlier, mut equal, mut violations) = (0, 0, Vec::new());
    for o in &outcomes {
        let forced =
            matches!(o.spec.shape, Shape::Chain | Shape::SinglePerson) || o.spec.people == 1;
        eprintln!(
            "plan {:2} {:?} {:2} tasks, {} people: readiness {}, tj3 {}{}",
            o.spec.number,
            o.spec.shape,
            o.spec.estimates.len(),
            o.spec.people,
            o.ours,
            o.theirs,
            if o.ours < o.theirs { "  (earlier)" } else { "" }
        );
        if o.ours < o.theirs {
            earlier += 1;
        } else if o.ours == o.theirs {
            equal += 1;
        }
        if o.ours > o.theirs || (forced && o.ours != o.theirs) {
            violations.push(format!(
                "plan {} ({:?}, {} people): readiness finishes {}, TaskJuggler {}\n{}",
                o.spec.number,
                o.spec.shape,
                o.spec.people,
                o.ours,
                o.theirs,
                reproduce(&o.spec)
            ));
        }
    }
    eprintln!(
        "TaskJuggler oracle: {} plans, readiness earlier on {earlier}, equal on {equal}, \
         violations {}",
        outcomes.len(),
        violations.len()
    );
    assert_eq!(outcomes.len() as u64, PLANS);
    assert!(violations.is_empty(), "{}", violations.join("\n\n"));
}

/// Both files of a plan, to reproduce a failure by hand:
/// `readiness report readiness.toml --today START` and `tj3 plan.tjp`.
fn reproduce(spec: &PlanSpec) -> String {
    format!(
        "today = {}\n--- readiness.toml\n{}--- plan.tjp\n{}",
        spec.start,
        manifest(spec),
        tjp(spec)
    )
}

#[test]
fn both_calendars_agree_on_a_plan_worked_out_by_hand() {
    if tools::missing(&[&tools::TJ3]) {
        return;
    }
    // Mon 2026-11-23, holiday Wed 11-25. One person: t0 (3d) works Mon, Tue,
    // Thu; t1 (2d) after it works Fri 11-27 and Mon 11-30.
    let spec = PlanSpec {
        number: 1000,
        shape: Shape::Chain,
        people: 1,
        estimates: vec![3, 2],
        depends_on: vec![vec![], vec![0]],
        start: first_monday(),
        holiday: "2026-11-25".parse().unwrap(),
    };
    let expected: NaiveDate = "2026-11-30".parse().unwrap();
    let dir = tempfile::tempdir().expect("a temporary directory");
    assert_eq!(taskjuggler_finish(&spec, dir.path()), Ok(expected));
    assert_eq!(readiness_finish(&spec, &manifest(&spec)), Ok(expected));
}

#[test]
fn end_instants_become_the_last_working_day() {
    // 17:00 on a Thursday is Thursday; midnight after a Friday is the Friday.
    let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let day = |s: &str| last_working_day(at(s));
    assert_eq!(day("2026-11-26 17:00"), "2026-11-26".parse().unwrap());
    assert_eq!(day("2026-11-28 00:00"), "2026-11-27".parse().unwrap());
}

// ---------------------------------------------------------------------
// Plans with people: owners, the pool, efficiency and leaves.

/// Staffed plans per run (half with disjoint owners, half mixed).
const STAFFED_PLANS: u64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Staffing {
    /// Every task owned; dependencies only between one owner's tasks.
    Disjoint,
    /// Some tasks in the pool; dependencies anywhere.
    Mixed,
}

struct StaffedSpec {
    number: u64,
    staffing: Staffing,
    /// Per named person: efficiency (focus) and days away (inclusive).
    people: Vec<(f64, Vec<(NaiveDate, NaiveDate)>)>,
    anonymous: u64,
    estimates: Vec<u64>,
    owner: Vec<Option<usize>>,
    depends_on: Vec<Vec<usize>>,
    start: NaiveDate,
    holiday: NaiveDate,
}

fn generate_staffed(number: u64) -> StaffedSpec {
    let mut rng = Rng(SEED ^ 0x5eed ^ number.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let staffing = if number.is_multiple_of(2) {
        Staffing::Disjoint
    } else {
        Staffing::Mixed
    };
    let n = rng.range(15, 40) as usize;
    let named = rng.range(1, 3) as usize;
    let anonymous = rng.range(0, 2);
    let start = first_monday() + Days::new(7 * rng.range(0, 20));
    let estimates: Vec<u64> = (0..n).map(|_| rng.range(1, 5)).collect();
    let owner: Vec<Option<usize>> = (0..n)
        .map(|_| match staffing {
            Staffing::Mixed if rng.chance(0.35) => None,
            _ => Some(rng.range(0, named as u64 - 1) as usize),
        })
        .collect();
    let density = [0.03, 0.08, 0.15][rng.range(0, 2) as usize];
    let depends_on: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            let mut deps: Vec<usize> = (0..i)
                .filter(|&j| staffing == Staffing::Mixed || owner[j] == owner[i])
                .filter(|_| rng.chance(density))
                .collect();
            while deps.len() > 3 {
                deps.remove(rng.range(0, deps.len() as u64 - 1) as usize);
            }
            deps
        })
        .collect();
    // Leaves and the holiday within the first weeks of the schedule.
    let total: u64 = estimates.iter().sum();
    let window = (total / (named as u64 + anonymous)).max(5);
    let people = (0..named)
        .map(|_| {
            let efficiency = if rng.chance(0.3) { 0.5 } else { 1.0 };
            let leaves = (0..rng.range(0, 2))
                .map(|_| {
                    let from = nth_weekday(start, rng.range(0, window));
                    (from, from + Days::new(rng.range(0, 6)))
                })
                .collect();
            (efficiency, leaves)
        })
        .collect();
    let holiday = nth_weekday(start, rng.range(1, window));
    StaffedSpec {
        number,
        staffing,
        people,
        anonymous,
        estimates,
        owner,
        depends_on,
        start,
        holiday,
    }
}

fn staffed_manifest(plan: &StaffedSpec) -> String {
    let mut s = String::new();
    writeln!(s, "[project]\nname = \"Staffed oracle {}\"\n", plan.number).unwrap();
    writeln!(s, "[calendar]\nholidays = [{}]\n", plan.holiday).unwrap();
    let headcount = plan.people.len() as u64 + plan.anonymous;
    writeln!(s, "[team]\npeople = {headcount}\nfocus = 1.0\n").unwrap();
    for (k, (efficiency, leaves)) in plan.people.iter().enumerate() {
        writeln!(s, "[[person]]\nid = \"p{k}\"\nfocus = {efficiency:?}").unwrap();
        if !leaves.is_empty() {
            let ranges: Vec<String> = leaves
                .iter()
                .map(|(from, to)| format!("{{ from = {from}, to = {to} }}"))
                .collect();
            writeln!(s, "away = [{}]", ranges.join(", ")).unwrap();
        }
        s.push('\n');
    }
    task_entries(&mut s, &plan.estimates, &plan.depends_on, |i| plan.owner[i]);
    s
}

fn staffed_tjp(plan: &StaffedSpec) -> String {
    let mut s = String::new();
    let total: u64 = plan.estimates.iter().sum();
    let leave_days: u64 = plan
        .people
        .iter()
        .flat_map(|(_, l)| l)
        .map(|(a, b)| (*b - *a).num_days() as u64 + 1)
        .sum();
    // Everything done by the slowest person alone, plus every leave.
    let end = nth_weekday(plan.start, 2 * total + leave_days + 10);
    writeln!(
        s,
        "project oracle \"Staffed oracle {}\" {} - {end} {{",
        plan.number, plan.start
    )
    .unwrap();
    s.push_str(
        "  timingresolution 60min\n  timezone \"UTC\"\n  dailyworkinghours 8\n  \
         workinghours mon - fri 9:00 - 17:00\n  workinghours sat, sun off\n}\n",
    );
    writeln!(s, "leaves holiday \"holiday\" {}", plan.holiday).unwrap();
    let mut everyone = Vec::new();
    for (k, (efficiency, leaves)) in plan.people.iter().enumerate() {
        writeln!(s, "resource p{k} \"p{k}\" {{\n  efficiency {efficiency:?}").unwrap();
        for (from, to) in leaves {
            // TaskJuggler's interval excludes its end.
            writeln!(s, "  leaves annual {from} - {}", *to + Days::new(1)).unwrap();
        }
        s.push_str("}\n");
        everyone.push(format!("p{k}"));
    }
    for a in 0..plan.anonymous {
        writeln!(s, "resource a{a} \"a{a}\"").unwrap();
        everyone.push(format!("a{a}"));
    }
    let pool = if everyone.len() == 1 {
        format!("allocate {}", everyone[0])
    } else {
        format!(
            "allocate {} {{ alternative {} select minloaded persistent }}",
            everyone[0],
            everyone[1..].join(", ")
        )
    };
    tjp_tasks(&mut s, &plan.estimates, &plan.depends_on, |i| {
        match plan.owner[i] {
            Some(k) => format!("allocate p{k}"),
            None => pool.clone(),
        }
    });
    s
}

#[test]
fn owned_plans_agree_with_taskjuggler_allocations() {
    if tools::missing(&[&tools::TJ3]) {
        return;
    }
    let results = Mutex::new(Vec::new());
    let next = Mutex::new(0u64);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let number = {
                        let mut next = next.lock().unwrap();
                        *next += 1;
                        *next - 1
                    };
                    if number >= STAFFED_PLANS {
                        break;
                    }
                    let spec = generate_staffed(number);
                    let text = staffed_manifest(&spec);
                    let dir = tempfile::tempdir().expect("a temporary directory");
                    let ours = readiness::evaluate(&text, spec.start)
                        .map_err(|d| format!("manifest rejected: {d:#?}"))
                        .and_then(|s| s.forecast.finish.ok_or("no finish".to_string()));
                    let theirs = run_tj3(&staffed_tjp(&spec), spec.estimates.len(), dir.path());
                    results.lock().unwrap().push((spec, ours, theirs));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|r| r.0.number);
    let mut counts = std::collections::BTreeMap::new();
    let mut violations = Vec::new();
    for (spec, ours, theirs) in &results {
        let (ours, theirs) = match (ours, theirs) {
            (Ok(o), Ok(t)) => (*o, *t),
            (o, t) => {
                violations.push(format!("plan {}: {o:?} / {t:?}", spec.number));
                continue;
            }
        };
        let verdict = match ours.cmp(&theirs) {
            std::cmp::Ordering::Less => "earlier",
            std::cmp::Ordering::Equal => "equal",
            std::cmp::Ordering::Greater => "later",
        };
        eprintln!(
            "staffed plan {:2} {:?} {:2} tasks, {} named + {} anonymous: readiness {ours}, tj3 {theirs} ({verdict})",
            spec.number,
            spec.staffing,
            spec.estimates.len(),
            spec.people.len(),
            spec.anonymous
        );
        *counts.entry((spec.staffing as u8, verdict)).or_insert(0) += 1;
        if spec.staffing == Staffing::Disjoint && ours != theirs {
            violations.push(format!(
                "plan {} (every task owned, no dependency across owners): readiness {ours}, TaskJuggler {theirs}\ntoday = {}\n--- readiness.toml\n{}--- plan.tjp\n{}",
                spec.number,
                spec.start,
                staffed_manifest(spec),
                staffed_tjp(spec)
            ));
        }
    }
    let count = |staffing: Staffing, verdict: &str| {
        counts.get(&(staffing as u8, verdict)).copied().unwrap_or(0)
    };
    eprintln!(
        "TaskJuggler with allocations: disjoint owners equal on {}/{}; mixed plans equal on {}, readiness earlier on {}, later on {} (of {})",
        count(Staffing::Disjoint, "equal"),
        STAFFED_PLANS.div_ceil(2),
        count(Staffing::Mixed, "equal"),
        count(Staffing::Mixed, "earlier"),
        count(Staffing::Mixed, "later"),
        STAFFED_PLANS / 2
    );
    assert_eq!(results.len() as u64, STAFFED_PLANS);
    assert!(violations.is_empty(), "{}", violations.join("\n\n"));
}

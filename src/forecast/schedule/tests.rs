//! The list scheduler against hand-computed schedules: chains, shared
//! workers, critical-path order and its ties, owners, pace and days away,
//! and trials that agree with the recorded run.

use super::*;

fn job(deps: &[usize]) -> Job {
    Job {
        depends_on: deps.to_vec(),
        doing: false,
        priority: Priority::P2,
        owner: None,
    }
}

fn owned(deps: &[usize], owner: u32) -> Job {
    Job {
        owner: Some(owner),
        ..job(deps)
    }
}

fn anonymous(jobs: &[Job], people: u32) -> Plan {
    Plan::new(jobs, Workers::anonymous(people))
}

fn person(pace: f64, away: &[(f64, f64)], id_rank: u32) -> Worker {
    Worker {
        pace,
        away: away.to_vec(),
        id_rank,
    }
}

#[test]
fn a_chain_runs_end_to_end_whatever_the_headcount() {
    let jobs = vec![job(&[]), job(&[0]), job(&[1])];
    let run = anonymous(&jobs, 3).run(&[1.0, 2.0, 0.5]);
    assert_eq!(run.makespan, 3.5);
    assert_eq!(run.start, vec![0.0, 1.0, 3.0]);
}

#[test]
fn independent_tasks_share_the_workers() {
    let jobs = vec![job(&[]), job(&[]), job(&[]), job(&[])];
    let durations = [1.0, 2.0, 3.0, 4.0];
    assert_eq!(anonymous(&jobs, 1).run(&durations).makespan, 10.0);
    // 3 people: 4, 3, 2 start at once; 1 follows the 2 -> makespan 4.
    assert_eq!(anonymous(&jobs, 3).run(&durations).makespan, 4.0);
    assert_eq!(anonymous(&jobs, 2).run(&durations).makespan, 5.0);
}

#[test]
fn the_longest_critical_path_goes_first() {
    // 0 (1d) leads to 2 (5d); 1 (3d) alone. One person must start 0 first:
    // 0, then 2 (cp 5) before 1 (cp 3).
    let jobs = vec![job(&[]), job(&[]), job(&[0])];
    let run = anonymous(&jobs, 1).run(&[1.0, 3.0, 5.0]);
    assert_eq!(run.start, vec![0.0, 6.0, 1.0]);
    // Two people: 0 and 1 start; 2 starts when 0 ends -> makespan 6.
    let run = anonymous(&jobs, 2).run(&[1.0, 3.0, 5.0]);
    assert_eq!(run.makespan, 6.0);
}

#[test]
fn paths_equal_but_for_rounding_tie() {
    // 0: 0.1 then 0.2 (cp 0.30000000000000004); 2: 0.3 alone, P0. One
    // person: equal paths, so priority decides and 2 goes first.
    let mut jobs = vec![job(&[]), job(&[0]), job(&[])];
    jobs[2].priority = Priority::P0;
    let run = anonymous(&jobs, 1).run(&[0.1, 0.2, 0.3]);
    assert_eq!(run.start[2], 0.0);
}

#[test]
fn trials_match_the_recorded_run() {
    let jobs = vec![job(&[]), job(&[0]), job(&[]), job(&[1, 2]), job(&[])];
    let durations = [1.5, 2.0, 0.5, 1.0, 3.0];
    let mut scratch = Scratch::default();
    for people in 1..=6 {
        let plan = anonymous(&jobs, people);
        let full = plan.run(&durations);
        let alone = plan.makespan(&durations, &mut scratch);
        assert!(
            (full.makespan - alone).abs() < 1e-12,
            "{people}: {} vs {alone}",
            full.makespan
        );
        // Tracking jobs 0..3 in slot 0 and 3..5 in slot 1.
        let mut latest = [0.0; 2];
        let slot_of = [0, 0, 0, 1, 1];
        let tracked = plan.trial(
            &durations,
            &mut scratch,
            Some(Track {
                slot_of: &slot_of,
                latest: &mut latest,
            }),
        );
        assert!((tracked - full.makespan).abs() < 1e-12);
        let ends = |slot: u32| {
            (0..5)
                .filter(|&j| slot_of[j] == slot)
                .map(|j| full.finish[j])
                .fold(0.0, f64::max)
        };
        assert!((latest[0] - ends(0)).abs() < 1e-12, "{people}");
        assert!((latest[1] - ends(1)).abs() < 1e-12, "{people}");
    }
}

#[test]
fn ties_prefer_doing_then_priority_then_order() {
    let mut jobs = vec![job(&[]), job(&[]), job(&[]), job(&[])];
    jobs[1].priority = Priority::P0;
    jobs[3].doing = true;
    let run = anonymous(&jobs, 1).run(&[1.0; 4]);
    // doing (3), then P0 (1), then manifest order (0, 2).
    assert_eq!(run.start, vec![2.0, 1.0, 3.0, 0.0]);
}

#[test]
fn an_owner_works_their_tasks_one_after_another() {
    // Three 5-day tasks owned by one person, two anonymous workers idle.
    let jobs = vec![owned(&[], 0), owned(&[], 0), owned(&[], 0)];
    let workers = Workers {
        named: vec![person(1.0, &[], 0)],
        anonymous: 2,
    };
    let run = Plan::new(&jobs, workers).run(&[5.0; 3]);
    assert_eq!(run.makespan, 15.0);
    assert_eq!(run.worker, vec![0, 0, 0]);
    assert_eq!(run.previous, vec![u32::MAX, 0, 1]);
}

#[test]
fn unowned_work_goes_to_anonymous_workers_first_then_idle_people() {
    // sam owns 0 (4d); 1, 2, 3 (1d each) are unowned; one anonymous
    // worker. At 0: sam takes 0; the anonymous worker takes 1; dana
    // (idle, owns nothing) takes 2. At 1: both free again: anonymous 3.
    let jobs = vec![owned(&[], 0), job(&[]), job(&[]), job(&[])];
    let workers = Workers {
        named: vec![person(1.0, &[], 1), person(1.0, &[], 0)],
        anonymous: 1,
    };
    let run = Plan::new(&jobs, workers).run(&[4.0, 1.0, 1.0, 1.0]);
    assert_eq!(run.worker, vec![0, 2, 1, 2]);
    assert_eq!(run.start, vec![0.0, 0.0, 0.0, 1.0]);
    assert_eq!(run.makespan, 4.0);
}

#[test]
fn a_slower_person_takes_longer_on_unowned_work() {
    // One person at half the team's focus (pace 2): a 1-day unowned job
    // takes them 2 days.
    let jobs = vec![job(&[])];
    let workers = Workers {
        named: vec![person(2.0, &[], 0)],
        anonymous: 0,
    };
    assert_eq!(Plan::new(&jobs, workers).run(&[1.0]).makespan, 2.0);
}

#[test]
fn days_away_pause_a_task_and_keep_the_person_from_starting() {
    // sam is away on days 1–2 ([1, 3)); his 3-day task from 0 ends at 5.
    // dana is away on day 0, and sam is busy: the unowned 1-day task
    // waits for dana, who starts it at 1.
    let jobs = vec![owned(&[], 0), job(&[])];
    let workers = Workers {
        named: vec![person(1.0, &[(1.0, 3.0)], 1), person(1.0, &[(0.0, 1.0)], 0)],
        anonymous: 0,
    };
    let run = Plan::new(&jobs, workers).run(&[3.0, 1.0]);
    assert_eq!(run.finish, vec![5.0, 2.0]);
    assert_eq!(run.start[1], 1.0);
    assert_eq!(run.worker[1], 1);
}

#[test]
fn a_free_person_takes_the_more_urgent_of_their_own_and_unowned_work() {
    // sam owns 0 (1d); 1 (3d) is unowned; nobody else. The unowned job
    // has the longer path: sam takes it first.
    let jobs = vec![owned(&[], 0), job(&[])];
    let workers = Workers {
        named: vec![person(1.0, &[], 0)],
        anonymous: 0,
    };
    let run = Plan::new(&jobs, workers).run(&[1.0, 3.0]);
    assert_eq!(run.start, vec![3.0, 0.0]);
}

#[test]
fn shared_days_away_replace_the_plans_and_busy_time_is_recorded() {
    // sam (own days away: none) is taken 0-2 and 3-4 elsewhere; their 3 d
    // job starts at 2, works 2-3, pauses over 3-4 and ends at 6 (2 days
    // more). kim works at once.
    let jobs = vec![owned(&[], 0), owned(&[], 1)];
    let plan = Plan::new(
        &jobs,
        Workers {
            named: vec![person(1.0, &[], 0), person(1.0, &[], 1)],
            anonymous: 0,
        },
    );
    let away = vec![vec![(0.0, 2.0), (3.0, 4.0)], Vec::new()];
    let mut busy = vec![Vec::new(); 2];
    let run = plan.run_shared(
        &[3.0, 1.0],
        &mut Shared {
            away: &away,
            busy: &mut busy,
        },
    );
    assert_eq!(run.start, vec![2.0, 0.0]);
    assert_eq!(run.finish, vec![6.0, 1.0]);
    assert_eq!(busy, vec![vec![(2.0, 6.0)], vec![(0.0, 1.0)]]);
    // A trial over the same days away agrees; the plan's own are unchanged.
    let mut busy = vec![Vec::new(); 2];
    let mut scratch = Scratch::default();
    let shared = &mut Shared {
        away: &away,
        busy: &mut busy,
    };
    assert_eq!(
        plan.trial_shared(&[3.0, 1.0], &mut scratch, None, shared),
        6.0
    );
    assert_eq!(plan.run(&[3.0, 1.0]).makespan, 3.0);
}

//! Differential test: the finish-to-start schedule of large random networks must match
//! TaskJuggler 3 (`tj3`) day for day, milestones included (kickoffs at the start of their
//! day, milestones after work at the end of it). `tj3` is required: the test fails, never
//! skips, without it (CI installs the Debian `tj3` package).

mod common;

use throughline::engine::capacity::level;
use throughline::engine::schedule::schedule;
use throughline::model::{Program, Team};

fn matches_taskjuggler(seed: u64, tasks: usize) {
    same_as_taskjuggler(&common::fs_network(seed, tasks), seed);
}

fn same_as_taskjuggler(program: &Program, seed: u64) {
    let tasks = program.items.len();
    let ours = schedule(program, program.start);
    let dir = std::env::temp_dir().join(format!("throughline-tj3-{}-{seed}", std::process::id()));
    let (theirs, took) = common::run_tj3(program, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "tj3 scheduled {tasks} tasks (seed {seed}, finish {}) in {:.2} s wall time",
        ours.forecast_finish,
        took.as_secs_f64()
    );
    assert_eq!(theirs.len(), tasks, "tj3 reported every task");
    let mut mismatches = Vec::new();
    for item in &program.items {
        let node = ours.node(&item.id).expect("scheduled node");
        let expected = theirs[&item.id];
        if (node.early_start, node.early_finish) != expected {
            mismatches.push(format!(
                "{}: ours {}..{}, tj3 {}..{}",
                item.id, node.early_start, node.early_finish, expected.0, expected.1
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "seed {seed}: {} of {tasks} tasks differ from TaskJuggler, first: {:?}",
        mismatches.len(),
        &mismatches[..mismatches.len().min(10)]
    );
    let last = theirs.values().map(|&(_, finish)| finish).max();
    assert_eq!(
        last,
        Some(ours.forecast_finish),
        "seed {seed}: program finish"
    );
}

#[test]
fn a_thousand_task_network_schedules_as_taskjuggler_does() {
    matches_taskjuggler(1, 1000);
}

#[test]
fn kickoff_milestones_and_milestones_after_work_schedule_as_taskjuggler_does() {
    for (seed, items) in [(4, 300), (5, 1000)] {
        let program = common::fs_network_with_milestones(seed, items);
        let kickoffs = program
            .items
            .iter()
            .filter(|item| item.is_milestone() && item.after.is_empty())
            .count();
        let gates = program
            .items
            .iter()
            .filter(|item| item.is_milestone() && !item.after.is_empty())
            .count();
        assert!(
            kickoffs >= 3 && gates > 10,
            "{kickoffs} kickoffs, {gates} gates"
        );
        // The first task waits only for a kickoff: it starts on the program's first day.
        let first = schedule(&program, program.start);
        assert_eq!(first.node("t0").map(|n| n.early_start), Some(program.start));
        same_as_taskjuggler(&program, seed);
    }
}

#[test]
fn more_seeds_and_sizes_schedule_as_taskjuggler_does() {
    matches_taskjuggler(2, 1200);
    matches_taskjuggler(3, 1500);
}

/// `resource`/`allocate` where TaskJuggler's rule and ours agree: one team of one person
/// (one TaskJuggler resource) and tasks that all need it, with strictly ordered priorities
/// (our accepted `levelling`, TaskJuggler's `priority`). Only one task can run at a time,
/// so both serve them back to back in priority order; FS links run from higher to lower
/// priority only, so a link never makes the person idle while a later task waits (where
/// TaskJuggler's time-driven rule and our list-driven one could part). Holidays included.
fn one_person_serves_in_priority_order_as_taskjuggler_does(seed: u64, tasks: usize) {
    let mut rng = common::Rng::new(seed);
    let mut program = common::fs_network(seed, tasks);
    program.teams.push(
        Team {
            uid: String::new(),
            id: "dev".into(),
            name: "Developer".into(),
            lead: None,
            people: Some(1),
            availability: Vec::new(),
        }
        .into(),
    );
    // A random priority order; links kept only from earlier to later in it.
    let mut order: Vec<usize> = (0..tasks).collect();
    for k in (1..tasks).rev() {
        order.swap(k, rng.between(0, k as i64) as usize);
    }
    let mut place = vec![0; tasks];
    for (at, &i) in order.iter().enumerate() {
        place[i] = at;
    }
    let ids: Vec<String> = program.items.iter().map(|item| item.id.clone()).collect();
    for (i, item) in program.items.iter_mut().enumerate() {
        item.team = Some("dev".into());
        item.after.retain(|link| {
            let p = ids.iter().position(|id| id == &link.id).unwrap();
            place[p] < place[i]
        });
    }
    program.levelling = Some(order.iter().map(|&i| ids[i].clone()).collect());
    let ours = level(&program, program.start);
    assert!(
        ours.constrained && ours.problems.is_empty(),
        "{:?}",
        ours.problems
    );
    assert_eq!(ours.order, program.levelling.clone().unwrap());
    let dir = std::env::temp_dir().join(format!(
        "throughline-tj3-alloc-{}-{seed}",
        std::process::id()
    ));
    let (theirs, _) = common::run_tjp(&program, &common::tjp_allocated(&program), &dir);
    let _ = std::fs::remove_dir_all(&dir);
    let mut mismatches = Vec::new();
    for item in &program.items {
        let node = ours.schedule.node(&item.id).unwrap();
        if (node.early_start, node.early_finish) != theirs[&item.id] {
            mismatches.push(format!(
                "{}: ours {}..{}, tj3 {}..{}",
                item.id,
                node.early_start,
                node.early_finish,
                theirs[&item.id].0,
                theirs[&item.id].1
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "seed {seed}: {} of {tasks} differ, first: {:?}",
        mismatches.len(),
        &mismatches[..mismatches.len().min(8)]
    );
    // The person is never idle while work is left: the tasks run back to back.
    let work: i64 = program.items.iter().map(|item| item.days as i64).sum();
    let cal = throughline::engine::calendar::WorkCalendar::new(&program.calendar, program.start);
    assert_eq!(
        cal.workdays_between(program.start, ours.schedule.forecast_finish) + 1,
        work
    );
}

#[test]
fn one_person_serves_tasks_in_priority_order_as_taskjuggler_does() {
    for (seed, tasks) in [(11, 40), (12, 120)] {
        one_person_serves_in_priority_order_as_taskjuggler_does(seed, tasks);
    }
}

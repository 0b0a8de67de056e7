//! Differential test: the finish-to-start schedule of large random networks must match
//! TaskJuggler 3 (`tj3`) day for day. `tj3` is required: the test fails, never skips,
//! without it (CI installs the Debian `tj3` package).

mod common;

use throughline::engine::schedule::schedule;

fn matches_taskjuggler(seed: u64, tasks: usize) {
    let program = common::fs_network(seed, tasks);
    let ours = schedule(&program, program.start);
    let dir = std::env::temp_dir().join(format!("throughline-tj3-{}-{seed}", std::process::id()));
    let (theirs, took) = common::run_tj3(&program, &dir);
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
fn more_seeds_and_sizes_schedule_as_taskjuggler_does() {
    matches_taskjuggler(2, 1200);
    matches_taskjuggler(3, 1500);
}

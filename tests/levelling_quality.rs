//! Levelling on PSPLIB-shaped problems (issue 23 "Quality"): the `.sm` reader on PSPLIB's
//! j301_1 (optimum 43 in `j30opt`), and every schedule — default rule and improved —
//! checked feasible by a checker independent of the scheduler, on j301_1 and on a small
//! sample of generated 30- and 120-job instances. The full quality runs are the
//! `level` bench (`cargo bench --features measure --bench level`).

#[path = "psplib/mod.rs"]
mod psplib;

use throughline::engine::capacity::{improve_levelling, levelled_schedule};

fn j301_1() -> psplib::Instance {
    let text = include_str!("fixtures/psplib/j301_1.sm");
    psplib::read_sm("j301_1", text).expect("j301_1.sm")
}

#[test]
fn the_reader_reads_j301_1() {
    let instance = j301_1();
    assert_eq!(instance.durations.len(), 32);
    assert_eq!(instance.capacities, [12, 13, 4, 12]);
    assert_eq!(instance.durations[1], 8);
    assert_eq!(instance.requests[1], [4, 0, 0, 0]);
    assert_eq!(instance.successors[0], [1, 2, 3]);
    assert_eq!(instance.successors[31], Vec::<usize>::new());
    // The file's own MPM-time: the critical-path bound.
    assert_eq!(psplib::critical_path_bound(&instance), 38);
    // Concatenated with itself, the same instance twice.
    let text = include_str!("fixtures/psplib/j301_1.sm");
    let both = psplib::read_concatenated("j30", &format!("{text}{text}")).unwrap();
    assert_eq!(both.len(), 2);
    assert_eq!(both[1].durations, instance.durations);
}

#[test]
fn j301_1_levels_feasibly_and_the_search_finds_its_optimum() {
    let instance = j301_1();
    let mut program = psplib::program(&instance);
    let as_of = psplib::day0();
    let default = psplib::checked_makespan(&instance, &levelled_schedule(&program, as_of))
        .expect("default rule feasible");
    assert!(default >= 43, "below the optimum: {default}");
    program.levelling = Some(improve_levelling(&program, as_of, 1000, 1));
    let improved = psplib::checked_makespan(&instance, &levelled_schedule(&program, as_of))
        .expect("improved feasible");
    assert!(improved <= default);
    assert_eq!(improved, 43, "default rule {default}");
}

#[test]
fn every_schedule_of_generated_instances_is_feasible_and_improving_never_hurts() {
    let as_of = psplib::day0();
    for (jobs, seeds) in [(30usize, 0..8u64), (120, 0..3)] {
        for seed in seeds {
            let instance = psplib::generated(jobs, seed);
            let mut program = psplib::program(&instance);
            let bound = psplib::critical_path_bound(&instance);
            let default = psplib::checked_makespan(&instance, &levelled_schedule(&program, as_of))
                .unwrap_or_else(|e| panic!("{}: default rule: {e}", instance.name));
            program.levelling = Some(improve_levelling(&program, as_of, 150, seed));
            let improved = psplib::checked_makespan(&instance, &levelled_schedule(&program, as_of))
                .unwrap_or_else(|e| panic!("{}: improved: {e}", instance.name));
            assert!(
                bound <= improved && improved <= default,
                "{}: {bound} ≤ {improved} ≤ {default}",
                instance.name
            );
        }
    }
}

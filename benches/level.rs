//! Benchmarks of team capacity (issue 23 "Quality and speed"): on 1,000 items × 12 teams
//! (`engine::measure::generate_with_capacity`) the load histogram, the levelled schedule
//! from the stored order, an improvement of 1,000 schedules, the capacity that holds a date
//! and the forecast with capacity; then, printed, the stability figure and the quality of
//! the search — on PSPLIB sets when given (`PSPLIB_DIR`, see below), on PSPLIB's j301_1,
//! and on generated instances of 30 and 120 jobs — every schedule checked feasible by
//! `tests/psplib`'s independent checker.
//!
//! Run: `cargo bench --features measure --bench level`. With the PSPLIB sets unpacked in a
//! folder (`j30*.sm` with `j30opt.sm`, `j120*.sm` with `j120hrs.sm`):
//! `PSPLIB_DIR=/path cargo bench --features measure --bench level`.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/psplib/mod.rs"]
mod psplib;

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use throughline::engine::capacity::{
    capacity_to_hold, improve_levelling, level, levelled_schedule, load, what_if_levelled,
    HoldOutcome,
};
use throughline::engine::cockpit::Finish;
use throughline::engine::forecast::forecast;
use throughline::engine::measure::generate_with_capacity;

const SEED: u64 = 1;

/// This thread's time on a CPU so far (Linux `/proc/thread-self/schedstat`), so figures
/// taken on a busy shared machine are not inflated by time spent waiting for a core.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The median CPU time of `runs` samples of `reps` runs of `f` each (the kernel counts CPU
/// time in scheduler ticks, so short work is repeated), per run, printed beside the
/// criterion wall times.
fn cpu_median(label: &str, runs: usize, reps: usize, mut f: impl FnMut()) {
    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..runs {
        let Some(before) = cpu_time() else { return };
        for _ in 0..reps {
            f();
        }
        let Some(after) = cpu_time() else { return };
        times.push((after - before) / reps as u32);
    }
    times.sort();
    eprintln!(
        "{label}: median CPU time {:.2} ms over {runs} samples of {reps} (min {:.2} ms)",
        times[runs / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
}

fn speed(c: &mut Criterion) {
    let mut program = generate_with_capacity(1_000, 12, SEED);
    let as_of = program.status_date.unwrap_or(program.start);
    let levelled = level(&program, as_of);
    program.levelling = Some(levelled.order.clone());
    let cpm = throughline::engine::schedule::schedule(&program, as_of);
    eprintln!(
        "generated 1,000 items × 12 teams: unlevelled finish {}, levelled {}, {} waits, {} problems",
        cpm.forecast_finish,
        levelled.schedule.forecast_finish,
        levelled.waits.len(),
        levelled.problems.len()
    );
    let mut group = c.benchmark_group("capacity_1000_items_12_teams");
    group.bench_function("load_histogram", |b| {
        b.iter(|| load(black_box(&program), as_of))
    });
    group.bench_function("levelled_schedule_stored_order", |b| {
        b.iter(|| levelled_schedule(black_box(&program), as_of))
    });
    group.sample_size(10);
    group.bench_function("improve_1000_schedules", |b| {
        b.iter(|| improve_levelling(black_box(&program), as_of, 1_000, SEED))
    });
    let target = program.target;
    group.bench_function("capacity_to_hold_target", |b| {
        b.iter(|| capacity_to_hold(black_box(&program), as_of, "t0", None, target, None))
    });
    // A date that some number of people does hold: the levelled finish less 20 working
    // days, for the first team whose people can hold it (a full search, not a quick no).
    let earlier = levelled.schedule.forecast_finish - chrono::Duration::days(28);
    let holding = program.teams.iter().map(|t| t.id.clone()).find(|team| {
        matches!(
            capacity_to_hold(&program, as_of, team, None, earlier, None),
            HoldOutcome::Holds(_)
        )
    });
    if let Some(team) = holding {
        eprintln!(
            "holding {earlier}: {:?}",
            capacity_to_hold(&program, as_of, &team, None, earlier, None)
        );
        group.bench_function("capacity_to_hold_a_date_it_can_hold", |b| {
            b.iter(|| capacity_to_hold(black_box(&program), as_of, &team, None, earlier, None))
        });
    } else {
        eprintln!("no single team's people hold {earlier}");
    }
    let mut runs = program.clone();
    runs.rules.iterations = 10_000;
    let f = forecast(&runs, as_of);
    eprintln!(
        "forecast with capacity: confidence {:.1} %, P50 {}, P95 {}",
        f.confidence * 100.0,
        f.p50,
        f.p95
    );
    group.bench_function("forecast_10000_iterations_with_capacity", |b| {
        b.iter(|| forecast(black_box(&runs), as_of))
    });
    group.finish();
    cpu_median("load histogram", 7, 200, || {
        black_box(load(&program, as_of));
    });
    cpu_median("levelled schedule from the stored order", 7, 200, || {
        black_box(levelled_schedule(&program, as_of));
    });
    // The what-if on Critical path with capacity data (two decodes), and the finish the
    // cockpit levels the program for on every change.
    let slipping = program.items[program.items.len() / 2].id.clone();
    cpu_median("what-if levelled (a middle item slips 5)", 7, 50, || {
        black_box(what_if_levelled(&program, as_of, &slipping, 5));
    });
    cpu_median("the cockpit's levelled finish (Finish::of)", 7, 50, || {
        black_box(Finish::of(&program, &cpm, as_of));
    });
    cpu_median("improvement of 1,000 schedules", 5, 1, || {
        black_box(improve_levelling(&program, as_of, 1_000, SEED));
    });
    cpu_median("forecast, 10,000 iterations with capacity", 3, 1, || {
        black_box(forecast(&runs, as_of));
    });
    let improved = improve_levelling(&program, as_of, 1_000, SEED);
    let mut better = program.clone();
    better.levelling = Some(improved);
    eprintln!(
        "improvement of 1,000 schedules: levelled finish {} → {}",
        levelled.schedule.forecast_finish,
        levelled_schedule(&better, as_of).forecast_finish
    );
}

/// Cutting one team to 60 %: the share of the items not waiting on it that move, by
/// links only and with the waits for people counted as links (see
/// `common::moved_by_a_cut`).
fn stability(_c: &mut Criterion) {
    let mut total = [(0usize, 0usize); 2];
    let mut worst = [0.0f64; 2];
    for seed in 1..=5 {
        let mut program = generate_with_capacity(1_000, 12, seed);
        let as_of = program.status_date.unwrap_or(program.start);
        program.levelling = Some(level(&program, as_of).order);
        for team in ["t1", "t5", "t9"] {
            for (k, (m, o)) in common::moved_by_a_cut(&program, as_of, team)
                .into_iter()
                .enumerate()
            {
                total[k].0 += m;
                total[k].1 += o;
                worst[k] = worst[k].max(m as f64 / o.max(1) as f64);
            }
        }
    }
    for (k, reading) in ["links only", "waits for people counted as links"]
        .iter()
        .enumerate()
    {
        eprintln!(
            "stability ({reading}): cutting one team to 60 % moved {} of {} items not waiting on it ({:.2} %; worst single cut {:.2} %), 5 programs × 3 teams",
            total[k].0,
            total[k].1,
            100.0 * total[k].0 as f64 / total[k].1.max(1) as f64,
            100.0 * worst[k]
        );
    }
}

/// Average % above the reference over `instances`, every schedule checked feasible.
fn quality_of(label: &str, instances: &[(psplib::Instance, u32)], schedules: usize) {
    if instances.is_empty() {
        return;
    }
    let began = Instant::now();
    let as_of = psplib::day0();
    let (mut above, mut above_default, mut hits) = (0.0, 0.0, 0);
    for (k, (instance, reference)) in instances.iter().enumerate() {
        let mut program = psplib::program(instance);
        let default = psplib::checked_makespan(instance, &levelled_schedule(&program, as_of))
            .unwrap_or_else(|e| panic!("{}: default rule infeasible: {e}", instance.name));
        program.levelling = Some(improve_levelling(&program, as_of, schedules, k as u64));
        let best = psplib::checked_makespan(instance, &levelled_schedule(&program, as_of))
            .unwrap_or_else(|e| panic!("{}: improved infeasible: {e}", instance.name));
        let reference = *reference as f64;
        above += (best as f64 - reference) / reference;
        above_default += (default as f64 - reference) / reference;
        hits += (best as f64 <= reference) as usize;
    }
    let n = instances.len() as f64;
    eprintln!(
        "{label}: {} instances, {schedules} schedules each: {:.2} % above the reference on average (default rule alone {:.2} %), reference reached on {hits}; all feasible; {:.1} s",
        instances.len(),
        100.0 * above / n,
        100.0 * above_default / n,
        began.elapsed().as_secs_f64()
    );
}

/// A PSPLIB set from `PSPLIB_DIR`: `{set}{par}_{inst}.sm` with the reference file's
/// makespans (`j30opt.sm`, `j120hrs.sm`: par, inst, makespan first on each line).
fn psplib_set(set: &str, reference: &str) -> Vec<(psplib::Instance, u32)> {
    let Ok(dir) = std::env::var("PSPLIB_DIR") else {
        return Vec::new();
    };
    let dir = std::path::Path::new(&dir);
    let Ok(text) = std::fs::read_to_string(dir.join(reference)) else {
        eprintln!("{set}: no {reference} in {}", dir.display());
        return Vec::new();
    };
    let mut refs: HashMap<(u32, u32), u32> = HashMap::new();
    for line in text.lines() {
        let n: Vec<u32> = line
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        if n.len() >= 3 {
            refs.insert((n[0], n[1]), n[2]);
        }
    }
    let mut out = Vec::new();
    let mut keys: Vec<_> = refs.keys().copied().collect();
    keys.sort();
    for (par, inst) in keys {
        let name = format!("{set}{par}_{inst}");
        if let Ok(text) = std::fs::read_to_string(dir.join(format!("{name}.sm"))) {
            let instance = psplib::read_sm(&name, &text).expect("instance");
            out.push((instance, refs[&(par, inst)]));
        }
    }
    eprintln!("{set}: {} instances read from {}", out.len(), dir.display());
    out
}

fn quality(_c: &mut Criterion) {
    quality_of(
        "PSPLIB j30 (optimum)",
        &psplib_set("j30", "j30opt.sm"),
        1_000,
    );
    quality_of(
        "PSPLIB j120 (best known)",
        &psplib_set("j120", "j120hrs.sm"),
        1_000,
    );
    let j301_1 = psplib::read_sm("j301_1", include_str!("../tests/fixtures/psplib/j301_1.sm"))
        .expect("j301_1");
    quality_of("PSPLIB j301_1 (optimum 43)", &[(j301_1, 43)], 1_000);
    for (jobs, count) in [(30usize, 480u64), (120, 600)] {
        let set: Vec<_> = (0..count)
            .map(|seed| {
                let instance = psplib::generated(jobs, seed);
                let bound = psplib::critical_path_bound(&instance);
                (instance, bound)
            })
            .collect();
        quality_of(
            &format!("generated {jobs}-job instances (critical-path bound, not an optimum)"),
            &set,
            1_000,
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    targets = speed, stability, quality
}
criterion_main!(benches);

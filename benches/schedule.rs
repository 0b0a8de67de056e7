//! Benchmarks of the full schedule (docs/architecture.md#performance; the goal: 10,000 items in
//! ≤ 2 ms native) on the generator the in-browser measurement uses
//! (`engine::measure::generate`), and for comparison the wall time of TaskJuggler 3 on the
//! 1,000-task finish-to-start network of the differential test.
//!
//! Run: `cargo bench --features measure --bench schedule`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use throughline::engine::measure::generate;
use throughline::engine::schedule::schedule;

/// The seed of every measured program, here and in the browser.
const SEED: u64 = 1;

fn full_schedule(c: &mut Criterion) {
    let mut group = c.benchmark_group("schedule");
    for n in [1_000usize, 10_000] {
        let program = generate(n, SEED);
        let as_of = program.status_date.unwrap_or(program.start);
        let links: usize = program.items.iter().map(|item| item.after.len()).sum();
        eprintln!("generated {n} items: {links} links");
        group.bench_with_input(BenchmarkId::new("generated", n), &program, |b, program| {
            b.iter(|| schedule(black_box(program), as_of))
        });
    }
    let fs = common::fs_network(1, 1_000);
    group.bench_function("fs_1000_tj3_network", |b| {
        b.iter(|| schedule(black_box(&fs), fs.start))
    });
    group.finish();
}

/// TaskJuggler on the same 1,000-task network: three runs of `tj3`, wall time of the
/// process (parse, schedule, CSV report). Skipped with a note when `tj3` is not installed.
fn taskjuggler_wall_time(_c: &mut Criterion) {
    let program = common::fs_network(1, 1_000);
    let dir = std::env::temp_dir().join(format!("throughline-tj3-bench-{}", std::process::id()));
    let mut runs: Vec<Duration> = Vec::new();
    for _ in 0..3 {
        let run = std::panic::catch_unwind(|| common::run_tj3(&program, &dir).1);
        match run {
            Ok(took) => runs.push(took),
            Err(_) => {
                eprintln!("tj3 not available: TaskJuggler timing skipped");
                break;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    runs.sort();
    if let Some(median) = runs.get(runs.len() / 2) {
        eprintln!(
            "tj3 on the 1,000-task FS network: median {:.2} s wall over {} runs ({:?})",
            median.as_secs_f64(),
            runs.len(),
            runs
        );
    }
}

criterion_group!(benches, full_schedule, taskjuggler_wall_time);
criterion_main!(benches);

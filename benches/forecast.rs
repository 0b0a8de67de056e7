//! Benchmarks of date confidence (SPEC §4): 10,000 Monte Carlo iterations over programs of
//! 100 and 1,000 items with three-point estimates (goal: 1,000 items in under 150 ms).

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use throughline::engine::forecast::forecast;

fn monte_carlo(c: &mut Criterion) {
    let mut group = c.benchmark_group("forecast_10000_iterations");
    group.sample_size(10);
    for n in [100usize, 1_000] {
        let mut program = common::mixed_program(7, n);
        program.rules.iterations = 10_000;
        // Three-point estimates on every task, so every unfinished one is sampled.
        for item in program.items.iter_mut().filter(|i| !i.is_milestone()) {
            item.low = Some(item.days.saturating_sub(1));
            item.high = Some(item.days + item.days / 2 + 2);
        }
        let as_of = program.status_date.expect("status date");
        group.bench_with_input(BenchmarkId::new("mixed", n), &program, |b, program| {
            b.iter(|| forecast(black_box(program), as_of))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = monte_carlo
}
criterion_main!(benches);

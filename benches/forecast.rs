//! Benchmarks of date confidence (docs/rules.md#date-confidence): 10,000 iterations over generated
//! programs of 1,000 and 10,000 items (goals: ≤ 50 ms and ≤ 500 ms native), on the
//! generator the in-browser measurement uses (`engine::measure::generate`).
//!
//! Run: `cargo bench --features measure --bench forecast`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use throughline::engine::forecast::forecast;
use throughline::engine::measure::generate;

/// The seed of every measured program, here and in the browser.
const SEED: u64 = 1;

fn monte_carlo(c: &mut Criterion) {
    let mut group = c.benchmark_group("forecast_10000_iterations");
    group.sample_size(10);
    for n in [1_000usize, 10_000] {
        let mut program = generate(n, SEED);
        program.rules.iterations = 10_000;
        let as_of = program.status_date.unwrap_or(program.start);
        let f = forecast(&program, as_of);
        eprintln!(
            "generated {n} items: confidence {:.1} %, P50 {}, P95 {}",
            f.confidence * 100.0,
            f.p50,
            f.p95
        );
        group.bench_with_input(BenchmarkId::new("generated", n), &program, |b, program| {
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

//! In-browser measurements for the README (`scripts/measure-app.mjs` builds the app with the
//! `measure` feature and calls `window.throughlineMeasure()`): the schedule and the forecast
//! timed inside Chromium on the same generated networks the native benchmarks use
//! (`engine::measure::generate`, seed 1; with capacity, `generate_with_capacity` of
//! 1,000 items × 12 teams as `benches/level.rs`), and making and opening share links of the
//! example and of those networks. Only in that build: it never ships.

use wasm_bindgen::prelude::*;

use crate::engine::capacity::{improve_levelling, levelled_schedule};
use crate::engine::forecast::ForecastRun;
use crate::engine::measure::{generate, generate_with_capacity};
use crate::engine::schedule::schedule;
use crate::io::codec::{decode_fragment, share_fragment};

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// The median time of 7 runs of `f`, in ms (what `f` returns is dropped after the clock).
fn median_of_7<T>(mut f: impl FnMut() -> T) -> f64 {
    let mut runs: Vec<f64> = (0..7)
        .map(|_| {
            let began = now_ms();
            let made = f();
            let took = now_ms() - began;
            drop(made);
            took
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}

/// Runs the measurements and returns them as JSON text.
fn measure() -> String {
    let mut schedules = Vec::new();
    for n in [1_000usize, 10_000] {
        let program = generate(n, 1);
        let as_of = program.as_of(program.start);
        let ms = median_of_7(|| schedule(&program, as_of));
        schedules.push(format!("{{\"items\":{n},\"ms\":{ms:.2}}}"));
    }
    let mut forecasts = Vec::new();
    for n in [1_000usize, 10_000] {
        let program = generate(n, 1);
        let as_of = program.as_of(program.start);
        let began = now_ms();
        let mut run = ForecastRun::new(&program, as_of);
        let mut longest_chunk: f64 = 0.0;
        loop {
            let chunk = now_ms();
            let done = run.step(48);
            longest_chunk = longest_chunk.max(now_ms() - chunk);
            if done {
                break;
            }
        }
        let total = now_ms() - began;
        forecasts.push(format!(
            "{{\"items\":{n},\"iterations\":{},\"total_ms\":{total:.1},\"longest_48_iterations_ms\":{longest_chunk:.2}}}",
            run.progress().1
        ));
    }
    // Team capacity (issue 23): the bench's 1,000 items × 12 teams.
    let program = generate_with_capacity(1_000, 12, 1);
    let as_of = program.as_of(program.start);
    let levelled_ms = median_of_7(|| levelled_schedule(&program, as_of));
    let began = now_ms();
    let order = improve_levelling(&program, as_of, 1_000, 1);
    let improve_ms = now_ms() - began;
    drop(order);
    let began = now_ms();
    let mut run = ForecastRun::new(&program, as_of);
    while !run.step(u32::MAX) {}
    let forecast_ms = now_ms() - began;
    let capacity = format!(
        "{{\"items\":1000,\"teams\":12,\"levelled_schedule_ms\":{levelled_ms:.2},\"improve_1000_schedules_ms\":{improve_ms:.1},\"forecast_ms\":{forecast_ms:.1},\"iterations\":{}}}",
        run.progress().1
    );
    let mut links = Vec::new();
    for (name, program) in [
        ("example", crate::model::example_program()),
        ("generate(1000)", generate(1_000, 1)),
        ("generate(10000)", generate(10_000, 1)),
    ] {
        let began = now_ms();
        let link = share_fragment(&program);
        let make = now_ms() - began;
        let began = now_ms();
        let opened = decode_fragment(&link).is_some_and(|result| result.is_ok());
        let open = now_ms() - began;
        links.push(format!(
            "{{\"program\":\"{name}\",\"characters\":{},\"make_ms\":{make:.1},\"open_ms\":{open:.1},\"opened\":{opened}}}",
            link.len() + 1
        ));
    }
    format!(
        "{{\"schedule\":[{}],\"forecast\":[{}],\"capacity\":{capacity},\"share_link\":[{}]}}",
        schedules.join(","),
        forecasts.join(","),
        links.join(",")
    )
}

/// Puts `throughlineMeasure()` on the window for the measurement script.
pub fn install() {
    let closure = Closure::<dyn Fn() -> String>::new(measure);
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(
            &window,
            &JsValue::from_str("throughlineMeasure"),
            closure.as_ref(),
        );
    }
    closure.forget();
}

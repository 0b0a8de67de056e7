//! In-browser measurements for the README (`scripts/measure-app.mjs` calls
//! `window.throughlineMeasure()`): the schedule of a 10,000-item program and the forecast
//! of 100 and 1,000 items, timed inside Chromium, plus the longest forecast slice.

use chrono::NaiveDate;
use wasm_bindgen::prelude::*;

use crate::engine::forecast::ForecastRun;
use crate::engine::schedule::schedule;
use crate::model::{Item, Link, LinkType, Program};

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// A reproducible program of `n` items with about three links each (mixed types) and
/// three-point estimates, the shape the native benchmarks use.
pub fn generated_program(n: usize) -> Program {
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    let mut program = Program::new("Generated", start);
    program.target = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap_or_default();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |bound: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % bound.max(1)
    };
    for i in 0..n {
        let days = 1 + next(10) as u32;
        let mut item = Item::task(&format!("T{i}"), &format!("Task {i}"), days);
        item.low = Some(days.saturating_sub(1).max(1));
        item.high = Some(days + next(8) as u32);
        if i > 0 {
            for _ in 0..3 {
                let window = (i as u64).min(50);
                let pred = i - 1 - next(window) as usize;
                let link_type = match next(10) {
                    0 => LinkType::SS,
                    1 => LinkType::FF,
                    _ => LinkType::FS,
                };
                item.after.push(Link {
                    id: format!("T{pred}"),
                    link_type,
                    lag: 0,
                });
            }
        }
        program.items.push(item);
    }
    program
}

fn median(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}

/// Runs the measurements and returns them as JSON text.
fn measure() -> String {
    let big = generated_program(10_000);
    let as_of = big.start;
    let schedule_ms = median(
        (0..5)
            .map(|_| {
                let began = now_ms();
                let s = schedule(&big, as_of);
                let took = now_ms() - began;
                drop(s);
                took
            })
            .collect(),
    );
    let mut forecast = Vec::new();
    for n in [100usize, 1_000] {
        let program = generated_program(n);
        let began = now_ms();
        let mut run = ForecastRun::new(&program, as_of);
        let mut longest_chunk: f64 = 0.0;
        loop {
            let chunk = now_ms();
            let done = run.step(50);
            longest_chunk = longest_chunk.max(now_ms() - chunk);
            if done {
                break;
            }
        }
        let total = now_ms() - began;
        forecast.push(format!(
            "{{\"items\":{n},\"iterations\":{},\"total_ms\":{total:.1},\"longest_50_iterations_ms\":{longest_chunk:.2}}}",
            run.progress().1
        ));
    }
    format!(
        "{{\"schedule_10000_items_ms\":{schedule_ms:.2},\"forecast\":[{}]}}",
        forecast.join(",")
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

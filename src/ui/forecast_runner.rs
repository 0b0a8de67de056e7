//! Runs the Monte Carlo forecast in slices of at most ~20 ms so the page never blocks:
//! the summary shows the schedule-based parts at once and the confidence when ready.
//! After the current forecast, the one at the previous status date runs the same way.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

use super::state::AppState;
use crate::engine::forecast::{Forecast, ForecastRun};
use crate::engine::summary::previous_status_date;

/// Time one slice may take before it yields to the page.
const SLICE_MS: f64 = 20.0;
/// Iterations between two looks at the clock.
const CHUNK: u32 = 50;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// Restarts the forecasts whenever the program or its status date changes.
pub fn keep_forecast_current(state: AppState) {
    let generation = Rc::new(RefCell::new(0u64));
    Effect::new(move |_| {
        let as_of = state.as_of.get();
        let (run, previous) = state.program.with(|p| {
            let previous = previous_status_date(p, as_of).map(|date| (date, p.clone()));
            (ForecastRun::new(p, as_of), previous)
        });
        let mine = {
            let mut current = generation.borrow_mut();
            *current += 1;
            *current
        };
        state.forecast.set(None);
        state.forecast_progress.set(run.progress());
        let generation = Rc::clone(&generation);
        let then_previous = {
            let generation = Rc::clone(&generation);
            move |forecast: Forecast| {
                state.forecast.set(Some(forecast));
                if let Some((date, program)) = previous {
                    // In a task of its own: the result above has just re-rendered the page.
                    set_timeout(
                        move || {
                            let run = Rc::new(RefCell::new(ForecastRun::new(&program, date)));
                            slice(state, generation, mine, run, false, move |f| {
                                state.previous_forecast.set(Some((date, f.confidence)))
                            });
                        },
                        Duration::ZERO,
                    );
                }
            }
        };
        // The first slice waits for the task that changed the program (and re-rendered
        // the page) to end, so the two never add up to one long task.
        let run = Rc::new(RefCell::new(run));
        set_timeout(
            move || slice(state, generation, mine, run, true, then_previous),
            Duration::ZERO,
        );
    });
}

/// Runs one slice, then schedules the next; calls `done` with the result at the end.
fn slice(
    state: AppState,
    generation: Rc<RefCell<u64>>,
    mine: u64,
    run: Rc<RefCell<ForecastRun>>,
    report_progress: bool,
    done: impl FnOnce(Forecast) + 'static,
) {
    if *generation.borrow() != mine {
        return; // the program changed; a newer run has taken over
    }
    let began = now_ms();
    let finished = {
        let mut run = run.borrow_mut();
        loop {
            if run.step(CHUNK) {
                break true;
            }
            if now_ms() - began > SLICE_MS {
                break false;
            }
        }
    };
    if report_progress {
        state.forecast_progress.set(run.borrow().progress());
    }
    if finished {
        // Hand over the result in a task of its own, so the re-render it causes does not
        // add to this slice.
        let result = run.borrow().result();
        set_timeout(move || done(result), Duration::ZERO);
    } else {
        set_timeout(
            move || slice(state, generation, mine, run, report_progress, done),
            Duration::ZERO,
        );
    }
}

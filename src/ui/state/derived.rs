//! The one derived cockpit, held in memos: the basis (schedule, colours, findings) once per
//! change of the program or its status date, the cockpit once more when the Monte Carlo
//! lands. The Monte Carlo runs in slices of at most ~20 ms so the page never blocks, and
//! only when what it reads changed: editing a title or a note never restarts it. A
//! levelled one heavy enough to hold the page for a second or more
//! ([`ForecastRun::off_page`]) is split over the page's helper threads instead
//! (`ui::work`), and comes back to the slices if they fail.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::clock::Clock;
use super::document::Document;
use crate::engine::cockpit::{forecast_key, Basis, Cockpit};
use crate::engine::forecast::{Forecast, ForecastRun};
use crate::io::work::forecast_program;
use crate::ui::work;

/// Time one slice may take before it yields to the page.
const SLICE_MS: f64 = 20.0;
/// Iterations between two looks at the clock.
const CHUNK: u32 = 50;

/// The derived cockpit and the forecast job behind it.
#[derive(Clone, Copy)]
pub struct Derived {
    pub cockpit: Memo<Cockpit>,
    /// The fingerprint of what the Monte Carlo reads, for the open program.
    pub key: Memo<u64>,
    /// The latest Monte Carlo result with the key it was computed for.
    pub result: RwSignal<Option<(u64, Arc<Forecast>)>>,
    /// Iterations done and in all of the running forecast.
    pub progress: RwSignal<(u32, u32)>,
}

/// The cockpit every view renders.
pub fn expect_cockpit() -> Memo<Cockpit> {
    expect_context::<Derived>().cockpit
}

pub fn expect_derived() -> Derived {
    expect_context::<Derived>()
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

impl Derived {
    /// The memos over `doc`, and the job that keeps the forecast current.
    pub fn new(doc: Document, clock: Clock) -> Derived {
        let program = doc.program;
        // A program without a status date is judged at today, which follows the clock: the
        // day changing recomputes it; one with a status date ignores the day.
        let as_of = Memo::new(move |_| {
            program
                .with(|p| p.status_date)
                .unwrap_or_else(|| clock.today())
        });
        // Always "changed": they only rerun when their inputs change, and comparing two
        // schedules of 10,000 items would cost more than it saves.
        let basis = Memo::new_with_compare(
            move |_| {
                let as_of = as_of.get();
                program.with(|p| Arc::new(Basis::compute(p, as_of)))
            },
            |_, _| true,
        );
        let key = Memo::new(move |_| {
            let as_of = as_of.get();
            program.with(|p| forecast_key(p, as_of))
        });
        let result = RwSignal::new(None::<(u64, Arc<Forecast>)>);
        let cockpit = Memo::new_with_compare(
            move |_| {
                let basis = basis.get();
                let key = key.get();
                let forecast = result.with(|r| {
                    r.as_ref()
                        .filter(|(k, _)| *k == key)
                        .map(|(_, f)| Arc::clone(f))
                });
                program.with(|p| Cockpit::assemble(p, basis, forecast))
            },
            |_, _| true,
        );
        let derived = Derived {
            cockpit,
            key,
            result,
            progress: RwSignal::new((0, 0)),
        };
        derived.keep_forecast_current(doc, as_of);
        derived
    }

    /// True while the Monte Carlo for the open program is still running.
    pub fn computing(&self) -> bool {
        self.cockpit.with(|c| c.forecast.is_none())
    }

    /// Runs the Monte Carlo whenever its inputs change, in slices; a newer run cancels an
    /// older one.
    fn keep_forecast_current(self, doc: Document, as_of: Memo<NaiveDate>) {
        Effect::new(move |_| {
            let key = self.key.get();
            if self
                .result
                .with_untracked(|r| r.as_ref().is_some_and(|(k, _)| *k == key))
            {
                return;
            }
            let run = doc
                .program
                .with_untracked(|p| ForecastRun::new(p, as_of.get_untracked()));
            self.progress.set(run.progress());
            let cancelled = Arc::new(AtomicBool::new(false));
            let flag = Arc::clone(&cancelled);
            on_cleanup(move || {
                flag.store(true, Ordering::Relaxed);
                work::cancel_forecast();
            });
            // The first slice, or the handing to helpers (which writes the program out),
            // waits for the task that changed the program (and re-rendered the page) to
            // end, so the two never add up to one long task.
            if run.off_page() {
                set_timeout(
                    move || off_page(self, doc, key, as_of, run, cancelled),
                    Duration::ZERO,
                );
            } else {
                let run = Rc::new(RefCell::new(run));
                set_timeout(move || slice(self, key, run, cancelled), Duration::ZERO);
            }
        });
    }
}

/// Hands the forecast `run` to the page's helper threads in parts; absorbs the parts
/// as they land and hands over the result with the last. If they fail, runs it in the
/// page's slices from the start.
fn off_page(
    derived: Derived,
    doc: Document,
    key: u64,
    as_of: Memo<NaiveDate>,
    run: ForecastRun,
    cancelled: Arc<AtomicBool>,
) {
    if cancelled.load(Ordering::Relaxed) {
        return;
    }
    let ranges = run.ranges(work::forecast_parts());
    let day = as_of.get_untracked();
    let run = Rc::new(RefCell::new(run));
    let program = doc.program.with_untracked(forecast_program);
    // Back to the page's slices, from the start, if the program is still the one of `key`
    // (else a newer forecast is on its way).
    let in_page = {
        let (run, cancelled) = (Rc::clone(&run), Arc::clone(&cancelled));
        move || {
            let again = doc.program.with_untracked(|p| {
                (forecast_key(p, day) == key).then(|| ForecastRun::new(p, day))
            });
            let Some(again) = again else { return };
            *run.borrow_mut() = again;
            derived.progress.set(run.borrow().progress());
            set_timeout(move || slice(derived, key, run, cancelled), Duration::ZERO);
        }
    };
    let on_part = {
        let (in_page, cancelled) = (in_page.clone(), Arc::clone(&cancelled));
        move |part| {
            if cancelled.load(Ordering::Relaxed) {
                return;
            }
            let absorbed = run.borrow_mut().absorb(part);
            if absorbed.is_err() {
                work::cancel_forecast();
                in_page.clone()();
                return;
            }
            let (done, total) = run.borrow().progress();
            derived.progress.set((done, total));
            if done >= total {
                let result = Arc::new(run.borrow().result());
                let cancelled = Arc::clone(&cancelled);
                set_timeout(
                    move || {
                        if !cancelled.load(Ordering::Relaxed) {
                            derived.result.set(Some((key, result)));
                        }
                    },
                    Duration::ZERO,
                );
            }
        }
    };
    let on_fail = move |_why: String| in_page();
    work::forecast_off_page(program, day, key, &ranges, on_part, on_fail);
}

/// Runs one slice, then schedules the next; hands over the result at the end.
fn slice(derived: Derived, key: u64, run: Rc<RefCell<ForecastRun>>, cancelled: Arc<AtomicBool>) {
    if cancelled.load(Ordering::Relaxed) {
        return;
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
    derived.progress.set(run.borrow().progress());
    if finished {
        // In a task of its own, so the re-render it causes does not add to this slice.
        let result = Arc::new(run.borrow().result());
        set_timeout(
            move || {
                if !cancelled.load(Ordering::Relaxed) {
                    derived.result.set(Some((key, result)));
                }
            },
            Duration::ZERO,
        );
    } else {
        set_timeout(move || slice(derived, key, run, cancelled), Duration::ZERO);
    }
}

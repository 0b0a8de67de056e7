//! The page's helper thread: a Web Worker (`public/work.js`) that loads the app's own
//! module (the glue and the wasm this page runs, so nothing more is downloaded and the
//! service worker keeps it offline) and answers `io::work` requests. Long searches run
//! there, so the page never blocks. One piece of work at a time: a new request, or
//! [`cancel`], ends the one before (its worker is terminated and its answer never
//! delivered).
//!
//! A levelled forecast (issue 23) is split into parts handed to several such workers, the
//! forecast's helpers ([`forecast_off_page`]); they are never stopped, so each loads and
//! compiles the module once, and a newer forecast waits at most for the part a helper is
//! on.

use std::cell::{Cell, RefCell};

use chrono::NaiveDate;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::forecast::Part;
use crate::io::work::{forecast_request, read_order, read_part, Worker};

thread_local! {
    /// Inside a worker: what it keeps between requests (the forecast it prepared last).
    static STATE: RefCell<Worker> = RefCell::new(Worker::default());
}

/// Called inside the worker with an `io::work` request; answers it.
#[wasm_bindgen]
pub fn throughline_work(request: String) -> String {
    STATE.with(|s| s.borrow_mut().answer(&request))
}

/// The worker script, relative to the page.
const SCRIPT: &str = "public/work.js";

type Done = Box<dyn FnOnce(Result<Vec<String>, String>)>;

/// The worker doing the current piece of work, with what to call with its answer and the
/// handlers it keeps alive.
struct Running {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
    static DONE: RefCell<Option<Done>> = const { RefCell::new(None) };
}

/// Hands the search for a better levelling (an `io::work::improve_request`) to a worker;
/// `done` gets the order, or why there is none (no worker here, it failed to load, or its
/// answer is an error), so the caller can search in the page instead. Never called after
/// [`cancel`] or a newer request.
pub fn improve_off_page(request: String, done: impl FnOnce(Result<Vec<String>, String>) + 'static) {
    cancel();
    DONE.with(|d| *d.borrow_mut() = Some(Box::new(done)));
    if let Err(why) = start(&request) {
        finish(Err(why));
    }
}

/// Ends the piece of work under way, if any, without calling its `done`.
pub fn cancel() {
    DONE.with(|d| d.borrow_mut().take());
    if let Some(running) = RUNNING.with(|r| r.borrow_mut().take()) {
        running.worker.terminate();
    }
}

fn finish(result: Result<Vec<String>, String>) {
    if let Some(running) = RUNNING.with(|r| r.borrow_mut().take()) {
        running.worker.terminate();
    }
    if let Some(done) = DONE.with(|d| d.borrow_mut().take()) {
        done(result);
    }
}

/// The absolute address of the page's own module files: the glue script
/// (`link[rel=modulepreload]`) and the wasm (`link[rel=preload][type=application/wasm]`),
/// which Trunk names with their hash.
fn module_urls() -> Result<(String, String), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let base = window.location().href().map_err(|_| "no address")?;
    let href = |selector: &str| -> Result<String, String> {
        let href = document
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|link| link.get_attribute("href"))
            .ok_or_else(|| format!("no {selector} in the page"))?;
        web_sys::Url::new_with_base(&href, &base)
            .map(|url| url.href())
            .map_err(|_| format!("{href} is not an address"))
    };
    Ok((
        href("link[rel=modulepreload]")?,
        href("link[rel=preload][type='application/wasm']")?,
    ))
}

/// A new worker running `public/work.js`.
fn new_worker() -> Result<web_sys::Worker, String> {
    web_sys::Worker::new(SCRIPT).map_err(|_| "no worker in this browser".to_string())
}

/// Posts `request` to `worker` with the addresses of the page's module.
fn post(worker: &web_sys::Worker, request: &str) -> Result<(), String> {
    let (glue, wasm) = module_urls()?;
    let message = js_sys::Array::of3(
        &JsValue::from_str(&glue),
        &JsValue::from_str(&wasm),
        &JsValue::from_str(request),
    );
    worker
        .post_message(&message)
        .map_err(|_| "the request did not reach the worker".to_string())
}

fn start(request: &str) -> Result<(), String> {
    let worker = new_worker()?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            let answer = event.data().as_string().unwrap_or_default();
            finish(read_order(&answer));
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        finish(Err("the worker did not start".into()));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    post(&worker, request)?;
    RUNNING.with(|r| {
        *r.borrow_mut() = Some(Running {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    });
    Ok(())
}

/// One of the forecast's helpers, and whether it is working on a part (of the current
/// forecast or of one it replaced).
struct Helper {
    id: u32,
    worker: web_sys::Worker,
    busy: bool,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// The forecast whose parts the helpers work on: its tag, the key of the program it is of,
/// the program and date its requests carry, its parts not yet handed out, and whom to hand
/// its parts or its failure.
struct Job {
    job: u64,
    key: u64,
    program: String,
    as_of: NaiveDate,
    waiting: Vec<(u32, u32)>,
    on_part: Box<dyn FnMut(Part)>,
    on_fail: Box<dyn FnOnce(String)>,
}

thread_local! {
    static HELPERS: RefCell<Vec<Helper>> = const { RefCell::new(Vec::new()) };
    static JOB: RefCell<Option<Job>> = const { RefCell::new(None) };
    static NEXT: Cell<u64> = const { Cell::new(0) };
}

/// Parts per helper: small enough that a helper still on a replaced forecast's part is
/// free again soon (a quarter of its share), large enough that reading the program again
/// for each part costs little.
const PARTS_PER_HELPER: u32 = 4;

/// How many helpers a forecast is split over: the processor's threads as the browser
/// tells them, 1 to 4 (each holds its own copy of the module and the program).
fn helpers_wanted() -> usize {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency() as usize)
        .unwrap_or(1)
        .clamp(1, 4)
}

/// How many parts to split a forecast into for [`forecast_off_page`].
pub fn forecast_parts() -> u32 {
    helpers_wanted() as u32 * PARTS_PER_HELPER
}

/// Hands iterations `ranges` of the forecast of `program` (its compact JSON) at `as_of` to
/// the helpers, a part at a time to each: `on_part` gets each [`Part`] as it lands (in any
/// order), or `on_fail` why the forecast cannot finish there (no worker here, one failed to
/// load, an answer is an error or of another program than `key`'s), so the caller runs it
/// in the page instead. After a failure no part is delivered. A newer forecast, or
/// [`cancel_forecast`], replaces this one: a helper still on one of its parts finishes
/// that part (its answer is dropped) and goes on with the newer forecast. Helpers are never
/// stopped, so the module each loaded stays compiled and fast.
pub fn forecast_off_page(
    program: String,
    as_of: NaiveDate,
    key: u64,
    ranges: &[(u32, u32)],
    on_part: impl FnMut(Part) + 'static,
    on_fail: impl FnOnce(String) + 'static,
) {
    let job = NEXT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let mut waiting = ranges.to_vec();
    waiting.reverse();
    JOB.with(|j| {
        *j.borrow_mut() = Some(Job {
            job,
            key,
            program,
            as_of,
            waiting,
            on_part: Box::new(on_part),
            on_fail: Box::new(on_fail),
        })
    });
    let started = HELPERS.with(|h| -> Result<(), String> {
        let mut helpers = h.borrow_mut();
        while helpers.len() < helpers_wanted() {
            let id = helpers.last().map_or(0, |h| h.id + 1);
            helpers.push(new_helper(id)?);
        }
        Ok(())
    });
    match started {
        Ok(()) => hand_out(),
        Err(why) => fail_forecast(job, why),
    }
}

/// Ends the forecast under way on the helpers, if any, without calling it back; the parts
/// they are on are finished and dropped.
pub fn cancel_forecast() {
    JOB.with(|j| j.borrow_mut().take());
}

/// Gives each idle helper the current forecast's next part, while there are parts left.
fn hand_out() {
    let failed = JOB.with(|j| {
        let mut j = j.borrow_mut();
        let job = j.as_mut()?;
        HELPERS.with(|h| {
            for helper in h.borrow_mut().iter_mut().filter(|h| !h.busy) {
                let Some((from, to)) = job.waiting.pop() else {
                    break;
                };
                let request = forecast_request(&job.program, job.as_of, job.job, from, to);
                if let Err(why) = post(&helper.worker, &request) {
                    return Some((job.job, why));
                }
                helper.busy = true;
            }
            None
        })
    });
    if let Some((job, why)) = failed {
        fail_forecast(job, why);
    }
}

fn new_helper(id: u32) -> Result<Helper, String> {
    let worker = new_worker()?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            landed(id, &text);
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        // This helper is gone: the next forecast starts another.
        let gone = HELPERS.with(|h| {
            let mut helpers = h.borrow_mut();
            let at = helpers.iter().position(|h| h.id == id)?;
            Some(helpers.remove(at))
        });
        if let Some(gone) = gone {
            gone.worker.terminate();
            // Dropping its handlers here would free the closure that is running: they go
            // with the page.
            std::mem::forget(gone);
        }
        if let Some(job) = JOB.with(|j| j.borrow().as_ref().map(|j| j.job)) {
            fail_forecast(job, "a helper did not start".into());
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Helper {
        id,
        worker,
        busy: false,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Helper `id` answered with `text`: hands its part to the current forecast if it is that
/// forecast's and of its program (else fails the forecast; an answer to a replaced one is
/// dropped), then gives the helper the next part.
fn landed(id: u32, text: &str) {
    HELPERS.with(|h| {
        if let Some(helper) = h.borrow_mut().iter_mut().find(|h| h.id == id) {
            helper.busy = false;
        }
    });
    let current = JOB.with(|j| j.borrow().as_ref().map(|j| (j.job, j.key)));
    if let Some((current, key)) = current {
        match read_part(text) {
            Ok((job, _, _)) if job != current => {}
            Ok((_, of, _)) if of != key => {
                fail_forecast(current, "a helper read another program".into())
            }
            Ok((_, _, part)) => deliver(current, part),
            Err(why) => fail_forecast(current, why),
        }
    }
    hand_out();
}

/// Hands `part` to forecast `job`'s caller, outside every borrow: what it sets may start a
/// newer forecast.
fn deliver(job: u64, part: Part) {
    let on_part = JOB.with(|j| {
        j.borrow_mut()
            .as_mut()
            .map(|j| std::mem::replace(&mut j.on_part, Box::new(|_| {})))
    });
    if let Some(mut on_part) = on_part {
        on_part(part);
        JOB.with(|j| {
            if let Some(current) = j.borrow_mut().as_mut().filter(|j| j.job == job) {
                current.on_part = on_part;
            }
        });
    }
}

/// Ends forecast `job` (if still current) and tells its caller why.
fn fail_forecast(job: u64, why: String) {
    let failed = JOB.with(|j| {
        let mut j = j.borrow_mut();
        match j.as_ref() {
            Some(current) if current.job == job => j.take(),
            _ => None,
        }
    });
    if let Some(failed) = failed {
        (failed.on_fail)(why);
    }
}

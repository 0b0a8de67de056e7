//! The page's helper thread: a Web Worker (`public/work.js`) that loads the app's own
//! module (the glue and the wasm this page runs, so nothing more is downloaded and the
//! service worker keeps it offline) and answers `io::work` requests. Long searches run
//! there, so the page never blocks. One piece of work at a time: a new request, or
//! [`cancel`], ends the one before (its worker is terminated and its answer never
//! delivered).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::io::work::{answer, read_order};

/// Called inside the worker with an `io::work` request; answers it.
#[wasm_bindgen]
pub fn throughline_work(request: String) -> String {
    answer(&request)
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

fn start(request: &str) -> Result<(), String> {
    let (glue, wasm) = module_urls()?;
    let worker = web_sys::Worker::new(SCRIPT).map_err(|_| "no worker in this browser")?;
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
    let message = js_sys::Array::of3(
        &JsValue::from_str(&glue),
        &JsValue::from_str(&wasm),
        &JsValue::from_str(request),
    );
    worker
        .post_message(&message)
        .map_err(|_| "the request did not reach the worker")?;
    RUNNING.with(|r| {
        *r.borrow_mut() = Some(Running {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    });
    Ok(())
}

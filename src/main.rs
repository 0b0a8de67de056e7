//! Mounts the app; everything else lives in the library so tests can reach it.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The page's worker (ui/work.rs) loads this same module for its exported work only:
    // there is no window to mount into.
    if web_sys::window().is_none() {
        return;
    }
    // The release build aborts on a panic before any hook runs (scripts/release-env.sh):
    // index.html's crash notice reports the trap. Debug builds (`trunk serve`) also print
    // the panic's message in the console.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    #[cfg(feature = "crash-test")]
    crash_test::install();
    leptos::mount::mount_to_body(throughline::ui::App);
}

/// The app only runs in the browser; natively the library is tested and benchmarked.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

/// A way to crash the app on purpose, for the crash notice's end-to-end test
/// (`tests/e2e/specs/crash.spec.ts`). Only in builds with the `crash-test` feature, which
/// `scripts/test.sh` makes in `target/crash-dist`; the app that ships never has it.
#[cfg(all(target_arch = "wasm32", feature = "crash-test"))]
mod crash_test {
    use wasm_bindgen::prelude::*;

    const EVENT: &str = "throughline-crash-test";

    /// Puts `throughlineCrash()` on the window. It dispatches an event whose listener
    /// panics: the trap happens inside an event listener, as a bug in any click or key
    /// handler would, and the browser reports it as such (nobody's call to catch it).
    pub fn install() {
        let _ = leptos::prelude::window_event_listener_untyped(EVENT, |_| {
            panic!("crash test: throughlineCrash() was called")
        });
        let crash = Closure::<dyn Fn()>::new(|| {
            if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(EVENT)) {
                let _ = window.dispatch_event(&event);
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = js_sys::Reflect::set(
                &window,
                &JsValue::from_str("throughlineCrash"),
                crash.as_ref(),
            );
        }
        crash.forget();
    }
}

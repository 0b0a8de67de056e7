//! Mounts the app; everything else lives in the library so tests can reach it.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The release build aborts on a panic before any hook runs (scripts/release-env.sh);
    // debug builds (`trunk serve`) print the panic's message in the console.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(throughline::ui::App);
}

/// The app only runs in the browser; natively the library is tested and benchmarked.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

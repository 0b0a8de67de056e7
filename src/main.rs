//! Mounts the app; everything else lives in the library so tests can reach it.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(throughline::ui::App);
}

/// The app only runs in the browser; natively the library is tested and benchmarked.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

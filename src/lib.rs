//! Throughline: a program cockpit for technical program managers.
//! `model`, `engine` and `io` are pure Rust (no clock, no browser); `store` and `ui` are the
//! browser shell and only compile for wasm.

pub mod engine;
pub mod io;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;

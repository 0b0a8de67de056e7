//! Throughline: a program cockpit for technical program managers.
//! `model`, `engine` and `io` are pure Rust (no clock, no browser); `store` is pure too
//! behind a storage trait, with only its localStorage adapter compiled for wasm; `ui` is the
//! browser shell and only compiles for wasm.

pub mod engine;
pub mod io;
pub mod model;
mod sort;

pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;

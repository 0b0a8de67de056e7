# Sourced by the scripts that build the release wasm (build.sh, measure-app.mjs): how the
# shipped app is compiled, beyond Cargo.toml's release profile.
#
# The standard library is rebuilt with the app (build-std, from the rust-src component
# setup.sh adds) at the app's opt-level "z" with std's `optimize_for_size`, and a panic
# aborts at once instead of formatting a message first (`-Cpanic=immediate-abort`): the
# formatting machinery and every panic's message and location then leave the download.
# Measured on the release build: 546.9 → 508.1 KB gzip (wasm + js + css). A panic still
# stops the app as before (a wasm trap); only the console message is gone, so debug with
# `trunk serve` (a debug build, unaffected).
#
# These are unstable options of Rust 1.95 (the machine's only toolchain, which Cargo.toml
# pins as rust-version), unlocked for this one build by RUSTC_BOOTSTRAP=1. Native builds,
# tests, clippy and benches never see them.
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
# Replaces .cargo/config.toml's wasm rustflags for this build, so it repeats them.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"

#!/usr/bin/env bash
# README command 2: every test. Formatting, lints (native and wasm), the Rust tests of the
# pure core (incl. the TaskJuggler differential test), then the release build and the
# test-only crash build, the browser end-to-end suite in Debian's Chromium, and the weight
# ceiling (605 KB gzip, checked last so an overweight build still reports every test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

echo "==> cargo fmt --check"
cargo fmt --check
echo "==> cargo clippy (native, all targets)"
cargo clippy --workspace --all-targets -- -D warnings
echo "==> cargo clippy (wasm: the browser shell)"
cargo clippy --target wasm32-unknown-unknown -- -D warnings
echo "==> cargo test"
cargo test --workspace --all-targets
echo "==> release build"
scripts/build.sh
# The same build plus `window.throughlineCrash()`, for crash.spec.ts only; never shipped.
# Shares every compiled dependency with the one above: about 2.5 minutes on 2 cores.
echo "==> test-only crash build (target/crash-dist)"
scripts/build.sh target/crash-dist --features crash-test
echo "==> browser end-to-end suite"
npx playwright test --config tests/e2e/playwright.config.ts
echo "==> download size (gzip of wasm + js + css; must not grow past the ceiling)"
scripts/size-check.sh

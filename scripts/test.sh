#!/usr/bin/env bash
# README command 2: every test. Formatting, lints (native and wasm), the Rust tests of the
# pure core (incl. the TaskJuggler differential test), then the release build, the browser
# end-to-end suite in Debian's Chromium, and the weight budget (350 KB gzip, checked last so
# an overweight build still reports every test).
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
echo "==> browser end-to-end suite"
npx playwright test --config tests/e2e/playwright.config.ts
echo "==> download size (gzip of wasm + js + css; must not grow past the ceiling)"
scripts/size-check.sh

#!/usr/bin/env bash
# Builds the release site into dist/. Tools are pinned and installed by setup.sh; the only
# download here is the standard library's crates, from crates.io (see the fetch below).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
. scripts/release-env.sh
# The standard library's own dependencies (build-std, release-env.sh), from crates.io at the
# versions its lock file pins; Trunk's offline build could not fetch them itself.
cargo fetch --locked --manifest-path "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
trunk build --release --offline
# wasm-bindgen's glue, which Trunk does not minify (its integrity attribute is updated).
node scripts/minify-js.mjs dist/index.html dist/throughline-*.js
python3 scripts/csp-hash.py dist/index.html
python3 scripts/sw-build.py dist
node scripts/minify-js.mjs dist/index.html dist/sw.js

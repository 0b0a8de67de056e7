#!/usr/bin/env bash
# Builds the release site into dist/ (no download: tools are pinned and installed by setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
. scripts/release-env.sh
trunk build --release --offline
# wasm-bindgen's glue, which Trunk does not minify (its integrity attribute is updated).
node scripts/minify-js.mjs dist/index.html dist/throughline-*.js
python3 scripts/csp-hash.py dist/index.html
python3 scripts/sw-build.py dist
node scripts/minify-js.mjs dist/index.html dist/sw.js

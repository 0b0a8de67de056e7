#!/usr/bin/env bash
# Builds the release site into dist/ (or the directory given; any further arguments go to
# `trunk build`, e.g. `scripts/build.sh target/crash-dist --features crash-test` for the
# test-only crash build). Tools are pinned and installed by setup.sh; the only downloads
# here are crates, from crates.io (see the fetches below).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
dist=${1:-dist}
shift $(($# > 0 ? 1 : 0))
. scripts/release-env.sh
# The crates the build needs, from crates.io at the versions the lock files pin, so Trunk's
# offline build finds them all: the app's, and, when the standard library is built with the
# app (release-env.sh), the standard library's own, which cargo resolves only while building.
cargo fetch --locked
if [ "$THROUGHLINE_BUILD_STD" = 1 ]; then
  cargo fetch --locked --manifest-path "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
fi
# Trunk's post_build hook writes the inline scripts' hashes into the CSP (csp-hash.py).
trunk build --release --offline --dist "$dist" "$@"
# wasm-bindgen's glue, which Trunk does not minify (its integrity attribute is updated), and
# the page's helper thread (public/work.js).
node scripts/minify-js.mjs "$dist/index.html" "$dist"/throughline-*.js "$dist/public/work.js"
python3 scripts/sw-build.py "$dist"
node scripts/minify-js.mjs "$dist/index.html" "$dist/sw.js"

#!/usr/bin/env bash
# Builds the release site into dist/ (no download: tools are pinned and installed by setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
python3 scripts/csp-hash.py dist/index.html
python3 scripts/sw-build.py dist

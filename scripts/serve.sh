#!/usr/bin/env bash
# README command 1: install what is missing, build the release app, serve it on
# http://127.0.0.1:8080 exactly as a static file host would.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
echo "Throughline is at http://127.0.0.1:8080/ (Ctrl+C to stop)"
exec python3 -m http.server 8080 --bind 127.0.0.1 --directory dist

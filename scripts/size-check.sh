#!/usr/bin/env bash
# The download's weight (docs/architecture.md#weight): every .wasm, .js and .css of
# dist/, the service worker and the page's worker (public/work.js) included, gzipped at -9
# together. It may not grow without a reason: this fails past a ceiling a few KB over
# today's weight (README, "Where the weight is": the ceiling moves only with a stated
# reason, listed there) so that a toolchain or Leptos update does not fail CI at its last
# step. A change that adds more than 2 KB says what it bought in its commit message.
#
# The plain release build (scripts/release-env.sh: another compiler than
# rust-toolchain.toml's) is about 41 KB heavier by construction; it is held to the ceiling
# plus that, so a newcomer's build is checked too, with a note on why it is heavier.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/release-env.sh 2>/dev/null
if [ "$THROUGHLINE_BUILD_STD" = 1 ]; then
  ceiling=${THROUGHLINE_CEILING_BYTES:-668000}
else
  ceiling=${THROUGHLINE_CEILING_BYTES:-709000}
  echo "size-check: the plain release build (rustc is not rust-toolchain.toml's): ceiling $ceiling bytes, not 668000" >&2
fi
shopt -s nullglob
files=(dist/*.wasm dist/*.js dist/public/*.js dist/*.css)
if ((${#files[@]} == 0)); then
  echo "size-check: no build in dist/ (run scripts/build.sh)" >&2
  exit 1
fi
total=$(cat "${files[@]}" | gzip -9 | wc -c)
for file in "${files[@]}"; do
  printf '  %-45s %9d bytes gzip (%d raw)\n' "${file#dist/}" "$(gzip -9 <"$file" | wc -c)" "$(wc -c <"$file")"
done
printf 'download: %d bytes gzip (%.1f KB); ceiling %d (%d to spare)\n' \
  "$total" "$(awk -v n="$total" 'BEGIN { print n / 1000 }')" "$ceiling" "$((ceiling - total))"
if ((total > ceiling)); then
  echo "size-check: the download grew $((total - ceiling)) bytes past the ceiling; say what it bought, or cut it" >&2
  exit 1
fi

#!/usr/bin/env bash
# The download's weight (docs/architecture.md#weight): every .wasm, .js and .css of
# dist/, the service worker included — gzipped at -9 together. The 350 KB budget
# is not met yet (README, "Measured"): this check fails when the download grows past the
# ceiling below, today's weight, so that it can only shrink; lower the ceiling with every
# cut. It prints the figure, each part's, and how far the budget still is.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=350000
ceiling=${THROUGHLINE_CEILING_BYTES:-474000}
shopt -s nullglob
files=(dist/*.wasm dist/*.js dist/*.css)
if ((${#files[@]} == 0)); then
  echo "size-check: no build in dist/ (run scripts/build.sh)" >&2
  exit 1
fi
total=$(cat "${files[@]}" | gzip -9 | wc -c)
for file in "${files[@]}"; do
  printf '  %-45s %9d bytes gzip (%d raw)\n' "${file#dist/}" "$(gzip -9 <"$file" | wc -c)" "$(wc -c <"$file")"
done
printf 'download: %d bytes gzip (%.1f KB); ceiling %d; SPEC budget %d (%d to go)\n' \
  "$total" "$(awk -v n="$total" 'BEGIN { print n / 1000 }')" "$ceiling" "$budget" "$((total > budget ? total - budget : 0))"
if ((total > ceiling)); then
  echo "size-check: the download grew $((total - ceiling)) bytes past the ceiling; say what it bought, or cut it" >&2
  exit 1
fi

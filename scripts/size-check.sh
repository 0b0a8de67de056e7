#!/usr/bin/env bash
# The weight budget (SPEC §7, STYLE 18): the whole download — every .wasm, .js and .css of
# dist/, the service worker included — gzipped at -9 together, must stay within 350 KB
# (350,000 bytes). Prints the figure and each part's; fails over the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${THROUGHLINE_BUDGET_BYTES:-350000}
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
printf 'download: %d bytes gzip (%.1f KB) of a %d-byte budget\n' "$total" "$(awk -v n="$total" 'BEGIN { print n / 1000 }')" "$budget"
if ((total > budget)); then
  echo "size-check: the download is $((total - budget)) bytes over the budget" >&2
  exit 1
fi

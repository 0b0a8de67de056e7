#!/usr/bin/env bash
# What each part of the app adds to the download (README, "Where the weight is"): builds
# the release wasm of the last commit as it is, then once without each part (its route
# shows the Summary instead, or its panel is left out), and prints the gzip -9 size of
# each wasm and the difference. Works in a throwaway worktree, so the checkout is never
# touched. Builds in its own target/weigh-parts/: sharing target/ would leave its last
# variant where cargo looks for the app's own build, and cargo would call that fresh.
# About a minute a build on 2 cores after the first (the first builds the standard library).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
export PATH="$HOME/.cargo/bin:$repo/node_modules/.bin:$PATH"
. scripts/release-env.sh
export CARGO_TARGET_DIR="$repo/target/weigh-parts"
work=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/tree" HEAD >/dev/null 2>&1
cd "$work/tree"

# Builds the wasm as it stands in the worktree and prints its size, gzip -9, in bytes.
weigh() {
  # Its warnings (code a part leaves unused) are not news; its errors are.
  if ! cargo build --quiet --release --target wasm32-unknown-unknown --bin throughline 2>"$work/cargo.log"; then
    cat "$work/cargo.log" >&2
    return 1
  fi
  wasm-bindgen --target web --out-dir "$work/out" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/throughline.wasm"
  wasm-opt -O2 --low-memory-unused -Oz "$work/out/throughline_bg.wasm" -o "$work/out/opt.wasm" 2>/dev/null
  gzip -9 <"$work/out/opt.wasm" | wc -c
}

# Replaces text in a file of the worktree; fails if the text is not there (the code moved:
# update this script).
swap() {
  python3 - "$1" "$2" "$3" <<'EOF'
import sys
path, old, new = sys.argv[1:]
text = open(path).read()
if old not in text:
    sys.exit(f"weigh-parts: {path} no longer has {old!r}")
open(path, "w").write(text.replace(old, new))
EOF
}

routes=(
  "Critical path|Route::Path => path::PathView().into_any(),"
  "Register|Route::Register => register::RegisterView().into_any(),"
  "Board|Route::Board => board::BoardView().into_any(),"
  "Risks & decisions|Route::Risks => risks::RisksView().into_any(),"
  "Plan, in all|Route::Plan => plan::PlanView().into_any(),"
  "Program|Route::Program => program_view::ProgramView().into_any(),"
  "Published report|Route::Report(date) => reports::ReportView(reports::ReportViewProps { date }).into_any(),"
)
panels=(
  "Plan: the live pull|<super::pull::PullPanel/>"
  "Plan: the CSV import|<super::import_panel::ImportPanel/>"
)

whole=$(weigh)
printf '%-28s %9s %9s\n' "without" "wasm gzip" "it adds"
printf '%-28s %9d\n' "(nothing: the app as built)" "$whole"
for entry in "${routes[@]}"; do
  name=${entry%%|*} arm=${entry#*|}
  git checkout --quiet -- src
  swap src/ui/mod.rs "$arm" "${arm%%=>*}=> summary::SummaryView().into_any(),"
  sed -i 's/Route::Report(date) => summary/Route::Report(_) => summary/' src/ui/mod.rs
  size=$(weigh)
  printf '%-28s %9d %9d\n' "$name" "$size" "$((whole - size))"
done
for entry in "${panels[@]}"; do
  name=${entry%%|*} panel=${entry#*|}
  git checkout --quiet -- src
  swap src/ui/plan.rs "$panel" ""
  size=$(weigh)
  printf '%-28s %9d %9d\n' "$name" "$size" "$((whole - size))"
done
git checkout --quiet -- src
for entry in "${panels[@]}"; do swap src/ui/plan.rs "${entry#*|}" ""; done
size=$(weigh)
printf '%-28s %9d %9d\n' "Plan: pull and import" "$size" "$((whole - size))"
git checkout --quiet -- src
for entry in "${routes[@]}"; do
  arm=${entry#*|}
  swap src/ui/mod.rs "$arm" "${arm%%=>*}=> summary::SummaryView().into_any(),"
done
sed -i 's/Route::Report(date) => summary/Route::Report(_) => summary/' src/ui/mod.rs
size=$(weigh)
printf '%-28s %9d %9d\n' "every view but the Summary" "$size" "$((whole - size))"

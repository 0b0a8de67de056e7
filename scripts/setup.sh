#!/usr/bin/env bash
# Installs what building and testing Throughline needs, skipping what is already there.
# Downloads only packages from the registries (crates.io, npm, Debian); never a prebuilt
# browser or tool binary. Safe to run again; the serve and test scripts call it first.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# For the active toolchain: rust-toolchain.toml's (Rust 1.95.0, which rustup uses here
# unless RUSTUP_TOOLCHAIN says otherwise). rust-src: the release build compiles the standard
# library with the app on that toolchain (release-env.sh). Without rustup, the compiler's
# own wasm target is used as it is, and the release build is the plain one.
if command -v rustup >/dev/null; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  for component in rustfmt clippy rust-src; do
    if ! rustup component list --installed | grep -q "^$component"; then
      say "Adding $component"
      rustup component add "$component"
    fi
  done
fi

# Trunk 0.21.14: 0.22 needs a newer rustc than this machine's.
if [ "$(trunk --version 2>/dev/null || true)" != "trunk 0.21.14" ]; then
  say "Installing Trunk 0.21.14 (about 15 minutes on 2 cores)"
  cargo install --locked trunk@0.21.14
fi

# The wasm-bindgen CLI must be exactly Cargo.lock's version, or Trunk tries to download one.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]; then
  say "Installing wasm-bindgen-cli $bindgen_version"
  # Without --locked: one of its locked dependencies is not on the registry.
  cargo install --force wasm-bindgen-cli@"$bindgen_version"
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium chromium-driver)
command -v tj3 >/dev/null || missing+=(tj3)
command -v pdfinfo >/dev/null || missing+=(poppler-utils)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
  say "Installing from Debian: ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# wasm-opt (binaryen 132; Debian's is too old), Playwright and terser (minifies the JS the
# build writes), from the npm registry.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@playwright/test ] || [ ! -d node_modules/axe-core ] \
  || [ ! -d node_modules/terser ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm packages"
  npm ci --no-audit --no-fund
fi

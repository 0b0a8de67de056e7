# Sourced by the scripts that build the release wasm (build.sh, measure-app.mjs,
# weigh-parts.sh): how the shipped app is compiled, beyond Cargo.toml's release profile.
#
# On the toolchain rust-toolchain.toml pins (Rust 1.95.0), the standard library is rebuilt
# with the app (build-std, from the rust-src component setup.sh adds) at the app's
# opt-level "z" with std's `optimize_for_size`, and a panic aborts at once instead of
# formatting a message first (`-Cpanic=immediate-abort`): the formatting machinery and
# every panic's message and location then leave the download. A panic still stops the app
# (a wasm trap, which index.html's crash notice reports); only the console message is gone,
# so debug with `trunk serve` (a debug build, unaffected).
#
# These are unstable options, unlocked for this one build by RUSTC_BOOTSTRAP=1, and they
# were measured and tested on 1.95.0 only. On any other compiler (RUSTUP_TOOLCHAIN=…, a
# distribution's rustc) this falls back to the plain stable release build — no
# RUSTC_BOOTSTRAP, no build-std, no unstable flag — and says what that costs; it never
# fails. Native builds, tests, clippy and benches never see any of this.
#
# THROUGHLINE_PLAIN_BUILD=1 asks for the fallback on 1.95.0 too (how its cost below was
# measured). Exports THROUGHLINE_BUILD_STD=1 when the standard library is built with the app.

# What the fallback costs, measured with THROUGHLINE_PLAIN_BUILD=1 on 1.95.0 (gzip -9 of
# wasm + js + css, same commit): 475.0 KB as shipped, 516.3 KB plain.
throughline_plain_cost="about 41 KB gzip larger (516 KB instead of 475 KB)"
throughline_tested_rustc=$(awk -F'"' '/^channel/ { print $2 }' rust-toolchain.toml)
throughline_rustc=$(rustc --version 2>/dev/null | awk '{ print $2 }' || true)

if [ "$throughline_rustc" = "$throughline_tested_rustc" ] && [ "${THROUGHLINE_PLAIN_BUILD:-0}" != 1 ]; then
  export THROUGHLINE_BUILD_STD=1
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  # Replaces .cargo/config.toml's wasm rustflags for this build, so it repeats them.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
else
  export THROUGHLINE_BUILD_STD=0
  # Whatever the caller's environment had, nothing unstable reaches this compiler.
  unset RUSTC_BOOTSTRAP CARGO_UNSTABLE_BUILD_STD CARGO_UNSTABLE_BUILD_STD_FEATURES \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS
  if [ "${THROUGHLINE_PLAIN_BUILD:-0}" = 1 ]; then
    echo "release-env: THROUGHLINE_PLAIN_BUILD=1: the plain stable release build" >&2
  else
    printf '%s\n' \
      "release-env: WARNING: rustc is '${throughline_rustc:-missing}', not $throughline_tested_rustc (rust-toolchain.toml): building" \
      "release-env: the plain stable release build instead (no build-std, no unstable flags). It works the same," \
      "release-env: but the download is $throughline_plain_cost." \
      "release-env: Use Rust $throughline_tested_rustc for the build that ships." >&2
  fi
fi
unset throughline_rustc throughline_tested_rustc throughline_plain_cost

# Sourced by the other scripts: how to build for wasm32 on this machine.
#
# The normal path is rustup's wasm32-unknown-unknown target. Where it cannot be installed (no
# access to rustup's server), Debian's rustc-web ships a current rustc with the standard library's
# sources, so the wasm32 std is built from source (-Z build-std; RUSTC_BOOTSTRAP allows the flag on
# a stable compiler) and linked with wasm-ld. scripts/setup.sh installs whichever is needed.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Exact wasm-bindgen version from Cargo.lock: the CLI must match the library.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

rustup_has_wasm() {
  command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

# The std-from-source path: taken where rustup has no wasm32 target, or on request with
# ARTICLE_SEARCH_BUILD_STD=1 (it gives the smallest module: see README, "Sizes").
use_build_std() {
  [ "${ARTICLE_SEARCH_BUILD_STD:-}" = 1 ] || ! rustup_has_wasm
}

# Runs cargo for the wasm32 target with whichever toolchain works here. `cargo_wasm test ...`
# runs wasm-bindgen-test's tests (in Node) with the same toolchain.
cargo_wasm() {
  local runner=wasm-bindgen-test-runner
  if ! use_build_std; then
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$runner CARGO_TARGET_DIR="$ROOT/target/wasm" \
      cargo "$@" --target wasm32-unknown-unknown
  elif [ "$1" = test ]; then
    # Tests keep panic messages (panic=abort, not immediate-abort) and their own target dir, so
    # the release build's std is not rebuilt with other flags.
    PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 CARGO_TARGET_DIR="$ROOT/target/wasm-std-test" \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$runner \
      /usr/bin/cargo "$@" --target wasm32-unknown-unknown -Z build-std=std,panic_abort -Z panic-abort-tests
  else
    # Building std from source also allows panic=immediate-abort: a panic (which the engine is
    # written never to reach) traps without the formatting machinery behind panic messages.
    PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 CARGO_TARGET_DIR="$ROOT/target/wasm-std" \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
      /usr/bin/cargo "$@" --target wasm32-unknown-unknown -Z build-std=std,panic_abort
  fi
}

#!/usr/bin/env bash
# Installs everything the build and the tests need; safe to run again (it skips what is there).
#   scripts/setup.sh          build tools: wasm32 target (or Debian's fallback), wasm-bindgen, wasm-opt
#   scripts/setup.sh --test   also Chromium and ChromeDriver for the browser tests
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

with_browser=false
[ "${1:-}" = "--test" ] && with_browser=true

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_updated=false
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]} (apt)"
  if ! $apt_updated; then $SUDO apt-get update -qq; apt_updated=true; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# 1. The wasm32 target: rustup's if it can be had, else Debian's rustc-web with std sources.
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: no cargo found; install Rust (https://rustup.rs) first" >&2
  exit 1
fi
if [ "${ARTICLE_SEARCH_BUILD_STD:-}" = 1 ]; then
  apt_install rustc-web cargo-web rust-web-src lld-22
elif ! rustup_has_wasm; then
  if command -v rustup >/dev/null 2>&1 && timeout 120 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    echo "setup: installed rustup's wasm32-unknown-unknown target"
  else
    echo "setup: rustup's wasm32 target is not available; using Debian's rustc-web and building std from source"
    apt_install rustc-web cargo-web rust-web-src lld-22
  fi
fi

# 2. wasm-bindgen CLI, the exact version of the library in Cargo.lock.
want=$(wasm_bindgen_version)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "setup: installing wasm-bindgen-cli $want (takes a few minutes, once)"
  # --locked first; if one of its locked dependencies is unavailable from the registry, let
  # cargo resolve compatible versions instead.
  cargo install -q wasm-bindgen-cli --version "=$want" --locked 2>/dev/null \
    || cargo install -q wasm-bindgen-cli --version "=$want"
fi

# 3. npm packages: wasm-opt (binaryen) and, for the tests, playwright-core (no browser download).
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 4. A real browser for the tests: Debian's Chromium and its driver; brotli for the size reports
#    of the bench (what a static host serves).
if $with_browser; then
  apt_install chromium chromium-driver fonts-wqy-microhei brotli
fi
echo "setup: ok"

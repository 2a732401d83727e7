#!/usr/bin/env bash
# Builds the generic wasm module (engine, no index) and its wasm-bindgen glue into dist/, which
# is committed: `article-search build` appends a site's index to it, so site owners need no wasm
# toolchain. Run after changing the engine or src/wasm.rs, and commit dist/.
#
#   scripts/build-module.sh           rebuild dist/
#   scripts/build-module.sh --check   rebuild into target/module/ and fail if it differs from dist/
#                                     (skipped, with a note, where the toolchain differs from the
#                                     one recorded in dist/TOOLCHAIN: the bytes depend on it)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
check=false
[ "${1:-}" = "--check" ] && check=true

if use_build_std; then
  toolchain="rustc-web $(/usr/bin/rustc --version | awk '{print $2}') build-std"
else
  toolchain="rustup $(rustc --version | awk '{print $2}') wasm32-unknown-unknown"
fi
toolchain="$toolchain; wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'); wasm-opt $(wasm-opt --version | awk '{print $3}')"

cargo_wasm build --release --lib -q
if use_build_std; then wasm="$ROOT/target/wasm-std"; else wasm="$ROOT/target/wasm"; fi
wasm="$wasm/wasm32-unknown-unknown/release/article_search.wasm"

out="$ROOT/target/module"
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" "$wasm"
# The features rustc emits for wasm32-unknown-unknown; wasm-opt must accept (not add) them.
wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/article_search_bg.wasm" -o "$out/article_search_bg.wasm"

files=(article_search_bg.wasm article_search.js)
if $check; then
  recorded=$(cat dist/TOOLCHAIN 2>/dev/null || true)
  if [ "$recorded" != "$toolchain" ]; then
    echo "build-module: dist/ was built with [$recorded], this machine has [$toolchain]: not compared"
    exit 0
  fi
  for f in "${files[@]}"; do
    if ! cmp -s "$out/$f" "dist/$f"; then
      echo "build-module: dist/$f differs from a fresh build of this source." >&2
      echo "  Run scripts/build-module.sh and commit dist/." >&2
      exit 1
    fi
  done
  echo "build-module: dist/ is reproduced byte for byte ($toolchain)"
else
  mkdir -p dist
  for f in "${files[@]}"; do cp "$out/$f" "dist/$f"; done
  echo "$toolchain" > dist/TOOLCHAIN
  echo "build-module: dist/ rebuilt ($toolchain)"
fi

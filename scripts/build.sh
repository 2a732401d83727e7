#!/usr/bin/env bash
# Builds the static site into www/: the wasm module (with the index of seeds/ or
# $ARTICLE_SEARCH_SEEDS embedded) and its JS glue in www/pkg/, then prints what a browser
# downloads. Run scripts/setup.sh once before (the demo and test scripts do).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

cargo_wasm build --release --lib -q
if rustup_has_wasm; then wasm="$ROOT/target/wasm"; else wasm="$ROOT/target/wasm-std"; fi
wasm="$wasm/wasm32-unknown-unknown/release/article_search.wasm"

rm -rf www/pkg
wasm-bindgen --target web --out-dir www/pkg "$wasm"
rm -f www/pkg/package.json www/pkg/.gitignore
# The features rustc emits for wasm32-unknown-unknown; wasm-opt must accept (not add) them.
wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  www/pkg/article_search_bg.wasm -o www/pkg/article_search_bg.wasm
node scripts/size.mjs

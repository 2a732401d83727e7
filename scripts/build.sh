#!/usr/bin/env bash
# Builds the demo site: the generic wasm module (into dist/, from this source) and then, with the
# native binary, the search files for the seed articles (or $ARTICLE_SEARCH_SEEDS) into www/.
# Run scripts/setup.sh once before (the demo and test scripts do). Site owners do not need this
# script: `article-search build --site DIR --out DIR` needs only the binary (see README).
#
#   scripts/build.sh             build into www/ (upload that folder to any static host)
#   scripts/build.sh OUT_DIR     a copy of the demo site in OUT_DIR (demo pages included)
#
#   ARTICLE_SEARCH_SEEDS=dir     index another folder (relative to the repository root)
#   ARTICLE_SEARCH_INDEX=file    embed a prebuilt index instead (the tests' hand-made one)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
out="${1:-www}"

scripts/build-module.sh
cargo build --release --quiet --bin article-search
args=(build --out "$out")
if [ -n "${ARTICLE_SEARCH_INDEX:-}" ]; then
  args+=(--index "$ARTICLE_SEARCH_INDEX")
else
  args+=(--site "${ARTICLE_SEARCH_SEEDS:-seeds}")
fi
target/release/article-search "${args[@]}" | grep -v '^wrote '
if [ "$out" != www ]; then
  for f in index.html demo.js demo.css favicon.svg; do cp "www/$f" "$out/$f"; done
fi
node scripts/size.mjs "$out"

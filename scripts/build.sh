#!/usr/bin/env bash
# Builds the demo site: the generic wasm module (into dist/, from this source) and then, with the
# native binary, the search files for the seed articles (or $ARTICLE_SEARCH_SEEDS) next to the demo
# pages of www/ in target/site/ (www/ holds only sources: the build names its files by content).
# Run scripts/setup.sh once before (the demo and test scripts do). Site owners do not need this
# script: `article-search build --site DIR --out DIR` needs only the binary (see README).
#
#   scripts/build.sh             build into target/site/ (upload that folder to any static host)
#   scripts/build.sh OUT_DIR     build into OUT_DIR
#
#   ARTICLE_SEARCH_LAYOUT=…      --layout and --shard-size arguments for the build (the tests'
#                                sharded demo)
#
#   ARTICLE_SEARCH_SEEDS=dir     index another folder (relative to the repository root)
#   ARTICLE_SEARCH_INDEX=file    embed a prebuilt index instead (the tests' hand-made one)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
out="${1:-target/site}"

scripts/build-module.sh
cargo build --release --quiet --bin article-search
args=(build --out "$out")
if [ -n "${ARTICLE_SEARCH_INDEX:-}" ]; then
  args+=(--index "$ARTICLE_SEARCH_INDEX")
else
  args+=(--site "${ARTICLE_SEARCH_SEEDS:-seeds}")
fi
# shellcheck disable=SC2206
args+=(${ARTICLE_SEARCH_LAYOUT:-})
target/release/article-search "${args[@]}" | grep -v '^wrote '
for f in index.html dropdown.html demo.js demo.css favicon.svg; do cp "www/$f" "$out/$f"; done
node scripts/size.mjs "$out"

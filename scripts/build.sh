#!/usr/bin/env bash
# Builds the static site: the wasm module (with the index of seeds/, or of
# $ARTICLE_SEARCH_SEEDS, embedded) and its JS glue into www/pkg/, then prints what a browser
# downloads. Run scripts/setup.sh once before (the demo and test scripts do).
#
#   scripts/build.sh             build into www/ (upload that folder to any static host)
#   scripts/build.sh OUT_DIR     build a complete copy of the site into OUT_DIR instead
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
out="${1:-www}"

# Cargo's JSON messages name the build script's output folder, where build.rs left its report
# (articles indexed, warnings); it is printed on every build, cached or not.
out_dir=$(cargo_wasm build --release --lib -q --message-format=json-render-diagnostics \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      for (const line of s.split("\n")) {
        const m = line && JSON.parse(line);
        if (m && m.reason === "build-script-executed" && /#article-search@|^article-search /.test(m.package_id)) console.log(m.out_dir);
      }
    })')
[ -n "$out_dir" ] && cat "$out_dir/report.txt"
if use_build_std; then wasm="$ROOT/target/wasm-std"; else wasm="$ROOT/target/wasm"; fi
wasm="$wasm/wasm32-unknown-unknown/release/article_search.wasm"

if [ "$out" != www ]; then
  rm -rf "$out" && mkdir -p "$out"
  find www -maxdepth 1 -type f -exec cp {} "$out/" \;
fi
rm -rf "$out/pkg"
wasm-bindgen --target web --out-dir "$out/pkg" "$wasm"
rm -f "$out/pkg/package.json" "$out/pkg/.gitignore"
# The features rustc emits for wasm32-unknown-unknown; wasm-opt must accept (not add) them.
wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/pkg/article_search_bg.wasm" -o "$out/pkg/article_search_bg.wasm"
node scripts/size.mjs "$out"

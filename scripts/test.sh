#!/usr/bin/env bash
# Sets up and runs every test:
#   1. native: engine and indexer unit tests, the seed query table, seed coverage and loader
#      errors, property tests, the CLI; a real export of 10,000 Tang poems;
#   2. wasm: wasm-bindgen-test, the exported functions called through JS (in Node);
#   3. browser: the built site served over HTTP in headless Chromium (keyboard, CSP, subpath,
#      wrong MIME type, hostile text, screenshots in tests/browser/artifacts/), and the wasm
#      module's results compared with the CLI's.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh

echo "== native tests"
cargo test --workspace --quiet

echo "== a real export: 10,000 Tang poems (chinese-poetry from npm) build and find every sampled line"
[ -f target/corpora/tang-10k/poems.json ] || node scripts/poems.mjs export 10000 target/corpora/tang-10k/poems.json
cargo test --quiet --test real_corpus -- --ignored

echo "== wasm tests (wasm-bindgen-test in Node)"
cargo_wasm test --test wasm

echo "== the committed generic module (dist/) is what this source builds"
scripts/build-module.sh --check

echo "== build the sites under test"
cargo build --release --quiet --bin article-search
# The hostile site: article text full of markup, and links the build would refuse, written into
# the index by hand (as an old or foreign tool could) to test the engine's and widget's checks.
cargo run --quiet --example hand_made_index -- tests/fixtures/hostile target/hostile-index.bin
ARTICLE_SEARCH_INDEX=target/hostile-index.bin scripts/build.sh target/www-hostile >/dev/null
scripts/build.sh
# The same articles as an archive's index: shards of a few hundred bytes, so that every query
# crosses shard boundaries; and a sharded build of other articles, whose shards must be refused.
ARTICLE_SEARCH_LAYOUT="--layout sharded --shard-size 600" scripts/build.sh target/site-sharded >/dev/null
target/release/article-search build --site tests/fixtures/jekyll --out target/site-sharded-other --layout sharded >/dev/null
# A built site (the HTML pages of the Hugo fixture) with its search folder inside it.
rm -rf target/site-public && cp -r tests/fixtures/hugo/public target/site-public
target/release/article-search build --site target/site-public --out target/site-public/search >/dev/null

echo "== browser tests (headless Chromium)"
node --test tests/browser/

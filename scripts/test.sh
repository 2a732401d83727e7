#!/usr/bin/env bash
# Sets up and runs every test:
#   1. native: engine and indexer unit tests, the seed query table, seed coverage and loader
#      errors, property tests, the CLI;
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

echo "== wasm tests (wasm-bindgen-test in Node)"
cargo_wasm test --test wasm

echo "== build the sites under test"
cargo build --release --quiet --bin article-search
ARTICLE_SEARCH_SEEDS=tests/fixtures/hostile scripts/build.sh target/www-hostile >/dev/null
scripts/build.sh

echo "== browser tests (headless Chromium)"
node --test tests/browser/

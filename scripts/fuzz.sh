#!/usr/bin/env bash
# Fuzzes the engine and the indexer with cargo-fuzz (libFuzzer), one target after another.
# Not part of the test command: it runs for as long as you give it.
#
#   scripts/fuzz.sh                 every target, 600 s each
#   scripts/fuzz.sh 60 search       one target for 60 s
#
# Targets (fuzz/fuzz_targets/): tokenize (normalizer + tokenizer), query (query parser), search
# (search, snippets and the reader view over the seed index), index_open (index bytes mutated from
# the seed index), loaders (Markdown/MDX with TOML/YAML, text, JSON and HTML article files and the
# checks after them), shards (forged shard payloads of a sharded seed index, behind a matching
# checksum, name and root entry). A crash is saved under fuzz/artifacts/TARGET/; turn it into a regression
# test in tests/robustness.rs. Each run's summary goes to fuzz/logs/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(tokenize query search index_open loaders shards)

# libFuzzer needs a nightly compiler (sanitizer flags) and cargo-fuzz.
if ! cargo +nightly --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
command -v cargo-fuzz >/dev/null 2>&1 || cargo install --locked cargo-fuzz

(cd fuzz && cargo +nightly fuzz build -O)

# Seed corpora from real inputs: the seed articles, the example queries, the built index.
mkdir -p fuzz/corpus fuzz/logs
for t in "${targets[@]}"; do mkdir -p "fuzz/corpus/$t"; done
seed() { # seed TARGET NAME PREFIX_BYTES_IN_PRINTF_FORMAT FILE
  [ -d "fuzz/corpus/$1" ] || return 0
  { printf "$3"; cat "$4"; } > "fuzz/corpus/$1/seed-$2"
}
for f in seeds/*.md tests/fixtures/hostile/*; do
  n=$(basename "$f")
  case "$n" in
    *.md) seed loaders "$n" '\000' "$f" ;;
    *.txt) seed loaders "$n" '\002' "$f" ;;
  esac
  seed tokenize "$n" '' "$f"
done
for f in $(find tests/fixtures/hugo tests/fixtures/jekyll -name '*.md' -o -name '*.html'); do
  n=$(echo "$f" | tr '/' '_')
  case "$f" in
    *.md) seed loaders "$n" '\000' "$f" ;;
    *.html) seed loaders "$n" '\004' "$f" ;;
  esac
done
grep -o '"[^"]*"' tests/browser/parity.test.mjs | tr -d '"' | sort -u | while read -r q; do
  h=$(printf '%s' "$q" | md5sum | cut -c1-12)
  printf '%s' "$q" > /tmp/article-search-q && seed query "$h" '' /tmp/article-search-q
  seed search "$h" '\012\000' /tmp/article-search-q
done
# The newest build's index (older build folders may hold an index of an older format).
index=$(ls -t $(find fuzz/target -path '*/build/article-search-*/out/index.bin') 2>/dev/null | head -1)
[ -n "$index" ] && seed index_open seed-index '' "$index"

for t in "${targets[@]}"; do
  echo "== fuzz $t for ${secs}s"
  (cd fuzz && cargo +nightly fuzz run -O "$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -print_final_stats=1) > "fuzz/logs/$t.log" 2>&1 || {
    echo "fuzz $t: FAILED, see fuzz/logs/$t.log and fuzz/artifacts/$t/"; tail -30 "fuzz/logs/$t.log"; exit 1; }
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "fuzz/logs/$t.log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz $t: no crash; $runs executions in ${secs}s"
done

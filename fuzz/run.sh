#!/usr/bin/env bash
# Runs one fuzz target for a while, seeding its corpus first.
#
#   fuzz/run.sh TARGET [SECONDS]     targets: query_parse, index_open_search,
#                                    corpus_readers, search_queries
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On the stable toolchain
# RUSTC_BOOTSTRAP=1 lets it pass the nightly-only sanitizer flags. Crashes land
# in fuzz/artifacts/TARGET/; copy each into
# tests/fixtures/fuzz-regressions/TARGET/ so `cargo test` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?target}
seconds=${2:-300}
corpus=fuzz/corpus/$target
seeds=../shared/corpora/seeds
mkdir -p "$corpus"
if [ -z "$(ls -A "$corpus")" ]; then
  case $target in
    index_open_search)
      cargo run --release --quiet -- index "$seeds" --out "$corpus/seeds.carrel" ;;
    corpus_readers)
      cp "$seeds"/*.txt "$corpus/"
      cp tests/fixtures/hostile/* "$corpus/" 2>/dev/null || true ;;
    query_parse|search_queries)
      i=0
      while IFS= read -r query; do
        i=$((i + 1)); printf '%s' "$query" > "$corpus/q$i"
      done <<'QUERIES'
armistice talks
"neutral zone" -Mexicans
Peking OR Peiping | Beijing
repatriat* title:korea
Menzeis from:"Zhou En-lai"
date:1951-06..1951-09 year:1950.. sort:newest
((a OR (b)) c NOT "d e
795.00/7–2552 U.S.A. 38th
id:volume-1/1-armistice
„Waffen stillstand“ «cessez» 周恩来 🕊️
QUERIES
      ;;
  esac
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz run --fuzz-dir fuzz "$target" "$corpus" -- -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048

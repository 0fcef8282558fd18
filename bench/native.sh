#!/usr/bin/env bash
# Native benchmark of the Carrel CLI on the whole DFAT collection: index build
# time and peak memory, index size vs raw text, query latency over
# bench/queries/dfat-100.txt. Reproduce from the repository root: bash bench/native.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
W=$OUT/native
QUERIES=${QUERIES:-$BENCH/queries/dfat-100.txt}   # overridable for smoke tests
PASSES=${PASSES:-3}
mkdir -p "$W"
exec > >(tee "$W/report.md") 2>&1

echo "# Carrel native benchmark (DFAT, 1×)"
echo
machine_header
echo "- reproduce: \`bash bench/native.sh\` (from the repository root)"
need_gnu_time

CORPUS=$(timeout 300 python3 "$BENCH/native_latency.py" corpus "$DFAT")
DOCS=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['documents'])" "$CORPUS")
RAW=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['body_bytes'])" "$CORPUS")
echo "- corpus: $(realpath --relative-to="$ROOT" "$DFAT"): $DOCS documents, raw body text $RAW bytes ($(fmt_bytes "$RAW")) = sum of the .md files without front matter"

build_carrel
carrel_line
if ! carrel_has index || ! carrel_has search; then
  echo
  echo "Carrel CLI not available yet (need \`carrel index\` and \`carrel search\` at ${CARREL#"$ROOT/"}): skipped."
  exit 0
fi

INDEX=$W/dfat.carrel
rm -f "$INDEX"
VOLS=("$DFAT"/volume-*)
say "carrel index <${#VOLS[@]} DFAT volume folders> --out ${INDEX#"$ROOT/"} (at most 30 min)"
echo
echo "## Index"
echo
echo '```'
timed "$W/index.time" timeout 1800 "$CARREL" index "${VOLS[@]}" --out "$INDEX"
echo '```'
read -r WALL PEAK <"$W/index.time"
BYTES=$(stat -c %s "$INDEX")
echo
echo "- build: ${WALL} s wall clock, peak memory ${PEAK:-n/a} bytes ($(fmt_bytes "${PEAK:-0}")) (/usr/bin/time -v)"
echo "- index: $BYTES bytes ($(fmt_bytes "$BYTES")) = $(awk -v a="$BYTES" -v b="$RAW" 'BEGIN{printf "%.3f", a/b}') × the raw body text ($(fmt_bytes "$RAW"))"
echo
echo "## Query latency ($(realpath --relative-to="$ROOT" "$QUERIES"))"
echo
timeout 1800 python3 "$BENCH/native_latency.py" latency "$CARREL" "$INDEX" "$QUERIES" --passes "$PASSES" --json-out "$W/latency.json"
echo
echo "(report: ${W#"$ROOT/"}/report.md)"

#!/usr/bin/env bash
# Scale: Carrel on ~100,000 documents (DFAT repeated 13×, distinct ids) vs the
# 1× collection: index build time, peak memory, index size, native query
# latency over bench/queries/dfat-100.txt. Reproduce from the repository root:
#   bash bench/scale.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
COPIES=${COPIES:-13}   # overridable for smoke tests
W=$OUT/scale
X13=$OUT/dfat-x$COPIES
QUERIES=${QUERIES:-$BENCH/queries/dfat-100.txt}   # overridable for smoke tests
PASSES=${PASSES:-1}
mkdir -p "$W"
exec > >(tee "$W/report.md") 2>&1

echo "# Carrel at scale: DFAT 1× vs ${COPIES}×"
echo
machine_header
echo "- reproduce: \`bash bench/scale.sh\` (from the repository root)"
need_gnu_time

# The 13× collection (bench/out/dfat-x13): copies of the 18 volume folders in copy-01..copy-13, so
# every document's path (its id) is distinct. Made once; gitignored.
WANT=$(find "$DFAT" -mindepth 2 -name '*.md' | wc -l)
for i in $(seq -w 1 $COPIES); do
  d=$X13/copy-$i
  if [ "$(find "$d" -name '*.md' 2>/dev/null | wc -l)" != "$WANT" ]; then
    say "copying DFAT volumes into ${d#"$ROOT/"}"
    rm -rf "$d"; mkdir -p "$d"
    cp -r "$DFAT"/volume-* "$d"/
  fi
done
C1=$(python3 "$BENCH/native_latency.py" corpus "$DFAT")
C13=$(python3 "$BENCH/native_latency.py" corpus "$X13")
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
echo "- 1×: $(realpath --relative-to="$ROOT" "$DFAT")/volume-*: $(field "$C1" documents) documents, $(fmt_bytes "$(field "$C1" body_bytes)") body text"
echo "- ${COPIES}×: ${X13#"$ROOT/"}/copy-NN/volume-*: $(field "$C13" documents) documents, $(fmt_bytes "$(field "$C13" body_bytes)") body text"

build_carrel
carrel_line
if ! carrel_has index || ! carrel_has search; then
  echo
  echo "Carrel CLI not available yet (need \`carrel index\` and \`carrel search\`): skipped."
  exit 0
fi

declare -A ROW
for scale in 1 $COPIES; do
  if [ "$scale" = 1 ]; then SRC=("$DFAT"/volume-*); C=$C1; else SRC=("$X13"); C=$C13; fi
  INDEX=$W/dfat-x$scale.carrel
  rm -f "$INDEX"
  echo
  echo "## ${scale}×"
  echo
  say "carrel index (${scale}×) --out ${INDEX#"$ROOT/"} (at most 60 min)"
  echo '```'
  timed "$W/index-x$scale.time" timeout 3600 "$CARREL" index "${SRC[@]}" --out "$INDEX"
  echo '```'
  read -r WALL PEAK <"$W/index-x$scale.time"
  BYTES=$(stat -c %s "$INDEX")
  RAW=$(field "$C" body_bytes)
  echo
  timeout 3600 python3 "$BENCH/native_latency.py" latency "$CARREL" "$INDEX" "$QUERIES" --passes "$PASSES" --json-out "$W/latency-x$scale.json"
  L=$W/latency-x$scale.json
  ROW[$scale]="| ${scale}× | $(field "$C" documents) | $(fmt_bytes "$RAW") | ${WALL} s | $(fmt_bytes "${PEAK:-0}") | $(fmt_bytes "$BYTES") ($(awk -v a="$BYTES" -v b="$RAW" 'BEGIN{printf "%.3f", a/b}')× raw) | $(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%.1f / %.1f / %.1f ms' % (d['process_median_ms'], d['process_p95_ms'], d['process_max_ms']))" "$L") | $(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%.1f / %.1f ms' % (d['net_median_ms'], d['net_p95_ms']))" "$L") | $(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%.2f ms' % d['batch_mean_ms'] if 'batch_mean_ms' in d else 'n/a')" "$L") |"
done
echo
echo "## Summary"
echo
echo "| collection | documents | raw text | index build | peak memory | index size | per-process query median / p95 / max | minus no-op baseline median / p95 | batch mean |"
echo "|---|---|---|---|---|---|---|---|---|"
echo "${ROW[1]}"
echo "${ROW[$COPIES]}"
echo
echo "(latency over $(realpath --relative-to="$ROOT" "$QUERIES"), fastest of $PASSES pass(es) per query; see native_latency.py for the method; report: ${W#"$ROOT/"}/report.md)"

#!/usr/bin/env bash
# Ranked-retrieval quality on Cranfield (1,400 abstracts, 225 queries, graded
# judgments): Carrel vs a bm25s Lucene BM25 baseline measured in the same run,
# on clean queries and on the same queries with one random edit in every word of
# 5+ letters (seeded, reproducible). Reproduce from the repository root:
#   bash bench/relevance.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
W=$OUT/relevance
VENV=$OUT/venv
mkdir -p "$W"
exec > >(tee "$W/report.md") 2>&1

echo "# Relevance: Cranfield"
echo
machine_header
echo "- reproduce: \`bash bench/relevance.sh\` (from the repository root)"
echo "- collection: $(realpath --relative-to="$ROOT" "$CRANFIELD"): docs.jsonl, queries.tsv, qrels.trec (gain 1–4; any gain counts as relevant for RR, MAP, P@10)"
echo

if [ ! -x "$VENV/bin/python" ]; then
  say "creating venv ${VENV#"$ROOT/"}"
  python3 -m venv "$VENV"
fi
say "pip install -r bench/requirements.txt (at most 10 min)"
timeout 600 "$VENV/bin/pip" install -q -r "$BENCH/requirements.txt"
PY=$VENV/bin/python

say "queries: clean and typo sets"
echo "## Query sets"
"$PY" "$BENCH/relevance.py" queries "$CRANFIELD/queries.tsv" "$W"
echo

say "bm25s baseline (Lucene BM25, k1 1.2, b 0.75, title + text, no stemming)"
echo "## Runs"
timeout 600 "$PY" "$BENCH/relevance.py" bm25s "$CRANFIELD/docs.jsonl" "$W/clean.tsv" "$W/bm25s-clean.run"
timeout 600 "$PY" "$BENCH/relevance.py" bm25s "$CRANFIELD/docs.jsonl" "$W/typos.tsv" "$W/bm25s-typos.run"
RUNS=("bm25s (clean)=$W/bm25s-clean.run" "bm25s (typos)=$W/bm25s-typos.run")
PAIRS=(--pair "bm25s (clean)" "bm25s (typos)")

build_carrel
carrel_line
if carrel_has index && carrel_has search; then
  rm -f "$W/cranfield.carrel"
  say "carrel index docs.jsonl"
  timeout 600 "$CARREL" index "$CRANFIELD/docs.jsonl" --out "$W/cranfield.carrel" | sed 's/^/  carrel index: /'
  for set in clean typos; do
    say "carrel search --queries $set.tsv --trec --any"
    timeout 600 "$CARREL" search "$W/cranfield.carrel" --queries "$W/$set.tsv" --trec --any >"$W/carrel-$set.run"
    timeout 600 "$CARREL" search "$W/cranfield.carrel" --queries "$W/$set.tsv" --trec >"$W/carrel-default-$set.run"
    echo "  carrel ($set): $(wc -l <"$W/carrel-$set.run") run lines with --any, $(wc -l <"$W/carrel-default-$set.run") in the default mode (AND, with fallback)"
  done
  RUNS+=("carrel --any (clean)=$W/carrel-clean.run" "carrel --any (typos)=$W/carrel-typos.run"
         "carrel default mode (clean)=$W/carrel-default-clean.run" "carrel default mode (typos)=$W/carrel-default-typos.run")
  PAIRS+=(--pair "carrel --any (clean)" "carrel --any (typos)" --pair "carrel default mode (clean)" "carrel default mode (typos)")
else
  echo "  Carrel CLI not available yet (need \`carrel index\` and \`carrel search\` at $(realpath --relative-to="$ROOT" "$CARREL" 2>/dev/null || echo "$CARREL")): Carrel rows skipped."
fi
echo
echo "## Scores (mean over all 225 judged queries; a query without results scores 0)"
"$PY" "$BENCH/relevance.py" eval "$CRANFIELD/qrels.trec" "${RUNS[@]}" "${PAIRS[@]}"
echo
echo "bm25s Lucene BM25 reference: nDCG@10 0.345 (../shared/corpora/cranfield/SOURCE.md; the bm25s rows above are this run's own measurement)"

# Known items: a visitor types a run of words remembered from a document.
echo
echo "# Known items: DFAT"
echo
echo "- reproduce: \`bash bench/relevance.sh\`; the queries: \`python3 bench/relevance.py knownitem $(realpath --relative-to="$ROOT" "$DFAT") OUT_DIR\`"
echo "- collection: $(realpath --relative-to="$ROOT" "$DFAT") (Markdown); the measure that matters is RR@10 (MRR@10: the item first scores 1, second 0.5, …; not in the top 10, 0)"
echo
K=$W/known
mkdir -p "$K"
"$PY" "$BENCH/relevance.py" knownitem "$DFAT" "$K"
timeout 600 "$PY" "$BENCH/relevance.py" bm25s "$K/docs.jsonl" "$K/known.tsv" "$K/bm25s.run"
KRUNS=("bm25s=$K/bm25s.run")
if carrel_has index && carrel_has search; then
  rm -f "$K/dfat.carrel"
  timeout 600 "$CARREL" index "$DFAT" --out "$K/dfat.carrel" | sed 's/^/  carrel index: /'
  timeout 600 "$CARREL" search "$K/dfat.carrel" --queries "$K/known.tsv" --trec >"$K/carrel-default.run"
  timeout 600 "$CARREL" search "$K/dfat.carrel" --queries "$K/known.tsv" --trec --any >"$K/carrel-any.run"
  KRUNS+=("carrel default mode=$K/carrel-default.run" "carrel --any=$K/carrel-any.run")
fi
"$PY" "$BENCH/relevance.py" eval "$K/known.qrels" "${KRUNS[@]}"

echo
echo "# Quoted phrases: DFAT"
echo
if [ -f "$K/dfat.carrel" ]; then
  "$PY" "$BENCH/relevance.py" phrases "$DFAT" "$CARREL" "$K/dfat.carrel"
fi
echo
echo "(report: ${W#"$ROOT/"}/report.md; runs in ${W#"$ROOT/"}/*.run)"

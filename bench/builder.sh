#!/usr/bin/env bash
# The builder module against the native tool: `carrel build` of the seeds and of DFAT by the
# native binary and by the npm package (WebAssembly in Node, installed from its tarball),
# wall time and peak memory (GNU time) of each, fastest of RUNS runs; whether the two sites
# are the same bytes; the package's and the builder module's sizes.
# Needs target/release/carrel and dist/carrel-<version>.tgz (./build.sh builds both).
# Reproduce from the repository root: bash bench/builder.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
W=$OUT/builder
RUNS=${RUNS:-3}
VERSION=$(awk -F'"' '/^version = / { print $2; exit }' "$ROOT/Cargo.toml")
TARBALL=$ROOT/dist/carrel-$VERSION.tgz
[ -x "$CARREL" ] || { echo "no native carrel at $CARREL: run ./build.sh" >&2; exit 1; }
[ -f "$TARBALL" ] || { echo "no package at $TARBALL: run ./build.sh package" >&2; exit 1; }
rm -rf "$W"
mkdir -p "$W/project"
exec > >(tee "$W/report.md") 2>&1

echo "# The builder module (npm package, WebAssembly in Node) against the native tool"
echo
machine_header
echo "- node: $(node --version); native: $("$CARREL" --version)"
echo "- reproduce: \`bash bench/builder.sh\` (from the repository root; RUNS=$RUNS, fastest run reported)"
need_gnu_time
echo '{ "private": true }' >"$W/project/package.json"
(cd "$W/project" && npm install --offline --no-audit --no-fund --silent "$TARBALL")
PACKAGED=$W/project/node_modules/.bin/carrel

# best LABEL OUT CMD...: runs CMD (which writes a site to OUT) RUNS times; prints the fastest
# wall time and the peak memory of that run.
best() {
  local label=$1 out=$2; shift 2
  local fastest="" rss="" n
  for n in $(seq "$RUNS"); do
    rm -rf "$out"
    timed "$W/$label.$n" "$@" >/dev/null 2>"$W/$label.$n.err" || { cat "$W/$label.$n.err" >&2; exit 1; }
    read -r wall peak <"$W/$label.$n"
    if [ -z "$fastest" ] || awk -v a="$wall" -v b="$fastest" 'BEGIN{exit !(a<b)}'; then fastest=$wall; rss=$peak; fi
  done
  echo "$fastest $rss"
}

echo
echo "| collection | input | native build | native peak memory | npm package build | package peak memory | time ratio | same site |"
echo "|---|---|---|---|---|---|---|---|"
for corpus in seeds dfat-1923-1949; do
  dir=$CORPORA/$corpus
  input=$(find -L "$dir" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
  read -r nwall nrss < <(best "native-$corpus" "$W/native-$corpus" "$CARREL" build "$dir" --out "$W/native-$corpus")
  read -r wwall wrss < <(best "package-$corpus" "$W/package-$corpus" "$PACKAGED" build "$dir" --out "$W/package-$corpus")
  same=no
  diff -rq "$W/native-$corpus" "$W/package-$corpus" >/dev/null && same=yes
  ratio=$(awk -v a="$wwall" -v b="$nwall" 'BEGIN{printf "%.2f×", a/b}')
  echo "| $corpus | $(fmt_bytes "$input") | ${nwall} s | $(fmt_bytes "$nrss") | ${wwall} s | $(fmt_bytes "$wrss") | $ratio | $same |"
done

echo
node -e '
  const fs = require("fs"), zlib = require("zlib");
  const sizes = (file) => {
    const bytes = fs.readFileSync(file);
    const gz = zlib.gzipSync(bytes, { level: 9 }).length;
    const br = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    return `${bytes.length} bytes raw, ${gz} gzip -9, ${br} brotli`;
  };
  console.log(`- package ${process.argv[1].split("/").pop()}: ${fs.statSync(process.argv[1]).size} bytes`);
  console.log(`- builder module carrel_builder_bg.wasm: ${sizes(process.argv[2])}`);
  console.log(`- template module carrel_bg.wasm (in every site, for comparison): ${sizes(process.argv[3])}`);
' "$TARBALL" "$W/project/node_modules/carrel/carrel_builder_bg.wasm" "$ROOT/target/web/carrel_bg.wasm"

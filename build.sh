#!/usr/bin/env bash
# Builds Carrel: the template wasm module, the `carrel` tool (which embeds the
# template and the page) and the demo site from the five seed documents.
#
#   ./build.sh          build everything and serve the demo at http://127.0.0.1:8000
#   ./build.sh build    build everything, do not serve
#   ./build.sh test     build everything, then run every test (Rust, wasm parity, browser, npm package)
#   ./build.sh package  build the npm package and the builder page only: dist/carrel-<version>.tgz
#                       (`npx` it, or `npm i -g` it) and dist/carrel-studio.html (open it from disk)
#
# Installs what is missing: the wasm32 target, the wasm-bindgen CLI matching
# Cargo.lock, the npm packages (wasm-opt from binaryen, playwright-core) and, for
# `test`, Debian's headless Chromium (as root; otherwise it says what to install).
# Needs a Rust toolchain (rustup), Node with npm, and for `test` ../shared/corpora.
set -euo pipefail
cd "$(dirname "$0")"

ROOT=$(pwd)
SEEDS=${CARREL_SEEDS:-$ROOT/../shared/corpora/seeds}
DIST=$ROOT/dist
WEB=$ROOT/target/web
BUILDER=$ROOT/target/builder
PACKAGE=$ROOT/target/package
PORT=${PORT:-8000}
# `cargo install` puts the wasm-bindgen CLI in $CARGO_INSTALL_ROOT/bin, else $CARGO_HOME/bin.
export PATH="${CARGO_INSTALL_ROOT:+$CARGO_INSTALL_ROOT/bin:}${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
CHROMIUM=${CARREL_CHROMIUM:-/usr/bin/chromium}

log() { printf '\n== %s\n' "$*" >&2; }

# The CLI's own Cargo.lock names exact versions of its dependencies; a registry
# that lacks one of them (seen: webpki-roots 1.0.11) cannot honour `--locked`.
# Then resolve afresh: the CLI itself stays at the version Cargo.lock wants.
install_wasm_bindgen() {
  local want=$1 log_file
  log_file=$(mktemp)
  log "installing wasm-bindgen-cli $want with its own lock file (takes about 3 minutes)"
  if cargo install wasm-bindgen-cli --version "$want" --locked 2>"$log_file"; then
    log "installed wasm-bindgen-cli $want (--locked)"
  else
    grep -E '^error' "$log_file" | head -3 >&2 || true
    log "its lock file cannot be honoured on this registry; installing wasm-bindgen-cli $want with dependencies resolved afresh"
    cargo install wasm-bindgen-cli --version "$want"
    log "installed wasm-bindgen-cli $want (unlocked resolve)"
  fi
  rm -f "$log_file"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    echo "wasm-bindgen $want is not on PATH after installing it (PATH=$PATH)" >&2
    exit 1
  fi
}

ensure_tools() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    install_wasm_bindgen "$want"
  fi
  if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages"
    npm ci --no-audit --no-fund
  fi
}

# The browser tests drive Debian's headless Chromium: nothing downloads a browser of its
# own (see .ci/run). Checked before anything is built, so a missing browser stops the run
# at once rather than after the build and the Rust tests.
ensure_chromium() {
  [ -x "$CHROMIUM" ] && return
  if [ -n "${CARREL_CHROMIUM:-}" ]; then
    echo "CARREL_CHROMIUM=$CARREL_CHROMIUM is not an executable file: point it at a Chromium binary, or unset it to use /usr/bin/chromium" >&2
    exit 1
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing headless Chromium for the browser tests (Debian's chromium and chromium-driver)"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
  if [ ! -x "$CHROMIUM" ]; then
    echo "the browser tests need Chromium at $CHROMIUM: install Debian's chromium package (sudo apt-get install chromium chromium-driver), or set CARREL_CHROMIUM to a Chromium binary" >&2
    exit 1
  fi
}

# Two flavours of the template, the same code but for the stemmers: carrel_bg.wasm has
# every language's (the `all-languages` feature), carrel_english_bg.wasm English's only,
# about half the bytes. `carrel build` ships the smaller one to collections that need no
# other stemmer. Both take the same glue: build.sh refuses them if wasm-bindgen disagrees.
build_wasm() {
  mkdir -p "$WEB" "$ROOT/target/wasm-raw"
  local tmp
  tmp=$(mktemp -d)
  log "building the template wasm module, English stemmer only"
  cargo build --lib --target wasm32-unknown-unknown --profile wasm --no-default-features
  bind_template "$tmp/english" carrel_english_bg.wasm carrel_english.wasm
  log "building the template wasm module, every stemmer"
  cargo build --lib --target wasm32-unknown-unknown --profile wasm
  bind_template "$tmp/all" carrel_bg.wasm carrel.wasm
  cmp -s "$tmp/english/web/carrel.js" "$tmp/all/web/carrel.js" && cmp -s "$tmp/english/classic/carrel.js" "$tmp/all/classic/carrel.js" \
    || { echo "wasm-bindgen emitted different glue for the two template flavours" >&2; exit 1; }
  { echo "// Generated by build.sh (wasm-bindgen --target web); do not edit."; without_doc_comments < "$tmp/all/web/carrel.js"; } > "$WEB/carrel_bindings.js"
  { echo "// Generated by build.sh (wasm-bindgen --target no-modules); do not edit."; without_doc_comments < "$tmp/all/classic/carrel.js"; } > "$WEB/carrel_nomodules.js"
  cp "$ROOT/www/carrel.d.ts" "$WEB/" 2>/dev/null || true
  rm -rf "$tmp"
}

# The glue without its `/** … */` comments, which repeat the Rust docs of the exports
# (www/carrel.d.ts keeps them for developers): 0.5 KB brotli of every first visit.
without_doc_comments() {
  node -e 'process.stdout.write(require("fs").readFileSync(0, "utf8").replace(/\n[ \t]*\/\*\*[\s\S]*?\*\//g, ""))'
}

# wasm-bindgen and wasm-opt over the module cargo just wrote: into $1 (glue), the
# optimised module to $WEB/$2, and a copy of cargo's module (names intact, for
# bench/wasm-size.sh) to target/wasm-raw/$3.
bind_template() {
  local dir=$1 name=$2 raw_copy=$3 raw=target/wasm32-unknown-unknown/wasm/carrel.wasm
  cp "$raw" "$ROOT/target/wasm-raw/$raw_copy"
  # The same out-name for both targets, so the two modules are identical
  # (import names follow it) and one module serves both glues.
  wasm-bindgen --target web --no-typescript --out-dir "$dir/web" --out-name carrel "$raw"
  wasm-bindgen --target no-modules --no-typescript --out-dir "$dir/classic" --out-name carrel "$raw"
  cmp -s "$dir/web/carrel_bg.wasm" "$dir/classic/carrel_bg.wasm" \
    || { echo "wasm-bindgen emitted different modules for web and no-modules" >&2; exit 1; }
  # -Oz until nothing changes (--converge): about 0.7 KB brotli less than one round, and
  # measured no slower in Chromium (bench/search-latency.mjs on DFAT). --low-memory-unused
  # (Rust's data and stack start at 1 MiB, so the first 1 KiB is never addressed) and
  # --zero-filled-memory (the module's own memory starts zeroed): 0.7 KB brotli less.
  node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --zero-filled-memory \
    --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$dir/web/carrel_bg.wasm" -o "$WEB/$name"
}

# The builder module: the crate's build path (readers, index and site writers, with the
# template module and the page embedded as in the tool) as WebAssembly, for the npm package
# and the builder page. Its glue is wrapped so that each build gets a fresh instance
# (npm/make-glue.mjs). Then the builder page, from the module and studio/: its skeleton
# (target/builder/carrel-studio-skeleton.html, which the package ships) and the page itself
# (target/web/carrel-studio.html, which the tool embeds: every site carries it as studio.html).
build_builder() {
  log "building the builder module (carrel build as WebAssembly)"
  CARREL_WEB_DIR="$WEB" cargo build --lib --target wasm32-unknown-unknown --profile builder --features builder
  local raw=target/wasm32-unknown-unknown/builder/carrel.wasm tmp
  tmp=$(mktemp -d)
  wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name carrel_builder "$raw"
  mkdir -p "$BUILDER"
  cp "$tmp/carrel_builder_bg.wasm" "$BUILDER/carrel_builder_bg.wasm"
  node npm/make-glue.mjs "$tmp/carrel_builder.js" > "$BUILDER/carrel_builder.js"
  rm -rf "$tmp"
  log "assembling the builder page"
  node studio/make-studio.mjs "$BUILDER/carrel_builder.js" "$BUILDER/carrel_builder_bg.wasm" \
    "$BUILDER/carrel-studio-skeleton.html" "$WEB/carrel-studio.html"
}

# The builder page beside the demo site and the package, with its size.
copy_studio() {
  mkdir -p "$DIST"
  cp "$WEB/carrel-studio.html" "$DIST/carrel-studio.html"
  node -e '
    const fs = require("fs"), zlib = require("zlib");
    const bytes = fs.readFileSync(process.argv[1]);
    const gz = zlib.gzipSync(bytes, { level: 9 }).length;
    const br = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(`builder page ${process.argv[1]}: ${bytes.length} bytes (${gz} gzip -9, ${br} brotli)`);
  ' "$DIST/carrel-studio.html" >&2
}

# The npm package, staged in target/package and packed into dist/carrel-<version>.tgz.
build_package() {
  local version
  version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
  log "packing the npm package carrel $version"
  rm -rf "$PACKAGE"
  mkdir -p "$PACKAGE" "$DIST"
  cp npm/carrel.js npm/carrel.d.ts npm/node.js npm/cli.js npm/studio-page.js npm/README.md "$PACKAGE/"
  cp "$BUILDER/carrel_builder.js" "$BUILDER/carrel_builder_bg.wasm" "$BUILDER/carrel-studio-skeleton.html" "$PACKAGE/"
  node -e '
    const fs = require("fs");
    const manifest = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    manifest.version = process.argv[2];
    fs.writeFileSync(process.argv[3], JSON.stringify(manifest, null, 2) + "\n");
  ' npm/package.json "$version" "$PACKAGE/package.json"
  rm -f "$DIST/carrel-$version.tgz"
  (cd "$PACKAGE" && npm pack --silent --pack-destination "$DIST" >/dev/null)
  node -e '
    const fs = require("fs"), zlib = require("zlib");
    const size = (file) => {
      const bytes = fs.readFileSync(file);
      const br = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      return `${bytes.length} bytes (${br} brotli)`;
    };
    console.log(`package ${process.argv[1]}: ${fs.statSync(process.argv[1]).size} bytes`);
    console.log(`builder module carrel_builder_bg.wasm: ${size(process.argv[2])}`);
  ' "$DIST/carrel-$version.tgz" "$PACKAGE/carrel_builder_bg.wasm" >&2
}

build_tool() {
  log "building the carrel tool (embeds the template, the page and the builder page)"
  CARREL_WEB_DIR="$WEB" cargo build --release --bin carrel
}

build_demo() {
  log "building the demo site from $SEEDS"
  rm -rf "$DIST"
  target/release/carrel build "$SEEDS" --name "Korean War Armistice, 1951–52" --out "$DIST"
  report_sizes "$DIST"
  copy_studio
}

report_sizes() {
  log "shipped files (raw / gzip -9 / brotli)"
  node -e '
    const fs = require("fs"), zlib = require("zlib"), path = require("path");
    const dir = process.argv[1];
    let total = [0, 0, 0];
    for (const name of fs.readdirSync(dir).sort()) {
      if (fs.statSync(path.join(dir, name)).isDirectory()) continue; // examples/
      const bytes = fs.readFileSync(path.join(dir, name));
      const gz = zlib.gzipSync(bytes, { level: 9 }).length;
      const br = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      const served = ["index.html", "favicon.svg", "style.css", "app.js", "i18n.js", "views.js", "carrel.js", "collection.js", "carrel_bindings.js", "carrel.wasm"];
      if (served.includes(name)) total = [total[0] + bytes.length, total[1] + gz, total[2] + br];
      console.log(`${name.padEnd(24)} ${String(bytes.length).padStart(9)} ${String(gz).padStart(9)} ${String(br).padStart(9)}`);
    }
    console.log(`${"page as served".padEnd(24)} ${String(total[0]).padStart(9)} ${String(total[1]).padStart(9)} ${String(total[2]).padStart(9)}`);
  ' "$1"
}

build_all() {
  ensure_tools
  build_wasm
  build_builder
  build_tool
  build_demo
  build_package
}

run_tests() {
  log "Rust tests (unit and end-to-end)"
  cargo test --release
  log "wasm parity and browser tests"
  local version
  version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
  CARREL_BIN="$ROOT/target/release/carrel" CARREL_SITE_DIR="$DIST" CARREL_CHROMIUM="$CHROMIUM" \
    CARREL_OFFLINE_FILE="$DIST/carrel-offline.html" CARREL_PACKAGE="$DIST/carrel-$version.tgz" \
    CARREL_STUDIO_FILE="$DIST/carrel-studio.html" CARREL_SEEDS="$SEEDS" npm test
}

case "${1:-demo}" in
  demo)
    build_all
    log "offline single-file page: $DIST/carrel-offline.html (open it from disk)"
    log "builder page: $DIST/carrel-studio.html (open it from disk: a folder of documents in, a site out)"
    log "serving the demo at http://127.0.0.1:$PORT (Ctrl-C to stop)"
    exec node tests/browser/serve.mjs "$DIST" "$PORT"
    ;;
  build) build_all ;;
  package)
    ensure_tools
    build_wasm
    build_builder
    copy_studio
    build_package
    ;;
  test)
    ensure_chromium
    build_all
    run_tests
    ;;
  *)
    echo "usage: ./build.sh [demo|build|test|package]" >&2
    exit 2
    ;;
esac

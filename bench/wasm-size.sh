#!/usr/bin/env bash
# What each crate costs in the search module: `twiggy top` over the module cargo
# writes (before wasm-bindgen and wasm-opt, where function names survive; build.sh
# keeps a copy of each flavour in target/wasm-raw/), its
# functions grouped by the crate their name starts with, the data segments and
# custom sections apart. Then the shipped templates after wasm-bindgen and
# wasm-opt (target/web), raw / gzip -9 / brotli 11.
# Reproduce from the repository root, after ./build.sh build:  bash bench/wasm-size.sh [MODULE...]
# (default: both flavours, target/wasm-raw/carrel.wasm and carrel_english.wasm)
# In cargo's module the wasm_bindgen and js_sys groups are mostly `__wbindgen_describe`
# functions and the custom sections are names and descriptors, all of which wasm-bindgen
# removes: to see what ships, pass the module wasm-bindgen writes (before wasm-opt, its
# function names still there), e.g.
#   wasm-bindgen --target web --out-dir /tmp/bound target/wasm-raw/carrel_english.wasm
#   bash bench/wasm-size.sh /tmp/bound/carrel_english_bg.wasm
# Needs twiggy (cargo install twiggy).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ $# -gt 0 ] || set -- "$ROOT/target/wasm-raw/carrel.wasm" "$ROOT/target/wasm-raw/carrel_english.wasm"
command -v twiggy >/dev/null || { echo "twiggy not found: cargo install twiggy" >&2; exit 1; }
machine_header
for MODULE in "$@"; do
[ -f "$MODULE" ] || { echo "no module at $MODULE: run ./build.sh build first" >&2; exit 1; }
echo
echo "- module: $MODULE ($(stat -c %s "$MODULE") bytes)"
echo
twiggy top -n 1000000 --format csv "$MODULE" | node -e '
  const rows = require("fs").readFileSync(0, "utf8").trim().split("\n").slice(1);
  const groups = new Map();
  let total = 0;
  for (const row of rows) {
    // Name,ShallowSize,...: the name may be quoted and hold commas.
    const m = row.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
    if (!m) continue;
    const name = m[1].startsWith("\"") ? m[1].slice(1, -1).replace(/""/g, "\"") : m[1];
    const size = Number(m[2]);
    total += size;
    let group;
    if (/^data segment/.test(name) || /^data\[/.test(name)) group = "(data segments: string and table constants of every crate)";
    else if (/^custom section|subsection$/.test(name)) group = "(custom sections: names, wasm-bindgen descriptors; not shipped)";
    else if (/^(type|import|export|table|elem|global|memory|code section headers|wasm magic)/.test(name)) group = "(module structure)";
    else {
      const path = name.replace(/^[<&*\s]+|^(dyn |mut |const )+/g, "").replace(/^(dyn |mut |const )+/, "");
      const crate = path.split("::")[0].replace(/[^A-Za-z0-9_].*$/, "");
      group = crate || "(unnamed)";
      if (/^__wbg|^__wbindgen|^wasm_bindgen/.test(path)) group = "wasm_bindgen";
    }
    groups.set(group, (groups.get(group) || 0) + size);
  }
  const sorted = [...groups].sort((a, b) => b[1] - a[1]);
  console.log("| crate | bytes | share |");
  console.log("|---|---:|---:|");
  for (const [g, s] of sorted) if (s >= 1000) console.log(`| ${g} | ${s} | ${(100 * s / total).toFixed(1)}% |`);
  const small = sorted.filter(([, s]) => s < 1000).reduce((a, [, s]) => a + s, 0);
  console.log(`| (${sorted.filter(([, s]) => s < 1000).length} groups under 1000 bytes) | ${small} | ${(100 * small / total).toFixed(1)}% |`);
  console.log(`| total | ${total} | 100% |`);
'
done
echo
echo "Shipped templates (target/web, after wasm-bindgen and wasm-opt):"
echo
echo "| file | raw | gzip -9 | brotli 11 |"
echo "|---|---:|---:|---:|"
for f in "$ROOT"/target/web/*.wasm; do
  node -e '
    const fs = require("fs"), zlib = require("zlib"), path = require("path");
    const b = fs.readFileSync(process.argv[1]);
    const gz = zlib.gzipSync(b, { level: 9 }).length;
    const br = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(`| ${path.basename(process.argv[1])} | ${b.length} | ${gz} | ${br} |`);
  ' "$f"
done

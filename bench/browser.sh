#!/usr/bin/env bash
# Browser benchmark: Carrel vs Pagefind, MiniSearch and lunr on the DFAT
# documents in headless Chromium. Installs bench/'s npm packages (locked versions), builds
# carrel (guarded: the Carrel row is skipped until `carrel build` exists), then
# runs bench/browser.mjs, which builds every site into bench/out/ and measures.
# Reproduce from the repository root:  bash bench/browser.sh
# Options are passed to browser.mjs (--tools, --no-build, --max-queries, --results, --timeout-min).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_gnu_time
[ -x /usr/bin/chromium ] || { echo "no /usr/bin/chromium (Debian package chromium)"; exit 1; }
if [ ! -d "$BENCH/node_modules/playwright-core" ] || [ "$BENCH/package-lock.json" -nt "$BENCH/node_modules/.package-lock.json" ]; then
  # Not `npm ci`: the registry reachable here lacks pagefind 1.6.0's non-Linux
  # optional packages, so the lock file cannot list them and `npm ci` refuses;
  # `npm install --no-save` installs the locked versions and changes nothing.
  say "npm install --no-save in bench/ (locked versions; at most 10 min)"
  (cd "$BENCH" && timeout 600 npm install --no-save --no-audit --no-fund >&2)
fi
build_carrel
say "node bench/browser.mjs $* (bounded by --timeout-min, default 60)"
cd "$ROOT"
timeout 4000 node "$BENCH/browser.mjs" "$@" | tee "$OUT/browser-report.md"
exit "${PIPESTATUS[0]}"

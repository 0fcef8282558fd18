# Shared by the bench/*.sh scripts (sourced). Paths resolve from the repository
# root; the corpora are read in place from ../shared next to it.
set -euo pipefail
ROOT=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
SHARED=$(cd "$ROOT/.." && pwd)/shared
CORPORA=$SHARED/corpora
DFAT=$CORPORA/dfat-1923-1949
CRANFIELD=$CORPORA/cranfield
BENCH=$ROOT/bench
OUT=$BENCH/out
# CARREL may be overridden (e.g. bench/mock/carrel-mock.py to test these scripts).
CARREL=${CARREL:-$ROOT/target/release/carrel}
mkdir -p "$OUT"

say() { echo "[bench] $*" >&2; }

machine_header() {
  echo "- date: $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
  echo "- machine: nproc $(nproc), CPU $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(free -g | awk '/Mem:/{print $2}') GiB RAM; load average $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared)"
  echo "- git: $(git -C "$ROOT" rev-parse --short HEAD) ($(git -C "$ROOT" rev-parse --abbrev-ref HEAD))"
}

# GNU time for peak memory (Debian package `time`).
need_gnu_time() {
  if [ ! -x /usr/bin/time ]; then
    say "installing GNU time (apt-get install time)"
    { apt-get install -y -q time >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q time >/dev/null 2>&1; }; } \
      || say "could not install GNU time: peak memory will not be reported"
  fi
}

# cargo build --release, bounded; never fatal (the Carrel rows are then skipped).
build_carrel() {
  if [ -n "${CARREL_NO_BUILD:-}" ]; then say "CARREL_NO_BUILD set: not running cargo build"; return 0; fi
  if ! command -v cargo >/dev/null; then say "cargo not found: Carrel rows skipped"; return 0; fi
  say "cargo build --release (at most 30 min)"
  if ! (cd "$ROOT" && timeout 1800 cargo build --release -q 2>&1 | tail -n 20 >&2); then
    say "cargo build --release failed"
  fi
}

# carrel_has SUBCOMMAND: the binary exists and the subcommand prints a usage.
carrel_has() {
  [ -x "$CARREL" ] || return 1
  local out
  out=$(timeout 30 "$CARREL" "$1" --help 2>&1) || return 1
  grep -qi 'usage' <<<"$out"
}

# timed OUTFILE CMD...: runs CMD under /usr/bin/time -v (stdout passes through),
# writes "wall_s peak_rss_bytes" to OUTFILE.
timed() {
  local res=$1; shift
  local tv=$res.timev start end rc=0
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then /usr/bin/time -v -o "$tv" "$@" || rc=$?; else "$@" || rc=$?; : >"$tv"; fi
  end=$(date +%s.%N)
  local kb
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tv")
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", b-a}') ${kb:+$((kb * 1024))}" >"$res"
  return $rc
}

fmt_bytes() { numfmt --to=si --suffix=B --format='%.2f' "$1" 2>/dev/null || echo "$1 B"; }

# One line naming the carrel binary used (a mock, a fresh build, or missing).
carrel_line() {
  if [ -x "$CARREL" ]; then
    local v
    v=$(timeout 10 "$CARREL" --version 2>/dev/null | head -1 || true)
    echo "- carrel: $(realpath --relative-to="$ROOT" "$CARREL") (${v:-no --version}; built $(date -u -r "$CARREL" '+%Y-%m-%d %H:%M UTC'))"
  else
    echo "- carrel: no binary at $CARREL"
  fi
}

#!/usr/bin/env python3
"""Helpers for bench/native.sh and bench/scale.sh (standard library only).

  corpus DIR...
      Prints JSON {documents, body_bytes}: Markdown files with YAML front
      matter under DIR (recursively); body = the file after its front matter
      (same definition as bench/peers/dfat.mjs).
  latency CARREL INDEX QUERIES.txt [--passes N] [--json-out FILE]
      Native query latency, measured three ways, each printed with how:
      1. `carrel bench INDEX --queries FILE` if that subcommand exists (its own
         per-query timing, printed as it reports it);
      2. per process: every query as its own `carrel search INDEX "q" --limit 10
         --json` (what a user of the CLI waits for), N passes, the fastest pass
         per query; the same for a no-op baseline (a query that matches
         nothing), whose median is subtracted to estimate the search alone
         (process start + opening the index removed);
      3. batch: `carrel search INDEX --queries Q.tsv --trec` over all queries
         minus the same over the one no-match query, divided by the number of
         queries (a mean; the index is opened once).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

NOOP_QUERY = "zqxjvkqzw"


def body_of(text):
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end >= 0:
            rest = text[end + 4:]
            nl = rest.find("\n")
            return "" if nl < 0 else rest[nl + 1:]
    return text


def cmd_corpus(dirs):
    n = 0
    body = 0
    for d in dirs:
        for root, _subdirs, files in os.walk(d):
            for f in files:
                if not f.endswith(".md"):
                    continue
                with open(os.path.join(root, f), encoding="utf-8") as fh:
                    text = fh.read()
                if not text.startswith("---\n"):
                    continue  # e.g. SOURCE.md: not a document
                n += 1
                body += len(body_of(text).encode("utf-8"))
    print(json.dumps({"documents": n, "body_bytes": body}))


def pct(sorted_vals, p):
    if not sorted_vals:
        return float("nan")
    k = max(0, min(len(sorted_vals) - 1, -(-p * len(sorted_vals) // 100) - 1))
    return sorted_vals[int(k)]


def run(args, timeout=120):
    t0 = time.perf_counter()
    r = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    return time.perf_counter() - t0, r


def has_subcommand(carrel, sub):
    try:
        r = subprocess.run([carrel, sub, "--help"], capture_output=True, text=True, timeout=30)
    except Exception:
        return False
    return r.returncode == 0 and "usage" in (r.stdout + r.stderr).lower()


def cmd_latency(args):
    carrel, index, qfile = args[0], args[1], args[2]
    passes = int(args[args.index("--passes") + 1]) if "--passes" in args else 3
    json_out = args[args.index("--json-out") + 1] if "--json-out" in args else None
    queries = [l.strip() for l in open(qfile, encoding="utf-8") if l.strip() and not l.startswith("#")]
    result = {"queries": len(queries)}

    # 1. carrel bench, when it exists.
    if has_subcommand(carrel, "bench"):
        secs, r = run([carrel, "bench", index, "--queries", qfile], timeout=600)
        print(f"  carrel bench (its own timing, {secs:.1f} s wall):")
        for line in (r.stdout + r.stderr).strip().splitlines()[-15:]:
            print("    " + line)
    else:
        print("  carrel bench: not available (skipped)")

    # 2. One process per query.
    def search(q):
        secs, r = run([carrel, "search", index, q, "--limit", "10", "--json"])
        if r.returncode != 0:
            raise SystemExit(f"carrel search failed for {q!r}: {r.stderr.strip()[-300:]}")
        return secs, json.loads(r.stdout)

    best = {}
    totals = {}
    for _ in range(passes):
        for q in queries:
            secs, out = search(q)
            best[q] = min(best.get(q, float("inf")), secs)
            totals[q] = out.get("total", 0)
    noop = sorted(search(NOOP_QUERY)[0] for _ in range(max(10, 3 * passes)))
    base = statistics.median(noop)
    raw = sorted(best.values())
    net = sorted(max(0.0, v - base) for v in best.values())
    zero = [q for q in queries if not totals.get(q)]
    print(f"  per process ({len(queries)} queries, `carrel search INDEX q --limit 10 --json`, fastest of {passes} passes):")
    print(f"    process wall time  median {raw and statistics.median(raw) * 1e3:.1f} ms, p95 {pct(raw, 95) * 1e3:.1f} ms, max {raw[-1] * 1e3:.1f} ms")
    print(f"    no-op baseline (query {NOOP_QUERY!r}, {len(noop)} runs): median {base * 1e3:.1f} ms — process start + opening the index")
    print(f"    search alone (wall − baseline)  median {statistics.median(net) * 1e3:.1f} ms, p95 {pct(net, 95) * 1e3:.1f} ms, max {net[-1] * 1e3:.1f} ms")
    print(f"    {len(zero)} queries with no result{(': ' + ', '.join(zero[:8])) if zero else ''}")
    result.update(process_median_ms=statistics.median(raw) * 1e3, process_p95_ms=pct(raw, 95) * 1e3,
                  process_max_ms=raw[-1] * 1e3, noop_ms=base * 1e3,
                  net_median_ms=statistics.median(net) * 1e3, net_p95_ms=pct(net, 95) * 1e3,
                  net_max_ms=net[-1] * 1e3, zero_results=len(zero))

    # 3. Batch mode.
    with tempfile.TemporaryDirectory() as tmp:
        full = os.path.join(tmp, "q.tsv")
        one = os.path.join(tmp, "noop.tsv")
        with open(full, "w") as f:
            for i, q in enumerate(queries, 1):
                f.write(f"{i}\t{q}\n")
        with open(one, "w") as f:
            f.write(f"1\t{NOOP_QUERY}\n")
        try:
            tb, rb = min((run([carrel, "search", index, "--queries", full, "--trec"], timeout=600) for _ in range(passes)),
                         key=lambda x: x[0])
            t0, r0 = min((run([carrel, "search", index, "--queries", one, "--trec"], timeout=600) for _ in range(passes)),
                         key=lambda x: x[0])
            if rb.returncode == 0 and r0.returncode == 0 and tb <= t0:
                print(f"  batch: {tb * 1e3:.0f} ms for {len(queries)} queries vs {t0 * 1e3:.0f} ms for one no-match query: "
                      "the difference is within the noise (not reported)")
            elif rb.returncode == 0 and r0.returncode == 0:
                mean = (tb - t0) / max(1, len(queries))
                print(f"  batch (`carrel search INDEX --queries Q.tsv --trec`, top 100, fastest of {passes}): "
                      f"{tb * 1e3:.0f} ms for {len(queries)} queries, {t0 * 1e3:.0f} ms for one no-match query "
                      f"→ mean {mean * 1e3:.2f} ms a query")
                result.update(batch_mean_ms=mean * 1e3)
            else:
                print(f"  batch: --queries failed: {(rb.stderr or r0.stderr).strip()[-200:]}")
        except subprocess.TimeoutExpired:
            print("  batch: timed out")
    if json_out:
        with open(json_out, "w") as f:
            json.dump(result, f, indent=2)


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    if sys.argv[1] == "corpus":
        cmd_corpus(sys.argv[2:])
    elif sys.argv[1] == "latency":
        cmd_latency(sys.argv[2:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()

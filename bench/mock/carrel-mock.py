#!/usr/bin/env python3
"""A stand-in for the `carrel` CLI, ONLY to test the bench scripts' Carrel paths
before the real CLI exists. Its numbers mean nothing. It follows the contract in
bench/README.md: index / search (--json, --queries --trec [--any]) / build.

  CARREL=bench/mock/carrel-mock.py CARREL_NO_BUILD=1 bash bench/native.sh
"""
import argparse
import json
import math
import os
import re
import sys
import time
from collections import Counter, defaultdict

TOKEN = re.compile(r"[a-z0-9]+")


def toks(s):
    return TOKEN.findall(s.lower())


def read_docs(paths):
    docs = []
    for p in paths:
        if os.path.isfile(p) and p.endswith(".jsonl"):
            for line in open(p, encoding="utf-8"):
                if line.strip():
                    d = json.loads(line)
                    docs.append({"id": str(d["id"]), "title": d.get("title", ""), "date": None, "text": d.get("text", "")})
            continue
        base = os.path.dirname(os.path.abspath(p).rstrip("/"))
        for root, _d, files in os.walk(p):
            for f in sorted(files):
                if not f.endswith(".md"):
                    continue
                full = os.path.join(root, f)
                t = open(full, encoding="utf-8").read()
                if not t.startswith("---\n"):
                    continue
                end = t.find("\n---", 4)
                fm, body = t[4:end], t[end + 4:]
                title = re.search(r"^title: (.*)$", fm, re.M)
                date = re.search(r"^doc_date: '?([0-9-]+)", fm, re.M)
                docs.append({"id": os.path.relpath(full, base), "title": title.group(1).strip("'") if title else f,
                             "date": date.group(1) if date else None, "text": body})
    return docs


def cmd_index(a):
    t0 = time.time()
    docs = read_docs(a.paths)
    with open(a.out, "w") as f:
        json.dump({"docs": docs}, f)
    terms = len({t for d in docs for t in toks(d["title"] + " " + d["text"])})
    print(f"{len(docs)} documents, {terms} terms, {os.path.getsize(a.out)} bytes, {time.time() - t0:.2f} s (MOCK)")


class Engine:
    def __init__(self, path):
        self.docs = json.load(open(path))["docs"]
        self.post = defaultdict(dict)
        self.lens = []
        for i, d in enumerate(self.docs):
            c = Counter(toks(d["title"] + " " + d["text"]))
            self.lens.append(sum(c.values()))
            for t, n in c.items():
                self.post[t][i] = n
        self.avg = sum(self.lens) / max(1, len(self.lens))

    def search(self, q, limit=10, any_=False):
        terms = toks(q.replace("*", ""))
        sets = [set(self.post.get(t, {})) for t in terms]
        cand = set.union(*sets) if sets and any_ else (set.intersection(*sets) if sets else set())
        if not cand and sets and not any_:
            cand = set.union(*sets)
        N = len(self.docs)
        scores = {}
        for t in terms:
            p = self.post.get(t, {})
            idf = math.log(1 + (N - len(p) + 0.5) / (len(p) + 0.5))
            for i in cand & set(p):
                tf = p[i]
                scores[i] = scores.get(i, 0) + idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * self.lens[i] / self.avg))
        ranked = sorted(scores.items(), key=lambda x: -x[1])
        return len(ranked), ranked[:limit]


def cmd_search(a):
    e = Engine(a.index)
    if a.queries:
        for line in open(a.queries, encoding="utf-8"):
            if not line.strip():
                continue
            qid, q = line.rstrip("\n").split("\t", 1)
            _n, top = e.search(q, 100, a.any)
            for r, (i, s) in enumerate(top, 1):
                print(f"{qid} Q0 {e.docs[i]['id']} {r} {s:.4f} carrel")
        return
    n, top = e.search(a.query, a.limit, a.any)
    hits = [{"id": e.docs[i]["id"], "title": e.docs[i]["title"], "date": e.docs[i]["date"], "type": None,
             "score": s, "snippet": e.docs[i]["text"][:160]} for i, s in top]
    print(json.dumps({"total": n, "hits": hits, "suggestion": None, "partial": False}))


CARREL_JS = r"""
// MOCK carrel.js: reads the index from the custom section of carrel.wasm.
export async function openCollection() {
  const mod = await WebAssembly.compileStreaming(fetch(new URL('./carrel.wasm', import.meta.url)));
  const docs = JSON.parse(new TextDecoder().decode(WebAssembly.Module.customSections(mod, 'carrel-index')[0])).docs;
  const post = new Map();
  docs.forEach((d, i) => {
    for (const t of (d.title + ' ' + d.text).toLowerCase().match(/[a-z0-9]+/g) || []) {
      let m = post.get(t); if (!m) post.set(t, m = new Map()); m.set(i, (m.get(i) || 0) + 1);
    }
  });
  return {
    search(q, { limit = 10 } = {}) {
      const terms = q.toLowerCase().replace(/\*/g, '').match(/[a-z0-9]+/g) || [];
      const scores = new Map();
      for (const t of terms) for (const [i, n] of post.get(t) || []) scores.set(i, (scores.get(i) || 0) + n);
      const ranked = [...scores].sort((a, b) => b[1] - a[1]);
      return { total: ranked.length, suggestion: null, partial: false,
        hits: ranked.slice(0, limit).map(([i, s]) => ({ id: docs[i].id, title: docs[i].title, date: docs[i].date, type: null, score: s, snippet: docs[i].text.slice(0, 160) })) };
    },
  };
}
"""


def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def cmd_build(a):
    docs = read_docs(a.paths)
    os.makedirs(a.out, exist_ok=True)
    payload = json.dumps({"docs": docs}).encode()
    name = b"carrel-index"
    section = leb(len(name)) + name + payload
    wasm = b"\0asm\x01\0\0\0" + b"\0" + leb(len(section)) + section
    open(os.path.join(a.out, "carrel.wasm"), "wb").write(wasm)
    open(os.path.join(a.out, "carrel.js"), "w").write(CARREL_JS)
    open(os.path.join(a.out, "carrel_bindings.js"), "w").write("// MOCK\n")
    open(os.path.join(a.out, "app.js"), "w").write("// MOCK\n")
    open(os.path.join(a.out, "style.css"), "w").write("/* MOCK */\n")
    open(os.path.join(a.out, "index.html"), "w").write("<!doctype html><title>MOCK</title>\n")
    open(os.path.join(a.out, "carrel-offline.html"), "w").write("<!doctype html><title>MOCK offline</title>\n")
    print(f"{len(docs)} documents → {a.out} (MOCK)")


def main():
    ap = argparse.ArgumentParser(prog="carrel", description="MOCK carrel CLI")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("index")
    p.add_argument("paths", nargs="+")
    p.add_argument("--out", required=True)
    p = sub.add_parser("search")
    p.add_argument("index")
    p.add_argument("query", nargs="?")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.add_argument("--queries")
    p.add_argument("--trec", action="store_true")
    p.add_argument("--any", action="store_true")
    p = sub.add_parser("build")
    p.add_argument("paths", nargs="+")
    p.add_argument("--out", required=True)
    a = ap.parse_args()
    {"index": cmd_index, "search": cmd_search, "build": cmd_build}[a.cmd](a)


if __name__ == "__main__":
    main()

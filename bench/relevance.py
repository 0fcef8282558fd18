#!/usr/bin/env python3
"""Helpers for bench/relevance.sh (Cranfield ranked-retrieval evaluation).

Subcommands:
  queries QUERIES_TSV OUT_DIR [--seed S]
      queries.tsv (qid<TAB>original_id<TAB>text) -> OUT_DIR/clean.tsv and
      OUT_DIR/typos.tsv (qid<TAB>text). The typo set has exactly one random
      edit (insert / delete / substitute / transpose) in every word of 5 or more
      letters, from a seeded Mersenne Twister (only random() is used, whose
      sequence Python guarantees for a given seed), so the set is reproducible.
  bm25s DOCS_JSONL QUERIES_TSV OUT_RUN
      Reference baseline: bm25s, Lucene BM25 (k1 1.2, b 0.75) over title + text,
      bm25s' default tokenizer (lowercase, \\w\\w+), no stemming, no stop words.
      Writes a TREC run (top 100).
  knownitem CORPUS_DIR OUT_DIR [--count N] [--seed S]
      Known-item queries from a folder of Markdown documents (front matter
      between --- lines): N documents drawn with a seeded Mersenne Twister,
      from each a run of six consecutive words of its body (words as \w+
      runs, so punctuation goes and every word is typed as written, common
      words included). Writes OUT_DIR/known.tsv (qid<TAB>text),
      OUT_DIR/known.qrels (every document whose body holds the same six words
      in a row counts as the item: a run repeated in several documents finds
      any of them) and OUT_DIR/docs.jsonl (id = path without extension,
      title, text) for the bm25s baseline.
  phrases CORPUS_DIR CARREL INDEX [--count N] [--seed S]
      Quoted-phrase precision and recall: N three-word phrases drawn (seeded)
      from the bodies of the Markdown documents, each a run of three words
      of letters standing in one paragraph with single spaces between them.
      The documents holding a phrase are found independently of Carrel: a
      paragraph's words (runs of letters and digits, lower case, Snowball
      English stems, as the issue allows stemmed forms) hold the three stems
      in a row. `CARREL search INDEX '"phrase"' --json --limit 1000` is then
      asked for each; precision = returned documents that hold the phrase /
      returned, recall = holders returned / holders.
  eval QRELS NAME=RUN [NAME=RUN ...] [--clean NAME --typo NAME ...]
      Prints nDCG@10, RR@10, RR, AP (MAP), P@10 for each run. Every query of
      the qrels counts: a query with no result scores 0 (pytrec_eval alone would
      silently skip it). Documents are ranked in the order the run gives (its
      rank column), not re-sorted by score, so ties are broken by the system.
"""
import hashlib
import json
import random
import re
import sys
import time

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def read_queries_3col(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) == 3:
                qid, _orig, text = parts
            elif len(parts) == 2:
                qid, text = parts
            else:
                raise SystemExit(f"bad query line: {line!r}")
            out.append((qid, text.strip()))
    return out


def one_edit(word, rng):
    """Return `word` with exactly one edit, never equal to `word`."""
    def pick(n):
        return min(int(rng.random() * n), n - 1)

    for _ in range(100):
        op = pick(4)
        if op == 0:  # insert
            i = pick(len(word) + 1)
            cand = word[:i] + LETTERS[pick(26)] + word[i:]
        elif op == 1:  # delete
            i = pick(len(word))
            cand = word[:i] + word[i + 1:]
        elif op == 2:  # substitute
            i = pick(len(word))
            cand = word[:i] + LETTERS[pick(26)] + word[i + 1:]
        else:  # transpose two adjacent letters
            i = pick(len(word) - 1)
            cand = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if cand != word:
            return cand, ["insert", "delete", "substitute", "transpose"][op]
    raise RuntimeError(f"no edit found for {word!r}")


def cmd_queries(args):
    src, out_dir = args[0], args[1]
    seed = 20260101
    if "--seed" in args:
        seed = int(args[args.index("--seed") + 1])
    queries = read_queries_3col(src)
    rng = random.Random(seed)
    ops = {}
    edited = 0
    with open(f"{out_dir}/clean.tsv", "w", encoding="utf-8") as fc, \
         open(f"{out_dir}/typos.tsv", "w", encoding="utf-8") as ft:
        for qid, text in queries:
            fc.write(f"{qid}\t{text}\n")

            def repl(m):
                nonlocal edited
                w = m.group(0)
                if len(w) < 5:
                    return w
                new, op = one_edit(w, rng)
                ops[op] = ops.get(op, 0) + 1
                edited += 1
                return new

            ft.write(f"{qid}\t{re.sub(r'[A-Za-z]+', repl, text)}\n")
    digest = hashlib.sha256(open(f"{out_dir}/typos.tsv", "rb").read()).hexdigest()[:16]
    print(f"  {len(queries)} queries; typo set: seed {seed}, {edited} words edited "
          f"({', '.join(f'{k} {v}' for k, v in sorted(ops.items()))}); sha256 {digest}")
    with open(f"{out_dir}/typos.tsv", encoding="utf-8") as ft:
        for line in list(ft)[:2]:
            print("    e.g. " + line.rstrip("\n").replace("\t", "  "))


def cmd_bm25s(args):
    import bm25s

    docs_path, queries_path, out_run = args
    ids, corpus = [], []
    with open(docs_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                ids.append(str(d["id"]))
                corpus.append(f"{d.get('title', '')} {d.get('text', '')}")
    queries = read_queries_3col(queries_path)
    t0 = time.perf_counter()
    retriever = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
    retriever.index(bm25s.tokenize(corpus, stopwords=None, stemmer=None, show_progress=False),
                    show_progress=False)
    t1 = time.perf_counter()
    vocab = retriever.vocab_dict
    n = 0
    with open(out_run, "w") as out:
        for qid, text in queries:
            toks = [t for t in re.findall(r"(?u)\b\w\w+\b", text.lower()) if t in vocab]
            if not toks:
                continue  # no known term: no result (scores 0 in eval)
            docs, scores = retriever.retrieve([toks], k=min(100, len(ids)), show_progress=False)
            rank = 0
            for di, sc in zip(docs[0], scores[0]):
                if sc <= 0:
                    break
                rank += 1
                out.write(f"{qid} Q0 {ids[int(di)]} {rank} {float(sc):.4f} bm25s\n")
            n += 1
    t2 = time.perf_counter()
    print(f"  bm25s: indexed {len(ids)} docs in {t1 - t0:.2f} s; "
          f"{len(queries)} queries in {t2 - t1:.2f} s ({n} with a known term)")


FOOTNOTE_MARK = re.compile(r"^\[\d+\]$")


def typed_words(body):
    """The words of `body` as a reader would type them (see knownitem)."""
    out = []
    for raw in body.replace("_", " ").replace("*", " ").split():
        if FOOTNOTE_MARK.match(raw):
            continue
        word = raw.strip(".,;:!?()[]{}'\"‘’“”«»-–—/").lower()
        if any(c.isalnum() for c in word):
            out.append(word)
    return out


def markdown_documents(root):
    """(id, title, body) for every .md file below `root`, in sorted path order."""
    import os

    out = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".md") or name.upper().startswith(("README", "SOURCE", "LICENSE")):
                continue
            path = os.path.join(folder, name)
            text = open(path, encoding="utf-8").read()
            title, body = "", text
            if text.startswith("---\n"):
                end = text.find("\n---", 4)
                if end > 0:
                    front, body = text[4:end], text[end + 4:]
                    m = re.search(r"^title:\s*(.*)$", front, re.M)
                    if m:
                        title = m.group(1).strip().strip("'\"")
            doc_id = os.path.relpath(path, root)[: -len(".md")]
            out.append((doc_id, title, body))
    return out


def cmd_knownitem(args):
    root, out_dir = args[0], args[1]
    count = int(args[args.index("--count") + 1]) if "--count" in args else 200
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 20261204
    docs = markdown_documents(root)
    words = [typed_words(body) for _, _, body in docs]
    postings = {}
    for n, ws in enumerate(words):
        for w in set(ws):
            postings.setdefault(w, []).append(n)
    rng = random.Random(seed)
    eligible = [n for n, ws in enumerate(words) if len(ws) >= 30]
    with open(f"{out_dir}/docs.jsonl", "w", encoding="utf-8") as f:
        for doc_id, title, body in docs:
            f.write(json.dumps({"id": doc_id, "title": title, "text": body}, ensure_ascii=False) + "\n")
    repeated = 0
    with open(f"{out_dir}/known.tsv", "w", encoding="utf-8") as fq, open(f"{out_dir}/known.qrels", "w") as fr:
        for q in range(1, count + 1):
            n = eligible[min(int(rng.random() * len(eligible)), len(eligible) - 1)]
            ws = words[n]
            start = min(int(rng.random() * (len(ws) - 6)), len(ws) - 7)
            run = ws[start:start + 6]
            fq.write(f"k{q}\t{' '.join(run)}\n")
            # Documents holding all six words, then the six in a row.
            candidates = set(postings[run[0]])
            for w in run[1:]:
                candidates &= set(postings[w])
            found = [m for m in sorted(candidates)
                     if any(words[m][i:i + 6] == run for i in range(len(words[m]) - 5))]
            repeated += len(found) > 1
            for m in found:
                fr.write(f"k{q} 0 {docs[m][0]} 1\n")
    digest = hashlib.sha256(open(f"{out_dir}/known.tsv", "rb").read()).hexdigest()[:16]
    print(f"  {count} known-item queries from {len(docs)} documents (seed {seed}; sha256 {digest}); "
          f"{repeated} runs stand in more than one document (each of those counts)")
    with open(f"{out_dir}/known.tsv", encoding="utf-8") as f:
        for line in list(f)[:2]:
            print("    e.g. " + line.rstrip("\n").replace("\t", "  "))


def cmd_phrases(args):
    import subprocess
    import snowballstemmer

    root, carrel, index = args[0], args[1], args[2]
    count = int(args[args.index("--count") + 1]) if "--count" in args else 60
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 20261205
    stemmer = snowballstemmer.stemmer("english")
    docs = markdown_documents(root)
    paragraphs = []  # per document: list of stem lists
    for _, _, body in docs:
        paragraphs.append([stemmer.stemWords(re.findall(r"[^\W_]+", line.lower()))
                           for line in body.split("\n") if line.strip()])
    rng = random.Random(seed)
    letters = re.compile(r"^[A-Za-z]+$")
    phrases = []
    while len(phrases) < count:
        n = min(int(rng.random() * len(docs)), len(docs) - 1)
        lines = [line for line in docs[n][2].split("\n") if line.strip()]
        if not lines:
            continue
        line = lines[min(int(rng.random() * len(lines)), len(lines) - 1)]
        words = line.split(" ")
        if len(words) < 3:
            continue
        start = min(int(rng.random() * (len(words) - 2)), len(words) - 3)
        run = words[start:start + 3]
        if all(letters.match(w) for w in run):
            phrases.append(" ".join(run).lower())
    returned_total = correct_total = holders_total = 0
    rows = []
    wanted = {tuple(stemmer.stemWords(phrase.split())): set() for phrase in phrases}
    for m, paras in enumerate(paragraphs):
        for p in paras:
            for i in range(len(p) - 2):
                key = (p[i], p[i + 1], p[i + 2])
                if key in wanted:
                    wanted[key].add(docs[m][0])
    for phrase in phrases:
        holders = wanted[tuple(stemmer.stemWords(phrase.split()))]
        out = subprocess.run([carrel, "search", index, f'"{phrase}"', "--json", "--limit", "1000"],
                             capture_output=True, text=True, check=True)
        result = json.loads(out.stdout)
        returned = {hit["id"] for hit in result["hits"]}
        if result["total"] > len(returned):
            raise SystemExit(f"{phrase!r}: {result['total']} results, more than one call returns")
        correct = len(returned & holders)
        returned_total += len(returned)
        correct_total += correct
        holders_total += len(holders)
        rows.append((phrase, len(holders), len(returned), correct))
    precision = correct_total / returned_total if returned_total else 1.0
    # Every document returned that holds the phrase is a holder found.
    recall = correct_total / holders_total if holders_total else 1.0
    print(f"  {count} three-word phrases (seed {seed}): {returned_total} documents returned, "
          f"{correct_total} of them hold the phrase; {holders_total} documents hold one")
    print(f"\n| measure | value |\n|---|---|\n| precision | {precision:.3f} |\n| recall | {recall:.3f} |")
    worst = sorted(rows, key=lambda r: (r[3] - r[2], r[3] - r[1]))[:3]
    for phrase, holders, returned, correct in worst:
        print(f"    e.g. \"{phrase}\": {holders} hold it, {returned} returned, {correct} of them right")


def read_run(path):
    """TREC run -> {qid: {docid: score}} where score follows the run's rank order."""
    ranked = {}
    with open(path) as f:
        for line in f:
            p = line.split()
            if len(p) < 6:
                continue
            qid, docid, rank = p[0], p[2], int(p[3])
            ranked.setdefault(qid, []).append((rank, docid))
    run = {}
    for qid, lst in ranked.items():
        lst.sort()
        seen = {}
        for i, (_, docid) in enumerate(lst):
            seen.setdefault(docid, float(len(lst) - i))
        run[qid] = seen
    return run


def cmd_eval(args):
    import ir_measures
    from ir_measures import nDCG, RR, AP, P

    qrels_path = args[0]
    pairs, clean, typo = [], None, []
    i = 1
    while i < len(args):
        if args[i] == "--pair":  # --pair CLEAN_NAME TYPO_NAME
            typo.append((args[i + 1], args[i + 2]))
            i += 3
            continue
        name, path = args[i].split("=", 1)
        pairs.append((name, path))
        i += 1
    qrels = list(ir_measures.read_trec_qrels(qrels_path))
    qids = sorted({q.query_id for q in qrels}, key=lambda s: int(s) if s.isdigit() else s)
    measures = [nDCG @ 10, RR @ 10, RR, AP, P @ 10]
    labels = ["nDCG@10", "RR@10", "RR (MRR)", "MAP", "P@10"]
    results = {}
    for name, path in pairs:
        run = read_run(path)
        per = {m: {q: 0.0 for q in qids} for m in measures}
        for r in ir_measures.iter_calc(measures, qrels, run):
            if r.query_id in per[r.measure]:
                per[r.measure][r.query_id] = r.value
        results[name] = {m: sum(per[m].values()) / len(qids) for m in measures}
        results[name]["_answered"] = sum(1 for q in qids if run.get(q))
    print(f"\n| run | queries answered | " + " | ".join(labels) + " |")
    print("|---|---|" + "---|" * len(labels))
    for name, _ in pairs:
        r = results[name]
        print(f"| {name} | {r['_answered']}/{len(qids)} | "
              + " | ".join(f"{r[m]:.3f}" for m in measures) + " |")
    for c, t in typo:
        if c in results and t in results and results[c][nDCG @ 10] > 0:
            frac = results[t][nDCG @ 10] / results[c][nDCG @ 10]
            print(f"\n{t}: {frac * 100:.1f}% of clean nDCG@10 survives "
                  f"({results[t][nDCG @ 10]:.3f} / {results[c][nDCG @ 10]:.3f})")


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    {"queries": cmd_queries, "knownitem": cmd_knownitem, "phrases": cmd_phrases, "bm25s": cmd_bm25s, "eval": cmd_eval}[cmd](args)


if __name__ == "__main__":
    main()

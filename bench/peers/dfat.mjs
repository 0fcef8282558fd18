// Reads the DFAT corpus (read-only, from ../shared/corpora next to the repo root)
// into { id, title, date, body } records. id = path relative to the corpus folder
// ("volume-1-1937-38/1-sir-george-....md"). Only the volume folders are read
// (SOURCE.md is not a document).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export function repoRoot() {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: BENCH_DIR, encoding: 'utf8' }).trim();
  } catch {
    return path.dirname(BENCH_DIR);
  }
}
export const ROOT = repoRoot();
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const DFAT_DIR = path.join(SHARED, 'corpora', 'dfat-1923-1949');

// Minimal YAML scalar reader for the front matter keys we need: plain scalars
// (possibly folded over indented continuation lines) and single-quoted ones.
function frontMatterValue(lines, key) {
  const i = lines.findIndex((l) => l.startsWith(key + ':'));
  if (i < 0) return null;
  let parts = [lines[i].slice(key.length + 1).trim()];
  for (let j = i + 1; j < lines.length && /^\s+\S/.test(lines[j]) && !/^\s*-\s/.test(lines[j]); j++) {
    parts.push(lines[j].trim());
  }
  let v = parts.join(' ');
  if (v.startsWith("'") && v.endsWith("'")) v = v.slice(1, -1).replace(/''/g, "'");
  else if (v.startsWith('"') && v.endsWith('"')) v = JSON.parse(v);
  return v;
}

export function parseDoc(text) {
  let fm = [];
  let body = text;
  if (text.startsWith('---\n')) {
    const end = text.indexOf('\n---', 4);
    if (end >= 0) {
      fm = text.slice(4, end).split('\n');
      body = text.slice(end + 4).replace(/^[^\n]*\n/, '');
    }
  }
  return {
    title: frontMatterValue(fm, 'title') ?? '',
    date: frontMatterValue(fm, 'doc_date') ?? '',
    body,
  };
}

export function listDfatFiles(dir = DFAT_DIR) {
  const out = [];
  for (const vol of fs.readdirSync(dir).filter((d) => d.startsWith('volume-')).sort()) {
    for (const f of fs.readdirSync(path.join(dir, vol)).filter((f) => f.endsWith('.md')).sort()) {
      out.push(`${vol}/${f}`);
    }
  }
  return out;
}

export function loadDfat(dir = DFAT_DIR) {
  return listDfatFiles(dir).map((id) => {
    const d = parseDoc(fs.readFileSync(path.join(dir, id), 'utf8'));
    return { id, ...d };
  });
}

export function volumeDirs(dir = DFAT_DIR) {
  return fs.readdirSync(dir).filter((d) => d.startsWith('volume-')).sort().map((d) => path.join(dir, d));
}

// Query file: one query a line; blank lines and lines starting with '#' (group
// headers) are skipped. Returns [{ q, group }].
export function readQueries(file) {
  let group = '';
  const out = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const l = line.trim();
    if (!l) continue;
    if (l.startsWith('#')) { group = l.replace(/^#\s*/, ''); continue; }
    out.push({ q: l, group });
  }
  return out;
}

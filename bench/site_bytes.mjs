// Where a built site's bytes go: the module (core index inside), postings
// packs, store packs and the rest, raw and as served (gzip, brotli), against
// the collection's text compressed the same way; and what one store pack
// (one block of documents: what showing a hit fetches) costs.
// Reproduce from the repository root:
//   target/release/carrel build <DFAT volumes> --out SITE
//   target/release/carrel index <DFAT volumes> --out INDEX.carrel
//   node bench/site_bytes.mjs SITE [INDEX.carrel] [--dfat]
// With an index file, also each section of it; with --dfat, the DFAT text's size.
import fs from 'node:fs';
import path from 'node:path';
import { servedSizes, fmtBytes, saveSizeCache } from './peers/sizes.mjs';
import { corpusStats } from './peers/corpus-stats.mjs';

const site = process.argv[2];
if (!site || !fs.existsSync(site)) {
  console.error('usage: node bench/site_bytes.mjs SITE_FOLDER   (a folder written by `carrel build`)');
  process.exit(2);
}
function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}
const groups = new Map();
const add = (name, file) => {
  const s = servedSizes(fs.readFileSync(file));
  const g = groups.get(name) || { raw: 0, gzip: 0, brotli: 0, files: 0, each: [] };
  g.raw += s.raw; g.gzip += s.gzip; g.brotli += s.brotli; g.files++; g.each.push(s);
  groups.set(name, g);
};
for (const file of walk(site)) {
  const rel = path.relative(site, file);
  const base = path.basename(file);
  if (base === 'carrel-offline.html') continue; // the alternative one-file download
  if (rel.startsWith('packs')) add(base.startsWith('s') ? 'store packs' : 'postings packs', file);
  else if (base.endsWith('.wasm')) add('module (code + core index)', file);
  else add('page (scripts, styles, html)', file);
}
const total = { raw: 0, gzip: 0, brotli: 0, files: 0 };
console.log('| part | files | raw | gzip | brotli |');
console.log('|---|---|---|---|---|');
for (const [name, g] of groups) {
  for (const k of ['raw', 'gzip', 'brotli', 'files']) total[k] += g[k];
  console.log(`| ${name} | ${g.files} | ${fmtBytes(g.raw)} | ${fmtBytes(g.gzip)} | ${fmtBytes(g.brotli)} |`);
}
console.log(`| **total** | ${total.files} | ${fmtBytes(total.raw)} | ${fmtBytes(total.gzip)} | ${fmtBytes(total.brotli)} |`);
const store = groups.get('store packs');
if (store) {
  const b = store.each.map((s) => s.brotli).sort((x, y) => x - y);
  console.log(`\n- one store pack (what showing hits from one block fetches), brotli: median ${fmtBytes(b[b.length >> 1])}, ` +
    `mean ${fmtBytes(Math.round(store.brotli / store.files))}, max ${fmtBytes(b[b.length - 1])}`);
}
const indexFile = process.argv.slice(3).find((a) => a.endsWith('.carrel'));
if (indexFile) {
  // Header: magic(8) version(4) count(4) crc(4) reserved(4); then id(4) len(4) offset(8) per section.
  const NAMES = { 1: 'meta', 2: 'stems', 3: 'words', 4: 'postings', 5: 'field lengths', 6: 'document facets', 7: 'facet values',
    8: 'store index', 9: 'document store', 10: 'variants', 11: 'document ids', 12: 'pack table', 13: 'languages' };
  const bytes = fs.readFileSync(indexFile);
  const count = bytes.readUInt32LE(12);
  console.log(`\n${path.basename(indexFile)} (format ${bytes.readUInt32LE(8)}), each section compressed on its own:\n`);
  console.log('| section | raw | gzip | brotli |');
  console.log('|---|---|---|---|');
  for (let i = 0; i < count; i++) {
    const at = 24 + 16 * i;
    const id = bytes.readUInt32LE(at), len = bytes.readUInt32LE(at + 4), off = Number(bytes.readBigUInt64LE(at + 8));
    const s = servedSizes(bytes.subarray(off, off + len));
    console.log(`| ${NAMES[id] || id} | ${fmtBytes(s.raw)} | ${fmtBytes(s.gzip)} | ${fmtBytes(s.brotli)} |`);
  }
}
if (process.argv.includes('--dfat')) {
  const corpus = corpusStats();
  console.log(`- text: ${corpus.documents} documents, ${fmtBytes(corpus.bodyBytes)} raw, ${fmtBytes(corpus.brotli)} brotli; ` +
    `site ÷ text as brotli ${(total.brotli / corpus.brotli).toFixed(2)}×; per document ${fmtBytes(Math.round(total.brotli / corpus.documents))} brotli` +
    (store ? `, of which store ${fmtBytes(Math.round(store.brotli / corpus.documents))}` : ''));
}
saveSizeCache();

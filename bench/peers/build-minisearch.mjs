// Builds a MiniSearch index over title + body of the DFAT documents and writes
// OUT_DIR/index.json (ids only: no stored fields, no document text) and
// OUT_DIR/minisearch.js (the library's ES module). Usage: node build-minisearch.mjs OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { loadDfat, BENCH_DIR } from './dfat.mjs';

export const MINISEARCH_OPTIONS = { idField: 'id', fields: ['title', 'body'], storeFields: [] };
const out = process.argv[2];
if (!out) throw new Error('usage: build-minisearch.mjs OUT_DIR');
const t0 = performance.now();
const docs = loadDfat();
const t1 = performance.now();
const ms = new MiniSearch(MINISEARCH_OPTIONS);
ms.addAll(docs);
const json = JSON.stringify(ms);
const t2 = performance.now();
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'index.json'), json);
fs.copyFileSync(path.join(BENCH_DIR, 'node_modules/minisearch/dist/es/index.js'), path.join(out, 'minisearch.js'));
console.log(JSON.stringify({ documents: docs.length, readSeconds: (t1 - t0) / 1000, indexSeconds: (t2 - t1) / 1000, indexBytes: json.length }));

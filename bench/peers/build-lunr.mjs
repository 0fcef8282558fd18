// Builds a lunr index (default pipeline: stemmer, stop words) over title + body
// of the DFAT documents and writes OUT_DIR/index.json (refs only, no document
// text) and OUT_DIR/lunr.min.js. Usage: node build-lunr.mjs OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadDfat, BENCH_DIR } from './dfat.mjs';

const lunr = createRequire(import.meta.url)('lunr');
const out = process.argv[2];
if (!out) throw new Error('usage: build-lunr.mjs OUT_DIR');
const t0 = performance.now();
const docs = loadDfat();
const t1 = performance.now();
const idx = lunr(function () {
  this.ref('id');
  this.field('title');
  this.field('body');
  for (const d of docs) this.add(d);
});
const json = JSON.stringify(idx);
const t2 = performance.now();
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'index.json'), json);
fs.copyFileSync(path.join(BENCH_DIR, 'node_modules/lunr/lunr.min.js'), path.join(out, 'lunr.min.js'));
console.log(JSON.stringify({ documents: docs.length, readSeconds: (t1 - t0) / 1000, indexSeconds: (t2 - t1) / 1000, indexBytes: json.length }));

// Prints the DFAT corpus size: documents, body bytes (the .md files without
// their front matter), and gzip / brotli of all bodies concatenated (the floor
// for any search that can show the documents). With --json, prints JSON.
import { loadDfat, DFAT_DIR } from './dfat.mjs';
import { compressedSizes, saveSizeCache, fmtBytes } from './sizes.mjs';

export function corpusStats() {
  const docs = loadDfat();
  const bodies = Buffer.from(docs.map((d) => d.body).join('\n'), 'utf8');
  const bodyBytes = docs.reduce((s, d) => s + Buffer.byteLength(d.body, 'utf8'), 0);
  const titleBytes = docs.reduce((s, d) => s + Buffer.byteLength(d.title, 'utf8'), 0);
  const c = compressedSizes(bodies);
  saveSizeCache();
  return { dir: DFAT_DIR, documents: docs.length, bodyBytes, titleBytes, gzip: c.gzip, brotli: c.brotli };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = corpusStats();
  if (process.argv.includes('--json')) console.log(JSON.stringify(s));
  else console.log(`DFAT corpus ${s.dir}: ${s.documents} documents; body text ${fmtBytes(s.bodyBytes)} raw ` +
    `(${s.bodyBytes} B), ${fmtBytes(s.gzip)} gzip -9, ${fmtBytes(s.brotli)} brotli q11 (all bodies concatenated); titles ${fmtBytes(s.titleBytes)}`);
}

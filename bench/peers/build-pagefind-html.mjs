// Converts the DFAT Markdown documents to simple HTML pages (title + body
// paragraphs) for Pagefind: OUT_DIR/<volume>/<name>.html. Usage: node build-pagefind-html.mjs OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { loadDfat } from './dfat.mjs';

const out = process.argv[2];
if (!out) throw new Error('usage: build-pagefind-html.mjs OUT_DIR');
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const t0 = performance.now();
fs.rmSync(out, { recursive: true, force: true });
let n = 0;
let bytes = 0;
for (const d of loadDfat()) {
  const file = path.join(out, d.id.replace(/\.md$/, '.html'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const paras = d.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`).join('\n');
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(d.title)}</title></head>\n` +
    `<body><main data-pagefind-body>\n<h1>${esc(d.title)}</h1>\n<p data-pagefind-meta="date">${esc(d.date)}</p>\n${paras}\n</main></body></html>\n`;
  fs.writeFileSync(file, html);
  n++;
  bytes += Buffer.byteLength(html);
}
console.log(JSON.stringify({ pages: n, htmlBytes: bytes, seconds: (performance.now() - t0) / 1000 }));

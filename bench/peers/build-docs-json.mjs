// Writes OUT_DIR/docs.json: [{id, title, date, body}] for the page variants that
// ship the documents and build the index in the browser. Usage: node build-docs-json.mjs OUT_DIR...
import fs from 'node:fs';
import path from 'node:path';
import { loadDfat } from './dfat.mjs';

const json = JSON.stringify(loadDfat());
for (const out of process.argv.slice(2)) {
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'docs.json'), json);
}
console.log(JSON.stringify({ bytes: Buffer.byteLength(json) }));

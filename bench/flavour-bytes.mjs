// What the template flavour saves a built site: its carrel.wasm (template + index
// section) in brotli, against the same index section appended to another template.
// Usage: node bench/flavour-bytes.mjs SITE_DIR OTHER_TEMPLATE
//   e.g. node bench/flavour-bytes.mjs dist target/web/carrel_bg.wasm
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [site, other] = process.argv.slice(2);
if (!site || !other) throw new Error('usage: node bench/flavour-bytes.mjs SITE_DIR OTHER_TEMPLATE');
const brotli = (bytes) => zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const shipped = fs.readFileSync(path.join(site, 'carrel.wasm'));
const templates = ['carrel_english_bg.wasm', 'carrel_bg.wasm'].map((name) => [name, fs.readFileSync(path.join('target/web', name))]);
const found = templates.find(([, bytes]) => shipped.subarray(0, bytes.length).equals(bytes));
if (!found) throw new Error(`${site}/carrel.wasm starts with neither template in target/web: rebuild with ./build.sh build`);
const [name, template] = found;
const section = shipped.subarray(template.length);
const alternative = Buffer.concat([fs.readFileSync(other), section]);
console.log(`${site}/carrel.wasm: ${name} + index ${section.length} bytes = ${shipped.length} raw / ${brotli(shipped)} brotli; ` +
  `with ${other} instead: ${alternative.length} raw / ${brotli(alternative)} brotli`);

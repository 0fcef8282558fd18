// Builds a site directory like build.sh's, with the mock bindings in place of the real
// module, so the page can be developed and tested before (and apart from) the Rust core.
//
//   node tests/browser/make-mock-site.mjs OUT_DIR [--offline OUT_FILE.html]
//
// OUT_DIR gets www/ (with examples/) + fixtures/mock_bindings.js as carrel_bindings.js + a carrel.wasm
// that is nothing but a `carrel-index` custom section holding fixtures/seeds.json.
// --offline also writes a single-file page the way the offline builder inlines things
// (see the top of www/offline-loader.js), with the mock turned into no-modules glue.
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const www = join(here, '../../www');
const fixtures = join(here, 'fixtures');

/** Unsigned LEB128, as wasm writes lengths. */
function leb128(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** The smallest valid wasm module: header + one custom section `name` holding `payload`. */
export function wasmWithCustomSection(name, payload) {
  const nameBytes = new TextEncoder().encode(name);
  const content = [...leb128(nameBytes.length), ...nameBytes];
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const sectionSize = content.length + payload.length;
  return Buffer.concat([Buffer.from([...header, 0x00, ...leb128(sectionSize), ...content]), Buffer.from(payload)]);
}

/**
 * Writes a mock site into `dir` and returns `dir`. `copies` > 1 repeats the seeds under new
 * ids, for a collection long enough to page through.
 */
export function buildMockSite(dir, { copies = 1 } = {}) {
  mkdirSync(dir, { recursive: true });
  cpSync(www, dir, { recursive: true, filter: (source) => !source.endsWith('.d.ts') });
  copyFileSync(join(fixtures, 'mock_bindings.js'), join(dir, 'carrel_bindings.js'));
  const seeds = JSON.parse(readFileSync(join(fixtures, 'seeds.json'), 'utf8'));
  const documents = Array.from({ length: copies }, (_, copy) => seeds.documents.map((doc) =>
    copy === 0 ? doc : { ...doc, id: `${doc.id}-${copy}`, title: `${doc.title} (copy ${copy})` })).flat();
  const index = Buffer.from(JSON.stringify({ ...seeds, documents }));
  writeFileSync(join(dir, 'carrel.wasm'), wasmWithCustomSection('carrel-index', index));
  return dir;
}

/** The mock bindings as wasm-bindgen `--target no-modules` glue: a global `wasm_bindgen`. */
function mockNoModulesGlue() {
  const source = readFileSync(join(fixtures, 'mock_bindings.js'), 'utf8')
    .replace(/^export \{ Collection \};$/m, '')
    .replace(/^export default init;$/m, '');
  if (/^export /m.test(source)) throw new Error('mock_bindings.js: keep every export at the bottom');
  return `let wasm_bindgen;\n(function () {\n${source}\nwasm_bindgen = Object.assign(init, { Collection });\n})();\n`;
}

/** Text to put inside a <script> or <style> element, refused if it would end it early. */
function inline(text) {
  if (/<\/script|<\/style|<!--/i.test(text)) throw new Error('this text would end its inlined element early');
  return text;
}

/** Writes the single-file offline page of the mock site in `siteDir` to `file`. */
export function buildMockOffline(siteDir, file) {
  const read = (name) => readFileSync(join(siteDir, name), 'utf8');
  const app = read('app.js').replace(/^import .*\n/gm, '');
  const i18n = read('i18n.js').replace(/^export .*\n?/gm, '');
  const collection = read('collection.js').replace(/^export .*\n?/gm, '');
  const views = read('views.js').replace(/^(import|export) .*\n?/gm, '');
  const scripts = [
    `<script type="application/octet-stream" id="carrel-wasm">${readFileSync(join(siteDir, 'carrel.wasm')).toString('base64')}</script>`,
    `<script>\n${inline(mockNoModulesGlue())}</script>`,
    `<script>\n${inline(collection)}</script>`,
    `<script>\n${inline(read('offline-loader.js'))}</script>`,
    `<script>\n${inline(i18n)}</script>`,
    `<script>\n${inline(views)}</script>`,
    `<script>\n(function () {\n${inline(app)}\n})();\n</script>`,
  ].join('\n');
  // Preload hints name files that do not exist beside the offline page (as the builder drops them).
  const html = read('index.html').split('\n').filter((line) => !/rel="((module)?preload|icon)"/.test(line)).map((line) => {
    if (line.trim() === '<link rel="stylesheet" href="style.css">') return `<style>\n${inline(read('style.css'))}</style>`;
    if (line.trim() === '<script type="module" src="app.js"></script>') return scripts;
    return line;
  }).join('\n');
  if (!html.includes('id="carrel-wasm"') || !html.includes('<style>')) throw new Error('index.html lacks the lines the offline builder replaces');
  writeFileSync(file, html);
  return file;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, flag, offline] = process.argv.slice(2);
  if (!dir || (flag && (flag !== '--offline' || !offline))) {
    console.error('usage: node tests/browser/make-mock-site.mjs OUT_DIR [--offline OUT_FILE.html]');
    process.exit(2);
  }
  buildMockSite(dir);
  console.log(`mock site in ${dir}`);
  if (offline) console.log(`offline page ${buildMockOffline(dir, offline)}`);
}

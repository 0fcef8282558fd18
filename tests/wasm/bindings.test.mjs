// The module's face as pages rely on it: search options it does not know are refused by
// name, and what `info()` answers is what carrel.d.ts and the mock bindings (the stand-in
// some browser tests run on) say it is. Needs CARREL_SITE_DIR (a built site); build.sh
// sets it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { wasmWithCustomSection } from '../browser/make-mock-site.mjs';
import { required } from '../required.mjs';

/** The built demo site's directory. */
const demoSite = () => required('CARREL_SITE_DIR', 'the built demo site');
const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'tests/browser/fixtures');

/** The real module of the site in `dir`, opened on its index. */
async function openReal(dir) {
  const module = await WebAssembly.compile(readFileSync(join(dir, 'carrel.wasm')));
  const [section] = WebAssembly.Module.customSections(module, 'carrel-index');
  const bindings = await import(pathToFileURL(join(dir, 'carrel_bindings.js')));
  await bindings.default({ module_or_path: module });
  return new bindings.Collection(new Uint8Array(section));
}

/** The mock bindings, opened on the seeds as make-mock-site.mjs carries them. */
async function openMock() {
  const index = readFileSync(join(fixtures, 'seeds.json'));
  const module = await WebAssembly.compile(wasmWithCustomSection('carrel-index', index));
  const bindings = await import(pathToFileURL(join(fixtures, 'mock_bindings.js')));
  await bindings.default({ module_or_path: module });
  return new bindings.Collection(new Uint8Array(WebAssembly.Module.customSections(module, 'carrel-index')[0]));
}

/** The fields carrel.d.ts gives an interface. */
function declaredFields(name) {
  const types = readFileSync(join(root, 'www/carrel.d.ts'), 'utf8');
  const start = types.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `carrel.d.ts declares ${name}`);
  // The interface's own braces, and its top-level fields only (not those of a nested object type).
  let depth = 0;
  let body = '';
  for (const c of types.slice(types.indexOf('{', start))) {
    if (c === '}' && --depth === 0) break;
    if (depth === 1 && c !== '{') body += c;
    if (c === '{') depth++;
  }
  return [...body.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/(\w+)\??:/g)].map((m) => m[1]).sort();
}

test('unknown search options are refused with an error naming the field', async () => {
  const siteDir = demoSite();
  const collection = await openReal(siteDir);
  assert.throws(() => collection.search('armistice', { limt: 5 }), /unknown field `limt`/);
  assert.throws(() => collection.search('armistice', { filters: { typ: ['Letter'] } }), /unknown field `typ`/);
  // Through the wrapper pages use, the refusal is a rejection.
  const { CarrelCollection } = await import(pathToFileURL(join(root, 'www/collection.js')));
  await assert.rejects(new CarrelCollection(collection, null).search('armistice', { limt: 5 }), /unknown field `limt`/);
  // Every field carrel.d.ts declares is known, and the module still answers.
  const options = { limit: 5, offset: 0, sort: 'date-asc', filters: {}, date_from: '1951', date_to: '1952', mode: 'all', snippets: true, languages: [], facets: true };
  assert.deepEqual(Object.keys(options).sort(), declaredFields('SearchOptions'));
  assert.ok(collection.search('armistice', options).total > 0);
  const filters = { type: [], from: [], to: [], collection: [], year: [], lang: [] };
  assert.deepEqual(Object.keys(filters).sort(), declaredFields('Filters'));
  assert.ok(collection.search('armistice', { filters }).total > 0);
});

test('the mock refuses unknown search options as the module does', async () => {
  const mock = await openMock();
  assert.throws(() => mock.search('armistice', { limt: 5 }), /unknown field `limt`/);
  assert.throws(() => mock.search('armistice', { filters: { typ: ['Letter'] } }), /unknown field `typ`/);
});

test('info() has the same keys in the module, the mock bindings and carrel.d.ts', async () => {
  const siteDir = demoSite();
  const real = Object.keys((await openReal(siteDir)).info()).sort();
  const mock = Object.keys((await openMock()).info()).sort();
  assert.deepEqual(mock, real, 'mock_bindings.js info() against the module');
  assert.deepEqual(declaredFields('CollectionInfo'), real, 'carrel.d.ts CollectionInfo against the module');
});

/** `module` with `payload` appended as the custom section `name`. */
function withCustomSection(module, name, payload) {
  const leb128 = (n) => {
    const out = [];
    do {
      let byte = n & 0x7f;
      n = Math.floor(n / 128);
      if (n > 0) byte |= 0x80;
      out.push(byte);
    } while (n > 0);
    return out;
  };
  const nameBytes = new TextEncoder().encode(name);
  const content = [...leb128(nameBytes.length), ...nameBytes];
  return Buffer.concat([module, Buffer.from([0, ...leb128(content.length + payload.length), ...content]), Buffer.from(payload)]);
}

test('a collection gets the module its stemmers need, and the English-only module refuses another language', async () => {
  const siteDir = demoSite();
  const bin = required('CARREL_BIN', 'the native carrel tool');
  const web = join(root, 'target/web');
  const every = readFileSync(join(web, 'carrel_bg.wasm'));
  const english = readFileSync(join(web, 'carrel_english_bg.wasm'));
  assert.ok(english.length < every.length, 'the English-only template is the smaller');
  // The English demo ships the English-only module.
  const demo = readFileSync(join(siteDir, 'carrel.wasm'));
  assert.ok(demo.subarray(0, english.length).equals(english), 'the English demo carries the English-only template');
  // A French collection ships the module with every stemmer.
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'carrel-flavour-'));
  try {
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'traite.md'), '# Le traité\n\nLes négociations de paix continuent à Genève.\n');
    execFileSync(bin, ['build', join(dir, 'docs'), '--lang', 'fr', '--name', 'Traités', '--out', join(dir, 'site')], { stdio: ['ignore', 'ignore', 'inherit'] });
    const french = readFileSync(join(dir, 'site', 'carrel.wasm'));
    assert.ok(french.subarray(0, every.length).equals(every), 'the French collection carries the template with every stemmer');
    const collection = await openReal(join(dir, 'site'));
    assert.deepEqual(collection.search('négociation', { limit: 5 }).hits.map((h) => h.id), ['traite'], 'a French inflection finds the document');
    // The same index in the English-only module is refused by name, not searched wrongly.
    const [section] = WebAssembly.Module.customSections(await WebAssembly.compile(french), 'carrel-index');
    const module = await WebAssembly.compile(withCustomSection(english, 'carrel-index', new Uint8Array(section)));
    // A fresh instance of the glue (its own query string): the one imported before is bound to another module.
    const bindings = await import(`${pathToFileURL(join(siteDir, 'carrel_bindings.js'))}?english-only`);
    await bindings.default({ module_or_path: module });
    assert.throws(() => new bindings.Collection(new Uint8Array(section)), /language `fr`, whose stemmer this search module lacks/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

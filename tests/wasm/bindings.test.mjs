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

const siteDir = process.env.CARREL_SITE_DIR;
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

test('unknown search options are refused with an error naming the field', { skip: !siteDir }, async () => {
  const collection = await openReal(siteDir);
  assert.throws(() => collection.search('armistice', { limt: 5 }), /unknown field `limt`/);
  assert.throws(() => collection.search('armistice', { filters: { typ: ['Letter'] } }), /unknown field `typ`/);
  // Through the wrapper pages use, the refusal is a rejection.
  const { CarrelCollection } = await import(pathToFileURL(join(root, 'www/collection.js')));
  await assert.rejects(new CarrelCollection(collection, null).search('armistice', { limt: 5 }), /unknown field `limt`/);
  // Every field carrel.d.ts declares is known, and the module still answers.
  const options = { limit: 5, offset: 0, sort: 'date-asc', filters: {}, date_from: '1951', date_to: '1952', mode: 'all', snippets: true, languages: [] };
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

test('info() has the same keys in the module, the mock bindings and carrel.d.ts', { skip: !siteDir }, async () => {
  const real = Object.keys((await openReal(siteDir)).info()).sort();
  const mock = Object.keys((await openMock()).info()).sort();
  assert.deepEqual(mock, real, 'mock_bindings.js info() against the module');
  assert.deepEqual(declaredFields('CollectionInfo'), real, 'carrel.d.ts CollectionInfo against the module');
});

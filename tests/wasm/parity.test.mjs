// Parity: the wasm module answers queries exactly as the native tool does
// (same ids, same order, same totals), over the demo site and over DFAT.
// Needs CARREL_BIN (the carrel tool) and CARREL_SITE_DIR (a built site);
// build.sh sets both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const bin = process.env.CARREL_BIN;
const siteDir = process.env.CARREL_SITE_DIR;
const root = resolve(import.meta.dirname, '../..');
const dfat = resolve(root, '../shared/corpora/dfat-1923-1949');

const QUERIES = [
  'armistice', 'Korea armistice', '"neutral zone"', 'Vishinsky', 'Vyshinsky', 'Zhou Enlai', 'Peking',
  'repatriat*', 'prisoners of war', 'would', 'Stalin -Mao', 'Taiwan OR Formosa', 'Menzeis', 'armistise',
  'type:telegram', 'date:1951-06..1951-09', '', 'zzzz', '795.00/7–2552', 'title:letter Mao',
  'wool', 'Japan peace settlement', '"security council"', 'trustee*', 'Evatt Dutch', 'New Guinea',
];

async function openSite(dir) {
  const bytes = readFileSync(join(dir, 'carrel.wasm'));
  const module = await WebAssembly.compile(bytes);
  const [section] = WebAssembly.Module.customSections(module, 'carrel-index');
  assert.ok(section, 'carrel.wasm carries a carrel-index section');
  const bindings = await import(pathToFileURL(join(dir, 'carrel_bindings.js')));
  await bindings.default({ module_or_path: module });
  const indexFile = join(mkdtempSync(join(tmpdir(), 'carrel-parity-')), 'index.carrel');
  writeFileSync(indexFile, new Uint8Array(section));
  return { collection: new bindings.Collection(new Uint8Array(section)), indexFile, bindings };
}

function native(indexFile, query) {
  const out = execFileSync(bin, ['search', indexFile, query, '--json', '--limit', '20'], { encoding: 'utf8' });
  return JSON.parse(out);
}

function assertParity({ collection, indexFile }) {
  for (const query of QUERIES) {
    const web = collection.search(query, { limit: 20 });
    const cli = native(indexFile, query);
    assert.equal(web.total, cli.total, `total for ${JSON.stringify(query)}`);
    assert.deepEqual(web.hits.map((h) => h.id), cli.hits.map((h) => h.id), `ids for ${JSON.stringify(query)}`);
    assert.deepEqual(web.hits.map((h) => h.snippet), cli.hits.map((h) => h.snippet), `snippets for ${JSON.stringify(query)}`);
    assert.equal(web.suggestion, cli.suggestion);
  }
}

test('wasm and native agree on the demo collection', { skip: !bin || !siteDir }, async () => {
  const site = await openSite(siteDir);
  assert.equal(site.collection.info().documents, 5);
  assertParity(site);
  const rendered = site.collection.render('002_e2543635f4802185', 'Vishinsky');
  assert.ok(rendered.matches > 0 && rendered.html.includes('id="match-1"'));
  assert.match(rendered.citation, /1952/);
});

test('errors surface as JS exceptions, not traps', { skip: !bin || !siteDir }, async () => {
  const { collection, bindings } = await openSite(siteDir);
  assert.throws(() => collection.search('x'.repeat(5000)), /limit/);
  assert.throws(() => collection.render('no-such-document'), /no-such-document/);
  assert.throws(() => collection.search('armistice', { sort: 'sideways' }), /sort|variant/);
  assert.throws(() => new bindings.Collection(new Uint8Array([1, 2, 3])), /not a Carrel index|truncated/);
  const bytes = new Uint8Array(WebAssembly.Module.customSections(await WebAssembly.compile(readFileSync(join(siteDir, 'carrel.wasm'))), 'carrel-index')[0]);
  bytes[bytes.length >> 1] ^= 0x40;
  assert.throws(() => new bindings.Collection(bytes), /corrupt/);
  // The module still works after every refusal.
  assert.ok(collection.search('armistice').total > 0);
});

test('wasm and native agree on DFAT', { skip: !bin || !existsSync(dfat) }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'carrel-parity-dfat-'));
  execFileSync(bin, ['build', dfat, '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const site = await openSite(dir);
  assert.equal(site.collection.info().documents, 7607);
  assertParity(site);
});

// Parity: the wasm module answers queries exactly as the native tool does
// (same ids, same order, same totals), over the demo site and over DFAT.
// Needs CARREL_BIN (the carrel tool) and CARREL_SITE_DIR (a built site);
// build.sh sets both.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { required } from '../required.mjs';

/** The native tool, and the built demo site's directory. */
const carrel = () => required('CARREL_BIN', 'the native carrel tool');
const demoSite = () => required('CARREL_SITE_DIR', 'the built demo site');
const root = resolve(import.meta.dirname, '../..');
const dfat = resolve(root, '../shared/corpora/dfat-1923-1949');

/** Temporary folders, removed when the file's tests are done. */
const scratch = [];
after(() => { for (const dir of scratch) rmSync(dir, { recursive: true, force: true }); });
function scratchDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

const QUERIES = [
  'armistice', 'Korea armistice', '"neutral zone"', 'Vishinsky', 'Vyshinsky', 'Zhou Enlai', 'Peking',
  'repatriat*', 'prisoners of war', 'would', 'Stalin -Mao', 'Taiwan OR Formosa', 'Menzeis', 'armistise',
  'type:telegram', 'date:1951-06..1951-09', '', 'zzzz', '795.00/7–2552', 'title:letter Mao',
  'wool', 'Japan peace settlement', '"security council"', 'trustee*', 'Evatt Dutch', 'New Guinea',
];
/** The queries that find nothing in the five seeds (DFAT's words), and in DFAT (the seeds' dates and record). */
const DEMO_FINDS_NOTHING = ['Menzeis', 'zzzz', 'wool', '"security council"', 'trustee*', 'Evatt Dutch'];
const DFAT_FINDS_NOTHING = ['date:1951-06..1951-09', 'zzzz', '795.00/7–2552'];

async function openSite(dir) {
  const bytes = readFileSync(join(dir, 'carrel.wasm'));
  const module = await WebAssembly.compile(bytes);
  const [section] = WebAssembly.Module.customSections(module, 'carrel-index');
  assert.ok(section, 'carrel.wasm carries a carrel-index section');
  const bindings = await import(pathToFileURL(join(dir, 'carrel_bindings.js')));
  await bindings.default({ module_or_path: module });
  const indexFile = join(scratchDir('carrel-parity-'), 'index.carrel');
  writeFileSync(indexFile, new Uint8Array(section));
  return { collection: new bindings.Collection(new Uint8Array(section)), indexFile, bindings };
}

function native(indexFile, query) {
  const out = execFileSync(carrel(), ['search', indexFile, query, '--json', '--limit', '20'], { encoding: 'utf8' });
  return JSON.parse(out);
}

/**
 * Every query gets the same answer from both sides. Agreeing on nothing proves nothing, so
 * each query must find something, except those in `findNothing`, which must find nothing.
 */
async function assertParity({ collection, indexFile }, findNothing) {
  for (const query of QUERIES) {
    const web = await collection.search(query, { limit: 20 });
    const cli = native(indexFile, query);
    if (findNothing.includes(query)) assert.equal(cli.total, 0, `${JSON.stringify(query)} finds nothing`);
    else assert.ok(cli.total > 0, `${JSON.stringify(query)} finds something`);
    assert.equal(web.total, cli.total, `total for ${JSON.stringify(query)}`);
    assert.deepEqual(web.hits.map((h) => h.id), cli.hits.map((h) => h.id), `ids for ${JSON.stringify(query)}`);
    assert.deepEqual(web.hits.map((h) => h.snippet), cli.hits.map((h) => h.snippet), `snippets for ${JSON.stringify(query)}`);
    assert.equal(web.suggestion, cli.suggestion);
  }
}

test('wasm and native agree on the demo collection', async () => {
  const siteDir = demoSite();
  const site = await openSite(siteDir);
  assert.equal(site.collection.info().documents, 5);
  assert.equal(site.collection.pack_directory(), undefined, 'the demo travels whole');
  await assertParity(site, DEMO_FINDS_NOTHING);
  const rendered = site.collection.render('002_e2543635f4802185', 'Vishinsky');
  assert.ok(rendered.matches > 0 && rendered.html.includes('id="match-1"'));
  assert.match(rendered.citation, /1952/);
});

test('the module carries a warm-up index the collection searches once, fetching nothing', async () => {
  const siteDir = demoSite();
  const module = await WebAssembly.compile(readFileSync(join(siteDir, 'carrel.wasm')));
  const [warmUp] = WebAssembly.Module.customSections(module, 'carrel-warm-up');
  assert.ok(warmUp, 'carrel.wasm carries a carrel-warm-up section');
  const bindings = await import(pathToFileURL(join(siteDir, 'carrel_bindings.js')));
  await bindings.default({ module_or_path: module });
  const { CarrelCollection, WARM_UP_QUERY } = await import(pathToFileURL(join(siteDir, 'collection.js')));
  // What warmUp() runs finds both made-up letters and marks the words in the one it opens.
  const warm = new bindings.Collection(new Uint8Array(warmUp));
  const results = warm.search(WARM_UP_QUERY, { limit: 10 });
  assert.deepEqual(results.hits.map((h) => h.id), ['warm-1', 'warm-2']);
  assert.equal(warm.render('warm-1', WARM_UP_QUERY).matches, 6);
  // The collection runs it once, with nothing fetched, and answers searches as before.
  const [section] = WebAssembly.Module.customSections(module, 'carrel-index');
  const opened = [];
  const open = () => { const c = new bindings.Collection(new Uint8Array(warmUp)); opened.push(c); return c; };
  const requests = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => { requests.push(String(url)); throw new Error('nothing may be fetched'); };
  try {
    const collection = new CarrelCollection(new bindings.Collection(new Uint8Array(section)), null, open);
    assert.equal(collection.warmUp(), true);
    assert.equal(collection.warmUp(), false, 'only once');
    assert.equal(opened.length, 1);
    assert.equal((await collection.search('armistice', { limit: 20 })).total, 3);
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.deepEqual(requests, []);
  assert.equal(performance.getEntriesByName('carrel: warm-up').length, 1, 'the warm-up is in the performance timeline');
  // A warm-up that fails only says so: it never stops the collection.
  const warned = [];
  const realWarn = console.warn;
  console.warn = (text) => warned.push(text);
  try {
    const failing = new CarrelCollection(new bindings.Collection(new Uint8Array(section)), null, () => { throw new Error('no index here'); });
    assert.equal(failing.warmUp(), true);
    assert.equal((await failing.search('armistice', { limit: 20 })).total, 3);
  } finally {
    console.warn = realWarn;
  }
  assert.deepEqual(warned, ['Carrel: warming up the search module failed (searches are not affected): no index here']);
});

test('errors surface as JS exceptions, not traps', async () => {
  const siteDir = demoSite();
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
  assert.throws(() => collection.add_pack('p0', new Uint8Array([1])), /whole and takes no packs/);
  assert.throws(() => collection.add_pack('../etc/passwd', new Uint8Array([1])), /not the name of a pack/);
});

/**
 * Packs are fetched by www/collection.js; Node's fetch does not read file: URLs, so this
 * one serves them from disk (a 404 for a missing file) and counts the requests.
 */
function fetchFromDisk(requests) {
  return async (url) => {
    requests.push(String(url));
    const path = fileURLToPath(url);
    if (!existsSync(path)) return new Response(null, { status: 404, statusText: 'Not Found' });
    return new Response(readFileSync(path));
  };
}

test('a packed DFAT site answers like the native tool, fetching a fraction of its packs', async () => {
  assert.ok(existsSync(dfat), `${dfat} is missing: the tests read the corpora in ../shared/corpora, beside the project`);
  const dir = scratchDir('carrel-parity-dfat-');
  execFileSync(carrel(), ['build', dfat, '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const site = await openSite(dir);
  const directory = site.collection.pack_directory();
  assert.match(directory ?? '', /^packs\/[0-9a-f]{8}$/, 'DFAT is over the threshold: its site is packed');
  const packs = readdirSync(join(dir, directory));
  const whole = join(dir, 'whole.carrel');
  execFileSync(carrel(), ['index', dfat, '--out', whole], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { CarrelCollection } = await import(pathToFileURL(join(root, 'www/collection.js')));
  const collection = new CarrelCollection(site.collection, pathToFileURL(join(dir, 'carrel.wasm')));
  assert.equal(collection.info().documents, 7607);
  const requests = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = fetchFromDisk(requests);
  try {
    await assertParity({ collection, indexFile: whole }, DFAT_FINDS_NOTHING);
    assert.equal(new Set(requests).size, requests.length, 'each pack is fetched once');
    assert.ok(requests.length > 0 && requests.length * 4 < packs.length, `${requests.length} of ${packs.length} packs fetched`);
    // Concurrent questions share downloads; a document renders once its pack is in.
    const before = requests.length;
    const [a, b] = await Promise.all([collection.search('uranium', { limit: 5 }), collection.search('uranium', { limit: 5 })]);
    assert.deepEqual(a, b);
    const fetched = requests.slice(before);
    assert.equal(new Set(fetched).size, fetched.length, 'concurrent searches fetch each pack once');
    const rendered = await collection.render(a.hits[0].id, 'uranium');
    assert.ok(rendered.matches > 0);
    // On an empty cache too, a document the search showed opens without fetching: its number
    // is remembered (no ids pack), its block came for its snippet, its query's stems for the search.
    const fresh = new CarrelCollection((await openSite(dir)).collection, pathToFileURL(join(dir, 'carrel.wasm')));
    const shown = await fresh.search('uranium', { limit: 5, facets: false });
    const expected = await collection.render(shown.hits[4].id, 'uranium');
    const beforeRender = requests.length;
    assert.deepEqual(await fresh.render(shown.hits[4].id, 'uranium'), expected);
    assert.deepEqual(requests.slice(beforeRender), [], 'opening a result fetches nothing');

    // A pack that cannot be fetched is a readable rejection, and the next try fetches again.
    const site2 = await openSite(dir);
    const again = new CarrelCollection(site2.collection, pathToFileURL(join(dir, 'carrel.wasm')));
    const hidden = join(dir, directory, 'hidden');
    // A word's first round asks for the postings pack of its list with the stems pack of its
    // stem, and (counts and results being asked for) the facet table and the store's dictionary.
    const firstRound = site2.collection.search('wool').missing;
    assert.deepEqual(firstRound.map((name) => name[0]), ['p', 'd', 'f', 's'], String(firstRound));
    assert.equal(firstRound[3], 's0', 'the store’s dictionary is its first piece');
    const victim = `${firstRound[0]}.bin`;
    renameSync(join(dir, directory, victim), hidden);
    const failure = await again.search('wool').catch((error) => error);
    renameSync(hidden, join(dir, directory, victim));
    assert.match(String(failure?.message), new RegExp(`could not load part ${firstRound[0]} of the index .*404`));
    assert.ok((await again.search('wool')).total > 0, 'fetched again after the failure');
    // Damaged bytes are refused by their checksum.
    const damaged = new CarrelCollection((await openSite(dir)).collection, pathToFileURL(join(dir, 'carrel.wasm')));
    globalThis.fetch = async (url) => {
      const response = await fetchFromDisk([])(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      bytes[0] ^= 1;
      return new Response(bytes);
    };
    await assert.rejects(damaged.search('wool'), /damaged or from another build: its checksum does not match/);
  } finally {
    globalThis.fetch = realFetch;
  }
});

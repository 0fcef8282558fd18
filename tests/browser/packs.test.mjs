// A packed site in Chromium: the demo collection built with `--packs always` (as
// larger collections are by default), served under the strict CSP. The page and the
// <carrel-search> element fetch the packs a query needs — nothing before the first
// search but the module — and a pack that cannot be fetched is a polite message. What
// they show is compared with the native tool's answer over a whole index of the seeds.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loaded, recordViolations, results, resultsFor, search, serveAndLaunch, statusCount, violations, watch, DESKTOP } from './harness.mjs';
import { STRICT_CSP } from './serve.mjs';
import { required } from '../required.mjs';

let bin;
const seeds = join(import.meta.dirname, '../../../shared/corpora/seeds');
let env;

before(async () => {
  bin = required('CARREL_BIN', 'the native carrel tool');
  const dir = mkdtempSync(join(tmpdir(), 'carrel-packed-site-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  let tag;
  try {
    execFileSync(bin, ['build', seeds, '--packs', 'always', '--out', join(dir, 'site')], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync(bin, ['index', seeds, '--out', join(dir, 'whole.carrel')], { stdio: ['ignore', 'ignore', 'inherit'] });
    [tag] = readdirSync(join(dir, 'site', 'packs'));
  } catch (error) {
    cleanup();
    throw error;
  }
  const site = await serveAndLaunch(join(dir, 'site'), { headers: { 'Content-Security-Policy': STRICT_CSP }, cleanup });
  env = { ...site, packs: join(dir, 'site', 'packs', tag), whole: join(dir, 'whole.carrel') };
});
after(async () => { await env?.close(); });

/** What the native tool finds for `query` in the whole (unpacked) index: { total, hits }. */
function whole(query) {
  return JSON.parse(execFileSync(bin, ['search', env.whole, query, '--json', '--limit', '20'], { encoding: 'utf8' }));
}

/** Opens a page that records which packs it fetched; `prepare(page)` runs before it loads. */
async function openPage(path = '', prepare = async () => {}) {
  const context = await env.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await prepare(page);
  const problems = watch(page);
  await recordViolations(page);
  const packs = [];
  page.on('request', (request) => {
    const match = new URL(request.url()).pathname.match(/\/packs\/[0-9a-f]{8}\/([pswdif]\d+)\.bin$/);
    if (match) packs.push(match[1]);
  });
  await page.goto(env.url + path);
  return { context, page, problems, packs };
}

test('the page fetches packs as queries need them and shows what a whole index shows', async () => {
  const { context, page, problems, packs } = await openPage('#q=');
  await loaded(page);
  await resultsFor(page, '');
  const browsed = packs.length;
  assert.ok(packs.includes('f0'), 'browsing reads in date order: the facet table');
  assert.ok(packs.every((name) => name.startsWith('s') || name === 'f0'), 'and documents, not postings');
  await search(page, 'armistice');
  const hits = await results(page);
  const expected = whole('armistice');
  assert.ok(expected.total >= 2, `the whole index finds armistice in ${expected.total} documents`);
  assert.equal(await statusCount(page), expected.total);
  assert.deepEqual(hits.map((h) => h.id), expected.hits.map((h) => h.id), 'the same documents in the same order');
  const snippets = await page.evaluate((list) => list.map((html) => {
    const template = document.createElement('template');
    template.innerHTML = html; // serialised as the page's own snippets are
    return template.innerHTML;
  }), expected.hits.map((h) => h.snippet));
  assert.deepEqual(hits.map((h) => h.snippetHtml), snippets, 'the same snippets');
  assert.ok(packs.slice(browsed).some((name) => name.startsWith('p')), 'a word query fetches postings');
  assert.ok(packs.slice(browsed).some((name) => name.startsWith('d')), 'and the stems pack that holds its stem');
  assert.ok(!packs.slice(browsed).some((name) => name.startsWith('w')), 'but no words pack: it needs no correction');
  assert.equal(new Set(packs).size, packs.length, 'no pack is fetched twice');
  await page.locator('#result-list a[data-id]').first().click();
  await page.locator('#document-content mark').first().waitFor();
  assert.ok(await page.locator('#citation').textContent());
  assert.deepEqual(problems, []);
  assert.deepEqual(await violations(page), []);
  await context.close();
});

test('once loaded and idle, the page warms the module up on its warm-up index, fetching no pack', async () => {
  const { context, page, problems, packs } = await openPage('#q=');
  const warnings = [];
  page.on('console', (message) => { if (message.type() === 'warning') warnings.push(message.text()); });
  await loaded(page);
  await page.waitForFunction(() => performance.getEntriesByName('carrel: warm-up').length === 1, null, { timeout: 10_000 });
  await resultsFor(page, '');
  assert.ok(packs.every((name) => name.startsWith('s') || name === 'f0'), `browsing's packs alone: ${packs}`);
  assert.deepEqual(warnings.filter((text) => text.includes('warming up')), []);
  await search(page, 'armistice');
  assert.deepEqual((await results(page)).map((h) => h.id), whole('armistice').hits.map((h) => h.id));
  assert.equal(await page.evaluate(() => performance.getEntriesByName('carrel: warm-up').length), 1, 'once only');
  assert.deepEqual(problems, []);
  assert.deepEqual(await violations(page), []);
  await context.close();
});

test('the first results do not wait for the facet table, and its counts follow', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const { context, page, problems, packs } = await openPage('', (page) =>
    page.route(/\/packs\/[0-9a-f]{8}\/f0\.bin$/, async (route) => { await held; await route.continue(); }));
  await loaded(page);
  await search(page, 'armistice', { type: false });
  const expected = JSON.parse(execFileSync(bin, ['search', env.whole, 'armistice', '--json', '--full'], { encoding: 'utf8' }));
  assert.deepEqual((await results(page)).map((h) => h.id), expected.hits.map((h) => h.id), 'the results, with the facet table held back');
  assert.deepEqual(packs.filter((name) => name === 'f0'), ['f0'], 'asked for once, after the results');
  assert.equal(await page.locator('#facets').getAttribute('aria-busy'), 'true');
  assert.equal(await page.locator('#facets fieldset').count(), 0, 'no counts yet');
  release();
  await page.waitForFunction(() => {
    const facets = document.getElementById('facets');
    return facets.dataset.query === 'armistice' && facets.getAttribute('aria-busy') === 'false';
  }, null, { timeout: 10_000 });
  const shown = await page.locator('#facets input[data-facet]').evaluateAll((boxes) =>
    boxes.map((box) => [box.dataset.facet, box.dataset.value, box.closest('label').querySelector('.facet-count').textContent]));
  const wanted = Object.entries(expected.facets).flatMap(([facet, values]) =>
    values.map(({ value, count }) => [facet, value, String(count)]));
  assert.ok(wanted.length >= 2, `the whole index counts ${wanted.length} facet values for armistice`);
  assert.deepEqual(shown.sort(), wanted.sort(), 'the counts a whole index gives');
  assert.equal(await page.locator('#timeline').isVisible(), expected.timeline.length > 0);
  assert.equal(new Set(packs).size, packs.length, 'no pack is fetched twice');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a pack that cannot be fetched is a message, and the next search fetches it again', async () => {
  const { context, page, problems } = await openPage();
  await loaded(page);
  const names = readdirSync(env.packs).filter((name) => name.startsWith('p'));
  for (const name of names) renameSync(join(env.packs, name), join(env.packs, `${name}.away`));
  try {
    await search(page, 'Vishinsky');
    assert.match(await page.locator('#notices').textContent(), /could not load part p\d+ of the index/);
  } finally {
    for (const name of names) renameSync(join(env.packs, `${name}.away`), join(env.packs, name));
  }
  await search(page, 'Stalin');
  const expected = whole('Stalin').hits.map((h) => h.id);
  assert.ok(expected.length >= 1);
  assert.deepEqual((await results(page)).map((h) => h.id), expected, 'the same page recovers once the packs are back');
  // The failed requests are the expected 404s; nothing else went wrong.
  assert.deepEqual(problems.filter((p) => !/404|Failed to load resource/.test(p)), []);
  await context.close();
});

test('the <carrel-search> element searches a packed collection', async () => {
  const { context, page, problems, packs } = await openPage('examples/museum.html');
  await page.locator('carrel-search').evaluate((element) => element.search('"neutral zone"'));
  const ids = await page.locator('carrel-search').evaluate((element) =>
    [...element.shadowRoot.querySelectorAll('button[data-id]')].map((b) => b.dataset.id));
  const expected = whole('"neutral zone"').hits.map((h) => h.id);
  assert.ok(expected.length >= 1);
  assert.deepEqual(ids, expected);
  assert.ok(packs.some((name) => name.startsWith('p')) && packs.some((name) => name.startsWith('s')));
  assert.deepEqual(problems, []);
  await context.close();
});

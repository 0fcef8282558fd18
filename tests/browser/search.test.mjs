// Searching: typing, results, suggestions, refusals, filters and the keyboard.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { foundIds, openPage, results, resultsFor, screenshot, search, setUp, statusCount, SEEDS_FOUND } from './harness.mjs';
import { buildMockSite } from './make-mock-site.mjs';
import { serve } from './serve.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

test('the page opens the collection, names it and browses every document', async () => {
  const { page, context, problems } = await openPage(env);
  await resultsFor(page, '');
  const name = (await page.locator('h1').textContent()).trim();
  assert.ok(name.length > 0);
  assert.ok((await page.title()).includes(name), 'the title carries the collection name');
  assert.match(await page.locator('#status').textContent(), /Browsing all \d+ documents?/);
  const listed = await results(page);
  assert.ok(listed.length > 0, 'an empty query lists documents');
  assert.equal(listed.length, Math.min(await statusCount(page), 10));
  const dates = listed.map((r) => r.date).filter(Boolean);
  assert.deepEqual(dates, [...dates].sort(), 'browsing lists documents by date');
  assert.equal(await page.locator('#q').isEnabled(), true);
  // The loader reported progress against the announced size.
  const progress = await page.$eval('#loading-progress', (p) => ({ max: p.max, value: p.value }));
  assert.ok(progress.max > 8 && progress.value === progress.max, JSON.stringify(progress));
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing a query lists results with highlighted snippets, a count and the time taken', async () => {
  const { page, context, problems } = await openPage(env);
  await search(page, 'armistice');
  assert.equal(await statusCount(page), SEEDS_FOUND.armistice.length);
  assert.match(await page.locator('#status').textContent(), /found for “armistice”/);
  assert.match(await page.locator('#timing').textContent(), /\d ms/);
  const listed = await results(page);
  assert.deepEqual(foundIds(listed), SEEDS_FOUND.armistice);
  for (const hit of listed) {
    assert.match(hit.snippetHtml, /<mark>[^<]*armisti/i, `snippet of ${hit.id} marks the word`);
    assert.ok(hit.title.trim() && hit.id);
  }
  assert.match(decodeURIComponent(new URL(page.url()).hash), /q=armistice/);
  await screenshot(page, 'desktop-results');
  assert.deepEqual(problems, []);
  await context.close();
});

test('names and quoted phrases are found', async () => {
  const { page, context, problems } = await openPage(env);
  await search(page, 'Vishinsky');
  assert.deepEqual(foundIds(await results(page)), SEEDS_FOUND.Vishinsky, 'Vishinsky is named in the 1951 and 1952 telegrams');
  await search(page, '"Alternative B"');
  const listed = await results(page);
  assert.deepEqual(foundIds(listed), SEEDS_FOUND['"Alternative B"'], 'the phrase "Alternative B" is in the 1952 telegram');
  assert.match(listed[0].snippetHtml, /<mark>Alternative/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a misspelt word offers "did you mean", which searches the suggestion', async () => {
  const { page, context, problems } = await openPage(env);
  await search(page, 'armistise');
  const suggestion = page.locator('#notices a.suggestion');
  assert.equal(await suggestion.textContent(), 'armistice');
  if ((await statusCount(page)) === 0) {
    assert.ok(await page.locator('.notice-empty').isVisible(), 'nothing found says so');
  }
  await suggestion.click();
  await resultsFor(page, 'armistice');
  assert.equal(await page.locator('#q').inputValue(), 'armistice');
  assert.deepEqual(foundIds(await results(page)), SEEDS_FOUND.armistice);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a query that matches nothing says so plainly', async () => {
  const { page, context, problems } = await openPage(env);
  await search(page, 'qqzzxv');
  assert.equal(await statusCount(page), 0);
  assert.match(await page.locator('#status').textContent(), /No documents found/);
  assert.ok(await page.locator('.notice-empty').isVisible());
  assert.equal((await results(page)).length, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('when no document has every word, partial matches are flagged as such', async () => {
  const { page, context, problems } = await openPage(env);
  await search(page, 'armistice qqzzxv');
  assert.deepEqual(foundIds(await results(page)), SEEDS_FOUND.armistice, 'the documents with the word that is found');
  assert.ok(await page.locator('.notice-partial').isVisible(), 'results that lack a word say so');
  assert.match(await page.locator('.notice-partial').textContent(), /partial matches/);
  assert.equal(await page.locator('.notice-empty').count(), 0);
  await search(page, 'armistice');
  assert.equal(await page.locator('.notice-partial').count(), 0, 'a full match is not flagged');
  assert.deepEqual(problems, []);
  await context.close();
});

test('hostile, odd and overlong queries never break the page', async () => {
  const { page, context, problems } = await openPage(env);
  const queries = ['<script>alert(1)</script>', '"', '*', '((', '))', '"unclosed phrase', '\\', '%', '#doc=x&q=y',
    '<img src=x onerror=alert(1)>', 'AND OR NOT', '-', '😀', 'a'.repeat(2000)];
  for (const query of queries) {
    await search(page, query, { type: false });
    const shown = await page.locator('#status').textContent();
    assert.ok(shown.length > 0, `status for ${query.slice(0, 20)}`);
    assert.equal(await page.locator('#result-list script, #result-list img, #notices script, #notices img').count(), 0);
  }
  // 2,000 characters is refused politely, in the page, naming the limit.
  const error = page.locator('#notices .notice-error');
  assert.ok(await error.isVisible(), 'an overlong query is refused in the page');
  assert.match(await error.textContent(), /1,?000/);
  await screenshot(page, 'desktop-long-query');
  // The page still works afterwards.
  await search(page, 'armistice');
  assert.deepEqual(foundIds(await results(page)), SEEDS_FOUND.armistice);
  assert.deepEqual(problems, []);
  await context.close();
});

test('facets, sort and the timeline narrow and order the results', async () => {
  const { page, context, problems } = await openPage(env);
  await resultsFor(page, '');
  const all = await statusCount(page);

  const boxes = page.locator('#facets input[type=checkbox]');
  assert.ok(await boxes.count() > 0, 'the facets are shown');
  const box = boxes.first();
  const facet = await box.getAttribute('data-facet');
  const value = await box.getAttribute('data-value');
  const expected = Number(await box.locator('xpath=..').locator('.facet-count').textContent());
  await box.check();
  await page.waitForFunction(() => location.hash.includes('='));
  assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get(facet), value);
  assert.ok(expected > 0 && expected < all, `${facet}=${value} counts ${expected} of ${all}`);
  assert.equal(await statusCount(page), expected, `${facet}=${value} leaves the documents it counted`);
  if (facet === 'type') for (const hit of await results(page)) assert.equal(hit.type, value);
  assert.ok(await page.locator('#clear-filters').isVisible());
  await page.locator('#clear-filters').click();
  await page.waitForFunction((f) => !location.hash.includes(`${f}=`), facet);
  assert.equal(await statusCount(page), all);

  await page.locator('#sort').selectOption('date-desc');
  await page.waitForFunction(() => location.hash.includes('sort=date-desc'));
  const dates = (await results(page)).map((r) => r.date).filter(Boolean);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');

  const bars = page.locator('#timeline [data-period]');
  assert.ok(await bars.count() > 0, 'the timeline is shown');
  const bar = bars.first();
  const period = await bar.getAttribute('data-period');
  const counted = Number((await bar.getAttribute('aria-label')).match(/: (\d+) document/)[1]);
  await bar.click();
  await page.waitForFunction((p) => location.hash.includes(`date_from=${p}`), period);
  assert.equal(await page.locator('#date-from').inputValue(), period);
  assert.ok(counted > 0, `the bar for ${period} counts documents`);
  assert.equal(await statusCount(page), counted, `the bar for ${period} said ${counted}`);
  for (const hit of await results(page)) assert.ok(hit.date?.startsWith(period), `${hit.date} is in ${period}`);
  await screenshot(page, 'desktop-timeline-narrowed');

  await page.locator('#date-from').fill('1951');
  await page.locator('#date-to').fill('1951-12');
  await page.locator('#date-to').press('Enter');
  await page.waitForFunction(() => location.hash.includes('date_to=1951-12'));
  const in1951 = await results(page);
  assert.deepEqual(foundIds(in1951), SEEDS_FOUND['date:1951'], 'the documents of 1951');
  for (const hit of in1951) assert.ok(hit.date?.startsWith('1951'), `${hit.date} is in 1951`);
  await page.locator('#date-from').fill('June 1951');
  await page.locator('#date-from').press('Tab');
  assert.ok(await page.locator('#date-error').isVisible(), 'a date the page cannot read is explained');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard: / focuses search, arrows move through results, Enter opens, Escape closes', async () => {
  const { page, context, problems } = await openPage(env);
  await page.locator('body').click({ position: { x: 5, y: 600 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('armistice');
  await resultsFor(page, 'armistice');
  await page.keyboard.press('ArrowDown');
  const ids = (await results(page)).map((r) => r.id);
  const focused = () => page.evaluate(() => document.activeElement.dataset?.id ?? document.activeElement.id);
  assert.equal(await focused(), ids[0]);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), ids[1]);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'q');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('#document-view').waitFor({ state: 'visible' });
  assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('doc'), ids[1]);
  await page.keyboard.press('Escape');
  await page.locator('#result-list').waitFor({ state: 'visible' });
  assert.equal(await focused(), ids[1], 'closing returns to the result that was opened');
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Show more results" appends the next page (on a 30-document mock)', async () => {
  // The page's paging, whatever the site under test: its collection may be too small to page.
  const dir = mkdtempSync(join(tmpdir(), 'carrel-long-mock-'));
  let server;
  try {
    buildMockSite(dir, { copies: 6 });
    server = await serve(dir);
    await showMore({ ...env, url: server.url });
  } finally {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function showMore(env) {
  const { page, context, problems } = await openPage(env);
  await resultsFor(page, '');
  assert.equal(await statusCount(page), 30);
  assert.equal((await results(page)).length, 10);
  await page.locator('#more').click();
  await page.waitForFunction(() => document.querySelectorAll('#result-list > li').length === 20);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id),
    (await results(page))[10].id, 'focus moves to the first new result');
  await page.locator('#more').click();
  await page.waitForFunction(() => document.querySelectorAll('#result-list > li').length === 30);
  assert.ok(await page.locator('#more').isHidden(), 'no more to show');
  const ids = (await results(page)).map((r) => r.id);
  assert.equal(new Set(ids).size, 30, 'no result twice');
  assert.deepEqual(problems, []);
  await context.close();
}

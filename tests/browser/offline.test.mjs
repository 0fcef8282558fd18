// The single-file offline page, opened from disk as from a USB stick (file://).
// CARREL_OFFLINE_FILE names it; build.sh sets it, or make-mock-site.mjs --offline makes one.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { DESKTOP, foundIds, launch, loaded, results, resultsFor, screenshot, search, statusCount, watch, SEEDS_FOUND } from './harness.mjs';
import { required } from '../required.mjs';

let file;
let browser;
before(async () => {
  file = required('CARREL_OFFLINE_FILE', 'the offline page (or: node tests/browser/make-mock-site.mjs DIR --offline FILE)');
  browser = await launch();
});
after(async () => { await browser?.close(); });

test('the offline page warms its module up, searches and shows documents from file://', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems = watch(page);
  const url = pathToFileURL(resolve(file)).href;
  await page.goto(url);
  await loaded(page);
  assert.ok(await page.locator('#fatal').isHidden(), await page.locator('#fatal').textContent());
  await resultsFor(page, '');
  assert.equal(await statusCount(page), SEEDS_FOUND[''].length, 'browsing lists every document');
  await page.waitForFunction(() => performance.getEntriesByName('carrel: warm-up').length === 1, null, { timeout: 10_000 });
  await search(page, 'armistice');
  const listed = await results(page);
  assert.deepEqual(foundIds(listed), SEEDS_FOUND.armistice);
  assert.match(listed[0].snippetHtml, /<mark>/);
  await page.locator('#result-list a[data-id]').first().click();
  await page.locator('#document-view').waitFor({ state: 'visible' });
  assert.ok(await page.locator('#document-content mark.carrel-match').count() >= 1);
  await page.keyboard.press('n');
  await screenshot(page, 'offline-document');
  await page.goBack();
  await page.locator('#search-view').waitFor({ state: 'visible' });
  await page.goto(`${url}#q=Vishinsky`);
  await resultsFor(page, 'Vishinsky');
  assert.deepEqual(foundIds(await results(page)), SEEDS_FOUND.Vishinsky);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the offline page speaks every language of the interface from file://, fetching nothing', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const url = pathToFileURL(resolve(file)).href;
  for (const [lang, button] of [['fr', 'Rechercher'], ['ar', 'بحث'], ['ja', '検索'], ['en', 'Search']]) {
    const page = await context.newPage();
    const problems = watch(page);
    const requests = [];
    page.on('request', (request) => { if (request.url() !== `${url}?lang=${lang}`) requests.push(request.url()); });
    await page.goto(`${url}?lang=${lang}`);
    await loaded(page);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal((await page.locator('#search-button').textContent()).trim(), button, lang);
    assert.deepEqual(requests.filter((r) => !r.startsWith('data:')), [], `${lang}: nothing fetched`);
    assert.deepEqual(problems, []);
    await page.close();
  }
  await context.close();
});

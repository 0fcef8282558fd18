// <carrel-search> on other people's pages: loading only when asked, with progress; the
// keyboard; events and the JS API; styles kept in and out; printing a document.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DESKTOP, focusedInWidget, foundIds, openExample, screenshot, setUp, watch, widgetResults, widgetResultsFor, widgetSearch,
  SEEDS_FOUND,
} from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const COLLECTION_FILES = /\/(carrel\.js|carrel_bindings\.js|carrel\.wasm)$/;
const inWidget = (page, id) => page.locator(`carrel-search #${id}`);

/** A host page of the test's own, served at examples/NAME.html beside the real examples. */
async function hostPage(name, body, { head = '' } = {}) {
  const context = await env.browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems = watch(page);
  await page.route(`**/examples/${name}.html`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>${head}
      <script type="module" src="../carrel-search.js"></script></head><body><main>${body}</main></body></html>`,
  }));
  await page.goto(`${env.url}examples/${name}.html`);
  await page.waitForFunction(() => customElements.get('carrel-search'));
  return { page, context, problems };
}

test('the collection is fetched only when someone starts to search, with progress shown', async () => {
  const { page, context, problems } = await openExample(env, 'museum');
  const fetched = [];
  page.on('request', (request) => { if (COLLECTION_FILES.test(request.url())) fetched.push(new URL(request.url()).pathname); });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/carrel.wasm', async (route) => { await held; await route.continue(); });
  await page.waitForLoadState('networkidle');
  await page.mouse.wheel(0, 400);
  assert.deepEqual(fetched, [], 'nothing of the collection is fetched before the search is used');

  await page.keyboard.press('/');
  assert.equal(await focusedInWidget(page), 'q', '/ goes to the search box');
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('carrel.js')));
  await inWidget(page, 'loading').waitFor({ state: 'visible' });
  assert.match(await inWidget(page, 'status').textContent(), /Loading the search/);
  assert.ok(await inWidget(page, 'progress').isVisible(), 'a progress bar shows while the module loads');
  await page.keyboard.type('armistice'); // typing while it loads is kept
  await screenshot(page, 'component-loading');
  release();
  await widgetResultsFor(page, 'armistice');
  assert.ok(await inWidget(page, 'loading').isHidden());
  const progress = await inWidget(page, 'progress').evaluate((p) => ({ max: p.max, value: p.value }));
  assert.ok(progress.max > 8 && progress.value === progress.max, `onProgress reported the download: ${JSON.stringify(progress)}`);
  assert.deepEqual([...new Set(fetched)].sort(), ['/carrel.js', '/carrel.wasm', '/carrel_bindings.js']);
  assert.deepEqual(foundIds(await widgetResults(page)), SEEDS_FOUND.armistice);
  assert.deepEqual(problems, []);
  await context.close();
});

test('loading="eager" fetches at once; two elements share one download', async () => {
  const { page, context, problems } = await hostPage('eager', `
    <carrel-search src="../carrel.wasm" loading="eager" label="First search"></carrel-search>
    <carrel-search id="second" src="../carrel.wasm" loading="eager" label="Second search"></carrel-search>`);
  await page.waitForFunction(() => [...document.querySelectorAll('carrel-search')].every((e) => e.collection));
  const downloads = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('/carrel.wasm')).length);
  assert.equal(downloads, 1, 'one download serves both elements');
  assert.match(await page.locator('carrel-search').first().locator('#status').textContent(), /Ready to search 5 documents/);
  await widgetSearch(page, 'Vishinsky', { element: '#second' });
  assert.deepEqual(foundIds(await widgetResults(page, { element: '#second' })), SEEDS_FOUND.Vishinsky);
  assert.deepEqual(problems, []);
  await context.close();
});

test('search, arrows, Enter opens a document inline, n and p move between matches, Escape closes', async () => {
  const { page, context, problems } = await openExample(env, 'museum');
  await page.evaluate(() => {
    window.events = [];
    for (const type of ['carrel-ready', 'carrel-results', 'carrel-open', 'carrel-close']) {
      document.addEventListener(type, (e) => window.events.push({ type, detail: { ...e.detail, hits: e.detail.hits?.length } }));
    }
  });
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  await page.keyboard.type('armistice');
  await widgetResultsFor(page, 'armistice');
  const listed = await widgetResults(page);
  assert.deepEqual(foundIds(listed), SEEDS_FOUND.armistice);
  for (const hit of listed) assert.match(hit.snippetHtml, /<mark>[^<]*armisti/i, `the snippet of ${hit.id} marks the word`);
  assert.match(await inWidget(page, 'status').textContent(), /^\d+ documents? found for “armistice”\.$/);
  assert.equal(await inWidget(page, 'status').getAttribute('role'), 'status', 'the count is announced');

  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedInWidget(page), listed[0].id);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedInWidget(page), listed[1].id);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedInWidget(page), 'q');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await inWidget(page, 'document').waitFor({ state: 'visible' });
  assert.ok(await inWidget(page, 'results').isHidden(), 'the document takes the results’ place');
  assert.equal(await inWidget(page, 'document').getAttribute('aria-label'), listed[1].title);
  const marks = await page.locator('carrel-search #content mark.carrel-match').count();
  assert.ok(marks >= 1, 'the document highlights the query');
  assert.match(await inWidget(page, 'citation').textContent(), /\S{3,}/, 'a citation is shown');

  await page.keyboard.press('n');
  assert.equal(await focusedInWidget(page), '1');
  assert.match(await inWidget(page, 'match-status').textContent(), new RegExp(`Match 1 of ${marks}`));
  await page.keyboard.press('p');
  assert.equal(await focusedInWidget(page), String(marks), 'previous from the first wraps to the last');
  const inView = await page.locator(`carrel-search #match-${marks}`).evaluate((mark) => {
    const box = mark.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= innerHeight;
  });
  assert.ok(inView, 'the current match is scrolled into view at once (reduced motion)');
  await inWidget(page, 'next').click();
  assert.equal(await focusedInWidget(page), '1');
  await screenshot(page, 'component-document');

  await page.keyboard.press('Escape');
  await inWidget(page, 'results').waitFor({ state: 'visible' });
  assert.equal(await focusedInWidget(page), listed[1].id, 'closing returns to the result that was opened');
  // Results for a word half typed may come first, if the collection was ready by then.
  const events = (await page.evaluate(() => window.events))
    .filter((e, i, all) => !(e.type === 'carrel-results' && all[i + 1]?.type === 'carrel-results'));
  assert.deepEqual(events.map((e) => e.type), ['carrel-ready', 'carrel-results', 'carrel-open', 'carrel-close']);
  assert.deepEqual(events[1].detail.query, 'armistice');
  assert.equal(events[1].detail.hits, listed.length);
  assert.equal(events[2].detail.id, listed[1].id);
  assert.equal(events[2].detail.title, listed[1].title);
  assert.equal(events[3].detail.id, listed[1].id);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the course page reacts to carrel-open; a cancelled carrel-open leaves the document closed', async () => {
  const { page, context, problems } = await openExample(env, 'course');
  await widgetSearch(page, 'Vishinsky');
  const listed = await widgetResults(page);
  assert.deepEqual(foundIds(listed), SEEDS_FOUND.Vishinsky);
  const [first] = listed;
  await page.locator('carrel-search button[data-id]').first().click();
  await inWidget(page, 'document').waitFor({ state: 'visible' });
  assert.deepEqual(await page.locator('#trail li').allTextContents(), [first.title], 'the page listed the opened document');
  await inWidget(page, 'back').click();

  await page.evaluate(() => document.addEventListener('carrel-open', (e) => e.preventDefault()));
  await page.locator('carrel-search button[data-id]').first().click();
  assert.ok(await inWidget(page, 'document').isHidden(), 'the page chose to show it its own way');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the JS API: load, search, open and close from the page, and openCollection for a UI of one’s own', async () => {
  const { page, context, problems } = await openExample(env, 'museum');
  const found = await page.evaluate(async () => {
    const element = document.querySelector('carrel-search');
    const collection = await element.load();
    await element.search('"neutral zone"');
    const ids = [...element.shadowRoot.querySelectorAll('button[data-id]')].map((b) => b.dataset.id);
    // Each result says its document's language (the seeds name none: the collection's, English).
    const langs = [...element.shadowRoot.querySelectorAll('button[data-id], .snippet')].map((e) => e.lang);
    await element.open(ids[0]);
    const opened = !element.shadowRoot.getElementById('document').hidden;
    element.close();
    return { documents: collection.info().documents, same: collection === element.collection, ids, opened, langs };
  });
  assert.deepEqual([...new Set(found.langs)], ['en']);
  assert.equal(found.langs.length, 2 * found.ids.length);
  assert.equal(found.documents, 5);
  assert.ok(found.same);
  assert.deepEqual([...found.ids].sort(), SEEDS_FOUND['"neutral zone"']);
  assert.ok(found.opened);
  assert.ok(await inWidget(page, 'document').isHidden());

  // The README's example of a page with its own interface.
  const own = await page.evaluate(async () => {
    const { openCollection } = await import('../carrel.js');
    const progress = [];
    const collection = await openCollection('../carrel.wasm', { onProgress: (p) => progress.push(p) });
    const results = await collection.search('armistice', { limit: 5 });
    const rendered = await collection.render(results.hits[0].id, 'armistice');
    return {
      total: results.total, ids: results.hits.map((h) => h.id), hit: results.hits[0], progress: progress.at(-1),
      matches: rendered.matches, citation: rendered.citation,
    };
  });
  assert.equal(own.total, SEEDS_FOUND.armistice.length);
  assert.deepEqual([...own.ids].sort(), SEEDS_FOUND.armistice);
  assert.match(own.hit.snippet, /<mark>/);
  assert.equal(typeof own.progress.loaded, 'number', 'onProgress receives { loaded, total }');
  assert.ok(own.matches >= 1 && own.citation.length > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('styles stay on their side of the shadow root; custom properties and parts restyle it', async () => {
  const hostile = `<style>
    button, input, p, li, ol, mark, article { background: rgb(255, 0, 0) !important; color: rgb(0, 128, 0) !important;
      font-size: 40px !important; display: inline !important; }
    .status, .result, .content, #results { display: none !important; }
    carrel-search { --carrel-link: rgb(1, 2, 3); --carrel-mark: rgb(250, 240, 100); }
    carrel-search::part(result-title) { text-transform: uppercase; }
  </style>`;
  const { page, context, problems } = await hostPage('hostile', `
    <p class="status" id="host-status">The host's own status line</p>
    <p class="result">The host's own <mark id="host-mark">mark</mark></p>
    <carrel-search src="../carrel.wasm"></carrel-search>`, { head: hostile });
  await widgetSearch(page, 'armistice');
  const inside = await page.locator('carrel-search').evaluate((host) => {
    const root = host.shadowRoot;
    const style = (el) => getComputedStyle(el);
    const title = root.querySelector('.result-title');
    return {
      titleColour: style(title).color,
      titleCase: style(title).textTransform,
      titleBackground: style(title).backgroundColor,
      titleSize: style(title).fontSize,
      results: style(root.getElementById('results')).display,
      status: style(root.getElementById('status')).display,
      mark: style(root.querySelector('.snippet mark')).backgroundColor,
    };
  });
  assert.equal(inside.titleColour, 'rgb(1, 2, 3)', '--carrel-link colours the result titles');
  assert.equal(inside.titleCase, 'uppercase', '::part(result-title) reaches the titles');
  assert.notEqual(inside.titleBackground, 'rgb(255, 0, 0)', 'the host’s button rule stays out');
  assert.notEqual(inside.titleSize, '40px');
  assert.equal(inside.results, 'block', 'the host’s #results rule stays out');
  assert.equal(inside.status, 'block', 'the host’s .status rule stays out');
  assert.equal(inside.mark, 'rgb(250, 240, 100)', '--carrel-mark colours the highlights');
  const outside = await page.evaluate(() => ({
    status: getComputedStyle(document.getElementById('host-status')).display,
    mark: getComputedStyle(document.getElementById('host-mark')).backgroundColor,
  }));
  assert.deepEqual(outside, { status: 'none', mark: 'rgb(255, 0, 0)' }, 'the element’s own rules stay in');
  assert.deepEqual(problems, []);
  await context.close();
});

test('printing a document from the element prints it and its citation, not the host page', async () => {
  const { page, context, problems } = await openExample(env, 'museum');
  await widgetSearch(page, 'armistice');
  await page.locator('carrel-search button[data-id]').first().click();
  await inWidget(page, 'document').waitFor({ state: 'visible' });
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.site-header', '#exhibition', '#documents-heading', '.visit', '.site-footer']) {
    assert.equal(await page.locator(hidden).isVisible(), false, `the host's ${hidden} is not printed`);
  }
  for (const hidden of ['search', 'status', 'back', 'print', 'copy']) {
    assert.equal(await inWidget(page, hidden).isVisible(), false, `the element's #${hidden} is not printed`);
  }
  for (const shown of ['content', 'citation']) {
    assert.equal(await inWidget(page, shown).isVisible(), true, `#${shown} is printed`);
  }
  await screenshot(page, 'component-print');
  await page.emulateMedia({ media: 'screen' });
  await page.keyboard.press('Escape');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), true, 'with no document open, the page prints as it is');
  assert.deepEqual(problems, []);
  await context.close();
});

// WCAG 2.1 AA where Carrel is used: the search page, its document view and the two example
// host pages with <carrel-search> in them (axe-core sees into its open shadow root), in
// every language of the interface; keyboard focus that shows; reflow at 200 % zoom.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  axeViolations, clippedElements, focusedInWidget, horizontalOverflow, openExample, openPage, screenshot, search,
  setUp, widgetSearch,
} from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

/** 1280 CSS pixels at 200 % zoom: WCAG 1.4.10's reflow width. */
const ZOOMED = { width: 640, height: 720 };

async function openInWidget(page) {
  await page.locator('carrel-search button[data-id]').first().click();
  await page.locator('carrel-search #document').waitFor({ state: 'visible' });
  await page.keyboard.press('n');
}

for (const lang of ['fr', 'ar']) {
  test(`axe: the search page and the document view in ${lang}`, async () => {
    // One navigation: a second one would abort the first page's requests (its favicon).
    const { page, context, problems } = await openPage(env, { search: `?lang=${lang}`, hash: 'q=armistice' });
    await page.waitForFunction(() => document.getElementById('loading').hidden && document.getElementById('results').dataset.query === 'armistice');
    assert.deepEqual(await axeViolations(page), [], 'results');
    await page.locator('#result-list a[data-id]').first().click();
    await page.locator('#document-view').waitFor({ state: 'visible' });
    await page.keyboard.press('n');
    assert.deepEqual(await axeViolations(page), [], 'document');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const name of ['museum', 'course']) {
  test(`axe: the ${name} example, before searching, with results and with a document open`, async () => {
    const { page, context, problems } = await openExample(env, name);
    assert.deepEqual(await axeViolations(page), [], 'before the search is used');
    await widgetSearch(page, 'armistice');
    assert.deepEqual(await axeViolations(page), [], 'with results');
    await widgetSearch(page, 'armistise');
    assert.deepEqual(await axeViolations(page), [], 'with "did you mean"');
    await widgetSearch(page, 'armistice');
    await openInWidget(page);
    assert.deepEqual(await axeViolations(page), [], 'with a document open');
    await screenshot(page, `example-${name}-document`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('axe: the element in French and in Arabic', async () => {
  for (const lang of ['fr', 'ar']) {
    const { page, context, problems } = await openExample(env, 'museum', { search: `?lang=${lang}` });
    await widgetSearch(page, 'armistice');
    assert.deepEqual(await axeViolations(page), [], `${lang}: with results`);
    await openInWidget(page);
    assert.deepEqual(await axeViolations(page), [], `${lang}: with a document open`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('every control of the element shows where the keyboard focus is', async () => {
  const { page, context } = await openExample(env, 'museum');
  await widgetSearch(page, 'armistise'); // a suggestion button too
  const ring = () => page.locator('carrel-search').evaluate((host) => {
    const el = host.shadowRoot.activeElement;
    if (!el) return 'left';
    const style = getComputedStyle(el);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? null : `${el.localName}#${el.id}`;
  });
  const seen = new Set();
  await page.locator('carrel-search #q').focus();
  for (let i = 0; i < 30; i++) {
    const at = await focusedInWidget(page);
    if (at === null) break;
    assert.equal(await ring(), null, `${at} shows a focus ring`);
    seen.add(at);
    await page.keyboard.press('Tab');
  }
  assert.ok(seen.size >= 3, `the keyboard reaches the element's controls (${[...seen]})`);

  await widgetSearch(page, 'armistice');
  await openInWidget(page);
  await page.locator('carrel-search #back').focus();
  for (let i = 0; i < 6; i++) {
    const at = await focusedInWidget(page);
    if (at === null) break;
    assert.equal(await ring(), null, `${at} shows a focus ring`);
    await page.keyboard.press('Tab');
  }
  await context.close();
});

test('at 200 % zoom (640 CSS px) nothing scrolls sideways or is cut off', async () => {
  const { page, context, problems } = await openPage(env, { viewport: ZOOMED });
  await search(page, 'armistice');
  assert.ok(await horizontalOverflow(page) <= 0, 'results: no horizontal scroll');
  assert.deepEqual(await clippedElements(page), [], 'results: nothing clipped');
  await screenshot(page, 'zoom200-results');
  await page.locator('#result-list a[data-id]').first().click();
  await page.locator('#document-view').waitFor({ state: 'visible' });
  await page.keyboard.press('n');
  assert.ok(await horizontalOverflow(page) <= 0, 'document: no horizontal scroll');
  assert.deepEqual(await clippedElements(page), [], 'document: nothing clipped');
  await screenshot(page, 'zoom200-document');
  assert.deepEqual(problems, []);
  await context.close();

  for (const name of ['museum', 'course']) {
    const example = await openExample(env, name, { viewport: ZOOMED });
    assert.deepEqual(await clippedElements(example.page), [], `${name}: nothing clipped`);
    await widgetSearch(example.page, 'armistice');
    assert.ok(await horizontalOverflow(example.page) <= 0, `${name} results: no horizontal scroll`);
    assert.deepEqual(await clippedElements(example.page), [], `${name} results: nothing clipped`);
    await openInWidget(example.page);
    assert.ok(await horizontalOverflow(example.page) <= 0, `${name} document: no horizontal scroll`);
    assert.deepEqual(await clippedElements(example.page), [], `${name} document: nothing clipped`);
    await screenshot(example.page, `zoom200-${name}-document`);
    assert.deepEqual(example.problems, []);
    await example.context.close();
  }
});

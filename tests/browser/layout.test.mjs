// How the page looks and reads: phone and desktop screenshots, no sideways scrolling,
// accessibility rules (axe-core), and the loader's own refusal.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DESKTOP, PHONE, axeViolations, horizontalOverflow, loaded, openPage, screenshot, search, setUp, watch } from './harness.mjs';
import { serve } from './serve.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

for (const [name, viewport] of [['phone', PHONE], ['narrow-phone', { width: 360, height: 640 }], ['desktop', DESKTOP]]) {
  test(`${name}: results and document fit the screen`, async () => {
    const { page, context, problems } = await openPage(env, { viewport });
    await search(page, 'armistice');
    assert.ok(await horizontalOverflow(page) <= 0, 'no horizontal scroll on the results');
    await screenshot(page, `${name}-results`);
    await page.locator('#result-list a[data-id]').first().click();
    await page.locator('#document-view').waitFor({ state: 'visible' });
    await page.keyboard.press('n');
    assert.ok(await horizontalOverflow(page) <= 0, 'no horizontal scroll on the document');
    await screenshot(page, `${name}-document`);
    const toolbar = await page.locator('.doc-toolbar').boundingBox();
    assert.ok(toolbar.height < 80, `the document toolbar stays one row (${toolbar.height}px)`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a projector-sized screen gets larger type', async () => {
  const { page, context } = await openPage(env, { viewport: { width: 1920, height: 1080 } });
  await search(page, 'armistice');
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  assert.ok(size >= 20, `body text is ${size}px`);
  await screenshot(page, 'projector-results');
  await context.close();
});

test('axe-core finds no accessibility violations in the results or the document', async () => {
  const { page, context } = await openPage(env);
  await search(page, 'armistice');
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('#result-list a[data-id]').first().click();
  await page.locator('#document-view').waitFor({ state: 'visible' });
  await page.keyboard.press('n');
  assert.deepEqual(await axeViolations(page), []);
  await search(page, 'armistise');
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('focus is visible on every control a keyboard reaches', async () => {
  const { page, context } = await openPage(env);
  await search(page, 'armistice');
  await page.locator('#q').focus();
  const seen = new Set();
  for (;;) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'end';
      const style = getComputedStyle(el);
      const marked = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      return marked || el.closest('svg') ? null : `${el.tagName}#${el.id}.${el.className}`;
    });
    if (ring === 'end') break;
    assert.equal(ring, null, 'a focused control shows a focus ring');
    const at = await page.evaluate(() => document.activeElement.outerHTML.slice(0, 120));
    if (seen.has(at)) break;
    seen.add(at);
  }
  assert.ok(seen.size >= 8, `the keyboard reaches the controls (${seen.size})`);
  await context.close();
});

test('a carrel.wasm without an index is reported, not thrown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'carrel-no-index-'));
  cpSync(env.site.dir, dir, { recursive: true });
  writeFileSync(join(dir, 'carrel.wasm'), Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  const server = await serve(dir);
  const context = await env.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(server.url);
  await loaded(page);
  await page.locator('#fatal').waitFor({ state: 'visible' });
  assert.match(await page.locator('#fatal').textContent(), /carries no index/);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

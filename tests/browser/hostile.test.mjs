// Hostile documents in a real browser: a collection full of <script>, onerror=,
// javascript: URLs, entities, bidi overrides and control characters is built
// with the carrel tool, served under the strict Content-Security-Policy, browsed,
// searched and read. Nothing may run (no dialog, no error, no injected element),
// and the text must be shown as text.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import {
  foundIds, loaded, recordViolations, results, resultsFor, screenshot, serveAndLaunch, violations, watch, DESKTOP, SEEDS_FOUND,
} from './harness.mjs';
import { STRICT_CSP } from './serve.mjs';
import { required } from '../required.mjs';

const fixtures = resolve(import.meta.dirname, '../fixtures/hostile');
const NAME = '<script>alert("name")</script>';
let env;

before(async () => {
  const bin = required('CARREL_BIN', 'the native carrel tool');
  const dir = mkdtempSync(join(tmpdir(), 'carrel-hostile-site-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    execFileSync(bin, ['build', fixtures, '--keep-going', '--name', NAME, '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    cleanup();
    throw error;
  }
  env = await serveAndLaunch(dir, { headers: { 'Content-Security-Policy': STRICT_CSP }, cleanup });
});
after(async () => { await env?.close(); });

/** Elements no document text may create inside the page's own markup. */
const injected = () => document.querySelectorAll(
  '#result-list script, #result-list img, #result-list iframe, #document-view script, #document-view img, #document-view iframe, #document-view a[href^="javascript:"], [onerror], [onclick]',
).length;

test('a hostile collection runs nothing and shows its text as text', async () => {
  const context = await env.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const problems = watch(page);
  await recordViolations(page);
  await page.goto(env.url);
  await loaded(page);
  assert.ok(await page.locator('#fatal').isHidden(), 'the collection opened');
  assert.equal(await page.title(), `${NAME} — search`, 'the collection name is text in the title');
  assert.equal(await page.locator('h1').textContent(), NAME, 'and in the heading');

  // Browse everything, then open every document in turn.
  await resultsFor(page, '');
  const ids = await page.$$eval('#result-list a[data-id]', (links) => links.map((a) => a.dataset.id));
  assert.ok(ids.length >= 4, `browsing lists the hostile documents (${ids.length})`);
  let sawScriptText = false;
  for (const id of ids) {
    await page.locator(`#result-list a[data-id="${id}"]`).click();
    await page.locator('#document-view').waitFor({ state: 'visible' });
    const text = await page.locator('#document-view').textContent();
    sawScriptText ||= text.includes("<script>alert('plain')</script>");
    assert.equal(await page.evaluate(injected), 0, `nothing injected by ${id}`);
    await screenshot(page, `hostile-${id.replace(/\W+/g, '-')}`);
    await page.keyboard.press('Escape');
    await page.locator('#document-view').waitFor({ state: 'hidden' });
  }
  assert.ok(sawScriptText, 'markup in a document is shown literally');

  // Search for words next to the payloads, and for payloads themselves.
  for (const query of ['hostileplain', 'hostilemarkdown', '<img src=x onerror=alert(1)>', 'javascript:alert(1)']) {
    await page.locator('#q').fill(query);
    await resultsFor(page, query);
    assert.equal(await page.evaluate(injected), 0, `nothing injected for ${query}`);
  }
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(problems, [], 'no dialog, error or refused request');
  await context.close();
});

test('the offline page works under the policy it states', async () => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const html = readFileSync(required('CARREL_OFFLINE_FILE', 'the offline page'), 'utf8');
  const stated = html.match(/it needs at least: ([^.]*)\./)?.[1];
  assert.ok(stated, 'the offline page states its policy');
  const dir = mkdtempSync(join(tmpdir(), 'carrel-offline-policy-'));
  writeFileSync(join(dir, 'index.html'), html);
  const site = await serveAndLaunch(dir, {
    headers: { 'Content-Security-Policy': stated },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  });
  try {
    const page = await site.browser.newPage();
    const problems = watch(page);
    await page.goto(site.url);
    await loaded(page);
    assert.ok(await page.locator('#fatal').isHidden(), 'the collection opened under the stated policy');
    await page.locator('#q').fill('armistice');
    await resultsFor(page, 'armistice');
    assert.deepEqual(foundIds(await results(page)), SEEDS_FOUND.armistice, 'the offline page finds what the demo finds');
    assert.deepEqual(problems, []);
  } finally {
    await site.close();
  }
});

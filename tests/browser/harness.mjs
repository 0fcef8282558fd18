// What every browser test needs: the site under test, a served copy of it, a headless
// Chromium, and a watch on the page for errors.
//
// The site comes from CARREL_SITE_DIR (a directory build.sh made); without it, a mock site
// is built into a temporary directory (see make-mock-site.mjs). The tests ask only for
// what the page shows, so they pass against the mock and the real module alike.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildMockSite } from './make-mock-site.mjs';
import { serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = resolve(here, '../../artifacts/screenshots');

export const CHROMIUM = process.env.CARREL_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/** The site directory under test, and how to clean up after it. */
export function siteUnderTest() {
  if (process.env.CARREL_SITE_DIR) return { dir: resolve(process.env.CARREL_SITE_DIR), mock: false, cleanup() {} };
  const dir = mkdtempSync(join(tmpdir(), 'carrel-mock-site-'));
  buildMockSite(dir);
  return { dir, mock: true, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Headless Chromium on a fresh, throwaway profile. */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Everything a test should start with: a served site and a browser. `headers` go on every
 * response (e.g. a Content-Security-Policy). Call `close()` in an `after` hook.
 */
export async function setUp({ headers } = {}) {
  const site = siteUnderTest();
  const server = await serve(site.dir, { headers });
  const browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    site,
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
      site.cleanup();
    },
  };
}

/**
 * Collects what must not happen on a page: uncaught exceptions, console errors, CSP
 * violations, failed requests, dialogs (an injected alert()). A missing favicon is fine.
 */
export function watch(page) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/favicon\.ico/.test(message.location()?.url ?? '')) return;
    problems.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !new URL(response.url()).pathname.endsWith('/favicon.ico')) {
      problems.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog opened: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return problems;
}

/** A new page (in its own context) at the site, once the collection has loaded. */
export async function openPage(env, { viewport = DESKTOP, hash = '', reducedMotion = 'reduce' } = {}) {
  const context = await env.browser.newContext({ viewport, reducedMotion });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(env.url + (hash ? '#' + hash : ''));
  await loaded(page);
  return { page, context, problems };
}

/** Waits until the collection is open (or has failed to open). */
export async function loaded(page) {
  await page.waitForFunction(() => document.getElementById('loading')?.hidden, null, { timeout: 30_000 });
}

/** Types `query` into the search box key by key and waits for its results. */
export async function search(page, query, { type = true } = {}) {
  const box = page.locator('#q');
  await box.fill('');
  if (type && query.length < 100) await box.pressSequentially(query);
  else await box.fill(query);
  await resultsFor(page, query);
}

/** Waits until the result list shows `query`'s results. */
export async function resultsFor(page, query) {
  await page.waitForFunction(
    (q) => {
      const results = document.getElementById('results');
      return results.dataset.query === q && results.getAttribute('aria-busy') !== 'true';
    },
    query,
    { timeout: 10_000 },
  );
}

/** The result list as the page shows it. */
export function results(page) {
  return page.$$eval('#result-list > li', (items) => items.map((li) => ({
    id: li.querySelector('a[data-id]')?.dataset.id,
    title: li.querySelector('.result-title')?.textContent ?? '',
    date: li.querySelector('time')?.getAttribute('datetime') ?? null,
    type: li.querySelector('.result-type')?.textContent ?? null,
    snippetHtml: li.querySelector('.snippet')?.innerHTML ?? '',
  })));
}

/** The number the status line gives, or 0 when it says none were found. */
export async function statusCount(page) {
  const text = await page.locator('#status').textContent();
  const number = text.replaceAll(',', '').match(/\d+/);
  return number ? Number(number[0]) : 0;
}

export function screenshot(page, name) {
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** No horizontal scrolling: the page is no wider than the viewport. */
export function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

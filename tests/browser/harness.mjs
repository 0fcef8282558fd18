// What every browser test needs: the site under test, a served copy of it, a headless
// Chromium, and a watch on the page for errors.
//
// The site comes from CARREL_SITE_DIR (a directory build.sh made); without it, a mock site
// is built into a temporary directory (see make-mock-site.mjs). The tests ask only for
// what the page shows, so they pass against the mock and the real module alike.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/**
 * The seed documents each query finds, sorted by id: what "found" means in these tests, on
 * the real module and the mock alike (ranking may differ; the documents may not).
 */
export const SEEDS_FOUND = {
  '': ['000_ad696c1dd75bbb07', '001_af3db66149b6bde9', '002_e2543635f4802185', '003_765af40944eb1042', '004_543ec0455553e979'],
  armistice: ['001_af3db66149b6bde9', '002_e2543635f4802185', '004_543ec0455553e979'],
  'armistice type:Telegram': ['002_e2543635f4802185', '004_543ec0455553e979'],
  Vishinsky: ['002_e2543635f4802185', '004_543ec0455553e979'],
  '"Alternative B"': ['002_e2543635f4802185'],
  '"neutral zone"': ['001_af3db66149b6bde9'],
  'date:1951': ['001_af3db66149b6bde9', '003_765af40944eb1042', '004_543ec0455553e979'],
};

/** The ids of a result list, sorted, to compare with SEEDS_FOUND. */
export function foundIds(hits) {
  return hits.map((hit) => hit.id).sort();
}

export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/** The site directory under test, and how to clean up after it. */
export function siteUnderTest() {
  if (process.env.CARREL_SITE_DIR) return { dir: resolve(process.env.CARREL_SITE_DIR), mock: false, cleanup() {} };
  const dir = mkdtempSync(join(tmpdir(), 'carrel-mock-site-'));
  buildMockSite(dir);
  return { dir, mock: true, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Headless Chromium on a fresh, throwaway profile; fails within a minute if it cannot start.
 * `extraArgs` are added to the command line (a benchmark's `--js-flags=…`, say).
 */
export function launch(extraArgs = []) {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 60_000 });
}

/**
 * Serves `dir` (with `headers` on every response) and starts a browser. `cleanup` runs once
 * both are closed. When the browser cannot start, the server is closed and `cleanup` runs
 * before the error is thrown: an open server would keep Node, and so the test run, alive.
 * Resolves to { url, browser, close }.
 */
export async function serveAndLaunch(dir, { headers, cleanup = () => {} } = {}) {
  let server;
  let browser;
  const close = async () => {
    try {
      await browser?.close();
    } finally {
      await server?.close();
      cleanup();
    }
  };
  try {
    server = await serve(dir, { headers });
    browser = await launch();
  } catch (error) {
    await close();
    throw error;
  }
  return { url: server.url, browser, close };
}

/**
 * Everything a test should start with: a served site and a browser. `headers` go on every
 * response (e.g. a Content-Security-Policy). Call `close()` in an `after` hook.
 */
export async function setUp({ headers } = {}) {
  const site = siteUnderTest();
  const served = await serveAndLaunch(site.dir, { headers, cleanup: site.cleanup });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return { site, ...served };
}

/**
 * Collects what must not happen on a page: uncaught exceptions, console errors, CSP
 * violations, failed requests (a missing icon too), dialogs (an injected alert()).
 */
export function watch(page) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    problems.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText;
    // The browser's own icon fetch, cancelled when a reload or a history step leaves the
    // page before it arrives, is no fault of the page (a missing icon is still its 404).
    if (reason === 'net::ERR_ABORTED' && new URL(request.url()).pathname.endsWith('/favicon.svg')) return;
    problems.push(`request failed: ${request.url()} ${reason}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog opened: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return problems;
}

/**
 * Records every Content-Security-Policy violation the page reports, from its first
 * script on; read them with `violations(page)`.
 */
export function recordViolations(page) {
  return page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

/** The violations `recordViolations` has seen so far. */
export function violations(page) {
  return page.evaluate(() => window.__violations);
}

/** A new page (in its own context) at the site, once the collection has loaded. */
export async function openPage(env, { viewport = DESKTOP, search = '', hash = '', reducedMotion = 'reduce' } = {}) {
  const context = await env.browser.newContext({ viewport, reducedMotion });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(env.url + search + (hash ? '#' + hash : ''));
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

// ---------------------------------------------------------------- accessibility and reflow

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** axe-core's WCAG 2.1 A/AA and best-practice violations on the page, open shadow roots included. */
export async function axeViolations(page) {
  const { source } = createRequire(import.meta.url)('axe-core');
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(source);
  return page.evaluate(async (tags) => {
    const report = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return report.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE_TAGS);
}

/**
 * What reflow at 200 % zoom must not do: elements (shadow roots included) that reach past
 * the viewport's sides, or that hide part of their content by clipping it. Visually hidden
 * text (1px boxes) and the content of scrolling boxes (wide tables) are allowed.
 */
export function clippedElements(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    const name = (el) => `${el.localName}${el.id ? '#' + el.id : ''}${typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
    const visit = (root, insideScroller) => {
      for (const el of root.children) {
        const style = getComputedStyle(el);
        if (style.display === 'none') continue;
        const box = el.getBoundingClientRect();
        const hiddenText = box.width <= 1 || box.height <= 1 || style.clipPath === 'inset(50%)';
        if (!insideScroller && !hiddenText && style.visibility !== 'hidden' && (box.left < -1 || box.right > width + 1)) {
          found.push(`${name(el)} spans ${Math.round(box.left)}…${Math.round(box.right)} of ${width}px`);
        }
        const clips = ['hidden', 'clip'].includes(style.overflowX);
        if (clips && !hiddenText && el.scrollWidth > el.clientWidth + 1) found.push(`${name(el)} clips its content`);
        const scroller = insideScroller || ['auto', 'scroll'].includes(style.overflowX);
        if (el.shadowRoot) visit(el.shadowRoot, scroller);
        visit(el, scroller);
      }
    };
    visit(document, false);
    return found;
  });
}

// ---------------------------------------------------------------- the <carrel-search> element

/** An example host page (examples/NAME.html), with nothing loaded but the page. */
export async function openExample(env, name, { viewport = DESKTOP, reducedMotion = 'reduce', search: query = '' } = {}) {
  const context = await env.browser.newContext({ viewport, reducedMotion });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${env.url}examples/${name}.html${query}`);
  await page.waitForFunction(() => customElements.get('carrel-search'));
  return { page, context, problems };
}

/** Types `query` into the element's box and waits for its results. */
export async function widgetSearch(page, query, { element = 'carrel-search' } = {}) {
  const box = page.locator(`${element} #q`);
  await box.focus();
  await box.fill(query);
  await widgetResultsFor(page, query, { element });
}

/** Waits until the element shows `query`'s results. */
export function widgetResultsFor(page, query, { element = 'carrel-search' } = {}) {
  return page.waitForFunction(([selector, q]) => {
    const results = document.querySelector(selector)?.shadowRoot?.getElementById('results');
    return results?.dataset.query === q;
  }, [element, query], { timeout: 30_000 });
}

/** The element's result list as it shows it. */
export function widgetResults(page, { element = 'carrel-search' } = {}) {
  return page.locator(element).evaluate((host) => [...host.shadowRoot.querySelectorAll('#results > li')].map((li) => ({
    id: li.querySelector('button[data-id]').dataset.id,
    title: li.querySelector('button[data-id]').textContent,
    snippetHtml: li.querySelector('.snippet').innerHTML,
  })));
}

/** What has focus, looking inside the element's shadow root. */
export function focusedInWidget(page, { element = 'carrel-search' } = {}) {
  return page.locator(element).evaluate((host) => {
    const el = host.shadowRoot.activeElement;
    return el ? (el.dataset.id ?? el.dataset.match ?? el.id ?? el.localName) : null;
  });
}

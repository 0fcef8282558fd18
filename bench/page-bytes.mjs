// What the full search page downloads before its first results are on screen: for
// a built site, in headless Chromium from 127.0.0.1 with an empty cache, the page
// opened with a query in its URL (#q=...); every response that finished (by the
// browser's request timing) before the first result entered the DOM (by the page's
// clock, from a MutationObserver), file by file, raw / gzip -9 / brotli q11 (the
// smaller of raw and compressed, as a static host serving precompressed files would
// send), and the files fetched after it (none are needed to show the results).
// Usage: node bench/page-bytes.mjs [SITE_DIR=dist] [QUERY=armistice]
// Reproduce the two numbers from the repository root, after ./build.sh build:
//   node bench/page-bytes.mjs dist armistice          (the demo page)
//   target/release/carrel build ../shared/corpora/dfat-1923-1949 --out /tmp/dfat-site
//   node bench/page-bytes.mjs /tmp/dfat-site Evatt    (the full page on DFAT)
import { resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { launch } from '../tests/browser/harness.mjs';
import { serve } from '../tests/browser/serve.mjs';

const [dir = 'dist', query = 'armistice'] = process.argv.slice(2);
const server = await serve(resolve(dir));
const browser = await launch();
const served = (bytes) => {
  const gzip = Math.min(bytes.length, gzipSync(bytes, { level: 9 }).length);
  const brotli = Math.min(bytes.length, brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length);
  return { raw: bytes.length, gzip, brotli };
};
const rows = [];
let shownAt;
try {
  const context = await browser.newContext();
  // The moment the first result enters the DOM, by the page's own clock (the epoch's
  // milliseconds, as the request timings below), rather than when a poll from here sees it.
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('#result-list li')) return;
      window.__firstResultsAt = Date.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const pending = [];
  page.on('requestfinished', (request) => {
    // When the body had arrived: the browser's own timing where it gives one.
    const timing = request.timing();
    const at = timing.responseEnd >= 0 ? timing.startTime + timing.responseEnd : Date.now();
    pending.push((async () => {
      const body = await (await request.response())?.body().catch(() => null);
      if (body) rows.push({ url: new URL(request.url()).pathname, at, ...served(body) });
    })());
  });
  await page.goto(new URL(`#q=${encodeURIComponent(query)}`, server.url).href);
  await page.waitForSelector('#result-list li', { timeout: 60_000 });
  shownAt = await page.evaluate(() => window.__firstResultsAt);
  const results = await page.locator('#result-list li').count();
  // Let late responses (prefetches, icons) arrive so they can be told apart.
  await new Promise((done) => setTimeout(done, 1500));
  await Promise.all(pending);
  console.log(`${dir}: the full page with #q=${JSON.stringify(query)}, ${results} results shown`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const before = rows.filter((r) => r.at <= shownAt).sort((a, b) => b.brotli - a.brotli);
const after = rows.filter((r) => r.at > shownAt);
console.log('\n| file (before the first results) | raw | gzip -9 | brotli 11 |');
console.log('|---|---:|---:|---:|');
for (const r of before) console.log(`| ${r.url} | ${r.raw} | ${r.gzip} | ${r.brotli} |`);
const sum = (list, key) => list.reduce((a, r) => a + r[key], 0);
console.log(`| **${before.length} files** | ${kb(sum(before, 'raw'))} | ${kb(sum(before, 'gzip'))} | **${kb(sum(before, 'brotli'))}** |`);
if (after.length) {
  console.log(`\nAfter the first results: ${after.length} files, ${kb(sum(after, 'brotli'))} brotli (${after.map((r) => r.url).join(', ')}).`);
}

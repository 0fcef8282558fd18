// First visit against return visit: for a built site, in headless Chromium from
// 127.0.0.1, navigation → first results on screen, the page opened with a query in
// its URL (#q=...). Each run is a fresh browser context: its first load has an empty
// cache; then a new page in the same context loads the site again, as a visitor who
// comes back, with the files in the HTTP cache (the server says Cache-Control:
// max-age=3600, as a static host would) and, where the module was compiled while it
// streamed, Chromium's code cache for it.
// Usage: node bench/return-visit.mjs [SITE_DIR=dist] [QUERY=armistice] [RUNS=7]
import { resolve } from 'node:path';
import { launch } from '../tests/browser/harness.mjs';
import { serve } from '../tests/browser/serve.mjs';

const [dir = 'dist', query = 'armistice', runs = '7'] = process.argv.slice(2);
const server = await serve(resolve(dir), { headers: { 'Cache-Control': 'max-age=3600' } });
const browser = await launch();
const first = [];
const again = [];
const url = new URL(`#q=${encodeURIComponent(query)}`, server.url).href;
async function visit(context) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('#result-list li', { timeout: 60_000 });
  const time = await page.evaluate(() => performance.now());
  await page.close();
  return time;
}
try {
  for (let run = 0; run < Number(runs); run++) {
    const context = await browser.newContext();
    first.push(await visit(context));
    // Chromium writes the code cache after the first compile, off the main thread.
    await new Promise((done) => setTimeout(done, 1000));
    again.push(await visit(context));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const summary = (times) => {
  times.sort((a, b) => a - b);
  return `median ${times[Math.floor(times.length / 2)].toFixed(0)} ms (fastest ${times[0].toFixed(0)}, slowest ${times.at(-1).toFixed(0)})`;
};
console.log(`${dir}: navigation → first results for ${JSON.stringify(query)} over ${first.length} runs: ` +
  `first visit ${summary(first)}; return visit ${summary(again)}`);

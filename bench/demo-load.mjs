// Time from navigation to the first results on screen for a built site, in
// headless Chromium, served from 127.0.0.1: the page opens with a query in its
// URL (#q=...) and the clock stops when the first result is in the DOM.
// Usage: node bench/demo-load.mjs [SITE_DIR=dist] [QUERY=armistice] [RUNS=10]
import { resolve } from 'node:path';
import { launch } from '../tests/browser/harness.mjs';
import { serve } from '../tests/browser/serve.mjs';

const [dir = 'dist', query = 'armistice', runs = '10'] = process.argv.slice(2);
const server = await serve(resolve(dir));
const browser = await launch();
const times = [];
try {
  for (let run = 0; run < Number(runs); run++) {
    const context = await browser.newContext(); // a cold cache every run
    const page = await context.newPage();
    await page.goto(new URL(`#q=${encodeURIComponent(query)}`, server.url).href);
    await page.waitForSelector('#result-list li', { timeout: 60_000 });
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`${dir}: load to first results for ${JSON.stringify(query)} over ${times.length} cold loads: ` +
  `median ${median.toFixed(0)} ms, fastest ${times[0].toFixed(0)} ms, slowest ${times.at(-1).toFixed(0)} ms`);

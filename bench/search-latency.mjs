// Warm search latency in headless Chromium for built sites, side by side: each site's
// module opened through carrel.js, the first 60 DFAT queries run once to fetch their packs,
// then three times timed (collection.search, limit 5). For comparing two modules on one index.
// Usage: node bench/search-latency.mjs SITE_DIR [SITE_DIR...]
import fs from 'node:fs';
import path from 'node:path';
import { launch } from '../tests/browser/harness.mjs';
import { serve } from '../tests/browser/serve.mjs';
const queries = fs.readFileSync(new URL('queries/dfat-queries.txt', import.meta.url), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t').pop()).slice(0, 60);
const browser = await launch();
for (const dir of process.argv.slice(2)) {
  const server = await serve(path.resolve(dir));
  const page = await (await browser.newContext()).newPage();
  await page.goto(new URL('carrel.js', server.url).href);
  const ms = await page.evaluate(async (qs) => {
    const { openCollection } = await import('/carrel.js');
    const c = await openCollection(new URL('/carrel.wasm', location.href));
    for (const q of qs) await c.search(q, { limit: 5 });
    const times = [];
    for (let pass = 0; pass < 3; pass++) for (const q of qs) { const t = performance.now(); await c.search(q, { limit: 5 }); times.push(performance.now() - t); }
    times.sort((a, b) => a - b);
    return { median: times[times.length >> 1], p90: times[Math.floor(times.length * 0.9)], n: times.length };
  }, queries);
  console.log(`${dir}: warm search latency over ${ms.n} searches (${queries.length} queries × 3): median ${ms.median.toFixed(2)} ms, p90 ${ms.p90.toFixed(2)} ms`);
  await server.close();
}
await browser.close();

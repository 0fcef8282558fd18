// How long the single-file offline page takes to open from disk (file://), as a reader
// opening it from a USB stick would: headless Chromium, the page opened with a query in
// its URL (#q=...), the clock stopped when the first result is in the DOM; and the
// largest resident memory of Chromium's processes meanwhile (sampled from /proc every
// 100 ms). `carrel build` warns when an offline page is larger than
// src/build.rs's OFFLINE_WARNING_BYTES; this is the measurement behind it.
// Usage: node bench/offline-open.mjs FILE [QUERY=Evatt] [RUNS=3]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from '../tests/browser/harness.mjs';

const [file, query = 'Evatt', runs = '3'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/offline-open.mjs FILE [QUERY] [RUNS]');
  process.exit(2);
}
const path = resolve(file);
const bytes = statSync(path).size;

/** Resident bytes of every process whose command line names Chromium, summed. */
function chromiumRss() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chrom')) continue;
      const rss = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
      if (rss) total += Number(rss[1]) * 1024;
    } catch { /* the process ended meanwhile */ }
  }
  return total;
}

const times = [];
let peak = 0;
for (let run = 0; run < Number(runs); run++) {
  const browser = await launch(); // a new browser each run: nothing cached
  const sampler = setInterval(() => { peak = Math.max(peak, chromiumRss()); }, 100);
  try {
    const page = await browser.newPage();
    const started = Date.now();
    await page.goto(`${pathToFileURL(path).href}#q=${encodeURIComponent(query)}`, { timeout: 600_000 });
    await page.waitForSelector('#result-list li', { timeout: 600_000 });
    times.push(Date.now() - started);
  } finally {
    clearInterval(sampler);
    await browser.close();
  }
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`${file} (${(bytes / 2 ** 20).toFixed(1)} MB): first results for ${JSON.stringify(query)} from file:// ` +
  `over ${times.length} opens: median ${(median / 1000).toFixed(1)} s, fastest ${(times[0] / 1000).toFixed(1)} s, ` +
  `slowest ${(times.at(-1) / 1000).toFixed(1)} s; Chromium's peak resident memory ${(peak / 2 ** 20).toFixed(0)} MB`);

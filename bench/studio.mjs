// The builder page in headless Chromium: the seeds and DFAT chosen in dist/carrel-studio.html
// opened from disk, built in the page (the page's own clock: choosing the build button to the
// site in hand, files read by the worker included), fastest of RUNS runs; peak memory as the
// highest resident set (VmHWM) of any of the browser's processes during the run — the page's
// renderer holds the page, its worker and the builder's memory — and the page's size. The
// native tool builds the same folder between the page's runs (GNU time: wall clock, peak
// resident set), so that the ratio is taken under the same load on a shared machine.
//
// Reproduce from the repository root, after ./build.sh build: node bench/studio.mjs
// (RUNS=3 by default; CARREL_CHROMIUM names another Chromium).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const page = join(root, 'dist/carrel-studio.html');
const corpora = resolve(root, '../shared/corpora');
const runs = Number(process.env.RUNS ?? 3);
const executablePath = process.env.CARREL_CHROMIUM ?? '/usr/bin/chromium';

/** Every process below `pid`, itself included. */
function tree(pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}

/** The highest peak resident set (VmHWM, bytes) among the processes below `pid`. */
function peakResident(pid) {
  let peak = 0;
  for (const p of tree(pid)) {
    try {
      const kb = Number(readFileSync(`/proc/${p}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    } catch {
      // ended
    }
  }
  return peak;
}

function inputBytes(dir) {
  let total = 0;
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const stats = statSync(path);
      if (stats.isDirectory()) walk(path);
      else total += stats.size;
    }
  };
  walk(dir);
  return total;
}

/** One build of `folder` in a fresh browser: seconds (the page's clock) and peak memory. */
async function buildOnce(folder) {
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(page).href);
    await tab.locator('#folder-input').setInputFiles(folder);
    await tab.getByRole('button', { name: 'Build the site' }).click();
    await tab.waitForFunction(() => /^(Built|Not built)/.test(document.getElementById('status').textContent), null, { timeout: 600_000 });
    const status = await tab.locator('#status').textContent();
    if (!status.startsWith('Built')) throw new Error(`${folder}: ${status} ${await tab.locator('#error').textContent()}`);
    const { seconds, summary } = await tab.evaluate(() => window.carrelStudioLastBuild);
    // The built site is then shown in the page: its peak counts too.
    await tab.frameLocator('#preview').locator('#q:not([disabled])').waitFor({ timeout: 120_000 });
    const peak = peakResident(process.pid); // the browser is this script's child
    return { seconds, documents: summary.documents, peak };
  } finally {
    await browser.close();
  }
}

const carrel = join(root, 'target/release/carrel');

/** One native build of `folder`: wall seconds and peak resident set (GNU time). */
function nativeOnce(folder) {
  const out = mkdtempSync(join(tmpdir(), 'carrel-bench-studio-'));
  try {
    const timing = join(out, 'time.txt');
    execFileSync('/usr/bin/time', ['-f', '%e %M', '-o', timing, carrel, 'build', folder, '--out', join(out, 'site')], { stdio: 'pipe' });
    const [seconds, kb] = readFileSync(timing, 'utf8').trim().split(/\s+/).map(Number);
    return { seconds, peak: kb * 1024 };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const bytes = readFileSync(page);
const browserVersion = execFileSync(executablePath, ['--version'], { encoding: 'utf8' }).trim();
console.log('# The builder page in headless Chromium');
console.log();
console.log(`- date: ${new Date().toISOString()}`);
console.log(`- machine: nproc ${cpus().length}, ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (the machine is shared)`);
console.log(`- browser: ${browserVersion}, headless; node ${process.version}`);
console.log(`- reproduce: node bench/studio.mjs (RUNS=${runs}, fastest run reported; load average after: printed below)`);
console.log(`- page dist/carrel-studio.html: ${bytes.length} bytes raw, ${gzipSync(bytes, { level: 9 }).length} gzip -9, `
  + `${brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length} brotli`);
console.log();
console.log('| collection | input | documents | build in the page (fastest) | all runs | peak memory (largest browser process) | native build (fastest) | native peak memory | page ÷ native |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const corpus of ['seeds', 'dfat-1923-1949']) {
  const folder = join(corpora, corpus);
  const results = [];
  const natives = [];
  for (let n = 0; n < runs; n++) {
    results.push(await buildOnce(folder));
    natives.push(nativeOnce(folder));
  }
  const fastest = (list) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const best = fastest(results);
  const native = fastest(natives);
  console.log(`| ${corpus} | ${mb(inputBytes(folder))} | ${best.documents} | ${best.seconds.toFixed(2)} s | `
    + `${results.map((r) => r.seconds.toFixed(2)).join(', ')} s | ${mb(Math.max(...results.map((r) => r.peak)))} | `
    + `${native.seconds.toFixed(2)} s | ${mb(native.peak)} | ${(best.seconds / native.seconds).toFixed(2)}× |`);
}
console.log();
console.log(`- load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

#!/usr/bin/env node
// Browser benchmark: Carrel against Pagefind, MiniSearch and lunr on the DFAT
// documents, in headless Chromium (playwright-core, /usr/bin/chromium).
// Run through bench/browser.sh (installs the npm packages, builds carrel).
//
// Options:
//   --tools a,b,...     pagefind,minisearch,minisearch-docs,lunr,lunr-docs,carrel (default: all)
//   --no-build          reuse the sites already built in bench/out (build numbers from out/builds.json)
//   --queries FILE      query set (default bench/queries/dfat-queries.txt)
//   --max-queries N     only the first N queries (smoke tests; not for reported numbers)
//   --results N         results whose data/snippets are loaded per query (default 5, as PEERS.md)
//   --timeout-min M     hard bound for the whole run (default 60)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { ROOT, BENCH_DIR, DFAT_DIR, loadDfat, readQueries, volumeDirs } from './peers/dfat.mjs';
import { corpusStats } from './peers/corpus-stats.mjs';
import { servedSizes, saveSizeCache, fmtBytes } from './peers/sizes.mjs';
import { runTimed, haveGnuTime } from './peers/timev.mjs';

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : def;
};
/** Page loads per tool; "load → first results" is their median. */
const LOADS = 5;
const ALL_TOOLS = ['pagefind', 'minisearch', 'minisearch-docs', 'lunr', 'lunr-docs', 'carrel'];
const TOOLS = opt('--tools', ALL_TOOLS.join(',')).split(',').filter(Boolean);
for (const t of TOOLS) if (!ALL_TOOLS.includes(t)) throw new Error(`unknown tool ${t}`);
const NO_BUILD = argv.includes('--no-build');
const QUERY_FILE = path.resolve(opt('--queries', path.join(BENCH_DIR, 'queries', 'dfat-queries.txt')));
const MAX_QUERIES = Number(opt('--max-queries', 0));
const N_RESULTS = Number(opt('--results', 5));
const TIMEOUT_MIN = Number(opt('--timeout-min', 60));
const OUT = path.join(BENCH_DIR, 'out');
const CARREL = process.env.CARREL || path.join(ROOT, 'target', 'release', 'carrel');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const SITES = {
  pagefind: path.join(OUT, 'pagefind-site'),
  minisearch: path.join(OUT, 'minisearch-site'),
  'minisearch-docs': path.join(OUT, 'minisearch-site'),
  lunr: path.join(OUT, 'lunr-site'),
  'lunr-docs': path.join(OUT, 'lunr-site'),
  carrel: path.join(OUT, 'carrel-site'),
};
const LABELS = {
  pagefind: 'Pagefind',
  minisearch: 'MiniSearch (prebuilt index, ids only)',
  'minisearch-docs': 'MiniSearch (docs.json shipped, index built in page)',
  lunr: 'lunr (prebuilt index, ids only)',
  'lunr-docs': 'lunr (docs.json shipped, index built in page)',
  carrel: 'Carrel',
};

const log = (...a) => console.error('[browser]', ...a);
const cleanups = [];
const watchdog = setTimeout(async () => {
  log(`time limit of ${TIMEOUT_MIN} min reached: stopping`);
  for (const c of cleanups.splice(0)) { try { await c(); } catch {} }
  process.exit(3);
}, TIMEOUT_MIN * 60_000);
watchdog.unref();

function pkgVersion(name) {
  try { return JSON.parse(fs.readFileSync(path.join(BENCH_DIR, 'node_modules', name, 'package.json'), 'utf8')).version; } catch { return '?'; }
}
function cpuModel() { return os.cpus()[0]?.model ?? '?'; }
function chromiumVersion() {
  const r = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return (r.stdout || '').trim() || '?';
}
function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
const pct = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
const ms = (x) => (x == null || Number.isNaN(x) ? 'n/a' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const secs = (x) => (x == null ? 'n/a' : `${x.toFixed(1)} s`);

// ---------------------------------------------------------------- builds
const BUILDS_FILE = path.join(OUT, 'builds.json');
let builds = {};
try { builds = JSON.parse(fs.readFileSync(BUILDS_FILE, 'utf8')); } catch {}
const saveBuilds = () => fs.writeFileSync(BUILDS_FILE, JSON.stringify(builds, null, 2));

function nodeBuild(script, args) {
  return runTimed(process.execPath, [path.join(BENCH_DIR, 'peers', script), ...args], { timeoutS: 1200 });
}

function carrelAvailable() {
  if (!fs.existsSync(CARREL)) return `no binary at ${path.relative(ROOT, CARREL)}`;
  const r = spawnSync(CARREL, ['build', '--help'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0 || !/usage/i.test((r.stdout || '') + (r.stderr || ''))) return '`carrel build` is not implemented yet';
  return null;
}

function buildAll() {
  fs.mkdirSync(OUT, { recursive: true });
  const need = new Set(TOOLS.map((t) => t.replace(/-docs$/, '')));
  if (need.has('pagefind')) {
    log('pagefind: converting DFAT Markdown to HTML pages in', path.relative(ROOT, SITES.pagefind));
    const conv = nodeBuild('build-pagefind-html.mjs', [SITES.pagefind]);
    if (!conv.ok) throw new Error('HTML conversion failed: ' + conv.stderr);
    log('pagefind: npx pagefind --site', path.relative(ROOT, SITES.pagefind));
    const r = runTimed(path.join(BENCH_DIR, 'node_modules', '.bin', 'pagefind'), ['--site', SITES.pagefind], { timeoutS: 1200 });
    if (!r.ok) throw new Error('pagefind failed: ' + r.stdout + r.stderr);
    const m = /Indexed (\d+) pages?/i.exec(r.stdout);
    builds.pagefind = { wallS: r.wallS, peakRssBytes: r.peakRssBytes, note: m ? `indexed ${m[1]} pages` : '', at: new Date().toISOString() };
    log(`pagefind: ${r.wallS.toFixed(1)} s, peak ${fmtBytes(r.peakRssBytes)}`);
  }
  for (const lib of ['minisearch', 'lunr']) {
    if (!need.has(lib)) continue;
    log(`${lib}: building the index over title + body in node`);
    const r = nodeBuild(`build-${lib}.mjs`, [SITES[lib]]);
    if (!r.ok) throw new Error(`${lib} build failed: ` + r.stderr);
    const info = JSON.parse(r.stdout.trim().split('\n').pop());
    builds[lib] = { wallS: r.wallS, peakRssBytes: r.peakRssBytes, ...info, at: new Date().toISOString() };
    log(`${lib}: ${r.wallS.toFixed(1)} s (index ${info.indexSeconds.toFixed(1)} s), peak ${fmtBytes(r.peakRssBytes)}`);
  }
  const docsSites = [...new Set(TOOLS.filter((t) => t.endsWith('-docs')).map((t) => SITES[t]))];
  if (docsSites.length) {
    log('writing docs.json for the in-page variants');
    const r = nodeBuild('build-docs-json.mjs', docsSites);
    if (!r.ok) throw new Error('docs.json failed: ' + r.stderr);
  }
  if (need.has('carrel')) {
    const why = carrelAvailable();
    if (why) {
      builds.carrel = { skipped: why, at: new Date().toISOString() };
      log(`carrel: skipped (${why})`);
    } else {
      fs.rmSync(SITES.carrel, { recursive: true, force: true });
      const args = ['build', ...volumeDirs(), '--out', SITES.carrel];
      log('carrel:', path.relative(ROOT, CARREL), 'build <18 DFAT volume folders> --out', path.relative(ROOT, SITES.carrel));
      const r = runTimed(CARREL, args, { timeoutS: 1800 });
      if (!r.ok || !fs.existsSync(path.join(SITES.carrel, 'carrel.js'))) {
        builds.carrel = { skipped: `carrel build failed (exit ${r.status}): ${(r.stderr || '').slice(-400)}`, at: new Date().toISOString() };
        log('carrel:', builds.carrel.skipped);
      } else {
        builds.carrel = { wallS: r.wallS, peakRssBytes: r.peakRssBytes, output: r.stdout.trim().slice(-400), at: new Date().toISOString() };
        log(`carrel: ${r.wallS.toFixed(1)} s, peak ${fmtBytes(r.peakRssBytes)}`);
      }
    }
  }
  saveBuilds();
}

// What each tool ships for search (the documents' own HTML pages, which every
// site has anyway, are not counted; Carrel's one-file carrel-offline.html is an
// alternative download and its studio.html the builder page, reported separately).
function shippedFiles(tool) {
  const site = SITES[tool];
  switch (tool) {
    case 'pagefind': return walk(path.join(site, 'pagefind'));
    case 'minisearch': return ['index.json', 'minisearch.js'].map((f) => path.join(site, f));
    case 'minisearch-docs': return ['docs.json', 'minisearch.js'].map((f) => path.join(site, f));
    case 'lunr': return ['index.json', 'lunr.min.js'].map((f) => path.join(site, f));
    case 'lunr-docs': return ['docs.json', 'lunr.min.js'].map((f) => path.join(site, f));
    case 'carrel': return walk(site).filter((f) => !['carrel-offline.html', 'studio.html'].includes(path.basename(f)));
  }
  return [];
}
function sumSizes(files) {
  const t = { raw: 0, gzip: 0, brotli: 0, files: files.length };
  for (const f of files) {
    const s = servedSizes(fs.readFileSync(f));
    t.raw += s.raw; t.gzip += s.gzip; t.brotli += s.brotli;
  }
  return t;
}

// ---------------------------------------------------------------- server
function serve(siteDir) {
  const harness = path.join(BENCH_DIR, 'peers', 'harness');
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json',
    '.wasm': 'application/wasm', '.css': 'text/css' };
  const requests = []; // every response of the site's own files: what was downloaded, and when (epoch ms)
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://127.0.0.1');
    let p = decodeURIComponent(u.pathname);
    const base = p.startsWith('/__bench/') ? harness : siteDir;
    if (p.startsWith('/__bench/')) p = p.slice('/__bench'.length);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(base, path.normalize(p));
    if (!file.startsWith(base) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    if (base === siteDir) {
      res.on('finish', () => requests.push({ path: p, file, bytes: body.length, t: performance.timeOrigin + performance.now() }));
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'content-length': body.length,
      'cache-control': 'no-cache' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const close = () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); });
    resolve({ port: server.address().port, close, requests });
  }));
}

// ---------------------------------------------------------------- typo check
const docs = loadDfat();
const docText = new Map(docs.map((d) => [d.id.replace(/\.md$/, ''), `${d.title}\n${d.body}`]));
function docFor(id) {
  let k = String(id);
  try { k = decodeURIComponent(k); } catch {}
  k = k.replace(/^https?:\/\/[^/]+/, '').replace(/^\/+/, '').replace(/\.(md|html)$/, '').replace(/\/index$/, '');
  if (docText.has(k)) return docText.get(k);
  for (const [key, text] of docText) if (key.endsWith('/' + k) || k.endsWith(key)) return text;
  return null;
}
const wordsRe = (phrase) => phrase.split(/\s+/).filter(Boolean).map((w) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i'));
function mentions(hit, intended) {
  const text = docFor(hit.id) ?? hit.text ?? '';
  return wordsRe(intended).every((re) => re.test(text));
}
const typoMap = new Map(fs.readFileSync(path.join(BENCH_DIR, 'queries', 'dfat-typos.tsv'), 'utf8')
  .split('\n').filter(Boolean).map((l) => l.split('\t')));

// ---------------------------------------------------------------- one tool in Chromium
/** A new Chromium with an empty profile; `close()` also removes the profile. */
async function newBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carrel-bench-chromium-'));
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 120_000,
  });
  const close = async () => { try { await ctx.close(); } catch {} fs.rmSync(userDataDir, { recursive: true, force: true }); };
  return { page: ctx.pages()[0] ?? await ctx.newPage(), close };
}

/** Loads the harness at `url` in `page` and returns what it reports for the first query. */
async function loadHarness(page, url) {
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForFunction(() => window.__first, null, { timeout: 600_000, polling: 50 });
  const first = await page.evaluate(() => window.__first);
  if (first.error) throw new Error(first.error);
  return first;
}

/** Times each of `qs` in turn with the harness's adapter: [{ q, ms, total, err }]. */
function timeQueries(page, qs) {
  return page.evaluate(async ({ qs, n }) => {
    const out = [];
    for (const q of qs) {
      const t0 = performance.now();
      let total = 0;
      let err = null;
      try { total = (await window.__adapter.search(q, n)).total; } catch (e) { err = String(e && e.message || e); }
      out.push({ q, ms: performance.now() - t0, total, err });
    }
    return out;
  }, { qs, n: N_RESULTS });
}

/** Navigation → first results of `url` in a new browser with an empty profile. */
async function coldLoad(url) {
  const browser = await newBrowser();
  try {
    return (await loadHarness(browser.page, url)).ms;
  } finally {
    await browser.close();
  }
}

async function measure(tool, queries) {
  const site = SITES[tool];
  const server = await serve(site);
  cleanups.push(server.close);
  const { page, close: cleanup } = await newBrowser();
  cleanups.push(cleanup);
  try {
    page.on('pageerror', (e) => log(`${tool}: page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') log(`${tool}: console: ${m.text()}`); });
    const first = queries[0].q;
    const url = `http://127.0.0.1:${server.port}/__bench/harness.html?tool=${encodeURIComponent(tool)}&first=${encodeURIComponent(first)}&n=${N_RESULTS}`;
    log(`${tool}: loading ${url.replace(/\?.*/, '')} (first query "${first}")`);
    const firstRes = await loadHarness(page, url);
    // Bytes are counted at the server (it also sees requests made from workers,
    // which Resource Timing in the page does not): responses finished before
    // the first result was shown.
    const firstEpoch = await page.evaluate((t) => performance.timeOrigin + t, firstRes.ms);
    const beforeFirst = server.requests.filter((r) => r.t <= firstEpoch);
    // One load is one sample of a noisy machine: load the page again, each time in a new
    // browser with an empty profile (a reused renderer keeps compiled code), and report
    // the median of all loads.
    const loads = [firstRes.ms];
    for (let k = 1; k < LOADS; k++) loads.push(await coldLoad(url));
    const nBefore = server.requests.length;

    log(`${tool}: first results after ${firstRes.ms.toFixed(0)} ms; timing ${queries.length} queries`);
    const timings = await timeQueries(page, queries.map((x) => x.q));
    const further = server.requests.slice(nBefore);
    // The same queries again: whatever a tool fetched for them is now in memory, so
    // this is the engine's own speed (what a visitor refining a search sees).
    const repeated = await timeQueries(page, queries.map((x) => x.q));

    // Typo check (untimed): top 10 for each typo query and for "Menzeis".
    const typoQs = queries.filter((x) => typoMap.has(x.q)).map((x) => x.q);
    const typoHits = await page.evaluate(async (qs) => {
      const out = {};
      for (const q of qs) {
        try { out[q] = (await window.__adapter.search(q, 10)).hits; } catch (e) { out[q] = []; }
      }
      return out;
    }, typoQs);
    const typo = {};
    for (const q of typoQs) {
      const hits = typoHits[q] ?? [];
      const k = hits.filter((h) => mentions(h, typoMap.get(q))).length;
      typo[q] = { k, n: hits.length, found: k >= 5 };
    }

    const bytesOf = (reqs) => {
      const t = { raw: 0, gzip: 0, brotli: 0, requests: 0 };
      for (const r of reqs) {
        const sz = servedSizes(fs.readFileSync(r.file));
        t.raw += sz.raw; t.gzip += sz.gzip; t.brotli += sz.brotli; t.requests++;
      }
      return t;
    };
    const lat = timings.map((t) => t.ms).sort((a, b) => a - b);
    const warm = repeated.map((t) => t.ms).sort((a, b) => a - b);
    return {
      tool,
      firstQuery: first,
      firstMs: pct([...loads].sort((x, y) => x - y), 50),
      loadsMs: loads,
      firstTotal: firstRes.total,
      beforeFirst: bytesOf(beforeFirst),
      beforeFirstFiles: beforeFirst.map((r) => r.path),
      further: bytesOf(further),
      nQueries: timings.length,
      p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99), max: lat[lat.length - 1],
      warm: { p50: pct(warm, 50), p95: pct(warm, 95), p99: pct(warm, 99) },
      zeroResults: timings.filter((t) => !t.total && !t.err).length,
      errors: timings.filter((t) => t.err).length,
      errorExamples: timings.filter((t) => t.err).slice(0, 3).map((t) => `${t.q}: ${t.err}`),
      typo,
    };
  } finally {
    await cleanup();
    await server.close();
  }
}

// ---------------------------------------------------------------- main
async function main() {
  const cmd = `bash bench/browser.sh${argv.length ? ' ' + argv.join(' ') : ''}`;
  console.log(`# Carrel browser benchmark (DFAT)\n`);
  console.log(`- date: ${new Date().toISOString()}`);
  console.log(`- machine: nproc ${os.availableParallelism?.() ?? os.cpus().length}, CPU ${cpuModel()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM; ` +
    `load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (the machine is shared)`);
  const git = spawnSync('git', ['-C', ROOT, 'log', '-1', '--format=%h %cd', '--date=short'], { encoding: 'utf8' }).stdout.trim();
  console.log(`- git: ${git}`);
  console.log(`- browser: ${chromiumVersion()} headless via playwright-core ${pkgVersion('playwright-core')}; node ${process.version}`);
  console.log(`- peers: pagefind ${pkgVersion('pagefind')}, minisearch ${pkgVersion('minisearch')}, lunr ${pkgVersion('lunr')}`);
  console.log(`- reproduce: \`${cmd}\` (from the repository root)`);
  if (!haveGnuTime()) console.log('- /usr/bin/time missing: peak memory not measured (apt-get install time)');

  const corpus = corpusStats();
  console.log(`- corpus: ${path.relative(ROOT, DFAT_DIR)}: ${corpus.documents} documents, body text ${fmtBytes(corpus.bodyBytes)} raw, ` +
    `${fmtBytes(corpus.gzip)} gzip, ${fmtBytes(corpus.brotli)} brotli (the floor for shipping the text)`);

  let queries = readQueries(QUERY_FILE);
  const groups = {};
  for (const x of queries) groups[x.group] = (groups[x.group] ?? 0) + 1;
  if (MAX_QUERIES) queries = queries.slice(0, MAX_QUERIES);
  console.log(`- queries: ${path.relative(ROOT, QUERY_FILE)}: ${queries.length} (${Object.entries(groups).map(([g, n]) => `${n} ${g}`).join(', ')})` +
    (MAX_QUERIES ? ' — TRUNCATED with --max-queries, smoke test only' : ''));
  if (!typoMap.has('Menzeis') || !queries.some((x) => x.q === 'Menzeis')) queries.push({ q: 'Menzeis', group: 'typos' });

  if (NO_BUILD) log('--no-build: reusing bench/out sites and the build numbers in bench/out/builds.json');
  else buildAll();

  const results = {};
  for (const tool of TOOLS) {
    const b = builds[tool.replace(/-docs$/, '')];
    if (tool === 'carrel' && (!b || b.skipped || !fs.existsSync(path.join(SITES.carrel, 'carrel.js')))) {
      results[tool] = { skipped: b?.skipped ?? 'not built' };
      continue;
    }
    try {
      results[tool] = await measure(tool, queries);
    } catch (e) {
      log(`${tool}: FAILED: ${e.stack || e}`);
      results[tool] = { skipped: `failed: ${String(e.message || e).split('\n')[0]}` };
    }
  }

  // ------------------------------------------------------------ table
  console.log('\n| tool | build time | indexer peak memory | shipped total (raw / gzip / brotli) | shipped ÷ raw text | bytes before first result (gzip / brotli) | bytes per further query (raw / brotli) | load → first results | p50 / p95 / p99 per query | same queries again (p50 / p95 / p99) | typo "Menzeis" found? | typo queries found |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  const notes = [];
  for (const tool of TOOLS) {
    const r = results[tool];
    const b = builds[tool.replace(/-docs$/, '')] ?? {};
    const docsVariant = tool.endsWith('-docs');
    if (r.skipped) {
      console.log(`| ${LABELS[tool]} | — | — | — | — | — | — | — | — | — | — | — |`);
      notes.push(`${LABELS[tool]}: not measured: ${r.skipped}`);
      continue;
    }
    const ship = sumSizes(shippedFiles(tool));
    const build = docsVariant ? 'none (built in page)' : secs(b.wallS);
    const mem = docsVariant ? '—' : fmtBytes(b.peakRssBytes);
    const nf = Math.max(1, r.nQueries);
    const m = r.typo['Menzeis'];
    const typoFound = Object.values(r.typo).filter((t) => t.found).length;
    console.log(`| ${LABELS[tool]} | ${build} | ${mem} | ${fmtBytes(ship.raw)} / ${fmtBytes(ship.gzip)} / ${fmtBytes(ship.brotli)} in ${ship.files} files | ` +
      `${(ship.raw / corpus.bodyBytes).toFixed(2)}× raw, ${(ship.brotli / corpus.brotli).toFixed(2)}× as brotli | ` +
      `${fmtBytes(r.beforeFirst.gzip)} / ${fmtBytes(r.beforeFirst.brotli)} (${r.beforeFirst.requests} requests) | ` +
      `${fmtBytes(r.further.raw / nf)} / ${fmtBytes(r.further.brotli / nf)} | ${ms(r.firstMs)} ms | ` +
      `${ms(r.p50)} / ${ms(r.p95)} / ${ms(r.p99)} ms | ${ms(r.warm.p50)} / ${ms(r.warm.p95)} / ${ms(r.warm.p99)} ms | ${m ? `${m.found ? 'yes' : 'no'} (${m.k}/${m.n} of top 10 mention Menzies)` : 'n/a'} | ` +
      `${typoFound}/${Object.keys(r.typo).length} |`);
    notes.push(`${LABELS[tool]}: first query "${r.firstQuery}" → ${r.firstTotal} results; ${r.nQueries} timed queries, ` +
      `${r.zeroResults} with no result, ${r.errors} errors${r.errorExamples.length ? ' (e.g. ' + r.errorExamples.join('; ') + ')' : ''}; max ${ms(r.max)} ms; ` +
      `before first result ${fmtBytes(r.beforeFirst.raw)} raw${r.beforeFirstFiles ? ` (${r.beforeFirstFiles.join(', ')})` : ''}; loads → first results ${r.loadsMs.map((x) => ms(x)).join(', ')} ms${b.note ? '; ' + b.note : ''}`);
  }
  saveSizeCache();
  console.log('\nNotes:');
  for (const n of notes) console.log(`- ${n}`);
  const off = path.join(SITES.carrel, 'carrel-offline.html');
  if (TOOLS.includes('carrel') && fs.existsSync(off) && !results.carrel?.skipped) {
    const s = servedSizes(fs.readFileSync(off));
    console.log(`- Carrel carrel-offline.html (one file, not counted above): ${fmtBytes(s.raw)} raw, ${fmtBytes(s.gzip)} gzip, ${fmtBytes(s.brotli)} brotli`);
  }
  const studio = path.join(SITES.carrel, 'studio.html');
  if (TOOLS.includes('carrel') && fs.existsSync(studio) && !results.carrel?.skipped) {
    const s = servedSizes(fs.readFileSync(studio));
    console.log(`- Carrel studio.html (the builder page, never fetched by a search; not counted above): ${fmtBytes(s.raw)} raw, ${fmtBytes(s.gzip)} gzip, ${fmtBytes(s.brotli)} brotli`);
  }
  console.log(`- Latency: performance.now() around one search in the page, ${N_RESULTS} results' data loaded (Pagefind: search() then data() of the top ${N_RESULTS}; Carrel: search(q, {limit: ${N_RESULTS}, facets: false}) with snippets, no facet counts, as Pagefind's search() counts no filters before filters() loads them); MiniSearch and lunr: search only, they carry no document text. "Per query" includes whatever the tool fetches for that query (Pagefind's chunks and fragments, Carrel's packs); "again" times the same queries a second time, with those fetches already done.`);
  console.log('- Build time: wall clock of the indexing process (Pagefind: the pagefind CLI on the HTML pages, conversion not included; MiniSearch/lunr: node reading the Markdown, indexing, writing JSON). Peak memory: /usr/bin/time -v, largest process.');
  console.log(`- Load → first results: navigation to the first query's results in the harness page, median of ${LOADS} loads, each in a new browser with an empty profile.`);
  console.log('- Bytes: response bodies as logged by the local server (so cache hits are not counted and requests from workers are); gzip -9 / brotli q11 per file, the smaller of raw and compressed. "Before first result" = responses finished by then; "per further query" = all bytes fetched during the timed queries ÷ their number.');
  console.log('- Typo found = at least 5 of the top 10 results are documents containing the intended word(s) (bench/queries/dfat-typos.tsv); "k/n" = k of the n results returned.');
  console.log(`- Load average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}.`);
  fs.writeFileSync(path.join(OUT, 'browser-results.json'), JSON.stringify({ corpus, builds, results }, null, 2));
  console.log(`\n(raw results: ${path.relative(ROOT, path.join(OUT, 'browser-results.json'))})`);
}

main().then(() => process.exit(0), async (e) => {
  log('FAILED:', e.stack || e);
  for (const c of cleanups.splice(0)) { try { await c(); } catch {} }
  process.exit(1);
});

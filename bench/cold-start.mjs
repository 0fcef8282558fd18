// Where a cold start goes: for a built site, in headless Chromium from 127.0.0.1,
// the phases between navigation and the first query's results through the JS API —
// page, download of carrel.wasm, compile, bindings, opening the index (checksum and
// dictionary checks), and the first search (with the packs it fetches).
// Usage: node bench/cold-start.mjs [SITE_DIR=bench/out/carrel-site] [QUERY=Evatt] [RUNS=7]
// CARREL_RTT_MS and CARREL_KBPS, if set, make Chromium emulate a slower network (DevTools
// network conditions: that round-trip time added to every request, and that many kilobits
// per second each way), as on a school network or a phone: each round of fetching then
// costs a round trip, which a server on 127.0.0.1 hides.
// CARREL_JS_FLAGS, if set, is handed to Chromium as --js-flags: with
// CARREL_JS_FLAGS=--no-wasm-lazy-compilation the module is compiled whole before it runs
// (an option a page cannot ask for), which shows how much of the first search is V8
// compiling functions on their first call.
import { resolve } from 'node:path';
import { launch } from '../tests/browser/harness.mjs';
import { serve } from '../tests/browser/serve.mjs';

// CARREL_WARM_UP: "page" (the default) leaves the warm-up to the collection, as pages do:
// once the page is idle, here while the first search, asked at once, waits for its packs;
// "idle" warms up before the search, as for a reader who types once the page is idle (its
// time is the warmUp phase); "none" not at all (as before sites carried a warm-up index).
const WARM_UP = process.env.CARREL_WARM_UP || 'page';
if (!['page', 'idle', 'none'].includes(WARM_UP)) throw new Error(`CARREL_WARM_UP must be page, idle or none, not ${WARM_UP}`);

const [dir = 'bench/out/carrel-site', query = 'Evatt', runs = '7'] = process.argv.slice(2);
const server = await serve(resolve(dir));
const browser = await launch(process.env.CARREL_JS_FLAGS ? [`--js-flags=${process.env.CARREL_JS_FLAGS}`] : []);
const rtt = Number(process.env.CARREL_RTT_MS || 0);
const kbps = Number(process.env.CARREL_KBPS || 0);
const throughput = kbps > 0 ? (kbps * 1000) / 8 : -1; // bytes per second; -1: not limited
const network = rtt > 0 || kbps > 0
  ? { offline: false, latency: rtt, downloadThroughput: throughput, uploadThroughput: throughput }
  : null;
const samples = [];
try {
  for (let run = 0; run < Number(runs); run++) {
    const context = await browser.newContext(); // a cold cache every run
    const page = await context.newPage();
    if (network) {
      const devtools = await context.newCDPSession(page);
      await devtools.send('Network.enable');
      await devtools.send('Network.emulateNetworkConditions', network);
    }
    await page.goto(new URL('carrel.js', server.url).href); // any same-origin page will do
    const phases = await page.evaluate(async ({ q, warmUp }) => {
      const marks = { start: performance.now() };
      const bindings = await import('/carrel_bindings.js');
      const { CarrelCollection } = await import('/collection.js');
      marks.scripts = performance.now();
      const bytes = await (await fetch('/carrel.wasm')).arrayBuffer();
      marks.download = performance.now();
      const module = await WebAssembly.compile(bytes);
      marks.compile = performance.now();
      await bindings.default({ module_or_path: module });
      marks.bindings = performance.now();
      const section = WebAssembly.Module.customSections(module, 'carrel-index')[0];
      const core = new bindings.Collection(new Uint8Array(section));
      marks.open = performance.now();
      // Time spent inside the module's calls, the first search's and the warm-up's apart.
      const inside = { search: 0, warmUp: 0 };
      const timed = (target, account) => new Proxy(target, {
        get(object, name) {
          const value = object[name];
          if (typeof value !== 'function') return value;
          return (...args) => {
            const t0 = performance.now();
            try { return value.apply(object, args); } finally { inside[account] += performance.now() - t0; }
          };
        },
      });
      const [warmSection] = WebAssembly.Module.customSections(module, 'carrel-warm-up');
      const openWarmUp = warmSection && warmUp !== 'none'
        ? () => timed(new bindings.Collection(new Uint8Array(warmSection)), 'warmUp')
        : null;
      const collection = new CarrelCollection(timed(core, 'search'), new URL('/carrel.wasm', location.href), openWarmUp);
      if (warmUp === 'idle') collection.warmUp();
      marks.warmUp = performance.now();
      const results = await collection.search(q, { limit: 5 });
      marks.search = performance.now();
      return { marks, inside, total: results.total, wasmBytes: bytes.byteLength };
    }, { q: query, warmUp: WARM_UP });
    samples.push(phases);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const names = ['scripts', 'download', 'compile', 'bindings', 'open', 'warmUp', 'search'];
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const report = names.map((name, i) => {
  const previous = i === 0 ? 'start' : names[i - 1];
  return `${name} ${median(samples.map((s) => s.marks[name] - s.marks[previous])).toFixed(1)} ms`;
});
const total = median(samples.map((s) => s.marks.search - s.marks.start));
console.log(`${dir}: carrel.wasm ${samples[0].wasmBytes} bytes; "${query}" → ${samples[0].total} results; ` +
  `median of ${samples.length} cold starts (page already loaded${process.env.CARREL_JS_FLAGS ? `, --js-flags=${process.env.CARREL_JS_FLAGS}` : ''}` +
  `${network ? `, network: ${rtt} ms round trip${kbps > 0 ? `, ${kbps} kbit/s` : ''}` : ''}, warm-up: ${WARM_UP}): ` +
  `${report.join(', ')}; total ${total.toFixed(1)} ms; inside the module during the search ` +
  `${median(samples.map((s) => s.inside.search)).toFixed(1)} ms, warming up ${median(samples.map((s) => s.inside.warmUp)).toFixed(1)} ms`);

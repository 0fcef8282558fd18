import { resolve } from 'node:path';
import { launch } from '../tests/browser/harness.mjs';
import { serve } from '../tests/browser/serve.mjs';
const [dir = 'bench/out/carrel-site', query = 'Evatt', runs = '5'] = process.argv.slice(2);
const server = await serve(resolve(dir));
const browser = await launch();
try {
  for (let run = 0; run < Number(runs); run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL('carrel.js', server.url).href);
    const log = await page.evaluate(async (q) => {
      const t0 = performance.now(); const log = [];
      const bindings = await import('/carrel_bindings.js');
      const { CarrelCollection } = await import('/collection.js');
      const bytes = await (await fetch('/carrel.wasm')).arrayBuffer();
      const module = await WebAssembly.compile(bytes);
      await bindings.default({ module_or_path: module });
      const section = WebAssembly.Module.customSections(module, 'carrel-index')[0];
      const core = new bindings.Collection(new Uint8Array(section));
      const t1 = performance.now(); log.push(['open', (t1 - t0).toFixed(1)]);
      const s = core.search.bind(core), ap = core.add_pack.bind(core);
      core.search = (a, b) => { const t = performance.now(); const r = s(a, b); log.push(['search', (performance.now() - t).toFixed(1), r && r.missing ? r.missing.join(',') : 'done']); return r; };
      core.add_pack = (n, b) => { const t = performance.now(); ap(n, b); log.push(['add_pack ' + n, (performance.now() - t).toFixed(1), b.length]); };
      const of = window.fetch; window.fetch = async (u) => { const t = performance.now(); const r = await of(u); const ab = await r.arrayBuffer(); log.push(['fetch ' + u.toString().split('/').pop(), (performance.now() - t).toFixed(1)]); return new Response(ab, { status: r.status }); };
      const collection = new CarrelCollection(core, new URL('/carrel.wasm', location.href));
      const t2 = performance.now();
      await collection.search(q, { limit: 5 });
      log.push(['first search total', (performance.now() - t2).toFixed(1)]);
      const t3 = performance.now();
      await collection.search(q + ' Chifley', { limit: 5 });
      log.push(['second search total', (performance.now() - t3).toFixed(1)]);
      return log;
    }, query);
    console.log(log.map((l) => l.join(' ')).join('\n') + '\n');
    await context.close();
  }
} finally { await browser.close(); await server.close(); }

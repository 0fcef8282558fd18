// Opens a Carrel collection: the search engine and its index travel in one carrel.wasm,
// the index as the module's custom section `carrel-index` — whole, or for a large
// collection its core, with postings and documents in packs beside it (collection.js).
//
//   import { openCollection } from './carrel.js';
//   const collection = await openCollection();          // carrel.wasm beside this file
//   const results = await collection.search('armistice', { limit: 10 });
//
// The offline single-file page has no modules: www/offline-loader.js defines a global
// `openCollection` with the same signature over the inlined module.

/**
 * Downloads and compiles `url`, starts the bindings and opens the index it carries.
 * `onProgress({ loaded, total })` is called as bytes arrive; `total` is null when the
 * server does not say how many are coming.
 *
 * The two scripts it needs are imported here rather than at the top of this file, so
 * that the module's download starts with them instead of after them: a page without
 * preload hints (an embedding page, or the element in carrel-search.js) then waits one
 * round trip fewer before the first search.
 */
export async function openCollection(url = new URL('carrel.wasm', import.meta.url), { onProgress } = {}) {
  const scripts = Promise.all([import('./carrel_bindings.js'), import('./collection.js')]);
  const [module, [bindings, { CarrelCollection, warmUpOpener }]] = await Promise.all([compile(url, onProgress), scripts]);
  const [section] = WebAssembly.Module.customSections(module, 'carrel-index');
  if (!section) throw new Error('this carrel.wasm carries no index');
  await bindings.default({ module_or_path: module });
  const core = new bindings.Collection(new Uint8Array(section));
  const openWarmUp = warmUpOpener(module, bindings.Collection);
  return new CarrelCollection(core, new URL(String(url), globalThis.location?.href), openWarmUp);
}

/**
 * The module at `url`, compiled while it downloads where the server calls it
 * application/wasm: the browser then keeps the compiled code with the cached response,
 * and a returning visitor skips compiling. A clone of the response counts the bytes for
 * `onProgress` (the one compiled must be the fetched response itself, or there is no
 * code cache). Other servers, and browsers without streaming compilation, get the
 * download below and one compile of the whole bytes.
 */
async function compile(url, onProgress) {
  if (typeof WebAssembly.compileStreaming !== 'function') {
    return WebAssembly.compile(await download(url, onProgress));
  }
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(`could not load ${url}: the network request failed`);
  }
  if (!response.ok) throw new Error(`could not load ${url}: ${response.status} ${response.statusText}`.trim());
  const type = (response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/wasm' || !response.body) {
    return WebAssembly.compile(await readCounting(response, onProgress));
  }
  const counting = readCounting(response.clone(), onProgress, { keep: false });
  const [module] = await Promise.all([WebAssembly.compileStreaming(response), counting]);
  return module;
}

/**
 * Reads `response`'s body, reporting the bytes as they arrive; resolves to the bytes
 * (an ArrayBuffer), or to nothing when `keep` is false. A compressed response may
 * announce fewer bytes than are counted: then `total` is null.
 */
async function readCounting(response, onProgress, { keep = true } = {}) {
  const announced = Number(response.headers.get('Content-Length')) || null;
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    if (keep) chunks.push(value);
    onProgress?.({ loaded, total: announced !== null && loaded <= announced ? announced : null });
  }
  if (!keep) return undefined;
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes.buffer;
}

/**
 * The bytes at `url`, reporting progress, for browsers without streaming compilation.
 */
function download(url, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('GET', String(url));
    request.responseType = 'arraybuffer';
    request.addEventListener('progress', (event) => {
      // A compressed response may announce fewer bytes than are counted: then say nothing.
      const known = event.lengthComputable && event.loaded <= event.total;
      onProgress?.({ loaded: event.loaded, total: known ? event.total : null });
    });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) resolve(request.response);
      else reject(new Error(`could not load ${url}: ${request.status} ${request.statusText}`.trim()));
    });
    request.addEventListener('error', () => reject(new Error(`could not load ${url}: the network request failed`)));
    request.send();
  });
}

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
import init, { Collection } from './carrel_bindings.js';
import { CarrelCollection } from './collection.js';

/**
 * Downloads and compiles `url`, starts the bindings and opens the index it carries.
 * `onProgress({ loaded, total })` is called as bytes arrive; `total` is null when the
 * server does not say how many are coming.
 */
export async function openCollection(url = new URL('carrel.wasm', import.meta.url), { onProgress } = {}) {
  const module = await WebAssembly.compile(await download(url, onProgress));
  const [section] = WebAssembly.Module.customSections(module, 'carrel-index');
  if (!section) throw new Error('this carrel.wasm carries no index');
  await init({ module_or_path: module });
  return new CarrelCollection(new Collection(new Uint8Array(section)), new URL(String(url), globalThis.location?.href));
}

/**
 * The bytes at `url`, reporting progress. XMLHttpRequest rather than fetch: its progress
 * events count bytes as they arrive, where reading a fetch body as a stream to count them
 * leaves Chromium reporting the finished request as aborted.
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

// The offline single-file page's stand-in for carrel.js (a classic script: no modules
// from file://). It defines a global `openCollection(url, { onProgress })` with the same
// signature and result as carrel.js; `url` is ignored, the module is in the page.
//
// The offline builder replaces the two marked lines of index.html and inlines, in order:
//   1. style.css, as a style element, in place of the stylesheet link line;
//   then, in place of the line that loads app.js as a module:
//   2. carrel.wasm in base64, as a script element of type application/octet-stream
//      with id carrel-wasm (a data block: the browser neither runs nor shows it);
//   3. the wasm-bindgen --target no-modules glue, which defines the global `wasm_bindgen`;
//   4. collection.js, its export line removed (CarrelCollection and warmUpOpener become globals);
//   5. this file;
//   6. i18n.js, its export line removed (its functions become globals);
//   7. views.js, its import and export lines removed (its functions and class become globals);
//   8. app.js, its import lines removed, wrapped in (function () { ... })();
//   each of 3 to 8 as a classic script element.
// Inlined text must never end its element early: none of these files may contain an end
// tag for script or style, nor an HTML comment opener (tests/browser/csp.test.mjs checks).
(function () {
  'use strict';

  /** Base64 text → bytes, natively where the browser can, else via atob. */
  function decodeBase64(text) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text.trim());
    const binary = atob(text.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  window.openCollection = async function openCollection(url, { onProgress } = {}) {
    const carrier = document.getElementById('carrel-wasm');
    if (!carrier) throw new Error('this page carries no carrel.wasm (no #carrel-wasm element)');
    if (typeof wasm_bindgen !== 'function') throw new Error('this page lacks the Carrel bindings (wasm_bindgen)');
    const bytes = decodeBase64(carrier.textContent);
    if (onProgress) onProgress({ loaded: bytes.length, total: bytes.length });
    const module = await WebAssembly.compile(bytes);
    const [section] = WebAssembly.Module.customSections(module, 'carrel-index');
    if (!section) throw new Error('this carrel.wasm carries no index');
    await wasm_bindgen({ module_or_path: module });
    const openWarmUp = warmUpOpener(module, wasm_bindgen.Collection);
    // The whole index is in the page: nothing to fetch, so no address for packs.
    return new CarrelCollection(new wasm_bindgen.Collection(new Uint8Array(section)), null, openWarmUp);
  };
})();

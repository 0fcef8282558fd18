// The offline single-file page's stand-in for carrel.js (a classic script: no modules
// from file://). It defines a global `openCollection(url, { onProgress })` with the same
// signature and result as carrel.js; `url` is ignored, the module is in the page.
//
// The offline builder inlines, in this order, replacing the two marked lines of index.html:
//   1. style.css                     → <style> in place of <link rel="stylesheet" href="style.css">
//   then, in place of <script type="module" src="app.js"></script>:
//   2. carrel.wasm as base64          → <script type="application/octet-stream" id="carrel-wasm">
//   3. wasm-bindgen --target no-modules glue → <script> defining the global `wasm_bindgen`
//   4. this file                      → <script>
//   5. app.js, its import line removed, wrapped in (function () { … })(); → <script>
// Inlined text must not contain "</script" (the builder escapes it as "<\/script").
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
    return new wasm_bindgen.Collection(new Uint8Array(section));
  };
})();

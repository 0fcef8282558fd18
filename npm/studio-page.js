// The builder page's bytes from its two parts: its skeleton (the whole page, with a mark
// where the builder module goes and a mark where the skeleton itself goes) and the builder
// module. Every face makes the page with this one function — build.sh writes
// dist/carrel-studio.html with it, the npm package makes it from the skeleton and the module
// it ships, and the page makes its own bytes from the two parts it carries — so every site
// carries the same `studio.html`, whichever face wrote it. (The builder module cannot hold
// the page, which holds the builder module.)
//
// Both parts go into the page as base64, inside data blocks (`<script type=
// "application/octet-stream">`): the browser neither runs nor shows them, and base64 can
// never close its element early.

// The marks are written in two pieces here: this file is itself inlined into the skeleton,
// where each mark may stand only once.
/** Where the builder module goes, in base64. */
export const STUDIO_WASM_MARK = ['@@CARREL-STUDIO', 'WASM@@'].join('-');
/** Where the skeleton itself goes, its UTF-8 in base64. */
export const STUDIO_SKELETON_MARK = ['@@CARREL-STUDIO', 'SKELETON@@'].join('-');

/** Standard base64 (with padding) of `bytes`, in any JavaScript engine. */
export function toBase64(bytes) {
  if (typeof bytes.toBase64 === 'function') return bytes.toBase64();
  const parts = [];
  const step = 3 * 8192;
  for (let start = 0; start < bytes.length; start += step) {
    parts.push(btoa(String.fromCharCode.apply(null, bytes.subarray(start, start + step))));
  }
  return parts.join('');
}

/** Bytes from standard base64 (whitespace ignored). */
export function fromBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text.trim());
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The page: `skeleton` (text) with the module's base64 and the skeleton's own base64 in
 * place of their marks, as UTF-8 bytes. Throws when a mark is missing or repeated.
 */
export function studioPage(skeleton, wasmBytes) {
  const pieces = [];
  const marks = [STUDIO_WASM_MARK, STUDIO_SKELETON_MARK]
    .map((mark) => ({ mark, at: skeleton.indexOf(mark) }))
    .sort((a, b) => a.at - b.at);
  for (const { mark } of marks) {
    if (skeleton.indexOf(mark) < 0 || skeleton.indexOf(mark) !== skeleton.lastIndexOf(mark)) {
      throw new Error(`the builder page's skeleton must hold ${mark} exactly once`);
    }
  }
  let from = 0;
  for (const { mark, at } of marks) {
    pieces.push(skeleton.slice(from, at));
    pieces.push(mark === STUDIO_WASM_MARK ? toBase64(wasmBytes) : toBase64(new TextEncoder().encode(skeleton)));
    from = at + mark.length;
  }
  pieces.push(skeleton.slice(from));
  return new TextEncoder().encode(pieces.join(''));
}

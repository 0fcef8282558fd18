// How much memory the builder module needs per byte of input: builds each folder given with
// the staged npm package (target/package, which ./build.sh writes) and prints the module's
// memory afterwards (it grows by doubling and never shrinks, so this is its peak) against
// the size of the folder's files. The factor in src/builder_wasm.rs (MEMORY_PER_INPUT_BYTE)
// is chosen above the largest.
//
//   node bench/builder-memory.mjs ../shared/corpora/dfat-1923-1949 ../shared/corpora/udhr
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = resolve(import.meta.dirname, '../target/package');
const Original = WebAssembly.Instance;
let instance;
WebAssembly.Instance = function Instance(module, imports) {
  instance = new Original(module, imports);
  return instance;
};
const { build } = await import(pathToFileURL(`${pkg}/carrel.js`));
const { listPaths } = await import(pathToFileURL(`${pkg}/node.js`));
for (const folder of process.argv.slice(2)) {
  const input = listPaths([folder]).inputBytes;
  const started = Date.now();
  await build(folder, {});
  const memory = instance.exports.memory.buffer.byteLength;
  console.log(`${folder}: ${input} bytes of files; module memory ${memory} bytes = ${(memory / input).toFixed(2)}× the input; ${Date.now() - started} ms`);
}

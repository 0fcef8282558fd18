// Assembles the builder page (see studio-page.js for how its bytes are made):
//
//   node studio/make-studio.mjs GLUE WASM SKELETON_OUT PAGE_OUT
//
// GLUE is the builder module's wrapped glue (carrel_builder.js), WASM the module. Writes the
// skeleton — studio.html with the styles and scripts inlined, the module and the skeleton
// itself left as marks — and the page made from it. The page's scripts are classic (a page
// opened from disk may not import modules), so the ES modules it is made of are inlined with
// their import lines dropped and `export` taken off their declarations. Run by build.sh.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { studioPage, STUDIO_SKELETON_MARK, STUDIO_WASM_MARK } from '../npm/studio-page.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const [glueFile, wasmFile, skeletonOut, pageOut] = process.argv.slice(2);
if (!pageOut) {
  console.error('usage: node studio/make-studio.mjs GLUE WASM SKELETON_OUT PAGE_OUT');
  process.exit(2);
}
const read = (file) => readFileSync(file, 'utf8');

/** An ES module's text as part of a classic script. */
function classic(js, name) {
  const out = js
    .split('\n')
    .filter((line) => !/^import .* from '[^']+';$/.test(line) && !/^export \{.*\};?$/.test(line))
    .map((line) => line.replace(/^export (async function|function|const|let|class) /, '$1 '))
    .join('\n')
    .replaceAll('import.meta.url', 'self.location.href');
  if (/^\s*(import|export)\s/m.test(out)) throw new Error(`${name}: an import or export this script cannot inline`);
  return out;
}

/** Classic script text, checked to parse, safe to put inside a script element. */
function inlineScript(parts) {
  const js = `(function () {\n'use strict';\n${parts.join('\n')}\n})();\n`;
  new Script(js); // a syntax error stops the build here, not in a browser
  return js.replaceAll('</script', '<\\/script').replaceAll('<!--', '<\\!--');
}

const worker = inlineScript([
  classic(read(glueFile), 'carrel_builder.js'),
  classic(read(join(root, 'npm/studio-page.js')), 'studio-page.js'),
  classic(read(join(root, 'npm/carrel.js')), 'carrel.js'),
  classic(read(join(here, 'worker.js')), 'worker.js'),
]);
const page = inlineScript([
  classic(read(join(root, 'npm/studio-page.js')), 'studio-page.js'),
  classic(read(join(here, 'zip.js')), 'zip.js'),
  classic(read(join(here, 'studio.js')), 'studio.js'),
]);
const style = `${read(join(root, 'www/style.css'))}\n${read(join(here, 'studio.css'))}`;
const note = '<!-- Carrel builder page: script, style and the builder module are inlined. Served over HTTP it needs at least: '
  + "script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; worker-src blob:; frame-src blob:. "
  + 'Opened from disk (file://) no policy applies. -->';

const template = read(join(here, 'studio.html'));
for (const mark of ['<!-- carrel:style -->', '<!-- carrel:scripts -->']) {
  if (template.split(mark).length !== 2) throw new Error(`studio/studio.html must hold ${mark} once`);
}
const skeleton = template
  .replace(/^<!doctype html>\n/, `<!doctype html>\n${note}\n`)
  .replace('<!-- carrel:style -->', () => `<style>\n${style.replaceAll('</style', '<\\/style')}\n</style>`)
  .replace('<!-- carrel:scripts -->', () => [
    `<script type="application/octet-stream" id="carrel-builder-wasm">${STUDIO_WASM_MARK}</script>`,
    `<script type="application/octet-stream" id="carrel-studio-skeleton">${STUDIO_SKELETON_MARK}</script>`,
    `<script type="text/plain" id="carrel-studio-worker">\n${worker}</script>`,
    `<script>\n${page}</script>`,
  ].join('\n'));
if (!skeleton.includes(note)) throw new Error('studio/studio.html must start with <!doctype html>');
writeFileSync(skeletonOut, skeleton);
writeFileSync(pageOut, studioPage(skeleton, readFileSync(wasmFile)));

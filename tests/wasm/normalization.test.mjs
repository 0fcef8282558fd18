// In WebAssembly the search module takes NFKD, NFC and NFKC from the JavaScript engine's
// String.prototype.normalize and lower case from its toLowerCase, and the tool from the
// unicode-normalization crate and the standard library (src/text/normalize.rs and case.rs say
// why). An index built by the tool is searched by the module, so the two must fold every word
// alike. This test writes a collection of one word per document for every character
// normalization or lower-casing changes (accented letters, ligatures, full-width and
// mathematical letters, Hangul syllables, combining marks in every class, capitals of every
// cased script) and for sequences whose marks reorder or compose, indexes it with the tool, and
// asks every word of both: the same totals and the same documents, in the same order.
// Needs CARREL_BIN (the carrel tool) and CARREL_SITE_DIR (a built site, for its module).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { required } from '../required.mjs';

const carrel = () => required('CARREL_BIN', 'the native carrel tool');
const demoSite = () => required('CARREL_SITE_DIR', 'the built demo site');

const scratch = mkdtempSync(join(tmpdir(), 'carrel-normalization-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A character the engine knows, that can stand in a word, and that normalization or lower-casing changes or may join. */
function isCandidate(c) {
  if (/\p{Cn}|\p{Cs}/u.test(c) || !/[\p{L}\p{N}\p{M}]/u.test(c)) return false;
  return c.normalize('NFKD') !== c || /\p{M}/u.test(c) || c.toLowerCase() !== c;
}

/** Sequences where canonical order, blocking and composition across characters matter. */
const SEQUENCES = [
  'e\u0301\u0323', '\u1E69\u0323', 'a\u0315\u0300\u05AE\u0301b', '\u304B\u3099\u306F\u309A',
  '\uFF76\uFF9E\uFF8A\uFF9F', '\u1100\u1161\u11A8\u1100\u1161', '\uAC00\u11A8\uAC01\u11A8',
  '\u0995\u09C7\u09BE\u0995\u09C7\u09D7', '\u0B15\u0B47\u0B3E', '\u0B95\u0BC6\u0BBE', '\u0D9A\u0DD9\u0DCF\u0DCA', '\u0915\u093C\u0958',
  '\u1025\u102E', '\u1B05\u1B35', '\uFB01\u2460\uD835\uDC00\uFF21', '\u00E0\u0328\u0301',
  'Panmunj\u014Fm', 'Stra\u00DFe', '\u0130stanbul', '\u0395\u039B\u039B\u0391\u03A3',
  '\u0643\u0650\u062A\u064E\u0627\u0628', '\u05E9\u05B8\u05C1\u05DC\u05D5\u05B9\u05DD',
  '\u092E\u093E\u0928\u0935', '\u0E01\u0E34\u0E19', '\u1EA0\u0300', 'o\u0308\u0304', 'O\u0304\u0308',
  '\u039F\u0394\u03A5\u03A3\u03A3\u0395\u03A5\u03A3', '\u03A3\u0391\u03A3', '\u01C5emal', '\u1F88\u03A3', 'STRA\u1E9EE',
];

function words() {
  const list = [];
  for (let code = 0xA0; code <= 0x10FFFF; code++) {
    if (code >= 0xD800 && code <= 0xDFFF) continue;
    // Every Hangul syllable decomposes by the same arithmetic: one in 29 stands for them all.
    if (code >= 0xAC00 && code <= 0xD7A3 && (code - 0xAC00) % 29 !== 0) continue;
    const c = String.fromCodePoint(code);
    if (isCandidate(c)) list.push(`x${c}q`);
  }
  return list.concat(SEQUENCES);
}

test('the module folds every word normalization or lower-casing changes as the tool does', async () => {
  const list = words();
  assert.ok(list.length > 7000, `${list.length} words`);
  const corpus = join(scratch, 'words.jsonl');
  writeFileSync(corpus, list.map((word, i) => JSON.stringify({ id: `w${i}`, title: `Word ${i}`, text: word })).join('\n') + '\n');
  const index = join(scratch, 'words.carrel');
  execFileSync(carrel(), ['index', corpus, '--out', index], { stdio: ['ignore', 'ignore', 'inherit'] });
  const queries = join(scratch, 'queries.tsv');
  writeFileSync(queries, list.map((word, i) => `${i}\t${word}`).join('\n') + '\n');
  const native = execFileSync(carrel(), ['search', index, '--queries', queries, '--json', '--limit', '20'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  }).trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(native.length, list.length, 'the tool answers every query');

  const bindings = await import(pathToFileURL(join(demoSite(), 'carrel_bindings.js')));
  await bindings.default({ module_or_path: readFileSync(join(demoSite(), 'carrel.wasm')) });
  const collection = new bindings.Collection(new Uint8Array(readFileSync(index)));
  const differ = [];
  list.forEach((word, i) => {
    const web = collection.search(word, { limit: 20 });
    const tool = native[i];
    const ids = (r) => r.hits.map((h) => h.id).join(' ');
    if (web.total !== tool.total || ids(web) !== ids(tool)) {
      differ.push(`${JSON.stringify(word)} (${[...word].map((c) => c.codePointAt(0).toString(16)).join(' ')}): module ${web.total} [${ids(web)}], tool ${tool.total} [${ids(tool)}]`);
    }
  });
  assert.deepEqual(differ, [], `${differ.length} of ${list.length} words differ`);
  // Each word finds its own document (where its matches fit in the first 20): agreeing on
  // nothing would prove nothing.
  const lost = list.filter((word, i) => !native[i].hits.some((h) => h.id === `w${i}`) && native[i].total <= 20);
  assert.deepEqual(lost, [], 'every word finds its own document');
});

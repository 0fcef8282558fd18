// The package's JavaScript API in a browser: headless Chromium loads `carrel.js` from the
// unpacked tarball (under the strict Content-Security-Policy sites use), builds the seeds
// from files given in memory, and gets the native tool's site byte for byte; a broken file
// is refused with its name and the reason. Needs CARREL_PACKAGE and CARREL_BIN (build.sh
// sets both) and Chromium (see harness.mjs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveAndLaunch, watch } from '../browser/harness.mjs';
import { STRICT_CSP } from '../browser/serve.mjs';
import { filesBelow } from '../files.mjs';

const tarball = process.env.CARREL_PACKAGE;
const native = process.env.CARREL_BIN;
const seeds = resolve(import.meta.dirname, '../../../shared/corpora/seeds');

const scratch = mkdtempSync(join(tmpdir(), 'carrel-package-browser-'));
let env;

before(async () => {
  assert.ok(tarball && existsSync(tarball), `CARREL_PACKAGE must name the package tarball; got ${tarball}`);
  assert.ok(native && existsSync(native), `CARREL_BIN must name the native carrel tool; got ${native}`);
  assert.ok(existsSync(seeds), `the seeds corpus is missing at ${seeds}`);
  const served = join(scratch, 'served');
  mkdirSync(served);
  execFileSync('tar', ['xzf', tarball, '-C', served]);
  writeFileSync(join(served, 'index.html'), '<!doctype html><title>builder</title><p>builder</p>\n');
  writeFileSync(join(served, 'favicon.ico'), ''); // the browser asks for it
  cpSync(seeds, join(served, 'seeds'), { recursive: true });
  writeFileSync(join(served, 'broken.md'), '---\ntitle: [unclosed\n---\nBody.\n');
  env = await serveAndLaunch(served, { headers: { 'Content-Security-Policy': STRICT_CSP } });
});

after(async () => {
  await env?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function openBuilderPage() {
  const page = await env.browser.newPage();
  const problems = watch(page);
  await page.goto(`${env.url}index.html`);
  return { page, problems };
}

test('in Chromium, files given in memory make the native tool\'s site', async () => {
  const theirs = join(scratch, 'native');
  execFileSync(native, ['build', seeds, '--out', theirs], { stdio: 'pipe' });
  const { page, problems } = await openBuilderPage();
  const names = readdirSync(seeds);
  const built = await page.evaluate(async ({ names, folder }) => {
    const { build } = await import('./package/carrel.js');
    const given = await Promise.all(names.map(async (name) => ({
      path: name, bytes: new Uint8Array(await (await fetch(`./seeds/${name}`)).arrayBuffer()),
    })));
    const progress = [];
    const site = await build(given, { folder, onProgress: (p) => progress.push(p.phase) });
    const base64 = (bytes) => {
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    };
    return { files: site.files.map((f) => [f.path, base64(f.bytes)]), report: site.report, progress };
  }, { names, folder: seeds });
  assert.deepEqual(built.files.map(([path]) => path).sort(), filesBelow(theirs));
  for (const [path, base64] of built.files) {
    assert.ok(Buffer.from(base64, 'base64').equals(readFileSync(join(theirs, path))), `${path} differs from the native tool's`);
  }
  assert.equal(built.report[0], `ignored (not a document): ${seeds}/SOURCE.md`);
  assert.match(built.report[1], /^indexed 5 documents/);
  assert.equal(built.progress.filter((phase) => phase === 'reading').length, 6, 'the start, then each of the 5 files');
  assert.deepEqual(problems, []);
  await page.close();
});

test('in Chromium, a broken file is refused with its name and the reason', async () => {
  const { page, problems } = await openBuilderPage();
  const message = await page.evaluate(async () => {
    const { build } = await import('./package/carrel.js');
    const bytes = new Uint8Array(await (await fetch('./broken.md')).arrayBuffer());
    const good = new TextEncoder().encode('---\ntitle: Good\n---\nThe talks resumed.\n');
    const given = [{ path: 'good.md', bytes: good }, { path: 'letters/broken.md', bytes }, { path: 'notes.pdf', bytes }];
    const kept = await build(given, { folder: 'my-letters', keepGoing: true });
    try {
      await build(given, { folder: 'my-letters' });
      return { message: 'built' };
    } catch (error) {
      return { message: error.message, read: kept.read, ignored: kept.ignored, skipped: kept.skipped };
    }
  });
  assert.match(message.message, /^my-letters\/letters\/broken\.md:3: the YAML front matter is broken \(.*\); fix the block between the opening and closing `---` lines$/);
  assert.deepEqual(message.read, ['my-letters/good.md', 'my-letters/letters/broken.md']);
  assert.deepEqual(message.ignored, [{ path: 'my-letters/notes.pdf', reason: 'not a document' }]);
  assert.equal(message.skipped.length, 1);
  assert.equal(message.skipped[0].path, 'my-letters/letters/broken.md');
  assert.equal(message.skipped[0].line, 3);
  assert.match(message.skipped[0].reason, /^the YAML front matter is broken/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('in Chromium, a page can ask whether a collection is too large before reading it', async () => {
  const { page, problems } = await openBuilderPage();
  const [large, dfatSized] = await page.evaluate(async () => {
    const { sizeRefusal } = await import('./package/carrel.js');
    return [await sizeRefusal(400 * 1024 * 1024), await sizeRefusal(30e6)];
  });
  assert.match(large, /^this collection is too large to build in WebAssembly: its 419 MB of files .* build it with the native `carrel` tool, or split it into smaller collections$/);
  assert.equal(dfatSized, null);
  assert.deepEqual(problems, []);
  await page.close();
});

// The builder page, opened from disk as a person would open it: a folder chosen, the report,
// the search tried in the page, the offline page and the .zip downloaded. The site it makes
// must be the native tool's and the npm package's, byte for byte — studio.html included,
// which each face makes in its own way (the tool embeds the page, the package assembles it
// from its parts, the page rebuilds its own bytes).
//
// Needs CARREL_STUDIO_FILE (dist/carrel-studio.html), CARREL_BIN (the native tool) and
// CARREL_PACKAGE (the npm package's tarball); build.sh sets all three.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';
import { after, before, test } from 'node:test';
import { filesBelow } from '../files.mjs';
import { axeViolations, DESKTOP, foundIds, launch, loaded, results, resultsFor, screenshot, search, watch, SEEDS_FOUND } from './harness.mjs';
import { required } from '../required.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const SEEDS = resolve(process.env.CARREL_SEEDS ?? join(root, '../shared/corpora/seeds'));
const NAME = 'Korean War Armistice, 1951–52';
const SEED_FILES = SEEDS_FOUND[''].map((id) => `seeds/${id}.txt`);

let browser;
let scratch;
before(async () => {
  mkdirSync(join(root, 'target/tmp'), { recursive: true });
  scratch = mkdtempSync(join(root, 'target/tmp/studio-'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Every file under `dir`, by its `/`-separated path, with its bytes. */
function filesUnder(dir) {
  return new Map(filesBelow(dir).map((path) => [path, readFileSync(join(dir, path))]));
}

/** The files of a .zip, each checked against its CRC-32 (an independent reader, not the page's). */
function unzip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  assert.equal(view.getUint32(end, true), 0x06054b50, 'the zip ends with its end-of-directory record');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map();
  for (let n = 0; n < count; n++) {
    assert.equal(view.getUint32(at, true), 0x02014b50, 'a central directory entry');
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    assert.equal(view.getUint32(local, true), 0x04034b50, `${name}: a local header`);
    assert.equal(view.getUint16(local + 8, true), 0, `${name}: stored`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const content = Buffer.from(bytes.subarray(start, start + size));
    assert.equal(crc32(content), crc, `${name}: its CRC-32`);
    files.set(name, content);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return files;
}

/** The same files with the same bytes (named when not). */
function assertSameSite(actual, expected, what) {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), `${what}: the same files`);
  for (const [path, bytes] of expected) {
    assert.ok(Buffer.compare(actual.get(path), bytes) === 0, `${what}: ${path} differs (${actual.get(path).length} bytes against ${bytes.length})`);
  }
}

/** The builder page from disk, in a fresh context. */
async function openStudio(file) {
  const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce', acceptDownloads: true });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(pathToFileURL(file).href);
  return { page, context, problems };
}

/** Chooses `folder` in the page, sets the options, builds, and waits for the outcome. */
async function buildIn(page, folder, { name, keepGoing = true } = {}) {
  await page.locator('#folder-input').setInputFiles(folder);
  if (!(await page.locator('.studio-options').evaluate((details) => details.open))) {
    await page.locator('.studio-options summary').click();
  }
  if (name !== undefined) await page.getByLabel("The collection's name").fill(name);
  await page.getByLabel(/Build without files that cannot be read/).setChecked(keepGoing);
  await page.getByRole('button', { name: 'Build the site' }).click();
  await page.waitForFunction(() => /^(Built|Not built)/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
  return page.locator('#status').textContent();
}

/** A list of the report: `[path, reason]` per item. */
function listed(page, id) {
  return page.$$eval(`#${id} > li`, (items) => items.map((li) => [
    li.querySelector('.file-name').textContent,
    li.querySelector('.file-reason')?.textContent ?? '',
  ]));
}

async function download(page, button, to) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  await file.saveAs(to);
  return to;
}

test('the builder page, from disk, builds the seeds into the same site as the tool and the package', async () => {
  const studioFile = required('CARREL_STUDIO_FILE', 'the builder page, dist/carrel-studio.html');
  const carrel = required('CARREL_BIN', 'the native carrel tool');
  const tarball = required('CARREL_PACKAGE', 'the npm package, dist/carrel-<version>.tgz');
  assert.ok(existsSync(SEEDS), `the seed corpus is missing at ${SEEDS}`);

  const { page, context, problems } = await openStudio(studioFile);
  assert.match(await page.locator('header').textContent(), /Nothing leaves your computer/);
  const status = await buildIn(page, SEEDS, { name: NAME });
  assert.match(status, /^Built: 5 documents/, await page.locator('#error').textContent());

  // The report, file by file.
  assert.deepEqual((await listed(page, 'read-list')).map(([path]) => path).sort(), SEED_FILES);
  assert.deepEqual(await listed(page, 'ignored-list'), [['seeds/SOURCE.md', 'not a document']]);
  assert.ok(await page.locator('#refused-section').isHidden());
  assert.deepEqual(await axeViolations(page), []);

  // The search, tried at once in the page.
  const preview = page.frameLocator('#preview');
  await preview.locator('#q').fill('Vishinsky');
  await preview.locator('#q').press('Enter');
  const frame = page.frames().find((f) => f.parentFrame() === page.mainFrame());
  await resultsFor(frame, 'Vishinsky');
  assert.deepEqual(foundIds(await results(frame)), SEEDS_FOUND.Vishinsky);
  await screenshot(page, 'studio-built');

  // The offline page, downloaded and opened from disk.
  const offline = await download(page, /offline/, join(scratch, 'carrel-offline.html'));
  const reader = await context.newPage();
  const readerProblems = watch(reader);
  await reader.goto(pathToFileURL(offline).href);
  await loaded(reader);
  await search(reader, 'armistice');
  assert.deepEqual(foundIds(await results(reader)), SEEDS_FOUND.armistice);
  await search(reader, '"neutral zone"');
  assert.deepEqual(foundIds(await results(reader)), SEEDS_FOUND['"neutral zone"']);
  assert.deepEqual(readerProblems, []);

  // The .zip, against the native tool's site and the npm package's.
  const zipFile = await download(page, /\.zip/, join(scratch, 'carrel-site.zip'));
  const fromPage = unzip(readFileSync(zipFile));
  const nativeDir = join(scratch, 'native');
  execFileSync(carrel, ['build', SEEDS, '--name', NAME, '--out', nativeDir], { stdio: 'pipe' });
  const fromTool = filesUnder(nativeDir);
  assertSameSite(fromPage, fromTool, 'the page against the native tool');

  const unpacked = join(scratch, 'package');
  mkdirSync(unpacked);
  execFileSync('tar', ['xzf', tarball, '-C', unpacked]);
  const { build } = await import(pathToFileURL(join(unpacked, 'package/carrel.js')).href);
  const fromPackage = new Map((await build(SEEDS, { name: NAME })).files.map((f) => [f.path, Buffer.from(f.bytes)]));
  assertSameSite(fromPackage, fromTool, 'the npm package against the native tool');

  // studio.html is the page itself: on disk, in every site, and as the page rebuilds itself.
  const studioBytes = readFileSync(studioFile);
  assert.ok(Buffer.compare(fromTool.get('studio.html'), studioBytes) === 0, 'the tool\'s studio.html is dist/carrel-studio.html');
  const rebuilt = Buffer.from(await page.evaluate(() => {
    const bytes = carrelStudioPage();
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return btoa(text);
  }), 'base64');
  assert.ok(Buffer.compare(rebuilt, studioBytes) === 0, `the page's own bytes, rebuilt from its parts (${rebuilt.length} bytes against ${studioBytes.length})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a folder with broken files: each is named with its reason, skipped or stopping the build', async () => {
  const studioFile = required('CARREL_STUDIO_FILE', 'the builder page, dist/carrel-studio.html');
  const folder = join(scratch, 'letters');
  mkdirSync(folder);
  writeFileSync(join(folder, 'good.md'), '---\ntitle: A good letter\ndate: 1951-07-10\n---\nThe armistice talks began at Kaesong.\n');
  writeFileSync(join(folder, 'latin1.txt'), Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
  writeFileSync(join(folder, 'broken.md'), '---\ntitle: [unclosed\n---\nBody text.\n');
  writeFileSync(join(folder, '<img src=x onerror=alert(1)>.md'), '---\ntitle: <b>bold</b>\n---\nA letter with markup in its name.\n');

  const { page, context, problems } = await openStudio(studioFile);
  const status = await buildIn(page, folder);
  assert.match(status, /^Built: 2 documents/);
  const refused = await listed(page, 'refused-list');
  assert.deepEqual(refused.map(([path]) => path).sort(), ['letters/broken.md', 'letters/latin1.txt']);
  const reason = (path) => refused.find(([p]) => p === path)[1];
  assert.match(reason('letters/latin1.txt'), /not UTF-8 \(first bad byte at offset 9\)/);
  assert.match(reason('letters/broken.md'), /YAML front matter is broken/);
  // A file name with markup in it is shown as text.
  assert.deepEqual((await listed(page, 'read-list')).map(([path]) => path).sort(),
    ['letters/<img src=x onerror=alert(1)>.md', 'letters/good.md']);
  assert.equal(await page.locator('#report img').count(), 0);
  await screenshot(page, 'studio-refused');

  // Without skipping, the first broken file stops the build, named with its reason.
  const stopped = await buildIn(page, folder, { keepGoing: false });
  assert.match(stopped, /^Not built/);
  assert.match(await page.locator('#error').textContent(), /letters\/broken\.md:3: the YAML front matter is broken/);
  assert.deepEqual((await listed(page, 'refused-list')).map(([path]) => path), ['letters/broken.md']);
  assert.ok(await page.locator('#result').isHidden());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a collection too large for the browser is refused before it is read, saying what to do', async () => {
  const studioFile = required('CARREL_STUDIO_FILE', 'the builder page, dist/carrel-studio.html');
  const folder = join(scratch, 'huge');
  mkdirSync(folder);
  // 200 MB on paper, nothing on disk: the page must refuse it from its size alone.
  const fd = openSync(join(folder, 'scan.txt'), 'w');
  ftruncateSync(fd, 200_000_000);
  closeSync(fd);
  const { page, context, problems } = await openStudio(studioFile);
  const status = await buildIn(page, folder);
  assert.match(status, /^Not built: the collection is too large/);
  const message = await page.locator('#error').textContent();
  assert.match(message, /200 MB/);
  assert.match(message, /npx carrel build FOLDER --out site\//);
  assert.equal(await page.locator('#read-list > li').count(), 0, 'nothing was read');
  assert.deepEqual(problems, []);
  await context.close();
});

// The npm package: installed from its tarball into a temporary folder, run with a PATH that
// holds Node and nothing else (no cargo, no native carrel), it builds the same sites, index
// files and search answers as the native tool, byte for byte, and reports bad files alike.
// Needs CARREL_PACKAGE (dist/carrel-<version>.tgz) and CARREL_BIN (the native tool);
// build.sh sets both.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { filesBelow } from '../files.mjs';

const tarball = process.env.CARREL_PACKAGE;
const native = process.env.CARREL_BIN;
const root = resolve(import.meta.dirname, '../..');
const corpora = resolve(root, '../shared/corpora');
const seeds = join(corpora, 'seeds');
const dfat = join(corpora, 'dfat-1923-1949');

const scratch = mkdtempSync(join(tmpdir(), 'carrel-package-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let installed; // the folder the package is installed in
let nodeOnly; // a PATH with node alone

before(() => {
  assert.ok(tarball && existsSync(tarball), `CARREL_PACKAGE must name the package tarball (./build.sh package writes dist/carrel-<version>.tgz); got ${tarball}`);
  assert.ok(native && existsSync(native), `CARREL_BIN must name the native carrel tool; got ${native}`);
  for (const corpus of [seeds, dfat]) assert.ok(existsSync(corpus), `the corpus ${corpus} is missing`);
  installed = join(scratch, 'project');
  mkdirSync(installed);
  writeFileSync(join(installed, 'package.json'), '{ "private": true }\n');
  // --offline: the package must install with nothing to download.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: installed, stdio: 'pipe' });
  nodeOnly = join(scratch, 'node-only');
  mkdirSync(nodeOnly);
  symlinkSync(process.execPath, join(nodeOnly, 'node'));
});

/** Runs the installed package's `carrel` with node alone on PATH. */
function packaged(args, options = {}) {
  const result = spawnSync(join(installed, 'node_modules/.bin/carrel'), args, {
    env: { PATH: nodeOnly, HOME: scratch }, encoding: 'utf8', cwd: options.cwd ?? scratch,
  });
  assert.equal(result.error, undefined, `the packaged carrel could not run: ${result.error}`);
  return result;
}

function nativeRun(args, options = {}) {
  return spawnSync(native, args, { encoding: 'utf8', cwd: options.cwd ?? scratch });
}

/** The two sites hold the same files with the same bytes. */
function assertSameSite(ours, theirs) {
  const list = filesBelow(theirs);
  assert.deepEqual(filesBelow(ours), list);
  for (const file of list) {
    assert.ok(readFileSync(join(ours, file)).equals(readFileSync(join(theirs, file))), `${file} differs from the native tool's`);
  }
  return list;
}

/** A report with its timing and output folder made comparable. */
function report(stderr, out) {
  return stderr.replaceAll(out, 'OUT').replace(/ in \d+\.\d\d s$/m, ' in T s');
}

test('the package: a bin, no install scripts, no dependencies, no native code, Node 18', () => {
  const manifest = JSON.parse(readFileSync(join(installed, 'node_modules/carrel/package.json'), 'utf8'));
  assert.deepEqual(manifest.bin, { carrel: 'cli.js' });
  assert.equal(manifest.engines.node, '>=18');
  for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts', 'gypfile']) {
    assert.equal(manifest[key], undefined, `the package must have no ${key}`);
  }
  const listed = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
  assert.deepEqual(listed, [
    'package/README.md', 'package/carrel-studio-skeleton.html', 'package/carrel.d.ts', 'package/carrel.js',
    'package/carrel_builder.js', 'package/carrel_builder_bg.wasm', 'package/cli.js', 'package/node.js',
    'package/package.json', 'package/studio-page.js',
  ]);
  assert.match(readFileSync(join(installed, 'node_modules/carrel/carrel.d.ts'), 'utf8'), /export function build\(/);
  assert.equal(spawnSync('cargo', ['--version'], { env: { PATH: nodeOnly } }).error?.code, 'ENOENT', 'cargo must not be on the test PATH');
  assert.deepEqual(readdirSync(nodeOnly), ['node']);
});

test('the seeds: the same site and the same report as the native tool', () => {
  const ours = join(scratch, 'seeds-package');
  const theirs = join(scratch, 'seeds-native');
  const built = packaged(['build', seeds, '--name', 'Korean War Armistice, 1951–52', '--out', ours]);
  assert.equal(built.status, 0, built.stderr);
  const nativeBuilt = nativeRun(['build', seeds, '--name', 'Korean War Armistice, 1951–52', '--out', theirs]);
  assert.equal(nativeBuilt.status, 0, nativeBuilt.stderr);
  const list = assertSameSite(ours, theirs);
  assert.ok(list.includes('carrel.wasm') && list.includes('carrel-offline.html'), list.join(', '));
  assert.equal(report(built.stderr, ours), report(nativeBuilt.stderr, theirs));
  assert.match(built.stderr, /ignored \(not a document\): .*SOURCE\.md/);
  assert.match(built.stderr, /indexed 5 documents/);
});

test('DFAT: the same packed site as the native tool', () => {
  const ours = join(scratch, 'dfat-package');
  const theirs = join(scratch, 'dfat-native');
  const built = packaged(['build', dfat, '--out', ours]);
  assert.equal(built.status, 0, built.stderr);
  const nativeBuilt = nativeRun(['build', dfat, '--out', theirs]);
  assert.equal(nativeBuilt.status, 0, nativeBuilt.stderr);
  const list = assertSameSite(ours, theirs);
  assert.ok(list.filter((file) => file.startsWith('packs/')).length > 10, 'DFAT is packed');
  assert.equal(report(built.stderr, ours), report(nativeBuilt.stderr, theirs));
  assert.match(built.stderr, /indexed 7607 documents/);
  rmSync(ours, { recursive: true });
  rmSync(theirs, { recursive: true });
});

test('index and search: the same index file, the same answers', () => {
  const ours = join(scratch, 'seeds-package.carrel');
  const theirs = join(scratch, 'seeds-native.carrel');
  assert.equal(packaged(['index', seeds, '--out', ours]).status, 0);
  assert.equal(nativeRun(['index', seeds, '--out', theirs]).status, 0);
  assert.ok(readFileSync(ours).equals(readFileSync(theirs)), 'the index files differ');
  const queries = [
    ['armistice'], ['Vishinsky', '--json'], ['"neutral zone"', '--json', '--full'], ['armistise', '--limit', '2'],
    ['', '--sort', 'date-asc', '--json'], ['zzzz'], ['talks', '--any', '--type', 'Telegram', '--json'],
  ];
  let found = 0;
  for (const [query, ...options] of queries) {
    const answer = packaged(['search', ours, query, ...options]);
    assert.equal(answer.status, 0, answer.stderr);
    assert.equal(answer.stdout, nativeRun(['search', theirs, query, ...options]).stdout, `search ${query} ${options.join(' ')}`);
    if (!/^0 documents|"total":0/m.test(answer.stdout)) found += 1;
  }
  assert.equal(found, queries.length - 1, 'every query but zzzz finds documents');
});

/** A collection with two broken files beside a good one. */
function brokenCollection() {
  const dir = join(scratch, 'broken');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'letters'), { recursive: true });
  writeFileSync(join(dir, 'letters/good.md'), '---\ntitle: A good letter\n---\nThe talks at Kaesong resumed.\n');
  writeFileSync(join(dir, 'letters/front-matter.md'), '---\ntitle: [unclosed\n---\nBody.\n');
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Title\n\nCaf\xe9 au lait.\n', 'latin1'));
  return dir;
}

test('a broken file stops the build, named with its reason, as the native tool says it', () => {
  const dir = brokenCollection();
  const built = packaged(['build', dir, '--out', join(scratch, 'broken-package')]);
  const nativeBuilt = nativeRun(['build', dir, '--out', join(scratch, 'broken-native')]);
  assert.equal(built.status, 1);
  assert.equal(built.stderr, nativeBuilt.stderr);
  assert.match(built.stderr, /^carrel: .*latin1\.txt:3: the text is not UTF-8 \(first bad byte at offset 10\)/m);
  assert.equal(existsSync(join(scratch, 'broken-package')), false, 'nothing is written');
});

test('--keep-going skips each broken file and lists it with its reason', () => {
  const dir = brokenCollection();
  const ours = join(scratch, 'kept-package');
  const theirs = join(scratch, 'kept-native');
  const built = packaged(['build', dir, '--keep-going', '--out', ours]);
  const nativeBuilt = nativeRun(['build', dir, '--keep-going', '--out', theirs]);
  assert.equal(built.status, 0, built.stderr);
  assert.equal(report(built.stderr, ours), report(nativeBuilt.stderr, theirs));
  assert.match(built.stderr, /skipped 2 files:\n {2}.*latin1\.txt:3: the text is not UTF-8.*\n {2}.*front-matter\.md.*the YAML front matter is broken/);
  assert.match(built.stderr, /indexed 1 documents/);
  assertSameSite(ours, theirs);
});

test('the JavaScript API: files given in memory make the native site', async () => {
  const theirs = join(scratch, 'seeds-native-default');
  assert.equal(nativeRun(['build', seeds, '--out', theirs]).status, 0);
  const script = join(installed, 'api.mjs');
  writeFileSync(script, `
    import { build } from 'carrel';
    import { readFileSync, readdirSync } from 'node:fs';
    import { join } from 'node:path';
    const folder = process.argv[2];
    const files = readdirSync(folder).map((name) => ({ path: name, bytes: new Uint8Array(readFileSync(join(folder, name))) }));
    const lines = [];
    const site = await build(files, { folder, onLine: (line) => lines.push(line) });
    const byPath = Object.fromEntries(site.files.map((f) => [f.path, Buffer.from(f.bytes).toString('base64')]));
    process.stdout.write(JSON.stringify({ byPath, lines, report: site.report, summary: site.summary }));
  `);
  const run = spawnSync(join(nodeOnly, 'node'), [script, seeds], { env: { PATH: nodeOnly }, encoding: 'utf8', cwd: installed, maxBuffer: 1 << 28 });
  assert.equal(run.status, 0, run.stderr);
  const { byPath, lines, report: reported, summary } = JSON.parse(run.stdout);
  assert.deepEqual(Object.keys(byPath).sort(), filesBelow(theirs));
  for (const [path, base64] of Object.entries(byPath)) {
    assert.ok(Buffer.from(base64, 'base64').equals(readFileSync(join(theirs, path))), `${path} differs from the native tool's`);
  }
  assert.deepEqual(lines, reported);
  assert.equal(lines[0], `ignored (not a document): ${seeds}/SOURCE.md`);
  assert.equal(summary.documents, 5);
});

test('a collection too large for WebAssembly is refused before it is read', async () => {
  const dir = join(scratch, 'too-large');
  mkdirSync(dir, { recursive: true });
  const big = join(dir, 'big.txt');
  writeFileSync(big, '');
  truncateSync(big, 400 * 1024 * 1024); // sparse: no disk is used
  const built = packaged(['build', dir, '--out', join(scratch, 'too-large-site')]);
  assert.equal(built.status, 1);
  assert.match(built.stderr, /^carrel: this collection is too large to build in WebAssembly: its 419 MB of files would need about 6\.7 GB of memory.*build it with the native `carrel` tool, or split it into smaller collections\n$/);
  assert.doesNotMatch(built.stderr, /reading|big\.txt/);
});

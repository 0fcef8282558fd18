// Carrel's builder for JavaScript: a collection's files in, a Carrel site out — the same
// files the `carrel build` tool writes, byte for byte, made by the same Rust code compiled
// to WebAssembly (`carrel_builder_bg.wasm`). Works in Node (18 or later) and in browsers.
//
//   import { build } from 'carrel';
//   const site = await build([{ path: 'letters/a.md', bytes }], { name: 'Letters' });
//   for (const file of site.files) save(file.path, file.bytes);
//
// In Node, `build('path/to/folder', { out: 'site/' })` reads the folder and writes the site
// (see node.js). Each build runs in a fresh instance of the module, so its memory is
// returned when the build ends, and a failed build leaves nothing behind.

import { instantiateBuilder } from './carrel_builder.js';
import { studioPage } from './studio-page.js';

const WASM_FILE = 'carrel_builder_bg.wasm';
/** The builder page's skeleton (see studio-page.js): every site carries the page as studio.html. */
const STUDIO_SKELETON_FILE = 'carrel-studio-skeleton.html';

/** Where the module's bytes come from, once set (see `setBuilderModule`). */
let moduleSource;
let compiled;

/**
 * Tells the builder where its WebAssembly module is: a `WebAssembly.Module`, its bytes, a
 * URL, or a promise of any of those. By default it is `carrel_builder_bg.wasm` beside this
 * file, read from disk in Node and fetched in a browser. A page that carries everything
 * inline (the builder page) gives the bytes here.
 */
export function setBuilderModule(source) {
  moduleSource = source;
  compiled = undefined;
}

/** The builder page's bytes, once given (see `setStudioPage`). */
let studioSource;
let studioMade;

/**
 * Gives the builder page's bytes, which every site carries as `studio.html`. By default
 * they are made from `carrel-studio-skeleton.html` and the builder module beside this file;
 * the builder page gives its own.
 */
export function setStudioPage(bytes) {
  studioSource = bytes;
  studioMade = undefined;
}

async function studioPageBytes() {
  studioMade ??= (async () => {
    if (studioSource) return new Uint8Array(await studioSource);
    const given = await moduleSource;
    const wasm = given instanceof ArrayBuffer || ArrayBuffer.isView(given)
      ? given
      : await fetchBytes(new URL(WASM_FILE, import.meta.url));
    const skeleton = await fetchBytes(new URL(STUDIO_SKELETON_FILE, import.meta.url));
    const view = (bytes) => (ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes));
    return studioPage(new TextDecoder().decode(view(skeleton)), view(wasm));
  })();
  try {
    return await studioMade;
  } catch (error) {
    studioMade = undefined;
    throw error;
  }
}

async function builderModule() {
  compiled ??= (async () => {
    let source = await (moduleSource ?? defaultSource());
    if (source instanceof WebAssembly.Module) return source;
    if (typeof source === 'string' || source instanceof URL) source = await fetchBytes(source);
    if (typeof Response !== 'undefined' && source instanceof Response) source = await source.arrayBuffer();
    return WebAssembly.compile(source);
  })();
  try {
    return await compiled;
  } catch (error) {
    compiled = undefined;
    throw error;
  }
}

const IN_NODE = typeof process !== 'undefined' && Boolean(process.versions?.node);

async function defaultSource() {
  const url = new URL(WASM_FILE, import.meta.url);
  return url.protocol === 'file:' && IN_NODE ? readFileUrl(url) : url;
}

async function readFileUrl(url) {
  const { readFile } = await import('node:fs/promises');
  return readFile(url);
}

async function fetchBytes(url) {
  const resolved = new URL(url, import.meta.url);
  if (resolved.protocol === 'file:' && IN_NODE) {
    return readFileUrl(resolved);
  }
  const response = await fetch(resolved);
  if (!response.ok) throw new Error(`cannot load the Carrel builder from ${resolved}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** A fresh instance of the builder, for one build. */
async function freshBuilder() {
  return instantiateBuilder(await builderModule());
}

/**
 * The memory (bytes) a build of `inputBytes` bytes of files is expected to need, and whether
 * that is more than WebAssembly allows (such a build is refused before it starts).
 */
export async function memoryNeeded(inputBytes) {
  const builder = await freshBuilder();
  return builder.memoryNeeded(inputBytes);
}

/**
 * Whether a collection of `inputBytes` bytes of files is too large to build here: resolves
 * to the message `build` would reject with, or `null`. A page can ask before reading files.
 */
export async function sizeRefusal(inputBytes) {
  const builder = await freshBuilder();
  return builder.sizeRefusal(inputBytes) ?? null;
}

const OPTION_NAMES = [
  'name', 'keepGoing', 'variants', 'noDefaultVariants', 'types', 'lang', 'detectLanguage', 'packs',
  'folder', 'out', 'onProgress', 'onLine',
];

/**
 * The options the builder module takes, from the API's: refuses names it does not know (a
 * typo must not be ignored) and turns `variants`/`types` entries into `[name, text]` pairs.
 */
function moduleOptions(options, inputBytes) {
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) {
      throw new TypeError(`build options: unknown option \`${key}\`, expected one of ${OPTION_NAMES.map((n) => `\`${n}\``).join(', ')}`);
    }
  }
  const textFiles = (list, what) => (list ?? []).map((entry, n) => {
    if (typeof entry?.text !== 'string') {
      throw new TypeError(`build options: ${what}[${n}] must be { name, text } (the file's name for messages, and its text)`);
    }
    return [String(entry.name ?? `${what}[${n}]`), entry.text];
  });
  const out = {
    keepGoing: Boolean(options.keepGoing),
    noDefaultVariants: Boolean(options.noDefaultVariants),
    detectLanguage: Boolean(options.detectLanguage),
    variants: textFiles(options.variants, 'variants'),
    types: textFiles(options.types, 'types'),
    inputBytes,
  };
  for (const key of ['name', 'lang', 'packs']) if (options[key] != null) out[key] = String(options[key]);
  if (typeof options.out === 'string') out.out = options.out;
  return out;
}

/** The listing the module reads, and how to read a file, for files given in memory. */
function inMemory(files, folder) {
  if (!Array.isArray(files)) throw new TypeError('build: give a list of { path, bytes } (or, in Node, a folder\'s path)');
  const byPath = new Map();
  let inputBytes = 0;
  const paths = [];
  for (const [n, file] of files.entries()) {
    if (typeof file?.path !== 'string' || !(file.bytes instanceof Uint8Array || file.bytes instanceof ArrayBuffer)) {
      throw new TypeError(`build: file ${n} must be { path: string, bytes: Uint8Array }`);
    }
    const bytes = file.bytes instanceof Uint8Array ? file.bytes : new Uint8Array(file.bytes);
    // As the module reads paths: `/`-separated, empty and `.` parts dropped.
    const path = file.path.split(/[\\/]/).filter((part) => part && part !== '.').join('/');
    paths.push(path);
    byPath.set(folder ? `${folder.replace(/\/+$/, '')}/${path}` : path, bytes);
    inputBytes += bytes.length;
  }
  return {
    listing: [{ folder: folder ?? '', files: paths }],
    read: (path) => {
      const bytes = byPath.get(path);
      if (!bytes) throw new Error('not among the files given');
      return bytes;
    },
    inputBytes,
  };
}

/** The module's report events, to the caller's functions. */
function reporter(options) {
  const lines = [];
  const read = [];
  const ignored = [];
  const skipped = [];
  let total = 0;
  let done = 0;
  const report = (event) => {
    if ('reading' in event) {
      total = event.reading;
      options.onProgress?.({ phase: 'reading', done, total });
    } else if ('file' in event) {
      done += 1;
      read.push(event.file);
      options.onProgress?.({ phase: 'reading', done, total, path: event.file });
    } else if ('read' in event) {
      options.onProgress?.({ phase: 'indexing', done, total });
    } else if ('ignored' in event) {
      ignored.push({ path: event.ignored, reason: event.reason });
    } else if ('skipped' in event) {
      skipped.push({ path: event.skipped, ...(event.line ? { line: event.line } : {}), reason: event.reason });
    } else if ('line' in event) {
      lines.push(event.line);
      options.onLine?.(event.line);
    }
  };
  return { report, lines, files: { read, ignored, skipped } };
}

/**
 * Runs one build in a fresh instance. `source` is `{ listing, read, inputBytes }`; `what`
 * is 'site' or 'index'.
 */
export async function runBuild(source, options, what) {
  const moduleOpts = moduleOptions(options, source.inputBytes);
  const studio = what === 'site' ? await studioPageBytes() : undefined;
  const builder = await freshBuilder();
  const { report, lines, files } = reporter(options);
  try {
    if (what === 'index') {
      const bytes = builder.buildIndex(source.listing, source.read, moduleOpts, report);
      return { bytes, report: lines, ...files };
    }
    const site = builder.buildSite(source.listing, source.read, moduleOpts, report, studio);
    return { files: site.files, written: site.written, summary: site.summary, report: lines, ...files };
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      throw new Error(`the Carrel builder stopped (${error.message}): the collection may be too large to build in `
        + 'WebAssembly; build it with the native `carrel` tool, or split it into smaller collections', { cause: error });
    }
    throw error;
  }
}

/**
 * Builds a site from files given in memory: `files` is a list of `{ path, bytes }`, paths
 * relative to the collection's folder (`options.folder` names that folder in the report,
 * and gives the collection its default name). Resolves to `{ files: [{ path, bytes }],
 * report, written, summary, read, ignored, skipped }`. In Node, `files` may also be a path (or a list of paths) to
 * read from disk; see node.js.
 */
export async function build(files, options = {}) {
  if (typeof files === 'string' || (Array.isArray(files) && files.length && files.every((f) => typeof f === 'string'))) {
    const node = await import('./node.js');
    return node.buildFromDisk(files, options);
  }
  return runBuild(inMemory(files, options.folder), options, 'site');
}

/** Builds an index file (as `carrel index`) from files given as for `build`: resolves to `{ bytes, report }`. */
export async function buildIndex(files, options = {}) {
  if (typeof files === 'string' || (Array.isArray(files) && files.length && files.every((f) => typeof f === 'string'))) {
    const node = await import('./node.js');
    return node.buildIndexFromDisk(files, options);
  }
  return runBuild(inMemory(files, options.folder), options, 'index');
}

/**
 * The native tool's rule for the folders of an earlier build's packs, which writing a site
 * removes: `(name, files, keep) => boolean` (see node.js).
 */
export async function stalePackRule() {
  const builder = await freshBuilder();
  return (name, files, keep) => builder.isStalePackFolder(name, files, keep);
}

/**
 * Opens an index file's bytes (as `carrel index` writes them) for searching, with the
 * builder's copy of the search code: `search(query, options)`, `render(id, query)`, `info()`.
 */
export async function openIndex(bytes) {
  const builder = await freshBuilder();
  return new builder.Collection(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}

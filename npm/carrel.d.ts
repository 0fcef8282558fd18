// Types of the `carrel` npm package: the builder's JavaScript API.
//
//   import { build } from 'carrel';
//   const site = await build('letters/', { name: 'Letters', out: 'site/' });        // Node
//   const site = await build([{ path: 'a.md', bytes }], { name: 'Letters' });       // anywhere

/** A file of a collection, given in memory. */
export interface InputFile {
  /** Its path relative to the collection's folder, `/`-separated (`volume-1/letter.md`). */
  path: string;
  bytes: Uint8Array | ArrayBuffer;
}

/** A file of a built site. */
export interface SiteFile {
  /** Its path in the site, `/`-separated (`index.html`, `packs/1a2b3c4d/p0.bin`). */
  path: string;
  bytes: Uint8Array;
}

/** A file of options (`--variants`, `--types`): in Node also a path to read. */
export type OptionFile = { name: string; text: string } | string;

export interface Progress {
  /** `reading` while files are read; `indexing` once all are read. */
  phase: 'reading' | 'indexing';
  /** Files read so far, of `total`. */
  done: number;
  total: number;
  /** The file about to be read. */
  path?: string;
}

export interface BuildOptions {
  /** The collection's name shown on the page (default: the folder's name). */
  name?: string;
  /** Skip unreadable or malformed files (each is reported) instead of stopping at the first. */
  keepGoing?: boolean;
  /** Extra name-variant groups: one group per line, forms separated by `|`. */
  variants?: OptionFile[];
  /** Leave out the shipped name variants and telegraphese abbreviations. */
  noDefaultVariants?: boolean;
  /** Extra kinds of document: one per line, forms separated by `|`, the first the name shown. */
  types?: OptionFile[];
  /** Language of documents that name none (a BCP 47 tag; default `en`). */
  lang?: string;
  /** Guess the language of documents that name none from their text. */
  detectLanguage?: boolean;
  /** Ship postings and documents as packs: `auto` (when the index exceeds 1 MiB), `always`, `never`. */
  packs?: 'auto' | 'always' | 'never';
  /** Files given in memory: the folder their paths are relative to, as reports name it (default none). */
  folder?: string;
  /** Node, `build`: write the site into this folder (earlier builds' packs there are removed). */
  out?: string;
  /** Called as files are read. */
  onProgress?: (progress: Progress) => void;
  /** Called with each line of the build's report (what was ignored, left out, skipped and why). */
  onLine?: (line: string) => void;
}

export interface BuiltSite {
  /** Every file of the site, as `carrel build` writes them. */
  files: SiteFile[];
  /** The build's report, line by line (as `carrel build` prints it). */
  report: string[];
  /** A line per file written, as `carrel build` prints them (under `out`). */
  written: string[];
  summary: { documents: number; terms: number; words: number; indexBytes: number };
  /** The files read, in order (each named as the report names it). */
  read: string[];
  /** Files found and not read: `not a document`, or `source copy of <page>`. */
  ignored: { path: string; reason: string }[];
  /** With `keepGoing`, the files (or JSON Lines records) skipped, and why. */
  skipped: { path: string; line?: number; reason: string }[];
}

/**
 * Builds a site. `input`: files given in memory, or (Node) the path of a folder or file, or
 * several. Rejects with the build's message — naming the file and what is wrong with it —
 * when a file cannot be read (unless `keepGoing`), and before reading anything when the
 * collection is too large to build in WebAssembly.
 */
export function build(input: InputFile[] | string | string[], options?: BuildOptions): Promise<BuiltSite>;

/** Builds an index file, as `carrel index` does (in Node, `out` writes it there). */
export function buildIndex(
  input: InputFile[] | string | string[],
  options?: Omit<BuildOptions, 'packs'>,
): Promise<{ bytes: Uint8Array; report: string[] } & Pick<BuiltSite, 'read' | 'ignored' | 'skipped'>>;

/**
 * The message a build of `inputBytes` bytes of files would be refused with (too large for
 * WebAssembly's memory), or `null` when it may be built: ask before reading the files.
 */
export function sizeRefusal(inputBytes: number): Promise<string | null>;

/** Bytes of memory a build of `inputBytes` bytes of files is expected to need. */
export function memoryNeeded(inputBytes: number): Promise<number>;

/**
 * Where the builder's WebAssembly module comes from: by default `carrel_builder_bg.wasm`
 * beside `carrel.js`. A page that carries everything inline gives its bytes here.
 */
export function setBuilderModule(
  source: WebAssembly.Module | BufferSource | string | URL | Promise<WebAssembly.Module | BufferSource | string | URL>,
): void;

/**
 * The builder page's bytes, which every site carries as `studio.html`: by default made from
 * `carrel-studio-skeleton.html` and the builder module beside `carrel.js`. The builder page
 * gives its own.
 */
export function setStudioPage(bytes: Uint8Array | Promise<Uint8Array>): void;

/** An opened index: the same search as a site's `Collection` (see the site's carrel.d.ts). */
export interface OpenedIndex {
  search(query: string, options?: object): unknown;
  render(id: string, query?: string): unknown;
  info(): { name: string; documents: number; format_version: number; built_by: string };
  free(): void;
}

/** Opens an index file's bytes for searching. */
export function openIndex(bytes: Uint8Array | ArrayBuffer): Promise<OpenedIndex>;

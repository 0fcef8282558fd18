// The builder on Node: collections read from disk, sites written to disk.
//
// The folders given are listed here (names only, in any order: the module sorts them as the
// native tool walks them) and each file is read when the module asks for it, so a file's
// bytes are held only while it is read. What the listing gives the module — folders with
// their files' paths, single files, paths that cannot be read — is all the module needs
// to decide, as `carrel build` does, which files are documents and what their ids are.

import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runBuild, stalePackRule } from './carrel.js';

/** Node's error codes as Rust's `std::io::Error` says them, so both tools name a failure alike. */
const IO_MESSAGES = {
  ENOENT: 'No such file or directory (os error 2)',
  EACCES: 'Permission denied (os error 13)',
  ENOTDIR: 'Not a directory (os error 20)',
  EISDIR: 'Is a directory (os error 21)',
  ELOOP: 'Too many levels of symbolic links (os error 40)',
};

export function ioMessage(error) {
  return IO_MESSAGES[error?.code] ?? error?.message ?? String(error);
}

/**
 * Lists the paths given: `{ listing, read, inputBytes }` for the module. Folders are walked
 * following links; a hidden folder is listed (to be reported as ignored) but not walked.
 */
export function listPaths(paths) {
  const listing = [];
  let inputBytes = 0;
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      listing.push({ missing: path, error: ioMessage(error) });
      continue;
    }
    if (!stats.isDirectory()) {
      listing.push({ file: path });
      inputBytes += stats.size;
      continue;
    }
    const files = [];
    const walk = (relative) => {
      const folder = relative ? join(path, relative) : path;
      for (const name of readdirSync(folder)) {
        const below = relative ? `${relative}/${name}` : name;
        let entry;
        try {
          entry = statSync(join(folder, name));
        } catch {
          files.push(below); // a broken link: the module reports it when it cannot read it
          continue;
        }
        if (entry.isDirectory()) {
          if (name.startsWith('.')) files.push(`${below}/`);
          else walk(below);
        } else {
          files.push(below);
          if (entry.isFile()) inputBytes += entry.size;
        }
      }
    };
    walk('');
    listing.push({ folder: path, files, canonical: realpathSync(path) });
  }
  const read = (file) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(ioMessage(error));
    }
  };
  return { listing, read, inputBytes };
}

/** `variants`/`types` entries that are paths, read as `{ name, text }` (the name as given). */
function readOptionFiles(options) {
  const read = (list) => (list ?? []).map((entry) => {
    if (typeof entry !== 'string') return entry;
    try {
      return { name: entry, text: readFileSync(entry, 'utf8') };
    } catch (error) {
      throw new Error(`cannot read ${entry}: ${ioMessage(error)}`);
    }
  });
  return { ...options, variants: read(options.variants), types: read(options.types) };
}

function asList(paths) {
  return typeof paths === 'string' ? [paths] : paths;
}

/**
 * Builds the site of the folders or files at `paths`. With `options.out` the site is
 * written there (earlier packs removed, as `carrel build` does) and each file written is
 * reported to `onLine` as the native tool reports it.
 */
export async function buildFromDisk(paths, options = {}) {
  const source = listPaths(asList(paths));
  const site = await runBuild(source, readOptionFiles(options), 'site');
  if (typeof options.out === 'string') {
    writeSite(options.out, site.files, await stalePackRule());
    for (const line of site.written) options.onLine?.(line);
  }
  return site;
}

/** Builds the index file of `paths`; with `options.out` writes it there. */
export async function buildIndexFromDisk(paths, options = {}) {
  const { out, ...rest } = options;
  const index = await runBuild(listPaths(asList(paths)), readOptionFiles(rest), 'index');
  if (typeof out === 'string') {
    try {
      writeFileSync(out, index.bytes);
    } catch (error) {
      throw new Error(`cannot write ${out}: ${ioMessage(error)}`);
    }
  }
  return index;
}

/**
 * Writes `files` into `out` (folders created), then removes the folders of earlier builds'
 * packs that `isStale(name, files, keep)` names.
 */
export function writeSite(out, files, isStale) {
  for (const file of files) {
    const path = join(out, file.path);
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, file.bytes);
    } catch (error) {
      throw new Error(`cannot write ${path}: ${ioMessage(error)}`);
    }
  }
  const keep = files.map((f) => f.path.slice(0, f.path.lastIndexOf('/'))).find((d) => d.startsWith('packs/'));
  const packs = resolve(out, 'packs');
  let folders;
  try {
    folders = readdirSync(packs);
  } catch {
    return;
  }
  for (const name of folders) {
    let inside;
    try {
      inside = readdirSync(join(packs, name));
    } catch {
      continue;
    }
    if (isStale(name, inside, keep)) rmSync(join(packs, name), { recursive: true, force: true });
  }
}

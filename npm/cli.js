#!/usr/bin/env node
// The `carrel` command of the npm package: `build`, `index` and `search` as the native tool
// has them, with its options, progress and messages, run by the builder module in Node.

import { readFileSync } from 'node:fs';
import { buildFromDisk, buildIndexFromDisk, ioMessage } from './node.js';
import { openIndex } from './carrel.js';

const VERSION = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version;

/** Options shared by `build` and `index`: name → [kind, help]. */
const INPUT = {
  name: ['value', 'Collection name shown on the page (default: the first folder\'s name)'],
  'keep-going': ['flag', 'Skip unreadable or malformed files (each is reported) instead of stopping'],
  variants: ['list', 'Extra name-variant groups (one group per line, forms separated by `|`)'],
  'no-default-variants': ['flag', 'Do not use the shipped name variants and telegraphese abbreviations'],
  types: ['list', 'Extra kinds of document (one per line, forms separated by `|`)'],
  lang: ['value', 'Language of the documents that do not name theirs (default: en)'],
  'detect-language': ['flag', 'Guess the language of each document that does not name its own'],
};

const COMMANDS = {
  build: {
    about: 'Build a static site (and a single offline HTML file) that searches the documents',
    positional: ['PATHS', 'Files or folders (read recursively): .txt, .md/.markdown, .jsonl/.ndjson, .html/.htm', 'many'],
    options: {
      ...INPUT,
      out: ['value', 'Folder to write the site into (created if missing)', 'o', true],
      packs: ['value', 'Ship postings and documents as packs: auto (when the index exceeds 1 MiB), always, never'],
    },
  },
  index: {
    about: 'Build an index file from documents',
    positional: ['PATHS', 'Files or folders (read recursively)', 'many'],
    options: { ...INPUT, out: ['value', 'Where to write the index', 'o', true] },
  },
  search: {
    about: 'Search an index',
    positional: ['INDEX QUERY', 'The index file, and the query', 'two'],
    options: {
      limit: ['value', 'Number of hits to show (default 10)'],
      offset: ['value', 'Hits to skip (paging)'],
      sort: ['value', 'Result order: relevance, date-asc, date-desc'],
      type: ['list', 'Keep only documents of this type (repeatable)'],
      from: ['list', 'Keep only documents from this sender (repeatable)'],
      to: ['list', 'Keep only documents to this recipient (repeatable)'],
      collection: ['list', 'Keep only documents of this collection (repeatable)'],
      lang: ['list', 'Keep only documents in this language (repeatable)'],
      'query-lang': ['list', 'Read the query in this language only (repeatable)'],
      'date-from': ['value', 'Keep documents dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)'],
      'date-to': ['value', 'Keep documents dated on or before'],
      json: ['flag', 'Print JSON: {"total", "hits", "suggestion"}'],
      full: ['flag', 'With --json, print everything the JS API returns'],
      any: ['flag', 'Rank every document matching any word instead of requiring all words'],
    },
  },
};

class UsageError extends Error {}

function usage() {
  return `Full-text search for document archives that runs entirely in the browser

Usage: carrel <COMMAND>

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)}${c.about}`).join('\n')}

Options:
  -h, --help     Print help
  -V, --version  Print version`;
}

function commandHelp(name) {
  const command = COMMANDS[name];
  const [positional, help] = command.positional;
  const lines = Object.entries(command.options).map(([option, [kind, text, short]]) => {
    const flag = `${short ? `-${short}, ` : '    '}--${option}${kind === 'flag' ? '' : ` <${option.toUpperCase()}>`}`;
    return `  ${flag.padEnd(28)}${text}`;
  });
  return `${command.about}

Usage: carrel ${name} [OPTIONS] ${positional.split(' ').map((p) => `<${p}>`).join(' ')}${command.positional[2] === 'many' ? '...' : ''}

Arguments:
  ${positional.padEnd(28)}${help}

Options:
${lines.join('\n')}
  -h, --help                  Print help`;
}

/** Parses `args` for `name`: `{ positionals, options }`, or throws a UsageError. */
function parse(name, args) {
  const spec = COMMANDS[name].options;
  const shorts = Object.fromEntries(Object.entries(spec).filter(([, s]) => s[2]).map(([long, s]) => [s[2], long]));
  const options = {};
  const positionals = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    let long;
    let value;
    if (arg.startsWith('--')) {
      [long, value] = arg.slice(2).split(/=(.*)/s);
    } else if (/^-[a-zA-Z]/.test(arg)) {
      long = shorts[arg[1]];
      if (!long) throw new UsageError(`unexpected argument '${arg}' found`);
      if (arg.length > 2) value = arg.slice(2);
    } else {
      positionals.push(arg);
      continue;
    }
    if (long === 'help') return { help: true };
    const [kind] = spec[long] ?? [];
    if (!kind) throw new UsageError(`unexpected argument '--${long}' found`);
    if (kind === 'flag') {
      if (value !== undefined) throw new UsageError(`unexpected value '${value}' for '--${long}' found; no more were expected`);
      options[long] = true;
      continue;
    }
    if (value === undefined) {
      i += 1;
      if (i >= args.length) throw new UsageError(`a value is required for '--${long} <${long.toUpperCase()}>' but none was supplied`);
      value = args[i];
    }
    if (kind === 'list') (options[long] ??= []).push(value);
    else options[long] = value;
  }
  const missing = Object.entries(spec).filter(([long, s]) => s[3] && options[long] === undefined).map(([long]) => `--${long} <${long.toUpperCase()}>`);
  const [names, , count] = COMMANDS[name].positional;
  if (count === 'many' && positionals.length === 0) missing.push(`<${names}>...`);
  if (missing.length) {
    throw new UsageError(`the following required arguments were not provided:\n  ${missing.join('\n  ')}`);
  }
  return { positionals, options };
}

/** The progress of reading, on a terminal only (as the native tool draws its bar). */
function progress() {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return ({ phase, done, total }) => {
    const now = Date.now();
    if (phase === 'reading' && done < total && now - last < 100) return;
    last = now;
    process.stderr.write(phase === 'reading' ? `\r\x1b[2Kreading ${done}/${total} files` : '\r\x1b[2K');
  };
}

function buildOptions(options) {
  if (options.packs !== undefined && !['auto', 'always', 'never'].includes(options.packs)) {
    throw new UsageError(`invalid value '${options.packs}' for '--packs <PACKS>'\n  [possible values: auto, always, never]`);
  }
  return {
    name: options.name,
    keepGoing: Boolean(options['keep-going']),
    variants: options.variants ?? [],
    noDefaultVariants: Boolean(options['no-default-variants']),
    types: options.types ?? [],
    lang: options.lang ?? 'en',
    detectLanguage: Boolean(options['detect-language']),
    packs: options.packs,
    onProgress: progress(),
    onLine: (line) => process.stderr.write(`${line}\n`),
  };
}

/** A float32 as Rust prints it: the shortest decimal that reads back as the same float32. */
function f32(value) {
  for (let digits = 1; digits <= 9; digits += 1) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === Math.fround(value)) return String(Number(text));
  }
  return String(value);
}

/**
 * Results as `carrel search --json` prints them: keys sorted, as serde_json's maps keep them,
 * and a whole-number score with `.0`, as it prints a float.
 */
function toJson(results, full) {
  const shown = { ...results };
  if (!full) for (const key of ['partial', 'facets', 'timeline', 'undated']) delete shown[key];
  const sorted = (value) => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])]));
  };
  return JSON.stringify(sorted(shown)).replace(/"score":(-?\d+)(?=[,}])/g, '"score":$1.0');
}

function printResults(results) {
  const lines = [];
  if (results.partial) lines.push('No document has every word; showing the best partial matches.');
  lines.push(`${results.total} documents`);
  for (const hit of results.hits) {
    lines.push(`\n${hit.id}  [${f32(hit.score)}] ${hit.date ?? 'undated'} ${hit.title}\n  ${hit.snippet}`);
  }
  if (results.suggestion != null) lines.push(`\nDid you mean: ${results.suggestion}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function search(positionals, options) {
  if (positionals.length !== 2) throw new UsageError('give the index file and the query: carrel search <INDEX> <QUERY>');
  const [file, query] = positionals;
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`cannot read index ${file}: ${ioMessage(error)}`);
  }
  let collection;
  try {
    collection = await openIndex(bytes);
  } catch (error) {
    throw new Error(`${file}: ${error.message}`);
  }
  const number = (name, fallback) => {
    if (options[name] === undefined) return fallback;
    if (!/^\d+$/.test(options[name])) throw new UsageError(`invalid value '${options[name]}' for '--${name} <${name.toUpperCase()}>': invalid digit found in string`);
    return Number(options[name]);
  };
  const sort = options.sort ?? 'relevance';
  if (!['relevance', 'date-asc', 'date-desc'].includes(sort)) {
    throw new UsageError(`invalid value '${sort}' for '--sort <SORT>'\n  [possible values: relevance, date-asc, date-desc]`);
  }
  if (options.full && !options.json) throw new UsageError('the argument \'--full\' requires \'--json\'');
  const results = collection.search(query, {
    limit: number('limit', 10),
    offset: number('offset', 0),
    sort,
    filters: {
      type: options.type ?? [], from: options.from ?? [], to: options.to ?? [],
      collection: options.collection ?? [], year: [], lang: options.lang ?? [],
    },
    date_from: options['date-from'] ?? null,
    date_to: options['date-to'] ?? null,
    mode: options.any ? 'any' : 'all',
    snippets: true,
    languages: options['query-lang'] ?? [],
  });
  if (options.json) process.stdout.write(`${toJson(results, options.full)}\n`);
  else printResults(results);
}

async function main(argv) {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    process.stdout.write(`carrel ${VERSION}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (!COMMANDS[name]) {
    process.stderr.write(`error: unrecognized subcommand '${name}'\n\n${usage()}\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parse(name, rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\nFor more information, try '--help'.\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${commandHelp(name)}\n`);
    return 0;
  }
  const { positionals, options } = parsed;
  try {
    if (name === 'build') await buildFromDisk(positionals, { ...buildOptions(options), out: options.out });
    else if (name === 'index') await buildIndexFromDisk(positionals, { ...buildOptions(options), out: options.out, packs: undefined });
    else await search(positionals, options);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\nFor more information, try '--help'.\n`);
      return 2;
    }
    process.stderr.write(`carrel: ${error.message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

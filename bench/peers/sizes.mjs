// gzip (level 9) and brotli (quality 11, window 24 as the brotli CLI uses) sizes of a buffer, as a
// static host would precompress. Results are cached in bench/out/size-cache.json
// by content hash so that re-runs do not recompress unchanged files.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { BENCH_DIR } from './dfat.mjs';

const CACHE_FILE = path.join(BENCH_DIR, 'out', 'size-cache.json');
let cache = null;
let dirty = 0;
function load() {
  if (cache) return;
  try { cache = JSON.parse(fs.readFileSync(CACHE_FILE, 'utf8')); } catch { cache = {}; }
}
export function saveSizeCache() {
  if (!cache || !dirty) return;
  fs.mkdirSync(path.dirname(CACHE_FILE), { recursive: true });
  fs.writeFileSync(CACHE_FILE, JSON.stringify(cache));
  dirty = 0;
}

export function compressedSizes(buf) {
  load();
  const key = crypto.createHash('sha1').update(buf).digest('hex') + ':' + buf.length + ':g9b11w24';
  let v = cache[key];
  if (!v) {
    const gz = zlib.gzipSync(buf, { level: 9 }).length;
    const br = zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length;
    v = cache[key] = [gz, br];
    if (++dirty % 500 === 0) saveSizeCache();
  }
  return { raw: buf.length, gzip: v[0], brotli: v[1] };
}

// What a server would send: the smaller of the file as is and its compressed
// form (already-compressed files, e.g. Pagefind's gzipped chunks, are not
// compressed again).
export function servedSizes(buf) {
  const s = compressedSizes(buf);
  return { raw: s.raw, gzip: Math.min(s.raw, s.gzip), brotli: Math.min(s.raw, s.brotli) };
}

export function fmtBytes(n) {
  if (n == null || Number.isNaN(n)) return 'n/a';
  if (n >= 1e6) return (n / 1e6).toFixed(2) + ' MB';
  if (n >= 1e3) return (n / 1e3).toFixed(1) + ' KB';
  return n + ' B';
}

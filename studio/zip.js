// A .zip of a built site, written in the browser: every file stored as it is (no
// compression — the site's largest files, the module and the packs, are already dense, and
// storing keeps this small and fast), each with its CRC-32, as the ZIP format (PKWARE
// APPNOTE 6.3) has it for archives under 4 GiB.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 (as ZIP and gzip use it) of `bytes`. */
export function crc32(bytes) {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The largest archive this writer makes: past it, ZIP needs its 64-bit extension. */
export const ZIP_LIMIT_BYTES = 0xffffffff;

/** DOS date and time of 1 January 1980, 00:00 — a fixed stamp, so the same site makes the same zip. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * The parts of a .zip holding `files` (`[{ path, bytes }]`, paths `/`-separated), to give to
 * `new Blob(parts)`: the file entries, then the central directory. Throws when the archive
 * would pass 4 GiB or hold more than 65,535 files.
 */
export function zipParts(files) {
  const encoder = new TextEncoder();
  const parts = [];
  const central = [];
  let offset = 0;
  if (files.length > 0xffff) throw new Error(`a .zip holds at most 65,535 files without its 64-bit extension; this site has ${files.length}`);
  for (const file of files) {
    const name = encoder.encode(file.path);
    const crc = crc32(file.bytes);
    const size = file.bytes.length;
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true); // version needed: 2.0
    local.setUint16(6, 0x0800, true); // names are UTF-8
    local.setUint16(8, 0, true); // stored
    local.setUint16(10, DOS_TIME, true);
    local.setUint16(12, DOS_DATE, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, size, true);
    local.setUint32(22, size, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 0, true);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(4, 20, true); // made by: 2.0, MS-DOS attributes
    entry.setUint16(6, 20, true);
    entry.setUint16(8, 0x0800, true);
    entry.setUint16(10, 0, true);
    entry.setUint16(12, DOS_TIME, true);
    entry.setUint16(14, DOS_DATE, true);
    entry.setUint32(16, crc, true);
    entry.setUint32(20, size, true);
    entry.setUint32(24, size, true);
    entry.setUint16(28, name.length, true);
    entry.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, file.bytes);
    central.push(new Uint8Array(entry.buffer), name);
    offset += 30 + name.length + size;
    if (offset > ZIP_LIMIT_BYTES) throw new Error('this site is larger than 4 GiB, more than a .zip without its 64-bit extension holds');
  }
  const directorySize = central.reduce((sum, part) => sum + part.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, directorySize, true);
  end.setUint32(16, offset, true);
  if (offset + directorySize + 22 > ZIP_LIMIT_BYTES) throw new Error('this site is larger than 4 GiB, more than a .zip without its 64-bit extension holds');
  return [...parts, ...central, new Uint8Array(end.buffer)];
}

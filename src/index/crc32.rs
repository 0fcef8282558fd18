//! CRC-32 (IEEE 802.3, as in zip and PNG): the checksum of index files and packs.
//!
//! Natively this is `crc32fast`, which uses carry-less multiplication where the
//! processor has it. In WebAssembly there is no such instruction, and
//! `crc32fast`'s table-driven fallback brings 16 KB of constant tables that do
//! not compress (random-looking by design): about 16 KB of the search module's
//! 180 KB brotli, downloaded by every visitor for a checksum that runs over a
//! few packs. The module instead builds a slice-by-8 table (8 KB of memory, no
//! bytes in the module) the first time it needs one. Both give the same value
//! for the same bytes; the tests hold them to it.

/// A running CRC-32: `update` with the bytes in order, then `finalize`.
#[derive(Clone, Debug)]
pub struct Crc32 {
    #[cfg(not(target_arch = "wasm32"))]
    hasher: crc32fast::Hasher,
    #[cfg(target_arch = "wasm32")]
    state: u32,
}

impl Default for Crc32 {
    fn default() -> Self {
        Self::new()
    }
}

impl Crc32 {
    pub fn new() -> Crc32 {
        Crc32 {
            #[cfg(not(target_arch = "wasm32"))]
            hasher: crc32fast::Hasher::new(),
            #[cfg(target_arch = "wasm32")]
            state: !0,
        }
    }

    pub fn update(&mut self, bytes: &[u8]) {
        #[cfg(not(target_arch = "wasm32"))]
        self.hasher.update(bytes);
        #[cfg(target_arch = "wasm32")]
        {
            self.state = slice_by_8::update(self.state, bytes);
        }
    }

    pub fn finalize(self) -> u32 {
        #[cfg(not(target_arch = "wasm32"))]
        return self.hasher.finalize();
        #[cfg(target_arch = "wasm32")]
        return !self.state;
    }
}

/// The CRC-32 of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = Crc32::new();
    crc.update(bytes);
    crc.finalize()
}

/// The table-driven CRC the WebAssembly module uses, compiled everywhere so
/// that the native tests check it against `crc32fast`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod slice_by_8 {
    use std::sync::OnceLock;

    /// The reflected IEEE polynomial.
    const POLYNOMIAL: u32 = 0xEDB8_8320;

    /// `TABLES[0]` is the classic byte-at-a-time table; `TABLES[k][b]` is the
    /// CRC of byte `b` followed by `k` zero bytes, so eight bytes fold in one step.
    fn tables() -> &'static [[u32; 256]; 8] {
        static TABLES: OnceLock<Box<[[u32; 256]; 8]>> = OnceLock::new();
        TABLES.get_or_init(|| {
            let mut tables = Box::new([[0u32; 256]; 8]);
            for byte in 0..256u32 {
                let mut crc = byte;
                for _ in 0..8 {
                    crc = if crc & 1 == 1 { (crc >> 1) ^ POLYNOMIAL } else { crc >> 1 };
                }
                tables[0][byte as usize] = crc;
            }
            for k in 1..8 {
                for byte in 0..256 {
                    let previous = tables[k - 1][byte];
                    tables[k][byte] = (previous >> 8) ^ tables[0][(previous & 0xFF) as usize];
                }
            }
            tables
        })
    }

    /// Folds `bytes` into `state` (the inverted running CRC).
    pub fn update(mut state: u32, bytes: &[u8]) -> u32 {
        let t = tables();
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let low = state ^ u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
            state = t[7][(low & 0xFF) as usize]
                ^ t[6][((low >> 8) & 0xFF) as usize]
                ^ t[5][((low >> 16) & 0xFF) as usize]
                ^ t[4][(low >> 24) as usize]
                ^ t[3][chunk[4] as usize]
                ^ t[2][chunk[5] as usize]
                ^ t[1][chunk[6] as usize]
                ^ t[0][chunk[7] as usize];
        }
        for &byte in chunks.remainder() {
            state = (state >> 8) ^ t[0][((state ^ byte as u32) & 0xFF) as usize];
        }
        state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that are not all alike: a simple linear congruential sequence.
    fn sample(len: usize, seed: u32) -> Vec<u8> {
        let mut x = seed;
        (0..len)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8
            })
            .collect()
    }

    #[test]
    fn the_check_value_of_the_standard() {
        // The CRC-32 catalogue's check value: CRC of the ASCII digits 1 to 9.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(!slice_by_8::update(!0, b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn the_module_s_tables_agree_with_crc32fast_at_every_length_and_split() {
        for len in (0..70).chain([255, 256, 257, 4096, 65_537]) {
            let bytes = sample(len, len as u32);
            let whole = !slice_by_8::update(!0, &bytes);
            assert_eq!(whole, crc32fast::hash(&bytes), "length {len}");
            for split in [0, 1, 3, 7, 8, 9, len / 2, len] {
                let split = split.min(len);
                let state = slice_by_8::update(!0, &bytes[..split]);
                assert_eq!(!slice_by_8::update(state, &bytes[split..]), whole, "length {len} split at {split}");
            }
        }
    }

    #[test]
    fn a_running_crc_equals_the_crc_of_the_whole() {
        let bytes = sample(10_000, 7);
        let mut crc = Crc32::new();
        for part in bytes.chunks(333) {
            crc.update(part);
        }
        assert_eq!(crc.finalize(), crc32(&bytes));
    }
}

//! Checking a term dictionary's bytes before the `fst` crate walks them.
//!
//! `fst::Map::new` reads only an fst's header and footer; its readers then
//! index the node bytes directly and trust every address and size they find.
//! That is right for a file Carrel wrote and the checksum vouches for, but a
//! crafted index can carry a valid checksum: a node whose sizes reach before
//! the start of the bytes makes `fst` panic (a trap in the browser), and a
//! transition pointing back up the graph makes every stream over it endless.
//!
//! [`check`] walks every node reachable from the root once, decoding it the
//! way `fst` 0.4 (format version 3) does, and accepts the bytes only when
//! - every node lies between the fst's header and footer,
//! - every packed size is one `fst` can unpack (1–8 bytes),
//! - every transition points to an earlier node, as the builder writes them,
//!   so the graph has no cycles and every walk ends, and
//! - no key's value overflows a `u64` (the sum of the outputs on its path).
//!
//! Cost: linear in the size of the fst — each reachable node is decoded twice
//! (once to find the nodes, once in address order for the value check) — and
//! nine bytes of bookkeeping per fst byte, freed on return. On DFAT (three
//! dictionaries, 620 kB) it takes about 5 ms natively, against 1.3 ms for
//! the rest of `Index::open`.

use crate::index::format::{FormatError, SectionId};

/// The fst format version this module decodes (`fst` 0.4 writes 3).
const FST_VERSION: u64 = 3;
/// Version and type, eight bytes each.
const HEADER_BYTES: usize = 16;
/// Key count and root address (eight bytes each), then a CRC (four).
const FOOTER_BYTES: usize = 20;
/// Address of the final node with no transitions and no output, which is
/// never written out.
const EMPTY_ADDRESS: usize = 0;
/// Nodes with more transitions than this carry a 256-byte lookup index.
const TRANS_INDEX_THRESHOLD: usize = 32;

/// Checks that `bytes` (a dictionary section) can be read by `fst` without
/// panicking or looping; see the module documentation.
pub fn check(bytes: &[u8], section: SectionId) -> Result<(), FormatError> {
    let corrupt = |reason| FormatError::Corrupt { section, reason };
    if bytes.len() < HEADER_BYTES + FOOTER_BYTES {
        return Err(corrupt("the term dictionary is too short"));
    }
    if le_u64(&bytes[..8]) != FST_VERSION {
        return Err(corrupt("the term dictionary has an unknown format version"));
    }
    let end = bytes.len() - 4;
    let root = usize::try_from(le_u64(&bytes[end - 8..end])).map_err(|_| corrupt("the root is out of range"))?;
    let root_fits = if root == EMPTY_ADDRESS {
        bytes.len() == HEADER_BYTES + FOOTER_BYTES
    } else {
        root.checked_add(FOOTER_BYTES + 1) == Some(bytes.len())
    };
    if !root_fits {
        return Err(corrupt("the root of the term dictionary is misplaced"));
    }
    let nodes_end = bytes.len() - FOOTER_BYTES;
    let malformed = || corrupt("a node of the term dictionary is malformed");

    // Every node reachable from the root, each decoded (and so checked) once.
    let mut seen = vec![false; nodes_end];
    let mut pending = vec![root];
    let mut transitions = Vec::with_capacity(256);
    while let Some(addr) = pending.pop() {
        if addr == EMPTY_ADDRESS || seen[addr] {
            continue;
        }
        seen[addr] = true;
        decode(bytes, nodes_end, addr, &mut transitions).ok_or_else(malformed)?;
        for &(_, target) in &transitions {
            if target != EMPTY_ADDRESS && target >= addr {
                return Err(corrupt("the term dictionary has a cycle"));
            }
            pending.push(target);
        }
    }

    // The largest value any key can reach from each node, in address order:
    // transitions only point backwards, so targets come first.
    let mut largest = vec![0u64; nodes_end];
    for addr in (0..nodes_end).filter(|&addr| seen[addr]) {
        let mut most = decode(bytes, nodes_end, addr, &mut transitions).ok_or_else(malformed)?;
        for &(output, target) in &transitions {
            // The empty final node (address 0) adds nothing.
            let below = largest[target];
            most = most.max(output.checked_add(below).ok_or_else(|| corrupt("a value overflows"))?);
        }
        largest[addr] = most;
    }
    Ok(())
}

/// Decodes the node whose last byte is at `addr` as `fst::raw::Node::new`
/// does, with every subtraction checked: fills `transitions` with
/// `(output, target address)` and returns the final output (0 when the node
/// is not final). `None` when the node does not fit.
fn decode(bytes: &[u8], nodes_end: usize, addr: usize, transitions: &mut Vec<(u64, usize)>) -> Option<u64> {
    transitions.clear();
    if addr < HEADER_BYTES || addr >= nodes_end {
        return None;
    }
    let state = bytes[addr];
    // Bytes the node may occupy: from the end of the header up to `addr`.
    let below = |n: usize| addr.checked_sub(n).filter(|&at| at >= HEADER_BYTES);
    let uint =
        |at: usize, size: usize| -> u64 { bytes[at..at + size].iter().rev().fold(0u64, |n, &b| (n << 8) | b as u64) };
    // A target is `start - delta`, or the empty node for a delta of 0.
    let target = |start: usize, delta: u64| -> Option<usize> {
        if delta == 0 { Some(EMPTY_ADDRESS) } else { start.checked_sub(usize::try_from(delta).ok()?) }
    };
    match state >> 6 {
        0b11 => {
            // One transition to the node written just before, no output.
            let input_len = usize::from(state & 0b11_1111 == 0);
            let start = below(input_len)?;
            transitions.push((0, start.checked_sub(1)?));
            Some(0)
        }
        0b10 => {
            // One transition with a packed address delta and output.
            let input_len = usize::from(state & 0b11_1111 == 0);
            let sizes = bytes[below(input_len + 1)?];
            let (tsize, osize) = pack_sizes(sizes, 1)?;
            let start = below(input_len + 1 + tsize + osize)?;
            let output = if osize == 0 { 0 } else { uint(start, osize) };
            let delta = uint(addr - input_len - 1 - tsize, tsize);
            transitions.push((output, target(start, delta)?));
            Some(0)
        }
        _ => {
            let is_final = state & 0b0100_0000 != 0;
            let (ntrans, ntrans_len) = match (state & 0b11_1111) as usize {
                0 => match bytes[below(1)?] {
                    1 => (256, 1),
                    n => (n as usize, 1),
                },
                n => (n, 0),
            };
            let sizes = bytes[below(ntrans_len + 1)?];
            let (tsize, osize) = pack_sizes(sizes, ntrans)?;
            let index_size = if ntrans > TRANS_INDEX_THRESHOLD { 256 } else { 0 };
            let trans_size = ntrans + ntrans * tsize + index_size;
            let final_osize = if is_final { osize } else { 0 };
            let start = below(ntrans_len + 1 + trans_size + ntrans * osize + final_osize)?;
            for i in 0..ntrans {
                let output =
                    if osize == 0 { 0 } else { uint(addr - ntrans_len - 1 - trans_size - (i + 1) * osize, osize) };
                let at = addr - ntrans_len - 1 - index_size - ntrans - (i + 1) * tsize;
                transitions.push((output, target(start, uint(at, tsize))?));
            }
            Some(if is_final && osize > 0 { uint(start, osize) } else { 0 })
        }
    }
}

/// The transition-address and output sizes packed in one byte; `fst` can
/// unpack 1–8 bytes, and needs an address size when there are transitions.
fn pack_sizes(byte: u8, transitions: usize) -> Option<(usize, usize)> {
    let (tsize, osize) = ((byte >> 4) as usize, (byte & 0x0f) as usize);
    let tsize_ok = if transitions == 0 { tsize <= 8 } else { (1..=8).contains(&tsize) };
    (tsize_ok && osize <= 8).then_some((tsize, osize))
}

fn le_u64(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Streamer};

    fn sample() -> Vec<u8> {
        let mut words: Vec<String> = (0..3_000).map(|i| format!("w{i:05}x{}", i % 7)).collect();
        words.extend(["armistice", "armistices", "korea", "peking", "peiping"].map(String::from));
        words.sort();
        let mut builder = fst::MapBuilder::memory();
        for (i, word) in words.iter().enumerate() {
            builder.insert(word, i as u64 * 1_000_003).unwrap();
        }
        builder.into_inner().unwrap()
    }

    #[test]
    fn dictionaries_the_builder_writes_pass() {
        check(&sample(), SectionId::Words).unwrap();
        for keys in [vec![], vec![""], vec!["", "a"], vec!["only"]] {
            let mut builder = fst::MapBuilder::memory();
            for key in keys {
                builder.insert(key, 0).unwrap();
            }
            check(&builder.into_inner().unwrap(), SectionId::Ids).unwrap();
        }
        // A node with more than 32 transitions, and one with all 256.
        let mut builder = fst::MapBuilder::memory();
        for b in 0..=255u8 {
            builder.insert([b, b], u64::MAX - 1).unwrap();
        }
        check(&builder.into_inner().unwrap(), SectionId::Stems).unwrap();
    }

    #[test]
    fn every_damaged_byte_is_refused_or_walkable() {
        // Whatever a single byte becomes, a dictionary that passes can be
        // streamed to the end and looked up without panicking.
        let original = sample();
        for at in 0..original.len() {
            for value in [0x00, 0xff, 0x80, 0x41, original[at] ^ 0x10] {
                let mut bytes = original.clone();
                bytes[at] = value;
                let Ok(map) = fst::Map::new(bytes.as_slice()) else { continue };
                if check(&bytes, SectionId::Words).is_err() {
                    continue;
                }
                let mut stream = map.into_stream();
                let mut keys = 0;
                // One byte can add a key or two (a node turned final), never
                // an endless walk.
                while stream.next().is_some() && keys < 100_000 {
                    keys += 1;
                }
                assert!(keys < 100_000, "byte {at} = {value:#x}: an endless walk");
                let _ = map.get("armistice");
                let _ = map.range().ge("w01").lt("w02").into_stream().into_byte_keys();
            }
        }
    }

    #[test]
    fn cycles_and_misplaced_roots_are_refused() {
        let original = sample();
        let mut bytes = original.clone();
        let root_at = bytes.len() - 12;
        bytes[root_at..root_at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(check(&bytes, SectionId::Words).is_err());
        assert!(check(&original[..40], SectionId::Words).is_err());
        assert!(check(&[0; 36], SectionId::Words).is_err(), "version 0");
    }
}

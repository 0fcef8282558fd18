//! Packs: the postings and the document store cut into files that a web page
//! fetches only when a query needs them.
//!
//! Why: those two sections are almost the whole index (on DFAT, about 95 %
//! of it), but one query reads a few postings lists and the blocks of the
//! documents it shows. Embedded in the module, every visitor downloads all of
//! it before the first result; split into packs, a visitor downloads the
//! dictionaries, tables and code (for DFAT about 0.7 MB with brotli, against
//! 18 MB for everything), then a few packs per query. Small collections stay
//! embedded: a pack costs a request.
//!
//! [`split`] turns a complete index into a *core* index (the same sections
//! with postings and store left empty, plus the pack table) and the packs.
//! Postings lists and store blocks never straddle two packs, so a reader finds
//! the one pack holding an offset and reads inside it. Every pack carries a
//! CRC-32 in the table: a damaged, truncated or stale download is refused when
//! it is added, before anything reads it.
//!
//! ```text
//! pack table := postings_packs store_packs
//! packs      := count:varint (length:varint crc32:u32 LE){count}
//! ```
//! Packs of one kind lie back to back: pack `k` starts where `k - 1` ends, so
//! the table stores lengths only.

use crate::format::{Cursor, FileWriter, FormatError, SectionId, SectionTable, put_varint};
use crate::postings::TermKey;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

/// Default uncompressed bytes per postings pack: lists are grouped in
/// dictionary order (so a prefix's expansions share packs) until a pack
/// reaches this size. A list larger than this is a pack of its own.
pub const POSTINGS_PACK_BYTES: usize = 24 * 1024;
/// Default bytes per store pack: 1, so every block (about 8 KB before deflate,
/// 3 KB after) is a pack of its own — a document shown costs its block only.
pub const STORE_PACK_BYTES: usize = 1;

/// Which section a pack belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PackKind {
    Postings,
    Store,
}

impl PackKind {
    fn letter(self) -> char {
        match self {
            PackKind::Postings => 'p',
            PackKind::Store => 's',
        }
    }

    fn section(self) -> SectionId {
        match self {
            PackKind::Postings => SectionId::Postings,
            PackKind::Store => SectionId::Store,
        }
    }
}

/// One pack, named `p12` or `s3` (and stored as `p12.bin`, `s3.bin`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PackId {
    pub kind: PackKind,
    pub number: u32,
}

impl fmt::Display for PackId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.kind.letter(), self.number)
    }
}

/// A name that is not `p<number>` or `s<number>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAPackName(pub String);

impl fmt::Display for NotAPackName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not the name of a pack of this index (expected p<number> or s<number>)", self.0)
    }
}

impl std::error::Error for NotAPackName {}

impl FromStr for PackId {
    type Err = NotAPackName;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let bad = || NotAPackName(name.chars().take(40).collect());
        let kind = match name.chars().next() {
            Some('p') => PackKind::Postings,
            Some('s') => PackKind::Store,
            _ => return Err(bad()),
        };
        let digits = &name[1..];
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 9 {
            return Err(bad());
        }
        Ok(PackId { kind, number: digits.parse().map_err(|_| bad())? })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PackEntry {
    start: u64,
    length: u32,
    crc: u32,
}

/// Where every pack of a split index lies in its section, and its checksum.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackTable {
    postings: Vec<PackEntry>,
    store: Vec<PackEntry>,
}

impl PackTable {
    fn entries(&self, kind: PackKind) -> &[PackEntry] {
        match kind {
            PackKind::Postings => &self.postings,
            PackKind::Store => &self.store,
        }
    }

    /// Bytes of the whole section `kind`, all packs together.
    pub fn section_len(&self, kind: PackKind) -> u64 {
        self.entries(kind).last().map_or(0, |e| e.start + e.length as u64)
    }

    /// Every pack, postings first.
    pub fn ids(&self) -> impl Iterator<Item = PackId> + '_ {
        let ids = |kind, n: usize| (0..n as u32).map(move |number| PackId { kind, number });
        ids(PackKind::Postings, self.postings.len()).chain(ids(PackKind::Store, self.store.len()))
    }

    /// The pack holding byte `offset` of section `kind`, if any. O(log packs).
    pub fn find(&self, kind: PackKind, offset: u64) -> Option<PackId> {
        let entries = self.entries(kind);
        let after = entries.partition_point(|e| e.start <= offset);
        let number = after.checked_sub(1)?;
        let entry = entries[number];
        (offset < entry.start + entry.length as u64).then_some(PackId { kind, number: number as u32 })
    }

    fn entry(&self, pack: PackId) -> Option<PackEntry> {
        self.entries(pack.kind).get(pack.number as usize).copied()
    }

    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for entries in [&self.postings, &self.store] {
            put_varint(&mut out, entries.len() as u64);
            for entry in entries {
                put_varint(&mut out, entry.length as u64);
                out.extend_from_slice(&entry.crc.to_le_bytes());
            }
        }
        out
    }

    pub fn read(bytes: &[u8]) -> Result<PackTable, FormatError> {
        let mut cursor = Cursor::new(bytes, SectionId::Packs);
        let mut kinds = [Vec::new(), Vec::new()];
        for entries in &mut kinds {
            // Each entry takes at least five bytes, which bounds the count.
            let count = cursor.length(cursor.remaining() / 5)?;
            let mut start = 0u64;
            for _ in 0..count {
                let length = cursor.varint_u32()?;
                if length == 0 {
                    return Err(cursor.corrupt("a pack is empty"));
                }
                let crc = u32::from_le_bytes(cursor.bytes(4)?.try_into().expect("4 bytes"));
                entries.push(PackEntry { start, length, crc });
                start += length as u64;
            }
        }
        if !cursor.is_empty() {
            return Err(cursor.corrupt("bytes follow the pack table"));
        }
        let [postings, store] = kinds;
        Ok(PackTable { postings, store })
    }

    /// Checks that `bytes` are pack `pack` of this index.
    pub fn verify(&self, pack: PackId, bytes: &[u8]) -> Result<(), FormatError> {
        let entry = self.entry(pack).ok_or(FormatError::BadPack { pack, reason: "this index has no such pack" })?;
        if bytes.len() as u64 != entry.length as u64 {
            return Err(FormatError::BadPack { pack, reason: "it has the wrong length" });
        }
        if crc32fast::hash(bytes) != entry.crc {
            return Err(FormatError::BadPack { pack, reason: "its checksum does not match" });
        }
        Ok(())
    }
}

/// The bytes of the postings or store section: in the index itself, or in
/// whichever packs have been added so far.
#[derive(Clone, Copy)]
pub enum SectionBytes<'a> {
    Whole(&'a [u8]),
    Packed { kind: PackKind, table: &'a PackTable, loaded: &'a HashMap<PackId, Vec<u8>> },
}

impl<'a> SectionBytes<'a> {
    /// Length of the whole section.
    pub fn len(&self) -> u64 {
        match self {
            SectionBytes::Whole(bytes) => bytes.len() as u64,
            SectionBytes::Packed { kind, table, .. } => table.section_len(*kind),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The pack that must be loaded to read at `offset`, if it is not yet.
    pub fn missing(&self, offset: u64) -> Option<PackId> {
        match self {
            SectionBytes::Whole(_) => None,
            SectionBytes::Packed { kind, table, loaded } => {
                table.find(*kind, offset).filter(|pack| !loaded.contains_key(pack))
            }
        }
    }

    /// The piece holding `offset` — the whole section, or one pack — and
    /// where `offset` falls in it. A read must stay inside the piece: lists
    /// and blocks never straddle packs.
    pub fn piece(&self, offset: u64) -> Result<(&'a [u8], usize), FormatError> {
        match *self {
            SectionBytes::Whole(bytes) => {
                let at = usize::try_from(offset).unwrap_or(usize::MAX);
                Ok((bytes, at.min(bytes.len().saturating_add(1))))
            }
            SectionBytes::Packed { kind, table, loaded } => {
                let pack = table.find(kind, offset).ok_or(FormatError::Corrupt {
                    section: kind.section(),
                    reason: "an offset lies past the last pack",
                })?;
                let bytes = loaded.get(&pack).ok_or(FormatError::PacksNotLoaded { packs: vec![pack] })?;
                let start = table.entry(pack).expect("found above").start;
                Ok((bytes, (offset - start) as usize))
            }
        }
    }
}

/// The folder, relative to the module, that holds the packs of the packed
/// index `core`: named by the core's checksum, so every build has its own and
/// a browser never mixes packs of two builds.
pub fn directory_for(core: &[u8]) -> String {
    let tag = core.get(16..20).map_or(0, |b| u32::from_le_bytes(b.try_into().expect("4 bytes")));
    format!("packs/{tag:08x}")
}

/// A complete index cut into a core index and packs.
pub struct Split {
    pub core: Vec<u8>,
    pub packs: Vec<(PackId, Vec<u8>)>,
}

/// Cuts a complete index into a core and packs of about `postings_target`
/// and `store_target` bytes. Deterministic. Refuses an index that is already
/// split or does not open.
pub fn split(index: &[u8], postings_target: usize, store_target: usize) -> Result<Split, FormatError> {
    let opened = crate::index::Index::open(index)?;
    if opened.is_packed() {
        return Err(FormatError::Corrupt {
            section: SectionId::Packs,
            reason: "the index is already split into packs",
        });
    }
    let table = SectionTable::read(index)?;
    let section = |id| table.range(id).map(|r| &index[r]);

    // Postings lists start where the dictionary's keys point.
    let mut list_starts: Vec<u64> = Vec::new();
    let stems = opened.stems();
    let mut stream = fst::IntoStreamer::into_stream(&stems);
    while let Some((_, value)) = fst::Streamer::next(&mut stream) {
        list_starts.push(TermKey(value).offset());
    }
    list_starts.sort_unstable();
    list_starts.dedup();
    let postings = section(SectionId::Postings)?;
    let block_starts: Vec<u64> = opened.store().block_starts().into_iter().map(u64::from).collect();
    let store = section(SectionId::Store)?;

    let mut packs = Vec::new();
    let mut pack_table = PackTable::default();
    for (kind, bytes, starts, target) in [
        (PackKind::Postings, postings, list_starts, postings_target),
        (PackKind::Store, store, block_starts, store_target),
    ] {
        let entries = match kind {
            PackKind::Postings => &mut pack_table.postings,
            PackKind::Store => &mut pack_table.store,
        };
        let mut cuts = vec![0u64];
        for &start in &starts {
            if start > 0 && start - cuts.last().expect("never empty") >= target as u64 {
                cuts.push(start);
            }
        }
        cuts.push(bytes.len() as u64);
        cuts.dedup();
        for window in cuts.windows(2) {
            let piece = &bytes[window[0] as usize..window[1] as usize];
            if piece.is_empty() {
                continue;
            }
            let number = entries.len() as u32;
            entries.push(PackEntry { start: window[0], length: piece.len() as u32, crc: crc32fast::hash(piece) });
            packs.push((PackId { kind, number }, piece.to_vec()));
        }
    }

    let mut core = FileWriter::default();
    for id in SectionId::ALL {
        let bytes = match id {
            SectionId::Postings | SectionId::Store => Vec::new(),
            id => section(id)?.to_vec(),
        };
        core.add(id, bytes);
    }
    core.add(SectionId::Packs, pack_table.write());
    Ok(Split { core: core.finish(), packs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_refuse_strangers() {
        for name in ["p0", "p12", "s3", "s999999999"] {
            assert_eq!(name.parse::<PackId>().unwrap().to_string(), name);
        }
        for name in ["", "p", "x1", "p-1", "p1.bin", "s1234567890", "../p1", "p 1"] {
            assert!(name.parse::<PackId>().is_err(), "{name}");
        }
    }

    #[test]
    fn the_table_finds_packs_and_round_trips() {
        let entry = |start, length| PackEntry { start, length, crc: 7 };
        let table = PackTable { postings: vec![entry(0, 10), entry(10, 5)], store: vec![entry(0, 4)] };
        let back = PackTable::read(&table.write()).unwrap();
        assert_eq!(back, table);
        let p = |number| Some(PackId { kind: PackKind::Postings, number });
        assert_eq!(table.find(PackKind::Postings, 0), p(0));
        assert_eq!(table.find(PackKind::Postings, 9), p(0));
        assert_eq!(table.find(PackKind::Postings, 10), p(1));
        assert_eq!(table.find(PackKind::Postings, 15), None);
        assert_eq!(table.section_len(PackKind::Postings), 15);
        assert_eq!(table.ids().map(|id| id.to_string()).collect::<Vec<_>>(), ["p0", "p1", "s0"]);
    }

    #[test]
    fn damaged_tables_are_refused() {
        let table = PackTable { postings: vec![PackEntry { start: 0, length: 3, crc: 1 }], store: vec![] };
        let bytes = table.write();
        for len in 0..bytes.len() {
            assert!(PackTable::read(&bytes[..len]).is_err(), "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(PackTable::read(&longer).is_err());
        // A count far beyond the bytes present is refused without allocating.
        assert!(PackTable::read(&[0xff, 0xff, 0xff, 0xff, 0x0f]).is_err());
    }

    #[test]
    fn packs_are_verified() {
        let bytes = b"postings".to_vec();
        let pack = PackId { kind: PackKind::Postings, number: 0 };
        let table = PackTable {
            postings: vec![PackEntry { start: 0, length: 8, crc: crc32fast::hash(&bytes) }],
            store: vec![],
        };
        table.verify(pack, &bytes).unwrap();
        assert!(table.verify(pack, b"postingz").is_err());
        assert!(table.verify(pack, b"post").is_err());
        assert!(table.verify(PackId { kind: PackKind::Store, number: 0 }, &bytes).is_err());
    }
}

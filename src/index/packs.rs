//! Packs: the postings, the document store, the term dictionaries, the
//! document ids and the facet table cut into files that a web page fetches
//! only when a query needs them.
//!
//! Why: those sections are almost the whole index (on DFAT, about 98 % of
//! it), but one query reads a few postings lists, the dictionary keys of its
//! words' openings and the blocks of the documents it shows. Embedded in the
//! module, every visitor downloads all of it before the first result; split
//! into packs, a visitor downloads the per-document tables and the code,
//! then a few packs per query. Small collections stay embedded: a pack costs
//! a request.
//!
//! [`super::split`] turns a complete index into a *core* index (the same sections
//! with those left empty, plus the pack table) and the packs.
//! Postings lists and store blocks never straddle two packs, so a reader finds
//! the one pack holding an offset and reads inside it.
//!
//! Every pack file ends with a CRC-32 of its name and bytes, seeded with the
//! table's *digest* (a CRC-32 chained over every pack's contents), so a
//! damaged or truncated download, another pack's file or a pack of another
//! build is refused when it is added, before anything reads it. The
//! checksums travel with the packs rather than in the table because the
//! table is in the core that every visitor downloads first, and checksums do
//! not compress: on DFAT, 2,900 of them were 15 KB of the core's brotli.
//!
//! The facet table (every document's date range and facet values, and the
//! values' names) is one pack: it grows with the documents, and only a query
//! that filters, sorts by date or counts reads it, so a page shows a plain
//! query's first results without it and fetches it for the counts next.
//!
//! The term dictionaries travel in packs too (see [`super::dictionary`]):
//! they grow with the vocabulary, and a query reads the keys of a few
//! opening letters. Stems pack `k` (and words pack `k`) holds the keys from
//! its first key up to the next pack's: a fst of its own.
//!
//! ```text
//! pack table  := postings_packs store_packs stems_packs words_packs ids_packs
//!                facets_packs digest:u32 LE
//! packs       := count:varint (length:varint){count}
//! store_packs := count:varint (pieces:varint){count}
//! stems_packs := count:varint (first_key:str length:varint){count}
//! words_packs := (as stems_packs)
//! ids_packs   := (as stems_packs)
//! facets_packs := (as packs: none, or one holding the facet table)
//! postings_keys := (shared:varint (suffix_length << 1 | alone):varint suffix){count of postings_packs}
//!                  (each key is `shared` bytes of the one before, then `suffix`)
//! facets pack := doc_facets_len:varint doc_facets facet_values
//! pack file   := bytes:[u8; length] crc32(digest LE, name, bytes):u32 LE
//! ```
//! Packs of one kind lie back to back: pack `k` starts where `k - 1` ends, so
//! the table stores lengths only. The first stems (words) pack's first key
//! is empty and the first keys rise strictly. A store pack holds whole
//! pieces of the store — its shared dictionary, then blocks — and the table
//! counts each pack's pieces rather than its bytes (on DFAT, one piece per
//! pack: 2,500 lengths were 4 KB of the core's brotli; their counts are a few
//! bytes). Read from a core, the store's "offsets" are piece numbers
//! ([`super::store::StoreTable::piece_ends`]); each block leads with its own
//! length, so a store pack's bytes are checked when it is added
//! ([`super::store::check_pack`]) rather than against a length here.
//!
//! Each postings pack also names the smallest stem whose list it may hold
//! (`postings_keys`: the shortest opening of its first stem that sorts after
//! the previous pack's last; the first pack's is empty), or, for a list
//! large enough to be a pack alone, that list's whole stem. Postings lie in
//! stem order, so a query that waits for the stems pack of a word can fetch
//! the postings pack of the word's stem in the same round, before the
//! dictionary confirms where the list is ([`PackTable::postings_pack_for`]):
//! a word found as typed then costs one round of fetching, not two. The
//! guess is right whenever the stem is indexed; an unknown word's guess is
//! one small pack at most, as a pack alone is guessed only for its own stem.

use super::crc32::{Crc32, crc32};
use super::format::{Cursor, FormatError, SectionId, put_varint};
pub use super::pack_id::{NotAPackName, PackId, PackKind};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PackEntry {
    start: u64,
    length: u32,
}

/// Bytes a pack file carries after its contents: its checksum.
pub const SEAL_BYTES: usize = 4;

/// Where every pack of a split index lies in its section, and its checksum.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackTable {
    postings: Vec<PackEntry>,
    /// Per postings pack, the smallest stem it may hold.
    postings_keys: Vec<PostingsKey>,
    store: Vec<PackEntry>,
    stems: RangedPacks,
    words: RangedPacks,
    ids: RangedPacks,
    facets: Vec<PackEntry>,
    /// A CRC-32 chained over every pack's bytes, in the order they were
    /// pushed: seeds each pack's own checksum.
    digest: u32,
}

/// Where a postings pack's stems begin (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PostingsKey {
    /// The smallest stem the pack may hold.
    pub(crate) first: Vec<u8>,
    /// The pack holds the list of `first` alone.
    pub(crate) alone: bool,
}

/// Packs of a dictionary, each holding the keys from its first key on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct RangedPacks {
    entries: Vec<PackEntry>,
    /// The smallest key each pack may hold.
    starts: Vec<Vec<u8>>,
}

impl PackKind {
    fn section(self) -> SectionId {
        match self {
            PackKind::Postings => SectionId::Postings,
            PackKind::Store => SectionId::Store,
            PackKind::Stems => SectionId::Stems,
            PackKind::Words => SectionId::Words,
            PackKind::Ids => SectionId::Ids,
            PackKind::Facets => SectionId::DocFacets,
        }
    }
}

impl PackTable {
    /// Appends the next pack of `kind`, which starts where the last one ends.
    pub(crate) fn push(&mut self, kind: PackKind, bytes: &[u8]) {
        let entries = match kind {
            PackKind::Postings => &mut self.postings,
            PackKind::Store => &mut self.store,
            PackKind::Stems => &mut self.stems.entries,
            PackKind::Words => &mut self.words.entries,
            PackKind::Ids => &mut self.ids.entries,
            PackKind::Facets => &mut self.facets,
        };
        let start = entries.last().map_or(0, |e| e.start + e.length as u64);
        entries.push(PackEntry { start, length: bytes.len() as u32 });
        let mut digest = Crc32::new();
        digest.update(&self.digest.to_le_bytes());
        digest.update(&crc32(bytes).to_le_bytes());
        self.digest = digest.finalize();
    }

    /// The checksum pack `pack` ends with, given its bytes.
    fn seal_of(&self, pack: PackId, bytes: &[u8]) -> u32 {
        let mut crc = Crc32::new();
        crc.update(&self.digest.to_le_bytes());
        crc.update(pack.to_string().as_bytes());
        crc.update(bytes);
        crc.finalize()
    }

    /// The file of pack `pack`: its bytes and its checksum. Call once every
    /// pack is pushed (the checksum depends on all of them).
    pub fn seal(&self, pack: PackId, bytes: &[u8]) -> Vec<u8> {
        let mut file = Vec::with_capacity(bytes.len() + SEAL_BYTES);
        file.extend_from_slice(bytes);
        file.extend_from_slice(&self.seal_of(pack, bytes).to_le_bytes());
        file
    }

    /// Number of packs of `kind`.
    pub fn count(&self, kind: PackKind) -> usize {
        self.entries(kind).len()
    }

    fn entries(&self, kind: PackKind) -> &[PackEntry] {
        match kind {
            PackKind::Postings => &self.postings,
            PackKind::Store => &self.store,
            PackKind::Stems => &self.stems.entries,
            PackKind::Words => &self.words.entries,
            PackKind::Ids => &self.ids.entries,
            PackKind::Facets => &self.facets,
        }
    }

    fn ranged(&self, kind: PackKind) -> &RangedPacks {
        match kind {
            PackKind::Words => &self.words,
            PackKind::Ids => &self.ids,
            _ => &self.stems,
        }
    }

    /// Appends the next pack of dictionary `kind` (stems, words or ids), holding
    /// the keys from `first_key` (which must rise from pack to pack; the first
    /// pack's is empty).
    pub(crate) fn push_dictionary(&mut self, kind: PackKind, first_key: &[u8], bytes: &[u8]) {
        self.push(kind, bytes);
        match kind {
            PackKind::Words => &mut self.words,
            PackKind::Ids => &mut self.ids,
            _ => &mut self.stems,
        }
        .starts
        .push(first_key.to_vec());
    }

    /// The packs of dictionary `kind` (stems, words or ids) that may hold keys in
    /// `from..below` (`below` `None`: to the end), in key order.
    pub fn dictionary_packs(&self, kind: PackKind, from: &[u8], below: Option<&[u8]>) -> Vec<PackId> {
        let starts = &self.ranged(kind).starts;
        let first = starts.partition_point(|s| s.as_slice() <= from).saturating_sub(1);
        let end = below.map_or(starts.len(), |b| starts.partition_point(|s| s.as_slice() < b));
        (first as u32..end.max(first) as u32).map(|number| PackId { kind, number }).collect()
    }

    /// Names, for each postings pack in order, the smallest stem it may hold
    /// (see the module docs). Call once every postings pack is pushed.
    pub(crate) fn key_postings(&mut self, keys: Vec<PostingsKey>) {
        assert_eq!(keys.len(), self.postings.len(), "one key per postings pack");
        self.postings_keys = keys;
    }

    /// The postings pack that holds the list of `stem` if `stem` is indexed;
    /// `None` when no pack can hold it.
    pub fn postings_pack_for(&self, stem: &[u8]) -> Option<PackId> {
        let after = self.postings_keys.partition_point(|k| k.first.as_slice() <= stem);
        let number = after.checked_sub(1)?;
        let key = &self.postings_keys[number];
        (!key.alone || key.first == stem).then_some(PackId { kind: PackKind::Postings, number: number as u32 })
    }

    /// Bytes of the whole section `kind`, all packs together.
    pub fn section_len(&self, kind: PackKind) -> u64 {
        self.entries(kind).last().map_or(0, |e| e.start + e.length as u64)
    }

    /// Every pack: postings, store, stems, words, ids, facets.
    pub fn ids(&self) -> impl Iterator<Item = PackId> + '_ {
        let ids = |kind, n: usize| (0..n as u32).map(move |number| PackId { kind, number });
        ids(PackKind::Postings, self.postings.len())
            .chain(ids(PackKind::Store, self.store.len()))
            .chain(ids(PackKind::Stems, self.stems.entries.len()))
            .chain(ids(PackKind::Words, self.words.entries.len()))
            .chain(ids(PackKind::Ids, self.ids.entries.len()))
            .chain(ids(PackKind::Facets, self.facets.len()))
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

    /// Where pack `pack` lies in its section, as `(start, end)`, in a table
    /// being made (where the store too is counted in bytes).
    pub(crate) fn span(&self, pack: PackId) -> Option<(u64, u64)> {
        self.entry(pack).map(|e| (e.start, e.start + e.length as u64))
    }

    /// The store's pieces that store pack `pack` holds, as `(first, count)`,
    /// in a table read from a core (where the store is counted in pieces).
    pub fn store_pieces(&self, pack: PackId) -> Option<(u64, u64)> {
        (pack.kind == PackKind::Store).then(|| self.entry(pack)).flatten().map(|e| (e.start, e.length.into()))
    }

    /// The table's bytes. `store_ends` are where the store's pieces end
    /// (see the module docs); every store pack must end at one of them.
    pub fn write(&self, store_ends: &[u64]) -> Vec<u8> {
        let mut out = Vec::new();
        write_lengths(&mut out, &self.postings);
        put_varint(&mut out, self.store.len() as u64);
        let mut pieces_before = 0;
        for entry in &self.store {
            let end = entry.start + entry.length as u64;
            let pieces_through = store_ends.partition_point(|&e| e <= end);
            assert!(
                pieces_through > pieces_before && store_ends[pieces_through - 1] == end,
                "a store pack ends between the store's pieces"
            );
            put_varint(&mut out, (pieces_through - pieces_before) as u64);
            pieces_before = pieces_through;
        }
        for ranged in [&self.stems, &self.words, &self.ids] {
            put_varint(&mut out, ranged.entries.len() as u64);
            for (entry, first_key) in ranged.entries.iter().zip(&ranged.starts) {
                put_varint(&mut out, first_key.len() as u64);
                out.extend_from_slice(first_key);
                put_varint(&mut out, entry.length as u64);
            }
        }
        write_lengths(&mut out, &self.facets);
        assert_eq!(self.postings_keys.len(), self.postings.len(), "every postings pack is keyed");
        let mut previous: &[u8] = &[];
        for key in &self.postings_keys {
            let shared = previous.iter().zip(&key.first).take_while(|(a, b)| a == b).count();
            put_varint(&mut out, shared as u64);
            put_varint(&mut out, ((key.first.len() - shared) as u64) << 1 | u64::from(key.alone));
            out.extend_from_slice(&key.first[shared..]);
            previous = &key.first;
        }
        out.extend_from_slice(&self.digest.to_le_bytes());
        out
    }

    /// Reads a table [`PackTable::write`] wrote, given the same `store_ends`
    /// (from the index's store index), which the store packs must cover
    /// exactly.
    pub fn read(bytes: &[u8], store_ends: &[u64]) -> Result<PackTable, FormatError> {
        let mut cursor = Cursor::new(bytes, SectionId::Packs);
        let postings = read_lengths(&mut cursor)?;
        let mut store = Vec::new();
        let count = cursor.length(cursor.remaining())?;
        let (mut start, mut pieces_before) = (0u64, 0usize);
        for _ in 0..count {
            let pieces = cursor.length(store_ends.len() - pieces_before)?;
            if pieces == 0 {
                return Err(cursor.corrupt("a pack is empty"));
            }
            pieces_before += pieces;
            let end = store_ends[pieces_before - 1];
            let length = end
                .checked_sub(start)
                .and_then(|length| u32::try_from(length).ok())
                .filter(|&length| length > 0)
                .ok_or_else(|| cursor.corrupt("a store pack's pieces do not rise"))?;
            store.push(PackEntry { start, length });
            start = end;
        }
        if pieces_before != store_ends.len() {
            return Err(cursor.corrupt("the store packs do not cover the store"));
        }
        let mut dictionaries = [RangedPacks::default(), RangedPacks::default(), RangedPacks::default()];
        for ranged in &mut dictionaries {
            // Each entry takes at least two bytes.
            let count = cursor.length(cursor.remaining() / 2)?;
            let mut start = 0u64;
            for _ in 0..count {
                let key_length = cursor.length(cursor.remaining())?;
                let first_key = cursor.bytes(key_length)?;
                let rises = match ranged.starts.last() {
                    None => first_key.is_empty(),
                    Some(last) => last.as_slice() < first_key,
                };
                if !rises {
                    return Err(cursor.corrupt("the dictionary packs' first keys do not rise"));
                }
                let length = cursor.varint_u32()?;
                if length == 0 {
                    return Err(cursor.corrupt("a pack is empty"));
                }
                ranged.entries.push(PackEntry { start, length });
                ranged.starts.push(first_key.to_vec());
                start += length as u64;
            }
        }
        let facets = read_lengths(&mut cursor)?;
        if facets.len() > 1 {
            return Err(cursor.corrupt("the facet table is in more than one pack"));
        }
        let mut postings_keys: Vec<PostingsKey> = Vec::with_capacity(postings.len());
        for _ in 0..postings.len() {
            let previous = postings_keys.last().map_or(&[][..], |k| k.first.as_slice());
            let shared = cursor.length(previous.len())?;
            let coded = cursor.varint()?;
            let suffix = cursor.bytes(usize::try_from(coded >> 1).unwrap_or(usize::MAX))?;
            let first = [&previous[..shared], suffix].concat();
            let rises = match postings_keys.last() {
                None => first.is_empty() || coded & 1 == 1,
                Some(last) => last.first < first,
            };
            if !rises {
                return Err(cursor.corrupt("the postings packs' first stems do not rise"));
            }
            postings_keys.push(PostingsKey { first, alone: coded & 1 == 1 });
        }
        let digest = u32::from_le_bytes(cursor.bytes(4)?.try_into().expect("4 bytes"));
        if !cursor.is_empty() {
            return Err(cursor.corrupt("bytes follow the pack table"));
        }
        let [stems, words, ids] = dictionaries;
        Ok(PackTable { postings, postings_keys, store, stems, words, ids, facets, digest })
    }

    /// Checks that `file` is pack `pack` of this index, as [`PackTable::seal`]
    /// wrote it, and returns its bytes without the checksum.
    pub fn verify<'b>(&self, pack: PackId, file: &'b [u8]) -> Result<&'b [u8], FormatError> {
        let entry = self.entry(pack).ok_or(FormatError::BadPack { pack, reason: "this index has no such pack" })?;
        // A store pack's entry counts pieces, not bytes (see the module docs).
        let length =
            if pack.kind == PackKind::Store { file.len().checked_sub(SEAL_BYTES) } else { Some(entry.length as usize) };
        let length = length.filter(|&length| length + SEAL_BYTES == file.len());
        let Some(length) = length else {
            return Err(FormatError::BadPack { pack, reason: "it has the wrong length" });
        };
        let (bytes, seal) = file.split_at(length);
        if self.seal_of(pack, bytes).to_le_bytes() != seal {
            return Err(FormatError::BadPack { pack, reason: "its checksum does not match" });
        }
        Ok(bytes)
    }
}

/// Packs lying back to back, as `count (length){count}`.
fn write_lengths(out: &mut Vec<u8>, entries: &[PackEntry]) {
    put_varint(out, entries.len() as u64);
    for entry in entries {
        put_varint(out, entry.length as u64);
    }
}

/// Packs written by [`write_lengths`].
fn read_lengths(cursor: &mut Cursor) -> Result<Vec<PackEntry>, FormatError> {
    let mut entries = Vec::new();
    // Each entry takes at least a byte, which bounds the count.
    let count = cursor.length(cursor.remaining())?;
    let mut start = 0u64;
    for _ in 0..count {
        let length = cursor.varint_u32()?;
        if length == 0 {
            return Err(cursor.corrupt("a pack is empty"));
        }
        entries.push(PackEntry { start, length });
        start += length as u64;
    }
    Ok(entries)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_finds_packs_and_round_trips() {
        let entry = |start, length| PackEntry { start, length };
        let key = |first: &[u8], alone| PostingsKey { first: first.to_vec(), alone };
        let mut table = PackTable {
            postings: vec![entry(0, 10), entry(10, 5)],
            postings_keys: vec![key(b"", false), key(b"menzi", true)],
            store: vec![entry(0, 4)],
            digest: 7,
            ..PackTable::default()
        };
        table.push_dictionary(PackKind::Stems, b"", b"abc");
        table.push_dictionary(PackKind::Stems, b"m", b"defg");
        table.push_dictionary(PackKind::Stems, b"s", b"h");
        table.push_dictionary(PackKind::Words, b"", b"ij");
        let back = PackTable::read(&table.write(&[4]), &[4]).unwrap();
        assert_eq!(back, table);
        let p = |number| Some(PackId { kind: PackKind::Postings, number });
        assert_eq!(table.find(PackKind::Postings, 0), p(0));
        assert_eq!(table.find(PackKind::Postings, 9), p(0));
        assert_eq!(table.find(PackKind::Postings, 10), p(1));
        assert_eq!(table.find(PackKind::Postings, 15), None);
        assert_eq!(table.section_len(PackKind::Postings), 15);
        assert_eq!(
            table.ids().map(|id| id.to_string()).collect::<Vec<_>>(),
            ["p0", "p1", "s0", "d0", "d1", "d2", "w0"]
        );
        let dictionary = |from: &[u8], below: Option<&[u8]>| {
            table.dictionary_packs(PackKind::Stems, from, below).into_iter().map(|id| id.number).collect::<Vec<_>>()
        };
        assert_eq!(dictionary(b"evatt", Some(b"evatt\xff")), [0]);
        assert_eq!(dictionary(b"m", Some(b"m\xff")), [1]);
        assert_eq!(dictionary(b"l", Some(b"n")), [0, 1]);
        assert_eq!(dictionary(b"t", None), [2]);
        assert_eq!(dictionary(b"", None), [0, 1, 2]);
        assert_eq!(table.dictionary_packs(PackKind::Words, b"m", None).len(), 1);
    }

    #[test]
    fn the_postings_pack_of_a_stem_is_known_before_its_dictionary_pack() {
        // Lists of "a".."l" gathered, "menzi" alone, "menzies".."z" gathered.
        let entry = |start, length| PackEntry { start, length };
        let key = |first: &[u8], alone| PostingsKey { first: first.to_vec(), alone };
        let table = PackTable {
            postings: vec![entry(0, 10), entry(10, 50), entry(60, 10)],
            postings_keys: vec![key(b"", false), key(b"menzi", true), key(b"menzie", false)],
            digest: 3,
            ..PackTable::default()
        };
        let pack = |stem: &[u8]| table.postings_pack_for(stem).map(|p| p.number);
        assert_eq!(
            [pack(b"evatt"), pack(b"menz"), pack(b"menzi"), pack(b"menzies"), pack(b"zz")],
            [Some(0), Some(0), Some(1), Some(2), Some(2)]
        );
        // Between the stem alone in its pack and the next pack's first: no indexed stem.
        assert_eq!(pack(b"menzia"), None);
        assert_eq!(PackTable::read(&table.write(&[]), &[]).unwrap(), table);
        // A table without postings packs knows none.
        assert_eq!(PackTable::default().postings_pack_for(b"evatt"), None);
        // First stems that do not rise, or a first pack that skips stems, are refused.
        let mut falling = table.clone();
        falling.postings_keys[2].first = b"menzi".to_vec();
        assert!(PackTable::read(&falling.write(&[]), &[]).unwrap_err().to_string().contains("do not rise"));
        let mut gap = table.clone();
        gap.postings_keys[0].first = b"a".to_vec();
        assert!(PackTable::read(&gap.write(&[]), &[]).unwrap_err().to_string().contains("do not rise"));
    }

    #[test]
    fn dictionary_keys_that_do_not_rise_are_refused() {
        let mut table = PackTable::default();
        table.push_dictionary(PackKind::Stems, b"", b"abc");
        table.push_dictionary(PackKind::Stems, b"m", b"d");
        table.push_dictionary(PackKind::Stems, b"m", b"e");
        assert!(PackTable::read(&table.write(&[]), &[]).is_err());
        let mut table = PackTable::default();
        table.push_dictionary(PackKind::Words, b"a", b"abc");
        assert!(PackTable::read(&table.write(&[]), &[]).is_err(), "the first key must be empty");
    }

    #[test]
    fn damaged_tables_are_refused() {
        let table = PackTable {
            postings: vec![PackEntry { start: 0, length: 3 }],
            postings_keys: vec![PostingsKey::default()],
            digest: 1,
            ..PackTable::default()
        };
        let bytes = table.write(&[]);
        for len in 0..bytes.len() {
            assert!(PackTable::read(&bytes[..len], &[]).is_err(), "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(PackTable::read(&longer, &[]).is_err());
        // A count far beyond the bytes present is refused without allocating.
        assert!(PackTable::read(&[0xff, 0xff, 0xff, 0xff, 0x0f], &[]).is_err());
    }

    #[test]
    fn store_packs_are_counted_in_the_stores_pieces() {
        // A dictionary of 5 bytes, then blocks ending at 9, 20, 26 and 40.
        let ends = [5, 9, 20, 26, 40];
        let mut table = PackTable::default();
        for piece in [&[0u8; 5][..], &[1; 15], &[2; 20]] {
            table.push(PackKind::Store, piece);
        }
        let bytes = table.write(&ends);
        let back = PackTable::read(&bytes, &ends).unwrap();
        assert_eq!(back, table);
        assert_eq!(back.section_len(PackKind::Store), 40);
        let s = |number| Some(PackId { kind: PackKind::Store, number });
        assert_eq!(
            [0, 4, 5, 19, 20, 39].map(|at| back.find(PackKind::Store, at)),
            [s(0), s(0), s(1), s(1), s(2), s(2)]
        );
        // The counts are all the table keeps of the store: 1, 2 and 2 pieces.
        assert_eq!(&bytes[..5], [0, 3, 1, 2, 2]);
        // Counts that do not cover the store's pieces, or run past them.
        assert!(PackTable::read(&bytes, &ends[..4]).unwrap_err().to_string().contains("declared length"));
        assert!(PackTable::read(&bytes, &[5, 9, 20, 26, 40, 41]).unwrap_err().to_string().contains("do not cover"));
        assert!(PackTable::read(&bytes, &[5, 9, 5, 26, 40]).unwrap_err().to_string().contains("do not rise"));
    }

    #[test]
    #[should_panic(expected = "ends between the store's pieces")]
    fn a_store_pack_cut_inside_a_piece_cannot_be_written() {
        let mut table = PackTable::default();
        table.push(PackKind::Store, &[0; 7]);
        table.write(&[5, 9]);
    }

    #[test]
    fn sealed_packs_are_verified_against_their_name_and_build() {
        let mut table = PackTable::default();
        table.push(PackKind::Postings, b"postings");
        table.push(PackKind::Postings, b"listings");
        let first = PackId { kind: PackKind::Postings, number: 0 };
        let second = PackId { kind: PackKind::Postings, number: 1 };
        let file = table.seal(first, b"postings");
        assert_eq!(table.verify(first, &file).unwrap(), b"postings");
        let mut flipped = file.clone();
        flipped[3] ^= 1;
        assert!(table.verify(first, &flipped).unwrap_err().to_string().contains("checksum"));
        assert!(table.verify(first, &file[..8]).unwrap_err().to_string().contains("length"));
        let other = table.seal(second, b"listings");
        assert!(table.verify(first, &other).is_err(), "another pack's file, of the same length");
        assert!(table.verify(PackId { kind: PackKind::Store, number: 0 }, &file).is_err());
        let mut rebuilt = PackTable::default();
        rebuilt.push(PackKind::Postings, b"postings");
        rebuilt.push(PackKind::Postings, b"listingz");
        assert!(rebuilt.verify(first, &file).is_err(), "the same pack of another build");
        table.key_postings(vec![PostingsKey::default(), PostingsKey { first: b"m".to_vec(), alone: false }]);
        assert_eq!(PackTable::read(&table.write(&[]), &[]).unwrap(), table, "the digest round-trips");
    }
}

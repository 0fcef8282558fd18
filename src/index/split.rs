//! Cutting a complete index into a core and packs, for `carrel build`.
//!
//! The build side of [`super::packs`]: it needs an opened index (to find where
//! postings lists and store blocks start), so it sits above the reader, while
//! the pack table it writes sits below. The term dictionaries are cut by key
//! ranges into dictionary packs (see [`super::dictionary`]); the facet table
//! is one pack of its own.

use super::format::{FileWriter, FormatError, SectionId, SectionTable};
use super::opened::Index;
use super::packs::{PackId, PackKind, PackTable, PostingsKey};
use super::postings::TermKey;
use fst::IntoStreamer;
use std::borrow::Cow;

/// Default uncompressed bytes per postings pack: lists are grouped in
/// dictionary order (so a prefix's expansions share packs) until a pack
/// reaches this size. A list larger than this is a pack of its own.
/// Measured on DFAT (`bench/browser.sh`), 8 KB instead fetched 22 % fewer
/// bytes per query (22.1 against 28.3 KB) and 7 KB fewer before the first
/// result, but made queries about 40 % slower from a local server (median
/// 25.0 against 18.3 ms): more requests per query.
pub const POSTINGS_PACK_BYTES: usize = 24 * 1024;
/// Default size from which a postings list is a pack of its own, cut from the
/// small lists around it: a word found as typed then fetches its own list and
/// nothing else, while the small lists of rare words (and of a prefix's
/// expansions, which lie together in dictionary order) still share packs.
/// Measured on DFAT: "Evatt" (13 KB of postings) fetched 5.5 KB brotli
/// instead of the 14.7 KB of the 24 KB pack it shared; 859 postings packs
/// instead of 530, the core 1.1 KB brotli larger.
pub const POSTINGS_ALONE_BYTES: usize = 8 * 1024;
/// Default bytes per store pack: 1, so every block (about 4 KB before deflate,
/// 2 KB after) is a pack of its own — a document shown costs its block only.
pub const STORE_PACK_BYTES: usize = 1;

/// Default bytes of keys per stems pack (before the fst encodes them, to
/// about half): a word found as typed fetches the one pack holding its stem,
/// and the rest of the pack is of no use to it, while each pack costs the
/// core one first key. Measured on DFAT (`bench/browser.sh`): 2 KB rather
/// than 8 KB took 5.4 KB brotli off the first visit (108 packs instead of
/// 27; the core 0.4 KB larger), with per-query bytes and times unchanged.
pub const STEMS_PACK_BYTES: usize = 2 * 1024;
/// Default bytes of keys per words pack: a typo or a `prefix*` fetches every
/// pack of its opening, so smaller packs save little.
pub const WORDS_PACK_BYTES: usize = 16 * 1024;
/// Default bytes of ids per document ids pack: showing a document by its id
/// fetches the one pack holding the id.
pub const IDS_PACK_BYTES: usize = 8 * 1024;

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
    /// Each pack's file: its bytes, then its checksum (see [`super::packs`]).
    pub packs: Vec<(PackId, Vec<u8>)>,
}

/// A complete index cut, its packs not yet made: the postings and store packs
/// are still ranges of the index, so a writer makes and drops one pack file at
/// a time ([`CutIndex::pack_files`]) rather than holding a second copy of the
/// index (DFAT ×13: 310 MB of packs).
pub struct CutIndex<'a> {
    pub core: Vec<u8>,
    table: PackTable,
    packs: Vec<(PackId, Cow<'a, [u8]>)>,
}

impl<'a> CutIndex<'a> {
    /// Each pack's file, sealed (see [`super::packs`]), made as it is asked for.
    pub fn pack_files(self) -> impl Iterator<Item = (PackId, Vec<u8>)> + 'a {
        let table = self.table;
        self.packs.into_iter().map(move |(pack, bytes)| (pack, table.seal(pack, &bytes)))
    }
}

/// Sizes of the packs [`split`] cuts, in bytes before compression.
#[derive(Clone, Copy, Debug)]
pub struct PackSizes {
    pub postings: usize,
    /// A postings list at least this long is a pack of its own.
    pub postings_alone: usize,
    pub store: usize,
    /// Bytes of keys per stems pack.
    pub stems: usize,
    /// Bytes of keys per words pack.
    pub words: usize,
    /// Bytes of keys per document ids pack.
    pub ids: usize,
}

impl Default for PackSizes {
    fn default() -> Self {
        PackSizes {
            postings: POSTINGS_PACK_BYTES,
            postings_alone: POSTINGS_ALONE_BYTES,
            store: STORE_PACK_BYTES,
            stems: STEMS_PACK_BYTES,
            words: WORDS_PACK_BYTES,
            ids: IDS_PACK_BYTES,
        }
    }
}

/// Cuts a complete index into a core and packs of about the `sizes` given,
/// every pack file made (see [`cut`] to make them one at a time).
/// Deterministic. Refuses an index that is already split or does not open.
pub fn split(index: &[u8], sizes: PackSizes) -> Result<Split, FormatError> {
    let mut cut = cut(index, sizes)?;
    let core = std::mem::take(&mut cut.core);
    Ok(Split { core, packs: cut.pack_files().collect() })
}

/// Cuts a complete index into a core and packs of about the `sizes` given,
/// the packs left to make ([`CutIndex::pack_files`]). Deterministic. Refuses
/// an index that is already split or does not open.
pub fn cut(index: &[u8], sizes: PackSizes) -> Result<CutIndex<'_>, FormatError> {
    let (postings_target, store_target) = (sizes.postings, sizes.store);
    let opened = Index::open(index)?;
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
    let stems = fst::Map::new(section(SectionId::Stems)?).expect("checked at open");
    let mut stream = fst::IntoStreamer::into_stream(&stems);
    while let Some((_, value)) = fst::Streamer::next(&mut stream) {
        list_starts.push(TermKey(value).offset());
    }
    list_starts.sort_unstable();
    list_starts.dedup();
    let postings = section(SectionId::Postings)?;
    let block_starts: Vec<u64> = opened.store_table().block_starts().into_iter().map(u64::from).collect();
    let store = section(SectionId::Store)?;

    let mut packs = Vec::new();
    let mut pack_table = PackTable::default();
    for (kind, bytes, starts, target, alone) in [
        (PackKind::Postings, postings, &list_starts, postings_target, sizes.postings_alone),
        (PackKind::Store, store, &block_starts, store_target, usize::MAX),
    ] {
        let cuts = cut_points(starts, bytes.len() as u64, target as u64, alone as u64);
        for window in cuts.windows(2) {
            let piece = &bytes[window[0] as usize..window[1] as usize];
            if piece.is_empty() {
                continue;
            }
            let number = pack_table.count(kind) as u32;
            pack_table.push(kind, piece);
            packs.push((PackId { kind, number }, Cow::Borrowed(piece)));
        }
    }
    pack_table.key_postings(postings_keys(&stems, &pack_table, &list_starts)?);

    let words = fst::Map::new(section(SectionId::Words)?).expect("checked at open");
    let ids = fst::Map::new(section(SectionId::Ids)?).expect("checked at open");
    let dictionaries = [
        (PackKind::Stems, &stems, sizes.stems),
        (PackKind::Words, &words, sizes.words),
        (PackKind::Ids, &ids, sizes.ids),
    ];
    for (kind, map, target) in dictionaries {
        for (first_key, bytes) in dictionary_packs(map, target) {
            let number = pack_table.count(kind) as u32;
            pack_table.push_dictionary(kind, &first_key, &bytes);
            packs.push((PackId { kind, number }, Cow::Owned(bytes)));
        }
    }

    // The facet table: every query scores, but only one that filters, sorts
    // by date or counts facets reads it, and it grows with the documents.
    let facets = super::facets::pack(section(SectionId::DocFacets)?, section(SectionId::FacetValues)?);
    pack_table.push(PackKind::Facets, &facets);
    packs.push((PackId { kind: PackKind::Facets, number: 0 }, Cow::Owned(facets)));

    let mut core = FileWriter::default();
    for id in SectionId::ALL {
        let bytes = match id {
            SectionId::Postings
            | SectionId::Store
            | SectionId::Stems
            | SectionId::Words
            | SectionId::Ids
            | SectionId::DocFacets
            | SectionId::FacetValues => Vec::new(),
            id => section(id)?.to_vec(),
        };
        core.add(id, bytes);
    }
    core.add(SectionId::Packs, pack_table.write(&opened.store_table().piece_ends()));
    Ok(CutIndex { core: core.finish(), table: pack_table, packs })
}

/// Where to cut a section of pieces starting at `starts` (ascending) and
/// ending at `len` into packs: a piece at least `alone` long is a pack of its
/// own; the others are gathered in order until a pack holds `target` bytes.
/// Returns the cuts, from 0 to `len`, each a piece's start.
fn cut_points(starts: &[u64], len: u64, target: u64, alone: u64) -> Vec<u64> {
    let mut cuts = vec![0u64];
    let ends = starts.iter().skip(1).copied().chain([len]);
    for (&start, end) in starts.iter().zip(ends) {
        let big = end - start >= alone;
        if start > 0 && (big || start - cuts.last().expect("never empty") >= target) {
            cuts.push(start);
        }
        if big {
            cuts.push(end);
        }
    }
    cuts.push(len);
    cuts.dedup();
    cuts
}

/// The smallest stem each postings pack of `table` may hold (see
/// [`super::packs`]), given where the lists start (ascending). Postings lie
/// in stem order, so one pass over the stems meets the packs in order: a
/// pack's first stem is the first one whose list lies in it.
fn postings_keys(stems: &fst::Map<&[u8]>, table: &PackTable, lists: &[u64]) -> Result<Vec<PostingsKey>, FormatError> {
    let count = table.count(PackKind::Postings);
    let mut keys: Vec<PostingsKey> = Vec::with_capacity(count);
    let mut last_stem: Vec<u8> = Vec::new();
    let mut stream = stems.into_stream();
    while let Some((stem, value)) = fst::Streamer::next(&mut stream) {
        let Some(pack) = table.find(PackKind::Postings, TermKey(value).offset()) else {
            break; // a list outside every pack: refused below
        };
        if pack.number as usize >= keys.len() {
            if pack.number as usize != keys.len() {
                break; // a pack no stem points into: refused below
            }
            let (start, end) = table.span(pack).expect("the pack was found in the table");
            let alone = lists.partition_point(|&s| s < end) - lists.partition_point(|&s| s < start) == 1;
            let first = if alone {
                stem.to_vec()
            } else if keys.is_empty() {
                Vec::new()
            } else {
                shortest_opening_after(&last_stem, stem).to_vec()
            };
            keys.push(PostingsKey { first, alone });
        }
        last_stem.clear();
        last_stem.extend_from_slice(stem);
    }
    if keys.len() != count {
        return Err(FormatError::Corrupt {
            section: SectionId::Postings,
            reason: "the postings do not lie in the order of their stems",
        });
    }
    Ok(keys)
}

/// The shortest opening of `first` that sorts after `previous` (`first` must).
fn shortest_opening_after<'k>(previous: &[u8], first: &'k [u8]) -> &'k [u8] {
    (1..=first.len()).map(|len| &first[..len]).find(|opening| *opening > previous).unwrap_or(first)
}

/// Cuts a dictionary into packs of about `target` bytes of keys, each with
/// the first key it may hold (the first pack's is empty) and its fst.
fn dictionary_packs(map: &fst::Map<&[u8]>, target: usize) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut packs = Vec::new();
    let mut first_key = Vec::new();
    let mut builder = fst::MapBuilder::memory();
    let mut weight = 0;
    let mut stream = map.into_stream();
    while let Some((key, value)) = fst::Streamer::next(&mut stream) {
        if weight >= target.max(1) {
            let full = std::mem::replace(&mut builder, fst::MapBuilder::memory());
            packs.push((std::mem::replace(&mut first_key, key.to_vec()), full.into_inner().expect("in memory")));
            weight = 0;
        }
        builder.insert(key, value).expect("keys arrive in order");
        weight += key.len() + 1;
    }
    packs.push((first_key, builder.into_inner().expect("in memory")));
    packs
}

#[cfg(test)]
mod tests {
    use super::{cut_points, postings_keys, shortest_opening_after};
    use crate::index::packs::{PackKind, PackTable, PostingsKey};
    use crate::index::postings::TermKey;

    #[test]
    fn a_postings_packs_key_is_the_shortest_opening_after_the_stems_before() {
        assert_eq!(shortest_opening_after(b"evatt", b"menzi"), b"m");
        assert_eq!(shortest_opening_after(b"menzi", b"menzies"), b"menzie");
        assert_eq!(shortest_opening_after(b"abc", b"abd"), b"abd");
        assert_eq!(shortest_opening_after(b"", b"a"), b"a");
    }

    #[test]
    fn postings_packs_are_keyed_by_the_first_stem_they_hold() {
        // Lists of 10 bytes each; packs: [a b], [c] alone, [d e].
        let stems = ["apple", "banana", "cherry", "date", "elder"];
        let mut builder = fst::MapBuilder::memory();
        for (n, stem) in stems.iter().enumerate() {
            builder.insert(stem, TermKey::new(10 * n as u64, 1).0).unwrap();
        }
        let bytes = builder.into_inner().unwrap();
        let map = fst::Map::new(bytes.as_slice()).unwrap();
        let table = |lengths: &[usize]| {
            let mut table = PackTable::default();
            for &length in lengths {
                table.push(PackKind::Postings, &vec![0; length]);
            }
            table
        };
        let keys = postings_keys(&map, &table(&[20, 10, 20]), &[0, 10, 20, 30, 40]).unwrap();
        let key = |first: &[u8], alone| PostingsKey { first: first.to_vec(), alone };
        assert_eq!(keys, [key(b"", false), key(b"cherry", true), key(b"d", false)]);
        // A pack that no stem's list starts in cannot be keyed.
        assert!(postings_keys(&map, &table(&[20, 5, 5, 20]), &[0, 10, 20, 30, 40]).is_err());
    }

    #[test]
    fn small_pieces_are_gathered_until_a_pack_reaches_its_target() {
        // Pieces of 3, 3, 3, 3 and 2 bytes; packs of at least 6.
        assert_eq!(cut_points(&[0, 3, 6, 9, 12], 14, 6, u64::MAX), vec![0, 6, 12, 14]);
        // A target of 1: every piece alone.
        assert_eq!(cut_points(&[0, 3, 6], 9, 1, u64::MAX), vec![0, 3, 6, 9]);
    }

    #[test]
    fn a_large_piece_is_a_pack_of_its_own() {
        // Pieces of 2, 2, 10, 2 and 2 bytes; packs of 6, pieces of 8 or more alone.
        assert_eq!(cut_points(&[0, 2, 4, 14, 16], 18, 6, 8), vec![0, 4, 14, 18]);
        // Leading, trailing and adjacent large pieces.
        assert_eq!(cut_points(&[0, 9, 18, 20], 29, 6, 8), vec![0, 9, 18, 20, 29]);
        // Without large pieces the target alone decides, as before.
        assert_eq!(cut_points(&[0, 2, 4, 6, 8], 10, 6, 8), vec![0, 6, 10]);
    }

    #[test]
    fn an_empty_section_has_no_cut_inside() {
        assert_eq!(cut_points(&[], 0, 6, 8), vec![0]);
        assert_eq!(cut_points(&[0], 5, 6, 8), vec![0, 5]);
    }
}

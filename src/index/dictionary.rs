//! The term dictionaries — stems and surface words — whether the index carries
//! them whole or they travel in dictionary packs.
//!
//! Why packs: the dictionaries grow with the vocabulary (on DFAT about 570 KB,
//! 310 KB with brotli, of a core of 460 KB), while one query reads the keys of
//! a few opening letters: its words' stems, a `prefix*`'s words, a typo's
//! neighbours. Typo correction keeps a word's first character (see
//! `search::plan`), so every key a query can reach lies in the ranges of its
//! words' first characters, and a packed index fetches those ranges only.
//!
//! Each dictionary is cut apart: a word found as typed needs the one stems
//! pack (`d*`) holding its stem; a typo or a `prefix*` needs the words packs
//! (`w*`) of its opening and the stems packs of the words found there. A
//! pack is the `fst` of its range's keys.
//!
//! Reads go through [`Dictionaries`], which remembers every pack a lookup
//! needed and did not find, so that one pass over a query names all the packs
//! it needs at once (one round of fetching, not one per word).

use super::format::{FormatError, SectionId};
use super::packs::{PackId, PackKind, PackTable};
use super::postings::TermKey;
use std::cell::RefCell;
use std::collections::HashMap;

/// Which of the two dictionaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dictionary {
    /// Stem → its [`TermKey`].
    Stems,
    /// Surface word → the analysers that read it.
    Words,
    /// Document id → document number.
    Ids,
}

/// Checks that a pack of dictionary `kind` is a fst that `fst` may walk.
pub fn check_pack(kind: PackKind, bytes: &[u8]) -> Result<(), FormatError> {
    let id = match kind {
        PackKind::Words => SectionId::Words,
        PackKind::Ids => SectionId::Ids,
        _ => SectionId::Stems,
    };
    fst::Map::new(bytes)
        .map_err(|_| FormatError::Corrupt { section: id, reason: "the term dictionary is malformed" })?;
    super::fst_check::check(bytes, id)
}

enum Source<'a> {
    Whole { stems: &'a [u8], words: &'a [u8], ids: &'a [u8] },
    Packed { table: &'a PackTable, loaded: &'a HashMap<PackId, Vec<u8>> },
}

/// Lookups in the dictionaries of one index, recording the packs they lacked.
pub struct Dictionaries<'a> {
    source: Source<'a>,
    doc_count: u32,
    missing: RefCell<Vec<PackId>>,
}

impl<'a> Dictionaries<'a> {
    pub(crate) fn whole(stems: &'a [u8], words: &'a [u8], ids: &'a [u8], doc_count: u32) -> Self {
        Dictionaries { source: Source::Whole { stems, words, ids }, doc_count, missing: RefCell::default() }
    }

    pub(crate) fn packed(table: &'a PackTable, loaded: &'a HashMap<PackId, Vec<u8>>, doc_count: u32) -> Self {
        Dictionaries { source: Source::Packed { table, loaded }, doc_count, missing: RefCell::default() }
    }

    /// The number of the document with id `id` — or `None` while its pack is
    /// missing (then recorded).
    pub fn doc_number(&self, id: &str) -> Option<u32> {
        let mut below = id.as_bytes().to_vec();
        below.push(0);
        self.pieces(Dictionary::Ids, id.as_bytes(), Some(&below))
            .iter()
            .find_map(|map| map.get(id))
            .and_then(|n| u32::try_from(n).ok())
            .filter(|&n| n < self.doc_count)
    }

    /// The key of `stem`, if it is indexed — or `None` while its pack is
    /// missing (then recorded; see [`Dictionaries::require`]).
    pub fn stem(&self, stem: &str) -> Option<TermKey> {
        let mut below = stem.as_bytes().to_vec();
        below.push(0);
        self.pieces(Dictionary::Stems, stem.as_bytes(), Some(&below)).iter().find_map(|map| map.get(stem)).map(TermKey)
    }

    /// The loaded pieces of `dictionary` that may hold keys in `from..below`
    /// (`below` `None`: to the end), in key order; their keys do not overlap,
    /// so streaming them one after the other reads the keys in order. The
    /// caller still bounds its own streams to the range. Missing pieces are
    /// recorded and left out.
    pub fn pieces(&self, dictionary: Dictionary, from: &[u8], below: Option<&[u8]>) -> Vec<fst::Map<&'a [u8]>> {
        let whole = |bytes: &'a [u8]| vec![fst::Map::new(bytes).expect("checked at open")];
        match self.source {
            Source::Whole { stems, words, ids } => match dictionary {
                Dictionary::Stems => whole(stems),
                Dictionary::Words => whole(words),
                Dictionary::Ids => whole(ids),
            },
            Source::Packed { table, loaded } => {
                let mut maps = Vec::new();
                let kind = match dictionary {
                    Dictionary::Stems => PackKind::Stems,
                    Dictionary::Words => PackKind::Words,
                    Dictionary::Ids => PackKind::Ids,
                };
                for pack in table.dictionary_packs(kind, from, below) {
                    let Some(bytes) = loaded.get(&pack) else {
                        let mut missing = self.missing.borrow_mut();
                        if !missing.contains(&pack) {
                            missing.push(pack);
                        }
                        continue;
                    };
                    maps.push(fst::Map::new(bytes.as_slice()).expect("checked when added"));
                }
                maps
            }
        }
    }

    /// How many packs lookups so far lacked: a lookup lacked one when the
    /// count grew across it.
    pub fn packs_lacked(&self) -> usize {
        self.missing.borrow().len()
    }

    /// Fails with [`FormatError::PacksNotLoaded`], naming every pack a lookup
    /// lacked, if any did.
    pub fn require(&self) -> Result<(), FormatError> {
        let mut packs = self.missing.borrow().clone();
        if packs.is_empty() {
            return Ok(());
        }
        crate::sort_once::stable_by(&mut packs, &Ord::cmp);
        Err(FormatError::PacksNotLoaded { packs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(keys: &[(&str, u64)]) -> Vec<u8> {
        let mut builder = fst::MapBuilder::memory();
        for (key, value) in keys {
            builder.insert(key, *value).unwrap();
        }
        builder.into_inner().unwrap()
    }

    #[test]
    fn packed_lookups_record_what_they_lack_and_answer_once_it_is_in() {
        let mut table = PackTable::default();
        let first = map(&[("evatt", 1 << 20)]);
        let second = map(&[("menzi", 2 << 20)]);
        check_pack(PackKind::Stems, &first).unwrap();
        table.push_dictionary(PackKind::Stems, b"", &first);
        table.push_dictionary(PackKind::Stems, b"m", &second);
        table.push_dictionary(PackKind::Words, b"", &map(&[("evatt", 0), ("menzies", 0)]));
        let mut loaded = HashMap::new();
        let lookups = Dictionaries::packed(&table, &loaded, 1);
        assert_eq!(lookups.stem("menzi"), None);
        assert_eq!(lookups.stem("menzi"), None);
        let error = lookups.require().unwrap_err();
        assert!(matches!(&error, FormatError::PacksNotLoaded { packs } if packs.len() == 1), "{error}");
        loaded.insert(PackId { kind: PackKind::Stems, number: 1 }, second);
        let lookups = Dictionaries::packed(&table, &loaded, 1);
        assert_eq!(lookups.stem("menzi"), Some(TermKey(2 << 20)));
        assert_eq!(lookups.stem("menzie"), None);
        lookups.require().unwrap();
    }

    #[test]
    fn damaged_packs_are_refused() {
        let pack = map(&[("evatt", 1), ("menzies", 2)]);
        for len in 0..pack.len() {
            assert!(check_pack(PackKind::Words, &pack[..len]).is_err(), "cut at {len}");
        }
    }
}

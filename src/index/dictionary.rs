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
//! it needs at once (one round of fetching, not one per word). A search also
//! asks, with each stems pack its words wait for, for the postings pack that
//! holds each word's list if the word is indexed
//! ([`Dictionaries::stem_and_postings`]; see [`super::packs`]), so that a
//! word found as typed arrives with its list in one round.

use super::format::{FormatError, SectionId};
use super::packs::{PackId, PackKind, PackTable};
use super::postings::TermKey;
use std::cell::{Cell, RefCell};
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
    /// Lookups so far that lacked a pack.
    lacking: Cell<usize>,
    /// Whether [`Dictionaries::stem_and_postings`] asks for postings packs.
    guess_postings: bool,
}

impl<'a> Dictionaries<'a> {
    pub(crate) fn whole(stems: &'a [u8], words: &'a [u8], ids: &'a [u8], doc_count: u32) -> Self {
        Dictionaries::new(Source::Whole { stems, words, ids }, doc_count)
    }

    pub(crate) fn packed(table: &'a PackTable, loaded: &'a HashMap<PackId, Vec<u8>>, doc_count: u32) -> Self {
        Dictionaries::new(Source::Packed { table, loaded }, doc_count)
    }

    fn new(source: Source<'a>, doc_count: u32) -> Self {
        Dictionaries { source, doc_count, missing: RefCell::default(), lacking: Cell::new(0), guess_postings: false }
    }

    /// These lookups, with [`Dictionaries::stem_and_postings`] asking for
    /// postings packs ahead when `guess` is true (a search, which reads the
    /// lists next; not a document's highlighting, which reads none).
    pub fn guessing_postings(self, guess: bool) -> Self {
        Dictionaries { guess_postings: guess, ..self }
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

    /// As [`Dictionaries::stem`], for a stem whose list a search will read:
    /// while its stems pack is missing, the postings pack that holds its list
    /// if it is indexed is recorded too (when guessing; see
    /// [`Dictionaries::guessing_postings`]), so both arrive in one round.
    pub fn stem_and_postings(&self, stem: &str) -> Option<TermKey> {
        let lacking = self.lacking.get();
        let key = self.stem(stem);
        if self.lacking.get() > lacking {
            self.guess_postings(stem);
        }
        key
    }

    /// Records the postings pack that holds the list of `stem` if `stem` is
    /// indexed, when guessing (see [`Dictionaries::guessing_postings`]): for
    /// a stem whose stems pack is on its way, and whose list will be read.
    pub fn guess_postings(&self, stem: &str) {
        if let (true, Source::Packed { table, loaded }) = (self.guess_postings, &self.source)
            && let Some(pack) = table.postings_pack_for(stem.as_bytes()).filter(|p| !loaded.contains_key(p))
        {
            self.record_missing(pack);
        }
    }

    /// Records `pack` as one the lookups lacked, once.
    fn record_missing(&self, pack: PackId) {
        let mut missing = self.missing.borrow_mut();
        if !missing.contains(&pack) {
            missing.push(pack);
        }
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
                let mut lacked = false;
                let kind = match dictionary {
                    Dictionary::Stems => PackKind::Stems,
                    Dictionary::Words => PackKind::Words,
                    Dictionary::Ids => PackKind::Ids,
                };
                for pack in table.dictionary_packs(kind, from, below) {
                    let Some(bytes) = loaded.get(&pack) else {
                        lacked = true;
                        self.record_missing(pack);
                        continue;
                    };
                    maps.push(fst::Map::new(bytes.as_slice()).expect("checked when added"));
                }
                self.lacking.set(self.lacking.get() + usize::from(lacked));
                maps
            }
        }
    }

    /// The loaded words packs that may hold keys in `from..below`, as
    /// [`Dictionaries::pieces`] gives them. While any is missing, the stems
    /// packs of the same range are recorded too: a `prefix*` looks up the
    /// stem of every word it finds, and a stemmer that cuts endings keeps a
    /// word's opening in its stem, so those stems lie in the same range and
    /// arrive in the same round as the words (a stem outside it is asked for
    /// next round, as before).
    pub fn words_and_their_stems(&self, from: &[u8], below: Option<&[u8]>) -> Vec<fst::Map<&'a [u8]>> {
        let lacking = self.lacking.get();
        let maps = self.pieces(Dictionary::Words, from, below);
        if self.lacking.get() > lacking
            && let Source::Packed { table, loaded } = &self.source
        {
            for pack in table.dictionary_packs(PackKind::Stems, from, below) {
                if !loaded.contains_key(&pack) {
                    self.record_missing(pack);
                }
            }
        }
        maps
    }

    /// How many lookups so far lacked a pack: a lookup lacked one when the
    /// count grew across it (even if an earlier lookup lacked the same pack).
    pub fn lookups_lacking(&self) -> usize {
        self.lacking.get()
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
    fn a_search_asks_for_a_words_postings_pack_with_its_stems_pack() {
        use crate::index::packs::PostingsKey;
        let mut table = PackTable::default();
        table.push_dictionary(PackKind::Stems, b"", &map(&[("evatt", 0)]));
        table.push_dictionary(PackKind::Stems, b"m", &map(&[("menzi", 10)]));
        table.push(PackKind::Postings, &[0; 10]);
        table.push(PackKind::Postings, &[0; 10]);
        table.key_postings(vec![PostingsKey::default(), PostingsKey { first: b"menzi".to_vec(), alone: true }]);
        let stems = |number| PackId { kind: PackKind::Stems, number };
        let postings = |number| PackId { kind: PackKind::Postings, number };
        let packs_asked = |lookups: &Dictionaries| match lookups.require() {
            Err(FormatError::PacksNotLoaded { packs }) => packs,
            other => panic!("{other:?}"),
        };
        let mut loaded = HashMap::new();
        let searching = Dictionaries::packed(&table, &loaded, 1).guessing_postings(true);
        assert_eq!(searching.stem_and_postings("menzi"), None);
        assert_eq!(searching.stem_and_postings("evatt"), None);
        assert_eq!(packs_asked(&searching), [postings(0), postings(1), stems(0), stems(1)]);
        // An unknown stem after the one alone in its pack guesses no pack.
        let searching = Dictionaries::packed(&table, &loaded, 1).guessing_postings(true);
        assert_eq!(searching.stem_and_postings("menzo"), None);
        assert_eq!(packs_asked(&searching), [stems(1)]);
        // Highlighting a document reads no lists, and guesses none.
        let highlighting = Dictionaries::packed(&table, &loaded, 1);
        assert_eq!(highlighting.stem_and_postings("menzi"), None);
        assert_eq!(packs_asked(&highlighting), [stems(1)]);
        // Once the stems pack is in, the key says where the list is: nothing is guessed.
        loaded.insert(stems(1), map(&[("menzi", 10)]));
        let searching = Dictionaries::packed(&table, &loaded, 1).guessing_postings(true);
        assert_eq!(searching.stem_and_postings("menzi"), Some(TermKey(10)));
        searching.require().unwrap();
    }

    #[test]
    fn a_prefix_asks_for_the_stems_of_its_range_with_its_words() {
        let mut table = PackTable::default();
        for (first, stem) in [("", "evans"), ("evat", "evatt"), ("m", "menzi")] {
            table.push_dictionary(PackKind::Stems, first.as_bytes(), &map(&[(stem, 0)]));
        }
        table.push_dictionary(PackKind::Words, b"", &map(&[("evans", 1), ("evatt", 1), ("menzies", 1)]));
        let stems = |number| PackId { kind: PackKind::Stems, number };
        let words = PackId { kind: PackKind::Words, number: 0 };
        let mut loaded = HashMap::new();
        let lookups = Dictionaries::packed(&table, &loaded, 1);
        assert!(lookups.words_and_their_stems(b"ev", Some(b"ev\xff")).is_empty());
        match lookups.require() {
            Err(FormatError::PacksNotLoaded { packs }) => assert_eq!(packs, [stems(0), stems(1), words]),
            other => panic!("{other:?}"),
        }
        // With the words in, nothing more is asked for by the range.
        loaded.insert(words, map(&[("evans", 1), ("evatt", 1), ("menzies", 1)]));
        let lookups = Dictionaries::packed(&table, &loaded, 1);
        assert_eq!(lookups.words_and_their_stems(b"ev", Some(b"ev\xff")).len(), 1);
        lookups.require().unwrap();
    }

    #[test]
    fn every_lookup_that_lacks_a_pack_counts_even_when_another_lacked_it_first() {
        let mut table = PackTable::default();
        table.push_dictionary(PackKind::Stems, b"", &map(&[("evans", 0), ("evatt", 1)]));
        let loaded = HashMap::new();
        let lookups = Dictionaries::packed(&table, &loaded, 1);
        assert_eq!(lookups.lookups_lacking(), 0);
        lookups.stem("evatt");
        lookups.stem("evans");
        assert_eq!(lookups.lookups_lacking(), 2);
    }

    #[test]
    fn damaged_packs_are_refused() {
        let pack = map(&[("evatt", 1), ("menzies", 2)]);
        for len in 0..pack.len() {
            assert!(check_pack(PackKind::Words, &pack[..len]).is_err(), "cut at {len}");
        }
    }
}

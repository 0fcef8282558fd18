//! An opened index: verified bytes with a view onto each section.
//!
//! Opening checks the header and checksum, decodes the small sections (meta,
//! facet dictionaries, variants) and validates the table sizes; the large ones
//! (postings, store) are read in place only when a query needs them. Works
//! over any `D: AsRef<[u8]>`, so `Index<&'static [u8]>` from `include_bytes!`
//! and `Index<Vec<u8>>` from a file or a wasm custom section both work, and
//! nothing is copied.

use crate::document::Document;
use crate::index::dictionary::Dictionaries;
use crate::index::facets::FacetTable;
use crate::index::format::{FormatError, SectionId, SectionTable};
use crate::index::languages::Languages;
use crate::index::meta::Meta;
use crate::index::packs::{PackId, PackKind, PackTable, SectionBytes};
use crate::index::postings::{PostingsIter, TermKey};
use crate::index::schema::FIELD_COUNT;
use crate::index::store::{Store, StoreTable};
use crate::text::language::Analyzer;
use crate::text::variants::VariantTable;
use std::collections::HashMap;
use std::ops::Range;

pub struct Index<D: AsRef<[u8]>> {
    bytes: D,
    table: SectionTable,
    meta: Meta,
    variants: VariantTable,
    /// Where each stored document is, decoded at open.
    store_table: StoreTable,
    /// Every document's facet row and the facets' values: decoded at open,
    /// or, when they travel in a pack, once it is added.
    facets: Option<FacetTable>,
    languages: Languages,
    /// Present when postings and store travel as packs (see `packs`).
    packs: Option<PackTable>,
    /// Packs added so far, verified.
    loaded: HashMap<PackId, Vec<u8>>,
}

/// `Ok` when nothing is missing, else the error asking for the packs.
fn loaded_unless(missing: Vec<PackId>) -> Result<(), FormatError> {
    if missing.is_empty() { Ok(()) } else { Err(FormatError::PacksNotLoaded { packs: missing }) }
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Verifies and opens `bytes`.
    ///
    /// Cost: a CRC-32 pass over all bytes, a walk over every node of the three
    /// term dictionaries (see `fst_check`), a check of every fixed-width table
    /// against the document count, and a decode of the small sections.
    pub fn open(bytes: D) -> Result<Self, FormatError> {
        let data = bytes.as_ref();
        let table = SectionTable::read(data)?;
        // Every section must be present: the readers below and the accessors
        // after opening rely on it.
        for id in SectionId::ALL {
            table.range(id)?;
        }
        let section = |id| table.range(id).map(|r: Range<usize>| &data[r]);
        let meta = Meta::read(section(SectionId::Meta)?)?;
        let packed = table.range(SectionId::Packs).is_ok();
        let whole_store = if packed { None } else { Some(section(SectionId::Store)?) };
        let store_table = StoreTable::read(section(SectionId::StoreIndex)?, whole_store)?;
        let packs = match table.range(SectionId::Packs) {
            Ok(range) => Some(PackTable::read(&data[range], &store_table.piece_ends())?),
            Err(_) => None,
        };
        // A packed index carries its term dictionaries in packs, checked as they arrive.
        let dictionaries: &[SectionId] =
            if packs.is_some() { &[] } else { &[SectionId::Stems, SectionId::Words, SectionId::Ids] };
        for &id in dictionaries {
            let bytes = section(id)?;
            fst::Map::new(bytes)
                .map_err(|_| FormatError::Corrupt { section: id, reason: "the term dictionary is malformed" })?;
            // `fst` trusts its bytes; a crafted file could make it panic or loop.
            crate::index::fst_check::check(bytes, id)?;
        }
        // What a packed index leaves to its packs, its core must not carry too.
        let refuse_carried = |ids: &[SectionId], reason| {
            if ids.iter().any(|&id| section(id).is_ok_and(|bytes| !bytes.is_empty())) {
                return Err(FormatError::Corrupt { section: SectionId::Packs, reason });
            }
            Ok(())
        };
        let facets_packed = packs.as_ref().is_some_and(|table| table.count(PackKind::Facets) > 0);
        let facets = if facets_packed {
            refuse_carried(
                &[SectionId::DocFacets, SectionId::FacetValues],
                "an index with its facets in a pack carries facets of its own",
            )?;
            None
        } else {
            Some(FacetTable::read(section(SectionId::DocFacets)?, section(SectionId::FacetValues)?, meta.doc_count)?)
        };
        let empty = HashMap::new();
        let store_bytes = match &packs {
            Some(table) => {
                refuse_carried(
                    &[SectionId::Store, SectionId::Postings, SectionId::Stems, SectionId::Words, SectionId::Ids],
                    "an index in packs carries postings, documents or dictionaries of its own",
                )?;
                SectionBytes::Packed { kind: PackKind::Store, table, loaded: &empty }
            }
            None => SectionBytes::Whole(section(SectionId::Store)?),
        };
        let store = Store::open(&store_table, store_bytes)?;
        if store.doc_count() != meta.doc_count {
            return Err(FormatError::Corrupt {
                section: SectionId::StoreIndex,
                reason: "the document count disagrees with meta",
            });
        }
        let variants = VariantTable::new(&super::variant_section::read(section(SectionId::Variants)?)?);
        let languages = Languages::read(section(SectionId::Languages)?)?;
        if let Some(missing) = languages.analyzers().find(|a| !a.is_built_in()) {
            return Err(FormatError::StemmerNotBuiltIn { language: missing.code() });
        }
        languages.check_documents(meta.doc_count)?;
        Ok(Index { bytes, table, meta, variants, facets, store_table, languages, packs, loaded: HashMap::new() })
    }

    /// The index's bytes, as opened.
    pub fn bytes(&self) -> &[u8] {
        self.bytes.as_ref()
    }

    /// Whether postings and documents travel as packs.
    pub fn is_packed(&self) -> bool {
        self.packs.is_some()
    }

    /// Every pack of a packed index (none for a whole one).
    pub fn pack_ids(&self) -> Vec<PackId> {
        self.packs.as_ref().map(|t| t.ids().collect()).unwrap_or_default()
    }

    /// Adds one pack's file (its bytes and checksum, as `split` wrote it)
    /// after checking it against the pack table. Adding a pack twice is
    /// harmless.
    pub fn add_pack(&mut self, pack: PackId, bytes: Vec<u8>) -> Result<(), FormatError> {
        let table = self
            .packs
            .as_ref()
            .ok_or(FormatError::BadPack { pack, reason: "this index is whole and takes no packs" })?;
        let length = table.verify(pack, &bytes)?.len();
        let mut bytes = bytes;
        bytes.truncate(length);
        if pack.kind == PackKind::Facets {
            if self.facets.is_none() {
                self.facets = Some(FacetTable::read_pack(&bytes, self.meta.doc_count)?);
            }
            return Ok(());
        }
        if matches!(pack.kind, PackKind::Stems | PackKind::Words | PackKind::Ids) {
            // `fst` trusts its bytes; a crafted site could make it panic or loop.
            crate::index::dictionary::check_pack(pack.kind, &bytes)?;
        }
        if pack.kind == PackKind::Store {
            // The table counts a store pack's pieces, not its bytes: they are checked here.
            let (first, count) = table.store_pieces(pack).expect("verified above");
            crate::index::store::check_pack(&bytes, first, count, self.store_table.dictionary_len())?;
        }
        self.loaded.insert(pack, bytes);
        Ok(())
    }

    fn section_bytes(&self, kind: PackKind) -> SectionBytes<'_> {
        match &self.packs {
            Some(table) => SectionBytes::Packed { kind, table, loaded: &self.loaded },
            None => SectionBytes::Whole(self.section(match kind {
                PackKind::Postings => SectionId::Postings,
                PackKind::Store => SectionId::Store,
                PackKind::Stems | PackKind::Words | PackKind::Ids | PackKind::Facets => {
                    unreachable!("dictionaries and facets are read through their own accessors")
                }
            })),
        }
    }

    /// Fails with [`FormatError::PacksNotLoaded`], naming each pack once,
    /// unless the postings of every key in `keys` can be read.
    pub fn require_postings(&self, keys: impl IntoIterator<Item = TermKey>) -> Result<(), FormatError> {
        loaded_unless(self.missing_postings(keys))
    }

    /// The packs not yet added that hold the postings of `keys`, each once,
    /// in order.
    pub fn missing_postings(&self, keys: impl IntoIterator<Item = TermKey>) -> Vec<PackId> {
        let bytes = self.section_bytes(PackKind::Postings);
        let mut missing: Vec<PackId> = keys.into_iter().filter_map(|key| bytes.missing(key.offset())).collect();
        crate::sort_once::stable_by(&mut missing, &Ord::cmp);
        missing.dedup();
        missing
    }

    /// Fails with [`FormatError::PacksNotLoaded`], naming each pack once,
    /// unless every document in `docs` can be read.
    pub fn require_documents(&self, docs: &[u32]) -> Result<(), FormatError> {
        loaded_unless(self.store().missing(docs)?)
    }

    fn section(&self, id: SectionId) -> &[u8] {
        let range = self.table.range(id).expect("checked at open");
        &self.bytes.as_ref()[range]
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    pub fn doc_count(&self) -> u32 {
        self.meta.doc_count
    }

    /// The term dictionaries: stem → postings key, and every surface word,
    /// for prefixes and typos, with the analysers that read it (see
    /// [`Index::word_analyzers`]); a word's postings are its stem's
    /// (`stem(analyzer.term(word))`). In a packed index, lookups record the
    /// dictionary packs they lack.
    pub fn dictionaries(&self) -> Dictionaries<'_> {
        match &self.packs {
            Some(table) => Dictionaries::packed(table, &self.loaded, self.meta.doc_count),
            None => Dictionaries::whole(
                self.section(SectionId::Stems),
                self.section(SectionId::Words),
                self.section(SectionId::Ids),
                self.meta.doc_count,
            ),
        }
    }

    /// The analysers a value of [`Index::words`] names, in id order.
    pub fn word_analyzers(value: u64) -> impl Iterator<Item = Analyzer> {
        let mask = value ^ crate::index::builder::ENGLISH_WORD_BIT;
        Analyzer::ALL.into_iter().filter(move |a| mask & (1 << *a as u64) != 0)
    }

    /// The collection's languages, their field lengths and stop words.
    pub fn languages(&self) -> &Languages {
        &self.languages
    }

    /// Mean tokens per field of the documents in `doc`'s language (the
    /// collection's means when its language is unknown). O(1).
    pub fn avg_field_lengths(&self, doc: u32) -> &[f32; FIELD_COUNT] {
        match self.languages.group_of(doc) {
            Some(group) => &group.avg_field_length,
            None => &self.meta.avg_field_length,
        }
    }

    /// The document number of a document id; in a packed index, an error
    /// naming the ids pack while it is missing.
    pub fn doc_number(&self, id: &str) -> Result<Option<u32>, FormatError> {
        let dictionaries = self.dictionaries();
        let number = dictionaries.doc_number(id);
        dictionaries.require()?;
        Ok(number)
    }

    /// Iterates the postings of a term (its key from one of the fsts).
    pub fn postings(&self, key: TermKey) -> Result<PostingsIter<'_>, FormatError> {
        let (bytes, at) = self.section_bytes(PackKind::Postings).piece(key.offset())?;
        let iter = PostingsIter::new(bytes, at, self.meta.doc_count)?;
        if !key.agrees_with(iter.doc_count()) {
            return Err(FormatError::Corrupt {
                section: SectionId::Postings,
                reason: "a list's document count disagrees with its dictionary entry",
            });
        }
        Ok(iter)
    }

    /// The facet rows and values; in a packed index, an error naming the
    /// facets pack while it is missing.
    pub fn facets(&self) -> Result<&FacetTable, FormatError> {
        self.facets
            .as_ref()
            .ok_or_else(|| FormatError::PacksNotLoaded { packs: self.missing_facets().into_iter().collect() })
    }

    /// The facets pack, when the facets travel in one and it is not added yet.
    pub fn missing_facets(&self) -> Option<PackId> {
        match (&self.facets, &self.packs) {
            (None, Some(table)) if table.count(PackKind::Facets) > 0 => {
                Some(PackId { kind: PackKind::Facets, number: 0 })
            }
            _ => None,
        }
    }

    pub fn variants(&self) -> &VariantTable {
        &self.variants
    }

    /// Where each block of the store lies and which documents it holds.
    pub fn store_table(&self) -> &StoreTable {
        &self.store_table
    }

    pub fn store(&self) -> Store<'_> {
        Store::open(&self.store_table, self.section_bytes(PackKind::Store)).expect("checked at open")
    }

    /// Reads one stored document by number.
    pub fn document(&self, doc: u32) -> Result<Document, FormatError> {
        self.store().document(doc)
    }
}

//! Building an index: documents in, index bytes out.
//!
//! The builder analyses each field of each document as it is added — in the
//! document's language ([`crate::text::language`]), or the collection's when
//! the document names none — appending to one postings buffer per term, and
//! hands the document to the store writer (which keeps it only deflated) and
//! the facet table (which keeps one row), so no document is held whole.
//! `finish` sorts terms (the fst needs sorted keys, and sorting makes the
//! output byte-identical for the same collection) and lays out the sections.
//!
//! Memory: the deflated store, roughly one to two bytes per token of
//! postings, and the vocabulary; it grows with the collection, never with a
//! copy of its text.

use super::facets::FacetWriter;
use super::field_lengths::FieldLengths;
use super::store::StoreWriter;
use crate::document::Document;
use crate::index::format::{FileWriter, SectionId};
use crate::index::languages::{AnalyzerUse, LanguageGroup, Languages};
use crate::index::meta::Meta;
use crate::index::postings::{FieldPositions, TermKey, write_entry, write_list_header};
use crate::index::schema::{FIELD_COUNT, Field, PARAGRAPH_GAP};
use crate::text::analysis::tokenize_as;
use crate::text::language::{Analyzer, DEFAULT_LANGUAGE, normalize_tag, primary_subtag};
use crate::text::variants::Variants;
use std::collections::{BTreeMap, HashMap};

/// The bit of English in a word's analyser mask, flipped when stored (see
/// [`SectionId::Words`]).
pub const ENGLISH_WORD_BIT: u64 = 1 << Analyzer::English as u64;

/// Postings of one term while the index is being built.
#[derive(Default)]
struct TermPostings {
    doc_count: u32,
    last_doc: Option<u32>,
    bytes: Vec<u8>,
}

/// Accumulates documents; `finish` returns the index file.
pub struct IndexBuilder {
    name: String,
    /// Document ids, in document order.
    ids: Vec<String>,
    store: StoreWriter,
    facets: FacetWriter,
    terms: HashMap<String, TermPostings>,
    /// Surface word → a bit per analyser that read it.
    words: HashMap<String, u64>,
    /// Per analyser id: surface word → its term (stemming is the costly step).
    term_cache: Vec<HashMap<String, String>>,
    field_length_sums: [u64; FIELD_COUNT],
    /// Per primary language subtag: documents and field length sums.
    language_sums: BTreeMap<String, (u32, [u64; FIELD_COUNT])>,
    /// Per primary subtag, the number it was first seen as; per document,
    /// that number (renumbered in sorted order by `finish`).
    primary_numbers: HashMap<String, u32>,
    doc_primaries: Vec<u32>,
    /// Documents per analyser.
    analyzer_counts: BTreeMap<Analyzer, u32>,
    default_language: String,
    variants: Variants,
}

/// What was built, for the tool to report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildSummary {
    pub documents: usize,
    pub terms: usize,
    pub words: usize,
    pub bytes: usize,
}

impl IndexBuilder {
    pub fn new(name: &str) -> Self {
        IndexBuilder {
            name: name.to_string(),
            ids: Vec::new(),
            store: StoreWriter::default(),
            facets: FacetWriter::default(),
            terms: HashMap::new(),
            words: HashMap::new(),
            term_cache: vec![HashMap::new(); Analyzer::ALL.len()],
            field_length_sums: [0; FIELD_COUNT],
            language_sums: BTreeMap::new(),
            primary_numbers: HashMap::new(),
            doc_primaries: Vec::new(),
            analyzer_counts: BTreeMap::new(),
            default_language: DEFAULT_LANGUAGE.to_string(),
            variants: Variants::default(),
        }
    }

    /// The language of documents that name none (a BCP 47 tag; `en` unless
    /// set). An invalid tag leaves the default as it was and is returned as
    /// the error.
    pub fn set_default_language(&mut self, tag: &str) -> Result<(), String> {
        self.default_language = normalize_tag(tag).ok_or_else(|| tag.to_string())?;
        Ok(())
    }

    /// Name variants and abbreviations to compile into the index.
    pub fn set_variants(&mut self, variants: Variants) {
        self.variants = variants;
    }

    /// Analyses and adds one document, in its language (its tag made
    /// canonical; the collection's language when it has none or an invalid
    /// one). Linear in its length.
    pub fn add(&mut self, mut document: Document) {
        let doc = self.ids.len() as u32;
        let language = document.language.as_deref().and_then(normalize_tag).unwrap_or(self.default_language.clone());
        let analyzer = Analyzer::for_tag(&language);
        *self.analyzer_counts.entry(analyzer).or_default() += 1;
        let cache = &mut self.term_cache[analyzer as usize];
        let bit = 1u64 << analyzer as u64;
        let mut occurrences: HashMap<String, FieldPositions> = HashMap::new();
        let mut lengths = [0u32; FIELD_COUNT];
        let mut counts = [0u64; FIELD_COUNT];
        for field in Field::ALL {
            let mut position = 0u32;
            let mut count = 0usize;
            for text in field.texts(&document) {
                let tokens = tokenize_as(text, position, analyzer);
                for token in &tokens {
                    if !cache.contains_key(&token.word) {
                        cache.insert(token.word.clone(), analyzer.term(&token.word));
                        *self.words.entry(token.word.clone()).or_default() |= bit;
                    }
                    let term = &cache[&token.word];
                    // The term's text is copied once per document that has it, not once per occurrence.
                    let fields = match occurrences.get_mut(term) {
                        Some(fields) => fields,
                        None => occurrences.entry(term.clone()).or_default(),
                    };
                    fields[field.index()].push(token.position);
                    position = position.max(token.position + 1);
                }
                count += tokens.len();
                position += PARAGRAPH_GAP;
            }
            lengths[field.index()] = count.min(u32::MAX as usize) as u32;
            self.field_length_sums[field.index()] += count as u64;
            counts[field.index()] = count as u64;
        }
        let lengths = FieldLengths::encode(lengths);
        for (term, mut fields) in occurrences {
            for positions in &mut fields {
                positions.sort_unstable();
                positions.dedup();
            }
            let postings = self.terms.entry(term).or_default();
            let delta = doc - postings.last_doc.map_or(0, |last| last);
            write_entry(&mut postings.bytes, delta, &fields, &lengths, true);
            postings.last_doc = Some(doc);
            postings.doc_count += 1;
        }
        let primary = primary_subtag(&language);
        let next = self.primary_numbers.len() as u32;
        let number = *self.primary_numbers.entry(primary.clone()).or_insert(next);
        self.doc_primaries.push(number);
        let sums = self.language_sums.entry(primary).or_default();
        sums.0 += 1;
        for (sum, count) in sums.1.iter_mut().zip(counts) {
            *sum += count;
        }
        document.language = Some(language);
        self.store.add(&document);
        self.facets.add(&document);
        self.ids.push(document.id);
    }

    /// Lays out every section. Deterministic: the same documents in the same
    /// order give the same bytes.
    pub fn finish(self) -> (Vec<u8>, BuildSummary) {
        let doc_count = self.ids.len();
        let mut terms: Vec<(String, TermPostings)> = self.terms.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let term_count = terms.len();
        // Each term's buffer is dropped once copied, so the postings are
        // never held twice over.
        let mut postings = Vec::with_capacity(terms.iter().map(|(_, list)| list.bytes.len() + 10).sum());
        let mut stems = fst::MapBuilder::memory();
        for (term, list) in terms {
            let key = TermKey::new(postings.len() as u64, list.doc_count);
            write_list_header(&mut postings, list.doc_count, true);
            postings.extend_from_slice(&list.bytes);
            stems.insert(term, key.0).expect("terms are sorted and unique");
        }
        // Surface words and the analysers that read them: a word's stem is
        // found again by the stemmer, which keeps this dictionary at about
        // 40 % of its size with stems for values. English's bit is flipped so
        // that a collection read as English alone stores no values at all.
        let mut words: Vec<(&String, u64)> = self.words.iter().map(|(w, &mask)| (w, mask ^ ENGLISH_WORD_BIT)).collect();
        words.sort_unstable();
        let mut words_fst = fst::MapBuilder::memory();
        for (word, mask) in &words {
            words_fst.insert(word, *mask).expect("words are sorted and unique");
        }
        let mut ids: Vec<(&str, u64)> = self.ids.iter().enumerate().map(|(n, id)| (id.as_str(), n as u64)).collect();
        ids.sort_unstable();
        let mut ids_fst = fst::MapBuilder::memory();
        for (id, n) in &ids {
            // Corpus readers refuse duplicate ids; a second one here is skipped
            // by the fst builder's ordering check rather than corrupting it.
            let _ = ids_fst.insert(id, *n);
        }

        let mut avg_field_length = [0f32; FIELD_COUNT];
        for (avg, sum) in avg_field_length.iter_mut().zip(self.field_length_sums) {
            *avg = if doc_count == 0 { 0.0 } else { sum as f32 / doc_count as f32 };
        }
        let meta = Meta {
            name: self.name,
            doc_count: doc_count as u32,
            avg_field_length,
            built_by: concat!("carrel ", env!("CARGO_PKG_VERSION")).to_string(),
        };
        // First-seen number → position among the sorted groups.
        let mut group_of = vec![0u32; self.primary_numbers.len()];
        for (position, primary) in self.language_sums.keys().enumerate() {
            group_of[self.primary_numbers[primary] as usize] = position as u32;
        }
        let doc_groups = if self.language_sums.len() > 1 {
            self.doc_primaries.iter().map(|&n| group_of[n as usize]).collect()
        } else {
            Vec::new()
        };
        let languages = Languages {
            doc_groups,
            groups: self
                .language_sums
                .into_iter()
                .map(|(primary, (count, sums))| LanguageGroup {
                    primary,
                    doc_count: count,
                    avg_field_length: sums.map(|sum| sum as f32 / count as f32),
                })
                .collect(),
            analyzers: self
                .analyzer_counts
                .into_iter()
                .map(|(analyzer, doc_count)| AnalyzerUse { analyzer, doc_count, stop_words: analyzer.stop_words() })
                .collect(),
        };
        let (doc_facets, facet_values) = self.facets.finish();
        let (store_index, store) = self.store.finish();

        let summary = BuildSummary { documents: doc_count, terms: term_count, words: words.len(), bytes: 0 };
        let mut file = FileWriter::default();
        file.add(SectionId::Meta, meta.write());
        file.add(SectionId::Stems, stems.into_inner().expect("in-memory fst"));
        file.add(SectionId::Words, words_fst.into_inner().expect("in-memory fst"));
        file.add(SectionId::Ids, ids_fst.into_inner().expect("in-memory fst"));
        file.add(SectionId::Postings, postings);
        file.add(SectionId::DocFacets, doc_facets);
        file.add(SectionId::FacetValues, facet_values);
        file.add(SectionId::Variants, super::variant_section::write(&self.variants));
        file.add(SectionId::Languages, languages.write());
        file.add(SectionId::StoreIndex, store_index);
        file.add(SectionId::Store, store);
        let bytes = file.finish();
        let summary = BuildSummary { bytes: bytes.len(), ..summary };
        (bytes, summary)
    }
}

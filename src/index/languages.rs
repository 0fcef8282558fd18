//! The collection's languages: which languages its documents are written in,
//! how long their fields are on average, and which analysers read them, with
//! each analyser's stop words.
//!
//! ```text
//! languages  := group_count:varint group{group_count} analyzer_count:varint analyzer{analyzer_count}
//!               doc_groups
//! group      := primary:str doc_count:varint avg_field_length:f32le{FIELD_COUNT}
//! analyzer   := id:u8 doc_count:varint stop_count:varint str{stop_count}
//! doc_groups := count:varint (group:varint){count}
//! ```
//! Groups are primary language subtags (`de` for `de-1901` and `de-1996`),
//! sorted; analysers are sorted by id, their stop words sorted.
//!
//! `doc_groups` gives each document's group, in document order, which
//! scoring needs for every document it weighs; a collection of one language
//! leaves it empty (count 0). It is here rather than read from the language
//! facet because the facet table travels in a pack of its own, fetched only
//! when a query filters, sorts by date or counts, while every query scores.
//!
//! Per-language field lengths keep BM25 fair across languages: a Chinese
//! declaration is about twice as many bigrams as an English one has words,
//! and measured against the whole collection's average it would rank below
//! every Latin match; measured against its own language's, it does not. In a
//! collection of one language the averages are the collection's.
//!
//! Stop words travel in the index rather than in the wasm module, so a
//! collection carries the lists of its own languages only.

use crate::index::format::{Cursor, FormatError, SectionId, put_str, put_varint};
use crate::index::meta::{put_field_lengths, read_field_lengths};
use crate::index::schema::FIELD_COUNT;
use crate::text::language::Analyzer;

/// The documents of one primary language subtag.
#[derive(Clone, Debug, PartialEq)]
pub struct LanguageGroup {
    /// Primary subtag, lower case (`de`, `zh`, `cmn`).
    pub primary: String,
    pub doc_count: u32,
    /// Mean tokens per document of this language, per field.
    pub avg_field_length: [f32; FIELD_COUNT],
}

/// An analyser the collection's documents were read with.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalyzerUse {
    pub analyzer: Analyzer,
    pub doc_count: u32,
    /// Surface forms ([`Analyzer::prepare`]), sorted.
    pub stop_words: Vec<String>,
}

/// The section, decoded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Languages {
    pub groups: Vec<LanguageGroup>,
    pub analyzers: Vec<AnalyzerUse>,
    /// Per document, its group; empty when there are fewer than two groups.
    pub doc_groups: Vec<u32>,
}

impl Languages {
    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        put_varint(&mut out, self.groups.len() as u64);
        for group in &self.groups {
            put_str(&mut out, &group.primary);
            put_varint(&mut out, group.doc_count as u64);
            put_field_lengths(&mut out, &group.avg_field_length);
        }
        put_varint(&mut out, self.analyzers.len() as u64);
        for used in &self.analyzers {
            out.push(used.analyzer.id());
            put_varint(&mut out, used.doc_count as u64);
            put_varint(&mut out, used.stop_words.len() as u64);
            for word in &used.stop_words {
                put_str(&mut out, word);
            }
        }
        put_varint(&mut out, self.doc_groups.len() as u64);
        for &group in &self.doc_groups {
            put_varint(&mut out, group.into());
        }
        out
    }

    /// Decodes and checks the section: groups and analysers sorted and
    /// distinct, analyser ids known, averages finite and not negative, stop
    /// words sorted. Allocates the decoded lists.
    pub fn read(bytes: &[u8]) -> Result<Languages, FormatError> {
        let mut cursor = Cursor::new(bytes, SectionId::Languages);
        let group_count = cursor.length(cursor.remaining())?;
        let mut groups: Vec<LanguageGroup> = Vec::with_capacity(group_count.min(1024));
        for _ in 0..group_count {
            let primary = cursor.str()?.to_string();
            if groups.last().is_some_and(|g| g.primary >= primary) {
                return Err(cursor.corrupt("the languages are not sorted"));
            }
            let doc_count = cursor.varint_u32()?;
            let avg_field_length = read_field_lengths(&mut cursor)?;
            groups.push(LanguageGroup { primary, doc_count, avg_field_length });
        }
        let analyzer_count = cursor.length(cursor.remaining())?;
        let mut analyzers: Vec<AnalyzerUse> = Vec::with_capacity(analyzer_count.min(Analyzer::ALL.len()));
        for _ in 0..analyzer_count {
            let analyzer = Analyzer::from_id(cursor.u8()?).ok_or_else(|| cursor.corrupt("an analyser is unknown"))?;
            if analyzers.last().is_some_and(|a| a.analyzer >= analyzer) {
                return Err(cursor.corrupt("the analysers are not sorted"));
            }
            let doc_count = cursor.varint_u32()?;
            let stop_count = cursor.length(cursor.remaining())?;
            let mut stop_words: Vec<String> = Vec::with_capacity(stop_count);
            for _ in 0..stop_count {
                let word = cursor.str()?.to_string();
                if stop_words.last().is_some_and(|w| *w >= word) {
                    return Err(cursor.corrupt("stop words are not sorted"));
                }
                stop_words.push(word);
            }
            analyzers.push(AnalyzerUse { analyzer, doc_count, stop_words });
        }
        // Each document's group takes at least a byte.
        let count = cursor.length(cursor.remaining())?;
        let mut doc_groups = Vec::with_capacity(count);
        for _ in 0..count {
            let group = cursor.varint()?;
            if group >= groups.len() as u64 {
                return Err(cursor.corrupt("a document's language group does not exist"));
            }
            doc_groups.push(group as u32);
        }
        if !cursor.is_empty() {
            return Err(cursor.corrupt("bytes follow the documents' groups"));
        }
        Ok(Languages { groups, analyzers, doc_groups })
    }

    /// Checks the documents' groups against the document count: one per
    /// document when there are several groups, none otherwise.
    pub fn check_documents(&self, doc_count: u32) -> Result<(), FormatError> {
        let expected = if self.groups.len() > 1 { doc_count as usize } else { 0 };
        if self.doc_groups.len() != expected {
            return Err(FormatError::Corrupt {
                section: SectionId::Languages,
                reason: "the documents' language groups do not match the document count",
            });
        }
        Ok(())
    }

    /// The group of document `doc`: its own, or the one group of a
    /// collection of one language (`None` without any). O(1).
    pub fn group_of(&self, doc: u32) -> Option<&LanguageGroup> {
        match self.doc_groups.get(doc as usize) {
            Some(&group) => self.groups.get(group as usize),
            None if self.groups.len() == 1 => self.groups.first(),
            None => None,
        }
    }

    /// The group of a primary subtag. O(log groups).
    pub fn group(&self, primary: &str) -> Option<usize> {
        self.groups.binary_search_by(|g| g.primary.as_str().cmp(primary)).ok()
    }

    /// Whether `surface` is a stop word of `analyzer` (false for an analyser
    /// the collection does not use). O(log stop words).
    pub fn is_stop_word(&self, analyzer: Analyzer, surface: &str) -> bool {
        self.analyzers
            .iter()
            .find(|a| a.analyzer == analyzer)
            .is_some_and(|a| a.stop_words.binary_search_by(|w| w.as_str().cmp(surface)).is_ok())
    }

    /// The analysers the documents were read with, in id order.
    pub fn analyzers(&self) -> impl Iterator<Item = Analyzer> + '_ {
        self.analyzers.iter().map(|a| a.analyzer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Languages {
        Languages {
            groups: vec![
                LanguageGroup { primary: "de".into(), doc_count: 2, avg_field_length: [3.5; FIELD_COUNT] },
                LanguageGroup { primary: "zh".into(), doc_count: 7, avg_field_length: [900.0; FIELD_COUNT] },
            ],
            analyzers: vec![
                AnalyzerUse { analyzer: Analyzer::German, doc_count: 2, stop_words: vec!["der".into(), "die".into()] },
                AnalyzerUse { analyzer: Analyzer::Plain, doc_count: 7, stop_words: Vec::new() },
            ],
            doc_groups: vec![1, 0, 1],
        }
    }

    #[test]
    fn languages_round_trip() {
        let languages = sample();
        let read = Languages::read(&languages.write()).unwrap();
        assert_eq!(read, languages);
        assert_eq!(read.group("zh"), Some(1));
        assert_eq!(read.group("en"), None);
        assert!(read.is_stop_word(Analyzer::German, "die"));
        assert!(!read.is_stop_word(Analyzer::German, "recht"));
        assert!(!read.is_stop_word(Analyzer::English, "the"), "English is not used here");
        assert_eq!(read.analyzers().collect::<Vec<_>>(), [Analyzer::German, Analyzer::Plain]);
    }

    #[test]
    fn damage_is_refused() {
        let bytes = sample().write();
        for len in 0..bytes.len() {
            assert!(Languages::read(&bytes[..len]).is_err(), "{len}");
        }
        let mut unsorted = sample();
        unsorted.groups.swap(0, 1);
        assert!(Languages::read(&unsorted.write()).is_err());
        let mut unknown = sample().write();
        let at = unknown.len() - 7; // Plain's id, before its two counts and the documents' groups
        unknown[at] = 200;
        assert!(Languages::read(&unknown).is_err());
        let mut trailing = sample().write();
        trailing.push(0);
        assert!(Languages::read(&trailing).is_err());
        let mut no_such_group = sample();
        no_such_group.doc_groups[1] = 2;
        assert!(Languages::read(&no_such_group.write()).unwrap_err().to_string().contains("does not exist"));
    }

    #[test]
    fn documents_find_their_group() {
        let languages = sample();
        assert!(languages.check_documents(3).is_ok());
        assert!(languages.check_documents(4).is_err());
        assert_eq!(languages.group_of(0).map(|g| g.primary.as_str()), Some("zh"));
        assert_eq!(languages.group_of(1).map(|g| g.primary.as_str()), Some("de"));
        let mut one = sample();
        one.groups.truncate(1);
        one.doc_groups.clear();
        assert!(one.check_documents(3).is_ok(), "one language: no groups per document");
        assert_eq!(one.group_of(2).map(|g| g.primary.as_str()), Some("de"));
        assert!(Languages::default().group_of(0).is_none());
    }
}

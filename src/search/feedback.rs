//! Pseudo-relevance feedback: the words a question's best first results
//! share, added to the question to rank its matches again.
//!
//! A question typed in full ("what similarity laws must be obeyed when
//! constructing aeroelastic models of heated high speed aircraft") names its
//! subject in some words and leaves out others that the documents on it use.
//! The best few documents of the first ranking are mostly on the subject, so
//! the words they use often and the collection uses rarely are likely its
//! vocabulary too. This is the relevance model with the original query
//! interpolated ("RM3"): each word, the query's own included, is weighed by
//! its share of each feedback document's words times that document's share of
//! the first ranking's confidence, and by its idf; the best
//! [`EXPANSION_WORDS`] join the query with [`FEEDBACK_WEIGHT`] of its weight.
//!
//! Feedback applies only where a question is asked: a query of at least
//! [`MIN_QUERY_WORDS`] content words ranked in "any word" mode, or in the
//! default mode when no document holds every word (see [`super`]).
//! A query of one to three words is usually a name or a known document, which
//! the first results' other words would drift away from, and it keeps its
//! speed; a document matching every word of a long query stays where the
//! query put it.
//!
//! Cost: the store blocks of [`FEEDBACK_DOCUMENTS`] documents inflated (as a
//! page of hits does), the first [`WORDS_READ_PER_DOCUMENT`] words of each
//! tokenised, one dictionary lookup per distinct word and one postings header
//! per stem found in two of them; then the chosen words' postings are scored
//! like any query word's. Over DFAT (7,607 documents, `carrel bench --any`,
//! natively) it adds about 2.5 ms to a question of eight words: 1.5 ms reading,
//! 1 ms scoring.

use crate::index::Index;
use crate::index::format::FormatError;
use crate::index::languages::Languages;
use crate::index::postings::TermKey;
use crate::index::schema::Field;
use crate::text::analysis::tokenize_as;
use crate::text::language::Analyzer;
use std::collections::HashMap;

/// Queries with fewer content words than this are left as typed.
pub const MIN_QUERY_WORDS: usize = 4;
/// How many of the best first-ranked documents are read.
pub const FEEDBACK_DOCUMENTS: usize = 10;
/// Words read from each feedback document (title, then summary, then body):
/// bounds the cost of a long document; a Cranfield abstract has 156 words at
/// the median.
pub const WORDS_READ_PER_DOCUMENT: usize = 300;
/// A word must occur in at least this many feedback documents to be chosen,
/// so one document's idiosyncrasies do not steer the query.
pub const MIN_DOCUMENTS_WITH_WORD: u32 = 2;
/// How many words are added to the query.
pub const EXPANSION_WORDS: usize = 20;
/// The added words' total weight relative to the query's own (RM3's
/// interpolation: the query keeps 1 / (1 + 0.5), two thirds, of the whole).
pub const FEEDBACK_WEIGHT: f32 = 0.5;
/// A feedback document counts in proportion to its score to this power, so
/// the best few dominate (scale-free: only score ratios matter). Chosen over
/// 1–6 on Cranfield's odd-numbered queries; 3–6 score alike.
const DOCUMENT_SCORE_POWER: i32 = 6;

/// A word chosen to join the query: the postings of its stem and the factor to
/// multiply its BM25F score by.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExpansionWord {
    pub key: TermKey,
    pub weight: f32,
}

/// Chooses the words to add to a query from `top`, the best of its ranked
/// documents as [`documents_read`] picks them.
///
/// `scores` holds each document's first-ranking score (indexed by document
/// number); `query_words` is how many content words the query has, each of
/// which counts 1, so the added words together weigh
/// `FEEDBACK_WEIGHT * query_words`. A query word the feedback documents use
/// often is chosen too, which raises its weight over the query's vaguer words.
/// Returns no words when no document has a positive score.
pub fn expansion<D: AsRef<[u8]>>(
    index: &Index<D>,
    top: &[u32],
    scores: &[f32],
    query_words: usize,
) -> Result<Vec<ExpansionWord>, FormatError> {
    let confidence = |doc: u32| scores[doc as usize].powi(DOCUMENT_SCORE_POWER);
    let total: f32 = top.iter().map(|&d| confidence(d)).sum();
    if top.is_empty() || !total.is_normal() {
        return Ok(Vec::new());
    }
    // Per stem: Σ P(word | document) · P(document | query), and in how many
    // feedback documents it occurs. Only the stems of enough documents are
    // looked up, so a packed index fetches the dictionary packs of those.
    let mut model: HashMap<String, (f32, u32)> = HashMap::new();
    for (document, &doc) in index.store().documents(top)?.iter().zip(top) {
        let analyzer = Analyzer::for_language(document.language.as_deref());
        let (counts, length) = word_counts(document, analyzer, index.languages());
        if length == 0 {
            continue;
        }
        // A word reaches its stem's list through the stemmer, as when it was indexed.
        let mut stems: HashMap<String, u32> = HashMap::new();
        for (word, count) in counts {
            *stems.entry(analyzer.term(&word)).or_default() += count;
        }
        let share = confidence(doc) / total;
        for (stem, count) in stems {
            let entry = model.entry(stem).or_default();
            entry.0 += count as f32 / length as f32 * share;
            entry.1 += 1;
        }
    }
    let dictionaries = index.dictionaries();
    let n = index.doc_count() as f32;
    let mut chosen = Vec::new();
    for (stem, (probability, in_documents)) in model {
        if in_documents < MIN_DOCUMENTS_WITH_WORD {
            continue;
        }
        let Some(key) = dictionaries.stem(&stem) else { continue };
        // The key carries the document count: no postings list is read here.
        let df = key.doc_count() as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        chosen.push(ExpansionWord { key, weight: probability * idf });
    }
    dictionaries.require()?;
    super::sorting::stable_by(&mut chosen, &|a, b| b.weight.total_cmp(&a.weight).then(a.key.cmp(&b.key)));
    chosen.truncate(EXPANSION_WORDS);
    let sum: f32 = chosen.iter().map(|w| w.weight).sum();
    if !sum.is_normal() {
        return Ok(Vec::new());
    }
    for word in &mut chosen {
        word.weight *= FEEDBACK_WEIGHT * query_words as f32 / sum;
    }
    Ok(chosen)
}

/// The documents [`expansion`] reads: the best of `docs` by `scores`.
pub fn documents_read(docs: &[u32], scores: &[f32]) -> Vec<u32> {
    best(docs, scores, FEEDBACK_DOCUMENTS)
}

/// The `k` documents of `docs` with the highest positive scores, best first
/// (ties by document number). One sort of the candidates in the ranking
/// order (the sort every ranking uses: a selection routine would be one
/// more copy of sorting code in the browser module for a list that is
/// sorted in well under a millisecond), then the first `k`.
fn best(docs: &[u32], scores: &[f32], k: usize) -> Vec<u32> {
    let mut top: Vec<u32> = docs.iter().copied().filter(|&d| scores[d as usize] > 0.0).collect();
    super::sorting::by_score(&mut top, scores);
    top.truncate(k);
    top
}

/// Counts of the candidate words among the first [`WORDS_READ_PER_DOCUMENT`]
/// words of a document's title, summary and body, read in its language,
/// with the number of words read. Stop words, words under three letters and
/// words with digits are read but never candidates: they say nothing about
/// a subject.
fn word_counts(
    document: &crate::document::Document,
    analyzer: Analyzer,
    languages: &Languages,
) -> (HashMap<String, u32>, usize) {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut read = 0;
    for field in [Field::Title, Field::Summary, Field::Body] {
        for text in field.texts(document) {
            for token in tokenize_as(text, 0, analyzer) {
                if read == WORDS_READ_PER_DOCUMENT {
                    return (counts, read);
                }
                read += 1;
                let word = token.word;
                if word.chars().count() < 3
                    || !word.chars().all(char::is_alphabetic)
                    || languages.is_stop_word(analyzer, &word)
                {
                    continue;
                }
                *counts.entry(word).or_default() += 1;
            }
        }
    }
    (counts, read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::index::builder::IndexBuilder;

    fn document(id: &str, title: &str, body: &str) -> Document {
        Document { id: id.into(), title: title.into(), body: vec![body.into()], ..Document::default() }
    }

    fn index(documents: &[(&str, &str)]) -> Index<Vec<u8>> {
        let mut builder = IndexBuilder::new("feedback");
        for (i, (title, body)) in documents.iter().enumerate() {
            builder.add(document(&i.to_string(), title, body));
        }
        Index::open(builder.finish().0).unwrap()
    }

    fn stem_offset(index: &Index<Vec<u8>>, stem: &str) -> u64 {
        index.dictionaries().stem(stem).unwrap_or_else(|| panic!("{stem} is indexed")).0
    }

    #[test]
    fn words_the_best_documents_share_are_chosen() {
        let index = index(&[
            ("Slipstream", "The propeller slipstream over the wing and its nacelle."),
            ("Wing lift", "Lift of a wing behind a propeller nacelle, 1958."),
            ("Flutter", "Flutter of a wing at high speed."),
            ("Stock", "The exchange closed early."),
        ]);
        let scores = [3.0, 2.5, 0.2, 0.0];
        let words = expansion(&index, &documents_read(&[0, 1, 2], &scores), &scores, 4).unwrap();
        let offsets: Vec<u64> = words.iter().map(|w| w.key.0).collect();
        assert!(offsets.contains(&stem_offset(&index, "nacell")), "shared by the two best");
        assert!(offsets.contains(&stem_offset(&index, "propel")));
        assert!(!offsets.contains(&stem_offset(&index, "slipstream")), "in one feedback document only");
        assert!(!offsets.contains(&stem_offset(&index, "the")), "a stop word");
        assert!(!offsets.contains(&stem_offset(&index, "exchang")), "not in a feedback document");
        let total: f32 = words.iter().map(|w| w.weight).sum();
        assert!((total - FEEDBACK_WEIGHT * 4.0).abs() < 1e-4, "the added words weigh {total}");
    }

    #[test]
    fn nothing_is_learned_without_scored_documents() {
        let index = index(&[("Wing", "Wing nacelle."), ("Wing", "Wing nacelle.")]);
        assert!(expansion(&index, &documents_read(&[], &[0.0, 0.0]), &[0.0, 0.0], 4).unwrap().is_empty());
        assert!(expansion(&index, &documents_read(&[0, 1], &[0.0, 0.0]), &[0.0, 0.0], 4).unwrap().is_empty());
    }

    #[test]
    fn only_the_first_words_of_a_long_document_are_read() {
        let long = "wing ".repeat(WORDS_READ_PER_DOCUMENT) + "nacelle";
        let (counts, read) = word_counts(&document("a", "", &long), Analyzer::English, &Languages::default());
        assert_eq!(read, WORDS_READ_PER_DOCUMENT);
        assert_eq!(counts.get("wing"), Some(&(WORDS_READ_PER_DOCUMENT as u32)));
        assert!(!counts.contains_key("nacelle"));
    }

    #[test]
    fn the_best_documents_come_first_and_zero_scores_never() {
        let scores = [1.0, 5.0, 0.0, 5.0, 2.0];
        assert_eq!(best(&[0, 1, 2, 3, 4], &scores, 3), [1, 3, 4]);
        assert_eq!(best(&[0, 2], &scores, 3), [0]);
    }
}

//! Scoring: BM25F over the fields of [`crate::index::schema`], phrases checked
//! position by position, a bonus when the query's words stand close together,
//! and pseudo-relevance feedback for long questions ([`super::feedback`]).
//!
//! Cost: proportional to the postings of the query's terms; positions are
//! decoded only for phrases and for the proximity bonus of the best
//! [`PROXIMITY_CANDIDATES`] documents.

use super::feedback;
use super::options::SearchError;
use super::plan::{Clause, Matcher};
use crate::index::Index;
use crate::index::postings::{Posting, TermKey};
use crate::index::schema::{FIELD_COUNT, Field};

/// BM25 term-frequency saturation (2.0 measured best on Cranfield, over 0.9–2.0).
const K1: f32 = 2.0;
/// BM25 length normalisation.
const B: f32 = 0.75;
/// How many of the best documents get the proximity bonus computed.
pub const PROXIMITY_CANDIDATES: usize = 200;
/// Largest score multiplier from proximity, less one (0.3 measured best on
/// Cranfield among 0.3, 0.6 and 1.0).
const PROXIMITY_BONUS: f32 = 0.3;
/// Query words at most this many positions apart count as near.
const PROXIMITY_WINDOW: u32 = 5;
/// Score factor for a phrase that is a document's whole title.
const WHOLE_TITLE_BONUS: f32 = 2.0;

/// BM25F score of one posting.
pub(super) fn bm25f<D: AsRef<[u8]>>(
    index: &Index<D>,
    tf: &[u32; FIELD_COUNT],
    doc: u32,
    idf: f32,
    only: Option<Field>,
) -> f32 {
    // Each document is measured against its own language's lengths.
    let averages = index.avg_field_lengths(doc);
    let mut weighted = 0.0;
    for field in Field::ALL {
        let f = field.index();
        if tf[f] == 0 || only.is_some_and(|o| o != field) {
            continue;
        }
        let length = index.field_length(doc, field) as f32;
        let norm = 1.0 - B + B * length / averages[f].max(1.0);
        weighted += field.weight() * tf[f] as f32 / norm;
    }
    idf * weighted * (K1 + 1.0) / (K1 + weighted)
}

pub(super) fn idf(doc_count: u32, with_term: u32) -> f32 {
    let n = doc_count as f32;
    let df = with_term as f32;
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The documents matching a clause with their scores, sorted by document;
/// each document scores by the best alternative or expansion it matches.
pub(super) fn evaluate_clause<D: AsRef<[u8]>>(
    index: &Index<D>,
    clause: &Clause,
) -> Result<Vec<(u32, f32)>, SearchError> {
    // Dense per-document scores (one f32 per document) with the list of
    // documents touched: cheaper than hashing for every posting.
    let mut scores = DenseScores::new(index.doc_count());
    let mut best = DenseScores::new(index.doc_count());
    for matcher in &clause.matchers {
        best.clear();
        match matcher {
            Matcher::Word { expansions, field } => {
                for expansion in expansions {
                    let postings = index.postings(expansion.key)?;
                    let idf = idf(index.doc_count(), postings.doc_count());
                    for posting in postings {
                        let posting = posting?;
                        if field.is_some_and(|f| posting.mask & f.bit() == 0) {
                            continue;
                        }
                        best.keep_max(
                            posting.doc,
                            expansion.weight * bm25f(index, &posting.tf, posting.doc, idf, *field),
                        );
                    }
                }
            }
            Matcher::Document { doc } => {
                best.keep_max(*doc, idf(index.doc_count(), 1));
            }
            Matcher::Phrase { keys, field, weight } => {
                let matches = phrase_matches(index, keys, *field)?;
                let idf = idf(index.doc_count(), matches.len() as u32);
                for (doc, tf) in matches {
                    // A phrase that is a document's whole title names that
                    // document: known-item searches find it first.
                    let whole_title =
                        tf[Field::Title.index()] > 0 && index.field_length(doc, Field::Title) as usize == keys.len();
                    let bonus = if whole_title { WHOLE_TITLE_BONUS } else { 1.0 };
                    best.keep_max(doc, bonus * weight * bm25f(index, &tf, doc, idf, *field));
                }
            }
        }
        // A clause is "any of these": a document scores by its best way to
        // satisfy it, so a name matched in two spellings does not count twice.
        for &doc in &best.touched {
            scores.keep_max(doc, best.values[doc as usize]);
        }
    }
    let mut result: Vec<(u32, f32)> = scores.touched.iter().map(|&d| (d, scores.values[d as usize])).collect();
    result.sort_unstable_by_key(|(doc, _)| *doc);
    Ok(result)
}

/// Scores indexed by document, remembering which are set.
struct DenseScores {
    values: Vec<f32>,
    touched: Vec<u32>,
}

impl DenseScores {
    fn new(doc_count: u32) -> Self {
        DenseScores { values: vec![0.0; doc_count as usize], touched: Vec::new() }
    }

    /// Raises the score of `doc` to `score` if higher (scores are positive).
    fn keep_max(&mut self, doc: u32, score: f32) {
        let value = &mut self.values[doc as usize];
        if *value == 0.0 {
            self.touched.push(doc);
        }
        *value = value.max(score).max(f32::MIN_POSITIVE);
    }

    fn clear(&mut self) {
        for &doc in &self.touched {
            self.values[doc as usize] = 0.0;
        }
        self.touched.clear();
    }
}

/// Documents where the stems of `keys` stand at consecutive positions in
/// one field, with the phrase's frequency per field.
fn phrase_matches<D: AsRef<[u8]>>(
    index: &Index<D>,
    keys: &[TermKey],
    only: Option<Field>,
) -> Result<Vec<(u32, [u32; FIELD_COUNT])>, SearchError> {
    // Each distinct stem's list is read once, however often the phrase
    // repeats it (`"of the … of the"`): a phrase of 200 words costs its
    // distinct words, not 200 copies of the longest lists.
    let mut distinct: Vec<TermKey> = keys.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let word_list: Vec<usize> =
        keys.iter().map(|k| distinct.binary_search(k).expect("every key is among the distinct")).collect();
    let mut lists: Vec<Vec<Posting>> = Vec::with_capacity(distinct.len());
    let mut positional: Vec<bool> = Vec::with_capacity(distinct.len());
    for &key in &distinct {
        let iter = index.postings(key)?;
        positional.push(iter.has_positions());
        lists.push(iter.collect::<Result<Vec<_>, _>>()?);
    }
    // Intersect documents first, rarest list first, so positions are decoded
    // only where every word occurs. Stop words carry no positions: they must
    // be present, and the other words keep their places around them.
    let Some(rarest) = (0..lists.len()).min_by_key(|&i| lists[i].len()) else {
        return Ok(Vec::new());
    };
    // The first phrase word whose list has positions anchors the check.
    let anchor_member = word_list.iter().position(|&list| positional[list]);
    let mut result = Vec::new();
    'docs: for candidate in &lists[rarest] {
        let mut entries = Vec::with_capacity(lists.len());
        for list in &lists {
            match list.binary_search_by_key(&candidate.doc, |p| p.doc) {
                Ok(i) => entries.push(&list[i]),
                Err(_) => continue 'docs,
            }
        }
        let mut tf = [0u32; FIELD_COUNT];
        let Some(anchor) = anchor_member else {
            // Only stop words: presence in the field is all that can be checked.
            for field in Field::ALL.iter().filter(|f| only.is_none_or(|o| o == **f)) {
                tf[field.index()] = entries.iter().map(|p| p.tf[field.index()]).min().unwrap_or(0);
            }
            if tf.iter().any(|&n| n > 0) {
                result.push((candidate.doc, tf));
            }
            continue;
        };
        let positions: Vec<_> = entries.iter().map(|p| p.positions()).collect::<Result<_, _>>()?;
        for field in Field::ALL {
            if only.is_some_and(|o| o != field) {
                continue;
            }
            let f = field.index();
            if entries.iter().any(|p| p.tf[f] == 0) {
                continue;
            }
            tf[f] = positions[word_list[anchor]][f]
                .iter()
                .filter_map(|&p| p.checked_sub(anchor as u32))
                .filter(|&start| {
                    // A damaged index can hold positions near `u32::MAX`.
                    word_list.iter().enumerate().filter(|&(k, &list)| positional[list] && k != anchor).all(
                        |(k, &list)| {
                            start
                                .checked_add(k as u32)
                                .is_some_and(|want| positions[list][f].binary_search(&want).is_ok())
                        },
                    )
                })
                .count() as u32;
        }
        if tf.iter().any(|&n| n > 0) {
            result.push((candidate.doc, tf));
        }
    }
    Ok(result)
}

/// Multiplies the scores of the best candidates by up to `1 + PROXIMITY_BONUS`
/// when the clauses' words stand close together in the body.
pub(super) fn apply_proximity<D: AsRef<[u8]>>(
    index: &Index<D>,
    clauses: &[&Clause],
    docs: &mut [u32],
    scores: &mut [f32],
) -> Result<(), SearchError> {
    docs.sort_by(|a, b| scores[*b as usize].total_cmp(&scores[*a as usize]).then(a.cmp(b)));
    let top: Vec<u32> = docs.iter().take(PROXIMITY_CANDIDATES).copied().collect();
    // slot_of[doc]: where the document's positions are kept, if it is a candidate.
    let mut slot_of: Vec<u32> = vec![u32::MAX; index.doc_count() as usize];
    for (k, &doc) in top.iter().enumerate() {
        slot_of[doc as usize] = k as u32;
    }
    // positions[slot][clause]: body positions of any of the clause's words.
    let mut positions: Vec<Vec<Vec<u32>>> = vec![Vec::new(); top.len()];
    for (c, clause) in clauses.iter().enumerate() {
        for matcher in &clause.matchers {
            let keys: Vec<TermKey> = match matcher {
                Matcher::Word { expansions, .. } => expansions.iter().map(|e| e.key).collect(),
                Matcher::Phrase { keys, .. } => keys.iter().take(1).copied().collect(),
                Matcher::Document { .. } => Vec::new(),
            };
            for key in keys {
                for posting in index.postings(key)? {
                    let posting = posting?;
                    let slot = slot_of[posting.doc as usize];
                    if slot == u32::MAX || posting.tf[Field::Body.index()] == 0 {
                        continue;
                    }
                    let body = std::mem::take(&mut posting.positions()?[Field::Body.index()]);
                    let slots = &mut positions[slot as usize];
                    if slots.is_empty() {
                        slots.resize(clauses.len(), Vec::new());
                    }
                    slots[c].extend(body);
                }
            }
        }
    }
    for (doc, slots) in top.into_iter().zip(positions.iter_mut()) {
        if slots.iter().filter(|s| !s.is_empty()).count() < 2 {
            continue;
        }
        // Each pair of neighbouring query words that also stand near each
        // other in the text adds to the bonus, saturating with repetition.
        let mut present: Vec<&mut Vec<u32>> = slots.iter_mut().filter(|s| !s.is_empty()).collect();
        for slot in present.iter_mut() {
            slot.sort_unstable();
        }
        let pairs: f32 = present
            .windows(2)
            .map(|pair| {
                let near = near_pairs(pair[0], pair[1], PROXIMITY_WINDOW) as f32;
                near / (near + 1.0)
            })
            .sum();
        scores[doc as usize] *= 1.0 + PROXIMITY_BONUS * pairs / (present.len() as f32 - 1.0);
    }
    Ok(())
}

/// Adds the words [`feedback`] learns from the best of `docs` to a query of at
/// least [`feedback::MIN_QUERY_WORDS`] content words and scores `docs` again;
/// no document joins or leaves them.
pub(super) fn apply_feedback<D: AsRef<[u8]>>(
    index: &Index<D>,
    clauses: &[&Clause],
    docs: &[u32],
    scores: &mut [f32],
) -> Result<(), SearchError> {
    let words = clauses.iter().filter(|c| !c.optional).count();
    if words < feedback::MIN_QUERY_WORDS {
        return Ok(());
    }
    let mut candidate = vec![false; index.doc_count() as usize];
    for &doc in docs {
        candidate[doc as usize] = true;
    }
    // A packed index needs the documents read, then the added words' lists.
    let read = feedback::documents_read(docs, scores);
    index.require_documents(&read)?;
    let added = feedback::expansion(index, &read, scores, words)?;
    index.require_postings(added.iter().map(|w| w.key))?;
    for word in added {
        let postings = index.postings(word.key)?;
        let idf = idf(index.doc_count(), postings.doc_count());
        for posting in postings {
            let posting = posting?;
            if candidate[posting.doc as usize] {
                scores[posting.doc as usize] += word.weight * bm25f(index, &posting.tf, posting.doc, idf, None);
            }
        }
    }
    Ok(())
}

/// Occurrences of `a` with some `b` within `window` positions (either order).
pub(super) fn near_pairs(a: &[u32], b: &[u32], window: u32) -> usize {
    let mut count = 0;
    let mut j = 0;
    for &p in a {
        while j < b.len() && b[j] + window < p {
            j += 1;
        }
        if j < b.len() && b[j] <= p + window {
            count += 1;
        }
    }
    count
}

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
use super::sorting;
use crate::index::Index;
use crate::index::field_lengths::FieldLengths;
use crate::index::postings::{Posting, TermKey};
use crate::index::schema::{FIELD_COUNT, Field};

/// BM25 term-frequency saturation (2.0 measured best on Cranfield, over 0.9–2.0).
const K1: f32 = 2.0;
/// BM25 length normalisation.
const B: f32 = 0.75;
/// How many of the best documents get the proximity bonus computed.
pub const PROXIMITY_CANDIDATES: usize = 500;
/// Largest score multiplier from proximity, less one (0.3 measured best on
/// Cranfield among 0.3, 0.6 and 1.0).
const PROXIMITY_BONUS: f32 = 0.3;
/// Query words at most this many positions apart count as near.
const PROXIMITY_WINDOW: u32 = 5;
/// Score per pair of neighbouring query words found in order, side by side,
/// as a share of the rarer word's idf.
const ORDERED_PAIR_WEIGHT: f32 = 0.3;
/// Score for the longest run of query words found word for word, per unit of
/// its pairs' rarity, scaled by the share of the query it covers, squared.
const WHOLE_RUN_WEIGHT: f32 = 1.0;
/// How fast repeated ordered pairs saturate: `count / (count + this)`.
const ORDERED_PAIR_SATURATION: f32 = 0.5;
/// Score factor for a phrase that is a document's whole title.
const WHOLE_TITLE_BONUS: f32 = 2.0;

/// BM25F score of one posting (`lengths` as its entry carries them: those
/// of the fields where `tf` is not 0).
pub(super) fn bm25f<D: AsRef<[u8]>>(
    index: &Index<D>,
    tf: &[u32; FIELD_COUNT],
    lengths: &FieldLengths,
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
        let norm = match lengths.length(field) {
            Some(length) => 1.0 - B + B * length as f32 / averages[f].max(1.0),
            None => 1.0, // a catalogue field: its length does not weigh
        };
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
                            expansion.weight * bm25f(index, &posting.tf, &posting.lengths, posting.doc, idf, *field),
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
                for PhraseMatch { doc, tf, lengths } in matches {
                    // A phrase that is a document's whole title names that
                    // document: known-item searches find it first.
                    let whole_title =
                        tf[Field::Title.index()] > 0 && lengths.exact_length(Field::Title) == Some(keys.len() as u32);
                    let bonus = if whole_title { WHOLE_TITLE_BONUS } else { 1.0 };
                    best.keep_max(doc, bonus * weight * bm25f(index, &tf, &lengths, doc, idf, *field));
                }
            }
        }
        // A clause is "any of these": a document scores by its best way to
        // satisfy it, so a name matched in two spellings does not count twice.
        for &doc in &best.touched {
            scores.keep_max(doc, best.values[doc as usize]);
        }
    }
    // Each document is touched once: sorting the documents sorts the pairs.
    crate::sort_once::u32s(&mut scores.touched);
    Ok(scores.touched.iter().map(|&d| (d, scores.values[d as usize])).collect())
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

/// A document where a phrase stands, as a posting of the phrase.
struct PhraseMatch {
    doc: u32,
    /// The phrase's frequency per field.
    tf: [u32; FIELD_COUNT],
    /// The document's field lengths, for every field where `tf` is not 0
    /// (each of the phrase's words is there, and its entry carries them).
    lengths: FieldLengths,
}

/// Documents where the stems of `keys` stand at consecutive positions in
/// one field.
fn phrase_matches<D: AsRef<[u8]>>(
    index: &Index<D>,
    keys: &[TermKey],
    only: Option<Field>,
) -> Result<Vec<PhraseMatch>, SearchError> {
    // Each distinct stem's list is read once, however often the phrase
    // repeats it (`"of the … of the"`): a phrase of 200 words costs its
    // distinct words, not 200 copies of the longest lists.
    let mut distinct: Vec<u64> = keys.iter().map(|k| k.0).collect();
    crate::sort_once::u64s(&mut distinct);
    distinct.dedup();
    let distinct: Vec<TermKey> = distinct.into_iter().map(TermKey).collect();
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
    // only where every word occurs. A list stored without positions (the
    // format allows it, though the builder now writes them for every term)
    // can only be present: the other words keep their places around it.
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
            // No list with positions: presence in the field is all that can be checked.
            for field in Field::ALL.iter().filter(|f| only.is_none_or(|o| o == **f)) {
                tf[field.index()] = entries.iter().map(|p| p.tf[field.index()]).min().unwrap_or(0);
            }
            if tf.iter().any(|&n| n > 0) {
                result.push(PhraseMatch { doc: candidate.doc, tf, lengths: candidate.lengths });
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
            result.push(PhraseMatch { doc: candidate.doc, tf, lengths: candidate.lengths });
        }
    }
    Ok(result)
}

/// Where one clause's words stand in one candidate document, per field: the
/// positions where a match of the clause starts and where it ends (the same
/// for a single word; a multi-word variant form starts at its first word and
/// ends at its last).
#[derive(Clone, Default)]
struct ClausePositions {
    starts: [Vec<u32>; FIELD_COUNT],
    ends: [Vec<u32>; FIELD_COUNT],
}

/// Rewards the best candidates for the query's words standing together, in
/// two ways (a sequential-dependence model, after Metzler and Croft):
///
/// - **ordered pairs**: each pair of neighbouring query words — common words
///   included — that stands in the same order, next to each other, in some
///   field adds to the score; a remembered run of words finds its document.
/// - **near pairs**: neighbouring content words within [`PROXIMITY_WINDOW`]
///   positions of each other in the body, in either order, multiply the score
///   by up to `1 + PROXIMITY_BONUS`.
///
/// Reads the positions of the [`PROXIMITY_CANDIDATES`] best documents only.
pub(super) fn apply_proximity<D: AsRef<[u8]>>(
    index: &Index<D>,
    clauses: &[&Clause],
    docs: &mut [u32],
    scores: &mut [f32],
) -> Result<(), SearchError> {
    sorting::by_score(docs, scores);
    let top: Vec<u32> = docs.iter().take(PROXIMITY_CANDIDATES).copied().collect();
    // slot_of[doc]: where the document's positions are kept, if it is a candidate.
    let mut slot_of: Vec<u32> = vec![u32::MAX; index.doc_count() as usize];
    for (k, &doc) in top.iter().enumerate() {
        slot_of[doc as usize] = k as u32;
    }
    // positions[slot][clause]
    let mut positions: Vec<Vec<ClausePositions>> = vec![Vec::new(); top.len()];
    // How many documents hold each clause's word (the most of its expansions),
    // from the counts in its keys.
    let mut dfs = vec![0u32; clauses.len()];
    for (c, clause) in clauses.iter().enumerate() {
        for matcher in &clause.matchers {
            // Each list read, with whether its positions start and end a match of the clause.
            let lists: Vec<(TermKey, bool, bool)> = match matcher {
                Matcher::Word { expansions, .. } => expansions.iter().map(|e| (e.key, true, true)).collect(),
                Matcher::Phrase { keys, .. } => match (keys.first(), keys.last()) {
                    (Some(&first), Some(&last)) if first == last => vec![(first, true, true)],
                    (Some(&first), Some(&last)) => vec![(first, true, false), (last, false, true)],
                    _ => Vec::new(),
                },
                Matcher::Document { .. } => Vec::new(),
            };
            for (key, is_start, is_end) in lists {
                dfs[c] = dfs[c].max(key.doc_count());
                for posting in index.postings(key)? {
                    let posting = posting?;
                    let slot = slot_of[posting.doc as usize];
                    if slot == u32::MAX {
                        continue;
                    }
                    let found = posting.positions()?;
                    let slots = &mut positions[slot as usize];
                    if slots.is_empty() {
                        slots.resize(clauses.len(), ClausePositions::default());
                    }
                    for (f, list) in found.into_iter().enumerate() {
                        if is_start {
                            slots[c].starts[f].extend_from_slice(&list);
                        }
                        if is_end {
                            slots[c].ends[f].extend(list);
                        }
                    }
                }
            }
        }
    }
    for slots in positions.iter_mut() {
        for clause in slots.iter_mut() {
            for list in clause.starts.iter_mut().chain(clause.ends.iter_mut()) {
                crate::sort_once::u32s(list);
                list.dedup();
            }
        }
    }
    // pairs[slot][c]: how often clause c - 1's word is followed directly by clause c's.
    let pairs: Vec<Vec<usize>> = positions.iter().map(|slots| ordered_pair_counts(slots)).collect();
    let pair_idfs = pair_idfs(index.doc_count(), &dfs, &positions, &pairs);
    for ((doc, slots), counts) in top.into_iter().zip(&positions).zip(&pairs) {
        if slots.is_empty() {
            continue;
        }
        let ordered: f32 = counts
            .iter()
            .zip(&pair_idfs)
            .filter(|(count, _)| **count > 0)
            .map(|(&count, idf)| idf * count as f32 / (count as f32 + ORDERED_PAIR_SATURATION))
            .sum();
        let score = &mut scores[doc as usize];
        *score += ORDERED_PAIR_WEIGHT * ordered + WHOLE_RUN_WEIGHT * longest_run(slots, &pair_idfs);
        *score *= 1.0 + PROXIMITY_BONUS * near_content_pairs(slots, clauses);
    }
    Ok(())
}

/// For each pair of neighbouring query words (index `c` pairs `c - 1` with
/// `c`; index 0 is unused), how often the second follows the first directly,
/// in any field.
fn ordered_pair_counts(slots: &[ClausePositions]) -> Vec<usize> {
    let mut counts = vec![0; slots.len()];
    for c in 1..slots.len() {
        let (before, after) = (&slots[c - 1], &slots[c]);
        counts[c] = (0..FIELD_COUNT).map(|f| followed_directly(&before.ends[f], &after.starts[f])).sum();
    }
    counts
}

/// The weight of the longest run of three or more query words that stands in
/// the document word for word, in one field: the summed rarity of its pairs,
/// counted once more on top of the pairs themselves. A remembered run of
/// ordinary words then outranks documents holding the same pairs apart.
fn longest_run(slots: &[ClausePositions], pair_idfs: &[f32]) -> f32 {
    let mut best = 0.0f32;
    for f in 0..FIELD_COUNT {
        for first in 0..slots.len().saturating_sub(2) {
            for &start in &slots[first].starts[f] {
                let Some(mut end) = first_at_or_after(&slots[first].ends[f], start) else { continue };
                let mut weight = 0.0;
                let mut pairs = 0;
                for (c, slot) in slots.iter().enumerate().skip(first + 1) {
                    let Some(next) = end.checked_add(1) else { break };
                    if slot.starts[f].binary_search(&next).is_err() {
                        break;
                    }
                    let Some(next_end) = first_at_or_after(&slot.ends[f], next) else { break };
                    end = next_end;
                    weight += pair_idfs[c];
                    pairs += 1;
                }
                if pairs >= 2 {
                    // A run covering the whole query names the document; a
                    // stock phrase inside a long question does not.
                    let coverage = (pairs + 1) as f32 / slots.len() as f32;
                    best = best.max(weight * coverage * coverage);
                }
            }
        }
    }
    best
}

/// The first of the sorted `positions` at or after `at`. O(log n).
fn first_at_or_after(positions: &[u32], at: u32) -> Option<u32> {
    positions.get(positions.partition_point(|&p| p < at)).copied()
}

/// The rarity of each pair of neighbouring query words as a pair. The index
/// counts words, not pairs, so the pair's document count is estimated: the
/// rarer word's count, times the share of candidates holding both words that
/// hold them side by side. `"of the"` stays common; `"their populations"`,
/// made of common words, comes out rare.
fn pair_idfs(doc_count: u32, dfs: &[u32], positions: &[Vec<ClausePositions>], pairs: &[Vec<usize>]) -> Vec<f32> {
    let holds = |slot: &ClausePositions| slot.starts.iter().any(|list| !list.is_empty());
    (0..dfs.len())
        .map(|c| {
            if c == 0 {
                return 0.0;
            }
            let both = positions.iter().filter(|s| !s.is_empty() && holds(&s[c - 1]) && holds(&s[c])).count();
            let side_by_side = pairs.iter().filter(|counts| counts.get(c).is_some_and(|&n| n > 0)).count();
            if both == 0 {
                return 0.0;
            }
            let estimate = dfs[c - 1].min(dfs[c]) as f32 * side_by_side as f32 / both as f32;
            idf(doc_count, estimate.max(1.0).round() as u32)
        })
        .collect()
}

/// How many positions of `first` have a position of `then` right after them.
fn followed_directly(first: &[u32], then: &[u32]) -> usize {
    let mut count = 0;
    let mut j = 0;
    for &p in first {
        let Some(want) = p.checked_add(1) else { break };
        while j < then.len() && then[j] < want {
            j += 1;
        }
        if j < then.len() && then[j] == want {
            count += 1;
        }
    }
    count
}

/// The near-pair share: over neighbouring content words (stop words aside)
/// that the document holds in its body, how many also stand near each other,
/// each pair saturating with repetition; 0 to 1.
fn near_content_pairs(slots: &[ClausePositions], clauses: &[&Clause]) -> f32 {
    let body = Field::Body.index();
    let present: Vec<&Vec<u32>> = slots
        .iter()
        .zip(clauses)
        .filter(|(slot, clause)| !clause.optional && !slot.starts[body].is_empty())
        .map(|(slot, _)| &slot.starts[body])
        .collect();
    if present.len() < 2 {
        return 0.0;
    }
    let pairs: f32 = present
        .windows(2)
        .map(|pair| {
            let near = near_pairs(pair[0], pair[1], PROXIMITY_WINDOW) as f32;
            near / (near + 1.0)
        })
        .sum();
    pairs / (present.len() as f32 - 1.0)
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
                scores[posting.doc as usize] +=
                    word.weight * bm25f(index, &posting.tf, &posting.lengths, posting.doc, idf, None);
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

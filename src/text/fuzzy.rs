//! Typo tolerance: which dictionary terms are a small number of edits from a word?
//!
//! People searching an archive misspell the names in it ("Menzeis", "armistise",
//! "Panmunjon"). [`DamerauAutomaton`] walks the `fst` term dictionary and
//! visits only the branches that can still end within the allowed number of edits,
//! so finding every term within two edits of a word touches a small fraction of a
//! dictionary of 100,000 terms rather than all of it.
//!
//! The distance is the *optimal string alignment* form of Damerau–Levenshtein:
//! insertions, deletions, substitutions and transpositions of two adjacent symbols
//! each cost one edit, and no symbol is edited twice. Swapped letters are the most
//! common typing slip, and `fst`'s own Levenshtein automaton counts them as two
//! edits (and needs a feature we do not enable). Full Damerau–Levenshtein would
//! also allow editing inside a transposed pair; that needs more than two rows of
//! state and buys nothing for typos.
//!
//! The automaton works on the **bytes** of the key, because `fst` is byte based.
//! Keys are already case- and diacritic-folded, so nearly every term is ASCII and
//! a byte is a letter; for other text (Cyrillic, CJK) one edited character costs
//! two to four byte edits, so fuzzy matching there is effectively off. [`distance`]
//! counts characters and is the measure to rank with.

use fst::Automaton;
use std::cell::Cell;

/// The largest edit distance the automaton supports; larger requests are clamped.
/// Beyond two edits, most short terms match most other short terms.
pub const MAX_DISTANCE: u8 = 2;

/// Longest query, in bytes, that gets fuzzy matching. No dictionary term is this
/// long in practice, and the cap keeps the state a fixed, small size.
pub const MAX_QUERY_BYTES: usize = 64;

/// One DP row: a cell for the empty prefix of the query plus one per query byte.
const ROW_CELLS: usize = MAX_QUERY_BYTES + 1;

/// How many edits a word of `word_chars` characters may carry and still match.
///
/// Short words have too many neighbours: one edit turns "war" into "was", "car"
/// and "far", so words of three characters or fewer must match exactly. Four to
/// seven characters allow one edit ("korae" → "korea"); eight or more allow two
/// ("armistise" → "armistice" and one more slip: in long words two slips are
/// common and a false match is unlikely). Lucene's "AUTO" fuzziness is similar but allows one
/// edit from three characters; archive queries are often short names, so we are
/// a little stricter.
pub fn max_edits_for(word_chars: usize) -> u8 {
    match word_chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment distance between `a` and `b`, counted in characters.
///
/// Costs O(|a|·|b|) time and O(|b|) memory: call it on dictionary terms and query
/// words, not on whole documents.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa_distance(&a, &b)
}

/// Optimal-string-alignment distance over any symbols; three rolling rows.
fn osa_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    // `before` is row i-2, `prev` row i-1, `cur` row i; rows index into `b`.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            if i >= 2 && j >= 2 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// An `fst` automaton matching keys within an optimal-string-alignment distance of
/// a query (see the module docs for why that distance, and why bytes).
///
/// ```
/// use carrel::text::fuzzy::DamerauAutomaton;
/// use fst::{IntoStreamer, Set};
///
/// let terms = Set::from_iter(["armistice", "menzel", "menzies", "truce"]).unwrap();
/// let typo = DamerauAutomaton::new("menzeis", 1);
/// let found = terms.search(&typo).into_stream().into_strs().unwrap();
/// assert_eq!(found, ["menzies"]);
/// ```
#[derive(Clone, Debug)]
pub struct DamerauAutomaton {
    /// Query bytes; empty when `matches_nothing`.
    query: Vec<u8>,
    max_distance: u8,
    /// Match keys that start with something within the distance.
    prefix: bool,
    /// The query was too long to match fuzzily.
    matches_nothing: bool,
}

/// Where a [`DamerauAutomaton`] is after reading some bytes of a key: the last two
/// rows of the edit-distance table and the byte read last. A fixed 133 bytes, so
/// stepping never allocates.
#[derive(Clone, Debug)]
pub struct DamerauState {
    /// Row for the key without its last byte; only read for transpositions.
    before: [u8; ROW_CELLS],
    /// Row for the key read so far: `row[j]` is the distance (capped at
    /// `max_distance + 1`) between it and the first `j` query bytes.
    row: [u8; ROW_CELLS],
    last_byte: Option<u8>,
    /// Prefix mode: some prefix of the key read so far is within the distance.
    matched: bool,
}

impl DamerauAutomaton {
    /// Matches keys within `max_distance` byte edits of `query` (clamped to
    /// [`MAX_DISTANCE`]). A query longer than [`MAX_QUERY_BYTES`] matches nothing.
    /// Copies the query: O(|query|) once, then no allocation while searching.
    pub fn new(query: &str, max_distance: u8) -> Self {
        let matches_nothing = query.len() > MAX_QUERY_BYTES;
        DamerauAutomaton {
            query: if matches_nothing { Vec::new() } else { query.as_bytes().to_vec() },
            max_distance: max_distance.min(MAX_DISTANCE),
            prefix: false,
            matches_nothing,
        }
    }

    /// Matches keys that *start with* something within `max_distance` edits of
    /// `query`: for a half-typed word with a typo ("armist" finds "armistice",
    /// "arnmist" too). Once a key's prefix matches, the whole subtree under it
    /// matches, so keep the query long enough (see [`max_edits_for`]); an empty
    /// query matches every key.
    pub fn with_prefix(query: &str, max_distance: u8) -> Self {
        DamerauAutomaton { prefix: true, ..DamerauAutomaton::new(query, max_distance) }
    }

    /// The distance in force after clamping.
    pub fn max_distance(&self) -> u8 {
        self.max_distance
    }

    /// True when the query was too long and no key will match; callers can skip
    /// the search.
    pub fn matches_nothing(&self) -> bool {
        self.matches_nothing
    }

    /// Cells stored per row for this query.
    fn cells(&self) -> usize {
        self.query.len() + 1
    }

    /// Distances are capped here: anything larger cannot match, and capping keeps
    /// every cell tiny.
    fn cap(&self) -> u8 {
        self.max_distance + 1
    }

    fn end_cell(&self, state: &DamerauState) -> u8 {
        state.row[self.query.len()]
    }
}

impl Automaton for DamerauAutomaton {
    type State = DamerauState;

    fn start(&self) -> DamerauState {
        let cap = self.cap();
        let mut row = [cap; ROW_CELLS];
        for (j, cell) in row.iter_mut().enumerate().take(self.cells()) {
            *cell = u8::try_from(j).unwrap_or(u8::MAX).min(cap);
        }
        let mut state = DamerauState { before: [cap; ROW_CELLS], row, last_byte: None, matched: false };
        state.matched = self.prefix && !self.matches_nothing && self.end_cell(&state) <= self.max_distance;
        state
    }

    fn is_match(&self, state: &DamerauState) -> bool {
        if self.matches_nothing {
            false
        } else if self.prefix {
            state.matched
        } else {
            self.end_cell(state) <= self.max_distance
        }
    }

    /// Prunes when every cell of the row exceeds the distance. That is safe even
    /// with transpositions: a transposition reaches back to the row before, and
    /// if that row had a cell within `max_distance - 1`, substitution alone would
    /// have put a cell of this row within `max_distance`.
    fn can_match(&self, state: &DamerauState) -> bool {
        !self.matches_nothing && (state.matched || state.row[..self.cells()].iter().any(|&d| d <= self.max_distance))
    }

    fn will_always_match(&self, state: &DamerauState) -> bool {
        !self.matches_nothing && self.prefix && state.matched
    }

    /// O(|query|) per byte, no allocation.
    fn accept(&self, state: &DamerauState, byte: u8) -> DamerauState {
        let cap = self.cap();
        let mut next =
            DamerauState { before: state.row, row: [cap; ROW_CELLS], last_byte: Some(byte), matched: state.matched };
        if self.matches_nothing {
            return next;
        }
        next.row[0] = state.row[0].saturating_add(1).min(cap);
        for j in 1..self.cells() {
            let cost = u8::from(self.query[j - 1] != byte);
            let mut d = state.row[j - 1]
                .saturating_add(cost)
                .min(state.row[j].saturating_add(1))
                .min(next.row[j - 1].saturating_add(1));
            if j >= 2 && byte == self.query[j - 2] && state.last_byte == Some(self.query[j - 1]) {
                d = d.min(state.before[j - 2].saturating_add(1));
            }
            next.row[j] = d.min(cap);
        }
        if self.prefix && self.end_cell(&next) <= self.max_distance {
            next.matched = true;
        }
        next
    }
}

/// Wraps an automaton to count the transitions a dictionary search takes
/// (one per key byte) and to stop matching once `limit` are spent: bounds what
/// a crafted dictionary can make one lookup cost, and lets tests see how much
/// of a dictionary a search touches.
pub struct StepBudget<A> {
    inner: A,
    limit: usize,
    steps: Cell<usize>,
}

impl<A> StepBudget<A> {
    pub fn new(inner: A, limit: usize) -> Self {
        StepBudget { inner, limit, steps: Cell::new(0) }
    }

    /// Transitions taken so far.
    pub fn steps(&self) -> usize {
        self.steps.get()
    }
}

impl<A: Automaton> Automaton for StepBudget<A> {
    type State = A::State;

    fn start(&self) -> A::State {
        self.inner.start()
    }

    fn is_match(&self, state: &A::State) -> bool {
        self.inner.is_match(state)
    }

    fn can_match(&self, state: &A::State) -> bool {
        self.steps.get() < self.limit && self.inner.can_match(state)
    }

    fn will_always_match(&self, state: &A::State) -> bool {
        self.inner.will_always_match(state)
    }

    fn accept(&self, state: &A::State, byte: u8) -> A::State {
        self.steps.set(self.steps.get() + 1);
        self.inner.accept(state, byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set};

    /// A tiny deterministic PRNG (xorshift64*), so the tests need no `rand`.
    struct Xorshift(u64);

    impl Xorshift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        /// A word over a small alphabet, so that near neighbours are common.
        fn word(&mut self, alphabet: &[u8], min: usize, max: usize) -> String {
            let len = min + self.below(max - min + 1);
            (0..len).map(|_| char::from(alphabet[self.below(alphabet.len())])).collect()
        }
    }

    const ARCHIVE_WORDS: &[&str] = &[
        "acheson",
        "armistice",
        "armistise",
        "beijing",
        "cease",
        "ceasefire",
        "china",
        "chou",
        "enlai",
        "korea",
        "korean",
        "kaesong",
        "menzel",
        "menzies",
        "moscow",
        "panmunjom",
        "peiping",
        "peking",
        "stalin",
        "truce",
        "truman",
        "war",
        "was",
        "mao",
        "zedong",
        "zhou",
        "ottawa",
        "london",
        "telegram",
        "memorandum",
        "letter",
        "",
    ];

    fn dictionary(words: &[String]) -> Set<Vec<u8>> {
        let mut sorted: Vec<&str> = words.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        sorted.dedup();
        Set::from_iter(sorted).expect("sorted, deduplicated keys")
    }

    fn search(set: &Set<Vec<u8>>, automaton: &DamerauAutomaton) -> Vec<String> {
        set.search(automaton).into_stream().into_strs().expect("keys are UTF-8")
    }

    fn byte_distance(a: &str, b: &str) -> usize {
        osa_distance(a.as_bytes(), b.as_bytes())
    }

    fn test_words() -> Vec<String> {
        let mut rng = Xorshift(0x9e37_79b9_7f4a_7c15);
        let mut words: Vec<String> = ARCHIVE_WORDS.iter().map(|w| w.to_string()).collect();
        for _ in 0..300 {
            words.push(rng.word(b"abcde", 0, 7));
        }
        words
    }

    #[test]
    fn distance_counts_a_transposition_as_one_edit() {
        assert_eq!(distance("menzeis", "menzies"), 1);
        assert_eq!(distance("armistise", "armistice"), 1);
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("abc", "ca"), 3, "OSA never edits a transposed pair again");
        assert_eq!(distance("", "korea"), 5);
        assert_eq!(distance("korea", "korea"), 0);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("zhōu", "zhou"), 1, "characters, not bytes");
        assert_eq!(byte_distance("zhōu", "zhou"), 2);
    }

    #[test]
    fn automaton_finds_exactly_the_keys_within_the_distance() {
        let words = test_words();
        let set = dictionary(&words);
        let keys: Vec<String> = set.stream().into_strs().unwrap();
        let mut rng = Xorshift(42);
        let mut queries: Vec<String> = ARCHIVE_WORDS.iter().map(|w| w.to_string()).collect();
        queries.extend(["menzeis", "armistcie", "pekign", "ab", "edcba"].map(String::from));
        for _ in 0..60 {
            queries.push(rng.word(b"abcdef", 0, 8));
        }
        for query in &queries {
            for max in 0..=MAX_DISTANCE {
                let found = search(&set, &DamerauAutomaton::new(query, max));
                let expected: Vec<String> =
                    keys.iter().filter(|key| distance(query, key) <= usize::from(max)).cloned().collect();
                assert_eq!(found, expected, "query {query:?}, distance {max}");
            }
        }
    }

    #[test]
    fn prefix_automaton_finds_keys_starting_within_the_distance() {
        let words = test_words();
        let set = dictionary(&words);
        let keys: Vec<String> = set.stream().into_strs().unwrap();
        for query in ["armist", "arnmist", "menz", "mnez", "abc", "ba", "e", ""] {
            for max in 0..=MAX_DISTANCE {
                let found = search(&set, &DamerauAutomaton::with_prefix(query, max));
                let expected: Vec<String> = keys
                    .iter()
                    .filter(|key| {
                        (0..=key.len())
                            .any(|end| osa_distance(query.as_bytes(), &key.as_bytes()[..end]) <= usize::from(max))
                    })
                    .cloned()
                    .collect();
                assert_eq!(found, expected, "query {query:?}, distance {max}");
            }
        }
        let set = dictionary(&["armistice".into(), "armstrong".into(), "truce".into()]);
        assert_eq!(search(&set, &DamerauAutomaton::with_prefix("armitsi", 1)), ["armistice"]);
    }

    #[test]
    fn transpositions_count_as_one_edit() {
        let set = dictionary(&ARCHIVE_WORDS.iter().map(|w| w.to_string()).collect::<Vec<_>>());
        assert_eq!(search(&set, &DamerauAutomaton::new("menzeis", 1)), ["menzies"]);
        assert_eq!(search(&set, &DamerauAutomaton::new("armistcie", 1)), ["armistice"]);
        assert_eq!(search(&set, &DamerauAutomaton::new("pekign", 1)), ["peking"]);
        assert_eq!(
            search(&set, &DamerauAutomaton::new("armistise", 1)),
            ["armistice", "armistise"],
            "a substitution is one edit"
        );
    }

    #[test]
    fn distance_zero_finds_only_the_word_itself() {
        let set = dictionary(&ARCHIVE_WORDS.iter().map(|w| w.to_string()).collect::<Vec<_>>());
        for word in ARCHIVE_WORDS {
            assert_eq!(search(&set, &DamerauAutomaton::new(word, 0)), [*word]);
        }
        assert!(search(&set, &DamerauAutomaton::new("koera", 0)).is_empty());
    }

    #[test]
    fn non_ascii_keys_are_compared_byte_by_byte() {
        let words: Vec<String> = ["zhou", "zhōu", "zhoū", "北京", "北平", "東京", "москва"].map(String::from).to_vec();
        let set = dictionary(&words);
        let keys: Vec<String> = set.stream().into_strs().unwrap();
        for query in ["zhou", "zhōu", "北京", "москва", "mockba"] {
            for max in 0..=MAX_DISTANCE {
                let found = search(&set, &DamerauAutomaton::new(query, max));
                let expected: Vec<String> =
                    keys.iter().filter(|key| byte_distance(query, key) <= usize::from(max)).cloned().collect();
                assert_eq!(found, expected, "query {query:?}, distance {max}");
            }
        }
    }

    #[test]
    fn distance_is_clamped() {
        assert_eq!(DamerauAutomaton::new("korea", 200).max_distance(), MAX_DISTANCE);
    }

    #[test]
    fn an_overlong_query_matches_nothing_quickly() {
        let words = test_words();
        let set = dictionary(&words);
        let query = "a".repeat(10_000);
        let automaton = DamerauAutomaton::new(&query, 2);
        assert!(automaton.matches_nothing());
        assert!(search(&set, &automaton).is_empty());
        assert!(search(&set, &DamerauAutomaton::with_prefix(&query, 2)).is_empty());
        let longest = "a".repeat(MAX_QUERY_BYTES);
        let set = dictionary(&[longest.clone(), format!("{longest}b")]);
        assert_eq!(search(&set, &DamerauAutomaton::new(&longest, 1)).len(), 2);
    }

    /// Steps an unbounded search takes, and what it finds.
    fn steps_to_search<A: Automaton>(inner: A, set: &Set<Vec<u8>>) -> (usize, Vec<String>) {
        let counting = StepBudget::new(inner, usize::MAX);
        let found = set.search(&counting).into_stream().into_strs().unwrap();
        (counting.steps(), found)
    }

    #[test]
    fn search_prunes_a_large_dictionary() {
        let mut rng = Xorshift(7);
        let words: Vec<String> = (0..100_000).map(|_| rng.word(b"abcdefghijklmnopqrstuvwxyz", 3, 12)).collect();
        let set = dictionary(&words);
        let (every_transition, _) = steps_to_search(fst::automaton::AlwaysMatch, &set);
        // Every key prefix of `max` bytes or fewer is within `max` edits, so the
        // top levels of a dense dictionary are always walked; below them the
        // search must prune. Bounds: the share of all transitions a search may take.
        for (query, max, at_most_one_in) in
            [("armistice", 2, 10), ("menzies", 1, 100), ("korea", 1, 100), ("peking", 0, 1_000)]
        {
            let (steps, found) = steps_to_search(DamerauAutomaton::new(query, max), &set);
            assert!(found.iter().all(|key| distance(query, key) <= usize::from(max)));
            assert!(
                steps * at_most_one_in < every_transition,
                "{query:?} within {max}: {steps} of {every_transition} transitions"
            );
        }
    }

    #[test]
    fn edit_budget_scales_with_word_length() {
        assert_eq!(max_edits_for(0), 0);
        assert_eq!(max_edits_for(3), 0);
        assert_eq!(max_edits_for(4), 1);
        assert_eq!(max_edits_for(7), 1);
        assert_eq!(max_edits_for(8), 2);
        assert_eq!(max_edits_for(usize::MAX), 2);
    }
}

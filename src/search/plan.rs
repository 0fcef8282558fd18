//! Query planning: a parsed query becomes clauses of matchers, each word
//! expanded through its stem, the curated variants, a `prefix*` or typo
//! correction, each phrase through its variant forms. Reads only the
//! dictionaries (term keys carry document counts), never a postings list.
//!
//! A typo correction keeps the typed word's first character: `Menzeis` finds
//! `Menzies`, `Nenzies` finds nothing. That is what lets a packed index keep
//! its dictionaries in packs by key range and fetch, for a typo, the packs of
//! one opening only (see `index::dictionary`); a whole index corrects the
//! same way, so both answer alike.
//!
//! Every word is read in each of the query's languages (see
//! [`query_analyzers`]): its stems in all of them are alternatives of one
//! clause, so `Rechte` reaches German documents and `rights` English ones
//! in one collection.

use super::filter::{DateRange, LanguageClauses, date_range};
use super::options::{SearchError, Sort};
use super::sorting;
use crate::index::Index;
use crate::index::dictionary::{Dictionaries, Dictionary};
use crate::index::postings::TermKey;
use crate::index::schema::Field;
use crate::query::{Atom, Occur, Query};
use crate::text::analysis::{Token, fold, tokenize_as};
use crate::text::fuzzy::{DamerauAutomaton, StepBudget, distance, max_edits_for};
use crate::text::highlights::Highlights;
use crate::text::language::Analyzer;
use fst::automaton::Str;
use fst::{Automaton, IntoStreamer, Streamer};

/// Score factor for a match through a curated variant or abbreviation.
const VARIANT_WEIGHT: f32 = 0.9;
/// Score factor for a word reached through a `prefix*`.
const PREFIX_WEIGHT: f32 = 0.8;
/// Score factor for a form reached through a language's loose prefix
/// ([`Analyzer::loose_prefix`]): below an exact stem, above a typo.
const LOOSE_WEIGHT: f32 = 0.75;
/// Score factor for a typo correction, per edit.
const TYPO_WEIGHT_PER_EDIT: f32 = 0.35;
/// Most dictionary words one prefix or typo may expand to (the most frequent win).
const MAX_EXPANSIONS: usize = 64;
/// Most dictionary words a prefix reads to choose its expansions from, in
/// alphabetical order. The largest one-letter prefix over DFAT (`s*`, of
/// 40,337 words) reads 3,648; the cap keeps the cost of `a*` fixed however
/// large the dictionary.
pub const MAX_PREFIX_WORDS: usize = 20_000;
/// Most steps (one key byte each) a typo search may take through the
/// dictionary. Over DFAT a word of 4–7 letters takes about 2,000, one of 8 or
/// more about 11,000; the cap bounds what a crafted dictionary can make one
/// word cost.
const MAX_TYPO_STEPS: usize = 1_000_000;

/// A term the query reaches, with how much a match through it counts.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Expansion {
    pub(super) key: TermKey,
    pub(super) weight: f32,
}

/// One way for a clause to match.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Matcher {
    /// Any of the expansions of one word.
    Word { expansions: Vec<Expansion>, field: Option<Field> },
    /// Consecutive stems (each must exist), with a weight.
    Phrase { keys: Vec<TermKey>, field: Option<Field>, weight: f32 },
    /// Exactly the document with this number: `id:` naming a whole id.
    Document { doc: u32 },
}

impl Matcher {
    /// The postings lists this matcher reads.
    pub(super) fn keys(&self) -> Vec<TermKey> {
        match self {
            Matcher::Word { expansions, .. } => expansions.iter().map(|e| e.key).collect(),
            Matcher::Phrase { keys, .. } => keys.clone(),
            Matcher::Document { .. } => Vec::new(),
        }
    }
}

/// A compiled clause.
pub(super) struct Clause {
    pub(super) occur: Occur,
    pub(super) matchers: Vec<Matcher>,
    /// Stop words alone do not make a clause required.
    pub(super) optional: bool,
}

/// Everything the query compiled to.
pub(super) struct Plan {
    pub(super) clauses: Vec<Clause>,
    pub(super) highlights: Highlights,
    pub(super) dates: DateRange,
    pub(super) sort: Option<Sort>,
    /// Each typed word with its correction, for "did you mean".
    pub(super) corrections: Vec<(String, String)>,
    /// The query's `lang:` clauses.
    pub(super) languages: LanguageClauses,
    /// The analysers every word is read with.
    pub(super) analyzers: Vec<Analyzer>,
}

/// Query fields that name a language rather than text.
fn is_language_field(name: &str) -> bool {
    name == "lang" || name == "language"
}

/// The analysers to read a query with: those of the languages `asked` (the
/// page's choice), else of the languages the query's `lang:` clauses name,
/// else every analyser the collection's documents were read with. English
/// for a collection that records none.
pub(super) fn query_analyzers<D: AsRef<[u8]>>(
    index: &Index<D>,
    asked: &[String],
    clauses: &LanguageClauses,
) -> Vec<Analyzer> {
    let named: Vec<&str> =
        if asked.is_empty() { clauses.wanted().collect() } else { asked.iter().map(String::as_str).collect() };
    let mut analyzers: Vec<Analyzer> = if named.is_empty() {
        index.languages().analyzers().collect()
    } else {
        named.into_iter().filter(|t| *t != "*").map(Analyzer::for_tag).collect()
    };
    if analyzers.is_empty() {
        analyzers = index.languages().analyzers().collect();
    }
    if analyzers.is_empty() {
        analyzers.push(Analyzer::English);
    }
    sorting::stable_by(&mut analyzers, &Ord::cmp);
    analyzers.dedup();
    analyzers
}

/// Compiles a query read in the languages `asked` (see [`query_analyzers`]).
pub(super) fn compile<D: AsRef<[u8]>>(
    index: &Index<D>,
    query: &Query,
    asked: &[String],
    reads_postings: bool,
) -> Result<Plan, SearchError> {
    let mut languages = LanguageClauses::default();
    for clause in &query.clauses {
        let tags: Vec<String> = clause
            .alternatives
            .iter()
            .filter_map(|atom| match atom {
                Atom::Word { field: Some(name), text, .. } | Atom::Phrase { field: Some(name), text }
                    if is_language_field(name) =>
                {
                    Some(text.trim().to_string())
                }
                _ => None,
            })
            .collect();
        if !tags.is_empty() {
            languages.add(clause.occur, tags);
        }
    }
    let analyzers = query_analyzers(index, asked, &languages);
    let dictionaries = index.dictionaries().guessing_postings(reads_postings);
    let mut plan = Plan {
        clauses: Vec::new(),
        highlights: Highlights::default(),
        dates: DateRange::default(),
        sort: None,
        corrections: Vec::new(),
        languages,
        analyzers,
    };
    let clauses = join_variant_names(index, &query.clauses);
    for clause in &clauses {
        let mut matchers = Vec::new();
        let mut all_stop_words = true;
        for atom in &clause.alternatives {
            let field = atom.field().and_then(Field::from_query_name);
            match atom {
                Atom::Word { field: Some(name), .. } | Atom::Phrase { field: Some(name), .. }
                    if is_language_field(name) => {}
                Atom::Range { field: name, from, to } => {
                    let range = date_range(name, from.as_deref(), to.as_deref())?;
                    plan.dates.narrow(range);
                }
                Atom::Word { field: Some(name), text, .. } if name == "sort" => {
                    plan.sort = Some(match fold(text).as_str() {
                        "date" | "oldest" | "date-asc" => Sort::DateAsc,
                        "newest" | "date-desc" => Sort::DateDesc,
                        _ => Sort::Relevance,
                    });
                }
                Atom::Word { field: Some(name), text, .. } if name == "date" || name == "year" => {
                    plan.dates.narrow(date_range(name, Some(text), Some(text))?);
                }
                Atom::Word { field: Some(name), text, prefix: false } | Atom::Phrase { field: Some(name), text }
                    if name == "id" && dictionaries.doc_number(text.trim()).is_some() =>
                {
                    // A whole id names one document, whatever words other ids share.
                    all_stop_words = false;
                    let doc = dictionaries.doc_number(text.trim()).expect("checked by the guard");
                    matchers.push(Matcher::Document { doc });
                }
                Atom::Word { text, prefix, .. } => {
                    // One word as each language reads it: a single word in
                    // each (its surfaces), or parts that are a phrase.
                    let mut words: Vec<(Analyzer, String)> = Vec::new();
                    let mut stop_word = false;
                    for analyzer in plan.analyzers.clone() {
                        let parts = distinct_positions(&tokenize_as(text, 0, analyzer));
                        stop_word |= parts.iter().all(|w| index.languages().is_stop_word(analyzer, w));
                        if parts.len() > 1 {
                            // `795.00/7–2552`, `En-lai` or `l'homme`: the parts as a phrase.
                            add_phrase(index, &dictionaries, analyzer, &parts, field, &mut matchers, &mut plan)?;
                        } else if let Some(word) = parts.into_iter().next() {
                            words.push((analyzer, word));
                        }
                    }
                    all_stop_words &= stop_word;
                    if !words.is_empty() {
                        compile_word(index, &dictionaries, &words, *prefix, field, &mut matchers, &mut plan)?;
                    }
                }
                Atom::Phrase { text, .. } => {
                    all_stop_words = false;
                    for analyzer in plan.analyzers.clone() {
                        let parts = distinct_positions(&tokenize_as(text, 0, analyzer));
                        add_phrase(index, &dictionaries, analyzer, &parts, field, &mut matchers, &mut plan)?;
                    }
                }
            }
        }
        let is_filter_only = clause.alternatives.iter().all(|a| {
            matches!(a, Atom::Range { .. })
                || matches!(a, Atom::Word { field: Some(f), .. } if f == "sort" || f == "date" || f == "year")
                || matches!(a, Atom::Word { field: Some(f), .. } | Atom::Phrase { field: Some(f), .. }
                    if is_language_field(f))
        });
        if is_filter_only {
            continue;
        }
        plan.clauses.push(Clause { occur: clause.occur, matchers, optional: all_stop_words });
    }
    // A packed index answers once the dictionary packs its words need are in.
    dictionaries.require()?;
    Ok(plan)
}

/// Folded words at distinct positions (a joined hyphen form is dropped in
/// favour of its parts).
fn distinct_positions(tokens: &[Token]) -> Vec<String> {
    let mut seen = Vec::new();
    let mut words = Vec::new();
    for token in tokens {
        if !seen.contains(&token.position) {
            seen.push(token.position);
            words.push(token.word.clone());
        }
    }
    words
}

/// Merges runs of plain words that together spell a multi-word variant form
/// (`Zhou Enlai`, `prisoners of war`) into one clause matching any form of it.
fn join_variant_names<D: AsRef<[u8]>>(index: &Index<D>, clauses: &[crate::query::Clause]) -> Vec<crate::query::Clause> {
    let table = index.variants();
    let plain_word = |c: &crate::query::Clause| match c.alternatives.as_slice() {
        [Atom::Word { field: None, text, prefix: false }] if c.occur == Occur::Must => Some(text.clone()),
        _ => None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < clauses.len() {
        let mut joined = false;
        for len in (2..=table.longest_form.min(clauses.len() - i)).rev() {
            let words: Option<Vec<String>> = clauses[i..i + len].iter().map(plain_word).collect();
            let Some(words) = words else { continue };
            let text = words.join(" ");
            let stems = crate::text::variants::form_stems(&text);
            if !table.alternatives(&stems).is_empty() {
                out.push(crate::query::Clause {
                    occur: Occur::Must,
                    alternatives: vec![Atom::Phrase { field: None, text }],
                });
                i += len;
                joined = true;
                break;
            }
        }
        if !joined {
            out.push(clauses[i].clone());
            i += 1;
        }
    }
    out
}

/// Adds a phrase matcher (and its variant forms, at [`VARIANT_WEIGHT`]) for
/// the surface `words` of `analyzer`'s language, and marks them for
/// highlighting. With several query languages, a matcher another language
/// already added is not added twice.
fn add_phrase<D: AsRef<[u8]>>(
    index: &Index<D>,
    dictionaries: &Dictionaries<'_>,
    analyzer: Analyzer,
    words: &[String],
    field: Option<Field>,
    matchers: &mut Vec<Matcher>,
    plan: &mut Plan,
) -> Result<(), SearchError> {
    if words.is_empty() {
        return Ok(());
    }
    let many = plan.analyzers.len() > 1;
    let weight = 1.0;
    let stems: Vec<String> = words.iter().map(|w| analyzer.term(w)).collect();
    let mut forms = vec![(stems.clone(), weight)];
    forms.extend(index.variants().alternatives(&stems).into_iter().map(|f| (f, weight * VARIANT_WEIGHT)));
    for (form, weight) in forms {
        // Every stem is looked up (no short cut), so one pass names every pack a phrase needs.
        // Read in one language only, its words ask for their lists' packs ahead (see `compile_word`).
        let keys: Vec<Option<TermKey>> =
            form.iter().map(|s| if many { dictionaries.stem(s) } else { dictionaries.stem_and_postings(s) }).collect();
        let keys: Option<Vec<TermKey>> = keys.into_iter().collect();
        if let Some(keys) = keys {
            plan.highlights.add_phrase(form.clone());
            let matcher = if keys.len() == 1 {
                Matcher::Word { expansions: vec![Expansion { key: keys[0], weight }], field }
            } else {
                Matcher::Phrase { keys, field, weight }
            };
            if !many || !matchers.contains(&matcher) {
                matchers.push(matcher);
            }
        }
    }
    Ok(())
}

/// Compiles one word, given as each query language reads it: its stems,
/// variants, prefix, loose-prefix or typo expansions.
fn compile_word<D: AsRef<[u8]>>(
    index: &Index<D>,
    dictionaries: &Dictionaries<'_>,
    words: &[(Analyzer, String)],
    prefix: bool,
    field: Option<Field>,
    matchers: &mut Vec<Matcher>,
    plan: &mut Plan,
) -> Result<(), SearchError> {
    let mut terms: Vec<String> = Vec::with_capacity(words.len());
    for (analyzer, word) in words {
        let term = analyzer.term(word);
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    let lacked_before = dictionaries.lookups_lacking();
    // A word every language reads alike asks for its list's pack ahead (one
    // pack at most, wasted only when the word is not indexed); one read
    // differently asks for none, rather than a guess per language, and so
    // does a `prefix*`, which is seldom a word of its own.
    let lookup = |stem: &str| match (terms.len(), prefix) {
        (1, false) => dictionaries.stem_and_postings(stem),
        _ => dictionaries.stem(stem),
    };
    let mut expansions = Vec::new();
    for term in &terms {
        if let Some(key) = lookup(term) {
            expansions.push(Expansion { key, weight: 1.0 });
            plan.highlights.stems.insert(term.clone());
        }
    }
    // Variants: single-word forms join this matcher, longer ones are phrases.
    for term in &terms {
        for form in index.variants().alternatives(std::slice::from_ref(term)) {
            if form.len() == 1 {
                if let Some(key) = lookup(&form[0]) {
                    expansions.push(Expansion { key, weight: VARIANT_WEIGHT });
                    plan.highlights.stems.insert(form[0].clone());
                }
            } else if let Some(keys) =
                form.iter().map(|s| lookup(s)).collect::<Vec<_>>().into_iter().collect::<Option<Vec<_>>>()
            {
                plan.highlights.add_phrase(form.clone());
                matchers.push(Matcher::Phrase { keys, field, weight: VARIANT_WEIGHT });
            }
        }
    }
    // While a lookup above waits for its pack, whether the word needs
    // correcting is not known yet: its typo packs are asked for next round.
    let word_is_known = dictionaries.lookups_lacking() == lacked_before;
    let mut surfaces: Vec<&str> = Vec::with_capacity(words.len());
    for (_, word) in words {
        if !surfaces.contains(&word.as_str()) {
            surfaces.push(word);
        }
    }
    if prefix {
        let mut found = Vec::new();
        for surface in &surfaces {
            let limit = MAX_PREFIX_WORDS.saturating_sub(found.len());
            found.extend(prefix_words::<D>(dictionaries, surface, &plan.analyzers, limit));
        }
        for (_, surface_term, key) in most_frequent(found) {
            let weight = if terms.contains(&surface_term) { 1.0 } else { PREFIX_WEIGHT };
            expansions.push(Expansion { key, weight });
            plan.highlights.stems.insert(surface_term);
        }
    } else {
        // Forms a language's stemmer leaves apart (Finnish `oikeus`,
        // `oikeuden`) meet through their shared opening, in that language only.
        for (analyzer, word) in words {
            let Some(opening) = analyzer.loose_prefix(word) else { continue };
            let found = prefix_words::<D>(dictionaries, &opening, std::slice::from_ref(analyzer), MAX_PREFIX_WORDS);
            for (_, surface_term, key) in most_frequent(found) {
                let weight = if terms.contains(&surface_term) { 1.0 } else { LOOSE_WEIGHT };
                expansions.push(Expansion { key, weight });
                plan.highlights.stems.insert(surface_term);
            }
        }
        if expansions.is_empty() && matchers.is_empty() && word_is_known {
            for surface in &surfaces {
                let corrections = typo_expansions::<D>(dictionaries, surface, &plan.analyzers);
                if let Some((best, _, _, _)) = corrections.first() {
                    plan.corrections.push((surface.to_string(), best.clone()));
                }
                for (_, surface_term, key, edits) in corrections {
                    expansions.push(Expansion { key, weight: 1.0 - TYPO_WEIGHT_PER_EDIT * edits as f32 });
                    plan.highlights.stems.insert(surface_term);
                }
                if !expansions.is_empty() {
                    break;
                }
            }
        }
    }
    dedup_expansions(&mut expansions);
    if !expansions.is_empty() {
        matchers.push(Matcher::Word { expansions, field });
    }
    Ok(())
}

/// Dictionary words starting with `opening`, read by any of `analyzers`, as
/// (surface, term, key) for each analyser whose term is indexed: at most
/// `limit` of them, in alphabetical order. Each word reaches its stem's list
/// through the stemmer, as when it was indexed.
fn prefix_words<D: AsRef<[u8]>>(
    dictionaries: &Dictionaries<'_>,
    opening: &str,
    analyzers: &[Analyzer],
    limit: usize,
) -> Vec<(String, String, TermKey)> {
    let mut upper = opening.as_bytes().to_vec();
    upper.push(0xff);
    let mut found: Vec<(String, String, TermKey)> = Vec::new();
    for words in dictionaries.words_and_their_stems(opening.as_bytes(), Some(&upper)) {
        let mut stream = words.range().ge(opening).lt(&upper).into_stream();
        while found.len() < limit
            && let Some((bytes, value)) = stream.next()
        {
            let surface = String::from_utf8_lossy(bytes).into_owned();
            for analyzer in Index::<D>::word_analyzers(value).filter(|a| analyzers.contains(a)) {
                let term = analyzer.term(&surface);
                if let Some(key) = dictionaries.stem(&term) {
                    found.push((surface.clone(), term, key));
                }
            }
        }
    }
    found
}

/// Keeps the best weight per postings list.
fn dedup_expansions(expansions: &mut Vec<Expansion>) {
    sorting::stable_by(expansions, &|a, b| a.key.cmp(&b.key).then(b.weight.total_cmp(&a.weight)));
    expansions.dedup_by_key(|e| e.key);
}

/// The [`MAX_EXPANSIONS`] words (surface, stem, key) with the most documents
/// (counted in their keys: no postings are read).
fn most_frequent(mut found: Vec<(String, String, TermKey)>) -> Vec<(String, String, TermKey)> {
    if found.len() > MAX_EXPANSIONS {
        sorting::stable_by(&mut found, &|a, b| b.2.doc_count().cmp(&a.2.doc_count()).then(a.0.cmp(&b.0)));
        found.truncate(MAX_EXPANSIONS);
    }
    found
}

/// Dictionary words within the typo budget of `word` that share its first
/// character, read by one of `analyzers`, as (surface, term, key, edits),
/// best first (fewest edits, then most documents).
fn typo_expansions<D: AsRef<[u8]>>(
    dictionaries: &Dictionaries<'_>,
    word: &str,
    analyzers: &[Analyzer],
) -> Vec<(String, String, TermKey, usize)> {
    let edits = max_edits_for(word.chars().count());
    let Some(first) = word.chars().next() else { return Vec::new() };
    if edits == 0 {
        return Vec::new();
    }
    let opening = first.to_string();
    let mut upper = opening.as_bytes().to_vec();
    upper.push(0xff);
    // One step budget over every piece, as over one whole dictionary.
    let automaton = StepBudget::new(DamerauAutomaton::new(word, edits), MAX_TYPO_STEPS);
    let mut found = Vec::new();
    // Corrections whose stems packs are on their way.
    let mut waiting: Vec<String> = Vec::new();
    'pieces: for words in dictionaries.pieces(Dictionary::Words, opening.as_bytes(), Some(&upper)) {
        let same_opening = Str::new(&opening).starts_with().intersection(&automaton);
        let mut stream = words.search(same_opening).into_stream();
        while let Some((bytes, value)) = stream.next() {
            let surface = String::from_utf8_lossy(bytes).into_owned();
            for analyzer in Index::<D>::word_analyzers(value).filter(|a| analyzers.contains(a)) {
                let term = analyzer.term(&surface);
                let lacking = dictionaries.lookups_lacking();
                let Some(key) = dictionaries.stem(&term) else {
                    if dictionaries.lookups_lacking() > lacking && !waiting.contains(&term) {
                        waiting.push(term);
                    }
                    continue;
                };
                let edits = distance(word, &surface);
                found.push((edits, surface.clone(), term, key));
                if found.len() > 10 * MAX_EXPANSIONS {
                    break 'pieces;
                }
            }
        }
    }
    // When every correction will be kept, every one's list will be read:
    // their postings packs come with their stems packs, a round sooner.
    if found.len() + waiting.len() <= MAX_EXPANSIONS {
        for term in &waiting {
            dictionaries.guess_postings(term);
        }
    }
    let mut ranked: Vec<_> = found
        .into_iter()
        .map(|(edits, surface, term, key)| (edits, std::cmp::Reverse(key.doc_count()), surface, term, key))
        .collect();
    sorting::stable_by(&mut ranked, &Ord::cmp);
    ranked.into_iter().take(MAX_EXPANSIONS).map(|(e, _, s, t, k)| (s, t, k, e)).collect()
}

/// The query with each unknown word replaced by its best correction.
pub(super) fn suggestion(query: &str, corrections: &[(String, String)]) -> Option<String> {
    if corrections.is_empty() {
        return None;
    }
    let mut words = Vec::new();
    for piece in query.split_whitespace() {
        let folded = fold(piece.trim_matches(|c: char| !c.is_alphanumeric()));
        match corrections.iter().find(|(typed, _)| fold(typed) == folded) {
            Some((_, better)) => words.push(better.clone()),
            None => words.push(piece.to_string()),
        }
    }
    Some(words.join(" "))
}

//! Answering a query: which documents match, in what order, with what facets.
//!
//! A query is compiled into clauses of *matchers* (a word with its expansions
//! through variants, prefixes and typos, or a phrase), each clause is
//! evaluated against the postings into `(document, score)` pairs, and the
//! clauses are combined: all required ones must hold (falling back to the best
//! partial matches when nothing holds them all), excluded ones must not, and
//! filters narrow the rest. Ranking is BM25F over the fields of
//! [`crate::schema`] with a bonus when the query's words stand close together;
//! a long query ranked by any of its words (the "any word" mode, or the
//! fallback to partial matches) is then ranked again with the words its best
//! results share ([`crate::feedback`]).
//!
//! Cost: proportional to the postings of the query's terms (positions are
//! decoded only for phrases and for the proximity bonus of the best
//! [`PROXIMITY_CANDIDATES`] documents), plus one pass over the matching
//! documents' facet rows, plus one store block inflated per hit shown.

use crate::analysis::{fold, is_stop_word, stem, tokenize};
use crate::document::PartialDate;
use crate::facets::Facet;
use crate::feedback;
use crate::format::FormatError;
use crate::fuzzy::{DamerauAutomaton, StepBudget, distance, max_edits_for};
use crate::highlight::Highlights;
use crate::index::Index;
use crate::postings::{Posting, TermKey};
use crate::query::{Atom, Occur, Query, QueryError, parse};
use crate::schema::{FIELD_COUNT, Field};
use crate::snippet::snippet;
use fst::{IntoStreamer, Streamer};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// BM25 term-frequency saturation (2.0 measured best on Cranfield, over 0.9–2.0).
const K1: f32 = 2.0;
/// BM25 length normalisation.
const B: f32 = 0.75;
/// Score factor for a match through a curated variant or abbreviation.
const VARIANT_WEIGHT: f32 = 0.9;
/// Score factor for a word reached through a `prefix*`.
const PREFIX_WEIGHT: f32 = 0.8;
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
/// How many of the best documents get the proximity bonus computed.
pub const PROXIMITY_CANDIDATES: usize = 200;
/// Largest score multiplier from proximity, less one (0.3 measured best on
/// Cranfield among 0.3, 0.6 and 1.0).
const PROXIMITY_BONUS: f32 = 0.3;
/// Query words at most this many positions apart count as near.
const PROXIMITY_WINDOW: u32 = 5;
/// Score factor for a phrase that is a document's whole title.
const WHOLE_TITLE_BONUS: f32 = 2.0;
/// Most values listed per facet (the most frequent), so a query matching
/// thousands of senders does not return them all; years are all listed.
pub const FACET_VALUES_SHOWN: usize = 50;
/// Default number of hits returned.
pub const DEFAULT_LIMIT: usize = 20;
/// Most hits one call may return.
pub const MAX_LIMIT: usize = 1_000;

/// How results are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sort {
    #[default]
    Relevance,
    DateAsc,
    DateDesc,
}

/// Which documents count as matching.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchMode {
    /// Every word must match; if no document has them all, the best partial
    /// matches are returned and `partial` is set.
    #[default]
    All,
    /// Every document matching any word is ranked (ranked retrieval, as IR
    /// evaluations expect).
    Any,
}

/// Facet values to keep: OR within one facet, AND across facets.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct Filters {
    #[serde(rename = "type")]
    pub doc_type: Vec<String>,
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub collection: Vec<String>,
    pub year: Vec<String>,
}

/// Options of a search, as the JS API and the tool accept them.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    pub filters: Filters,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: keep documents dated on or after.
    pub date_from: Option<String>,
    /// Keep documents dated on or before (the whole month or year if partial).
    pub date_to: Option<String>,
    pub mode: MatchMode,
    /// Leave out snippets (batch evaluation).
    pub snippets: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: DEFAULT_LIMIT,
            offset: 0,
            sort: Sort::Relevance,
            filters: Filters::default(),
            date_from: None,
            date_to: None,
            mode: MatchMode::All,
            snippets: true,
        }
    }
}

/// One result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    /// ISO date at the precision known.
    pub date: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub score: f32,
    /// Escaped HTML: the best passage with matches in `<mark>`.
    pub snippet: String,
}

/// A facet value and how many results have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u32,
}

/// Counts per facet for the current query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FacetCounts {
    #[serde(rename = "type")]
    pub doc_type: Vec<FacetCount>,
    pub from: Vec<FacetCount>,
    pub to: Vec<FacetCount>,
    pub collection: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
}

/// Results per month (or per year, for long spans).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub period: String,
    pub count: u32,
}

/// The answer to a search: the same shape natively and in wasm.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// "Did you mean": the query with unknown words corrected.
    pub suggestion: Option<String>,
    /// True when no document matched every word and these are the best partial matches.
    pub partial: bool,
    pub facets: FacetCounts,
    pub timeline: Vec<Period>,
    /// Matching documents with no usable date (left out of the timeline).
    pub undated: u32,
}

/// Why a search could not be answered.
#[derive(Debug)]
#[non_exhaustive]
pub enum SearchError {
    Query(QueryError),
    Index(FormatError),
    /// An option or filter value is not understood.
    Option {
        name: &'static str,
        value: String,
        expected: &'static str,
    },
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::Query(e) => write!(f, "{e}"),
            SearchError::Index(e) => write!(f, "{e}"),
            SearchError::Option { name, value, expected } => {
                write!(f, "{name} {value:?} is not understood: expected {expected}")
            }
        }
    }
}

impl std::error::Error for SearchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SearchError::Query(e) => Some(e),
            SearchError::Index(e) => Some(e),
            SearchError::Option { .. } => None,
        }
    }
}

impl From<QueryError> for SearchError {
    fn from(e: QueryError) -> Self {
        SearchError::Query(e)
    }
}

impl From<FormatError> for SearchError {
    fn from(e: FormatError) -> Self {
        SearchError::Index(e)
    }
}

/// A term the query reaches, with how much a match through it counts.
#[derive(Clone, Debug)]
struct Expansion {
    key: TermKey,
    weight: f32,
}

/// One way for a clause to match.
#[derive(Clone, Debug)]
enum Matcher {
    /// Any of the expansions of one word.
    Word { expansions: Vec<Expansion>, field: Option<Field> },
    /// Consecutive stems (each must exist), with a weight.
    Phrase { keys: Vec<TermKey>, field: Option<Field>, weight: f32 },
    /// Exactly the document with this number: `id:` naming a whole id.
    Document { doc: u32 },
}

impl Matcher {
    /// The postings lists this matcher reads.
    fn keys(&self) -> Vec<TermKey> {
        match self {
            Matcher::Word { expansions, .. } => expansions.iter().map(|e| e.key).collect(),
            Matcher::Phrase { keys, .. } => keys.clone(),
            Matcher::Document { .. } => Vec::new(),
        }
    }
}

/// A compiled clause.
struct Clause {
    occur: Occur,
    matchers: Vec<Matcher>,
    /// Stop words alone do not make a clause required.
    optional: bool,
}

/// Date bounds as `YYYYMMDD`, inclusive.
#[derive(Clone, Copy, Debug, Default)]
struct DateRange {
    from: Option<u32>,
    to: Option<u32>,
}

impl DateRange {
    /// A document is in range when its whole possible date span is: a letter
    /// dated only "1951" is not counted as being in June 1951.
    fn contains(&self, first_day: u32, last_day: u32) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        first_day != 0 && self.from.is_none_or(|f| first_day >= f) && self.to.is_none_or(|t| last_day <= t)
    }

    fn narrow(&mut self, other: DateRange) {
        self.from = self.from.max(other.from);
        self.to = match (self.to, other.to) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
}

fn parse_date_bound(name: &'static str, text: &str, end: bool) -> Result<u32, SearchError> {
    let date = PartialDate::parse_iso(text).ok_or_else(|| SearchError::Option {
        name,
        value: text.to_string(),
        expected: "a date as YYYY, YYYY-MM or YYYY-MM-DD",
    })?;
    Ok(if end { date.last_day() } else { date.first_day() })
}

/// Everything the query compiled to.
struct Plan {
    clauses: Vec<Clause>,
    highlights: Highlights,
    dates: DateRange,
    sort: Option<Sort>,
    /// Each typed word with its correction, for "did you mean".
    corrections: Vec<(String, String)>,
}

/// Runs `query` against `index`: [`rank`], then [`present`].
pub fn search<D: AsRef<[u8]>>(
    index: &Index<D>,
    query: &str,
    options: &SearchOptions,
) -> Result<SearchResults, SearchError> {
    present(index, &rank(index, query, options)?)
}

/// A query's answer before its documents are read: which documents are on
/// the requested page, with everything counted over all of them. Kept by the
/// browser face between the rounds of fetching packs, so the documents'
/// packs arriving does not mean ranking again.
#[derive(Clone, Debug)]
pub struct Ranking {
    /// The page's documents with their scores, in order.
    page: Vec<(u32, f32)>,
    highlights: Highlights,
    snippets: bool,
    /// Everything but the hits.
    results: SearchResults,
}

/// Finds, scores, counts and orders the documents matching `query`, and
/// picks the requested page. Reads postings only (and, for a long question
/// with feedback, its best documents).
pub fn rank<D: AsRef<[u8]>>(index: &Index<D>, query: &str, options: &SearchOptions) -> Result<Ranking, SearchError> {
    let parsed = parse(query)?;
    let mut plan = compile(index, &parsed)?;
    // A packed index answers only once the packs holding these lists are in.
    index.require_postings(plan.clauses.iter().flat_map(|c| &c.matchers).flat_map(Matcher::keys))?;
    if let Some(from) = &options.date_from {
        plan.dates.narrow(DateRange { from: Some(parse_date_bound("date_from", from, false)?), to: None });
    }
    if let Some(to) = &options.date_to {
        plan.dates.narrow(DateRange { from: None, to: Some(parse_date_bound("date_to", to, true)?) });
    }
    let filters = FacetFilter::new(index, &options.filters)?;

    let positive: Vec<&Clause> = plan.clauses.iter().filter(|c| c.occur == Occur::Must).collect();
    let browsing = positive.is_empty();
    let mut scores: Vec<f32> = vec![0.0; index.doc_count() as usize];
    let mut matched: Vec<u16> = vec![0; index.doc_count() as usize];
    let required = positive.iter().filter(|c| !c.optional).count().max(usize::from(!positive.is_empty()));
    for clause in positive.iter() {
        for (doc, score) in evaluate_clause(index, clause)? {
            scores[doc as usize] += score;
            if !clause.optional || positive.iter().all(|c| c.optional) {
                matched[doc as usize] += 1;
            }
        }
    }
    let mut excluded = vec![false; index.doc_count() as usize];
    for clause in plan.clauses.iter().filter(|c| c.occur == Occur::MustNot) {
        for (doc, _) in evaluate_clause(index, clause)? {
            excluded[doc as usize] = true;
        }
    }
    let passes_dates = |doc: u32| {
        let row = index.doc_facets(doc);
        plan.dates.contains(row.first_day, row.last_day)
    };
    let candidates = |threshold: usize| -> Vec<u32> {
        (0..index.doc_count())
            .filter(|&d| !excluded[d as usize] && passes_dates(d))
            .filter(|&d| browsing || matched[d as usize] as usize >= threshold && scores[d as usize] > 0.0)
            .collect()
    };
    let mut docs = candidates(match options.mode {
        MatchMode::All => required,
        MatchMode::Any => 1,
    });
    let mut partial = false;
    if docs.is_empty() && options.mode == MatchMode::All && required > 1 {
        docs = candidates(1);
        partial = !docs.is_empty();
        // Documents holding more of the words come first.
        for &doc in &docs {
            scores[doc as usize] *= matched[doc as usize] as f32 / required as f32;
        }
    }

    let facets = filters.count(index, &docs);
    docs.retain(|&d| filters.keep_all(index, d));
    let (timeline, undated) = timeline(index, &docs);

    // Browsing has no relevance to order by: it reads in date order unless asked otherwise.
    let sort = match plan.sort.unwrap_or(options.sort) {
        Sort::Relevance if browsing => Sort::DateAsc,
        sort => sort,
    };
    if sort == Sort::Relevance && positive.len() > 1 {
        apply_proximity(index, &positive, &mut docs, &mut scores)?;
    }
    // A long query ranked by any of its words is a question: learn from its best answers.
    if sort == Sort::Relevance && (options.mode == MatchMode::Any || partial) {
        apply_feedback(index, &positive, &docs, &mut scores)?;
    }
    order(index, &mut docs, &scores, sort);

    let total = docs.len();
    let limit = options.limit.min(MAX_LIMIT);
    let page = docs.iter().skip(options.offset).take(limit).map(|&doc| (doc, scores[doc as usize])).collect();
    let suggestion = suggestion(query, &plan.corrections);
    Ok(Ranking {
        page,
        highlights: plan.highlights,
        snippets: options.snippets,
        results: SearchResults { total, hits: Vec::new(), suggestion, partial, facets, timeline, undated },
    })
}

/// Fills a ranking's page with its documents' fields and snippets. Asks for
/// the packs holding them first when the index is packed.
pub fn present<D: AsRef<[u8]>>(index: &Index<D>, ranking: &Ranking) -> Result<SearchResults, SearchError> {
    let page: Vec<u32> = ranking.page.iter().map(|&(doc, _)| doc).collect();
    index.require_documents(&page)?;
    let documents = index.store().documents(&page)?;
    let hits = ranking
        .page
        .iter()
        .zip(documents)
        .map(|(&(_, score), document)| Hit {
            snippet: if ranking.snippets { snippet(&document, &ranking.highlights) } else { String::new() },
            id: document.id,
            title: document.title,
            date: document.date.map(|d| d.to_string()),
            doc_type: document.doc_type,
            score: (score * 1000.0).round() / 1000.0,
        })
        .collect();
    Ok(SearchResults { hits, ..ranking.results.clone() })
}

/// The highlights a query would produce, for rendering a document.
pub fn highlights_for<D: AsRef<[u8]>>(index: &Index<D>, query: &str) -> Result<Highlights, SearchError> {
    Ok(compile(index, &parse(query)?)?.highlights)
}

fn compile<D: AsRef<[u8]>>(index: &Index<D>, query: &Query) -> Result<Plan, SearchError> {
    let mut plan = Plan {
        clauses: Vec::new(),
        highlights: Highlights::default(),
        dates: DateRange::default(),
        sort: None,
        corrections: Vec::new(),
    };
    let clauses = join_variant_names(index, &query.clauses);
    for clause in &clauses {
        let mut matchers = Vec::new();
        let mut all_stop_words = true;
        for atom in &clause.alternatives {
            let field = atom.field().and_then(Field::from_query_name);
            match atom {
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
                    if name == "id" && index.doc_number(text.trim()).is_some() =>
                {
                    // A whole id names one document, whatever words other ids share.
                    all_stop_words = false;
                    let doc = index.doc_number(text.trim()).expect("checked by the guard");
                    matchers.push(Matcher::Document { doc });
                }
                Atom::Word { text, prefix, .. } => {
                    let tokens = tokenize(text, 0);
                    let parts = distinct_positions(&tokens);
                    all_stop_words &= parts.iter().all(|w| is_stop_word(w));
                    if parts.len() > 1 {
                        // `795.00/7–2552` or `En-lai`: the parts as a phrase.
                        add_phrase(index, &parts, field, 1.0, &mut matchers, &mut plan.highlights)?;
                    } else if let Some(word) = parts.first() {
                        compile_word(index, word, *prefix, field, &mut matchers, &mut plan)?;
                    }
                }
                Atom::Phrase { text, .. } => {
                    all_stop_words = false;
                    let parts = distinct_positions(&tokenize(text, 0));
                    add_phrase(index, &parts, field, 1.0, &mut matchers, &mut plan.highlights)?;
                }
            }
        }
        let is_filter_only = clause.alternatives.iter().all(|a| {
            matches!(a, Atom::Range { .. })
                || matches!(a, Atom::Word { field: Some(f), .. } if f == "sort" || f == "date" || f == "year")
        });
        if is_filter_only {
            continue;
        }
        plan.clauses.push(Clause { occur: clause.occur, matchers, optional: all_stop_words });
    }
    Ok(plan)
}

/// Folded words at distinct positions (a joined hyphen form is dropped in
/// favour of its parts).
fn distinct_positions(tokens: &[crate::analysis::Token]) -> Vec<String> {
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

fn date_range(field: &str, from: Option<&str>, to: Option<&str>) -> Result<DateRange, SearchError> {
    let name = if field == "year" { "year" } else { "date" };
    Ok(DateRange {
        from: from.filter(|t| !t.is_empty()).map(|t| parse_date_bound(name, t, false)).transpose()?,
        to: to.filter(|t| !t.is_empty()).map(|t| parse_date_bound(name, t, true)).transpose()?,
    })
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
            let stems = crate::variants::form_stems(&text);
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

/// Adds a phrase matcher (and its variant forms) for folded `words`.
fn add_phrase<D: AsRef<[u8]>>(
    index: &Index<D>,
    words: &[String],
    field: Option<Field>,
    weight: f32,
    matchers: &mut Vec<Matcher>,
    highlights: &mut Highlights,
) -> Result<(), SearchError> {
    if words.is_empty() {
        return Ok(());
    }
    let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
    let mut forms = vec![(stems.clone(), weight)];
    forms.extend(index.variants().alternatives(&stems).into_iter().map(|f| (f, weight * VARIANT_WEIGHT)));
    let lookup = index.stems();
    for (form, weight) in forms {
        let keys: Option<Vec<TermKey>> = form.iter().map(|s| lookup.get(s).map(TermKey)).collect();
        if let Some(keys) = keys {
            highlights.add_phrase(form.clone());
            if keys.len() == 1 {
                matchers.push(Matcher::Word { expansions: vec![Expansion { key: keys[0], weight }], field });
            } else {
                matchers.push(Matcher::Phrase { keys, field, weight });
            }
        }
    }
    Ok(())
}

/// Compiles one folded word: its stem, variants, prefix or typo expansions.
fn compile_word<D: AsRef<[u8]>>(
    index: &Index<D>,
    word: &str,
    prefix: bool,
    field: Option<Field>,
    matchers: &mut Vec<Matcher>,
    plan: &mut Plan,
) -> Result<(), SearchError> {
    let term = stem(word);
    let stems = index.stems();
    let mut expansions = Vec::new();
    if let Some(value) = stems.get(&term) {
        expansions.push(Expansion { key: TermKey(value), weight: 1.0 });
        plan.highlights.stems.insert(term.clone());
    }
    // Variants: single-word forms join this matcher, longer ones are phrases.
    for form in index.variants().alternatives(std::slice::from_ref(&term)) {
        if form.len() == 1 {
            if let Some(value) = stems.get(&form[0]) {
                expansions.push(Expansion { key: TermKey(value), weight: VARIANT_WEIGHT });
                plan.highlights.stems.insert(form[0].clone());
            }
        } else if let Some(keys) = form.iter().map(|s| stems.get(s).map(TermKey)).collect::<Option<Vec<_>>>() {
            plan.highlights.add_phrase(form.clone());
            matchers.push(Matcher::Phrase { keys, field, weight: VARIANT_WEIGHT });
        }
    }
    if prefix {
        let words = index.words();
        let mut upper = word.as_bytes().to_vec();
        upper.push(0xff);
        let mut stream = words.range().ge(word).lt(&upper).into_stream();
        // Each word reaches its stem's list through the stemmer, as when it was indexed.
        let mut found: Vec<(String, String, TermKey)> = Vec::new();
        while let Some(bytes) = stream.next() {
            let surface = String::from_utf8_lossy(bytes).into_owned();
            let surface_stem = stem(&surface);
            if let Some(value) = stems.get(&surface_stem) {
                found.push((surface, surface_stem, TermKey(value)));
            }
            if found.len() == MAX_PREFIX_WORDS {
                break;
            }
        }
        for (_, surface_stem, key) in most_frequent(found) {
            let weight = if surface_stem == term { 1.0 } else { PREFIX_WEIGHT };
            expansions.push(Expansion { key, weight });
            plan.highlights.stems.insert(surface_stem);
        }
    } else if expansions.is_empty() && matchers.is_empty() {
        let corrections = typo_expansions(index, word);
        if let Some((best, _, _)) = corrections.first() {
            plan.corrections.push((word.to_string(), best.clone()));
        }
        for (surface, key, edits) in corrections {
            expansions.push(Expansion { key, weight: 1.0 - TYPO_WEIGHT_PER_EDIT * edits as f32 });
            plan.highlights.stems.insert(stem(&surface));
        }
    }
    dedup_expansions(&mut expansions);
    if !expansions.is_empty() {
        matchers.push(Matcher::Word { expansions, field });
    }
    Ok(())
}

/// Keeps the best weight per postings list.
fn dedup_expansions(expansions: &mut Vec<Expansion>) {
    expansions.sort_by(|a, b| a.key.cmp(&b.key).then(b.weight.total_cmp(&a.weight)));
    expansions.dedup_by_key(|e| e.key);
}

/// The [`MAX_EXPANSIONS`] words (surface, stem, key) with the most documents
/// (counted in their keys: no postings are read).
fn most_frequent(mut found: Vec<(String, String, TermKey)>) -> Vec<(String, String, TermKey)> {
    if found.len() > MAX_EXPANSIONS {
        found.sort_by(|a, b| b.2.doc_count().cmp(&a.2.doc_count()).then(a.0.cmp(&b.0)));
        found.truncate(MAX_EXPANSIONS);
    }
    found
}

/// Dictionary words within the typo budget of `word`, best first (fewest
/// edits, then most documents).
fn typo_expansions<D: AsRef<[u8]>>(index: &Index<D>, word: &str) -> Vec<(String, TermKey, usize)> {
    let edits = max_edits_for(word.chars().count());
    if edits == 0 {
        return Vec::new();
    }
    let words = index.words();
    let stems = index.stems();
    let automaton = StepBudget::new(DamerauAutomaton::new(word, edits), MAX_TYPO_STEPS);
    let mut stream = words.search(&automaton).into_stream();
    let mut found = Vec::new();
    while let Some(bytes) = stream.next() {
        let surface = String::from_utf8_lossy(bytes).into_owned();
        let Some(value) = stems.get(stem(&surface)) else { continue };
        let edits = distance(word, &surface);
        found.push((edits, surface, TermKey(value)));
        if found.len() > 10 * MAX_EXPANSIONS {
            break;
        }
    }
    let mut ranked: Vec<_> = found
        .into_iter()
        .map(|(edits, surface, key)| (edits, std::cmp::Reverse(key.doc_count()), surface, key))
        .collect();
    ranked.sort();
    ranked.into_iter().take(MAX_EXPANSIONS).map(|(e, _, s, k)| (s, k, e)).collect()
}

/// The query with each unknown word replaced by its best correction.
fn suggestion(query: &str, corrections: &[(String, String)]) -> Option<String> {
    if corrections.is_empty() {
        return None;
    }
    let mut words = Vec::new();
    for piece in query.split_whitespace() {
        let folded = fold(piece.trim_matches(|c: char| !c.is_alphanumeric()));
        match corrections.iter().find(|(typed, _)| *typed == folded) {
            Some((_, better)) => words.push(better.clone()),
            None => words.push(piece.to_string()),
        }
    }
    Some(words.join(" "))
}

/// BM25F score of one posting.
fn bm25f<D: AsRef<[u8]>>(index: &Index<D>, tf: &[u32; FIELD_COUNT], doc: u32, idf: f32, only: Option<Field>) -> f32 {
    let averages = &index.meta().avg_field_length;
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

fn idf(doc_count: u32, with_term: u32) -> f32 {
    let n = doc_count as f32;
    let df = with_term as f32;
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The documents matching a clause with their scores, sorted by document;
/// each document scores by the best alternative or expansion it matches.
fn evaluate_clause<D: AsRef<[u8]>>(index: &Index<D>, clause: &Clause) -> Result<Vec<(u32, f32)>, SearchError> {
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
fn apply_proximity<D: AsRef<[u8]>>(
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
fn apply_feedback<D: AsRef<[u8]>>(
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
fn near_pairs(a: &[u32], b: &[u32], window: u32) -> usize {
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

fn order<D: AsRef<[u8]>>(index: &Index<D>, docs: &mut [u32], scores: &[f32], sort: Sort) {
    let day = |d: u32| index.doc_facets(d).first_day;
    match sort {
        Sort::Relevance => docs.sort_by(|a, b| scores[*b as usize].total_cmp(&scores[*a as usize]).then(a.cmp(b))),
        // Undated documents go last either way.
        Sort::DateAsc => docs.sort_by_key(|&d| (day(d) == 0, day(d), d)),
        Sort::DateDesc => docs.sort_by_key(|&d| (day(d) == 0, std::cmp::Reverse(day(d)), d)),
    }
}

/// Facet filters resolved to value ids.
struct FacetFilter {
    /// Per facet: allowed ids (empty = no filter).
    values: Vec<Vec<u32>>,
    years: Vec<u32>,
}

impl FacetFilter {
    fn new<D: AsRef<[u8]>>(index: &Index<D>, filters: &Filters) -> Result<Self, SearchError> {
        let lists = [&filters.doc_type, &filters.from, &filters.to, &filters.collection];
        let values = Facet::ALL
            .iter()
            .zip(lists)
            .map(|(facet, wanted)| {
                let known = index.facet_values(*facet);
                let ids: Vec<u32> = wanted
                    .iter()
                    .filter_map(|w| known.iter().position(|k| k.eq_ignore_ascii_case(w)).map(|i| i as u32 + 1))
                    .collect();
                // A value the collection does not have matches nothing.
                if ids.is_empty() && !wanted.is_empty() { vec![u32::MAX] } else { ids }
            })
            .collect();
        let years = filters
            .year
            .iter()
            .map(|y| {
                y.trim().parse::<u32>().map_err(|_| SearchError::Option {
                    name: "year",
                    value: y.clone(),
                    expected: "a year such as 1951",
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(FacetFilter { values, years })
    }

    /// Which filter groups (facets 0..4, then year as 4) document `doc` passes.
    fn passes<D: AsRef<[u8]>>(&self, index: &Index<D>, doc: u32) -> [bool; 5] {
        let row = index.doc_facets(doc);
        let mut result = [true; 5];
        for (k, allowed) in self.values.iter().enumerate() {
            result[k] = allowed.is_empty() || allowed.contains(&row.values[k]);
        }
        result[4] = self.years.is_empty() || row.year().is_some_and(|y| self.years.contains(&y));
        result
    }

    fn keep_all<D: AsRef<[u8]>>(&self, index: &Index<D>, doc: u32) -> bool {
        self.passes(index, doc).iter().all(|&p| p)
    }

    /// Counts per facet value over `docs`, each facet counted with every
    /// *other* filter applied, so a reader can widen a facet with OR.
    fn count<D: AsRef<[u8]>>(&self, index: &Index<D>, docs: &[u32]) -> FacetCounts {
        let mut tallies: Vec<HashMap<u32, u32>> = vec![HashMap::new(); 5];
        for &doc in docs {
            let passes = self.passes(index, doc);
            let row = index.doc_facets(doc);
            for (k, tally) in tallies.iter_mut().enumerate() {
                let others = passes.iter().enumerate().all(|(j, &p)| j == k || p);
                if !others {
                    continue;
                }
                let key = if k < 4 { row.values[k] } else { row.year().unwrap_or(0) };
                if key != 0 {
                    *tally.entry(key).or_default() += 1;
                }
            }
        }
        let listed = |k: usize, name: &dyn Fn(u32) -> String| {
            let mut list: Vec<FacetCount> =
                tallies[k].iter().map(|(&id, &count)| FacetCount { value: name(id), count }).collect();
            list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            if k < 4 {
                list.truncate(FACET_VALUES_SHOWN);
            }
            list
        };
        let value = |facet: Facet| move |id: u32| index.facet_value(facet, id).unwrap_or_default().to_string();
        let mut year = listed(4, &|y: u32| y.to_string());
        year.sort_by(|a, b| a.value.cmp(&b.value));
        FacetCounts {
            doc_type: listed(0, &value(Facet::Type)),
            from: listed(1, &value(Facet::From)),
            to: listed(2, &value(Facet::To)),
            collection: listed(3, &value(Facet::Collection)),
            year,
        }
    }
}

/// Matching documents per month when they span at most three years, else per
/// year; documents dated only to a year are counted by year in monthly mode
/// as `YYYY`. Returns the periods and the number of undated documents.
fn timeline<D: AsRef<[u8]>>(index: &Index<D>, docs: &[u32]) -> (Vec<Period>, u32) {
    let mut undated = 0;
    let rows: Vec<_> = docs.iter().map(|&d| index.doc_facets(d)).collect();
    let years: Vec<u32> = rows.iter().filter_map(|r| r.year()).collect();
    let (Some(&min), Some(&max)) = (years.iter().min(), years.iter().max()) else {
        return (Vec::new(), docs.len() as u32);
    };
    let monthly = max - min <= 2;
    let mut counts: std::collections::BTreeMap<String, u32> = std::collections::BTreeMap::new();
    for row in rows {
        if row.first_day == 0 {
            undated += 1;
            continue;
        }
        let month_known = row.first_day / 100 == row.last_day / 100;
        let key = if monthly && month_known {
            format!("{:04}-{:02}", row.first_day / 10_000, row.first_day / 100 % 100)
        } else {
            format!("{:04}", row.first_day / 10_000)
        };
        *counts.entry(key).or_default() += 1;
    }
    (counts.into_iter().map(|(period, count)| Period { period, count }).collect(), undated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builder::IndexBuilder;
    use crate::document::Document;
    use crate::variants::Variants;

    fn doc(id: &str, title: &str, date: &str, kind: &str, body: &str) -> Document {
        Document {
            id: id.into(),
            title: title.into(),
            date: PartialDate::parse_iso(date),
            doc_type: Some(kind.into()),
            body: body.split("\n").map(str::to_string).collect(),
            ..Document::default()
        }
    }

    fn sample() -> Index<Vec<u8>> {
        let mut builder = IndexBuilder::new("test");
        builder.set_variants(Variants::defaults());
        builder.add(doc(
            "a",
            "Armistice talks",
            "1951-06-14",
            "Letter",
            "The armistice negotiations at Panmunjŏm.\nChou En-lai spoke of Alternative B.",
        ));
        builder.add(doc(
            "b",
            "Prisoners",
            "1952-07-25",
            "Telegram",
            "USG wld not force repatriation of PWs. Vishinsky was told.",
        ));
        builder.add(doc(
            "c",
            "Wool prices",
            "1938",
            "Memorandum",
            "Wool exports to Japan and the alternative markets; Menzies agreed.",
        ));
        builder.add(doc(
            "d",
            "Peking talks",
            "1951-09-21",
            "Telegram",
            "Talks in Peiping on an armistice line with Vyshinsky present.",
        ));
        Index::open(builder.finish().0).unwrap()
    }

    fn ids(index: &Index<Vec<u8>>, query: &str) -> Vec<String> {
        search(index, query, &SearchOptions::default()).unwrap().hits.into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn words_are_anded_and_stemmed() {
        let index = sample();
        assert_eq!(ids(&index, "armistice negotiating"), ["a"]);
        let mut both = ids(&index, "armistice");
        both.sort();
        assert_eq!(both, ["a", "d"]);
    }

    #[test]
    fn phrases_are_positional() {
        let index = sample();
        assert_eq!(ids(&index, "\"alternative b\""), ["a"]);
        assert!(ids(&index, "\"b alternative\"").is_empty());
    }

    #[test]
    fn exclusion_and_or() {
        let index = sample();
        assert_eq!(ids(&index, "armistice -peiping"), ["a"]);
        assert_eq!(ids(&index, "armistice -\"armistice line\""), ["a"]);
        let mut either = ids(&index, "wool OR repatriation");
        either.sort();
        assert_eq!(either, ["b", "c"]);
    }

    #[test]
    fn prefixes_typos_and_suggestions() {
        let index = sample();
        assert_eq!(ids(&index, "repatr*"), ["b"]);
        let results = search(&index, "Menzeis", &SearchOptions::default()).unwrap();
        assert_eq!(results.hits.len(), 1);
        assert_eq!(results.hits[0].id, "c");
        assert_eq!(results.suggestion.as_deref(), Some("menzies"));
        assert!(results.hits[0].snippet.contains("<mark>Menzies</mark>"), "{}", results.hits[0].snippet);
    }

    #[test]
    fn variants_and_abbreviations_find_each_other() {
        let index = sample();
        let mut vyshinsky = ids(&index, "Vyshinsky");
        vyshinsky.sort();
        assert_eq!(vyshinsky, ["b", "d"]);
        assert_eq!(ids(&index, "Zhou Enlai"), ["a"]);
        assert_eq!(ids(&index, "would prisoners of war"), ["b"]);
        assert_eq!(ids(&index, "Beijing armistice"), ["d"]);
        let results = search(&index, "Vyshinsky", &SearchOptions::default()).unwrap();
        assert_eq!(results.hits[0].id, "d", "the spelling typed ranks above a variant");
    }

    #[test]
    fn partial_matches_when_nothing_has_every_word() {
        let index = sample();
        let results = search(&index, "armistice wool", &SearchOptions::default()).unwrap();
        assert!(results.partial);
        assert_eq!(results.total, 3);
    }

    #[test]
    fn filters_dates_facets_and_browsing() {
        let index = sample();
        assert_eq!(ids(&index, "date:1951-06..1951-09"), ["a", "d"]);
        assert_eq!(ids(&index, "type:telegram armistice"), ["d"]);
        let all = search(&index, "", &SearchOptions::default()).unwrap();
        assert_eq!(all.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["c", "a", "d", "b"]);
        let type_total: u32 = all.facets.doc_type.iter().map(|f| f.count).sum();
        assert_eq!(type_total as usize, all.total);
        let options = SearchOptions {
            filters: Filters { doc_type: vec!["telegram".into()], ..Filters::default() },
            ..SearchOptions::default()
        };
        let telegrams = search(&index, "", &options).unwrap();
        assert_eq!(telegrams.total, 2);
        assert_eq!(telegrams.facets.doc_type.len(), 3, "a facet is counted without its own filter");
    }

    #[test]
    fn a_whole_id_finds_exactly_its_document() {
        let mut builder = IndexBuilder::new("ids");
        for id in ["volume-1/1-armistice", "volume-1/1-armistice-talks", "volume-1/2-truce"] {
            builder.add(doc(id, "Telegram", "1951", "Telegram", "Armistice talks."));
        }
        let index = Index::open(builder.finish().0).unwrap();
        assert_eq!(ids(&index, "id:volume-1/1-armistice"), ["volume-1/1-armistice"]);
        assert_eq!(ids(&index, "id:\"volume-1/1-armistice-talks\""), ["volume-1/1-armistice-talks"]);
        assert_eq!(ids(&index, "armistice -id:volume-1/1-armistice").len(), 2);
        // Part of an id is still a phrase over the id's words.
        let mut partial = ids(&index, "id:1-armistice");
        partial.sort();
        assert_eq!(partial, ["volume-1/1-armistice", "volume-1/1-armistice-talks"]);
    }

    #[test]
    fn long_questions_learn_from_their_best_results() {
        let mut builder = IndexBuilder::new("feedback");
        for (id, body) in [
            ("slipstream", "Propeller slipstream over the wing changes its lift near the nacelle."),
            ("nacelles", "Wing lift behind a propeller nacelle in the slipstream."),
            ("exchange", "Lift exchange."),
            ("engine", "Nacelle lift."),
        ] {
            builder.add(doc(id, "Note", "1958", "Report", body));
        }
        let index = Index::open(builder.finish().0).unwrap();
        let ranked = |query: &str, mode: MatchMode| -> Vec<String> {
            let options = SearchOptions { mode, ..SearchOptions::default() };
            search(&index, query, &options).unwrap().hits.into_iter().map(|h| h.id).collect()
        };
        // "exchange" and "engine" match only "lift", once, in as many words:
        // as typed they tie, and the earlier document comes first. Three
        // words are not a question.
        assert_eq!(ranked("propeller slipstream lift", MatchMode::Any)[2..], ["exchange", "engine"]);
        // A question ranked by any word learns "nacelle" from its best answers;
        // so does one that no document answers in full.
        for mode in [MatchMode::Any, MatchMode::All] {
            let order = ranked("propeller slipstream wing lift tests", mode);
            assert_eq!(order[2..], ["engine", "exchange"], "{mode:?}");
        }
    }

    #[test]
    fn near_pairs_counts_occurrences_within_the_window_either_way() {
        assert_eq!(near_pairs(&[1, 50, 100], &[4, 48, 200], 5), 2);
        assert_eq!(near_pairs(&[10], &[3], 5), 0);
    }

    #[test]
    fn date_ranges_hold_only_certain_dates() {
        let june_to_september = DateRange { from: Some(19510601), to: Some(19510930) };
        assert!(june_to_september.contains(19510614, 19510614));
        assert!(!june_to_september.contains(19510101, 19511231), "a year-only date is not certainly in range");
        assert!(!june_to_september.contains(0, 0));
        assert!(DateRange::default().contains(0, 0));
    }

    #[test]
    fn suggestions_replace_only_unknown_words() {
        let corrections = vec![("menzeis".to_string(), "menzies".to_string())];
        assert_eq!(suggestion("Menzeis wool", &corrections).as_deref(), Some("menzies wool"));
        assert_eq!(suggestion("wool", &[]), None);
    }
}

//! Answering a query: which documents match, in what order, with what facets.
//!
//! A query is compiled into clauses of *matchers* (a word with its expansions
//! through variants, prefixes and typos, or a phrase), each clause is
//! evaluated against the postings into `(document, score)` pairs, and the
//! clauses are combined: all required ones must hold (falling back to the best
//! partial matches when nothing holds them all), excluded ones must not, and
//! filters narrow the rest. Ranking is BM25F over the fields of
//! [`crate::index::schema`] with a bonus when the query's words stand close together;
//! a long query ranked by any of its words (the "any word" mode, or the
//! fallback to partial matches) is then ranked again with the words its best
//! results share ([`feedback`]).
//!
//! The jobs are split by what they read: `plan` reads the dictionaries,
//! `score` the postings, `filter` the facet rows, and [`feedback`] the
//! stored text of the best few documents. Ranking stops at document numbers
//! and scores ([`Ranking`]); reading the hits' documents and writing their
//! snippets is the view's job ([`crate::view::results`]).
//!
//! Cost: proportional to the postings of the query's terms, plus, for a query
//! that filters, sorts by date or counts, one pass over the matching
//! documents' facet rows (see [`SearchOptions::facets`]).

pub mod feedback;
mod filter;
mod options;
mod plan;
mod score;
pub(crate) mod sorting;
#[cfg(test)]
mod tests;

pub use options::{
    DEFAULT_LIMIT, FACET_VALUES_SHOWN, FacetCount, FacetCounts, Filters, Hit, MAX_LIMIT, MatchMode, Period,
    SearchError, SearchOptions, SearchResults, Sort,
};
pub use plan::MAX_PREFIX_WORDS;
pub use score::PROXIMITY_CANDIDATES;

use crate::index::Index;
use crate::index::facets::Facet;
use crate::index::format::FormatError;
use crate::query::{Occur, parse};
use crate::text::highlights::Highlights;
use filter::{DateRange, FacetFilter, languages_allow, order, parse_date_bound, timeline};
use plan::{Clause, Matcher, compile, suggestion};
use score::{apply_feedback, apply_proximity, evaluate_clause};

/// A query's answer before its documents are read: which documents are on
/// the requested page, with everything counted over all of them. Kept by the
/// browser face between the rounds of fetching packs, so the documents'
/// packs arriving does not mean ranking again.
#[derive(Clone, Debug)]
pub struct Ranking {
    /// The page's documents with their scores, in order.
    pub(crate) page: Vec<(u32, f32)>,
    pub(crate) highlights: Highlights,
    pub(crate) snippets: bool,
    /// Everything but the hits.
    pub(crate) results: SearchResults,
}

/// Finds, scores, counts and orders the documents matching `query`, and
/// picks the requested page. Reads postings only (and, for a long question
/// with feedback, its best documents).
pub fn rank<D: AsRef<[u8]>>(index: &Index<D>, query: &str, options: &SearchOptions) -> Result<Ranking, SearchError> {
    let parsed = parse(query)?;
    // The `lang` filter narrows like any facet and leaves the query's reading
    // alone, so its counts still show what ticking another language would add.
    let mut plan = match compile(index, &parsed, &options.languages, true) {
        // Options that need the facet table whatever the query ask for it in
        // the same round as the query's dictionaries.
        Err(SearchError::Index(FormatError::PacksNotLoaded { mut packs })) if options.need_facets() => {
            packs.extend(index.missing_facets());
            return Err(FormatError::PacksNotLoaded { packs }.into());
        }
        plan => plan?,
    };
    if let Some(from) = &options.date_from {
        plan.dates.narrow(DateRange { from: Some(parse_date_bound("date_from", from, false)?), to: None });
    }
    if let Some(to) = &options.date_to {
        plan.dates.narrow(DateRange { from: None, to: Some(parse_date_bound("date_to", to, true)?) });
    }
    let positive: Vec<&Clause> = plan.clauses.iter().filter(|c| c.occur == Occur::Must).collect();
    let browsing = positive.is_empty();
    // Browsing has no relevance to order by: it reads in date order unless asked otherwise.
    let sort = match plan.sort.unwrap_or(options.sort) {
        Sort::Relevance if browsing => Sort::DateAsc,
        sort => sort,
    };
    // Scoring needs postings only; filtering, date order and counting need
    // the facet table too. A packed index asks for both in one round.
    let narrowed = !options.filters.is_empty() || !plan.dates.is_unbounded() || !plan.languages.is_empty();
    let needs_facets = options.facets || narrowed || sort != Sort::Relevance;
    let mut missing = index.missing_postings(plan.clauses.iter().flat_map(|c| &c.matchers).flat_map(Matcher::keys));
    if needs_facets {
        missing.extend(index.missing_facets());
    }
    if !missing.is_empty() {
        return Err(FormatError::PacksNotLoaded { packs: missing }.into());
    }
    let facets = if needs_facets { Some(index.facets()?) } else { None };
    let filters = facets.map(|f| FacetFilter::new(f, &options.filters)).transpose()?;

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
    let languages = facets.map(|f| plan.languages.resolve(f)).unwrap_or_default();
    // Without the facet table nothing narrows by date or language (see `narrowed`).
    let passes_dates = |doc: u32| {
        facets.is_none_or(|f| {
            let row = f.doc(doc);
            plan.dates.contains(row.first_day, row.last_day)
                && languages_allow(&languages, row.values[Facet::Language as usize])
        })
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

    // Facets are counted before their filters narrow (see `FacetFilter::count`), the timeline after.
    let (facet_counts, timeline, undated) = match (facets, &filters) {
        (Some(facets), Some(filters)) => {
            let counts = if options.facets { filters.count(facets, &docs) } else { FacetCounts::default() };
            docs.retain(|&d| filters.keep_all(facets, d));
            let (periods, undated) = if options.facets { timeline(facets, &docs) } else { (Vec::new(), 0) };
            (counts, periods, undated)
        }
        _ => (FacetCounts::default(), Vec::new(), 0),
    };

    if sort == Sort::Relevance && positive.len() > 1 {
        apply_proximity(index, &positive, &mut docs, &mut scores)?;
    }
    // A long query ranked by any of its words is a question: learn from its best answers.
    if sort == Sort::Relevance && (options.mode == MatchMode::Any || partial) {
        apply_feedback(index, &positive, &docs, &mut scores)?;
    }
    match facets {
        Some(facets) => order(facets, &mut docs, &scores, sort),
        None => sorting::by_score(&mut docs, &scores),
    }

    let total = docs.len();
    let limit = options.limit.min(MAX_LIMIT);
    let page = docs.iter().skip(options.offset).take(limit).map(|&doc| (doc, scores[doc as usize])).collect();
    let suggestion = suggestion(query, &plan.corrections);
    Ok(Ranking {
        page,
        highlights: plan.highlights,
        snippets: options.snippets,
        results: SearchResults {
            total,
            hits: Vec::new(),
            suggestion,
            partial,
            facets: facet_counts,
            timeline,
            undated,
        },
    })
}

/// The packs to fetch when [`rank`] lacks `packs`: those, and, when they
/// include postings and `options` asks for results, the store's shared
/// dictionary. Every document shown next needs it, and it is the largest of
/// their packs: fetched with the postings, it does not hold up the round
/// that fetches the documents' blocks.
pub fn packs_to_fetch<D: AsRef<[u8]>>(
    index: &Index<D>,
    options: &SearchOptions,
    mut packs: Vec<crate::index::packs::PackId>,
) -> Vec<crate::index::packs::PackId> {
    use crate::index::packs::PackKind;
    if options.limit > 0
        && packs.iter().any(|p| p.kind == PackKind::Postings)
        && let Some(dictionary) = index.store().missing_dictionary()
    {
        packs.push(dictionary);
    }
    packs
}

/// The highlights a query would produce, for rendering a document (the
/// query read in every language of the collection).
pub fn highlights_for<D: AsRef<[u8]>>(index: &Index<D>, query: &str) -> Result<Highlights, SearchError> {
    Ok(compile(index, &parse(query)?, &[], false)?.highlights)
}

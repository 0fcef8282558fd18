//! What a search is asked and what it answers: options, filters, results and
//! errors — the shapes the JS API and the tool exchange, the same natively and
//! in wasm.

use crate::index::format::FormatError;
use crate::query::QueryError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Most values listed per facet (the most frequent), so a query matching
/// thousands of senders does not return them all; years are all listed.
pub const FACET_VALUES_SHOWN: usize = 50;
/// Default number of hits returned.
pub const DEFAULT_LIMIT: usize = 20;
/// Most hits one call may return.
pub const MAX_LIMIT: usize = 1_000;

/// How results are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sort {
    #[default]
    Relevance,
    DateAsc,
    DateDesc,
}

impl Sort {
    /// Each order with its name in the JS API and on the command line.
    pub const NAMED: [(&'static str, Sort); 3] =
        [("relevance", Sort::Relevance), ("date-asc", Sort::DateAsc), ("date-desc", Sort::DateDesc)];
}

/// Which documents count as matching.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
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

impl MatchMode {
    /// Each mode with its name in the JS API.
    pub const NAMED: [(&'static str, MatchMode); 2] = [("all", MatchMode::All), ("any", MatchMode::Any)];
}

/// Facet values to keep: OR within one facet, AND across facets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Filters {
    #[serde(rename = "type")]
    pub doc_type: Vec<String>,
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub collection: Vec<String>,
    pub year: Vec<String>,
    /// Language tags; `de` keeps `de`, `de-1996` and `de-CH` (the primary
    /// subtag, or any longer prefix: see [`crate::text::language::tag_matches`]).
    pub lang: Vec<String>,
}

impl Filters {
    /// The fields' names in the JS API (serde's), in declaration order.
    pub const FIELDS: [&'static str; 6] = ["type", "from", "to", "collection", "year", "lang"];

    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        [&self.doc_type, &self.from, &self.to, &self.collection, &self.year, &self.lang].iter().all(|l| l.is_empty())
    }
}

/// Options of a search, as the JS API and the tool accept them.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
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
    /// The languages (tags) to read the query in. Empty: the languages of
    /// the query's `lang:` clauses, or when there are none, every language
    /// of the collection.
    pub languages: Vec<String>,
    /// Count the results by facet and date (`facets`, `timeline`,
    /// `undated`). `false` leaves them empty, and then a packed collection
    /// need not fetch its facet table unless the query filters or sorts by
    /// date: a page shows the results first and asks for the counts next.
    pub facets: bool,
}

impl SearchOptions {
    /// Whether these options need the facet table whatever the query says:
    /// they count, filter or bound the dates.
    pub fn need_facets(&self) -> bool {
        self.facets || !self.filters.is_empty() || self.date_from.is_some() || self.date_to.is_some()
    }

    /// The fields' names in the JS API (serde's), in declaration order.
    pub const FIELDS: [&'static str; 10] =
        ["limit", "offset", "sort", "filters", "date_from", "date_to", "mode", "snippets", "languages", "facets"];
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
            languages: Vec::new(),
            facets: true,
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
    /// Escaped HTML: the best passage with matches in `<mark>`; a passage
    /// holding right-to-left text is isolated in `<bdi>`.
    pub snippet: String,
    /// The document's language tag, for the page's `lang` attribute.
    pub lang: Option<String>,
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
    /// By primary language subtag (`de` counts `de-1901` and `de-1996`).
    pub lang: Vec<FacetCount>,
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
    /// Empty when the search was asked not to count (`facets: false`).
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The names serde lists when it refuses an unknown field of `T`.
    fn serde_field_names<T: for<'de> Deserialize<'de> + fmt::Debug>() -> Vec<String> {
        let error = serde_json::from_str::<T>(r#"{"no such field": 0}"#).unwrap_err().to_string();
        let listed = error.split("expected one of ").nth(1).expect("serde names the fields it expects");
        let listed = listed.split(" at line").next().unwrap();
        listed.split(", ").map(|name| name.trim_matches('`').to_string()).collect()
    }

    #[test]
    fn field_lists_are_the_names_serde_derives() {
        assert_eq!(serde_field_names::<SearchOptions>(), SearchOptions::FIELDS);
        assert_eq!(serde_field_names::<Filters>(), Filters::FIELDS);
    }

    #[test]
    fn named_orders_and_modes_are_serde_s_names() {
        for (name, sort) in Sort::NAMED {
            assert_eq!(serde_json::from_str::<Sort>(&format!("{name:?}")).unwrap(), sort);
        }
        for (name, mode) in MatchMode::NAMED {
            assert_eq!(serde_json::from_str::<MatchMode>(&format!("{name:?}")).unwrap(), mode);
        }
        assert!(serde_json::from_str::<Sort>("\"sideways\"").is_err());
        // Every variant is named, in order (the matches fail to compile when one is added).
        let sort_position = |sort: Sort| match sort {
            Sort::Relevance => 0,
            Sort::DateAsc => 1,
            Sort::DateDesc => 2,
        };
        assert!(Sort::NAMED.iter().enumerate().all(|(i, &(_, sort))| sort_position(sort) == i));
        let mode_position = |mode: MatchMode| match mode {
            MatchMode::All => 0,
            MatchMode::Any => 1,
        };
        assert!(MatchMode::NAMED.iter().enumerate().all(|(i, &(_, mode))| mode_position(mode) == i));
    }
}

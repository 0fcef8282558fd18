//! Narrowing and ordering: date ranges, language clauses, facet filters and
//! their counts, the timeline, and sorting by relevance or date. Reads the
//! fixed-width facet rows only — never postings or the store.

use super::options::{FACET_VALUES_SHOWN, FacetCount, FacetCounts, Filters, Period, SearchError, Sort};
use super::sorting;
use crate::document::PartialDate;
use crate::index::facets::{Facet, FacetTable};
use crate::query::Occur;
use crate::text::language::{primary_subtag, tag_matches};
use std::collections::HashMap;

/// The `lang:` clauses of a query: each holds when the document's language
/// falls under one of its tags (or, excluded, under none).
#[derive(Clone, Debug, Default)]
pub(super) struct LanguageClauses {
    clauses: Vec<(Occur, Vec<String>)>,
}

impl LanguageClauses {
    pub(super) fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    pub(super) fn add(&mut self, occur: Occur, tags: Vec<String>) {
        self.clauses.push((occur, tags));
    }

    /// The tags of the clauses that must hold.
    pub(super) fn wanted(&self) -> impl Iterator<Item = &str> {
        self.clauses
            .iter()
            .filter(|(occur, _)| *occur == Occur::Must)
            .flat_map(|(_, tags)| tags.iter().map(String::as_str))
    }

    /// Language value ids (of the facet dictionary) each clause allows,
    /// resolved once per query.
    pub(super) fn resolve(&self, facets: &FacetTable) -> Vec<(Occur, Vec<u32>)> {
        let known = facets.values(Facet::Language);
        self.clauses.iter().map(|(occur, tags)| (*occur, language_ids(known, tags))).collect()
    }
}

/// Whether a document whose language has value id `id` satisfies resolved
/// clauses.
pub(super) fn languages_allow(clauses: &[(Occur, Vec<u32>)], id: u32) -> bool {
    clauses.iter().all(|(occur, ids)| ids.contains(&id) == (*occur == Occur::Must))
}

/// The ids (1-based) of the language values falling under any of `tags`.
fn language_ids(known: &[String], tags: &[String]) -> Vec<u32> {
    (1..=known.len() as u32).filter(|&id| tags.iter().any(|t| tag_matches(t, &known[id as usize - 1]))).collect()
}

/// Date bounds as `YYYYMMDD`, inclusive.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct DateRange {
    pub(super) from: Option<u32>,
    pub(super) to: Option<u32>,
}

impl DateRange {
    /// Whether the range has neither bound, so that it holds every document.
    pub(super) fn is_unbounded(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// A document is in range when its whole possible date span is: a letter
    /// dated only "1951" is not counted as being in June 1951.
    pub(super) fn contains(&self, first_day: u32, last_day: u32) -> bool {
        if self.is_unbounded() {
            return true;
        }
        first_day != 0 && self.from.is_none_or(|f| first_day >= f) && self.to.is_none_or(|t| last_day <= t)
    }

    pub(super) fn narrow(&mut self, other: DateRange) {
        self.from = self.from.max(other.from);
        self.to = match (self.to, other.to) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
}

pub(super) fn parse_date_bound(name: &'static str, text: &str, end: bool) -> Result<u32, SearchError> {
    let date = PartialDate::parse_iso(text).ok_or_else(|| SearchError::Option {
        name,
        value: text.to_string(),
        expected: "a date as YYYY, YYYY-MM or YYYY-MM-DD",
    })?;
    Ok(if end { date.last_day() } else { date.first_day() })
}

pub(super) fn date_range(field: &str, from: Option<&str>, to: Option<&str>) -> Result<DateRange, SearchError> {
    let name = if field == "year" { "year" } else { "date" };
    Ok(DateRange {
        from: from.filter(|t| !t.is_empty()).map(|t| parse_date_bound(name, t, false)).transpose()?,
        to: to.filter(|t| !t.is_empty()).map(|t| parse_date_bound(name, t, true)).transpose()?,
    })
}

pub(super) fn order(facets: &FacetTable, docs: &mut [u32], scores: &[f32], sort: Sort) {
    let day = |d: u32| facets.doc(d).first_day;
    match sort {
        Sort::Relevance => sorting::by_score(docs, scores),
        // Undated documents go last either way.
        Sort::DateAsc => sorting::by_day_ascending(docs, day),
        Sort::DateDesc => sorting::by_day_descending(docs, day),
    }
}

/// Facet filters resolved to value ids.
pub(super) struct FacetFilter {
    /// Per facet: allowed ids (empty = no filter).
    values: Vec<Vec<u32>>,
    years: Vec<u32>,
}

/// Filter groups: the facets, then the year.
const GROUPS: usize = Facet::ALL.len() + 1;
const YEAR: usize = Facet::ALL.len();

impl FacetFilter {
    pub(super) fn new(facets: &FacetTable, filters: &Filters) -> Result<Self, SearchError> {
        let lists = [&filters.doc_type, &filters.from, &filters.to, &filters.collection, &filters.lang];
        let values = Facet::ALL
            .iter()
            .zip(lists)
            .map(|(facet, wanted)| {
                let ids: Vec<u32> = if *facet == Facet::Language {
                    language_ids(facets.values(*facet), wanted)
                } else {
                    wanted.iter().filter_map(|w| facets.id_of(*facet, w)).collect()
                };
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

    /// Which filter groups (the facets in [`Facet::ALL`] order, then the
    /// year) document `doc` passes.
    fn passes(&self, facets: &FacetTable, doc: u32) -> [bool; GROUPS] {
        let row = facets.doc(doc);
        let mut result = [true; GROUPS];
        for (k, allowed) in self.values.iter().enumerate() {
            result[k] = allowed.is_empty() || allowed.contains(&row.values[k]);
        }
        result[YEAR] = self.years.is_empty() || row.year().is_some_and(|y| self.years.contains(&y));
        result
    }

    pub(super) fn keep_all(&self, facets: &FacetTable, doc: u32) -> bool {
        self.passes(facets, doc).iter().all(|&p| p)
    }

    /// Counts per facet value over `docs`, each facet counted with every
    /// *other* filter applied, so a reader can widen a facet with OR.
    pub(super) fn count(&self, facets: &FacetTable, docs: &[u32]) -> FacetCounts {
        let mut tallies: Vec<HashMap<u32, u32>> = vec![HashMap::new(); GROUPS];
        for &doc in docs {
            let passes = self.passes(facets, doc);
            let row = facets.doc(doc);
            for (k, tally) in tallies.iter_mut().enumerate() {
                let others = passes.iter().enumerate().all(|(j, &p)| j == k || p);
                if !others {
                    continue;
                }
                let key = if k < YEAR { row.values[k] } else { row.year().unwrap_or(0) };
                if key != 0 {
                    *tally.entry(key).or_default() += 1;
                }
            }
        }
        let listed = |tally: HashMap<String, u32>, truncate: bool| {
            let mut list: Vec<FacetCount> =
                tally.into_iter().map(|(value, count)| FacetCount { value, count }).collect();
            sorting::stable_by(&mut list, &|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            if truncate {
                list.truncate(FACET_VALUES_SHOWN);
            }
            list
        };
        // Values by name; languages by primary subtag, so `de` counts
        // `de-1901` and `de-1996` and filters them both.
        let named = |k: usize, name: &dyn Fn(u32) -> String| {
            let mut by_name: HashMap<String, u32> = HashMap::new();
            for (&id, &count) in &tallies[k] {
                *by_name.entry(name(id)).or_default() += count;
            }
            listed(by_name, k < YEAR)
        };
        let value = |facet: Facet| move |id: u32| facets.value(facet, id).unwrap_or_default().to_string();
        let language = |id: u32| primary_subtag(facets.value(Facet::Language, id).unwrap_or_default());
        let mut year = named(YEAR, &|y: u32| y.to_string());
        sorting::stable_by(&mut year, &|a, b| a.value.cmp(&b.value));
        FacetCounts {
            doc_type: named(Facet::Type as usize, &value(Facet::Type)),
            from: named(Facet::From as usize, &value(Facet::From)),
            to: named(Facet::To as usize, &value(Facet::To)),
            collection: named(Facet::Collection as usize, &value(Facet::Collection)),
            lang: named(Facet::Language as usize, &language),
            year,
        }
    }
}

/// Matching documents per month when they span at most three years, else per
/// year; documents dated only to a year are counted by year in monthly mode
/// as `YYYY`. Returns the periods and the number of undated documents.
pub(super) fn timeline(facets: &FacetTable, docs: &[u32]) -> (Vec<Period>, u32) {
    let mut undated = 0;
    let rows: Vec<_> = docs.iter().map(|&d| facets.doc(d)).collect();
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

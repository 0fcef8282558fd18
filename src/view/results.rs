//! A ranking made readable: each hit's fields and its snippet. Reads the store
//! blocks of the documents shown, and only those.

use super::snippet::snippet;
use crate::index::Index;
use crate::search::{Hit, Ranking, SearchError, SearchOptions, SearchResults, rank};

/// Runs `query` against `index`: [`rank`], then [`present`]. The one call the
/// tool and the tests need; the browser face calls the two apart, fetching
/// packs between them.
pub fn search<D: AsRef<[u8]>>(
    index: &Index<D>,
    query: &str,
    options: &SearchOptions,
) -> Result<SearchResults, SearchError> {
    present(index, &rank(index, query, options)?)
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
            lang: document.language,
        })
        .collect();
    Ok(SearchResults { hits, ..ranking.results.clone() })
}

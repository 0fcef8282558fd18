//! The warm-up index: two short made-up letters, indexed whole and carried in
//! every site's module as the custom section [`WARM_UP_SECTION`].
//!
//! A browser compiles a WebAssembly module's functions on their first call,
//! not when it loads the module (V8 compiles lazily), so a reader's first
//! search paid for compiling most of the search code: on DFAT in headless
//! Chromium, the module's three calls of a first search took about 116 ms
//! (median), the same calls after a search elsewhere about 19 ms. Once the
//! page is idle, it runs one search and opens one document in this index
//! (`www/collection.js`), so that compiling happens before the reader's first
//! search. It is a separate index, not the collection's own, because a packed
//! collection would have to fetch packs to search itself; it is English,
//! which both template modules read, and it fetches nothing.
//!
//! The queries the page runs on it live in `www/collection.js`
//! (`WARM_UP_QUERY`); the tests below and `tests/wasm/parity.test.mjs` check
//! that they find these letters.

use crate::document::{Document, PartialDate};
use crate::index::builder::IndexBuilder;

/// Name of the custom section that holds the warm-up index.
pub const WARM_UP_SECTION: &str = "carrel-warm-up";

/// The warm-up index's bytes (built afresh each call: about 2 KB, a millisecond).
pub fn warm_up_index() -> Vec<u8> {
    let mut builder = IndexBuilder::new("Warm-up");
    for document in letters() {
        builder.add(document);
    }
    builder.finish().0
}

/// Two letters with every field a reader sees filled, so that searching and
/// rendering them runs the code a real collection's results do: dates, types,
/// senders and recipients for the facets, footnotes and metadata for the view.
fn letters() -> [Document; 2] {
    let letter = |id: &str, title: &str, date: PartialDate, from: &str, to: &str, body: &[&str]| Document {
        id: id.to_string(),
        title: title.to_string(),
        date: Some(date),
        doc_type: Some("Letter".to_string()),
        from: Some(from.to_string()),
        to: Some(to.to_string()),
        summary: Some(format!("{from} writes to {to} about the talks.")),
        collection: Some("Warm-up letters".to_string()),
        source: Some("Made up for warming up the search module".to_string()),
        record: Some(format!("Record {id}")),
        url: Some(format!("https://example.org/letters/{id}")),
        language: Some("en".to_string()),
        body: body.iter().map(|paragraph| paragraph.to_string()).collect(),
        footnotes: vec!["A note on the talks.".to_string()],
        metadata: vec![("Pages".to_string(), "2".to_string())],
    };
    [
        letter(
            "warm-1",
            "Letter on the armistice talks",
            PartialDate { year: 1951, month: Some(7), day: Some(10) },
            "The Delegation",
            "The Minister",
            &[
                "The armistice talks opened today at the house by the river.",
                "Both delegations agreed to meet again tomorrow to settle the agenda of the talks.",
            ],
        ),
        letter(
            "warm-2",
            "Telegram on the prisoners of war",
            PartialDate { year: 1952, month: Some(4), day: None },
            "The Minister",
            "The Delegation",
            &["The question of the prisoners of war is still open.", "Report on the talks when the agenda is settled."],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;
    use crate::search::SearchOptions;
    use crate::view::render::render_id;
    use crate::view::results::search;

    /// The query `www/collection.js` runs (its `WARM_UP_QUERY`).
    const WARM_UP_QUERY: &str = "talks agenda";

    #[test]
    fn the_page_s_warm_up_query_finds_both_letters_and_marks_the_words_in_the_one_it_opens() {
        let index = Index::open(warm_up_index()).unwrap();
        let results = search(&index, WARM_UP_QUERY, &SearchOptions::default()).unwrap();
        let ids: Vec<&str> = results.hits.iter().map(|hit| hit.id.as_str()).collect();
        assert_eq!(ids, ["warm-1", "warm-2"]);
        assert!(results.hits[0].snippet.contains("<mark>"), "{}", results.hits[0].snippet);
        let rendered = render_id(&index, "warm-1", WARM_UP_QUERY).unwrap();
        assert_eq!(
            rendered.matches, 6,
            "talks in the title, summary, body (twice) and footnote, agenda in the body: {}",
            rendered.html
        );
    }

    #[test]
    fn the_warm_up_index_is_the_same_every_time() {
        assert_eq!(warm_up_index(), warm_up_index());
    }
}

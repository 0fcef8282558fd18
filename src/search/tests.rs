//! Ranking, matching and filtering on a small collection built in memory.

use super::score::near_pairs;
use super::*;
use crate::document::{Document, PartialDate};
use crate::index::builder::IndexBuilder;
use crate::text::variants::Variants;
use crate::view::results::search;

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
fn typo_corrections_keep_the_first_character() {
    let index = sample();
    // One edit either way, but only the second keeps `Menzies`' `m`.
    assert_eq!(ids(&index, "Nenzies"), Vec::<String>::new());
    assert_eq!(ids(&index, "Mensies"), ["c"]);
    // A transposition of the first two letters moves the first character too.
    assert_eq!(ids(&index, "eMnzies"), Vec::<String>::new());
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

/// Documents that differ only in the common words between the same content words.
fn common_words_sample() -> Index<Vec<u8>> {
    let mut builder = IndexBuilder::new("test");
    let bodies = [
        ("with", "He met with the Prime Minister on Tuesday."),
        ("with-a", "He met with a Prime Minister on Tuesday."),
        ("without", "He met the Prime Minister with others on Tuesday."),
        ("stemmed", "Meetings with the prime ministers went on."),
    ];
    for (id, body) in bodies {
        builder.add(doc(id, "Note", "1950", "Note", body));
    }
    Index::open(builder.finish().0).unwrap()
}

fn sorted_ids(index: &Index<Vec<u8>>, query: &str) -> Vec<String> {
    let mut found = ids(index, query);
    found.sort();
    found
}

#[test]
fn quoted_phrases_hold_their_common_words_in_place() {
    let index = common_words_sample();
    let ids = sorted_ids;
    // Stemmed forms match; another common word in the gap does not, nor the words apart.
    assert_eq!(ids(&index, "\"with the prime minister\""), ["stemmed", "with"]);
    assert_eq!(ids(&index, "\"with a prime minister\""), ["with-a"]);
    assert_eq!(ids(&index, "\"the prime minister\""), ["stemmed", "with", "without"]);
    assert_eq!(ids(&index, "\"minister with\""), ["without"]);
    // A phrase of common words alone is positional too.
    assert_eq!(ids(&index, "\"with a\""), ["with-a"]);
    let results = search(&index, "\"with the prime minister\"", &SearchOptions::default()).unwrap();
    let shown = results.hits.iter().find(|h| h.id == "with").unwrap();
    assert!(shown.snippet.contains("<mark>with the Prime Minister</mark>"), "{}", shown.snippet);
}

#[test]
fn a_remembered_run_of_common_words_finds_its_document_first() {
    let mut builder = IndexBuilder::new("test");
    // Every document holds every word of the query; one holds them as a run.
    let filler = "their small and very populations are ";
    for n in 0..6 {
        let body = format!("{}{}", filler.repeat(n % 3 + 1), "the delegation agreed.");
        builder.add(doc(&format!("scattered-{n}"), "Report", "1950", "Report", &body));
    }
    builder.add(doc(
        "run",
        "Report",
        "1950",
        "Report",
        "The islands were inspected; their populations are very small and the delegation agreed.",
    ));
    let index = Index::open(builder.finish().0).unwrap();
    assert_eq!(ids(&index, "their populations are very small and")[0], "run");
}

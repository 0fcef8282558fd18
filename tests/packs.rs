//! A packed index (core + packs, as the web build ships large collections)
//! answers exactly as the whole index does, once the packs it asks for are
//! added; it asks only for what a query needs, and refuses damaged packs.

mod common;

use carrel::index::Index;
use carrel::index::format::FormatError;
use carrel::index::packs::{PackId, PackKind};
use carrel::index::split::{PackSizes, split};
use carrel::search;
use carrel::search::packs_to_fetch;
use carrel::search::{MatchMode, SearchError, SearchOptions, SearchResults};
use carrel::view::render::{RenderError, render_id, render_number};
use common::{corpus, ok, scratch};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

const QUERIES: &[&str] = &[
    "armistice",
    "Korea armistice",
    "\"neutral zone\"",
    "Vishinsky",
    "Zhou Enlai",
    "repatriat*",
    "prisoners of war",
    "Stalin -Mao",
    "Taiwan OR Formosa",
    "Menzeis",
    "type:telegram",
    "date:1946..1947 wool",
    "",
    "zzzz",
    "trustee*",
    "\"security council\" -veto",
    "New Guinea",
    "australian wool exports to japan after the war and the trade agreement",
];

/// Typos (from bench/queries/dfat-typos.tsv), prefixes, variants and an id:
/// the dictionary packs must give them exactly the whole index's words.
const DICTIONARY_QUERIES: &[&str] = &[
    "armistise",
    "Evat",
    "Chifely",
    "Manchruia",
    "secruity council",
    "Pacfic pact",
    "Sukarnno",
    "plebsicite",
    "Linggajdati",
    "imm*",
    "s*",
    "Chou En-lai",
    "Peking",
    "POW",
    "id:000_ad696c1dd75bbb07",
];

/// The index of `corpus_name`, built once per test run: the tests run in
/// parallel, and two building into the same scratch file at once could read
/// each other's half-written index.
fn build(corpus_name: &str) -> Vec<u8> {
    static BUILT: Mutex<Vec<(String, Vec<u8>)>> = Mutex::new(Vec::new());
    let mut built = BUILT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, bytes)) = built.iter().find(|(name, _)| name == corpus_name) {
        return bytes.clone();
    }
    let out = scratch(&format!("packs-{corpus_name}")).join("index.carrel");
    ok(&["index", corpus(corpus_name).to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let bytes = std::fs::read(out).unwrap();
    built.push((corpus_name.to_string(), bytes.clone()));
    bytes
}

/// A collection indexed whole, its packed core and its packs by name.
type WholeAndPacked = (Index<Vec<u8>>, Vec<u8>, HashMap<PackId, Vec<u8>>);

/// DFAT indexed whole, and cut into a core and packs of the default sizes:
/// made once for the tests that compare them.
fn dfat_whole_and_packed() -> &'static WholeAndPacked {
    static DFAT: OnceLock<WholeAndPacked> = OnceLock::new();
    DFAT.get_or_init(|| {
        let bytes = build("dfat-1923-1949");
        let parts = split(&bytes, PackSizes::default()).unwrap();
        (Index::open(bytes).unwrap(), parts.core, parts.packs.into_iter().collect())
    })
}

/// Searches the packed index, adding the packs it asks for, and returns the
/// results with the number of rounds and packs it took.
fn search_packed(
    index: &mut Index<Vec<u8>>,
    packs: &HashMap<PackId, Vec<u8>>,
    query: &str,
    options: &SearchOptions,
) -> (SearchResults, usize, usize) {
    let (mut rounds, mut fetched) = (0, 0);
    loop {
        match search(index, query, options) {
            Ok(results) => return (results, rounds, fetched),
            Err(SearchError::Index(FormatError::PacksNotLoaded { packs: wanted })) => {
                assert!(!wanted.is_empty());
                rounds += 1;
                // Dictionaries (a typo's after its word's), postings, then
                // documents; a long question adds the documents feedback
                // reads, the dictionaries and the lists of the words it adds.
                assert!(rounds <= 7, "{query:?}: at most seven rounds");
                for pack in wanted {
                    index.add_pack(pack, packs[&pack].clone()).unwrap();
                    fetched += 1;
                }
            }
            Err(e) => panic!("{query:?}: {e}"),
        }
    }
}

fn assert_same(whole: &SearchResults, packed: &SearchResults, query: &str) {
    assert_eq!(whole.total, packed.total, "{query:?}");
    assert_eq!(whole.hits, packed.hits, "{query:?}");
    assert_eq!(whole.suggestion, packed.suggestion, "{query:?}");
    assert_eq!(whole.facets, packed.facets, "{query:?}");
    assert_eq!(whole.timeline, packed.timeline, "{query:?}");
}

fn check_parity(corpus_name: &str, sizes: PackSizes) -> (usize, usize) {
    let bytes = build(corpus_name);
    let whole = Index::open(bytes.as_slice()).unwrap();
    let parts = split(&bytes, sizes).unwrap();
    let packs: HashMap<PackId, Vec<u8>> = parts.packs.into_iter().collect();
    let mut packed = Index::open(parts.core.clone()).unwrap();
    assert!(packed.is_packed());
    assert_eq!(packed.pack_ids().len(), packs.len());
    let mut fetched_total = 0;
    let queries = || QUERIES.iter().chain(DICTIONARY_QUERIES);
    for (query, mode) in queries().map(|q| (q, MatchMode::All)).chain(queries().map(|q| (q, MatchMode::Any))) {
        let options = SearchOptions { limit: 10, mode, ..SearchOptions::default() };
        let expected = search(&whole, query, &options).unwrap();
        let (got, _, fetched) = search_packed(&mut packed, &packs, query, &options);
        assert_same(&expected, &got, query);
        fetched_total += fetched;
        // Asked again, everything is in.
        let (_, rounds, _) = search_packed(&mut packed, &packs, query, &options);
        assert_eq!(rounds, 0, "{query:?}");
    }
    // Documents render the same once their pack is in.
    let options = SearchOptions { limit: 10, ..SearchOptions::default() };
    let id = search(&whole, "armistice", &options).unwrap().hits.last().unwrap().id.clone();
    let mut fresh = Index::open(parts.core).unwrap();
    // Its id's pack, its block, the dictionary every block is deflated after
    // (its own pack, at the start of the store), and the stems pack that names
    // the query's stems for the marks.
    assert!(whole.store().dictionary_len() > 0, "{corpus_name} is large enough for a store dictionary");
    let mut asked = Vec::new();
    let mut rounds = 0;
    loop {
        match render_id(&fresh, &id, "armistice") {
            // Packs the marks lack come in the same error (see `render_id`).
            Err(RenderError::Index(FormatError::PacksNotLoaded { packs: wanted })) => {
                rounds += 1;
                for pack in wanted {
                    fresh.add_pack(pack, packs[&pack].clone()).unwrap();
                    asked.push(pack);
                }
            }
            Ok(_) => break,
            Err(other) => panic!("{other}"),
        }
    }
    let kinds = |kind| asked.iter().filter(|pack| pack.kind == kind).count();
    assert!(asked.contains(&PackId { kind: PackKind::Store, number: 0 }), "the store dictionary: {asked:?}");
    assert_eq!(kinds(PackKind::Store), 2, "one block and the store dictionary: {asked:?}");
    assert_eq!(kinds(PackKind::Stems), 1, "one stems pack: {asked:?}");
    assert_eq!(kinds(PackKind::Ids), 1, "one ids pack: {asked:?}");
    assert_eq!(asked.len(), 4, "nothing else: {asked:?}");
    assert_eq!(rounds, 2, "the id's, stems and dictionary packs together, then the block: {asked:?}");
    assert_eq!(render_id(&fresh, &id, "armistice").unwrap(), render_id(&whole, &id, "armistice").unwrap());
    (fetched_total, packs.len())
}

#[test]
fn a_packed_demo_collection_answers_like_the_whole_one() {
    // Tiny packs: every list, block and key its own, the most cuts to get wrong.
    check_parity("seeds", PackSizes { postings: 1, postings_alone: 1, store: 1, stems: 1, words: 1, ids: 1 });
}

#[test]
fn a_packed_dfat_answers_like_the_whole_one_and_fetches_a_fraction() {
    let (fetched, total) = check_parity("dfat-1923-1949", PackSizes::default());
    let count = QUERIES.len() + DICTIONARY_QUERIES.len();
    eprintln!("{count} queries, each in two modes, fetched {fetched} of {total} packs");
    assert!(fetched * 4 < total, "{count} queries fetched {fetched} of {total} packs");
}

/// A word found as typed needs the stems pack of its stem and the postings
/// pack of its list: a search asks for both at once, so ranking words, phrases
/// and names with variants takes one round of fetching, not two; a `prefix*`
/// takes two, not three. A misspelt word waits for its opening's words, then
/// for its corrections' stems and lists together (their stems often came
/// with the word's own): at most three rounds, not four; the guess for the
/// word as typed costs one pack.
#[test]
fn words_found_as_typed_are_ranked_after_one_round_of_fetching() {
    let (whole, core, packs) = dfat_whole_and_packed();
    let options = SearchOptions { limit: 0, facets: false, ..SearchOptions::default() };
    for query in ["Evatt", "Korea armistice", "\"neutral zone\"", "Chifley wool", "Peking", "Vishinsky"] {
        let mut index = Index::open(core.clone()).unwrap();
        let (results, rounds, _) = search_packed(&mut index, packs, query, &options);
        assert_eq!(rounds, 1, "{query:?}");
        assert_eq!(results.total, search(whole, query, &options).unwrap().total, "{query:?}");
    }
    // A `prefix*` fetches the words packs of its opening with the stems packs
    // of the same range, then the lists of the words it found.
    for query in ["repatriat*", "imm*", "trustee*", "Evat*"] {
        let mut index = Index::open(core.clone()).unwrap();
        let first_round = match search(&index, query, &options) {
            Err(SearchError::Index(FormatError::PacksNotLoaded { packs })) => packs,
            other => panic!("{query:?}: {other:?}"),
        };
        assert!(
            first_round.iter().all(|p| p.kind != PackKind::Postings),
            "{query:?}: no list guessed: {first_round:?}"
        );
        let (results, rounds, _) = search_packed(&mut index, packs, query, &options);
        assert_eq!(rounds, 2, "{query:?}");
        assert_eq!(results.total, search(whole, query, &options).unwrap().total, "{query:?}");
    }
    let mut index = Index::open(core.clone()).unwrap();
    let first_round = match search(&index, "Menzeis", &options) {
        Err(SearchError::Index(FormatError::PacksNotLoaded { packs })) => packs,
        other => panic!("{other:?}"),
    };
    let guessed: Vec<&PackId> = first_round.iter().filter(|p| p.kind == PackKind::Postings).collect();
    assert!(guessed.len() <= 1, "{first_round:?}");
    let (results, rounds, _) = search_packed(&mut index, packs, "Menzeis", &options);
    assert_eq!(rounds, 3, "its stems pack, its opening's words, its corrections' lists");
    assert_eq!(results.suggestion.as_deref(), Some("menzies"));
    // Corrections whose stems lie in other stems packs than the word's own
    // fetch their lists with those packs.
    for query in ["Nuaru", "peace setlement"] {
        let mut index = Index::open(core.clone()).unwrap();
        let (results, rounds, _) = search_packed(&mut index, packs, query, &options);
        assert_eq!(rounds, 3, "{query:?}");
        assert_eq!(results.total, search(whole, query, &options).unwrap().total, "{query:?}");
    }
    for (query, suggestion) in [("Chifely", "chifley"), ("Manchruia", "manchuria"), ("plebsicite", "plebiscite")] {
        let mut index = Index::open(core.clone()).unwrap();
        let (results, rounds, _) = search_packed(&mut index, packs, query, &options);
        // Two when the corrections' stems and lists lie in the packs the word as typed fetched.
        assert!(rounds <= 3, "{query:?}: {rounds} rounds");
        assert_eq!(results.suggestion.as_deref(), Some(suggestion), "{query:?}");
        assert_eq!(results.total, search(whole, query, &options).unwrap().total, "{query:?}");
    }
}

/// A document a search showed opens by its number (the page's module
/// remembers the numbers of the hits it showed): no ids pack, and nothing at
/// all when the search fetched its block and the query's stems.
#[test]
fn a_shown_document_renders_by_its_number_without_fetching() {
    let (whole, core, packs) = dfat_whole_and_packed();
    let mut index = Index::open(core.clone()).unwrap();
    let options = SearchOptions { limit: 5, facets: false, ..SearchOptions::default() };
    let (results, _, _) = search_packed(&mut index, packs, "uranium", &options);
    let id = &results.hits[4].id;
    let doc = whole.doc_number(id).unwrap().unwrap();
    let expected = render_id(whole, id, "uranium").unwrap();
    assert_eq!(render_number(&index, doc, "uranium").unwrap(), expected);
    // Its id alone would need the pack of ids holding it.
    match render_id(&index, id, "uranium") {
        Err(RenderError::Index(FormatError::PacksNotLoaded { packs })) => {
            assert!(packs.iter().all(|p| p.kind == PackKind::Ids), "{packs:?}")
        }
        other => panic!("{other:?}"),
    }
    // Another query's words: only their stems packs.
    match render_number(&index, doc, "Evatt") {
        Err(RenderError::Index(FormatError::PacksNotLoaded { packs })) => {
            assert!(packs.iter().all(|p| p.kind == PackKind::Stems), "{packs:?}")
        }
        other => panic!("{other:?}"),
    }
}

/// The browser module asks for what `packs_to_fetch` adds to a ranking's
/// missing packs: the store's dictionary with a query's postings. That must
/// leave the last round only the blocks of the documents shown. The page's
/// first search asks for no counts (`facets: false`), so no round waits for
/// the facet table; the counts, asked next, fetch it alone and match a
/// whole index's.
#[test]
fn with_the_store_dictionary_fetched_early_the_documents_need_only_their_blocks() {
    let bytes = build("dfat-1923-1949");
    let parts = split(&bytes, PackSizes::default()).unwrap();
    let packs: HashMap<PackId, Vec<u8>> = parts.packs.into_iter().collect();
    let mut index = Index::open(parts.core).unwrap();
    let dictionary = PackId { kind: PackKind::Store, number: 0 };
    assert_eq!(index.store().missing_dictionary(), Some(dictionary));
    // Not for a search that shows no documents, nor before postings are asked for.
    let postings = vec![PackId { kind: PackKind::Postings, number: 0 }];
    let counting = SearchOptions { limit: 0, ..SearchOptions::default() };
    assert_eq!(packs_to_fetch(&index, &counting, postings.clone()), postings);
    let stems = vec![PackId { kind: PackKind::Stems, number: 0 }];
    assert_eq!(packs_to_fetch(&index, &SearchOptions::default(), stems.clone()), stems);
    let options = SearchOptions { limit: 5, facets: false, ..SearchOptions::default() };
    let answer = |index: &mut Index<Vec<u8>>, options: &SearchOptions| {
        let mut rounds: Vec<Vec<PackId>> = Vec::new();
        loop {
            match search(index, "Evatt", options) {
                Ok(results) => return (results, rounds),
                Err(SearchError::Index(FormatError::PacksNotLoaded { packs: wanted })) => {
                    let wanted = packs_to_fetch(index, options, wanted);
                    for pack in &wanted {
                        index.add_pack(*pack, packs[pack].clone()).unwrap();
                    }
                    rounds.push(wanted);
                }
                Err(e) => panic!("{e}"),
            }
        }
    };
    let (results, rounds) = answer(&mut index, &options);
    assert_eq!(results.hits.len(), 5);
    assert_eq!(results.facets, Default::default(), "no counts asked for");
    assert!(results.timeline.is_empty());
    let kinds = |round: &Vec<PackId>| round.iter().map(|p| p.kind).collect::<Vec<_>>();
    // The word's list travels with its stems pack (see `packs::PackTable::postings_pack_for`).
    assert_eq!(rounds.len(), 2, "stems with the list, then blocks: {rounds:?}");
    assert_eq!(kinds(&rounds[0]), [PackKind::Postings, PackKind::Stems, PackKind::Store], "{rounds:?}");
    assert_eq!(rounds[0][2], dictionary);
    assert!(rounds[1].iter().all(|p| p.kind == PackKind::Store && *p != dictionary), "{rounds:?}");
    assert!(!rounds[1].is_empty() && rounds[1].len() <= 5, "{rounds:?}");
    assert_eq!(index.store().missing_dictionary(), None);

    let counting = SearchOptions { limit: 0, ..SearchOptions::default() };
    let (counts, rounds) = answer(&mut index, &counting);
    assert_eq!(rounds, [vec![PackId { kind: PackKind::Facets, number: 0 }]], "the facet table alone");
    let whole = search(&Index::open(bytes.clone()).unwrap(), "Evatt", &counting).unwrap();
    assert_eq!((counts.total, &counts.facets, &counts.timeline), (whole.total, &whole.facets, &whole.timeline));
    assert_eq!(counts.total, results.total);
    assert!(!counts.facets.year.is_empty() && !counts.timeline.is_empty());

    // A query that filters needs the table before it can rank: in the dictionaries' round.
    let mut fresh = Index::open(split(&bytes, PackSizes::default()).unwrap().core).unwrap();
    let filtered =
        SearchOptions { limit: 0, facets: false, date_from: Some("1945".into()), ..SearchOptions::default() };
    let (_, rounds) = answer(&mut fresh, &filtered);
    assert_eq!(rounds.len(), 1, "{rounds:?}");
    assert_eq!(kinds(&rounds[0]), [PackKind::Postings, PackKind::Stems, PackKind::Facets], "{rounds:?}");
}

#[test]
fn damaged_foreign_and_unknown_packs_are_refused() {
    let bytes = build("seeds");
    let parts = split(
        &bytes,
        PackSizes { postings: 1024, postings_alone: 2048, store: 1024, stems: 1024, words: 1024, ids: 1024 },
    )
    .unwrap();
    let mut packed = Index::open(parts.core.clone()).unwrap();
    let (first, good) = parts.packs[0].clone();
    let (second, _) = parts.packs[1].clone();
    let mut flipped = good.clone();
    flipped[0] ^= 1;
    let error = packed.add_pack(first, flipped).unwrap_err().to_string();
    assert!(error.contains(&first.to_string()) && error.contains("checksum"), "{error}");
    assert!(packed.add_pack(first, good[1..].to_vec()).unwrap_err().to_string().contains("length"));
    assert!(packed.add_pack(second, good.clone()).is_err(), "another pack's bytes");
    let beyond = PackId { number: 1_000_000, ..first };
    assert!(packed.add_pack(beyond, good.clone()).unwrap_err().to_string().contains("no such pack"));
    packed.add_pack(first, good.clone()).unwrap();
    // A whole index takes no packs; a packed one is not split twice.
    let mut whole = Index::open(bytes).unwrap();
    assert!(whole.add_pack(first, good).is_err());
    assert!(split(&parts.core, PackSizes::default()).is_err());
}

/// Damage to the postings or store of a whole index, which then is split: the
/// packs carry valid checksums over hostile bytes, as a crafted site could.
/// Every query and render must answer or fail, never panic.
#[test]
fn hostile_bytes_inside_packs_with_valid_checksums_never_panic() {
    use carrel::index::format::{FileWriter, SectionId, SectionTable};
    let bytes = build("seeds");
    let table = SectionTable::read(&bytes).unwrap();
    let mut cases = 0;
    for target in [SectionId::Postings, SectionId::Store] {
        let range = table.range(target).unwrap();
        for at in (range.start..range.end).step_by(29) {
            for value in [0x00, 0x80, 0xff] {
                let mut writer = FileWriter::default();
                for id in SectionId::ALL {
                    let mut section = bytes[table.range(id).unwrap()].to_vec();
                    if id == target {
                        section[at - range.start] = value;
                    }
                    writer.add(id, section);
                }
                let damaged = writer.finish();
                let Ok(parts) = split(
                    &damaged,
                    PackSizes { postings: 64, postings_alone: 128, store: 64, stems: 64, words: 64, ids: 64 },
                ) else {
                    continue;
                };
                cases += 1;
                let outcome = std::panic::catch_unwind(|| {
                    let mut index = Index::open(parts.core).unwrap();
                    for (pack, pack_bytes) in parts.packs {
                        index.add_pack(pack, pack_bytes).unwrap();
                    }
                    for query in QUERIES {
                        let _ = search(&index, query, &SearchOptions::default());
                    }
                    for id in ["000_ad696c1dd75bbb07", "002_e2543635f4802185"] {
                        let _ = render_id(&index, id, "armistice");
                    }
                });
                assert!(outcome.is_ok(), "{target} byte {} set to {value:#x}", at - range.start);
            }
        }
    }
    assert!(cases > 500, "only {cases} damaged indexes could be split");
}

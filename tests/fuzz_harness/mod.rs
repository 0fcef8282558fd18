//! What each fuzz target does with one input, shared by the fuzzers in
//! `fuzz/` (which include this file) and by `tests/fuzz_regressions.rs`,
//! which replays every input in `tests/fixtures/fuzz-regressions/TARGET/`
//! under plain `cargo test`. Every function must return without panicking,
//! whatever the bytes.

use carrel::document::{Document, PartialDate};
use carrel::index::Index;
use carrel::index::builder::IndexBuilder;
use carrel::search;
use carrel::search::{MatchMode, SearchOptions};
use carrel::text::variants::Variants;
use carrel::view::render::render_id;
use std::sync::OnceLock;

/// `query_parse`: any string parses or is refused for its size, and the
/// canonical form of a parsed query parses to the same query.
pub fn query_parse(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else { return };
    if let Ok(query) = carrel::query::parse(input) {
        let canonical = query.to_string();
        assert_eq!(carrel::query::parse(&canonical).ok(), Some(query), "{input:?} → {canonical:?}");
    }
}

/// `corpus_readers`: any text is read by every reader into a document or an
/// error.
pub fn corpus_readers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = carrel::corpus::parse_archive_page(text, "fuzz/page");
    let _ = carrel::corpus::parse_markdown(text, "fuzz/markdown");
    let _ = carrel::corpus::parse_jsonl(text);
    let _ = carrel::corpus::parse_html(text, "fuzz/page.html");
}

const QUERIES: [&str; 8] =
    ["armistice", "\"neutral zone\"", "repat*", "Vishinksy", "korea -stalin", "", "title:letter OR from:mao", "a*"];

/// `index_open_search`: any bytes are opened or refused; an opened index
/// answers searches and renders.
///
/// Mutated bytes almost never carry a valid checksum, so unless the lowest
/// bit of byte 20 (the first reserved byte, zero in a real index) is set,
/// the version is set to the current one and the checksum field (bytes
/// 16..20) is rewritten the way `format.rs` computes it: the fuzzer then explores the section decoders, as a crafted
/// file could, and setting that bit explores the checksum refusal.
pub fn index_open_search(data: &[u8]) {
    let mut bytes = data.to_vec();
    if bytes.len() >= 24 && bytes[20].is_multiple_of(2) {
        // Past the version check too, so inputs saved under an older format
        // keep reaching the section readers.
        bytes[8..12].copy_from_slice(&carrel::index::format::FORMAT_VERSION.to_le_bytes());
        let crc = checksum(&bytes);
        bytes[16..20].copy_from_slice(&crc.to_le_bytes());
    }
    let Ok(index) = Index::open(bytes) else { return };
    let any = SearchOptions { mode: MatchMode::Any, ..SearchOptions::default() };
    for query in QUERIES {
        let _ = search(&index, query, &SearchOptions::default());
        let _ = search(&index, query, &any);
    }
    for id in ["000_ad696c1dd75bbb07", "002_e2543635f4802185", "x"] {
        let _ = render_id(&index, id, "armistice stalin");
    }
}

/// CRC-32 (IEEE) of the file except bytes 16..20, as `format.rs` computes it.
fn checksum(file: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in file[..16].iter().chain(&file[20..]) {
        crc ^= byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// `search_queries`: any string typed into the search box of a small
/// collection is answered (or refused) and can be used to render a document.
pub fn search_queries(data: &[u8]) {
    let Ok(query) = std::str::from_utf8(data) else { return };
    let index = small_index();
    let _ = search(index, query, &SearchOptions::default());
    let _ = render_id(index, "volume-1/1-armistice", query);
}

/// Three documents with the features queries reach: stems, phrases, variants
/// and abbreviations, hyphenated names, file numbers, dates, facets, ids with
/// `/` and `-`, several scripts.
fn small_index() -> &'static Index<Vec<u8>> {
    static INDEX: OnceLock<Index<Vec<u8>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let doc = |id: &str, title: &str, date: &str, kind: &str, body: &[&str]| Document {
            id: id.into(),
            title: title.into(),
            date: PartialDate::parse_iso(date),
            doc_type: Some(kind.into()),
            from: Some("Zhou En-lai".into()),
            body: body.iter().map(|p| p.to_string()).collect(),
            footnotes: vec!["See 795.00/7–2552.".into()],
            ..Document::default()
        };
        let mut builder = IndexBuilder::new("fuzz");
        builder.set_variants(Variants::defaults());
        builder.add(doc(
            "volume-1/1-armistice",
            "Armistice talks at Panmunjŏm",
            "1951-06-14",
            "Letter",
            &[
                "The armistice negotiations; Chou En-lai spoke of “Alternative B”.",
                "USG wld not force repatriation of PWs.",
            ],
        ));
        builder.add(doc(
            "volume-1/2-peking",
            "Peking talks",
            "1952",
            "Telegram",
            &["Talks in Peiping on an armistice line with Vyshinsky present.", "周恩来 and Москва; إعلان; <script>"],
        ));
        builder.add(doc(
            "c",
            "Wool",
            "1938-02",
            "Memorandum",
            &["Wool exports to Japan; Menzies agreed. U.S.A. 38th."],
        ));
        Index::open(builder.finish().0).expect("a fresh index opens")
    })
}

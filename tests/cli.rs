//! End-to-end: the `carrel` tool over the five seed documents.

mod common;

use common::{carrel, corpus, ok, scratch};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

fn seeds() -> PathBuf {
    corpus("seeds")
}

/// The seeds indexed once for all tests.
fn seed_index() -> &'static str {
    static INDEX: OnceLock<String> = OnceLock::new();
    INDEX.get_or_init(|| {
        let path = scratch("seeds").join("seeds.carrel");
        let out = carrel(&["index", seeds().to_str().unwrap(), "--out", path.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains("indexed 5 documents"));
        path.to_str().unwrap().to_string()
    })
}

fn search(query: &str) -> Value {
    serde_json::from_str(&ok(&["search", seed_index(), query, "--json"])).unwrap()
}

fn ids(results: &Value) -> Vec<String> {
    results["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn json_has_exactly_the_documented_shape() {
    let results = search("armistice");
    let mut keys: Vec<&str> = results.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["hits", "suggestion", "total"]);
    let hit = results["hits"][0].as_object().unwrap();
    let mut keys: Vec<&str> = hit.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["date", "id", "lang", "score", "snippet", "title", "type"]);
    assert_eq!(results["total"].as_u64().unwrap(), 3);
    for hit in results["hits"].as_array().unwrap() {
        let date = hit["date"].as_str().unwrap();
        assert_eq!(date.len(), 10, "{date}");
    }
}

#[test]
fn a_phrase_is_found_only_where_it_occurs() {
    assert_eq!(ids(&search("\"neutral zone\"")), ["001_af3db66149b6bde9"]);
    assert!(ids(&search("\"zone neutral\"")).is_empty());
    assert_eq!(ids(&search("\"Alternative B\"")), ["002_e2543635f4802185"]);
}

#[test]
fn a_misspelt_name_is_still_found_with_a_suggestion() {
    let results = search("Vishinksy");
    assert!(ids(&results).contains(&"002_e2543635f4802185".to_string()), "{results}");
    assert_eq!(results["suggestion"], "vishinsky");
}

#[test]
fn a_stemmed_word_matches_other_forms() {
    let results = search("repatriated");
    let found = ids(&results);
    assert!(found.contains(&"002_e2543635f4802185".to_string()));
    assert!(found.contains(&"000_ad696c1dd75bbb07".to_string()));
    let snippet = results["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.to_lowercase().contains("<mark>repatriat"), "{snippet}");
}

#[test]
fn exclusion_is_honoured() {
    let both = ids(&search("\"Korean question\""));
    assert_eq!(both.len(), 2);
    assert_eq!(ids(&search("\"Korean question\" -Mexicans")), ["002_e2543635f4802185"]);
}

#[test]
fn snippets_mark_the_matched_words() {
    let results = search("neutral zone");
    let snippet = results["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>neutral</mark> <mark>zone</mark>"), "{snippet}");
    assert!(!snippet.contains("<mark>the</mark>"));
}

#[test]
fn edition_marks_are_not_words() {
    assert!(ids(&search("\"Page 423\"")).is_empty());
}

#[test]
fn render_marks_matches_and_sets_footnotes_apart() {
    let html = ok(&["render", seed_index(), "002_e2543635f4802185", "Vishinsky"]);
    assert!(html.contains("id=\"match-1\""));
    assert!(html.contains("class=\"carrel-footnotes\""));
    assert!(!html.contains("[Page"));
    let missing = carrel(&["render", seed_index(), "no-such-id"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-id"));
}

#[test]
fn trec_batch_mode_prints_run_lines() {
    let queries = scratch("trec").join("q.tsv");
    std::fs::write(&queries, "1\tarmistice\n2\tneutral zone\n").unwrap();
    let out = ok(&["search", seed_index(), "--queries", queries.to_str().unwrap(), "--trec"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    let fields: Vec<&str> = lines[0].split(' ').collect();
    assert_eq!((fields[0], fields[1], fields[3], fields[5]), ("1", "Q0", "1", "carrel"));
    assert!(lines.iter().any(|l| l.starts_with("2 Q0 001_af3db66149b6bde9 1 ")));
}

#[test]
fn bench_packed_counts_the_rounds_of_fetching_a_page_makes() {
    let queries = scratch("bench-packed").join("q.txt");
    // A word found as typed: its stems pack with its list (and the store's dictionary), then its blocks.
    std::fs::write(&queries, "# one word\narmistice\n").unwrap();
    let out = ok(&["bench", seed_index(), "--queries", queries.to_str().unwrap(), "--passes", "1", "--packed"]);
    let line = out.lines().find(|l| l.starts_with("packed as `carrel build` packs it")).expect(&out);
    assert!(line.contains(": 2.00 rounds of fetching per query (1 in 2), "), "{line}");
}

#[test]
fn corrupted_truncated_and_foreign_indexes_are_refused() {
    let bytes = std::fs::read(seed_index()).unwrap();
    let dir = scratch("corrupt");
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x10;
    let mut wrong_version = bytes.clone();
    wrong_version[8] = 200;
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("flipped", flipped, "corrupt"),
        ("truncated", bytes[..bytes.len() - 100].to_vec(), "truncated"),
        ("version", wrong_version, "format version 200"),
        ("foreign", b"{\"not\": \"an index\"}".to_vec(), "not a Carrel index"),
    ];
    for (name, content, message) in cases {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        let out = carrel(&["search", path.to_str().unwrap(), "armistice"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name}");
        assert!(stderr.contains(message) && stderr.contains(name), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn the_same_collection_gives_identical_bytes() {
    let dir = scratch("determinism");
    let again = dir.join("again.carrel");
    ok(&["index", seeds().to_str().unwrap(), "--out", again.to_str().unwrap()]);
    assert_eq!(std::fs::read(seed_index()).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn bad_input_names_the_file_and_keep_going_reports_it() {
    let dir = scratch("bad-input");
    std::fs::write(dir.join("good.txt"), "A title\n\nSome body text about the armistice.").unwrap();
    std::fs::write(dir.join("bad.txt"), [0x41, 0xff, 0xfe, 0x41]).unwrap();
    let out_file = dir.join("out.carrel");
    let failed = carrel(&["index", dir.to_str().unwrap(), "--out", out_file.to_str().unwrap()]);
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("bad.txt"), "{stderr}");
    let kept = carrel(&["index", dir.to_str().unwrap(), "--keep-going", "--out", out_file.to_str().unwrap()]);
    assert!(kept.status.success());
    let stderr = String::from_utf8_lossy(&kept.stderr);
    assert!(stderr.contains("skipped 1 file") && stderr.contains("bad.txt"), "{stderr}");
    assert!(stderr.contains("indexed 1 documents"), "{stderr}");
    let missing = carrel(&["index", "/no/such/folder", "--out", out_file.to_str().unwrap()]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/folder"));
}

#[test]
fn help_lists_every_command() {
    let help = ok(&["--help"]);
    for command in ["index", "search", "render", "build"] {
        assert!(help.contains(command), "{help}");
    }
    assert!(ok(&["search", "--help"]).contains("--trec"));
}

#[test]
fn several_folders_share_an_id_space_below_their_common_parent() {
    let dir = scratch("folders");
    for (folder, title) in [("one", "First"), ("two", "Second")] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        std::fs::write(dir.join(folder).join("178-telegram.txt"), format!("{title}\n\nText about wool.")).unwrap();
    }
    let index = dir.join("i.carrel");
    ok(&[
        "index",
        dir.join("one").to_str().unwrap(),
        dir.join("two").to_str().unwrap(),
        "--out",
        index.to_str().unwrap(),
    ]);
    let results: Value = serde_json::from_str(&ok(&["search", index.to_str().unwrap(), "wool", "--json"])).unwrap();
    let mut found = ids(&results);
    found.sort();
    assert_eq!(found, ["one/178-telegram", "two/178-telegram"]);
}

//! End-to-end: what makes Carrel an archive's search — name variants,
//! telegraphese, facets, dates, sorting, browsing and citations — over the
//! seeds and the DFAT folder.

mod common;

use common::{carrel, corpus, ok, scratch};
use serde_json::Value;
use std::sync::OnceLock;

fn index_of(name: &str, cell: &'static OnceLock<String>) -> &'static str {
    cell.get_or_init(|| {
        let path = scratch(name).join("index.carrel");
        ok(&["index", corpus(name).to_str().unwrap(), "--out", path.to_str().unwrap()]);
        path.to_str().unwrap().to_string()
    })
}

fn seeds() -> &'static str {
    static INDEX: OnceLock<String> = OnceLock::new();
    index_of("seeds", &INDEX)
}

fn dfat() -> &'static str {
    static INDEX: OnceLock<String> = OnceLock::new();
    index_of("dfat-1923-1949", &INDEX)
}

fn search(index: &str, query: &str, extra: &[&str]) -> Value {
    let mut args = vec!["search", index, query, "--json", "--full", "--limit", "1000"];
    args.extend(extra);
    serde_json::from_str(&ok(&args)).unwrap()
}

fn ids(results: &Value) -> Vec<String> {
    let mut ids: Vec<String> =
        results["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect();
    ids.sort();
    ids
}

const FRUS_1952: &str = "002_e2543635f4802185";
const STALIN_TELEGRAM: &str = "003_765af40944eb1042";
const FRUS_1951: &str = "004_543ec0455553e979";

#[test]
fn spelling_variants_of_names_find_each_other() {
    for query in ["Vyshinsky", "Vishinsky"] {
        assert_eq!(ids(&search(seeds(), query, &[])), [FRUS_1952, FRUS_1951], "{query}");
    }
    for query in ["Zhou Enlai", "Chou En-lai", "\"Chou En-lai\""] {
        assert_eq!(ids(&search(seeds(), query, &[])), [FRUS_1952, STALIN_TELEGRAM], "{query}");
    }
    for query in ["Peking", "Peiping", "Beijing"] {
        assert_eq!(ids(&search(seeds(), query, &[])), [FRUS_1952, STALIN_TELEGRAM], "{query}");
    }
    // Filippov, Stalin's code name, finds the telegram that names only Stalin.
    assert!(ids(&search(seeds(), "Filippov", &[])).contains(&FRUS_1951.to_string()));
}

#[test]
fn a_variant_is_highlighted_like_the_name_typed() {
    let results = search(seeds(), "Zhou Enlai", &[]);
    let frus = results["hits"].as_array().unwrap().iter().find(|h| h["id"] == FRUS_1952).unwrap();
    assert!(frus["snippet"].as_str().unwrap().contains("<mark>Chou En-lai</mark>"), "{frus}");
}

#[test]
fn telegraphese_is_found_from_the_words_written_out() {
    for (query, abbreviation) in
        [("would", "wld"), ("Soviets", "Sovs"), ("government", "Govt"), ("prisoners of war", "PWs/POWs")]
    {
        let results = search(seeds(), query, &[]);
        let frus = results["hits"].as_array().unwrap().iter().find(|h| h["id"] == FRUS_1952);
        let snippet = frus.unwrap_or_else(|| panic!("{query}: {results}"))["snippet"].as_str().unwrap();
        assert!(abbreviation.split('/').any(|a| snippet.contains(&format!("<mark>{a}</mark>"))), "{query}: {snippet}");
    }
}

#[test]
fn a_curators_variants_file_is_compiled_in_and_bad_lines_are_named() {
    let dir = scratch("variants");
    let file = dir.join("mine.txt");
    std::fs::write(&file, "# my names\nKrasovsky | Krasowski\n").unwrap();
    let index = dir.join("i.carrel");
    let seeds_dir = corpus("seeds");
    ok(&["index", seeds_dir.to_str().unwrap(), "--variants", file.to_str().unwrap(), "--out", index.to_str().unwrap()]);
    assert_eq!(ids(&search(index.to_str().unwrap(), "Krasowski", &[])), [STALIN_TELEGRAM]);
    std::fs::write(&file, "Krasovsky | Krasowski\nlonely\n").unwrap();
    let out = carrel(&[
        "index",
        seeds_dir.to_str().unwrap(),
        "--variants",
        file.to_str().unwrap(),
        "--out",
        index.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("mine.txt:2"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn browsing_sorting_and_date_ranges_on_the_seeds() {
    let all = search(seeds(), "", &[]);
    assert_eq!(all["total"], 5);
    let dates: Vec<&str> = all["hits"].as_array().unwrap().iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["1951-06-05", "1951-06-14", "1951-09-21", "1952-07-25", "1952-09-17"]);
    let newest = search(seeds(), "", &["--sort", "date-desc"]);
    assert_eq!(newest["hits"][0]["date"], "1952-09-17");
    let summer = search(seeds(), "date:1951-06..1951-09", &[]);
    assert_eq!(summer["total"], 3);
    let same = search(seeds(), "", &["--date-from", "1951-06", "--date-to", "1951-09"]);
    assert_eq!(ids(&same), ids(&summer));
    let timeline: Vec<(&str, u64)> = all["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["period"].as_str().unwrap(), p["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(timeline, [("1951-06", 2), ("1951-09", 1), ("1952-07", 1), ("1952-09", 1)]);
}

#[test]
fn facets_count_and_filter_on_the_seeds() {
    let all = search(seeds(), "", &[]);
    let types: Vec<(&str, u64)> = all["facets"]["type"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["value"].as_str().unwrap(), f["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(types.iter().map(|t| t.1).sum::<u64>(), 5, "{types:?}");
    let telegrams = search(seeds(), "", &["--type", "Telegram"]);
    let expected = types.iter().find(|t| t.0 == "Telegram").unwrap().1;
    assert_eq!(telegrams["total"].as_u64().unwrap(), expected);
    assert!(telegrams["hits"].as_array().unwrap().iter().all(|h| h["type"] == "Telegram"));
    // The query syntax narrows the same way.
    assert_eq!(search(seeds(), "type:telegram", &[])["total"].as_u64().unwrap(), expected);
    assert_eq!(ids(&search(seeds(), "from:stalin", &[])), ["000_ad696c1dd75bbb07", STALIN_TELEGRAM]);
}

#[test]
fn a_document_carries_a_ready_citation() {
    let rendered: Value =
        serde_json::from_str(&ok(&["render", seeds(), STALIN_TELEGRAM, "armistice", "--json"])).unwrap();
    let citation = rendered["citation"].as_str().unwrap();
    for part in ["Telegram from", "June 5, 1951", "Wilson Center Digital Archive", "digitalarchive.wilsoncenter.org"] {
        assert!(citation.contains(part), "{citation}");
    }
    let frus: Value = serde_json::from_str(&ok(&["render", seeds(), FRUS_1952, "", "--json"])).unwrap();
    let citation = frus["citation"].as_str().unwrap();
    assert!(citation.contains("July 25, 1952") && citation.contains("795.00/7"), "{citation}");
    assert!(frus["html"].as_str().unwrap().contains("<dt>Record</dt>"));
}

/// Dates straight from the DFAT front matter, independently of Carrel.
fn dfat_dates() -> Vec<String> {
    let mut dates = Vec::new();
    let mut stack = vec![corpus("dfat-1923-1949")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") && !path.ends_with("SOURCE.md") {
                let text = std::fs::read_to_string(&path).unwrap();
                let date =
                    text.lines().find_map(|l| l.strip_prefix("doc_date: ")).unwrap_or("").trim_matches(['\'', '"']);
                dates.push(date.to_string());
            }
        }
    }
    dates
}

#[test]
fn a_date_filter_on_dfat_returns_exactly_the_documents_in_range() {
    let index = dfat();
    let results = search(index, "date:1942-01..1942-03", &[]);
    // A day in range, or a month wholly inside it, is certainly in range.
    let in_range = dfat_dates()
        .iter()
        .filter(|d| match d.len() {
            10 => ("1942-01-01"..="1942-03-31").contains(&d.as_str()),
            7 => ("1942-01"..="1942-03").contains(&d.as_str()),
            _ => false,
        })
        .count();
    assert_eq!(results["total"].as_u64().unwrap() as usize, in_range);
    assert!(in_range > 100);
    for hit in results["hits"].as_array().unwrap() {
        let date = hit["date"].as_str().unwrap();
        assert!(("1942-01"..="1942-03-31").contains(&date), "{date}");
    }
}

#[test]
fn dfat_facet_counts_add_up_to_the_total() {
    let index = dfat();
    for query in ["wool", "Evatt trusteeship", ""] {
        let results = search(index, query, &[]);
        let total = results["total"].as_u64().unwrap();
        let years: u64 =
            results["facets"]["year"].as_array().unwrap().iter().map(|f| f["count"].as_u64().unwrap()).sum();
        assert_eq!(years + results["undated"].as_u64().unwrap(), total, "{query}");
        let periods: u64 = results["timeline"].as_array().unwrap().iter().map(|p| p["count"].as_u64().unwrap()).sum();
        assert_eq!(periods + results["undated"].as_u64().unwrap(), total, "{query}");
        let types: u64 =
            results["facets"]["type"].as_array().unwrap().iter().map(|f| f["count"].as_u64().unwrap()).sum();
        assert!(types <= total && types > 0, "{query}");
    }
    let cablegrams = search(index, "wool", &["--type", "Cablegram"]);
    assert!(cablegrams["total"].as_u64().unwrap() > 0);
    assert!(cablegrams["hits"].as_array().unwrap().iter().all(|h| h["type"] == "Cablegram"));
}

#[test]
fn dfat_browse_by_year_and_collection() {
    let index = dfat();
    let results = search(index, "year:1945", &["--sort", "date-desc"]);
    let dates: Vec<&str> = results["hits"].as_array().unwrap().iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert!(!dates.is_empty() && dates.iter().all(|d| d.starts_with("1945")));
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let volumes = results["facets"]["collection"].as_array().unwrap();
    assert!(volumes.iter().any(|v| v["value"].as_str().unwrap().contains("1945")));
}

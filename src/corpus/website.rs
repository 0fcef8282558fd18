//! The pages of one website read together, so that what belongs to the site
//! is not taken for any page's text.
//!
//! A page alone cannot tell its own words from its site's: a related-links bar,
//! a "Show Source" link or a copyright line looks like any paragraph. Across a
//! site it can: what most pages repeat is the site's. A paragraph is left out
//! as site chrome when more than half the site's pages hold it *and* at least
//! half the paragraphs beside it (in the same list, bar or box) are repeated
//! too — so a bar of links goes, while a "SECRET" or "Yours faithfully" among a
//! letter's own paragraphs stays. Every text left out is reported, with the
//! number of pages it was on, so nothing goes quietly.
//!
//! The title is the page's own: its one `<h1>` (unless most pages share it, as
//! a logo), else its `<title>` without the prefix or suffix most pages share
//! ("… — Widget 2.4 documentation"), else any `<h1>`, else the file's name.

use super::catalogue;
use super::doc_types::DocumentTypes;
use super::doc_types::SHIPPED;
use super::error::{CorpusErrorKind, ParseError};
use super::html::{Block, Page, read_page};
use crate::document::Document;
use std::collections::{HashMap, HashSet};

/// Reads one HTML page as a document on its own (no site around it). `id`
/// becomes the document's id; its last path segment is the title when the
/// page has neither `<h1>` nor `<title>`.
pub fn parse_html(text: &str, id: &str) -> Result<Document, ParseError> {
    let page = read_page(text, id)?;
    read_pages(&[page], &SHIPPED).documents.pop().expect("one page in, one result out")
}

/// Fewest pages a site needs before repetition can mark its chrome: with
/// fewer, two letters that both say "Dear Sir," would be a "site".
const FEWEST_PAGES_FOR_CHROME: usize = 4;

/// A `<title>` longer than this is not searched for the site's name: real
/// ones are short, and the search costs grow with the square of the length.
const LONGEST_TITLE_ELEMENT: usize = 300; // bytes

/// What separates a page's name from its site's in a `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" — ", " – ", " - ", " | ", " · ", " • ", " :: ", " » "];

/// The pages of a site, read.
#[derive(Debug)]
pub(crate) struct SiteRead {
    /// One result per page, in the order given.
    pub documents: Vec<Result<Document, ParseError>>,
    /// Per page: characters of text kept and characters a reader sees.
    pub kept: Vec<(usize, usize)>,
    /// Texts left out as site chrome, with the number of pages that held
    /// them, most frequent first.
    pub chrome: Vec<(String, usize)>,
}

/// Reads the pages of one site (a single page is a site of one).
pub(crate) fn read_pages(pages: &[Page], types: &DocumentTypes) -> SiteRead {
    let repeated = repeated_texts(pages);
    let titles: Vec<&str> = pages.iter().filter_map(|p| p.title_element.as_deref()).collect();
    let affixes = Affixes::shared_by(&titles);
    let mut chrome: HashMap<String, usize> = HashMap::new();
    let mut read = SiteRead { documents: Vec::new(), kept: Vec::new(), chrome: Vec::new() };
    for page in pages {
        let left_out = chrome_blocks(&page.blocks, &repeated);
        for (block, &out) in page.blocks.iter().zip(&left_out) {
            if out {
                chrome.insert(block.text.clone(), repeated[block.text.as_str()]);
            }
        }
        let own: Vec<&Block> = page.blocks.iter().zip(&left_out).filter(|(_, out)| !**out).map(|(b, _)| b).collect();
        let kept = own.iter().map(|b| b.text.chars().count()).sum();
        read.kept.push((kept, page.visible_chars));
        read.documents.push(finish(page, &own, &affixes, types));
    }
    read.chrome = chrome.into_iter().collect();
    read.chrome.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    read
}

/// The page's document from its own blocks.
fn finish(page: &Page, own: &[&Block], affixes: &Affixes, types: &DocumentTypes) -> Result<Document, ParseError> {
    if own.is_empty() {
        return Err(ParseError::new(CorpusErrorKind::EmptyBody));
    }
    let mut doc = page.doc.clone();
    let h1s: Vec<&str> = own.iter().filter(|b| b.heading == Some(1)).map(|b| b.text.as_str()).collect();
    let stem = doc.id.rsplit('/').next().unwrap_or(&doc.id).to_string();
    doc.title = match h1s.as_slice() {
        [only] => only.to_string(),
        _ => page
            .title_element
            .as_deref()
            .map(|t| affixes.strip(t))
            .or(page.any_h1.as_deref())
            .map_or(stem, str::to_string),
    };
    doc.body = own.iter().map(|b| b.text.clone()).collect();
    let opening_line = doc.body.iter().find(|p| **p != doc.title).cloned();
    catalogue::complete(&mut doc, opening_line.as_deref(), types);
    Ok(doc)
}

/// Each text held by more than half the pages (of a site large enough), with
/// the number of pages holding it. Cost: one hash insert per distinct
/// paragraph per page.
fn repeated_texts(pages: &[Page]) -> HashMap<&str, usize> {
    if pages.len() < FEWEST_PAGES_FOR_CHROME {
        return HashMap::new();
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for page in pages {
        let distinct: HashSet<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        for text in distinct {
            *counts.entry(text).or_default() += 1;
        }
    }
    counts.retain(|_, count| *count * 2 > pages.len());
    counts
}

/// Which blocks are chrome: repeated across the site, and standing among
/// blocks at least half of which are repeated too.
fn chrome_blocks(blocks: &[Block], repeated: &HashMap<&str, usize>) -> Vec<bool> {
    let is_repeated: Vec<bool> = blocks.iter().map(|b| repeated.contains_key(b.text.as_str())).collect();
    let mut share: HashMap<u32, (usize, usize)> = HashMap::new();
    for (block, &rep) in blocks.iter().zip(&is_repeated) {
        let entry = share.entry(block.container).or_default();
        entry.0 += usize::from(rep);
        entry.1 += 1;
    }
    blocks
        .iter()
        .zip(&is_repeated)
        .map(|(block, &rep)| {
            let (repeated, all) = share[&block.container];
            rep && repeated * 2 >= all
        })
        .collect()
}

/// The site's name as most `<title>`s carry it, before or after the page's.
#[derive(Debug, Default, PartialEq, Eq)]
struct Affixes {
    prefix: Option<String>,
    suffix: Option<String>,
}

impl Affixes {
    /// The longest prefix and suffix (each ending or starting at a
    /// separator) that more than half of `titles`, and at least two, share.
    fn shared_by(titles: &[&str]) -> Affixes {
        let mut prefixes: HashMap<&str, usize> = HashMap::new();
        let mut suffixes: HashMap<&str, usize> = HashMap::new();
        for title in titles.iter().filter(|t| t.len() <= LONGEST_TITLE_ELEMENT) {
            let mut seen_prefixes = HashSet::new();
            let mut seen_suffixes = HashSet::new();
            for separator in TITLE_SEPARATORS {
                for (at, _) in title.match_indices(separator) {
                    seen_prefixes.insert(&title[..at + separator.len()]);
                    seen_suffixes.insert(&title[at..]);
                }
            }
            for prefix in seen_prefixes {
                *prefixes.entry(prefix).or_default() += 1;
            }
            for suffix in seen_suffixes {
                *suffixes.entry(suffix).or_default() += 1;
            }
        }
        let longest = |counts: HashMap<&str, usize>| {
            counts
                .into_iter()
                .filter(|(_, count)| *count >= 2 && *count * 2 > titles.len())
                .max_by_key(|(text, _)| (text.len(), *text))
                .map(|(text, _)| text.to_string())
        };
        Affixes { prefix: longest(prefixes), suffix: longest(suffixes) }
    }

    /// `title` without the site's prefix and suffix, unless nothing would be left.
    fn strip<'t>(&self, title: &'t str) -> &'t str {
        let mut stripped = title;
        if let Some(rest) = self.suffix.as_deref().and_then(|s| stripped.strip_suffix(s)) {
            stripped = rest;
        }
        if let Some(rest) = self.prefix.as_deref().and_then(|p| stripped.strip_prefix(p)) {
            stripped = rest;
        }
        let stripped = stripped.trim();
        if stripped.is_empty() { title } else { stripped }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::html::read_page;

    fn site(pages: &[(&str, String)]) -> SiteRead {
        let pages: Vec<Page> = pages.iter().map(|(id, html)| read_page(html, id).unwrap()).collect();
        read_pages(&pages, &DocumentTypes::defaults())
    }

    /// A page of a made-up museum site: a links bar repeated on every page
    /// (no landmark marks it), the page's own text, and a repeated footer line.
    fn museum_page(title: &str, text: &str) -> String {
        format!(
            "<html><head><title>{title} | The Harbour Museum</title></head><body>\
             <div class=\"links\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/visit\">Plan your visit</a></li>\
             <li><a href=\"/shop\">Shop</a></li><li>{title}</li></ul></div>\
             <div class=\"content\"><h2>{title}</h2><p>{text}</p><p>Yours faithfully,</p></div>\
             <div class=\"foot\"><p>Open daily 10–5</p><p>Registered charity 12345</p></div></body></html>"
        )
    }

    #[test]
    fn repeated_bars_are_chrome_but_repeated_lines_among_own_text_are_not() {
        let pages: Vec<(&str, String)> = [
            ("a", "Letter from the harbourmaster", "The tide tables were wrong all week."),
            ("b", "Letter to the Town Council", "We ask for a new lamp at the pier."),
            ("c", "Letter from a sailor", "I shall be home by Christmas."),
            ("d", "Letter to the editor", "The museum's new wing is a credit to the town."),
        ]
        .iter()
        .map(|(id, title, text)| (*id, museum_page(title, text)))
        .collect();
        let read = site(&pages);
        let doc = read.documents[1].as_ref().unwrap();
        assert_eq!(doc.title, "Letter to the Town Council");
        assert_eq!(
            doc.body,
            [
                "Letter to the Town Council",
                "Letter to the Town Council",
                "We ask for a new lamp at the pier.",
                "Yours faithfully,"
            ]
        );
        assert_eq!((doc.doc_type.as_deref(), doc.to.as_deref()), (Some("Letter"), Some("the Town Council")));
        let chrome: Vec<(&str, usize)> = read.chrome.iter().map(|(t, n)| (t.as_str(), *n)).collect();
        assert_eq!(
            chrome,
            [("Home", 4), ("Open daily 10–5", 4), ("Plan your visit", 4), ("Registered charity 12345", 4), ("Shop", 4)]
        );
        let (kept, visible) = read.kept[1];
        assert_eq!(kept, doc.body.iter().map(|p| p.chars().count()).sum::<usize>());
        assert!(visible > kept);
    }

    #[test]
    fn a_small_folder_of_pages_has_no_chrome() {
        let pages: Vec<(&str, String)> =
            vec![("a", museum_page("One", "First.")), ("b", museum_page("Two", "Second."))];
        let read = site(&pages);
        assert!(read.chrome.is_empty());
        assert!(read.documents[0].as_ref().unwrap().body.contains(&"Shop".to_string()));
        assert_eq!(read.documents[0].as_ref().unwrap().title, "One");
    }

    #[test]
    fn the_shared_title_suffix_or_prefix_is_the_sites() {
        let affixes = Affixes::shared_by(&[
            "6. Expressions — Widget 2.4 documentation",
            "Installing — Widget 2.4 documentation",
            "Index — Widget 2.4 documentation",
            "Widget — the manual",
        ]);
        assert_eq!(affixes.suffix.as_deref(), Some(" — Widget 2.4 documentation"));
        assert_eq!(affixes.prefix, None);
        assert_eq!(affixes.strip("6. Expressions — Widget 2.4 documentation"), "6. Expressions");
        assert_eq!(affixes.strip("Widget — the manual"), "Widget — the manual");
        let affixes = Affixes::shared_by(&["Museum | Letters", "Museum | Maps", "Museum | Visit"]);
        assert_eq!(affixes.prefix.as_deref(), Some("Museum | "));
        assert_eq!(affixes.strip("Museum | Maps"), "Maps");
        assert_eq!(Affixes::shared_by(&["Only - one"]), Affixes::default());
    }

    #[test]
    fn a_page_that_is_all_chrome_is_empty() {
        let mut pages: Vec<(&str, String)> = ["a", "b", "c", "d"]
            .iter()
            .map(|id| (*id, "<ul><li>Home</li><li>Shop</li></ul><p>Own text of the page.</p>".replace("Own", id)))
            .collect();
        pages.push(("e", "<ul><li>Home</li><li>Shop</li></ul>".to_string()));
        let read = site(&pages);
        assert!(matches!(read.documents[4].as_ref().unwrap_err().kind, CorpusErrorKind::EmptyBody));
        assert_eq!(read.documents[0].as_ref().unwrap().body, ["a text of the page."]);
    }

    // One page read on its own, as `parse_html` reads it.
    const PAGE: &str = r#"<!doctype html>
<html lang="en"><head>
<title>Letter &amp; reply — Caf&eacute; archive</title>
<meta name="description" content="A letter &quot;about&quot; coffee.">
<meta name="author" content="A. Writer">
<meta name="date" content="1951-06-14">
<style>p { color: red }</style>
<script>var secret = "tracking";</script>
</head><body>
<header><h1>Site banner</h1></header>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<main>
  <h1>Letter &amp; reply</h1>
  <p>Dear   friend,<br>the caf&eacute; is <b>open</b>&nbsp;again.</p>
  <script>document.write("injected")</script>
  <ul><li>One &lt;item&gt;</li><li>Two</li></ul>
  <aside>Related: nothing</aside>
  <div>Loose text<p>Inner para</p>tail</div>
</main>
<footer>© Archive</footer>
</body></html>"#;

    #[test]
    fn main_content_without_scripts_navigation_or_furniture() {
        let doc = parse_html(PAGE, "pages/letter").unwrap();
        assert_eq!(doc.title, "Letter & reply");
        assert_eq!(doc.summary.as_deref(), Some("A letter \"about\" coffee."));
        assert_eq!(doc.from.as_deref(), Some("A. Writer"));
        assert_eq!(doc.date.unwrap().to_string(), "1951-06-14");
        assert_eq!(
            doc.body,
            [
                "Letter & reply",
                "Dear friend, the café is open again.",
                "One <item>",
                "Two",
                "Loose text",
                "Inner para",
                "tail"
            ]
        );
        assert_eq!(doc.language.as_deref(), Some("en"));
        assert!(doc.metadata.is_empty(), "{:?}", doc.metadata);
        let all = doc.body.join(" ");
        for furniture in ["tracking", "injected", "Home", "Related", "Archive", "banner", "color"] {
            assert!(!all.contains(furniture), "{furniture} in {all}");
        }
    }

    #[test]
    fn body_is_used_without_main_and_title_falls_back() {
        let doc = parse_html("<p>Only <i>text</i>.</p><time datetime=\"1952-07\">July</time>", "x/plain").unwrap();
        assert_eq!(doc.title, "plain");
        assert_eq!(doc.body, ["Only text.", "July"]);
        assert_eq!(doc.date.unwrap().to_string(), "1952-07");
        let doc = parse_html("<body><h1>Heading</h1><p>t</p></body>", "h").unwrap();
        assert_eq!(doc.title, "Heading");
    }

    #[test]
    fn a_page_of_only_furniture_is_empty() {
        let err = parse_html("<html><body><nav>Menu</nav><script>x()</script></body></html>", "e").unwrap_err();
        assert!(matches!(err.kind, CorpusErrorKind::EmptyBody));
    }

    #[test]
    fn every_article_and_the_header_preamble_are_kept_in_order() {
        let page = "<html><head><title>Charter</title></head><body><h1>The Charter</h1>\
            <header><h2>Preamble</h2><p>Whereas all people are free,</p></header>\
            <article><h2>Article 1</h2><p>First right.</p><footer>Note to article 1.</footer></article>\
            <article><h2>Article 2</h2><p>Second right.</p></article>\
            <section><h2>Article 3</h2><p>Third right.</p></section>\
            <footer>© The Society</footer></body></html>";
        let doc = parse_html(page, "charter").unwrap();
        assert_eq!(doc.title, "The Charter");
        assert_eq!(
            doc.body,
            [
                "The Charter",
                "Preamble",
                "Whereas all people are free,",
                "Article 1",
                "First right.",
                "Note to article 1.",
                "Article 2",
                "Second right.",
                "Article 3",
                "Third right."
            ]
        );
    }

    #[test]
    fn meta_tags_state_fields() {
        let page = "<head><meta name=\"DC.type\" content=\"Telegram\"><meta name=\"dc.creator\" content=\"Okafor\">\
                    <title>Cable to Lagos</title></head><body><p>Text.</p></body>";
        let doc = parse_html(page, "t").unwrap();
        assert_eq!(doc.doc_type.as_deref(), Some("Telegram"));
        assert_eq!((doc.from.as_deref(), doc.to.as_deref()), (Some("Okafor"), Some("Lagos")));
    }

    #[test]
    fn the_content_names_its_language_before_the_page_does() {
        let page = r#"<html lang="en"><body><nav>Menu</nav><main lang="de"><p>Alle Menschen sind frei.</p></main></body></html>"#;
        assert_eq!(parse_html(page, "de").unwrap().language.as_deref(), Some("de"));
        let page = r#"<html lang="fr"><body><p>Tous les êtres humains naissent libres.</p></body></html>"#;
        assert_eq!(parse_html(page, "fr").unwrap().language.as_deref(), Some("fr"));
        let page = r#"<html><body><article lang="ru"><p>Все люди рождаются свободными.</p></article></body></html>"#;
        assert_eq!(parse_html(page, "ru").unwrap().language.as_deref(), Some("ru"));
        assert_eq!(parse_html("<p>No tag.</p>", "none").unwrap().language, None);
    }
}

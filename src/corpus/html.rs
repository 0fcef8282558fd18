//! Saved web pages (`.html`, `.htm`): the page's own content, its headings,
//! and the fields its `<meta>` tags state.
//!
//! A page saved from a website is mostly website: menus, banners, sidebars,
//! scripts. The document is the page's main content: its `<main>` elements
//! (or `role="main"`), all of them; else the whole `<body>`, with every
//! `<article>`, `<header>` and `<section>` kept in order — a declaration of 30
//! articles or a blog's index is one document, never its first article.
//! Left out are landmarks that are not content, whether marked by element or
//! by ARIA role (`nav`/`navigation`, `aside`/`complementary`, `search`,
//! `role="banner"`, a page-level `footer`/`contentinfo`), hidden elements,
//! forms and buttons, scripts and styles, and heading permalinks ("¶"). A
//! `<header>` is kept: pages put a document's heading and preamble there, and a
//! site's banner is told apart by its role or, across a site, by repeating on
//! most pages (see `website`). Paragraphs are the page's block elements; each
//! remembers the element that holds it, so that `website` can tell a repeated
//! bar of links from a repeated line inside a document.
//!
//! Parsing is html5ever's (through `scraper`), so broken markup and entities
//! are handled as a browser would.

use super::dates::parse_date;
use super::error::{CorpusErrorKind, ParseError};
use super::language;
use super::paragraphs::clean_field;
use crate::document::Document;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// Elements whose content is never the document's text, wherever they are.
const NEVER_TEXT: &[&str] = &["head", "noscript", "script", "style", "svg", "template"];

/// Elements that are site furniture, not content (besides [`NEVER_TEXT`]).
const NOT_CONTENT: &[&str] = &["aside", "button", "dialog", "form", "iframe", "nav", "search", "select"];

/// ARIA landmark roles that are not a page's content.
const NOT_CONTENT_ROLES: &[&str] = &["banner", "complementary", "contentinfo", "navigation", "search"];

/// Elements inside which a `<footer>` belongs to that part, not to the site.
const SECTIONING: &[&str] = &["article", "aside", "main", "nav", "section"];

/// Elements that begin and end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// `<meta name=…>` (or `property=…`) values that give the date, in preference order.
const DATE_NAMES: &[&str] = &["date", "dc.date", "dcterms.date", "citation_date", "article:published_time"];

static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static META: LazyLock<Selector> = LazyLock::new(|| selector("meta[content]"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector("link[rel=canonical][href]"));
static MAIN: LazyLock<Selector> = LazyLock::new(|| selector("main, [role=main]"));
static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));
static ARTICLE: LazyLock<Selector> = LazyLock::new(|| selector("article"));

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("the selectors of this module are valid CSS")
}

/// A page read on its own, before the rest of its site is known.
#[derive(Clone, Debug)]
pub(crate) struct Page {
    /// Fields from `<meta>` tags and the `<html lang>`; title and body are
    /// filled in by `website`.
    pub doc: Document,
    /// The content's paragraphs, in reading order.
    pub blocks: Vec<Block>,
    /// The `<title>` element's text.
    pub title_element: Option<String>,
    /// The first `<h1>` anywhere on the page, the title of last resort.
    pub any_h1: Option<String>,
    /// Characters of text a reader sees on the page (its body without
    /// scripts, styles and hidden elements).
    pub visible_chars: usize,
}

/// One paragraph of a page's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    pub text: String,
    /// Which element holds the paragraph's own element (a list for an item,
    /// a section for a paragraph): numbered in document order, per page.
    pub container: u32,
    /// 1 for an `<h1>`, … 6 for an `<h6>`; `None` for other blocks.
    pub heading: Option<u8>,
}

/// Reads a page's content, fields and title candidates. Fails with
/// [`CorpusErrorKind::EmptyBody`] when the page has no content text.
pub(crate) fn read_page(text: &str, id: &str) -> Result<Page, ParseError> {
    let html = Html::parse_document(text);
    let mut doc = Document { id: id.to_string(), ..Document::default() };
    read_meta(&html, &mut doc);
    let body = html.select(&BODY).next().unwrap_or_else(|| html.root_element());
    let mains = outermost_mains(body);
    let roots = if mains.is_empty() { vec![body] } else { mains };
    // The language the content says it is in, else the page's, else the body's.
    let sole_article = {
        let mut articles = body.select(&ARTICLE);
        articles.next().filter(|_| articles.next().is_none())
    };
    doc.language = roots
        .iter()
        .copied()
        .chain(sole_article)
        .chain([html.root_element(), body])
        .find_map(|e| e.attr("lang").and_then(language::from_field));
    let mut blocks = Vec::new();
    let mut next_id = 0;
    for root in roots {
        blocks.extend(paragraphs(root, Reading::Content, &mut next_id));
    }
    if blocks.is_empty() {
        return Err(ParseError::new(CorpusErrorKind::EmptyBody));
    }
    let visible_chars = paragraphs(body, Reading::Visible, &mut next_id).iter().map(|b| b.text.chars().count()).sum();
    Ok(Page { doc, blocks, title_element: first_text(&html, &TITLE), any_h1: first_text(&html, &H1), visible_chars })
}

/// Summary, author, type, date, canonical address, keywords and language.
fn read_meta(html: &Html, doc: &mut Document) {
    let meta = |names: &[&str]| {
        names.iter().find_map(|wanted| {
            html.select(&META).find_map(|m| {
                let name = m.attr("name").or_else(|| m.attr("property"))?;
                name.eq_ignore_ascii_case(wanted).then(|| m.attr("content")).flatten().and_then(clean_field)
            })
        })
    };
    doc.summary = meta(&["description", "og:description"]);
    doc.from = meta(&["author", "dc.creator", "dcterms.creator"]);
    doc.doc_type = meta(&["dc.type", "dcterms.type"]);
    doc.url = html.select(&CANONICAL).find_map(|l| l.attr("href").and_then(clean_field)).or_else(|| meta(&["og:url"]));
    let date = meta(DATE_NAMES).or_else(|| html.select(&TIME).find_map(|t| t.attr("datetime").and_then(clean_field)));
    if let Some(date) = date {
        doc.date = parse_date(&date);
        if doc.date.is_none() {
            doc.metadata.push(("date".into(), date));
        }
    }
    if let Some(keywords) = meta(&["keywords"]) {
        doc.metadata.push(("keywords".into(), keywords));
    }
    doc.metadata.sort();
}

fn first_text(html: &Html, selector: &Selector) -> Option<String> {
    html.select(selector).find_map(|e| clean_field(&e.text().collect::<String>()))
}

/// What a walk over the page keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// The document's text: no site furniture.
    Content,
    /// All a reader sees, to measure how much of it the content kept.
    Visible,
}

/// The `<main>` (or `role="main"`) elements under `root` that no other one
/// holds, in document order; hidden ones are not content. Iterative, one pass.
fn outermost_mains(root: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut found = Vec::new();
    let mut stack = vec![root];
    while let Some(element) = stack.pop() {
        if element.attr("hidden").is_some() {
            continue;
        }
        if MAIN.matches(&element) {
            found.push(element);
            continue;
        }
        stack.extend(element.child_elements().collect::<Vec<_>>().into_iter().rev());
    }
    found
}

/// Whether `element` (and all inside it) is left out of this reading.
/// `in_section` tells whether an element holding it is a sectioning one,
/// which makes a `<footer>` that part's rather than the site's.
fn left_out(element: ElementRef<'_>, reading: Reading, in_section: bool) -> bool {
    let value: &Element = element.value();
    let name = value.name();
    if NEVER_TEXT.contains(&name) || value.attr("hidden").is_some() {
        return true;
    }
    if reading == Reading::Visible {
        return false;
    }
    let role = value.attr("role").and_then(|r| r.split_whitespace().next()).map(str::to_ascii_lowercase);
    NOT_CONTENT.contains(&name)
        || role.is_some_and(|role| NOT_CONTENT_ROLES.contains(&role.as_str()))
        || (name == "footer" && !in_section)
        || is_permalink(element)
}

fn is_sectioning(element: &ElementRef<'_>) -> bool {
    SECTIONING.contains(&element.value().name()) || MAIN.matches(element)
}

/// A link to a place on the same page shown as a sign ("¶", "#", "§"),
/// as generators put after headings.
fn is_permalink(element: ElementRef<'_>) -> bool {
    element.value().name() == "a"
        && element.attr("href").is_some_and(|href| href.starts_with('#'))
        && !element.text().any(|t| t.chars().any(char::is_alphanumeric))
}

/// The text under `root` as paragraphs, one per block element, each with the
/// number of the element holding it. Iterative (no recursion), so hostile
/// nesting depth cannot overflow the stack; one pass over the subtree.
fn paragraphs(root: ElementRef<'_>, reading: Reading, next_id: &mut u32) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current = String::new();
    // Open block elements, innermost last: (number, heading level).
    let mut open: Vec<(u32, Option<u8>)> = Vec::new();
    // (node, closing, in_section): a block element is pushed twice, to
    // flush when it opens and when it closes.
    let mut stack = vec![(*root, false, false)];
    while let Some((node, closing, in_section)) = stack.pop() {
        if closing {
            flush(&mut current, &open, &mut out);
            open.pop();
            continue;
        }
        match node.value() {
            Node::Text(text) => current.push_str(text),
            Node::Element(element) => {
                let element_ref = ElementRef::wrap(node).expect("an element node");
                if left_out(element_ref, reading, in_section) {
                    continue;
                }
                let inside = in_section || is_sectioning(&element_ref);
                let name = element.name();
                if name == "br" {
                    current.push(' ');
                }
                if BLOCKS.contains(&name) {
                    flush(&mut current, &open, &mut out);
                    open.push((*next_id, heading_level(name)));
                    *next_id += 1;
                    stack.push((node, true, inside));
                }
                stack.extend(node.children().rev().map(|child| (child, false, inside)));
            }
            _ => {}
        }
    }
    flush(&mut current, &open, &mut out);
    out
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', level @ b'1'..=b'6'] => Some(level - b'0'),
        _ => None,
    }
}

fn flush(current: &mut String, open: &[(u32, Option<u8>)], out: &mut Vec<Block>) {
    if let Some(text) = clean_field(current) {
        let own = open.last().copied().unwrap_or((0, None));
        let container = open.len().checked_sub(2).map_or(own.0, |at| open[at].0);
        out.push(Block { text, container, heading: own.1 });
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &Page) -> Vec<&str> {
        page.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn aria_landmarks_count_like_their_elements() {
        let page = r##"<body>
            <div role="banner"><a href="/">The Museum</a></div>
            <div role="navigation"><ul><li>Collections</li><li>Visit</li></ul></div>
            <div role="search"><label>Search the site</label></div>
            <div class="page">
              <div role="main"><h1>Letters of 1923<a class="headerlink" href="#letters">¶</a></h1><p>Forty letters.</p></div>
              <div role="complementary"><h3>Previous topic</h3><p>Show Source</p></div>
            </div>
            <div role="contentinfo">© 2024 The Museum</div>
            <main hidden>Old content</main>
            </body>"##;
        let read = read_page(page, "p").unwrap();
        assert_eq!(texts(&read), ["Letters of 1923", "Forty letters."]);
        assert_eq!(read.blocks[0].heading, Some(1));
        let page = page.replace("role=\"main\"", "class=\"body\"");
        let read = read_page(&page, "p").unwrap();
        assert_eq!(texts(&read), ["Letters of 1923", "Forty letters."]);
    }

    #[test]
    fn several_main_elements_are_all_kept() {
        let read = read_page("<main><p>One.</p></main><nav>x</nav><main><p>Two.</p></main>", "m").unwrap();
        assert_eq!(texts(&read), ["One.", "Two."]);
    }

    #[test]
    fn blocks_know_the_element_that_holds_them() {
        let read = read_page("<div><ul><li>a</li><li>b</li></ul><p>c</p></div><p>d</p>", "c").unwrap();
        let containers: Vec<u32> = read.blocks.iter().map(|b| b.container).collect();
        assert_eq!(containers[0], containers[1], "items share their list");
        assert_ne!(containers[1], containers[2]);
        assert_ne!(containers[2], containers[3]);
    }

    #[test]
    fn visible_text_counts_what_a_reader_sees() {
        let read = read_page(
            "<body><nav>Menu item</nav><main><p>Body text</p></main><script>hidden()</script><p hidden>gone</p></body>",
            "v",
        )
        .unwrap();
        assert_eq!(read.visible_chars, "Menu item".len() + "Body text".len());
    }
}

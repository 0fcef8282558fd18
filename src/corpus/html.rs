//! Saved web pages (`.html`, `.htm`).
//!
//! A page saved from a website is mostly website: menus, banners, scripts,
//! cookie notices. The document is the `<main>` or `<article>` element when the
//! page has exactly one, else the `<body>` (a page of several articles is
//! their sum), minus the parts that are never content (scripts, styles,
//! navigation, headers, footers, asides, forms). Paragraphs are the page's
//! block elements. The page's `<meta>` tags give summary, date and author;
//! the `lang` of the content element, else of `<html>`, its language. Parsing is html5ever's (through `scraper`), so broken markup and
//! entities are handled as a browser would.

use super::dates::parse_date;
use super::error::{CorpusErrorKind, ParseError};
use super::language;
use super::paragraphs::clean_field;
use crate::document::Document;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// Elements whose content is never the document's text.
const SKIPPED: &[&str] =
    &["aside", "footer", "form", "head", "header", "iframe", "nav", "noscript", "script", "style", "svg", "template"];

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
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
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
static CONTENT: LazyLock<[Selector; 3]> = LazyLock::new(|| [selector("main"), selector("article"), selector("body")]);

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("the selectors of this module are valid CSS")
}

/// Reads one HTML page. `id` becomes the document's id; its last path
/// segment is the title when the page has neither `<title>` nor `<h1>`.
pub fn parse_html(text: &str, id: &str) -> Result<Document, ParseError> {
    let page = Html::parse_document(text);
    let stem = id.rsplit('/').next().unwrap_or(id);
    let mut doc = Document {
        id: id.to_string(),
        title: first_text(&page, &TITLE).or_else(|| first_text(&page, &H1)).unwrap_or_else(|| stem.to_string()),
        ..Document::default()
    };
    let meta = |names: &[&str]| {
        names.iter().find_map(|wanted| {
            page.select(&META).find_map(|m| {
                let name = m.attr("name").or_else(|| m.attr("property"))?;
                name.eq_ignore_ascii_case(wanted).then(|| m.attr("content")).flatten().and_then(clean_field)
            })
        })
    };
    doc.summary = meta(&["description", "og:description"]);
    doc.from = meta(&["author"]);
    doc.url = page.select(&CANONICAL).find_map(|l| l.attr("href").and_then(clean_field)).or_else(|| meta(&["og:url"]));
    let date = meta(DATE_NAMES).or_else(|| page.select(&TIME).find_map(|t| t.attr("datetime").and_then(clean_field)));
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

    let content = CONTENT.iter().find_map(|s| sole(page.select(s))).unwrap_or_else(|| page.root_element());
    doc.language = [content, page.root_element()].iter().find_map(|e| e.attr("lang").and_then(language::from_field));
    doc.body = paragraphs(content);
    if doc.body.is_empty() {
        return Err(ParseError::new(CorpusErrorKind::EmptyBody));
    }
    Ok(doc)
}

/// The only element found, or `None` when there are none or several.
fn sole<'a>(mut found: impl Iterator<Item = ElementRef<'a>>) -> Option<ElementRef<'a>> {
    let first = found.next();
    if found.next().is_some() { None } else { first }
}

fn first_text(page: &Html, selector: &Selector) -> Option<String> {
    page.select(selector).find_map(|e| clean_field(&e.text().collect::<String>()))
}

/// The text of `root` as paragraphs, one per block element, skipping the
/// elements that are never content. Iterative (no recursion), so hostile
/// nesting depth cannot overflow the stack; one pass over the subtree.
fn paragraphs(root: ElementRef<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    // (node, closing): a block element is pushed twice, to flush when it
    // opens and when it closes.
    let mut stack = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        if closing {
            flush(&mut current, &mut out);
            continue;
        }
        match node.value() {
            Node::Text(text) => current.push_str(text),
            Node::Element(element) => {
                let name = element.name();
                if SKIPPED.contains(&name) {
                    continue;
                }
                if name == "br" {
                    current.push(' ');
                }
                if BLOCKS.contains(&name) {
                    flush(&mut current, &mut out);
                    stack.push((node, true));
                }
                stack.extend(node.children().rev().map(|child| (child, false)));
            }
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    if let Some(paragraph) = clean_field(current) {
        out.push(paragraph);
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(doc.title, "Letter & reply — Café archive");
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
        assert!(doc.metadata.is_empty());
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
    fn several_articles_are_read_whole_with_the_content_language() {
        let page = r#"<html lang="en"><body lang="de-1996"><h1>Erklärung</h1>
            <article><h2>Artikel 1</h2><p>Alle Menschen</p></article>
            <article><h2>Artikel 2</h2><p>Jeder hat Anspruch</p></article></body></html>"#;
        let doc = parse_html(page, "deu").unwrap();
        assert_eq!(doc.body, ["Erklärung", "Artikel 1", "Alle Menschen", "Artikel 2", "Jeder hat Anspruch"]);
        assert_eq!(doc.language.as_deref(), Some("de-1996"));
    }

    #[test]
    fn a_page_of_only_furniture_is_empty() {
        let err = parse_html("<html><body><nav>Menu</nav><script>x()</script></body></html>", "e").unwrap_err();
        assert!(matches!(err.kind, CorpusErrorKind::EmptyBody));
    }
}

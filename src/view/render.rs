//! Rendering a document for reading: the whole text as safe HTML, with a
//! metadata header, paragraphs kept, footnotes set apart and the query's
//! matches marked and numbered so a reader can step between them.
//!
//! Every piece of document text passes through [`crate::view::html::escape`];
//! the only markup is the fixed structure written here. No `style` attributes,
//! links or scripts are produced, so the result is safe under a strict CSP.
//! The document's URL is returned beside the HTML, and only when it is a web
//! address.

use super::html::{escape, write_marked};
use crate::document::Document;
use crate::index::Index;
use crate::index::format::FormatError;
use crate::search::{SearchError, highlights_for};
use crate::text::highlights::Highlights;
use crate::text::language::{Analyzer, is_right_to_left};
use crate::view::citation::{cite, long_date, web_url};
use serde::Serialize;
use std::fmt::Write;

/// A rendered document: its fields for the page, and the HTML.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RenderedDocument {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub summary: Option<String>,
    pub collection: Option<String>,
    pub source: Option<String>,
    pub record: Option<String>,
    /// The document's web address (`http:` or `https:` only; see
    /// [`crate::view::citation::web_url`]), safe to use as a link.
    pub url: Option<String>,
    /// The language tag the document is written in.
    pub lang: Option<String>,
    pub metadata: Vec<(String, String)>,
    /// Chicago-style citation, plain text.
    pub citation: String,
    /// Safe HTML of the whole document.
    pub html: String,
    /// Number of `<mark>`s in `html` (ids `match-1`…).
    pub matches: usize,
}

/// Why a document cannot be rendered.
#[derive(Debug)]
#[non_exhaustive]
pub enum RenderError {
    NotFound {
        id: String,
    },
    Index(FormatError),
    /// The query given for highlighting is not valid.
    Query(crate::search::SearchError),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::NotFound { id } => write!(f, "no document has the id {id:?}"),
            RenderError::Index(e) => write!(f, "{e}"),
            RenderError::Query(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for RenderError {}

impl From<FormatError> for RenderError {
    fn from(e: FormatError) -> Self {
        RenderError::Index(e)
    }
}

/// Renders the document with id `id`, marking what `query` matches.
///
/// In a packed index a document opened from a link waits for the pack of
/// its id, the stems packs of the query's words and the store's dictionary:
/// they are asked for together, then its block, so it shows after two rounds
/// of fetching rather than three.
pub fn render_id<D: AsRef<[u8]>>(index: &Index<D>, id: &str, query: &str) -> Result<RenderedDocument, RenderError> {
    let doc = index.doc_number(id);
    let highlights = highlights_for(index, query);
    let mut waiting = Vec::new();
    if let Err(FormatError::PacksNotLoaded { packs }) = &doc {
        waiting.extend_from_slice(packs);
    }
    if let Err(SearchError::Index(FormatError::PacksNotLoaded { packs })) = &highlights {
        waiting.extend_from_slice(packs);
    }
    if !waiting.is_empty() {
        waiting.extend(index.store().missing_dictionary());
        return Err(packs_not_loaded(waiting));
    }
    let doc = doc?.ok_or_else(|| RenderError::NotFound { id: id.to_string() })?;
    render_marked(index, doc, highlights)
}

/// Renders document number `doc` (one a search showed, whose id need not be
/// looked up), marking what `query` matches. A packed index asks for its
/// block and the query's stems packs in one round.
pub fn render_number<D: AsRef<[u8]>>(index: &Index<D>, doc: u32, query: &str) -> Result<RenderedDocument, RenderError> {
    render_marked(index, doc, highlights_for(index, query))
}

/// Renders document number `doc` with `highlights`, once its block is in.
fn render_marked<D: AsRef<[u8]>>(
    index: &Index<D>,
    doc: u32,
    highlights: Result<Highlights, SearchError>,
) -> Result<RenderedDocument, RenderError> {
    let mut waiting = index.store().missing(&[doc])?;
    if let Err(SearchError::Index(FormatError::PacksNotLoaded { packs })) = &highlights {
        waiting.extend_from_slice(packs);
    }
    if !waiting.is_empty() {
        return Err(packs_not_loaded(waiting));
    }
    let highlights = highlights.map_err(RenderError::Query)?;
    Ok(render(index.document(doc)?, &highlights))
}

/// The error naming `packs`, each once, in order.
fn packs_not_loaded(mut packs: Vec<crate::index::packs::PackId>) -> RenderError {
    crate::sort_once::stable_by(&mut packs, &Ord::cmp);
    packs.dedup();
    FormatError::PacksNotLoaded { packs }.into()
}

/// Renders `document`, marking `highlights` as its language reads them.
/// The article carries the document's `lang` and direction, so a browser
/// picks the right fonts and an Arabic text reads right to left in any page.
/// Cost: analyses the whole text once; output about 1.1× the text.
pub fn render(document: Document, highlights: &Highlights) -> RenderedDocument {
    let mut html = String::with_capacity(document.body.iter().map(String::len).sum::<usize>() * 11 / 10 + 512);
    let mut count = 0usize;
    let analyzer = Analyzer::for_language(document.language.as_deref());
    let mut marked = |text: &str, out: &mut String| {
        let (ranges, _) = highlights.find_as(text, analyzer);
        write_marked(text, &ranges, out, |o| {
            count += 1;
            let _ = write!(o, "<mark class=\"carrel-match\" id=\"match-{count}\" data-match=\"{count}\">");
        });
    };

    html.push_str("<article class=\"carrel-document\"");
    if let Some(tag) = &document.language {
        html.push_str(" lang=\"");
        escape(tag, &mut html);
        html.push_str(if is_right_to_left(tag) { "\" dir=\"rtl\"" } else { "\" dir=\"ltr\"" });
    }
    html.push_str(">\n<header class=\"carrel-document-header\">\n<h1>");
    marked(&document.title, &mut html);
    html.push_str("</h1>\n<dl class=\"carrel-metadata\">\n");
    let field = |label: &str, value: &str, html: &mut String| {
        html.push_str("<div><dt>");
        escape(label, html);
        html.push_str("</dt><dd>");
        escape(value, html);
        html.push_str("</dd></div>\n");
    };
    if let Some(date) = document.date {
        field("Date", &long_date(date), &mut html);
    }
    for (label, value) in [
        ("Type", &document.doc_type),
        ("From", &document.from),
        ("To", &document.to),
        ("Collection", &document.collection),
        ("Source", &document.source),
        ("Record", &document.record),
        ("Language", &document.language),
    ] {
        if let Some(value) = value {
            field(label, value, &mut html);
        }
    }
    for (key, value) in &document.metadata {
        field(&label_of(key), value, &mut html);
    }
    html.push_str("</dl>\n");
    if let Some(summary) = &document.summary {
        html.push_str("<p class=\"carrel-summary\">");
        marked(summary, &mut html);
        html.push_str("</p>\n");
    }
    html.push_str("</header>\n<div class=\"carrel-body\">\n");
    for paragraph in &document.body {
        html.push_str("<p>");
        marked(paragraph, &mut html);
        html.push_str("</p>\n");
    }
    html.push_str("</div>\n");
    if !document.footnotes.is_empty() {
        html.push_str("<section class=\"carrel-footnotes\" aria-label=\"Notes\">\n<h2>Notes</h2>\n<ol>\n");
        for note in &document.footnotes {
            html.push_str("<li>");
            marked(note, &mut html);
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n</section>\n");
    }
    html.push_str("</article>\n");

    RenderedDocument {
        citation: cite(&document),
        html,
        matches: count,
        date: document.date.map(|d| d.to_string()),
        id: document.id,
        title: document.title,
        doc_type: document.doc_type,
        from: document.from,
        to: document.to,
        summary: document.summary,
        collection: document.collection,
        source: document.source,
        record: document.record,
        // Only a web address: a page may make it a link.
        url: document.url.as_deref().and_then(web_url).map(str::to_string),
        lang: document.language,
        metadata: document.metadata,
    }
}

/// `original_uploaded_date` → `Original uploaded date`.
fn label_of(key: &str) -> String {
    let spaced = key.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    let mut label = String::with_capacity(spaced.len());
    if let Some(first) = chars.next() {
        label.push_str(&crate::text::case::uppercase(first.encode_utf8(&mut [0; 4])));
    }
    label.extend(chars);
    label
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::PartialDate;

    #[test]
    fn structure_is_kept_and_matches_numbered_in_order() {
        let document = Document {
            id: "x".into(),
            title: "Armistice talks".into(),
            date: PartialDate::parse_iso("1952-07-25"),
            body: vec!["First <b>para</b> on the armistice.".into(), "Second.".into()],
            footnotes: vec!["Armistice note.".into()],
            metadata: vec![("classification".into(), "top secret".into())],
            ..Document::default()
        };
        let highlights = Highlights { stems: ["armistic".to_string()].into(), phrases: Vec::new() };
        let rendered = render(document, &highlights);
        assert_eq!(rendered.matches, 3);
        let html = &rendered.html;
        assert!(
            html.contains(
                "<h1><mark class=\"carrel-match\" id=\"match-1\" data-match=\"1\">Armistice</mark> talks</h1>"
            )
        );
        assert!(html.contains("<p>First &lt;b&gt;para&lt;/b&gt; on the <mark class=\"carrel-match\" id=\"match-2\""));
        assert!(html.contains("<li><mark class=\"carrel-match\" id=\"match-3\""));
        assert!(html.contains("<dt>Classification</dt><dd>top secret</dd>"));
        assert!(html.contains("<dd>July 25, 1952</dd>"));
        assert!(!html.contains("style="));
    }

    #[test]
    fn the_article_carries_its_language_and_direction() {
        let document = |tag: &str, body: &str| Document {
            id: "x".into(),
            title: "t".into(),
            body: vec![body.into()],
            language: Some(tag.into()),
            ..Document::default()
        };
        let arabic = render(document("ar", "لكل إنسان حق"), &Highlights::default());
        assert!(arabic.html.starts_with("<article class=\"carrel-document\" lang=\"ar\" dir=\"rtl\">"));
        assert!(arabic.html.contains("<dt>Language</dt><dd>ar</dd>"));
        assert_eq!(arabic.lang.as_deref(), Some("ar"));
        let german = render(document("de-1996", "Alle Menschen"), &Highlights::default());
        assert!(german.html.starts_with("<article class=\"carrel-document\" lang=\"de-1996\" dir=\"ltr\">"));
    }
}

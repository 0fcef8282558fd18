//! Hostile text: documents full of markup, script, entities, bidirectional
//! overrides, invisible and control characters, many scripts, a title of
//! punctuation only and a 1 MB single line (`tests/fixtures/hostile/`, the
//! big file generated here).
//!
//! Indexing succeeds; every document is found by its words; snippets, the
//! rendered document and `carrel render` contain no markup but Carrel's own
//! (document text is only ever escaped text, so `<script`, `<img` and
//! `onerror=` appear only as `&lt;script` and plain words); decoding the
//! escaped text gives back exactly the stored text; and no URL but an
//! `http:`/`https:` one leaves the core.
//!
//! What the readers do with control characters: NUL and the other
//! non-whitespace controls (U+0000–U+001F, U+007F–U+009F) are removed, the
//! whitespace ones separate words; zero-width and bidirectional characters
//! are kept as text (see `corpus/paragraphs.rs`).

use carrel::corpus::read_collection;
use carrel::document::Document;
use carrel::index::Index;
use carrel::search;
use carrel::search::SearchOptions;
use carrel::view::render::render_id;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Size of the generated single-line document.
const BIG_BYTES: usize = 1 << 20;

struct Collection {
    dir: PathBuf,
    index_path: PathBuf,
    index: Index<Vec<u8>>,
    documents: HashMap<String, Document>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// The fixtures plus the big document, indexed once by the `carrel` tool.
fn collection() -> &'static Collection {
    static COLLECTION: OnceLock<Collection> = OnceLock::new();
    COLLECTION.get_or_init(|| {
        // Under target/ (gitignored), replaced on every run.
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile");
        let _ = std::fs::remove_dir_all(&root);
        let dir = root.join("documents");
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(fixtures()).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
        let mut line = String::with_capacity(BIG_BYTES + 64);
        let mut i = 0;
        while line.len() < BIG_BYTES {
            line.push_str(&format!("filler{} <b>&amp; ", i % 997));
            i += 1;
        }
        line.push_str("needleattheend");
        std::fs::write(dir.join("big.txt"), format!("A one-line megabyte\n\n{line}\n")).unwrap();

        let index_path = root.join("hostile.carrel");
        let out = Command::new(env!("CARGO_BIN_EXE_carrel"))
            .args(["index", dir.to_str().unwrap(), "--out", index_path.to_str().unwrap()])
            .output()
            .expect("carrel runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "indexing failed: {stderr}");
        assert!(stderr.contains("indexed 8 documents"), "{stderr}");

        let loaded = read_collection(std::slice::from_ref(&dir), false, &mut |_| {}).unwrap();
        let documents = loaded.documents.into_iter().map(|d| (d.id.clone(), d)).collect();
        let index = Index::open(std::fs::read(&index_path).unwrap()).unwrap();
        Collection { dir, index_path, index, documents }
    })
}

const IDS: [&str; 8] = [
    "big",
    "front-matter",
    "hostile/jsonl-1",
    "hostile/jsonl-2",
    "hostile/jsonl-3",
    "hostile/jsonl-4",
    "page",
    "plain-script",
];

fn ids(query: &str) -> Vec<String> {
    let options = SearchOptions { limit: 100, ..SearchOptions::default() };
    let results = search(&collection().index, query, &options).unwrap_or_else(|e| panic!("{query}: {e}"));
    results.hits.into_iter().map(|h| h.id).collect()
}

// --- Checking HTML: Carrel's markup only, and text that decodes back. ---

/// Elements and attributes Carrel writes; anything else came from a document.
const ELEMENTS: &[&str] =
    &["article", "header", "h1", "h2", "dl", "div", "dt", "dd", "p", "mark", "section", "ol", "li", "bdi"];
const ATTRIBUTES: &[&str] = &["class", "id", "data-match", "aria-label", "lang", "dir"];

/// Panics unless every tag in `html` is one Carrel writes, with only its
/// attributes, and the text between tags holds no `<` or `>`.
fn assert_only_carrel_markup(html: &str, context: &str) {
    let lower = html.to_ascii_lowercase();
    // As markup these would start with `<`; as text they are `&lt;script`.
    // (`onerror=`, `href=` and `javascript:` are harmless as text, and the
    // attribute check below keeps them out of tags.)
    for bad in ["<script", "<img", "<a ", "<iframe", "<svg", "<style", "<object", "<embed"] {
        assert!(!lower.contains(bad), "{context}: {bad:?} in {}", excerpt(html, &lower, bad));
    }
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        assert!(!rest[..open].contains('>'), "{context}: a stray `>` in text");
        let close = rest[open..].find('>').map(|k| open + k).unwrap_or_else(|| panic!("{context}: unclosed tag"));
        let tag = &rest[open + 1..close];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let mut parts = tag.split(' ');
        let name = parts.next().unwrap();
        assert!(ELEMENTS.contains(&name), "{context}: element <{name}>");
        for attribute in parts {
            let (key, value) = attribute.split_once('=').unwrap_or_else(|| panic!("{context}: attribute {attribute}"));
            assert!(ATTRIBUTES.contains(&key), "{context}: attribute {key}");
            assert!(value.starts_with('"') && value.ends_with('"'), "{context}: unquoted {attribute}");
        }
        rest = &rest[close + 1..];
    }
    assert!(!rest.contains('>'), "{context}: a stray `>` in text");
}

fn excerpt<'a>(html: &'a str, lower: &str, bad: &str) -> &'a str {
    let at = lower.find(bad).unwrap_or(0);
    let start = html.floor_char_boundary(at.saturating_sub(60));
    let end = html.ceil_char_boundary((at + 60).min(html.len()));
    &html[start..end]
}

/// The text of an HTML fragment: tags dropped, Carrel's five escapes decoded.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = &rest[open + rest[open..].find('>').unwrap() + 1..];
    }
    text.push_str(rest);
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// The contents of each `<open…>…</close>` in order.
fn elements<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        let body = &rest[start..];
        let body = &body[body.find('>').unwrap() + 1..];
        let end = body.find(close).unwrap();
        found.push(&body[..end]);
        rest = &body[end..];
    }
    found
}

// --- The tests. ---

#[test]
fn every_document_is_indexed_and_found_by_its_words() {
    let c = collection();
    let all: Vec<&str> = IDS.to_vec();
    let mut indexed: Vec<&str> = c.documents.keys().map(String::as_str).collect();
    indexed.sort();
    assert_eq!(indexed, all);
    assert_eq!(c.index.doc_count() as usize, all.len());
    let cases: &[(&str, &[&str])] = &[
        ("hostileplain", &["plain-script"]),
        ("hostilemarkdown", &["front-matter"]),
        ("hostilejsonl", &["hostile/jsonl-1"]),
        ("puncttitleonly", &["hostile/jsonl-2"]),
        ("hostiledataurl", &["hostile/jsonl-3"]),
        ("hostileweburl", &["hostile/jsonl-4"]),
        ("hostilehtml", &["page"]),
        ("needleattheend", &["big"]),
        // NUL between letters is removed: `a\0r\0m\0istice` is one word.
        ("armistice", &["plain-script"]),
        ("control done", &["plain-script"]),
        // Invisible characters inside a word do not split it; a zero-width
        // space does; a byte-order mark before a word is not part of it.
        ("munjom", &["plain-script"]),
        ("Seoul", &["plain-script"]),
        ("Москва", &["plain-script"]),
        ("Вышинский", &["page", "plain-script"]),
        ("السلام", &["page", "plain-script"]),
        ("周恩来", &["page", "plain-script"]),
        ("Panmunjom", &["plain-script"]),
        ("gnirts", &["plain-script"]),
        // Markup in text is text: its words are searchable where it was text.
        ("onerror", &["front-matter", "hostile/jsonl-1", "page", "plain-script"]),
        ("\"script alert 7 script\"", &["page"]),
        // Scripts and navigation of a web page are not its text.
        ("hostilescripttext", &[]),
        ("hostilenavigation", &[]),
    ];
    for (query, want) in cases {
        let mut found = ids(query);
        found.sort();
        assert_eq!(found, *want, "{query}");
    }
    for id in IDS {
        let found = ids(&format!("id:\"{id}\""));
        assert_eq!(found, [id], "id:{id}");
    }
}

#[test]
fn readers_keep_markup_as_text_and_drop_control_characters() {
    let c = collection();
    let doc = |id: &str| &c.documents[id];
    let all_text = |d: &Document| {
        let mut texts = vec![d.title.clone()];
        texts.extend(d.body.iter().cloned());
        texts.extend([&d.summary, &d.from, &d.to, &d.collection].into_iter().flatten().cloned());
        texts.join("\n")
    };
    for (id, document) in &c.documents {
        let text = all_text(document);
        assert!(!text.chars().any(|ch| ch.is_control() && ch != '\n'), "{id} keeps a control character");
    }
    let plain = all_text(doc("plain-script"));
    for kept in [
        "<script>alert('plain')</script>",
        "<img src=x onerror=alert(2)>",
        "&lt;script&gt; &amp;",
        "\u{202e}",
        "Pan\u{200b}mun\u{200d}jom",
        "🕊️👨‍👩‍👧",
    ] {
        assert!(plain.contains(kept), "plain-script lost {kept:?}");
    }
    assert!(plain.contains("armistice control done."), "{plain}");
    assert_eq!(doc("front-matter").from.as_deref(), Some("<script>alert(document.cookie)</script>"));
    assert!(doc("front-matter").title.starts_with("<img src=x onerror=alert('md')>"));
    // A web page's entities are decoded by the HTML parser: the text *is*
    // `<script>…`, and is escaped again on the way out.
    assert!(doc("page").title.starts_with("<script>alert('title')</script>"));
    assert!(all_text(doc("page")).contains("Text says <script>alert(7)</script> as words"));
    assert_eq!(doc("hostile/jsonl-2").title, "!!! ... ??? — …");
    assert!(doc("big").body.concat().len() > BIG_BYTES);
}

#[test]
fn snippets_hold_only_marks_and_escaped_text() {
    let c = collection();
    for query in ["script", "img", "onerror", "alert", "javascript", "amp", "hostile*", "gnirts", "needleattheend", ""]
    {
        let results = search(&c.index, query, &SearchOptions { limit: 100, ..SearchOptions::default() }).unwrap();
        for hit in &results.hits {
            let context = format!("snippet of {} for {query:?}", hit.id);
            assert_only_carrel_markup(&hit.snippet, &context);
            assert!(elements(&hit.snippet, "<mark", "</mark>").iter().all(|m| !m.contains('<')), "{context}");
            // The snippet is a passage of the stored text, decoded exactly.
            let passage = text_of(&hit.snippet);
            let passage = passage.trim_start_matches("… ").trim_end_matches(" …");
            let document = &c.documents[&hit.id];
            let stored =
                [document.body.join("\n"), document.summary.clone().unwrap_or_default(), document.footnotes.join("\n")];
            assert!(stored.iter().any(|t| t.contains(passage)), "{context}: {passage:?} is not stored text");
        }
    }
    let results = search(&c.index, "alert", &SearchOptions::default()).unwrap();
    let plain = results.hits.iter().find(|h| h.id == "plain-script").unwrap();
    assert!(
        plain.snippet.contains("&lt;script&gt;<mark>alert</mark>(&#39;plain&#39;)&lt;/script&gt;"),
        "{}",
        plain.snippet
    );
}

#[test]
fn rendered_documents_hold_only_carrel_markup_and_decode_to_the_stored_text() {
    let c = collection();
    for id in IDS {
        let rendered = render_id(&c.index, id, "script img onerror alert javascript hostile*").unwrap();
        let document = &c.documents[id];
        assert_only_carrel_markup(&rendered.html, id);
        let h1 = elements(&rendered.html, "<h1", "</h1>");
        assert_eq!(text_of(h1[0]), document.title, "{id}: title");
        let body = &rendered.html[rendered.html.find("<div class=\"carrel-body\">").unwrap()..];
        let body = &body[..body.find("</div>\n").unwrap()];
        let paragraphs: Vec<String> = elements(body, "<p", "</p>").into_iter().map(text_of).collect();
        assert_eq!(paragraphs, document.body, "{id}: body");
        let fields: Vec<String> = elements(&rendered.html, "<dd", "</dd>").into_iter().map(text_of).collect();
        for value in [&document.from, &document.to, &document.collection, &document.doc_type].into_iter().flatten() {
            assert!(fields.contains(value), "{id}: {value:?} not shown faithfully in {fields:?}");
        }
        if let Some(summary) = &document.summary {
            assert_eq!(&text_of(elements(&rendered.html, "<p class=\"carrel-summary\"", "</p>")[0]), summary);
        }
    }
}

#[test]
fn only_web_urls_leave_the_core() {
    let c = collection();
    for (id, want) in [
        ("front-matter", None),
        ("hostile/jsonl-1", None),
        ("hostile/jsonl-2", None),
        ("hostile/jsonl-3", None),
        ("hostile/jsonl-4", Some("https://example.org/doc?a=1&b=\"2\"")),
        ("page", None),
    ] {
        let rendered = render_id(&c.index, id, "").unwrap();
        assert_eq!(rendered.url.as_deref(), want, "{id}");
        let citation = rendered.citation.to_ascii_lowercase();
        for scheme in ["javascript", "data:", "script:"] {
            assert!(!citation.contains(scheme), "{id}: {citation}");
        }
    }
    // The stored document keeps what the file said; only the output is filtered.
    assert_eq!(c.documents["front-matter"].url.as_deref(), Some("javascript:alert(document.domain)"));
}

#[test]
fn the_render_command_prints_only_carrel_markup() {
    let c = collection();
    for id in IDS {
        let out = Command::new(env!("CARGO_BIN_EXE_carrel"))
            .args(["render", c.index_path.to_str().unwrap(), id, "script onerror"])
            .output()
            .expect("carrel runs");
        assert!(out.status.success(), "{id}: {}", String::from_utf8_lossy(&out.stderr));
        let html = String::from_utf8(out.stdout).unwrap();
        assert_only_carrel_markup(&html, &format!("carrel render {id}"));
        assert_eq!(html.trim_end(), render_id(&c.index, id, "script onerror").unwrap().html.trim_end());
    }
    assert!(c.dir.is_dir());
}

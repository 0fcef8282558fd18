//! Markdown documents with YAML front matter.
//!
//! Fields come from the front matter under the names collections commonly use
//! (`title`, `date`, `author`…, and DFAT's `doc_date`, `doc_num`, `vol_title`,
//! `naa_refs`). The body follows the conventions of printed document series
//! such as *Documents on Australian Foreign Policy* (DFAT): the first line names
//! the kind of document ("Cablegram UN949 NEW YORK, 8 December 1946"), and
//! the editors' footnotes and archival reference follow the text (sorted out by
//! `apparatus`). Notes and references are fields, not body text, so a search
//! for "Document 286" does not match every document whose footnote cites it.

use super::apparatus::{Block, classify, remove_note_markers, separate_notes, unbracket};
use super::catalogue;
use super::dates::parse_date;
use super::doc_types::{DocumentTypes, SHIPPED};
use super::error::{CorpusErrorKind, ParseError};
use super::front_matter::{self, Split};
use super::markdown_text::{is_bullet, is_heading, plain_text};
use super::paragraphs::{clean_field, normalise_newlines};
use crate::document::Document;
use yaml_rust2::Yaml;

/// Reads one Markdown file. `id` becomes the document's id; its last path
/// segment is the title of last resort.
pub fn parse_markdown(text: &str, id: &str) -> Result<Document, ParseError> {
    parse_markdown_with(text, id, &SHIPPED)
}

/// [`parse_markdown`] with a curator's vocabulary of document types.
pub fn parse_markdown_with(text: &str, id: &str, types: &DocumentTypes) -> Result<Document, ParseError> {
    let text = normalise_newlines(text);
    let Split { fields, body } = front_matter::split(&text)?;
    let mut doc = Document { id: id.to_string(), ..Document::default() };
    let mut fields = Fields(fields);
    let heading = apply_fields(&mut doc, &mut fields);

    let blocks = blocks(body);
    let first_heading = blocks.iter().find_map(|b| match b {
        Block::Text { raw, .. } if is_heading(raw) => clean_field(&plain_text(raw)),
        _ => None,
    });
    let parts = separate_notes(blocks);
    doc.footnotes = parts.notes.iter().filter_map(|n| clean_field(&plain_text(n))).collect();
    doc.body = body_paragraphs(&parts.body, doc.footnotes.len());
    if doc.source.is_none() && !parts.references.is_empty() {
        doc.source = Some(parts.references.join("; "));
    }

    doc.title = heading.or(first_heading).unwrap_or_else(|| id.rsplit('/').next().unwrap_or(id).to_string());
    doc.title = remove_note_markers(&doc.title, doc.footnotes.len());
    let opening_line = doc.body.first().cloned();
    catalogue::complete(&mut doc, opening_line.as_deref(), types);
    doc.metadata = fields.into_metadata();
    if doc.body.is_empty() {
        return Err(ParseError::new(CorpusErrorKind::EmptyBody));
    }
    Ok(doc)
}

/// Front-matter fields not yet used.
struct Fields(Vec<(String, Yaml)>);

impl Fields {
    /// The first of `keys` with a non-empty value, removed.
    fn take(&mut self, keys: &[&str]) -> Option<(String, String)> {
        for key in keys {
            let Some(at) = self
                .0
                .iter()
                .position(|(k, v)| k == key && front_matter::text(v).is_some_and(|t| !t.trim().is_empty()))
            else {
                continue;
            };
            let (key, value) = self.0.remove(at);
            return Some((key, front_matter::text(&value)?));
        }
        None
    }

    fn take_text(&mut self, keys: &[&str]) -> Option<String> {
        self.take(keys).and_then(|(_, value)| clean_field(&value))
    }

    fn take_raw(&mut self, key: &str) -> Option<Yaml> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }

    /// Whatever is left, if printable, sorted by key.
    fn into_metadata(self) -> Vec<(String, String)> {
        let mut metadata: Vec<(String, String)> = self
            .0
            .into_iter()
            .filter_map(|(key, value)| Some((key, clean_field(&front_matter::text(&value)?)?)))
            .collect();
        metadata.sort();
        metadata
    }
}

/// Moves the known fields into the document; returns the title, if given.
fn apply_fields(doc: &mut Document, fields: &mut Fields) -> Option<String> {
    let title = fields.take_text(&["title"]);
    if let Some((_, date)) = fields.take(&["doc_date", "date"]) {
        doc.date = parse_date(&date);
        if doc.date.is_none() {
            // Kept for the reader to see; a filter cannot use it.
            fields.0.push(("date".into(), Yaml::String(date)));
        }
    }
    doc.doc_type = fields.take_text(&["type", "doc_type"]);
    doc.from = fields.take_text(&["author", "from"]);
    doc.to = fields.take_text(&["recipient", "to"]);
    doc.summary = fields.take_text(&["summary", "description"]);
    doc.collection = fields.take_text(&["collection", "vol_title"]);
    doc.url = fields.take_text(&["url", "permalink"]);
    doc.record = fields.take_text(&["doc_num", "record"]);
    if let Some((key, value)) = fields.take(&["lang", "language"]) {
        match super::language::from_field(&value) {
            Some(tag) => doc.language = Some(tag),
            None => fields.0.push((key, Yaml::String(value))),
        }
    }
    doc.source = fields.take_raw("naa_refs").and_then(|refs| archive_references(&refs));
    if doc.source.is_none() {
        doc.source = fields.take_text(&["source"]);
    }
    title
}

/// DFAT's `naa_refs`: a list of maps whose `reference` is "[AA:A3196, 1941, 0.852]".
fn archive_references(refs: &Yaml) -> Option<String> {
    let Yaml::Array(items) = refs else { return None };
    let references: Vec<String> = items
        .iter()
        .filter_map(|item| front_matter::scalar(&item["reference"]))
        .filter_map(|r| clean_field(unbracket(&r)))
        .collect();
    (!references.is_empty()).then(|| references.join("; "))
}

/// Groups body lines into paragraphs: blank lines separate them, and a
/// heading, bullet or fenced code block is a paragraph of its own.
fn blocks(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut current_joinable = true;
    let mut in_code = false;
    fn flush(current: &mut Vec<&str>, joinable: bool, blocks: &mut Vec<Block>) {
        if !current.is_empty() {
            blocks.push(classify(current.join("\n"), joinable));
            current.clear();
        }
    }
    for line in body.lines() {
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        if fence {
            flush(&mut current, current_joinable, &mut blocks);
            in_code = !in_code;
            current_joinable = !in_code;
            continue;
        }
        if in_code {
            // Code is text to search, but its backslashes and stars are not syntax.
            if !line.trim().is_empty() {
                current.push(line);
            }
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut current, current_joinable, &mut blocks);
            current_joinable = true;
        } else if is_heading(line) {
            flush(&mut current, current_joinable, &mut blocks);
            blocks.push(classify(line.to_string(), false));
            current_joinable = true;
        } else if is_bullet(line) {
            flush(&mut current, current_joinable, &mut blocks);
            current.push(line);
            current_joinable = false;
        } else {
            current.push(line);
        }
    }
    flush(&mut current, current_joinable, &mut blocks);
    blocks
}

/// Body paragraphs as plain text, with paragraphs a page break split rejoined
/// and footnote markers ("[3]") removed.
fn body_paragraphs(raw: &[(String, bool)], note_count: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for (paragraph, joinable) in raw {
        let Some(text) = clean_field(&remove_note_markers(&plain_text(paragraph), note_count)) else {
            continue;
        };
        match out.last_mut() {
            Some(previous) if *joinable && text.starts_with(char::is_lowercase) => {
                previous.push(' ');
                previous.push_str(&text);
            }
            _ => out.push(text),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DFAT_SAMPLE: &str = "---
doc_date: '1941-01-23'
doc_num: 255
doc_order: 255
naa_refs:
- naa_barcode: 0
  naa_control_symbol: ''
  naa_series: A3196
  reference: '[AA:A3196, 1941, 0.852]'
title: Mr R. G. Menzies, Prime Minister, to Lord Cranborne, U.K. Secretary of State
  for Dominion Affairs
vol_full_title: 'Volume 4: July 1940 – June 1941'
vol_id: 4
vol_title: 'Volume 4: 1940, July - 1941, June'
---

Cablegram 43 23 January 1941 [1],

My telegram 649. [2] Overseas force from French Oceania.

2\\. Communications passing between Sautot [3] and de Gaulle showed that
preparations were _well_ advanced.

Pending outcome of conversations it is considered desirable that no large
contingents should sail from New Caledonia for

service overseas.

MENZIES

 _

1 The Prime Minister's Dept outward cablegram register (AA:A3643, 1) gives the date of dispatch, as 22 January.

2 Document 224.

3 Free French Governor of New Caledonia. He visited Australia during

December 1940 to discuss defence assistance.

_

 _[AA:A3196, 1941, 0.852]_
";

    #[test]
    fn dfat_document() {
        let doc = parse_markdown(DFAT_SAMPLE, "volume-4/255-menzies").unwrap();
        assert_eq!(
            doc.title,
            "Mr R. G. Menzies, Prime Minister, to Lord Cranborne, U.K. Secretary of State for Dominion Affairs"
        );
        assert_eq!(doc.date.unwrap().to_string(), "1941-01-23");
        assert_eq!(doc.doc_type.as_deref(), Some("Cablegram"));
        assert_eq!(doc.from.as_deref(), Some("Mr R. G. Menzies, Prime Minister"));
        assert_eq!(doc.to.as_deref(), Some("Lord Cranborne, U.K. Secretary of State for Dominion Affairs"));
        assert_eq!(doc.record.as_deref(), Some("255"));
        assert_eq!(doc.collection.as_deref(), Some("Volume 4: 1940, July - 1941, June"));
        assert_eq!(doc.source.as_deref(), Some("AA:A3196, 1941, 0.852"));
        assert_eq!(
            doc.body,
            [
                "Cablegram 43 23 January 1941,",
                "My telegram 649. Overseas force from French Oceania.",
                "2. Communications passing between Sautot and de Gaulle showed that preparations were well advanced.",
                "Pending outcome of conversations it is considered desirable that no large contingents should sail \
                 from New Caledonia for service overseas.",
                "MENZIES",
            ]
        );
        assert_eq!(doc.footnotes.len(), 3);
        assert_eq!(doc.footnotes[1], "Document 224.");
        assert_eq!(
            doc.footnotes[2],
            "Free French Governor of New Caledonia. He visited Australia during December 1940 to discuss defence assistance."
        );
        let keys: Vec<&str> = doc.metadata.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["doc_order", "vol_full_title", "vol_id"]);
    }

    #[test]
    fn enclosures_after_notes_stay_body_and_bare_references_are_sources() {
        let text = "---\ntitle: Hodgson to Strahan\n---\nMemorandum 19 April 1938,\n\nText.\n\n _\n\n\
                    1 Not printed.\n\nAttachment\n\nReport of Discussion\n\nLONDON, 4 March 1938\n\nThe Committee met.\n\n\
                    [AA : A1608, C51/1/10]\n\n1 Sir Earle Page.\n\n_\n\n _[AA : A1608, C51/1/10]_\n";
        let doc = parse_markdown(text, "x").unwrap();
        assert_eq!(doc.doc_type.as_deref(), Some("Memorandum"));
        assert_eq!(doc.footnotes, ["Not printed.", "Sir Earle Page."]);
        assert_eq!(doc.body.len(), 6, "{:#?}", doc.body);
        assert_eq!(doc.body[5], "The Committee met.");
        assert_eq!(doc.source.as_deref(), Some("AA : A1608, C51/1/10"));
    }

    #[test]
    fn generic_markdown_without_front_matter() {
        let text = "# A *walk* in [Zürich](https://zurich.ch)\n\nSome **bold** text,\nover two lines.\n\n- item one\n- item two\n";
        let doc = parse_markdown(text, "notes/walk").unwrap();
        assert_eq!(doc.title, "A walk in Zürich");
        assert_eq!(doc.body, ["A walk in Zürich", "Some bold text, over two lines.", "item one", "item two"]);
        assert_eq!(doc.doc_type, None);
        assert_eq!((doc.from, doc.to), (None, None));
    }

    #[test]
    fn title_falls_back_to_the_file_stem() {
        let doc = parse_markdown("Just text.", "folder/my-note").unwrap();
        assert_eq!(doc.title, "my-note");
    }

    #[test]
    fn front_matter_aliases_and_unparseable_dates() {
        let text = "---\ntitle: T\ndate: sometime in 1950\ntype: Letter\nauthor: A\nto: B\ndescription: D\n\
                    collection: C\npermalink: /p\ntags: [x, y]\nnested: {a: 1}\n---\nBody.\n";
        let doc = parse_markdown(text, "t").unwrap();
        assert_eq!(doc.date, None);
        assert_eq!(doc.doc_type.as_deref(), Some("Letter"));
        assert_eq!((doc.from.as_deref(), doc.to.as_deref()), (Some("A"), Some("B")));
        assert_eq!(doc.summary.as_deref(), Some("D"));
        assert_eq!(doc.collection.as_deref(), Some("C"));
        assert_eq!(doc.url.as_deref(), Some("/p"));
        assert_eq!(
            doc.metadata,
            [("date".to_string(), "sometime in 1950".to_string()), ("tags".into(), "x; y".into())]
        );
    }

    #[test]
    fn yaml_dates_at_every_precision() {
        for (value, iso) in
            [("1951", "1951"), ("1941-01", "1941-01"), ("'1946-12-08'", "1946-12-08"), ("1946-12-08", "1946-12-08")]
        {
            let doc = parse_markdown(&format!("---\ndoc_date: {value}\n---\nText."), "d").unwrap();
            assert_eq!(doc.date.map(|d| d.to_string()).as_deref(), Some(iso), "{value}");
        }
    }

    #[test]
    fn broken_front_matter_is_an_error() {
        let err = parse_markdown("---\ntitle: [broken\n---\nText", "b").unwrap_err();
        assert!(matches!(err.kind, CorpusErrorKind::FrontMatter { .. }), "{err:?}");
        assert!(err.line.is_some());
    }

    #[test]
    fn notes_only_is_an_empty_body() {
        let err = parse_markdown("---\ntitle: T\n---\n\n_\n\n1 A note.\n", "e").unwrap_err();
        assert!(matches!(err.kind, CorpusErrorKind::EmptyBody));
    }
}

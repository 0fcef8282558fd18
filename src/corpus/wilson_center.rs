//! Text copied from a Wilson Center Digital Archive document page.
//!
//! The page reads: an optional "Skip to content", the date, the title, optional
//! labelled blocks (Citation, Summary, Original Language, Contents), the
//! translation, the archive's summary paragraph, and a trailer of labels
//! (Author(s), Associated People & Organizations, Associated Places, Document
//! Information with Source, Rights, Type, Language, Record ID) whose values sit
//! on the following lines. Only the translation is body text; the rest is
//! either a field or site furniture that would otherwise match every query
//! ("rights", "archive", "program").

use super::catalogue;
use super::dates::{month_number, parse_date};
use super::doc_types::DocumentTypes;
use super::paragraphs::{clean, clean_field, has_blank_lines, paragraphs};
use crate::document::Document;

pub(crate) const COLLECTION: &str = "Wilson Center Digital Archive";

const SKIP_LINK: &str = "Skip to content";
const HEADER_LABELS: [&str; 4] = ["Citation:", "Summary:", "Original Language:", "Contents:"];
/// Labels that open the trailer; the body ends at the first one.
const TRAILER_OPENERS: [&str; 4] =
    ["Author(s):", "Associated People & Organizations", "Associated Places", "Document Information"];
const INFORMATION_LABELS: [&str; 6] = ["Source", "Rights", "Original Uploaded Date", "Type", "Language", "Record ID"];
/// Title words that tell the kind of document when the page gives no Type.
const KINDS_IN_TITLES: [(&str, &str); 7] = [
    ("telegram", "Telegram"),
    ("cable", "Cable"),
    ("letter", "Letter"),
    ("memorandum", "Memorandum"),
    ("minutes", "Minutes"),
    ("report", "Report"),
    ("note", "Note"),
];

/// Reads the page, or `None` when the text does not open with a date line.
pub(crate) fn parse(lines: &[&str], id: &str, types: &DocumentTypes) -> Option<Document> {
    let mut at = skip_blank(lines, 0);
    if lines.get(at).is_some_and(|l| l.trim() == SKIP_LINK) {
        at = skip_blank(lines, at + 1);
    }
    let date_line = lines.get(at)?.trim();
    if !is_date_line(date_line) {
        return None;
    }
    let title_at = skip_blank(lines, at + 1);
    let title = clean(lines.get(title_at)?);
    let by_blank_lines = has_blank_lines(lines);

    let mut doc = Document {
        id: id.to_string(),
        date: parse_date(date_line),
        collection: Some(COLLECTION.to_string()),
        ..Document::default()
    };
    let mut header = Header::default();
    let body_start = read_header(lines, title_at + 1, by_blank_lines, &mut header);
    let trailer_start =
        (body_start..lines.len()).find(|&i| TRAILER_OPENERS.contains(&lines[i].trim())).unwrap_or(lines.len());
    doc.body = paragraphs(&lines[body_start..trailer_start], by_blank_lines);
    let trailer = Trailer::read(&lines[trailer_start..]);

    // The page's own summary sits just before the trailer when there is no
    // "Summary:" block; a one-paragraph page keeps its paragraph as the body.
    doc.summary = header.summary.take();
    if doc.summary.is_none() && trailer_start < lines.len() && doc.body.len() >= 2 {
        doc.summary = doc.body.pop();
    }
    if let Some(citation) = &header.citation {
        doc.source = citation_source(citation);
        doc.metadata.push(("citation".into(), citation.clone()));
    }
    doc.url = header.url.take();
    doc.record = trailer.value("Record ID").or_else(|| doc.url.as_deref().and_then(record_in_url));
    if let Some(source) = trailer.value("Source") {
        doc.source = Some(source);
    }
    doc.doc_type = trailer.value("Type").or_else(|| kind_in_title(&title));
    let read = catalogue::read_title(&title, types);
    (doc.from, doc.to) = (read.from, read.to);
    if let Some(authors) = trailer.joined("Author(s):") {
        doc.from.get_or_insert_with(|| authors.clone());
        doc.metadata.push(("authors".into(), authors));
    }
    let fields = [
        ("language", trailer.value("Language")),
        ("original_language", header.original_language.take()),
        ("people", trailer.joined("Associated People & Organizations")),
        ("places", trailer.joined("Associated Places")),
        ("uploaded", trailer.value("Original Uploaded Date")),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            doc.metadata.push((key.into(), value));
        }
    }
    doc.metadata.sort();
    doc.title = title;
    Some(doc)
}

fn skip_blank(lines: &[&str], mut at: usize) -> usize {
    while lines.get(at).is_some_and(|l| l.trim().is_empty()) {
        at += 1;
    }
    at
}

/// "September 17, 1952", "June 05, 1951": a month name, a day and a year, alone.
fn is_date_line(line: &str) -> bool {
    line.split_whitespace().next().is_some_and(|w| month_number(w).is_some())
        && line.split_whitespace().count() == 3
        && parse_date(line).is_some_and(|d| d.day.is_some())
}

#[derive(Default)]
struct Header {
    citation: Option<String>,
    url: Option<String>,
    summary: Option<String>,
    original_language: Option<String>,
}

/// Reads the labelled blocks between title and text; returns where the text starts.
fn read_header(lines: &[&str], mut at: usize, by_blank_lines: bool, header: &mut Header) -> usize {
    loop {
        at = skip_blank(lines, at);
        let Some(label) = lines.get(at).map(|l| l.trim()).filter(|l| HEADER_LABELS.contains(l)) else {
            return at;
        };
        at = skip_blank(lines, at + 1);
        if label == "Contents:" {
            // A list of the page's versions ("- English Translation"): furniture.
            while lines.get(at).is_some_and(|l| l.trim_start().starts_with("- ")) {
                at = skip_blank(lines, at + 1);
            }
            continue;
        }
        let mut value = Vec::new();
        while let Some(line) = lines.get(at).filter(|l| !l.trim().is_empty()) {
            if HEADER_LABELS.contains(&line.trim()) {
                break;
            }
            value.push(*line);
            at += 1;
            if !by_blank_lines {
                break;
            }
        }
        if label == "Citation:" {
            let next = skip_blank(lines, at);
            if let Some(link) = lines.get(next).map(|l| l.trim()).filter(|l| l.starts_with("<http")) {
                value.push(link);
                at = next + 1;
            }
            let (citation, url) = split_link(&value.join("\n"));
            header.citation = clean_field(&citation);
            header.url = url;
        } else {
            let value = clean_field(&value.join("\n"));
            match label {
                "Summary:" => header.summary = value,
                _ => header.original_language = value,
            }
        }
    }
}

/// Separates a citation from the `<http…>` link written after it.
fn split_link(citation: &str) -> (String, Option<String>) {
    let Some(open) = citation.find("<http") else {
        return (citation.to_string(), None);
    };
    let Some(close) = citation[open..].find('>') else {
        return (citation.to_string(), None);
    };
    let url = citation[open + 1..open + close].trim().to_string();
    let rest = format!("{}{}", &citation[..open], &citation[open + close + 1..]);
    (rest, Some(url))
}

/// The archive's own reference inside a citation: what follows "Digital Archive, ".
fn citation_source(citation: &str) -> Option<String> {
    const AFTER: &str = "Digital Archive, ";
    let at = citation.find(AFTER)?;
    clean_field(&citation[at + AFTER.len()..])
}

/// "http://digitalarchive.wilsoncenter.org/document/112106" → "112106".
fn record_in_url(url: &str) -> Option<String> {
    let last = url.trim_end_matches('/').rsplit('/').next()?;
    (!last.is_empty() && last.chars().all(|c| c.is_ascii_digit())).then(|| last.to_string())
}

fn kind_in_title(title: &str) -> Option<String> {
    let title = title.to_lowercase();
    let words: Vec<&str> = title.split(|c: char| !c.is_alphanumeric()).collect();
    words.iter().find_map(|word| KINDS_IN_TITLES.iter().find(|(w, _)| w == word)).map(|(_, kind)| kind.to_string())
}

/// The label/value lines after the text. Values follow their label on the
/// next lines; a label without a value is followed directly by the next label.
struct Trailer<'a> {
    values: Vec<(&'static str, Vec<&'a str>)>,
}

impl<'a> Trailer<'a> {
    fn read(lines: &[&'a str]) -> Trailer<'a> {
        let mut values: Vec<(&'static str, Vec<&'a str>)> = Vec::new();
        for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
            let label = TRAILER_OPENERS.iter().chain(INFORMATION_LABELS.iter()).find(|label| **label == line);
            match (label, values.last_mut()) {
                (Some(label), _) => values.push((label, Vec::new())),
                (None, Some((_, current))) => current.push(line),
                (None, None) => {}
            }
        }
        Trailer { values }
    }

    fn lines(&self, label: &str) -> &[&'a str] {
        self.values.iter().find(|(l, _)| *l == label).map_or(&[], |(_, v)| v.as_slice())
    }

    /// The label's lines as one paragraph.
    fn value(&self, label: &str) -> Option<String> {
        clean_field(&self.lines(label).join(" "))
    }

    /// The label's lines as a list ("Kim Il Sung; Mao Zedong").
    fn joined(&self, label: &str) -> Option<String> {
        let items: Vec<String> = self.lines(label).iter().filter_map(|l| clean_field(l)).collect();
        (!items.is_empty()).then(|| items.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Document {
        let lines: Vec<&str> = text.lines().collect();
        parse(&lines, "page", &DocumentTypes::defaults()).expect("a Wilson Center page")
    }

    #[test]
    fn a_page_without_blank_lines_has_a_paragraph_per_line() {
        let doc = page(
            "May 02, 1950\nLetter, Kim Il Sung to Stalin\nFirst line.\nSecond line.\nThe summary.\n\
             Document Information\nSource\nAPRF\nRights\nThe History and Public Policy Program welcomes reuse.\n\
             Type\nLanguage\nRecord ID\n42",
        );
        assert_eq!(doc.title, "Letter, Kim Il Sung to Stalin");
        assert_eq!(doc.date.unwrap().to_string(), "1950-05-02");
        assert_eq!(doc.body, ["First line.", "Second line."]);
        assert_eq!(doc.summary.as_deref(), Some("The summary."));
        assert_eq!(doc.source.as_deref(), Some("APRF"));
        assert_eq!(doc.record.as_deref(), Some("42"));
        assert_eq!(doc.doc_type.as_deref(), Some("Letter"));
        assert_eq!((doc.from.as_deref(), doc.to.as_deref()), (Some("Kim Il Sung"), Some("Stalin")));
        assert!(doc.metadata.iter().all(|(k, _)| k != "language"), "a label without value has none");
    }

    #[test]
    fn pages_not_opening_with_a_date_are_not_this_layout() {
        let lines = ["Some title", "", "Text"];
        assert!(parse(&lines, "x", &DocumentTypes::defaults()).is_none());
    }

    #[test]
    fn trailer_labels_without_values_are_skipped() {
        let trailer = Trailer::read(&["Author(s):", "Associated Places", "Seoul", "Type", "Letter"]);
        assert_eq!(trailer.joined("Author(s):"), None);
        assert_eq!(trailer.joined("Associated Places").as_deref(), Some("Seoul"));
        assert_eq!(trailer.value("Type").as_deref(), Some("Letter"));
    }

    #[test]
    fn citations_give_source_and_url() {
        let (rest, url) = split_link("\"T,\" June 05, 1951, Digital Archive, APRF, Fond 45\n<http://x.org/document/7>");
        assert_eq!(url.as_deref(), Some("http://x.org/document/7"));
        assert_eq!(citation_source(&rest).as_deref(), Some("APRF, Fond 45"));
        assert_eq!(record_in_url("http://x.org/document/7").as_deref(), Some("7"));
    }
}

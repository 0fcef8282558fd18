//! Plain-text archive pages (`.txt`): which layout is this, and its document.
//!
//! Curators collect documents by copying the text of an archive's web page.
//! Two layouts are recognised by their first lines — the Wilson Center Digital
//! Archive (a date line, then the title) and FRUS (a "file number: kind" line) —
//! and read by their own modules. Any other text file still makes a document:
//! its first line is the title and the rest is the body.

use super::catalogue;
use super::doc_types::{DocumentTypes, SHIPPED};
use super::error::{CorpusErrorKind, ParseError};
use super::paragraphs::{clean, has_blank_lines, normalise_newlines, paragraphs};
use super::{frus, wilson_center};
use crate::document::Document;

/// Reads one archive page. `id` becomes the document's id.
///
/// Fails only with [`CorpusErrorKind::EmptyBody`] when no text is left once
/// titles, fields and site furniture are taken out.
pub fn parse_archive_page(text: &str, id: &str) -> Result<Document, ParseError> {
    parse_archive_page_with(text, id, &SHIPPED)
}

/// [`parse_archive_page`] with a curator's vocabulary of document types.
pub fn parse_archive_page_with(text: &str, id: &str, types: &DocumentTypes) -> Result<Document, ParseError> {
    let text = normalise_newlines(text);
    let lines: Vec<&str> = text.lines().collect();
    let doc = wilson_center::parse(&lines, id, types)
        .or_else(|| frus::parse(&lines, id, types))
        .unwrap_or_else(|| plain(&lines, id, types));
    if doc.body.is_empty() {
        return Err(ParseError::new(CorpusErrorKind::EmptyBody));
    }
    Ok(doc)
}

/// First non-empty line is the title; the rest is the body. Kind, sender
/// and recipient are read from the title and the opening line.
fn plain(lines: &[&str], id: &str, types: &DocumentTypes) -> Document {
    let title_at = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    let rest = lines.get(title_at + 1..).unwrap_or(&[]);
    let mut doc = Document {
        id: id.to_string(),
        title: lines.get(title_at).map(|l| clean(l)).unwrap_or_default(),
        body: paragraphs(rest, has_blank_lines(rest)),
        ..Document::default()
    };
    let opening_line = rest.iter().find(|l| !l.trim().is_empty()).map(|l| clean(l));
    catalogue::complete(&mut doc, opening_line.as_deref(), types);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A seed page, parsed. The corpora are part of the test environment:
    /// a missing seed fails the test, naming it.
    fn seed(name: &str) -> Document {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/seeds").join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
            panic!(
                "{} cannot be read ({error}): the tests read the corpora in ../shared/corpora, beside the project",
                path.display()
            )
        });
        let id = name.trim_end_matches(".txt");
        parse_archive_page(&text, id).expect("seed parses")
    }

    fn field(value: &Option<String>) -> Option<&str> {
        value.as_deref()
    }

    fn meta<'a>(doc: &'a Document, key: &str) -> Option<&'a str> {
        doc.metadata.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// No edition marks, site furniture or rights notice is indexed as text.
    fn assert_clean_body(doc: &Document) {
        let all: Vec<&String> = doc.body.iter().chain(doc.summary.iter()).collect();
        for paragraph in all {
            for furniture in [
                "[Page",
                "History and Public Policy Program welcomes",
                "rights status",
                "Skip to content",
                "Document Information",
                "Author(s):",
                "Associated Places",
                "English Translation",
                "Contents:",
            ] {
                assert!(!paragraph.contains(furniture), "{}: `{furniture}` in {paragraph:?}", doc.id);
            }
            assert!(!paragraph.contains("  ") && paragraph.trim() == paragraph, "{paragraph:?}");
        }
    }

    #[test]
    fn seed_000_wilson_center_without_blank_lines() {
        let doc = seed("000_ad696c1dd75bbb07.txt");
        assert_eq!(doc.id, "000_ad696c1dd75bbb07");
        assert_eq!(doc.title, "Hand-delivered letter, Filippov (Stalin) to Mao Zedong");
        assert_eq!(doc.date.unwrap().to_string(), "1952-09-17");
        assert_eq!(field(&doc.doc_type), Some("Letter"));
        assert_eq!(field(&doc.from), Some("Filippov (Stalin)"));
        assert_eq!(field(&doc.to), Some("Mao Zedong"));
        assert_eq!(field(&doc.collection), Some("Wilson Center Digital Archive"));
        assert_eq!(field(&doc.source), Some("Original Archive"));
        assert!(field(&doc.summary).unwrap().starts_with("Letter from Stalin to Mao stating the position"));
        assert_eq!(doc.body.first().map(String::as_str), Some("FOR Comrade MAO ZEDONG"));
        assert_eq!(doc.body.last().map(String::as_str), Some("[Stalin's handwritten draft is attached.]"));
        assert_eq!(doc.body.len(), 11, "{:#?}", doc.body);
        assert!(doc.footnotes.is_empty());
        assert_clean_body(&doc);
    }

    #[test]
    fn seed_001_wilson_center_with_document_information() {
        let doc = seed("001_af3db66149b6bde9.txt");
        assert!(doc.title.starts_with("Handwritten letter from Gao Gang and Kim Il Sung to Stalin, with 13 June"));
        assert_eq!(doc.date.unwrap().to_string(), "1951-06-14");
        assert_eq!(field(&doc.doc_type), Some("Letter"));
        assert_eq!(field(&doc.from), Some("Gao Gang and Kim Il Sung"));
        assert_eq!(field(&doc.to), Some("Stalin"));
        assert_eq!(field(&doc.record), Some("110365"));
        assert_eq!(
            field(&doc.source),
            Some("APRF, f. 45, op. 1, d. 339, ll. 57-60; AVP RF, f. 059a, op. 5a, d. 4, p. 11, ll. 35-37.")
        );
        assert!(field(&doc.summary).unwrap().starts_with("Letter from Mao to Gao Gang and Kim Il Sung, conveyed"));
        assert_eq!(meta(&doc, "uploaded"), Some("2011-11-20"));
        assert_eq!(meta(&doc, "language"), None);
        assert_eq!(doc.body.first().map(String::as_str), Some("To Comrade Stalin, I.V."));
        assert_eq!(doc.body.last().map(String::as_str), Some("13.6.51\""));
        assert!(doc.body.contains(&"Gao Gang Kim Il Sung".to_string()));
        assert_clean_body(&doc);
    }

    #[test]
    fn seed_002_frus_telegram_with_footnotes() {
        let doc = seed("002_e2543635f4802185.txt");
        assert_eq!(doc.title, "The Secretary of State to the Embassy in the Soviet Union");
        assert_eq!(doc.date.unwrap().to_string(), "1952-07-25");
        assert_eq!(field(&doc.doc_type), Some("Telegram"));
        assert_eq!(field(&doc.record), Some("795.00/7—2552"));
        assert_eq!(field(&doc.from), Some("The Secretary of State"));
        assert_eq!(field(&doc.to), Some("the Embassy in the Soviet Union"));
        assert_eq!(field(&doc.collection), Some("Foreign Relations of the United States"));
        assert_eq!(meta(&doc, "classification"), Some("top secret"));
        assert_eq!(doc.footnotes.len(), 3);
        assert!(doc.footnotes[0].starts_with("This telegram was repeated to Tokyo"));
        assert!(doc.footnotes[0].contains("The drafting history of this telegram is substantial."));
        assert!(doc.footnotes[2].starts_with("The reference was to telegram 93"));
        assert!(doc.body[0].starts_with("92. Part I. USG has been giving"));
        assert!(doc.body[0].contains("Since then, however, Peiping’s disavowal"));
        assert!(doc.body.iter().any(|p| p.contains("Embtel 586 Oct. 5.) We wld also")));
        assert!(doc.body.iter().any(|p| p.contains("immed fol tel not repeated")));
        assert!(doc.body.last().unwrap().starts_with("Part III."));
        assert_clean_body(&doc);
    }

    #[test]
    fn seed_003_wilson_center_with_citation_and_summary_blocks() {
        let doc = seed("003_765af40944eb1042.txt");
        assert_eq!(doc.title, "Telegram from (Stalin) to Mao Zedong, via Krasovsky");
        assert_eq!(doc.date.unwrap().to_string(), "1951-06-05");
        assert_eq!(field(&doc.doc_type), Some("Telegram"));
        assert_eq!(field(&doc.from), Some("Stalin"));
        assert_eq!(field(&doc.to), Some("Mao Zedong"));
        assert_eq!(field(&doc.url), Some("http://digitalarchive.wilsoncenter.org/document/112106"));
        assert_eq!(field(&doc.record), Some("112106"));
        assert_eq!(field(&doc.source), Some("APRF, Fond 45, Opis 1, Delo 339, Listy 17-18"));
        assert_eq!(
            field(&doc.summary),
            Some(
                "Telegram from Stalin to Mao encouraging a prolonging of the war and giving advice on the \
                 conduct of operations against allied troops."
            )
        );
        assert_eq!(meta(&doc, "original_language"), Some("Russian"));
        assert_eq!(
            doc.body.first().map(String::as_str),
            Some("CIPHERED TELEGRAM No. 3410 BEIJING TO KRASOVSKY FOR Comrade MAO ZEDONG")
        );
        assert_eq!(doc.body.last().map(String::as_str), Some("5 June 1951"));
        assert!(doc.body.iter().any(|p| p.contains("Chinese-Koreans as well as among the Anglo-American")));
        assert_clean_body(&doc);
    }

    #[test]
    fn seed_004_frus_telegram_dated_by_file_number() {
        let doc = seed("004_543ec0455553e979.txt");
        assert_eq!(doc.title, "The Acting Secretary of State to the Embassy in the Soviet Union");
        assert_eq!(doc.date.unwrap().to_string(), "1951-09-21");
        assert_eq!(field(&doc.doc_type), Some("Telegram"));
        assert_eq!(field(&doc.record), Some("611.61/9–2151"));
        assert_eq!(field(&doc.from), Some("The Acting Secretary of State"));
        assert_eq!(field(&doc.to), Some("the Embassy in the Soviet Union"));
        assert_eq!(meta(&doc, "classification"), Some("top secret"));
        assert_eq!(doc.footnotes.len(), 5);
        assert!(doc.footnotes[4].contains("“For Bohlen."));
        assert_eq!(doc.body.last().map(String::as_str), Some("Webb"));
        assert!(doc.body.iter().any(|p| p.contains("very appropriately fit.") && !p.contains("fit.2")));
        assert!(
            doc.body
                .iter()
                .any(|p| p.contains("Paris mtgs Deputies and to other gen problems both inside and outside UN."))
        );
        assert_clean_body(&doc);
    }

    #[test]
    fn other_text_files_are_title_then_body() {
        let doc = parse_archive_page("\r\n  My notes \r\n\r\nFirst  para\r\nstill first.\r\n\r\nSecond.", "n").unwrap();
        assert_eq!(doc.title, "My notes");
        assert_eq!(doc.body, ["First para still first.", "Second."]);
        assert_eq!(doc.collection, None);
    }

    #[test]
    fn plain_text_reads_kind_and_correspondents_from_title_and_opening_line() {
        let doc = parse_archive_page("MINUTE, SMITH TO JONES\n\nPlease see me.", "m").unwrap();
        assert_eq!(
            (doc.doc_type.as_deref(), doc.from.as_deref(), doc.to.as_deref()),
            (Some("Minute"), Some("Smith"), Some("Jones"))
        );
        let doc =
            parse_archive_page("Okafor to Lindqvist\n\nTelex 118 LAGOS, 3 May 1977\n\nArriving Friday.", "t").unwrap();
        assert_eq!(
            (doc.doc_type.as_deref(), doc.from.as_deref(), doc.to.as_deref()),
            (Some("Telex"), Some("Okafor"), Some("Lindqvist"))
        );
    }

    #[test]
    fn a_page_with_only_a_title_is_empty() {
        let err = parse_archive_page("Just a title\n\n", "t").unwrap_err();
        assert!(matches!(err.kind, CorpusErrorKind::EmptyBody));
    }
}

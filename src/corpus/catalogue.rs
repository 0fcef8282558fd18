//! What a title and an opening line say about a document, read as a
//! cataloguer reads them: its kind, its sender, its recipient.
//!
//! Every reader that has a title (Markdown, plain text, HTML, archive pages)
//! fills these fields the same way, so a collection's facets do not depend on
//! the format it came in. Fields the source states itself — front matter, a
//! page's `<meta>` tags, an archive's labelled "Type" — always win; this only
//! fills what is missing. The kind is read from the head of the title
//! ("Cablegram to Canberra"), else after its correspondents ("Casey to
//! Menzies: letter"), else from the opening line ("Cablegram 43 LONDON…").
//! Kinds come from the curator-extendable vocabulary in `doc_types`; the
//! rules for each part live in `designation` and `correspondents`.

use super::correspondents;
use super::designation;
use super::doc_types::DocumentTypes;
use super::title_words::{Case, case_of, title_case};
use crate::document::Document;

/// A title longer than this is not read for kind and correspondents: no
/// catalogue writes one, and reading costs grow with its words.
const LONGEST_TITLE: usize = 1_000; // bytes

/// What a title says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct TitleFields {
    pub kind: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Kind, sender and recipient as `title` gives them, each `None` when it
/// does not. Cost: linear in the title's words times the longest form of the
/// vocabulary (a few words). Letter case does not matter: a title in capitals is read as if
/// written in catalogue case, and the names come back that way.
pub(crate) fn read_title(title: &str, types: &DocumentTypes) -> TitleFields {
    if title.len() > LONGEST_TITLE {
        return TitleFields::default();
    }
    let case = case_of(title);
    let working = if case == Case::Upper { title_case(title) } else { title.to_string() };
    match designation::at_start(&working, types) {
        Some(head) => {
            let sides = correspondents::after_kind(&working[head.end..], case, types);
            TitleFields { kind: Some(head.kind), from: sides.from, to: sides.to }
        }
        None => {
            let sides = correspondents::in_title(title, types);
            TitleFields { kind: sides.kind, from: sides.from, to: sides.to }
        }
    }
}

/// Fills the kind, sender and recipient `doc` does not have yet from its
/// title and `opening_line` (the first paragraph of its text).
pub(crate) fn complete(doc: &mut Document, opening_line: Option<&str>, types: &DocumentTypes) {
    if doc.doc_type.is_some() && doc.from.is_some() && doc.to.is_some() {
        return;
    }
    let read = read_title(&doc.title, types);
    if doc.doc_type.is_none() {
        doc.doc_type = read.kind.or_else(|| opening_line.and_then(|line| designation::on_opening_line(line, types)));
    }
    if doc.from.is_none() {
        doc.from = read.from;
    }
    if doc.to.is_none() {
        doc.to = read.to;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(title: &str) -> (Option<String>, Option<String>, Option<String>) {
        let fields = read_title(title, &DocumentTypes::defaults());
        (fields.kind, fields.from, fields.to)
    }

    fn three(
        kind: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> (Option<String>, Option<String>, Option<String>) {
        (kind.map(String::from), from.map(String::from), to.map(String::from))
    }

    /// Titles made up in the styles of several catalogues: a national
    /// archive's series list, a museum's letters, a ministry's cable log, a
    /// digital edition, a university's papers.
    #[test]
    fn titles_in_many_catalogue_styles() {
        for (title, expected) in [
            ("Cablegram to Canberra", three(Some("Cablegram"), None, Some("Canberra"))),
            ("CABLEGRAM TO CANBERRA", three(Some("Cablegram"), None, Some("Canberra"))),
            ("LETTER FROM CASEY TO MENZIES", three(Some("Letter"), Some("Casey"), Some("Menzies"))),
            ("Minute, Smith to Jones", three(Some("Minute"), Some("Smith"), Some("Jones"))),
            (
                "Record of Conversation between the Minister and the Ambassador of Japan",
                three(Some("Record of conversation"), Some("the Minister"), Some("the Ambassador of Japan")),
            ),
            ("Submission No 12: Minister to Cabinet", three(Some("Submission"), Some("Minister"), Some("Cabinet"))),
            ("Cable from Zhou Enlai to Mao Zedong", three(Some("Cable"), Some("Zhou Enlai"), Some("Mao Zedong"))),
            ("Telex 4471 from Wellington", three(Some("Telex"), Some("Wellington"), None)),
            ("savingram to all posts", three(Some("Savingram"), None, Some("All Posts"))),
            ("Draft Cabinet Decision No. 88", three(Some("Cabinet decision"), None, None)),
            (
                "Aide-mémoire handed to the French Ambassador",
                three(Some("Aide-memoire"), None, Some("the French Ambassador")),
            ),
            ("Brief for the Minister's visit to Jakarta", three(Some("Brief"), None, None)),
            ("Casey to Menzies: letter", three(Some("Letter"), Some("Casey"), Some("Menzies"))),
            ("Ada Lovelace to Charles Babbage", three(None, Some("Ada Lovelace"), Some("Charles Babbage"))),
            ("Letters of Ada Lovelace", three(Some("Letter"), None, None)),
            ("Memorandum of Conversation, Kissinger and Zhou", three(Some("Memorandum of conversation"), None, None)),
            ("Brief History of the Armistice", three(None, None, None)),
            ("The Armistice Negotiations, 1951-1953", three(None, None, None)),
            (&format!("Letter from Casey to {}", "Menzies and ".repeat(200)), three(None, None, None)),
        ] {
            assert_eq!(read(title), expected, "{title}");
        }
    }

    #[test]
    fn stated_fields_win_and_the_opening_line_is_the_last_resort() {
        let types = DocumentTypes::defaults();
        let mut doc = Document { title: "Letter from Casey to Menzies".into(), ..Document::default() };
        doc.doc_type = Some("Correspondence".into());
        doc.from = Some("R. G. Casey".into());
        complete(&mut doc, Some("Cablegram 43"), &types);
        assert_eq!(doc.doc_type.as_deref(), Some("Correspondence"));
        assert_eq!(doc.from.as_deref(), Some("R. G. Casey"));
        assert_eq!(doc.to.as_deref(), Some("Menzies"));

        let mut doc = Document { title: "Casey to Menzies".into(), ..Document::default() };
        complete(&mut doc, Some("Cablegram 43 LONDON, 23 January 1941"), &types);
        assert_eq!(doc.doc_type.as_deref(), Some("Cablegram"));
        let mut doc = Document { title: "Wednesday, 4th September 1929".into(), ..Document::default() };
        complete(&mut doc, Some("My dear Casey,"), &types);
        assert_eq!((doc.doc_type, doc.from, doc.to), (None, None, None));
    }
}

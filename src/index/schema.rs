//! Which parts of a document are searched, and how much each one counts.
//!
//! Every field has its own token positions and lengths so that BM25F can weigh
//! a title match above a footnote match, and `title:` / `from:` queries can be
//! restricted to one field.

use crate::document::Document;

/// A searchable field of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Field {
    Title = 0,
    Summary = 1,
    Body = 2,
    Footnotes = 3,
    From = 4,
    To = 5,
    Type = 6,
    Collection = 7,
    /// Archival source, record or file number, and the document id.
    Reference = 8,
}

/// Number of fields; postings store one bit per field.
pub const FIELD_COUNT: usize = 9;

/// Fields whose matches weigh less as the field grows longer (BM25's length
/// normalisation), so the index keeps their lengths. Prose does: a name once
/// in a 50-word note says more than once in a 5,000-word report. Catalogue
/// fields do not — sender, recipient, type, collection, reference: "Evatt"
/// names the sender of "Evatt to Bruce" no less than of "Evatt, Minister for
/// External Affairs" — so, as search engines treat keyword fields, their
/// lengths are not kept at all (when the lengths were a per-document table,
/// that made DFAT's core index 8.5 KB brotli smaller; now that postings
/// entries carry them, a byte less for each entry of those fields). An
/// entry's lengths come in this order.
pub const FIELDS_WITH_NORMS: [Field; 4] = [Field::Title, Field::Summary, Field::Body, Field::Footnotes];

impl Field {
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Title,
        Field::Summary,
        Field::Body,
        Field::Footnotes,
        Field::From,
        Field::To,
        Field::Type,
        Field::Collection,
        Field::Reference,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the index keeps this field's length (see [`FIELDS_WITH_NORMS`]).
    pub fn has_length(self) -> bool {
        FIELDS_WITH_NORMS.contains(&self)
    }

    pub fn bit(self) -> u16 {
        1 << self as u16
    }

    /// BM25F weight: a word in the title or summary says more about what a
    /// document is about than the same word in its body or notes.
    pub fn weight(self) -> f32 {
        match self {
            Field::Title => 3.0,
            Field::Summary => 1.5,
            Field::Body => 1.0,
            Field::Footnotes => 0.4,
            Field::From | Field::To => 1.5,
            Field::Type => 0.5,
            Field::Collection => 0.2,
            Field::Reference => 0.5,
        }
    }

    /// The field a query prefix such as `title:` or `author:` restricts to.
    pub fn from_query_name(name: &str) -> Option<Field> {
        Some(match name {
            "title" => Field::Title,
            "summary" => Field::Summary,
            "body" | "text" => Field::Body,
            "from" | "author" | "sender" => Field::From,
            "to" | "recipient" => Field::To,
            "type" => Field::Type,
            "collection" => Field::Collection,
            "id" | "record" | "source" => Field::Reference,
            _ => return None,
        })
    }

    /// The texts of this field in `document`, each analysed on its own with a
    /// gap in positions between them so a phrase never spans two.
    pub fn texts(self, document: &Document) -> Vec<&str> {
        fn one(value: &Option<String>) -> Vec<&str> {
            value.iter().map(String::as_str).collect()
        }
        match self {
            Field::Title => vec![document.title.as_str()],
            Field::Summary => one(&document.summary),
            Field::Body => document.body.iter().map(String::as_str).collect(),
            Field::Footnotes => document.footnotes.iter().map(String::as_str).collect(),
            Field::From => one(&document.from),
            Field::To => one(&document.to),
            Field::Type => one(&document.doc_type),
            Field::Collection => one(&document.collection),
            Field::Reference => {
                let mut texts = vec![document.id.as_str()];
                texts.extend(document.source.as_deref());
                texts.extend(document.record.as_deref());
                texts
            }
        }
    }
}

/// Positions skipped between two paragraphs (or values) of one field, so that
/// phrases and proximity never join the end of one to the start of the next.
pub const PARAGRAPH_GAP: u32 = 8;

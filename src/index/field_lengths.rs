//! Field lengths: how many tokens each field of each document has, for
//! BM25F's length normalisation — one byte per document and field, for the
//! fields whose length weighs their matches (prose: title, summary, body,
//! notes; see [`FIELDS_WITH_NORMS`]). Catalogue fields keep none.
//!
//! Why one byte: the table is read for every document a query scores, so it
//! travels in the core index every visitor downloads first, and it grows
//! with the collection. Two exact bytes per length cost DFAT 33 KB brotli;
//! BM25 needs a length only to within a few per cent (a 300-word body and a
//! 310-word one are equally long for ranking), so lengths are stored as
//! Lucene stores its norms: exact below [`EXACT_BELOW`], above that with four
//! significant bits (at most 1/8 below the true length). Titles, senders and
//! references are nearly always exact; long bodies are rounded down.
//!
//! The table is column-major — every document's title length, then every
//! summary length, and so on — because lengths of one field resemble each
//! other, and compress far better side by side than interleaved.
//!
//! ```text
//! field lengths := (code:u8){doc_count} per field of FIELDS_WITH_NORMS, in its order
//! ```

use crate::index::format::{FormatError, SectionId};
use crate::index::schema::{FIELD_COUNT, FIELDS_WITH_NORMS, Field};

/// The column of `field` in the table, when it has one.
fn column(field: Field) -> Option<usize> {
    FIELDS_WITH_NORMS.iter().position(|&f| f == field)
}

/// Lengths below this are stored exactly (Lucene's `NUM_FREE_VALUES`).
pub const EXACT_BELOW: u32 = 24;

/// The longest length a byte can tell apart; longer ones are stored as it.
pub const LONGEST: u32 = i32::MAX as u32;

/// The byte a length is stored as: the length itself below [`EXACT_BELOW`],
/// else its four leading bits and their position. Monotonic.
pub fn encode(length: u32) -> u8 {
    let length = length.min(LONGEST);
    if length < EXACT_BELOW {
        return length as u8;
    }
    let rest = length - EXACT_BELOW;
    let bits = 32 - rest.leading_zeros();
    let code = if bits < 4 {
        rest
    } else {
        let shift = bits - 4;
        ((rest >> shift) & 0x07) | ((shift + 1) << 3)
    };
    (EXACT_BELOW + code) as u8
}

/// The smallest length stored as `code`: exact for lengths below
/// [`EXACT_BELOW`], at most 1/8 below the true length above it.
pub fn decode(code: u8) -> u32 {
    let code = code as u32;
    if code < EXACT_BELOW {
        return code;
    }
    let rest = code - EXACT_BELOW;
    let mantissa = rest & 0x07;
    let shift = rest >> 3;
    let decoded = if shift == 0 { mantissa } else { (mantissa | 0x08) << (shift - 1) };
    EXACT_BELOW + decoded
}

/// Collects each document's lengths; [`FieldLengthsWriter::finish`] lays out
/// the section.
#[derive(Default)]
pub struct FieldLengthsWriter {
    rows: Vec<[u8; FIELDS_WITH_NORMS.len()]>,
}

impl FieldLengthsWriter {
    /// Adds the next document's lengths, every field's (those without norms are dropped).
    pub fn add(&mut self, lengths: [u32; FIELD_COUNT]) {
        self.rows.push(FIELDS_WITH_NORMS.map(|field| encode(lengths[field.index()])));
    }

    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.rows.len() * FIELDS_WITH_NORMS.len());
        for column in 0..FIELDS_WITH_NORMS.len() {
            out.extend(self.rows.iter().map(|row| row[column]));
        }
        out
    }
}

/// The field lengths section of an opened index, read in place.
#[derive(Clone, Copy)]
pub struct FieldLengths<'a> {
    table: &'a [u8],
    doc_count: usize,
}

impl<'a> FieldLengths<'a> {
    /// Checks the table's size against the document count.
    pub fn open(table: &'a [u8], doc_count: u32) -> Result<Self, FormatError> {
        if table.len() as u64 != doc_count as u64 * FIELDS_WITH_NORMS.len() as u64 {
            return Err(FormatError::Corrupt {
                section: SectionId::FieldLengths,
                reason: "the table does not match the document count",
            });
        }
        Ok(FieldLengths { table, doc_count: doc_count as usize })
    }

    fn code(&self, doc: u32, field: Field) -> Option<u8> {
        column(field).map(|column| self.table.get(column * self.doc_count + doc as usize).copied().unwrap_or(0))
    }

    /// Tokens of `field` in `doc`, rounded down as described in the module
    /// docs; `None` for a field without norms. O(1).
    pub fn length(&self, doc: u32, field: Field) -> Option<u32> {
        self.code(doc, field).map(decode)
    }

    /// Tokens of `field` in `doc` when the table knows them exactly.
    pub fn exact_length(&self, doc: u32, field: Field) -> Option<u32> {
        self.code(doc, field).filter(|&code| u32::from(code) < EXACT_BELOW).map(u32::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lengths_are_exact() {
        for length in 0..EXACT_BELOW {
            assert_eq!(decode(encode(length)), length);
        }
    }

    #[test]
    fn long_lengths_round_down_by_at_most_an_eighth() {
        let mut previous = 0;
        for length in (0..200_000u32).chain([1 << 24, 1 << 30, LONGEST]) {
            let code = encode(length);
            assert!(code >= previous, "encode is monotonic at {length}");
            previous = code;
            let back = decode(code);
            assert!(back <= length, "{length} decodes to {back}");
            assert!((length - back) as f64 <= length as f64 / 8.0, "{length} decodes to {back}");
        }
    }

    #[test]
    fn every_code_decodes_to_a_length_that_encodes_back_to_it() {
        assert_eq!(encode(LONGEST), u8::MAX, "the byte's range is used to its end");
        assert_eq!(encode(u32::MAX), u8::MAX, "longer lengths are stored as the longest");
        for code in 0..=u8::MAX {
            assert_eq!(encode(decode(code)), code, "code {code}");
        }
    }

    #[test]
    fn table_is_column_major_and_checks_its_size() {
        let mut writer = FieldLengthsWriter::default();
        writer.add([3, 0, 500, 0, 1, 2, 1, 1, 4]);
        writer.add([7, 1, 20, 30, 1, 1, 1, 1, 4]);
        let bytes = writer.finish();
        assert_eq!(&bytes[..2], &[3, 7], "every title length first");
        assert_eq!(bytes.len(), 2 * 4, "four fields with norms: title, summary, body, notes");
        let table = FieldLengths::open(&bytes, 2).unwrap();
        assert_eq!(table.length(1, Field::Title), Some(7));
        assert_eq!(table.length(1, Field::Body), Some(20));
        assert_eq!(table.exact_length(0, Field::Body), None, "500 is rounded");
        assert!((438..=500).contains(&table.length(0, Field::Body).unwrap()));
        assert_eq!(table.exact_length(1, Field::Footnotes), None);
        for field in [Field::From, Field::To, Field::Type, Field::Collection, Field::Reference] {
            assert_eq!(table.length(0, field), None, "{field:?} keeps no length");
            assert_eq!(table.exact_length(0, field), None);
        }
        assert!(FieldLengths::open(&bytes, 3).is_err());
    }
}

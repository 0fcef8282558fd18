//! Field lengths: how many tokens a field of a document has, for BM25F's
//! length normalisation — one byte per field, for the fields whose length
//! weighs their matches (prose: title, summary, body, notes; see
//! [`FIELDS_WITH_NORMS`]). Catalogue fields keep none.
//!
//! Where they travel: in the postings entries (see `postings`), a byte for
//! each field of the entry that has a length. Scoring a document needs the
//! lengths of the fields where the query's words stand in it, which are
//! exactly the fields its entries name, so every length a query needs comes
//! with the lists it fetches anyway. Until format 10 they were a table of
//! every document's lengths in the core index, which every visitor
//! downloads first and which grows with the collection: DFAT's was 13.6 KB
//! of a 20.0 KB core (brotli), for 100,000 documents about 180 KB. In the
//! postings they cost each list about a byte per entry.
//!
//! Why one byte: two exact bytes per length cost more, and BM25 needs a
//! length only to within a few per cent (a 300-word body and a 310-word one
//! are equally long for ranking), so lengths are stored as Lucene stores its
//! norms: exact below [`EXACT_BELOW`], above that with four significant bits
//! (at most 1/8 below the true length). Titles are nearly always exact; long
//! bodies are rounded down.

use crate::index::schema::{FIELD_COUNT, FIELDS_WITH_NORMS, Field};

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

/// The length codes of one document's fields, as its postings entries carry
/// them: one byte per field of [`FIELDS_WITH_NORMS`], 0 for the others.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldLengths(pub [u8; FIELD_COUNT]);

impl FieldLengths {
    /// Every field's token count, coded (fields without norms keep none).
    pub fn encode(lengths: [u32; FIELD_COUNT]) -> FieldLengths {
        let mut codes = [0u8; FIELD_COUNT];
        for field in FIELDS_WITH_NORMS {
            codes[field.index()] = encode(lengths[field.index()]);
        }
        FieldLengths(codes)
    }

    /// Tokens of `field`, rounded down as described in the module docs;
    /// `None` for a field without norms. O(1).
    pub fn length(&self, field: Field) -> Option<u32> {
        field.has_length().then(|| decode(self.0[field.index()]))
    }

    /// Tokens of `field` when its code holds them exactly.
    pub fn exact_length(&self, field: Field) -> Option<u32> {
        let code = self.0[field.index()];
        (field.has_length() && u32::from(code) < EXACT_BELOW).then_some(u32::from(code))
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
    fn only_prose_fields_keep_a_length() {
        let lengths = FieldLengths::encode([3, 0, 500, 30, 1, 2, 1, 1, 4]);
        assert_eq!(lengths.length(Field::Title), Some(3));
        assert_eq!(lengths.exact_length(Field::Title), Some(3));
        assert_eq!(lengths.length(Field::Summary), Some(0));
        assert_eq!(lengths.exact_length(Field::Body), None, "500 is rounded");
        assert!((438..=500).contains(&lengths.length(Field::Body).unwrap()));
        assert_eq!(lengths.exact_length(Field::Footnotes), None, "30 is rounded");
        for field in [Field::From, Field::To, Field::Type, Field::Collection, Field::Reference] {
            assert_eq!(lengths.0[field.index()], 0, "{field:?} is not coded");
            assert_eq!(lengths.length(field), None, "{field:?} keeps no length");
            assert_eq!(lengths.exact_length(field), None);
        }
    }
}

//! Postings: for a term, which documents hold it, how often in each field, and
//! at which positions.
//!
//! ```text
//! list      := doc_count flags entry{doc_count}
//! flags     := bit 0 set when positions are stored
//! entry     := doc_delta header [tf{popcount(mask)}] length{fields in mask with lengths} [positions]
//! header    := tf << 1            (the term is in the body only; the usual case)
//!            | mask << 1 | 1      (other fields: one tf per field in the mask follows)
//! length    := u8                 (the field's token count, coded: see `field_lengths`)
//! positions := (position_delta{tf}){fields in mask order}
//! ```
//! Every number but a length is a LEB128 varint. An entry carries the
//! lengths of the prose fields it names (`FIELDS_WITH_NORMS`), so that
//! scoring reads nothing beyond the lists themselves (see `field_lengths`
//! for why they left the core index). Positions are skipped without decoding
//! by counting varint terminator bytes (the entry's total tf of them), so
//! ranking, which needs only frequencies and lengths, pays little for them.
//!
//! The builder stores positions for every term, common words included, so
//! that a quoted phrase matches its words in order with nothing between them
//! (`"with the prime minister"` is not `"with a prime minister"`) and a run of
//! ordinary words can be found where it stands. A list may still be written
//! without positions (its flag says so); phrase matching then checks only the
//! other words' places.

use crate::index::field_lengths::FieldLengths;
use crate::index::format::{Cursor, FormatError, SectionId, put_varint};
use crate::index::schema::{FIELD_COUNT, FIELDS_WITH_NORMS, Field};

/// Occurrences of one term in one document, per field (positions ascending).
pub type FieldPositions = [Vec<u32>; FIELD_COUNT];

/// `flags` bit: the list stores positions.
const WITH_POSITIONS: u64 = 1;

/// Bits of a term key that hold the postings offset; the document count sits above them.
const KEY_OFFSET_BITS: u32 = 40;
/// The largest document count a term key records exactly (larger counts saturate).
const KEY_MAX_DOC_COUNT: u64 = (1 << (64 - KEY_OFFSET_BITS)) - 1;

/// What the term dictionaries map a term to: where its postings list starts
/// and how many documents it has. The count rides along so that choosing
/// among prefix and typo expansions (most documents first) never reads a
/// list — which matters when lists are fetched lazily (see `packs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermKey(pub u64);

impl TermKey {
    pub fn new(offset: u64, doc_count: u32) -> TermKey {
        debug_assert!(offset < 1 << KEY_OFFSET_BITS, "sections are below 4 GiB");
        TermKey(offset | (doc_count as u64).min(KEY_MAX_DOC_COUNT) << KEY_OFFSET_BITS)
    }

    /// Where the list starts in the postings section.
    pub fn offset(self) -> u64 {
        self.0 & ((1 << KEY_OFFSET_BITS) - 1)
    }

    /// Documents holding the term (saturated at about 16.7 million).
    pub fn doc_count(self) -> u32 {
        (self.0 >> KEY_OFFSET_BITS) as u32
    }

    /// Whether a list of `doc_count` entries agrees with this key.
    pub fn agrees_with(self, doc_count: u32) -> bool {
        self.doc_count() as u64 == (doc_count as u64).min(KEY_MAX_DOC_COUNT)
    }
}

/// Appends the header of a list of `doc_count` entries.
pub fn write_list_header(out: &mut Vec<u8>, doc_count: u32, with_positions: bool) {
    put_varint(out, doc_count as u64);
    put_varint(out, if with_positions { WITH_POSITIONS } else { 0 });
}

/// Appends one document's entry to a list under construction: where the
/// term stands in each field, and the document's field lengths.
pub fn write_entry(
    out: &mut Vec<u8>,
    doc_delta: u32,
    fields: &FieldPositions,
    lengths: &FieldLengths,
    with_positions: bool,
) {
    put_varint(out, doc_delta as u64);
    let mask: u16 = Field::ALL.iter().filter(|f| !fields[f.index()].is_empty()).map(|f| f.bit()).sum();
    if mask == Field::Body.bit() {
        put_varint(out, (fields[Field::Body.index()].len() as u64) << 1);
    } else {
        put_varint(out, (mask as u64) << 1 | 1);
        for positions in fields.iter().filter(|p| !p.is_empty()) {
            put_varint(out, positions.len() as u64);
        }
    }
    for field in FIELDS_WITH_NORMS {
        if !fields[field.index()].is_empty() {
            out.push(lengths.0[field.index()]);
        }
    }
    if with_positions {
        for positions in fields.iter().filter(|p| !p.is_empty()) {
            let mut previous = 0;
            for &position in positions {
                put_varint(out, (position - previous) as u64);
                previous = position;
            }
        }
    }
}

/// One document's entry, with positions decoded on demand.
#[derive(Clone, Debug)]
pub struct Posting<'a> {
    pub doc: u32,
    pub mask: u16,
    /// Term frequency per field (0 where absent).
    pub tf: [u32; FIELD_COUNT],
    /// The document's length codes for the fields in `mask` that keep one
    /// (0 for the others).
    pub lengths: FieldLengths,
    /// Encoded positions; empty when the list stores none.
    positions: &'a [u8],
}

impl<'a> Posting<'a> {
    /// Decodes the positions of this entry, per field (all empty for a list
    /// without positions). Allocates one `Vec` per field present; linear in
    /// the term frequency.
    pub fn positions(&self) -> Result<FieldPositions, FormatError> {
        let mut result: FieldPositions = Default::default();
        if self.positions.is_empty() {
            return Ok(result);
        }
        let mut cursor = Cursor::new(self.positions, SectionId::Postings);
        for field in Field::ALL {
            let tf = self.tf[field.index()];
            let list = &mut result[field.index()];
            let mut position = 0u32;
            for _ in 0..tf {
                position =
                    position.checked_add(cursor.varint_u32()?).ok_or_else(|| cursor.corrupt("a position overflows"))?;
                list.push(position);
            }
        }
        Ok(result)
    }
}

/// Iterates a postings list in document order.
pub struct PostingsIter<'a> {
    cursor: Cursor<'a>,
    section: &'a [u8],
    remaining: u32,
    doc: u32,
    doc_limit: u32,
    first: bool,
    with_positions: bool,
}

impl<'a> PostingsIter<'a> {
    /// Opens the list starting at `offset` in the postings section. `doc_limit`
    /// is the collection's document count: an entry beyond it is corruption.
    pub fn new(section: &'a [u8], offset: usize, doc_limit: u32) -> Result<Self, FormatError> {
        if offset > section.len() {
            return Err(FormatError::Corrupt { section: SectionId::Postings, reason: "a term points past the end" });
        }
        let mut cursor = Cursor::at(section, offset, SectionId::Postings);
        let remaining = cursor.varint_u32()?;
        if remaining > doc_limit {
            return Err(cursor.corrupt("a term claims more documents than the collection has"));
        }
        let flags = cursor.varint()?;
        if flags & !WITH_POSITIONS != 0 {
            return Err(cursor.corrupt("a postings list has unknown flags"));
        }
        let with_positions = flags & WITH_POSITIONS != 0;
        Ok(PostingsIter { cursor, section, remaining, doc: 0, doc_limit, first: true, with_positions })
    }

    /// Number of documents holding the term.
    pub fn doc_count(&self) -> u32 {
        self.remaining
    }

    /// Whether entries carry positions (stop words do not).
    pub fn has_positions(&self) -> bool {
        self.with_positions
    }

    fn read(&mut self) -> Result<Posting<'a>, FormatError> {
        let delta = self.cursor.varint_u32()?;
        self.doc = if self.first { delta } else { self.doc.saturating_add(delta) };
        if (!self.first && delta == 0) || self.doc >= self.doc_limit {
            return Err(self.cursor.corrupt("document numbers are out of order or range"));
        }
        self.first = false;
        let header = self.cursor.varint()?;
        let mut tf = [0u32; FIELD_COUNT];
        let mask = if header & 1 == 0 {
            tf[Field::Body.index()] =
                u32::try_from(header >> 1).map_err(|_| self.cursor.corrupt("a term frequency is out of range"))?;
            Field::Body.bit()
        } else {
            let mask = header >> 1;
            if mask == 0 || mask >= 1 << FIELD_COUNT {
                return Err(self.cursor.corrupt("a field mask is invalid"));
            }
            for field in Field::ALL {
                if mask & field.bit() as u64 != 0 {
                    tf[field.index()] = self.cursor.varint_u32()?;
                }
            }
            mask as u16
        };
        if Field::ALL.iter().any(|f| mask & f.bit() != 0 && tf[f.index()] == 0) {
            return Err(self.cursor.corrupt("a term frequency is zero"));
        }
        let mut lengths = FieldLengths::default();
        for field in FIELDS_WITH_NORMS {
            if mask & field.bit() != 0 {
                lengths.0[field.index()] = self.cursor.u8()?;
            }
        }
        let positions =
            if self.with_positions { self.skip_positions(tf.iter().map(|&n| n as u64).sum())? } else { &[] };
        Ok(Posting { doc: self.doc, mask, tf, lengths, positions })
    }

    /// Steps over `count` varints, returning their bytes. Linear in the bytes,
    /// without decoding values.
    fn skip_positions(&mut self, count: u64) -> Result<&'a [u8], FormatError> {
        let start = self.cursor.position();
        let mut left = count;
        let mut end = start;
        while left > 0 {
            let byte = *self.section.get(end).ok_or_else(|| self.cursor.corrupt("positions run past the end"))?;
            end += 1;
            if byte & 0x80 == 0 {
                left -= 1;
            }
        }
        self.cursor.skip(end - start)?;
        Ok(&self.section[start..end])
    }
}

impl<'a> Iterator for PostingsIter<'a> {
    type Item = Result<Posting<'a>, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let item = self.read();
        if item.is_err() {
            self.remaining = 0;
        }
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positions(title: &[u32], body: &[u32]) -> FieldPositions {
        let mut fields: FieldPositions = Default::default();
        fields[Field::Title.index()] = title.to_vec();
        fields[Field::Body.index()] = body.to_vec();
        fields
    }

    fn lengths(title: u32, body: u32) -> FieldLengths {
        let mut lengths = [0; FIELD_COUNT];
        lengths[Field::Title.index()] = title;
        lengths[Field::Body.index()] = body;
        lengths[Field::From.index()] = 2;
        FieldLengths::encode(lengths)
    }

    fn list(with_positions: bool) -> Vec<u8> {
        let mut out = Vec::new();
        write_list_header(&mut out, 3, with_positions);
        write_entry(&mut out, 3, &positions(&[0], &[5, 9, 200]), &lengths(4, 201), with_positions);
        write_entry(&mut out, 4, &positions(&[], &[1]), &lengths(9, 2), with_positions);
        write_entry(&mut out, 1, &positions(&[], &[300, 301]), &lengths(0, 302), with_positions);
        out
    }

    #[test]
    fn entries_round_trip_with_positions() {
        let bytes = list(true);
        let iter = PostingsIter::new(&bytes, 0, 10).unwrap();
        assert!(iter.has_positions());
        let postings: Vec<_> = iter.map(Result::unwrap).collect();
        assert_eq!(postings.iter().map(|p| p.doc).collect::<Vec<_>>(), [3, 7, 8]);
        assert_eq!(postings[0].tf[Field::Body.index()], 3);
        assert_eq!(postings[0].positions().unwrap(), positions(&[0], &[5, 9, 200]));
        assert_eq!(postings[1].positions().unwrap(), positions(&[], &[1]));
        assert_eq!(postings[2].positions().unwrap(), positions(&[], &[300, 301]));
    }

    #[test]
    fn entries_carry_the_lengths_of_the_fields_they_name() {
        let bytes = list(true);
        let postings: Vec<_> = PostingsIter::new(&bytes, 0, 10).unwrap().map(Result::unwrap).collect();
        assert_eq!(postings[0].lengths.exact_length(Field::Title), Some(4));
        assert!((176..=201).contains(&postings[0].lengths.length(Field::Body).unwrap()));
        // The second and third entries name the body only: the title's length is not there.
        assert_eq!(postings[1].lengths.exact_length(Field::Body), Some(2));
        assert_eq!(postings[1].lengths.0[Field::Title.index()], 0, "only the named fields are read");
        assert!((264..=302).contains(&postings[2].lengths.length(Field::Body).unwrap()));
        assert_eq!(postings[0].lengths.length(Field::From), None, "a catalogue field keeps no length");
    }

    #[test]
    fn lists_without_positions_keep_frequencies() {
        let bytes = list(false);
        assert!(bytes.len() < list(true).len());
        let postings: Vec<_> = PostingsIter::new(&bytes, 0, 10).unwrap().map(Result::unwrap).collect();
        assert_eq!(postings[2].tf[Field::Body.index()], 2);
        assert_eq!(postings[0].tf[Field::Title.index()], 1);
        assert!(postings[0].positions().unwrap().iter().all(Vec::is_empty));
    }

    #[test]
    fn documents_beyond_the_collection_are_corruption() {
        let bytes = list(true);
        assert!(PostingsIter::new(&bytes, 0, 8).unwrap().any(|p| p.is_err()));
        assert!(PostingsIter::new(&bytes, 0, 2).is_err());
    }

    #[test]
    fn every_truncation_errors_without_panicking() {
        let bytes = list(true);
        for len in 0..bytes.len() {
            let Ok(iter) = PostingsIter::new(&bytes[..len], 0, 10) else { continue };
            let results: Vec<_> = iter.collect();
            assert!(results.iter().any(Result::is_err), "{len}");
        }
    }
}

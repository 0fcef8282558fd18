//! Postings: for a term, which documents hold it, how often in each field, and
//! at which positions.
//!
//! ```text
//! list    := doc_count entry{doc_count}
//! entry   := doc_delta field_mask tf{popcount(mask)} positions_len positions
//! positions := (position_delta{tf}){popcount(mask)}   -- per field, in field order
//! ```
//! Every number is a LEB128 varint. Positions come behind their byte length so
//! that ranking, which needs only frequencies, skips them in O(1); phrases and
//! proximity decode them for the few documents that need them.

use crate::format::{Cursor, FormatError, SectionId, put_varint};
use crate::schema::{FIELD_COUNT, Field};

/// Occurrences of one term in one document, per field (positions ascending).
pub type FieldPositions = [Vec<u32>; FIELD_COUNT];

/// Appends one document's entry to a postings list under construction.
pub fn write_entry(out: &mut Vec<u8>, doc_delta: u32, fields: &FieldPositions) {
    put_varint(out, doc_delta as u64);
    let mask: u16 = Field::ALL.iter().filter(|f| !fields[f.index()].is_empty()).map(|f| f.bit()).sum();
    put_varint(out, mask as u64);
    for positions in fields.iter().filter(|p| !p.is_empty()) {
        put_varint(out, positions.len() as u64);
    }
    let mut encoded = Vec::new();
    for positions in fields.iter().filter(|p| !p.is_empty()) {
        let mut previous = 0;
        for &position in positions {
            put_varint(&mut encoded, (position - previous) as u64);
            previous = position;
        }
    }
    put_varint(out, encoded.len() as u64);
    out.extend_from_slice(&encoded);
}

/// One document's entry, decoded lazily.
#[derive(Clone, Debug)]
pub struct Posting<'a> {
    pub doc: u32,
    pub mask: u16,
    /// Term frequency per field (0 where absent).
    pub tf: [u32; FIELD_COUNT],
    positions: &'a [u8],
}

impl<'a> Posting<'a> {
    /// Decodes the positions of this entry, per field. Allocates one `Vec` per
    /// field present; linear in the term frequency.
    pub fn positions(&self) -> Result<FieldPositions, FormatError> {
        let mut cursor = Cursor::new(self.positions, SectionId::Postings);
        let mut result: FieldPositions = Default::default();
        for field in Field::ALL {
            let tf = self.tf[field.index()];
            if tf == 0 {
                continue;
            }
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
    remaining: u32,
    doc: u32,
    doc_limit: u32,
    first: bool,
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
        Ok(PostingsIter { cursor, remaining, doc: 0, doc_limit, first: true })
    }

    /// Number of documents holding the term.
    pub fn doc_count(&self) -> u32 {
        self.remaining
    }

    fn read(&mut self) -> Result<Posting<'a>, FormatError> {
        let delta = self.cursor.varint_u32()?;
        self.doc = if self.first { delta } else { self.doc.saturating_add(delta) };
        if (!self.first && delta == 0) || self.doc >= self.doc_limit {
            return Err(self.cursor.corrupt("document numbers are out of order or range"));
        }
        self.first = false;
        let mask = self.cursor.varint()?;
        if mask == 0 || mask >= 1 << FIELD_COUNT {
            return Err(self.cursor.corrupt("a field mask is invalid"));
        }
        let mut tf = [0u32; FIELD_COUNT];
        for field in Field::ALL {
            if mask & field.bit() as u64 != 0 {
                tf[field.index()] = self.cursor.varint_u32()?.max(1);
            }
        }
        let positions_len = self.cursor.length(usize::MAX)?;
        let positions = self.cursor.bytes(positions_len)?;
        Ok(Posting { doc: self.doc, mask: mask as u16, tf, positions })
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

    fn list() -> Vec<u8> {
        let mut out = Vec::new();
        put_varint(&mut out, 2);
        write_entry(&mut out, 3, &positions(&[0], &[5, 9, 200]));
        write_entry(&mut out, 4, &positions(&[], &[1]));
        out
    }

    #[test]
    fn entries_round_trip_with_positions() {
        let bytes = list();
        let postings: Vec<_> = PostingsIter::new(&bytes, 0, 10).unwrap().map(Result::unwrap).collect();
        assert_eq!(postings.iter().map(|p| p.doc).collect::<Vec<_>>(), [3, 7]);
        assert_eq!(postings[0].tf[Field::Body.index()], 3);
        assert_eq!(postings[0].positions().unwrap(), positions(&[0], &[5, 9, 200]));
        assert_eq!(postings[1].positions().unwrap(), positions(&[], &[1]));
    }

    #[test]
    fn documents_beyond_the_collection_are_corruption() {
        let bytes = list();
        assert!(PostingsIter::new(&bytes, 0, 5).unwrap().any(|p| p.is_err()));
        assert!(PostingsIter::new(&bytes, 0, 1).is_err());
    }

    #[test]
    fn every_truncation_errors_without_panicking() {
        let bytes = list();
        for len in 0..bytes.len() {
            let Ok(iter) = PostingsIter::new(&bytes[..len], 0, 10) else { continue };
            let results: Vec<_> = iter.collect();
            assert!(results.iter().any(Result::is_err) || results.len() < 2, "{len}");
        }
    }
}

//! Facts about the whole collection that ranking and the page need at once:
//! its name, how many documents it has and the average length of each field.
//!
//! ```text
//! meta := name:str doc_count:varint avg_field_length:f32le{FIELD_COUNT} built_by:str
//! ```

use crate::index::format::{Cursor, FormatError, SectionId, put_str, put_varint};
use crate::index::schema::FIELD_COUNT;

#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// Shown as the page's heading.
    pub name: String,
    pub doc_count: u32,
    /// Mean tokens per document for each field (BM25 length normalisation).
    pub avg_field_length: [f32; FIELD_COUNT],
    /// `carrel x.y.z`, for support questions.
    pub built_by: String,
}

impl Meta {
    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        put_str(&mut out, &self.name);
        put_varint(&mut out, self.doc_count as u64);
        put_field_lengths(&mut out, &self.avg_field_length);
        put_str(&mut out, &self.built_by);
        out
    }

    pub fn read(bytes: &[u8]) -> Result<Meta, FormatError> {
        let mut cursor = Cursor::new(bytes, SectionId::Meta);
        let name = cursor.str()?.to_string();
        let doc_count = cursor.varint_u32()?;
        let avg_field_length = read_field_lengths(&mut cursor)?;
        let built_by = cursor.str()?.to_string();
        Ok(Meta { name, doc_count, avg_field_length, built_by })
    }
}

/// Writes average field lengths, one f32 LE per field (the meta section's
/// for the whole collection, the languages section's per language).
pub(crate) fn put_field_lengths(out: &mut Vec<u8>, lengths: &[f32; FIELD_COUNT]) {
    for avg in lengths {
        out.extend_from_slice(&avg.to_le_bytes());
    }
}

/// Reads what [`put_field_lengths`] wrote; a length that is not a finite,
/// non-negative number is corruption.
pub(crate) fn read_field_lengths(cursor: &mut Cursor<'_>) -> Result<[f32; FIELD_COUNT], FormatError> {
    let mut lengths = [0f32; FIELD_COUNT];
    for avg in &mut lengths {
        let value = f32::from_le_bytes(cursor.bytes(4)?.try_into().expect("4 bytes"));
        if !value.is_finite() || value < 0.0 {
            return Err(cursor.corrupt("an average field length is not a finite positive number"));
        }
        *avg = value;
    }
    Ok(lengths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_round_trips_and_rejects_nan() {
        let meta = Meta {
            name: "Korean War".into(),
            doc_count: 5,
            avg_field_length: [2.5; FIELD_COUNT],
            built_by: "carrel 0.1.0".into(),
        };
        assert_eq!(Meta::read(&meta.write()).unwrap(), meta);
        let mut bad = meta.clone();
        bad.avg_field_length[3] = f32::NAN;
        assert!(Meta::read(&bad.write()).is_err());
        assert!(Meta::read(&meta.write()[..5]).is_err());
    }
}

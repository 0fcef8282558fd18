//! The variants section: the curator's groups of equivalent spellings, kept in
//! the index as written so that the query side compiles them exactly as the
//! builder did ([`crate::text::variants`] says what they mean).
//!
//! ```text
//! variants section := group_count:varint (form_count:varint str{form_count}){group_count}
//! ```

use super::format::{Cursor, FormatError, SectionId, put_str, put_varint};
use crate::text::variants::Variants;

/// The variants section of an index: the curator's groups as written.
pub fn write(variants: &Variants) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, variants.groups.len() as u64);
    for group in &variants.groups {
        put_varint(&mut out, group.len() as u64);
        for form in group {
            put_str(&mut out, form);
        }
    }
    out
}

pub fn read(bytes: &[u8]) -> Result<Variants, FormatError> {
    let mut cursor = Cursor::new(bytes, SectionId::Variants);
    let count = cursor.length(cursor.remaining())?;
    let mut groups = Vec::with_capacity(count);
    for _ in 0..count {
        let forms = cursor.length(cursor.remaining())?;
        let mut group = Vec::with_capacity(forms);
        for _ in 0..forms {
            group.push(cursor.str()?.to_string());
        }
        groups.push(group);
    }
    Ok(Variants { groups })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_groups_round_trip() {
        let variants = Variants::defaults();
        assert_eq!(read(&write(&variants)).unwrap(), variants);
    }
}

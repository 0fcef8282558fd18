//! Facets: the values a document can be filtered and counted by (type, sender,
//! recipient, collection, language, year) and its date range, in a fixed-width table so
//! that filtering and counting touch no compressed text.
//!
//! ```text
//! doc facets   := (first_day:u32 last_day:u32 value_id:u32{FACET_COUNT}){doc_count}
//! facet values := (count:varint str{count}){FACET_COUNT}
//! ```
//! Days are `YYYYMMDD` (0 when undated); value id 0 means "none", id `n`
//! names the `n`-th string of that facet's dictionary.

use crate::document::Document;
use crate::index::format::{Cursor, FormatError, SectionId, put_str, put_varint};
use std::collections::HashMap;

/// A facet stored as a dictionary value; years are derived from dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    Type = 0,
    From = 1,
    To = 2,
    Collection = 3,
    /// The document's language tag, as the builder resolved it.
    Language = 4,
}

pub const FACET_COUNT: usize = 5;
const ROW_BYTES: usize = 8 + 4 * FACET_COUNT;

impl Facet {
    pub const ALL: [Facet; FACET_COUNT] = [Facet::Type, Facet::From, Facet::To, Facet::Collection, Facet::Language];

    pub fn name(self) -> &'static str {
        match self {
            Facet::Type => "type",
            Facet::From => "from",
            Facet::To => "to",
            Facet::Collection => "collection",
            Facet::Language => "lang",
        }
    }

    fn value(self, document: &Document) -> Option<&str> {
        match self {
            Facet::Type => document.doc_type.as_deref(),
            Facet::From => document.from.as_deref(),
            Facet::To => document.to.as_deref(),
            Facet::Collection => document.collection.as_deref(),
            Facet::Language => document.language.as_deref(),
        }
    }
}

/// Writes the facet table and dictionaries for `documents`.
pub fn write(documents: &[Document]) -> (Vec<u8>, Vec<u8>) {
    let mut writer = FacetWriter::default();
    for document in documents {
        writer.add(document);
    }
    writer.finish()
}

/// Gathers facet rows one document at a time, keeping each distinct value
/// once; value ids follow the sorted order of each dictionary, so they are
/// numbered only in [`FacetWriter::finish`].
#[derive(Default)]
pub struct FacetWriter {
    /// Per facet: value → the number it was first seen as.
    seen: [HashMap<String, u32>; FACET_COUNT],
    /// Per document: first day, last day and each facet's first-seen number
    /// plus one (0 for none).
    rows: Vec<(u32, u32, [u32; FACET_COUNT])>,
}

impl FacetWriter {
    pub fn add(&mut self, document: &Document) {
        let (first, last) = document.date.map_or((0, 0), |d| (d.first_day(), d.last_day()));
        let mut ids = [0u32; FACET_COUNT];
        for ((facet, seen), id) in Facet::ALL.iter().zip(&mut self.seen).zip(&mut ids) {
            if let Some(value) = facet.value(document) {
                let next = seen.len() as u32;
                *id = match seen.get(value) {
                    Some(&n) => n + 1,
                    None => {
                        seen.insert(value.to_string(), next);
                        next + 1
                    }
                };
            }
        }
        self.rows.push((first, last, ids));
    }

    /// The facet table and the value dictionaries.
    pub fn finish(self) -> (Vec<u8>, Vec<u8>) {
        let mut values = Vec::new();
        // Per facet: first-seen number → id in the sorted dictionary.
        let mut renumber: Vec<Vec<u32>> = Vec::with_capacity(FACET_COUNT);
        for seen in &self.seen {
            let mut sorted: Vec<(&String, u32)> = seen.iter().map(|(value, &n)| (value, n)).collect();
            sorted.sort_unstable();
            let mut ids = vec![0u32; sorted.len()];
            put_varint(&mut values, sorted.len() as u64);
            for (id, (value, n)) in sorted.iter().enumerate() {
                ids[*n as usize] = id as u32 + 1;
                put_str(&mut values, value);
            }
            renumber.push(ids);
        }
        let mut table = Vec::with_capacity(self.rows.len() * ROW_BYTES);
        for (first, last, ids) in &self.rows {
            table.extend_from_slice(&first.to_le_bytes());
            table.extend_from_slice(&last.to_le_bytes());
            for (id, renumber) in ids.iter().zip(&renumber) {
                let id = if *id == 0 { 0 } else { renumber[*id as usize - 1] };
                table.extend_from_slice(&id.to_le_bytes());
            }
        }
        (table, values)
    }
}

/// One document's row of the facet table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocFacets {
    /// `YYYYMMDD` of the first and last day the date could mean; 0 if undated.
    pub first_day: u32,
    pub last_day: u32,
    pub values: [u32; FACET_COUNT],
}

impl DocFacets {
    pub fn year(&self) -> Option<u32> {
        (self.first_day != 0).then_some(self.first_day / 10_000)
    }
}

/// Row `doc` of a facet table already checked by [`Facets::open`]. O(1).
pub fn read_row(table: &[u8], doc: u32) -> DocFacets {
    let row = &table[doc as usize * ROW_BYTES..][..ROW_BYTES];
    let word = |k: usize| u32::from_le_bytes(row[k * 4..k * 4 + 4].try_into().expect("4 bytes"));
    DocFacets { first_day: word(0), last_day: word(1), values: [word(2), word(3), word(4), word(5), word(6)] }
}

/// Read access to the facet sections.
pub struct Facets<'a> {
    table: &'a [u8],
    dictionaries: Vec<Vec<&'a str>>,
}

impl<'a> Facets<'a> {
    /// Opens the sections, checking the table against `doc_count`. Allocates
    /// one slice reference per distinct facet value.
    pub fn open(table: &'a [u8], values: &'a [u8], doc_count: u32) -> Result<Self, FormatError> {
        if table.len() as u64 != doc_count as u64 * ROW_BYTES as u64 {
            return Err(FormatError::Corrupt {
                section: SectionId::DocFacets,
                reason: "the table does not match the document count",
            });
        }
        let mut cursor = Cursor::new(values, SectionId::FacetValues);
        let mut dictionaries = Vec::with_capacity(FACET_COUNT);
        for _ in 0..FACET_COUNT {
            let count = cursor.length(cursor.remaining())?;
            let mut dictionary = Vec::with_capacity(count);
            for _ in 0..count {
                dictionary.push(cursor.str()?);
            }
            dictionaries.push(dictionary);
        }
        let facets = Facets { table, dictionaries };
        for doc in 0..doc_count {
            let row = facets.doc(doc);
            for (facet, id) in Facet::ALL.iter().zip(row.values) {
                if id as usize > facets.dictionaries[*facet as usize].len() {
                    return Err(FormatError::Corrupt {
                        section: SectionId::DocFacets,
                        reason: "a facet value id is out of range",
                    });
                }
            }
        }
        Ok(facets)
    }

    /// The row of document `doc` (which must be below the document count).
    pub fn doc(&self, doc: u32) -> DocFacets {
        read_row(self.table, doc)
    }

    /// The text of value `id` of `facet`; `None` for id 0.
    pub fn value(&self, facet: Facet, id: u32) -> Option<&'a str> {
        id.checked_sub(1).and_then(|i| self.dictionaries[facet as usize].get(i as usize).copied())
    }

    /// Every value of `facet`, in id order (id = position + 1).
    pub fn values(&self, facet: Facet) -> &[&'a str] {
        &self.dictionaries[facet as usize]
    }

    /// The id of a value given its exact text (case-insensitive).
    pub fn id_of(&self, facet: Facet, text: &str) -> Option<u32> {
        self.dictionaries[facet as usize].iter().position(|v| v.eq_ignore_ascii_case(text)).map(|i| i as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::PartialDate;

    #[test]
    fn facets_round_trip() {
        let documents = vec![
            Document {
                doc_type: Some("Telegram".into()),
                from: Some("Stalin".into()),
                date: PartialDate::parse_iso("1951-06"),
                language: Some("ru".into()),
                ..Default::default()
            },
            Document { doc_type: Some("Letter".into()), ..Default::default() },
            Document { doc_type: Some("Telegram".into()), ..Default::default() },
        ];
        let (table, values) = write(&documents);
        let facets = Facets::open(&table, &values, 3).unwrap();
        let first = facets.doc(0);
        assert_eq!((first.first_day, first.last_day, first.year()), (19510601, 19510631, Some(1951)));
        assert_eq!(facets.value(Facet::Type, first.values[0]), Some("Telegram"));
        assert_eq!(facets.doc(2).values[0], first.values[0]);
        assert_eq!(facets.value(Facet::From, facets.doc(1).values[1]), None);
        assert_eq!(facets.id_of(Facet::Type, "letter"), Some(facets.doc(1).values[0]));
        assert_eq!(facets.value(Facet::Language, first.values[4]), Some("ru"));
        assert!(Facets::open(&table, &values, 4).is_err());
    }
}

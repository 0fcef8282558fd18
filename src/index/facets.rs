//! Facets: the values a document can be filtered and counted by (type, sender,
//! recipient, collection, language, year) and its date range, in a table of
//! their own so that filtering and counting touch no compressed text.
//!
//! ```text
//! doc facets   := first_day_step:zigzag{doc_count}
//!                 (last_day − first_day):zigzag{doc_count}
//!                 (value_id:varint{doc_count}){FACET_COUNT}
//! facet values := (count:varint str{count}){FACET_COUNT}
//! ```
//! Days are `YYYYMMDD` (0 when undated); value id 0 means "none", id `n`
//! names the `n`-th string of that facet's dictionary. Each first day is
//! stored as its step from the document before's.
//!
//! The table is column-major varints because it travels in the core index
//! that every visitor downloads before the first result: neighbouring
//! documents share dates and values, so a column compresses to a fraction of
//! fixed-width rows (on DFAT 19 KB brotli against 29 KB). Opening decodes it
//! once into rows, so reading a row stays O(1).

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
        let mut table = Vec::with_capacity(self.rows.len() * (2 + FACET_COUNT));
        let mut previous = 0u32;
        for (first, _, _) in &self.rows {
            put_varint(&mut table, zigzag(i64::from(*first) - i64::from(previous)));
            previous = *first;
        }
        for (first, last, _) in &self.rows {
            put_varint(&mut table, zigzag(i64::from(*last) - i64::from(*first)));
        }
        for (facet, renumber) in renumber.iter().enumerate() {
            for (_, _, ids) in &self.rows {
                let id = ids[facet];
                put_varint(&mut table, if id == 0 { 0 } else { renumber[id as usize - 1] as u64 });
            }
        }
        (table, values)
    }
}

/// One document's row of the facet table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    (value >> 1) as i64 ^ -((value & 1) as i64)
}

/// Decodes the facet table of `doc_count` documents, refusing one that is cut
/// short, runs on, or holds a day no `u32` can.
fn read_rows(table: &[u8], doc_count: u32) -> Result<Vec<DocFacets>, FormatError> {
    let mut cursor = Cursor::new(table, SectionId::DocFacets);
    // Every document takes at least one byte per column.
    if (table.len() as u64) < doc_count as u64 * (2 + FACET_COUNT) as u64 {
        return Err(cursor.corrupt("the table does not match the document count"));
    }
    let day = |value: Option<i64>, cursor: &Cursor| {
        value.and_then(|v| u32::try_from(v).ok()).ok_or_else(|| cursor.corrupt("a day is out of range"))
    };
    let mut rows = Vec::with_capacity(doc_count as usize);
    let mut previous = 0i64;
    for _ in 0..doc_count {
        let first_day = day(previous.checked_add(unzigzag(cursor.varint()?)), &cursor)?;
        previous = i64::from(first_day);
        rows.push(DocFacets { first_day, last_day: 0, values: [0; FACET_COUNT] });
    }
    for row in &mut rows {
        let span = unzigzag(cursor.varint()?);
        row.last_day = day(i64::from(row.first_day).checked_add(span), &cursor)?;
    }
    for facet in 0..FACET_COUNT {
        for row in &mut rows {
            row.values[facet] = cursor.varint_u32()?;
        }
    }
    if !cursor.is_empty() {
        return Err(cursor.corrupt("the table does not match the document count"));
    }
    Ok(rows)
}

/// The facet sections decoded and owned: what an opened index keeps once
/// it has them (at open for a whole index, with the facets pack for a
/// packed one).
#[derive(Clone, Debug, Default)]
pub struct FacetTable {
    rows: Vec<DocFacets>,
    dictionaries: Vec<Vec<String>>,
}

impl FacetTable {
    /// Decodes both sections, checking the table against `doc_count` and
    /// every value id against its dictionary. Decodes every row and copies
    /// each distinct facet value once.
    pub fn read(table: &[u8], values: &[u8], doc_count: u32) -> Result<FacetTable, FormatError> {
        let rows = read_rows(table, doc_count)?;
        let mut cursor = Cursor::new(values, SectionId::FacetValues);
        let mut dictionaries = Vec::with_capacity(FACET_COUNT);
        for _ in 0..FACET_COUNT {
            let count = cursor.length(cursor.remaining())?;
            let mut dictionary = Vec::with_capacity(count);
            for _ in 0..count {
                dictionary.push(cursor.str()?.to_string());
            }
            dictionaries.push(dictionary);
        }
        let facets = FacetTable { rows, dictionaries };
        for row in &facets.rows {
            for (facet, &id) in Facet::ALL.iter().zip(&row.values) {
                if id as usize > facets.values(*facet).len() {
                    return Err(FormatError::Corrupt {
                        section: SectionId::DocFacets,
                        reason: "a facet value id is out of range",
                    });
                }
            }
        }
        Ok(facets)
    }

    /// Decodes a facets pack's bytes (see [`pack`]).
    pub fn read_pack(bytes: &[u8], doc_count: u32) -> Result<FacetTable, FormatError> {
        let mut cursor = Cursor::new(bytes, SectionId::DocFacets);
        let table_len = cursor.length(cursor.remaining())?;
        let table = cursor.bytes(table_len)?;
        FacetTable::read(table, &bytes[cursor.position()..], doc_count)
    }

    /// The row of document `doc` (an empty row past the document count). O(1).
    pub fn doc(&self, doc: u32) -> DocFacets {
        self.rows.get(doc as usize).copied().unwrap_or_default()
    }

    /// The text of value `id` of `facet`; `None` for id 0.
    pub fn value(&self, facet: Facet, id: u32) -> Option<&str> {
        id.checked_sub(1).and_then(|i| self.dictionaries[facet as usize].get(i as usize)).map(String::as_str)
    }

    /// Every value of `facet`, in id order (id = position + 1).
    pub fn values(&self, facet: Facet) -> &[String] {
        &self.dictionaries[facet as usize]
    }

    /// The id of a value given its exact text (case-insensitive).
    pub fn id_of(&self, facet: Facet, text: &str) -> Option<u32> {
        self.values(facet).iter().position(|v| v.eq_ignore_ascii_case(text)).map(|i| i as u32 + 1)
    }
}

/// The bytes of the facets pack: both facet sections, the table's length
/// first (see [`super::packs`]).
pub fn pack(table: &[u8], values: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(table.len() + values.len() + 5);
    put_varint(&mut bytes, table.len() as u64);
    bytes.extend_from_slice(table);
    bytes.extend_from_slice(values);
    bytes
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
        let facets = FacetTable::read(&table, &values, 3).unwrap();
        let first = facets.doc(0);
        assert_eq!((first.first_day, first.last_day, first.year()), (19510601, 19510631, Some(1951)));
        assert_eq!(facets.value(Facet::Type, first.values[0]), Some("Telegram"));
        assert_eq!(facets.doc(2).values[0], first.values[0]);
        assert_eq!(facets.value(Facet::From, facets.doc(1).values[1]), None);
        assert_eq!(facets.id_of(Facet::Type, "letter"), Some(facets.doc(1).values[0]));
        assert_eq!(facets.value(Facet::Language, first.values[4]), Some("ru"));
        assert!(FacetTable::read(&table, &values, 4).is_err());
        assert!(FacetTable::read(&table, &values, 2).is_err());
        assert!(FacetTable::read(&table[..table.len() - 1], &values, 3).is_err());
    }

    #[test]
    fn the_facets_pack_holds_both_sections() {
        let documents = vec![
            Document { doc_type: Some("Telegram".into()), language: Some("ru".into()), ..Default::default() },
            Document { from: Some("Evatt".into()), date: PartialDate::parse_iso("1945-04-25"), ..Default::default() },
        ];
        let (table, values) = write(&documents);
        let bytes = pack(&table, &values);
        let facets = FacetTable::read_pack(&bytes, 2).unwrap();
        assert_eq!(facets.value(Facet::Type, facets.doc(0).values[0]), Some("Telegram"));
        assert_eq!(facets.value(Facet::From, facets.doc(1).values[1]), Some("Evatt"));
        assert_eq!(facets.doc(1).first_day, 19450425);
        assert_eq!(facets.values(Facet::Language), ["ru"]);
        assert_eq!(facets.doc(2), DocFacets::default(), "past the document count");
        assert!(FacetTable::read_pack(&bytes, 3).is_err());
        for len in 0..bytes.len() {
            assert!(FacetTable::read_pack(&bytes[..len], 2).is_err(), "cut at {len}");
        }
    }

    #[test]
    fn days_step_back_and_forth_between_documents() {
        let dated = |iso: &str| Document { date: PartialDate::parse_iso(iso), ..Default::default() };
        let documents = vec![dated("1951-06-03"), dated("1923"), Document::default(), dated("1949-12-31")];
        let (table, values) = write(&documents);
        let facets = FacetTable::read(&table, &values, 4).unwrap();
        let days: Vec<(u32, u32)> = (0..4).map(|d| (facets.doc(d).first_day, facets.doc(d).last_day)).collect();
        assert_eq!(days, [(19510603, 19510603), (19230101, 19231231), (0, 0), (19491231, 19491231)]);
    }

    #[test]
    fn a_day_below_zero_is_refused() {
        let mut table = Vec::new();
        put_varint(&mut table, zigzag(-1));
        table.extend_from_slice(&[0; 1 + FACET_COUNT]);
        let mut values = Vec::new();
        for _ in 0..FACET_COUNT {
            put_varint(&mut values, 0);
        }
        assert!(FacetTable::read(&table, &values, 1).is_err());
    }
}

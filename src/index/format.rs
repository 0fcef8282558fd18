//! The index file's bytes: header, section table, checksum and the primitive
//! encodings every section uses. Writer and reader live side by side here so
//! they cannot drift apart.
//!
//! ```text
//! offset  size  field
//! 0       8     magic  b"CARRELIX"
//! 8       4     format version (u32 LE)
//! 12      4     section count (u32 LE)
//! 16      4     CRC-32 of every other byte of the file (u32 LE)
//! 20      4     reserved, zero
//! 24      16×n  section table: id (u32), length (u32), offset from the file start (u64)
//! ...           section bodies, in table order
//! ```
//!
//! Opening checks magic, version, checksum and that every section lies inside
//! the file, so a truncated, corrupted or foreign file is refused before any
//! section is read. Section decoders still bound-check every read (a hostile
//! file can carry a valid checksum), returning [`FormatError::Corrupt`] rather
//! than panicking.

use std::fmt;

/// First eight bytes of every Carrel index.
pub const MAGIC: [u8; 8] = *b"CARRELIX";
/// Bumped whenever the layout of any section changes.
pub const FORMAT_VERSION: u32 = 11;
/// Header bytes before the section table.
pub const HEADER_BYTES: usize = 24;
/// Bytes per section-table entry.
const SECTION_ENTRY_BYTES: usize = 16;

/// The sections of an index. Their layouts are documented where they are
/// written: `meta.rs`, `postings.rs`, `store.rs`, `languages.rs`, `builder.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum SectionId {
    /// Collection name, counts and average field lengths.
    Meta = 1,
    /// `fst::Map`: stem → its `TermKey` (postings offset and document count).
    Stems = 2,
    /// `fst::Map`: every surface word → the analysers whose documents hold
    /// it, a bit per analyser id with English's bit flipped (so a collection
    /// read as English alone stores no values, and the map is the bytes of a
    /// set). Its stem, and so its list, is found through each analyser's
    /// stemmer.
    Words = 3,
    /// Postings lists with positions.
    Postings = 4,
    // 5 held every document's field lengths until format 10; postings
    // entries carry them now (see `field_lengths`).
    /// Per-document date range and facet value ids, column by column.
    DocFacets = 6,
    /// Facet value dictionaries.
    FacetValues = 7,
    /// How many documents each store block holds (each block leads with its own lengths).
    StoreIndex = 8,
    /// Compressed blocks of stored documents.
    Store = 9,
    /// Curated name variants and abbreviations.
    Variants = 10,
    /// `fst::Map`: document id → document number.
    Ids = 11,
    /// Only in an index whose postings, store and dictionaries travel as
    /// separate packs (then those sections are empty): where each pack belongs.
    Packs = 12,
    /// The collection's languages, their field lengths and stop words.
    Languages = 13,
}

impl SectionId {
    /// Sections an index may carry or leave out.
    pub const OPTIONAL: [SectionId; 1] = [SectionId::Packs];

    /// Sections every index carries.
    pub const ALL: [SectionId; 11] = [
        SectionId::Meta,
        SectionId::Stems,
        SectionId::Words,
        SectionId::Postings,
        SectionId::DocFacets,
        SectionId::FacetValues,
        SectionId::StoreIndex,
        SectionId::Store,
        SectionId::Variants,
        SectionId::Ids,
        SectionId::Languages,
    ];

    fn name(self) -> &'static str {
        match self {
            SectionId::Meta => "meta",
            SectionId::Stems => "stems",
            SectionId::Words => "words",
            SectionId::Postings => "postings",
            SectionId::DocFacets => "document facets",
            SectionId::FacetValues => "facet values",
            SectionId::StoreIndex => "store index",
            SectionId::Store => "document store",
            SectionId::Variants => "variants",
            SectionId::Ids => "document ids",
            SectionId::Packs => "pack table",
            SectionId::Languages => "languages",
        }
    }
}

impl fmt::Display for SectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why an index cannot be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum FormatError {
    /// The file is shorter than its header or section table says.
    Truncated { needed: u64, got: u64 },
    /// The file does not start with [`MAGIC`].
    NotAnIndex,
    /// Written by a different version of Carrel.
    Version { expected: u32, got: u32 },
    /// The bytes do not match the checksum written with them.
    Checksum { expected: u32, got: u32 },
    /// A section is missing from the table.
    MissingSection { section: SectionId },
    /// A section's content is inconsistent.
    Corrupt { section: SectionId, reason: &'static str },
    /// The index travels in packs and these have not been added yet (see
    /// `packs`): fetch them, add them, ask again.
    PacksNotLoaded { packs: Vec<super::pack_id::PackId> },
    /// A pack's bytes are not the ones the index was built with.
    BadPack { pack: super::pack_id::PackId, reason: &'static str },
    /// The collection's documents were read with a stemmer this build lacks
    /// (the English-only wasm module opening a French collection): searching
    /// would stem queries differently from the documents.
    StemmerNotBuiltIn { language: &'static str },
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Truncated { needed, got } => {
                write!(f, "the index is truncated: it needs at least {needed} bytes but has {got}; copy or rebuild it")
            }
            FormatError::NotAnIndex => write!(f, "this is not a Carrel index (wrong magic bytes)"),
            FormatError::Version { expected, got } => write!(
                f,
                "the index has format version {got}, but this Carrel reads version {expected}; rebuild the index with this version of carrel"
            ),
            FormatError::Checksum { expected, got } => {
                write!(f, "the index is corrupt: checksum {got:08x} does not match {expected:08x}; copy or rebuild it")
            }
            FormatError::MissingSection { section } => {
                write!(f, "the index is corrupt: its {section} section is missing; rebuild it")
            }
            FormatError::Corrupt { section, reason } => {
                write!(f, "the index is corrupt: {section} section: {reason}; rebuild it")
            }
            FormatError::PacksNotLoaded { packs } => {
                let names: Vec<String> = packs.iter().map(|p| p.to_string()).collect();
                write!(f, "parts {} of the index have not been loaded yet", names.join(", "))
            }
            FormatError::StemmerNotBuiltIn { language } => write!(
                f,
                "the collection has documents in language `{language}`, whose stemmer this search module lacks \
                 (it stems English only); rebuild the site with carrel build, which ships the module with every stemmer to such collections"
            ),
            FormatError::BadPack { pack, reason } => {
                write!(
                    f,
                    "part {pack} of the index is damaged or from another build: {reason}; reload the page or rebuild the site"
                )
            }
        }
    }
}

impl std::error::Error for FormatError {}

/// Assembles sections into one index file.
#[derive(Default)]
pub struct FileWriter {
    sections: Vec<(SectionId, Vec<u8>)>,
}

impl FileWriter {
    pub fn add(&mut self, id: SectionId, bytes: Vec<u8>) {
        self.sections.push((id, bytes));
    }

    /// The finished file. Sections are laid out in the order added.
    pub fn finish(self) -> Vec<u8> {
        let table_bytes = self.sections.len() * SECTION_ENTRY_BYTES;
        let body_bytes: usize = self.sections.iter().map(|(_, b)| b.len()).sum();
        let mut out = Vec::with_capacity(HEADER_BYTES + table_bytes + body_bytes);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.sections.len() as u32).to_le_bytes());
        out.extend_from_slice(&[0; 8]); // checksum and reserved, filled below
        let mut offset = (HEADER_BYTES + table_bytes) as u64;
        for (id, bytes) in &self.sections {
            out.extend_from_slice(&(*id as u32).to_le_bytes());
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            out.extend_from_slice(&offset.to_le_bytes());
            offset += bytes.len() as u64;
        }
        for (_, bytes) in &self.sections {
            out.extend_from_slice(bytes);
        }
        let checksum = checksum(&out);
        out[16..20].copy_from_slice(&checksum.to_le_bytes());
        out
    }
}

/// Byte ranges of each section in a verified file.
#[derive(Clone, Debug)]
pub struct SectionTable {
    ranges: Vec<(SectionId, std::ops::Range<usize>)>,
}

impl SectionTable {
    /// Checks header, version, checksum and section bounds.
    ///
    /// Cost: one CRC-32 pass over the whole file; nothing is copied or
    /// allocated beyond the small table. Measured on the DFAT index (7,607
    /// documents, 26.2 MB; best of 15–30 runs on a shared x86-64 machine):
    /// about 1 ms natively, where `crc32fast` uses carry-less multiplication
    /// (the whole of this function is then ≈ 1.0–1.3 ms), about 12–20 ms
    /// natively without it (the table-driven fallback), and in wasm, which
    /// has only a table ([`super::crc32`]), tens of milliseconds. Against a 26 MB
    /// download that is noise; it buys a typed error instead of garbage for a
    /// truncated or damaged copy.
    pub fn read(bytes: &[u8]) -> Result<SectionTable, FormatError> {
        let got = bytes.len() as u64;
        if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
            return Err(if MAGIC.starts_with(bytes) {
                FormatError::Truncated { needed: HEADER_BYTES as u64, got }
            } else {
                FormatError::NotAnIndex
            });
        }
        if bytes.len() < HEADER_BYTES {
            return Err(FormatError::Truncated { needed: HEADER_BYTES as u64, got });
        }
        let version = le_u32(&bytes[8..12]);
        if version != FORMAT_VERSION {
            return Err(FormatError::Version { expected: FORMAT_VERSION, got: version });
        }
        let count = le_u32(&bytes[12..16]) as u64;
        let table_end = HEADER_BYTES as u64 + count * SECTION_ENTRY_BYTES as u64;
        if table_end > got {
            return Err(FormatError::Truncated { needed: table_end, got });
        }
        let mut ranges = Vec::with_capacity(count as usize);
        let mut needed = table_end;
        for k in 0..count as usize {
            let entry = &bytes[HEADER_BYTES + k * SECTION_ENTRY_BYTES..][..SECTION_ENTRY_BYTES];
            let length = le_u32(&entry[4..8]) as u64;
            let offset = u64::from_le_bytes(entry[8..16].try_into().expect("8 bytes"));
            let end = offset.saturating_add(length);
            needed = needed.max(end);
            if let Some(id) =
                SectionId::ALL.iter().chain(&SectionId::OPTIONAL).find(|s| **s as u32 == le_u32(&entry[0..4]))
            {
                if offset < table_end || end > got {
                    continue; // reported below, as truncation or checksum failure
                }
                ranges.push((*id, offset as usize..end as usize));
            }
        }
        if needed > got {
            return Err(FormatError::Truncated { needed, got });
        }
        let expected = le_u32(&bytes[16..20]);
        let actual = checksum(bytes);
        if expected != actual {
            return Err(FormatError::Checksum { expected, got: actual });
        }
        Ok(SectionTable { ranges })
    }

    pub fn range(&self, id: SectionId) -> Result<std::ops::Range<usize>, FormatError> {
        self.ranges
            .iter()
            .find(|(s, _)| *s == id)
            .map(|(_, r)| r.clone())
            .ok_or(FormatError::MissingSection { section: id })
    }
}

/// CRC-32 of the whole file except the checksum field itself.
fn checksum(file: &[u8]) -> u32 {
    let mut hasher = super::crc32::Crc32::new();
    hasher.update(&file[..16]);
    hasher.update(&file[20..]);
    hasher.finalize()
}

fn le_u32(bytes: &[u8]) -> u32 {
    u32::from_le_bytes(bytes[..4].try_into().expect("4 bytes"))
}

/// Appends `value` as a LEB128 varint (1 byte below 128, at most 10).
pub fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Appends a varint length and the bytes of `text`.
pub fn put_str(out: &mut Vec<u8>, text: &str) {
    put_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

/// A bounds-checked reader over one section: every read returns an error
/// naming the section instead of panicking on short or malformed input.
#[derive(Clone)]
pub struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    section: SectionId,
}

impl<'a> Cursor<'a> {
    pub fn new(bytes: &'a [u8], section: SectionId) -> Self {
        Cursor { bytes, pos: 0, section }
    }

    pub fn at(bytes: &'a [u8], pos: usize, section: SectionId) -> Self {
        Cursor { bytes, pos, section }
    }

    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bytes left to read; every count read from a section is bounded by it.
    pub fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn corrupt(&self, reason: &'static str) -> FormatError {
        FormatError::Corrupt { section: self.section, reason }
    }

    pub fn varint(&mut self) -> Result<u64, FormatError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.pos).ok_or_else(|| self.corrupt("a number runs past the end"))?;
            self.pos += 1;
            value |= ((byte & 0x7f) as u64) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.corrupt("a number is longer than 64 bits"))
    }

    /// A varint that must fit in `u32`.
    pub fn varint_u32(&mut self) -> Result<u32, FormatError> {
        u32::try_from(self.varint()?).map_err(|_| self.corrupt("a number is out of range"))
    }

    /// A varint used as a length or count, at most `limit`.
    pub fn length(&mut self, limit: usize) -> Result<usize, FormatError> {
        let value = self.varint()?;
        if value > limit as u64 {
            return Err(self.corrupt("a declared length exceeds what the section holds"));
        }
        Ok(value as usize)
    }

    pub fn bytes(&mut self, len: usize) -> Result<&'a [u8], FormatError> {
        let end = self.pos.checked_add(len).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| self.corrupt("a field runs past the end"))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    pub fn skip(&mut self, len: usize) -> Result<(), FormatError> {
        self.bytes(len).map(|_| ())
    }

    pub fn str(&mut self) -> Result<&'a str, FormatError> {
        let len = self.length(self.remaining())?;
        let bytes = self.bytes(len)?;
        std::str::from_utf8(bytes).map_err(|_| self.corrupt("text is not valid UTF-8"))
    }

    pub fn u8(&mut self) -> Result<u8, FormatError> {
        Ok(self.bytes(1)?[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut writer = FileWriter::default();
        writer.add(SectionId::Meta, b"meta bytes".to_vec());
        writer.add(SectionId::Store, vec![7; 100]);
        writer.finish()
    }

    #[test]
    fn sections_round_trip() {
        let bytes = sample();
        let table = SectionTable::read(&bytes).unwrap();
        assert_eq!(&bytes[table.range(SectionId::Meta).unwrap()], b"meta bytes");
        assert_eq!(&bytes[table.range(SectionId::Store).unwrap()], &[7; 100][..]);
        assert!(matches!(table.range(SectionId::Words), Err(FormatError::MissingSection { .. })));
    }

    #[test]
    fn every_truncation_is_refused() {
        let bytes = sample();
        for len in 0..bytes.len() {
            let err = SectionTable::read(&bytes[..len]).unwrap_err();
            assert!(matches!(err, FormatError::Truncated { .. }), "{len}: {err}");
        }
    }

    #[test]
    fn every_bit_flip_is_refused() {
        let bytes = sample();
        for i in 0..bytes.len() {
            for bit in 0..8 {
                let mut flipped = bytes.clone();
                flipped[i] ^= 1 << bit;
                assert!(SectionTable::read(&flipped).is_err(), "byte {i} bit {bit}");
            }
        }
    }

    #[test]
    fn wrong_version_and_magic_are_named() {
        let mut bytes = sample();
        bytes[8] = 99;
        assert!(matches!(SectionTable::read(&bytes), Err(FormatError::Version { expected: FORMAT_VERSION, got: 99 })));
        assert!(matches!(SectionTable::read(b"PK\x03\x04 zip file here......"), Err(FormatError::NotAnIndex)));
    }

    #[test]
    fn huge_declared_section_is_truncation_not_allocation() {
        let mut bytes = sample();
        bytes[HEADER_BYTES + 4..HEADER_BYTES + 8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(SectionTable::read(&bytes), Err(FormatError::Truncated { .. })));
    }

    #[test]
    fn varints_round_trip_and_overlong_ones_fail() {
        let mut out = Vec::new();
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            put_varint(&mut out, v);
        }
        let mut cursor = Cursor::new(&out, SectionId::Postings);
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            assert_eq!(cursor.varint().unwrap(), v);
        }
        assert!(cursor.varint().is_err());
        assert!(Cursor::new(&[0xff; 11], SectionId::Postings).varint().is_err());
    }
}

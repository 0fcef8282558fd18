//! The document store: every field and the full text of every document,
//! compressed, so that results can show snippets and the page can render and
//! cite a document with nothing but the index.
//!
//! Documents are encoded one after another into blocks of about
//! [`BLOCK_TARGET_BYTES`] and each block is deflated on its own, so showing a
//! hit inflates one block, never the whole store. Small blocks alone compress
//! poorly (deflate finds no earlier text to point back to), so every block is
//! deflated as if it followed a preset dictionary: up to
//! [`DICTIONARY_BYTES`] of pieces of the collection's first documents,
//! chosen for the byte runs they share with the most text, stored once, uncompressed, at the start of the store (its own
//! pack when the store travels in packs, fetched with the first block shown).
//! Inflating starts with the dictionary already in the output buffer, so
//! matches reach back into it; the decoder is the one the store already used.
//!
//! ```text
//! store index := doc_count:varint block_count:varint dictionary_len:varint
//!                (documents:varint){block_count}
//! store       := dictionary:[u8; dictionary_len], then stored blocks back
//!                to back (the first starts at dictionary_len)
//! stored block := stored_len:varint raw_len:varint deflate(block)
//!                (stored_len counts raw_len and the deflated bytes)
//! block       := document{documents}
//! document    := id title date type from to summary collection source record url
//!                language body:[str] footnotes:[str] metadata:[(str,str)]
//! ```
//! Strings are varint-length-prefixed UTF-8; an optional string is a varint
//! `0` when absent or `len + 1` followed by the bytes.
//!
//! Documents lie in number order, so the store index needs a count per
//! block, not a location per document: the block holding document `n` is
//! found by a binary search, and the document inside its block by skipping
//! the few before it. The index travels in the core every visitor downloads
//! first; this way it grows with the blocks (under a byte each once
//! compressed), not with the documents (eight bytes each before: 31 KB brotli
//! on DFAT). Each block leads with its own lengths — stored, then inflated —
//! which only reading it needs: where blocks lie is found by walking those
//! prefixes, over the whole store when it is opened, or inside one pack when
//! it is loaded. In a packed store a block is located by its number alone: its
//! pack, from the pack table's count of blocks per pack (see
//! [`super::packs`]), and its place in the pack. The stored lengths kept in
//! the core until index format 9 were 5.9 KB brotli on DFAT, and would be
//! about 75 KB for 100,000 documents.
//!
//! Writing streams: [`StoreWriter`] holds encoded blocks only until it has
//! [`DICTIONARY_SAMPLE_BYTES`] to choose the dictionary from, and after that
//! keeps nothing but deflated blocks.

use crate::document::{Document, PartialDate};
use crate::index::format::{Cursor, FormatError, SectionId, put_str, put_varint};
use crate::index::inflate::{InflateError, inflate_onto};
use crate::index::packs::{PackId, SectionBytes};
use miniz_oxide::deflate::core::{CompressorOxide, TDEFLFlush, TDEFLStatus, compress_to_output};

/// Uncompressed bytes gathered into one block before it is deflated: larger
/// blocks compress better, smaller ones inflate faster for each hit shown and
/// cost less to fetch when the store travels in packs, where every result
/// shown fetches its block. Measured on DFAT (`bench/site_bytes.mjs`,
/// `bench/page-bytes.mjs`), with the shared dictionary: 4 KB rather than 8
/// made a block shown a median 2.1 KB brotli instead of 3.5, the full page's
/// first search (20 results) 289.7 KB instead of 313.4, for a store 2.3 %
/// larger (10.20 against 9.97 MB) and a core 2.6 KB larger (one store index
/// line per block); 2 KB went on to 1.4 KB a block and 279.5 KB, but for a
/// store 4.3 % larger, a core 5.4 KB larger and 5,625 files instead of 3,954.
pub const BLOCK_TARGET_BYTES: usize = 4 * 1024;
/// Deflate level for blocks (miniz's best).
const DEFLATE_LEVEL: u8 = 10;
/// Largest dictionary (deflate reaches back at most 32 KB, so a larger one
/// could not be used). A packed site's first search fetches it whole, so
/// it is chosen for what it saves per byte (see [`choose_dictionary`]):
/// measured with pieces chosen by their runs (`carrel index`, the store
/// section), 16 KB rather than 32 made the DFAT store 0.05 % larger with a
/// dictionary of 5.7 KB brotli instead of 11.5, and on Cranfield and the
/// UDHR the store no larger at all; against 32 KB of evenly spaced pieces
/// (before), the store was 0.05 % larger on DFAT, 1.9 and 0.5 % smaller on
/// Cranfield and the UDHR, and the dictionary 5.1, 4.7 and 8.5 KB smaller.
pub const DICTIONARY_BYTES: usize = 16 * 1024;
/// Encoded documents read before the dictionary is chosen from them.
pub const DICTIONARY_SAMPLE_BYTES: usize = 4 << 20;
/// The dictionary is made of pieces this long, chosen over the sample
/// (zstd's builder takes 8 to 2,048; measured on DFAT, 64 compressed the
/// store 1.3 % better than 128 at 32 KB, 256 1 % worse).
const DICTIONARY_PIECE_BYTES: usize = 64;
/// Length of the byte runs whose frequency chooses the pieces (zstd's
/// builder: 6 or 8; measured on DFAT, 6 compressed the store 0.7 % better
/// than 8, 4, 5 and 12 worse).
const DICTIONARY_KMER_BYTES: usize = 6;
/// The runs are counted in a table of this many bits of their hash.
const DICTIONARY_TABLE_BITS: u32 = 22;
/// The dictionary is at most this fraction of the sample, so that a small
/// collection does not carry a dictionary as large as itself.
const DICTIONARY_SAMPLE_SHARE: usize = 16;
/// Deflate's largest expansion: one compressed byte inflates to at most
/// about 1,032 bytes. A block whose recorded length exceeds this is refused
/// before its output is allocated.
const MAX_INFLATE_RATIO: u64 = 1032;

/// Encodes `documents` into the store index and store sections.
pub fn write(documents: &[Document]) -> (Vec<u8>, Vec<u8>) {
    let mut writer = StoreWriter::default();
    for document in documents {
        writer.add(document);
    }
    writer.finish()
}

/// Writes the store one document at a time (see the module docs).
#[derive(Default)]
pub struct StoreWriter {
    /// Documents added so far.
    doc_count: usize,
    /// Documents in the block being filled.
    block_docs: u32,
    /// Per block closed so far: its documents.
    closed: Vec<u32>,
    /// Blocks closed before the dictionary was chosen, not yet deflated.
    pending: Vec<Vec<u8>>,
    pending_bytes: usize,
    /// Once chosen: the dictionary and a compressor that has already seen it.
    primed: Option<(Vec<u8>, Box<CompressorOxide>)>,
    /// Stored blocks, each with its lengths (see the module docs).
    deflated: Vec<u8>,
    /// The block being filled.
    block: Vec<u8>,
}

impl StoreWriter {
    pub fn add(&mut self, document: &Document) {
        if self.block.len() >= BLOCK_TARGET_BYTES {
            self.close_block();
        }
        encode_document(&mut self.block, document);
        self.block_docs += 1;
        self.doc_count += 1;
    }

    pub fn doc_count(&self) -> usize {
        self.doc_count
    }

    fn close_block(&mut self) {
        if self.block_docs == 0 {
            return;
        }
        let block = std::mem::take(&mut self.block);
        self.closed.push(std::mem::take(&mut self.block_docs));
        if self.primed.is_some() {
            self.deflate(&block);
        } else {
            self.pending_bytes += block.len();
            self.pending.push(block);
            if self.pending_bytes >= DICTIONARY_SAMPLE_BYTES {
                self.prime();
            }
        }
    }

    /// Chooses the dictionary from the pending blocks and deflates them.
    fn prime(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let dictionary = choose_dictionary(&pending);
        let mut compressor = Box::new(CompressorOxide::new(
            miniz_oxide::deflate::core::create_comp_flags_from_zip_params(DEFLATE_LEVEL.into(), -15, 0),
        ));
        // A sync flush ends the dictionary's output on a byte boundary; what
        // follows is a fresh deflate block that may point back into it.
        let (status, _) = compress_to_output(&mut compressor, &dictionary, TDEFLFlush::Sync, |_| true);
        assert_eq!(status, TDEFLStatus::Okay, "deflating the dictionary into memory cannot fail");
        self.primed = Some((dictionary, compressor));
        for block in pending {
            self.deflate(&block);
        }
        self.pending_bytes = 0;
    }

    fn deflate(&mut self, block: &[u8]) {
        let (_, primed) = self.primed.as_ref().expect("deflate runs after prime");
        let mut compressor = primed.clone();
        let mut stored = Vec::with_capacity(block.len() / 2 + 8);
        put_varint(&mut stored, block.len() as u64);
        let (status, _) = compress_to_output(&mut compressor, block, TDEFLFlush::Finish, |bytes| {
            stored.extend_from_slice(bytes);
            true
        });
        assert_eq!(status, TDEFLStatus::Done, "deflating into memory cannot fail");
        put_varint(&mut self.deflated, stored.len() as u64);
        self.deflated.extend_from_slice(&stored);
    }

    /// The store index and store sections.
    pub fn finish(mut self) -> (Vec<u8>, Vec<u8>) {
        self.close_block();
        if self.primed.is_none() {
            self.prime();
        }
        let (dictionary, _) = self.primed.take().expect("primed above");
        let mut index = Vec::with_capacity(12 + self.closed.len() * 2);
        put_varint(&mut index, self.doc_count as u64);
        put_varint(&mut index, self.closed.len() as u64);
        put_varint(&mut index, dictionary.len() as u64);
        for &documents in &self.closed {
            put_varint(&mut index, documents.into());
        }
        let mut store = dictionary;
        store.extend_from_slice(&self.deflated);
        (index, store)
    }
}

/// Pieces of [`DICTIONARY_PIECE_BYTES`] chosen from `sample` for the
/// substrings they share with the most of it, at most [`DICTIONARY_BYTES`]
/// in all and a sixteenth of the sample; empty for a collection too small to
/// gain from one.
///
/// How (the cover method of zstd's dictionary builder, after Liao, Petri,
/// Moffat and Wirth): count every run of [`DICTIONARY_KMER_BYTES`] bytes
/// over the sample; cut the sample into as many stretches as the dictionary
/// has pieces, and from each take the piece whose runs are most frequent,
/// then forget those runs so that later pieces bring something new. The
/// best pieces go last, nearest the text deflate compresses, where its
/// references are shortest. Deterministic: the same sample gives the same
/// dictionary.
fn choose_dictionary(sample: &[Vec<u8>]) -> Vec<u8> {
    let total: usize = sample.iter().map(Vec::len).sum();
    let pieces = (total / DICTIONARY_SAMPLE_SHARE).min(DICTIONARY_BYTES) / DICTIONARY_PIECE_BYTES;
    if pieces < 8 {
        return Vec::new();
    }
    let joined = sample.concat();
    let (k, piece_bytes) = (DICTIONARY_KMER_BYTES, DICTIONARY_PIECE_BYTES);
    let slot = |at: usize| -> usize {
        // FNV-1a of the run, folded to the table's size.
        let hash = joined[at..at + k]
            .iter()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
        (hash >> (64 - DICTIONARY_TABLE_BITS)) as usize
    };
    let runs = joined.len() + 1 - k;
    let slots: Vec<u32> = (0..runs).map(|at| slot(at) as u32).collect();
    let mut counts = vec![0u32; 1 << DICTIONARY_TABLE_BITS];
    for &s in &slots {
        counts[s as usize] = counts[s as usize].saturating_add(1);
    }
    // A piece's score: the counts of the runs starting inside it.
    let window = piece_bytes + 1 - k;
    let stretch = runs / pieces;
    let mut chosen: Vec<(u64, usize)> = Vec::with_capacity(pieces);
    for piece in 0..pieces {
        let (from, to) = (piece * stretch, ((piece + 1) * stretch).min(runs));
        if to < from + window {
            break;
        }
        let mut score: u64 = slots[from..from + window].iter().map(|&s| counts[s as usize] as u64).sum();
        let (mut best, mut best_at) = (score, from);
        for at in from + 1..=to - window {
            score = score + counts[slots[at + window - 1] as usize] as u64 - counts[slots[at - 1] as usize] as u64;
            if score > best {
                (best, best_at) = (score, at);
            }
        }
        for &s in &slots[best_at..best_at + window] {
            counts[s as usize] = 0;
        }
        chosen.push((best, best_at));
    }
    // Weakest first, so the best pieces end the dictionary.
    chosen.sort_by_key(|&(score, at)| (score, std::cmp::Reverse(at)));
    let mut dictionary = Vec::with_capacity(chosen.len() * piece_bytes);
    for (_, at) in chosen {
        dictionary.extend_from_slice(&joined[at..at + piece_bytes]);
    }
    dictionary
}

/// The store index, decoded: where each block lies and which documents it
/// holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoreTable {
    doc_count: u32,
    dictionary_len: u32,
    /// Per block, and one past the last: its first document number.
    first_docs: Vec<u32>,
    /// Per block, and one past the last: where it starts. In a whole store,
    /// a byte offset in the store section; in a packed one, the number of
    /// the store's piece (the dictionary, when there is one, is piece 0), so
    /// that the pack table's counts of pieces locate it.
    starts: Vec<u32>,
    packed: bool,
}

impl StoreTable {
    /// Decodes a store index section, refusing one whose counts disagree.
    /// `store` is the whole store section, whose blocks are walked to find
    /// where each lies (refusing a store they do not cover exactly), or
    /// `None` for a store that travels in packs.
    pub fn read(index: &[u8], store: Option<&[u8]>) -> Result<StoreTable, FormatError> {
        let mut cursor = Cursor::new(index, SectionId::StoreIndex);
        let doc_count = cursor.varint_u32()?;
        // Each block takes at least a byte, which bounds the count honestly.
        let block_count = cursor.length(cursor.remaining())?;
        let dictionary_len = cursor.varint_u32()?;
        let mut table = StoreTable {
            doc_count,
            dictionary_len,
            first_docs: Vec::with_capacity(block_count + 1),
            starts: Vec::with_capacity(block_count + 1),
            packed: store.is_none(),
        };
        let mut first_doc = 0u32;
        for _ in 0..block_count {
            let documents = cursor.varint_u32()?;
            if documents == 0 {
                return Err(cursor.corrupt("a block holds no document"));
            }
            table.first_docs.push(first_doc);
            first_doc = first_doc.checked_add(documents).ok_or_else(|| cursor.corrupt("too many documents"))?;
        }
        table.first_docs.push(first_doc);
        if first_doc != doc_count {
            return Err(cursor.corrupt("the blocks' documents do not add up to the document count"));
        }
        if !cursor.is_empty() {
            return Err(cursor.corrupt("the table runs on past its blocks"));
        }
        match store {
            Some(store) => {
                let corrupt = |reason| FormatError::Corrupt { section: SectionId::Store, reason };
                if u32::try_from(store.len()).is_err() {
                    return Err(corrupt("the store is larger than 4 GiB"));
                }
                let at = dictionary_len as usize;
                if at > store.len() {
                    return Err(corrupt("the dictionary runs past the store"));
                }
                let end = walk_blocks(store, at, block_count as u64, |start| table.starts.push(start as u32))?;
                table.starts.push(end as u32);
                if end != store.len() {
                    return Err(corrupt("the blocks do not cover the store"));
                }
            }
            None => {
                let first = u32::from(dictionary_len > 0);
                table.starts.extend((0..=block_count as u32).map(|block| first + block));
            }
        }
        Ok(table)
    }

    pub fn doc_count(&self) -> u32 {
        self.doc_count
    }

    fn block_count(&self) -> u32 {
        self.starts.len() as u32 - 1
    }

    /// Where each block starts in the store section (the dictionary before
    /// them starts at 0); for a packed store, each block's piece number.
    pub fn block_starts(&self) -> Vec<u32> {
        self.starts[..self.block_count() as usize].to_vec()
    }

    /// Where each piece of the store ends, in order: the shared dictionary
    /// (when there is one), then every block — in bytes for a whole store,
    /// in pieces (1, 2, 3…) for a packed one. Store packs hold whole pieces,
    /// so the pack table counts pieces rather than bytes.
    pub fn piece_ends(&self) -> Vec<u64> {
        let dictionary_end = if self.packed { 1 } else { u64::from(self.dictionary_len) };
        let dictionary = (self.dictionary_len > 0).then_some(dictionary_end);
        dictionary.into_iter().chain(self.starts[1..].iter().map(|&end| u64::from(end))).collect()
    }

    /// Bytes of the shared dictionary.
    pub fn dictionary_len(&self) -> u32 {
        self.dictionary_len
    }

    /// Which block holds document `doc`, and how many documents come before
    /// it in that block.
    fn locate(&self, doc: u32) -> Result<(u32, u32), FormatError> {
        if doc >= self.doc_count {
            return Err(FormatError::Corrupt { section: SectionId::StoreIndex, reason: "no such document" });
        }
        // `first_docs` rises strictly and starts at 0, so the block is found.
        let block = self.first_docs.partition_point(|&first| first <= doc) - 1;
        Ok((block as u32, doc - self.first_docs[block]))
    }
}

/// Read access to the store sections of an opened index.
#[derive(Clone, Copy)]
pub struct Store<'a> {
    table: &'a StoreTable,
    store: SectionBytes<'a>,
}

impl<'a> Store<'a> {
    /// Opens the store over its decoded index and its blocks, whole or in
    /// packs (`SectionBytes::Whole(bytes)` for a plain slice), checking that
    /// the blocks cover the store exactly.
    pub fn open(table: &'a StoreTable, store: SectionBytes<'a>) -> Result<Self, FormatError> {
        if u64::from(*table.starts.last().expect("one past the last block")) != store.len() {
            return Err(FormatError::Corrupt {
                section: SectionId::StoreIndex,
                reason: "the blocks do not cover the store",
            });
        }
        Ok(Store { table, store })
    }

    pub fn doc_count(&self) -> u32 {
        self.table.doc_count
    }

    /// Bytes of the shared dictionary.
    pub fn dictionary_len(&self) -> u32 {
        self.table.dictionary_len
    }

    /// The pack of the shared dictionary every block is deflated after, when
    /// there is one and it is not loaded yet. Every document shown needs it,
    /// so a page may fetch it before it knows which documents it will show.
    pub fn missing_dictionary(&self) -> Option<PackId> {
        if self.table.dictionary_len == 0 {
            return None;
        }
        self.store.missing(0)
    }

    /// The packs not yet loaded that hold documents `docs` (none when the
    /// store is whole), each once.
    pub fn missing(&self, docs: &[u32]) -> Result<Vec<PackId>, FormatError> {
        let mut missing = Vec::new();
        for &doc in docs {
            let (block, _) = self.table.locate(doc)?;
            if let Some(pack) = self.store.missing(self.table.starts[block as usize] as u64) {
                missing.push(pack);
            }
        }
        if !docs.is_empty()
            && let Some(pack) = self.missing_dictionary()
        {
            missing.push(pack);
        }
        crate::sort_once::stable_by(&mut missing, &Ord::cmp);
        missing.dedup();
        Ok(missing)
    }

    /// Inflates one block. Cost: copying the dictionary and one deflate
    /// decode of up to about [`BLOCK_TARGET_BYTES`] plus the largest
    /// document. The output is allocated at the block's recorded length,
    /// which is refused first when it exceeds what its compressed bytes can
    /// inflate to (deflate's limit, about 1,000 times), so a crafted length
    /// cannot ask for more memory than its bytes justify.
    pub fn block(&self, block: u32) -> Result<Vec<u8>, FormatError> {
        let corrupt = |reason| FormatError::Corrupt { section: SectionId::Store, reason };
        if block >= self.table.block_count() {
            return Err(corrupt("a document points at a missing block"));
        }
        let stored = self.stored(block)?;
        let mut cursor = Cursor::new(stored, SectionId::Store);
        let raw_len = cursor.varint_u32()?;
        let compressed = &stored[cursor.position()..];
        if raw_len as u64 > (compressed.len() as u64 + 1) * MAX_INFLATE_RATIO {
            return Err(corrupt("a block is longer than its bytes can inflate to"));
        }
        let dictionary_len = self.table.dictionary_len as usize;
        let mut out = Vec::with_capacity(dictionary_len + raw_len as usize);
        if dictionary_len > 0 {
            let (piece, at) = self.store.piece(0)?;
            let dictionary =
                piece.get(at..at + dictionary_len).ok_or(corrupt("the dictionary lies outside the store"))?;
            out.extend_from_slice(dictionary);
        }
        let written = inflate_onto(compressed, &mut out, raw_len as usize).map_err(|e| match e {
            InflateError::TooLong => corrupt("a block inflates to the wrong length"),
            _ => corrupt("a block does not inflate"),
        })?;
        if written != raw_len as usize {
            return Err(corrupt("a block inflates to the wrong length"));
        }
        Ok(out.split_off(dictionary_len))
    }

    /// The bytes of `block` after its stored length: its inflated length and
    /// its deflated bytes. In a whole store the block starts where the table
    /// says; in a pack, the blocks before it in the pack (and the dictionary,
    /// when the pack opens with it) are stepped over by their lengths.
    fn stored(&self, block: u32) -> Result<&'a [u8], FormatError> {
        let start = self.table.starts[block as usize];
        let (piece, at) = self.store.piece(start as u64)?;
        let offset = if self.table.packed {
            // `at` counts the pieces of the pack before this block.
            let (offset, skipped) = pack_blocks_begin(u64::from(start) - at as u64, self.table.dictionary_len);
            walk_blocks(piece, offset, (at as u64).saturating_sub(skipped), |_| {})?
        } else {
            at
        };
        Ok(&piece[stored_block(piece, offset)?])
    }

    /// Reads one document (inflates its block).
    pub fn document(&self, doc: u32) -> Result<Document, FormatError> {
        Ok(self.documents(&[doc])?.pop().expect("one document asked for"))
    }

    /// Reads several documents, inflating each block once and walking it
    /// once.
    pub fn documents(&self, docs: &[u32]) -> Result<Vec<Document>, FormatError> {
        let locations = docs.iter().map(|&d| self.table.locate(d)).collect::<Result<Vec<_>, _>>()?;
        let order = crate::sort_once::sorted_positions(docs.len(), &|a, b| locations[a].cmp(&locations[b]));
        let mut out: Vec<Option<Document>> = vec![None; docs.len()];
        // The block being read, a cursor in it, and how many of its
        // documents the cursor has passed.
        let mut open: Option<(u32, Vec<u8>, usize, u32)> = None;
        for i in order.into_iter().map(|i| i as usize) {
            let (block, before) = locations[i];
            if open.as_ref().is_none_or(|(b, _, _, passed)| *b != block || *passed > before) {
                open = Some((block, self.block(block)?, 0, 0));
            }
            let (_, raw, position, passed) = open.as_mut().expect("opened above");
            let mut cursor = Cursor::at(raw, *position, SectionId::Store);
            while *passed < before {
                skip_document(&mut cursor)?;
                *passed += 1;
            }
            out[i] = Some(decode_document(&mut cursor)?);
            *passed += 1;
            *position = cursor.position();
        }
        Ok(out.into_iter().map(|d| d.expect("every slot filled")).collect())
    }
}

/// The bytes of the stored block starting at `at` in `bytes`, after its
/// stored length (which ends the range); refuses one too short to hold an
/// inflated length and a deflated byte, or running past `bytes`.
fn stored_block(bytes: &[u8], at: usize) -> Result<std::ops::Range<usize>, FormatError> {
    let mut cursor = Cursor::at(bytes, at, SectionId::Store);
    let stored_len = cursor.varint()?;
    if stored_len < 2 {
        return Err(cursor.corrupt("a block is too short to hold its length and bytes"));
    }
    let start = cursor.position();
    (start as u64)
        .checked_add(stored_len)
        .filter(|&end| end <= bytes.len() as u64)
        .map(|end| start..end as usize)
        .ok_or_else(|| cursor.corrupt("a block runs past the end of the store"))
}

/// Steps over `blocks` stored blocks from `at` in `bytes`, by their stored
/// lengths, calling `each` with where each starts; returns where the last
/// ends. How a whole store is mapped at open, a store pack checked when it
/// is added, and a block found inside its pack.
fn walk_blocks(bytes: &[u8], mut at: usize, blocks: u64, mut each: impl FnMut(usize)) -> Result<usize, FormatError> {
    for _ in 0..blocks {
        each(at);
        at = stored_block(bytes, at)?.end;
    }
    Ok(at)
}

/// Where the blocks of a store pack whose first piece is `first` begin, and
/// how many of its pieces come before them: a pack that opens with piece 0
/// opens with the shared dictionary, when there is one.
fn pack_blocks_begin(first: u64, dictionary_len: u32) -> (usize, u64) {
    if first == 0 && dictionary_len > 0 { (dictionary_len as usize, 1) } else { (0, 0) }
}

/// Checks a loaded store pack holding the store's pieces `first..first + count`
/// (piece 0 is the dictionary, of `dictionary_len` bytes, when there is one):
/// its blocks, stepped over by their lengths, must end exactly where it does.
pub fn check_pack(bytes: &[u8], first: u64, count: u64, dictionary_len: u32) -> Result<(), FormatError> {
    let (at, skipped) = pack_blocks_begin(first, dictionary_len);
    if at > bytes.len() {
        return Err(FormatError::Corrupt { section: SectionId::Store, reason: "the dictionary runs past its pack" });
    }
    if walk_blocks(bytes, at, count.saturating_sub(skipped), |_| {})? != bytes.len() {
        return Err(FormatError::Corrupt { section: SectionId::Store, reason: "a pack's blocks do not fill it" });
    }
    Ok(())
}

fn put_opt(out: &mut Vec<u8>, value: &Option<String>) {
    match value {
        None => put_varint(out, 0),
        Some(text) => {
            put_varint(out, text.len() as u64 + 1);
            out.extend_from_slice(text.as_bytes());
        }
    }
}

fn put_list(out: &mut Vec<u8>, values: &[String]) {
    put_varint(out, values.len() as u64);
    for value in values {
        put_str(out, value);
    }
}

/// The optional strings of a stored document, from its type to its language.
const OPTIONAL_FIELDS: usize = 9;

fn encode_document(out: &mut Vec<u8>, document: &Document) {
    put_str(out, &document.id);
    put_str(out, &document.title);
    put_varint(out, document.date.map_or(0, encode_date));
    let optional: [&Option<String>; OPTIONAL_FIELDS] = [
        &document.doc_type,
        &document.from,
        &document.to,
        &document.summary,
        &document.collection,
        &document.source,
        &document.record,
        &document.url,
        &document.language,
    ];
    for value in optional {
        put_opt(out, value);
    }
    put_list(out, &document.body);
    put_list(out, &document.footnotes);
    put_varint(out, document.metadata.len() as u64);
    for (key, value) in &document.metadata {
        put_str(out, key);
        put_str(out, value);
    }
}

/// A date as one number: `((year + 32768) << 9 | month << 5 | day) + 1`, 0 for none.
pub fn encode_date(date: PartialDate) -> u64 {
    ((((date.year as i32 + 32768) as u64) << 9) | (date.month.unwrap_or(0) as u64) << 5 | date.day.unwrap_or(0) as u64)
        + 1
}

pub fn decode_date(value: u64) -> Option<PartialDate> {
    let value = value.checked_sub(1)?;
    let year = i16::try_from((value >> 9) as i64 - 32768).ok()?;
    let month = ((value >> 5) & 0xf) as u8;
    let day = (value & 0x1f) as u8;
    Some(PartialDate { year, month: (month != 0).then_some(month), day: (day != 0).then_some(day) })
}

fn opt(cursor: &mut Cursor) -> Result<Option<String>, FormatError> {
    let tag = cursor.length(usize::MAX)?;
    if tag == 0 {
        return Ok(None);
    }
    let bytes = cursor.bytes(tag - 1)?;
    Ok(Some(String::from_utf8(bytes.to_vec()).map_err(|_| cursor.corrupt("text is not valid UTF-8"))?))
}

fn list(cursor: &mut Cursor) -> Result<Vec<String>, FormatError> {
    // Each entry takes at least one byte, which bounds the count honestly.
    let count = cursor.length(cursor.remaining())?;
    let mut values = Vec::with_capacity(count.min(1024));
    for _ in 0..count {
        values.push(cursor.str()?.to_string());
    }
    Ok(values)
}

/// Moves `cursor` past one document without decoding its text.
fn skip_document(cursor: &mut Cursor) -> Result<(), FormatError> {
    fn skip_str(cursor: &mut Cursor) -> Result<(), FormatError> {
        let len = cursor.length(cursor.remaining())?;
        cursor.skip(len)
    }
    skip_str(cursor)?;
    skip_str(cursor)?;
    cursor.varint()?;
    for _ in 0..OPTIONAL_FIELDS {
        let tag = cursor.length(usize::MAX)?;
        if tag > 0 {
            cursor.skip(tag - 1)?;
        }
    }
    for _list in ["body", "footnotes"] {
        for _ in 0..cursor.length(cursor.remaining())? {
            skip_str(cursor)?;
        }
    }
    for _ in 0..cursor.length(cursor.remaining())? {
        skip_str(cursor)?;
        skip_str(cursor)?;
    }
    Ok(())
}

fn decode_document(cursor: &mut Cursor) -> Result<Document, FormatError> {
    let id = cursor.str()?.to_string();
    let title = cursor.str()?.to_string();
    let date = match cursor.varint()? {
        0 => None,
        value => Some(decode_date(value).ok_or_else(|| cursor.corrupt("a date is out of range"))?),
    };
    let doc_type = opt(cursor)?;
    let from = opt(cursor)?;
    let to = opt(cursor)?;
    let summary = opt(cursor)?;
    let collection = opt(cursor)?;
    let source = opt(cursor)?;
    let record = opt(cursor)?;
    let url = opt(cursor)?;
    let language = opt(cursor)?;
    let body = list(cursor)?;
    let footnotes = list(cursor)?;
    let pairs = cursor.length(cursor.remaining())?;
    let mut metadata = Vec::with_capacity(pairs.min(1024));
    for _ in 0..pairs {
        metadata.push((cursor.str()?.to_string(), cursor.str()?.to_string()));
    }
    Ok(Document {
        id,
        title,
        date,
        doc_type,
        from,
        to,
        summary,
        collection,
        source,
        record,
        url,
        language,
        body,
        footnotes,
        metadata,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: usize) -> Vec<Document> {
        (0..n)
            .map(|i| Document {
                id: format!("doc-{i}"),
                title: format!("Telegram number {i}"),
                date: PartialDate::parse_iso(if i % 2 == 0 { "1951-06-14" } else { "1952" }),
                doc_type: Some("Telegram".into()),
                summary: (i % 3 == 0).then(|| "A summary".into()),
                body: vec!["First paragraph Panmunjŏm.".into(), "x".repeat(i * 300)],
                footnotes: vec!["A note".into()],
                metadata: vec![("classification".into(), "top secret".into())],
                language: (i % 4 == 0).then(|| "de-1996".into()),
                ..Document::default()
            })
            .collect()
    }

    #[test]
    fn documents_round_trip_across_blocks() {
        let documents = sample(400);
        let (index, store) = write(&documents);
        let table = StoreTable::read(&index, Some(&store)).unwrap();
        let reader = Store::open(&table, SectionBytes::Whole(&store)).unwrap();
        assert!(table.block_count() > 1);
        assert_eq!(reader.document(123).unwrap(), documents[123]);
        let picked = reader.documents(&[399, 0, 200, 1]).unwrap();
        assert_eq!(
            picked,
            vec![documents[399].clone(), documents[0].clone(), documents[200].clone(), documents[1].clone()]
        );
    }

    /// Made-up documents of every shape the store must keep: several
    /// languages and scripts, empty ones, one far larger than a block,
    /// others just over a block, metadata and footnotes.
    fn varied(n: usize) -> Vec<Document> {
        let texts = [
            ("en", "The delegation arrived at Panmunjom on Tuesday; talks resumed."),
            ("de", "Die Abordnung traf am Dienstag ein. Straße, Größe, Übermaß."),
            ("ru", "Делегация прибыла во вторник; переговоры возобновились."),
            ("zh-Hant", "代表團於星期二抵達，談判恢復。"),
            ("ar", "وصل الوفد يوم الثلاثاء واستؤنفت المحادثات."),
            ("ja", "代表団は火曜日に到着し、交渉が再開された。"),
        ];
        (0..n)
            .map(|i| {
                let (language, text) = texts[i % texts.len()];
                match i % 7 {
                    0 => Document { id: format!("empty-{i}"), ..Document::default() },
                    1 => Document {
                        id: format!("huge-{i}"),
                        title: format!("{text} ({i})"),
                        body: (0..40).map(|p| format!("{p}: {}", text.repeat(60 + i % 13))).collect(),
                        language: Some(language.into()),
                        ..Document::default()
                    },
                    2 => Document {
                        id: format!("over-a-block-{i}"),
                        title: text.into(),
                        body: vec![format!("{i} ").repeat(BLOCK_TARGET_BYTES / 2 + i)],
                        language: Some(language.into()),
                        ..Document::default()
                    },
                    _ => Document {
                        id: format!("doc-{i}"),
                        title: format!("{text} {i}"),
                        date: PartialDate::parse_iso("1951-06-14"),
                        from: Some(format!("Sender {}", i % 5)),
                        body: vec![text.into(), format!("{text} {}", i * 7919 % 1000)],
                        footnotes: vec![format!("Note {i}: {text}")],
                        metadata: vec![("classification".into(), language.into())],
                        language: Some(language.into()),
                        ..Document::default()
                    },
                }
            })
            .collect()
    }

    fn round_trip(documents: &[Document]) -> u32 {
        let (index, store) = write(documents);
        let table = StoreTable::read(&index, Some(&store)).unwrap();
        let reader = Store::open(&table, SectionBytes::Whole(&store)).unwrap();
        assert_eq!(reader.doc_count() as usize, documents.len());
        for (n, document) in documents.iter().enumerate() {
            assert_eq!(&reader.document(n as u32).unwrap(), document, "document {n}");
        }
        let all: Vec<u32> = (0..documents.len() as u32).rev().collect();
        let read = reader.documents(&all).unwrap();
        assert!(read.iter().eq(documents.iter().rev()));
        let twice: Vec<u32> = (0..documents.len() as u32).flat_map(|n| [n, n]).collect();
        let read = reader.documents(&twice).unwrap();
        assert!(read.iter().eq(documents.iter().flat_map(|d| [d, d])), "a document asked for twice comes twice");
        reader.dictionary_len()
    }

    #[test]
    fn varied_documents_round_trip_with_the_shared_dictionary() {
        // More than the sample the dictionary is chosen from, so blocks are
        // deflated both before and after it is chosen.
        let documents = varied(1200);
        let encoded: usize = documents
            .iter()
            .map(|d| {
                let mut out = Vec::new();
                encode_document(&mut out, d);
                out.len()
            })
            .sum();
        assert!(encoded > DICTIONARY_SAMPLE_BYTES, "{encoded} bytes do not pass the sample");
        assert_eq!(round_trip(&documents), DICTIONARY_BYTES as u32);
    }

    #[test]
    fn the_dictionary_holds_what_the_sample_repeats() {
        // Text of one varied kind, and one sentence that recurs all through
        // it: the recurring sentence is what deflate gains most from, so the
        // dictionary must hold it, however the sample is cut.
        let recurring = b"The Minister for External Affairs presents his compliments";
        let mut text = Vec::new();
        let mut seed = 7u32;
        for paragraph in 0..4000 {
            for _ in 0..40 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                text.push(b"abcdefghijklmnopqrstuvwxyz      "[(seed >> 16) as usize % 32]);
            }
            if paragraph % 50 == 0 {
                text.extend_from_slice(recurring);
            }
        }
        let sample = [text[..text.len() / 2].to_vec(), text[text.len() / 2..].to_vec()];
        let dictionary = choose_dictionary(&sample);
        assert!(dictionary.len() <= DICTIONARY_BYTES && dictionary.len() <= text.len() / DICTIONARY_SAMPLE_SHARE);
        assert_eq!(dictionary.len() % DICTIONARY_PIECE_BYTES, 0, "whole pieces");
        let has = |needle: &[u8]| dictionary.windows(needle.len()).any(|w| w == needle);
        assert!(has(&recurring[..DICTIONARY_PIECE_BYTES / 2]), "the recurring sentence is chosen");
        // The best piece ends the dictionary, nearest the text.
        let last = &dictionary[dictionary.len() - DICTIONARY_PIECE_BYTES..];
        assert!(last.windows(16).any(|w| recurring.windows(16).any(|r| r == w)), "{:?}", String::from_utf8_lossy(last));
        assert_eq!(choose_dictionary(&sample), dictionary, "the same sample, the same dictionary");
    }

    #[test]
    fn small_collections_round_trip_without_a_dictionary() {
        assert_eq!(round_trip(&[]), 0);
        assert_eq!(round_trip(&[Document::default()]), 0);
        assert_eq!(round_trip(&varied(7)[3..]), 0);
    }

    #[test]
    fn the_dictionary_makes_blocks_smaller() {
        let documents = varied(1200);
        let (_, with) = write(&documents);
        let mut without = 0;
        let mut block = Vec::new();
        for document in &documents {
            if block.len() >= BLOCK_TARGET_BYTES {
                without += miniz_oxide::deflate::compress_to_vec(&block, DEFLATE_LEVEL).len();
                block.clear();
            }
            encode_document(&mut block, document);
        }
        without += miniz_oxide::deflate::compress_to_vec(&block, DEFLATE_LEVEL).len();
        assert!(with.len() < without, "{} bytes with the dictionary, {without} without", with.len());
    }

    #[test]
    fn a_block_longer_than_its_bytes_can_inflate_to_is_refused() {
        // One document in one block whose leading length claims 4 GB.
        let mut block = Vec::new();
        encode_document(&mut block, &sample(1)[0]);
        let mut stored = Vec::new();
        put_varint(&mut stored, u32::MAX.into());
        stored.extend(miniz_oxide::deflate::compress_to_vec(&block, DEFLATE_LEVEL));
        let mut store = Vec::new();
        put_varint(&mut store, stored.len() as u64);
        store.extend(stored);
        let mut index = Vec::new();
        for value in [1, 1, 0, 1] {
            put_varint(&mut index, value);
        }
        let table = StoreTable::read(&index, Some(&store)).unwrap();
        let reader = Store::open(&table, SectionBytes::Whole(&store)).unwrap();
        let error = reader.document(0).unwrap_err().to_string();
        assert!(error.contains("longer than its bytes can inflate to"), "{error}");
    }

    #[test]
    fn each_block_leads_with_its_stored_and_inflated_lengths() {
        let documents = varied(1200);
        let (index, store) = write(&documents);
        let table = StoreTable::read(&index, Some(&store)).unwrap();
        let reader = Store::open(&table, SectionBytes::Whole(&store)).unwrap();
        let ends = table.piece_ends();
        assert_eq!(ends.len() as u32, table.block_count() + 1, "the dictionary, then every block");
        assert_eq!(ends[0], u64::from(reader.dictionary_len()));
        assert_eq!(*ends.last().unwrap(), store.len() as u64);
        for block in 0..table.block_count() {
            let (start, end) = (table.starts[block as usize] as usize, table.starts[block as usize + 1] as usize);
            let mut cursor = Cursor::new(&store[start..end], SectionId::Store);
            let stored_len = cursor.varint().unwrap();
            assert_eq!(cursor.position() as u64 + stored_len, (end - start) as u64, "block {block}");
            assert_eq!(cursor.varint().unwrap(), reader.block(block).unwrap().len() as u64, "block {block}");
        }
        let (index, store) = write(&sample(3));
        let table = StoreTable::read(&index, Some(&store)).unwrap();
        assert_eq!(table.piece_ends(), [store.len() as u64], "no dictionary: one piece per block");
    }

    #[test]
    fn a_packed_store_counts_pieces_and_each_pack_is_checked_by_its_blocks() {
        let documents = varied(1200);
        let (index, store) = write(&documents);
        let whole = StoreTable::read(&index, Some(&store)).unwrap();
        let packed = StoreTable::read(&index, None).unwrap();
        let blocks = whole.block_count() as u64;
        assert_eq!(packed.block_count() as u64, blocks);
        assert_eq!(packed.piece_ends(), (1..=blocks + 1).collect::<Vec<_>>(), "the dictionary is piece 0");
        // Packs of the dictionary and two blocks, then of the next three blocks.
        let ends = whole.piece_ends();
        let first = &store[..ends[2] as usize];
        let second = &store[ends[2] as usize..ends[5] as usize];
        let dictionary_len = whole.dictionary_len();
        assert!(check_pack(first, 0, 3, dictionary_len).is_ok());
        assert!(check_pack(second, 3, 3, dictionary_len).is_ok());
        assert!(check_pack(second, 3, 2, dictionary_len).is_err(), "a block more than counted");
        assert!(check_pack(second, 3, 4, dictionary_len).is_err(), "a block fewer than counted");
        assert!(check_pack(&second[..second.len() - 1], 3, 3, dictionary_len).is_err(), "cut short");
        assert!(check_pack(&first[..100], 0, 1, dictionary_len).is_err(), "the dictionary cut short");
        let (index, store) = write(&sample(3));
        let packed = StoreTable::read(&index, None).unwrap();
        assert_eq!(packed.piece_ends(), [1], "no dictionary: the block is piece 0");
        assert!(check_pack(&store, 0, 1, 0).is_ok());
    }

    #[test]
    fn blocks_whose_documents_do_not_add_up_are_refused() {
        let (index, _) = write(&sample(50));
        let mut cursor = Cursor::new(&index, SectionId::StoreIndex);
        let doc_count = cursor.varint().unwrap();
        let mut wrong = Vec::new();
        put_varint(&mut wrong, doc_count + 1);
        wrong.extend_from_slice(&index[cursor.position()..]);
        let error = StoreTable::read(&wrong, None).unwrap_err().to_string();
        assert!(error.contains("do not add up"), "{error}");
    }

    #[test]
    fn dates_round_trip_at_every_precision() {
        for text in ["1951", "1951-06", "1951-06-14", "0800", "2026-12-31"] {
            let date = PartialDate::parse_iso(text).unwrap();
            assert_eq!(decode_date(encode_date(date)), Some(date));
        }
    }

    #[test]
    fn damaged_tables_and_blocks_are_errors() {
        let documents = sample(50);
        let (index, store) = write(&documents);
        assert!(StoreTable::read(&index[..index.len() - 1], Some(&store)).is_err());
        let mut longer = index.clone();
        longer.push(0);
        assert!(StoreTable::read(&longer, Some(&store)).is_err());
        assert!(StoreTable::read(&index, Some(&store[..store.len() - 1])).is_err(), "blocks not covering the store");
        let mut longer_store = store.clone();
        longer_store.push(0);
        assert!(StoreTable::read(&index, Some(&longer_store)).is_err(), "bytes after the last block");
        let table = StoreTable::read(&index, Some(&store)).unwrap();
        // The bytes of the first block, after its lengths, damaged.
        let first_block = table.block_starts()[0] as usize + 4;
        let mut bad_store = store.clone();
        for byte in bad_store.iter_mut().skip(first_block).take(40) {
            *byte ^= 0x55;
        }
        let reader = Store::open(&table, SectionBytes::Whole(&bad_store)).unwrap();
        assert!(reader.document(0).is_err());
        assert!(Store::open(&table, SectionBytes::Whole(&store)).unwrap().document(50).is_err());
    }
}

//! Inflate: here are a block's deflated bytes, give me the text back.
//!
//! The store's blocks are raw deflate streams (RFC 1951) that may point back
//! into a shared dictionary ([`super::store`]). Every search that shows
//! results inflates a few of them in the browser, and every visitor
//! downloads the code that does it before the first result: this decoder is
//! written for that, at about a fifth of the bytes of a general-purpose
//! library's, which also carries streaming, wrapping buffers and the
//! compressor's tables. Building the index still deflates with
//! `miniz_oxide`, whose decoder the tests hold this one to.
//!
//! How it decodes: a 64-bit bit buffer; each Huffman code is read with one
//! lookup in a table of its first [`FAST_BITS`] bits, and the rare longer
//! codes bit by bit from the counts of codes of each length (as zlib's
//! `puff` does). Output goes to the end of a vector that already holds the
//! dictionary, so a match may reach back into it.
//!
//! Damaged input is an [`InflateError`], never a panic: codes that are
//! over-subscribed or unassigned, distances before the dictionary's start,
//! output past the length the caller allows, and input that ends early.

/// The longest Huffman code deflate allows.
const MAX_BITS: usize = 15;
/// The bits of the first lookup: codes up to this long (nearly every code
/// of a text block) are decoded with one table read.
const FAST_BITS: u32 = 10;
/// Literal and length symbols (0–285 are used; 286 and 287 exist in the fixed code only).
const LITERAL_LENGTH_SYMBOLS: usize = 288;
/// Distance symbols (0–29 are used).
const DISTANCE_SYMBOLS: usize = 32;
/// The symbol that ends a block.
const END_OF_BLOCK: u16 = 256;

/// Match lengths: the base of each length symbol from 257, and its extra bits.
const LENGTH_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
/// Match distances: the base of each distance symbol, and its extra bits.
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u8; 30] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/// The order in which a dynamic block gives the code lengths of its code-length code.
const CODE_LENGTH_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/// Why a deflate stream could not be inflated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// The input ends before the last block does.
    Truncated,
    /// A block header names block type 3, which deflate does not have.
    UnknownBlockType,
    /// A stored block's length and its complement disagree.
    StoredLengthMismatch,
    /// A block's code lengths describe no valid Huffman code.
    BadCode,
    /// The input holds a code, symbol or repeat that its block does not define.
    BadSymbol,
    /// A match reaches back before the start of the dictionary.
    DistanceTooFar,
    /// The output would be longer than the caller allows.
    TooLong,
}

impl std::fmt::Display for InflateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            InflateError::Truncated => "the deflated bytes end early",
            InflateError::UnknownBlockType => "a deflate block has an unknown type",
            InflateError::StoredLengthMismatch => "a stored deflate block's length is damaged",
            InflateError::BadCode => "a deflate block's code lengths are damaged",
            InflateError::BadSymbol => "the deflated bytes hold an undefined code",
            InflateError::DistanceTooFar => "a deflate match reaches before the start",
            InflateError::TooLong => "the deflated bytes inflate past the expected length",
        })
    }
}

impl std::error::Error for InflateError {}

/// Inflates the raw deflate stream `input` onto the end of `out`, whose
/// bytes so far (a preset dictionary, or nothing) matches may copy from.
/// Writes at most `limit` bytes; returns how many it wrote.
pub fn inflate_onto(input: &[u8], out: &mut Vec<u8>, limit: usize) -> Result<usize, InflateError> {
    let start = out.len();
    let end = start.checked_add(limit).ok_or(InflateError::TooLong)?;
    out.reserve(limit);
    let mut bits = Bits { input, next: 0, buffer: 0, count: 0 };
    let mut literal_length = Huffman::empty();
    let mut distance = Huffman::empty();
    loop {
        let last = bits.take(1)? == 1;
        match bits.take(2)? {
            0 => stored_block(&mut bits, out, end)?,
            1 => {
                literal_length.build(&fixed_literal_length_lengths())?;
                distance.build(&[5; 30])?;
                compressed_block(&mut bits, out, end, &literal_length, &distance)?;
            }
            2 => {
                read_dynamic_codes(&mut bits, &mut literal_length, &mut distance)?;
                compressed_block(&mut bits, out, end, &literal_length, &distance)?;
            }
            _ => return Err(InflateError::UnknownBlockType),
        }
        if last {
            return Ok(out.len() - start);
        }
    }
}

/// The code lengths of the fixed literal/length code (RFC 1951 §3.2.6).
fn fixed_literal_length_lengths() -> [u8; LITERAL_LENGTH_SYMBOLS] {
    let mut lengths = [8; LITERAL_LENGTH_SYMBOLS];
    lengths[144..256].fill(9);
    lengths[256..280].fill(7);
    lengths
}

/// The input read least significant bit first, through a 64-bit buffer.
struct Bits<'a> {
    input: &'a [u8],
    /// The next input byte to load into the buffer.
    next: usize,
    buffer: u64,
    /// Bits in the buffer; beyond the input's end they count padding zeros.
    count: u32,
}

impl Bits<'_> {
    /// Loads bytes until the buffer holds at least 56 bits, zeros past the
    /// end of the input (which [`Bits::consume`] refuses to consume).
    fn refill(&mut self) {
        while self.count <= 56 {
            let byte = self.input.get(self.next).copied().unwrap_or(0);
            self.buffer |= u64::from(byte) << self.count;
            self.next += 1;
            self.count += 8;
        }
    }

    /// Drops `n` bits from the buffer, refusing to step past the input's end.
    fn consume(&mut self, n: u32) -> Result<(), InflateError> {
        self.buffer >>= n;
        self.count -= n;
        // Bits taken from the input so far: every byte loaded, less those still buffered.
        if self.next * 8 - self.count as usize > self.input.len() * 8 {
            return Err(InflateError::Truncated);
        }
        Ok(())
    }

    /// The next `n` bits (at most 32) as a number.
    fn take(&mut self, n: u32) -> Result<u32, InflateError> {
        if self.count < n {
            self.refill();
        }
        let value = (self.buffer & ((1u64 << n) - 1)) as u32;
        self.consume(n)?;
        Ok(value)
    }

    /// Skips to the next byte boundary (before a stored block's lengths).
    fn align(&mut self) -> Result<(), InflateError> {
        self.consume(self.count % 8)
    }
}

/// A canonical Huffman code: the counts of codes of each length and the
/// symbols in code order, for the slow path, and a table of the first
/// [`FAST_BITS`] bits for the fast one.
struct Huffman {
    counts: [u16; MAX_BITS + 1],
    symbols: [u16; LITERAL_LENGTH_SYMBOLS],
    /// Indexed by the next `FAST_BITS` input bits: `symbol << 4 | length`
    /// for a code of at most `FAST_BITS` bits, 0 for a longer or undefined one.
    fast: [u16; 1 << FAST_BITS],
}

impl Huffman {
    fn empty() -> Huffman {
        Huffman { counts: [0; MAX_BITS + 1], symbols: [0; LITERAL_LENGTH_SYMBOLS], fast: [0; 1 << FAST_BITS] }
    }

    /// Builds the code whose symbol `s` has code length `lengths[s]` (0 for
    /// none). An over-subscribed set of lengths is refused; an incomplete
    /// one is allowed (deflate uses one for a lone distance code), and its
    /// unassigned codes are refused when read.
    fn build(&mut self, lengths: &[u8]) -> Result<(), InflateError> {
        self.counts = [0; MAX_BITS + 1];
        for &length in lengths {
            self.counts[usize::from(length)] += 1;
        }
        self.counts[0] = 0;
        let mut left: i32 = 1;
        for &count in &self.counts[1..] {
            left = left * 2 - i32::from(count);
            if left < 0 {
                return Err(InflateError::BadCode);
            }
        }
        // Where each length's symbols begin in `symbols`.
        let mut offsets = [0u16; MAX_BITS + 2];
        for length in 1..=MAX_BITS {
            offsets[length + 1] = offsets[length] + self.counts[length];
        }
        self.fast = [0; 1 << FAST_BITS];
        // The canonical code of each symbol, shortest codes first and, within
        // a length, in symbol order: `code` counts up through each length.
        let mut code: u32 = 0;
        let mut next_code = [0u32; MAX_BITS + 1];
        for (next, &shorter) in next_code[1..].iter_mut().zip(&self.counts) {
            code = (code + u32::from(shorter)) << 1;
            *next = code;
        }
        for (symbol, &length) in lengths.iter().enumerate() {
            let length = usize::from(length);
            if length == 0 {
                continue;
            }
            let slot = &mut offsets[length];
            self.symbols[usize::from(*slot)] = symbol as u16;
            *slot += 1;
            let code = next_code[length];
            next_code[length] += 1;
            if length as u32 <= FAST_BITS {
                // The input holds codes most significant bit first.
                let reversed = code.reverse_bits() >> (32 - length);
                let entry = (symbol as u16) << 4 | length as u16;
                for index in (reversed as usize..1 << FAST_BITS).step_by(1 << length) {
                    self.fast[index] = entry;
                }
            }
        }
        Ok(())
    }

    /// Reads one symbol.
    fn decode(&self, bits: &mut Bits) -> Result<u16, InflateError> {
        if bits.count < MAX_BITS as u32 {
            bits.refill();
        }
        let entry = self.fast[(bits.buffer & ((1 << FAST_BITS) - 1)) as usize];
        if entry != 0 {
            bits.consume(u32::from(entry & 15))?;
            return Ok(entry >> 4);
        }
        // A longer code, read a bit at a time: `first` is the first code of
        // each length, `index` where that length's symbols begin.
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for length in 1..=MAX_BITS {
            code |= ((bits.buffer >> (length - 1)) & 1) as i32;
            let count = i32::from(self.counts[length]);
            if code - first < count {
                bits.consume(length as u32)?;
                return Ok(self.symbols[(index + code - first) as usize]);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(InflateError::BadSymbol)
    }
}

/// A stored block: its length, the length's complement, and the bytes.
fn stored_block(bits: &mut Bits, out: &mut Vec<u8>, end: usize) -> Result<(), InflateError> {
    bits.align()?;
    let length = bits.take(16)?;
    if bits.take(16)? != !length & 0xFFFF {
        return Err(InflateError::StoredLengthMismatch);
    }
    if out.len() + length as usize > end {
        return Err(InflateError::TooLong);
    }
    for _ in 0..length {
        out.push(bits.take(8)? as u8);
    }
    Ok(())
}

/// Reads a dynamic block's two codes.
fn read_dynamic_codes(
    bits: &mut Bits,
    literal_length: &mut Huffman,
    distance: &mut Huffman,
) -> Result<(), InflateError> {
    let literal_count = bits.take(5)? as usize + 257;
    let distance_count = bits.take(5)? as usize + 1;
    let code_length_count = bits.take(4)? as usize + 4;
    if literal_count > 286 || distance_count > 30 {
        return Err(InflateError::BadCode);
    }
    let mut code_length_lengths = [0u8; 19];
    for &symbol in &CODE_LENGTH_ORDER[..code_length_count] {
        code_length_lengths[symbol] = bits.take(3)? as u8;
    }
    // The code-length code reuses the distance code's table while it is read.
    distance.build(&code_length_lengths)?;
    let mut lengths = [0u8; LITERAL_LENGTH_SYMBOLS + DISTANCE_SYMBOLS];
    let total = literal_count + distance_count;
    let mut filled = 0;
    while filled < total {
        let symbol = distance.decode(bits)?;
        let (value, repeat) = match symbol {
            0..=15 => (symbol as u8, 1),
            16 => {
                let previous = *lengths[..filled].last().ok_or(InflateError::BadSymbol)?;
                (previous, 3 + bits.take(2)? as usize)
            }
            17 => (0, 3 + bits.take(3)? as usize),
            18 => (0, 11 + bits.take(7)? as usize),
            _ => return Err(InflateError::BadSymbol),
        };
        if filled + repeat > total {
            return Err(InflateError::BadSymbol);
        }
        lengths[filled..filled + repeat].fill(value);
        filled += repeat;
    }
    if lengths[usize::from(END_OF_BLOCK)] == 0 {
        return Err(InflateError::BadCode);
    }
    literal_length.build(&lengths[..literal_count])?;
    distance.build(&lengths[literal_count..total])
}

/// The literals and matches of a fixed or dynamic block, up to its end.
fn compressed_block(
    bits: &mut Bits,
    out: &mut Vec<u8>,
    end: usize,
    literal_length: &Huffman,
    distance: &Huffman,
) -> Result<(), InflateError> {
    loop {
        let symbol = literal_length.decode(bits)?;
        if symbol < END_OF_BLOCK {
            if out.len() >= end {
                return Err(InflateError::TooLong);
            }
            out.push(symbol as u8);
            continue;
        }
        if symbol == END_OF_BLOCK {
            return Ok(());
        }
        let index = usize::from(symbol - 257);
        let (Some(&base), Some(&extra)) = (LENGTH_BASE.get(index), LENGTH_EXTRA.get(index)) else {
            return Err(InflateError::BadSymbol);
        };
        let length = usize::from(base) + bits.take(u32::from(extra))? as usize;
        let index = usize::from(distance.decode(bits)?);
        let (Some(&base), Some(&extra)) = (DISTANCE_BASE.get(index), DISTANCE_EXTRA.get(index)) else {
            return Err(InflateError::BadSymbol);
        };
        let back = usize::from(base) + bits.take(u32::from(extra))? as usize;
        if back > out.len() {
            return Err(InflateError::DistanceTooFar);
        }
        if out.len() + length > end {
            return Err(InflateError::TooLong);
        }
        let from = out.len() - back;
        if back >= length {
            out.extend_from_within(from..from + length);
        } else {
            // The match overlaps what it writes: a run, copied byte by byte.
            for k in from..from + length {
                let byte = out[k];
                out.push(byte);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::deflate::core::{CompressorOxide, TDEFLFlush, TDEFLStatus, compress_to_output};

    /// Deflates `text` at `level` as the store does: after `dictionary`,
    /// sync-flushed so the text's output starts on a byte boundary.
    fn deflate(dictionary: &[u8], text: &[u8], level: u8) -> Vec<u8> {
        let flags = miniz_oxide::deflate::core::create_comp_flags_from_zip_params(level.into(), -15, 0);
        let mut compressor = CompressorOxide::new(flags);
        if !dictionary.is_empty() {
            let (status, _) = compress_to_output(&mut compressor, dictionary, TDEFLFlush::Sync, |_| true);
            assert_eq!(status, TDEFLStatus::Okay);
        }
        let mut out = Vec::new();
        let (status, _) = compress_to_output(&mut compressor, text, TDEFLFlush::Finish, |bytes| {
            out.extend_from_slice(bytes);
            true
        });
        assert_eq!(status, TDEFLStatus::Done);
        out
    }

    fn inflate(dictionary: &[u8], deflated: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
        let mut out = dictionary.to_vec();
        let written = inflate_onto(deflated, &mut out, limit)?;
        assert_eq!(written, out.len() - dictionary.len());
        Ok(out.split_off(dictionary.len()))
    }

    /// Bytes from the sort tests' generator, for texts no test file holds.
    fn noise(seed: u64, len: usize) -> Vec<u8> {
        crate::sort_once::tests::noise(seed, len, u8::BITS).into_iter().map(|byte| byte as u8).collect()
    }

    fn texts() -> Vec<Vec<u8>> {
        let prose = "The armistice talks at Kaesong resumed on 25 October 1951 at Panmunjŏm; Vyshinsky \
                     (Вышинский) spoke at the General Assembly. 停战谈判 — «Trêve» — ﬁn. "
            .repeat(40)
            .into_bytes();
        let mut mixed = prose.clone();
        mixed.extend(noise(7, 3000));
        mixed.extend(
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        );
        vec![
            Vec::new(),
            b"a".to_vec(),
            b"abcabcabcabcabcabcabc".to_vec(),
            vec![0; 70_000],
            noise(1, 40_000),
            prose,
            mixed,
            (0..=255u8).cycle().take(100_000).collect(),
        ]
    }

    #[test]
    fn inflates_what_miniz_deflates_at_every_level() {
        for text in texts() {
            for level in 0..=10 {
                let deflated = deflate(&[], &text, level);
                assert_eq!(inflate(&[], &deflated, text.len()).as_deref(), Ok(&text[..]), "level {level}");
            }
        }
    }

    #[test]
    fn matches_reach_back_into_the_dictionary() {
        let dictionary = b"the armistice negotiations at Panmunjom and the neutral zone; prisoners of war".repeat(20);
        let text = b"prisoners of war at Panmunjom: the armistice negotiations and the neutral zone".to_vec();
        let with = deflate(&dictionary, &text, 9);
        let without = deflate(&[], &text, 9);
        assert!(with.len() < without.len() / 2, "{} bytes with the dictionary, {} without", with.len(), without.len());
        assert_eq!(inflate(&dictionary, &with, text.len()), Ok(text.clone()));
        // Without the dictionary the same stream reaches before the start.
        assert_eq!(inflate(&[], &with, text.len()), Err(InflateError::DistanceTooFar));
    }

    #[test]
    fn output_past_the_limit_is_refused() {
        let text = noise(3, 5000);
        for level in [0, 1, 9] {
            let deflated = deflate(&[], &text, level);
            assert_eq!(inflate(&[], &deflated, text.len() - 1), Err(InflateError::TooLong), "level {level}");
        }
        let run = deflate(&[], &[b'x'; 5000], 9);
        assert_eq!(inflate(&[], &run, 4999), Err(InflateError::TooLong));
    }

    #[test]
    fn every_truncation_is_refused() {
        for text in [noise(5, 2000), b"the neutral zone at Panmunjom ".repeat(50)] {
            for level in [0, 1, 6, 9] {
                let deflated = deflate(&[], &text, level);
                for cut in 0..deflated.len() {
                    let result = inflate(&[], &deflated[..cut], text.len());
                    assert!(result.is_err(), "level {level}, cut at {cut} of {}: {result:?}", deflated.len());
                }
            }
        }
    }

    #[test]
    fn damaged_streams_are_refused_or_inflated_never_a_panic() {
        // Every single-bit flip and many random overwrites: each either fails
        // or inflates to some bytes within the limit, as miniz would decide.
        let text = b"Telegram from Peking to Moscow on the armistice, 1952. ".repeat(30);
        let dictionary = b"telegram armistice Moscow Peking".repeat(4);
        let deflated = deflate(&dictionary, &text, 9);
        for bit in 0..deflated.len() * 8 {
            let mut damaged = deflated.clone();
            damaged[bit / 8] ^= 1 << (bit % 8);
            if let Ok(out) = inflate(&dictionary, &damaged, text.len()) {
                assert!(out.len() <= text.len());
            }
        }
        for seed in 0..3000 {
            let mut damaged = deflated.clone();
            let spots = noise(seed, 8);
            for pair in spots.chunks(2) {
                let at = usize::from(pair[0]) * deflated.len() / 256;
                damaged[at] = pair[1];
            }
            let _ = inflate(&dictionary, &damaged, text.len());
            let _ = inflate(&[], &noise(seed + 10_000, usize::from(spots[0]) * 4), 10_000);
        }
    }

    /// Packs `(value, bit count)` fields least significant bit first, as deflate reads them.
    fn pack_bits(fields: &[(u32, u32)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut at = 0;
        for &(value, count) in fields {
            for k in 0..count {
                if at % 8 == 0 {
                    out.push(0);
                }
                *out.last_mut().expect("pushed") |= (((value >> k) & 1) as u8) << (at % 8);
                at += 1;
            }
        }
        out
    }

    #[test]
    fn malformed_headers_name_their_fault() {
        // Last block, type 3.
        assert_eq!(inflate(&[], &pack_bits(&[(1, 1), (3, 2)]), 10), Err(InflateError::UnknownBlockType));
        // A stored block whose complement is wrong.
        assert_eq!(inflate(&[], &[0b001, 5, 0, 0, 0], 10), Err(InflateError::StoredLengthMismatch));
        // A stored block of 3 bytes, whole and cut short.
        assert_eq!(inflate(&[], &[0b001, 3, 0, 0xFC, 0xFF, b'a', b'b', b'c'], 10), Ok(b"abc".to_vec()));
        assert_eq!(inflate(&[], &[0b001, 3, 0, 0xFC, 0xFF, b'a'], 10), Err(InflateError::Truncated));
        // A dynamic block whose code-length code gives four symbols length 1: over-subscribed.
        let dynamic = [(1, 1), (2, 2), (0, 5), (0, 5), (0, 4), (1, 3), (1, 3), (1, 3), (1, 3)];
        assert_eq!(inflate(&[], &pack_bits(&dynamic), 10), Err(InflateError::BadCode));
        // A repeat of the previous length with no length before it.
        let dynamic = [(1, 1), (2, 2), (0, 5), (0, 5), (0, 4), (1, 3), (1, 3), (0, 3), (0, 3), (0, 1), (0, 2)];
        assert_eq!(inflate(&[], &pack_bits(&dynamic), 10), Err(InflateError::BadSymbol));
        // No input at all.
        assert_eq!(inflate(&[], &[], 10), Err(InflateError::Truncated));
    }

    #[test]
    fn an_incomplete_code_reads_its_codes_and_refuses_the_rest() {
        // One symbol of length 1, as a block with a single distance code has.
        let mut code = Huffman::empty();
        code.build(&[0, 1]).expect("an incomplete code is allowed");
        let zero = [0u8; 4];
        assert_eq!(code.decode(&mut Bits { input: &zero, next: 0, buffer: 0, count: 0 }), Ok(1));
        let one = [1u8; 4];
        assert_eq!(code.decode(&mut Bits { input: &one, next: 0, buffer: 0, count: 0 }), Err(InflateError::BadSymbol));
    }

    #[test]
    fn runs_copy_what_they_are_writing() {
        // Matches at distance 1 overlap their own output.
        let text = [b'z'; 300];
        for level in [1, 9] {
            assert_eq!(inflate(&[], &deflate(&[], &text, level), 300), Ok(text.to_vec()));
        }
    }
}

//! Normalization: here is a word, give me its compatibility decomposition
//! (NFKD), or its composition again (NFC, NFKC).
//!
//! Folding takes words apart to drop their accents and puts the scripts that
//! keep their marks together again; the stemmers read words in NFKC. Both
//! must agree with the Unicode standard to the character, because the index
//! stores what they give. The tables come from the `unicode-normalization`
//! crate at build time (`build/unicode_tables.rs`), as compact sorted lists
//! rather than that crate's own hash tables: the search module is
//! downloaded by every visitor, and these tables are a fraction of the
//! bytes. A lookup is a binary search (about ten steps over a few hundred
//! to a thousand entries); ASCII, most Latin-1 and the letters of the many
//! 64-character chunks of the BMP without marks or decompositions (two bit
//! sets of 128 bytes say which) never reach one.

include!(concat!(env!("OUT_DIR"), "/unicode_tables.rs"));

/// The first code point of any combining mark (U+0300, the grave accent).
const FIRST_MARK: char = '\u{300}';
/// The first code point with a compatibility decomposition (U+00A0, no-break space).
const FIRST_DECOMPOSED: char = '\u{A0}';
/// A decomposition run's length sits in bits 22–30 of its packed word.
const RUN_LENGTH_SHIFT: u32 = 22;
const RUN_VALUE_MASK: u32 = (1 << RUN_LENGTH_SHIFT) - 1;
const RUN_IS_SHIFT: u32 = 1 << 31;

// Hangul syllables are composed of jamo by arithmetic (Unicode §3.12).
const HANGUL_SYLLABLE_FIRST: u32 = 0xAC00;
const HANGUL_LEADING_FIRST: u32 = 0x1100;
const HANGUL_VOWEL_FIRST: u32 = 0x1161;
const HANGUL_TRAILING_BASE: u32 = 0x11A7;
const HANGUL_LEADING_COUNT: u32 = 19;
const HANGUL_VOWEL_COUNT: u32 = 21;
const HANGUL_TRAILING_COUNT: u32 = 28;
const HANGUL_PER_LEADING: u32 = HANGUL_VOWEL_COUNT * HANGUL_TRAILING_COUNT;
const HANGUL_SYLLABLE_COUNT: u32 = HANGUL_LEADING_COUNT * HANGUL_PER_LEADING;

/// Code points per bit of the BMP bit sets in the tables.
const BMP_CHUNK: u32 = 64;

/// Whether the chunk of the BMP holding `c` has a bit in `chunks`; true
/// beyond the BMP, where the tables are searched directly.
fn may_hold(chunks: &[u64; 16], c: char) -> bool {
    let chunk = c as u32 / BMP_CHUNK;
    chunks.get(chunk as usize / 64).is_none_or(|word| word >> (chunk % 64) & 1 != 0)
}

/// Whether `c` is a combining mark (General Category M: Mn, Mc or Me).
pub fn is_combining_mark(c: char) -> bool {
    mark_range(c).is_some()
}

/// The canonical combining class of `c`: 0 for every starter.
pub fn combining_class(c: char) -> u8 {
    mark_range(c).map_or(0, |(_, _, class)| class)
}

fn mark_range(c: char) -> Option<(u32, u16, u8)> {
    if c < FIRST_MARK || !may_hold(&BMP_CHUNKS_WITH_MARKS, c) {
        return None;
    }
    let c = c as u32;
    let i = MARKS.partition_point(|&(first, _, _)| first <= c);
    let run = *MARKS.get(i.checked_sub(1)?)?;
    (c - run.0 < u32::from(run.1)).then_some(run)
}

/// Appends the full compatibility decomposition of `c` to `out`, in the
/// order the tables give it (canonical ordering across characters is
/// [`nfkd`]'s job).
fn push_decomposed(c: char, out: &mut Vec<char>) {
    let code = c as u32;
    if c < FIRST_DECOMPOSED {
        out.push(c);
        return;
    }
    if (HANGUL_SYLLABLE_FIRST..HANGUL_SYLLABLE_FIRST + HANGUL_SYLLABLE_COUNT).contains(&code) {
        let index = code - HANGUL_SYLLABLE_FIRST;
        out.push(jamo(HANGUL_LEADING_FIRST + index / HANGUL_PER_LEADING));
        out.push(jamo(HANGUL_VOWEL_FIRST + (index % HANGUL_PER_LEADING) / HANGUL_TRAILING_COUNT));
        if !index.is_multiple_of(HANGUL_TRAILING_COUNT) {
            out.push(jamo(HANGUL_TRAILING_BASE + index % HANGUL_TRAILING_COUNT));
        }
        return;
    }
    if !may_hold(&BMP_CHUNKS_WITH_DECOMPOSITIONS, c) {
        out.push(c);
        return;
    }
    let i = DECOMPOSITIONS.partition_point(|&(first, _)| first <= code);
    let Some(&(first, packed)) = i.checked_sub(1).and_then(|i| DECOMPOSITIONS.get(i)) else {
        out.push(c);
        return;
    };
    let member = code - first;
    if member >= (packed & !RUN_IS_SHIFT) >> RUN_LENGTH_SHIFT {
        out.push(c);
        return;
    }
    let value = packed & RUN_VALUE_MASK;
    if packed & RUN_IS_SHIFT != 0 {
        out.push(char::from_u32(value + member).expect("the tables hold scalar values"));
    } else {
        let strings = &DECOMPOSITION_STRINGS[value as usize..];
        let decomposed =
            strings.split(DECOMPOSITION_END).nth(member as usize).expect("a run's members each have a string");
        out.extend(decomposed.chars());
    }
}

fn jamo(code: u32) -> char {
    char::from_u32(code).expect("jamo are scalar values")
}

/// Puts each run of marks (characters of nonzero combining class) in the
/// order of their classes, keeping the order of marks of one class: Unicode's
/// canonical ordering. Cost: an insertion sort of each run, which is short.
pub fn order_canonically(chars: &mut [char]) {
    for i in 1..chars.len() {
        let class = combining_class(chars[i]);
        if class == 0 {
            continue;
        }
        let mut j = i;
        while j > 0 && combining_class(chars[j - 1]) > class {
            chars.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The compatibility decomposition of `text`, each character's in turn,
/// not yet in canonical order: [`nfkd`] without [`order_canonically`], for a
/// reader whose result does not depend on the order of marks.
pub fn decompose(text: &str) -> Vec<char> {
    let mut chars = Vec::with_capacity(text.len());
    for c in text.chars() {
        push_decomposed(c, &mut chars);
    }
    chars
}

/// The compatibility decomposition (NFKD) of `text`, as characters.
pub fn nfkd(text: &str) -> Vec<char> {
    let mut chars = decompose(text);
    order_canonically(&mut chars);
    chars
}

/// The canonical composite of `first` and `second`, if they have one that
/// is not excluded from composition.
fn compose_pair(first: char, second: char) -> Option<char> {
    let (a, b) = (first as u32, second as u32);
    if (HANGUL_LEADING_FIRST..HANGUL_LEADING_FIRST + HANGUL_LEADING_COUNT).contains(&a)
        && (HANGUL_VOWEL_FIRST..HANGUL_VOWEL_FIRST + HANGUL_VOWEL_COUNT).contains(&b)
    {
        let index = (a - HANGUL_LEADING_FIRST) * HANGUL_PER_LEADING + (b - HANGUL_VOWEL_FIRST) * HANGUL_TRAILING_COUNT;
        return char::from_u32(HANGUL_SYLLABLE_FIRST + index);
    }
    if (HANGUL_SYLLABLE_FIRST..HANGUL_SYLLABLE_FIRST + HANGUL_SYLLABLE_COUNT).contains(&a)
        && (a - HANGUL_SYLLABLE_FIRST).is_multiple_of(HANGUL_TRAILING_COUNT)
        && (HANGUL_TRAILING_BASE + 1..HANGUL_TRAILING_BASE + HANGUL_TRAILING_COUNT).contains(&b)
    {
        return char::from_u32(a + (b - HANGUL_TRAILING_BASE));
    }
    if second < FIRST_MARK {
        return None;
    }
    COMPOSITIONS.binary_search_by(|&(x, y, _)| (x, y).cmp(&(first, second))).ok().map(|i| COMPOSITIONS[i].2)
}

/// Composes decomposed characters (Unicode's canonical composition
/// algorithm): each mark or starter joins the last starter when nothing
/// between blocks it. `chars` must hold no character with a canonical
/// decomposition, in canonical order (as [`nfkd`] gives them, or after
/// [`order_canonically`]): this is NFC of text already decomposed. Works in
/// place: no allocation but the string.
pub fn compose(mut chars: Vec<char>) -> String {
    let mut written = 0;
    let mut starter: Option<usize> = None;
    // The class of the last character kept after the starter; `None` when
    // the starter is the last character kept.
    let mut last_class: Option<u8> = None;
    for read in 0..chars.len() {
        let c = chars[read];
        let class = combining_class(c);
        if let Some(s) = starter {
            let blocked = last_class.is_some_and(|last| last >= class);
            if !blocked && let Some(joined) = compose_pair(chars[s], c) {
                chars[s] = joined;
                continue;
            }
        }
        if class == 0 {
            starter = Some(written);
            last_class = None;
        } else {
            last_class = Some(class);
        }
        chars[written] = c;
        written += 1;
    }
    chars[..written].iter().collect()
}

/// The compatibility composition (NFKC) of `text`.
pub fn nfkc(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    compose(nfkd(text))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// Every Unicode scalar value, for tests that compare a table against its reference.
    pub(crate) fn scalar_values() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    #[test]
    fn tables_follow_the_unicode_version_of_the_reference_crate() {
        assert_eq!(UNICODE_VERSION, unicode_normalization::UNICODE_VERSION);
    }

    #[test]
    fn combining_marks_and_classes_match_the_reference_for_every_scalar_value() {
        for c in scalar_values() {
            assert_eq!(is_combining_mark(c), unicode_normalization::char::is_combining_mark(c), "U+{:04X}", c as u32);
            assert_eq!(
                combining_class(c),
                unicode_normalization::char::canonical_combining_class(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn nfkd_nfkc_and_nfc_match_the_reference_for_every_scalar_value() {
        let mut text = String::new();
        for c in scalar_values() {
            text.clear();
            text.push(c);
            let expected: Vec<char> = text.nfkd().collect();
            assert_eq!(nfkd(&text), expected, "NFKD of U+{:04X}", c as u32);
            assert_eq!(nfkc(&text), text.nfkc().collect::<String>(), "NFKC of U+{:04X}", c as u32);
            let mut decomposed: Vec<char> = text.nfd().collect();
            order_canonically(&mut decomposed);
            assert_eq!(compose(decomposed), text.nfc().collect::<String>(), "NFC of U+{:04X}", c as u32);
        }
    }

    /// Sequences where order, blocking and composition across characters
    /// matter: each checked against the reference's NFKD and NFKC.
    const SEQUENCES: &[&str] = &[
        "e\u{301}\u{323}",                                   // marks out of canonical order
        "\u{1E69}\u{323}",                                   // a composite followed by a mark of lower class
        "a\u{315}\u{300}\u{5AE}\u{301}b",                    // blocked and unblocked marks
        "\u{304B}\u{3099}\u{306F}\u{309A}",                  // kana with voicing marks
        "\u{FF76}\u{FF9E}\u{FF8A}\u{FF9F}",                  // half-width kana with half-width voicing marks
        "\u{1100}\u{1161}\u{11A8}\u{1100}\u{1161}",          // Hangul jamo L V T, L V
        "\u{AC00}\u{11A8}\u{AC01}\u{11A8}",                  // LV + T composes; LVT + T does not
        "\u{1100}\u{11A7}\u{1161}",                          // a filler that is not a trailing consonant
        "\u{9C7}\u{9BE}\u{9C7}\u{9D7}",                      // Bengali two-part vowels
        "\u{B47}\u{B3E}\u{BC6}\u{BBE}\u{DD9}\u{DCF}\u{DCA}", // Oriya, Tamil, Sinhala
        "\u{915}\u{93C}\u{958}",                             // a composition exclusion stays apart
        "\u{1025}\u{102E}",                                  // Myanmar letter + vowel sign
        "\u{1B05}\u{1B35}",                                  // Balinese
        "\u{FB01}\u{2460}\u{1D400}\u{FF21}\u{3392}\u{FDFA}", // compatibility forms
        "\u{300}a",                                          // a mark before any starter
        "\u{E0}\u{328}\u{301}",                              // a composite, then marks of two classes
    ];

    #[test]
    fn nfkd_and_nfkc_match_the_reference_for_sequences() {
        for text in SEQUENCES {
            assert_eq!(nfkd(text), text.nfkd().collect::<Vec<_>>(), "NFKD of {text:?}");
            assert_eq!(nfkc(text), text.nfkc().collect::<String>(), "NFKC of {text:?}");
        }
    }

    #[test]
    fn every_character_followed_by_every_mark_class_composes_as_the_reference() {
        // One mark of each combining class (and the ccc-0 two-part vowels)
        // after every character whose decomposition begins with a starter.
        let mut marks: Vec<char> = Vec::new();
        let mut seen = [false; 256];
        for c in scalar_values() {
            let class = unicode_normalization::char::canonical_combining_class(c);
            if class != 0 && !seen[class as usize] {
                seen[class as usize] = true;
                marks.push(c);
            }
        }
        marks.extend([
            '\u{301}', '\u{308}', '\u{323}', '\u{3099}', '\u{309A}', '\u{9BE}', '\u{9D7}', '\u{B3E}', '\u{1161}',
            '\u{11A8}',
        ]);
        let mut text = String::new();
        for c in scalar_values().filter(|&c| {
            (c as u32).is_multiple_of(7) || unicode_normalization::char::is_combining_mark(c) || (c as u32) < 0x3100
        }) {
            for &m in &marks {
                text.clear();
                text.push(c);
                text.push(m);
                assert_eq!(
                    nfkc(&text),
                    text.nfkc().collect::<String>(),
                    "NFKC of U+{:04X} U+{:04X}",
                    c as u32,
                    m as u32
                );
            }
        }
    }
}

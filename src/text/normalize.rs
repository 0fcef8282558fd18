//! Normalization: here is a word, give me its compatibility decomposition
//! (NFKD), or its composition again (NFC, NFKC).
//!
//! Folding takes words apart to drop their accents and puts the scripts that
//! keep their marks together again; the stemmers read words in NFKC. Both
//! must agree with the Unicode standard to the character, because the index
//! stores what they give.
//!
//! Where the forms come from: the `unicode-normalization` crate in the tool,
//! and in WebAssembly the browser's own `String.prototype.normalize`, so the
//! search module downloaded by every visitor carries no decomposition or
//! composition tables (about 14 KB of its brotli bytes). Unicode's
//! normalization stability policy makes the two agree on every character
//! both know: a character's decomposition never changes once it is encoded,
//! so they can differ only on characters newer than the browser.
//!
//! Most words never reach either: a bit set of 128 bytes, generated at build
//! time (`build/unicode_tables.rs`), says which 64-character chunks of the
//! Basic Multilingual Plane hold a character that normalization may change,
//! and a word with none is its own NFKD, NFC and NFKC. The combining marks,
//! which folding and segmentation ask about character by character, are a
//! compact sorted list of ranges from the same generator.

use std::borrow::Cow;

include!(concat!(env!("OUT_DIR"), "/unicode_tables.rs"));

/// The first code point of any combining mark (U+0300, the grave accent).
const FIRST_MARK: char = '\u{300}';
/// The first code point normalization may change (U+00A0, no-break space,
/// whose compatibility decomposition is a space).
const FIRST_CHANGED: char = '\u{A0}';

/// Code points per bit of the BMP bit sets in the tables.
const BMP_CHUNK: u32 = 64;

/// Whether the chunk of the BMP holding `c` has a bit in `chunks`; true
/// beyond the BMP, where every character is left to the normalizer.
fn may_hold(chunks: &[u64; 16], c: char) -> bool {
    let chunk = c as u32 / BMP_CHUNK;
    chunks.get(chunk as usize / 64).is_none_or(|word| word >> (chunk % 64) & 1 != 0)
}

/// Whether `c` is a combining mark (General Category M: Mn, Mc or Me).
pub fn is_combining_mark(c: char) -> bool {
    if c < FIRST_MARK || !may_hold(&BMP_CHUNKS_WITH_MARKS, c) {
        return false;
    }
    let c = c as u32;
    let i = MARKS.partition_point(|&(first, _)| first <= c);
    i.checked_sub(1).is_some_and(|i| c - MARKS[i].0 < u32::from(MARKS[i].1))
}

/// Whether every normalization form of `text` is `text` itself: no
/// character of it lies in a chunk where one may change.
fn is_normalized(text: &str) -> bool {
    text.chars().all(|c| c < FIRST_CHANGED || !may_hold(&BMP_CHUNKS_NORMALIZATION_MAY_CHANGE, c))
}

/// The Unicode normalization forms this module gives.
#[derive(Clone, Copy)]
enum Form {
    Nfkd,
    Nfc,
    Nfkc,
}

/// `text` in `form`: `text` itself, not copied, when no character of it may change.
fn normalized(text: &str, form: Form) -> Cow<'_, str> {
    if is_normalized(text) { Cow::Borrowed(text) } else { Cow::Owned(normalizer::normalize(text, form)) }
}

/// The compatibility decomposition (NFKD) of `text`.
pub fn nfkd(text: &str) -> Cow<'_, str> {
    normalized(text, Form::Nfkd)
}

/// The canonical composition (NFC) of `text`.
pub fn nfc(text: &str) -> Cow<'_, str> {
    normalized(text, Form::Nfc)
}

/// The compatibility composition (NFKC) of `text`.
pub fn nfkc(text: &str) -> Cow<'_, str> {
    normalized(text, Form::Nfkc)
}

/// The browser's normalizer, `String.prototype.normalize`.
#[cfg(target_arch = "wasm32")]
mod normalizer {
    use super::Form;

    pub(super) fn normalize(text: &str, form: Form) -> String {
        let name = match form {
            Form::Nfkd => "NFKD",
            Form::Nfc => "NFC",
            Form::Nfkc => "NFKC",
        };
        String::from(js_sys::JsString::from(text).normalize(name))
    }
}

/// The `unicode-normalization` crate.
#[cfg(not(target_arch = "wasm32"))]
mod normalizer {
    use super::Form;
    use unicode_normalization::UnicodeNormalization;

    pub(super) fn normalize(text: &str, form: Form) -> String {
        match form {
            Form::Nfkd => text.nfkd().collect(),
            Form::Nfc => text.nfc().collect(),
            Form::Nfkc => text.nfkc().collect(),
        }
    }
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
    fn combining_marks_match_the_reference_for_every_scalar_value() {
        for c in scalar_values() {
            assert_eq!(is_combining_mark(c), unicode_normalization::char::is_combining_mark(c), "U+{:04X}", c as u32);
        }
    }

    /// The shortcut must never skip a text the normalizer would change: every
    /// character alone, and after every character that may start a
    /// composition, one of each kind of character that may join it.
    #[test]
    fn texts_the_shortcut_skips_are_their_own_normal_forms() {
        let mut text = String::new();
        for c in scalar_values() {
            text.clear();
            text.push(c);
            if is_normalized(&text) {
                assert!(text.nfkd().eq(text.chars()), "NFKD changes U+{:04X}", c as u32);
                assert!(text.nfkc().eq(text.chars()), "NFKC changes U+{:04X}", c as u32);
            }
        }
        let joiners: Vec<char> =
            scalar_values().filter(|&c| c < '\u{10000}' && is_normalized(&c.to_string())).collect();
        let starters: std::collections::BTreeSet<char> = scalar_values()
            .filter(|&c| {
                let mut canonical = Vec::new();
                unicode_normalization::char::decompose_canonical(c, |d| canonical.push(d));
                canonical.len() >= 2
            })
            .map(|c| c.to_string().nfd().next().expect("a decomposition has a first character"))
            .collect();
        assert!(
            starters.contains(&'e') && starters.contains(&'\u{1100}'),
            "the Latin and Hangul starters are among them"
        );
        for &first in &starters {
            for &second in &joiners {
                text.clear();
                text.push(first);
                text.push(second);
                if is_normalized(&text) {
                    assert!(text.nfc().eq(text.chars()), "NFC joins U+{:04X} U+{:04X}", first as u32, second as u32);
                }
            }
        }
    }

    /// Words the shortcut passes to the normalizer come back in each form.
    #[test]
    fn each_form_is_the_reference_form() {
        for text in [
            "Panmunj\u{14F}m",
            "e\u{301}\u{323}",
            "\u{FB01}\u{2460}\u{FF21}",
            "\u{304B}\u{3099}",
            "\u{1100}\u{1161}\u{11A8}",
        ] {
            assert_eq!(nfkd(text), text.nfkd().collect::<String>(), "NFKD of {text:?}");
            assert_eq!(nfc(text), text.nfc().collect::<String>(), "NFC of {text:?}");
            assert_eq!(nfkc(text), text.nfkc().collect::<String>(), "NFKC of {text:?}");
        }
        assert_eq!(nfkd("Panmunj\u{14F}m"), "Panmunjo\u{306}m");
        assert_eq!(nfc("\u{1100}\u{1161}\u{11A8}"), "\u{AC01}");
        assert_eq!(nfkc("\u{FB01}"), "fi");
    }
}

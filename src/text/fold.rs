//! Folding: here is a word, give me the form a search compares.
//!
//! Case and accents fold away where a reader would ignore them, and stay
//! where they are letters. In Latin, Greek, Cyrillic, Armenian, Hebrew,
//! Arabic and Syriac script a combining mark is an accent, a tonos or a
//! vowel point that readers type or leave out at will (`Panmunjŏm`,
//! `Ελλάδα`, `كِتَاب`), so it is dropped. In the scripts of South and South-East
//! Asia a mark is a vowel or a virama — dropping it would make `मानव` and `मन`
//! one word — so it is kept, and so are the voicing marks of kana (`が` is not
//! `か`). Hangul and kana are composed again after decomposition, so a
//! syllable stays one character.
//!
//! A few letters fold beyond what Unicode decomposes: German `ß` is `ss`,
//! Greek final `ς` is `σ`, Turkish dotless `ı` is `i` (so `IRK`, `ırk` and
//! `irk` meet whatever keyboard typed them), `ł`, `đ` and `ø` are `l`, `d`
//! and `o`, and the Arabic tatweel (a stretching stroke, not a letter)
//! disappears.
//!
//! Language-specific lower-casing (Turkish `I` → `ı`) is the analyser's job
//! ([`super::language`]): it happens before stemming, folding after.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The Arabic tatweel (kashida): lengthens a line, carries no meaning.
pub const TATWEEL: char = '\u{640}';

/// Folds one word: compatibility decomposition, accents dropped where they
/// are accents, lower case, the special letters above. ASCII takes a fast
/// path (a lower-cased copy); other words one decomposition and, when a
/// script keeps its marks, one composition.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    // A mark with no letter before it is dropped, as before any letter of a
    // script whose marks are accents.
    let mut marks_are_accents = true;
    let mut compose = false;
    for c in word.nfkd() {
        if is_combining_mark(c) {
            if !marks_are_accents {
                out.push(c);
                compose = true;
            }
            continue;
        }
        if is_invisible_in_word(c) || c == TATWEEL {
            continue;
        }
        marks_are_accents = has_accent_marks(c);
        compose |= is_composed_again(c);
        push_folded(c, &mut out);
    }
    if compose { out.nfc().collect() } else { out }
}

/// Lower case with the letters folded that no decomposition reaches; the
/// accents themselves are [`fold`]'s business.
fn push_folded(c: char, out: &mut String) {
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        'ς' => out.push('σ'),
        'ı' => out.push('i'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' => out.push('d'),
        'ø' | 'Ø' => out.push('o'),
        c if c.is_lowercase() || !c.is_alphabetic() => out.push(c),
        c => out.extend(c.to_lowercase()),
    }
}

/// Whether combining marks after `c` are accents a reader may leave out:
/// true for the scripts named in the module docs, and for anything that is
/// not a letter.
pub fn has_accent_marks(c: char) -> bool {
    if !c.is_alphabetic() {
        return true;
    }
    matches!(c as u32,
        0x0000..=0x058F      // Latin, IPA, Greek, Cyrillic, Armenian
        | 0x0590..=0x074F    // Hebrew, Arabic, Syriac
        | 0x0750..=0x077F    // Arabic supplement
        | 0x08A0..=0x08FF    // Arabic extended
        | 0x1C80..=0x1C8F    // Cyrillic extended
        | 0x1D00..=0x1FFF    // phonetic extensions, Latin extended additional, Greek extended
        | 0x2C60..=0x2C7F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F
        | 0xFB00..=0xFDFF | 0xFE70..=0xFEFF | 0xFF00..=0xFFEF)
}

/// Letters that decomposition takes apart and composition must put back:
/// Hangul syllables, kana with voicing marks, and the letters of scripts
/// that keep their marks.
fn is_composed_again(c: char) -> bool {
    !has_accent_marks(c)
}

/// Invisible characters that sit inside words without splitting them (soft
/// hyphen, zero-width non-joiner and joiner, word joiner, zero-width
/// no-break space): part of the word they are in, dropped by [`fold`], so
/// `Pan\u{AD}mun\u{200D}jom` is `panmunjom`. The zero-width *space* (U+200B)
/// is a word break by definition and still splits.
pub fn is_invisible_in_word(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Whether `c` can be part of a word: a letter, digit or mark, or an
/// invisible character inside a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || is_invisible_in_word(c) || c == TATWEEL
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_accents_and_case_fold() {
        assert_eq!(fold("Panmunjŏm"), "panmunjom");
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("ﬁnal"), "final");
        assert_eq!(fold("KOREA"), "korea");
    }

    #[test]
    fn german_sharp_s_is_double_s() {
        assert_eq!(fold("Straße"), fold("STRASSE"));
        assert_eq!(fold("GROẞ"), "gross");
    }

    #[test]
    fn greek_tonos_and_final_sigma() {
        assert_eq!(fold("Ελλάδος"), "ελλαδοσ");
        assert_eq!(fold("ΕΛΛΑΔΟΣ"), fold("Ελλάδος"));
        assert_eq!(fold("ἀνθρώπων"), "ανθρωπων", "polytonic breathings and accents");
    }

    #[test]
    fn turkish_dotted_and_dotless_i_meet() {
        assert_eq!(fold("İnsan"), "insan");
        assert_eq!(fold("ırk"), fold("IRK"));
    }

    #[test]
    fn arabic_tatweel_and_harakat_go() {
        assert_eq!(fold("كِتَاب"), "كتاب");
        assert_eq!(fold("كـــتاب"), "كتاب");
        assert_eq!(fold("أحمد"), "احمد", "hamza on alef is a mark");
    }

    #[test]
    fn vowel_signs_of_indic_scripts_stay() {
        assert_eq!(fold("मानव"), "मानव");
        assert_ne!(fold("मानव"), fold("मनव"));
        assert_eq!(fold("உரிமை"), "உரிமை");
    }

    #[test]
    fn hangul_and_kana_stay_composed() {
        assert_eq!(fold("권리를"), "권리를");
        assert_eq!(fold("が"), "が");
        assert_ne!(fold("が"), fold("か"));
        assert_eq!(fold("ｶﾞ"), "ガ", "half-width kana become full width");
    }

    #[test]
    fn cyrillic_folds_like_latin() {
        assert_eq!(fold("Свобода"), "свобода");
        assert_eq!(fold("ёж"), "еж");
    }

    #[test]
    fn polish_stroke_letters() {
        assert_eq!(fold("Łódź"), "lodz");
    }
}

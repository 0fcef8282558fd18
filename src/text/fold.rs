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

use super::normalize::{self, is_combining_mark};

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
    // Lower case over the whole decomposed word, so that each character's
    // own mapping applies (the accents it may bring are dropped or kept below
    // like any other).
    let decomposed = normalize::nfkd(word);
    for c in super::case::lowercase(&decomposed).chars() {
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
    // NFC puts back together what the decomposition took apart, the marks
    // kept in canonical order (dropping invisible characters may have brought
    // two runs of marks together).
    if compose { normalize::nfc(&out).into_owned() } else { out }
}

/// A lower-case character with the letters folded that no decomposition
/// reaches; the accents themselves are [`fold`]'s business.
fn push_folded(c: char, out: &mut String) {
    match c {
        'ß' => out.push_str("ss"),
        'ς' => out.push('σ'),
        'ı' => out.push('i'),
        'ł' => out.push('l'),
        'đ' => out.push('d'),
        'ø' => out.push('o'),
        c => out.push(c),
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
pub(crate) mod tests {
    use super::*;
    use crate::text::normalize::tests::scalar_values;
    use std::path::PathBuf;
    use unicode_normalization::UnicodeNormalization;

    /// [`fold`] as it reads with the `unicode-normalization` crate, the
    /// reference the generated tables must reproduce exactly.
    fn fold_by_reference(word: &str) -> String {
        use unicode_normalization::char::is_combining_mark;
        if word.is_ascii() {
            return word.to_ascii_lowercase();
        }
        let mut out = String::with_capacity(word.len());
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
            match c {
                'ß' | 'ẞ' => out.push_str("ss"),
                'ς' => out.push('σ'),
                'ı' => out.push('i'),
                'ł' | 'Ł' => out.push('l'),
                'đ' | 'Đ' => out.push('d'),
                'ø' | 'Ø' => out.push('o'),
                c => out.extend(c.to_lowercase()),
            }
        }
        if compose { out.nfc().collect() } else { out }
    }

    #[test]
    fn fold_and_is_word_char_match_the_reference_for_every_scalar_value() {
        let mut word = String::new();
        for c in scalar_values() {
            word.clear();
            word.push(c);
            assert_eq!(fold(&word), fold_by_reference(&word), "fold of U+{:04X}", c as u32);
            let reference_word_char = c.is_alphanumeric()
                || unicode_normalization::char::is_combining_mark(c)
                || is_invisible_in_word(c)
                || c == TATWEEL;
            assert_eq!(is_word_char(c), reference_word_char, "is_word_char of U+{:04X}", c as u32);
        }
    }

    /// Letters followed by marks, in scripts whose marks are accents and in
    /// scripts that keep them, and the sequences composition must rebuild.
    const SEQUENCES: &[&str] = &[
        "Pan\u{AD}mun\u{200D}jo\u{306}m",                    // invisible characters and a breve
        "e\u{301}\u{323}E\u{323}\u{301}",                    // Latin marks in both orders
        "\u{3B1}\u{313}\u{301}\u{345}",                      // polytonic Greek
        "\u{43A}\u{301}\u{5D1}\u{5BC}\u{628}\u{64E}\u{651}", // Cyrillic stress, Hebrew dagesh, Arabic harakat
        "\u{915}\u{93F}\u{915}\u{94D}\u{200D}\u{937}",       // Devanagari vowel sign, virama, joiner
        "\u{915}\u{94D}\u{200D}\u{93C}",                     // marks of two classes across a joiner
        "\u{915}\u{93C}\u{958}\u{95C}",                      // composition exclusions stay apart
        "\u{E01}\u{E48}\u{E38}\u{E01}\u{E38}\u{E48}",        // Thai tone mark and vowel in both orders
        "\u{304B}\u{3099}\u{306F}\u{309A}\u{30AB}\u{3099}\u{30A6}\u{3099}", // kana + voicing marks
        "\u{304C}\u{309A}\u{304B}\u{309B}",                  // a voiced kana with a second mark; the spacing mark
        "\u{FF76}\u{FF9E}\u{FF8A}\u{FF9F}\u{FF73}\u{FF9E}",  // half-width kana with voicing marks
        "\u{1100}\u{1161}\u{11A8}\u{1112}\u{1175}\u{AC00}\u{11A8}", // Hangul jamo L V T; LV + T
        "\u{3131}\u{314F}\u{FFA1}\u{FFC2}",                  // compatibility and half-width jamo
        "\u{9A8}\u{9C7}\u{9BE}\u{9A8}\u{9C7}\u{9D7}",        // Bengali two-part vowels
        "\u{B28}\u{B47}\u{B3E}\u{BA8}\u{BC6}\u{BBE}\u{D28}\u{D46}\u{D3E}\u{D9A}\u{DD9}\u{DCF}\u{DCA}", // Oriya, Tamil, Malayalam, Sinhala
        "\u{1025}\u{102E}\u{1B05}\u{1B35}",                   // Myanmar, Balinese
        "a\u{9BE}\u{915}\u{301}\u{E9}\u{93C}",                // marks after letters of the other kind
        "\u{301}\u{915}1\u{93F}",                             // marks after nothing and after a digit
        "\u{130}\u{131}I\u{307}\u{DF}\u{1E9E}\u{3A3}\u{3C2}", // Turkish i, sharp s, sigma
        "\u{10A0}\u{301}\u{2C00}\u{301}\u{13A0}\u{301}",      // capitals of scripts that keep marks
        "\u{FB01}\u{1D400}\u{FF21}\u{2460}\u{3392}\u{FDFA}\u{2126}\u{212B}", // compatibility forms
    ];

    #[test]
    fn fold_matches_the_reference_for_letters_with_marks_in_every_kind_of_script() {
        for word in SEQUENCES {
            assert_eq!(fold(word), fold_by_reference(word), "fold of {word:?}");
        }
    }

    #[test]
    fn fold_matches_the_reference_for_every_letter_followed_by_each_class_of_mark() {
        let marks = [
            '\u{301}', '\u{323}', '\u{334}', '\u{93C}', '\u{94D}', '\u{9BE}', '\u{9D7}', '\u{B3E}', '\u{3099}',
            '\u{309A}', '\u{FF9E}', '\u{1161}', '\u{11A8}', '\u{200D}', '\u{640}',
        ];
        let mut word = String::new();
        for c in scalar_values().filter(|c| c.is_alphabetic()) {
            for &m in &marks {
                word.clear();
                word.push(c);
                word.push(m);
                assert_eq!(fold(&word), fold_by_reference(&word), "fold of U+{:04X} U+{:04X}", c as u32, m as u32);
            }
        }
    }

    /// The text of each page of the UDHR corpus: the Declaration in about
    /// five hundred languages and most of the world's scripts.
    pub(crate) fn udhr_texts() -> Vec<(PathBuf, String)> {
        let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/udhr");
        let entries = std::fs::read_dir(&folder).unwrap_or_else(|error| {
            panic!(
                "the UDHR corpus {} cannot be read ({error}): the tests read the corpora in ../shared/corpora, beside the project",
                folder.display()
            )
        });
        let mut texts: Vec<(PathBuf, String)> = entries
            .map(|entry| entry.expect("the UDHR corpus folder can be listed").path())
            .filter(|path| path.extension().is_some_and(|e| e == "html"))
            .map(|path| {
                let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                // The text between tags is enough: every word is there.
                let text: String = html
                    .split('<')
                    .map(|part| part.split_once('>').map_or(part, |(_, t)| t))
                    .collect::<Vec<_>>()
                    .join(" ");
                (path, text)
            })
            .collect();
        texts.sort();
        assert!(texts.len() >= 500, "the UDHR corpus {} holds {} pages, not its 532", folder.display(), texts.len());
        texts
    }

    #[test]
    fn fold_matches_the_reference_for_every_word_of_the_udhr_corpus() {
        for (path, text) in udhr_texts() {
            // Words as the analyser cuts them, and whole space-separated
            // tokens with their punctuation and joiners.
            let words = text.split(|c: char| !is_word_char(c)).chain(text.split_whitespace());
            for word in words.filter(|w| !w.is_empty()) {
                assert_eq!(fold(word), fold_by_reference(word), "fold of {word:?} in {}", path.display());
            }
        }
    }

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

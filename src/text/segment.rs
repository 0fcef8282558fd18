//! Scripts written without spaces between words: here is a run of such text,
//! give me its search words.
//!
//! Chinese, Japanese, Thai, Lao, Khmer and Burmese do not mark where one
//! word ends and the next begins, and Korean attaches particles to the word
//! they follow (`권리를`, "the right" as an object). Each maximal run of these
//! scripts becomes *overlapping bigrams* of its units: `人人生而自由` is
//! `人人 人生 生而 而自 自由` at consecutive positions. A word of two units is
//! one term; a longer word is the phrase of its bigrams, which matches
//! exactly where the word stands; `권리` (right) is found inside `권리를`.
//! This is the approach Lucene's CJK analyser and Elasticsearch take by
//! default, and it needs no dictionary: a word segmenter such as ICU4X's
//! ships 0.4–5 MB of dictionaries and models, several times the whole wasm
//! module, while bigrams cost nothing and never miss a word that is there
//! (their price is the odd match across a word boundary).
//!
//! A *unit* is a character with the combining marks that follow it (a Thai
//! consonant with its vowel and tone marks, a kana with its voicing mark), so
//! a bigram never splits a syllable from its marks. A run of one unit is
//! itself a term.

use super::normalize::is_combining_mark;

/// Whether `c` belongs to a script written without spaces (see the module
/// docs). Marks are not counted here: they join the unit before them.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F          // Thai
        | 0x0E80..=0x0EFF        // Lao
        | 0x1000..=0x109F        // Myanmar
        | 0x1780..=0x17FF        // Khmer
        | 0x19E0..=0x19FF        // Khmer symbols
        | 0x1100..=0x11FF        // Hangul jamo
        | 0x3040..=0x30FF        // hiragana, katakana
        | 0x3130..=0x318F        // Hangul compatibility jamo
        | 0x31F0..=0x31FF        // katakana extensions
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xA960..=0xA97F | 0xAA60..=0xAA7F | 0xA9E0..=0xA9FF // Hangul, Myanmar extensions
        | 0xAC00..=0xD7FF        // Hangul syllables and jamo extended B
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFF66..=0xFF9F        // half-width katakana
        | 0xFFA0..=0xFFDC        // half-width Hangul
        | 0x20000..=0x323AF)     // CJK extensions B–H
        && !is_combining_mark(c)
        && (c.is_alphanumeric() || c == 'ー' || c == 'ｰ')
}

/// The byte ranges of the units of `run` (offsets relative to `run`): each
/// character with the combining marks after it.
pub fn units(run: &str) -> Vec<(usize, usize)> {
    let mut units: Vec<(usize, usize)> = Vec::new();
    for (i, c) in run.char_indices() {
        let end = i + c.len_utf8();
        match units.last_mut() {
            Some(last) if is_combining_mark(c) => last.1 = end,
            _ => units.push((i, end)),
        }
    }
    units
}

/// The search words of a run of units: overlapping bigrams, or the one
/// unit. Each item is a byte range of the run.
pub fn bigrams(units: &[(usize, usize)]) -> Vec<(usize, usize)> {
    match units {
        [] => Vec::new(),
        [one] => vec![*one],
        _ => units.windows(2).map(|pair| (pair[0].0, pair[1].1)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(run: &str) -> Vec<&str> {
        bigrams(&units(run)).into_iter().map(|(a, b)| &run[a..b]).collect()
    }

    #[test]
    fn han_becomes_overlapping_bigrams() {
        assert_eq!(words("人人生而自由"), ["人人", "人生", "生而", "而自", "自由"]);
        assert_eq!(words("人"), ["人"]);
    }

    #[test]
    fn thai_marks_stay_with_their_consonant() {
        // สิทธิ: ส+ิ ท ธ+ิ
        assert_eq!(words("สิทธิ"), ["สิท", "ทธิ"]);
    }

    #[test]
    fn korean_particle_leaves_the_word_findable() {
        assert_eq!(words("권리를"), ["권리", "리를"]);
    }

    #[test]
    fn scripts_are_recognised() {
        for c in ['人', 'ひ', 'カ', 'ー', '권', 'ส', 'ກ', 'ក', 'က'] {
            assert!(is_unspaced(c), "{c}");
        }
        for c in ['a', 'д', 'ا', 'क', '。', '、', '\u{0E31}'] {
            assert!(!is_unspaced(c), "{c}");
        }
    }
}

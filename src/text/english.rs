//! English's own analysis: its stemmer and its stop words.
//!
//! Apart from [`super::analysis`] (which tokenises with it) and
//! [`super::language`] (which chooses it among the languages), so that
//! neither of those two needs the other's internals.

use super::segment;
use rust_stemmers::{Algorithm, Stemmer};

/// The index term for a folded English word: its English stem, or the word
/// itself when it holds a digit or is not alphabetic.
pub fn stem(folded: &str) -> String {
    if folded.chars().any(|c| c.is_ascii_digit())
        || !folded.chars().all(char::is_alphabetic)
        || folded.starts_with(segment::is_unspaced)
    {
        return folded.to_string();
    }
    Stemmer::create(Algorithm::English).stem(folded).into_owned()
}

/// Words so common in English prose that requiring them in an AND query only
/// hides good results; sorted for binary search.
pub const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "her", "his",
    "i", "if", "in", "into", "is", "it", "its", "of", "on", "or", "our", "she", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "what", "when", "which", "who",
    "will", "with", "would", "you",
];

/// Whether a folded word (or term) is an English stop word; they are still
/// indexed, so phrases keep them. Other languages' lists travel in the index.
pub fn is_stop_word(folded: &str) -> bool {
    ENGLISH_STOP_WORDS.binary_search(&folded).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_join_word_forms_but_spare_numbers() {
        assert_eq!(stem("negotiations"), stem("negotiating"));
        assert_eq!(stem("prisoners"), stem("prisoner"));
        assert_eq!(stem("38th"), "38th");
        assert_eq!(stem("1951"), "1951");
    }

    #[test]
    fn stop_word_list_is_sorted_for_binary_search() {
        assert!(ENGLISH_STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]), "sorted, no word twice");
        assert!(is_stop_word("the") && is_stop_word("would") && !is_stop_word("armistice"));
    }
}

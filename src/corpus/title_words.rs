//! A title as a cataloguer reads it: words, the punctuation between them, and
//! what each small word does.
//!
//! Reading a kind of document or a correspondent from a title ("Minute, Smith
//! to Jones", "Submission No 12: Minister to Cabinet") turns on small things:
//! whether a comma stands between two words, whether a word is a reference
//! number, a preposition or a past participle. Those judgements live here so
//! that `designation` and `correspondents` make them the same way.

use super::dates::month_number;

/// A word of a title, with the punctuation around it trimmed off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    pub text: &'a str,
    /// Byte offsets of `text` in the title.
    pub start: usize,
    pub end: usize,
}

/// Punctuation that is never part of a word.
const TRIMMED: &[char] =
    &[',', ';', ':', '(', ')', '[', ']', '"', '“', '”', '‘', '’', '\'', '!', '?', '«', '»', '—', '–', '-', '/', '|'];

/// Marks that set two parts of a title apart ("Minute, Smith to Jones").
const BREAKS: &[char] = &[',', ';', ':', '(', ')', '[', ']', '—', '–', '|', '/', '.'];

/// Words that join a title's parts: where they stand, a name has ended.
const CONNECTIVES: &[&str] = &[
    "about",
    "addressed",
    "at",
    "between",
    "by",
    "concerning",
    "for",
    "from",
    "in",
    "of",
    "on",
    "re",
    "regarding",
    "respecting",
    "to",
    "upon",
    "via",
    "with",
];

/// Participles that do not end in "-ed" ("Memorandum read to Cabinet").
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "brought", "drawn", "given", "held", "kept", "left", "made", "read", "seen", "sent", "shown", "spoken", "taken",
    "written",
];

/// Lowercase words that may sit inside a name or an office ("Minister for
/// External Affairs", "Charles de Gaulle").
pub(crate) const PARTICLES: &[&str] = &[
    "&", "al", "and", "at", "bin", "da", "de", "del", "della", "den", "der", "des", "di", "du", "el", "for", "in",
    "la", "le", "of", "on", "ten", "the", "to", "van", "von", "y", "zu",
];

/// The words of `text`, in order. Punctuation-only tokens ("—") are not
/// words; they stay in the gap between their neighbours. One pass.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    // A bracket opens a new word even without a space: "Letter(extract)", "Message[1]".
    for token in text.split_inclusive(|c: char| c.is_whitespace() || c == '(' || c == '[') {
        let start = offset;
        offset += token.len();
        let token = token.trim_end();
        let lead = token.len() - token.trim_start_matches(TRIMMED).len();
        let inner = token.trim_start_matches(TRIMMED).trim_end_matches(TRIMMED);
        // "No." and "p.m." keep their dots; a sentence's full stop does not
        // belong to its last word ("Jones.").
        let inner = match inner.strip_suffix('.') {
            Some(stem) if !stem.contains('.') && stem.chars().count() > 2 => stem,
            _ => inner,
        };
        let at = start + lead;
        // "Cablegram.342": a word glued to a number by a full stop is two.
        let glued = inner.char_indices().find(|&(i, c)| {
            c == '.'
                && inner[..i].ends_with(char::is_alphabetic)
                && inner[i + 1..].starts_with(|d: char| d.is_ascii_digit())
        });
        let parts = match glued {
            Some((i, _)) => vec![(0, &inner[..i]), (i + 1, &inner[i + 1..])],
            None => vec![(0, inner)],
        };
        for (offset, part) in parts {
            if part.chars().any(char::is_alphanumeric) {
                out.push(Word { text: part, start: at + offset, end: at + offset + part.len() });
            }
        }
    }
    out
}

/// The text between two words (or before the first, after the last).
pub(crate) fn gap<'a>(text: &'a str, words: &[Word<'_>], after: Option<usize>) -> &'a str {
    let from = after.map_or(0, |i| words[i].end);
    let to = after.map_or(0, |i| i + 1);
    let to = words.get(to).map_or(text.len(), |w| w.start);
    &text[from..to]
}

/// Whether punctuation in `gap` sets the words on either side apart. A
/// hyphen between spaces counts (" - "); one inside a word does not.
pub(crate) fn is_break(gap: &str) -> bool {
    gap.contains(BREAKS) || gap.contains(" - ") || gap.trim() == "-"
}

pub(crate) fn is_connective(word: &str) -> bool {
    CONNECTIVES.contains(&word.to_lowercase().as_str())
}

/// A reference that may follow a kind of document: "No", "No.", "Nos",
/// "unnumbered", "43", "UN949", "M3/44".
pub(crate) fn is_reference(word: &str) -> bool {
    let lower = word.to_lowercase();
    word.chars().any(|c| c.is_ascii_digit())
        || matches!(lower.as_str(), "no" | "no." | "nos" | "nos." | "nr" | "number" | "unnumbered" | "#" | "n.d.")
}

/// "prepared", "read", "Submitted": a past participle after a kind of
/// document ("Memorandum prepared for …") leaves the kind standing.
pub(crate) fn is_participle(word: &str) -> bool {
    let lower = word.to_lowercase();
    (lower.len() > 4 && lower.ends_with("ed") && lower.chars().all(char::is_alphabetic))
        || IRREGULAR_PARTICIPLES.contains(&lower.as_str())
}

/// Whether a date begins at word `i`: "14 November 1947", "June 5, 1951",
/// "March 1950", "4th September", or a year set off by punctuation (", 1923").
pub(crate) fn date_at(text: &str, found: &[Word<'_>], i: usize) -> bool {
    let word = found[i].text;
    let next = found.get(i + 1).map(|w| w.text);
    let is_day = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)) && w.len() - digits.len() <= 2
    };
    let is_year = |w: &str| w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1000..2100).contains(&y));
    (is_day(word) && next.is_some_and(|n| month_number(n).is_some()))
        || (month_number(word).is_some() && next.is_some_and(|n| is_day(n) || is_year(n)))
        || (is_year(word) && i > 0 && is_break(gap(text, found, Some(i - 1))))
}

/// Whether a word is written in capitals only ("LONDON", "U.K.").
pub(crate) fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// How a title uses letter case, which decides what capitals can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    /// Capitals mark names, as in running text.
    Mixed,
    /// Every letter is a capital ("LETTER FROM CASEY TO MENZIES").
    Upper,
    /// No letter is a capital ("cablegram to canberra").
    Lower,
}

pub(crate) fn case_of(text: &str) -> Case {
    let upper = text.chars().any(char::is_uppercase);
    let lower = text.chars().any(char::is_lowercase);
    match (upper, lower) {
        (true, false) => Case::Upper,
        (false, true) => Case::Lower,
        _ => Case::Mixed,
    }
}

/// A title in capitals (or none) written as a catalogue would: each word
/// capitalised, small joining words lowercased, dotted abbreviations ("U.K.")
/// kept in capitals. "LETTER FROM CASEY TO MENZIES" → "Letter from Casey to
/// Menzies". Whitespace is kept as it was.
pub(crate) fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut first = true;
    for token in text.split_inclusive(char::is_whitespace) {
        let word = token.trim_end();
        let lower = word.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
        } else if !first && (PARTICLES.contains(&bare) || CONNECTIVES.contains(&bare)) {
            out.push_str(&lower);
        } else if is_dotted_abbreviation(word) {
            out.push_str(&word.to_uppercase());
        } else {
            out.push_str(&capitalise_parts(&lower));
        }
        out.push_str(&token[word.len()..]);
        if !word.is_empty() {
            first = false;
        }
    }
    out
}

/// "u.k." or "R.G.": letters of one or two, each followed by a dot.
fn is_dotted_abbreviation(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    word.contains('.') && word.split('.').all(|part| part.chars().count() <= 2)
}

/// "jean-paul" → "Jean-Paul", "o'brien" → "O'Brien".
fn capitalise_parts(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut capitalise = true;
    for c in word.chars() {
        if capitalise && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            capitalise = false;
        } else {
            out.push(c);
        }
        if matches!(c, '-' | '\'' | '’' | '(' | '[' | '"' | '“') {
            capitalise = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_lose_the_punctuation_around_them() {
        assert_eq!(texts("Minute, Smith to Jones."), ["Minute", "Smith", "to", "Jones"]);
        assert_eq!(texts("Submission No. 12: Minister — Cabinet"), ["Submission", "No.", "12", "Minister", "Cabinet"]);
        assert_eq!(texts("“Aide-mémoire” (U.K.)"), ["Aide-mémoire", "U.K."]);
        assert_eq!(texts("Letter(extract) Message[1]"), ["Letter", "extract", "Message", "1"]);
        assert_eq!(texts("Cablegram.342 at 1.30 p.m."), ["Cablegram", "342", "at", "1.30", "p.m."]);
        let title = "Minute, Smith";
        let found = words(title);
        assert_eq!(&title[found[1].start..found[1].end], "Smith");
        assert_eq!(gap(title, &found, Some(0)), ", ");
        assert_eq!(gap(title, &found, Some(1)), "");
        assert_eq!(gap(title, &found, None), "");
    }

    #[test]
    fn breaks_connectives_references_and_participles() {
        assert!(is_break(", ") && is_break(": ") && is_break(" — ") && is_break(" - ") && is_break(". "));
        assert!(!is_break(" ") && !is_break(""));
        assert!(is_connective("TO") && is_connective("between") && !is_connective("and"));
        for word in ["No", "no.", "43", "UN949", "M3/44", "unnumbered"] {
            assert!(is_reference(word), "{word}");
        }
        assert!(!is_reference("Note"));
        for word in ["prepared", "Submitted", "read", "handed"] {
            assert!(is_participle(word), "{word}");
        }
        assert!(!is_participle("red") && !is_participle("History") && !is_participle("Reed"));
    }

    #[test]
    fn dates_in_titles() {
        let at = |text: &str, i: usize| date_at(text, &words(text), i);
        assert!(at("Burton BATAVIA, 14 November 1947", 2));
        assert!(at("Smith to Jones, June 5, 1951", 3));
        assert!(at("Smith to Jones, March 1950", 3));
        assert!(at("Smith to Jones, 1923", 3));
        assert!(!at("Smith to Jones 1923", 3));
        assert!(!at("Jan Smuts to Jones", 0));
    }

    #[test]
    fn cases_and_catalogue_case() {
        assert_eq!(case_of("LETTER FROM CASEY"), Case::Upper);
        assert_eq!(case_of("cablegram to canberra"), Case::Lower);
        assert_eq!(case_of("Minute 12"), Case::Mixed);
        assert_eq!(title_case("LETTER FROM CASEY TO MENZIES"), "Letter from Casey to Menzies");
        assert_eq!(
            title_case("THE U.K. HIGH COMMISSIONER TO O'BRIEN-SMITH"),
            "The U.K. High Commissioner to O'Brien-Smith"
        );
        assert_eq!(title_case("minute,  smith to jones"), "Minute,  Smith to Jones");
        assert!(is_all_caps("LONDON") && is_all_caps("U.K.") && !is_all_caps("London") && !is_all_caps("A"));
    }
}

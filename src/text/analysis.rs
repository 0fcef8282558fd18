//! Text analysis: here is some text, give me its words as the index knows them.
//!
//! The same analyser runs when the index is built, when a query is read and
//! when a snippet is highlighted, so the three always agree on what a word is.
//! A word goes through three steps:
//!
//! 1. **Tokenising** splits text into words with their byte offsets (for
//!    highlighting) and positions (for phrases). Words joined by hyphens, dashes,
//!    slashes, dots or apostrophes are split into parts at consecutive
//!    positions, so `795.00/7–2552` is the phrase `795 00 7 2552` and `En-lai`
//!    is `en lai`; a hyphenated word of letters is *also* indexed joined
//!    (`enlai`) at the first part's position, so `Zhou Enlai` and `Chou En-lai`
//!    can meet. A possessive `’s` is dropped; initials such as `U.S.A.` join up.
//!    Where a language elides (`l'homme`), the apostrophe separates instead.
//!    Runs of scripts written without spaces become overlapping bigrams
//!    ([`super::segment`]).
//! 2. **Folding** ([`super::fold`]) applies Unicode compatibility
//!    normalisation, drops accents where they are accents and lower-cases, so
//!    `Panmunjŏm` is `panmunjom` and every dash is the same dash. Languages
//!    with a stemmer other than English keep their accents until after
//!    stemming ([`super::language`]).
//! 3. **Stemming** (Snowball, in the document's language) maps `negotiations`
//!    and `negotiating` to one term. Numbers and words with digits (`38th`)
//!    are not stemmed.

pub use super::english::{ENGLISH_STOP_WORDS, is_stop_word, stem};
pub use super::fold::fold;
use super::fold::is_word_char;
use super::language::Analyzer;
use super::normalize;
use super::segment;

/// A word of a text, folded but not stemmed, with where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The word's surface form: folded (`panmunjom`, `38th`, `enlai`), or for
    /// a language stemmed with its accents, lower case (`déclaration`).
    pub word: String,
    /// Word position; parts of one compound take consecutive positions, and a
    /// joined form shares the position of its first part.
    pub position: u32,
    /// Byte range of the word in the analysed text.
    pub start: usize,
    pub end: usize,
}

/// Splits `text` into folded tokens as English (and every unstemmed
/// language) reads it, numbering positions from `first_position`.
///
/// Allocates one `String` per token; linear in the length of the text.
pub fn tokenize(text: &str, first_position: u32) -> Vec<Token> {
    tokenize_as(text, first_position, Analyzer::English)
}

/// Splits `text` into tokens as `analyzer`'s language reads it: surface
/// forms ([`Analyzer::prepare`]) and, where the language elides, apostrophes
/// as separators. Linear in the length of the text.
pub fn tokenize_as(text: &str, first_position: u32, analyzer: Analyzer) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut position = first_position;
    for compound in compounds(text) {
        if compound.unspaced {
            emit_bigrams(text, &compound, &mut position, &mut tokens);
        } else {
            emit_compound(text, &compound, analyzer, &mut position, &mut tokens);
        }
    }
    tokens
}

/// Byte ranges of word runs joined by single joiner characters, or one run
/// of a script written without spaces.
struct Compound {
    /// Each word run's byte range.
    runs: Vec<(usize, usize)>,
    /// The joiner before each run after the first.
    joiners: Vec<Joiner>,
    /// A run of an unspaced script (its single run holds the whole run).
    unspaced: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Joiner {
    Apostrophe,
    Dash,
    Dot,
    Slash,
}

fn joiner(c: char) -> Option<Joiner> {
    match c {
        '\'' | '’' | 'ʼ' | '‘' => Some(Joiner::Apostrophe),
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => Some(Joiner::Dash),
        '.' => Some(Joiner::Dot),
        '/' => Some(Joiner::Slash),
        _ => None,
    }
}

fn compounds(text: &str) -> Vec<Compound> {
    let mut result = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut current: Option<Compound> = None;
    let mut run_start: Option<usize> = None;
    while let Some((i, c)) = chars.next() {
        if segment::is_unspaced(c) {
            if let Some(start) = run_start.take() {
                current.get_or_insert_with(new_compound).runs.push((start, i));
            }
            if let Some(done) = current.take() {
                result.push(done);
            }
            // The whole run, with the marks of its units.
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if !segment::is_unspaced(n) && !normalize::is_combining_mark(n) {
                    break;
                }
                end = j + n.len_utf8();
                chars.next();
            }
            result.push(Compound { runs: vec![(i, end)], joiners: Vec::new(), unspaced: true });
            continue;
        }
        if is_word_char(c) {
            run_start.get_or_insert(i);
            continue;
        }
        // The character ends a run; it joins the compound only when a word
        // character follows directly.
        if let Some(start) = run_start.take() {
            current.get_or_insert_with(new_compound).runs.push((start, i));
            let next_is_word = chars.peek().is_some_and(|&(_, n)| is_word_char(n) && !segment::is_unspaced(n));
            if let (Some(j), true) = (joiner(c), next_is_word) {
                current.as_mut().expect("a run was just pushed").joiners.push(j);
                continue;
            }
        }
        if let Some(done) = current.take() {
            result.push(done);
        }
    }
    if let Some(start) = run_start {
        current.get_or_insert_with(new_compound).runs.push((start, text.len()));
    }
    if let Some(done) = current {
        result.push(done);
    }
    result
}

fn new_compound() -> Compound {
    Compound { runs: Vec::new(), joiners: Vec::new(), unspaced: false }
}

/// A run of an unspaced script as overlapping bigrams of its units, folded.
fn emit_bigrams(text: &str, compound: &Compound, position: &mut u32, tokens: &mut Vec<Token>) {
    let (start, end) = compound.runs[0];
    let run = &text[start..end];
    for (a, b) in segment::bigrams(&segment::units(run)) {
        let word = fold(&run[a..b]);
        if word.is_empty() {
            continue;
        }
        tokens.push(Token { word, position: *position, start: start + a, end: start + b });
        *position += 1;
    }
}

fn emit_compound(text: &str, compound: &Compound, analyzer: Analyzer, position: &mut u32, tokens: &mut Vec<Token>) {
    // Apostrophes bind tightest: `Peiping’s` is `peiping`, `o’clock` is
    // `oclock`; where the language elides, they separate (`l'homme`).
    let elides = analyzer.splits_at_apostrophe();
    let mut parts: Vec<(usize, usize, String)> = Vec::new();
    let mut glue: Vec<Joiner> = Vec::new();
    for (k, &(start, end)) in compound.runs.iter().enumerate() {
        let word = analyzer.prepare(&text[start..end]);
        if word.is_empty() {
            // A run of combining marks alone folds to nothing: not a word.
            continue;
        }
        if k > 0
            && !elides
            && compound.joiners[k - 1] == Joiner::Apostrophe
            && let Some(last) = parts.last_mut()
        {
            if word != "s" || k + 1 < compound.runs.len() && compound.joiners[k] == Joiner::Apostrophe {
                last.2.push_str(&word);
                last.1 = end;
            }
            continue;
        }
        if k > 0 && !parts.is_empty() {
            glue.push(compound.joiners[k - 1]);
        }
        parts.push((start, end, word));
    }
    // Initials (`U.S.A`) join into one word.
    let initials = parts.len() > 1
        && glue.iter().all(|j| *j == Joiner::Dot)
        && parts.iter().all(|(_, _, w)| w.chars().count() == 1 && w.chars().all(char::is_alphabetic));
    if initials {
        let word: String = parts.iter().map(|(_, _, w)| w.as_str()).collect();
        let (start, end) = (parts[0].0, parts[parts.len() - 1].1);
        tokens.push(Token { word, position: *position, start, end });
        *position += 1;
        return;
    }
    let first_position = *position;
    let hyphenated_letters = parts.len() > 1
        && parts.len() <= 3
        && glue.iter().all(|j| *j == Joiner::Dash)
        && parts.iter().all(|(_, _, w)| w.chars().all(char::is_alphabetic));
    // Joined before the parts move into their tokens (one allocation per word, not two:
    // at a hundred thousand documents the allocator is a good part of the indexing time).
    let joined = hyphenated_letters.then(|| {
        let word: String = parts.iter().map(|(_, _, w)| w.as_str()).collect();
        Token { word, position: first_position, start: parts[0].0, end: parts[parts.len() - 1].1 }
    });
    for (start, end, word) in parts {
        tokens.push(Token { word, position: *position, start, end });
        *position += 1;
    }
    tokens.extend(joined);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text, 0).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn case_and_diacritics_fold() {
        assert_eq!(words("Panmunjŏm PEKING Zürich ﬁnal"), ["panmunjom", "peking", "zurich", "final"]);
    }

    #[test]
    fn file_numbers_split_into_a_phrase_whatever_the_dash() {
        assert_eq!(words("795.00/7–2552"), ["795", "00", "7", "2552"]);
        assert_eq!(words("795.00/7—2552"), words("795.00/7-2552"));
    }

    #[test]
    fn hyphenated_names_are_parts_and_joined() {
        let tokens = tokenize("Chou En-lai said", 0);
        let seen: Vec<(&str, u32)> = tokens.iter().map(|t| (t.word.as_str(), t.position)).collect();
        assert_eq!(seen, [("chou", 0), ("en", 1), ("lai", 2), ("enlai", 1), ("said", 3)]);
        assert_eq!(&"Chou En-lai said"[tokens[3].start..tokens[3].end], "En-lai");
    }

    #[test]
    fn possessives_and_apostrophes() {
        assert_eq!(
            words("Peiping’s disavowal, Malik's speech, o'clock"),
            ["peiping", "disavowal", "malik", "speech", "oclock"]
        );
    }

    #[test]
    fn ordinals_initials_and_trailing_punctuation() {
        assert_eq!(words("the 38th parallel. U.S.A. Oct. 5.)2"), ["the", "38th", "parallel", "usa", "oct", "5", "2"]);
    }

    #[test]
    fn offsets_point_at_the_original_text() {
        let text = "Comrade MAO ZEDONG — “armistice”";
        for token in tokenize(text, 0) {
            assert_eq!(fold(&text[token.start..token.end]).replace(['-', '–'], ""), token.word);
        }
    }

    #[test]
    fn unspaced_scripts_are_overlapping_bigrams() {
        assert_eq!(words("毛泽东 Mao"), ["毛泽", "泽东", "mao"]);
        assert_eq!(words("人 人人"), ["人", "人人"]);
        let tokens = tokenize("《世界人权宣言》", 0);
        let seen: Vec<(&str, u32)> = tokens.iter().map(|t| (t.word.as_str(), t.position)).collect();
        assert_eq!(seen, [("世界", 0), ("界人", 1), ("人权", 2), ("权宣", 3), ("宣言", 4)]);
        assert_eq!(words("ทุกคน"), ["ทุก", "กค", "คน"], "a Thai vowel mark stays with its consonant");
    }

    #[test]
    fn korean_words_with_particles_share_a_bigram() {
        assert_eq!(words("권리를 가진다"), ["권리", "리를", "가진", "진다"]);
    }

    #[test]
    fn elision_separates_where_the_language_elides() {
        let french: Vec<String> =
            tokenize_as("l’homme d'État", 0, Analyzer::French).into_iter().map(|t| t.word).collect();
        assert_eq!(french, ["l", "homme", "d", "état"]);
        assert_eq!(words("l’homme"), ["lhomme"]);
    }

    #[test]
    fn empty_and_punctuation_only_text_has_no_tokens() {
        assert!(words("").is_empty());
        assert!(words(" — … ** ").is_empty());
        assert!(words("\u{301} \u{301}\u{302}").is_empty(), "combining marks alone are not words");
        assert_eq!(words("\u{301}'s e\u{301}te\u{301}"), ["s", "ete"]);
        assert!(words("\u{200d}\u{feff}").is_empty(), "invisible characters alone are not words");
    }

    #[test]
    fn invisible_characters_inside_words_do_not_split_them() {
        assert_eq!(words("Pan\u{ad}mun\u{200d}jom \u{feff}Korea\u{2060}"), ["panmunjom", "korea"]);
        assert_eq!(words("zero\u{200b}width"), ["zero", "width"], "a zero-width space is a break");
    }
}

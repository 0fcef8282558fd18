//! Languages: here is a document's language tag, give me how its words are
//! analysed.
//!
//! Every document carries a BCP 47 tag (`de-1996`, `zh-Hant`, `pt-BR`). Its
//! primary subtag chooses an [`Analyzer`]: a Snowball stemmer where one exists
//! (34 languages: English from `rust-stemmers`, as it always was, the others
//! from Snowball 3.0 through `snowball_stemmers_rs`), else
//! [`Analyzer::Plain`], which folds and does not stem. An analyser turns
//! a word of text into two forms:
//!
//! - its **surface** ([`Analyzer::prepare`]): what the word dictionary keeps
//!   for prefixes and typos. For English and unstemmed languages it is the
//!   folded word ([`super::fold`]); for the other stemmers it is the word in
//!   lower case *with its accents*, because the Snowball algorithms read them
//!   (Spanish `-ación`, Russian `-ый`, Turkish vowel harmony);
//! - its **term** ([`Analyzer::term`]): what the index maps to documents, the
//!   stem of the surface, folded, after the analyser's code and a unit
//!   separator (`de\u{1f}recht`; English terms carry no code, as they always
//!   had none, and nor do numbers and the bigrams of unspaced scripts, which
//!   are the same in every language). Folding after stemming lets `samochód` and `samochodu` meet
//!   at `samochod`, and a reader who types no accents still reaches every
//!   stem the accents did not change.
//!
//! A query is analysed by every analyser the collection uses (or those the
//! page asks for), so `Rechte` reaches the German stem `de\u{1f}recht` and
//! `rights` the English `right` in one collection. The code keeps languages
//! apart where their stems only look alike: Serbian's stemmer writes
//! Cyrillic in Latin letters, and without it a Russian `свобода` read as
//! Serbian would land on every Czech `svoboda`. Names still meet across
//! languages, because each language reads the query too.
//!
//! The ids of analysers are part of the index format (the word dictionary
//! stores which analysers used a word): new analysers are appended.

use super::fold::{TATWEEL, fold, is_invisible_in_word};
use super::normalize::{is_combining_mark, nfkc};
use super::segment::is_unspaced;

/// How the words of one language become terms. The discriminant is the id
/// stored in the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Analyzer {
    English = 0,
    Arabic = 1,
    Danish = 2,
    Dutch = 3,
    Finnish = 4,
    French = 5,
    German = 6,
    Greek = 7,
    Hungarian = 8,
    Italian = 9,
    Norwegian = 10,
    Portuguese = 11,
    Romanian = 12,
    Russian = 13,
    Spanish = 14,
    Swedish = 15,
    Tamil = 16,
    Turkish = 17,
    Armenian = 18,
    Basque = 19,
    Catalan = 20,
    Czech = 21,
    Estonian = 22,
    Hindi = 23,
    Indonesian = 24,
    Irish = 25,
    Lithuanian = 26,
    Nepali = 27,
    Persian = 28,
    Polish = 29,
    Serbian = 30,
    Ukrainian = 31,
    Yiddish = 32,
    Esperanto = 33,
    /// Folding only: every language without a stemmer, and the scripts
    /// written without spaces.
    Plain = 34,
}

/// Separates an analyser's code from the stem in a term (the ASCII unit
/// separator, which no word holds).
pub const TERM_SEPARATOR: char = '\u{1f}';

/// The stem of a term, without its analyser's code: `de\u{1f}recht` →
/// `recht`, `right` → `right`.
pub fn term_stem(term: &str) -> &str {
    term.split_once(TERM_SEPARATOR).map_or(term, |(_, stem)| stem)
}

/// The language of a document that says nothing, and of a collection built
/// without `--lang`.
pub const DEFAULT_LANGUAGE: &str = "en";

impl Analyzer {
    /// Every analyser, in id order.
    pub const ALL: [Analyzer; 35] = [
        Analyzer::English,
        Analyzer::Arabic,
        Analyzer::Danish,
        Analyzer::Dutch,
        Analyzer::Finnish,
        Analyzer::French,
        Analyzer::German,
        Analyzer::Greek,
        Analyzer::Hungarian,
        Analyzer::Italian,
        Analyzer::Norwegian,
        Analyzer::Portuguese,
        Analyzer::Romanian,
        Analyzer::Russian,
        Analyzer::Spanish,
        Analyzer::Swedish,
        Analyzer::Tamil,
        Analyzer::Turkish,
        Analyzer::Armenian,
        Analyzer::Basque,
        Analyzer::Catalan,
        Analyzer::Czech,
        Analyzer::Estonian,
        Analyzer::Hindi,
        Analyzer::Indonesian,
        Analyzer::Irish,
        Analyzer::Lithuanian,
        Analyzer::Nepali,
        Analyzer::Persian,
        Analyzer::Polish,
        Analyzer::Serbian,
        Analyzer::Ukrainian,
        Analyzer::Yiddish,
        Analyzer::Esperanto,
        Analyzer::Plain,
    ];

    /// The analyser of a language tag, by its primary subtag (ISO 639-1 or
    /// 639-2/3 code): `de-1996` → German, `nn` → Norwegian, `sr-Latn` and
    /// `hr` → Serbian (Snowball's Serbian reads both scripts), anything
    /// unknown → Plain.
    pub fn for_tag(tag: &str) -> Analyzer {
        use Analyzer::*;
        match primary_subtag(tag).as_str() {
            "en" | "eng" => English,
            "ar" | "ara" | "arb" | "arz" | "ary" | "apc" | "ajp" | "acm" | "aeb" => Arabic,
            "da" | "dan" => Danish,
            "nl" | "nld" | "dut" => Dutch,
            "fi" | "fin" => Finnish,
            "fr" | "fra" | "fre" => French,
            "de" | "deu" | "ger" => German,
            "el" | "ell" | "gre" => Greek,
            "hu" | "hun" => Hungarian,
            "it" | "ita" => Italian,
            "no" | "nor" | "nb" | "nob" | "nn" | "nno" => Norwegian,
            "pt" | "por" => Portuguese,
            "ro" | "ron" | "rum" | "mo" => Romanian,
            "ru" | "rus" => Russian,
            "es" | "spa" => Spanish,
            "sv" | "swe" => Swedish,
            "ta" | "tam" => Tamil,
            "tr" | "tur" => Turkish,
            "hy" | "hye" | "arm" => Armenian,
            "eu" | "eus" | "baq" => Basque,
            "ca" | "cat" => Catalan,
            "cs" | "ces" | "cze" => Czech,
            "et" | "est" | "ekk" => Estonian,
            "hi" | "hin" => Hindi,
            "id" | "ind" => Indonesian,
            "ga" | "gle" => Irish,
            "lt" | "lit" => Lithuanian,
            "ne" | "nep" | "npi" => Nepali,
            "fa" | "fas" | "per" | "pes" | "prs" => Persian,
            "pl" | "pol" => Polish,
            "sr" | "srp" | "hr" | "hrv" | "bs" | "bos" | "sh" => Serbian,
            "uk" | "ukr" => Ukrainian,
            "yi" | "yid" | "ydd" | "yih" => Yiddish,
            "eo" | "epo" => Esperanto,
            _ => Plain,
        }
    }

    /// The analyser of a document's language: [`Analyzer::for_tag`], and
    /// [`DEFAULT_LANGUAGE`]'s for a document that names none.
    pub fn for_language(tag: Option<&str>) -> Analyzer {
        Analyzer::for_tag(tag.unwrap_or(DEFAULT_LANGUAGE))
    }

    /// The id stored in the index.
    pub fn id(self) -> u8 {
        self as u8
    }

    pub fn from_id(id: u8) -> Option<Analyzer> {
        Analyzer::ALL.get(id as usize).copied()
    }

    /// The ISO 639-1 code of the analyser's language (`plain` for Plain):
    /// how the README and the tool name it.
    pub fn code(self) -> &'static str {
        use Analyzer::*;
        match self {
            English => "en",
            Arabic => "ar",
            Danish => "da",
            Dutch => "nl",
            Finnish => "fi",
            French => "fr",
            German => "de",
            Greek => "el",
            Hungarian => "hu",
            Italian => "it",
            Norwegian => "no",
            Portuguese => "pt",
            Romanian => "ro",
            Russian => "ru",
            Spanish => "es",
            Swedish => "sv",
            Tamil => "ta",
            Turkish => "tr",
            Armenian => "hy",
            Basque => "eu",
            Catalan => "ca",
            Czech => "cs",
            Estonian => "et",
            Hindi => "hi",
            Indonesian => "id",
            Irish => "ga",
            Lithuanian => "lt",
            Nepali => "ne",
            Persian => "fa",
            Polish => "pl",
            Serbian => "sr",
            Ukrainian => "uk",
            Yiddish => "yi",
            Esperanto => "eo",
            Plain => "plain",
        }
    }

    /// Whether this build of the library stems the analyser's language:
    /// always English and Plain, the others with the `all-languages` feature
    /// (see Cargo.toml). An index read with an analyser that is not built in
    /// is refused when opened, so no query is ever stemmed differently from
    /// the documents.
    pub fn is_built_in(self) -> bool {
        cfg!(feature = "all-languages") || matches!(self, Analyzer::English | Analyzer::Plain)
    }

    /// The Snowball stemmer of a language other than English (Snowball 3.0,
    /// from `snowball_stemmers_rs`; English keeps `rust-stemmers`, whose
    /// stems the existing English results were measured with). Each arm
    /// names its algorithm as a constant, so the wasm module links these
    /// algorithms and no others the crate has.
    #[cfg(feature = "all-languages")]
    fn stemmer(self) -> Option<snowball_stemmers_rs::Stemmer> {
        use Analyzer::*;
        use snowball_stemmers_rs::{Algorithm as S, Stemmer};
        Some(match self {
            Arabic => Stemmer::create(S::Arabic),
            Danish => Stemmer::create(S::Danish),
            Dutch => Stemmer::create(S::Dutch),
            Finnish => Stemmer::create(S::Finnish),
            French => Stemmer::create(S::French),
            German => Stemmer::create(S::German),
            Greek => Stemmer::create(S::Greek),
            Hungarian => Stemmer::create(S::Hungarian),
            Italian => Stemmer::create(S::Italian),
            Norwegian => Stemmer::create(S::Norwegian),
            Portuguese => Stemmer::create(S::Portuguese),
            Romanian => Stemmer::create(S::Romanian),
            Russian => Stemmer::create(S::Russian),
            Spanish => Stemmer::create(S::Spanish),
            Swedish => Stemmer::create(S::Swedish),
            Tamil => Stemmer::create(S::Tamil),
            Turkish => Stemmer::create(S::Turkish),
            Armenian => Stemmer::create(S::Armenian),
            Basque => Stemmer::create(S::Basque),
            Catalan => Stemmer::create(S::Catalan),
            Czech => Stemmer::create(S::Czech),
            Estonian => Stemmer::create(S::Estonian),
            Hindi => Stemmer::create(S::Hindi),
            Indonesian => Stemmer::create(S::Indonesian),
            Irish => Stemmer::create(S::Irish),
            Lithuanian => Stemmer::create(S::Lithuanian),
            Nepali => Stemmer::create(S::Nepali),
            Persian => Stemmer::create(S::Persian),
            Polish => Stemmer::create(S::Polish),
            Serbian => Stemmer::create(S::Serbian),
            Ukrainian => Stemmer::create(S::Ukrainian),
            Yiddish => Stemmer::create(S::Yiddish),
            Esperanto => Stemmer::create(S::Esperanto),
            English | Plain => return None,
        })
    }

    /// Whether the analyser stems (everything but Plain).
    pub fn stems(self) -> bool {
        self != Analyzer::Plain
    }

    /// Whether an apostrophe separates two words rather than joining one:
    /// French, Italian and Catalan elide articles (`l'homme`, `dell'uomo`),
    /// Turkish sets a suffix off a name (`Türkiye'nin`). Elsewhere it joins
    /// (`o'clock`, Ukrainian `м'ясо`).
    pub fn splits_at_apostrophe(self) -> bool {
        matches!(self, Analyzer::French | Analyzer::Italian | Analyzer::Catalan | Analyzer::Turkish)
    }

    /// The surface form of a word (see the module docs). One allocation.
    pub fn prepare(self, word: &str) -> String {
        match self {
            Analyzer::English | Analyzer::Plain => fold(word),
            _ => lower_case(word, self == Analyzer::Turkish),
        }
    }

    /// The index term of a surface form: its stem, folded. Numbers, words
    /// with digits or symbols, and bigrams of unspaced scripts are not
    /// stemmed. English is exactly [`super::english::stem`].
    pub fn term(self, surface: &str) -> String {
        if self == Analyzer::English {
            return super::english::stem(surface);
        }
        if !is_stemmable(surface) {
            // Numbers and bigrams belong to no one language: `1948` and `人权`
            // are one term wherever they stand.
            return fold(surface);
        }
        let stem = match self.raw_stem(surface) {
            Some(stem) => fold(&stem),
            None => surface.to_string(),
        };
        let code = if self == Analyzer::Plain { "" } else { self.code() };
        let mut term = String::with_capacity(code.len() + 1 + stem.len());
        term.push_str(code);
        term.push(TERM_SEPARATOR);
        term.push_str(&stem);
        term
    }

    /// The stem of a surface form before folding, or `None` when the
    /// analyser does not stem it (English answers through [`Self::term`]).
    #[cfg(feature = "all-languages")]
    fn raw_stem(self, surface: &str) -> Option<String> {
        let stemmer = self.stemmer()?;
        if !is_stemmable(surface) {
            return None;
        }
        let word = if self == Analyzer::Arabic { without_arabic_article(surface) } else { surface };
        Some(stemmer.stem(word).into_owned())
    }

    /// Without the `all-languages` feature only English stems (through
    /// [`Self::term`]): an index that needs another stemmer is refused when
    /// opened ([`Self::is_built_in`]).
    #[cfg(not(feature = "all-languages"))]
    fn raw_stem(self, _surface: &str) -> Option<String> {
        None
    }

    /// For languages whose stemmer leaves common forms of one word apart —
    /// Finnish and Estonian consonant gradation (`oikeus`, `oikeuden`),
    /// Scandinavian definite endings (`frihet`, `friheten`; `människan`,
    /// `människor`), Hungarian — the surface prefix that the forms of
    /// `surface` share: the shorter of its stem less one letter and the word
    /// less two, at least four letters. `None` elsewhere, and for short
    /// words. A query reaches the language's words with this prefix at a
    /// lower weight than the exact stem.
    pub fn loose_prefix(self, surface: &str) -> Option<String> {
        const SHORTEST: usize = 4;
        if !matches!(
            self,
            Analyzer::Finnish
                | Analyzer::Estonian
                | Analyzer::Hungarian
                | Analyzer::Swedish
                | Analyzer::Norwegian
                | Analyzer::Danish
        ) {
            return None;
        }
        let letters: Vec<char> = surface.chars().collect();
        if letters.len() <= SHORTEST {
            return None;
        }
        let stem_letters = self.raw_stem(surface)?.chars().count();
        let keep = stem_letters.saturating_sub(1).min(letters.len() - 2).max(SHORTEST);
        (keep < letters.len()).then(|| letters[..keep].iter().collect())
    }

    /// The Snowball stop-word list of the language (NLTK's copy), for the
    /// index builder to store; English keeps Carrel's own shorter list
    /// ([`super::english::is_stop_word`]). Empty where there is none.
    pub fn stop_words(self) -> Vec<String> {
        use Analyzer::*;
        if self == English {
            return super::english::ENGLISH_STOP_WORDS.iter().map(|w| w.to_string()).collect();
        }
        let code = match self {
            Arabic | Danish | Dutch | Finnish | French | German | Greek | Hungarian | Italian | Portuguese
            | Romanian | Russian | Spanish | Swedish | Tamil | Turkish | Basque | Catalan | Indonesian | Nepali => {
                self.code()
            }
            Norwegian => "no",
            _ => return Vec::new(),
        };
        let mut words: Vec<String> =
            stop_words::lookup(code).unwrap_or_default().iter().map(|w| self.prepare(w)).collect();
        words.sort_unstable();
        words.dedup();
        words
    }
}

/// An Arabic word without its definite article and a joined conjunction or
/// preposition (`الحرية`, `بالحرية`, `وحرية` → `حرية`), as Larkey's light
/// stemmer removes them: Snowball's Arabic stemmer leaves the article on
/// words of five letters or fewer, so `الحق` and `حق` would not meet.
#[cfg_attr(not(feature = "all-languages"), allow(dead_code))]
fn without_arabic_article(word: &str) -> &str {
    for article in ["وال", "بال", "كال", "فال", "لل", "ال"] {
        if let Some(rest) = word.strip_prefix(article)
            && rest.chars().count() >= 2
        {
            return rest;
        }
    }
    match word.strip_prefix('و') {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => word,
    }
}

/// Whether a surface form is a word a stemmer should see: letters and marks
/// only, not a bigram of an unspaced script.
fn is_stemmable(surface: &str) -> bool {
    surface.chars().next().is_some_and(|c| !is_unspaced(c))
        && surface.chars().all(|c| c.is_alphabetic() || is_combining_mark(c))
}

/// Lower case for a stemmer: compatibility forms composed (`ﬁ` → `fi`),
/// invisible characters and tatweel dropped, accents kept; Turkish `I` is
/// `ı` and `İ` is `i`. Greek final sigma is lower-cased as `ς`.
fn lower_case(word: &str, turkic: bool) -> String {
    let composed: String = nfkc(word).chars().filter(|&c| !is_invisible_in_word(c) && c != TATWEEL).collect();
    if turkic {
        let dotted: String = composed
            .chars()
            .map(|c| match c {
                'I' => 'ı',
                'İ' => 'i',
                c => c,
            })
            .collect();
        super::case::lowercase(&dotted).into_owned()
    } else {
        super::case::lowercase(&composed).into_owned()
    }
}

/// The primary subtag of a language tag, lower case: `de-1996` → `de`.
pub fn primary_subtag(tag: &str) -> String {
    tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

/// A language tag in its canonical case (`zh-hant-tw` → `zh-Hant-TW`,
/// `DE_1996` → `de-1996`), or `None` when `tag` is not one: empty, not
/// ASCII letters and digits in subtags of 1–8, a primary subtag not of 2–8
/// letters, or `und` (undetermined), `mul` or `zxx`, which say nothing.
pub fn normalize_tag(tag: &str) -> Option<String> {
    let tag = tag.trim();
    if tag.is_empty() || tag.len() > 64 {
        return None;
    }
    let mut out = String::with_capacity(tag.len());
    for (k, part) in tag.split(['-', '_']).enumerate() {
        if part.is_empty() || part.len() > 8 || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        if k == 0 {
            let primary = part.to_ascii_lowercase();
            if part.len() < 2 || !part.chars().all(|c| c.is_ascii_alphabetic()) {
                return None;
            }
            if matches!(primary.as_str(), "und" | "mul" | "zxx") {
                return None;
            }
            out.push_str(&primary);
            continue;
        }
        out.push('-');
        let letters = part.chars().all(|c| c.is_ascii_alphabetic());
        if letters && part.len() == 4 {
            let lower = part.to_ascii_lowercase();
            out.push_str(&lower[..1].to_ascii_uppercase());
            out.push_str(&lower[1..]);
        } else if (letters && part.len() == 2) || (part.len() == 3 && part.chars().all(|c| c.is_ascii_digit())) {
            out.push_str(&part.to_ascii_uppercase());
        } else {
            out.push_str(&part.to_ascii_lowercase());
        }
    }
    Some(out)
}

/// Whether language tag `tag` falls under `filter`, as RFC 4647 basic
/// filtering has it: equal, or `filter` followed by `-` begins `tag`
/// (`de` takes `de`, `de-1996` and `de-CH`; `de-CH` does not take `de`).
/// Case does not matter; `*` takes every tag.
pub fn tag_matches(filter: &str, tag: &str) -> bool {
    let filter = filter.trim().replace('_', "-");
    if filter == "*" {
        return true;
    }
    let (filter, tag) = (filter.to_ascii_lowercase(), tag.to_ascii_lowercase());
    tag == filter || tag.strip_prefix(&filter).is_some_and(|rest| rest.starts_with('-'))
}

/// Whether text in language `tag` is written right to left: by its script
/// subtag when it has one (`Arab`, `Hebr`, `Syrc`, `Thaa`, `Nkoo`, `Adlm`),
/// else by its language.
pub fn is_right_to_left(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or_default().to_ascii_lowercase();
    if let Some(script) = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic())) {
        return matches!(script.to_ascii_lowercase().as_str(), "arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm");
    }
    matches!(
        primary.as_str(),
        "ar" | "ara"
            | "arb"
            | "arz"
            | "ary"
            | "apc"
            | "ajp"
            | "acm"
            | "aeb"
            | "fa"
            | "fas"
            | "per"
            | "pes"
            | "prs"
            | "he"
            | "heb"
            | "iw"
            | "ur"
            | "urd"
            | "yi"
            | "yid"
            | "ydd"
            | "ps"
            | "pus"
            | "pbt"
            | "sd"
            | "snd"
            | "ug"
            | "uig"
            | "dv"
            | "div"
            | "ckb"
            | "syr"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// [`lower_case`] as it reads with the `unicode-normalization` crate's NFKC.
    fn lower_case_by_reference(word: &str, turkic: bool) -> String {
        let composed: String = word.nfkc().filter(|&c| !is_invisible_in_word(c) && c != TATWEEL).collect();
        let composed: String = if turkic {
            composed
                .chars()
                .map(|c| {
                    if c == 'I' {
                        'ı'
                    } else if c == 'İ' {
                        'i'
                    } else {
                        c
                    }
                })
                .collect()
        } else {
            composed
        };
        composed.to_lowercase()
    }

    #[test]
    fn lower_case_and_is_stemmable_match_the_reference_for_every_scalar_value() {
        let mut word = String::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            word.clear();
            word.push(c);
            for turkic in [false, true] {
                assert_eq!(lower_case(&word, turkic), lower_case_by_reference(&word, turkic), "U+{:04X}", c as u32);
            }
            let stemmable_by_reference =
                !is_unspaced(c) && (c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c));
            assert_eq!(is_stemmable(&word), stemmable_by_reference, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn lower_case_matches_the_reference_for_every_word_of_the_udhr_corpus() {
        for (path, text) in super::super::fold::tests::udhr_texts() {
            for word in text.split_whitespace() {
                for turkic in [false, true] {
                    assert_eq!(
                        lower_case(word, turkic),
                        lower_case_by_reference(word, turkic),
                        "{word:?} in {}",
                        path.display()
                    );
                }
            }
        }
    }

    fn term(tag: &str, word: &str) -> String {
        let analyzer = Analyzer::for_tag(tag);
        term_stem(&analyzer.term(&analyzer.prepare(word))).to_string()
    }

    #[test]
    fn terms_carry_their_analysers_code_but_english() {
        assert_eq!(Analyzer::German.term("rechte"), "de\u{1f}recht");
        assert_eq!(Analyzer::Plain.term("haki"), "\u{1f}haki");
        assert_eq!(Analyzer::English.term("rights"), "right");
        assert_ne!(Analyzer::Serbian.term("свобода"), Analyzer::Czech.term("svoboda"));
        assert_eq!(term_stem("de\u{1f}recht"), "recht");
        assert_eq!(term_stem("right"), "right");
        assert_eq!(Analyzer::German.term("1948"), "1948", "numbers are every language's");
        assert_eq!(Analyzer::Plain.term("人权"), Analyzer::English.term("人权"));
    }

    #[test]
    fn tags_choose_analysers_by_primary_subtag() {
        assert_eq!(Analyzer::for_tag("de-1996"), Analyzer::German);
        assert_eq!(Analyzer::for_tag("DE_CH"), Analyzer::German);
        assert_eq!(Analyzer::for_tag("nn"), Analyzer::Norwegian);
        assert_eq!(Analyzer::for_tag("sr-Latn"), Analyzer::Serbian);
        assert_eq!(Analyzer::for_tag("zh-Hant"), Analyzer::Plain);
        assert_eq!(Analyzer::for_tag(""), Analyzer::Plain);
        for analyzer in Analyzer::ALL {
            assert_eq!(Analyzer::from_id(analyzer.id()), Some(analyzer));
        }
    }

    #[test]
    fn german_cases_and_numbers_meet() {
        assert_eq!(term("de", "Rechte"), term("de", "Recht"));
        assert_eq!(term("de", "Menschen"), term("de", "Mensch"));
        assert_eq!(term("de", "Erklärung"), term("de", "Erklarung"));
    }

    #[test]
    fn russian_adjectives_keep_their_short_i() {
        assert_eq!(term("ru", "свободный"), term("ru", "свободные"));
        assert_eq!(term("ru", "права"), term("ru", "право"));
    }

    #[test]
    fn polish_czech_and_ukrainian_stem() {
        assert_eq!(term("pl", "samochodu"), term("pl", "samochód"));
        assert_eq!(term("pl", "prawa"), term("pl", "prawo"));
        assert_eq!(term("cs", "svobody"), term("cs", "svoboda"));
        assert_eq!(term("uk", "права"), term("uk", "право"));
    }

    #[test]
    fn finnish_and_swedish_cases() {
        assert_eq!(term("fi", "oikeuksia"), term("fi", "oikeuksien"));
        assert_eq!(term("sv", "rättigheter"), term("sv", "rättighet"));
    }

    #[test]
    fn loose_prefixes_bridge_what_the_stemmer_leaves_apart() {
        let prefix = |analyzer: Analyzer, word: &str| analyzer.loose_prefix(&analyzer.prepare(word));
        assert_eq!(prefix(Analyzer::Finnish, "oikeus").as_deref(), Some("oike"));
        assert!("oikeuden".starts_with(&prefix(Analyzer::Finnish, "oikeus").unwrap()));
        assert!("ihmisen".starts_with(&prefix(Analyzer::Finnish, "ihminen").unwrap()));
        assert!("människor".starts_with(&prefix(Analyzer::Swedish, "människan").unwrap()));
        assert!("friheten".starts_with(&prefix(Analyzer::Norwegian, "frihet").unwrap()));
        assert_eq!(prefix(Analyzer::German, "Rechte"), None, "German's stemmer joins its forms");
        assert_eq!(prefix(Analyzer::Finnish, "työ"), None, "too short");
    }

    #[test]
    fn arabic_article_and_conjunction_come_off() {
        assert_eq!(term("ar", "الحق"), term("ar", "حق"));
        assert_eq!(term("ar", "بالحرية"), term("ar", "حرية"));
        assert_eq!(term("ar", "وحرية"), term("ar", "حرية"));
        assert_eq!(term("ar", "الإنسان"), term("ar", "إنسان"));
    }

    #[test]
    fn turkish_capitals_lower_the_turkish_way() {
        assert_eq!(Analyzer::Turkish.prepare("IRK"), "ırk");
        assert_eq!(Analyzer::Turkish.prepare("İnsan"), "insan");
        assert_eq!(term("tr", "İNSAN"), term("tr", "insan"));
    }

    #[test]
    fn greek_accents_and_final_sigma() {
        assert_eq!(Analyzer::Greek.prepare("ΝΟΜΟΣ"), "νομος");
        assert_eq!(term("el", "ελευθερία"), term("el", "ΕΛΕΥΘΕΡΙΑ"));
    }

    #[test]
    fn elided_articles_are_words_apart_only_where_languages_elide() {
        assert!(Analyzer::French.splits_at_apostrophe());
        assert!(!Analyzer::English.splits_at_apostrophe());
        assert!(!Analyzer::Ukrainian.splits_at_apostrophe());
    }

    #[test]
    fn english_terms_are_the_english_stems() {
        assert_eq!(term("en", "Negotiations"), super::super::analysis::stem("negotiations"));
        assert_eq!(term("en", "38th"), "38th");
    }

    #[test]
    fn unstemmed_languages_fold_only() {
        assert_eq!(term("sw", "Haki"), "haki");
        assert_eq!(term("ko", "권리"), "권리");
    }

    #[test]
    fn numbers_and_bigrams_are_not_stemmed() {
        assert_eq!(term("de", "1948"), "1948");
        assert_eq!(term("ru", "人生"), "人生");
    }

    #[test]
    fn stop_words_are_surface_forms() {
        let german = Analyzer::German.stop_words();
        assert!(german.binary_search(&"die".to_string()).is_ok());
        assert!(german.binary_search(&"über".to_string()).is_ok());
        assert!(Analyzer::Plain.stop_words().is_empty());
        let english = Analyzer::English.stop_words();
        assert!(english.contains(&"the".to_string()) && !english.contains(&"about".to_string()));
    }

    #[test]
    fn tags_are_normalised_or_refused() {
        assert_eq!(normalize_tag("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(normalize_tag(" DE_1996 ").as_deref(), Some("de-1996"));
        assert_eq!(normalize_tag("es-419").as_deref(), Some("es-419"));
        for bad in ["", "German language", "d", "und", "de--CH", "1996", "dé"] {
            assert_eq!(normalize_tag(bad), None, "{bad}");
        }
    }

    #[test]
    fn filters_take_tags_by_primary_subtag_and_prefix() {
        for tag in ["de", "de-1996", "de-CH", "DE-ch"] {
            assert!(tag_matches("de", tag), "{tag}");
        }
        assert!(!tag_matches("de", "dev"));
        assert!(!tag_matches("de-CH", "de"));
        assert!(tag_matches("de-ch", "de-CH-1901"));
        assert!(tag_matches("*", "fr"));
    }

    #[test]
    fn right_to_left_by_script_or_language() {
        for tag in ["ar", "he", "fa-AF", "ur", "yi", "az-Arab"] {
            assert!(is_right_to_left(tag), "{tag}");
        }
        for tag in ["en", "zh-Hant", "sd-Latn", "tr"] {
            assert!(!is_right_to_left(tag), "{tag}");
        }
    }
}

//! A document's language, as its file states it or as its text suggests.
//!
//! Files name languages in two ways: a BCP 47 tag (`<html lang="de-1996">`,
//! `lang: fr` in front matter, `"lang": "zh-Hant"` in JSON Lines) or a name
//! (`language: German`). [`from_field`] takes both. When a file says
//! nothing, the collection's `--lang` applies, or with `--detect-language`
//! a guess from the text ([`detect`], by `whatlang`'s trigram models), kept
//! only when `whatlang` calls it reliable.

use crate::document::Document;
use crate::text::language::normalize_tag;

/// Characters of a document's title and opening paragraphs read to guess
/// its language: enough for a reliable guess, bounded for long documents.
const DETECTION_CHARS: usize = 2_000;

/// A language tag from a field's value: a tag made canonical (`DE_1996` →
/// `de-1996`), or the English or native name of a common language
/// (`German`, `Deutsch` → `de`). `None` for anything else.
pub fn from_field(value: &str) -> Option<String> {
    let value = value.trim();
    let named = NAMES.iter().find(|(name, _)| name.eq_ignore_ascii_case(value) || *name == value.to_lowercase());
    if let Some((_, tag)) = named {
        return Some(tag.to_string());
    }
    normalize_tag(value).filter(|tag| tag.split('-').next().is_some_and(|primary| primary.len() <= 3))
}

/// Language names a front-matter field may give instead of a tag.
const NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("french", "fr"),
    ("français", "fr"),
    ("german", "de"),
    ("deutsch", "de"),
    ("spanish", "es"),
    ("español", "es"),
    ("italian", "it"),
    ("italiano", "it"),
    ("portuguese", "pt"),
    ("português", "pt"),
    ("dutch", "nl"),
    ("nederlands", "nl"),
    ("russian", "ru"),
    ("русский", "ru"),
    ("polish", "pl"),
    ("polski", "pl"),
    ("czech", "cs"),
    ("čeština", "cs"),
    ("swedish", "sv"),
    ("svenska", "sv"),
    ("norwegian", "no"),
    ("norsk", "no"),
    ("danish", "da"),
    ("dansk", "da"),
    ("finnish", "fi"),
    ("suomi", "fi"),
    ("greek", "el"),
    ("ελληνικά", "el"),
    ("turkish", "tr"),
    ("türkçe", "tr"),
    ("arabic", "ar"),
    ("العربية", "ar"),
    ("hebrew", "he"),
    ("chinese", "zh"),
    ("中文", "zh"),
    ("japanese", "ja"),
    ("日本語", "ja"),
    ("korean", "ko"),
    ("한국어", "ko"),
    ("ukrainian", "uk"),
    ("hungarian", "hu"),
    ("romanian", "ro"),
    ("thai", "th"),
    ("vietnamese", "vi"),
    ("hindi", "hi"),
    ("persian", "fa"),
    ("latin", "la"),
];

/// A guess at `document`'s language from its title and first paragraphs,
/// as a tag (ISO 639-1 where there is one, else 639-3); `None` when the
/// text is too short or too mixed for a reliable guess. Cost: one pass of
/// `whatlang` over at most [`DETECTION_CHARS`] characters.
pub fn detect(document: &Document) -> Option<String> {
    let mut sample = document.title.clone();
    for paragraph in &document.body {
        if sample.chars().count() >= DETECTION_CHARS {
            break;
        }
        sample.push('\n');
        sample.push_str(paragraph);
    }
    let sample: String = sample.chars().take(DETECTION_CHARS).collect();
    let info = whatlang::detect(&sample).filter(whatlang::Info::is_reliable)?;
    let code = info.lang().code();
    Some(ISO_639_1.iter().find(|(three, _)| *three == code).map_or(code, |(_, two)| two).to_string())
}

/// `whatlang`'s ISO 639-3 codes with an ISO 639-1 equivalent.
const ISO_639_1: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_names_are_read() {
        assert_eq!(from_field("de-1996").as_deref(), Some("de-1996"));
        assert_eq!(from_field(" zh_hant ").as_deref(), Some("zh-Hant"));
        assert_eq!(from_field("German").as_deref(), Some("de"));
        assert_eq!(from_field("Français").as_deref(), Some("fr"));
        assert_eq!(from_field("日本語").as_deref(), Some("ja"));
        assert_eq!(from_field("Klingonish"), None, "not a name known, and too long for a tag");
        assert_eq!(from_field(""), None);
    }

    #[test]
    fn a_long_enough_text_is_recognised() {
        let document =
            |title: &str, body: &str| Document { title: title.into(), body: vec![body.into()], ..Document::default() };
        let german = document(
            "Allgemeine Erklärung der Menschenrechte",
            "Alle Menschen sind frei und gleich an Würde und Rechten geboren. Sie sind mit Vernunft und Gewissen begabt und sollen einander im Geist der Brüderlichkeit begegnen.",
        );
        assert_eq!(detect(&german).as_deref(), Some("de"));
        let russian = document(
            "Всеобщая декларация прав человека",
            "Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и совестью и должны поступать в отношении друг друга в духе братства.",
        );
        assert_eq!(detect(&russian).as_deref(), Some("ru"));
        assert_eq!(detect(&document("", "ok")), None, "two letters say nothing");
    }
}

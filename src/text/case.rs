//! Lower and upper case, as the standard library's `to_lowercase` and
//! `to_uppercase` give them.
//!
//! Where the mappings come from: the standard library in the tool, and the
//! browser's own `String.prototype.toLowerCase` and `toUpperCase` in
//! WebAssembly, so the search module, which every visitor downloads before
//! the first result, carries no case tables (the standard library's cost
//! about 8 KB of its brotli bytes, compact ones generated from them 2 KB).
//! Both apply Unicode's default full case mappings with the Final_Sigma
//! condition, so they differ only on characters newer than one of them
//! (`tests/wasm/normalization.test.mjs` holds the module to the tool).
//! ASCII never leaves the module, and neither does a word without a letter
//! that lower-casing changes.

use std::borrow::Cow;

/// `text` in lower case, as `str::to_lowercase`: Greek capital sigma is
/// final `ς` at the end of a word and `σ` elsewhere. A text beyond ASCII
/// with no letter to lower comes back itself, not copied.
pub fn lowercase(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Owned(text.to_ascii_lowercase());
    }
    if !text.chars().any(may_change_when_lowercased) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(mapping::lower(text))
}

/// `text` in upper case, as `str::to_uppercase`.
pub fn uppercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_uppercase();
    }
    mapping::upper(text)
}

/// Whether lower-casing may change `c`: an upper-case or title-case letter
/// (the tests check that no other character has a lower case).
fn may_change_when_lowercased(c: char) -> bool {
    c.is_uppercase() || is_titlecase(c)
}

/// The title-case letters (General Category Lt): the Latin digraphs and the
/// Greek capitals with a prosgegrammeni.
fn is_titlecase(c: char) -> bool {
    matches!(c, '\u{1C5}' | '\u{1C8}' | '\u{1CB}' | '\u{1F2}' | '\u{1F88}'..='\u{1F8F}' | '\u{1F98}'..='\u{1F9F}'
        | '\u{1FA8}'..='\u{1FAF}' | '\u{1FBC}' | '\u{1FCC}' | '\u{1FFC}')
}

/// The browser's case mappings.
#[cfg(target_arch = "wasm32")]
mod mapping {
    use js_sys::JsString;

    pub(super) fn lower(text: &str) -> String {
        String::from(JsString::from(text).to_lower_case())
    }

    pub(super) fn upper(text: &str) -> String {
        String::from(JsString::from(text).to_upper_case())
    }
}

/// The standard library's case mappings.
#[cfg(not(target_arch = "wasm32"))]
mod mapping {
    pub(super) fn lower(text: &str) -> String {
        text.to_lowercase()
    }

    pub(super) fn upper(text: &str) -> String {
        text.to_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::tests::scalar_values;

    #[test]
    fn only_upper_and_title_case_letters_change_when_lower_cased() {
        for c in scalar_values() {
            if !c.to_lowercase().eq(std::iter::once(c)) {
                assert!(may_change_when_lowercased(c), "U+{:04X} has a lower case", c as u32);
            }
            // A title-case letter is neither upper nor lower case, and both mappings change it.
            let changes = |mapped: String| mapped != c.to_string();
            let titlecase = !c.is_uppercase()
                && !c.is_lowercase()
                && changes(c.to_lowercase().collect())
                && changes(c.to_uppercase().collect());
            assert_eq!(is_titlecase(c), titlecase, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn words_lower_and_upper_case_as_the_standard_library() {
        for text in [
            "ΟΔΥΣΣΕΥΣ",
            "Σ",
            "ΑΣ.",
            "ΑΣ'Α",
            "İstanbul",
            "STRASSE",
            "Ǆemal",
            "ǅemal",
            "ΌΣΟΣ ΕΊΝΑΙ",
            "Vyshinsky",
            "ДОГОВОР",
            "",
            "ᾈ",
            "Ⅻ Ⓐ",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text:?}");
            assert_eq!(uppercase(text), text.to_uppercase(), "{text:?}");
        }
        assert_eq!(lowercase("ΟΔΥΣΣΕΥΣ"), "οδυσσευς");
        assert_eq!(uppercase("straße"), "STRASSE");
    }
}

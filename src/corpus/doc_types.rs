//! The kinds of document an archive names, and the words it names them with.
//!
//! A type facet is only useful when one kind has one name: "cablegrams",
//! "CABLEGRAM" and "Cablegram" must count together, and "despatch" with
//! "dispatch". Archives differ in their kinds (a museum has "Exhibition label",
//! a ministry "Savingram"), so the vocabulary is a plain text file a curator
//! can extend, in the shape of the name-variant files: one kind per line, its
//! forms separated by `|`, the first form the name shown.
//!
//! ```text
//! # name | other forms
//! Cablegram | cablegrams | cablegramme
//! Record of conversation | records of conversation | conversation
//! ```
//!
//! Carrel ships `variants/types.txt`; `carrel build --types FILE` adds a
//! curator's file, whose forms take precedence over the shipped ones.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

/// The vocabulary shipped with Carrel.
pub const DEFAULT_TYPES: &str = include_str!("../../variants/types.txt");

/// The shipped vocabulary, parsed once.
pub(crate) static SHIPPED: LazyLock<DocumentTypes> = LazyLock::new(DocumentTypes::defaults);

/// Kinds of document and the forms that name them.
#[derive(Clone, Debug, Default)]
pub struct DocumentTypes {
    /// Names as the facet shows them, in file order.
    names: Vec<String>,
    /// A form's words, lowercased → index into `names`.
    forms: HashMap<Vec<String>, usize>,
    /// Most words in any form: how far a match must look ahead.
    longest: usize,
}

/// A line of a types file that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TypesError {
    pub file: String,
    pub line: usize,
    pub reason: &'static str,
}

impl fmt::Display for TypesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} (each line is a kind of document, its forms separated by `|`, \
             e.g. `Cablegram | cablegrams | cable`)",
            self.file, self.line, self.reason
        )
    }
}

impl std::error::Error for TypesError {}

impl DocumentTypes {
    /// The shipped vocabulary (`variants/types.txt`).
    pub fn defaults() -> DocumentTypes {
        DocumentTypes::parse(DEFAULT_TYPES, "variants/types.txt").expect("the shipped types file parses")
    }

    /// Parses a types file; `file` names it in errors. Blank lines and `#`
    /// comments are skipped.
    pub fn parse(text: &str, file: &str) -> Result<DocumentTypes, TypesError> {
        let mut types = DocumentTypes::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let error = |reason| TypesError { file: file.to_string(), line: n + 1, reason };
            let forms: Vec<&str> = line.split('|').map(str::trim).collect();
            if forms.iter().any(|form| form_words(form).is_empty()) {
                return Err(error("a form is empty or has no letters"));
            }
            types.add(forms[0], &forms);
        }
        Ok(types)
    }

    /// Adds `other`'s kinds; where both know a form, `other`'s name wins.
    pub fn extend(&mut self, other: DocumentTypes) {
        let mut by_index: Vec<(Vec<String>, usize)> = other.forms.into_iter().collect();
        by_index.sort_by_key(|(_, index)| *index);
        for (words, index) in by_index {
            let name = &other.names[index];
            let at = self.name_index(name);
            self.longest = self.longest.max(words.len());
            self.forms.insert(words, at);
        }
    }

    /// The names the type facet can show, in file order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// Every kind named by a form that `words` begins with, with the form's
    /// length in words, longest first. Words are compared lowercased, so any
    /// letter case matches. Cost: one hash lookup per form length.
    pub(crate) fn matches_at(&self, words: &[&str]) -> Vec<(&str, usize)> {
        let mut key: Vec<String> = words.iter().take(self.longest).map(|w| fold(w)).collect();
        let mut found = Vec::new();
        while !key.is_empty() {
            if let Some(&index) = self.forms.get(&key) {
                found.push((self.names[index].as_str(), key.len()));
            }
            key.pop();
        }
        found
    }

    /// Most words in any form.
    pub(crate) fn longest_form(&self) -> usize {
        self.longest
    }

    fn add(&mut self, name: &str, forms: &[&str]) {
        let at = self.name_index(name);
        for form in forms {
            let words = form_words(form);
            self.longest = self.longest.max(words.len());
            self.forms.insert(words, at);
        }
    }

    fn name_index(&mut self, name: &str) -> usize {
        match self.names.iter().position(|n| n == name) {
            Some(at) => at,
            None => {
                self.names.push(name.to_string());
                self.names.len() - 1
            }
        }
    }
}

/// A form's words as they are compared: split on spaces, lowercased.
fn form_words(form: &str) -> Vec<String> {
    form.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).map(fold).collect()
}

/// Lowercased, with the curly apostrophe made straight.
fn fold(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn longest_at<'t>(types: &'t DocumentTypes, words: &[&str]) -> Option<(&'t str, usize)> {
        types.matches_at(words).first().copied()
    }

    #[test]
    fn forms_of_any_case_give_the_name() {
        let types = DocumentTypes::parse("Cablegram | cablegrams\nRecord of conversation | conversation", "t").unwrap();
        assert_eq!(longest_at(&types, &["CABLEGRAMS", "43"]), Some(("Cablegram", 1)));
        assert_eq!(
            longest_at(&types, &["Record", "of", "Conversation", "between"]),
            Some(("Record of conversation", 3))
        );
        assert_eq!(longest_at(&types, &["conversation", "with"]), Some(("Record of conversation", 1)));
        assert_eq!(longest_at(&types, &["Record", "of", "meeting"]), None);
        let both = DocumentTypes::parse("Record | records\nRecord of meeting", "t").unwrap();
        assert_eq!(both.matches_at(&["records", "of", "meeting"]), [("Record", 1)]);
        assert_eq!(both.matches_at(&["record", "of", "meeting"]), [("Record of meeting", 3), ("Record", 1)]);
        assert_eq!(longest_at(&types, &[]), None);
    }

    #[test]
    fn a_curators_file_adds_kinds_and_overrides_forms() {
        let mut types = DocumentTypes::parse("Cable | cables\nLetter", "shipped").unwrap();
        types.extend(DocumentTypes::parse("Cablegram | cable | cables\nExhibition label | label", "mine").unwrap());
        assert_eq!(longest_at(&types, &["cable"]), Some(("Cablegram", 1)));
        assert_eq!(longest_at(&types, &["Exhibition", "Label"]), Some(("Exhibition label", 2)));
        assert_eq!(longest_at(&types, &["letter"]), Some(("Letter", 1)));
        assert_eq!(types.names().collect::<Vec<_>>(), ["Cable", "Letter", "Cablegram", "Exhibition label"]);
    }

    #[test]
    fn the_shipped_file_parses_with_the_kinds_archives_use() {
        let types = DocumentTypes::defaults();
        for (words, name) in [
            (&["despatches"][..], "Dispatch"),
            (&["Aide-mémoire"], "Aide-memoire"),
            (&["TELEX"], "Telex"),
            (&["savingram"], "Savingram"),
            (&["Memorandum", "of", "Conversation"], "Memorandum of conversation"),
            (&["cabinet", "decision"], "Cabinet decision"),
            (&["memo"], "Memorandum"),
        ] {
            assert_eq!(longest_at(&types, words).map(|(n, _)| n), Some(name), "{words:?}");
        }
    }

    #[test]
    fn bad_lines_name_the_file_and_line() {
        let err = DocumentTypes::parse("Letter\nMemo | | memos\n", "mine.txt").unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("mine.txt", 2));
        assert!(err.to_string().starts_with("mine.txt:2: a form is empty"), "{err}");
    }
}

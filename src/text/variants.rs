//! Name variants and abbreviations: spellings that mean the same person, place
//! or word, so a search for one finds the others.
//!
//! Archives spell names many ways (`Vyshinsky`/`Vishinsky`, Wade-Giles
//! `Chou En-lai` and pinyin `Zhou Enlai`) and telegrams abbreviate (`wld`,
//! `Sovs`, `PWs`). A curator keeps these as plain text files, one group of
//! equivalent forms per line, separated by `|`:
//!
//! ```text
//! # Wade-Giles | pinyin
//! Chou En-lai | Zhou Enlai | Chou Enlai
//! Peking | Peiping | Beijing
//! ```
//!
//! Blank lines and `#` comments are ignored. A form may be several words; it
//! then matches as a phrase. The groups are compiled into the index, and the
//! query side expands each word or phrase into the other forms of its group,
//! ranked a little below the form typed.

use super::analysis::{stem, tokenize};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Cold War–era romanisations shipped by default.
pub const DEFAULT_NAMES: &str = include_str!("../../variants/names.txt");
/// Telegraphese abbreviations shipped by default.
pub const DEFAULT_ABBREVIATIONS: &str = include_str!("../../variants/abbreviations.txt");

/// Groups of equivalent forms, as written by the curator.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Variants {
    pub groups: Vec<Vec<String>>,
}

/// A line of a variants file that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantsError {
    pub file: String,
    pub line: usize,
    pub reason: &'static str,
}

impl fmt::Display for VariantsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} (each line is a group of equivalent forms separated by `|`, e.g. `Peking | Peiping | Beijing`)",
            self.file, self.line, self.reason
        )
    }
}

impl std::error::Error for VariantsError {}

impl Variants {
    /// The default names and abbreviations.
    pub fn defaults() -> Variants {
        let mut variants = Variants::parse(DEFAULT_NAMES, "variants/names.txt").expect("shipped file parses");
        variants
            .extend(Variants::parse(DEFAULT_ABBREVIATIONS, "variants/abbreviations.txt").expect("shipped file parses"));
        variants
    }

    /// Parses a variants file; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Variants, VariantsError> {
        let mut groups = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let error = |reason| VariantsError { file: file.to_string(), line: n + 1, reason };
            let forms: Vec<String> = line.split('|').map(|f| f.trim().to_string()).collect();
            if forms.len() < 2 {
                return Err(error("a group needs at least two forms"));
            }
            if forms.iter().any(|f| tokenize(f, 0).is_empty()) {
                return Err(error("a form is empty or has no letters or digits"));
            }
            groups.push(forms);
        }
        Ok(Variants { groups })
    }

    pub fn extend(&mut self, other: Variants) {
        self.groups.extend(other.groups);
    }
}

/// Most other forms one word or phrase expands to through the variants. A
/// curated group has a handful; the cap bounds what a crafted index can make
/// one query cost.
pub const MAX_ALTERNATIVES: usize = 32;

/// The variants analysed for lookup: each form as its sequence of stems.
#[derive(Clone, Debug, Default)]
pub struct VariantTable {
    groups: Vec<Vec<Vec<String>>>,
    /// Each form → the groups that hold it, in group order.
    groups_of: HashMap<Vec<String>, Vec<usize>>,
    /// Longest form, in words: how far ahead a query must look.
    pub longest_form: usize,
}

/// The stems of a text, as a variant form is matched.
pub fn form_stems(text: &str) -> Vec<String> {
    let mut tokens = tokenize(text, 0);
    // Joined hyphen forms share a position with their first part; a form is
    // matched on its parts.
    crate::sort_once::stable_by(&mut tokens, &|a, b| a.position.cmp(&b.position));
    tokens.dedup_by_key(|t| t.position);
    tokens.iter().map(|t| stem(&t.word)).collect()
}

impl VariantTable {
    /// Analyses every form. A form without words (which `Variants::parse`
    /// refuses, but a damaged index may hold) is left out.
    pub fn new(variants: &Variants) -> VariantTable {
        let groups: Vec<Vec<Vec<String>>> = variants
            .groups
            .iter()
            .map(|g| g.iter().map(|f| form_stems(f)).filter(|stems| !stems.is_empty()).collect())
            .collect();
        let mut groups_of: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
        for (k, group) in groups.iter().enumerate() {
            for form in group {
                let holders = groups_of.entry(form.clone()).or_default();
                if holders.last() != Some(&k) {
                    holders.push(k);
                }
            }
        }
        let longest_form = groups.iter().flatten().map(Vec::len).max().unwrap_or(0);
        VariantTable { groups, groups_of, longest_form }
    }

    /// The other forms (as stem sequences) of every group that has `stems` as
    /// a form, at most [`MAX_ALTERNATIVES`]. One hash lookup, then linear in
    /// the size of the groups found.
    pub fn alternatives(&self, stems: &[String]) -> Vec<Vec<String>> {
        let mut result: Vec<Vec<String>> = Vec::new();
        let Some(holders) = self.groups_of.get(stems) else { return result };
        let mut seen: HashSet<&[String]> = HashSet::new();
        for &k in holders {
            for form in &self.groups[k] {
                if form.as_slice() != stems && seen.insert(form.as_slice()) {
                    result.push(form.clone());
                    if result.len() == MAX_ALTERNATIVES {
                        return result;
                    }
                }
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_files_parse_and_round_trip() {
        let variants = Variants::defaults();
        assert!(variants.groups.len() > 20);
    }

    #[test]
    fn groups_find_each_other_whatever_the_form() {
        let table =
            VariantTable::new(&Variants::parse("Chou En-lai | Zhou Enlai\nPeking | Peiping | Beijing", "t").unwrap());
        assert_eq!(table.alternatives(&form_stems("Zhou Enlai")), vec![form_stems("Chou En-lai")]);
        assert_eq!(table.alternatives(&form_stems("peiping")).len(), 2);
        assert!(table.alternatives(&form_stems("Moscow")).is_empty());
        assert_eq!(table.longest_form, 3);
    }

    #[test]
    fn damaged_tables_drop_empty_forms_and_cap_alternatives() {
        let groups = vec![
            vec!["korea".to_string(), String::new(), "—".to_string()],
            (0..1_000).map(|i| format!("name{i}")).chain(["korea".to_string()]).collect(),
        ];
        let table = VariantTable::new(&Variants { groups });
        let found = table.alternatives(&form_stems("korea"));
        assert_eq!(found.len(), MAX_ALTERNATIVES);
        assert!(found.iter().all(|form| !form.is_empty()));
        assert!(table.alternatives(&[]).is_empty());
    }

    #[test]
    fn bad_lines_name_the_file_and_line() {
        let err = Variants::parse("Peking | Peiping\nlonely\n", "names.txt").unwrap_err();
        assert_eq!((err.line, err.file.as_str()), (2, "names.txt"));
        assert!(err.to_string().starts_with("names.txt:2:"));
        assert!(Variants::parse("a | —", "x").is_err());
    }
}

//! What to mark in a text: the words and phrases a query matched.
//!
//! The search records which stems and stem sequences matched (including those
//! reached through variants, prefixes or typos); this module finds them again
//! in stored text by running the same analyser, so a highlight is exactly a
//! match and never a substring accident. Turning the ranges into HTML is
//! [`crate::view::html`]'s job.

use super::analysis::{Token, tokenize_as};
use super::fold::fold;
use super::language::{Analyzer, term_stem};
use std::collections::HashSet;
use std::ops::Range;

/// The terms a query matched, to be marked in document text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlights {
    /// Single stems matched anywhere.
    pub stems: HashSet<String>,
    /// Stem sequences matched as phrases.
    pub phrases: Vec<Vec<String>>,
}

impl Highlights {
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty() && self.phrases.is_empty()
    }

    pub fn add_phrase(&mut self, phrase: Vec<String>) {
        if phrase.len() == 1 {
            self.stems.extend(phrase);
        } else if !phrase.is_empty() && !self.phrases.contains(&phrase) {
            self.phrases.push(phrase);
        }
    }

    /// Whether `text` could hold a match: false only when it is plain ASCII
    /// and no wanted stem's opening letters appear in it anywhere. A cheap
    /// test (one lower-cased copy) that spares analysing most paragraphs of a
    /// long document. Stemming rewrites at most the last two letters of a
    /// stem's source word before its suffix (`dry` → `dri`, `dying` → `die`),
    /// so all but the last two letters, up to five, are a safe opening.
    pub fn may_match(&self, text: &str) -> bool {
        if !text.is_ascii() {
            return true;
        }
        let lower = text.to_ascii_lowercase();
        self.stems.iter().chain(self.phrases.iter().flatten()).any(|term| {
            let stem = term_stem(term);
            let keep = stem.chars().count().saturating_sub(2).clamp(1, 5);
            let end = stem.char_indices().nth(keep).map_or(stem.len(), |(i, _)| i);
            lower.contains(&stem[..end])
        })
    }

    /// Byte ranges of English `text` to mark; see [`Highlights::find_as`].
    pub fn find(&self, text: &str) -> (Vec<Range<usize>>, Vec<Token>) {
        self.find_as(text, Analyzer::English)
    }

    /// Byte ranges of `text`, read as `analyzer`'s language reads it, to
    /// mark, sorted and not overlapping, with the tokens of the text (for
    /// callers that also need word boundaries). Cost: one analysis pass and
    /// one stem per token (no stems when there is nothing to mark).
    pub fn find_as(&self, text: &str, analyzer: Analyzer) -> (Vec<Range<usize>>, Vec<Token>) {
        let tokens = tokenize_as(text, 0, analyzer);
        if self.is_empty() {
            return (Vec::new(), tokens);
        }
        // Stemming only changes the end of a word, so a word whose first two
        // letters start no wanted stem cannot match: skip stemming it. Terms
        // are folded; a surface that keeps its accents is folded to compare.
        let heads: HashSet<&str> =
            self.stems.iter().chain(self.phrases.iter().flatten()).map(|s| head(term_stem(s))).collect();
        let may_start = |word: &str| match analyzer {
            Analyzer::English | Analyzer::Plain => heads.contains(head(word)),
            // The Arabic analyser takes the article off the front.
            Analyzer::Arabic => true,
            _ => heads.contains(head(&fold(word))),
        };
        let stems: Vec<String> =
            tokens.iter().map(|t| if may_start(&t.word) { analyzer.term(&t.word) } else { String::new() }).collect();
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for (token, term) in tokens.iter().zip(&stems) {
            if self.stems.contains(term) {
                ranges.push(token.start..token.end);
            }
        }
        if !self.phrases.is_empty() {
            for (i, first) in tokens.iter().enumerate() {
                for phrase in &self.phrases {
                    if stems[i] != phrase[0] {
                        continue;
                    }
                    if let Some(end) = phrase_end(&tokens, &stems, first.position, phrase) {
                        ranges.push(first.start..end);
                    }
                }
            }
        }
        crate::sort_once::stable_by(&mut ranges, &|a, b| (a.start, a.end).cmp(&(b.start, b.end)));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        (merged, tokens)
    }
}

/// The first two characters of a word (all of it if shorter).
fn head(word: &str) -> &str {
    let end = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

/// Where a phrase starting at `position` ends (byte offset), if every word
/// follows at the next position.
fn phrase_end(tokens: &[Token], stems: &[String], position: u32, phrase: &[String]) -> Option<usize> {
    let mut end = 0;
    for (k, term) in phrase.iter().enumerate() {
        let want = position + k as u32;
        let found = tokens.iter().zip(stems).find(|(t, s)| t.position == want && *s == term)?;
        end = end.max(found.0.end);
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlights(stems: &[&str], phrases: &[&[&str]]) -> Highlights {
        Highlights {
            stems: stems.iter().map(|s| s.to_string()).collect(),
            phrases: phrases.iter().map(|p| p.iter().map(|s| s.to_string()).collect()).collect(),
        }
    }

    fn marked(h: &Highlights, text: &str) -> String {
        let (ranges, _) = h.find(text);
        let mut out = String::new();
        let mut at = 0;
        for range in ranges {
            out.push_str(&text[at..range.start]);
            out.push_str("<mark>");
            out.push_str(&text[range.clone()]);
            out.push_str("</mark>");
            at = range.end;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn stems_mark_every_word_form() {
        let h = highlights(&["negoti"], &[]);
        assert_eq!(marked(&h, "Negotiations; negotiating."), "<mark>Negotiations</mark>; <mark>negotiating</mark>.");
    }

    #[test]
    fn phrases_mark_only_whole_occurrences() {
        let h = highlights(&[], &[&["altern", "b"]]);
        assert_eq!(
            marked(&h, "Peiping’s “Alternative B”, an alternative plan b"),
            "Peiping’s “<mark>Alternative B</mark>”, an alternative plan b"
        );
    }

    #[test]
    fn other_languages_mark_their_own_forms() {
        let term = Analyzer::German.term("rechte");
        let h = highlights(&[&term], &[]);
        let (ranges, _) = h.find_as("Jeder hat das Recht auf Rechte.", Analyzer::German);
        assert_eq!(ranges, [14..19, 24..30]);
        let term = Analyzer::French.term("égalité");
        let h = highlights(&[&term], &[]);
        let (ranges, _) = h.find_as("l’égalité des droits", Analyzer::French);
        assert_eq!(ranges.len(), 1);
    }

    #[test]
    fn bigram_phrases_mark_a_chinese_word() {
        let h = highlights(&[], &[&["人权", "权宣"]]);
        let text = "世界人权宣言";
        let (ranges, _) = h.find(text);
        assert_eq!(&text[ranges[0].clone()], "人权宣");
    }

    #[test]
    fn hyphenated_variants_mark_the_whole_name() {
        let h = highlights(&[], &[&["chou", "en", "lai"]]);
        assert_eq!(marked(&h, "Chou En-lai’s plan"), "<mark>Chou En-lai</mark>’s plan");
    }
}

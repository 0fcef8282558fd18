//! Snippets: the passage of a hit that best shows why it matched.
//!
//! Each paragraph of the body (then the summary and footnotes) is read in
//! the document's language and scanned with windows of [`SNIPPET_WORDS`]
//! words opening a little before each match; the window holding the most
//! distinct matched words, then the most matches, wins (the earliest on a
//! tie). The passage is escaped HTML with matches in `<mark>`; a passage
//! with right-to-left letters is wrapped in `<bdi>`, so Arabic or Hebrew
//! text keeps its order without reordering the page around it.

use super::html::{escape, has_right_to_left, write_marked};
use crate::document::Document;
use crate::text::highlights::Highlights;
use crate::text::language::Analyzer;
use std::ops::Range;

/// Words in a snippet.
pub const SNIPPET_WORDS: usize = 30;
/// Words of context shown before the first match of a snippet.
const CONTEXT_WORDS: usize = 6;

/// A candidate window of one text.
struct Passage<'a> {
    /// Distinct matched words, then matches: bigger is better.
    key: (usize, usize),
    text: &'a str,
    window: Range<usize>,
    marks: Vec<Range<usize>>,
}

/// The best passage of `document` for `highlights`, as safe HTML.
/// Cost: analyses every paragraph of the document once.
pub fn snippet(document: &Document, highlights: &Highlights) -> String {
    let html = passage(document, highlights);
    if has_right_to_left(&html) { format!("<bdi>{html}</bdi>") } else { html }
}

fn passage(document: &Document, highlights: &Highlights) -> String {
    let analyzer = Analyzer::for_language(document.language.as_deref());
    let mut texts: Vec<&str> = document.body.iter().map(String::as_str).collect();
    texts.extend(document.summary.as_deref());
    texts.extend(document.footnotes.iter().map(String::as_str));
    let mut best: Option<Passage> = None;
    if !highlights.is_empty() {
        for text in texts.iter().filter(|t| highlights.may_match(t)) {
            let (marks, tokens) = highlights.find_as(text, analyzer);
            if marks.is_empty() {
                continue;
            }
            let words: Vec<Range<usize>> = tokens.iter().map(|t| t.start..t.end).collect();
            let starts = distinct_word_starts(&words);
            // Candidate windows open a few words before each match.
            for mark in &marks {
                let at = starts.iter().position(|&w| words[w].end > mark.start).unwrap_or(0);
                let i = at.saturating_sub(CONTEXT_WORDS);
                let first = if i == 0 { 0 } else { words[starts[i]].start };
                let last = starts.get(i + SNIPPET_WORDS).map_or(text.len(), |&next| words[next].start);
                let window = first..last;
                let inside: Vec<&Range<usize>> =
                    marks.iter().filter(|m| m.start >= window.start && m.end <= window.end).collect();
                let mut distinct: Vec<String> =
                    inside.iter().map(|m| crate::text::case::lowercase(&text[(*m).clone()]).into_owned()).collect();
                crate::sort_once::stable_by(&mut distinct, &Ord::cmp);
                distinct.dedup();
                let key = (distinct.len(), inside.len());
                if best.as_ref().is_none_or(|b| b.key < key) {
                    best = Some(Passage { key, text, window, marks: marks.clone() });
                }
            }
        }
    }
    let mut out = String::new();
    match best {
        Some(Passage { text, window, marks, .. }) => {
            let end = trim_window_end(text, &window);
            if window.start > 0 {
                out.push_str("… ");
            }
            let local: Vec<Range<usize>> = marks
                .iter()
                .filter(|m| m.start >= window.start && m.end <= end)
                .map(|m| m.start - window.start..m.end - window.start)
                .collect();
            write_marked(&text[window.start..end], &local, &mut out, |o| o.push_str("<mark>"));
            if end < text.len() {
                out.push_str(" …");
            }
        }
        None => {
            // Matched in a field not shown (title, sender…) or browsing: the opening words.
            let text = texts.first().copied().unwrap_or("");
            let words = crate::text::analysis::tokenize_as(text, 0, analyzer);
            let end = words.get(SNIPPET_WORDS).map_or(text.len(), |t| t.start);
            escape(text[..end].trim_end(), &mut out);
            if end < text.len() {
                out.push_str(" …");
            }
        }
    }
    out
}

/// Indexes of tokens that begin a new position (joined hyphen forms overlap).
fn distinct_word_starts(words: &[Range<usize>]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(words.len());
    let mut last_start = None;
    for (i, word) in words.iter().enumerate() {
        if last_start != Some(word.start) {
            starts.push(i);
            last_start = Some(word.start);
        }
    }
    starts
}

/// Ends a window at the end of its last word rather than before the next one.
fn trim_window_end(text: &str, window: &Range<usize>) -> usize {
    let slice = &text[window.start..window.end];
    let trimmed = slice.trim_end_matches(|c: char| c.is_whitespace() || c == '“' || c == '(' || c == '"');
    window.start + trimmed.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(body: &[&str]) -> Document {
        Document { body: body.iter().map(|s| s.to_string()).collect(), ..Document::default() }
    }

    fn highlights(stems: &[&str]) -> Highlights {
        Highlights { stems: stems.iter().map(|s| s.to_string()).collect(), phrases: Vec::new() }
    }

    #[test]
    fn the_window_with_most_distinct_matches_wins() {
        let filler = "word ".repeat(60).trim_end().to_string();
        let text = format!("armistice {filler} armistice talks in Korea {filler}");
        let html = snippet(&document(&[&text]), &highlights(&["armistic", "korea"]));
        assert!(
            html.starts_with("… word word word word word word <mark>armistice</mark> talks in <mark>Korea</mark>"),
            "{html}"
        );
        assert!(html.ends_with(" …"));
        assert_eq!(html.matches("word").count(), SNIPPET_WORDS - 4);
    }

    #[test]
    fn snippets_escape_document_text() {
        let html = snippet(&document(&["<img src=x onerror=alert(1)> armistice"]), &highlights(&["armistic"]));
        assert_eq!(html, "&lt;img src=x onerror=alert(1)&gt; <mark>armistice</mark>");
    }

    #[test]
    fn right_to_left_passages_are_isolated() {
        let arabic = Document {
            language: Some("ar".into()), ..document(&["لكل إنسان حق التمتع بكافة الحقوق"])
        };
        let term = Analyzer::Arabic.term(&Analyzer::Arabic.prepare("الحقوق"));
        let html = snippet(&arabic, &highlights(&[&term]));
        assert!(html.starts_with("<bdi>") && html.ends_with("</bdi>"), "{html}");
        assert!(html.contains("<mark>الحقوق</mark>"), "{html}");
        assert!(!snippet(&document(&["armistice"]), &highlights(&["armistic"])).contains("<bdi>"));
    }

    #[test]
    fn without_a_match_the_opening_words_are_shown() {
        let html = snippet(&document(&["Dear Comrade, we <agree>."]), &highlights(&["korea"]));
        assert_eq!(html, "Dear Comrade, we &lt;agree&gt;.");
    }
}

//! Raw text in, clean paragraphs out: the normalisation every reader shares.
//!
//! Readers differ in how they find the text; once found, it is treated the same
//! way everywhere, so the index never depends on which format a collection came
//! in. Normalisation is deliberately light: line endings, whitespace runs and
//! edition marks such as `[Page 423]` (which belong to a printed edition, not to
//! the document). Case and diacritics are kept; folding them is the analyser's
//! job, and the stored text must still read as the archive printed it.
//!
//! Control characters (U+0000–U+001F, U+007F–U+009F) are not text: tab,
//! newline and the other whitespace controls become spaces like any
//! whitespace, and the rest — NUL above all, which a file saved as UTF-16
//! and read as UTF-8 is full of — are removed, so `a\0r\0m` reads `arm`.
//! Invisible format characters that are not controls (zero-width joiners,
//! U+202E and the other bidirectional controls) are kept: they are part of
//! how some scripts are written, and the page shows the text as it is.

use std::borrow::Cow;

/// Strips a byte-order mark and turns `\r\n` and lone `\r` into `\n`.
/// Borrows when there is nothing to change (the common case).
pub(crate) fn normalise_newlines(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') { Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n")) } else { Cow::Borrowed(text) }
}

/// One paragraph or field value as it will be stored: edition marks removed,
/// every run of whitespace (newlines included) made one space, trimmed.
pub(crate) fn clean(text: &str) -> String {
    let text = remove_edition_marks(text);
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let word: Cow<'_, str> = if word.contains(is_stray_control) {
            Cow::Owned(word.chars().filter(|&c| !is_stray_control(c)).collect())
        } else {
            Cow::Borrowed(word)
        };
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// A control character that is not whitespace: removed from stored text.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

/// [`clean`], or `None` when nothing is left.
pub(crate) fn clean_field(text: &str) -> Option<String> {
    Some(clean(text)).filter(|t| !t.is_empty())
}

/// Replaces `[Page 423]`-style marks with a space; [`clean`] then joins the
/// surrounding words with exactly one.
fn remove_edition_marks(text: &str) -> Cow<'_, str> {
    const MARK: &str = "[page ";
    const LONGEST_PAGE_NUMBER: usize = 12; // bytes; "xviii" or "1234a" fit
    if !text.contains("[Page ") && !text.contains("[page ") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = find_ignoring_ascii_case(rest, MARK) {
        let after = &rest[start + MARK.len()..];
        let number_len = after
            .char_indices()
            .take_while(|(i, c)| *i < LONGEST_PAGE_NUMBER && c.is_alphanumeric())
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
        if number_len > 0 && after[number_len..].starts_with(']') {
            out.push_str(&rest[..start]);
            out.push(' ');
            rest = &after[number_len + 1..];
        } else {
            out.push_str(&rest[..start + 1]);
            rest = &rest[start + 1..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn find_ignoring_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack.as_bytes().windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle))
}

/// Whether some blank line separates two lines of text: then paragraphs are
/// blank-line separated, otherwise (pages copied without them) each line is one.
pub(crate) fn has_blank_lines(lines: &[&str]) -> bool {
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..last].iter().any(|l| l.trim().is_empty()),
        _ => false,
    }
}

/// Groups lines into blocks separated by blank lines; a block keeps its
/// newlines (cleaning turns them into spaces).
pub(crate) fn blank_separated(lines: &[&str]) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(current.join("\n"));
    }
    blocks
}

/// Paragraphs of a run of lines: blank-line separated if `by_blank_lines`,
/// else one per line; cleaned, empty ones dropped, broken ones rejoined.
pub(crate) fn paragraphs(lines: &[&str], by_blank_lines: bool) -> Vec<String> {
    let raw: Vec<String> =
        if by_blank_lines { blank_separated(lines) } else { lines.iter().map(|l| l.to_string()).collect() };
    join_broken(raw.iter().filter_map(|p| clean_field(p)).collect())
}

/// Rejoins a paragraph that a page break split in two: when a paragraph
/// starts with a lowercase letter it continues the one before ("…as well" /
/// "as among the troops"). Real paragraphs in these archives start with a
/// capital, a digit, a bracket or a quote.
pub(crate) fn join_broken(paragraphs: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(paragraphs.len());
    for paragraph in paragraphs {
        let continues = paragraph.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(previous) if continues => {
                previous.push(' ');
                previous.push_str(&paragraph);
            }
            _ => out.push(paragraph),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_removed_and_whitespace_controls_separate() {
        assert_eq!(clean("a\0r\0m\0 \u{1}\u{7f}\u{9f} x\u{b}y\u{c}z\tw"), "arm x y z w");
        assert_eq!(clean("\0\u{1b}[31m red"), "[31m red");
        assert_eq!(clean("\u{200b}zero\u{200d}width\u{202e}"), "\u{200b}zero\u{200d}width\u{202e}");
        assert_eq!(clean_field("\0\u{1}\u{2}"), None);
    }

    #[test]
    fn newlines_and_bom_are_normalised() {
        assert_eq!(normalise_newlines("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
        assert!(matches!(normalise_newlines("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn cleaning_collapses_whitespace_but_keeps_case_and_accents() {
        assert_eq!(clean("  Déjà\t vu \n  Zürich  "), "Déjà vu Zürich");
    }

    #[test]
    fn edition_marks_are_removed_with_one_space_left() {
        assert_eq!(clean("however, [Page 423] Peiping’s"), "however, Peiping’s");
        assert_eq!(clean("end[Page 12]start"), "end start");
        assert_eq!(clean("[page xvi] Text"), "Text");
        assert_eq!(clean("see [Page one two] and [Pages 3]"), "see [Page one two] and [Pages 3]");
    }

    #[test]
    fn blank_lines_decide_the_paragraphs() {
        let lines = ["", "One", "still one", "", "Two", ""];
        assert!(has_blank_lines(&lines));
        assert_eq!(paragraphs(&lines, true), ["One still one", "Two"]);
        let lines = ["", "One", "Two", ""];
        assert!(!has_blank_lines(&lines));
        assert_eq!(paragraphs(&lines, false), ["One", "Two"]);
    }

    #[test]
    fn paragraphs_split_by_a_page_break_are_rejoined() {
        let lines = ["moods as well", "", "[Page 5]", "", "as among the troops.", "", "Next."];
        assert_eq!(paragraphs(&lines, true), ["moods as well as among the troops.", "Next."]);
    }
}

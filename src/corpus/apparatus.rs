//! The apparatus of a printed document series: which paragraphs are the
//! editors' footnotes and archival references rather than the document.
//!
//! Series such as *Documents on Australian Foreign Policy* print each document
//! followed by numbered notes ("1 Document 286.") between lines holding only
//! `_`, and close it with the archive's shelf mark (`_[AA:A1838/2, 852/13/4,
//! ii]_`). Transcriptions are imperfect: the opening `_` is sometimes glued to
//! the first note or missing, notes are sometimes bulleted, a note may run over
//! several paragraphs, and a document's enclosure may follow its notes with
//! notes of its own. The rules here are tuned on all 7,607 DFAT documents;
//! markers in the text ("[3]") are removed only for notes that were found.

use super::dates::month_number;
use super::paragraphs::clean;

/// Continuation paragraphs after a footnote that still belong to it; a longer
/// run is the text of an enclosure that follows the notes.
const MAX_NOTE_CONTINUATION: usize = 3; // paragraphs

/// A paragraph of the body as written, before its syntax is removed.
pub(crate) enum Block {
    /// A line of only `_` (or `__`, or a thematic break): DFAT's marker
    /// around notes.
    Break,
    /// An archival reference such as `_[AA : A981, CHINA 116]_`.
    Reference(String),
    /// Anything else; `joinable` is false for bullets, headings and code,
    /// which never continue the paragraph before them.
    Text { raw: String, joinable: bool },
}

/// Sorts one raw paragraph: a break, an archival reference, or text.
pub(crate) fn classify(raw: String, joinable: bool) -> Block {
    let trimmed = raw.trim();
    if trimmed.chars().all(|c| matches!(c, '_' | '*' | '-' | ' ')) {
        return Block::Break;
    }
    let unwrapped = trimmed.trim_matches(|c: char| c == '_' || c == '*').trim();
    if is_archive_reference(unwrapped) {
        return Block::Reference(clean(unbracket(unwrapped)));
    }
    Block::Text { raw, joinable }
}

/// A paragraph that is only a bracketed holding: `[AA : A981, CHINA 116]`,
/// `[FA: A3195, 1.1840]`, `[EGGLESTON PAPERS, NLA : MS423/11/705-6]`. Its
/// inside is in capitals (bar roman volume numbers such as "ii" and item
/// letters such as "(a)") and has the punctuation of a shelf mark. Editorial
/// brackets such as `[matter omitted]` or a bare `[CANBERRA]` do not qualify.
fn is_archive_reference(text: &str) -> bool {
    const SHORTEST: usize = 8; // bytes; "[AA:A1]"-like marks are longer
    let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else {
        return false;
    };
    let without_items = remove_item_letters(inner);
    let in_capitals = without_items.split_whitespace().all(|word| {
        let letters = word.trim_matches(|c: char| !c.is_alphabetic());
        !letters.chars().any(char::is_lowercase) || letters.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
    });
    let starts_with_code = inner.trim_start().starts_with(|c: char| c.is_ascii_uppercase());
    inner.len() >= SHORTEST
        && !inner.contains(['[', ']'])
        && starts_with_code
        && in_capitals
        && inner.contains([':', ',', '/', '-'])
}

/// "IMMIGRATION(b)" → "IMMIGRATION".
fn remove_item_letters(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '(' && chars.get(i + 2) == Some(&')') && chars[i + 1].is_alphabetic() {
            i += 3;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A document's paragraphs, sorted.
pub(crate) struct Parts {
    /// Raw paragraphs of the text, each with its `joinable` flag.
    pub body: Vec<(String, bool)>,
    /// Raw footnotes, numbers removed, in order.
    pub notes: Vec<String>,
    /// Archival references, brackets removed, without repeats.
    pub references: Vec<String>,
}

/// Sorts paragraphs into body, footnotes and archival references.
///
/// A run of notes starts with a paragraph "1 …" right after a break or a
/// reference, or anywhere once the text has shown a "[1]" marker; it takes
/// "2 …", "3 …" in turn (a number or two may be lost in
/// transcription). Unnumbered paragraphs continue the note before them, unless
/// more than [`MAX_NOTE_CONTINUATION`] of them end the run: then they are the
/// text of an enclosure printed after the notes. Cost: one pass.
pub(crate) fn separate_notes(blocks: Vec<Block>) -> Parts {
    let mut parts = Parts { body: Vec::new(), notes: Vec::new(), references: Vec::new() };
    let mut after_break = false;
    let mut first_marker_seen = false;
    let mut run: Option<NoteRun> = None;
    for block in blocks {
        match block {
            Block::Break | Block::Reference(_) => {
                if let Block::Reference(reference) = block
                    && !parts.references.contains(&reference)
                {
                    parts.references.push(reference);
                }
                if let Some(run) = run.take() {
                    run.close(&mut parts);
                }
                after_break = true;
            }
            Block::Text { raw, joinable } => {
                let numbered = note_number(&raw);
                match (&mut run, numbered) {
                    (Some(current), Some((n, text))) if (current.expected..=current.expected + 2).contains(&n) => {
                        if current.pending.len() > MAX_NOTE_CONTINUATION {
                            // Text of an enclosure came between: the run ended before it.
                            if let Some(run) = run.take() {
                                run.close(&mut parts);
                            }
                            parts.body.push((raw, joinable));
                        } else {
                            current.flush_into(&mut parts.notes);
                            parts.notes.push(text.to_string());
                            current.expected = n + 1;
                        }
                    }
                    (Some(current), _) => current.pending.push((raw, joinable)),
                    (None, Some((1, text))) if after_break || first_marker_seen => {
                        parts.notes.push(text.to_string());
                        run = Some(NoteRun { expected: 2, pending: Vec::new() });
                    }
                    (None, _) => {
                        first_marker_seen |= raw.contains("[1]");
                        parts.body.push((raw, joinable));
                    }
                }
                after_break = false;
            }
        }
    }
    if let Some(run) = run {
        run.close(&mut parts);
    }
    parts
}

struct NoteRun {
    expected: usize,
    pending: Vec<(String, bool)>,
}

impl NoteRun {
    fn flush_into(&mut self, notes: &mut [String]) {
        if let Some(note) = notes.last_mut() {
            for (paragraph, _) in self.pending.drain(..) {
                note.push('\n');
                note.push_str(&paragraph);
            }
        }
    }

    fn close(mut self, parts: &mut Parts) {
        if self.pending.len() <= MAX_NOTE_CONTINUATION {
            self.flush_into(&mut parts.notes);
        } else {
            parts.body.append(&mut self.pending);
        }
    }
}

/// "3 U.K. First Sea Lord." → (3, "U.K. First Sea Lord."); also Markdown's own
/// "[^3]: …" notes.
fn note_number(raw: &str) -> Option<(usize, &str)> {
    const MOST_DIGITS: usize = 3;
    // DFAT sometimes glues the opening `_` to the first note ("_1 Sir
    // Maurice…") or prints notes as a bulleted list ("* 1 Code name…").
    let raw = raw.trim_start().trim_start_matches('_');
    let raw = raw.strip_prefix("* ").or_else(|| raw.strip_prefix("- ")).unwrap_or(raw).trim_start();
    if let Some(rest) = raw.strip_prefix("[^") {
        let (label, text) = rest.split_once("]:")?;
        return Some((label.trim().parse().ok()?, text.trim_start()));
    }
    let digits = raw.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || digits > MOST_DIGITS {
        return None;
    }
    let text = raw[digits..].strip_prefix([' ', '\t'])?.trim_start();
    // "2 September 1942" heads an enclosure; it is a date, not a note.
    let first_word = text.split_whitespace().next().unwrap_or("");
    if text.is_empty() || month_number(first_word.trim_end_matches(',')).is_some() {
        return None;
    }
    Some((raw[..digits].parse().ok()?, text))
}

/// Removes "[n]" footnote markers for notes that exist (1…`note_count`), with
/// the space before them; other bracketed numbers ("[111]", "[2](f)") stay.
pub(crate) fn remove_note_markers(text: &str, note_count: usize) -> String {
    if note_count == 0 || !text.contains('[') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let digits = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
        let is_marker = digits > 0
            && after[digits..].starts_with(']')
            && after[..digits].parse::<usize>().is_ok_and(|n| (1..=note_count).contains(&n))
            && !after[digits + 1..].starts_with(|c: char| c.is_alphanumeric() || c == '(' || c == '[');
        if is_marker {
            out.push_str(rest[..open].trim_end_matches(' '));
            rest = &after[digits + 1..];
        } else {
            out.push_str(&rest[..open + 1]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

pub(crate) fn unbracket(text: &str) -> &str {
    let text = text.trim();
    text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_references() {
        for text in [
            "[AA : A981, CHINA 116]",
            "[AA:A1838/2, 852/13/4, ii]",
            "[EGGLESTON PAPERS, NLA : MS423/11/705-6]",
            "[SFU:EVATT COLLECTION, EXTERNAL AFFAIRS-ORIGINAL FILE (a)]",
            "[EVATT COLLECTION - UNITED NATIONS - CABLES]",
            "[SFU : EVATT COLLECTION, IMMIGRATION(b)]",
        ] {
            assert!(is_archive_reference(text), "{text}");
        }
        for text in
            ["[matter omitted]", "[CANBERRA]", "[4]", "[CANBERRA], 22 April 1948", "[Stalin's draft is attached.]"]
        {
            assert!(!is_archive_reference(text), "{text}");
        }
    }

    #[test]
    fn note_markers_only_for_existing_notes() {
        assert_eq!(
            remove_note_markers("Cablegram [111] [1] n.d. [30 December 1937]", 4),
            "Cablegram [111] n.d. [30 December 1937]"
        );
        assert_eq!(remove_note_markers("Paragraph [2](f) read [2].", 3), "Paragraph [2](f) read.");
        assert_eq!(remove_note_markers("see [1]", 0), "see [1]");
    }

    fn text(raw: &str) -> Block {
        classify(raw.to_string(), true)
    }

    #[test]
    fn notes_glued_to_the_break_or_bulleted_are_found() {
        let blocks =
            vec![text("Text with a marker [1]."), text(" _1 Sir Maurice Hankey."), text("2 Document 5."), text("_")];
        let parts = separate_notes(blocks);
        assert_eq!(parts.notes, ["Sir Maurice Hankey.", "Document 5."]);
        assert_eq!(parts.body.len(), 1);
        let blocks = vec![
            text("Tube alloys [1]."),
            text("  * 1 Code name."),
            text("  * 2 Tizard."),
            text("[CSIRO ARCHIVES:SERIES 380, ITEM 5]"),
        ];
        let parts = separate_notes(blocks);
        assert_eq!(parts.notes, ["Code name.", "Tizard."]);
        assert_eq!(parts.references, ["CSIRO ARCHIVES:SERIES 380, ITEM 5"]);
    }

    #[test]
    fn numbered_text_without_a_break_or_marker_is_body() {
        let parts = separate_notes(vec![text("Intro."), text("1 troop ship."), text("2 Permanent squadrons.")]);
        assert!(parts.notes.is_empty());
        assert_eq!(parts.body.len(), 3);
    }

    #[test]
    fn a_date_heading_an_enclosure_is_not_a_note() {
        let mut blocks = vec![text("Letter [1]."), text("_"), text("1 See Document 51."), text("FIRST ENCLOSURE")];
        blocks.extend([text("2 September 1942"), text("A."), text("B."), text("C."), text("3 The Chiefs of Staff.")]);
        let parts = separate_notes(blocks);
        assert_eq!(parts.notes, ["See Document 51."]);
        let body: Vec<&str> = parts.body.iter().map(|(raw, _)| raw.as_str()).collect();
        assert_eq!(
            body,
            ["Letter [1].", "FIRST ENCLOSURE", "2 September 1942", "A.", "B.", "C.", "3 The Chiefs of Staff."]
        );
    }
}

//! Text copied from a Foreign Relations of the United States (FRUS) document.
//!
//! A FRUS telegram opens with its State Department file number and kind
//! ("795.00/7—2552: Telegram"), then the heading ("The Secretary of State to
//! the Embassy in the Soviet Union" plus a footnote marker), a classification
//! ("top secret"), the text, and the editors' numbered footnotes, indented. The
//! file number also carries the date: after the slash come month, day and the
//! year's last two digits (`7—2552` is 25 July 1952). Footnote markers are
//! printed as bare digits glued to the word before ("Union1", "Oct. 5.)2");
//! they are removed where that can be done without touching real numbers.

use super::catalogue;
use super::doc_types::DocumentTypes;
use super::paragraphs::{clean, clean_field, has_blank_lines, paragraphs};
use crate::document::{Document, PartialDate};

pub(crate) const COLLECTION: &str = "Foreign Relations of the United States";

/// FRUS documents all fall in the State Department's decimal-file era.
const FILE_NUMBER_CENTURY: i16 = 1900;
/// Words of a classification line ("top secret", "secret—eyes only").
const CLASSIFICATIONS: [&str; 7] =
    ["secret", "confidential", "restricted", "unclassified", "official use", "eyes only", "niact"];

/// Reads the document, or `None` when the first line is not "file number: kind".
pub(crate) fn parse(lines: &[&str], id: &str, types: &DocumentTypes) -> Option<Document> {
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    let (file_number, kind) = file_number_and_kind(lines[first])?;
    let title_at = next_text(lines, first + 1)?;
    let mut at = title_at + 1;
    let mut doc = Document {
        id: id.to_string(),
        doc_type: Some(kind),
        date: date_in_file_number(&file_number),
        record: Some(file_number),
        collection: Some(COLLECTION.to_string()),
        ..Document::default()
    };
    if let Some(class_at) = next_text(lines, at).filter(|&i| is_classification(lines[i])) {
        doc.metadata.push(("classification".into(), clean(lines[class_at])));
        at = class_at + 1;
    }
    let notes_at = (at..lines.len()).find(|&i| starts_first_note(lines[i])).unwrap_or(lines.len());
    doc.body = paragraphs(&lines[at..notes_at], has_blank_lines(lines));
    doc.footnotes = footnotes(&lines[notes_at..]);

    let mut title = clean(lines[title_at]);
    let mut next_marker = 1;
    if !doc.footnotes.is_empty() {
        if let Some(stripped) = strip_title_marker(&title) {
            title = stripped;
            next_marker = 2;
        }
        strip_markers(&mut doc.body, next_marker, doc.footnotes.len());
    }
    let read = catalogue::read_title(&title, types);
    (doc.from, doc.to) = (read.from, read.to);
    doc.title = title;
    Some(doc)
}

fn next_text(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&i| !lines[i].trim().is_empty())
}

/// "795.00/7—2552: Telegram" → ("795.00/7—2552", "Telegram").
fn file_number_and_kind(line: &str) -> Option<(String, String)> {
    let (number, kind) = line.trim().split_once(": ")?;
    let looks_like_number = number.starts_with(|c: char| c.is_ascii_digit())
        && number.contains('/')
        && !number.contains(char::is_whitespace);
    let kind = clean(kind);
    let looks_like_kind = kind.starts_with(char::is_uppercase) && kind.split(' ').count() <= 4;
    (looks_like_number && looks_like_kind).then(|| (number.to_string(), kind))
}

/// `795.00/7—2552` → 1952-07-25; `611.61/9–2151` → 1951-09-21. Any dash.
fn date_in_file_number(number: &str) -> Option<PartialDate> {
    let (_, after_slash) = number.rsplit_once('/')?;
    let (month, rest) = after_slash.split_once(['—', '–', '-'])?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if !(3..=4).contains(&digits.len()) || month.is_empty() || month.len() > 2 {
        return None;
    }
    let (day, year) = digits.split_at(digits.len() - 2);
    let month: u8 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
    let day: u8 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
    let year = FILE_NUMBER_CENTURY + year.parse::<i16>().ok()?;
    Some(PartialDate { year, month: Some(month), day: Some(day) })
}

fn is_classification(line: &str) -> bool {
    const LONGEST: usize = 40; // bytes; "top secret—eyes only—niact" fits
    let line = line.trim();
    line.len() <= LONGEST
        && !line.chars().any(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.')
        && CLASSIFICATIONS.iter().any(|word| line.contains(word))
}

/// The editors' first footnote: an indented "1." line.
fn starts_first_note(line: &str) -> bool {
    line.starts_with(char::is_whitespace) && note_number(line).is_some_and(|(number, _)| number == 1)
}

/// "  3. The reference…" → (3, "The reference…").
fn note_number(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let digits = trimmed.find(|c: char| !c.is_ascii_digit())?;
    let rest = trimmed[digits..].strip_prefix(". ")?;
    Some((trimmed[..digits].parse().ok()?, rest))
}

/// Footnotes in order, numbers dropped; a note's further paragraphs (indented
/// deeper) join it.
fn footnotes(lines: &[&str]) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    for line in lines.iter().filter(|l| !l.trim().is_empty()) {
        match note_number(line) {
            Some((number, text)) if number == notes.len() + 1 => notes.push(text.to_string()),
            _ => {
                if let Some(note) = notes.last_mut() {
                    note.push('\n');
                    note.push_str(line);
                }
            }
        }
    }
    notes.iter().filter_map(|n| clean_field(n)).collect()
}

/// "…Soviet Union1" or "…Soviet Union 1" → "…Soviet Union".
fn strip_title_marker(title: &str) -> Option<String> {
    const NOT_MARKERS_AFTER: [&str; 5] = ["No.", "No", "Part", "Vol.", "Volume"];
    let rest = title.strip_suffix('1')?;
    if rest.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let word = rest.trim_end();
    let last_word = word.rsplit(' ').next().unwrap_or("");
    let glued_or_spaced = word.ends_with(char::is_alphabetic) || word.ends_with(['.', ')', '”', '"']);
    (glued_or_spaced && !NOT_MARKERS_AFTER.contains(&last_word)).then(|| word.to_string())
}

/// Removes footnote markers `first..=last` from the paragraphs, in reading
/// order. A marker is a number glued to the end of a word ("tel3",
/// "Deputies4") or to closing punctuation ("fit.2", "5.)2"); the word must
/// have two letters or more, so identifiers such as "B20" stay whole.
fn strip_markers(paragraphs: &mut [String], first: usize, last: usize) {
    let mut marker = first;
    for paragraph in paragraphs.iter_mut() {
        let mut from = 0;
        while marker <= last {
            let Some((start, end)) = find_marker(paragraph, from, marker) else {
                break;
            };
            paragraph.replace_range(start..end, "");
            from = start;
            marker += 1;
        }
    }
}

fn find_marker(text: &str, from: usize, number: usize) -> Option<(usize, usize)> {
    let digits = number.to_string();
    let mut search = from;
    while let Some(found) = text[search..].find(&digits) {
        let start = search + found;
        let end = start + digits.len();
        search = start + 1;
        let before = &text[..start];
        let next_is_digit = text[end..].starts_with(|c: char| c.is_ascii_digit());
        let next_is_word = text[end..].starts_with(char::is_alphanumeric);
        if next_is_digit || next_is_word || !glued_after_word(before) {
            continue;
        }
        return Some((start, end));
    }
    None
}

fn glued_after_word(before: &str) -> bool {
    let Some(last) = before.chars().next_back() else { return false };
    if last.is_alphabetic() {
        let word: Vec<char> = before.chars().rev().take_while(|c| c.is_alphanumeric()).collect();
        return word.len() >= 2 && word.iter().all(|c| c.is_alphabetic());
    }
    let before_last = before[..before.len() - last.len_utf8()].chars().next_back();
    match last {
        ')' | '”' | '"' | '’' => before_last.is_some_and(|c| !c.is_whitespace()),
        '.' | ',' | ';' => before_last.is_some_and(|c| c.is_alphabetic() || c == ')'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_numbers_carry_the_date() {
        assert_eq!(date_in_file_number("795.00/7—2552").unwrap().to_string(), "1952-07-25");
        assert_eq!(date_in_file_number("611.61/9–2151").unwrap().to_string(), "1951-09-21");
        assert_eq!(date_in_file_number("611.61/10-551").unwrap().to_string(), "1951-10-05");
        assert_eq!(date_in_file_number("795.00/13-2552"), None);
        assert_eq!(date_in_file_number("795.00"), None);
    }

    #[test]
    fn classification_lines() {
        assert!(is_classification("top secret"));
        assert!(is_classification("secret—eyes only"));
        assert!(!is_classification("92. Part I. USG has been giving careful thought"));
    }

    #[test]
    fn title_markers_are_stripped_only_when_glued_to_a_word() {
        assert_eq!(
            strip_title_marker("To the Embassy in the Soviet Union1").as_deref(),
            Some("To the Embassy in the Soviet Union")
        );
        assert_eq!(strip_title_marker("To the Embassy 1").as_deref(), Some("To the Embassy"));
        assert_eq!(strip_title_marker("Memorandum No. 1"), None);
        assert_eq!(strip_title_marker("Telegram 21"), None);
    }

    #[test]
    fn body_markers_are_stripped_in_order_and_numbers_kept() {
        let mut body = vec![
            "Embtel 586 Oct. 5.)2 We wld also".to_string(),
            "cablegram B20 and fol tel3 not repeated; fit.4 See A1838 and 1.5 UN.5".to_string(),
        ];
        strip_markers(&mut body, 2, 5);
        assert_eq!(body[0], "Embtel 586 Oct. 5.) We wld also");
        assert_eq!(body[1], "cablegram B20 and fol tel not repeated; fit. See A1838 and 1.5 UN.");
    }

    #[test]
    fn multi_paragraph_footnotes_stay_one_note() {
        let lines = ["  1. First note.", "", "    More of it.", "", "  2. Second."];
        assert_eq!(footnotes(&lines), ["First note. More of it.", "Second."]);
    }
}

//! The kind of a document where a cataloguer writes it: at the head of the
//! title, after the correspondents, or on the document's opening line.
//!
//! A title such as "Draft Cabinet submission No 12: Minister to Cabinet" opens
//! with a designation: a few qualifying words, a kind from the vocabulary, and
//! then something that ends it — punctuation, a reference number, a
//! preposition ("Cablegram to Canberra"), a participle ("Memorandum prepared
//! for …") or the end of the title. That last condition is what keeps "Brief
//! History of the Armistice" or "Paper Mills of Ontario" from being read as a
//! brief or a paper: a kind followed straight by another noun is not a
//! designation. The opening line of a document ("Cablegram 43 LONDON, 23
//! January 1941") is held to a stricter rule, because it is often a heading in
//! capitals ("NOTES ON FIRST DISCUSSION") or the first sentence of the text.

use super::doc_types::DocumentTypes;
use super::title_words::{
    Word, date_at, gap, is_all_caps, is_break, is_connective, is_participle, is_reference, words,
};

/// Most words that may qualify a kind at the head of a title ("Draft Full
/// Cabinet submission").
const MAX_QUALIFIERS: usize = 3;
/// Most words that may qualify a kind on an opening line ("Circular secret cablegram").
const MAX_LINE_QUALIFIERS: usize = 2;
/// Most words that may name a series of documents before its number
/// ("Cablegram United Nations 591").
const MAX_SERIES_WORDS: usize = 3;
/// An opening line longer than this is text, not a heading line.
const LONGEST_OPENING_LINE: usize = 200; // bytes

/// A kind found in a title, and where the rest of the title begins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Designation {
    pub kind: String,
    /// Byte offset just after the kind's last word.
    pub end: usize,
}

/// Which rule the words after a kind must meet.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Title,
    OpeningLine,
}

/// The kind at the head of `title`, if it opens with a designation.
pub(crate) fn at_start(title: &str, types: &DocumentTypes) -> Option<Designation> {
    let found = words(title);
    head(title, &found, types, MAX_QUALIFIERS, Place::Title)
        .map(|(kind, last)| Designation { kind: kind.to_string(), end: found[last].end })
}

/// The kind named on a document's opening line ("Cablegram 43 LONDON…",
/// "Letter (extract)", "MEMORANDUM").
pub(crate) fn on_opening_line(line: &str, types: &DocumentTypes) -> Option<String> {
    if line.len() > LONGEST_OPENING_LINE {
        return None;
    }
    let found = words(line);
    head(line, &found, types, MAX_LINE_QUALIFIERS, Place::OpeningLine).map(|(kind, _)| kind.to_string())
}

/// A kind that ends a title's correspondents at word `at` ("Casey to
/// Menzies: letter", "Dedman to Chifley Cablegram IT0261"): a kind set off by
/// punctuation, or a capitalised kind followed by a reference or nothing.
pub(crate) fn tail_at<'t>(text: &str, found: &[Word<'_>], at: usize, types: &'t DocumentTypes) -> Option<&'t str> {
    let set_off = at > 0 && is_break(gap(text, found, Some(at - 1)));
    if !set_off && !found[at].text.starts_with(char::is_uppercase) {
        return None;
    }
    let texts: Vec<&str> = found[at..].iter().take(types.longest_form()).map(|w| w.text).collect();
    types.matches_at(&texts).into_iter().find_map(|(kind, n)| {
        let last = at + n - 1;
        let closes = found.get(last + 1).is_none_or(|w| is_reference(w.text)) || is_break(gap(text, found, Some(last)));
        (closes || (set_off && boundary(text, found, last, Place::Title))).then_some(kind)
    })
}

/// The kind and its last word's index, when `found` opens with at most
/// `max_qualifiers` qualifying words, then a kind, then a boundary.
fn head<'t>(
    text: &str,
    found: &[Word<'_>],
    types: &'t DocumentTypes,
    max_qualifiers: usize,
    place: Place,
) -> Option<(&'t str, usize)> {
    let texts: Vec<&str> = found.iter().map(|w| w.text).collect();
    for at in 0..=max_qualifiers.min(found.len()) {
        if at > 0 && !qualifies(text, found, at - 1) {
            return None;
        }
        for (kind, n) in types.matches_at(&texts[at..]) {
            let last = at + n - 1;
            if boundary(text, found, last, place) {
                return Some((kind, last));
            }
        }
    }
    None
}

/// Whether word `i` may qualify a kind that follows it: a plain word, not a
/// number or a preposition, joined to the next by a space only.
fn qualifies(text: &str, found: &[Word<'_>], i: usize) -> bool {
    let word = found[i].text;
    !is_reference(word) && !is_connective(word) && !is_break(gap(text, found, Some(i)))
}

/// Whether the designation ending with word `last` ends there.
fn boundary(text: &str, found: &[Word<'_>], last: usize, place: Place) -> bool {
    let Some(next) = found.get(last + 1) else { return true };
    if is_break(gap(text, found, Some(last))) || is_reference(next.text) {
        return true;
    }
    let shouted = is_all_caps(found[last].text);
    match place {
        Place::Title => is_connective(next.text) || is_participle(next.text),
        // An opening line in capitals is usually a heading ("NOTES ON FIRST
        // DISCUSSION"); in mixed case, a place in capitals is a dateline
        // ("Letter LONDON, 22 June 1938").
        // Participles are left out: "Message received today is …" is text.
        // A line with a dateline ("… TOKYO, 25 June 1946") is a heading,
        // whatever stands between the kind and the place.
        Place::OpeningLine => {
            (!shouted && (is_connective(next.text) || is_all_caps(next.text) || has_dateline(text, found)))
                || names_a_series(found, last + 1)
        }
    }
}

/// Whether a line holds a place in capitals or a date, as a document's
/// heading line does ("Cablegram Secret and Personal TOKYO, 16 August 1946").
fn has_dateline(text: &str, found: &[Word<'_>]) -> bool {
    (0..found.len()).any(|i| {
        let word = found[i].text;
        (is_all_caps(word) && word.chars().filter(|c| c.is_alphabetic()).count() >= 3) || date_at(text, found, i)
    })
}

/// "Hague 207", "United Nations 591", "P & C 9": a numbered series of
/// documents, named in capitalised words before the number.
fn names_a_series(found: &[Word<'_>], from: usize) -> bool {
    found[from..]
        .iter()
        .take(MAX_SERIES_WORDS + 1)
        .position(|w| is_reference(w.text))
        .is_some_and(|at| at > 0 && found[from..from + at].iter().all(|w| w.text.starts_with(char::is_uppercase)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(title: &str) -> Option<String> {
        at_start(title, &DocumentTypes::defaults()).map(|d| d.kind)
    }

    fn line(text: &str) -> Option<String> {
        on_opening_line(text, &DocumentTypes::defaults())
    }

    #[test]
    fn a_kind_heads_titles_in_every_style() {
        for (title, expected) in [
            ("Cablegram to Canberra", "Cablegram"),
            ("LETTER FROM CASEY TO MENZIES", "Letter"),
            ("letter from casey to menzies", "Letter"),
            ("Minute, Smith to Jones", "Minute"),
            ("Record of Conversation between Evatt and Molotov", "Record of conversation"),
            ("Submission No 12: Minister to Cabinet", "Submission"),
            ("Cable from Zhou Enlai to Mao Zedong", "Cable"),
            ("Hand-delivered letter, Filippov (Stalin) to Mao Zedong", "Letter"),
            ("Draft Full Cabinet Submission by the Department", "Submission"),
            ("Memorandum prepared for the Delegation", "Memorandum"),
            ("Statement Issued by the Minister", "Statement"),
            ("Telegrams 31 and 32", "Telegram"),
            ("Savingram", "Savingram"),
            ("Aide-mémoire handed to the Ambassador", "Aide-memoire"),
            ("Notes on the Conference (extract)", "Note"),
            ("Memo — Budget estimates", "Memorandum"),
            ("Circular Cablegram D219", "Circular cablegram"),
            ("Cabinet Decision 1421", "Cabinet decision"),
        ] {
            assert_eq!(kind(title).as_deref(), Some(expected), "{title}");
        }
    }

    #[test]
    fn a_kind_followed_by_another_noun_is_not_a_designation() {
        for title in [
            "Brief History of the Armistice",
            "Paper Mills of Ontario",
            "The Letter Carriers' Strike",
            "Report Cards and Reading",
            "Annual general meeting of the Society",
            "Mr R. G. Casey to Department of External Affairs",
            "Notebook of a Traveller",
            "History of the Cablegram to Zimmermann",
            "",
        ] {
            assert_eq!(kind(title), None, "{title}");
        }
    }

    #[test]
    fn the_rest_of_the_title_begins_after_the_kind() {
        let title = "Record of Conversation between A and B";
        let found = at_start(title, &DocumentTypes::defaults()).unwrap();
        assert_eq!(&title[found.end..], " between A and B");
    }

    #[test]
    fn opening_lines() {
        for (text, expected) in [
            ("Cablegram UN949 NEW YORK, 8 December 1946, 8.08 p.m.", "Cablegram"),
            ("Circular Cablegram B20 CANBERRA", "Circular cablegram"),
            ("Letter (extract) LONDON, 22 June 1938", "Letter"),
            ("Cablegrams 31, 32 LONDON", "Cablegram"),
            ("cablegram [337] BATAVIA, 1 October 1947", "Cablegram"),
            ("Memorandum CANBERRA, 9 July 1937", "Memorandum"),
            ("MEMORANDUM", "Memorandum"),
            ("TELEX 43", "Telex"),
            ("Minute by the Secretary", "Minute"),
            ("Cablegram United Nations 591 NEW YORK, 31 October 1946", "Cablegram"),
            ("Departmental Dispatch Hag 69/48 THE HAGUE", "Departmental dispatch"),
            ("Letter(extract) CANBERRA, 11 April 1946", "Letter"),
            ("Telegram n.d. [on or after 8 January 1940]", "Telegram"),
            ("Message[1] , [LONDON], 14 January 1948", "Message"),
            ("Cablegram Secret and Personal for the Minister 2 TOKYO, 25 June 1946", "Cablegram"),
            ("Cablegram log LONDON, 27 October 1938, 6.46 p.m.", "Cablegram"),
            ("Cablegram.18 LONDON, 16 January 1946", "Cablegram"),
        ] {
            assert_eq!(line(text).as_deref(), Some(expected), "{text}");
        }
        for text in [
            "NOTES ON FIRST DISCUSSION",
            "Noteworthy events followed.",
            "Note that the Japanese delegation has not yet replied to our proposal.",
            "Message received today is most disturbing.",
            "LONDON, 26 April 1940",
            "Report Cards Are Due On Monday",
        ] {
            assert_eq!(line(text), None, "{text}");
        }
        assert_eq!(line(&format!("Letter {}", "x ".repeat(120))), None);
    }

    #[test]
    fn a_kind_after_the_correspondents() {
        let types = DocumentTypes::defaults();
        for (text, at, expected) in [
            ("Casey to Menzies: letter", 3, Some("Letter")),
            ("Dedman to Chifley Cablegram IT0261 GENEVA", 3, Some("Cablegram")),
            ("Smith to Jones (telegram)", 3, Some("Telegram")),
            ("Glasgow to Evatt Dispatch M3/44 (extracts)", 3, Some("Dispatch")),
            ("Evatt to the Note Printing Branch", 3, None),
            ("Evatt to the Brief Committee", 3, None),
            ("Evatt to the minister letter", 4, None),
        ] {
            assert_eq!(tail_at(text, &words(text), at, &types), expected, "{text}");
        }
    }
}

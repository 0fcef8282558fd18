//! Who wrote to whom, read from a document's title.
//!
//! Archives of correspondence title their documents by sender and recipient
//! ("Telegram from (Stalin) to Mao Zedong, via Krasovsky", "Chifley to Evatt",
//! "The Secretary of State to the Embassy in the Soviet Union"), and a search
//! page wants those as fields to filter on. Titles that are not correspondence
//! ("Memorandum prepared for Delegation to Imperial Conference") must give
//! nothing rather than a wrong sender, so a side is accepted only when it reads
//! like a name: capitalised words joined by particles such as "of" and "and".

/// Words that name a kind of document; a title whose sender would start with
/// one ("Report to the Committee") is about a document, not from a person.
const DOCUMENT_KINDS: &[&str] = &[
    "aide-memoire",
    "brief",
    "cable",
    "cablegram",
    "circular",
    "conversation",
    "despatch",
    "dispatch",
    "draft",
    "extract",
    "letter",
    "memo",
    "memorandum",
    "message",
    "minute",
    "minutes",
    "note",
    "notes",
    "record",
    "report",
    "speech",
    "statement",
    "submission",
    "summary",
    "telegram",
    "transcript",
];

/// Lowercase words that may sit inside a name or an office.
const PARTICLES: &[&str] = &[
    "&", "al", "and", "at", "bin", "da", "de", "del", "della", "den", "der", "des", "di", "du", "el", "for", "in",
    "la", "le", "of", "on", "ten", "the", "to", "van", "von", "y", "zu",
];

/// What follows the recipient without being part of it.
const RECIPIENT_ENDS: &[&str] = &[
    ", via ",
    " via ",
    ", with ",
    " with ",
    ", regarding ",
    " regarding ",
    ", concerning ",
    " concerning ",
    ", about ",
    " about ",
    ", on ",
];

/// Sender and recipient from a title such as "A to B", "Letter from A to B" or
/// "Hand-delivered letter, A to B"; `(None, None)` when the title has no such shape.
pub(crate) fn from_title(title: &str) -> (Option<String>, Option<String>) {
    let candidate = if let Some(at) = title.find(" from ") {
        &title[at + " from ".len()..]
    } else {
        match title.split_once(", ") {
            Some((prefix, rest)) if names_a_kind(prefix) => rest,
            _ => title,
        }
    };
    let mut candidate = candidate;
    for end in RECIPIENT_ENDS {
        if let Some(at) = candidate.find(end) {
            candidate = &candidate[..at];
        }
    }
    // "A, Minister to the United States, to B": an office may hold " to "
    // itself, and then the comma marks the split.
    let separator = if candidate.matches(" to ").count() > 1 { ", to " } else { " to " };
    let mut sides = candidate.split(separator);
    let (Some(sender), Some(recipient), None) = (sides.next(), sides.next(), sides.next()) else {
        return (None, None);
    };
    let sender = tidy(sender);
    let recipient = tidy(recipient);
    if sender.is_empty() || recipient.is_empty() || !reads_like_a_name(&sender) || !reads_like_a_name(&recipient) {
        return (None, None);
    }
    (Some(sender), Some(recipient))
}

/// Trims spaces and a dangling comma; unwraps a name the editors bracketed
/// as attributed ("(Stalin)" → "Stalin").
fn tidy(side: &str) -> String {
    let side = side.trim().trim_end_matches(',').trim();
    let unwrapped =
        side.strip_prefix('(').and_then(|s| s.strip_suffix(')')).filter(|inner| !inner.contains(['(', ')']));
    unwrapped.unwrap_or(side).trim().to_string()
}

/// Whether a title prefix such as "Hand-delivered letter" or "Ciphered telegram"
/// names a kind of document.
fn names_a_kind(prefix: &str) -> bool {
    prefix
        .rsplit(|c: char| c.is_whitespace() || c == '-')
        .next()
        .is_some_and(|word| DOCUMENT_KINDS.contains(&word.to_lowercase().as_str()))
}

fn reads_like_a_name(side: &str) -> bool {
    let mut words = side.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'));
    let Some(first) = words.next() else { return false };
    if DOCUMENT_KINDS.contains(&first.to_lowercase().as_str()) {
        return false;
    }
    std::iter::once(first).chain(words).all(|word| {
        !word.starts_with(char::is_lowercase) || word.contains('\'') || word.contains('’') || PARTICLES.contains(&word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(title: &str) -> (Option<String>, Option<String>) {
        from_title(title)
    }

    fn some(from: &str, to: &str) -> (Option<String>, Option<String>) {
        (Some(from.to_string()), Some(to.to_string()))
    }

    #[test]
    fn wilson_center_titles() {
        assert_eq!(
            pair("Hand-delivered letter, Filippov (Stalin) to Mao Zedong"),
            some("Filippov (Stalin)", "Mao Zedong")
        );
        assert_eq!(pair("Telegram from (Stalin) to Mao Zedong, via Krasovsky"), some("Stalin", "Mao Zedong"));
        assert_eq!(
            pair(
                "Handwritten letter from Gao Gang and Kim Il Sung to Stalin, with 13 June 1951 \
                 handwritten letter from Mao Zedong to Gao Gang and Kim Il Sung"
            ),
            some("Gao Gang and Kim Il Sung", "Stalin")
        );
    }

    #[test]
    fn archive_titles_keep_offices() {
        assert_eq!(
            pair("Mr R. G. Menzies, Prime Minister, to Lord Cranborne, U.K. Secretary of State for Dominion Affairs"),
            some("Mr R. G. Menzies, Prime Minister", "Lord Cranborne, U.K. Secretary of State for Dominion Affairs")
        );
        assert_eq!(
            pair("The Secretary of State to the Embassy in the Soviet Union"),
            some("The Secretary of State", "the Embassy in the Soviet Union")
        );
        assert_eq!(
            pair("Mr R. G. Casey, Minister to the United States, to Department of External Affairs"),
            some("Mr R. G. Casey, Minister to the United States", "Department of External Affairs")
        );
        assert_eq!(
            pair("Mr F. K. Officer, Charge d'Affaires in Japan, to Department of External Affairs"),
            some("Mr F. K. Officer, Charge d'Affaires in Japan", "Department of External Affairs")
        );
    }

    #[test]
    fn titles_that_are_not_correspondence_give_nothing() {
        for title in [
            "Memorandum prepared for Delegation to Imperial Conference",
            "Submission by Dedman to Council of Defence",
            "Report to the Central Committee",
            "Minute by Robertson",
            "A to B to C",
        ] {
            assert_eq!(pair(title), (None, None), "{title}");
        }
    }
}

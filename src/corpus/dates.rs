//! Dates as archives write them, read into a [`PartialDate`].
//!
//! Collections write dates as ISO (`1951-06-14`, or with a time), as American
//! page text (`June 05, 1951`) or British (`5 June 1951`), and often know only
//! the month or year. Anything this module does not recognise is `None`, and the
//! reader keeps the original text in the document's metadata instead of guessing.

use crate::document::PartialDate;

/// Parses a whole date string: ISO 8601 at any precision (a time after the
/// date is ignored), `June 5, 1951`, `5 June 1951`, `June 1951`, `Sept. 1951`.
pub(crate) fn parse_date(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    parse_iso_prefix(text).or_else(|| parse_english(text))
}

/// `1951-06-14`, `1951-06-14T10:00:00Z`, `1951-06-14 10:00`.
fn parse_iso_prefix(text: &str) -> Option<PartialDate> {
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == '-')).unwrap_or(text.len());
    let rest = &text[end..];
    let time_follows = rest.strip_prefix(['T', ' ']).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    if rest.is_empty() || time_follows { PartialDate::parse_iso(&text[..end]) } else { None }
}

fn parse_english(text: &str) -> Option<PartialDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let (year, month, day) = match words.as_slice() {
        [month, day, year] if month_number(month).is_some() => (*year, month_number(month), Some(*day)),
        [day, month, year] if month_number(month).is_some() => (*year, month_number(month), Some(*day)),
        [month, year] => (*year, Some(month_number(month)?), None),
        _ => return None,
    };
    if year.len() != 4 {
        return None;
    }
    let year: i16 = year.parse().ok()?;
    let day = match day {
        None => None,
        Some(day) => {
            let digits = day.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
            let day: u8 = digits.parse().ok()?;
            if !(1..=31).contains(&day) {
                return None;
            }
            Some(day)
        }
    };
    Some(PartialDate { year, month, day })
}

/// `January`/`Jan`/`Sept` → 1…12, any case.
pub(crate) fn month_number(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let position = MONTHS.iter().position(|m| *m == word || (word.len() <= 4 && m.starts_with(&word)))?;
    Some(position as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        parse_date(text).map(|d| d.to_string())
    }

    #[test]
    fn american_and_british_dates() {
        assert_eq!(iso("September 17, 1952").as_deref(), Some("1952-09-17"));
        assert_eq!(iso("June 05, 1951").as_deref(), Some("1951-06-05"));
        assert_eq!(iso("5 June 1951").as_deref(), Some("1951-06-05"));
        assert_eq!(iso("25th January 1939").as_deref(), Some("1939-01-25"));
        assert_eq!(iso("Sept. 28, 1951").as_deref(), Some("1951-09-28"));
        assert_eq!(iso("June 1951").as_deref(), Some("1951-06"));
    }

    #[test]
    fn iso_dates_with_or_without_time() {
        assert_eq!(iso("1951").as_deref(), Some("1951"));
        assert_eq!(iso("1941-01").as_deref(), Some("1941-01"));
        assert_eq!(iso("2021-03-04T10:00:00Z").as_deref(), Some("2021-03-04"));
    }

    #[test]
    fn other_text_is_not_a_date() {
        for text in ["", "n.d.", "Spring 1951", "June 32, 1951", "Maybe 5, 1951", "1951-6", "c. 1950"] {
            assert_eq!(iso(text), None, "{text}");
        }
    }
}

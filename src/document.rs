//! A document as an archive describes it: fields a historian cites, and the text.
//!
//! Every corpus reader produces a [`Document`]; the index stores it whole, so the
//! page can show and cite it without any other file. Fields are plain strings
//! because archives disagree about almost everything; the one exception is the
//! date, which is parsed into a [`PartialDate`] so that filters and sorting can
//! honour a document dated only "1951" or "June 1951" without inventing a day.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One document of a collection.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier: a JSONL record's `id`, or the file path relative to the
    /// folder given, without extension.
    pub id: String,
    pub title: String,
    pub date: Option<PartialDate>,
    /// Kind of document as the archive names it: "Letter", "Telegram", "Memorandum"…
    pub doc_type: Option<String>,
    /// Author or sender.
    pub from: Option<String>,
    /// Recipient.
    pub to: Option<String>,
    /// An archive's abstract of the document.
    pub summary: Option<String>,
    /// Collection, series or volume the document belongs to.
    pub collection: Option<String>,
    /// Archival source citation ("APRF, f. 45, op. 1, d. 339…").
    pub source: Option<String>,
    /// Record id or file number ("110365", "795.00/7–2552").
    pub record: Option<String>,
    /// Where the document can be seen online.
    pub url: Option<String>,
    /// The language it is written in, a BCP 47 tag (`de-1996`, `zh-Hant`).
    /// `None` from a reader that found none; the index builder gives such a
    /// document the collection's language, and stores every document's.
    pub language: Option<String>,
    /// Body text, one entry per paragraph, in reading order.
    pub body: Vec<String>,
    /// Editorial footnotes, in order, without their markers.
    pub footnotes: Vec<String>,
    /// Any other fields the source carried, sorted by key (deterministic output).
    pub metadata: Vec<(String, String)>,
}

/// A date known to a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i16,
    /// 1–12, or `None` when only the year is known.
    pub month: Option<u8>,
    /// 1–31, or `None` when only the year or month is known.
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; anything else is `None`.
    pub fn parse_iso(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        let mut parts = text.split('-');
        let year_text = parts.next()?;
        if year_text.len() != 4 {
            return None;
        }
        let year: i16 = year_text.parse().ok()?;
        let month = match parts.next() {
            None => None,
            Some(m) if m.len() == 2 => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
            Some(_) => return None,
        };
        let day = match parts.next() {
            None => None,
            Some(d) if d.len() == 2 && month.is_some() => Some(d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?),
            Some(_) => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate { year, month, day })
    }

    /// The first day this date could mean, as `YYYYMMDD` (for range filters).
    pub fn first_day(&self) -> u32 {
        self.year as u32 * 10_000 + self.month.unwrap_or(1) as u32 * 100 + self.day.unwrap_or(1) as u32
    }

    /// The last day this date could mean, as `YYYYMMDD` (for range filters).
    pub fn last_day(&self) -> u32 {
        self.year as u32 * 10_000 + self.month.unwrap_or(12) as u32 * 100 + self.day.unwrap_or(31) as u32
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 at the precision known: `1951`, `1951-06` or `1951-06-14`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_at_every_precision_and_print_back() {
        for text in ["1951", "1951-06", "1951-06-14"] {
            assert_eq!(PartialDate::parse_iso(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn malformed_dates_are_refused() {
        for text in ["", "51", "1951-13", "1951-6-1", "1951-06-32", "1951-06-14-01", "June 1951"] {
            assert_eq!(PartialDate::parse_iso(text), None, "{text}");
        }
    }

    #[test]
    fn partial_dates_span_their_whole_period() {
        let month = PartialDate::parse_iso("1951-06").unwrap();
        assert_eq!((month.first_day(), month.last_day()), (19510601, 19510631));
    }
}

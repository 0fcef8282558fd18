//! Citations: how a reader cites a document they found, in Chicago style
//! (notes and bibliography form for archival material).

use crate::document::{Document, PartialDate};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as Chicago writes it: `September 17, 1952`, `June 1951`, `1951`.
pub fn long_date(date: PartialDate) -> String {
    match (date.month, date.day) {
        (Some(m), Some(d)) => format!("{} {d}, {}", MONTHS[(m as usize - 1) % 12], date.year),
        (Some(m), None) => format!("{} {}", MONTHS[(m as usize - 1) % 12], date.year),
        _ => date.year.to_string(),
    }
}

/// A plain-text citation: title in quotes, date (or `n.d.`), archival source,
/// collection, record or file number, and the source URL when known.
pub fn cite(document: &Document) -> String {
    let mut parts: Vec<String> = Vec::new();
    let title = document.title.trim().trim_end_matches('.');
    parts.push(format!("“{title},”"));
    let mut details: Vec<String> = vec![document.date.map_or("n.d.".to_string(), long_date)];
    details.extend(document.source.iter().map(|s| s.trim().trim_end_matches('.').to_string()));
    details.extend(document.collection.iter().map(|c| c.trim().to_string()));
    if let Some(record) = &document.record {
        let label = if record.chars().all(|c| c.is_ascii_digit()) { "Record ID " } else { "" };
        details.push(format!("{label}{}", record.trim()));
    }
    let details = details.join(", ");
    parts.push(if details.ends_with('.') { details } else { format!("{details}.") });
    if let Some(url) = document.url.as_deref().and_then(web_url) {
        parts.push(format!("{url}."));
    }
    parts.join(" ")
}

/// The document's URL when it is a web address (`http:` or `https:`, any
/// case), without surrounding space or `<…>`; `None` for anything else.
///
/// A collection's `url:` field is curator or third-party input. A page that
/// turns it into a link must never get `javascript:`, `data:` or `vbscript:`
/// (or `java\tscript:`, which browsers read as `javascript:`), so only web
/// addresses leave the core: in citations and in [`crate::view::render`]'s `url`.
pub fn web_url(url: &str) -> Option<&str> {
    let url = url.trim().trim_start_matches('<').trim_end_matches('>').trim();
    let scheme_end = url.find(':')?;
    let scheme = &url[..scheme_end];
    let rest = &url[scheme_end + 1..];
    let is_web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    (is_web && rest.starts_with("//") && !url.contains(|c: char| c.is_control() || c.is_whitespace())).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archival_letter_citation_has_every_part() {
        let document = Document {
            title: "Telegram from (Stalin) to Mao Zedong, via Krasovsky".into(),
            date: PartialDate::parse_iso("1951-06-05"),
            source: Some("APRF, Fond 45, Opis 1, Delo 339, Listy 17-18".into()),
            collection: Some("Wilson Center Digital Archive".into()),
            record: Some("112106".into()),
            url: Some("<http://digitalarchive.wilsoncenter.org/document/112106>".into()),
            ..Document::default()
        };
        assert_eq!(
            cite(&document),
            "“Telegram from (Stalin) to Mao Zedong, via Krasovsky,” June 5, 1951, APRF, Fond 45, Opis 1, Delo 339, \
             Listy 17-18, Wilson Center Digital Archive, Record ID 112106. http://digitalarchive.wilsoncenter.org/document/112106."
        );
    }

    #[test]
    fn only_web_addresses_are_cited() {
        for url in ["http://x.org/a", "HTTPS://x.org", " <https://x.org/a?b=1&c=2> "] {
            assert!(web_url(url).is_some(), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " java\tscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "http:alert(1)",
            "https://x.org/a b",
            "/relative/path",
            "",
        ] {
            assert_eq!(web_url(url), None, "{url:?}");
        }
        let document =
            Document { title: "Note".into(), url: Some("javascript:alert(1)".into()), ..Document::default() };
        assert_eq!(cite(&document), "“Note,” n.d.");
    }

    #[test]
    fn undated_and_partial_dates_are_honest() {
        let mut document = Document { title: "Note".into(), ..Document::default() };
        assert_eq!(cite(&document), "“Note,” n.d.");
        document.date = PartialDate::parse_iso("1951-06");
        assert_eq!(cite(&document), "“Note,” June 1951.");
    }
}

//! JSON Lines: one document per line, the shape exported datasets come in.
//!
//! Each line is an object with `id` (string or number: test collections such
//! as Cranfield number their documents), `title` and `text`; the usual
//! optional fields map onto the document, and any other string or number is
//! kept as metadata. Errors carry the line number, and a bad line does not
//! stop the lines after it from being read (the caller decides whether to go
//! on). A record whose `text` is present but empty is kept: datasets number
//! their records and relevance judgments refer to those numbers, so dropping
//! one would silently change the collection.

use super::dates::parse_date;
use super::error::{CorpusErrorKind, ParseError};
use super::paragraphs::{blank_separated, clean_field, normalise_newlines};
use crate::document::Document;
use serde_json::{Map, Value};

/// Reads every record of a JSON Lines text, in order; blank lines are skipped.
/// Each result carries the record's 1-based line number.
pub fn parse_jsonl(text: &str) -> Vec<(usize, Result<Document, ParseError>)> {
    let text = normalise_newlines(text);
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| (index + 1, parse_jsonl_record(line, index + 1)))
        .collect()
}

/// Reads one record; `line_number` goes into the error.
pub fn parse_jsonl_record(line: &str, line_number: usize) -> Result<Document, ParseError> {
    let fail = |kind| ParseError::on_line(line_number, kind);
    let value: Value =
        serde_json::from_str(line).map_err(|err| fail(CorpusErrorKind::Json { reason: err.to_string() }))?;
    let Value::Object(mut record) = value else {
        return Err(fail(CorpusErrorKind::Json { reason: "the line holds a JSON value but not an object".into() }));
    };
    let id = match record.remove("id") {
        Some(Value::String(id)) if !id.trim().is_empty() => id.trim().to_string(),
        Some(Value::Number(id)) => id.to_string(),
        None | Some(Value::Null) => return Err(fail(CorpusErrorKind::MissingField { field: "id" })),
        Some(_) => {
            let reason = "`id` must be a non-empty string or a number".into();
            return Err(fail(CorpusErrorKind::Json { reason }));
        }
    };
    let title = required_text(&mut record, "title").map_err(fail)?;
    let text = required_text(&mut record, "text").map_err(fail)?;

    let mut doc = Document { id, title: clean_field(&title).unwrap_or_default(), ..Document::default() };
    doc.body = blank_separated(&text.lines().collect::<Vec<_>>()).iter().filter_map(|p| clean_field(p)).collect();
    if let Some(date) = take(&mut record, &["date"]) {
        doc.date = parse_date(&date);
        if doc.date.is_none() {
            record.insert("date".into(), Value::String(date));
        }
    }
    doc.doc_type = take(&mut record, &["type", "doc_type"]);
    doc.from = take(&mut record, &["author", "from"]);
    doc.to = take(&mut record, &["recipient", "to"]);
    doc.collection = take(&mut record, &["collection"]);
    doc.url = take(&mut record, &["url"]);
    doc.summary = take(&mut record, &["summary"]);
    doc.source = take(&mut record, &["source"]);
    doc.record = take(&mut record, &["record"]);
    if let Some(value) = take(&mut record, &["lang", "language"]) {
        match super::language::from_field(&value) {
            Some(tag) => doc.language = Some(tag),
            None => drop(record.insert("language".into(), Value::String(value))),
        }
    }
    if let Some(Value::Array(notes)) = record.remove("footnotes") {
        doc.footnotes = notes.iter().filter_map(|n| n.as_str().and_then(clean_field)).collect();
    }
    doc.metadata = record.iter().filter_map(|(key, value)| Some((key.clone(), printable(value)?))).collect();
    doc.metadata.sort();
    Ok(doc)
}

fn required_text(record: &mut Map<String, Value>, field: &'static str) -> Result<String, CorpusErrorKind> {
    match record.remove(field) {
        Some(Value::String(text)) => Ok(text),
        Some(Value::Number(number)) => Ok(number.to_string()),
        None | Some(Value::Null) => Err(CorpusErrorKind::MissingField { field }),
        Some(_) => Err(CorpusErrorKind::Json { reason: format!("`{field}` must be a string") }),
    }
}

/// The first of `keys` with printable, non-empty content; every alias is removed.
fn take(record: &mut Map<String, Value>, keys: &[&str]) -> Option<String> {
    let values: Vec<Option<Value>> = keys.iter().map(|key| record.remove(*key)).collect();
    values.iter().flatten().find_map(printable)
}

/// Strings, numbers and booleans as text; a list of them joined with "; ".
fn printable(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => clean_field(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().filter(|v| !v.is_array()).filter_map(printable).collect();
            (!items.is_empty()).then(|| items.join("; "))
        }
        Value::Null | Value::Object(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cranfield_style_records() {
        let line = r#"{"id": 1, "title": "experimental investigation .", "author": "brenckman,m.", "biblio": "j. ae. scs. 25, 1958, 324.", "text": "experimental  investigation of the aerodynamics ."}"#;
        let doc = parse_jsonl_record(line, 1).unwrap();
        assert_eq!(doc.id, "1");
        assert_eq!(doc.title, "experimental investigation .");
        assert_eq!(doc.from.as_deref(), Some("brenckman,m."));
        assert_eq!(doc.body, ["experimental investigation of the aerodynamics ."]);
        assert_eq!(doc.metadata, [("biblio".to_string(), "j. ae. scs. 25, 1958, 324.".to_string())]);
    }

    #[test]
    fn optional_fields_and_paragraphs() {
        let line = r#"{"id": "a-1", "title": "T", "text": "One.\n\nTwo\nlines.", "date": "1951-06", "type": "Letter", "recipient": "R", "collection": "C", "url": "http://x", "summary": "S", "pages": 3, "draft": false, "tags": ["x", "y"], "extra": {"k": 1}}"#;
        let doc = parse_jsonl_record(line, 1).unwrap();
        assert_eq!(doc.body, ["One.", "Two lines."]);
        assert_eq!(doc.date.unwrap().to_string(), "1951-06");
        assert_eq!(doc.doc_type.as_deref(), Some("Letter"));
        assert_eq!(doc.to.as_deref(), Some("R"));
        assert_eq!(
            (doc.collection.as_deref(), doc.url.as_deref(), doc.summary.as_deref()),
            (Some("C"), Some("http://x"), Some("S"))
        );
        let keys: Vec<&str> = doc.metadata.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["draft", "pages", "tags"]);
    }

    #[test]
    fn bad_lines_report_their_line_numbers_and_good_ones_still_load() {
        let text = "{\"id\": 1, \"title\": \"A\", \"text\": \"a\"}\n\n{\"id\": 2, \"title\": \"B\"}\n{not json}\n[1]\n{\"title\": \"C\", \"text\": \"c\"}\n{\"id\": 7, \"title\": \"D\", \"text\": \"d\"}\n";
        let results = parse_jsonl(text);
        let lines: Vec<usize> = results.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [1, 3, 4, 5, 6, 7]);
        assert!(results[0].1.is_ok() && results[5].1.is_ok());
        let err = |i: usize| results[i].1.as_ref().unwrap_err();
        assert!(matches!(err(1).kind, CorpusErrorKind::MissingField { field: "text" }) && err(1).line == Some(3));
        assert!(matches!(err(2).kind, CorpusErrorKind::Json { .. }) && err(2).line == Some(4));
        assert!(matches!(err(3).kind, CorpusErrorKind::Json { .. }) && err(3).line == Some(5));
        assert!(matches!(err(4).kind, CorpusErrorKind::MissingField { field: "id" }) && err(4).line == Some(6));
    }

    #[test]
    fn records_with_empty_text_are_kept() {
        let doc = parse_jsonl_record(r#"{"id": 471, "title": "", "author": "", "text": ""}"#, 471).unwrap();
        assert_eq!(doc.id, "471");
        assert!(doc.body.is_empty() && doc.from.is_none() && doc.metadata.is_empty());
    }
}

//! YAML front matter: the `key: value` block between `---` lines that opens a
//! Markdown file (Jekyll, Hugo, Pandoc and most static-site collections).
//!
//! Values are handed on as YAML so the Markdown reader can tell a scalar from
//! a list (DFAT's `naa_refs` is a list of maps). A broken block is an error
//! naming the file line: silently reading the block as body text would index
//! field names as words and lose the title.

use super::error::{CorpusErrorKind, ParseError};
use yaml_rust2::{Yaml, YamlLoader};

/// A Markdown file split into its front-matter fields (in file order) and body.
pub(crate) struct Split<'a> {
    pub fields: Vec<(String, Yaml)>,
    pub body: &'a str,
}

/// Splits off and parses the front matter; a file without one is all body.
/// `text` must have `\n` line endings.
pub(crate) fn split(text: &str) -> Result<Split<'_>, ParseError> {
    let Some(after_open) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("--- \n")) else {
        return Ok(Split { fields: Vec::new(), body: text });
    };
    let mut offset = 0;
    let mut close = None;
    for line in after_open.split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = close else {
        let reason = "it opens with `---` on line 1 but no closing `---` line follows".to_string();
        return Err(ParseError::on_line(1, CorpusErrorKind::FrontMatter { reason }));
    };
    let fields = parse_fields(&after_open[..yaml_end])?;
    Ok(Split { fields, body: &after_open[body_start..] })
}

fn parse_fields(yaml: &str) -> Result<Vec<(String, Yaml)>, ParseError> {
    const FIRST_YAML_LINE: usize = 2; // the file's line 1 is the opening `---`
    let documents = YamlLoader::load_from_str(yaml).map_err(|err| {
        let line = err.marker().line() + FIRST_YAML_LINE - 1;
        let reason = format!("{} at line {line}, column {}", err.info(), err.marker().col() + 1);
        ParseError::on_line(line, CorpusErrorKind::FrontMatter { reason })
    })?;
    match documents.into_iter().next() {
        None | Some(Yaml::Null) => Ok(Vec::new()),
        Some(Yaml::Hash(map)) => Ok(map.into_iter().filter_map(|(key, value)| Some((scalar(&key)?, value))).collect()),
        Some(_) => {
            let reason = "it must be a list of `key: value` lines".to_string();
            Err(ParseError::on_line(FIRST_YAML_LINE, CorpusErrorKind::FrontMatter { reason }))
        }
    }
}

/// A scalar as text: strings as written, numbers and booleans printed.
pub(crate) fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A scalar, or a list of scalars joined with "; "; `None` for maps and nulls.
pub(crate) fn text(value: &Yaml) -> Option<String> {
    match value {
        Yaml::Array(items) => {
            let items: Vec<String> = items.iter().filter_map(scalar).collect();
            (!items.is_empty()).then(|| items.join("; "))
        }
        _ => scalar(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_body_are_split() {
        let split = split("---\ntitle: A\nvol_id: 4\n---\n\nBody\n").unwrap();
        assert_eq!(split.body, "\nBody\n");
        let fields: Vec<(String, Option<String>)> = split.fields.iter().map(|(k, v)| (k.clone(), text(v))).collect();
        assert_eq!(fields, [("title".into(), Some("A".into())), ("vol_id".into(), Some("4".into()))]);
    }

    #[test]
    fn files_without_front_matter_are_all_body() {
        let split = split("# Title\n---\ntext").unwrap();
        assert!(split.fields.is_empty());
        assert_eq!(split.body, "# Title\n---\ntext");
    }

    #[test]
    fn broken_yaml_names_the_file_line() {
        let err = split("---\ntitle: A\nbad: [unclosed\n---\nBody").err().unwrap();
        let CorpusErrorKind::FrontMatter { reason } = &err.kind else { panic!("{err:?}") };
        assert!(err.line.is_some_and(|l| (3..=5).contains(&l)), "{err:?}");
        assert!(!reason.is_empty());
    }

    #[test]
    fn unclosed_or_non_map_front_matter_is_an_error() {
        assert!(split("---\ntitle: A\nBody").is_err());
        assert!(split("---\n- a\n- b\n---\nBody").is_err());
        assert!(split("---\n---\nBody").unwrap().fields.is_empty());
    }
}

//! What can go wrong while reading a collection, said so a curator can fix it.
//!
//! A collection is hundreds or thousands of files made by other people, so the
//! error names the file (and the line, where lines mean something) and says what
//! to do. The per-format parsers are pure functions of text and do not know the
//! path; they return a [`ParseError`], which the collection reader turns into a
//! [`CorpusError`] with [`ParseError::at`].

use std::error::Error;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// A file (or one record of a JSON Lines file) that could not become a document.
#[derive(Debug)]
pub struct CorpusError {
    /// The file at fault.
    pub path: PathBuf,
    /// 1-based line in that file, when the fault has one.
    pub line: Option<usize>,
    pub kind: CorpusErrorKind,
}

/// What is wrong with the file.
#[derive(Debug)]
#[non_exhaustive]
pub enum CorpusErrorKind {
    /// The file or folder could not be read at all.
    Unreadable(io::Error),
    /// The bytes are not UTF-8; `byte_offset` is the first bad byte.
    InvalidUtf8 { byte_offset: usize },
    /// The YAML front matter of a Markdown file is broken.
    FrontMatter { reason: String },
    /// A JSON Lines record is not a valid JSON object.
    Json { reason: String },
    /// A JSON Lines record lacks a required field.
    MissingField { field: &'static str },
    /// Nothing searchable was left after extraction.
    EmptyBody,
    /// A JSON Lines file holds no records at all.
    NoRecords,
    /// Another document of the collection already has this id.
    DuplicateId {
        id: String,
        first_path: PathBuf,
        /// Line of the first record, when it came from a JSON Lines file.
        first_line: Option<usize>,
    },
    /// The file's extension is not one Carrel reads.
    UnsupportedFile,
}

/// An error from a pure per-format parser: everything but the path.
#[derive(Debug)]
pub struct ParseError {
    pub line: Option<usize>,
    pub kind: CorpusErrorKind,
}

impl ParseError {
    pub(crate) fn new(kind: CorpusErrorKind) -> ParseError {
        ParseError { line: None, kind }
    }

    pub(crate) fn on_line(line: usize, kind: CorpusErrorKind) -> ParseError {
        ParseError { line: Some(line), kind }
    }

    /// Names the file the text came from.
    pub fn at(self, path: &Path) -> CorpusError {
        CorpusError { path: path.to_path_buf(), line: self.line, kind: self.kind }
    }
}

impl CorpusError {
    pub(crate) fn new(path: &Path, kind: CorpusErrorKind) -> CorpusError {
        CorpusError { path: path.to_path_buf(), line: None, kind }
    }
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.kind)
    }
}

impl fmt::Display for CorpusErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusErrorKind::Unreadable(err) => {
                write!(f, "cannot read it ({err}); check that it exists and that you may read it")
            }
            CorpusErrorKind::InvalidUtf8 { byte_offset } => write!(
                f,
                "the text is not UTF-8 (first bad byte at offset {byte_offset}); \
                 save the file as UTF-8 and try again"
            ),
            CorpusErrorKind::FrontMatter { reason } => write!(
                f,
                "the YAML front matter is broken ({reason}); \
                 fix the block between the opening and closing `---` lines"
            ),
            CorpusErrorKind::Json { reason } => write!(
                f,
                "this line is not a valid JSON record ({reason}); \
                 each line must hold one JSON object such as {{\"id\": 1, \"title\": \"…\", \"text\": \"…\"}}"
            ),
            CorpusErrorKind::MissingField { field } => {
                write!(f, "the record has no `{field}`; every record needs `id`, `title` and `text`")
            }
            CorpusErrorKind::EmptyBody => write!(
                f,
                "no text is left after reading it, so it could never be found; \
                 check that the file holds the document, or move it out of the collection"
            ),
            CorpusErrorKind::NoRecords => {
                write!(f, "the file holds no records; put one JSON object on each line, or remove the file")
            }
            CorpusErrorKind::DuplicateId { id, first_path, first_line } => {
                write!(f, "the document id `{id}` is already used by {}", first_path.display())?;
                if let Some(line) = first_line {
                    write!(f, ":{line}")?;
                }
                write!(f, "; ids must be unique, so rename one of the files or change the record's `id`")
            }
            CorpusErrorKind::UnsupportedFile => write!(
                f,
                "Carrel cannot read this kind of file; \
                 it reads .txt, .md, .markdown, .jsonl, .ndjson, .html and .htm"
            ),
        }
    }
}

impl Error for CorpusError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match &self.kind {
            CorpusErrorKind::Unreadable(err) => Some(err),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_file_and_line() {
        let err = ParseError::on_line(7, CorpusErrorKind::MissingField { field: "text" }).at(Path::new("docs/a.jsonl"));
        let message = err.to_string();
        assert!(message.starts_with("docs/a.jsonl:7: the record has no `text`"), "{message}");
    }

    #[test]
    fn io_errors_are_the_source() {
        let io = io::Error::new(io::ErrorKind::NotFound, "gone");
        let err = CorpusError::new(Path::new("x.md"), CorpusErrorKind::Unreadable(io));
        assert!(err.source().is_some());
        assert!(err.to_string().contains("gone"));
        let err = CorpusError::new(Path::new("x.md"), CorpusErrorKind::EmptyBody);
        assert!(err.source().is_none());
    }

    #[test]
    fn duplicates_name_both_files() {
        let kind =
            CorpusErrorKind::DuplicateId { id: "a".into(), first_path: PathBuf::from("one/a.md"), first_line: None };
        let message = CorpusError::new(Path::new("two/a.txt"), kind).to_string();
        assert!(message.contains("one/a.md") && message.contains("two/a.txt"), "{message}");
    }
}

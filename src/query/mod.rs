//! What the reader typed, as a tree the search can run: the query syntax.
//!
//! Historians and students type into a search box that searches as they type, so
//! half-typed input is the normal case. [`parse`] therefore never rejects a query
//! for its syntax: an unclosed quote is a phrase to the end, stray parentheses are
//! spaces, a lone `-` or `*` is ignored. It is strict only about size
//! ([`MAX_QUERY_CHARS`], [`MAX_TERMS`], [`MAX_WORD_CHARS`]), because size is what
//! costs time in the browser. Parsing is one pass over the characters and one over
//! the tokens: linear in the input.
//!
//! The tree holds text as typed; analysis (folding, stemming, splitting
//! `795.00/7–2552`) happens later, so the parser needs no knowledge of languages.
//!
//! | Typed                            | Meaning                                              |
//! |----------------------------------|------------------------------------------------------|
//! | `armistice korea`                | both words (each word is its own clause)             |
//! | `"cease fire"`, `“cease fire”`   | the phrase; `"` `“` `”` `„` `«` `»` all quote        |
//! | `peking OR peiping \| beijing`   | any of them (`OR` in capitals, or `\|`)              |
//! | `-truce`, `NOT truce`, `-"a b"`  | documents without it                                 |
//! | `armist*`                        | words starting with `armist`                         |
//! | `title:korea`, `from:"Zhou En-lai"` | in that field only                                |
//! | `date:1951-06..1951-09`, `year:1950..` | a range of dates or years                      |
//!
//! Fields: `title`, `type`, `from`, `to`, `author`, `recipient`, `collection`,
//! `year`, `date`, `summary`, `body`, `id`, `sort`. Any other `name:` is part of
//! the word (`12:30`, `http://…`, `Note:`).
//!
//! ```
//! use carrel::query::{parse, Atom, Occur};
//!
//! let query = parse("peking OR peiping -title:\"draft\"").unwrap();
//! assert_eq!(query.to_string(), "peking OR peiping -title:\"draft\"");
//! assert_eq!(query.clauses.len(), 2);
//! assert_eq!(query.clauses[1].occur, Occur::MustNot);
//! ```

mod ast;
mod error;
mod parse;

pub use ast::{Atom, Clause, Occur, Query};
pub use error::QueryError;
pub use parse::{FIELDS, MAX_ID_CHARS, MAX_QUERY_CHARS, MAX_TERMS, MAX_WORD_CHARS, RANGE_FIELDS, parse};

//! Why a query was refused. Only size is ever refused — syntax never is — so every
//! message tells the reader how much to cut.

use std::fmt;

/// A query the search will not run because it is too big to run quickly.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryError {
    /// The whole query is longer than [`MAX_QUERY_CHARS`](super::MAX_QUERY_CHARS).
    TooLong { chars: usize, max: usize },
    /// More words, phrases and ranges than [`MAX_TERMS`](super::MAX_TERMS).
    TooManyTerms { count: usize, max: usize },
    /// One word is longer than [`MAX_WORD_CHARS`](super::MAX_WORD_CHARS).
    WordTooLong { chars: usize, max: usize },
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            QueryError::TooLong { chars, max } => {
                write!(f, "the query has {} characters; the limit is {} — shorten it", Thousands(chars), Thousands(max))
            }
            QueryError::TooManyTerms { count, max } => write!(
                f,
                "the query has {} search terms; the limit is {} — remove some words, \
                 or put words that belong together in \"quotes\"",
                Thousands(count),
                Thousands(max)
            ),
            QueryError::WordTooLong { chars, max } => write!(
                f,
                "a word in the query has {} characters; the limit is {} — \
                 shorten it or split it with spaces",
                Thousands(chars),
                Thousands(max)
            ),
        }
    }
}

impl std::error::Error for QueryError {}

/// Formats a count with comma thousands separators: `1234` as `1,234`.
struct Thousands(usize);

impl fmt::Display for Thousands {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                f.write_str(",")?;
            }
            write!(f, "{digit}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_how_much_to_cut() {
        assert_eq!(
            QueryError::TooLong { chars: 1_234, max: 1_000 }.to_string(),
            "the query has 1,234 characters; the limit is 1,000 — shorten it"
        );
        let many = QueryError::TooManyTerms { count: 70, max: 64 }.to_string();
        assert!(many.starts_with("the query has 70 search terms; the limit is 64 — "));
        let word = QueryError::WordTooLong { chars: 150, max: 100 }.to_string();
        assert!(word.starts_with("a word in the query has 150 characters; the limit is 100"));
    }

    #[test]
    fn thousands_are_grouped() {
        let cases = [(0, "0"), (999, "999"), (1_000, "1,000"), (12_345, "12,345"), (1_234_567, "1,234,567")];
        for (n, text) in cases {
            assert_eq!(Thousands(n).to_string(), text);
        }
    }
}

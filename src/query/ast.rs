//! The parsed query: clauses that must (or must not) hold, each a set of
//! alternatives. Deliberately flat — an AND of ORs — because that is what a search
//! box needs and what the index can answer with one pass per term; nesting would
//! invite queries whose cost a reader cannot predict.

use std::fmt;

/// A parsed query. Empty when the reader typed nothing searchable.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

/// Clauses are ANDed; a clause is satisfied when any of its alternatives matches (OR).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub occur: Occur,
    pub alternatives: Vec<Atom>,
}

/// Whether a clause must hold in a hit, or must not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Occur {
    /// A hit contains at least one of the clause's alternatives.
    Must,
    /// A hit contains none of the clause's alternatives.
    MustNot,
}

/// One thing to look up in the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Atom {
    /// A single word as typed (not yet analysed). `prefix` when it ended in `*`.
    Word { field: Option<String>, text: String, prefix: bool },
    /// A quoted phrase, raw text between the quotes (not yet analysed).
    Phrase { field: Option<String>, text: String },
    /// `field:from..to` range, e.g. `date:1951-06..1951-09`, `date:1951..`, `date:..1952-03`; bounds raw text.
    Range { field: String, from: Option<String>, to: Option<String> },
}

impl Query {
    /// True when there is nothing to search for (empty or whitespace-only input,
    /// or only ignored pieces such as `""`, `-`, `*`).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The text of every word and phrase the hits should contain, in query order:
    /// what a snippet highlights. Leaves out excluded clauses, ranges and `sort:`
    /// (an instruction, not text). Raw text, so analyse it like the query.
    pub fn positive_words(&self) -> impl Iterator<Item = &str> {
        self.clauses
            .iter()
            .filter(|clause| clause.occur == Occur::Must)
            .flat_map(|clause| clause.alternatives.iter())
            .filter(|atom| atom.field() != Some("sort"))
            .filter_map(|atom| match atom {
                Atom::Word { text, .. } | Atom::Phrase { text, .. } => Some(text.as_str()),
                Atom::Range { .. } => None,
            })
    }

    /// Number of atoms across all clauses: roughly the number of index lookups.
    pub fn term_count(&self) -> usize {
        self.clauses.iter().map(|c| c.alternatives.len()).sum()
    }
}

impl Atom {
    /// The field the atom is restricted to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Atom::Word { field, .. } | Atom::Phrase { field, .. } => field.as_deref(),
            Atom::Range { field, .. } => Some(field),
        }
    }
}

/// The canonical form: clauses separated by one space, alternatives by ` OR `,
/// `-` before excluded atoms, straight quotes. Parsing it again gives the same
/// query for any query [`parse`](super::parse) produced.
impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, clause) in self.clauses.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{clause}")?;
        }
        Ok(())
    }
}

/// An excluded clause with several alternatives prints as `-a OR -b`: exclude
/// hits containing any of them.
impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, atom) in self.alternatives.iter().enumerate() {
            if i > 0 {
                f.write_str(" OR ")?;
            }
            if self.occur == Occur::MustNot {
                f.write_str("-")?;
            }
            write!(f, "{atom}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(field) = self.field() {
            write!(f, "{field}:")?;
        }
        match self {
            Atom::Word { text, prefix, .. } => {
                f.write_str(text)?;
                if *prefix {
                    f.write_str("*")?;
                }
                Ok(())
            }
            Atom::Phrase { text, .. } => write!(f, "\"{text}\""),
            Atom::Range { from, to, .. } => {
                write!(f, "{}..{}", from.as_deref().unwrap_or(""), to.as_deref().unwrap_or(""))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Atom {
        Atom::Word { field: None, text: text.into(), prefix: false }
    }

    #[test]
    fn display_is_canonical() {
        let query = Query {
            clauses: vec![
                Clause {
                    occur: Occur::Must,
                    alternatives: vec![
                        word("peking"),
                        Atom::Phrase { field: Some("title".into()), text: "red china".into() },
                    ],
                },
                Clause {
                    occur: Occur::MustNot,
                    alternatives: vec![Atom::Word { field: None, text: "armist".into(), prefix: true }, word("truce")],
                },
                Clause {
                    occur: Occur::Must,
                    alternatives: vec![Atom::Range { field: "date".into(), from: None, to: Some("1952-03".into()) }],
                },
            ],
        };
        assert_eq!(query.to_string(), "peking OR title:\"red china\" -armist* OR -truce date:..1952-03");
        assert_eq!(Query::default().to_string(), "");
    }

    #[test]
    fn positive_words_skip_exclusions_ranges_and_sort() {
        let query = Query {
            clauses: vec![
                Clause { occur: Occur::Must, alternatives: vec![word("korea"), word("corea")] },
                Clause { occur: Occur::MustNot, alternatives: vec![word("draft")] },
                Clause {
                    occur: Occur::Must,
                    alternatives: vec![
                        Atom::Word { field: Some("sort".into()), text: "date".into(), prefix: false },
                        Atom::Range { field: "year".into(), from: Some("1950".into()), to: None },
                        Atom::Phrase { field: Some("title".into()), text: "cease fire".into() },
                    ],
                },
            ],
        };
        let words: Vec<&str> = query.positive_words().collect();
        assert_eq!(words, ["korea", "corea", "cease fire"]);
        assert_eq!(query.term_count(), 6);
        assert!(!query.is_empty());
        assert!(Query::default().is_empty());
    }
}

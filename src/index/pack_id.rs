//! The names of packs: `p12` is the thirteenth postings pack, `s3` the fourth
//! store pack, `d2` the third pack of stems, `w1` the second of words, `i0`
//! the first of document ids, `f0` the facet table. Kept apart from the pack table so that the lowest layer (the
//! format's errors) can name a pack without knowing how packs are laid out.

use std::fmt;
use std::str::FromStr;

/// Which section a pack belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PackKind {
    Postings,
    Store,
    /// The stems of one range of keys (see `dictionary`).
    Stems,
    /// The surface words of one range of keys.
    Words,
    /// The document ids of one range of ids.
    Ids,
    /// The facet rows and values (see `facets`): one pack, fetched when a
    /// query filters, sorts by date or counts.
    Facets,
}

impl PackKind {
    pub(crate) fn letter(self) -> char {
        match self {
            PackKind::Postings => 'p',
            PackKind::Store => 's',
            PackKind::Stems => 'd',
            PackKind::Words => 'w',
            PackKind::Ids => 'i',
            PackKind::Facets => 'f',
        }
    }
}

/// One pack, named `p12`, `s3`, `d2`, `w1`, `i0` or `f0` (and stored as `p12.bin`…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PackId {
    pub kind: PackKind,
    pub number: u32,
}

impl fmt::Display for PackId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.kind.letter(), self.number)
    }
}

/// A name that is not a letter of [`PackKind`] followed by a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAPackName(pub String);

impl fmt::Display for NotAPackName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not the name of a pack of this index (expected p, s, d, w, i or f and a number)", self.0)
    }
}

impl std::error::Error for NotAPackName {}

impl FromStr for PackId {
    type Err = NotAPackName;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let bad = || NotAPackName(name.chars().take(40).collect());
        let kind = match name.chars().next() {
            Some('p') => PackKind::Postings,
            Some('s') => PackKind::Store,
            Some('d') => PackKind::Stems,
            Some('w') => PackKind::Words,
            Some('i') => PackKind::Ids,
            Some('f') => PackKind::Facets,
            _ => return Err(bad()),
        };
        let digits = &name[1..];
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 9 {
            return Err(bad());
        }
        Ok(PackId { kind, number: digits.parse().map_err(|_| bad())? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_refuse_strangers() {
        for name in ["p0", "p12", "s3", "s999999999", "d0", "d17", "w3", "i0", "f0"] {
            assert_eq!(name.parse::<PackId>().unwrap().to_string(), name);
        }
        for name in ["", "p", "x1", "p-1", "p1.bin", "s1234567890", "../p1", "p 1"] {
            assert!(name.parse::<PackId>().is_err(), "{name}");
        }
    }
}

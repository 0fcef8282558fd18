//! Words: how text becomes the terms the index knows, and how a query's terms
//! are found again in text. The lowest layer that knows language; it knows
//! nothing of index bytes.
//!
//! - [`case`] — here is a word, give me it in lower (or upper) case, as Unicode says.
//! - [`fold`] — here is a word, give me the form a search compares (case and accents).
//! - [`normalize`] — here is a word, give me its Unicode decomposition or composition.
//! - [`segment`] — here is text written without spaces, give me its words.
//! - [`english`] — here is an English word, give me its stem; is it a stop word?
//! - [`language`] — here is a language tag, give me how its words are analysed.
//! - [`analysis`] — here is some text, give me its words, folded and stemmed.
//! - [`fuzzy`] — which dictionary words are a few edits from this one?
//! - [`variants`] — which other spellings mean the same name or word?
//! - [`highlights`] — here are the stems a query matched; where are they in this text?

pub mod analysis;
pub mod case;
pub mod english;
pub mod fold;
pub mod fuzzy;
pub mod highlights;
pub mod language;
pub mod normalize;
pub mod segment;
pub mod variants;

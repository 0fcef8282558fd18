//! The index: documents in, bytes out, and those bytes opened again.
//!
//! One module owns the bytes ([`mod@format`]: magic, version, section table,
//! checksum); each section has one module with its writer beside its reader.
//! The fst dictionaries map a term to a *term key* (where its postings list
//! starts, and how many documents it has); side tables hold the rest.
//!
//! - [`mod@format`] — what are the file's header, sections and primitive encodings?
//! - [`pack_id`] — what is pack `p12` called, and parsed?
//! - [`schema`] — which fields does a document have, and what does each weigh?
//! - [`postings`] — which documents hold a term, how often, and where?
//! - [`store`] — give me document `n` as it was added.
//! - [`inflate`] — here are a store block's deflated bytes: give me the text back.
//! - [`field_lengths`] — how many tokens has this field of this document, to within an eighth, in one byte?
//! - [`facets`] — what type, sender, recipient, collection, language and dates has document `n`?
//! - [`meta`] — what are the collection's name and average field lengths?
//! - [`languages`] — which languages, how long their documents, which stop words?
//! - [`variant_section`] — how are the curator's spelling groups kept?
//! - [`packs`] — in which pack lies this offset, and is that pack sound?
//! - [`dictionary`] — which stems and words are there, whole or in packs?
//! - [`crc32`] — what is the checksum of these bytes?
//! - `fst_check` — may the `fst` crate walk these dictionary bytes?
//! - [`opened`] — here are index bytes: open them, cheaply, or say why not.
//! - [`builder`] — here are documents: give me index bytes.
//! - [`split`] — here is a whole index: cut it into a core and packs.

pub mod builder;
pub mod crc32;
pub mod dictionary;
pub mod facets;
pub mod field_lengths;
pub mod format;
mod fst_check;
pub mod inflate;
pub mod languages;
pub mod meta;
pub mod opened;
pub mod pack_id;
pub mod packs;
pub mod postings;
pub mod schema;
pub mod split;
pub mod store;
pub mod variant_section;

pub use builder::{BuildSummary, IndexBuilder};
pub use opened::Index;

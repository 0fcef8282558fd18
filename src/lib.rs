//! Carrel: full-text search for document archives that runs entirely in the browser.

pub mod analysis;
pub mod builder;
pub mod document;
pub mod facets;
pub mod format;
pub mod index;
pub mod meta;
pub mod postings;
pub mod schema;
pub mod store;
pub mod variants;

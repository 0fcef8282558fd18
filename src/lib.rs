//! Carrel: full-text search for document archives that runs entirely in the browser.
//!
//! (Design overview is completed as the modules land.)

pub mod document;
pub mod fuzzy;
pub mod query;

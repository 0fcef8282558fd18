//! What a reader sees: hits with snippets, a document as safe HTML, and its
//! citation. The top of the core: it reads rankings and stored documents and
//! writes escaped HTML; nothing below it writes HTML.
//!
//! - [`html`] — how does document text become safe HTML with its matches marked?
//! - [`snippet`] — which passage of this document best shows why it matched?
//! - [`results`] — here is a ranking: give me its hits, with fields and snippets.
//! - [`render`] — here is a document id and a query: give me the document to read.
//! - [`citation`] — how does a reader cite this document?

pub mod citation;
pub mod html;
pub mod render;
pub mod results;
pub mod snippet;

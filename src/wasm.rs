//! The browser face: a `Collection` opened once from the index bytes, with
//! `search`, `render` and `info`. Each export converts its arguments, calls the
//! core and converts the result; errors become JS `Error`s with the core's
//! message, never a trap.
//!
//! A packed index (see `packs`) answers `search` and `render` with
//! `{ missing: ["p12", "s3"] }` until the packs it needs are given to
//! `add_pack`; `www/collection.js` fetches them and asks again. A search that
//! asks for postings also asks for the store's shared dictionary
//! ([`crate::search::packs_to_fetch`]), so the round that fetches the shown
//! documents' blocks does not wait for it. The collection remembers the
//! numbers of the documents its searches showed, so that opening one of them
//! needs no lookup of its id (in a packed index, a round of fetching).

use crate::index::Index;
use crate::index::format::FormatError;
use crate::index::packs::PackId;
use crate::search::{Filters, MatchMode, Ranking, SearchError, SearchOptions, Sort, packs_to_fetch, rank};
use crate::view::render::{RenderError, render_id, render_number};
use crate::view::results::present;
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// An opened collection.
#[wasm_bindgen]
pub struct Collection {
    index: Index<Vec<u8>>,
    /// The last ranking whose documents were not all loaded, with the query
    /// and options it answers: once their packs arrive, the same question is
    /// answered without ranking again.
    waiting: RefCell<Option<(String, SearchOptions, Ranking)>>,
    /// Id and number of the documents searches showed, the latest last (at
    /// most [`MAX_SHOWN`]; a list, as a map's code would cost the module more
    /// than scanning a few hundred ids once per document opened).
    shown: RefCell<Vec<(String, u32)>>,
}

/// Documents remembered as shown; past this many the oldest half is forgotten.
const MAX_SHOWN: usize = 512;

#[derive(Serialize)]
struct Info<'a> {
    name: &'a str,
    documents: u32,
    format_version: u32,
    built_by: &'a str,
    /// The collection's languages (primary subtags) with their document
    /// counts, most documents first.
    languages: Vec<LanguageCount<'a>>,
}

#[derive(Serialize)]
struct LanguageCount<'a> {
    lang: &'a str,
    documents: u32,
}

/// What `search` and `render` answer while packs are missing.
#[derive(Serialize)]
struct Missing {
    missing: Vec<String>,
}

fn missing(packs: &[PackId]) -> Result<JsValue, JsError> {
    to_js(&Missing { missing: packs.iter().map(PackId::to_string).collect() })
}

/// Search options from JS, read field by field (a serde deserializer would bring number
/// formatting and every serde error path into the module). `undefined` or a missing field
/// keeps the default; an own key that is not a field, or a value of the wrong kind, is refused
/// with a message naming it.
fn search_options(options: JsValue) -> Result<SearchOptions, JsError> {
    let mut read = SearchOptions::default();
    if options.is_undefined() || options.is_null() {
        return Ok(read);
    }
    let fields = FieldReader::new(&options, "options", &SearchOptions::FIELDS)?;
    if let Some(v) = fields.get("limit") {
        read.limit = whole_number("limit", &v)?;
    }
    if let Some(v) = fields.get("offset") {
        read.offset = whole_number("offset", &v)?;
    }
    if let Some(v) = fields.get("sort") {
        read.sort = named("sort", &v, &Sort::NAMED)?;
    }
    if let Some(v) = fields.get("filters") {
        let filters = FieldReader::new(&v, "filters", &Filters::FIELDS)?;
        let f = &mut read.filters;
        for (name, list) in Filters::FIELDS.iter().zip([
            &mut f.doc_type,
            &mut f.from,
            &mut f.to,
            &mut f.collection,
            &mut f.year,
            &mut f.lang,
        ]) {
            if let Some(v) = filters.get(name) {
                *list = strings(name, &v)?;
            }
        }
    }
    if let Some(v) = fields.get("date_from") {
        read.date_from = optional_string("date_from", &v)?;
    }
    if let Some(v) = fields.get("date_to") {
        read.date_to = optional_string("date_to", &v)?;
    }
    if let Some(v) = fields.get("mode") {
        read.mode = named("mode", &v, &MatchMode::NAMED)?;
    }
    if let Some(v) = fields.get("snippets") {
        read.snippets = v.as_bool().ok_or_else(|| wrong_kind("snippets", &v, "true or false"))?;
    }
    if let Some(v) = fields.get("languages") {
        read.languages = strings("languages", &v)?;
    }
    if let Some(v) = fields.get("facets") {
        read.facets = v.as_bool().ok_or_else(|| wrong_kind("facets", &v, "true or false"))?;
    }
    Ok(read)
}

/// The fields of one options object: refuses own keys it does not know.
struct FieldReader<'a> {
    object: &'a JsValue,
}

impl<'a> FieldReader<'a> {
    fn new(value: &'a JsValue, what: &str, known: &[&str]) -> Result<FieldReader<'a>, JsError> {
        let Some(object) = value.dyn_ref::<js_sys::Object>() else {
            return Err(wrong_kind(what, value, "an object"));
        };
        for key in js_sys::Object::keys(object) {
            let key = key.as_string().unwrap_or_default();
            if !known.contains(&key.as_str()) {
                let expected = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                return Err(JsError::new(&format!(
                    "search options: unknown field `{key}`, expected one of {expected}"
                )));
            }
        }
        Ok(FieldReader { object: value })
    }

    /// The field's value, or `None` when it is missing or `undefined`.
    fn get(&self, name: &str) -> Option<JsValue> {
        js_sys::Reflect::get(self.object, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined())
    }
}

fn wrong_kind(name: &str, value: &JsValue, expected: &str) -> JsError {
    let got = if value.is_null() {
        "null".to_string()
    } else if let Some(text) = value.as_string() {
        format!("the string {text:?}")
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    };
    JsError::new(&format!("search options: `{name}` must be {expected}, not {got}"))
}

/// A whole number from 0 up (JS numbers hold integers exactly up to 2^53).
fn whole_number(name: &str, value: &JsValue) -> Result<usize, JsError> {
    match value.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= usize::MAX as f64 => Ok(n as usize),
        _ => Err(wrong_kind(name, value, "a whole number from 0 up")),
    }
}

/// One of `choices`, by name.
fn named<T: Copy>(name: &str, value: &JsValue, choices: &[(&str, T)]) -> Result<T, JsError> {
    let text = value.as_string().ok_or_else(|| wrong_kind(name, value, "a string"))?;
    if let Some(&(_, choice)) = choices.iter().find(|(n, _)| *n == text) {
        return Ok(choice);
    }
    let expected = choices.iter().map(|(n, _)| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    Err(JsError::new(&format!("search options: unknown variant `{text}` for `{name}`, expected one of {expected}")))
}

fn optional_string(name: &str, value: &JsValue) -> Result<Option<String>, JsError> {
    if value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| wrong_kind(name, value, "a string"))
}

/// An array of strings.
fn strings(name: &str, value: &JsValue) -> Result<Vec<String>, JsError> {
    let Some(array) = value.dyn_ref::<js_sys::Array>() else {
        return Err(wrong_kind(name, value, "an array of strings"));
    };
    array.iter().map(|item| item.as_string().ok_or_else(|| wrong_kind(name, &item, "an array of strings"))).collect()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
}

#[wasm_bindgen]
impl Collection {
    /// Opens index bytes (the `carrel-index` custom section). Throws when the
    /// bytes are truncated, corrupt or from another format version.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>) -> Result<Collection, JsError> {
        Index::open(bytes)
            .map(|index| Collection { index, waiting: RefCell::new(None), shown: RefCell::default() })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Searches; `options` as in the README (`limit`, `offset`, `sort`,
    /// `filters`, `date_from`, `date_to`, `mode`). Returns the same shape as
    /// `carrel search --json --full`.
    pub fn search(&self, query: &str, options: JsValue) -> Result<JsValue, JsError> {
        let options = search_options(options)?;
        let cached = self.waiting.borrow_mut().take().filter(|(q, o, _)| q == query && *o == options);
        let ranking = match cached {
            Some((_, _, ranking)) => ranking,
            None => match rank(&self.index, query, &options) {
                Ok(ranking) => ranking,
                Err(SearchError::Index(FormatError::PacksNotLoaded { packs })) => {
                    return missing(&packs_to_fetch(&self.index, &options, packs));
                }
                Err(e) => return Err(JsError::new(&e.to_string())),
            },
        };
        match present(&self.index, &ranking) {
            Ok(results) => {
                let mut shown = self.shown.borrow_mut();
                if shown.len() + results.hits.len() > MAX_SHOWN {
                    let forget = shown.len().min(MAX_SHOWN / 2);
                    shown.drain(..forget);
                }
                for (&(doc, _), hit) in ranking.page.iter().zip(&results.hits) {
                    shown.push((hit.id.clone(), doc));
                }
                to_js(&results)
            }
            Err(SearchError::Index(FormatError::PacksNotLoaded { packs })) => {
                *self.waiting.borrow_mut() = Some((query.to_string(), options, ranking));
                missing(&packs)
            }
            Err(e) => Err(JsError::new(&e.to_string())),
        }
    }

    /// The document `id` as safe HTML with its fields and citation, with the
    /// matches of `query` marked.
    pub fn render(&self, id: &str, query: Option<String>) -> Result<JsValue, JsError> {
        let query = query.as_deref().unwrap_or("");
        let shown = self.shown.borrow().iter().rev().find(|(shown, _)| shown == id).map(|&(_, doc)| doc);
        let rendered = match shown {
            Some(doc) => render_number(&self.index, doc, query),
            None => render_id(&self.index, id, query),
        };
        match rendered {
            Ok(rendered) => to_js(&rendered),
            // Packs the highlights lack come with the document's (see `render_id`).
            Err(RenderError::Index(FormatError::PacksNotLoaded { packs })) => missing(&packs),
            Err(e) => Err(JsError::new(&e.to_string())),
        }
    }

    /// Where this index's packs are, relative to the module (`packs/<tag>`),
    /// or `undefined` when the index is whole. The tag changes with every
    /// build, so packs may be cached for ever.
    pub fn pack_directory(&self) -> Option<String> {
        self.index.is_packed().then(|| crate::index::split::directory_for(self.index.bytes()))
    }

    /// Adds the bytes of pack `name` (as named in a `missing` list). Throws
    /// when they are not that pack of this index.
    pub fn add_pack(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), JsError> {
        let pack: PackId = name.parse().map_err(|e: crate::index::packs::NotAPackName| JsError::new(&e.to_string()))?;
        self.index.add_pack(pack, bytes).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Whether searches can count facets without fetching anything: true
    /// unless the facet table travels in a pack not yet added. A page may
    /// ask for the first results with `facets: false` while it is false,
    /// and for the counts next.
    pub fn facets_ready(&self) -> bool {
        self.index.missing_facets().is_none()
    }

    /// Collection name, document count, format version and languages.
    pub fn info(&self) -> Result<JsValue, JsError> {
        let meta = self.index.meta();
        let mut languages: Vec<LanguageCount> = self
            .index
            .languages()
            .groups
            .iter()
            .map(|g| LanguageCount { lang: &g.primary, documents: g.doc_count })
            .collect();
        crate::sort_once::stable_by(&mut languages, &|a, b| b.documents.cmp(&a.documents).then(a.lang.cmp(b.lang)));
        to_js(&Info {
            name: &meta.name,
            documents: meta.doc_count,
            format_version: crate::index::format::FORMAT_VERSION,
            built_by: &meta.built_by,
            languages,
        })
    }
}

//! The browser face: a `Collection` opened once from the index bytes, with
//! `search`, `render` and `info`. Each export converts its arguments, calls the
//! core and converts the result; errors become JS `Error`s with the core's
//! message, never a trap.
//!
//! A packed index (see `packs`) answers `search` and `render` with
//! `{ missing: ["p12", "s3"] }` until the packs it needs are given to
//! `add_pack`; `www/collection.js` fetches them and asks again.

use crate::index::Index;
use crate::index::format::FormatError;
use crate::index::packs::PackId;
use crate::search::{Filters, Ranking, SearchError, SearchOptions, rank};
use crate::view::render::{RenderError, render_id};
use crate::view::results::present;
use serde::Serialize;
use serde::de::{self, DeserializeOwned, Visitor};
use std::cell::RefCell;
use std::fmt;
use wasm_bindgen::prelude::*;

/// An opened collection.
#[wasm_bindgen]
pub struct Collection {
    index: Index<Vec<u8>>,
    /// The last ranking whose documents were not all loaded, with the query
    /// and options it answers: once their packs arrive, the same question is
    /// answered without ranking again.
    waiting: RefCell<Option<(String, SearchOptions, Ranking)>>,
}

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

/// Search options from JS. `serde_wasm_bindgen` reads a struct by looking up the fields it
/// knows, so it never sees others and `deny_unknown_fields` cannot refuse them: the keys of
/// the object and of its `filters` are checked here first, against the names serde derives.
fn search_options(options: JsValue) -> Result<SearchOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(SearchOptions::default());
    }
    refuse_unknown_fields(&options, field_names::<SearchOptions>())?;
    let filters = js_sys::Reflect::get(&options, &JsValue::from_str("filters")).unwrap_or(JsValue::UNDEFINED);
    refuse_unknown_fields(&filters, field_names::<Filters>())?;
    serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("search options: {e}")))
}

/// Refuses an own key of `value` (when it is an object) that is not in `known`, in serde's words.
fn refuse_unknown_fields(value: &JsValue, known: &[&str]) -> Result<(), JsError> {
    let Some(object) = value.dyn_ref::<js_sys::Object>() else { return Ok(()) };
    for key in js_sys::Object::keys(object) {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            let expected = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            return Err(JsError::new(&format!("search options: unknown field `{key}`, expected one of {expected}")));
        }
    }
    Ok(())
}

/// The field names serde derives for the struct `T` (renames applied), found by asking it to
/// deserialize from a deserializer that answers only with those names.
fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    match T::deserialize(FieldNames) {
        Err(FieldNamesError(fields)) => fields,
        Ok(_) => &[],
    }
}

struct FieldNames;

#[derive(Debug)]
struct FieldNamesError(&'static [&'static str]);

impl fmt::Display for FieldNamesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fields {:?}", self.0)
    }
}

impl std::error::Error for FieldNamesError {}

impl de::Error for FieldNamesError {
    fn custom<M: fmt::Display>(_: M) -> Self {
        FieldNamesError(&[])
    }
}

impl<'de> de::Deserializer<'de> for FieldNames {
    type Error = FieldNamesError;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, FieldNamesError> {
        Err(FieldNamesError(&[]))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, FieldNamesError> {
        Err(FieldNamesError(fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
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
            .map(|index| Collection { index, waiting: RefCell::new(None) })
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
                Err(SearchError::Index(FormatError::PacksNotLoaded { packs })) => return missing(&packs),
                Err(e) => return Err(JsError::new(&e.to_string())),
            },
        };
        match present(&self.index, &ranking) {
            Ok(results) => to_js(&results),
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
        match render_id(&self.index, id, query.as_deref().unwrap_or("")) {
            Ok(rendered) => to_js(&rendered),
            Err(RenderError::Index(FormatError::PacksNotLoaded { packs }))
            | Err(RenderError::Query(SearchError::Index(FormatError::PacksNotLoaded { packs }))) => missing(&packs),
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
        crate::search::sorting::stable_by(&mut languages, &|a, b| {
            b.documents.cmp(&a.documents).then(a.lang.cmp(b.lang))
        });
        to_js(&Info {
            name: &meta.name,
            documents: meta.doc_count,
            format_version: crate::index::format::FORMAT_VERSION,
            built_by: &meta.built_by,
            languages,
        })
    }
}

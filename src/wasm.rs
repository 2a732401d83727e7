//! The JavaScript boundary: the only module that knows wasm-bindgen and JS values.
//!
//! Every function returns `Result<_, JsError>`, so a problem becomes a JS exception with a
//! readable message; nothing here panics on any input. Options are read with `Reflect` rather
//! than serde's `Deserialize`, which would bring its error formatting (and float printing) into
//! the module.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{with_engine, Error, Options};

fn engine_error(e: Error) -> JsError {
    JsError::new(e.summary())
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|_| JsError::new("cannot convert the result to a JS value"))
}

/// Reads `options[name]`: absent → `default`; else a non-negative integer.
fn count(options: &JsValue, name: &str, default: usize) -> Result<usize, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(default);
    }
    if !options.is_object() {
        return Err(JsError::new(
            "options must be an object, e.g. { limit: 10 }",
        ));
    }
    let value = js_sys::Reflect::get(options, &JsValue::from_str(name))
        .map_err(|_| JsError::new("options could not be read"))?;
    if value.is_undefined() {
        return Ok(default);
    }
    match value.as_f64() {
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => Ok(n.min(1e9) as usize),
        _ => Err(JsError::new(if name == "limit" {
            "options.limit must be a non-negative integer"
        } else {
            "options.offset must be a non-negative integer"
        })),
    }
}

/// A string argument: a JS string as it is; `undefined` or `null` as "" where `optional`; any other
/// value (a number, an object) is a JS `Error`. Taking `JsValue` rather than `&str` matters: the
/// generated glue would otherwise try to copy a non-string into wasm memory and trap.
fn string_arg(value: &JsValue, optional: bool, message: &'static str) -> Result<String, JsError> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    if optional && (value.is_undefined() || value.is_null()) {
        return Ok(String::new());
    }
    Err(JsError::new(message))
}

/// Opens the index (the bytes of the module's `article-search/index` custom section, which the
/// JS loader reads): `open(bytes)` → the number of articles. Every other call searches it.
#[wasm_bindgen]
pub fn open(bytes: JsValue) -> Result<u32, JsError> {
    let Some(array) = bytes.dyn_ref::<js_sys::Uint8Array>() else {
        return Err(JsError::new("open(bytes): bytes must be a Uint8Array"));
    };
    let bytes: &'static [u8] = Box::leak(array.to_vec().into_boxed_slice());
    crate::open(bytes).map_err(engine_error)
}

/// Searches the open index: `search(query, { limit?, offset? })` →
/// `{ total, hits: [{ id, title, url, date, source, section, score, snippet, highlights, titleHighlights }] }`.
#[wasm_bindgen]
pub fn search(query: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let query = string_arg(&query, true, "search(query): query must be a string")?;
    let options = Options {
        limit: count(&options, "limit", Options::default().limit)?,
        offset: count(&options, "offset", 0)?,
    };
    let results = with_engine(|e| e.search(&query, options)).map_err(engine_error)?;
    to_js(&results)
}

/// One whole article with the matches of `query` marked, or `null` when no article has that id.
#[wasm_bindgen]
pub fn article(id: JsValue, query: JsValue) -> Result<JsValue, JsError> {
    let id = string_arg(&id, false, "article(id, query): id must be a string")?;
    let query = string_arg(&query, true, "article(id, query): query must be a string")?;
    match with_engine(|e| e.article(&id, &query)).map_err(engine_error)? {
        Some(a) => to_js(&a),
        None => Ok(JsValue::NULL),
    }
}

/// Number of articles in the open index.
#[wasm_bindgen(js_name = articleCount)]
pub fn article_count() -> Result<u32, JsError> {
    with_engine(|e| e.index().len()).map_err(engine_error)
}

/// Every article, in index order: `[{ id, title, url, date, source, section, snippet, ... }]`.
#[wasm_bindgen]
pub fn list() -> Result<JsValue, JsError> {
    to_js(&with_engine(|e| e.list()).map_err(engine_error)?)
}

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

/// `options[name]`, or `undefined` when `options` is absent.
fn get(options: &JsValue, name: &str) -> Result<JsValue, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(JsValue::UNDEFINED);
    }
    if !options.is_object() {
        return Err(JsError::new(
            "options must be an object, e.g. { limit: 10 }",
        ));
    }
    js_sys::Reflect::get(options, &JsValue::from_str(name))
        .map_err(|_| JsError::new("options could not be read"))
}

/// Reads `options[name]`: absent → `default`; else a non-negative integer.
fn count(
    options: &JsValue,
    name: &str,
    default: usize,
    message: &'static str,
) -> Result<usize, JsError> {
    whole(&get(options, name)?, default, message)
}

/// A non-negative integer argument: `undefined` → `default`.
fn whole(value: &JsValue, default: usize, message: &'static str) -> Result<usize, JsError> {
    if value.is_undefined() {
        return Ok(default);
    }
    match value.as_f64() {
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => Ok(n.min(1e9) as usize),
        _ => Err(JsError::new(message)),
    }
}

/// A date option (`from`, `to`): a string the engine's date parser reads.
fn date(
    options: &JsValue,
    name: &str,
    end_of_day: bool,
    message: &'static str,
) -> Result<Option<i64>, JsError> {
    let value = get(options, name)?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let when = value
        .as_string()
        .and_then(|s| engine::date::When::parse(&s))
        .ok_or_else(|| JsError::new(message))?;
    Ok(Some(if end_of_day {
        when.range_end()
    } else {
        when.seconds
    }))
}

/// `options.filters`: `{ field: value or [values] }`, fields among `engine::index::FACETS`.
fn filters(options: &JsValue) -> Result<Vec<engine::Filter>, JsError> {
    let value = get(options, "filters")?;
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if !value.is_object() {
        return Err(JsError::new(
            "options.filters must be an object, e.g. { section: [\"特稿\"] }",
        ));
    }
    let mut out = Vec::new();
    for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let field = pair.get(0).as_string().unwrap_or_default();
        if !engine::index::FACETS.contains(&field.as_str()) {
            return Err(JsError::new(
                "options.filters: fields are section, source, author, tags, categories, lang",
            ));
        }
        let v = pair.get(1);
        let values = if let Some(one) = v.as_string() {
            vec![one]
        } else if js_sys::Array::is_array(&v) {
            let list: js_sys::Array = v.unchecked_into();
            list.iter()
                .map(|x| {
                    x.as_string()
                        .ok_or_else(|| JsError::new("options.filters: values must be strings"))
                })
                .collect::<Result<_, _>>()?
        } else {
            return Err(JsError::new("options.filters: values must be strings"));
        };
        out.push(engine::Filter { field, values });
    }
    Ok(out)
}

/// All of `search`'s options.
fn read_options(o: &JsValue) -> Result<Options, JsError> {
    let defaults = Options::default();
    let sort = match get(o, "sort")?.as_string().as_deref() {
        None | Some("relevance") => engine::Sort::Relevance,
        Some("newest") => engine::Sort::Newest,
        Some("oldest") => engine::Sort::Oldest,
        Some(_) => {
            return Err(JsError::new(
                "options.sort must be \"relevance\", \"newest\" or \"oldest\"",
            ))
        }
    };
    let recency = get(o, "recency")?;
    let recency = match recency.as_f64() {
        _ if recency.is_undefined() => 0.0,
        Some(days) if days.is_finite() && days >= 0.0 => days,
        _ => {
            return Err(JsError::new(
                "options.recency must be a number of days (a half-life)",
            ))
        }
    };
    let facets = get(o, "facets")?;
    Ok(Options {
        limit: count(
            o,
            "limit",
            defaults.limit,
            "options.limit must be a non-negative integer",
        )?,
        offset: count(
            o,
            "offset",
            0,
            "options.offset must be a non-negative integer",
        )?,
        sort,
        filters: filters(o)?,
        from: date(
            o,
            "from",
            false,
            "options.from must be a date like \"2025-09-19\"",
        )?,
        to: date(
            o,
            "to",
            true,
            "options.to must be a date like \"2025-09-19\"",
        )?,
        facets: facets.as_bool().unwrap_or(false),
        facet_values: count(
            o,
            "facetValues",
            defaults.facet_values,
            "options.facetValues must be a non-negative integer",
        )?,
        recency,
    })
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

/// What a call answers when the index is sharded and files are missing: `{ needs: [names] }`.
/// The caller fetches each from the shard folder, gives it to `addShard`, and calls again.
fn needs(needed: engine::search::Needed) -> JsValue {
    let names = js_sys::Array::new();
    for name in needed.shards {
        names.push(&JsValue::from_str(&name));
    }
    let out = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str("needs"), &names);
    out.into()
}

/// Searches the open index: `search(query, { limit?, offset?, sort?, filters?, from?, to?,
/// facets?, facetValues?, recency? })` → `{ total, hits: [{ id, title, url, date, source, section,
/// tags, categories, score, snippet, highlights, titleHighlights }], facets? }`, or `{ needs }`.
#[wasm_bindgen]
pub fn search(query: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let query = string_arg(&query, true, "search(query): query must be a string")?;
    let options = read_options(&options)?;
    match with_engine(|e| e.try_search(&query, options)).map_err(engine_error)? {
        Ok(results) => to_js(&results),
        Err(needed) => Ok(needs(needed)),
    }
}

/// One whole article with the matches of `query` marked, `null` when no article has that id, or
/// `{ needs }`.
#[wasm_bindgen]
pub fn article(id: JsValue, query: JsValue) -> Result<JsValue, JsError> {
    let id = string_arg(&id, false, "article(id, query): id must be a string")?;
    let query = string_arg(&query, true, "article(id, query): query must be a string")?;
    match with_engine(|e| e.try_article(&id, &query)).map_err(engine_error)? {
        Ok(Some(a)) => to_js(&a),
        Ok(None) => Ok(JsValue::NULL),
        Err(needed) => Ok(needs(needed)),
    }
}

/// Number of articles in the open index.
#[wasm_bindgen(js_name = articleCount)]
pub fn article_count() -> Result<u32, JsError> {
    with_engine(|e| e.index().len()).map_err(engine_error)
}

/// Articles in index order: `list(offset?, limit?)` → `[{ id, title, url, date, source, section,
/// snippet, ... }]` (all of them by default), or `{ needs }`.
#[wasm_bindgen]
pub fn list(offset: JsValue, limit: JsValue) -> Result<JsValue, JsError> {
    let message = "list(offset, limit): both must be non-negative integers";
    let offset = whole(&offset, 0, message)?;
    let limit = whole(&limit, usize::MAX, message)?;
    match with_engine(|e| e.try_list(offset, limit)).map_err(engine_error)? {
        Ok(hits) => to_js(&hits),
        Err(needed) => Ok(needs(needed)),
    }
}

/// Gives the engine a shard file it asked for (`needs`): `addShard(name, bytes)`. Bytes that are
/// not that file of this index's build are refused with an error.
#[wasm_bindgen(js_name = addShard)]
pub fn add_shard(name: JsValue, bytes: JsValue) -> Result<(), JsError> {
    let name = string_arg(&name, false, "addShard(name, bytes): name must be a string")?;
    let Some(array) = bytes.dyn_ref::<js_sys::Uint8Array>() else {
        return Err(JsError::new(
            "addShard(name, bytes): bytes must be a Uint8Array",
        ));
    };
    with_engine(|e| e.add_shard(&name, array.to_vec()))
        .and_then(|r| r)
        .map_err(engine_error)
}

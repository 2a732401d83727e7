//! JSON exports: an array of article objects (`{ "title", "body", "url"?, … }`, the shape
//! tinysearch and docfind take). Keys go through the field table; other keys are ignored.

use std::path::Path;

use super::{err, Error};
use crate::fields::{field, Field, Raw, Value};

fn value(value: serde_json::Value) -> Value {
    use serde_json::Value as J;
    match value {
        J::String(s) => Value::Str(s),
        J::Number(n) => Value::Str(n.to_string()),
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(b),
        J::Object(_) => Value::Other("an object"),
        J::Array(items) => {
            let mut list = Vec::new();
            for item in items {
                match item {
                    J::String(s) => list.push(s),
                    _ => return Value::Other("a list of non-strings"),
                }
            }
            Value::List(list)
        }
    }
}

/// Reads a JSON array of articles; errors name the article's line.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Raw>, Error> {
    let items: Vec<&serde_json::value::RawValue> = serde_json::from_str(text).map_err(|e| {
        err(
            path,
            Some(e.line()),
            format!("invalid JSON (expected an array of articles): {e}"),
        )
    })?;
    let mut out = Vec::new();
    // Items come in order: count their lines incrementally (recounting from the start of the
    // file for each item is quadratic, seconds for 10,000 articles).
    let (mut line, mut counted) = (1, 0);
    for (n, item) in items.into_iter().enumerate() {
        let offset = (item.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        line += text
            .get(counted..offset)
            .map_or(0, |t| t.matches('\n').count());
        counted = counted.max(offset);
        let at = |m: String| err(path, Some(line), format!("article {}: {m}", n + 1));
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(item.get())
                .map_err(|_| at("expected an object like { \"title\": …, \"body\": … }".into()))?;
        let mut raw = Raw {
            path: path.into(),
            line,
            ..Raw::default()
        };
        let mut has_body = false;
        for (key, v) in object {
            has_body |= field(&key) == Some(Field::Body) && !v.is_null();
            raw.set(&key, value(v), line, true).map_err(at)?;
        }
        if !has_body {
            return Err(at("missing body (`body`, `content` or `text`)".into()));
        }
        raw.title = raw.title.trim().to_string();
        out.push(raw);
    }
    Ok(out)
}

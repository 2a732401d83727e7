//! Front matter: `+++` TOML (the `toml` crate) or `---` YAML (`yaml-rust2`, a maintained YAML
//! 1.2 parser: folded and literal blocks, block lists, nested maps, anchors). Keys go through the
//! field table; other keys, whatever their shape, are ignored.

use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

use super::{err, Error};
use crate::fields::{Raw, Value};

/// Splits `text` into front matter (its lines, without the fences) and the body, and reads the
/// front matter into `raw`. Returns the body and the 1-based line where it starts.
pub fn split<'t>(path: &Path, text: &'t str, raw: &mut Raw) -> Result<(&'t str, usize), Error> {
    let first = text.lines().next().unwrap_or("").trim_end();
    if first != "+++" && first != "---" {
        return Ok((text, 1));
    }
    // Byte offsets of each line start, to slice the body without copying.
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let lines: Vec<&str> = text.lines().collect();
    let close = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == first)
        .map(|i| i + 1)
        .ok_or_else(|| {
            err(
                path,
                Some(1),
                format!("front matter opened with `{first}` is never closed"),
            )
        })?;
    let fm = &lines[1..close];
    if first == "+++" {
        toml(path, fm, raw)?;
    } else {
        yaml(path, fm, raw)?;
    }
    let body_at = starts.get(close + 1).copied().unwrap_or(text.len());
    Ok((text.get(body_at..).unwrap_or(""), close + 2))
}

/// The line (1-based, in the file) where `key` is set at the top level of the front matter.
fn key_line(lines: &[&str], key: &str) -> usize {
    lines
        .iter()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
        })
        .map_or(2, |i| i + 2)
}

fn toml(path: &Path, lines: &[&str], raw: &mut Raw) -> Result<(), Error> {
    let src = lines.join("\n");
    let table: toml::Table = src.parse().map_err(|e: toml::de::Error| {
        let line = e.span().map_or(1, |s| {
            src[..s.start.min(src.len())].matches('\n').count() + 1
        }) + 1;
        err(
            path,
            Some(line),
            format!("invalid TOML front matter: {}", e.message()),
        )
    })?;
    for (key, value) in table {
        let line = key_line(lines, &key);
        raw.set(&key, toml_value(value), line, false)
            .map_err(|m| err(path, Some(line), m))?;
    }
    Ok(())
}

fn toml_value(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::Str(s),
        toml::Value::Datetime(d) => Value::Str(d.to_string()),
        toml::Value::Integer(i) => Value::Str(i.to_string()),
        toml::Value::Float(f) => Value::Str(f.to_string()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Table(_) => Value::Other("a table"),
        toml::Value::Array(items) => {
            let mut list = Vec::new();
            for item in items {
                match item {
                    toml::Value::String(s) => list.push(s),
                    _ => return Value::Other("a list of non-strings"),
                }
            }
            Value::List(list)
        }
    }
}

fn yaml(path: &Path, lines: &[&str], raw: &mut Raw) -> Result<(), Error> {
    let src = lines.join("\n");
    let docs = YamlLoader::load_from_str(&src).map_err(|e| {
        err(
            path,
            // The scanner's 1-based line, clamped: some errors are only seen at the end.
            Some(e.marker().line().clamp(1, lines.len().max(1)) + 1),
            format!("invalid YAML front matter: {}", e.info()),
        )
    })?;
    let map = match docs.into_iter().next() {
        None | Some(Yaml::Null) => return Ok(()),
        Some(Yaml::Hash(map)) => map,
        Some(_) => {
            return Err(err(
                path,
                Some(2),
                "invalid YAML front matter: expected `key: value` lines",
            ))
        }
    };
    for (key, value) in map {
        let Some(key) = yaml_scalar(&key) else {
            continue;
        };
        let line = key_line(lines, &key);
        raw.set(&key, yaml_value(value), line, false)
            .map_err(|m| err(path, Some(line), m))?;
    }
    Ok(())
}

fn yaml_scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        _ => None,
    }
}

fn yaml_value(y: Yaml) -> Value {
    match y {
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Null => Value::Null,
        Yaml::Array(items) => {
            let mut list = Vec::new();
            for item in &items {
                match yaml_scalar(item) {
                    Some(s) => list.push(s),
                    None => return Value::Other("a list of non-strings"),
                }
            }
            Value::List(list)
        }
        Yaml::Hash(_) => Value::Other("a map"),
        other => match yaml_scalar(&other) {
            Some(s) => Value::Str(s),
            None => Value::Other("an alias or a bad value"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Raw, Error> {
        let mut raw = Raw::default();
        split(Path::new("a.md"), text, &mut raw)?;
        Ok(raw)
    }

    #[test]
    fn yaml_as_site_generators_write_it() {
        let raw = read(
            "---\ntitle: \"WebAssembly 的體積\"\ndescription: >\n  一段很長的\n  說明文字\ncategories:\n  - 技術\n  - 前端\ncover: {image: a.png, alt: 封面}\ndefaults: &d\n  layout: post\nother: *d\ndraft: true\ndate: 2024-01-15 10:30:00 +0800\n---\n正文",
        )
        .unwrap();
        assert_eq!(raw.title, "WebAssembly 的體積");
        assert_eq!(raw.description, "一段很長的 說明文字\n");
        assert_eq!(raw.categories, ["技術", "前端"]);
        assert!(raw.draft);
        assert_eq!(raw.date, "2024-01-15 10:30:00 +0800");
    }

    #[test]
    fn errors_name_the_line() {
        let e = read("---\ntitle: x\ntags: [a, b\n---\n").unwrap_err();
        assert!(
            e.to_string().starts_with("a.md:") && e.message.contains("invalid YAML"),
            "{e}"
        );
        let e = read("---\ntitle: x\nurl: [a]\n---\n").unwrap_err();
        assert_eq!(e.to_string(), "a.md:3: `url` must be a string, not a list");
        let e = read("+++\ntitle = \"x\"\ndraft = \"perhaps\"\n+++\n").unwrap_err();
        assert_eq!(e.to_string(), "a.md:3: `draft` must be true or false");
    }

    #[test]
    fn the_body_follows_the_closing_fence() {
        let mut raw = Raw::default();
        let (body, line) = split(
            Path::new("a.md"),
            "+++\ntitle = \"x\"\n+++\nbody\nmore",
            &mut raw,
        )
        .unwrap();
        assert_eq!((body, line), ("body\nmore", 4));
        let (body, line) = split(Path::new("a.md"), "# no front matter", &mut raw).unwrap();
        assert_eq!((body, line), ("# no front matter", 1));
    }
}

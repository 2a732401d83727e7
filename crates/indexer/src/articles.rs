//! Reading articles from a directory: Markdown with TOML (`+++`) or YAML (`---`) front matter,
//! plain text (first line is the title) and JSON arrays of `{title, body, ...}`.
//!
//! Every problem names its file and line. Files of other types are skipped with a warning;
//! entries whose name starts with `.` or `_` (notes, sources, drafts) are skipped silently.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use engine::index::Article;

use crate::fields::{Raw, Value};
use crate::{links, reflow};

/// A problem with the input, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file (or directory).
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for Error {}

fn err(path: &Path, line: Option<usize>, message: impl Into<String>) -> Error {
    Error {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// Articles and warnings read from a directory.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The articles, in file-name order (then order within a JSON file).
    pub articles: Vec<Article>,
    /// Files skipped, with why.
    pub warnings: Vec<String>,
}

/// Reads every article in `dir` (not recursive).
pub fn load_dir(dir: &Path) -> Result<Loaded, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        err(
            dir,
            None,
            format!("cannot read the articles directory: {e}"),
        )
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| {
            err(
                dir,
                None,
                format!("cannot list the articles directory: {e}"),
            )
        })?;
        paths.push(entry.path());
    }
    paths.sort();
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        if path.is_dir() {
            warnings.push(format!(
                "{}: skipped: directories are not read (articles go directly in {})",
                path.display(),
                dir.display()
            ));
            continue;
        }
        if format(&path).is_none() {
            warnings.push(format!(
                "{}: skipped: unknown file type (articles are .md, .markdown, .txt or .json)",
                path.display()
            ));
            continue;
        }
        let bytes =
            std::fs::read(&path).map_err(|e| err(&path, None, format!("cannot read: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            err(
                &path,
                Some(line),
                format!("not valid UTF-8 (byte {valid}); save the file as UTF-8"),
            )
        })?;
        files.push((path, text));
    }
    let mut loaded = load_texts(dir, &files)?;
    warnings.append(&mut loaded.warnings);
    loaded.warnings = warnings;
    Ok(loaded)
}

type Parser = fn(&Path, &str) -> Result<Vec<Raw>, Error>;

/// The parser for a file, by its extension.
fn format(path: &Path) -> Option<Parser> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "md" | "markdown" => |p, t| parse_markdown(p, t).map(|r| vec![r]),
        "txt" => |p, t| parse_text(p, t).map(|r| vec![r]),
        "json" => parse_json,
        _ => return None,
    })
}

/// The articles of files already read, as `(path, text)` in the order given; paths are relative to
/// `dir` or inside it. The file type comes from each path's extension; others are skipped with a
/// warning. This is `load_dir` without the file system (the fuzz targets drive it).
pub fn load_texts(dir: &Path, files: &[(PathBuf, String)]) -> Result<Loaded, Error> {
    let mut raws = Vec::new();
    let mut warnings = Vec::new();
    for (path, text) in files {
        let Some(parse) = format(path) else {
            warnings.push(format!("{}: skipped: unknown file type", path.display()));
            continue;
        };
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        raws.extend(parse(path, text)?);
    }
    if raws.is_empty() {
        return Err(err(
            dir,
            None,
            "no articles found (expected .md, .markdown, .txt or .json files)",
        ));
    }
    let articles = finish(dir, raws, &mut warnings)?;
    Ok(Loaded { articles, warnings })
}

/// Longest derived title, in characters.
pub const MAX_DERIVED_TITLE: usize = 60;

/// Titles, ids, URLs, reflow, uniqueness. Derived titles and ids are warnings; explicit duplicate
/// ids and URLs, and URLs that are not http(s) or relative, are errors.
fn finish(
    dir: &Path,
    mut raws: Vec<Raw>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Article>, Error> {
    for r in &mut raws {
        if r.title.trim().is_empty() {
            r.title = derived_title(r);
            warnings.push(format!(
                "{}:{}: no title; using “{}”",
                r.path.display(),
                r.line,
                r.title
            ));
        }
        if let Some(url) = &r.url {
            links::check(url).map_err(|m| err(&r.path, Some(r.url_line.max(r.line)), m))?;
        }
        let date = r.date.trim();
        if !date.is_empty() && engine::date::When::parse(date).is_none() {
            warnings.push(format!(
                "{}:{}: date `{date}` is not YYYY-MM-DD[THH:MM[:SS]][zone]; shown as written, \
                 but the article sorts as undated",
                r.path.display(),
                r.line
            ));
        }
    }
    let ids = ids(dir, &raws, warnings)?;
    let mut known = HashSet::new();
    for r in &raws {
        reflow::words(&r.title, &mut known);
        reflow::words(&r.body, &mut known);
    }
    let mut urls: HashMap<String, (PathBuf, usize)> = HashMap::new();
    let mut out = Vec::new();
    for (r, id) in raws.into_iter().zip(ids) {
        let url = r.url.clone().unwrap_or_else(|| format!("#/a/{id}"));
        if let Some((p, l)) = urls.insert(url.clone(), (r.path.clone(), r.line)) {
            return Err(err(
                &r.path,
                Some(r.line),
                format!("duplicate url `{url}` (also {}:{l})", p.display()),
            ));
        }
        let body = if r.markdown {
            markdown_text(&r.body, &known)
        } else {
            reflow::reflow(&r.body, &known)
        };
        out.push(Article {
            id,
            title: reflow::join_lines(r.title.lines(), &known),
            url,
            date: r.date,
            source: r.source,
            byline: r.byline,
            section: r.section,
            tags: r.tags,
            body,
            // Headings with explicit anchor ids come with the HTML and `{#id}` loaders.
            headings: Vec::new(),
        });
    }
    Ok(out)
}

/// A title for an article that has none: its first Markdown heading, else the first line of its
/// body, else its file name; at most [`MAX_DERIVED_TITLE`] characters.
fn derived_title(r: &Raw) -> String {
    let lines = || r.body.lines().map(str::trim).filter(|l| !l.is_empty());
    let heading = r
        .markdown
        .then(|| lines().find(|l| l.starts_with('#')))
        .flatten();
    let line = heading.or_else(|| lines().next()).map(|l| {
        let l = if r.markdown {
            l.trim_start_matches(['#', '>', '-', '*', '+']).trim()
        } else {
            l
        };
        inline(l)
    });
    let title = match line.filter(|l| !l.trim().is_empty()) {
        Some(l) => l,
        None => r
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    if title.chars().count() <= MAX_DERIVED_TITLE {
        return title;
    }
    let mut cut: String = title.chars().take(MAX_DERIVED_TITLE - 1).collect();
    cut.push('…');
    cut
}

/// Every article's id. Explicit ids are kept, and a repeated one is an error. Derived ids (the
/// slug of a JSON article's title or of the file name) that collide with another id all get a
/// suffix from a hash of the file's path (relative to `dir`), title and body, so which article
/// gets which id does not depend on the order of files, and a warning says so.
fn ids(dir: &Path, raws: &[Raw], warnings: &mut Vec<String>) -> Result<Vec<String>, Error> {
    let mut explicit: HashMap<&str, &Raw> = HashMap::new();
    for r in raws {
        if let Some(id) = r.id.as_deref() {
            if id.trim().is_empty() {
                return Err(err(&r.path, Some(r.line), "empty `id`"));
            }
            if let Some(first) = explicit.insert(id, r) {
                return Err(err(
                    &r.path,
                    Some(r.line),
                    format!(
                        "duplicate id `{id}` (also {}:{})",
                        first.path.display(),
                        first.line
                    ),
                ));
            }
        }
    }
    let derived: Vec<Option<String>> = raws
        .iter()
        .map(|r| {
            r.id.is_none().then(|| {
                if r.path.extension().is_some_and(|e| e == "json") {
                    slug(&r.title)
                } else {
                    slug(
                        &r.path
                            .file_stem()
                            .map(|s| s.to_string_lossy())
                            .unwrap_or_default(),
                    )
                }
            })
        })
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for d in derived.iter().flatten() {
        *count.entry(d.as_str()).or_default() += 1;
    }
    let mut taken: HashSet<String> = explicit.keys().map(|k| k.to_string()).collect();
    let mut out = Vec::with_capacity(raws.len());
    for (r, d) in raws.iter().zip(&derived) {
        let Some(d) = d else {
            out.push(r.id.clone().unwrap_or_default());
            continue;
        };
        let clash = d.is_empty()
            || count.get(d.as_str()) > Some(&1)
            || explicit.contains_key(d.as_str())
            || taken.contains(d);
        let mut id = d.clone();
        if clash {
            let rel = r.path.strip_prefix(dir).unwrap_or(&r.path);
            let hash = fnv(&[
                rel.to_string_lossy().as_bytes(),
                r.title.as_bytes(),
                r.body.as_bytes(),
            ]);
            let suffix = format!("{:06x}", hash & 0xFF_FFFF);
            id = if d.is_empty() {
                suffix
            } else {
                format!("{d}-{suffix}")
            };
            // Identical path, title and body: number the copies in file order.
            let base = id.clone();
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            warnings.push(format!(
                "{}:{}: id `{d}` is not unique; using `{id}` (give the article an `id` to choose)",
                r.path.display(),
                r.line
            ));
        }
        taken.insert(id.clone());
        out.push(id);
    }
    Ok(out)
}

/// FNV-1a over the parts, each followed by a 0 byte.
fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.iter().chain(&[0]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// A URL-safe, readable id: letters and digits of any script kept (lower-cased), runs of anything
/// else become one `-`, at most 80 characters.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 80 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

fn parse_text(path: &Path, text: &str) -> Result<Raw, Error> {
    let mut lines = text
        .lines()
        .enumerate()
        .skip_while(|(_, l)| l.trim().is_empty());
    let Some((n, title)) = lines.next() else {
        // An empty file: `finish` names it after the file and warns.
        return Ok(Raw {
            path: path.into(),
            line: 1,
            ..Raw::default()
        });
    };
    let body: Vec<&str> = lines.map(|(_, l)| l).collect();
    Ok(Raw {
        path: path.into(),
        line: n + 1,
        title: title.trim().into(),
        body: body.join("\n"),
        ..Raw::default()
    })
}

fn parse_markdown(path: &Path, text: &str) -> Result<Raw, Error> {
    let mut raw = Raw {
        path: path.into(),
        line: 1,
        markdown: true,
        ..Raw::default()
    };
    let first = text.lines().next().unwrap_or("").trim_end();
    if first == "+++" || first == "---" {
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
            parse_toml(path, fm, &mut raw)?;
        } else {
            parse_yaml(path, fm, &mut raw)?;
        }
        raw.body = lines[close + 1..].join("\n");
    } else {
        raw.body = text.to_string();
    }
    if raw.title.trim().is_empty() {
        // No title in front matter: a leading `# Heading` is the title.
        let mut rest = raw
            .body
            .lines()
            .enumerate()
            .skip_while(|(_, l)| l.trim().is_empty());
        match rest.next() {
            Some((_, l)) if l.starts_with("# ") => {
                raw.title = l[2..].trim().to_string();
                raw.body = rest.map(|(_, l)| l).collect::<Vec<_>>().join("\n");
            }
            // No title at all: `finish` derives one and warns.
            _ => {}
        }
    }
    raw.title = raw.title.trim().to_string();
    Ok(raw)
}

fn parse_toml(path: &Path, lines: &[&str], raw: &mut Raw) -> Result<(), Error> {
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
        let line = lines
            .iter()
            .position(|l| l.trim_start().starts_with(key.as_str()))
            .map_or(2, |i| i + 2);
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
        toml::Value::Boolean(_) => Value::Other("a boolean"),
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

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    v.to_string()
}

/// The YAML that front matter uses: `key: value` lines, `key: [a, b]` and `key:` followed by
/// `- item` lines. Anything else is reported, not guessed at.
fn parse_yaml(path: &Path, lines: &[&str], raw: &mut Raw) -> Result<(), Error> {
    let mut i = 0;
    while i < lines.len() {
        let line_no = i + 2;
        let line = lines[i];
        i += 1;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(err(
                path,
                Some(line_no),
                "invalid YAML front matter: expected `key: value`",
            ));
        };
        if key.starts_with(char::is_whitespace) {
            return Err(err(
                path,
                Some(line_no),
                "invalid YAML front matter: nested values are not supported",
            ));
        }
        let key = key.trim();
        let value = value.trim();
        let parsed = if value.is_empty() {
            let mut list = Vec::new();
            while let Some(item) = lines.get(i).and_then(|l| l.trim_start().strip_prefix("- ")) {
                list.push(unquote(item));
                i += 1;
            }
            Value::List(list)
        } else if let Some(inner) = value.strip_prefix('[') {
            let inner = inner.strip_suffix(']').ok_or_else(|| {
                err(
                    path,
                    Some(line_no),
                    "invalid YAML front matter: `[` list is not closed on its line",
                )
            })?;
            Value::List(
                inner
                    .split(',')
                    .map(unquote)
                    .filter(|s| !s.is_empty())
                    .collect(),
            )
        } else if value.starts_with('|') || value.starts_with('>') {
            return Err(err(
                path,
                Some(line_no),
                "invalid YAML front matter: multi-line strings are not supported",
            ));
        } else {
            let v = unquote(value);
            if (value.starts_with('"') || value.starts_with('\'')) && (v.len() + 2 != value.len()) {
                return Err(err(
                    path,
                    Some(line_no),
                    "invalid YAML front matter: unclosed quote",
                ));
            }
            Value::Str(v)
        };
        raw.set(key, parsed, line_no, false)
            .map_err(|m| err(path, Some(line_no), m))?;
    }
    Ok(())
}

fn json_value(value: serde_json::Value) -> Value {
    use serde_json::Value as J;
    match value {
        J::String(s) => Value::Str(s),
        J::Number(n) => Value::Str(n.to_string()),
        J::Null => Value::Null,
        J::Bool(_) => Value::Other("a boolean"),
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

fn parse_json(path: &Path, text: &str) -> Result<Vec<Raw>, Error> {
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
        for (key, value) in object {
            has_body |=
                crate::fields::field(&key) == Some(crate::fields::Field::Body) && !value.is_null();
            raw.set(&key, json_value(value), line, true).map_err(at)?;
        }
        if !has_body {
            return Err(at("missing body (`body`, `content` or `text`)".into()));
        }
        raw.title = raw.title.trim().to_string();
        out.push(raw);
    }
    Ok(out)
}

/// Markdown to the plain text that is indexed and shown: paragraphs reflowed, heading and quote
/// markers, emphasis, inline code marks and link targets removed; fenced code kept verbatim.
pub fn markdown_text(md: &str, known: &HashSet<String>) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut fence: Option<Vec<String>> = None;
    let flush = |current: &mut Vec<String>, paragraphs: &mut Vec<String>| {
        if !current.is_empty() {
            paragraphs.push(reflow::join_lines(
                current.iter().map(String::as_str),
                known,
            ));
            current.clear();
        }
    };
    for line in md.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            match fence.take() {
                Some(code) => paragraphs.push(code.join("\n")),
                None => {
                    flush(&mut current, &mut paragraphs);
                    fence = Some(Vec::new());
                }
            }
            continue;
        }
        if let Some(code) = fence.as_mut() {
            code.push(line.to_string());
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut current, &mut paragraphs);
            continue;
        }
        let mut l = trimmed;
        let heading = l.starts_with('#');
        l = l
            .trim_start_matches('#')
            .trim_start_matches('>')
            .trim_start();
        if heading {
            flush(&mut current, &mut paragraphs);
            current.push(inline(l));
            flush(&mut current, &mut paragraphs);
        } else {
            current.push(inline(l));
        }
    }
    flush(&mut current, &mut paragraphs);
    if let Some(code) = fence {
        paragraphs.push(code.join("\n"));
    }
    paragraphs.join("\n\n")
}

/// Inline Markdown: `![alt](src)` → alt, `[text](href)` → text, `**`, `__` and backticks removed.
fn inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("![").or_else(|| rest.strip_prefix('[')) {
            if let Some(close) = after.find("](") {
                if let Some(end) = after[close + 2..].find(')') {
                    out.push_str(&after[..close]);
                    rest = &after[close + 2 + end + 1..];
                    continue;
                }
            }
        }
        if let Some(r) = rest.strip_prefix("**").or_else(|| rest.strip_prefix("__")) {
            rest = r;
            continue;
        }
        if let Some(r) = rest.strip_prefix('`') {
            rest = r;
            continue;
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("DeepSeek-R1 開創歷史!"), "deepseek-r1-開創歷史");
        assert_eq!(slug("  --  "), "");
    }

    #[test]
    fn markdown_to_text() {
        let md = "## 小標題\n推理\n模型 **粗體** [連結](http://x)\n\n```\ncode  kept\n```";
        assert_eq!(
            markdown_text(md, &HashSet::new()),
            "小標題\n\n推理模型 粗體 連結\n\ncode  kept"
        );
    }
}

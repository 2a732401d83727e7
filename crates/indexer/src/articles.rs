//! Reading articles from a directory: Markdown with TOML (`+++`) or YAML (`---`) front matter,
//! plain text (first line is the title) and JSON arrays of `{title, body, ...}`.
//!
//! Every problem names its file and line. Files of other types are skipped with a warning;
//! entries whose name starts with `.` or `_` (notes, sources, drafts) are skipped silently.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use engine::index::Article;

use crate::reflow;

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

/// An article as read, before reflow, with where it came from.
#[derive(Debug, Clone, Default)]
struct Raw {
    path: PathBuf,
    line: usize,
    id: Option<String>,
    title: String,
    url: Option<String>,
    date: String,
    source: String,
    byline: String,
    section: String,
    tags: Vec<String>,
    body: String,
    markdown: bool,
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
    let mut raws = Vec::new();
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
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let parse: fn(&Path, &str) -> Result<Vec<Raw>, Error> = match ext.as_str() {
            "md" | "markdown" => |p, t| parse_markdown(p, t).map(|r| vec![r]),
            "txt" => |p, t| parse_text(p, t).map(|r| vec![r]),
            "json" => parse_json,
            _ => {
                warnings.push(format!(
                    "{}: skipped: unknown file type (articles are .md, .markdown, .txt or .json)",
                    path.display()
                ));
                continue;
            }
        };
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
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        raws.extend(parse(&path, text)?);
    }
    if raws.is_empty() {
        return Err(err(
            dir,
            None,
            "no articles found (expected .md, .markdown, .txt or .json files)",
        ));
    }
    let articles = finish(raws)?;
    Ok(Loaded { articles, warnings })
}

/// Ids, URLs, reflow, uniqueness.
fn finish(raws: Vec<Raw>) -> Result<Vec<Article>, Error> {
    let mut known = HashSet::new();
    for r in &raws {
        reflow::words(&r.title, &mut known);
        reflow::words(&r.body, &mut known);
    }
    let mut ids: HashMap<String, (PathBuf, usize)> = HashMap::new();
    let mut urls: HashMap<String, (PathBuf, usize)> = HashMap::new();
    let mut out = Vec::new();
    for r in raws {
        let id = match &r.id {
            Some(id) => id.clone(),
            None if r.path.extension().is_some_and(|e| e == "json") => slug(&r.title),
            None => slug(r.path.file_stem().and_then(|s| s.to_str()).unwrap_or("")),
        };
        if id.is_empty() {
            return Err(err(
                &r.path,
                Some(r.line),
                "cannot derive an id: give the article an `id`",
            ));
        }
        if let Some((p, l)) = ids.insert(id.clone(), (r.path.clone(), r.line)) {
            return Err(err(
                &r.path,
                Some(r.line),
                format!("duplicate id `{id}` (also {}:{l})", p.display()),
            ));
        }
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
        });
    }
    Ok(out)
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
        return Err(err(
            path,
            Some(1),
            "missing title: the file is empty (the first line of a .txt article is its title)",
        ));
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

/// Front matter fields shared by TOML and YAML.
fn set_field(
    raw: &mut Raw,
    key: &str,
    value: FieldValue,
    path: &Path,
    line: usize,
) -> Result<(), Error> {
    let scalar = |v: FieldValue| match v {
        FieldValue::Str(s) => Ok(s),
        FieldValue::List(_) => Err(err(
            path,
            Some(line),
            format!("`{key}` must be a string, not a list"),
        )),
    };
    match key {
        "title" => raw.title = scalar(value)?,
        "id" | "slug" => raw.id = Some(scalar(value)?),
        "url" => raw.url = Some(scalar(value)?),
        "date" => raw.date = scalar(value)?,
        "source" => raw.source = scalar(value)?,
        "byline" | "author" => raw.byline = scalar(value)?,
        "section" | "category" => raw.section = scalar(value)?,
        "tags" | "keywords" => {
            raw.tags = match value {
                FieldValue::List(l) => l,
                FieldValue::Str(s) => s
                    .split(',')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect(),
            }
        }
        // Other keys (layout, draft, weight, ...) belong to the site generator.
        _ => {}
    }
    Ok(())
}

enum FieldValue {
    Str(String),
    List(Vec<String>),
}

fn parse_markdown(path: &Path, text: &str) -> Result<Raw, Error> {
    let mut raw = Raw {
        path: path.into(),
        line: 1,
        markdown: true,
        ..Raw::default()
    };
    let first = text.lines().next().unwrap_or("").trim_end();
    let body_start_line;
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
        body_start_line = close + 1;
        raw.body = lines[close + 1..].join("\n");
    } else {
        body_start_line = 0;
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
            _ => {
                return Err(err(
                    path,
                    Some(1),
                    "missing title: add `title` to the front matter or start with a `# Heading`",
                ));
            }
        }
    }
    raw.title = raw.title.trim().to_string();
    let _ = body_start_line;
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
        let value = match value {
            toml::Value::String(s) => FieldValue::Str(s),
            toml::Value::Datetime(d) => FieldValue::Str(d.to_string()),
            toml::Value::Integer(i) => FieldValue::Str(i.to_string()),
            toml::Value::Array(items) => {
                let mut list = Vec::new();
                for item in items {
                    match item {
                        toml::Value::String(s) => list.push(s),
                        other => {
                            return Err(err(
                                path,
                                Some(line),
                                format!("`{key}` must hold strings, found {}", other.type_str()),
                            ))
                        }
                    }
                }
                FieldValue::List(list)
            }
            other if is_known(&key) => {
                return Err(err(
                    path,
                    Some(line),
                    format!("`{key}` must be a string, found {}", other.type_str()),
                ))
            }
            _ => continue,
        };
        set_field(raw, &key, value, path, line)?;
    }
    Ok(())
}

fn is_known(key: &str) -> bool {
    matches!(
        key,
        "title"
            | "id"
            | "slug"
            | "url"
            | "date"
            | "source"
            | "byline"
            | "author"
            | "section"
            | "category"
            | "tags"
            | "keywords"
    )
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
            FieldValue::List(list)
        } else if let Some(inner) = value.strip_prefix('[') {
            let inner = inner.strip_suffix(']').ok_or_else(|| {
                err(
                    path,
                    Some(line_no),
                    "invalid YAML front matter: `[` list is not closed on its line",
                )
            })?;
            FieldValue::List(
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
            FieldValue::Str(v)
        };
        set_field(raw, key, parsed, path, line_no)?;
    }
    Ok(())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonArticle {
    title: Option<String>,
    #[serde(alias = "content", alias = "text")]
    body: Option<String>,
    #[serde(alias = "href")]
    url: Option<String>,
    #[serde(alias = "slug")]
    id: Option<String>,
    date: Option<String>,
    source: Option<String>,
    #[serde(alias = "author")]
    byline: Option<String>,
    #[serde(alias = "category")]
    section: Option<String>,
    #[serde(alias = "keywords")]
    tags: Option<Vec<String>>,
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
        let a: JsonArticle = serde_json::from_str(item.get()).map_err(|e| {
            err(
                path,
                Some(line + e.line() - 1),
                format!("article {}: {e}", n + 1),
            )
        })?;
        let title = a.title.unwrap_or_default();
        if title.trim().is_empty() {
            return Err(err(
                path,
                Some(line),
                format!("article {}: missing title", n + 1),
            ));
        }
        let body = a
            .body
            .ok_or_else(|| err(path, Some(line), format!("article {}: missing body", n + 1)))?;
        out.push(Raw {
            path: path.into(),
            line,
            id: a.id,
            title: title.trim().to_string(),
            url: a.url,
            date: a.date.unwrap_or_default(),
            source: a.source.unwrap_or_default(),
            byline: a.byline.unwrap_or_default(),
            section: a.section.unwrap_or_default(),
            tags: a.tags.unwrap_or_default(),
            body,
            markdown: false,
        });
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

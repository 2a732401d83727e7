//! Reading articles: a content tree (recursive; see [`tree`]) of Markdown/MDX with TOML or YAML
//! front matter ([`markdown`], [`frontmatter`]), plain text ([`text`]) and JSON exports
//! ([`json`]); then titles, ids, URLs, drafts and dates are settled (`finish`).
//!
//! Every problem names its file and line. Drafts (`draft: true`), unpublished (`published:
//! false`, `search: false`) and future-dated articles are left out and listed in
//! [`Loaded::skipped`]; files that are not articles are counted there too.

mod finish;
pub mod frontmatter;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;
pub mod tree;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::fields::Raw;
pub use finish::{slug, MAX_DERIVED_TITLE};

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

pub(crate) fn err(path: &Path, line: Option<usize>, message: impl Into<String>) -> Error {
    Error {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// Articles and warnings read from a directory.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The articles, in path order (then order within a JSON file).
    pub articles: Vec<engine::index::Article>,
    /// Problems that did not stop the build: derived titles and ids, unreadable dates.
    pub warnings: Vec<String>,
    /// What was left out, with why: drafts, unpublished and future articles, other files.
    pub skipped: Vec<String>,
}

/// How to read a tree.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Index drafts too.
    pub drafts: bool,
    /// The build's clock, seconds since 1970 (UTC): articles dated later are left out.
    pub now: i64,
    /// URL pattern for articles without a `url` (overrides the tree's `article-search.toml`):
    /// `/blog/posts/{slug}/`, with `{slug}`, `{section}`, `{year}`, `{month}`, `{day}`,
    /// `{file}`, `{id}`, `{lang}`.
    pub url: Option<String>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        LoadOptions {
            drafts: false,
            now,
            url: None,
        }
    }
}

/// The settings a content root's `article-search.toml` may hold.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    /// URL pattern (see [`LoadOptions::url`]).
    url: Option<String>,
    /// Index drafts too.
    drafts: Option<bool>,
}

fn read_config(dir: &Path) -> Result<Config, Error> {
    let path = dir.join(tree::CONFIG);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Config::default());
    };
    toml::from_str(&text).map_err(|e: toml::de::Error| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        err(
            &path,
            line,
            format!("invalid configuration: {}", e.message()),
        )
    })
}

/// Reads every article under `dir` with the default options (no drafts, the system clock).
pub fn load_dir(dir: &Path) -> Result<Loaded, Error> {
    load_dir_with(dir, &LoadOptions::default())
}

/// Reads every article under `dir`.
pub fn load_dir_with(dir: &Path, options: &LoadOptions) -> Result<Loaded, Error> {
    let config = read_config(dir)?;
    let walked = tree::walk(dir)?;
    let mut files = Vec::new();
    for (path, origin) in walked.files {
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
        files.push((path, origin, text));
    }
    let options = LoadOptions {
        drafts: options.drafts || config.drafts == Some(true),
        now: options.now,
        url: options.url.clone().or(config.url),
    };
    let mut loaded = load(dir, files, &options)?;
    for (ext, n) in walked.others {
        loaded.skipped.push(format!(
            "{n} {ext} file{} (not an article: .md, .markdown, .mdx, .txt or .json)",
            if n == 1 { "" } else { "s" }
        ));
    }
    Ok(loaded)
}

/// The articles of files already read, as `(path, text)` in the order given; paths are inside
/// `dir`, and their extension gives the format. This is `load_dir` without the file system (the
/// fuzz targets drive it).
pub fn load_texts(dir: &Path, files: &[(PathBuf, String)]) -> Result<Loaded, Error> {
    let files = files
        .iter()
        .map(|(p, t)| (p.clone(), tree::origin(dir, p), t.clone()))
        .collect();
    load(dir, files, &LoadOptions::default())
}

fn load(
    dir: &Path,
    files: Vec<(PathBuf, crate::fields::Origin, String)>,
    options: &LoadOptions,
) -> Result<Loaded, Error> {
    let mut raws: Vec<Raw> = Vec::new();
    for (path, origin, text) in files {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let parsed = match ext.as_str() {
            "md" | "markdown" | "mdx" => markdown::parse(&path, text)?,
            "txt" => text::parse(&path, text)?,
            "json" => json::parse(&path, text)?,
            _ => continue,
        };
        raws.extend(parsed.into_iter().map(|mut r| {
            r.origin = origin.clone();
            r
        }));
    }
    if raws.is_empty() {
        return Err(err(
            dir,
            None,
            "no articles found (expected .md, .markdown, .mdx, .txt or .json files)",
        ));
    }
    finish::finish(dir, raws, options)
}

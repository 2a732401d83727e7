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
    /// Where the search files go, when inside the tree: left out of the walk, and the base of
    /// built pages' URLs (`../posts/x/` from `public/search/` to `public/posts/x/index.html`), which
    /// the element resolves against its own URL. Without it, pages get `/posts/x/`.
    pub search_dir: Option<PathBuf>,
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
            search_dir: None,
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
    let walked = tree::walk(dir, options.search_dir.as_deref())?;
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
        search_dir: options.search_dir.clone(),
    };
    let mut loaded = load(dir, files, &options)?;
    for (ext, n) in walked.others {
        loaded.skipped.push(format!(
            "{n} {ext} file{} (not an article: .md, .markdown, .mdx, .txt, .json or .html)",
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
    let mut skipped = Vec::new();
    let is_html = |p: &Path| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
    };
    // A site that marks its article element on some page means it on every page.
    let marked = files
        .iter()
        .any(|(p, _, t)| is_html(p) && t.contains(html::BODY_ATTR));
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
            "html" | "htm" => match html::parse_page(&path, text, marked) {
                Ok(mut raw) => {
                    raw.url = Some(page_url(dir, &path, options.search_dir.as_deref()));
                    raw.url_line = 1;
                    vec![raw]
                }
                Err(why) => {
                    skipped.push(format!("{}: not an article: {why}", path.display()));
                    continue;
                }
            },
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
            "no articles found (expected .md, .markdown, .mdx, .txt, .json or .html files)",
        ));
    }
    let mut loaded = finish::finish(dir, raws, options)?;
    skipped.append(&mut loaded.skipped);
    loaded.skipped = skipped;
    Ok(loaded)
}

/// The URL of a built page: the folder of an `index.html`, else the file; relative to the search
/// folder when there is one, else from the site's root.
fn page_url(root: &Path, page: &Path, search_dir: Option<&Path>) -> String {
    let abs = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let page = abs(page);
    let is_index = page.file_name().is_some_and(|n| {
        n.eq_ignore_ascii_case("index.html") || n.eq_ignore_ascii_case("index.htm")
    });
    let target = if is_index {
        page.parent().unwrap_or(&page).to_path_buf()
    } else {
        page.clone()
    };
    let parts = |p: &Path| -> Vec<String> {
        p.components()
            .filter_map(|c| match c {
                std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    let to = parts(&target);
    let from = parts(&abs(search_dir.unwrap_or(root)));
    let common = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
    let encode = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let down: Vec<String> = to[common..].iter().map(|s| encode(s)).collect();
    let mut url = if search_dir.is_some() {
        "../".repeat(from.len() - common)
    } else {
        "/".to_string()
    };
    url += &down.join("/");
    if is_index && !down.is_empty() {
        url.push('/');
    }
    if url.is_empty() {
        url = "./".into();
    }
    url
}

#[cfg(test)]
mod tests {
    use super::page_url;
    use std::path::Path;

    #[test]
    fn page_urls() {
        let root = Path::new("/site/public");
        let search = Path::new("/site/public/search");
        let url = |p: &str, s| page_url(root, &root.join(p), s);
        assert_eq!(url("posts/x/index.html", Some(search)), "../posts/x/");
        assert_eq!(url("posts/x/index.html", None), "/posts/x/");
        assert_eq!(url("about.html", Some(search)), "../about.html");
        assert_eq!(url("index.html", Some(search)), "../");
        assert_eq!(
            url("posts/中文 頁/index.html", None),
            "/posts/%E4%B8%AD%E6%96%87%20%E9%A0%81/"
        );
        assert_eq!(url("index.html", None), "/");
    }
}

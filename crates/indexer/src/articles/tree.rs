//! Walking a content tree (Hugo, Jekyll, Astro, Eleventy, or a plain folder): which files are
//! articles, and what their paths say (slug, section, language, a Jekyll post's date).
//!
//! Rules: names starting with `.` are skipped; folders starting with `_` are skipped except
//! Jekyll's `_posts`; files starting with `_` are skipped (Hugo's `_index.md` list pages, notes);
//! `article-search.toml` is the tree's configuration. Files that are not articles are counted
//! by extension for the build report.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{err, Error};
use crate::fields::Origin;

/// The configuration file a content root may hold.
pub const CONFIG: &str = "article-search.toml";

/// Extensions of article files.
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "mdx", "txt", "json", "html", "htm"];

/// The files of a tree: articles with their origin, and what was left out.
#[derive(Debug, Default)]
pub struct Walked {
    /// Article files, in path order.
    pub files: Vec<(PathBuf, Origin)>,
    /// Files that are not articles, counted by extension.
    pub others: BTreeMap<String, usize>,
}

/// Walks `root` recursively, leaving out the folder `skip` (where the search files go).
pub fn walk(root: &Path, skip: Option<&Path>) -> Result<Walked, Error> {
    let mut walked = Walked::default();
    // Compared as canonical paths, computed once (the search folder may not exist yet).
    let skip = skip.map(|s| s.canonicalize().unwrap_or_else(|_| s.to_path_buf()));
    visit(root, root, skip.as_deref(), &mut walked)?;
    walked.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(walked)
}

fn visit(root: &Path, dir: &Path, skip: Option<&Path>, walked: &mut Walked) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| err(dir, None, format!("cannot read the folder: {e}")))?;
    for entry in entries {
        let entry = entry.map_err(|e| err(dir, None, format!("cannot list the folder: {e}")))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let is_dir = entry
            .file_type()
            .map_err(|e| err(&path, None, e.to_string()))?
            .is_dir();
        if is_dir {
            let ours = skip.is_some_and(|s| path.canonicalize().is_ok_and(|p| p == s) || path == s);
            if !ours && (!name.starts_with('_') || name == "_posts") {
                visit(root, &path, skip, walked)?;
            }
            continue;
        }
        if name.starts_with('_') || (dir == root && name == CONFIG) {
            continue;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if ARTICLE_EXTENSIONS.contains(&ext.as_str()) {
            let origin = origin(root, &path);
            walked.files.push((path, origin));
        } else {
            let key = if ext.is_empty() {
                "(no extension)".to_string()
            } else {
                format!(".{ext}")
            };
            *walked.others.entry(key).or_default() += 1;
        }
    }
    Ok(())
}

/// A language folder name: `en`, `zh`, `zh-hant`, `pt-br` (two letters, or two or three with
/// subtags), so that `posts`, `blog` or `api` are not taken for one.
pub fn is_lang(name: &str) -> bool {
    let mut parts = name.split('-');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let letters = |s: &str| s.chars().all(|c| c.is_ascii_alphabetic());
    let ok_first = letters(first) && (first.len() == 2 || (first.len() == 3 && !rest.is_empty()));
    ok_first
        && rest
            .iter()
            .all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// What `path` (under `root`) says about its article.
pub fn origin(root: &Path, path: &Path) -> Origin {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut dirs: Vec<String> = rel
        .parent()
        .map(|p| p.iter().map(|c| c.to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut o = Origin::default();
    if dirs.first().is_some_and(|d| is_lang(d)) {
        o.lang = dirs.remove(0);
    }
    let posts = dirs.iter().any(|d| d == "_posts");
    o.section = dirs
        .iter()
        .find(|d| *d != "_posts")
        .cloned()
        .unwrap_or_default();
    let bundle = stem == "index" && !dirs.is_empty();
    o.slug = if bundle {
        dirs.last().cloned().unwrap_or_default()
    } else {
        stem.clone()
    };
    // Jekyll: `_posts/2024-01-15-hello.md` is dated 2024-01-15, slug `hello`.
    if posts {
        let b = o.slug.as_bytes();
        if b.len() > 11 && b[10] == b'-' && engine::date::When::parse(&o.slug[..10]).is_some() {
            o.date = o.slug[..10].to_string();
            o.slug = o.slug[11..].to_string();
        }
    }
    let mut file: Vec<String> = rel
        .parent()
        .map(|p| p.iter().map(|c| c.to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    if !bundle {
        file.push(stem);
    }
    o.file = file.join("/");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_folders() {
        for l in ["en", "zh", "zh-hant", "zh-TW", "pt-br", "yue-hk"] {
            assert!(is_lang(l), "{l}");
        }
        for n in ["posts", "blog", "api", "img", "2024", "e", "zh_tw"] {
            assert!(!is_lang(n), "{n}");
        }
    }

    #[test]
    fn what_paths_say() {
        let root = Path::new("/site/content");
        let o = |p: &str| origin(root, &root.join(p));
        let bundle = o("zh-hant/posts/wasm-size/index.md");
        assert_eq!(
            (
                bundle.lang.as_str(),
                bundle.section.as_str(),
                bundle.slug.as_str(),
                bundle.file.as_str()
            ),
            ("zh-hant", "posts", "wasm-size", "zh-hant/posts/wasm-size")
        );
        let jekyll = o("_posts/2024-01-15-hello-world.md");
        assert_eq!(
            (
                jekyll.date.as_str(),
                jekyll.slug.as_str(),
                jekyll.section.as_str()
            ),
            ("2024-01-15", "hello-world", "")
        );
        let plain = o("notes/a.md");
        assert_eq!(
            (
                plain.slug.as_str(),
                plain.section.as_str(),
                plain.file.as_str()
            ),
            ("a", "notes", "notes/a")
        );
        let top = o("deepseek-r1-nature.md");
        assert_eq!(
            (top.slug.as_str(), top.file.as_str(), top.section.as_str()),
            ("deepseek-r1-nature", "deepseek-r1-nature", "")
        );
    }
}

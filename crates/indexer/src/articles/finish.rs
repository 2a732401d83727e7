//! Settling each article: left out or kept (drafts, unpublished, future dates), title, id,
//! URL, date and language defaults from the path, text from Markdown, and uniqueness.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use engine::date::When;
use engine::index::{Article, Heading};

use super::{err, markdown, Error, LoadOptions, Loaded};
use crate::fields::Raw;
use crate::{links, reflow};

/// Longest derived title, in characters.
pub const MAX_DERIVED_TITLE: usize = 60;

pub(super) fn finish(dir: &Path, raws: Vec<Raw>, options: &LoadOptions) -> Result<Loaded, Error> {
    let mut loaded = Loaded::default();
    let mut kept = Vec::new();
    for mut r in raws {
        if r.date.trim().is_empty() {
            r.date = r.origin.date.clone();
        }
        if r.lang.trim().is_empty() {
            r.lang = r.origin.lang.clone();
        }
        let at = format!("{}:{}", r.path.display(), r.line);
        let when = When::parse(r.date.trim());
        if r.unlisted {
            loaded.skipped.push(format!(
                "{at}: not published (`published: false` or `search: false`)"
            ));
        } else if r.draft && !options.drafts {
            loaded.skipped.push(format!("{at}: draft"));
        } else if when.is_some_and(|w| w.seconds > options.now) {
            loaded
                .skipped
                .push(format!("{at}: dated {} (in the future)", r.date.trim()));
        } else {
            if when.is_none() && !r.date.trim().is_empty() {
                loaded.warnings.push(format!(
                    "{at}: date `{}` is not YYYY-MM-DD[THH:MM[:SS]][zone]; shown as written, \
                     but the article sorts as undated",
                    r.date.trim()
                ));
            }
            kept.push(r);
        }
    }
    if kept.is_empty() {
        return Err(err(
            dir,
            None,
            "no articles left to index: every one is a draft, unpublished or dated in the future",
        ));
    }
    let mut known = HashSet::new();
    for r in &kept {
        reflow::words(&r.title, &mut known);
        reflow::words(&r.body, &mut known);
    }
    // Text first: a missing title is derived from it.
    let mut texts = Vec::with_capacity(kept.len());
    for r in &mut kept {
        let text = if r.markdown {
            markdown::markdown_text(&r.body, &known)
        } else if r.html {
            super::html::page_text(&r.body, &known)
        } else {
            markdown::MdText {
                text: reflow::reflow(&r.body, &known),
                headings: Vec::new(),
            }
        };
        if r.title.trim().is_empty() {
            r.title = derived_title(r, &text);
            loaded.warnings.push(format!(
                "{}:{}: no title; using “{}”",
                r.path.display(),
                r.line,
                r.title
            ));
        }
        if let Some(url) = &r.url {
            links::check(url).map_err(|m| err(&r.path, Some(r.url_line.max(r.line)), m))?;
        }
        texts.push(text);
    }
    let ids = ids(dir, &kept, &mut loaded.warnings)?;
    let mut urls: HashMap<String, (PathBuf, usize)> = HashMap::new();
    for ((r, id), text) in kept.into_iter().zip(ids).zip(texts) {
        let url = match (&r.url, &options.url) {
            (Some(url), _) => url.clone(),
            (None, Some(pattern)) => {
                let url = expand(pattern, &r, &id).map_err(|m| err(&r.path, Some(r.line), m))?;
                links::check(&url).map_err(|m| err(&r.path, Some(r.line), m))?;
                url
            }
            (None, None) => format!("#/a/{id}"),
        };
        if let Some((p, l)) = urls.insert(url.clone(), (r.path.clone(), r.line)) {
            return Err(err(
                &r.path,
                Some(r.line),
                format!("duplicate url `{url}` (also {}:{l})", p.display()),
            ));
        }
        let headings = text
            .headings
            .iter()
            .filter_map(|h| {
                Some(Heading {
                    id: h.id.clone()?,
                    title: h.title.clone(),
                    offset: u32::try_from(h.offset).ok()?,
                })
            })
            .collect();
        loaded.articles.push(Article {
            id,
            title: reflow::join_lines(r.title.lines(), &known),
            url,
            date: r.date.trim().to_string(),
            source: r.source,
            byline: r.byline,
            section: r.section,
            tags: r.tags,
            categories: r.categories,
            description: r.description.trim().to_string(),
            lang: r.lang,
            body: text.text,
            headings,
        });
    }
    Ok(loaded)
}

/// Fills a URL pattern's placeholders for one article.
fn expand(pattern: &str, r: &Raw, id: &str) -> Result<String, String> {
    let date = r.date.trim();
    let ymd = |from: usize, to: usize| -> Result<&str, String> {
        match date.get(from..to) {
            Some(part) if When::parse(date).is_some() => Ok(part),
            _ => Err(format!(
                "the URL pattern `{pattern}` needs a date, and the article has none"
            )),
        }
    };
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            return Err(format!("the URL pattern `{pattern}` has an unclosed `{{`"));
        };
        let name = &rest[open + 1..open + close];
        let value = match name {
            "slug" => r.origin.slug.clone(),
            "section" => r.origin.section.clone(),
            "file" => r.origin.file.clone(),
            "lang" => r.lang.clone(),
            "id" => id.to_string(),
            "year" => ymd(0, 4)?.to_string(),
            "month" => ymd(5, 7)?.to_string(),
            "day" => ymd(8, 10)?.to_string(),
            other => {
                return Err(format!(
                    "the URL pattern has an unknown placeholder `{{{other}}}`"
                ))
            }
        };
        out.push_str(&value);
        rest = &rest[open + close + 1..];
        // An empty placeholder (no section, no language) must not leave `//` in the path.
        if value.is_empty() && out.ends_with('/') {
            rest = rest.strip_prefix('/').unwrap_or(rest);
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// A title for an article that has none: its first heading, else the first line of its text,
/// else its file name; at most [`MAX_DERIVED_TITLE`] characters.
fn derived_title(r: &Raw, text: &markdown::MdText) -> String {
    let first_line = || text.text.lines().map(str::trim).find(|l| !l.is_empty());
    let raw_first = || r.body.lines().map(str::trim).find(|l| !l.is_empty());
    let title = text
        .headings
        .first()
        .map(|h| h.title.clone())
        // Plain text and JSON: the body's first line as written (reflow joins lines).
        .or_else(|| {
            if r.markdown {
                first_line()
            } else {
                raw_first()
            }
            .map(str::to_string)
        })
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| {
            r.path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
    if title.chars().count() <= MAX_DERIVED_TITLE {
        return title;
    }
    let mut cut: String = title.chars().take(MAX_DERIVED_TITLE - 1).collect();
    cut.push('…');
    cut
}

/// Every article's id. Explicit ids are kept, and a repeated one is an error. Derived ids (the
/// slug of a JSON article's title or of the file's path under the root) that collide with another id all get a
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
                    // The path under the root: `posts/hello` → `posts-hello`.
                    slug(&r.origin.file)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("DeepSeek-R1 開創歷史!"), "deepseek-r1-開創歷史");
        assert_eq!(slug("  --  "), "");
        assert_eq!(slug("posts/hello"), "posts-hello");
    }

    #[test]
    fn url_patterns() {
        let mut r = Raw::default();
        r.origin.slug = "wasm-size".into();
        r.origin.section = "posts".into();
        r.date = "2024-01-15T23:30:00+08:00".into();
        assert_eq!(
            expand("/blog/{section}/{year}/{month}/{slug}/", &r, "x").unwrap(),
            "/blog/posts/2024/01/wasm-size/"
        );
        assert_eq!(expand("/{lang}/{slug}/", &r, "x").unwrap(), "/wasm-size/");
        assert_eq!(
            expand("https://example.com/{id}", &r, "x").unwrap(),
            "https://example.com/x"
        );
        assert!(expand("/{nope}/", &r, "x")
            .unwrap_err()
            .contains("unknown placeholder"));
        r.date = String::new();
        assert!(expand("/{year}/{slug}", &r, "x")
            .unwrap_err()
            .contains("needs a date"));
    }
}

//! HTML with a real parser (html5ever, through `scraper`): the visible text of fragments (raw HTML
//! inside Markdown) and of built pages (`.html` files of any generator's output folder).
//!
//! Text is what a reader sees: no tags, attributes, comments, nor the contents of `<script>`,
//! `<style>`, `<template>` and `<noscript>`; entities decoded; block elements end a line. A page's
//! body is `[data-article-search-body]` when any page of the site has it, else `<main>`, else
//! `<article>`, else `<body>`, always without `nav`, `header`, `footer`, `aside` and
//! `[data-article-search-ignore]`.

use std::collections::HashSet;
use std::path::Path;

use scraper::{ElementRef, Html, Node, Selector};

use super::markdown::MdText;
use crate::fields::Raw;

/// The attribute a site puts on the element that holds its articles' text.
pub const BODY_ATTR: &str = "data-article-search-body";
/// The attribute that keeps an element (and what it holds) out of the index.
pub const IGNORE_ATTR: &str = "data-article-search-ignore";

/// Elements that frame a page rather than belong to its article.
const FRAME: &[&str] = &["nav", "header", "footer", "aside"];

/// Elements whose contents are never visible text.
const HIDDEN: &[&str] = &["script", "style", "template", "noscript", "head", "title"];

/// Elements after which text continues on a new line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

fn selector(s: &str) -> Selector {
    // The selectors are constants of this module: a failure is a bug caught by the tests.
    Selector::parse(s).unwrap_or_else(|_| panic!("bad selector {s}"))
}

fn meta<'a>(doc: &'a Html, names: &[&str]) -> Vec<&'a str> {
    let sel = selector("meta");
    let mut out = Vec::new();
    for name in names {
        for m in doc.select(&sel) {
            let e = m.value();
            let key = e.attr("property").or_else(|| e.attr("name"));
            if key.is_some_and(|k| k.eq_ignore_ascii_case(name)) {
                if let Some(c) = e.attr("content").map(str::trim).filter(|c| !c.is_empty()) {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Reads a built page into an article whose body is the selected element's HTML (turned into text
/// by [`page_text`]), or why it is not an article (`noindex`, no body, no text).
/// `marked`: some page of the site has [`BODY_ATTR`].
pub fn parse_page(path: &Path, text: &str, marked: bool) -> Result<Raw, String> {
    let doc = Html::parse_document(text);
    if meta(&doc, &["robots"])
        .iter()
        .any(|c| c.to_ascii_lowercase().contains("noindex"))
    {
        return Err("`noindex`".into());
    }
    let candidates: &[&str] = if marked {
        &["[data-article-search-body]"]
    } else {
        &["main", "article", "body"]
    };
    let root = candidates
        .iter()
        .find_map(|c| doc.select(&selector(c)).next());
    let Some(root) = root else {
        return Err(if marked {
            format!("no element with `{BODY_ATTR}` (another page has one)")
        } else {
            "no body".into()
        });
    };
    let body = root.html();
    if page_text(&body, &HashSet::new()).text.trim().is_empty() {
        return Err("no text".into());
    }
    let first_text = |sel: &str| {
        doc.select(&selector(sel))
            .next()
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|t| !t.is_empty())
    };
    let title = meta(&doc, &["og:title"])
        .first()
        .map(|t| t.to_string())
        .or_else(|| first_text("h1"))
        .or_else(|| first_text("title"))
        .unwrap_or_default();
    let mut tags: Vec<String> = meta(&doc, &["article:tag"])
        .iter()
        .map(|t| t.to_string())
        .collect();
    for k in meta(&doc, &["keywords"]) {
        tags.extend(
            k.split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
        );
    }
    let lang = doc
        .select(&selector("html"))
        .next()
        .and_then(|h| h.value().attr("lang"))
        .unwrap_or("")
        .to_string();
    let first = |names: &[&str]| {
        meta(&doc, names)
            .first()
            .map(|s| s.to_string())
            .unwrap_or_default()
    };
    Ok(Raw {
        path: path.into(),
        line: 1,
        title,
        date: first(&["article:published_time", "date", "dc.date"]),
        byline: first(&["author", "article:author"]),
        section: first(&["article:section"]),
        description: first(&["description", "og:description"]),
        tags,
        lang,
        body,
        html: true,
        ..Raw::default()
    })
}

/// The text of a page's body HTML: paragraphs (one per block) joined back like Markdown's and
/// separated by blank lines, and the headings that carry an `id`.
///
/// ```
/// use article_search_indexer::articles::html::page_text;
/// let html = r#"<p>提示：&nbsp;用 &amp; 號</p><nav>選單</nav><script>var secret;</script><!-- hidden -->"#;
/// assert_eq!(page_text(html, &Default::default()).text, "提示：\u{a0}用 & 號");
/// ```
pub fn page_text(body_html: &str, known: &HashSet<String>) -> MdText {
    let mut out = MdText::default();
    append_text(body_html, &mut out, known, true);
    out
}

/// Appends the visible text of `html` to `out` as paragraphs (headings with an `id` recorded).
/// `page`: the article element of a built page, whose framing (`nav`, `header`, `footer`, `aside`,
/// [`IGNORE_ATTR`]) is left out too; raw HTML inside Markdown keeps it.
pub fn append_text(html: &str, out: &mut MdText, known: &HashSet<String>, page: bool) {
    let doc = Html::parse_fragment(html);
    let mut block = String::new();
    page_walk(doc.root_element(), &mut block, out, known, page);
    flush(&mut block, out, known, None);
}

fn flush(
    block: &mut String,
    out: &mut MdText,
    known: &HashSet<String>,
    heading: Option<Option<String>>,
) {
    out.push_lines(block, known, heading);
}

fn page_walk(
    node: ElementRef<'_>,
    block: &mut String,
    out: &mut MdText,
    known: &HashSet<String>,
    page: bool,
) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => block.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if HIDDEN.contains(&name)
                    || (page && (FRAME.contains(&name) || e.attr(IGNORE_ATTR).is_some()))
                {
                    continue;
                }
                let Some(el) = ElementRef::wrap(child) else {
                    continue;
                };
                let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                if heading {
                    flush(block, out, known, None);
                    page_walk(el, block, out, known, page);
                    flush(block, out, known, Some(e.id().map(str::to_string)));
                } else if name == "pre" {
                    flush(block, out, known, None);
                    let code: String = el.text().collect();
                    out.push_block(code.trim_end_matches('\n').to_string(), None);
                } else if BLOCKS.contains(&name) {
                    flush(block, out, known, None);
                    page_walk(el, block, out, known, page);
                    flush(block, out, known, None);
                } else {
                    page_walk(el, block, out, known, page);
                }
            }
            _ => {}
        }
    }
}

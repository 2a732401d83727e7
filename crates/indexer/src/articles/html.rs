//! Text of HTML with a real parser (html5ever, through `scraper`): what a reader sees, without
//! tags, attributes, comments, or the contents of `<script>`, `<style>`, `<template>` and
//! `<noscript>`; entities decoded; block elements become line breaks.

use scraper::{Html, Node};

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

/// The visible text of an HTML fragment, one line per block.
///
/// ```
/// use article_search_indexer::articles::html::fragment_text;
/// let html = r#"<div class="note"><p>提示：&nbsp;用 &amp; 號</p><script>var secret;</script><!-- hidden --></div>"#;
/// assert_eq!(fragment_text(html), "提示：\u{a0}用 & 號");
/// ```
pub fn fragment_text(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    let mut out = String::new();
    walk(doc.tree.root(), &mut out);
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if HIDDEN.contains(&name) {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push('\n');
                }
                walk(child, out);
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

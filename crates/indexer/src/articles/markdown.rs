//! Markdown (CommonMark with tables, footnotes, strikethrough and `{#id}` heading attributes, by
//! pulldown-cmark) to the plain text that is indexed and shown.
//!
//! Kept: headings, paragraphs, emphasis, lists, tables, link text, image alt text, code (indexed:
//! people search for function names; shown as plain text). Dropped: URLs, reference
//! definitions, HTML tags and comments, `<script>`/`<style>` contents, Hugo shortcodes
//! (`{{< … >}}`, `{{% … %}}`; the text between a pair is kept) and Liquid/Jinja tags (`{% … %}`,
//! `{{ … }}`; `{% raw %}…{% endraw %}` keeps its inside as text). MDX `import`/`export` lines are
//! dropped and JSX elements are treated as HTML.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{frontmatter, html, Error};
use crate::fields::Raw;
use crate::reflow;

/// Reads a Markdown or MDX article: front matter, then the body as written.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Raw>, Error> {
    let mut raw = Raw {
        path: path.into(),
        line: 1,
        markdown: true,
        ..Raw::default()
    };
    let (body, _) = frontmatter::split(path, text, &mut raw)?;
    raw.body = body.to_string();
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("mdx"))
    {
        raw.body = strip_mdx(&raw.body);
    }
    if raw.title.trim().is_empty() {
        // No title in front matter: a leading `# Heading` is the title.
        let mut rest = raw.body.lines().skip_while(|l| l.trim().is_empty());
        if let Some(l) = rest.next().and_then(|l| l.strip_prefix("# ")) {
            let title = markdown_text(l, &HashSet::new()).text;
            raw.body = rest.collect::<Vec<_>>().join("\n");
            raw.title = title;
        }
    }
    raw.title = raw.title.trim().to_string();
    Ok(vec![raw])
}

/// MDX: top-level `import` and `export` lines are code, not content.
fn strip_mdx(body: &str) -> String {
    let mut fence = false;
    let mut out = Vec::new();
    for line in body.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
        }
        if !fence && (t.starts_with("import ") || t.starts_with("export ")) {
            continue;
        }
        out.push(line);
    }
    out.join("\n")
}

/// Removes template tags that site generators expand before Markdown: Hugo shortcodes and
/// Liquid/Jinja tags and output. `{% raw %}…{% endraw %}` keeps its inside verbatim.
pub fn strip_templates(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut rest = src;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let close = if tail.starts_with("{{<") {
            ">}}"
        } else if tail.starts_with("{{%") {
            "%}}"
        } else if tail.starts_with("{%") {
            "%}"
        } else if tail.starts_with("{{") {
            "}}"
        } else {
            out.push('{');
            rest = &tail[1..];
            continue;
        };
        let Some(end) = tail[2..].find(close).map(|e| e + 2 + close.len()) else {
            out.push_str(tail);
            return out;
        };
        let tag = &tail[..end];
        rest = &tail[end..];
        if close == ">}}" || close == "%}}" {
            // A shortcode's visible parameters (a figure's caption, an image's alt) stay as text.
            for text in visible_params(tag) {
                out.push_str(text);
                out.push(' ');
            }
        }
        if close == "%}"
            && tag
                .trim_matches(|c| c == '{' || c == '}' || c == '%' || c == '-')
                .trim()
                == "raw"
        {
            // Verbatim up to the matching endraw tag.
            let mut search = 0;
            loop {
                let Some(open) = rest[search..].find("{%") else {
                    out.push_str(rest);
                    return out;
                };
                let open = search + open;
                let Some(len) = rest[open..].find("%}") else {
                    out.push_str(rest);
                    return out;
                };
                let inner = rest[open + 2..open + len].trim_matches('-').trim();
                if inner == "endraw" {
                    out.push_str(&rest[..open]);
                    rest = &rest[open + len + 2..];
                    break;
                }
                search = open + 2;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The values of a shortcode's `caption`, `alt` and `title` parameters (quoted).
fn visible_params(tag: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for name in ["caption", "alt", "title"] {
        let mut from = 0;
        while let Some(at) = tag[from..].find(name).map(|a| from + a) {
            from = at + name.len();
            let before = tag[..at].chars().next_back();
            let Some(value) = tag[from..].strip_prefix("=\"") else {
                continue;
            };
            if before.is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            if let Some(end) = value.find('"') {
                out.push(&value[..end]);
            }
        }
    }
    out
}

/// A heading found in the Markdown, with the id given by `{#id}` (none is guessed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MdHeading {
    /// The `{#id}` attribute, if any.
    pub id: Option<String>,
    /// The heading's text.
    pub title: String,
    /// Byte offset of the heading in the text.
    pub offset: usize,
}

/// The text of a Markdown body, and its headings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MdText {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// Headings, in order.
    pub headings: Vec<MdHeading>,
}

impl MdText {
    /// Appends a paragraph (after a blank line); `heading`: it is a heading, with its id if any.
    /// Blank text adds nothing.
    pub fn push_block(&mut self, text: String, heading: Option<Option<String>>) {
        if text.trim().is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        if let Some(id) = heading {
            self.headings.push(MdHeading {
                id,
                title: text.clone(),
                offset: self.text.len(),
            });
        }
        self.text.push_str(&text);
    }

    /// Appends the lines gathered in `block` as one paragraph, joined back like a printed page's
    /// lines (CJK without a space; `known` words for hyphens), and empties `block`.
    pub fn push_lines(
        &mut self,
        block: &mut String,
        known: &HashSet<String>,
        heading: Option<Option<String>>,
    ) {
        let text = reflow::join_lines(
            block.lines().map(str::trim).filter(|l| !l.is_empty()),
            known,
        );
        block.clear();
        self.push_block(text, heading);
    }
}

/// Markdown to text: paragraphs joined back (CJK without a space, using `known` words for
/// hyphens), separated by blank lines; code blocks verbatim.
pub fn markdown_text(md: &str, known: &HashSet<String>) -> MdText {
    let src = strip_templates(md);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = MdText::default();
    let mut block = String::new();
    let mut code = false;
    let mut html_block = String::new();
    let mut in_html_block = false;
    let mut hidden_inline: Option<String> = None;
    let mut heading: Option<Option<String>> = None;
    let flush =
        |block: &mut String, out: &mut MdText, code: bool, heading: Option<Option<String>>| {
            if code {
                out.push_block(block.trim_end_matches('\n').to_string(), heading);
                block.clear();
            } else {
                out.push_lines(block, known, heading);
            }
        };
    for event in Parser::new_ext(&src, options) {
        if let Some(closing) = &hidden_inline {
            // Inside an inline <script> or <style>: skip to its end tag.
            if let Event::InlineHtml(h) | Event::Html(h) = &event {
                if h.to_ascii_lowercase().starts_with(closing.as_str()) {
                    hidden_inline = None;
                }
            }
            continue;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => {
                flush(&mut block, &mut out, false, None);
                in_html_block = true;
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_html_block = false;
                html::append_text(&html_block, &mut out, known, false);
                html_block.clear();
            }
            Event::Html(h) if in_html_block => html_block.push_str(&h),
            Event::Html(h) | Event::InlineHtml(h) => {
                let lower = h.to_ascii_lowercase();
                for tag in ["script", "style"] {
                    if lower.starts_with(&format!("<{tag}")) && !lower.contains(&format!("</{tag}"))
                    {
                        hidden_inline = Some(format!("</{tag}"));
                    }
                }
                if lower.starts_with("<br") {
                    block.push('\n');
                }
            }
            Event::Start(Tag::Heading { id, .. }) => {
                flush(&mut block, &mut out, false, None);
                heading = Some(id.map(|i| i.to_string()));
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut block, &mut out, false, heading.take());
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut block, &mut out, false, None);
                code = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                flush(&mut block, &mut out, true, None);
                code = false;
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Item
                | Tag::TableRow
                | Tag::TableHead
                | Tag::FootnoteDefinition(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::FootnoteDefinition,
            ) if !code => {
                flush(&mut block, &mut out, false, None);
            }
            // Cells of a row stay on one line, apart.
            Event::End(TagEnd::TableCell) => block.push(' '),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                block.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => block.push('\n'),
            _ => {}
        }
    }
    flush(&mut block, &mut out, code, None);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(md: &str) -> String {
        markdown_text(md, &HashSet::new()).text
    }

    #[test]
    fn structure_and_inline_markup() {
        let md = "## 小標題\n推理\n模型 **粗體** [連結](http://x \"t\") ![替代文字](/a.png)\n\n```\ncode  kept\n```\n\n| 攤位 | 推薦 |\n|---|---|\n| A1 | 好 |\n\n[ref]: https://example.com/hidden\n";
        assert_eq!(
            text(md),
            "小標題\n\n推理模型 粗體 連結 替代文字\n\ncode  kept\n\n攤位 推薦\n\nA1 好"
        );
    }

    #[test]
    fn html_comments_scripts_and_entities() {
        let md = "前言<!--more-->後文 &nbsp; 和 &amp;\n\n<div class=\"note\">\n<p>提示文字</p>\n<script>var hidden = 1;</script>\n</div>\n\n行內 <script>alert(1)</script> 結束 <span class=\"x\">重點</span>";
        let t = text(md);
        assert!(t.contains("前言後文") && t.contains("和 &"), "{t}");
        assert!(
            t.contains("提示文字") && t.contains("行內") && t.contains("結束 重點"),
            "{t}"
        );
        for hidden in [
            "more", "div", "class", "note", "hidden", "alert", "script", "span", "nbsp",
        ] {
            assert!(!t.contains(hidden), "{hidden} in {t}");
        }
    }

    #[test]
    fn shortcodes_and_liquid() {
        assert_eq!(
            strip_templates("a {{< figure src=\"/images/x.png\" caption=\"圖\" >}} b {{% note %}}內文{{% /note %}} c {% include x.html %} {{ site.title }}"),
            "a 圖  b 內文 c  "
        );
        assert_eq!(
            strip_templates("{% raw %}{{ site.url }} 和 {% if %}{% endraw %} 之後 {{ x }}"),
            "{{ site.url }} 和 {% if %} 之後 "
        );
        assert_eq!(
            strip_templates("a { b } {{ unclosed"),
            "a { b } {{ unclosed"
        );
    }

    #[test]
    fn headings_keep_explicit_ids_only() {
        let md = "# 一 {#one}\n\n文字\n\n## 二\n\n更多";
        let t = markdown_text(md, &HashSet::new());
        assert_eq!(t.text, "一\n\n文字\n\n二\n\n更多");
        assert_eq!(
            t.headings[0],
            MdHeading {
                id: Some("one".into()),
                title: "一".into(),
                offset: 0
            }
        );
        assert_eq!(t.headings[1].id, None);
        assert_eq!(&t.text[t.headings[1].offset..], "二\n\n更多");
    }

    #[test]
    fn mdx_imports_are_dropped() {
        assert_eq!(
            strip_mdx("import X from './x'\n\n# T\n\n<X />\n```\nimport kept\n```"),
            "\n# T\n\n<X />\n```\nimport kept\n```"
        );
    }
}

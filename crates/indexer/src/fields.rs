//! The one table of article fields and their aliases, shared by every format (TOML and YAML front
//! matter, JSON), and the record a loader fills from it.
//!
//! A key not in the table belongs to someone else (the site generator's `layout`, a CMS export's
//! `image`) and is ignored in every format alike.
//!
//! ```
//! use article_search_indexer::fields::{field, Field};
//! assert_eq!(field("author"), Some(Field::Byline));
//! assert_eq!(field("image"), None);
//! ```

use std::path::PathBuf;

/// A field of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Headline.
    Title,
    /// The text (JSON only: a Markdown file's body is its content).
    Body,
    /// Link to the article.
    Url,
    /// Stable id.
    Id,
    /// Publication date.
    Date,
    /// Publisher or agency.
    Source,
    /// Reporters or author.
    Byline,
    /// Section or category.
    Section,
    /// Tags or keywords.
    Tags,
    /// Categories (kept apart from tags).
    Categories,
    /// Summary or description: searchable.
    Description,
    /// Language (BCP 47).
    Lang,
    /// `draft: true` leaves the article out (unless drafts are included).
    Draft,
    /// `published: false` leaves the article out.
    Published,
    /// `search: false` leaves the article out of search.
    Search,
}

/// Every accepted key, with the field it sets. The first key of each field is its name.
pub const FIELDS: &[(&str, Field)] = &[
    ("title", Field::Title),
    ("body", Field::Body),
    ("content", Field::Body),
    ("text", Field::Body),
    ("url", Field::Url),
    ("href", Field::Url),
    ("id", Field::Id),
    ("slug", Field::Id),
    ("date", Field::Date),
    ("source", Field::Source),
    ("byline", Field::Byline),
    ("author", Field::Byline),
    ("section", Field::Section),
    ("category", Field::Section),
    ("tags", Field::Tags),
    ("keywords", Field::Tags),
    ("categories", Field::Categories),
    ("description", Field::Description),
    ("summary", Field::Description),
    ("lang", Field::Lang),
    ("language", Field::Lang),
    ("draft", Field::Draft),
    ("published", Field::Published),
    ("search", Field::Search),
];

/// The field a key sets, if any.
pub fn field(key: &str) -> Option<Field> {
    FIELDS.iter().find(|(k, _)| *k == key).map(|&(_, f)| f)
}

/// A value as any format gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A string, or a number or date written as text.
    Str(String),
    /// A list of strings.
    List(Vec<String>),
    /// A boolean.
    Bool(bool),
    /// Absent (JSON `null`).
    Null,
    /// Anything else; the name of its type, for the error message.
    Other(&'static str),
}

/// An article as read, before titles, ids, URLs and reflow are settled.
#[derive(Debug, Clone, Default)]
pub struct Raw {
    /// The file it came from.
    pub path: PathBuf,
    /// 1-based line where the article starts.
    pub line: usize,
    /// Line of the `url` key, for errors about it.
    pub url_line: usize,
    /// Explicit id.
    pub id: Option<String>,
    /// Headline, possibly empty (then derived).
    pub title: String,
    /// Explicit URL.
    pub url: Option<String>,
    /// Publication date.
    pub date: String,
    /// Publisher.
    pub source: String,
    /// Reporters.
    pub byline: String,
    /// Section.
    pub section: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Categories.
    pub categories: Vec<String>,
    /// Summary or description.
    pub description: String,
    /// Language.
    pub lang: String,
    /// Marked as a draft.
    pub draft: bool,
    /// `published: false` or `search: false`: never indexed.
    pub unlisted: bool,
    /// The text as written.
    pub body: String,
    /// The body is Markdown (or MDX).
    pub markdown: bool,
    /// The body is a built page's HTML (its article element).
    pub html: bool,
    /// What the file's place in the tree says (see `articles::tree`).
    pub origin: Origin,
}

/// What an article's path says about it, for defaults and URL patterns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The path relative to the content root, without extension (`posts/hello`).
    pub file: String,
    /// The slug: the file stem, a page bundle's folder (`x/index.md` → `x`), or the name part of a
    /// Jekyll post (`2024-01-15-hello.md` → `hello`).
    pub slug: String,
    /// The first folder under the root (after a language folder): `posts`.
    pub section: String,
    /// A top-level language folder (`en`, `zh-hant`).
    pub lang: String,
    /// The date of a Jekyll post's file name.
    pub date: String,
}

impl Raw {
    /// Sets the field `key` names from `value`, read at `line`. Unknown keys are ignored; a known
    /// key with a value of the wrong type is an error message. `body_allowed` is false for front
    /// matter, where the body is the file's content.
    pub fn set(
        &mut self,
        key: &str,
        value: Value,
        line: usize,
        body_allowed: bool,
    ) -> Result<(), String> {
        let Some(f) = field(key) else {
            return Ok(());
        };
        let scalar = |v: Value| match v {
            Value::Str(s) => Ok(Some(s)),
            Value::Null => Ok(None),
            Value::List(_) => Err(format!("`{key}` must be a string, not a list")),
            Value::Bool(_) => Err(format!("`{key}` must be a string, found a boolean")),
            Value::Other(t) => Err(format!("`{key}` must be a string, found {t}")),
        };
        let list = |v: Value| match v {
            Value::List(l) => Ok(l),
            Value::Str(s) => Ok(s
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect()),
            Value::Null => Ok(Vec::new()),
            Value::Bool(_) => Err(format!("`{key}` must be a list, found a boolean")),
            Value::Other(t) => Err(format!("`{key}` must be a list, found {t}")),
        };
        let flag = |v: Value| match v {
            Value::Bool(b) => Ok(Some(b)),
            Value::Str(s) if s == "true" => Ok(Some(true)),
            Value::Str(s) if s == "false" => Ok(Some(false)),
            Value::Null => Ok(None),
            _ => Err(format!("`{key}` must be true or false")),
        };
        match f {
            Field::Tags => self.tags = list(value)?,
            Field::Categories => self.categories = list(value)?,
            Field::Draft => self.draft = flag(value)?.unwrap_or(false),
            Field::Published | Field::Search => {
                if flag(value)? == Some(false) {
                    self.unlisted = true;
                }
            }
            Field::Body if !body_allowed => {}
            _ => {
                let Some(s) = scalar(value)? else {
                    return Ok(());
                };
                match f {
                    Field::Title => self.title = s,
                    Field::Body => self.body = s,
                    Field::Url => {
                        self.url = Some(s);
                        self.url_line = line;
                    }
                    Field::Id => self.id = Some(s),
                    Field::Date => self.date = s,
                    Field::Source => self.source = s,
                    Field::Byline => self.byline = s,
                    Field::Section => self.section = s,
                    Field::Description => self.description = s,
                    Field::Lang => self.lang = s,
                    _ => {}
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_sets_its_field_and_unknown_keys_are_ignored() {
        let mut r = Raw::default();
        r.set("author", Value::Str("劉權".into()), 3, true).unwrap();
        r.set("category", Value::Str("特稿".into()), 4, true)
            .unwrap();
        r.set("keywords", Value::Str("a, b,".into()), 5, true)
            .unwrap();
        r.set("href", Value::Str("/x/".into()), 6, true).unwrap();
        r.set("image", Value::Other("a table"), 7, true).unwrap();
        r.set("content", Value::Str("正文".into()), 8, false)
            .unwrap();
        assert_eq!(
            (r.byline.as_str(), r.section.as_str(), r.url.as_deref()),
            ("劉權", "特稿", Some("/x/"))
        );
        assert_eq!(r.tags, ["a", "b"]);
        assert_eq!(r.url_line, 6);
        assert_eq!(r.body, "", "front matter does not set the body");
        r.set("text", Value::Str("正文".into()), 9, true).unwrap();
        assert_eq!(r.body, "正文");
    }

    #[test]
    fn known_keys_check_their_type() {
        let mut r = Raw::default();
        let e = r.set("title", Value::List(vec![]), 1, true).unwrap_err();
        assert_eq!(e, "`title` must be a string, not a list");
        let e = r
            .set("date", Value::Other("a boolean"), 1, true)
            .unwrap_err();
        assert_eq!(e, "`date` must be a string, found a boolean");
        r.set("title", Value::Null, 1, true).unwrap();
        assert_eq!(r.title, "");
    }

    #[test]
    fn flags_and_lists() {
        let mut r = Raw::default();
        r.set("draft", Value::Bool(true), 1, false).unwrap();
        r.set("categories", Value::List(vec!["技術".into()]), 1, false)
            .unwrap();
        r.set("summary", Value::Str("摘要".into()), 1, false)
            .unwrap();
        assert!(r.draft && !r.unlisted);
        r.set("search", Value::Str("false".into()), 1, false)
            .unwrap();
        assert!(r.unlisted);
        assert_eq!((r.categories.len(), r.description.as_str()), (1, "摘要"));
        let e = r
            .set("draft", Value::Str("maybe".into()), 1, false)
            .unwrap_err();
        assert_eq!(e, "`draft` must be true or false");
    }

    #[test]
    fn every_field_has_a_key() {
        for f in [
            Field::Title,
            Field::Body,
            Field::Url,
            Field::Id,
            Field::Date,
            Field::Source,
            Field::Byline,
            Field::Section,
            Field::Tags,
            Field::Categories,
            Field::Description,
            Field::Lang,
            Field::Draft,
            Field::Published,
            Field::Search,
        ] {
            assert!(FIELDS.iter().any(|&(_, g)| g == f), "{f:?} has no key");
        }
    }
}

//! What a search returns: options in, results out. Serialized as-is for the CLI's `--json` and
//! the JS API (camelCase field names).

use serde::Serialize;

/// Default number of hits returned.
pub const DEFAULT_LIMIT: usize = 10;
/// Largest `limit` accepted.
pub const MAX_LIMIT: usize = 100;

/// Search options.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Hits to return (0 ..= [`MAX_LIMIT`]; 0 gives only `total`).
    pub limit: usize,
    /// Hits to skip (for paging).
    pub offset: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

/// The result of a search.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Results {
    /// Number of matching articles.
    pub total: u32,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Part of the query was ignored because it was too long.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// One matching article.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    /// Stable id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Link: `http(s)` or relative; `None` when the index holds any other URL (see [`crate::link`]).
    pub url: Option<String>,
    /// Publication date.
    pub date: String,
    /// Publisher or agency.
    pub source: String,
    /// Section or kind.
    pub section: String,
    /// Tags, as written.
    pub tags: Vec<String>,
    /// Categories, as written.
    pub categories: Vec<String>,
    /// Relevance, rounded to three decimals; only the order is meaningful.
    pub score: f64,
    /// Excerpt of the original text around the matches.
    pub snippet: String,
    /// Matched ranges of `snippet`, `[start, end)` in UTF-16 code units.
    pub highlights: Vec<[u32; 2]>,
    /// Matched ranges of `title`, in UTF-16 code units.
    pub title_highlights: Vec<[u32; 2]>,
}

/// A whole article with the matches of a query marked, for a reader view.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    /// Stable id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Link: `http(s)` or relative; `None` when the index holds any other URL (see [`crate::link`]).
    pub url: Option<String>,
    /// Publication date.
    pub date: String,
    /// Publisher or agency.
    pub source: String,
    /// Reporters.
    pub byline: String,
    /// Section or kind.
    pub section: String,
    /// Tags, as written.
    pub tags: Vec<String>,
    /// Categories, as written.
    pub categories: Vec<String>,
    /// Summary or description.
    pub description: String,
    /// Language (BCP 47), if known.
    pub lang: String,
    /// Full text, paragraphs separated by blank lines.
    pub body: String,
    /// Matched ranges of `body`, in UTF-16 code units.
    pub highlights: Vec<[u32; 2]>,
    /// Matched ranges of `title`, in UTF-16 code units.
    pub title_highlights: Vec<[u32; 2]>,
}

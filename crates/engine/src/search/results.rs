//! What a search returns: options in, results out. Serialized as-is for the CLI's `--json` and
//! the JS API (camelCase field names).

use serde::Serialize;

/// Default number of hits returned.
pub const DEFAULT_LIMIT: usize = 10;
/// Largest `limit` accepted.
pub const MAX_LIMIT: usize = 100;

/// Values the facet lists of [`Results::facets`] show at most, by default.
pub const DEFAULT_FACET_VALUES: usize = 20;

/// Search options.
#[derive(Clone, Debug)]
pub struct Options {
    /// Hits to return (0 ..= [`MAX_LIMIT`]; 0 gives only `total`).
    pub limit: usize,
    /// Hits to skip (for paging). The order is stable: the same query, filters and sort give
    /// the same order on every page.
    pub offset: usize,
    /// The order of hits.
    pub sort: Sort,
    /// Only articles with one of the values of every filter's field (AND across fields, OR
    /// within one). A field outside [`crate::index::FACETS`] matches nothing.
    pub filters: Vec<Filter>,
    /// Only articles dated at or after this (seconds since 1970, UTC; see [`crate::date`]).
    pub from: Option<i64>,
    /// Only articles dated at or before this.
    pub to: Option<i64>,
    /// Count the values of every facet field over all matching articles ([`Results::facets`]).
    pub facets: bool,
    /// Most values listed per facet field.
    pub facet_values: usize,
    /// Recency boost for news: a half-life in days (0: none). An article this many days older
    /// than the newest one scores ×1.25 instead of ×1.5.
    pub recency: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limit: DEFAULT_LIMIT,
            offset: 0,
            sort: Sort::Relevance,
            filters: Vec::new(),
            from: None,
            to: None,
            facets: false,
            facet_values: DEFAULT_FACET_VALUES,
            recency: 0.0,
        }
    }
}

impl Options {
    /// True when the options narrow the articles (filters or a date range): then an empty query
    /// lists the articles they allow.
    pub fn narrows(&self) -> bool {
        !self.filters.is_empty() || self.from.is_some() || self.to.is_some()
    }
}

/// The order of hits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (an empty query with filters: newest first).
    #[default]
    Relevance,
    /// Newest first; undated articles last.
    Newest,
    /// Oldest first; undated articles last.
    Oldest,
}

/// One filter: a facet field and the values it allows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// One of [`crate::index::FACETS`]: `section`, `source`, `author`, `tags`, `categories`, `lang`.
    pub field: String,
    /// The values allowed, as written in the articles.
    pub values: Vec<String>,
}

/// The values of one facet field among the matching articles.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Facet {
    /// The field.
    pub field: String,
    /// Values with their number of matching articles, most first (then by value), at most
    /// [`Options::facet_values`].
    pub values: Vec<FacetCount>,
    /// Values with matches left out of `values`.
    pub more: u32,
}

/// A facet value and its count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value, as written.
    pub value: String,
    /// Matching articles with it: the query and every other field's filters apply, this
    /// field's own do not (so that choosing more values of a field shows what each adds).
    pub count: u32,
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
    /// Facet counts, when asked for ([`Options::facets`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<Facet>,
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
    /// The best sections of a long article (those under headings with an anchor id), at most
    /// [`MAX_SUB_RESULTS`], most query terms first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub_results: Vec<SubResult>,
}

/// Most sub-results a hit carries.
pub const MAX_SUB_RESULTS: usize = 3;

/// A section of an article that matches the query: its heading, linked by its anchor.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SubResult {
    /// The heading's text.
    pub title: String,
    /// The article's URL with the heading's anchor (`…/posts/x/#code`).
    pub url: String,
    /// Excerpt of the section around the matches.
    pub snippet: String,
    /// Matched ranges of `snippet`, in UTF-16 code units.
    pub highlights: Vec<[u32; 2]>,
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

//! The build-time side of article-search: reads a directory of articles, builds the folding
//! table for that corpus and writes the index with the engine's writer. Used by the crate's
//! build.rs and by tests; never part of the wasm module.
//!
//! Architecture invariant: the indexer knows file formats and the folding sources (NFKC, OpenCC);
//! it does not know the index byte layout (that is `engine::index`) nor tokenization rules (that is
//! `engine::tokenize`).

pub mod articles;
pub mod fields;
pub mod fold;
pub mod links;
pub mod reflow;

use std::path::Path;

pub use articles::{load_dir, load_dir_with, load_texts, Error, LoadOptions, Loaded};
pub use engine::index::{Article, Layout, ShardSizes, Sharded};

/// What a build produced.
pub struct Built {
    /// The index bytes.
    pub bytes: Vec<u8>,
    /// The articles, as indexed.
    pub articles: Vec<Article>,
    /// Problems that did not stop the build.
    pub warnings: Vec<String>,
    /// What was left out, and why.
    pub skipped: Vec<String>,
    /// Entries in the embedded folding table.
    pub fold_entries: usize,
}

impl Built {
    /// What the person building reads: what was left out, every warning, then the number of
    /// articles indexed.
    ///
    /// ```
    /// let built = article_search_indexer::Built {
    ///     bytes: vec![], articles: vec![Default::default(); 2], fold_entries: 0,
    ///     warnings: vec!["a.json:3: no title; using “李白”".into()],
    ///     skipped: vec!["b.md:1: draft".into()],
    /// };
    /// assert_eq!(
    ///     built.report(std::path::Path::new("posts")),
    ///     "skipped: b.md:1: draft\nwarning: a.json:3: no title; using “李白”\n\
    ///      indexed 2 articles from posts (1 warning, 1 left out)\n"
    /// );
    /// ```
    pub fn report(&self, dir: &Path) -> String {
        let mut out = String::new();
        for s in &self.skipped {
            out += &format!("skipped: {s}\n");
        }
        for w in &self.warnings {
            out += &format!("warning: {w}\n");
        }
        let n = self.warnings.len();
        out += &format!(
            "indexed {} articles from {} ({n} warning{}, {} left out)\n",
            self.articles.len(),
            dir.display(),
            if n == 1 { "" } else { "s" },
            self.skipped.len()
        );
        out
    }
}

/// Builds the index of the articles in `dir` (default options: no drafts, the system clock).
pub fn build_dir(dir: &Path) -> Result<Built, Error> {
    build_dir_with(dir, &LoadOptions::default())
}

/// Builds the index of the articles in `dir`.
pub fn build_dir_with(dir: &Path, options: &LoadOptions) -> Result<Built, Error> {
    let Loaded {
        articles,
        warnings,
        skipped,
    } = load_dir_with(dir, options)?;
    let (bytes, fold_entries) = build(&articles).map_err(|e| Error {
        path: dir.to_path_buf(),
        line: None,
        message: e.to_string(),
    })?;
    Ok(Built {
        bytes,
        articles,
        warnings,
        skipped,
        fold_entries,
    })
}

/// Builds the index of `articles` (folding table included) in the default layout.
pub fn build(articles: &[Article]) -> engine::Result<(Vec<u8>, usize)> {
    build_with(articles, Layout::default())
}

/// Builds the index of `articles` in `layout` (e.g. with positional postings).
pub fn build_with(articles: &[Article], layout: Layout) -> engine::Result<(Vec<u8>, usize)> {
    let folder = folder_of(articles);
    let bytes = engine::index::write_with(articles, &folder, layout)?;
    Ok((bytes, folder.len()))
}

/// Builds the index of `articles` in the sharded layout: a root and shard files of about
/// `sizes` bytes (see [`engine::index::shards`]).
pub fn build_sharded(articles: &[Article], sizes: ShardSizes) -> engine::Result<Sharded> {
    engine::index::write_sharded(articles, &folder_of(articles), sizes)
}

/// The folding table for `articles`: pruned to what their searchable text needs.
fn folder_of(articles: &[Article]) -> engine::normalize::Folder {
    fold::folder_for(articles.iter().flat_map(|a| {
        [a.title.as_str(), a.body.as_str(), a.description.as_str()]
            .into_iter()
            .chain(a.tags.iter().map(String::as_str))
            .chain(a.categories.iter().map(String::as_str))
    }))
}

//! The search engine of article-search: plain Rust, no JavaScript, tested natively, compiled
//! into both the build script (to write the index) and the wasm module (to search it).
//!
//! ```text
//! normalize  character folding (NFKC, case, traditional → simplified) and character classes
//! tokenize   the one tokenizer: CJK characters with positions, words, compounds
//! query      what a reader typed → terms (phrases, quotes, negation, prefix, typo tolerance)
//! index      the byte format: fst term dictionary, postings, columns, facets, documents, folding
//! date       the one date parser (documents are numbered in date order; date ranges)
//! link       which article URLs may become links (http, https, relative)
//! termdict   the fst term dictionary: exact, prefix and fuzzy (automaton) look-ups
//! search     look up → candidates (setops) → verify phrases (phrase) → BM25 (bm25) → hits
//! snippet    windows of original text and UTF-16 highlight ranges
//! ```
//!
//! ```
//! # #[cfg(feature = "write")] {
//! use article_search_engine::{index, normalize::Folder, Engine, Options};
//! let folder = Folder::from_pairs([('劉', vec!['刘']), ('權', vec!['权'])]).unwrap();
//! let article = index::Article { id: "a".into(), title: "劉權表示".into(), ..Default::default() };
//! let bytes = index::write(&[article], &folder).unwrap();
//! let engine = Engine::open(&bytes).unwrap();
//! assert_eq!(engine.search("刘权", Options::default()).total, 1);
//! assert_eq!(engine.search("北京", Options::default()).total, 0);
//! # }
//! ```
#![warn(missing_docs)]

pub mod automaton;
pub mod date;
pub mod error;
pub mod index;
pub mod link;
pub mod normalize;
pub mod query;
pub mod search;
pub mod snippet;
mod sort;
pub mod termdict;
pub mod tokenize;
mod varint;

pub use error::{Error, Result};
pub use search::{Article, Engine, Facet, FacetCount, Filter, Hit, Options, Results, Sort};

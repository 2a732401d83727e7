//! Query evaluation: resolving terms in the dictionary, verifying phrases in candidate articles,
//! BM25 ranking and the result objects.
//!
//! How a query runs:
//! 1. Each atom (a CJK character or a word) is resolved to term ids in the fst dictionary: the
//!    exact term, then, for the last word, terms it prefixes, then, for long enough words, terms
//!    within one or two edits (a Levenshtein automaton run over the fst).
//! 2. A term's candidate articles are the intersection, over its atoms, of the union of their
//!    postings. The query's candidates are the intersection over its positive terms.
//! 3. In each candidate every term is looked for as a run of adjacent positions in the positional
//!    postings: an absent phrase (北京大學 where only 北京 and 大學 occur apart) does not match.
//!    Articles containing a negated term are dropped. No article text is read to rank.
//! 4. Ranking: articles are ordered first by match tier (every term exact > some prefix > some
//!    typo), then by score: BM25 with k1 = 1.2, b = 0.75 over positions, term frequency weighted
//!    ×3 in the title and by match quality (exact 1, prefix 0.7, one typo 0.5, two 0.35), times a
//!    proximity factor of up to 1.5 when the terms stand close together.
//! 5. Only the shown hits' texts are read (and tokenized) for snippets and highlights.
//!
//! Architecture invariant: this module knows the index through [`Index`]'s methods only, and
//! nothing of JavaScript.

mod bm25;
mod filter;
mod hits;
mod phrase;
mod positions;
mod results;
mod setops;

pub use crate::termdict::{Quality, MAX_EXPANSIONS};
pub use results::{
    Article, Facet, FacetCount, Filter, Hit, Options, Results, Sort, SubResult,
    DEFAULT_FACET_VALUES, DEFAULT_LIMIT, MAX_LIMIT, MAX_SUB_RESULTS,
};

use crate::error::Result;
use crate::index::{Index, ShardRef, Store};
use crate::query::{parse, Query};
use crate::snippet::highlight;
use crate::tokenize::TITLE;
use bm25::{rank_key, Bm25, RANK_INDEX_MASK};
use phrase::{min_window, spans, DocToken};
use positions::AtomPostings;
use std::cell::{OnceCell, RefCell};

/// A query term with its atoms looked up and its candidate documents.
struct Term<'a> {
    /// Per atom, the terms it matches and their postings.
    atoms: Vec<AtomPostings<'a>>,
    negated: bool,
    docs: Vec<u32>,
}

/// A searcher over one index. When the index stores no positions, the tokens of each document
/// the searcher reads are cached: they stand in for positional postings. When it is sharded,
/// the shards given to it so far are kept in a bounded [`Store`].
pub struct Engine<'a> {
    index: Index<'a>,
    tokens: Vec<OnceCell<Vec<DocToken>>>,
    store: RefCell<Store>,
}

/// The shard files a call needs before it can answer (sharded indexes only): fetch them, give
/// them to [`Engine::add_shard`], and call again. File names, relative to the index's folder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Needed {
    /// The files, each named by its content hash.
    pub shards: Vec<String>,
}

/// Shards missing so far in one call.
#[derive(Default)]
struct Missing(Vec<ShardRef>);

impl Missing {
    /// The value of `r`, noting the shard it lacks.
    fn take<T: Default>(&mut self, r: std::result::Result<T, ShardRef>) -> T {
        r.unwrap_or_else(|shard| {
            if !self.0.contains(&shard) {
                self.0.push(shard);
            }
            T::default()
        })
    }
}

impl<'a> Engine<'a> {
    /// Opens the index in `bytes` (see [`Index::open`]).
    pub fn open(bytes: &'a [u8]) -> Result<Engine<'a>> {
        let index = Index::open(bytes)?;
        let cached = if index.stored_positions() {
            0
        } else {
            index.len()
        };
        let tokens = (0..cached).map(|_| OnceCell::new()).collect();
        let store = RefCell::new(index.store());
        Ok(Engine {
            index,
            tokens,
            store,
        })
    }

    /// The underlying index.
    pub fn index(&self) -> &Index<'a> {
        &self.index
    }

    /// Adds the shard file `name` (as [`Needed`] named it), checked against the index.
    pub fn add_shard(&self, name: &str, bytes: Vec<u8>) -> Result<()> {
        self.store.borrow_mut().insert(name, bytes)
    }

    /// Bytes of shards held (see [`crate::index::shards::DEFAULT_BUDGET`]).
    pub fn shard_bytes(&self) -> usize {
        self.store.borrow().bytes()
    }

    /// Ends a call that lacks shards: they are kept from eviction until the next such call.
    fn needed(&self, missing: Missing) -> Needed {
        self.store.borrow_mut().pin(&missing.0);
        Needed {
            shards: missing.0.iter().map(ShardRef::name).collect(),
        }
    }

    /// Searches (see [`Engine::try_search`]); an index whose shards are missing answers with no
    /// hits here.
    pub fn search(&self, input: &str, options: Options) -> Results {
        self.try_search(input, options).unwrap_or_default()
    }

    /// Searches. Any string is a valid query. One with no searchable term has no hits, unless
    /// the options narrow the articles (filters, a date range): then it lists those, newest
    /// first. A sharded index may first need shards: the postings of the query's terms, then
    /// the records of the hits shown (at most two rounds).
    pub fn try_search(
        &self,
        input: &str,
        options: Options,
    ) -> std::result::Result<Results, Needed> {
        let store = self.store.borrow();
        let mut missing = Missing::default();
        let found = self.search_in(&store, &mut missing, input, options);
        drop(store);
        match found {
            Some(results) if missing.0.is_empty() => Ok(results),
            _ => Err(self.needed(missing)),
        }
    }

    /// The search itself; `None` (with `missing` filled) when shards are missing.
    fn search_in(
        &self,
        store: &Store,
        missing: &mut Missing,
        input: &str,
        options: Options,
    ) -> Option<Results> {
        let query = parse(self.index.folder(), input);
        let truncated = query.truncated;
        let n = self.index.len();
        let columns = self.index.columns();
        let browse = query.terms.is_empty();
        let range = filter::date_range(columns, n, options.from, options.to);
        // Every article that matches the query in the date range, before field filters (the
        // facet counts need them all).
        let mut matched: Vec<(u32, Quality, bool, f64)> = Vec::new();
        if browse {
            if !options.narrows() {
                return Some(Results {
                    truncated,
                    ..Results::default()
                });
            }
            matched.extend(range.clone().map(|d| (d, Quality::Exact, true, 0.0)));
        }
        let terms = if browse {
            None
        } else {
            self.resolve(store, missing, &query)
        };
        if !missing.0.is_empty() {
            return None;
        }
        if let Some(terms) = &terms {
            let positive = terms
                .iter()
                .filter(|t| !t.negated)
                .map(|t| t.docs.as_slice());
            for d in setops::intersect_all(positive)
                .into_iter()
                .filter(|d| range.contains(d))
            {
                if let Some((tier, literal, score)) = self.score(store, d, terms) {
                    matched.push((d, tier, literal, score));
                }
            }
        }
        let shown = terms.as_deref().unwrap_or_default();
        let sets = filter::FilterSets::new(columns, n, &options.filters);
        let facets = if options.facets {
            let docs: Vec<u32> = matched.iter().map(|m| m.0).collect();
            filter::facets(columns, &sets, &docs, &options)
        } else {
            Vec::new()
        };
        let allowed = sets.allowed(None);
        // Undated documents come first: the last one is the newest, if any is dated.
        let newest = n
            .checked_sub(1)
            .and_then(|d| columns.date(d))
            .map(|w| w.seconds);
        let mut ranked: Vec<(u32, f64)> = Vec::new();
        let mut order: Vec<u64> = Vec::new();
        for (d, tier, literal, mut score) in matched {
            if allowed.as_ref().is_some_and(|a| !a.contains(d)) {
                continue;
            }
            let date = columns.date(d).map(|w| w.seconds);
            if options.recency > 0.0 {
                if let (Some(newest), Some(date)) = (newest, date) {
                    let age_days = (newest - date).max(0) as f64 / 86_400.0;
                    score *= bm25::recency(age_days, options.recency);
                }
            }
            let i = ranked.len();
            order.push(match options.sort {
                Sort::Relevance if !browse => rank_key(tier, literal, score, i),
                Sort::Oldest => bm25::date_key(d, date.is_some(), false, i),
                _ => bm25::date_key(d, date.is_some(), true, i),
            });
            ranked.push((d, score));
        }
        crate::sort::sort_u64(&mut order);
        let total = order.len() as u32;
        let limit = options.limit.min(MAX_LIMIT);
        let page: Vec<(u32, f64)> = order
            .iter()
            .skip(options.offset)
            .take(limit)
            .filter_map(|&key| ranked.get((key & RANK_INDEX_MASK) as usize).copied())
            .collect();
        let hits = self.hits(store, missing, &page, shown)?;
        Some(Results {
            total,
            hits,
            truncated,
            facets,
        })
    }

    /// Every article, in index order, as hits without matches (snippet = the opening text);
    /// an index whose shards are missing lists none here (see [`Engine::try_list`]).
    pub fn list(&self) -> Vec<Hit> {
        self.try_list(0, self.index.len() as usize)
            .unwrap_or_default()
    }

    /// Articles `offset..offset + limit`, in index order, as hits without matches.
    pub fn try_list(&self, offset: usize, limit: usize) -> std::result::Result<Vec<Hit>, Needed> {
        let store = self.store.borrow();
        let mut missing = Missing::default();
        let page: Vec<(u32, f64)> = (0..self.index.len())
            .skip(offset)
            .take(limit)
            .map(|d| (d, 0.0))
            .collect();
        let hits = self.hits(&store, &mut missing, &page, &[]);
        drop(store);
        hits.ok_or_else(|| self.needed(missing))
    }

    /// The article with stable id `id`, with the matches of `query` (which may be empty) marked;
    /// an index whose shards are missing finds none here (see [`Engine::try_article`]).
    pub fn article(&self, id: &str, query: &str) -> Option<Article> {
        self.try_article(id, query).ok().flatten()
    }

    /// The article with stable id `id`, with the matches of `query` marked. A sharded index may
    /// need the id's bucket, then the record and the query's postings.
    pub fn try_article(
        &self,
        id: &str,
        query: &str,
    ) -> std::result::Result<Option<Article>, Needed> {
        let store = self.store.borrow();
        let mut missing = Missing::default();
        let found = self.article_in(&store, &mut missing, id, query);
        drop(store);
        if missing.0.is_empty() {
            Ok(found)
        } else {
            Err(self.needed(missing))
        }
    }

    fn article_in(
        &self,
        store: &Store,
        missing: &mut Missing,
        id: &str,
        query: &str,
    ) -> Option<Article> {
        let d = missing.take(self.index.find_in(store, id))?;
        let terms = self.resolve(store, missing, &parse(self.index.folder(), query));
        let doc = missing.take(self.index.doc_in(store, d))?;
        if !missing.0.is_empty() {
            return None;
        }
        let (body, title) = spans(&self.placed(store, d, terms.as_deref().unwrap_or_default()));
        Some(Article {
            id: doc.id.into(),
            title: doc.title.into(),
            url: crate::link::safe(doc.url),
            date: doc.date.into(),
            source: doc.source.into(),
            byline: doc.byline.into(),
            section: doc.section.into(),
            tags: self.facet(d, "tags"),
            categories: self.facet(d, "categories"),
            description: doc.description.into(),
            lang: doc.lang.into(),
            body: doc.body.into(),
            highlights: highlight(doc.body, &body),
            title_highlights: highlight(doc.title, &title),
        })
    }

    /// Resolves every atom; `None` when the query cannot match anything (or, with `missing`
    /// filled, when postings are in shards not yet given).
    fn resolve<'x>(
        &'x self,
        store: &'x Store,
        missing: &mut Missing,
        query: &Query,
    ) -> Option<Vec<Term<'x>>> {
        let mut terms = Vec::new();
        for t in &query.terms {
            let atoms: Vec<AtomPostings<'x>> = t
                .atoms
                .iter()
                .map(|atom| {
                    let matches = self.index.terms().lookup(atom);
                    AtomPostings {
                        terms: matches
                            .ids()
                            .iter()
                            .map(|&(id, q)| (q, missing.take(self.index.postings_in(store, id))))
                            .collect(),
                        matches,
                        typed_folded: atom.literal == atom.text,
                        literal: atom.literal.clone(),
                    }
                })
                .collect();
            let unions: Vec<Vec<u32>> = atoms.iter().map(|a| self.docs_of(a)).collect();
            let docs = setops::intersect_all(unions.iter().map(Vec::as_slice));
            // With shards missing, every term is still looked up, so that one round fetches all.
            if docs.is_empty() && !t.negated && missing.0.is_empty() {
                return None;
            }
            terms.push(Term {
                atoms,
                negated: t.negated,
                docs,
            });
        }
        terms.iter().any(|t| !t.negated).then_some(terms)
    }

    /// The documents of any of `atom`'s terms, ascending.
    fn docs_of(&self, atom: &AtomPostings<'_>) -> Vec<u32> {
        if let [(_, postings)] = atom.terms.as_slice() {
            return postings.docs().to_vec();
        }
        setops::union(self.index.len(), |add| {
            for (_, postings) in &atom.terms {
                add(postings.docs());
            }
        })
    }

    /// `(tier, literal, score)` of document `d`, or `None` when it does not match. `literal`:
    /// every term occurs somewhere exactly as typed (up to ASCII case and white space).
    fn score(&self, store: &Store, d: u32, terms: &[Term<'_>]) -> Option<(Quality, bool, f64)> {
        let len = self.index.columns().length(d);
        let source = self.source(store, d);
        let bm25 = Bm25::new(self.index.len(), len, self.index.avg_positions());
        let mut literal = true;
        let mut all = Vec::new();
        let mut per_term: Vec<(usize, usize)> = Vec::new();
        let mut score = 0.0;
        let mut tier = Quality::Exact;
        for (t, term) in terms.iter().enumerate() {
            let from = all.len();
            if term.negated {
                if term.docs.binary_search(&d).is_ok() {
                    positions::occurrences(&term.atoms, d, source, t, &mut all);
                    if all.len() > from {
                        return None;
                    }
                }
                continue;
            }
            let as_typed = positions::occurrences(&term.atoms, d, source, t, &mut all);
            let found = all.get(from..).unwrap_or(&[]);
            if found.is_empty() {
                return None;
            }
            let tf: f64 = found
                .iter()
                .map(|o| {
                    let field = if o.field == TITLE {
                        bm25::TITLE_WEIGHT
                    } else {
                        1.0
                    };
                    bm25::weight(o.quality) * field
                })
                .sum();
            let best = found
                .iter()
                .map(|o| o.quality)
                .max()
                .unwrap_or(Quality::Exact);
            tier = tier.min(best);
            literal &= as_typed;
            score += bm25.term(tf, term.docs.len());
            per_term.push((from, all.len()));
        }
        if per_term.len() > 1 {
            score *= bm25::proximity(min_window(&all, &per_term));
        }
        Some((tier, literal, score))
    }
}

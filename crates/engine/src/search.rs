//! Query evaluation: resolving terms in the dictionary, verifying phrases in candidate articles,
//! BM25 ranking and the result objects.
//!
//! How a query runs:
//! 1. Each atom (a CJK character or a word) is resolved to term ids in the fst dictionary: the
//!    exact term, then, for the last word, terms it prefixes, then, for long enough words, terms
//!    within one or two edits (a Levenshtein automaton run over the fst).
//! 2. A term's candidate articles are the intersection, over its atoms, of the union of their
//!    postings. The query's candidates are the intersection over its positive terms.
//! 3. Each candidate is tokenized (once, then cached) and every term is looked for as a run of
//!    adjacent positions: an absent phrase (北京大學 where only 北京 and 大學 occur apart) does not
//!    match. Articles containing a negated term are dropped.
//! 4. Ranking: articles are ordered first by match tier (every term exact > some prefix > some
//!    typo), then by score: BM25 with k1 = 1.2, b = 0.75 over positions, term frequency weighted
//!    ×3 in the title and by match quality (exact 1, prefix 0.7, one typo 0.5, two 0.35), times a
//!    proximity factor of up to 1.5 when the terms stand close together.
//!
//! Architecture invariant: this module knows the index through [`Index`]'s methods only, and
//! nothing of JavaScript.

use std::cell::OnceCell;

use fst::{Automaton, IntoStreamer, Streamer};
use serde::Serialize;

use crate::error::Result;
use crate::index::{Doc, Index};
use crate::query::{parse, Atom, Query};
use crate::snippet::{highlight, merge, snippet, Span};
use crate::tokenize::{tokenize_fields, Field, TITLE};

const K1: f64 = 1.2;
const B: f64 = 0.75;
const TITLE_WEIGHT: f64 = 3.0;
const PROXIMITY_BONUS: f64 = 0.5;
/// Most dictionary terms one prefix or fuzzy atom expands to.
pub const MAX_EXPANSIONS: usize = 64;
/// Default and largest number of hits returned.
pub const DEFAULT_LIMIT: usize = 10;
/// Largest `limit` accepted.
pub const MAX_LIMIT: usize = 100;

/// How well a token matched an atom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quality {
    /// Two edits away.
    Fuzzy2,
    /// One edit away.
    Fuzzy1,
    /// The atom is a prefix of the term.
    Prefix,
    /// The same term.
    Exact,
}

impl Quality {
    fn from_bits(b: u8) -> Quality {
        match b & 3 {
            0 => Quality::Fuzzy2,
            1 => Quality::Fuzzy1,
            2 => Quality::Prefix,
            _ => Quality::Exact,
        }
    }

    fn weight(self) -> f64 {
        match self {
            Quality::Exact => 1.0,
            Quality::Prefix => 0.7,
            Quality::Fuzzy1 => 0.5,
            Quality::Fuzzy2 => 0.35,
        }
    }
}

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
    /// Full text, paragraphs separated by blank lines.
    pub body: String,
    /// Matched ranges of `body`, in UTF-16 code units.
    pub highlights: Vec<[u32; 2]>,
    /// Matched ranges of `title`, in UTF-16 code units.
    pub title_highlights: Vec<[u32; 2]>,
}

#[derive(Clone, Copy, Debug)]
struct DocToken {
    id: u32,
    pos: u32,
    span: u32,
    field: Field,
    start: u32,
    end: u32,
}

#[derive(Clone, Copy, Debug)]
struct Occ {
    /// Index of the query term (for snippets that show more of the query).
    term: u8,
    pos: u32,
    end_pos: u32,
    field: Field,
    start: u32,
    end: u32,
    quality: Quality,
}

/// Term ids an atom matches, sorted by id. Ids are postings offsets, written in term order, so
/// the expansions of a prefix lie in a narrow id range: checking `lo..=hi` first rejects nearly
/// every other token of an article without a search. A single-id atom (every CJK character)
/// keeps its one comparison: putting the range check in front of it halved the speed of
/// character queries on the poem corpus.
struct Resolved {
    ids: Vec<(u32, Quality)>,
    lo: u32,
    hi: u32,
}

impl Resolved {
    fn new(ids: Vec<(u32, Quality)>) -> Resolved {
        let lo = ids.first().map_or(u32::MAX, |f| f.0);
        let hi = ids.last().map_or(0, |l| l.0);
        Resolved { ids, lo, hi }
    }

    #[inline]
    fn quality(&self, id: u32) -> Option<Quality> {
        match self.ids.as_slice() {
            [(only, q)] => (*only == id).then_some(*q),
            _ if id < self.lo || id > self.hi => None,
            all => all
                .binary_search_by_key(&id, |p| p.0)
                .ok()
                .and_then(|i| all.get(i))
                .map(|p| p.1),
        }
    }
}

struct Term {
    atoms: Vec<Resolved>,
    negated: bool,
    docs: Vec<u32>,
    /// The term as typed (see [`crate::query::Atom::literal`]).
    literal: String,
}

/// A searcher over one index. Tokenized articles are cached as they are first needed.
pub struct Engine<'a> {
    index: Index<'a>,
    cache: Vec<OnceCell<Vec<DocToken>>>,
}

impl<'a> Engine<'a> {
    /// Opens the index in `bytes` (see [`Index::open`]).
    pub fn open(bytes: &'a [u8]) -> Result<Engine<'a>> {
        let index = Index::open(bytes)?;
        let cache = (0..index.len()).map(|_| OnceCell::new()).collect();
        Ok(Engine { index, cache })
    }

    /// The underlying index.
    pub fn index(&self) -> &Index<'a> {
        &self.index
    }

    /// Searches. Any string is a valid query; one with no searchable term has no hits.
    pub fn search(&self, input: &str, options: Options) -> Results {
        let query = parse(self.index.folder(), input);
        let truncated = query.truncated;
        let Some(terms) = self.resolve(&query) else {
            return Results {
                truncated,
                ..Results::default()
            };
        };
        let mut ranked: Vec<(u32, f64, Vec<Occ>)> = Vec::new();
        let mut order: Vec<u64> = Vec::new();
        for d in candidates(&terms) {
            if let Some((tier, literal, score, occs)) = self.score(d, &terms) {
                order.push(rank_key(tier, literal, score, ranked.len()));
                ranked.push((d, score, occs));
            }
        }
        crate::sort::sort_u64(&mut order);
        let total = order.len() as u32;
        let limit = options.limit.min(MAX_LIMIT);
        let hits = order
            .iter()
            .skip(options.offset)
            .take(limit)
            .filter_map(|&key| {
                let i = (key & RANK_INDEX_MASK) as usize;
                let (d, score, occs) = ranked.get(i)?;
                self.hit(*d, *score, occs)
            })
            .collect();
        Results {
            total,
            hits,
            truncated,
        }
    }

    /// Every article, in index order, as hits without matches (snippet = the opening text).
    pub fn list(&self) -> Vec<Hit> {
        (0..self.index.len())
            .filter_map(|d| self.hit(d, 0.0, &[]))
            .collect()
    }

    /// The article with stable id `id`, with the matches of `query` (which may be empty) marked.
    pub fn article(&self, id: &str, query: &str) -> Option<Article> {
        let d = self.index.find(id)?;
        let doc = self.index.doc(d)?;
        let mut occs = Vec::new();
        if let Some(terms) = self.resolve(&parse(self.index.folder(), query)) {
            let tokens = self.tokens(d);
            for (t, term) in terms.iter().enumerate().filter(|(_, t)| !t.negated) {
                occurrences(tokens, term, t, &mut occs);
            }
        }
        let (body, title) = spans(&occs);
        Some(Article {
            id: doc.id.into(),
            title: doc.title.into(),
            url: crate::link::safe(doc.url),
            date: doc.date.into(),
            source: doc.source.into(),
            byline: doc.byline.into(),
            section: doc.section.into(),
            body: doc.body.into(),
            highlights: highlight(doc.body, &body),
            title_highlights: highlight(doc.title, &title),
        })
    }

    /// Resolves every atom; `None` when the query cannot match anything.
    fn resolve(&self, query: &Query) -> Option<Vec<Term>> {
        let mut terms = Vec::new();
        for t in &query.terms {
            let atoms: Vec<Resolved> = t.atoms.iter().map(|a| self.resolve_atom(a)).collect();
            let mut docs: Option<Vec<u32>> = None;
            for atom in &atoms {
                let union = self.union(atom);
                docs = Some(match docs {
                    None => union,
                    Some(prev) => intersect(&prev, &union),
                });
            }
            let docs = docs.unwrap_or_default();
            if docs.is_empty() && !t.negated {
                return None;
            }
            terms.push(Term {
                atoms,
                negated: t.negated,
                docs,
                literal: t.atoms.iter().map(|a| a.literal.as_str()).collect(),
            });
        }
        terms.iter().any(|t| !t.negated).then_some(terms)
    }

    /// The documents of any of `atom`'s terms, ascending (a bitmap over documents: no sort).
    fn union(&self, atom: &Resolved) -> Vec<u32> {
        let mut postings = Vec::new();
        if let [(id, _)] = atom.ids.as_slice() {
            self.index.postings(*id, &mut postings);
            return postings;
        }
        let mut bits = vec![0u64; (self.index.len() as usize).div_ceil(64)];
        for &(id, _) in &atom.ids {
            postings.clear();
            self.index.postings(id, &mut postings);
            for &d in &postings {
                if let Some(word) = bits.get_mut(d as usize / 64) {
                    *word |= 1 << (d % 64);
                }
            }
        }
        let mut out = Vec::new();
        for (w, &word) in bits.iter().enumerate() {
            for b in 0..64 {
                if word & (1 << b) != 0 {
                    out.push((w * 64 + b) as u32);
                }
            }
        }
        out
    }

    fn resolve_atom(&self, atom: &Atom) -> Resolved {
        let mut found: Vec<(u32, Quality)> = Vec::new();
        if let Some(id) = self.index.term_id(&atom.text) {
            found.push((id, Quality::Exact));
        }
        let terms = self.index.terms();
        let collect = |found: &mut Vec<(u32, Quality)>,
                       stream: &mut dyn FnMut() -> Option<(u32, u8)>| {
            let mut n = 0;
            while let Some((id, dist)) = stream() {
                if n >= MAX_EXPANSIONS {
                    break;
                }
                if found.iter().all(|f| f.0 != id) {
                    let q = match dist {
                        0 => Quality::Prefix,
                        1 => Quality::Fuzzy1,
                        _ => Quality::Fuzzy2,
                    };
                    found.push((id, q));
                    n += 1;
                }
            }
        };
        if atom.prefix {
            let aut = fst::automaton::Str::new(&atom.text).starts_with();
            let mut stream = terms.search(aut).into_stream();
            collect(&mut found, &mut || {
                stream
                    .next()
                    .and_then(|(_, v)| Some((u32::try_from(v).ok()?, 0)))
            });
        }
        if atom.fuzzy > 0 {
            let q = atom.text.as_bytes();
            let aut = Levenshtein {
                query: q,
                max: atom.fuzzy,
            };
            let mut stream = terms.search_with_state(&aut).into_stream();
            collect(&mut found, &mut || {
                let (_, v, state) = stream.next()?;
                let dist =
                    state.map_or(u8::MAX, |row| row.get(q.len()).copied().unwrap_or(u8::MAX));
                Some((u32::try_from(v).ok()?, dist.max(1)))
            });
        }
        let mut keys: Vec<u64> = found
            .iter()
            .map(|&(id, q)| u64::from(id) << 8 | q as u64)
            .collect();
        crate::sort::sort_u64(&mut keys);
        Resolved::new(
            keys.iter()
                .map(|&k| ((k >> 8) as u32, Quality::from_bits(k as u8)))
                .collect(),
        )
    }

    fn tokens(&self, d: u32) -> &[DocToken] {
        let Some(cell) = self.cache.get(d as usize) else {
            return &[];
        };
        cell.get_or_init(|| {
            let Some(doc) = self.index.doc(d) else {
                return Vec::new();
            };
            let mut out = Vec::new();
            tokenize_fields(self.index.folder(), doc.searchable(), &mut |field, t| {
                out.push(DocToken {
                    id: self.index.term_id(t.text).unwrap_or(u32::MAX),
                    pos: t.pos,
                    span: t.span,
                    field,
                    start: t.start as u32,
                    end: t.end as u32,
                });
            });
            out
        })
    }

    /// `(tier, literal, score, occurrences)` of document `d`, or `None` when it does not match.
    /// `literal`: every term occurs somewhere exactly as typed (up to case and white space).
    fn score(&self, d: u32, terms: &[Term]) -> Option<(Quality, bool, f64, Vec<Occ>)> {
        let tokens = self.tokens(d);
        let fields = self.index.doc(d)?.searchable();
        let mut literal = true;
        let n = f64::from(self.index.len());
        let dl = f64::from(tokens.last().map_or(1, |t| t.pos + 1));
        let norm = K1 * (1.0 - B + B * dl / f64::from(self.index.avg_positions()));
        let mut all = Vec::new();
        let mut per_term: Vec<(usize, usize)> = Vec::new();
        let mut score = 0.0;
        let mut tier = Quality::Exact;
        for (t, term) in terms.iter().enumerate() {
            let from = all.len();
            if term.negated {
                if term.docs.binary_search(&d).is_ok() {
                    occurrences(tokens, term, t, &mut all);
                    if all.len() > from {
                        return None;
                    }
                }
                continue;
            }
            occurrences(tokens, term, t, &mut all);
            let found = all.get(from..).unwrap_or(&[]);
            if found.is_empty() {
                return None;
            }
            let tf: f64 = found
                .iter()
                .map(|o| o.quality.weight() * if o.field == TITLE { TITLE_WEIGHT } else { 1.0 })
                .sum();
            let best = found
                .iter()
                .map(|o| o.quality)
                .max()
                .unwrap_or(Quality::Exact);
            tier = tier.min(best);
            literal = literal
                && found.iter().any(|o| {
                    fields
                        .get(usize::from(o.field))
                        .and_then(|text| text.get(o.start as usize..o.end as usize))
                        .is_some_and(|typed| crate::query::literal(typed) == term.literal)
                });
            let df = term.docs.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            score += idf * tf * (K1 + 1.0) / (tf + norm);
            per_term.push((from, all.len()));
        }
        if per_term.len() > 1 {
            score *= 1.0 + PROXIMITY_BONUS / (1.0 + f64::from(min_window(&all, &per_term)));
        }
        Some((tier, literal, score, all))
    }

    fn hit(&self, d: u32, score: f64, occs: &[Occ]) -> Option<Hit> {
        let doc: Doc<'_> = self.index.doc(d)?;
        let (body, title) = spans(occs);
        let (snippet, highlights) = snippet(doc.body, &body);
        Some(Hit {
            id: doc.id.into(),
            title: doc.title.into(),
            url: crate::link::safe(doc.url),
            date: doc.date.into(),
            source: doc.source.into(),
            section: doc.section.into(),
            score: (score * 1000.0).round() / 1000.0,
            snippet,
            highlights,
            title_highlights: highlight(doc.title, &title),
        })
    }
}

/// Bits of a rank key that hold the hit's index in the scored list.
const RANK_INDEX_MASK: u64 = 0x1FFF_FFFF;

/// Sort key: ascending key = better hit. Tier first, then literal matches before those found only
/// through folding, then score (f32 bits of a non-negative float order like the float), then the
/// order in which documents were scored (document number).
fn rank_key(tier: Quality, literal: bool, score: f64, i: usize) -> u64 {
    let tier = 3 - tier as u64;
    let folded = u64::from(!literal);
    let score = u64::from(!(score.max(0.0) as f32).to_bits());
    tier << 62 | folded << 61 | score << 29 | (i as u64 & RANK_INDEX_MASK)
}

/// Byte spans of the occurrences in the body and in the title, merged.
fn spans(occs: &[Occ]) -> (Vec<Span>, Vec<Span>) {
    let (mut body, mut title) = (Vec::new(), Vec::new());
    for o in occs {
        let span = (o.start as usize, o.end as usize, 1u32 << (o.term % 32));
        match o.field {
            TITLE => title.push(span),
            1 => body.push(span),
            _ => {}
        }
    }
    merge(&mut body);
    merge(&mut title);
    (body, title)
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter()
        .copied()
        .filter(|x| b.binary_search(x).is_ok())
        .collect()
}

fn candidates(terms: &[Term]) -> Vec<u32> {
    let mut positive = terms.iter().filter(|t| !t.negated);
    let Some(first) = positive.next() else {
        return Vec::new();
    };
    positive.fold(first.docs.clone(), |acc, t| intersect(&acc, &t.docs))
}

/// Appends every occurrence of `term` in `tokens` (atoms at adjacent positions) to `out`.
fn occurrences(tokens: &[DocToken], term: &Term, index: usize, out: &mut Vec<Occ>) {
    let Some((first, rest)) = term.atoms.split_first() else {
        return;
    };
    for (i, tok) in tokens.iter().enumerate() {
        let Some(mut quality) = first.quality(tok.id) else {
            continue;
        };
        let mut next_pos = tok.pos + tok.span;
        let mut end = tok.end;
        let mut j = i + 1;
        let mut complete = true;
        for atom in rest {
            while tokens.get(j).is_some_and(|t| t.pos < next_pos) {
                j += 1;
            }
            let mut matched = None;
            while let Some(t) = tokens.get(j).filter(|t| t.pos == next_pos) {
                j += 1;
                if let Some(q) = atom.quality(t.id) {
                    matched = Some((q, t));
                    break;
                }
            }
            let Some((q, t)) = matched else {
                complete = false;
                break;
            };
            quality = quality.min(q);
            next_pos = t.pos + t.span;
            end = t.end;
        }
        if complete {
            out.push(Occ {
                term: index as u8,
                pos: tok.pos,
                end_pos: next_pos,
                field: tok.field,
                start: tok.start,
                end,
                quality,
            });
        }
    }
}

/// The smallest number of positions between the terms' occurrences, over windows holding at
/// least one occurrence of every term (0 when they are adjacent).
fn min_window(all: &[Occ], per_term: &[(usize, usize)]) -> u32 {
    // Sorted by position; each key packs the position and the occurrence's index in `all`.
    let mut keys: Vec<u64> = all
        .iter()
        .enumerate()
        .map(|(i, o)| u64::from(o.pos) << 32 | i as u64)
        .collect();
    crate::sort::sort_u64(&mut keys);
    let term_of = |i: usize| {
        per_term
            .iter()
            .position(|&(from, to)| (from..to).contains(&i))
    };
    let events: Vec<(u32, u32, usize)> = keys
        .iter()
        .filter_map(|&k| {
            let i = (k & 0xFFFF_FFFF) as usize;
            let o = all.get(i)?;
            Some((o.pos, o.end_pos, term_of(i)?))
        })
        .collect();
    let k = per_term.len();
    let mut count = vec![0usize; k];
    let mut have = 0;
    let mut best = u32::MAX;
    let mut lo = 0;
    let mut width_sum = 0u32;
    for &(from, to) in per_term {
        width_sum += all
            .get(from..to)
            .and_then(|o| o.first())
            .map_or(0, |o| o.end_pos - o.pos);
    }
    for hi in 0..events.len() {
        let t = events[hi].2;
        if count[t] == 0 {
            have += 1;
        }
        count[t] += 1;
        while have == k {
            let (lo_pos, _, lo_t) = events[lo];
            let end = events[lo..=hi].iter().map(|e| e.1).max().unwrap_or(lo_pos);
            best = best.min((end - lo_pos).saturating_sub(width_sum));
            count[lo_t] -= 1;
            if count[lo_t] == 0 {
                have -= 1;
            }
            lo += 1;
        }
    }
    best
}

/// A Levenshtein automaton over bytes, run by the fst: its state is the current row of the
/// edit-distance table, so no DFA is built up front. The first byte must match exactly.
struct Levenshtein<'q> {
    query: &'q [u8],
    max: u8,
}

/// Row of the edit-distance table; `query` is at most `MAX_FUZZY_BYTES` long.
type Row = [u8; crate::query::MAX_FUZZY_BYTES + 1];

impl Automaton for Levenshtein<'_> {
    type State = Option<Row>;

    fn start(&self) -> Option<Row> {
        let mut row = [u8::MAX; crate::query::MAX_FUZZY_BYTES + 1];
        for (i, cell) in row.iter_mut().enumerate().take(self.query.len() + 1) {
            *cell = i as u8;
        }
        Some(row)
    }

    fn is_match(&self, state: &Option<Row>) -> bool {
        state.is_some_and(|row| row.get(self.query.len()).is_some_and(|&d| d <= self.max))
    }

    fn can_match(&self, state: &Option<Row>) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Option<Row>, byte: u8) -> Option<Row> {
        let prev = state.as_ref()?;
        // The first letter must be right (row[0] counts the bytes read): typos there are rare,
        // and without this rule the automaton walks most of the dictionary.
        if prev[0] == 0 && self.query.first() != Some(&byte) {
            return None;
        }
        let mut next = [u8::MAX; crate::query::MAX_FUZZY_BYTES + 1];
        next[0] = prev[0].saturating_add(1);
        let mut best = next[0];
        for (i, &q) in self
            .query
            .iter()
            .enumerate()
            .take(crate::query::MAX_FUZZY_BYTES)
        {
            let cost = u8::from(q != byte);
            let v = prev[i]
                .saturating_add(cost)
                .min(prev[i + 1].saturating_add(1))
                .min(next[i].saturating_add(1));
            next[i + 1] = v;
            best = best.min(v);
        }
        (best <= self.max).then_some(next)
    }
}

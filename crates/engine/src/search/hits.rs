//! Reading the shown hits: their records, their texts tokenized to place the matches, snippets,
//! highlights and sub-results. Ranking reads none of this (see `positions.rs`).

use super::phrase::{spans, DocToken, Occ};
use super::positions::{self, Source};
use super::{Engine, Hit, Missing, SubResult, Term, MAX_SUB_RESULTS};
use crate::index::{Doc, Store, FACETS};
use crate::snippet::{highlight, snippet};
use crate::tokenize::tokenize_fields;

impl Engine<'_> {
    /// The hits of `page` (document, score), or `None` when records are missing.
    pub(super) fn hits(
        &self,
        store: &Store,
        missing: &mut Missing,
        page: &[(u32, f64)],
        terms: &[Term<'_>],
    ) -> Option<Vec<Hit>> {
        for &(d, _) in page {
            missing.take(self.index.doc_in(store, d).map(|_| ()));
        }
        if !missing.0.is_empty() {
            return None;
        }
        Some(
            page.iter()
                .filter_map(|&(d, score)| self.hit(store, d, score, terms))
                .collect(),
        )
    }

    /// Document `d`'s values of the facet field `name` (one of [`FACETS`]), as written.
    pub(super) fn facet(&self, d: u32, name: &str) -> Vec<String> {
        let columns = self.index.columns();
        let Some(f) = FACETS.iter().position(|&n| n == name) else {
            return Vec::new();
        };
        columns
            .value_ids(d, f)
            .iter()
            .filter_map(|&id| columns.values(f).get(id as usize))
            .map(|v| v.text.to_string())
            .collect()
    }

    /// Document `d` tokenized, by position, each token with its term id when `ids` (the text's
    /// positions stand in for positional postings) or `u32::MAX` (they only place highlights).
    pub(super) fn tokenize(&self, doc: &Doc<'_>, ids: bool) -> Vec<DocToken> {
        let mut out = Vec::new();
        tokenize_fields(self.index.folder(), &doc.searchable(), &mut |field, t| {
            out.push(DocToken {
                id: if ids {
                    self.index.term_id(t.text).unwrap_or(u32::MAX)
                } else {
                    u32::MAX
                },
                pos: t.pos,
                span: t.span,
                field,
                start: t.start as u32,
                end: t.end as u32,
            });
        });
        // A compound comes after its parts but starts at the first one's position.
        if !out.windows(2).all(|w| w[0].pos <= w[1].pos) {
            let mut keys: Vec<u64> = (0..out.len())
                .map(|i| u64::from(out[i].pos) << 32 | i as u64)
                .collect();
            crate::sort::sort_u64(&mut keys);
            out = keys
                .iter()
                .filter_map(|k| out.get((k & 0xFFFF_FFFF) as usize).copied())
                .collect();
        }
        out
    }

    /// Where positions of document `d` come from: its postings, or its cached tokens (an index
    /// without positions holds every text itself).
    pub(super) fn source<'x>(&'x self, store: &'x Store, d: u32) -> Source<'x> {
        let doc = self.index.doc_in(store, d).ok().flatten();
        match (self.tokens.get(d as usize), doc) {
            (Some(cell), Some(doc)) => Source::Text(
                cell.get_or_init(|| self.tokenize(&doc, true)),
                doc.searchable(),
            ),
            _ => Source::Postings,
        }
    }

    /// The positive terms' occurrences in document `d`, placed in its text (for highlights).
    pub(super) fn placed(&self, store: &Store, d: u32, terms: &[Term<'_>]) -> Vec<Occ> {
        let mut occs = Vec::new();
        if terms.is_empty() {
            return occs;
        }
        let source = self.source(store, d);
        for (t, term) in terms.iter().enumerate().filter(|(_, t)| !t.negated) {
            positions::occurrences(&term.atoms, d, source, t, &mut occs);
        }
        match (source, self.index.doc_in(store, d)) {
            (Source::Text(tokens, _), _) => positions::place(tokens, &mut occs),
            (Source::Postings, Ok(Some(doc))) => {
                positions::place(&self.tokenize(&doc, false), &mut occs)
            }
            _ => occs.clear(),
        }
        occs
    }

    pub(super) fn hit(&self, store: &Store, d: u32, score: f64, terms: &[Term<'_>]) -> Option<Hit> {
        let doc: Doc<'_> = self.index.doc_in(store, d).ok()??;
        let (body, title) = spans(&self.placed(store, d, terms));
        let (snippet, highlights) = snippet(doc.body, &body);
        Some(Hit {
            id: doc.id.into(),
            title: doc.title.into(),
            url: crate::link::safe(doc.url),
            date: doc.date.into(),
            source: doc.source.into(),
            section: doc.section.into(),
            tags: self.facet(d, "tags"),
            categories: self.facet(d, "categories"),
            score: (score * 1000.0).round() / 1000.0,
            snippet,
            highlights,
            title_highlights: highlight(doc.title, &title),
            sub_results: sub_results(&doc, &body),
        })
    }
}

/// The sections of `doc` (under headings with ids) holding the most query terms, then the most
/// matches; ties keep the article's order. None for an article linked within the page (`#…`).
fn sub_results(doc: &Doc<'_>, body: &[crate::snippet::Span]) -> Vec<SubResult> {
    let Some(url) = crate::link::safe(doc.url).filter(|u| !u.starts_with('#')) else {
        return Vec::new();
    };
    let page = url.split('#').next().unwrap_or("");
    let headings = doc.headings();
    // (heading, its section's text, the matches inside it), in article order.
    let mut sections = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        let start = h.offset as usize;
        let end = headings
            .get(i + 1)
            .map_or(doc.body.len(), |n| n.offset as usize);
        let inside: Vec<crate::snippet::Span> = body
            .iter()
            .filter(|s| s.0 >= start && s.1 <= end)
            .map(|s| (s.0 - start, s.1 - start, s.2))
            .collect();
        if let (false, Some(text)) = (inside.is_empty(), doc.body.get(start..end)) {
            sections.push((h, text, inside));
        }
    }
    // Ascending key = better: more query terms, more matches, earlier (the low bits index
    // `sections`, which is in article order).
    let mut keys: Vec<u64> = sections
        .iter()
        .enumerate()
        .map(|(k, (_, _, inside))| {
            let terms = inside.iter().fold(0u32, |a, s| a | s.2).count_ones();
            let matches = inside.len().min(u16::MAX as usize) as u16;
            u64::from(!terms) << 48 | u64::from(!matches) << 32 | k as u64
        })
        .collect();
    crate::sort::sort_u64(&mut keys);
    keys.iter()
        .take(MAX_SUB_RESULTS)
        .filter_map(|&k| {
            let (h, text, inside) = sections.get((k & 0xFFFF_FFFF) as usize)?;
            let (snippet, highlights) = snippet(text, inside);
            Some(SubResult {
                title: h.title.to_string(),
                url: format!("{page}#{}", h.id),
                snippet,
                highlights,
            })
        })
        .collect()
}

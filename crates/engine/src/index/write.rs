//! The index writer (feature `write`): build.rs and tests, never the wasm module.

use std::collections::BTreeMap;

use super::columns::{self, write::DocColumns, FACETS};
use super::postings::write::TermPostings;
use super::shards::write::{id_buckets, put_table, runs, shard, ShardFile, ShardSizes};
use super::shards::{fnv1a64, Kind, ShardRef};
use super::{fnv1a, HEADER_LEN, MAGIC, VERSION};
use crate::date::When;
use crate::error::{Error, Result};
use crate::normalize::Folder;
use crate::tokenize::{tokenize_fields, TITLE};
use crate::varint;

/// One article to index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Stable id (slug), unique in the corpus.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Link; unique in the corpus.
    pub url: String,
    /// Publication date: `YYYY-MM-DD`, or with a time and zone (see [`crate::date`]); other
    /// values are kept for display but the article counts as undated.
    pub date: String,
    /// Publisher or agency.
    pub source: String,
    /// Reporters.
    pub byline: String,
    /// Section or kind.
    pub section: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Categories (a blog's, beside its tags).
    pub categories: Vec<String>,
    /// Summary or description, searchable.
    pub description: String,
    /// Language (BCP 47), if known.
    pub lang: String,
    /// Full text.
    pub body: String,
    /// Headings inside the body that have an anchor id on the article's page.
    pub headings: Vec<Heading>,
}

/// A heading of an article, for sub-results.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Heading {
    /// The anchor id on the article's page (`url#id`).
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// Byte offset of the heading's section in the body.
    pub offset: u32,
}

fn len32(n: usize, what: &'static str) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::TooLarge(what))
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    varint::put(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// The order documents are numbered in: by date (undated first), ties in input order.
pub fn date_order(articles: &[Article]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| (When::parse(&articles[i].date).map(|w| w.seconds), i));
    order
}

/// What an index stores beyond what every index has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Postings with positions (POSP) instead of documents only (POST): ranking then reads no
    /// article text.
    pub positions: bool,
}

/// Writes the index of `articles`, folding with `folder`, in the default layout (postings without
/// positions: the smallest index for one download). Documents are numbered in date order (see
/// [`date_order`]), not in the order given.
pub fn write(articles: &[Article], folder: &Folder) -> Result<Vec<u8>> {
    write_with(articles, folder, Layout::default())
}

/// Writes the index of `articles` in `layout` (see [`write`]).
pub fn write_with(articles: &[Article], folder: &Folder, layout: Layout) -> Result<Vec<u8>> {
    let s = Sections::new(articles, folder, layout.positions)?;
    let post = if layout.positions { b"POSP" } else { b"POST" };
    let docs = s.docs_payload(0..s.record_ranges.len());
    let sections = [
        (b"FOLD", &s.fold[..]),
        (b"TERM", &s.terms[..]),
        (post, &s.postings[..]),
        (b"COLS", &s.columns[..]),
        (b"VALS", &s.values[..]),
        (b"DOCS", &docs[..]),
    ];
    assemble(&sections, s.build()?, s.n_docs, s.positions)
}

/// An index in the sharded layout: a root and its shard files.
#[derive(Clone, Debug)]
pub struct Sharded {
    /// The root: header, FOLD, TERM, COLS, VALS and the table of shards (SHRD).
    pub root: Vec<u8>,
    /// The shard files, each named by its kind and content hash.
    pub shards: Vec<ShardFile>,
}

/// Writes the index of `articles` in the sharded layout (positional postings; see
/// [`super::shards`]), shards of about `sizes` bytes. The build id is that of the same index in
/// one piece with positions.
pub fn write_sharded(articles: &[Article], folder: &Folder, sizes: ShardSizes) -> Result<Sharded> {
    let s = Sections::new(articles, folder, true)?;
    let build = s.build()?;
    let mut shards = Vec::new();
    let mut table = Vec::new();
    let mut add = |kind: Kind, first: usize, payload: &[u8], list: &mut Vec<(u32, u64)>| {
        let first = len32(first, "shard key")?;
        let (bytes, hash) = shard(build, kind, first, payload);
        let name = ShardRef {
            kind,
            index: list.len() as u32,
            hash,
        }
        .name();
        list.push((first, hash));
        shards.push(ShardFile { name, bytes });
        Ok::<(), Error>(())
    };
    let mut list = Vec::new();
    let starts = runs(&s.term_ranges, sizes.postings);
    for (k, &i) in starts.iter().enumerate() {
        let from = s.term_ranges[i].start;
        let to = starts
            .get(k + 1)
            .map_or(s.postings.len(), |&j| s.term_ranges[j].start);
        add(Kind::Postings, from, &s.postings[from..to], &mut list)?;
    }
    put_table(&mut table, &list);
    let mut list = Vec::new();
    let starts = runs(&s.record_ranges, sizes.docs);
    for (k, &i) in starts.iter().enumerate() {
        let to = starts.get(k + 1).copied().unwrap_or(s.record_ranges.len());
        add(Kind::Docs, i, &s.docs_payload(i..to), &mut list)?;
    }
    put_table(&mut table, &list);
    let mut list = Vec::new();
    for (b, payload) in id_buckets(&s.ids, sizes.ids).iter().enumerate() {
        add(Kind::Ids, b, payload, &mut list)?;
    }
    put_table(&mut table, &list);
    let sections = [
        (b"FOLD", &s.fold[..]),
        (b"TERM", &s.terms[..]),
        (b"COLS", &s.columns[..]),
        (b"VALS", &s.values[..]),
        (b"SHRD", &table[..]),
    ];
    let root = assemble(&sections, build, s.n_docs, s.positions)?;
    Ok(Sharded { root, shards })
}

/// The sections of an index before they are laid out in one file or in shards.
struct Sections<'a> {
    fold: Vec<u8>,
    terms: Vec<u8>,
    postings: Vec<u8>,
    /// Each term's bytes in `postings`, in term order.
    term_ranges: Vec<std::ops::Range<usize>>,
    columns: Vec<u8>,
    values: Vec<u8>,
    records: Vec<u8>,
    /// Each document's record in `records`, in document order.
    record_ranges: Vec<std::ops::Range<usize>>,
    /// Each document's id, in document order.
    ids: Vec<&'a str>,
    n_docs: u32,
    positions: u32,
}

impl<'a> Sections<'a> {
    fn new(articles: &'a [Article], folder: &Folder, with_positions: bool) -> Result<Self> {
        let mut terms: BTreeMap<String, TermPostings> = BTreeMap::new();
        let mut positions: u64 = 0;
        let mut records: Vec<u8> = Vec::new();
        let mut record_ranges = Vec::new();
        let mut ids = Vec::new();
        let mut cols: Vec<DocColumns<'a>> = Vec::new();
        for (d, &i) in date_order(articles).iter().enumerate() {
            let a = &articles[i];
            let d = len32(d, "number of documents")?;
            let tags = a.tags.join(", ");
            let categories = a.categories.join(", ");
            let searchable = [&*a.title, &*a.body, &*a.description, &*tags, &*categories];
            let pos = tokenize_fields(folder, &searchable, &mut |field, t| {
                let written = searchable
                    .get(usize::from(field))
                    .and_then(|text| text.get(t.start..t.end))
                    .unwrap_or_default();
                terms.entry(t.text.to_string()).or_default().add(
                    d,
                    t.pos,
                    t.span,
                    &crate::query::literal(written),
                    field == TITLE,
                );
            });
            positions += u64::from(pos);
            let record_start = records.len();
            ids.push(a.id.as_str());
            let fields = [
                &a.id,
                &a.title,
                &a.url,
                &a.date,
                &a.source,
                &a.byline,
                &a.section,
                &tags,
                &categories,
                &a.description,
                &a.lang,
                &a.body,
            ];
            for f in fields {
                put_str(&mut records, f);
            }
            varint::put(&mut records, a.headings.len() as u64);
            for h in &a.headings {
                put_str(&mut records, &h.id);
                put_str(&mut records, &h.title);
                varint::put(&mut records, u64::from(h.offset));
            }
            len32(records.len(), "document table")?;
            record_ranges.push(record_start..records.len());
            fn one(s: &str) -> Vec<&str> {
                if s.is_empty() {
                    vec![]
                } else {
                    vec![s]
                }
            }
            fn list(l: &[String]) -> Vec<&str> {
                l.iter()
                    .map(String::as_str)
                    .filter(|t| !t.is_empty())
                    .collect()
            }
            // In FACETS order.
            let values: [Vec<&str>; FACETS.len()] = [
                one(&a.section),
                one(&a.source),
                one(&a.byline),
                list(&a.tags),
                list(&a.categories),
                one(&a.lang),
            ];
            cols.push(DocColumns {
                date: When::parse(&a.date),
                positions: pos,
                values,
            });
        }
        let mut fold = Vec::new();
        varint::put(&mut fold, folder.len() as u64);
        let mut prev = 0;
        for (from, to) in folder.pairs() {
            varint::put(&mut fold, u64::from(from as u32 - prev));
            prev = from as u32;
            varint::put(&mut fold, to.len() as u64);
            for &c in to {
                let delta = i64::from(c as u32) - i64::from(from as u32);
                varint::put(&mut fold, ((delta << 1) ^ (delta >> 63)) as u64);
            }
        }
        let mut postings = Vec::new();
        let mut term_ranges = Vec::new();
        let mut map = fst::MapBuilder::memory();
        for (term, occurrences) in &terms {
            let start = postings.len();
            map.insert(term, start as u64)
                .map_err(|_| Error::Corrupt("term order"))?;
            occurrences.encode(term, with_positions, &mut postings);
            term_ranges.push(start..postings.len());
        }
        len32(postings.len(), "postings")?;
        let terms = map
            .into_inner()
            .map_err(|_| Error::Corrupt("term dictionary"))?;
        let (columns, values) = columns::write::write(&cols);
        Ok(Sections {
            fold,
            terms,
            postings,
            term_ranges,
            columns,
            values,
            records,
            record_ranges,
            ids,
            n_docs: len32(articles.len(), "number of documents")?,
            positions: u32::try_from(positions).map_err(|_| Error::TooLarge("positions"))?,
        })
    }

    /// The build id: a hash of every section of the index in one piece with these postings.
    fn build(&self) -> Result<u64> {
        let docs = self.docs_payload(0..self.record_ranges.len());
        let mut body = Vec::new();
        for part in [
            &self.fold,
            &self.terms,
            &self.postings,
            &self.columns,
            &self.values,
            &docs,
        ] {
            body.extend_from_slice(part);
        }
        Ok(fnv1a64(&body))
    }

    /// The DOCS layout of documents `range`: a u32 offset per document, then their records.
    fn docs_payload(&self, range: std::ops::Range<usize>) -> Vec<u8> {
        let Some(ranges) = self.record_ranges.get(range) else {
            return Vec::new();
        };
        let (Some(first), Some(last)) = (ranges.first(), ranges.last()) else {
            return Vec::new();
        };
        let base = 4 * ranges.len();
        let mut out = Vec::with_capacity(base + last.end - first.start);
        for r in ranges {
            out.extend_from_slice(&((base + r.start - first.start) as u32).to_le_bytes());
        }
        out.extend_from_slice(&self.records[first.start..last.end]);
        out
    }
}

/// Lays out `sections` behind a header and the section table.
fn assemble(
    sections: &[(&[u8; 4], &[u8])],
    build: u64,
    n_docs: u32,
    positions: u32,
) -> Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut table = Vec::new();
    for (tag, section) in sections {
        table.extend_from_slice(*tag);
        table.extend_from_slice(&len32(section.len(), "section")?.to_le_bytes());
        body.extend_from_slice(section);
    }
    let mut out = Vec::with_capacity(HEADER_LEN + table.len() + body.len());
    out.extend_from_slice(&MAGIC);
    for v in [
        VERSION,
        0,
        build as u32,
        (build >> 32) as u32,
        n_docs,
        positions,
        sections.len() as u32,
    ] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&table);
    out.extend_from_slice(&body);
    let checksum = fnv1a(&out[12..]);
    out[8..12].copy_from_slice(&checksum.to_le_bytes());
    Ok(out)
}

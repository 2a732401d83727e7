//! The index format, version 2: reading (always) and writing (feature `write`, used by build.rs).
//!
//! ```text
//! header   magic "ASIX" | version u32 (2) | checksum u32 | build u64 | docs u32 | positions u32
//!          | sections u32                                                    (little endian)
//! table    per section: tag [u8; 4] | len u32; the sections follow in table order
//! FOLD     varint count, then per entry: varint key delta, varint len, len × zigzag varint
//!          (char − key): a traditional character and its simplified form are usually close
//! TERM     fst::Map: key → byte offset of its postings in POST (also the term's id). Keys are
//!          normalized tokens; a key starting with a byte below 0x20 belongs to another key
//!          family (reserved: 0x01 pinyin), which tokens never start with
//! POST     per term: its documents (see `postings`); or, in an index with positions, instead
//! POSP     per term: its documents and, in each, its positions and how it was written
//! COLS     per-document columns: date, lengths, facet value ids (see `columns`)
//! VALS     per facet field, its values and their documents (see `columns`)
//! DOCS     u32 offset per document into the records that follow; a record is the fields id,
//!          title, url, date, source, byline, section, tags, categories, description, lang, body
//!          as varint length + UTF-8 (tags and categories joined by ", "),
//!          then the headings: varint count, per heading varint-length id and title, varint
//!          byte offset into the body
//! ```
//!
//! Documents are numbered in date order (oldest first, undated before dated, ties in input
//! order), so sorting by date is reading document numbers and a date range is a range of them.
//! The checksum (FNV-1a, 32 bits) covers everything after itself; it is checked when the index is
//! opened, so that damaged bytes give an [`Error`] instead of reaching the fst reader. `build`
//! (FNV-1a, 64 bits, of the sections) names this build: files of one build carry it, so a folder
//! mixing two builds is detected. Sections with tags this version does not know are skipped.
//! With positions (POSP), ranking (phrases, proximity, term frequency, literal matches) reads no
//! article text, and texts are read for the shown hits only; without (POST, smaller: the default
//! for an index embedded whole), the searcher derives positions by tokenizing candidates' texts.
//!
//! Architecture invariant: only this module knows the byte layout.

pub mod columns;
pub mod postings;
pub mod shards;
#[cfg(feature = "write")]
mod write;

use crate::error::{Error, Result};
use crate::normalize::Folder;
use crate::termdict::TermDict;
use crate::varint;
pub use columns::{Columns, FacetValue, FACETS};
pub use postings::{Occurrence, Postings};
#[cfg(feature = "write")]
pub use shards::write::{ShardFile, ShardSizes};
pub use shards::{ShardRef, ShardTable, Store};
#[cfg(feature = "write")]
pub use write::{write, write_sharded, write_with, Article, Heading, Layout, Sharded};

/// First four bytes of every index.
pub const MAGIC: [u8; 4] = *b"ASIX";
/// Format version written and read by this engine.
pub const VERSION: u32 = 2;
const HEADER_LEN: usize = 32;
const FIELDS: usize = 12;
/// The section tags this version writes, and their names in size reports. An index has POST or
/// POSP, not both.
const TAGS: [[u8; 4]; 8] = [
    *b"FOLD", *b"TERM", *b"POST", *b"POSP", *b"COLS", *b"VALS", *b"DOCS", *b"SHRD",
];
const NAMES: [&str; 8] = [
    "fold",
    "terms",
    "postings",
    "positions",
    "columns",
    "facet values",
    "docs",
    "shards",
];

/// The stored fields of one article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Doc<'a> {
    /// Stable id (slug).
    pub id: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Link to the article.
    pub url: &'a str,
    /// Publication date, as given (ISO 8601 recommended).
    pub date: &'a str,
    /// Publisher or agency.
    pub source: &'a str,
    /// Reporters, as printed.
    pub byline: &'a str,
    /// Section or kind (e.g. 特稿).
    pub section: &'a str,
    /// Tags, comma-separated.
    pub tags: &'a str,
    /// Categories, comma-separated.
    pub categories: &'a str,
    /// Summary or description.
    pub description: &'a str,
    /// Language (BCP 47), if known.
    pub lang: &'a str,
    /// Full text, paragraphs separated by blank lines.
    pub body: &'a str,
    headings: &'a [u8],
}

/// A heading inside an article's body, with the id its page gives it (for `url#id` links).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocHeading<'a> {
    /// The anchor id on the article's page.
    pub id: &'a str,
    /// The heading's text.
    pub title: &'a str,
    /// Byte offset of the heading's section in the body.
    pub offset: u32,
}

impl<'a> Doc<'a> {
    /// The searchable fields in position order: title ([`crate::tokenize::TITLE`]), body
    /// ([`crate::tokenize::BODY`]), description, tags, categories.
    pub fn searchable(&self) -> [&'a str; 5] {
        [
            self.title,
            self.body,
            self.description,
            self.tags,
            self.categories,
        ]
    }

    /// The article's headings, in body order.
    pub fn headings(&self) -> Vec<DocHeading<'a>> {
        read_headings(self.headings).unwrap_or_default()
    }
}

fn read_headings(bytes: &[u8]) -> Option<Vec<DocHeading<'_>>> {
    let mut at = 0;
    let n = varint::get(bytes, &mut at)?;
    let mut out = Vec::new();
    for _ in 0..n {
        let id = read_str(bytes, &mut at)?;
        let title = read_str(bytes, &mut at)?;
        let offset = u32::try_from(varint::get(bytes, &mut at)?).ok()?;
        out.push(DocHeading { id, title, offset });
    }
    (at == bytes.len()).then_some(out)
}

fn read_str<'a>(bytes: &'a [u8], at: &mut usize) -> Option<&'a str> {
    let len = usize::try_from(varint::get(bytes, at)?).ok()?;
    let s = std::str::from_utf8(bytes.get(*at..at.checked_add(len)?)?).ok()?;
    *at += len;
    Some(s)
}

/// An opened index: borrowed bytes; only the small folding table is copied, and the document
/// table and columns are parsed once (their fields borrow the bytes) so that reading a hit's
/// text does not validate its UTF-8 again.
pub struct Index<'a> {
    terms: TermDict<'a>,
    postings: &'a [u8],
    /// The postings hold positions (POSP).
    stored_positions: bool,
    /// The sharded layout's table of shards (postings and documents are in them).
    shards: Option<ShardTable>,
    n_docs: u32,
    docs: Vec<Doc<'a>>,
    columns: Columns<'a>,
    folder: Folder,
    positions: u32,
    build: u64,
    sections: Vec<([u8; 4], &'a [u8])>,
}

fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Recomputes the checksum of index bytes in place, so that fuzzing reaches the section parsers
/// behind it (feature `write`: never in the wasm module). False when `bytes` has no header.
#[cfg(feature = "write")]
pub fn fix_checksum(bytes: &mut [u8]) -> bool {
    let Some(rest) = bytes.get(12..) else {
        return false;
    };
    let sum = fnv1a(rest).to_le_bytes();
    bytes[8..12].copy_from_slice(&sum);
    true
}

/// The bytes of the section tagged `tag`, read from the header's table without checking anything
/// else (for tests and fuzzing).
pub fn raw_section<'a>(bytes: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let n = u32_at(bytes, 28)? as usize;
    let mut at = HEADER_LEN.checked_add(n.checked_mul(8)?)?;
    for i in 0..n {
        let entry = bytes.get(HEADER_LEN + 8 * i..HEADER_LEN + 8 * i + 8)?;
        let len = u32_at(entry, 4)? as usize;
        if entry.get(..4)? == tag {
            return bytes.get(at..at.checked_add(len)?);
        }
        at = at.checked_add(len)?;
    }
    None
}

/// Checks what an index and a shard file begin with alike — `magic` | version u32 | checksum u32
/// (FNV-1a of every byte after it) | build u64 — and returns the first `header_len` bytes and the
/// build id.
fn verify<'b>(bytes: &'b [u8], magic: &[u8; 4], header_len: usize) -> Result<(&'b [u8], u64)> {
    let header = bytes.get(..header_len).ok_or(Error::Truncated)?;
    if header.get(..4) != Some(&magic[..]) {
        return Err(Error::Magic);
    }
    let field = |i: usize| u32_at(header, 4 * i).ok_or(Error::Truncated);
    let version = field(1)?;
    if version != VERSION {
        return Err(Error::Version {
            expected: VERSION,
            got: version,
        });
    }
    let expected = field(2)?;
    let got = fnv1a(bytes.get(12..).ok_or(Error::Truncated)?);
    if expected != got {
        return Err(Error::Checksum { expected, got });
    }
    Ok((header, u64::from(field(3)?) | u64::from(field(4)?) << 32))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl<'a> Index<'a> {
    /// Opens an index, checking its header, checksum and every section.
    pub fn open(bytes: &'a [u8]) -> Result<Index<'a>> {
        let (header, build) = verify(bytes, &MAGIC, HEADER_LEN)?;
        let field = |i: usize| u32_at(header, 4 * i).ok_or(Error::Truncated);
        let n_docs = field(5)?;
        let positions = field(6)?;
        let n_sections = field(7)? as usize;
        let table_len = n_sections.checked_mul(8).ok_or(Error::Truncated)?;
        let table = bytes
            .get(HEADER_LEN..HEADER_LEN.checked_add(table_len).ok_or(Error::Truncated)?)
            .ok_or(Error::Truncated)?;
        let mut rest = bytes
            .get(HEADER_LEN + table_len..)
            .ok_or(Error::Truncated)?;
        let mut sections = Vec::with_capacity(n_sections);
        for entry in table.chunks_exact(8) {
            let tag = [entry[0], entry[1], entry[2], entry[3]];
            let len = u32_at(entry, 4).ok_or(Error::Truncated)? as usize;
            if len > rest.len() {
                return Err(Error::Truncated);
            }
            let (head, tail) = rest.split_at(len);
            if sections.iter().any(|(t, _)| *t == tag) {
                return Err(Error::Corrupt("a section appears twice"));
            }
            sections.push((tag, head));
            rest = tail;
        }
        if !rest.is_empty() {
            return Err(Error::Corrupt("bytes after the last section"));
        }
        let section = |tag: &[u8; 4]| {
            sections
                .iter()
                .find(|(t, _)| t == tag)
                .map(|&(_, bytes)| bytes)
                .ok_or(Error::Corrupt("a section is missing"))
        };
        let folder = read_folder(section(b"FOLD")?).ok_or(Error::Corrupt("folding table"))?;
        let terms = TermDict::new(section(b"TERM")?).ok_or(Error::Corrupt("term dictionary"))?;
        let shards = match section(b"SHRD") {
            Ok(bytes) => Some(ShardTable::read(bytes).ok_or(Error::Corrupt("table of shards"))?),
            Err(_) => None,
        };
        let (postings, stored_positions) = match (&shards, section(b"POSP")) {
            (Some(_), _) => (&[][..], true),
            (None, Ok(bytes)) => (bytes, true),
            (None, Err(_)) => (section(b"POST")?, false),
        };
        let columns = Columns::read(section(b"COLS")?, section(b"VALS")?, n_docs)
            .ok_or(Error::Corrupt("document columns"))?;
        let docs = match shards {
            Some(_) => Vec::new(),
            None => {
                let docs_bytes = section(b"DOCS")?;
                let docs = (0..n_docs)
                    .map(|d| read_doc(docs_bytes, d))
                    .collect::<Option<Vec<_>>>();
                docs.ok_or(Error::Corrupt("document table"))?
            }
        };
        Ok(Index {
            terms,
            postings,
            stored_positions,
            shards,
            n_docs,
            docs,
            columns,
            folder,
            positions,
            build,
            sections,
        })
    }

    /// Number of documents.
    pub fn len(&self) -> u32 {
        self.n_docs
    }

    /// True when the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.n_docs == 0
    }

    /// The table of shards, when the index is sharded (its postings and records are in shard
    /// files, see [`shards`]).
    pub fn shards(&self) -> Option<&ShardTable> {
        self.shards.as_ref()
    }

    /// An empty store for this index's shards.
    pub fn store(&self) -> Store {
        Store::new(
            self.build,
            self.shards.clone().unwrap_or_default(),
            self.n_docs,
        )
    }

    /// The build this index belongs to (a hash of its sections).
    pub fn build(&self) -> u64 {
        self.build
    }

    /// Average number of positions per document (the BM25 average length).
    pub fn avg_positions(&self) -> f32 {
        if self.n_docs == 0 {
            return 1.0;
        }
        (self.positions as f32 / self.n_docs as f32).max(1.0)
    }

    /// The sections' tags and bytes, for size reports.
    pub fn sections(&self) -> Vec<(&'static str, &'a [u8])> {
        self.sections
            .iter()
            .map(|(tag, bytes)| {
                let i = TAGS.iter().position(|t| t == tag);
                (
                    i.and_then(|i| NAMES.get(i)).copied().unwrap_or("other"),
                    *bytes,
                )
            })
            .collect()
    }

    /// The folding table the index was built with.
    pub fn folder(&self) -> &Folder {
        &self.folder
    }

    /// The term dictionary: exact, prefix and fuzzy look-ups.
    pub fn terms(&self) -> &TermDict<'a> {
        &self.terms
    }

    /// The per-document columns (dates, lengths, facet values).
    pub fn columns(&self) -> &Columns<'a> {
        &self.columns
    }

    /// The id of a term, if the term occurs in the corpus.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.terms.id(term)
    }

    /// The postings of term `id` (empty when they are damaged: the checksum makes that an
    /// index forged behind a recomputed checksum), or the shard that holds them.
    pub fn postings_in<'x>(
        &'x self,
        store: &'x Store,
        id: u32,
    ) -> std::result::Result<Postings<'x>, ShardRef> {
        let bytes = match self.shards {
            Some(_) => store.postings(id)?,
            None => self.postings.get(id as usize..).unwrap_or(&[]),
        };
        Ok(Postings::read(bytes, self.n_docs, self.stored_positions).unwrap_or_default())
    }

    /// Whether the postings hold positions; if not, the searcher derives them from the text.
    pub fn stored_positions(&self) -> bool {
        self.stored_positions
    }

    /// The stored fields of document `d` in an index in one piece (`None` when sharded).
    pub fn doc(&self, d: u32) -> Option<Doc<'a>> {
        self.docs.get(d as usize).copied()
    }

    /// The document with the given stable id, in an index in one piece (`None` when sharded).
    pub fn find(&self, id: &str) -> Option<u32> {
        self.docs
            .iter()
            .position(|doc| doc.id == id)
            .map(|d| d as u32)
    }

    /// The stored fields of document `d`, or the shard that holds them.
    pub fn doc_in<'x>(
        &'x self,
        store: &'x Store,
        d: u32,
    ) -> std::result::Result<Option<Doc<'x>>, ShardRef> {
        match self.shards {
            Some(_) => store.doc(d),
            None => Ok(self.doc(d)),
        }
    }

    /// The document with the given stable id, or the shard that would say.
    pub fn find_in(&self, store: &Store, id: &str) -> std::result::Result<Option<u32>, ShardRef> {
        match self.shards {
            Some(_) => store.find(id),
            None => Ok(self.find(id)),
        }
    }
}

fn read_doc(docs: &[u8], d: u32) -> Option<Doc<'_>> {
    let mut at = u32_at(docs, 4 * d as usize)? as usize;
    let mut fields = [""; FIELDS];
    for field in fields.iter_mut() {
        let len = usize::try_from(varint::get(docs, &mut at)?).ok()?;
        let bytes = docs.get(at..at.checked_add(len)?)?;
        *field = std::str::from_utf8(bytes).ok()?;
        at += len;
    }
    let [id, title, url, date, source, byline, section, tags, categories, description, lang, body] =
        fields;
    // The headings are self-delimiting: parse them to find where they end.
    let start = at;
    let n = varint::get(docs, &mut at)?;
    for _ in 0..n {
        read_str(docs, &mut at)?;
        read_str(docs, &mut at)?;
        u32::try_from(varint::get(docs, &mut at)?).ok()?;
    }
    let headings = docs.get(start..at)?;
    Some(Doc {
        id,
        title,
        url,
        date,
        source,
        byline,
        section,
        tags,
        categories,
        description,
        lang,
        body,
        headings,
    })
}

fn read_folder(bytes: &[u8]) -> Option<Folder> {
    let mut at = 0;
    let n = varint::get(bytes, &mut at)?;
    let mut pairs = Vec::new();
    let mut key: u32 = 0;
    for _ in 0..n {
        key = key.checked_add(u32::try_from(varint::get(bytes, &mut at)?).ok()?)?;
        let len = varint::get(bytes, &mut at)?;
        if len as usize > crate::normalize::MAX_FOLD_LEN {
            return None;
        }
        let mut to = Vec::new();
        for _ in 0..len {
            let z = varint::get(bytes, &mut at)?;
            let delta = (z >> 1) as i64 ^ -((z & 1) as i64);
            to.push(char::from_u32(u32::try_from(i64::from(key) + delta).ok()?)?);
        }
        pairs.push((char::from_u32(key)?, to));
    }
    if at != bytes.len() {
        return None;
    }
    Folder::from_pairs(pairs)
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let folder = Folder::from_pairs([('劉', vec!['刘'])]).unwrap();
        let a = Article {
            id: "a".into(),
            title: "劉權".into(),
            body: "DeepSeek-R1 模型".into(),
            ..Default::default()
        };
        let b = Article {
            id: "b".into(),
            title: "TikTok".into(),
            body: "中方".into(),
            ..Default::default()
        };
        write(&[a, b], &folder).unwrap()
    }

    #[test]
    fn round_trip() {
        let bytes = sample();
        let index = Index::open(&bytes).unwrap();
        assert_eq!(index.len(), 2);
        assert_eq!(index.doc(1).unwrap().title, "TikTok");
        assert_eq!(index.folder().fold_str("劉"), "刘");
        let id = index.term_id("deepseek").unwrap();
        assert_eq!(index.postings_in(&index.store(), id).unwrap().docs(), [0]);
        assert_eq!(index.find("b"), Some(1));
        assert!(index.term_id("劉").is_none());
        assert!(index.term_id("刘").is_some());
    }

    #[test]
    fn corrupt_bytes_are_errors() {
        let bytes = sample();
        for at in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x10;
            assert!(Index::open(&flipped).is_err(), "flipped byte {at} opened");
        }
        assert_eq!(Index::open(&bytes[..10]).err(), Some(Error::Truncated));
        assert_eq!(
            Index::open(b"not an index, not at all, really no.").err(),
            Some(Error::Magic)
        );
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(matches!(Index::open(&flipped), Err(Error::Checksum { .. })));
        let mut version = bytes.clone();
        version[4] = 9;
        assert_eq!(
            Index::open(&version).err(),
            Some(Error::Version {
                expected: VERSION,
                got: 9
            })
        );
        for cut in 0..bytes.len() {
            assert!(Index::open(&bytes[..cut]).is_err());
        }
    }

    fn article(id: &str, date: &str) -> Article {
        Article {
            id: id.into(),
            title: id.into(),
            date: date.into(),
            body: "正文".into(),
            ..Default::default()
        }
    }

    #[test]
    fn documents_are_numbered_in_date_order() {
        let folder = Folder::from_pairs(Vec::<(char, Vec<char>)>::new()).unwrap();
        let articles = [
            article("late", "2025-09-20"),
            article("undated", ""),
            article("early", "2025-09-19T23:00:00+08:00"),
            article("same-day", "2025-09-19"),
            article("bad-date", "September"),
            article("late-too", "2025-09-20"),
        ];
        let bytes = write(&articles, &folder).unwrap();
        let index = Index::open(&bytes).unwrap();
        let ids: Vec<&str> = (0..index.len()).map(|d| index.doc(d).unwrap().id).collect();
        // 23:00 in Hong Kong is 15:00 UTC on the 19th, after that calendar day's midnight.
        assert_eq!(
            ids,
            ["undated", "bad-date", "same-day", "early", "late", "late-too"]
        );
        let c = index.columns();
        assert_eq!(c.date(0), None);
        assert_eq!(
            c.date(1),
            None,
            "an unparsable date is kept as text but counts as undated"
        );
        assert_eq!(index.doc(1).unwrap().date, "September");
        assert!(c.date(2).unwrap().date_only);
        assert_eq!(
            c.date(3).unwrap().seconds - c.date(2).unwrap().seconds,
            15 * 3600
        );
    }

    #[test]
    fn columns_facets_and_headings_round_trip() {
        let folder = Folder::from_pairs(Vec::<(char, Vec<char>)>::new()).unwrap();
        let mut a = article("a", "2025-09-19");
        a.section = "特稿".into();
        a.byline = "劉權".into();
        a.tags = vec!["AI".into(), "科技".into()];
        a.headings = vec![Heading {
            id: "intro".into(),
            title: "引言".into(),
            offset: 0,
        }];
        let mut b = article("b", "2025-09-20");
        b.section = "特稿".into();
        let bytes = write(&[a, b], &folder).unwrap();
        let index = Index::open(&bytes).unwrap();
        let c = index.columns();
        let section = FACETS.iter().position(|f| *f == "section").unwrap();
        assert_eq!(c.values(section).len(), 1);
        assert_eq!(c.values(section)[0].text, "特稿");
        assert_eq!(c.values(section)[0].count, 2);
        let tags = FACETS.iter().position(|f| *f == "tags").unwrap();
        assert_eq!(c.value_ids(0, tags).len(), 2);
        assert!(c.value_ids(1, tags).is_empty());
        assert!(c.length(0) > 1, "{}", c.length(0));
        assert_eq!(
            index.doc(0).unwrap().headings(),
            [DocHeading {
                id: "intro",
                title: "引言",
                offset: 0
            }]
        );
        assert!(index.doc(1).unwrap().headings().is_empty());
    }

    #[test]
    fn the_build_id_names_the_content() {
        let folder = Folder::from_pairs(Vec::<(char, Vec<char>)>::new()).unwrap();
        let one = write(&[article("a", "")], &folder).unwrap();
        let same = write(&[article("a", "")], &folder).unwrap();
        let other = write(&[article("b", "")], &folder).unwrap();
        let build = |b: &[u8]| Index::open(b).unwrap().build();
        assert_eq!(build(&one), build(&same));
        assert_ne!(build(&one), build(&other));
    }
}

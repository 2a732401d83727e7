//! The index format: reading (always) and writing (feature `write`, used by build.rs).
//!
//! ```text
//! header   magic "ASIX" | version u32 | checksum u32 | docs u32 | positions u32
//!          | len(fold) u32 | len(terms) u32 | len(postings) u32 | len(docs) u32   (little endian)
//! fold     varint count, then per entry: varint key delta, varint len, len × zigzag varint
//!          (char − key): a traditional character and its simplified form are usually close
//! terms    fst::Map: normalized term → byte offset of its postings (also the term's id)
//! postings per term: varint count, then varint deltas of ascending document numbers
//! docs     u32 offset per document into the records that follow; a record is the fields
//!          id, title, url, date, source, byline, section, tags, body as varint length + UTF-8
//! ```
//!
//! The checksum (FNV-1a, 32 bits) covers everything after itself; it is checked when the
//! index is opened, so that corrupt bytes give an [`Error`] instead of reaching the fst reader.
//! Positions inside documents are not stored: the searcher re-tokenizes candidate documents from
//! their stored text (which must ship anyway for snippets) and finds phrases there. See
//! ARCHITECTURE.md for the measurements behind that choice.
//!
//! Architecture invariant: only this module knows the byte layout.

use crate::error::{Error, Result};
use crate::normalize::Folder;
use crate::termdict::TermDict;
use crate::varint;

/// First four bytes of every index.
pub const MAGIC: [u8; 4] = *b"ASIX";
/// Format version written and read by this engine.
pub const VERSION: u32 = 1;
const HEADER_LEN: usize = 36;
const FIELDS: usize = 9;

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
    /// Full text, paragraphs separated by blank lines.
    pub body: &'a str,
}

impl<'a> Doc<'a> {
    /// The searchable fields in position order: title, body, tags.
    pub fn searchable(&self) -> [&'a str; 3] {
        [self.title, self.body, self.tags]
    }
}

/// An opened index: borrowed bytes; only the small folding table is copied, and the document
/// table is parsed once (its fields borrow the bytes) so that reading a hit's text does not
/// validate its UTF-8 again.
pub struct Index<'a> {
    terms: TermDict<'a>,
    postings: &'a [u8],
    docs: Vec<Doc<'a>>,
    folder: Folder,
    positions: u32,
    sections: [&'a [u8]; 4],
}

fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl<'a> Index<'a> {
    /// Opens an index, checking its header, checksum and every section.
    pub fn open(bytes: &'a [u8]) -> Result<Index<'a>> {
        let header = bytes.get(..HEADER_LEN).ok_or(Error::Truncated)?;
        if header.get(..4) != Some(&MAGIC[..]) {
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
        let body = bytes.get(HEADER_LEN..).ok_or(Error::Truncated)?;
        let expected = field(2)?;
        let got = fnv1a(bytes.get(12..).ok_or(Error::Truncated)?);
        if expected != got {
            return Err(Error::Checksum { expected, got });
        }
        let n_docs = field(3)?;
        let positions = field(4)?;
        let mut rest = body;
        let mut sections = [&body[..0]; 4];
        for (i, section) in sections.iter_mut().enumerate() {
            let len = field(5 + i)? as usize;
            if len > rest.len() {
                return Err(Error::Truncated);
            }
            let (head, tail) = rest.split_at(len);
            *section = head;
            rest = tail;
        }
        if !rest.is_empty() {
            return Err(Error::Corrupt("bytes after the last section"));
        }
        let [fold, terms, postings, docs] = sections;
        let folder = read_folder(fold).ok_or(Error::Corrupt("folding table"))?;
        let terms = TermDict::new(terms).ok_or(Error::Corrupt("term dictionary"))?;
        let docs = (0..n_docs)
            .map(|d| read_doc(docs, d))
            .collect::<Option<Vec<_>>>();
        let docs = docs.ok_or(Error::Corrupt("document table"))?;
        Ok(Index {
            terms,
            postings,
            docs,
            folder,
            positions,
            sections,
        })
    }

    /// Number of documents.
    pub fn len(&self) -> u32 {
        self.docs.len() as u32
    }

    /// True when the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Average number of positions per document (the BM25 average length).
    pub fn avg_positions(&self) -> f32 {
        if self.docs.is_empty() {
            return 1.0;
        }
        (self.positions as f32 / self.docs.len() as f32).max(1.0)
    }

    /// The sections' names and bytes, for size reports.
    pub fn sections(&self) -> [(&'static str, &'a [u8]); 4] {
        let [fold, terms, postings, docs] = self.sections;
        [
            ("fold", fold),
            ("terms", terms),
            ("postings", postings),
            ("docs", docs),
        ]
    }

    /// The folding table the index was built with.
    pub fn folder(&self) -> &Folder {
        &self.folder
    }

    /// The term dictionary: exact, prefix and fuzzy look-ups.
    pub fn terms(&self) -> &TermDict<'a> {
        &self.terms
    }

    /// The id of a term, if the term occurs in the corpus.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.terms.id(term)
    }

    /// The ascending document numbers of a term, appended to `out`.
    pub fn postings(&self, id: u32, out: &mut Vec<u32>) {
        let mut at = id as usize;
        let Some(n) = varint::get(self.postings, &mut at) else {
            return;
        };
        let mut doc: u64 = 0;
        let n_docs = self.len();
        for _ in 0..n.min(u64::from(n_docs)) {
            let Some(delta) = varint::get(self.postings, &mut at) else {
                return;
            };
            doc = doc.saturating_add(delta);
            match u32::try_from(doc) {
                Ok(d) if d < n_docs => out.push(d),
                _ => return,
            }
        }
    }

    /// The stored fields of document `d`.
    pub fn doc(&self, d: u32) -> Option<Doc<'a>> {
        self.docs.get(d as usize).copied()
    }

    /// The document with the given stable id.
    pub fn find(&self, id: &str) -> Option<u32> {
        self.docs
            .iter()
            .position(|doc| doc.id == id)
            .map(|d| d as u32)
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
    let [id, title, url, date, source, byline, section, tags, body] = fields;
    Some(Doc {
        id,
        title,
        url,
        date,
        source,
        byline,
        section,
        tags,
        body,
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

#[cfg(feature = "write")]
pub use write::{write, Article};

#[cfg(feature = "write")]
mod write {
    use super::*;
    use crate::tokenize::tokenize_fields;
    use std::collections::BTreeMap;

    /// One article to index.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct Article {
        /// Stable id (slug), unique in the corpus.
        pub id: String,
        /// Headline.
        pub title: String,
        /// Link; unique in the corpus.
        pub url: String,
        /// Publication date.
        pub date: String,
        /// Publisher or agency.
        pub source: String,
        /// Reporters.
        pub byline: String,
        /// Section or kind.
        pub section: String,
        /// Tags.
        pub tags: Vec<String>,
        /// Full text.
        pub body: String,
    }

    fn len32(n: usize, what: &'static str) -> Result<u32> {
        u32::try_from(n).map_err(|_| Error::TooLarge(what))
    }

    /// Writes the index of `articles`, folding with `folder`.
    pub fn write(articles: &[Article], folder: &Folder) -> Result<Vec<u8>> {
        let mut terms: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut positions: u64 = 0;
        let mut records: Vec<u8> = Vec::new();
        let mut offsets: Vec<u8> = Vec::new();
        for (d, a) in articles.iter().enumerate() {
            let d = len32(d, "number of documents")?;
            let tags = a.tags.join(", ");
            let pos = tokenize_fields(folder, [&a.title, &a.body, &tags], &mut |_, t| {
                let docs = terms.entry(t.text.to_string()).or_default();
                if docs.last() != Some(&d) {
                    docs.push(d);
                }
            });
            positions += u64::from(pos);
            offsets.extend_from_slice(&len32(records.len(), "document table")?.to_le_bytes());
            let fields = [
                &a.id, &a.title, &a.url, &a.date, &a.source, &a.byline, &a.section, &tags, &a.body,
            ];
            for f in fields {
                varint::put(&mut records, f.len() as u64);
                records.extend_from_slice(f.as_bytes());
            }
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
        let mut map = fst::MapBuilder::memory();
        for (term, docs) in &terms {
            map.insert(term, postings.len() as u64)
                .map_err(|_| Error::Corrupt("term order"))?;
            varint::put(&mut postings, docs.len() as u64);
            let mut prev = 0;
            for &d in docs {
                varint::put(&mut postings, u64::from(d - prev));
                prev = d;
            }
        }
        len32(postings.len(), "postings")?;
        let terms = map
            .into_inner()
            .map_err(|_| Error::Corrupt("term dictionary"))?;
        let mut docs = offsets;
        let base = len32(docs.len(), "document table")?;
        for chunk in docs.chunks_exact_mut(4) {
            let off = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]) + base;
            chunk.copy_from_slice(&off.to_le_bytes());
        }
        docs.extend_from_slice(&records);

        let mut body = Vec::new();
        let mut lens = Vec::new();
        for section in [&fold, &terms, &postings, &docs] {
            lens.push(len32(section.len(), "section")?);
            body.extend_from_slice(section);
        }
        let mut out = Vec::with_capacity(HEADER_LEN + body.len());
        out.extend_from_slice(&MAGIC);
        let n_docs = len32(articles.len(), "number of documents")?;
        let positions = u32::try_from(positions).map_err(|_| Error::TooLarge("positions"))?;
        for v in [VERSION, 0, n_docs, positions] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in lens {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&body);
        let checksum = fnv1a(&out[12..]);
        out[8..12].copy_from_slice(&checksum.to_le_bytes());
        Ok(out)
    }
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
        let mut docs = Vec::new();
        index.postings(id, &mut docs);
        assert_eq!(docs, vec![0]);
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
                expected: 1,
                got: 9
            })
        );
        for cut in 0..bytes.len() {
            assert!(Index::open(&bytes[..cut]).is_err());
        }
    }
}

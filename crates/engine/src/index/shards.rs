//! The sharded layout: an archive's index split into a root (what every query needs: folding
//! table, term dictionary, columns, facet values and the table of shards) and shard files fetched
//! on demand — postings by term range, article records by document range, and id buckets that
//! find an article by its id.
//!
//! ```text
//! shard file  magic "ASSH" | version u32 (2) | checksum u32 | build u64 | kind [u8; 4]
//!             | first u32 | payload                                          (little endian)
//!   POSP      payload: the positional postings of whole terms; `first` = the byte offset of
//!             the payload in the build's whole postings (term ids are those offsets)
//!   DOCS      payload: documents first.. as in the DOCS section (u32 offsets, then records)
//!   IDS_      payload: per article of the bucket: varint len + id, varint document number;
//!             `first` = the bucket
//! SHRD        (a root section) per kind, in the order POSP, DOCS, IDS_: varint shards, then
//!             per shard: varint (first − previous first), u64 content hash
//! ```
//!
//! A shard's file name is its kind and a hash of its bytes (`p-0123456789abcdef.bin`), so a
//! name never changes meaning and every shard can be cached forever; the root names them all.
//! Each shard carries the build id of its root and its own checksum: a shard of another build or
//! a damaged one is refused with an error, never read.

use super::{fnv1a, u32_at, Doc};
use crate::error::{Error, Result};
use crate::varint;

/// First four bytes of every shard file.
pub const SHARD_MAGIC: [u8; 4] = *b"ASSH";
const SHARD_HEADER: usize = 28;

/// What a shard holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Positional postings of a range of terms.
    Postings,
    /// Article records of a range of documents.
    Docs,
    /// Ids → document numbers, one hash bucket.
    Ids,
}

impl Kind {
    /// Every kind, in the order of the SHRD section.
    pub const ALL: [Kind; 3] = [Kind::Postings, Kind::Docs, Kind::Ids];

    /// The tag in the shard's header.
    pub fn tag(self) -> [u8; 4] {
        match self {
            Kind::Postings => *b"POSP",
            Kind::Docs => *b"DOCS",
            Kind::Ids => *b"IDS_",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            Kind::Postings => "p",
            Kind::Docs => "d",
            Kind::Ids => "i",
        }
    }
}

/// One shard as the root lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShardRef {
    /// What it holds.
    pub kind: Kind,
    /// Its place in its kind's table.
    pub index: u32,
    /// Hash of its bytes: its name.
    pub hash: u64,
}

impl ShardRef {
    /// The shard's file name, e.g. `p-0123456789abcdef.bin`.
    pub fn name(&self) -> String {
        let mut s = String::with_capacity(22);
        s.push_str(self.kind.prefix());
        s.push('-');
        for i in (0..16).rev() {
            let nibble = (self.hash >> (4 * i)) & 0xF;
            s.push(char::from_digit(nibble as u32, 16).unwrap_or('0'));
        }
        s.push_str(".bin");
        s
    }
}

/// The root's table of shards (the SHRD section).
#[derive(Clone, Debug, Default)]
pub struct ShardTable {
    /// Per kind: `(first, hash)` per shard, `first` ascending.
    tables: [Vec<(u32, u64)>; 3],
}

impl ShardTable {
    /// Parses the SHRD section; `None` when it is malformed.
    pub fn read(bytes: &[u8]) -> Option<ShardTable> {
        let mut t = ShardTable::default();
        let mut at = 0;
        for table in t.tables.iter_mut() {
            let n = varint::get(bytes, &mut at)?;
            if n > (bytes.len() - at) as u64 / 9 {
                return None;
            }
            let mut first: u32 = 0;
            for i in 0..n {
                let delta = u32::try_from(varint::get(bytes, &mut at)?).ok()?;
                if i > 0 && delta == 0 {
                    return None;
                }
                first = first.checked_add(delta)?;
                let b = bytes.get(at..at + 8)?;
                at += 8;
                let mut h = [0u8; 8];
                h.copy_from_slice(b);
                table.push((first, u64::from_le_bytes(h)));
            }
        }
        (at == bytes.len()).then_some(t)
    }

    /// Number of shards of `kind`.
    pub fn len(&self, kind: Kind) -> usize {
        self.table(kind).len()
    }

    /// True when there are no shards at all.
    pub fn is_empty(&self) -> bool {
        self.tables.iter().all(Vec::is_empty)
    }

    fn table(&self, kind: Kind) -> &[(u32, u64)] {
        &self.tables[kind as usize]
    }

    /// The shard of `kind` holding `key` (a term's postings offset, a document number, a bucket),
    /// and the first key it holds.
    pub fn find(&self, kind: Kind, key: u32) -> Option<(ShardRef, u32)> {
        let table = self.table(kind);
        let i = table
            .partition_point(|&(first, _)| first <= key)
            .checked_sub(1)?;
        let &(first, hash) = table.get(i)?;
        Some((
            ShardRef {
                kind,
                index: i as u32,
                hash,
            },
            first,
        ))
    }

    /// The first key of the shard after `shard`, if any.
    fn next_first(&self, shard: ShardRef) -> Option<u32> {
        self.table(shard.kind)
            .get(shard.index as usize + 1)
            .map(|s| s.0)
    }

    /// The shard named `name` (as [`ShardRef::name`] writes it), if the root lists one.
    pub fn by_name(&self, name: &str) -> Option<ShardRef> {
        let (prefix, rest) = name.split_once('-')?;
        let kind = *Kind::ALL.iter().find(|k| k.prefix() == prefix)?;
        let hex = rest.strip_suffix(".bin").filter(|h| h.len() == 16)?;
        let hash = u64::from_str_radix(hex, 16).ok()?;
        let index = self.table(kind).iter().position(|s| s.1 == hash)?;
        let shard = ShardRef {
            kind,
            index: index as u32,
            hash,
        };
        // The one spelling only (no upper-case hex, no sign).
        (shard.name() == name).then_some(shard)
    }

    /// Every shard, in table order.
    pub fn all(&self) -> impl Iterator<Item = ShardRef> + '_ {
        Kind::ALL.into_iter().flat_map(move |kind| {
            self.table(kind)
                .iter()
                .enumerate()
                .map(move |(i, &(_, hash))| ShardRef {
                    kind,
                    index: i as u32,
                    hash,
                })
        })
    }

    /// The id bucket of `id`.
    pub fn bucket(&self, id: &str) -> Option<ShardRef> {
        let n = self.len(Kind::Ids) as u64;
        if n == 0 {
            return None;
        }
        self.find(Kind::Ids, (fnv1a64(id.as_bytes()) % n) as u32)
            .map(|s| s.0)
    }
}

/// FNV-1a, 64 bits: shard names and the build id.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A shard that is in the store, checked.
struct Held {
    shard: ShardRef,
    bytes: Vec<u8>,
    /// First key it holds.
    first: u32,
    /// Documents parsed from a DOCS shard.
    n_docs: u32,
}

impl Held {
    fn payload(&self) -> &[u8] {
        self.bytes.get(SHARD_HEADER..).unwrap_or(&[])
    }
}

/// The shards fetched so far for one index, checked when added, at most `budget` bytes: beyond
/// it the oldest are dropped (never those of the latest request, see [`Store::pin`]). A plain
/// list, oldest first: a search holds tens of shards, and a map type would add kilobytes of code
/// to the wasm module.
pub struct Store {
    build: u64,
    table: ShardTable,
    n_docs: u32,
    held: Vec<Held>,
    pinned: Vec<ShardRef>,
    bytes: usize,
    budget: usize,
}

/// Bytes of shards a store keeps by default (a phone can hold this; a query rarely needs more
/// than a few hundred KB).
pub const DEFAULT_BUDGET: usize = 32 << 20;

impl Store {
    /// An empty store for the root with build id `build`, shard table `table` and `n_docs`
    /// documents.
    pub fn new(build: u64, table: ShardTable, n_docs: u32) -> Store {
        Store {
            build,
            table,
            n_docs,
            held: Vec::new(),
            pinned: Vec::new(),
            bytes: 0,
            budget: DEFAULT_BUDGET,
        }
    }

    /// Sets the byte budget.
    pub fn set_budget(&mut self, budget: usize) {
        self.budget = budget;
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Number of shards held.
    pub fn len(&self) -> usize {
        self.held.len()
    }

    /// True when no shard is held.
    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    /// Shards the latest request needs: they are not dropped to make room.
    pub fn pin(&mut self, shards: &[ShardRef]) {
        self.pinned = shards.to_vec();
    }

    /// Checks the file `name` and keeps it. Errors: a name the root does not list, bytes that
    /// are not that shard (magic, version, checksum, kind, first key, content hash), a shard of
    /// another build.
    pub fn insert(&mut self, name: &str, bytes: Vec<u8>) -> Result<()> {
        let shard = self
            .table
            .by_name(name)
            .ok_or(Error::Corrupt("not a shard of this index"))?;
        // Two calls may bring the same file (two searches waiting for it): the copy held was
        // checked already.
        if self.get(shard).is_some() {
            return Ok(());
        }
        let (header, build) = super::verify(&bytes, &SHARD_MAGIC, SHARD_HEADER)?;
        let field = |i: usize| u32_at(header, 4 * i).ok_or(Error::Truncated);
        if build != self.build {
            return Err(Error::OtherBuild);
        }
        if header.get(20..24) != Some(&shard.kind.tag()[..]) {
            return Err(Error::Corrupt("shard kind"));
        }
        let (_, first) = self
            .table
            .find(shard.kind, field(6)?)
            .filter(|(s, _)| *s == shard)
            .ok_or(Error::Corrupt("shard range"))?;
        if fnv1a64(&bytes) != shard.hash {
            return Err(Error::Corrupt("shard content does not match its name"));
        }
        let end = self.table.next_first(shard);
        let n_docs = match shard.kind {
            Kind::Docs => {
                let n = end.unwrap_or(self.n_docs).checked_sub(first);
                let n = n.ok_or(Error::Corrupt("document shard range"))?;
                let payload = bytes.get(SHARD_HEADER..).unwrap_or(&[]);
                // Every record must parse before any is read.
                for d in 0..n {
                    super::read_doc(payload, d).ok_or(Error::Corrupt("document shard"))?;
                }
                n
            }
            _ => 0,
        };
        self.bytes += bytes.len();
        self.held.push(Held {
            shard,
            bytes,
            first,
            n_docs,
        });
        self.evict();
        Ok(())
    }

    fn get(&self, shard: ShardRef) -> Option<&Held> {
        self.held.iter().find(|h| h.shard == shard)
    }

    /// Drops the oldest unpinned shards while over budget.
    fn evict(&mut self) {
        let mut i = 0;
        while self.bytes > self.budget && i < self.held.len() {
            if self.pinned.contains(&self.held[i].shard) {
                i += 1;
                continue;
            }
            let h = self.held.remove(i);
            self.bytes -= h.bytes.len();
        }
    }

    /// The postings bytes of the term at offset `id`, or the shard that holds them.
    pub fn postings(&self, id: u32) -> std::result::Result<&[u8], ShardRef> {
        let Some((shard, _)) = self.table.find(Kind::Postings, id) else {
            return Ok(&[]);
        };
        match self.get(shard) {
            Some(h) => Ok(h.payload().get((id - h.first) as usize..).unwrap_or(&[])),
            None => Err(shard),
        }
    }

    /// Document `d`'s record, or the shard that holds it.
    pub fn doc(&self, d: u32) -> std::result::Result<Option<Doc<'_>>, ShardRef> {
        if d >= self.n_docs {
            return Ok(None);
        }
        let Some((shard, _)) = self.table.find(Kind::Docs, d) else {
            return Ok(None);
        };
        match self.get(shard) {
            Some(h) if d - h.first < h.n_docs => Ok(super::read_doc(h.payload(), d - h.first)),
            Some(_) => Ok(None),
            None => Err(shard),
        }
    }

    /// The document with id `id`, or the shard that would say.
    pub fn find(&self, id: &str) -> std::result::Result<Option<u32>, ShardRef> {
        let Some(shard) = self.table.bucket(id) else {
            return Ok(None);
        };
        let Some(h) = self.get(shard) else {
            return Err(shard);
        };
        let bytes = h.payload();
        let mut at = 0;
        while at < bytes.len() {
            let Some(key) = super::read_str(bytes, &mut at) else {
                return Ok(None);
            };
            let Some(d) = varint::get(bytes, &mut at) else {
                return Ok(None);
            };
            if key == id {
                return Ok(u32::try_from(d).ok().filter(|&d| d < self.n_docs));
            }
        }
        Ok(None)
    }

    /// The root's table of shards.
    pub fn table(&self) -> &ShardTable {
        &self.table
    }
}

/// Writing shards (feature `write`).
#[cfg(feature = "write")]
pub mod write {
    use super::*;

    /// Target sizes of shards, in bytes of payload: a shard holds whole terms (or documents) up
    /// to this, and a term larger than it has a shard of its own.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct ShardSizes {
        /// Postings shards.
        pub postings: usize,
        /// Record shards.
        pub docs: usize,
        /// Id buckets (the number of buckets is the ids' bytes over this).
        pub ids: usize,
    }

    /// Measured on 100,000 poems (`examples/shard_report.rs`): postings shards of 64 KB made a
    /// two-character query fetch ~75 KB brotli, 32 KB ones ~50 KB; record shards of 32 KB made ten
    /// hits cost ~120 KB, 24 KB ones ~90 KB. These sizes keep 100,000 poems under 2,000 files
    /// (Cloudflare Pages allows 20,000; some hosts fewer).
    impl Default for ShardSizes {
        fn default() -> Self {
            ShardSizes {
                postings: 32 << 10,
                docs: 26 << 10,
                ids: 128 << 10,
            }
        }
    }

    /// One shard file.
    #[derive(Clone, Debug)]
    pub struct ShardFile {
        /// Its file name (kind and content hash).
        pub name: String,
        /// Its bytes.
        pub bytes: Vec<u8>,
    }

    /// Wraps `payload` in a shard header; returns the bytes and their hash.
    pub fn shard(build: u64, kind: Kind, first: u32, payload: &[u8]) -> (Vec<u8>, u64) {
        let mut out = Vec::with_capacity(SHARD_HEADER + payload.len());
        out.extend_from_slice(&SHARD_MAGIC);
        for v in [super::super::VERSION, 0, build as u32, (build >> 32) as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&kind.tag());
        out.extend_from_slice(&first.to_le_bytes());
        out.extend_from_slice(payload);
        let checksum = fnv1a(&out[12..]);
        out[8..12].copy_from_slice(&checksum.to_le_bytes());
        let hash = fnv1a64(&out);
        (out, hash)
    }

    /// Splits `units` (byte ranges of whole terms or documents, ascending, covering `bytes`
    /// without gaps) into runs of about `target` bytes: the index of each run's first unit.
    pub fn runs(units: &[std::ops::Range<usize>], target: usize) -> Vec<usize> {
        let mut starts = Vec::new();
        let mut size = 0;
        for (i, u) in units.iter().enumerate() {
            if starts.is_empty() || (size > 0 && size + u.len() > target) {
                starts.push(i);
                size = 0;
            }
            size += u.len();
        }
        starts
    }

    /// Appends one kind's table to a SHRD section.
    pub fn put_table(out: &mut Vec<u8>, shards: &[(u32, u64)]) {
        varint::put(out, shards.len() as u64);
        let mut prev = 0;
        for &(first, hash) in shards {
            varint::put(out, u64::from(first - prev));
            prev = first;
            out.extend_from_slice(&hash.to_le_bytes());
        }
    }

    /// The id buckets: per bucket, the payload of its shard.
    pub fn id_buckets(ids: &[&str], target: usize) -> Vec<Vec<u8>> {
        let total: usize = ids.iter().map(|id| id.len() + 4).sum();
        let n = total.div_ceil(target.max(1)).max(1);
        let mut buckets = vec![Vec::new(); n];
        for (d, id) in ids.iter().enumerate() {
            let b = (fnv1a64(id.as_bytes()) % n as u64) as usize;
            varint::put(&mut buckets[b], id.len() as u64);
            buckets[b].extend_from_slice(id.as_bytes());
            varint::put(&mut buckets[b], d as u64);
        }
        buckets
    }
}

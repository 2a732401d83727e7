//! Per-document columns and facet values: what filters, facets, date order and ranking read
//! without touching an article's text.
//!
//! ```text
//! COLS  column after column, each over every document in document (= date) order:
//!         dates:   varint flags (bit 0: dated, bit 1: date only),
//!                  [zigzag varint seconds − previous dated document's seconds]   (if dated)
//!         lengths: one byte, the number of positions quantized (see `quantize`)
//!         per facet field (FACETS order): varint count, count × varint value id
//! VALS  per facet field (FACETS order): varint values; per value, in byte order of its text:
//!         varint len + UTF-8, varint documents
//! ```
//!
//! A filter's documents are found by scanning the value-id column (`cargo bench`: 月 by 李白 with
//! facets, the whole search, 0.8 ms on 10,000 poems), not from per-value document lists: those
//! were 46 KB brotli of a sharded root at 100,000 poems.
//!
//! Column after column, because neighbouring documents are alike (one author's poems, one day's
//! news): on 100,000 poems the rows of 12 bytes compressed to 159 KB brotli, the columns to
//! far less (ARCHITECTURE.md). Lengths only scale BM25, so one byte (less than 1/8 off) does.

use crate::date::When;
use crate::varint;

/// The fields readers filter and count by, in the order the format stores them.
pub const FACETS: [&str; 6] = ["section", "source", "author", "tags", "categories", "lang"];

const DATED: u64 = 1;
const DATE_ONLY: u64 = 2;

/// A number of positions as one byte: exact below 16, then 8 steps per power of two.
pub fn quantize(n: u32) -> u8 {
    if n < 16 {
        return n as u8;
    }
    let e = 31 - n.leading_zeros(); // 4..=31
    let m = (n >> (e - 3)) & 7;
    (16 + (e - 4) * 8 + m) as u8
}

/// The number of positions a [`quantize`]d byte stands for (the lower end of its step).
pub fn dequantize(q: u8) -> u32 {
    let q = u32::from(q);
    if q < 16 {
        return q;
    }
    let (e, m) = ((q - 16) / 8 + 4, (q - 16) % 8);
    (8 + m) << (e - 3)
}

/// One value of a facet field.
#[derive(Clone, Copy, Debug)]
pub struct FacetValue<'a> {
    /// The value as written in the articles.
    pub text: &'a str,
    /// Number of documents with it.
    pub count: u32,
}

/// The columns of every document and the values of every facet field, parsed when the index
/// opens.
#[derive(Debug, Default)]
pub struct Columns<'a> {
    dates: Vec<Option<When>>,
    lengths: Vec<u32>,
    /// `value_ids[value_start[d * F + f] .. value_start[d * F + f + 1]]`: document d's ids in field f.
    value_start: Vec<u32>,
    value_ids: Vec<u32>,
    values: [Vec<FacetValue<'a>>; FACETS.len()],
}

impl<'a> Columns<'a> {
    /// Parses both sections for `n_docs` documents; `None` when they are malformed.
    pub fn read(cols: &'a [u8], vals: &'a [u8], n_docs: u32) -> Option<Columns<'a>> {
        let mut c = Columns::default();
        let mut at = 0;
        for field in c.values.iter_mut() {
            let n = varint::get(vals, &mut at)?;
            for _ in 0..n {
                let len = usize::try_from(varint::get(vals, &mut at)?).ok()?;
                let text = std::str::from_utf8(vals.get(at..at.checked_add(len)?)?).ok()?;
                at += len;
                let count = u32::try_from(varint::get(vals, &mut at)?).ok()?;
                if count > n_docs {
                    return None;
                }
                field.push(FacetValue { text, count });
            }
        }
        if at != vals.len() {
            return None;
        }
        let mut at = 0;
        let mut seconds: i64 = 0;
        for _ in 0..n_docs {
            let flags = varint::get(cols, &mut at)?;
            let date = if flags & DATED != 0 {
                let z = varint::get(cols, &mut at)?;
                let delta = (z >> 1) as i64 ^ -((z & 1) as i64);
                seconds = seconds.checked_add(delta)?;
                Some(When {
                    seconds,
                    date_only: flags & DATE_ONLY != 0,
                })
            } else {
                None
            };
            c.dates.push(date);
        }
        let lengths = cols.get(at..at.checked_add(n_docs as usize)?)?;
        at += lengths.len();
        c.lengths.extend(lengths.iter().map(|&q| dequantize(q)));
        // Facet value ids: read field by field, kept document by document.
        let mut per_field: Vec<Vec<(u32, u32)>> = Vec::with_capacity(FACETS.len());
        let mut ids: Vec<u32> = Vec::new();
        for field in &c.values {
            let mut ranges = Vec::with_capacity(n_docs as usize);
            for _ in 0..n_docs {
                let n = varint::get(cols, &mut at)?;
                let from = u32::try_from(ids.len()).ok()?;
                for _ in 0..n {
                    let id = u32::try_from(varint::get(cols, &mut at)?).ok()?;
                    if id as usize >= field.len() {
                        return None;
                    }
                    ids.push(id);
                }
                ranges.push((from, u32::try_from(ids.len()).ok()?));
            }
            per_field.push(ranges);
        }
        c.value_start.push(0);
        for d in 0..n_docs as usize {
            for ranges in &per_field {
                let &(from, to) = ranges.get(d)?;
                c.value_ids
                    .extend_from_slice(ids.get(from as usize..to as usize)?);
                c.value_start.push(u32::try_from(c.value_ids.len()).ok()?);
            }
        }
        (at == cols.len()).then_some(c)
    }

    /// The date of document `d`, if it has a valid one.
    pub fn date(&self, d: u32) -> Option<When> {
        self.dates.get(d as usize).copied().flatten()
    }

    /// Positions in document `d` (all fields; quantized, see [`quantize`]).
    pub fn length(&self, d: u32) -> u32 {
        self.lengths.get(d as usize).copied().unwrap_or(0)
    }

    /// The value ids of document `d` in facet field `f` (an index into [`FACETS`]).
    pub fn value_ids(&self, d: u32, f: usize) -> &[u32] {
        let i = d as usize * FACETS.len() + f;
        let (Some(&s), Some(&e)) = (self.value_start.get(i), self.value_start.get(i + 1)) else {
            return &[];
        };
        self.value_ids.get(s as usize..e as usize).unwrap_or(&[])
    }

    /// The values of facet field `f`, in byte order of their text; a value id indexes this.
    pub fn values(&self, f: usize) -> &[FacetValue<'a>] {
        self.values.get(f).map_or(&[], Vec::as_slice)
    }
}

/// Writes the COLS and VALS sections (feature `write`).
#[cfg(feature = "write")]
pub mod write {
    use super::*;
    use std::collections::BTreeMap;

    /// What the writer knows of one document, in document order.
    pub struct DocColumns<'s> {
        /// Its date, if valid.
        pub date: Option<When>,
        /// Positions in all fields.
        pub positions: u32,
        /// Its values per facet field.
        pub values: [Vec<&'s str>; FACETS.len()],
    }

    /// `(COLS, VALS)` for `docs`.
    pub fn write(docs: &[DocColumns<'_>]) -> (Vec<u8>, Vec<u8>) {
        let mut ids: [BTreeMap<&str, Vec<u32>>; FACETS.len()] = Default::default();
        for (d, doc) in docs.iter().enumerate() {
            for (f, values) in doc.values.iter().enumerate() {
                for v in values {
                    let list = ids[f].entry(v).or_default();
                    if list.last() != Some(&(d as u32)) {
                        list.push(d as u32);
                    }
                }
            }
        }
        let mut vals = Vec::new();
        let mut numbering: [BTreeMap<&str, u32>; FACETS.len()] = Default::default();
        for (f, field) in ids.iter().enumerate() {
            varint::put(&mut vals, field.len() as u64);
            for (i, (text, list)) in field.iter().enumerate() {
                numbering[f].insert(text, i as u32);
                varint::put(&mut vals, text.len() as u64);
                vals.extend_from_slice(text.as_bytes());
                varint::put(&mut vals, list.len() as u64);
            }
        }
        let mut cols = Vec::new();
        let mut prev: i64 = 0;
        for doc in docs {
            match doc.date {
                Some(w) => {
                    varint::put(&mut cols, DATED | if w.date_only { DATE_ONLY } else { 0 });
                    let delta = w.seconds.wrapping_sub(prev);
                    varint::put(&mut cols, ((delta << 1) ^ (delta >> 63)) as u64);
                    prev = w.seconds;
                }
                None => varint::put(&mut cols, 0),
            }
        }
        cols.extend(docs.iter().map(|doc| quantize(doc.positions)));
        for (f, numbering) in numbering.iter().enumerate() {
            for doc in docs {
                let mut own: Vec<u32> = doc.values[f]
                    .iter()
                    .filter_map(|v| numbering.get(v).copied())
                    .collect();
                own.sort_unstable();
                own.dedup();
                varint::put(&mut cols, own.len() as u64);
                for id in own {
                    varint::put(&mut cols, u64::from(id));
                }
            }
        }
        (cols, vals)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn quantized_lengths_are_exact_below_16_and_within_an_eighth_above() {
            for n in (0..100_000).chain([u32::MAX / 2, u32::MAX]) {
                let back = dequantize(quantize(n));
                assert!(back <= n && n - back <= n / 8, "{n} -> {back}");
                if n < 16 {
                    assert_eq!(back, n);
                }
            }
            assert!((0..=255u8).all(|q| quantize(dequantize(q)) == q || q > quantize(u32::MAX)));
        }

        #[test]
        fn columns_and_values_round_trip() {
            let docs = [
                DocColumns {
                    date: None,
                    positions: 10,
                    values: [
                        vec!["特稿"],
                        vec![],
                        vec![],
                        vec!["ai", "科技"],
                        vec![],
                        vec![],
                    ],
                },
                DocColumns {
                    date: When::parse("2025-09-19"),
                    positions: 30,
                    values: [
                        vec!["特稿"],
                        vec!["新華社"],
                        vec!["劉權"],
                        vec!["科技", "科技"],
                        vec![],
                        vec!["zh-Hant"],
                    ],
                },
                DocColumns {
                    date: When::parse("2025-09-20T01:00:00+08:00"),
                    positions: 7,
                    values: Default::default(),
                },
            ];
            let (cols, vals) = write(&docs);
            let c = Columns::read(&cols, &vals, 3).unwrap();
            assert_eq!(c.date(0), None);
            assert_eq!(c.date(1), When::parse("2025-09-19"));
            assert!(c.date(1).unwrap().date_only && !c.date(2).unwrap().date_only);
            assert_eq!(
                c.date(2).unwrap().seconds - c.date(1).unwrap().seconds,
                17 * 3600
            );
            assert_eq!(c.length(1), dequantize(quantize(30)));
            assert_eq!(c.length(2), 7, "exact below 16");
            let tags: Vec<&str> = c.values(3).iter().map(|v| v.text).collect();
            assert_eq!(tags, ["ai", "科技"]);
            assert_eq!(c.value_ids(1, 3), [1], "a repeated value counts once");
            assert_eq!(c.value_ids(0, 3), [0, 1]);
            assert_eq!(c.values(3)[1].count, 2);
            assert_eq!(c.values(0)[0].count, 2);
            assert!(c.value_ids(2, 0).is_empty() && c.value_ids(99, 0).is_empty());
            assert!(
                Columns::read(&cols, &vals, 4).is_none(),
                "fewer rows than documents"
            );
            assert!(Columns::read(&cols[..cols.len() - 1], &vals, 3).is_none());
        }
    }
}

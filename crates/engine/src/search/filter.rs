//! Filters, date ranges and facet counts over the per-document columns: no article text is read.
//!
//! Documents are numbered in date order (undated first), so a date range is a range of document
//! numbers; a field filter is the union of its values' document lists; fields combine by AND.

use std::ops::Range;

use super::results::{Facet, FacetCount, Filter, Options};
use crate::index::{Columns, FACETS};

/// A set of document numbers as a bitmap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocSet(Vec<u64>);

impl DocSet {
    /// No document of `n`.
    pub fn none(n: u32) -> DocSet {
        DocSet(vec![0; (n as usize).div_ceil(64)])
    }

    /// Whether `d` is in the set.
    pub fn contains(&self, d: u32) -> bool {
        self.0
            .get(d as usize / 64)
            .is_some_and(|w| w & (1 << (d % 64)) != 0)
    }

    fn insert(&mut self, d: u32) {
        if let Some(w) = self.0.get_mut(d as usize / 64) {
            *w |= 1 << (d % 64);
        }
    }

    fn and(&mut self, other: &DocSet) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }
}

/// The documents dated within `from ..= to` (both optional; a range leaves undated documents out).
/// Dates ascend with document numbers, so this is one range of them, found by binary search.
pub fn date_range(columns: &Columns<'_>, n: u32, from: Option<i64>, to: Option<i64>) -> Range<u32> {
    if from.is_none() && to.is_none() {
        return 0..n;
    }
    let key = |d: u32| columns.date(d).map(|w| w.seconds);
    let first = partition(n, |d| match key(d) {
        None => true,
        Some(s) => from.is_some_and(|f| s < f),
    });
    let end = partition(n, |d| match key(d) {
        None => true,
        Some(s) => to.is_none_or(|t| s <= t),
    });
    first..end.max(first)
}

/// The first document number in `0..n` for which `before` is false (`before` must hold for a
/// prefix of the numbers).
fn partition(n: u32, before: impl Fn(u32) -> bool) -> u32 {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The documents one filter allows: any of its values.
fn field_set(columns: &Columns<'_>, n: u32, filter: &Filter) -> DocSet {
    let mut set = DocSet::none(n);
    let Some(f) = FACETS.iter().position(|&name| name == filter.field) else {
        return set;
    };
    let values = columns.values(f);
    let wanted: Vec<u32> = filter
        .values
        .iter()
        .filter_map(|v| values.binary_search_by(|x| x.text.cmp(v.as_str())).ok())
        .map(|id| id as u32)
        .collect();
    if wanted.is_empty() {
        return set;
    }
    for d in 0..n {
        if columns.value_ids(d, f).iter().any(|id| wanted.contains(id)) {
            set.insert(d);
        }
    }
    set
}

/// Each filter's documents, computed once per search: the hits and every facet field's counts
/// combine them differently.
pub struct FilterSets<'f>(Vec<(&'f str, DocSet)>);

impl<'f> FilterSets<'f> {
    /// The document set of every filter.
    pub fn new(columns: &Columns<'_>, n: u32, filters: &'f [Filter]) -> FilterSets<'f> {
        FilterSets(
            filters
                .iter()
                .map(|f| (f.field.as_str(), field_set(columns, n, f)))
                .collect(),
        )
    }

    /// The documents every filter allows except those of field `except`; `None` when no filter
    /// applies (every document).
    pub fn allowed(&self, except: Option<&str>) -> Option<DocSet> {
        let mut applying = self.0.iter().filter(|(field, _)| Some(*field) != except);
        let mut set = applying.next()?.1.clone();
        for (_, other) in applying {
            set.and(other);
        }
        Some(set)
    }
}

/// Facet counts over `matched` (the documents matching the query in the date range, before field
/// filters): for each field, the documents allowed by the other fields' filters. Fields with no
/// value among them are left out.
pub fn facets(
    columns: &Columns<'_>,
    sets: &FilterSets<'_>,
    matched: &[u32],
    options: &Options,
) -> Vec<Facet> {
    let mut out = Vec::new();
    for (f, &field) in FACETS.iter().enumerate() {
        let values = columns.values(f);
        if values.is_empty() {
            continue;
        }
        let others = sets.allowed(Some(field));
        let mut counts = vec![0u32; values.len()];
        for &d in matched
            .iter()
            .filter(|&&d| others.as_ref().is_none_or(|o| o.contains(d)))
        {
            for &id in columns.value_ids(d, f) {
                if let Some(c) = counts.get_mut(id as usize) {
                    *c += 1;
                }
            }
        }
        // Most first, then by value (ids follow the values' byte order): a stable order.
        let mut keys: Vec<u64> = counts
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(id, &c)| u64::from(!c) << 32 | id as u64)
            .collect();
        if keys.is_empty() {
            continue;
        }
        crate::sort::sort_u64(&mut keys);
        let shown = keys.len().min(options.facet_values);
        out.push(Facet {
            field: field.to_string(),
            values: keys[..shown]
                .iter()
                .filter_map(|&k| {
                    let id = (k & 0xFFFF_FFFF) as usize;
                    Some(FacetCount {
                        value: values.get(id)?.text.to_string(),
                        count: *counts.get(id)?,
                    })
                })
                .collect(),
            more: (keys.len() - shown) as u32,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_sets() {
        let mut a = DocSet::none(70);
        a.insert(64);
        a.insert(65);
        assert!(a.contains(65) && !a.contains(63) && !a.contains(70));
        let mut b = DocSet::none(70);
        b.insert(65);
        a.and(&b);
        assert!(a.contains(65) && !a.contains(64));
    }

    #[test]
    fn partition_finds_the_boundary() {
        assert_eq!(partition(10, |d| d < 4), 4);
        assert_eq!(partition(10, |_| true), 10);
        assert_eq!(partition(0, |_| true), 0);
    }
}

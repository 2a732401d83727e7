//! Occurrences of query terms inside one article (found by `positions.rs`): the smallest window
//! holding every term, for the proximity bonus, and the byte spans highlights mark.

use crate::snippet::{merge, Span};
use crate::termdict::Quality;
use crate::tokenize::{Field, BODY, TITLE};

/// One token of an article, as the searcher keeps it: term id, position, and where it stands in
/// its field's original text.
#[derive(Clone, Copy, Debug)]
pub struct DocToken {
    /// Term id in the dictionary (`u32::MAX` when the term is not in it).
    pub id: u32,
    /// Position of its first unit.
    pub pos: u32,
    /// Positions it covers.
    pub span: u32,
    /// Field it belongs to.
    pub field: Field,
    /// Byte offset of its first character in the field's text.
    pub start: u32,
    /// Byte offset just past its last character.
    pub end: u32,
}

/// One occurrence of a query term in an article.
#[derive(Clone, Copy, Debug)]
pub struct Occ {
    /// Index of the query term (for snippets that show more of the query).
    pub term: u8,
    /// First position.
    pub pos: u32,
    /// Position just past the last atom.
    pub end_pos: u32,
    /// Field it lies in.
    pub field: Field,
    /// Byte offset of its start in the field's text.
    pub start: u32,
    /// Byte offset of its end.
    pub end: u32,
    /// The worst quality among its atoms.
    pub quality: Quality,
}

/// The smallest number of positions between the terms' occurrences, over windows holding at
/// least one occurrence of every term (0 when they are adjacent). `per_term[t]` is the range of
/// `all` holding term `t`'s occurrences.
pub fn min_window(all: &[Occ], per_term: &[(usize, usize)]) -> u32 {
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

/// Byte spans of the occurrences in the body and in the title, merged; each span carries the
/// bit of its query term.
pub fn spans(occs: &[Occ]) -> (Vec<Span>, Vec<Span>) {
    let (mut body, mut title) = (Vec::new(), Vec::new());
    for o in occs {
        let span = (o.start as usize, o.end as usize, 1u32 << (o.term % 32));
        match o.field {
            TITLE => title.push(span),
            BODY => body.push(span),
            _ => {}
        }
    }
    merge(&mut body);
    merge(&mut title);
    (body, title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::termdict::Quality;

    #[test]
    fn spans_split_title_and_body_and_merge() {
        let occ = |field, start, end, term| Occ {
            term,
            pos: 0,
            end_pos: 1,
            field,
            start,
            end,
            quality: Quality::Exact,
        };
        let (body, title) = spans(&[
            occ(TITLE, 0, 3, 0),
            occ(BODY, 3, 6, 0),
            occ(BODY, 6, 9, 1),
            occ(2, 0, 3, 0),
        ]);
        assert_eq!(title, [(0, 3, 1)]);
        assert_eq!(body.len(), 1, "adjacent spans merge: {body:?}");
        assert_eq!((body[0].0, body[0].1), (3, 9));
    }
}

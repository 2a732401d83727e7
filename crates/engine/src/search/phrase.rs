//! Phrase verification and proximity inside one article: a term (atoms that must stand at
//! adjacent positions, in order) is looked for in the article's tokens, and the smallest window
//! holding every term is measured for the proximity bonus.
//!
//! An absent phrase does not match: 北京大學 is not found where only 北京 and 大學 occur apart.

use crate::snippet::{merge, Span};
use crate::termdict::{Matches, Quality};
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

/// Appends every occurrence of the term made of `atoms` in `tokens` (atoms at adjacent positions,
/// in order) to `out`, tagged with `term`.
pub fn occurrences(tokens: &[DocToken], atoms: &[Matches], term: usize, out: &mut Vec<Occ>) {
    let Some((first, rest)) = atoms.split_first() else {
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
                term: term as u8,
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
    use crate::normalize::Folder;
    use crate::query::Atom;
    use crate::termdict::TermDict;
    use crate::tokenize::tokenize_fields;

    /// A dictionary of every token of `text`, the text's tokens, and a look-up for query atoms.
    struct Fixture {
        dict: Vec<u8>,
        tokens: Vec<DocToken>,
    }

    fn fixture(body: &str) -> Fixture {
        let folder = Folder::from_pairs(Vec::<(char, Vec<char>)>::new()).unwrap();
        let mut raw = Vec::new();
        tokenize_fields(&folder, &["", body, ""], &mut |field, t| {
            raw.push((t.text.to_string(), t.pos, t.span, field, t.start, t.end))
        });
        let mut terms: Vec<&str> = raw.iter().map(|r| r.0.as_str()).collect();
        terms.sort();
        terms.dedup();
        let map =
            fst::Map::from_iter(terms.iter().enumerate().map(|(i, t)| (*t, i as u64))).unwrap();
        let tokens = raw
            .iter()
            .map(|r| DocToken {
                id: map.get(&r.0).unwrap() as u32,
                pos: r.1,
                span: r.2,
                field: r.3,
                start: r.4 as u32,
                end: r.5 as u32,
            })
            .collect();
        Fixture {
            dict: map.into_fst().into_inner(),
            tokens,
        }
    }

    impl Fixture {
        fn atoms(&self, chars: &str) -> Vec<Matches> {
            let dict = TermDict::new(&self.dict).unwrap();
            chars
                .chars()
                .map(|c| {
                    dict.lookup(&Atom {
                        text: c.into(),
                        literal: c.into(),
                        prefix: false,
                        fuzzy: 0,
                    })
                })
                .collect()
        }

        fn find(&self, phrase: &str) -> Vec<(u32, u32)> {
            let mut out = Vec::new();
            occurrences(&self.tokens, &self.atoms(phrase), 0, &mut out);
            out.iter().map(|o| (o.start, o.end)).collect()
        }
    }

    #[test]
    fn a_phrase_matches_only_at_adjacent_positions() {
        let f = fixture("北京的大學和北京大學");
        assert_eq!(f.find("北京大學"), [(18, 30)]);
        assert_eq!(f.find("北京").len(), 2);
        assert!(f.find("京的和").is_empty());
    }

    #[test]
    fn a_line_break_inside_cjk_is_no_boundary_but_punctuation_is() {
        let f = fixture("依靠獨立\n研究人員。研究，人員");
        assert_eq!(f.find("獨立研究"), [(6, 19)]);
        assert_eq!(f.find("研究人員").len(), 1, "研究，人員 is two phrases");
    }

    #[test]
    fn min_window_counts_the_positions_between_terms() {
        let f = fixture("甲乙丙丁戊己甲庚");
        let mut all = Vec::new();
        occurrences(&f.tokens, &f.atoms("甲"), 0, &mut all);
        let first = all.len();
        occurrences(&f.tokens, &f.atoms("己"), 1, &mut all);
        let per_term = [(0, first), (first, all.len())];
        // 己 at 5, 甲 at 6: adjacent.
        assert_eq!(min_window(&all, &per_term), 0);
        let mut all = Vec::new();
        occurrences(&f.tokens, &f.atoms("乙"), 0, &mut all);
        occurrences(&f.tokens, &f.atoms("戊"), 1, &mut all);
        assert_eq!(min_window(&all, &[(0, 1), (1, 2)]), 2);
    }

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

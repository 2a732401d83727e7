//! Phrases from positions: where a term (atoms at adjacent positions, in order) occurs in one
//! document, how well, and whether as typed. The positions come from the postings when the index
//! stores them (then no text is read), else from the document's tokenized text; the two give the
//! same positions because both come from the one tokenizer.

use super::phrase::{DocToken, Occ};
use crate::index::Postings;
use crate::termdict::{Matches, Quality};
use crate::tokenize::{BODY, TITLE};

/// Where positions come from for one document.
#[derive(Clone, Copy)]
pub enum Source<'t> {
    /// The postings (the index stores positions).
    Postings,
    /// The document's tokens and its searchable fields' texts.
    Text(&'t [DocToken], [&'t str; 5]),
}

/// One atom of a query term, resolved: every term it matches and their postings.
pub struct AtomPostings<'a> {
    /// The matched term ids and how well each matches.
    pub matches: Matches,
    /// `(quality, postings)` per matched term, in the order of `matches`.
    pub terms: Vec<(Quality, Postings<'a>)>,
    /// The atom as typed (see [`crate::query::Atom::literal`]).
    pub literal: String,
    /// The atom as typed is already in folded form: an exact match of a term with no recorded
    /// form is then literal.
    pub typed_folded: bool,
}

/// An atom's occurrence in one document, packed so that one `u64` sort orders them: position,
/// then the best quality, then the shortest span (a part before the compound starting with it);
/// then whether it is in the title and written as typed.
#[derive(Clone, Copy)]
struct AtomHit(u64);

/// Spans are cut to this (a compound has at most [`crate::tokenize::MAX_PARTS`] parts; stored
/// spans come from bytes that could be forged).
const MAX_SPAN: u32 = (1 << 27) - 1;

impl AtomHit {
    fn new(pos: u32, span: u32, quality: Quality, title: bool, literal: bool) -> AtomHit {
        let worse = 3 - quality as u64;
        AtomHit(
            u64::from(pos) << 32
                | worse << 30
                | u64::from(span.min(MAX_SPAN)) << 2
                | u64::from(title) << 1
                | u64::from(literal),
        )
    }
    fn pos(self) -> u32 {
        (self.0 >> 32) as u32
    }
    fn span(self) -> u32 {
        (self.0 >> 2) as u32 & MAX_SPAN
    }
    fn title(self) -> bool {
        self.0 & 2 == 2
    }
    fn quality(self) -> Quality {
        Quality::from_bits(3 - ((self.0 >> 30) & 3) as u8)
    }
    fn literal(self) -> bool {
        self.0 & 1 == 1
    }
}

impl AtomPostings<'_> {
    /// This atom's occurrences in document `d`, by position; at one position the best match
    /// first (then the shortest, as a part comes before the compound that starts with it).
    fn in_doc(&self, d: u32, source: Source<'_>, out: &mut Vec<AtomHit>) {
        out.clear();
        match source {
            Source::Postings => {
                for (quality, postings) in &self.terms {
                    for o in postings.in_doc(d) {
                        let literal = *quality == Quality::Exact
                            && match postings.form(o.form) {
                                Some(form) => form == self.literal,
                                None => self.typed_folded,
                            };
                        out.push(AtomHit::new(o.pos, o.span, *quality, o.title, literal));
                    }
                }
            }
            Source::Text(tokens, fields) => {
                out.extend(tokens.iter().filter_map(|t| self.text_hit(t, &fields)));
            }
        }
        if out.windows(2).all(|w| w[0].0 <= w[1].0) {
            return;
        }
        let mut keys: Vec<u64> = out.iter().map(|h| h.0).collect();
        crate::sort::sort_u64(&mut keys);
        out.clear();
        out.extend(keys.into_iter().map(AtomHit));
    }

    /// Token `t` as an occurrence of this atom, if it matches.
    fn text_hit(&self, t: &DocToken, fields: &[&str; 5]) -> Option<AtomHit> {
        let quality = self.matches.quality(t.id)?;
        let literal = quality == Quality::Exact
            && fields
                .get(usize::from(t.field))
                .and_then(|text| text.get(t.start as usize..t.end as usize))
                .is_some_and(|typed| crate::query::is_literal(typed, &self.literal));
        Some(AtomHit::new(
            t.pos,
            t.span,
            quality,
            t.field == TITLE,
            literal,
        ))
    }

    /// The best occurrence of this atom at position `pos` among `tokens` (sorted by position):
    /// a phrase's later atoms are looked up where they must stand, not scanned for.
    fn text_at(&self, tokens: &[DocToken], fields: &[&str; 5], pos: u32) -> Option<AtomHit> {
        let from = tokens.partition_point(|t| t.pos < pos);
        tokens
            .get(from..)?
            .iter()
            .take_while(|t| t.pos == pos)
            .filter_map(|t| self.text_hit(t, fields))
            .min_by_key(|h| h.0)
    }
}

/// Appends the occurrences of the term made of `atoms` in document `d` to `out`, tagged with
/// `term` (and with the title or the body as their field). Returns whether one of them is written
/// exactly as typed.
pub fn occurrences(
    atoms: &[AtomPostings<'_>],
    d: u32,
    source: Source<'_>,
    term: usize,
    out: &mut Vec<Occ>,
) -> bool {
    let Some((first, rest)) = atoms.split_first() else {
        return false;
    };
    let mut heads = Vec::new();
    first.in_doc(d, source, &mut heads);
    if heads.is_empty() {
        return false;
    }
    // From postings, each later atom's occurrences are decoded once and searched; in a text, they
    // are looked up at the position the phrase needs.
    let mut lists: Vec<Vec<AtomHit>> = Vec::new();
    if let Source::Postings = source {
        for atom in rest {
            let mut list = Vec::new();
            atom.in_doc(d, source, &mut list);
            if list.is_empty() {
                return false;
            }
            lists.push(list);
        }
    }
    let at = |k: usize, pos: u32| -> Option<AtomHit> {
        match source {
            Source::Postings => {
                let list = lists.get(k)?;
                let i = list.partition_point(|h| h.pos() < pos);
                list.get(i).filter(|h| h.pos() == pos).copied()
            }
            Source::Text(tokens, fields) => rest.get(k)?.text_at(tokens, &fields, pos),
        }
    };
    let mut any_literal = false;
    'heads: for head in &heads {
        let (pos, mut quality, mut literal) = (head.pos(), head.quality(), head.literal());
        let mut next = pos.saturating_add(head.span());
        for k in 0..rest.len() {
            let Some(h) = at(k, next) else {
                continue 'heads;
            };
            quality = quality.min(h.quality());
            literal &= h.literal();
            next = next.saturating_add(h.span());
        }
        any_literal |= literal;
        out.push(Occ {
            term: term as u8,
            pos,
            end_pos: next,
            field: if head.title() { TITLE } else { BODY },
            start: 0,
            end: 0,
            quality,
        });
    }
    any_literal
}

/// Fills in where each occurrence stands in its field's text (`field`, `start`, `end`), from the
/// document's tokens sorted by position: the tokens it covers, which lie inside its positions.
pub fn place(tokens: &[DocToken], occs: &mut [Occ]) {
    for o in occs.iter_mut() {
        let from = tokens.partition_point(|t| t.pos < o.pos);
        let mut placed: Option<(u8, u32, u32)> = None;
        for t in tokens.get(from..).unwrap_or(&[]) {
            if t.pos >= o.end_pos {
                break;
            }
            if t.pos.saturating_add(t.span) > o.end_pos {
                continue;
            }
            placed = Some(match placed {
                None => (t.field, t.start, t.end),
                Some((f, s, e)) => (f, s.min(t.start), e.max(t.end)),
            });
        }
        if let Some((field, start, end)) = placed {
            (o.field, o.start, o.end) = (field, start, end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::phrase::min_window;
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
        let mut tokens: Vec<DocToken> = raw
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
        tokens.sort_by_key(|t| t.pos);
        Fixture {
            dict: map.into_fst().into_inner(),
            tokens,
        }
    }

    impl Fixture {
        /// One atom per CJK character, or per space-separated word.
        fn atoms(&self, phrase: &str) -> Vec<AtomPostings<'static>> {
            let dict = TermDict::new(&self.dict).unwrap();
            let units: Vec<String> = if phrase.contains(' ') || phrase.is_ascii() {
                phrase.split(' ').map(String::from).collect()
            } else {
                phrase.chars().map(String::from).collect()
            };
            units
                .into_iter()
                .map(|u| AtomPostings {
                    matches: dict.lookup(&Atom {
                        text: u.clone(),
                        literal: u.clone(),
                        prefix: false,
                        fuzzy: 0,
                    }),
                    terms: Vec::new(),
                    literal: u,
                    typed_folded: true,
                })
                .collect()
        }

        fn find(&self, phrase: &str) -> Vec<(u32, u32)> {
            let mut out = self.occurrences(phrase, 0);
            place(&self.tokens, &mut out);
            out.iter().map(|o| (o.start, o.end)).collect()
        }

        fn occurrences(&self, phrase: &str, term: usize) -> Vec<Occ> {
            let mut out = Vec::new();
            let source = Source::Text(&self.tokens, [""; 5]);
            occurrences(&self.atoms(phrase), 0, source, term, &mut out);
            out
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
    fn highlights_cover_exactly_the_matched_parts_of_a_compound() {
        let f = fixture("用 DeepSeek-R1 模型");
        // 用 0, deepseek 2, r1 3, deepseekr1 2..4, 模 5.
        assert_eq!(f.find("r1"), [(13, 15)]);
        assert_eq!(f.find("deepseek r1"), [(4, 15)]);
        assert_eq!(f.find("deepseekr1"), [(4, 15)]);
        assert_eq!(f.find("deepseek"), [(4, 12)]);
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
        let mut all = f.occurrences("甲", 0);
        let first = all.len();
        all.extend(f.occurrences("己", 1));
        let per_term = [(0, first), (first, all.len())];
        // 己 at 5, 甲 at 6: adjacent.
        assert_eq!(min_window(&all, &per_term), 0);
        let mut all = f.occurrences("乙", 0);
        all.extend(f.occurrences("戊", 1));
        assert_eq!(min_window(&all, &[(0, 1), (1, 2)]), 2);
    }
}

//! The term dictionary: an fst from normalized term to term id, answering exact, prefix and
//! fuzzy look-ups. Term ids are the offsets of the terms' postings, so they follow term order:
//! the expansions of one prefix lie in a narrow id range, which [`Matches::quality`] uses.
//! No other module depends on how ids are laid out.
//!
//! ```
//! use article_search_engine::termdict::{Quality, TermDict};
//! use article_search_engine::query::Atom;
//! let map = fst::Map::from_iter([("deep", 0), ("deepseek", 10), ("seek", 20)]).unwrap();
//! let dict = TermDict::new(map.as_fst().as_bytes()).unwrap();
//! let atom = Atom { text: "deep".into(), literal: "deep".into(), prefix: true, fuzzy: 0 };
//! let m = dict.lookup(&atom);
//! assert_eq!(m.quality(0), Some(Quality::Exact));
//! assert_eq!(m.quality(10), Some(Quality::Prefix));
//! assert_eq!(m.quality(20), None);
//! ```

use fst::{Automaton, IntoStreamer, Streamer};

use crate::automaton::Levenshtein;
use crate::query::Atom;

/// Most dictionary terms one prefix or fuzzy atom expands to.
pub const MAX_EXPANSIONS: usize = 64;

/// How well a token matched an atom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quality {
    /// Two edits away.
    Fuzzy2,
    /// One edit away.
    Fuzzy1,
    /// The atom is a prefix of the term.
    Prefix,
    /// The same term.
    Exact,
}

impl Quality {
    /// The quality of the low two bits of `b` (`Fuzzy2` = 0 … `Exact` = 3, as `q as u8`).
    pub fn from_bits(b: u8) -> Quality {
        match b & 3 {
            0 => Quality::Fuzzy2,
            1 => Quality::Fuzzy1,
            2 => Quality::Prefix,
            _ => Quality::Exact,
        }
    }
}

/// The term ids an atom matches, sorted by id, each with how well it matched.
pub struct Matches {
    ids: Vec<(u32, Quality)>,
    lo: u32,
    hi: u32,
}

impl Matches {
    fn new(ids: Vec<(u32, Quality)>) -> Matches {
        let lo = ids.first().map_or(u32::MAX, |f| f.0);
        let hi = ids.last().map_or(0, |l| l.0);
        Matches { ids, lo, hi }
    }

    /// The matched ids and their qualities, ascending by id.
    pub fn ids(&self) -> &[(u32, Quality)] {
        &self.ids
    }

    /// How well term `id` matches, if it does. Checking `lo..=hi` first rejects nearly every
    /// other token of an article without a search. A single-id atom (every CJK character) keeps
    /// its one comparison: the range check in front of it halved the speed of character queries
    /// on the poem corpus.
    #[inline]
    pub fn quality(&self, id: u32) -> Option<Quality> {
        match self.ids.as_slice() {
            [(only, q)] => (*only == id).then_some(*q),
            _ if id < self.lo || id > self.hi => None,
            all => all
                .binary_search_by_key(&id, |p| p.0)
                .ok()
                .and_then(|i| all.get(i))
                .map(|p| p.1),
        }
    }
}

/// The term dictionary of an index.
pub struct TermDict<'a> {
    map: fst::Map<&'a [u8]>,
}

impl<'a> TermDict<'a> {
    /// Reads the fst in `bytes`; `None` when they are not one.
    pub fn new(bytes: &'a [u8]) -> Option<TermDict<'a>> {
        fst::Map::new(bytes).ok().map(|map| TermDict { map })
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when the dictionary holds no term.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The id of a term, if the term occurs in the corpus.
    pub fn id(&self, term: &str) -> Option<u32> {
        self.map.get(term).and_then(|v| u32::try_from(v).ok())
    }

    /// Every term `atom` matches: the exact term, and words it begins (`prefix`) or that are
    /// within `fuzzy` edits, at most [`MAX_EXPANSIONS`] of each kind.
    pub fn lookup(&self, atom: &Atom) -> Matches {
        let mut found: Vec<(u32, Quality)> = Vec::new();
        if let Some(id) = self.id(&atom.text) {
            found.push((id, Quality::Exact));
        }
        let collect = |found: &mut Vec<(u32, Quality)>,
                       stream: &mut dyn FnMut() -> Option<(u32, u8)>| {
            let mut n = 0;
            while let Some((id, dist)) = stream() {
                if n >= MAX_EXPANSIONS {
                    break;
                }
                if found.iter().all(|f| f.0 != id) {
                    let q = match dist {
                        0 => Quality::Prefix,
                        1 => Quality::Fuzzy1,
                        _ => Quality::Fuzzy2,
                    };
                    found.push((id, q));
                    n += 1;
                }
            }
        };
        if atom.prefix {
            let aut = fst::automaton::Str::new(&atom.text).starts_with();
            let mut stream = self.map.search(aut).into_stream();
            collect(&mut found, &mut || {
                stream
                    .next()
                    .and_then(|(_, v)| Some((u32::try_from(v).ok()?, 0)))
            });
        }
        if atom.fuzzy > 0 {
            let aut = Levenshtein::new(atom.text.as_bytes(), atom.fuzzy);
            let mut stream = self.map.search_with_state(&aut).into_stream();
            collect(&mut found, &mut || {
                let (_, v, state) = stream.next()?;
                Some((u32::try_from(v).ok()?, aut.distance(&state).max(1)))
            });
        }
        let mut keys: Vec<u64> = found
            .iter()
            .map(|&(id, q)| u64::from(id) << 8 | q as u64)
            .collect();
        crate::sort::sort_u64(&mut keys);
        Matches::new(
            keys.iter()
                .map(|&k| ((k >> 8) as u32, Quality::from_bits(k as u8)))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(keys: &[&str]) -> Vec<u8> {
        let mut sorted: Vec<&str> = keys.to_vec();
        sorted.sort();
        let map = fst::Map::from_iter(sorted.iter().enumerate().map(|(i, k)| (*k, i as u64 * 10)))
            .unwrap();
        map.into_fst().into_inner()
    }

    fn atom(text: &str, prefix: bool, fuzzy: u8) -> Atom {
        Atom {
            text: text.into(),
            literal: text.into(),
            prefix,
            fuzzy,
        }
    }

    #[test]
    fn exact_prefix_and_fuzzy_matches_carry_their_quality() {
        let bytes = dict(&["open", "openai", "opener", "deepseek", "tiktok", "tiktoks"]);
        let d = TermDict::new(&bytes).unwrap();
        let q = |a: &Atom, term: &str| d.lookup(a).quality(d.id(term).unwrap());
        assert_eq!(q(&atom("open", true, 0), "open"), Some(Quality::Exact));
        assert_eq!(q(&atom("open", true, 0), "openai"), Some(Quality::Prefix));
        assert_eq!(q(&atom("open", false, 0), "openai"), None);
        assert_eq!(q(&atom("opnai", false, 1), "openai"), Some(Quality::Fuzzy1));
        assert_eq!(
            q(&atom("tiktik", false, 1), "tiktok"),
            Some(Quality::Fuzzy1)
        );
        assert_eq!(q(&atom("tiktik", false, 1), "tiktoks"), None);
        assert!(d.lookup(&atom("zzz", true, 1)).ids().is_empty());
    }

    #[test]
    fn expansions_are_capped_and_sorted_by_id() {
        let words: Vec<String> = (0..200).map(|i| format!("w{i:03}")).collect();
        let keys: Vec<&str> = words.iter().map(String::as_str).collect();
        let bytes = dict(&keys);
        let d = TermDict::new(&bytes).unwrap();
        let m = d.lookup(&atom("w", true, 0));
        assert_eq!(m.ids().len(), MAX_EXPANSIONS);
        assert!(m.ids().windows(2).all(|w| w[0].0 < w[1].0));
        // Outside the range of matched ids: rejected by the range check.
        assert_eq!(m.quality(u32::MAX), None);
    }

    #[test]
    fn not_an_fst_is_none() {
        assert!(TermDict::new(b"not an fst").is_none());
    }
}

//! A Levenshtein automaton over bytes, run by the fst: its state is the current row of the
//! edit-distance table, so no DFA is built up front (a DFA for two edits is large, and most
//! queries never need it). The first byte must match exactly: typos there are rare, and without
//! the rule the automaton walks most of the dictionary.
//!
//! ```
//! use article_search_engine::automaton::Levenshtein;
//! use fst::{IntoStreamer, Map, Streamer};
//! let map = Map::from_iter([("deepseak", 2), ("deepseek", 1), ("teepseek", 3)]).unwrap();
//! let mut found = Vec::new();
//! let mut stream = map.search(Levenshtein::new(b"deepseak", 1)).into_stream();
//! while let Some((key, _)) = stream.next() {
//!     found.push(String::from_utf8(key.to_vec()).unwrap());
//! }
//! assert_eq!(found, ["deepseak", "deepseek"]);
//! ```

use fst::Automaton;

/// Longest query (in bytes) the automaton accepts; longer words get no typo tolerance.
pub const MAX_FUZZY_BYTES: usize = crate::query::MAX_FUZZY_BYTES;

/// Row of the edit-distance table: `row[i]` = edits between the bytes read and `query[..i]`.
pub type Row = [u8; MAX_FUZZY_BYTES + 1];

/// Matches the keys within `max` edits of `query` whose first byte equals the query's.
pub struct Levenshtein<'q> {
    query: &'q [u8],
    max: u8,
}

impl<'q> Levenshtein<'q> {
    /// An automaton for `query` (cut to [`MAX_FUZZY_BYTES`]) and at most `max` edits.
    pub fn new(query: &'q [u8], max: u8) -> Levenshtein<'q> {
        let query = query.get(..MAX_FUZZY_BYTES).unwrap_or(query);
        Levenshtein { query, max }
    }

    /// The edit distance a match state holds (`u8::MAX` for a dead state).
    pub fn distance(&self, state: &Option<Row>) -> u8 {
        state.map_or(u8::MAX, |row| {
            row.get(self.query.len()).copied().unwrap_or(u8::MAX)
        })
    }
}

impl Automaton for Levenshtein<'_> {
    type State = Option<Row>;

    fn start(&self) -> Option<Row> {
        let mut row = [u8::MAX; MAX_FUZZY_BYTES + 1];
        for (i, cell) in row.iter_mut().enumerate().take(self.query.len() + 1) {
            *cell = i as u8;
        }
        Some(row)
    }

    fn is_match(&self, state: &Option<Row>) -> bool {
        self.distance(state) <= self.max
    }

    fn can_match(&self, state: &Option<Row>) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Option<Row>, byte: u8) -> Option<Row> {
        let prev = state.as_ref()?;
        if prev[0] == 0 && self.query.first() != Some(&byte) {
            return None;
        }
        let mut next = [u8::MAX; MAX_FUZZY_BYTES + 1];
        next[0] = prev[0].saturating_add(1);
        let mut best = next[0];
        for (i, &q) in self.query.iter().enumerate() {
            let cost = u8::from(q != byte);
            let v = prev[i]
                .saturating_add(cost)
                .min(prev[i + 1].saturating_add(1))
                .min(next[i].saturating_add(1));
            next[i + 1] = v;
            best = best.min(v);
        }
        (best <= self.max).then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the automaton over `key`: `Some(distance)` when it matches.
    fn run(query: &str, max: u8, key: &str) -> Option<u8> {
        let aut = Levenshtein::new(query.as_bytes(), max);
        let mut state = aut.start();
        for &b in key.as_bytes() {
            state = aut.accept(&state, b);
        }
        aut.is_match(&state).then(|| aut.distance(&state))
    }

    #[test]
    fn counts_substitutions_insertions_and_deletions() {
        assert_eq!(run("openai", 1, "openai"), Some(0));
        assert_eq!(run("opnai", 1, "openai"), Some(1), "insertion");
        assert_eq!(run("openaii", 1, "openai"), Some(1), "deletion");
        assert_eq!(run("tiktik", 1, "tiktok"), Some(1), "substitution");
        assert_eq!(run("tiktik", 1, "tiktoks"), None, "two edits, one allowed");
        assert_eq!(run("deepseak", 2, "deepsek"), Some(1));
        assert_eq!(run("deepseak", 2, "deepsik"), Some(2));
    }

    #[test]
    fn the_first_byte_must_match() {
        assert_eq!(run("openai", 1, "upenai"), None);
        assert_eq!(run("openai", 2, "penai"), None);
    }

    #[test]
    fn long_queries_are_cut_not_overrun() {
        let long = "a".repeat(100);
        let aut = Levenshtein::new(long.as_bytes(), 1);
        let mut state = aut.start();
        for _ in 0..100 {
            state = aut.accept(&state, b'a');
        }
        assert!(state.is_none(), "68 extra bytes are more than one edit");
    }
}

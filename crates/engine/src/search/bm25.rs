//! Scoring: BM25 over positions, with the term frequency weighted by field and match quality,
//! a proximity factor, and the rank key that orders hits.

use crate::termdict::Quality;

/// BM25's term-frequency saturation.
pub const K1: f64 = 1.2;
/// BM25's length normalization.
pub const B: f64 = 0.75;
/// A title occurrence counts this many body occurrences.
pub const TITLE_WEIGHT: f64 = 3.0;
/// Terms standing together multiply the score by up to 1 + this.
pub const PROXIMITY_BONUS: f64 = 0.5;

/// What one occurrence adds to a term's frequency, by how well it matched.
pub fn weight(q: Quality) -> f64 {
    match q {
        Quality::Exact => 1.0,
        Quality::Prefix => 0.7,
        Quality::Fuzzy1 => 0.5,
        Quality::Fuzzy2 => 0.35,
    }
}

/// BM25 statistics of a document: its length against the corpus average.
pub struct Bm25 {
    n_docs: f64,
    norm: f64,
}

impl Bm25 {
    /// For a document of `len` positions, in a corpus of `n_docs` averaging `avg_len`.
    pub fn new(n_docs: u32, len: u32, avg_len: f32) -> Bm25 {
        let norm = K1 * (1.0 - B + B * f64::from(len) / f64::from(avg_len.max(1.0)));
        Bm25 {
            n_docs: f64::from(n_docs),
            norm,
        }
    }

    /// The score of a term with weighted frequency `tf` found in `df` documents.
    pub fn term(&self, tf: f64, df: usize) -> f64 {
        let df = df as f64;
        let idf = (1.0 + (self.n_docs - df + 0.5) / (df + 0.5)).ln();
        idf * tf * (K1 + 1.0) / (tf + self.norm)
    }
}

/// The proximity factor for terms whose closest occurrences are `gap` positions apart.
pub fn proximity(gap: u32) -> f64 {
    1.0 + PROXIMITY_BONUS / (1.0 + f64::from(gap))
}

/// The recency factor of an article `age_days` older than the newest one, for a half-life of
/// `half_life` days: 1.5 for the newest, 1.25 at one half-life, towards 1 (no libm: a hyperbola).
pub fn recency(age_days: f64, half_life: f64) -> f64 {
    1.0 + 0.5 / (1.0 + age_days / half_life)
}

/// Sort key for date order: dated documents by document number (= date order), newest or oldest
/// first, undated last, the scored list's index `i` in the low bits.
pub fn date_key(d: u32, dated: bool, newest_first: bool, i: usize) -> u64 {
    let d = if newest_first { !d } else { d };
    u64::from(!dated) << 61 | u64::from(d) << 29 | (i as u64 & RANK_INDEX_MASK)
}

/// Bits of a rank key that hold the hit's index in the scored list.
pub const RANK_INDEX_MASK: u64 = 0x1FFF_FFFF;

/// Sort key: ascending key = better hit. Tier first, then literal matches before those found only
/// through folding, then score (f32 bits of a non-negative float order like the float), then the
/// order in which documents were scored (document number).
pub fn rank_key(tier: Quality, literal: bool, score: f64, i: usize) -> u64 {
    let tier = 3 - tier as u64;
    let folded = u64::from(!literal);
    let score = u64::from(!(score.max(0.0) as f32).to_bits());
    tier << 62 | folded << 61 | score << 29 | (i as u64 & RANK_INDEX_MASK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rarer_terms_and_more_occurrences_score_higher_with_diminishing_returns() {
        let doc = Bm25::new(1000, 100, 100.0);
        assert!(doc.term(1.0, 10) > doc.term(1.0, 500));
        let (one, two, ten) = (doc.term(1.0, 10), doc.term(2.0, 10), doc.term(10.0, 10));
        assert!(two > one && ten > two);
        assert!(ten - two < 4.0 * (two - one), "saturation");
        assert!(
            Bm25::new(1000, 50, 100.0).term(1.0, 10) > one,
            "shorter documents score higher"
        );
    }

    #[test]
    fn rank_keys_order_tier_then_literal_then_score_then_document() {
        let mut keys = [
            rank_key(Quality::Prefix, true, 9.0, 0),
            rank_key(Quality::Exact, false, 9.0, 1),
            rank_key(Quality::Exact, true, 1.0, 2),
            rank_key(Quality::Exact, true, 5.0, 4),
            rank_key(Quality::Exact, true, 5.0, 3),
        ];
        keys.sort();
        let order: Vec<u64> = keys.iter().map(|k| k & RANK_INDEX_MASK).collect();
        assert_eq!(order, [3, 4, 2, 1, 0]);
    }

    #[test]
    fn date_keys_put_undated_last_either_way() {
        let mut newest = [
            date_key(3, true, true, 0),
            date_key(0, false, true, 1),
            date_key(7, true, true, 2),
        ];
        newest.sort();
        assert_eq!(newest.map(|k| k & RANK_INDEX_MASK), [2, 0, 1]);
        let mut oldest = [
            date_key(3, true, false, 0),
            date_key(0, false, false, 1),
            date_key(7, true, false, 2),
        ];
        oldest.sort();
        assert_eq!(oldest.map(|k| k & RANK_INDEX_MASK), [0, 2, 1]);
        assert_eq!(recency(0.0, 30.0), 1.5);
        assert_eq!(recency(30.0, 30.0), 1.25);
    }

    #[test]
    fn proximity_rewards_adjacent_terms() {
        assert_eq!(proximity(0), 1.5);
        assert!(proximity(1) < proximity(0) && proximity(100) > 1.0);
    }
}

//! The folding table: built here from NFKC, lower-casing and OpenCC's traditional → simplified
//! character table, pruned to what the corpus can match, and handed to the engine's
//! [`Folder`](engine::normalize::Folder), which applies it to articles (here) and queries (at run
//! time) alike.

use std::collections::{HashMap, HashSet};

use engine::normalize::{class, prefold, Class, Folder, MAX_FOLD_LEN};
use unicode_normalization::UnicodeNormalization;

/// OpenCC's character table (Apache-2.0, see data/opencc/LICENSE).
const TS_CHARACTERS: &str = include_str!("../../../data/opencc/TSCharacters.txt");

/// Traditional → simplified, one character to its first listed simplified form.
pub fn t2s() -> HashMap<char, char> {
    let mut map = HashMap::new();
    for line in TS_CHARACTERS.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(from), Some(to)) = (fields.next(), fields.next()) else {
            continue;
        };
        let mut from_chars = from.chars();
        let (Some(f), None) = (from_chars.next(), from_chars.next()) else {
            continue;
        };
        if let Some(t) = to.split(' ').next().and_then(|t| t.chars().next()) {
            map.insert(f, t);
        }
    }
    map
}

/// The complete fold of one character: prefold, NFKC, lower case, traditional → simplified,
/// repeated until nothing changes (at most a few rounds).
pub fn full_fold(c: char, t2s: &HashMap<char, char>) -> Vec<char> {
    let mut cur = vec![c];
    for _ in 0..4 {
        let mut next = Vec::new();
        for &ch in &cur {
            let ch = prefold(ch);
            let s: String = std::iter::once(ch).nfkc().collect();
            for d in s.chars().flat_map(char::to_lowercase) {
                next.push(*t2s.get(&d).unwrap_or(&d));
            }
        }
        if next == cur {
            break;
        }
        cur = next;
    }
    cur
}

/// The table for a corpus: every character whose full fold differs from itself and consists only
/// of characters that occur in the folded corpus, and that either occurs in the corpus itself
/// (so articles fold exactly) or is a letter or CJK character folding to one character (what a
/// reader can type: traditional characters, accented capitals, compatibility ideographs).
/// Symbol-like compatibility forms (①, ㈠, ㎏) a reader does not type are left out unless the
/// corpus has them; that keeps the table to a few hundred entries.
pub fn folder_for<'a>(texts: impl IntoIterator<Item = &'a str>) -> Folder {
    let t2s = t2s();
    let mut seen: HashSet<char> = HashSet::new();
    let mut folded_corpus: HashSet<char> = HashSet::new();
    for text in texts {
        for c in text.chars() {
            if seen.insert(c) {
                folded_corpus.extend(full_fold(c, &t2s));
            }
        }
    }
    let mut pairs = Vec::new();
    for u in 0x80..=0x10FFFFu32 {
        // Styled letters (mathematical alphanumerics, enclosed letters): hundreds of entries
        // for a Latin corpus, and nobody types a query in them.
        if matches!(u, 0x1D400..=0x1D7FF | 0x1F100..=0x1F1FF) {
            continue;
        }
        let Some(c) = char::from_u32(u) else { continue };
        if prefold(c) != c {
            continue;
        }
        let f = full_fold(c, &t2s);
        let typed = f.len() == 1 && matches!(class(c), Class::Cjk | Class::Word);
        let useful = typed || seen.contains(&c);
        if useful
            && f.len() <= MAX_FOLD_LEN
            && f != [c]
            && !f.is_empty()
            && f.iter().all(|d| folded_corpus.contains(d))
        {
            pairs.push((c, f));
        }
    }
    // Every pair has a non-ASCII key, a short non-empty value and a distinct key, so the engine
    // accepts the table; an empty table is the fallback that cannot happen.
    Folder::from_pairs(pairs).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional_full_width_and_case() {
        let t = t2s();
        assert_eq!(full_fold('劉', &t), vec!['刘']);
        assert_eq!(full_fold('Ｇ', &t), vec!['g']);
        assert_eq!(full_fold('É', &t), vec!['é']);
        assert_eq!(full_fold('㎏', &t), vec!['k', 'g']);
    }

    #[test]
    fn table_is_pruned_to_the_corpus() {
        let folder = folder_for(["劉權 Café ㎏"]);
        assert_eq!(folder.fold_str("刘劉權权Ｃafé㎏"), "刘刘权权cafékg");
        // ㏎ (km) folds into the corpus's letters but is no letter and not in the corpus.
        assert_eq!(folder.fold_str("㏎"), "㏎");
        // 國 folds to 国, which is not in this corpus: no entry, it stays as it is.
        assert_eq!(folder.fold_str("國"), "國");
        assert!(folder.len() < 50, "{} entries", folder.len());
    }
}

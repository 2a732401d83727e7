//! Character folding and classes: the one normalizer shared by the indexer (build.rs) and the
//! runtime searcher.
//!
//! Folding happens in two steps, both cheap at query time:
//!
//! 1. [`prefold`]: arithmetic rules that need no table — ASCII case, full-width ASCII
//!    (`ＧＰＴ－４` → `gpt-4`), the ideographic space.
//! 2. [`Folder`]: a table computed at build time from Unicode compatibility folding (NFKC),
//!    lower-casing and OpenCC's traditional → simplified character table. The build knows the
//!    corpus, so the table embedded in the index keeps only the mappings whose *result* occurs in
//!    the folded corpus: a character folding to anything else could not match anything anyway.
//!    Characters absent from the table are kept as they are.
//!
//! Architecture invariant: this module knows nothing about tokens, the index format or queries.

/// The most characters one character may fold to (NFKC expands a few, e.g. `㎏` → `kg`).
pub const MAX_FOLD_LEN: usize = 4;

/// What a folded character does in the tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Horizontal white space and control characters: a separator.
    Space,
    /// A line break: a separator, except between two CJK characters (extracted text breaks lines
    /// anywhere inside a CJK sentence).
    LineBreak,
    /// Punctuation and symbols: a separator.
    Punct,
    /// Characters that join two word parts into a compound (`GPT-4`, `3.46`, `3,000`).
    Joiner,
    /// Letters and digits of space-separated scripts (Latin, digits, Greek, Cyrillic, ...).
    Word,
    /// Characters of scripts written without spaces (Han, kana, Hangul): every character is a
    /// token, and any run of them can be searched as a phrase.
    Cjk,
}

/// Table-free folding applied before the table: ASCII upper case, full-width ASCII forms and the
/// ideographic space.
#[inline]
pub fn prefold(c: char) -> char {
    let u = c as u32;
    match u {
        0x41..=0x5A => char::from_u32(u + 32).unwrap_or(c),
        // U+FF01..U+FF5E are U+0021..U+007E shifted by 0xFEE0.
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).map_or(c, |d| d.to_ascii_lowercase()),
        0x3000 => ' ',
        _ => c,
    }
}

/// The class of an already folded character.
pub fn class(c: char) -> Class {
    let u = c as u32;
    match c {
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::LineBreak,
        '0'..='9' | 'a'..='z' | 'A'..='Z' => Class::Word,
        '-' | '.' | ',' | '\'' | '_' | '\u{2010}' | '\u{2011}' | '\u{2019}' => Class::Joiner,
        _ if c.is_whitespace() || u < 0x20 || (0x7F..=0x9F).contains(&u) => Class::Space,
        _ if u < 0x80 => Class::Punct,
        _ if is_cjk(u) => Class::Cjk,
        _ if is_symbol(u) => Class::Punct,
        _ => Class::Word,
    }
}

fn is_cjk(u: u32) -> bool {
    matches!(u,
        0x3005 | 0x3007 | 0x3041..=0x30FA | 0x30FC..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

fn is_symbol(u: u32) -> bool {
    matches!(u,
        0xA0..=0xBF | 0xD7 | 0xF7 | 0x2000..=0x2BFF | 0x2E00..=0x2E7F | 0x3000..=0x303F
        | 0x30FB | 0xFE00..=0xFE6F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65 | 0xFFF0..=0xFFFF | 0x1F000..=0x1FAFF | 0xE0000..=0xE007F)
}

/// The folding table: sorted keys, each with a short replacement.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folder {
    keys: Vec<u32>,
    /// `(start, len)` into `pool` for each key.
    values: Vec<(u32, u8)>,
    pool: Vec<char>,
}

impl Folder {
    /// Builds a folder from `(from, to)` pairs in ascending order of `from`. Pairs out of order,
    /// with a key below U+0080 (handled by [`prefold`]), or with an empty or over-long replacement
    /// are rejected, so that a table that round-trips through the index is exactly the one the
    /// indexer used.
    pub fn from_pairs<I>(pairs: I) -> Option<Folder>
    where
        I: IntoIterator<Item = (char, Vec<char>)>,
    {
        let mut folder = Folder::default();
        for (from, to) in pairs {
            let key = from as u32;
            if key < 0x80 || to.is_empty() || to.len() > MAX_FOLD_LEN {
                return None;
            }
            if folder.keys.last().is_some_and(|&last| last >= key) {
                return None;
            }
            let start = u32::try_from(folder.pool.len()).ok()?;
            folder.keys.push(key);
            folder.values.push((start, to.len() as u8));
            folder.pool.extend_from_slice(&to);
        }
        Some(folder)
    }

    /// The pairs of the table, in key order.
    pub fn pairs(&self) -> impl Iterator<Item = (char, &[char])> + '_ {
        self.keys
            .iter()
            .zip(&self.values)
            .filter_map(|(&k, &(start, len))| {
                let from = char::from_u32(k)?;
                let to = self
                    .pool
                    .get(start as usize..start as usize + len as usize)?;
                Some((from, to))
            })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when the table has no entries.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Folds one character, calling `out` with each resulting character (usually exactly one).
    #[inline]
    pub fn fold(&self, c: char, mut out: impl FnMut(char)) {
        let c = prefold(c);
        if c.is_ascii() {
            return out(c);
        }
        let replacement = self
            .keys
            .binary_search(&(c as u32))
            .ok()
            .and_then(|i| self.values.get(i))
            .and_then(|&(start, len)| self.pool.get(start as usize..start as usize + len as usize));
        match replacement {
            Some(chars) => chars.iter().for_each(|&d| out(d)),
            None => out(c),
        }
    }

    /// Folds a whole string (used by tests and by the indexer; the tokenizer folds as it goes).
    pub fn fold_str(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            self.fold(c, |d| out.push(d));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefold_full_width_and_case() {
        let folded: String = "ＧＰＴ－４　Ab".chars().map(prefold).collect();
        assert_eq!(folded, "gpt-4 ab");
    }

    #[test]
    fn table_maps_and_passes_through() {
        let f = Folder::from_pairs([('㎏', vec!['k', 'g']), ('劉', vec!['刘'])]).unwrap();
        assert_eq!(f.fold_str("劉權㎏X"), "刘權kgx");
        assert_eq!(f.pairs().count(), 2);
    }

    #[test]
    fn table_rejects_ascii_keys_and_duplicates() {
        assert!(Folder::from_pairs([('A', vec!['a'])]).is_none());
        assert!(Folder::from_pairs([('劉', vec!['刘']), ('劉', vec!['x'])]).is_none());
        assert!(Folder::from_pairs([('劉', vec!['刘']), ('㎏', vec!['k'])]).is_none());
        assert!(Folder::from_pairs([('劉', vec![])]).is_none());
    }

    #[test]
    fn classes() {
        assert_eq!(class('劉'), Class::Cjk);
        assert_eq!(class('a'), Class::Word);
        assert_eq!(class('é'), Class::Word);
        assert_eq!(class('-'), Class::Joiner);
        assert_eq!(class('，'), Class::Punct);
        assert_eq!(class('\n'), Class::LineBreak);
        assert_eq!(class('\u{FFFD}'), Class::Punct);
        assert_eq!(class('😀'), Class::Punct);
        assert_eq!(class('\u{200D}'), Class::Punct);
    }
}

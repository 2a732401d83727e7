//! Query parsing: what a reader typed, as terms the searcher can resolve.
//!
//! - Terms are separated by white space; every term must match (AND).
//! - A run of CJK characters is one phrase term: its characters must be adjacent in the article.
//! - `"quoted words"` form one phrase term, matched exactly (no prefix, no typo tolerance).
//! - `-term` excludes articles containing the term.
//! - The last word is also matched as a prefix (search as you type), unless the query ends with
//!   white space or a closing quote.
//! - Latin words of 4 or more letters tolerate one typo, of 8 or more two; the first letter must
//!   be right.
//!
//! The query is cut to [`MAX_QUERY_CHARS`] characters and [`MAX_TERMS`] terms; [`Query::truncated`]
//! says when that happened.
//!
//! Architecture invariant: the parser knows the tokenizer, and nothing of the index.

use crate::normalize::{prefold, Folder};
use crate::tokenize::{tokenize, Kind};

/// Longest query considered, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 256;
/// Most terms considered; the rest are ignored.
pub const MAX_TERMS: usize = 16;
/// Longest word (bytes) that gets typo tolerance.
pub const MAX_FUZZY_BYTES: usize = 32;

/// One unit of a term: a CJK character or a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Atom {
    /// The normalized text.
    pub text: String,
    /// The text as typed, lower-cased: an article holding exactly these characters ranks above
    /// one that matches only through folding (variants, simplified ↔ traditional, width).
    pub literal: String,
    /// Also match words that start with it.
    pub prefix: bool,
    /// Edits tolerated (0, 1 or 2).
    pub fuzzy: u8,
}

/// A term: atoms that must occur adjacent and in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The atoms, in order.
    pub atoms: Vec<Atom>,
    /// The term excludes articles instead of requiring them.
    pub negated: bool,
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The terms.
    pub terms: Vec<Term>,
    /// Part of the input was ignored (see [`MAX_QUERY_CHARS`] and [`MAX_TERMS`]).
    pub truncated: bool,
}

struct Chunk<'a> {
    text: &'a str,
    quoted: bool,
    negated: bool,
}

fn is_quote(c: char) -> bool {
    matches!(prefold(c), '"' | '\u{201C}' | '\u{201D}')
}

fn chunks(input: &str) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut quoted = false;
    let mut negated = false;
    let mut iter = input.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next_starts_term = iter
            .peek()
            .is_some_and(|&(_, n)| !n.is_whitespace() && prefold(n) != '-');
        if quoted {
            if is_quote(c) {
                let s = start.take().unwrap_or(i);
                out.push(Chunk {
                    text: input.get(s..i).unwrap_or(""),
                    quoted: true,
                    negated,
                });
                quoted = false;
                negated = false;
            } else if start.is_none() {
                start = Some(i);
            }
        } else if is_quote(c) || c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Chunk {
                    text: input.get(s..i).unwrap_or(""),
                    quoted: false,
                    negated,
                });
                negated = false;
            }
            if is_quote(c) {
                quoted = true;
            } else {
                negated = false;
            }
        } else if start.is_none() && prefold(c) == '-' && !negated && next_starts_term {
            negated = true;
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Chunk {
            text: input.get(s..).unwrap_or(""),
            quoted,
            negated,
        });
    }
    out
}

fn fuzziness(word: &str) -> u8 {
    let letters = word.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if !word.is_ascii() || word.len() > MAX_FUZZY_BYTES {
        0
    } else if letters >= 8 {
        2
    } else if letters >= 4 {
        1
    } else {
        0
    }
}

/// Text as typed, for the literal comparison: ASCII lower-cased, white space dropped (a phrase may
/// be broken across lines in an article). ASCII only: Unicode's case tables would add 6 KB of
/// brotli to the wasm module for a tie-break.
pub fn literal(s: &str) -> String {
    literal_chars(s).collect()
}

fn literal_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
}

/// Whether `text` (an article's) reads `literal` (from [`literal`]) as typed, without allocating:
/// the search compares every occurrence of every term this way.
pub fn is_literal(text: &str, literal: &str) -> bool {
    literal_chars(text).eq(literal.chars())
}

/// Parses a query. Never fails: any string is a query, possibly with no terms.
pub fn parse(folder: &Folder, input: &str) -> Query {
    let cut = input
        .char_indices()
        .nth(MAX_QUERY_CHARS)
        .map_or(input.len(), |(i, _)| i);
    let mut truncated = cut < input.len();
    let input = input.get(..cut).unwrap_or("");
    let open_end = input
        .chars()
        .last()
        .is_some_and(|c| !c.is_whitespace() && !is_quote(c));
    let chunks = chunks(input);
    let n_chunks = chunks.len();
    let mut terms: Vec<Term> = Vec::new();
    for (ci, chunk) in chunks.into_iter().enumerate() {
        let mut toks: Vec<(String, String, Kind, u32)> = Vec::new();
        tokenize(folder, chunk.text, 0, &mut |t| {
            if t.kind != Kind::Part {
                let typed = chunk.text.get(t.start..t.end).unwrap_or("");
                toks.push((t.text.to_string(), literal(typed), t.kind, t.pos));
            }
        });
        let mut chunk_terms: Vec<Term> = Vec::new();
        let mut last_cjk_pos: Option<u32> = None;
        for (text, literal, kind, pos) in toks {
            let is_cjk = kind == Kind::Cjk;
            let fuzzy = if is_cjk || chunk.quoted {
                0
            } else {
                fuzziness(&text)
            };
            let atom = Atom {
                text,
                literal,
                prefix: false,
                fuzzy,
            };
            let continues = chunk.quoted || (is_cjk && last_cjk_pos.is_some_and(|p| p + 1 == pos));
            match chunk_terms.last_mut() {
                Some(term) if continues => term.atoms.push(atom),
                _ => chunk_terms.push(Term {
                    atoms: vec![atom],
                    negated: chunk.negated,
                }),
            }
            last_cjk_pos = if is_cjk { Some(pos) } else { None };
        }
        let last_chunk = ci + 1 == n_chunks;
        if last_chunk && open_end && !chunk.quoted && !chunk.negated {
            if let Some(atom) = chunk_terms.last_mut().and_then(|t| t.atoms.last_mut()) {
                // CJK phrases already match any substring; only words gain from a prefix.
                atom.prefix = atom
                    .text
                    .chars()
                    .all(|c| crate::normalize::class(c) != crate::normalize::Class::Cjk);
            }
        }
        terms.extend(chunk_terms);
    }
    if terms.len() > MAX_TERMS {
        terms.truncate(MAX_TERMS);
        truncated = true;
    }
    Query { terms, truncated }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(q: &Query) -> Vec<Vec<&str>> {
        q.terms
            .iter()
            .map(|t| t.atoms.iter().map(|a| a.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn cjk_runs_are_phrases_and_scripts_split() {
        let q = parse(&Folder::default(), "R1訓練成本 開源");
        assert_eq!(
            texts(&q),
            vec![vec!["r1"], vec!["訓", "練", "成", "本"], vec!["開", "源"]]
        );
    }

    #[test]
    fn compounds_are_one_term() {
        let q = parse(&Folder::default(), "GPT-4 ");
        assert_eq!(texts(&q), vec![vec!["gpt4"]]);
        assert!(!q.terms[0].atoms[0].prefix);
    }

    #[test]
    fn last_word_is_a_prefix_unless_closed() {
        assert!(parse(&Folder::default(), "deep").terms[0].atoms[0].prefix);
        assert!(!parse(&Folder::default(), "deep ").terms[0].atoms[0].prefix);
        assert!(!parse(&Folder::default(), "\"deep\"").terms[0].atoms[0].prefix);
    }

    #[test]
    fn quotes_and_negation() {
        let q = parse(&Folder::default(), "\"open source\" -tiktok");
        assert_eq!(texts(&q), vec![vec!["open", "source"], vec!["tiktok"]]);
        assert!(!q.terms[0].negated);
        assert!(q.terms[1].negated);
        assert_eq!(q.terms[0].atoms[0].fuzzy, 0);
        assert_eq!(q.terms[1].atoms[0].fuzzy, 1);
    }

    #[test]
    fn lone_hyphen_and_punctuation_make_no_terms() {
        assert!(parse(&Folder::default(), " - ，。!! ").terms.is_empty());
    }

    #[test]
    fn long_input_is_truncated() {
        let q = parse(&Folder::default(), &"a ".repeat(1000));
        assert!(q.truncated);
        assert_eq!(q.terms.len(), MAX_TERMS);
    }
}

//! The one tokenizer, run on articles by the indexer and on queries by the searcher.
//!
//! - A run of CJK characters yields one [`Kind::Cjk`] token per character, at consecutive
//!   positions, so that any substring is a phrase of consecutive positions: no dictionary, and
//!   nothing a build-time and a query-time segmenter could disagree about. A line break between
//!   two CJK characters is no boundary (printed text breaks lines inside words).
//! - Letters and digits form words. Words joined by `-`, `.`, `,`, `'` or `_` form a compound:
//!   `DeepSeek-R1` yields the parts `deepseek` and `r1` ([`Kind::Part`]) and the joined
//!   `deepseekr1` ([`Kind::Joined`]) spanning both positions, so `GPT-4`, `gpt4` and `gpt` all find
//!   `GPT-4`.
//! - Every other character separates tokens and leaves a one-position gap, so that a phrase never
//!   matches across punctuation.
//!
//! Architecture invariant: the tokenizer knows the normalizer, and nothing about the index format,
//! queries or scoring.

use crate::normalize::{class, Class, Folder, MAX_FOLD_LEN};

/// Longest term, in bytes. Longer words are indexed and searched by their first bytes (cut at a
/// character boundary); the same rule applies to articles and queries.
pub const MAX_TERM_BYTES: usize = 64;

/// Most parts in one compound; a longer chain of joined words starts a new compound.
pub const MAX_PARTS: usize = 16;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One CJK character.
    Cjk,
    /// A word that is not part of a compound.
    Word,
    /// One part of a compound.
    Part,
    /// A whole compound, its parts joined without the joiners; spans all their positions.
    Joined,
}

/// One token of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// The normalized term.
    pub text: &'a str,
    /// What it is.
    pub kind: Kind,
    /// Position of its first unit. Consecutive positions are adjacent in the text.
    pub pos: u32,
    /// Number of positions it covers (more than one only for [`Kind::Joined`]).
    pub span: u32,
    /// Byte offset of its first character in the original text.
    pub start: usize,
    /// Byte offset just past its last character in the original text.
    pub end: usize,
}

#[derive(Clone, Copy)]
struct Part {
    buf_start: usize,
    buf_end: usize,
    start: usize,
    end: usize,
}

#[derive(Default)]
struct Seps {
    any: bool,
    hard: bool,
    newline: bool,
}

struct State<'e> {
    emit: &'e mut dyn FnMut(Token<'_>),
    pos: u32,
    started: bool,
    last_cjk: bool,
    seps: Seps,
    buf: String,
    parts: Vec<Part>,
    word_gap: bool,
    pending_joiner: bool,
}

/// Tokenizes `text`, numbering positions from `first_pos`, and calls `emit` for each token in
/// order of position (a [`Kind::Joined`] token comes before its parts). Returns the first position
/// after the text, so that a following field can continue the numbering.
pub fn tokenize(
    folder: &Folder,
    text: &str,
    first_pos: u32,
    emit: &mut dyn FnMut(Token<'_>),
) -> u32 {
    let mut st = State {
        emit,
        pos: first_pos,
        started: false,
        last_cjk: false,
        seps: Seps::default(),
        buf: String::new(),
        parts: Vec::new(),
        word_gap: false,
        pending_joiner: false,
    };
    let mut folded = ['\0'; MAX_FOLD_LEN];
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        let mut n = 0;
        folder.fold(c, |d| {
            if let Some(slot) = folded.get_mut(n) {
                *slot = d;
                n += 1;
            }
        });
        for &d in folded.iter().take(n) {
            st.feed(d, start, end);
        }
    }
    st.flush_word();
    st.pos
}

impl State<'_> {
    fn feed(&mut self, d: char, start: usize, end: usize) {
        match class(d) {
            Class::Word => self.word_char(d, start, end),
            Class::Joiner => {
                if !self.parts.is_empty() && !self.pending_joiner && self.parts.len() < MAX_PARTS {
                    self.pending_joiner = true;
                } else {
                    self.flush_word();
                    self.separator(true, false);
                }
            }
            Class::Cjk => {
                self.flush_word();
                let gap = self.take_gap(true);
                self.pos += u32::from(gap);
                let mut utf8 = [0u8; 4];
                let text = d.encode_utf8(&mut utf8);
                (self.emit)(Token {
                    text,
                    kind: Kind::Cjk,
                    pos: self.pos,
                    span: 1,
                    start,
                    end,
                });
                self.pos += 1;
                self.last_cjk = true;
            }
            Class::Space => {
                self.flush_word();
                self.separator(false, false);
            }
            Class::LineBreak => {
                self.flush_word();
                self.separator(false, true);
            }
            Class::Punct => {
                self.flush_word();
                self.separator(true, false);
            }
        }
    }

    fn separator(&mut self, hard: bool, newline: bool) {
        self.seps.any = true;
        self.seps.hard |= hard;
        self.seps.newline |= newline;
    }

    /// Whether a gap goes before the next token, given the separators seen since the last one.
    fn take_gap(&mut self, next_cjk: bool) -> bool {
        let s = std::mem::take(&mut self.seps);
        let started = std::mem::replace(&mut self.started, true);
        if !started || !s.any {
            return false;
        }
        let soft_break = next_cjk && self.last_cjk && s.newline && !s.hard;
        !soft_break
    }

    fn word_char(&mut self, d: char, start: usize, end: usize) {
        if self.parts.is_empty() {
            self.word_gap = self.take_gap(false);
            self.parts.push(Part {
                buf_start: 0,
                buf_end: 0,
                start,
                end,
            });
        } else if self.pending_joiner {
            self.pending_joiner = false;
            let at = self.buf.len();
            self.parts.push(Part {
                buf_start: at,
                buf_end: at,
                start,
                end,
            });
        }
        if let Some(part) = self.parts.last_mut() {
            if part.buf_end - part.buf_start + d.len_utf8() <= MAX_TERM_BYTES {
                self.buf.push(d);
                part.buf_end = self.buf.len();
            }
            part.end = end;
        }
    }

    fn flush_word(&mut self) {
        if self.pending_joiner {
            // A joiner not followed by a word character ("end." or "a- b") separates.
            self.pending_joiner = false;
            self.separator(true, false);
        }
        let (Some(first), Some(last)) = (self.parts.first().copied(), self.parts.last().copied())
        else {
            return;
        };
        self.pos += u32::from(self.word_gap);
        let n = self.parts.len() as u32;
        if n == 1 {
            let text = &self.buf[..];
            (self.emit)(Token {
                text,
                kind: Kind::Word,
                pos: self.pos,
                span: 1,
                start: first.start,
                end: first.end,
            });
        } else {
            let mut cut = self.buf.len().min(MAX_TERM_BYTES);
            while !self.buf.is_char_boundary(cut) {
                cut -= 1;
            }
            let text = self.buf.get(..cut).unwrap_or_default();
            (self.emit)(Token {
                text,
                kind: Kind::Joined,
                pos: self.pos,
                span: n,
                start: first.start,
                end: last.end,
            });
            for (k, p) in self.parts.iter().enumerate() {
                let text = self.buf.get(p.buf_start..p.buf_end).unwrap_or_default();
                (self.emit)(Token {
                    text,
                    kind: Kind::Part,
                    pos: self.pos + k as u32,
                    span: 1,
                    start: p.start,
                    end: p.end,
                });
            }
        }
        self.pos += n;
        self.last_cjk = false;
        self.buf.clear();
        self.parts.clear();
    }
}

/// Which searchable field of an article a token comes from.
pub type Field = u8;
/// The title field.
pub const TITLE: Field = 0;
/// The body field.
pub const BODY: Field = 1;

/// Tokenizes the searchable fields of one article (title, body, then the others: see
/// `index::Doc::searchable`) with one position space, leaving a gap between fields so that no
/// phrase spans two of them. The indexer and the searcher both number positions through this
/// function.
pub fn tokenize_fields(
    folder: &Folder,
    fields: &[&str],
    emit: &mut dyn FnMut(Field, Token<'_>),
) -> u32 {
    let mut pos = 0;
    for (field, text) in fields.iter().enumerate() {
        pos = 1 + tokenize(folder, text, pos, &mut |t| emit(field as Field, t));
    }
    pos
}

/// Tokenizes into owned tokens; a convenience for tests and tools.
pub fn tokens(folder: &Folder, text: &str) -> Vec<(String, Kind, u32, u32, usize, usize)> {
    let mut out = Vec::new();
    tokenize(folder, text, 0, &mut |t| {
        out.push((t.text.to_string(), t.kind, t.pos, t.span, t.start, t.end));
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<(String, Kind, u32)> {
        let folder = Folder::from_pairs([('劉', vec!['刘']), ('權', vec!['权'])]).unwrap();
        tokens(&folder, text)
            .into_iter()
            .map(|(t, k, p, ..)| (t, k, p))
            .collect()
    }

    fn t(s: &str, k: Kind, p: u32) -> (String, Kind, u32) {
        (s.to_string(), k, p)
    }

    #[test]
    fn cjk_characters_at_consecutive_positions() {
        assert_eq!(
            terms("劉權"),
            vec![t("刘", Kind::Cjk, 0), t("权", Kind::Cjk, 1)]
        );
    }

    #[test]
    fn line_break_inside_cjk_is_no_boundary_but_punctuation_is() {
        assert_eq!(terms("推理\n\n模型")[2].2, 2);
        assert_eq!(terms("推理，模型")[2].2, 3);
        assert_eq!(terms("推理 模型")[2].2, 3);
    }

    #[test]
    fn compounds_are_joined_and_split() {
        assert_eq!(
            terms("DeepSeek-R1"),
            vec![
                t("deepseekr1", Kind::Joined, 0),
                t("deepseek", Kind::Part, 0),
                t("r1", Kind::Part, 1)
            ]
        );
        assert_eq!(terms("ＧＰＴ－４")[0], t("gpt4", Kind::Joined, 0));
        assert_eq!(terms("22.9%")[0], t("229", Kind::Joined, 0));
    }

    #[test]
    fn script_boundaries_split() {
        assert_eq!(
            terms("R1訓練"),
            vec![
                t("r1", Kind::Word, 0),
                t("訓", Kind::Cjk, 1),
                t("練", Kind::Cjk, 2)
            ]
        );
    }

    #[test]
    fn trailing_joiner_separates() {
        assert_eq!(
            terms("end. next"),
            vec![t("end", Kind::Word, 0), t("next", Kind::Word, 2)]
        );
    }

    #[test]
    fn offsets_point_into_the_original() {
        let folder = Folder::default();
        let text = "Ａb 中";
        let toks = tokens(&folder, text);
        assert_eq!(&text[toks[0].4..toks[0].5], "Ａb");
        assert_eq!(&text[toks[1].4..toks[1].5], "中");
    }

    #[test]
    fn long_words_are_cut_at_a_char_boundary() {
        let word = "é".repeat(100);
        let toks = tokens(&Folder::default(), &word);
        assert_eq!(toks.len(), 1);
        assert!(toks[0].0.len() <= MAX_TERM_BYTES);
        assert_eq!(toks[0].5, word.len());
    }
}

//! Positional postings: for one term, the documents it occurs in and, in each, its positions,
//! with how each occurrence was written.
//!
//! ```text
//! POST (documents only), per term:
//!            varint documents, varint deltas of the ascending document numbers
//! POSP (with positions), per term:
//!            varint (forms << 1 | spans)
//!            forms × (varint len + UTF-8)     how the term was written (see below)
//!            varint documents
//!            per document: varint delta of the document number,
//!              varint (occurrences << 1 | in the title), [varint occurrences in the title],
//!              per occurrence: varint delta of the position (the first from 0),
//!                              [varint form index]  when forms > 1
//!                              [varint span − 1]    when spans is set
//! ```
//!
//! An index holds one of the two. Positions cost: on the seed page the postings grow from 574
//! to 7,412 bytes brotli, more than the articles' own text (5.6 KB), which a small index ships
//! anyway for snippets — so a small index stores documents only and the searcher derives
//! positions by tokenizing a candidate's text; an archive stores positions, so that ranking
//! reads no text and only the shown hits' texts are fetched.
//!
//! A *form* is an occurrence's original text as [`crate::query::literal`] reads it (ASCII lower
//! case, no white space): the literal-before-folded ranking compares it with the query as typed,
//! so no article text is needed to rank. `forms = 0` says the only form is the term itself (every
//! ASCII word, and CJK text already in folded form); a traditional character folded to its
//! simplified key stores its one form once per term, not per occurrence. `spans` is set only for
//! terms that cover several positions somewhere (joined compounds such as `deepseekr1`). The title
//! comes first in an article's positions, so its occurrences are a document's first ones: their
//! number says which weigh as title occurrences (rare, hence a flag bit and no byte otherwise).
//! Documents-only postings need no such thing: the searcher reads the title from the text.
//!
//! Positions make phrases (adjacent positions), proximity and term frequency computable from the
//! postings alone: ranking needs no article text, so an archive's texts can stay in shards that
//! are fetched for the shown hits only.

use crate::varint;

/// Most forms a term records; further spellings count as not literal (never seen in real text:
/// the most in 10,000 poems is 3).
pub const MAX_FORMS: usize = 16;

/// One occurrence of a term in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Position of its first unit.
    pub pos: u32,
    /// Positions it covers (1 but for joined compounds).
    pub span: u32,
    /// Index into the term's forms ([`Postings::form`]).
    pub form: u16,
    /// It stands in the title.
    pub title: bool,
}

/// A term's decoded postings.
#[derive(Debug, Default)]
pub struct Postings<'a> {
    forms: Vec<&'a str>,
    /// Ascending document numbers.
    docs: Vec<u32>,
    /// `occs[starts[i]..starts[i + 1]]` are the occurrences in `docs[i]`, by position.
    starts: Vec<u32>,
    occs: Vec<Occurrence>,
}

impl<'a> Postings<'a> {
    /// Decodes the postings at the start of `bytes`, for an index of `n_docs` documents, with
    /// positions (POSP) or without (POST). `None` when they are malformed.
    pub fn read(bytes: &'a [u8], n_docs: u32, positions: bool) -> Option<Postings<'a>> {
        let mut at = 0;
        if !positions {
            return Self::read_docs(bytes, n_docs);
        }
        let head = varint::get(bytes, &mut at)?;
        let (n_forms, spans) = (head >> 1, head & 1 == 1);
        if n_forms > MAX_FORMS as u64 {
            return None;
        }
        let mut p = Postings::default();
        for _ in 0..n_forms {
            let len = usize::try_from(varint::get(bytes, &mut at)?).ok()?;
            p.forms
                .push(std::str::from_utf8(bytes.get(at..at.checked_add(len)?)?).ok()?);
            at += len;
        }
        let n = varint::get(bytes, &mut at)?;
        if n > u64::from(n_docs) {
            return None;
        }
        let mut doc: u64 = 0;
        p.starts.push(0);
        for i in 0..n {
            p.docs.push(next_doc(bytes, &mut at, i, &mut doc, n_docs)?);
            let head = varint::get(bytes, &mut at)?;
            let count = head >> 1;
            let in_title = if head & 1 == 1 {
                varint::get(bytes, &mut at)?
            } else {
                0
            };
            // Every occurrence takes at least one byte: a count beyond the bytes left is damage,
            // not a reason to allocate.
            if count == 0 || count > (bytes.len() - at) as u64 || in_title > count {
                return None;
            }
            let mut pos: u32 = 0;
            for i in 0..count {
                pos = pos.checked_add(u32::try_from(varint::get(bytes, &mut at)?).ok()?)?;
                let form = if n_forms > 1 {
                    u16::try_from(varint::get(bytes, &mut at)?)
                        .ok()
                        .filter(|&f| u64::from(f) < n_forms)?
                } else {
                    0
                };
                let span = if spans {
                    u32::try_from(varint::get(bytes, &mut at)?)
                        .ok()?
                        .checked_add(1)?
                } else {
                    1
                };
                p.occs.push(Occurrence {
                    pos,
                    span,
                    form,
                    title: i < in_title,
                });
            }
            p.starts.push(u32::try_from(p.occs.len()).ok()?);
        }
        Some(p)
    }

    fn read_docs(bytes: &'a [u8], n_docs: u32) -> Option<Postings<'a>> {
        let mut at = 0;
        let n = varint::get(bytes, &mut at)?;
        if n > u64::from(n_docs) {
            return None;
        }
        let mut p = Postings::default();
        let mut doc: u64 = 0;
        for i in 0..n {
            p.docs.push(next_doc(bytes, &mut at, i, &mut doc, n_docs)?);
        }
        Some(p)
    }

    /// Whether these postings hold positions.
    pub fn has_positions(&self) -> bool {
        !self.starts.is_empty()
    }

    /// The ascending document numbers.
    pub fn docs(&self) -> &[u32] {
        &self.docs
    }

    /// The occurrences in document `d`, by position (empty when the term is not in it).
    pub fn in_doc(&self, d: u32) -> &[Occurrence] {
        let Ok(i) = self.docs.binary_search(&d) else {
            return &[];
        };
        let (Some(&s), Some(&e)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return &[];
        };
        self.occs.get(s as usize..e as usize).unwrap_or(&[])
    }

    /// How occurrence form `i` was written; `None` when the term's only form is its own text.
    pub fn form(&self, i: u16) -> Option<&'a str> {
        self.forms.get(usize::from(i)).copied()
    }
}

/// The `i`-th document number of a list: a delta from `doc` (which it updates), strictly
/// ascending after the first, below `n_docs`.
fn next_doc(bytes: &[u8], at: &mut usize, i: u64, doc: &mut u64, n_docs: u32) -> Option<u32> {
    let delta = varint::get(bytes, at)?;
    if i > 0 && delta == 0 {
        return None;
    }
    *doc = doc.checked_add(delta)?;
    u32::try_from(*doc).ok().filter(|&d| d < n_docs)
}

/// Writing postings (feature `write`).
#[cfg(feature = "write")]
pub mod write {
    use super::MAX_FORMS;
    use crate::varint;

    /// An occurrence as the writer keeps it: position, span, form index, in the title.
    type Occ = (u32, u32, u16, bool);

    /// One term's postings as the writer collects them.
    #[derive(Debug, Default)]
    pub struct TermPostings {
        forms: Vec<String>,
        /// `(document, its occurrences)`, documents ascending.
        docs: Vec<(u32, Vec<Occ>)>,
    }

    impl TermPostings {
        /// Records an occurrence written `form` at `pos` (covering `span` positions, in the
        /// title or not) in document `d`; documents must come in ascending order, positions
        /// ascending within one (the title's first).
        pub fn add(&mut self, d: u32, pos: u32, span: u32, form: &str, title: bool) {
            let f = match self.forms.iter().position(|f| f == form) {
                Some(f) => f,
                None if self.forms.len() < MAX_FORMS => {
                    self.forms.push(form.to_string());
                    self.forms.len() - 1
                }
                // A spelling beyond the cap is recorded as the first one's.
                None => 0,
            };
            if self.docs.last().map(|l| l.0) != Some(d) {
                self.docs.push((d, Vec::new()));
            }
            if let Some((_, occs)) = self.docs.last_mut() {
                occs.push((pos, span, f as u16, title));
            }
        }

        /// Appends the encoding of these postings of term `key` to `out`, with positions or
        /// without.
        pub fn encode(&self, key: &str, positions: bool, out: &mut Vec<u8>) {
            if !positions {
                varint::put(out, self.docs.len() as u64);
                let mut prev = 0;
                for (d, _) in &self.docs {
                    varint::put(out, u64::from(d - prev));
                    prev = *d;
                }
                return;
            }
            let implicit = matches!(self.forms.as_slice(), [only] if only == key);
            let n_forms = if implicit { 0 } else { self.forms.len() };
            let spans = self.docs.iter().flat_map(|d| &d.1).any(|o| o.1 != 1);
            varint::put(out, (n_forms as u64) << 1 | u64::from(spans));
            for f in self.forms.iter().take(n_forms) {
                varint::put(out, f.len() as u64);
                out.extend_from_slice(f.as_bytes());
            }
            varint::put(out, self.docs.len() as u64);
            let mut prev = 0;
            for (d, occs) in &self.docs {
                varint::put(out, u64::from(d - prev));
                prev = *d;
                let in_title = occs.iter().take_while(|o| o.3).count() as u64;
                varint::put(out, (occs.len() as u64) << 1 | u64::from(in_title > 0));
                if in_title > 0 {
                    varint::put(out, in_title);
                }
                let mut last = 0;
                for &(pos, span, form, _) in occs {
                    varint::put(out, u64::from(pos - last));
                    last = pos;
                    if n_forms > 1 {
                        varint::put(out, u64::from(form));
                    }
                    if spans {
                        varint::put(out, u64::from(span - 1));
                    }
                }
            }
        }
    }
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::write::TermPostings;
    use super::*;

    #[test]
    fn round_trip_with_forms_and_spans() {
        let mut t = TermPostings::default();
        t.add(3, 0, 1, "遊", true);
        t.add(3, 7, 1, "游", false);
        t.add(9, 2, 2, "遊", false);
        let mut bytes = Vec::new();
        t.encode("游", true, &mut bytes);
        let p = Postings::read(&bytes, 10, true).unwrap();
        assert!(p.has_positions());
        assert_eq!(p.docs(), [3, 9]);
        let in3 = p.in_doc(3);
        assert_eq!(in3.len(), 2);
        assert_eq!((in3[1].pos, p.form(in3[1].form)), (7, Some("游")));
        assert!(in3[0].title && !in3[1].title);
        assert_eq!((p.in_doc(9)[0].span, p.form(0)), (2, Some("遊")));
        assert!(p.in_doc(4).is_empty());
        assert!(Postings::read(&bytes, 9, true).is_none(), "document 9 of 9");
        let mut docs = Vec::new();
        t.encode("游", false, &mut docs);
        assert_eq!(docs, [2, 3, 6]);
        let p = Postings::read(&docs, 10, false).unwrap();
        assert_eq!((p.docs(), p.has_positions()), (&[3, 9][..], false));
    }

    #[test]
    fn a_term_written_as_itself_stores_no_form() {
        let mut t = TermPostings::default();
        t.add(0, 4, 1, "gpt", false);
        let mut bytes = Vec::new();
        t.encode("gpt", true, &mut bytes);
        assert_eq!(bytes, [0, 1, 0, 2, 4]);
        let p = Postings::read(&bytes, 1, true).unwrap();
        assert_eq!(p.form(0), None);
    }

    #[test]
    fn damaged_postings_are_refused_not_trusted() {
        let mut t = TermPostings::default();
        for d in 0..5 {
            t.add(d, d, 1, "x", d == 2);
        }
        for positions in [true, false] {
            let mut bytes = Vec::new();
            t.encode("y", positions, &mut bytes);
            for cut in 0..bytes.len() {
                assert!(
                    Postings::read(&bytes[..cut], 5, positions).is_none(),
                    "cut at {cut}"
                );
            }
        }
        // A huge occurrence count must not allocate or loop.
        assert!(Postings::read(&[0, 1, 0, 0xFF, 0xFF, 0xFF, 0x0F], 1, true).is_none());
        assert!(
            Postings::read(&[0, 1, 0, 3, 2, 0], 1, true).is_none(),
            "2 of 1 in the title"
        );
    }
}

//! Reflow of extracted text: lines broken by a page layout joined back into paragraphs.
//!
//! - Paragraphs are separated by blank lines; the lines of a paragraph are joined.
//! - Lines join without a space unless both sides are ASCII (so CJK text, broken anywhere, becomes
//!   whole again: 推理 / 模型 → 推理模型).
//! - A line-end hyphen between two ASCII letters is dropped when the joined word occurs elsewhere
//!   in the corpus (Deep- / Seek → DeepSeek, because "DeepSeek" occurs); otherwise it stays
//!   (state-of- / the-art keeps its hyphen).

use std::collections::HashSet;

/// Lower-cased ASCII words of `text` (maximal runs of ASCII letters), for [`reflow`]'s hyphen rule.
pub fn words(text: &str, into: &mut HashSet<String>) {
    for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
        if !w.is_empty() {
            into.insert(w.to_ascii_lowercase());
        }
    }
}

fn trailing_letters(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    s.get(start..).unwrap_or("")
}

fn leading_letters(s: &str) -> &str {
    let end = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    &s[..end]
}

/// Joins the lines of one paragraph.
pub fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>, known: &HashSet<String>) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let prev = out.chars().last();
        let next = line.chars().next();
        if let (Some(p), Some(n)) = (prev, next) {
            let before_hyphen = out.strip_suffix('-').map(trailing_letters).unwrap_or("");
            if p == '-' && !before_hyphen.is_empty() && n.is_ascii_alphabetic() {
                let joined =
                    format!("{before_hyphen}{}", leading_letters(line)).to_ascii_lowercase();
                if known.contains(&joined) {
                    out.pop();
                }
            } else if p.is_ascii() && n.is_ascii() && p != '-' {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

/// Reflows a text: paragraphs (separated by blank lines) joined line by line, one blank line
/// between paragraphs.
pub fn reflow(text: &str, known: &HashSet<String>) -> String {
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(join_lines(current.drain(..), known));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(join_lines(current, known));
    }
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn cjk_lines_join_without_space() {
        assert_eq!(reflow("推理\n模型研究", &known(&[])), "推理模型研究");
    }

    #[test]
    fn hyphen_dropped_only_for_known_words() {
        let k = known(&["deepseek"]);
        assert_eq!(reflow("提供，Deep-\nSeek-R1為", &k), "提供，DeepSeek-R1為");
        assert_eq!(reflow("state-of-\nthe-art", &k), "state-of-the-art");
    }

    #[test]
    fn ascii_lines_join_with_a_space_and_paragraphs_stay() {
        assert_eq!(
            reflow("one\ntwo\n\n\nthree", &known(&[])),
            "one two\n\nthree"
        );
    }
}

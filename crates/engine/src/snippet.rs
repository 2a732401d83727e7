//! Snippets: the best window of an article's original text around the matches, and highlight
//! ranges in UTF-16 code units (what JavaScript strings index with).
//!
//! Architecture invariant: this module sees only text and byte spans; it knows nothing of
//! terms, tokens or the index.

/// Width of a snippet in cells: a CJK (wide) character takes two cells, others one. 110 cells is
/// about 55 Chinese characters or 110 Latin letters, two lines of a result list.
pub const SNIPPET_CELLS: usize = 110;

fn cells(c: char) -> usize {
    if (c as u32) >= 0x1100 && !matches!(c as u32, 0x2000..=0x206F) {
        2
    } else {
        1
    }
}

/// A matched byte range `(start, end, terms)`: `terms` has bit `t` set when query term `t`
/// matched there, so that a snippet can prefer windows showing more of the query.
pub type Span = (usize, usize, u32);

/// Sorts spans and merges those that overlap or touch (their term bits are combined).
pub fn merge(spans: &mut Vec<Span>) {
    let mut keys: Vec<u64> = spans
        .iter()
        .enumerate()
        .map(|(i, &(s, _, _))| (s as u64) << 32 | (i as u64 & 0xFFFF_FFFF))
        .collect();
    crate::sort::sort_u64(&mut keys);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for k in keys {
        let Some(&(s, e, t)) = spans.get((k & 0xFFFF_FFFF) as usize) else {
            continue;
        };
        match out.last_mut() {
            Some(last) if s <= last.1 => {
                last.1 = last.1.max(e);
                last.2 |= t;
            }
            _ => out.push((s, e, t)),
        }
    }
    *spans = out;
}

/// The byte offset `budget` cells after `from` (or the end of the text).
fn forward(text: &str, from: usize, budget: usize) -> usize {
    let mut used = 0;
    for (i, c) in text.get(from..).unwrap_or("").char_indices() {
        used += cells(c);
        if used > budget {
            return from + i;
        }
    }
    text.len()
}

/// Where to start a window so that `anchor` is preceded by some context, preferring the start of
/// a sentence or paragraph when one is near.
fn back(text: &str, anchor: usize, budget: usize) -> usize {
    let mut used = 0;
    let mut start = anchor;
    for (i, c) in text.get(..anchor).unwrap_or("").char_indices().rev() {
        if matches!(c, '\n' | '。' | '！' | '？' | '.' | '!' | '?') && used > 0 {
            return start;
        }
        used += cells(c);
        if used > budget {
            break;
        }
        start = i;
    }
    start
}

/// A snippet of `text` around the byte `spans` (sorted, merged), with highlights. The window
/// shows as many different query terms as it can, then as many matches: every span is tried as
/// the window's first match, in one pass over the text (two pointers, term counts kept as the
/// window slides).
pub fn snippet(text: &str, spans: &[Span]) -> (String, Vec<[u32; 2]>) {
    let budget = SNIPPET_CELLS * 3 / 4;
    let mut counts = [0u32; 32];
    let bits = |t: u32| (0..32).filter(move |b| t & (1 << b) != 0);
    // ((distinct terms, matches), start) of the best window so far.
    let mut best = ((0u32, 0usize), 0usize);
    let (mut j, mut end, mut used, mut prev) = (0usize, 0usize, 0usize, 0usize);
    for (i, &(s, _, _)) in spans.iter().enumerate() {
        // The previous first match leaves the window (if it was ever inside it).
        if i > 0 && j >= i {
            if let Some(&(_, _, t)) = spans.get(i - 1) {
                bits(t).for_each(|b| counts[b] -= 1);
            }
        }
        j = j.max(i);
        if s >= end {
            (end, used) = (s, 0);
        } else {
            used -= text
                .get(prev..s)
                .unwrap_or("")
                .chars()
                .map(cells)
                .sum::<usize>()
                .min(used);
        }
        prev = s;
        for c in text.get(end..).unwrap_or("").chars() {
            if used + cells(c) > budget {
                break;
            }
            used += cells(c);
            end += c.len_utf8();
        }
        while let Some(&(_, _, t)) = spans.get(j).filter(|sp| sp.1 <= end) {
            bits(t).for_each(|b| counts[b] += 1);
            j += 1;
        }
        let value = (counts.iter().filter(|&&c| c > 0).count() as u32, j - i);
        if value > best.0 {
            best = (value, s);
        }
    }
    let start = if best.0 .1 == 0 {
        0
    } else {
        back(text, best.1, SNIPPET_CELLS / 4)
    };
    let end = forward(text, start, SNIPPET_CELLS);
    render(text, start, end, spans)
}

/// The whole `text` with its whitespace as it is, and the `spans` as UTF-16 ranges.
pub fn highlight(text: &str, spans: &[Span]) -> Vec<[u32; 2]> {
    let mut out = Vec::new();
    let mut units = 0u32;
    let mut k = 0;
    let mut open: Option<u32> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\0')))
    {
        while let Some(&(s, e, _)) = spans.get(k) {
            if open.is_none() && s <= i {
                open = Some(units);
            }
            if open.is_some() && e <= i {
                if let Some(o) = open.take() {
                    if units > o {
                        out.push([o, units]);
                    }
                }
                k += 1;
                continue;
            }
            break;
        }
        if i < text.len() {
            units += c.len_utf16() as u32;
        }
    }
    out
}

fn wide(c: char) -> bool {
    !c.is_ascii()
}

/// Renders `text[start..end]` with whitespace runs collapsed to one space (a single line break
/// between two wide characters disappears: it is a reflow artifact; a blank line, a paragraph
/// break, stays a space), an ellipsis where text was cut, and the
/// parts of `spans` inside the window as UTF-16 ranges of the result.
fn render(text: &str, start: usize, end: usize, spans: &[Span]) -> (String, Vec<[u32; 2]>) {
    let mut out = String::new();
    let mut units = 0u32;
    let mut marks: Vec<[u32; 2]> = Vec::new();
    if start > 0 {
        out.push('…');
        units += 1;
    }
    let window = text.get(start..end).unwrap_or("");
    let mut k = spans.partition_point(|&(_, e, _)| e <= start);
    let mut open: Option<u32> = None;
    let mut pending_ws: Option<u32> = None; // Some(line breaks in the run)
    let mut prev: Option<char> = None;
    for (j, c) in window.char_indices() {
        let i = start + j;
        if c.is_whitespace() {
            pending_ws = Some(pending_ws.unwrap_or(0) + u32::from(c == '\n'));
            continue;
        }
        // Close the highlights that ended before this character, before any pending space, so
        // that a highlight never takes in the white space after it.
        while let Some(&(_, e, _)) = spans.get(k) {
            if e > i {
                break;
            }
            if let Some(o) = open.take() {
                marks.push([o, units]);
            }
            k += 1;
        }
        if let Some(nl) = pending_ws.take() {
            let joins = nl == 1 && prev.is_some_and(wide) && wide(c);
            if !joins && prev.is_some() {
                out.push(' ');
                units += 1;
            }
        }
        if let Some(&(s, _, _)) = spans.get(k) {
            if open.is_none() && s <= i {
                open = Some(units);
            }
        }
        out.push(c);
        units += c.len_utf16() as u32;
        prev = Some(c);
    }
    if let Some(o) = open.take() {
        marks.push([o, units]);
    }
    if end < text.len() {
        out.push('…');
    }
    marks.retain(|m| m[1] > m[0]);
    (out, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &str, marks: &[[u32; 2]]) -> Vec<String> {
        let units: Vec<u16> = s.encode_utf16().collect();
        marks
            .iter()
            .map(|m| String::from_utf16_lossy(&units[m[0] as usize..m[1] as usize]))
            .collect()
    }

    #[test]
    fn highlights_cover_the_match() {
        let text = "前言。DeepSeek-R1 模型\n研究 😀 論文";
        let s = text.find("模型").unwrap();
        let t = text.find("論文").unwrap();
        let (snip, marks) = snippet(text, &[(s, s + 6, 1), (t, t + 6, 2)]);
        assert_eq!(marked(&snip, &marks), vec!["模型", "論文"]);
        assert!(!snip.contains('\n'));
    }

    #[test]
    fn the_window_prefers_more_terms_and_marks_no_trailing_space() {
        let text = format!(
            "{}DeepSeek 說 DeepSeek 說 DeepSeek。{}開源 DeepSeek。",
            "甲".repeat(80),
            "乙".repeat(80)
        );
        let mut spans: Vec<Span> = text
            .match_indices("DeepSeek")
            .map(|(i, m)| (i, i + m.len(), 1))
            .collect();
        let k = text.find("開源").unwrap();
        spans.push((k, k + 6, 2));
        merge(&mut spans);
        let (snip, marks) = snippet(&text, &spans);
        assert_eq!(marked(&snip, &marks), vec!["開源", "DeepSeek"]);
    }

    #[test]
    fn long_text_gets_ellipses() {
        let text = "甲".repeat(200) + "目標" + &"乙".repeat(200);
        let s = text.find("目標").unwrap();
        let (snip, marks) = snippet(&text, &[(s, s + 6, 1)]);
        assert!(snip.starts_with('…') && snip.ends_with('…'));
        assert_eq!(marked(&snip, &marks), vec!["目標"]);
        assert!(snip.chars().count() < 80);
    }

    #[test]
    fn reflowed_line_breaks_vanish_between_wide_characters() {
        let (snip, _) = snippet("推理\n模型 and\nmore\n\n段落", &[]);
        assert_eq!(snip, "推理模型 and more 段落");
    }

    #[test]
    fn whole_text_highlight() {
        let text = "a😀b劉權c";
        let s = text.find("劉").unwrap();
        let marks = highlight(text, &[(s, s + 6, 1)]);
        assert_eq!(marked(text, &marks), vec!["劉權"]);
    }

    #[test]
    fn merge_joins_overlaps() {
        let mut v = vec![(5, 8, 1), (0, 2, 1), (1, 3, 2), (8, 9, 4)];
        merge(&mut v);
        assert_eq!(v, vec![(0, 3, 3), (5, 9, 5)]);
    }
}

//! Snippets: the best window of an article's original text around the matches, and highlight
//! ranges in UTF-16 code units (what JavaScript strings index with).
//!
//! Architecture invariant: this module sees only text and byte spans; it knows nothing of
//! terms, tokens or the index.

/// Width of a snippet in cells: a CJK (wide) character takes two cells, others one. 110 cells is
/// about 55 Chinese characters or 110 Latin letters, two lines of a result list.
pub const SNIPPET_CELLS: usize = 110;
/// Most spans looked at when choosing the window.
const MAX_ANCHORS: usize = 16;

fn cells(c: char) -> usize {
    if (c as u32) >= 0x1100 && !matches!(c as u32, 0x2000..=0x206F) {
        2
    } else {
        1
    }
}

/// Sorts spans and merges those that overlap or touch.
pub fn merge(spans: &mut Vec<(usize, usize)>) {
    let mut keys: Vec<u64> = spans
        .iter()
        .map(|&(s, e)| (s as u64) << 32 | (e as u64 & 0xFFFF_FFFF))
        .collect();
    crate::sort::sort_u64(&mut keys);
    *spans = keys
        .iter()
        .map(|&k| ((k >> 32) as usize, (k & 0xFFFF_FFFF) as usize))
        .collect();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for &(s, e) in spans.iter() {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
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

/// A snippet of `text` around the byte `spans` (sorted, merged), with highlights.
pub fn snippet(text: &str, spans: &[(usize, usize)]) -> (String, Vec<[u32; 2]>) {
    let mut best = (0usize, 0usize, SNIPPET_CELLS);
    for (i, &(s, _)) in spans.iter().enumerate().take(MAX_ANCHORS) {
        let end = forward(text, s, SNIPPET_CELLS * 3 / 4);
        let covered = spans[i..].iter().take_while(|&&(_, e)| e <= end).count();
        if covered > best.1 {
            best = (s, covered, 0);
        }
    }
    let start = if best.1 == 0 {
        0
    } else {
        back(text, best.0, SNIPPET_CELLS / 4)
    };
    let end = forward(text, start, SNIPPET_CELLS);
    render(text, start, end, spans)
}

/// The whole `text` with its whitespace as it is, and the `spans` as UTF-16 ranges.
pub fn highlight(text: &str, spans: &[(usize, usize)]) -> Vec<[u32; 2]> {
    let mut out = Vec::new();
    let mut units = 0u32;
    let mut k = 0;
    let mut open: Option<u32> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\0')))
    {
        while let Some(&(s, e)) = spans.get(k) {
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
fn render(
    text: &str,
    start: usize,
    end: usize,
    spans: &[(usize, usize)],
) -> (String, Vec<[u32; 2]>) {
    let mut out = String::new();
    let mut units = 0u32;
    let mut marks: Vec<[u32; 2]> = Vec::new();
    if start > 0 {
        out.push('…');
        units += 1;
    }
    let window = text.get(start..end).unwrap_or("");
    let mut k = spans.partition_point(|&(_, e)| e <= start);
    let mut open: Option<u32> = None;
    let mut pending_ws: Option<u32> = None; // Some(line breaks in the run)
    let mut prev: Option<char> = None;
    for (j, c) in window.char_indices() {
        let i = start + j;
        if c.is_whitespace() {
            pending_ws = Some(pending_ws.unwrap_or(0) + u32::from(c == '\n'));
            continue;
        }
        if let Some(nl) = pending_ws.take() {
            let joins = nl == 1 && prev.is_some_and(wide) && wide(c);
            if !joins && prev.is_some() {
                out.push(' ');
                units += 1;
            }
        }
        // Close, then open, highlights at this character.
        while let Some(&(s, e)) = spans.get(k) {
            if open.is_some() && e <= i {
                if let Some(o) = open.take() {
                    marks.push([o, units]);
                }
                k += 1;
            } else if open.is_none() && s <= i && i < e {
                open = Some(units);
                break;
            } else if e <= i {
                k += 1;
            } else {
                break;
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
        let (snip, marks) = snippet(text, &[(s, s + 6), (t, t + 6)]);
        assert_eq!(marked(&snip, &marks), vec!["模型", "論文"]);
        assert!(!snip.contains('\n'));
    }

    #[test]
    fn long_text_gets_ellipses() {
        let text = "甲".repeat(200) + "目標" + &"乙".repeat(200);
        let s = text.find("目標").unwrap();
        let (snip, marks) = snippet(&text, &[(s, s + 6)]);
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
        let marks = highlight(text, &[(s, s + 6)]);
        assert_eq!(marked(text, &marks), vec!["劉權"]);
    }

    #[test]
    fn merge_joins_overlaps() {
        let mut v = vec![(5, 8), (0, 2), (1, 3), (8, 9)];
        merge(&mut v);
        assert_eq!(v, vec![(0, 3), (5, 9)]);
    }
}

//! Splits the newspaper page in `seeds/_source/` into the four article files of `seeds/`.
//!
//! This is the editorial step, kept so that it can be redone and reviewed: which lines of the
//! page belong to which article, which are headlines, subheads and captions. The line joining
//! itself is the indexer's reflow (the same code that reflows .txt articles at build time).
//! `tests/seeds.rs` checks that the result covers every character of the page exactly once.
//!
//!     cargo run -p article-search-indexer --example split_page

use std::collections::HashSet;
use std::path::Path;

use article_search_indexer::reflow;

enum Block {
    Para(usize, usize),
    Subhead(usize),
    Caption(usize, usize),
}
use Block::*;

struct Spec {
    id: &'static str,
    title: &'static [usize],
    section: Option<usize>,
    source: &'static str,
    byline: &'static str,
    blocks: &'static [Block],
}

const SPECS: &[Spec] = &[
    Spec {
        id: "deepseek-r1-nature",
        title: &[2, 3, 4],
        section: None,
        source: "香港文匯報",
        byline: "記者 劉凝哲、郭瀚林 北京報道",
        blocks: &[
            Para(6, 28),
            Caption(194, 196),
            Para(198, 205),
            Subhead(207),
            Para(208, 215),
            Para(216, 219),
            Para(220, 228),
            Para(229, 233),
            Para(234, 240),
            Subhead(242),
            Para(243, 258),
            Para(259, 273),
        ],
    },
    Spec {
        id: "tiktok-commerce-ministry",
        title: &[85],
        section: None,
        source: "香港文匯報",
        byline: "記者 朱燁 北京報道",
        blocks: &[
            Para(29, 35),
            Para(36, 41),
            Para(43, 47),
            Para(48, 57),
            Subhead(59),
            Para(60, 67),
            Para(68, 83),
        ],
    },
    Spec {
        id: "german-trade-shows",
        title: &[189],
        section: Some(190),
        source: "新華社",
        byline: "",
        blocks: &[
            Para(87, 99),
            Para(101, 129),
            Subhead(131),
            Para(132, 142),
            Para(144, 160),
            Subhead(162),
            Para(163, 187),
            Caption(192, 193),
        ],
    },
    Spec {
        id: "sci-tech-finance-14th-five-year",
        title: &[327],
        section: None,
        source: "香港文匯報",
        byline: "記者 劉凝哲 北京報道",
        blocks: &[
            Para(275, 288),
            Para(289, 298),
            Subhead(300),
            Para(301, 309),
            Para(311, 317),
            Para(318, 325),
        ],
    },
];

/// Removes the spaces of a spaced-out run of non-ASCII characters: the page justifies some lines
/// that way ("文 件 中 ， DeepSeek"). A single space between words ("記者 劉凝哲") stays.
fn unjustify(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = chars[..i].iter().rev().find(|c| **c != ' ');
            let next = chars[i + 1..].iter().find(|c| **c != ' ');
            let spaced =
                chars.get(i.wrapping_sub(2)) == Some(&' ') || chars.get(i + 2) == Some(&' ');
            if spaced && prev.is_some_and(|p| !p.is_ascii()) && next.is_some_and(|n| !n.is_ascii())
            {
                continue;
            }
            if out.ends_with(' ') {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let page = std::fs::read_to_string(root.join("seeds/_source/wenweipo-2025-09-19-page.txt"))
        .expect("page");
    let lines: Vec<&str> = page.lines().collect();
    let mut known = HashSet::new();
    reflow::words(&page, &mut known);
    let range = |a: usize, b: usize| {
        unjustify(&reflow::join_lines(lines[a - 1..b].iter().copied(), &known))
    };
    for spec in SPECS {
        let title: Vec<&str> = spec.title.iter().map(|&l| lines[l - 1].trim()).collect();
        let mut out = String::from("+++\n");
        out += &format!("id = \"{}\"\n", spec.id);
        out += &format!("title = \"{}\"\n", title.join(" "));
        out += "date = \"2025-09-19\"\n";
        out += &format!("source = \"{}\"\n", spec.source);
        if !spec.byline.is_empty() {
            out += &format!("byline = \"{}\"\n", spec.byline);
        }
        if let Some(l) = spec.section {
            out += &format!("section = \"{}\"\n", lines[l - 1].trim());
        }
        out += "+++\n";
        for block in spec.blocks {
            out += "\n";
            match *block {
                Para(a, b) | Caption(a, b) => out += &range(a, b),
                Subhead(l) => out += &format!("## {}", lines[l - 1].trim()),
            }
            out += "\n";
        }
        std::fs::write(root.join(format!("seeds/{}.md", spec.id)), out).expect("write");
    }
}

//! Real site layouts, with sentinel words: a Hugo content tree (sections, a page bundle, a list
//! page, a draft, a future post, a language folder, shortcodes, raw HTML, comments, scripts,
//! styles, tables, reference links, code) and a Jekyll tree (`_posts`, `_drafts`, layouts, Liquid,
//! `{% raw %}`). Words placed only where a reader never sees them find nothing; words a reader
//! sees are found; URLs follow the tree's pattern.

use std::path::Path;

use engine::{Engine, Options};
use indexer::{build_dir_with, Built, LoadOptions};

fn build(dir: &str) -> Built {
    let options = LoadOptions {
        // A fixed clock: 2026-01-01.
        now: engine::date::When::parse("2026-01-01").unwrap().seconds,
        ..LoadOptions::default()
    };
    build_dir_with(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &options)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
}

fn total(engine: &Engine, q: &str) -> u32 {
    engine.search(q, Options::default()).total
}

/// Words the Hugo fixture puts only where readers never see them (attributes, URLs, comments,
/// scripts, styles, shortcode parameters, list pages), in its tree and in its built pages alike.
const HIDDEN: &[&str] = &[
    "srcsentinel",
    "attrsentinel",
    "attrsentinel2",
    "scriptsentinel",
    "stylesentinel",
    "commentsentinel",
    "urlsentinel",
    "urlsentinel2",
    "listpageonly",
    "nbsp",
    "class",
];

/// Words readers see: in text, tables, code, headings, categories, descriptions, alt text.
const VISIBLE: &[&str] = &[
    "htmlvisible",
    "tablecellsentinel",
    "pairedsentinel",
    "codesentinel",
    "categorysentinel",
    "descriptionsentinel",
    "englishsentinel",
    "englishsummary",
    "說明文件",
    "體積圖表",
];

#[track_caller]
fn check_words(engine: &Engine, hidden: &[&str], visible: &[&str]) {
    for &w in hidden {
        assert_eq!(total(engine, w), 0, "{w} is not visible text");
    }
    for &w in visible {
        assert_eq!(total(engine, w), 1, "{w} is visible text");
    }
}

#[test]
fn a_hugo_tree_indexes_what_readers_see() {
    let built = build("tests/fixtures/hugo/content");
    let engine = Engine::open(&built.bytes).unwrap();
    let tree_only: &[&str] = &[
        "draftsentinel",
        "futuresentinel",
        "figure",
        "div",
        "href",
        "more",
        "cover",
    ];
    check_words(
        &engine,
        &[HIDDEN, tree_only].concat(),
        &[VISIBLE, &["引言"]].concat(),
    );
    let mut ids: Vec<&str> = built.articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["en-posts-hello", "posts-wasm-size"]);
    let wasm = built
        .articles
        .iter()
        .find(|a| a.id == "posts-wasm-size")
        .unwrap();
    assert_eq!(wasm.url, "/blog/posts/wasm-size/");
    assert_eq!(wasm.categories, ["categorysentinel"]);
    assert_eq!(wasm.tags, ["wasm", "體積"]);
    let anchors: Vec<&str> = wasm.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(anchors, ["intro", "code"]);
    assert!(wasm.body[wasm.headings[1].offset as usize..].starts_with("程式碼"));
    let hello = built
        .articles
        .iter()
        .find(|a| a.id == "en-posts-hello")
        .unwrap();
    assert_eq!(
        (hello.url.as_str(), hello.lang.as_str()),
        ("/blog/en/posts/hello/", "en")
    );
    // Snippets and bodies hold no markup.
    for q in ["htmlvisible", "瀏覽器", "和"] {
        for hit in engine.search(q, Options::default()).hits {
            for mark in ["<", ">", "{{", "{%", "|", "](", "&amp;", "&nbsp;"] {
                assert!(
                    !hit.snippet.contains(mark),
                    "{mark} in snippet {:?}",
                    hit.snippet
                );
            }
        }
    }
    for a in &built.articles {
        assert!(
            !a.body.contains('<') && !a.body.contains("{{"),
            "{}",
            a.body
        );
    }
    // The report says what was left out.
    let report = built.report(Path::new("content"));
    assert!(report.contains("draft-post.md:1: draft"), "{report}");
    assert!(
        report.contains("future-post.md:1: dated 2999-01-01 (in the future)"),
        "{report}"
    );
    assert!(report.contains("1 .png file"), "{report}");
    assert!(
        report.ends_with("indexed 2 articles from content (0 warnings, 3 left out)\n"),
        "{report}"
    );
}

#[test]
fn drafts_and_a_later_clock_are_options() {
    let options = LoadOptions {
        drafts: true,
        now: engine::date::When::parse("3000-01-01").unwrap().seconds,
        ..LoadOptions::default()
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hugo/content");
    let built = build_dir_with(&dir, &options).unwrap();
    assert_eq!(built.articles.len(), 4);
}

#[test]
fn a_jekyll_tree_reads_posts_and_liquid() {
    let built = build("tests/fixtures/jekyll");
    let engine = Engine::open(&built.bytes).unwrap();
    for hidden in [
        "liquidsentinel",
        "liquidoutput",
        "layoutsentinel",
        "configsentinel",
        "jekylldraftsentinel",
        "unpublishedsentinel",
        "include",
    ] {
        assert_eq!(total(&engine, hidden), 0, "{hidden}");
    }
    for visible in ["rawsentinel", "categorysentinel", "原樣保留", "之後"] {
        assert_eq!(total(&engine, visible), 1, "{visible}");
    }
    assert_eq!(built.articles.len(), 1);
    let post = &built.articles[0];
    assert_eq!(
        (post.date.as_str(), post.url.as_str()),
        ("2024-01-15", "/2024/01/15/liquid-post.html")
    );
    assert!(
        post.body.contains("{{ rawsentinel }}"),
        "raw keeps its inside: {}",
        post.body
    );
}

#[test]
fn a_built_html_folder_gives_the_same_articles_as_its_content_tree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hugo");
    let options = LoadOptions {
        now: engine::date::When::parse("2026-01-01").unwrap().seconds,
        search_dir: Some(root.join("public/search")),
        ..LoadOptions::default()
    };
    let html = build_dir_with(&root.join("public"), &options).unwrap();
    let tree = build("tests/fixtures/hugo/content");
    let titles = |b: &Built| {
        let mut t: Vec<String> = b.articles.iter().map(|a| a.title.clone()).collect();
        t.sort();
        t
    };
    assert_eq!(titles(&html), titles(&tree));
    let engine = Engine::open(&html.bytes).unwrap();
    let page_only: &[&str] = &[
        "navsentinel",
        "footersentinel",
        "asidesentinel",
        "headsentinel",
        "notfoundsentinel",
    ];
    check_words(&engine, &[HIDDEN, page_only].concat(), VISIBLE);
    let wasm = html
        .articles
        .iter()
        .find(|a| a.title == "WebAssembly 模組的體積")
        .unwrap();
    assert_eq!(wasm.url, "../posts/wasm-size/");
    assert_eq!(wasm.date, "2024-01-15T10:30:00+08:00");
    assert_eq!(wasm.lang, "zh-Hant");
    assert_eq!(wasm.tags, ["wasm", "體積"]);
    let anchors: Vec<&str> = wasm.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(anchors, ["intro", "code"]);
    assert!(
        wasm.body.contains("fn codesentinel() -> usize { 42 }"),
        "{}",
        wasm.body
    );
    let hello = html.articles.iter().find(|a| a.lang == "en").unwrap();
    assert_eq!(hello.url, "../en/posts/hello/");
    let report = html.report(Path::new("public"));
    assert!(
        report.contains("404.html: not an article: `noindex`"),
        "{report}"
    );
    assert!(
        report.contains(
            "public/index.html: not an article: no element with `data-article-search-body`"
        ),
        "{report}"
    );
}

#[test]
fn long_articles_give_sub_results_under_their_headings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hugo");
    let options = LoadOptions {
        now: engine::date::When::parse("2026-01-01").unwrap().seconds,
        search_dir: Some(root.join("public/search")),
        ..LoadOptions::default()
    };
    let built = build_dir_with(&root.join("public"), &options).unwrap();
    let engine = Engine::open(&built.bytes).unwrap();
    let hit = engine
        .search("codesentinel", Options::default())
        .hits
        .remove(0);
    assert_eq!(hit.sub_results.len(), 1);
    let sub = &hit.sub_results[0];
    assert_eq!(
        (sub.title.as_str(), sub.url.as_str()),
        ("程式碼", "../posts/wasm-size/#code")
    );
    assert!(sub.snippet.contains("codesentinel") && !sub.highlights.is_empty());
    // Two sections match: both come, each with its own anchor, in the article's order on a tie.
    let hit = engine
        .search("瀏覽器 codesentinel", Options::default())
        .hits
        .remove(0);
    let anchors: Vec<&str> = hit
        .sub_results
        .iter()
        .map(|s| s.url.rsplit('#').next().unwrap())
        .collect();
    assert_eq!(anchors, ["intro", "code"]);
    // The seed articles have no anchored headings, and in-page links get none.
    assert!(
        article_search::with_engine(|e| e.search("中國", Options::default()))
            .unwrap()
            .hits
            .iter()
            .all(|h| h.sub_results.is_empty())
    );
}

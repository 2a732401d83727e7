//! The search engine on the embedded seed articles, through the same `with_engine` the wasm
//! module and the CLI use: the example query table (tests/queries.json), query semantics,
//! ranking, snippets and highlights.

use article_search::{with_engine, Options, Results};

fn search(q: &str) -> Results {
    with_engine(|e| e.search(q, Options::default())).expect("the embedded index opens")
}

fn ids(q: &str) -> Vec<String> {
    search(q).hits.into_iter().map(|h| h.id).collect()
}

/// The UTF-16 ranges of `s`, as strings.
fn marked(s: &str, ranges: &[[u32; 2]]) -> Vec<String> {
    let units: Vec<u16> = s.encode_utf16().collect();
    ranges
        .iter()
        .map(|r| String::from_utf16(&units[r[0] as usize..r[1] as usize]).unwrap())
        .collect()
}

const DEEPSEEK: &str = "deepseek-r1-nature";
const TIKTOK: &str = "tiktok-commerce-ministry";

/// The example queries (tests/queries.json), shared with the wasm, browser and bench code.
fn example_queries() -> Vec<serde_json::Value> {
    let table: serde_json::Value = serde_json::from_str(include_str!("queries.json")).unwrap();
    table["queries"].as_array().unwrap().clone()
}

#[test]
fn every_example_query_finds_its_article() {
    let queries = example_queries();
    assert!(queries.len() >= 35);
    for e in queries {
        let q = e["query"].as_str().unwrap();
        let found = ids(q);
        if let Some(only) = e["only"].as_str() {
            assert_eq!(found, [only], "{} {q:?}", e["kind"]);
        } else if let Some(first) = e["first"].as_str() {
            assert_eq!(
                found.first().map(String::as_str),
                Some(first),
                "{} {q:?}",
                e["kind"]
            );
        } else {
            assert!(found.is_empty(), "{} {q:?}: {found:?}", e["kind"]);
        }
    }
}

#[test]
fn every_article_is_indexed() {
    let n = with_engine(|e| e.index().len()).unwrap();
    assert_eq!(n, 4);
    let titles: Vec<String> = with_engine(|e| e.list())
        .unwrap()
        .into_iter()
        .map(|h| h.title)
        .collect();
    assert!(titles.contains(&"商務部：TikTok問題中方立場一貫 絕不犧牲原則".to_string()));
}

#[test]
fn several_terms_all_must_match() {
    assert!(ids("TikTok 梁文鋒").is_empty());
}

#[test]
fn typos_are_tolerated_and_ranked_below_exact() {
    // An exact match outranks a fuzzy one even when the fuzzy article would score higher.
    let bytes = index_of(&[
        ("a", "tiktik tiktik tiktik tiktik"),
        ("b", "tiktok and more words here"),
    ]);
    let engine = engine::Engine::open(&bytes).unwrap();
    let r = engine.search("tiktok ", Options::default());
    assert_eq!(
        r.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["b", "a"]
    );
}

#[test]
fn prefixes_while_typing() {
    // A finished word (followed by a space) is not a prefix any more.
    assert!(ids("tik ").is_empty());
}

#[test]
fn absent_phrases_find_nothing() {
    for q in ["美國大選", "量子計算", "Huawei", "北京大學"] {
        assert_eq!(search(q).total, 0, "query {q:?}");
    }
    // Both halves occur, but never together.
    assert!(search("企業").total > 0 && search("研究").total > 0);
    assert_eq!(search("企業研究").total, 0);
}

#[test]
fn quotes_and_negation() {
    assert!(ids("\"評審 同行\"").is_empty());
    assert!(ids("中國 -DeepSeek").iter().all(|id| id != DEEPSEEK));
    assert!(ids("中國").contains(&DEEPSEEK.to_string()));
    // Only negations: nothing to look for.
    assert_eq!(search("-TikTok").total, 0);
}

#[test]
fn empty_and_blank_queries_have_no_hits() {
    for q in ["", " ", "\t\n", "　", "，。！", "-", "\"\"", "😀", "👨‍👩‍👧"] {
        let r = search(q);
        assert_eq!((r.total, r.hits.len()), (0, 0), "query {q:?}");
    }
}

#[test]
fn highlights_mark_the_original_characters() {
    let r = search("刘权");
    let hit = &r.hits[0];
    assert!(marked(&hit.snippet, &hit.highlights)
        .iter()
        .all(|m| m == "劉權"));
    let r = search("ＧＰＴ－４");
    let hit = &r.hits[0];
    assert_eq!(marked(&hit.snippet, &hit.highlights), ["GPT-4"]);
    let r = search("tiktok");
    assert_eq!(
        marked(&r.hits[0].title, &r.hits[0].title_highlights),
        ["TikTok"]
    );
}

#[test]
fn snippets_are_short_windows_of_the_original_text() {
    let r = search("陰和俊");
    let hit = &r.hits[0];
    assert!(hit.snippet.chars().count() <= 70, "{}", hit.snippet);
    assert!(hit.snippet.contains("陰和俊"));
    assert!(hit.snippet.starts_with('…'));
}

#[test]
fn article_view_marks_every_occurrence() {
    let a = with_engine(|e| e.article(TIKTOK, "周密")).unwrap().unwrap();
    let marks = marked(&a.body, &a.highlights);
    assert_eq!(marks.len(), a.body.matches("周密").count());
    assert!(marks.iter().all(|m| m == "周密"));
    assert!(with_engine(|e| e.article("nope", "")).unwrap().is_none());
}

#[test]
fn limit_and_offset_page_through_hits() {
    let all = with_engine(|e| {
        e.search(
            "中國",
            Options {
                limit: 100,
                offset: 0,
                ..Default::default()
            },
        )
    })
    .unwrap();
    let page = with_engine(|e| {
        e.search(
            "中國",
            Options {
                limit: 1,
                offset: 1,
                ..Default::default()
            },
        )
    })
    .unwrap();
    assert_eq!(page.total, all.total);
    assert_eq!(page.hits, all.hits[1..2]);
}

#[test]
fn long_queries_are_cut_not_refused() {
    let q = "中".repeat(1 << 20);
    let r = search(&q);
    assert!(r.truncated);
    assert_eq!(r.total, 0);
    let q = "DeepSeek ".repeat(100);
    let r = search(&q);
    assert!(r.truncated);
    assert_eq!(r.hits[0].id, DEEPSEEK);
}

#[test]
fn ranking_prefers_exact_then_title_then_closeness() {
    let order = |articles: &[(&str, &str)], q: &str| -> Vec<String> {
        let bytes = index_of(articles);
        let engine = engine::Engine::open(&bytes).unwrap();
        engine
            .search(q, Options::default())
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    // Exact beats prefix, even when the prefix match occurs more often.
    assert_eq!(
        order(
            &[("p", "deepseek deepseek deepseek"), ("e", "deep water")],
            "deep"
        ),
        ["e", "p"]
    );
    // Closer terms rank higher.
    let far = format!("開源 {} 模型", "其他文字。".repeat(20));
    assert_eq!(
        order(
            &[
                ("far", &far),
                ("near", "開源模型 其他文字。其他文字。其他文字。其他文字。")
            ],
            "開源 模型"
        ),
        ["near", "far"]
    );
    // A title match outweighs one body match (ids double as titles in `index_of`).
    let bytes = indexer::build(&[
        indexer::Article {
            id: "body".into(),
            title: "其他".into(),
            body: "周密 說".into(),
            ..Default::default()
        },
        indexer::Article {
            id: "title".into(),
            title: "周密".into(),
            body: "說".into(),
            ..Default::default()
        },
    ])
    .unwrap()
    .0;
    let engine = engine::Engine::open(&bytes).unwrap();
    let ids: Vec<String> = engine
        .search("周密", Options::default())
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(ids, ["title", "body"]);
}

/// Builds an index of `(id, body)` articles with the real indexer.
fn index_of(articles: &[(&str, &str)]) -> Vec<u8> {
    let articles: Vec<indexer::Article> = articles
        .iter()
        .map(|(id, body)| indexer::Article {
            id: id.to_string(),
            title: id.to_string(),
            body: body.to_string(),
            ..Default::default()
        })
        .collect();
    indexer::build(&articles).unwrap().0
}

#[test]
fn cli_prints_the_engine_result_as_json() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_article-search"))
        .args(["--json", "刘权"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, serde_json::to_value(search("刘权")).unwrap());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_article-search"))
        .arg("周密")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("【周密】") && text.contains("商務部"),
        "{text}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_article-search"))
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
#[cfg(unix)]
fn cli_refuses_a_non_utf8_argument_without_panicking() {
    use std::os::unix::ffi::OsStrExt;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_article-search"))
        .arg(std::ffi::OsStr::from_bytes(b"\xff"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("argument 1 is not valid UTF-8"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn limit_zero_gives_the_count_and_no_hits() {
    let r = with_engine(|e| {
        e.search(
            "中國",
            Options {
                limit: 0,
                offset: 0,
                ..Default::default()
            },
        )
    })
    .unwrap();
    assert!(r.total > 1);
    assert!(r.hits.is_empty());
}

#[test]
fn exact_characters_rank_above_matches_through_folding() {
    // 遊 and 游 fold together; the article holding the characters as typed comes first even
    // when the other scores higher (shorter, or the phrase twice).
    let bytes = index_of(&[
        ("variant", "遊復摘來，遊復摘來"),
        (
            "exact",
            "山中何所有，嶺上多白雲。游復摘來，只可自怡悅，不堪持贈君。",
        ),
    ]);
    let engine = engine::Engine::open(&bytes).unwrap();
    let first = |q: &str| engine.search(q, Options::default()).hits[0].id.clone();
    assert_eq!(first("游復摘來"), "exact");
    assert_eq!(first("遊復摘來"), "variant");
    assert_eq!(
        first("游复摘来"),
        "variant",
        "neither is literal: score decides"
    );
    assert_eq!(engine.search("游復摘來", Options::default()).total, 2);
}

//! One corpus, several index layouts, the same answers. An index with positional postings ranks
//! from the postings alone; the default one derives positions from each candidate's text. Both
//! must give exactly the same results (hits, order, scores, snippets, highlights, totals, facets)
//! for every example query (tests/queries.json) under several options.

use std::path::Path;

use engine::{Engine, Options, Sort};
use indexer::Layout;

/// The example queries (tests/queries.json) and a few more that stress forms and prefixes.
fn queries() -> Vec<String> {
    let table: serde_json::Value = serde_json::from_str(include_str!("queries.json")).unwrap();
    let mut out: Vec<String> = table["queries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["query"].as_str().unwrap().to_string())
        .collect();
    out.extend(
        [
            "deep",
            "Deep-Seek",
            "gpt4",
            "GPT 4",
            "中國 -企業",
            "\"研究 人員\"",
            "r1",
            "a",
        ]
        .map(String::from),
    );
    out
}

fn option_sets() -> Vec<Options> {
    vec![
        Options::default(),
        Options {
            limit: 50,
            facets: true,
            ..Options::default()
        },
        Options {
            sort: Sort::Newest,
            offset: 1,
            ..Options::default()
        },
    ]
}

/// Asserts that both layouts answer every query alike; returns how many hits were compared.
fn assert_same(articles: &[indexer::Article], queries: &[String]) -> usize {
    let (derived, _) = indexer::build(articles).unwrap();
    let (stored, _) = indexer::build_with(articles, Layout { positions: true }).unwrap();
    assert_ne!(derived, stored);
    let (a, b) = (
        Engine::open(&derived).unwrap(),
        Engine::open(&stored).unwrap(),
    );
    assert!(!a.index().stored_positions() && b.index().stored_positions());
    let mut hits = 0;
    for q in queries {
        for o in option_sets() {
            let (x, y) = (a.search(q, o.clone()), b.search(q, o.clone()));
            assert_eq!(x, y, "query {q:?} with {o:?}");
            hits += x.hits.len();
        }
        for hit in a.search(q, Options::default()).hits {
            assert_eq!(a.article(&hit.id, q), b.article(&hit.id, q), "{q:?}");
        }
    }
    hits
}

#[test]
fn stored_and_derived_positions_answer_alike_on_the_seed_page() {
    let articles = indexer::load_dir(Path::new("seeds")).unwrap().articles;
    let hits = assert_same(&articles, &queries());
    assert!(hits > 50, "{hits}");
}

#[test]
fn stored_and_derived_positions_answer_alike_on_the_site_fixtures() {
    for dir in ["tests/fixtures/hugo/content", "tests/fixtures/jekyll"] {
        let articles = indexer::load_dir(Path::new(dir)).unwrap().articles;
        let words: Vec<String> = articles
            .iter()
            .flat_map(|a| a.title.split_whitespace().map(str::to_string))
            .collect();
        assert!(assert_same(&articles, &words) > 0, "{dir}");
    }
}

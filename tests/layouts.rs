//! One corpus, several index layouts, the same answers. An index with positional postings ranks
//! from the postings alone; the default one derives positions from each candidate's text; the
//! sharded one keeps postings and records in shard files given to the engine as it asks. All
//! must give exactly the same results (hits, order, scores, snippets, highlights, totals, facets)
//! for every example query (tests/queries.json) under several options.

use std::collections::HashMap;
use std::path::Path;

use engine::index::{ShardSizes, Sharded};
use engine::search::Needed;
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

/// Calls `call` until it stops asking for shards, giving it the files it names; returns the
/// answer and the number of rounds that needed shards.
fn answer<T>(
    engine: &Engine,
    files: &HashMap<String, Vec<u8>>,
    mut call: impl FnMut() -> Result<T, Needed>,
) -> (T, usize) {
    for rounds in 0..4 {
        match call() {
            Ok(t) => return (t, rounds),
            Err(needed) => {
                assert!(!needed.shards.is_empty());
                for name in needed.shards {
                    let bytes = files.get(&name).unwrap_or_else(|| panic!("no file {name}"));
                    engine.add_shard(&name, bytes.clone()).unwrap();
                }
            }
        }
    }
    panic!("still missing shards after 4 rounds");
}

fn sharded(articles: &[indexer::Article], sizes: ShardSizes) -> Sharded {
    indexer::build_sharded(articles, sizes).unwrap()
}

/// Tiny shards: many of each kind, so that queries cross shard boundaries.
const TINY: ShardSizes = ShardSizes {
    postings: 512,
    docs: 1,
    ids: 16,
};

#[test]
fn a_sharded_index_answers_like_one_piece_in_at_most_two_rounds() {
    let articles = indexer::load_dir(Path::new("seeds")).unwrap().articles;
    let (whole, _) = indexer::build(&articles).unwrap();
    let whole = Engine::open(&whole).unwrap();
    let built = sharded(&articles, TINY);
    let files: HashMap<String, Vec<u8>> = built
        .shards
        .iter()
        .map(|f| (f.name.clone(), f.bytes.clone()))
        .collect();
    assert_eq!(files.len(), built.shards.len(), "names are unique");
    let table = Engine::open(&built.root).unwrap();
    let t = table.index().shards().unwrap();
    use engine::index::shards::Kind;
    assert_eq!(t.len(Kind::Docs), 4, "one article per record shard");
    assert!(t.len(Kind::Postings) > 10 && t.len(Kind::Ids) > 1);
    let mut rounds_seen = [0usize; 3];
    for q in queries() {
        for o in option_sets() {
            // A fresh engine each time: the first query of a reader, nothing cached.
            let engine = Engine::open(&built.root).unwrap();
            let (r, rounds) = answer(&engine, &files, || engine.try_search(&q, o.clone()));
            assert!(rounds <= 2, "{q:?}: {rounds} rounds");
            rounds_seen[rounds] += 1;
            assert_eq!(r, whole.search(&q, o.clone()), "query {q:?} with {o:?}");
            for hit in &r.hits {
                let (a, _) = answer(&engine, &files, || engine.try_article(&hit.id, &q));
                assert_eq!(a, whole.article(&hit.id, &q), "{q:?}");
            }
        }
    }
    assert!(rounds_seen[2] > 0 && rounds_seen[0] > 0, "{rounds_seen:?}");
    let engine = Engine::open(&built.root).unwrap();
    let (listed, _) = answer(&engine, &files, || engine.try_list(1, 2));
    assert_eq!(listed, whole.list()[1..3]);
    let (none, rounds) = answer(&engine, &files, || engine.try_article("no-such-id", ""));
    assert_eq!((none, rounds <= 1), (None, true));
}

#[test]
fn shards_of_another_build_or_damaged_ones_are_refused() {
    let articles = indexer::load_dir(Path::new("seeds")).unwrap().articles;
    let built = sharded(&articles, TINY);
    let other = sharded(&articles[1..], TINY);
    let engine = Engine::open(&built.root).unwrap();
    let Err(needed) = engine.try_search("中國", Options::default()) else {
        panic!("a sharded index needs postings first");
    };
    let name = &needed.shards[0];
    let file = built.shards.iter().find(|f| &f.name == name).unwrap();
    // Another build's shard under this name; a damaged byte; a name the root does not list.
    let foreign = other
        .shards
        .iter()
        .find(|f| f.name.starts_with("p-"))
        .unwrap();
    let err = engine.add_shard(name, foreign.bytes.clone()).unwrap_err();
    assert!(
        matches!(err, engine::Error::OtherBuild | engine::Error::Corrupt(_)),
        "{err}"
    );
    for at in [0, 9, 20, 30, file.bytes.len() - 1] {
        let mut bad = file.bytes.clone();
        bad[at] ^= 0x20;
        assert!(engine.add_shard(name, bad).is_err(), "byte {at}");
    }
    for cut in [0, 10, 27, file.bytes.len() - 1] {
        assert!(engine.add_shard(name, file.bytes[..cut].to_vec()).is_err());
    }
    assert!(engine
        .add_shard("p-0000000000000000.bin", file.bytes.clone())
        .is_err());
    assert_eq!(engine.shard_bytes(), 0, "nothing bad was kept");
    engine.add_shard(name, file.bytes.clone()).unwrap();
    assert_eq!(engine.shard_bytes(), file.bytes.len());
}

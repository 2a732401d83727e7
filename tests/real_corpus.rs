//! A real export: the first 10,000 Tang poems of the npm package chinese-poetry@2.0.1, as a CMS
//! would export them (`scripts/poems.mjs export`: empty titles left empty, no ids, one record with
//! an extra `image` key). It must build, with warnings rather than errors, and a hundred lines that
//! occur in one poem only must each find their poem first.
//!
//! The corpus is generated, not committed (85 MB package), so the test is `#[ignore]`d in a plain
//! `cargo test`; scripts/test.sh generates it and runs this test:
//!
//!     node scripts/poems.mjs export 10000 target/corpora/tang-10k/poems.json
//!     cargo test --test real_corpus -- --ignored

use std::collections::HashMap;
use std::path::PathBuf;

use engine::{Engine, Options};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/corpora/tang-10k")
}

#[test]
#[ignore = "needs the generated corpus: node scripts/poems.mjs export 10000 target/corpora/tang-10k/poems.json"]
fn ten_thousand_tang_poems_build_and_every_sampled_line_finds_its_poem() {
    let dir = corpus_dir();
    let built = indexer::build_dir(&dir).unwrap_or_else(|e| panic!("the export must build: {e}"));
    assert_eq!(built.articles.len(), 10_000);
    // The package has poems without a title and many poems sharing one (詠雨 twice, 雜詩 more).
    assert!(
        built.warnings.iter().any(|w| w.contains("no title; using")),
        "{:?}",
        &built.warnings[..5.min(built.warnings.len())]
    );
    assert!(built
        .warnings
        .iter()
        .any(|w| w.contains("id `詠雨` is not unique")));
    assert!(built.warnings.iter().all(|w| !w.contains("image")));

    // Lines: the body's lines after the author line, as the export wrote them.
    let raw: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("poems.json")).unwrap()).unwrap();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for poem in &raw {
        for line in poem["body"].as_str().unwrap().lines().skip(1) {
            *seen.entry(line.trim()).or_default() += 1;
        }
    }
    let unique: Vec<(usize, &str)> = raw
        .iter()
        .enumerate()
        .flat_map(|(i, poem)| {
            let seen = &seen;
            poem["body"]
                .as_str()
                .unwrap()
                .lines()
                .skip(1)
                .map(str::trim)
                .filter(move |l| seen.get(l) == Some(&1) && l.chars().count() >= 5)
                .map(move |l| (i, l))
        })
        .collect();
    assert!(unique.len() > 10_000);
    // 100 lines spread over the whole corpus, the same every run.
    let step = unique.len() / 100;
    let engine = Engine::open(&built.bytes).unwrap();
    let mut wrong = Vec::new();
    for &(poem, line) in unique.iter().step_by(step).take(100) {
        let want = &built.articles[poem].id;
        let r = engine.search(line, Options::default());
        if r.hits.first().map(|h| &h.id) != Some(want) {
            wrong.push(format!(
                "{line}: want {want}, got {:?} of {}",
                r.hits.first().map(|h| &h.id),
                r.total
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of 100 lines miss their poem:\n{}",
        wrong.len(),
        wrong.join("\n")
    );

    // The layout with positional postings ranks from them alone and must answer alike: the
    // poems hold variant forms (遊/游) that decide the literal-before-folded order.
    let (stored, _) =
        indexer::build_with(&built.articles, indexer::Layout { positions: true }).unwrap();
    let stored = Engine::open(&stored).unwrap();
    let lines = unique.iter().step_by(step).take(100).map(|&(_, l)| l);
    for q in lines.chain(["明月", "游", "遊子", "長安 秋", "春風 -花", "白雲", "天"])
    {
        let o = Options {
            limit: 20,
            ..Options::default()
        };
        assert_eq!(engine.search(q, o.clone()), stored.search(q, o), "{q}");
    }
}

//! Search, snippets and the reader view over the real seed index: any query and paging give
//! consistent hits whose highlight ranges lie inside their texts on UTF-16 boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fn check(text: &str, ranges: &[[u32; 2]]) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut last = 0;
    for &[s, e] in ranges {
        assert!(
            s >= last && s < e && e as usize <= units.len(),
            "{s}..{e} in {text:?}"
        );
        for at in [s, e] {
            if let Some(&u) = units.get(at as usize) {
                assert!(
                    !(0xDC00..0xE000).contains(&u),
                    "boundary inside a surrogate pair"
                );
            }
        }
        last = e;
    }
}

fuzz_target!(|input: (u8, u8, &str)| {
    let (limit, offset, query) = input;
    let options = engine::Options {
        limit: usize::from(limit),
        offset: usize::from(offset),
        ..Default::default()
    };
    article_search::with_engine(|e| {
        let r = e.search(query, options);
        assert!(r.hits.len() <= usize::from(limit).min(engine::search::MAX_LIMIT));
        assert!(r.hits.len() as u32 <= r.total);
        for hit in &r.hits {
            check(&hit.snippet, &hit.highlights);
            check(&hit.title, &hit.title_highlights);
            assert!(hit.score.is_finite());
            let a = e.article(&hit.id, query).expect("a hit's article exists");
            check(&a.body, &a.highlights);
        }
    })
    .unwrap();
});

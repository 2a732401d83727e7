//! Property tests: no input panics (a panic in wasm kills the widget), and every highlight range
//! lies inside its text on UTF-16 boundaries.

use article_search::{with_engine, Options, INDEX};
use proptest::prelude::*;

/// Strings mixing what readers type: CJK (traditional and simplified), Latin of any width and
/// case, digits, joiners, quotes, minus signs, punctuation, emoji with ZWJ, controls, RTL text.
fn query() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("劉權".to_string()),
        Just("刘权".to_string()),
        Just("中國企業".to_string()),
        Just("DeepSeek-R1".to_string()),
        Just("ＧＰＴ－４".to_string()),
        Just("\"".to_string()),
        Just("-".to_string()),
        Just(" ".to_string()),
        Just("👨‍👩‍👧".to_string()),
        Just("\u{202E}مرحبا".to_string()),
        Just("\u{0}\u{7}\r\n".to_string()),
        "[a-zA-Z0-9]{1,9}",
        "[\\u{4e00}-\\u{9fff}]{1,4}",
        any::<String>(),
    ];
    prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

#[track_caller]
fn check_ranges(text: &str, ranges: &[[u32; 2]]) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut last_end = 0;
    for &[s, e] in ranges {
        let (s, e) = (s as usize, e as usize);
        assert!(s < e && e <= units.len(), "range {s}..{e} outside {text:?}");
        assert!(s >= last_end, "ranges overlap or are unsorted in {text:?}");
        // Neither end may split a surrogate pair.
        for at in [s, e] {
            if let Some(&u) = units.get(at) {
                assert!(
                    !(0xDC00..0xE000).contains(&u),
                    "range boundary {at} inside a surrogate pair in {text:?}"
                );
            }
        }
        last_end = e;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_query_returns_consistent_hits(q in query()) {
        let r = with_engine(|e| e.search(&q, Options { limit: 100, offset: 0 , ..Default::default() })).unwrap();
        prop_assert!(r.hits.len() as u32 <= r.total);
        for hit in &r.hits {
            check_ranges(&hit.snippet, &hit.highlights);
            check_ranges(&hit.title, &hit.title_highlights);
            prop_assert!(hit.score.is_finite() && hit.score >= 0.0);
            let a = with_engine(|e| e.article(&hit.id, &q)).unwrap().unwrap();
            check_ranges(&a.body, &a.highlights);
        }
    }

    #[test]
    fn any_bytes_open_as_an_index_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = engine::Engine::open(&bytes);
    }

    #[test]
    fn a_damaged_index_is_an_error(at in 0usize..INDEX.len(), bit in 0u8..8) {
        let mut bytes = INDEX.to_vec();
        bytes[at] ^= 1 << bit;
        prop_assert!(engine::Engine::open(&bytes).is_err());
    }

    #[test]
    fn tokens_point_at_the_original_text(s in any::<String>()) {
        let folder = with_engine(|e| e.index().folder().clone()).unwrap();
        let mut last_pos = 0;
        engine::tokenize::tokenize(&folder, &s, 0, &mut |t| {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end) && t.start < t.end);
            assert!(t.pos >= last_pos && !t.text.is_empty());
            // Keys below 0x20 are reserved for other key families (index::TERM).
            assert!(t.text.as_bytes()[0] >= 0x20, "token {:?} starts with a control byte", t.text);
            last_pos = t.pos;
        });
    }

    /// The engine's scheme check (in the wasm module, no URL parser) decides exactly as the full
    /// WHATWG parser the indexer uses, on URL-like strings built from the tricky pieces.
    #[test]
    fn the_engines_url_check_agrees_with_the_whatwg_parser(u in url_like()) {
        let full = indexer::links::check(&u).is_ok();
        let quick = engine::link::is_safe(&u);
        // The quick check only decides the scheme: a URL that does not parse at all is refused by
        // the indexer but harmless as a link (the browser cannot navigate to it).
        if full {
            prop_assert!(quick, "{u:?}");
        } else if quick {
            prop_assert!(indexer::links::check(&u).unwrap_err().contains("not a valid URL"), "{u:?}");
        }
    }
}

fn url_like() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("javascript".to_string()),
        Just("JaVaScRiPt".to_string()),
        Just("http".to_string()),
        Just("https".to_string()),
        Just("data".to_string()),
        Just(":".to_string()),
        Just("//".to_string()),
        Just("/".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just(" ".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{1f}".to_string()),
        Just("\u{3000}".to_string()),
        Just("#".to_string()),
        Just("?".to_string()),
        Just("+.-".to_string()),
        Just("中".to_string()),
        "[a-z0-9]{1,4}",
    ];
    prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

/// A root and its shard files by name.
type Sharded = (Vec<u8>, Vec<(String, Vec<u8>)>);

/// A sharded index of the seed articles with tiny shards (built once for every case).
fn sharded_seeds() -> &'static Sharded {
    static BUILT: std::sync::OnceLock<Sharded> = std::sync::OnceLock::new();
    BUILT.get_or_init(build_sharded_seeds)
}

fn build_sharded_seeds() -> Sharded {
    let articles = indexer::load_dir(std::path::Path::new("seeds"))
        .unwrap()
        .articles;
    let sizes = indexer::ShardSizes {
        postings: 512,
        docs: 1,
        ids: 16,
    };
    let built = indexer::build_sharded(&articles, sizes).unwrap();
    let files = built
        .shards
        .into_iter()
        .map(|f| (f.name, f.bytes))
        .collect();
    (built.root, files)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Fetched shards are input too. A shard whose bytes were changed *and* whose checksum, name
    /// and root entry were forged to match (what the checks cannot catch) may give wrong answers
    /// or errors, never a panic.
    #[test]
    fn forged_shards_never_panic(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        q in prop::sample::select(vec!["中國", "刘权", "DeepSeek 開源", "deep", "3.46萬億元", "中國 -企業"]),
    ) {
        let (root, files) = sharded_seeds();
        let with_payload: Vec<&(String, Vec<u8>)> = files.iter().filter(|f| f.1.len() > 28).collect();
        let (name, bytes) = with_payload[pick.index(with_payload.len())];
        let mut forged = bytes.clone();
        // Past the 28-byte header: the payload, which only the checksum and name guard.
        for (at, value) in &edits {
            let i = 28 + at.index(forged.len() - 28);
            forged[i] = *value;
        }
        engine::index::fix_checksum(&mut forged);
        let old = u64::from_str_radix(&name[2..18], 16).unwrap();
        let new = engine::index::shards::fnv1a64(&forged);
        let mut root = root.to_vec();
        let at = root.windows(8).position(|w| w == old.to_le_bytes()).unwrap();
        root[at..at + 8].copy_from_slice(&new.to_le_bytes());
        engine::index::fix_checksum(&mut root);
        let forged_name = format!("{}{new:016x}.bin", &name[..2]);
        let engine = engine::Engine::open(&root).unwrap();
        for (n, b) in files {
            let (n, b) = if n == name { (&forged_name, &forged) } else { (n, b) };
            let _ = engine.add_shard(n, b.clone());
        }
        let _ = engine.try_search(q, Options { facets: true, ..Options::default() });
        let _ = engine.try_search("", Options { sort: engine::Sort::Newest, from: Some(0), ..Options::default() });
        let _ = engine.try_article("tiktok-commerce-ministry", q);
        let _ = engine.try_list(0, 10);
    }
}

//! Fetched shard files are input too. The seed articles are built sharded with tiny shards; the
//! fuzzer's bytes become the payload of one of them (the first byte picks which), and the
//! shard's checksum, its name and the root's entry for it are forged to match — what the checks
//! cannot catch. The engine must answer (wrongly, or with errors) and never panic.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

type Sharded = (Vec<u8>, Vec<(String, Vec<u8>)>);

fn seeds() -> &'static Sharded {
    static BUILT: OnceLock<Sharded> = OnceLock::new();
    BUILT.get_or_init(|| {
        let articles = indexer::load_dir(std::path::Path::new("../seeds"))
            .expect("run from fuzz/")
            .articles;
        let sizes = indexer::ShardSizes {
            postings: 512,
            docs: 1,
            ids: 16,
        };
        let built = indexer::build_sharded(&articles, sizes).unwrap();
        let files = built.shards.into_iter().map(|f| (f.name, f.bytes)).collect();
        (built.root, files)
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, payload)) = bytes.split_first() else {
        return;
    };
    let (root, files) = seeds();
    let (name, original) = &files[usize::from(pick) % files.len()];
    let mut forged = original[..28].to_vec();
    forged.extend_from_slice(payload);
    engine::index::fix_checksum(&mut forged);
    let old = u64::from_str_radix(&name[2..18], 16).unwrap();
    let new = engine::index::shards::fnv1a64(&forged);
    let mut root = root.clone();
    let at = root
        .windows(8)
        .position(|w| w == old.to_le_bytes())
        .unwrap();
    root[at..at + 8].copy_from_slice(&new.to_le_bytes());
    engine::index::fix_checksum(&mut root);
    let forged_name = format!("{}{new:016x}.bin", &name[..2]);
    let Ok(engine) = engine::Engine::open(&root) else {
        return;
    };
    for (n, b) in files {
        let (n, b) = if n == name { (&forged_name, &forged) } else { (n, b) };
        let _ = engine.add_shard(n, b.clone());
    }
    let options = engine::Options {
        facets: true,
        ..Default::default()
    };
    for q in ["中國", "刘权", "DeepSeek 開源", "deep", "\"同行 評審\" -美國"] {
        let _ = engine.try_search(q, options.clone());
    }
    let _ = engine.try_article("tiktok-commerce-ministry", "中方");
    let _ = engine.try_list(0, 10);
});

//! What a reader of a sharded archive downloads, measured natively: builds the articles of a
//! folder in the sharded layout and, for each query, counts the rounds and the brotli bytes of
//! the shards a fresh engine asks for (root excluded, then added in the summary).
//!
//!     cargo run --release --example shard_report -- bench-data/poems-100k [QUERY…]
//!
//! Without queries it uses a fixed set of poem lines and words. Needs the `brotli` command.
//! `SHARD_SIZES=postings,docs,ids` (bytes) tries other shard sizes than the defaults.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use engine::{Engine, Options};

fn brotli(bytes: &[u8]) -> usize {
    let mut child = Command::new("brotli")
        .args(["-c", "-q", "11"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the brotli command (apt install brotli)");
    let mut stdin = child.stdin.take().unwrap();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap().stdout.len();
    writer.join().unwrap().unwrap();
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: shard_report DIR [QUERY…]");
    let mut queries: Vec<String> = args.collect();
    if queries.is_empty() {
        queries = [
            "床前明月光",
            "明月",
            "春風",
            "白日依山盡",
            "長安",
            "不",
            "人",
            "李白",
            "秋風 落葉",
            "天下",
        ]
        .map(String::from)
        .to_vec();
    }
    let started = std::time::Instant::now();
    let built = indexer::build_dir(Path::new(&dir)).expect("articles");
    let articles = built.articles;
    let sizes = match std::env::var("SHARD_SIZES") {
        Ok(v) => {
            let n: Vec<usize> = v.split(',').map(|x| x.parse().expect("a number")).collect();
            indexer::ShardSizes {
                postings: n[0],
                docs: n[1],
                ids: n[2],
            }
        }
        Err(_) => indexer::ShardSizes::default(),
    };
    let sharded = indexer::build_sharded(&articles, sizes).expect("index");
    println!(
        "{} articles; built in {:.1} s; shard sizes {sizes:?}",
        articles.len(),
        started.elapsed().as_secs_f64()
    );
    let root_br = brotli(&sharded.root);
    let mut by_kind: HashMap<char, (usize, usize)> = HashMap::new();
    for f in &sharded.shards {
        let e = by_kind.entry(f.name.chars().next().unwrap()).or_default();
        e.0 += 1;
        e.1 += f.bytes.len();
    }
    println!(
        "root {} bytes, brotli {root_br}; {} shard files: {by_kind:?} (count, bytes)",
        sharded.root.len(),
        sharded.shards.len()
    );
    let opened = engine::index::Index::open(&sharded.root).unwrap();
    for (name, bytes) in opened.sections() {
        println!(
            "  {name:12} {:>9} bytes, brotli {}",
            bytes.len(),
            brotli(bytes)
        );
    }
    let files: HashMap<&str, &[u8]> = sharded
        .shards
        .iter()
        .map(|f| (f.name.as_str(), f.bytes.as_slice()))
        .collect();
    let mut cache: HashMap<String, usize> = HashMap::new();
    for q in &queries {
        let engine = Engine::open(&sharded.root).unwrap();
        let mut rounds = Vec::new();
        let results = loop {
            match engine.try_search(q, Options::default()) {
                Ok(r) => break r,
                Err(needed) => {
                    let mut bytes = 0;
                    for name in &needed.shards {
                        let file = files[name.as_str()];
                        bytes += *cache.entry(name.clone()).or_insert_with(|| brotli(file));
                        engine.add_shard(name, file.to_vec()).unwrap();
                    }
                    rounds.push((needed.shards.len(), bytes));
                }
            }
        };
        let fetched: usize = rounds.iter().map(|r| r.1).sum();
        println!(
            "{q}: {} hits; rounds {:?} (files, brotli bytes); shards {} KB + root {} KB = {} KB",
            results.total,
            rounds,
            fetched / 1000,
            root_br / 1000,
            (fetched + root_br) / 1000
        );
    }
}

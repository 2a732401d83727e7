//! Every article format's loader (Markdown and MDX with TOML or YAML front matter, plain text,
//! JSON, built HTML pages) and the checks after it (titles, ids, URLs, drafts, reflow): an
//! article file gives articles or an error naming the file, never a panic. The first byte picks
//! the format.
#![no_main]
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, &str)| {
    let (kind, text) = input;
    let name = [
        "a.md",
        "a.mdx",
        "a.txt",
        "a.json",
        "a.html",
        "posts/_posts/2024-01-15-a.md",
    ][usize::from(kind % 6)];
    let dir = PathBuf::from("fuzz");
    let files = vec![(dir.join(name), text.to_string())];
    match indexer::load_texts(&dir, &files) {
        Ok(loaded) => {
            for a in &loaded.articles {
                assert!(!a.id.is_empty() && !a.title.is_empty());
                assert!(
                    engine::link::is_safe(&a.url),
                    "unsafe url indexed: {:?}",
                    a.url
                );
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz")),
    }
});

//! Every article format's loader (Markdown with TOML or YAML front matter, plain text, JSON) and
//! the checks after it (titles, ids, URLs, reflow): an article file gives articles or an error
//! naming the file, never a panic. The first byte picks the format.
#![no_main]
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, &str)| {
    let (kind, text) = input;
    let name = ["a.md", "a.markdown", "a.txt", "a.json"][usize::from(kind % 4)];
    let dir = PathBuf::from("fuzz");
    let files = vec![(dir.join(name), text.to_string())];
    match indexer::load_texts(&dir, &files) {
        Ok(loaded) => {
            for a in &loaded.articles {
                assert!(!a.id.is_empty() && !a.title.is_empty());
                assert!(engine::link::is_safe(&a.url), "unsafe url indexed: {:?}", a.url);
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz")),
    }
});

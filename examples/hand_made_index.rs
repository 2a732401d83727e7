//! Writes an index the way an older version or a hand-made tool could have: the articles of a
//! directory, plus articles whose URLs the indexer refuses (`javascript:`, `data:`, ...). The
//! browser tests embed it (`ARTICLE_SEARCH_INDEX`) to check that the engine and the widget
//! withhold such links even when the build's check was bypassed.
//!
//!     cargo run --example hand_made_index -- tests/fixtures/hostile target/hostile-index.bin

use std::path::PathBuf;

/// The URLs an attacker would put in an article file; the build refuses every one of them.
const HOSTILE_URLS: &[&str] = &[
    "javascript:document.title='PWNED';alert(document.domain)",
    " JavaScript:alert(document.domain)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
];

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        return Err("usage: hand_made_index ARTICLES_DIR OUT_FILE".into());
    };
    let mut articles = indexer::load_dir(&PathBuf::from(dir))
        .map_err(|e| e.to_string())?
        .articles;
    for (i, url) in HOSTILE_URLS.iter().enumerate() {
        articles.push(indexer::Article {
            id: format!("hostile-url-{i}"),
            title: format!("連結測試 {i}"),
            url: url.to_string(),
            body: "這篇文章的網址不安全，不可成為連結。".into(),
            ..Default::default()
        });
    }
    let (bytes, _) = indexer::build(&articles).map_err(|e| e.to_string())?;
    std::fs::write(out, bytes).map_err(|e| format!("{out}: {e}"))?;
    println!("{out}: {} articles", articles.len());
    Ok(())
}

//! Builds the search index of the articles in `seeds/` (or `$ARTICLE_SEARCH_SEEDS`) into
//! `$OUT_DIR/index.bin`, which `src/lib.rs` embeds for the native CLI and the tests (the wasm
//! module is generic: sites get their index from `article-search build`). Bad input stops the
//! build with a message that names the file and line.

use std::path::PathBuf;

fn main() {
    if let Err(message) = try_main() {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn try_main() -> Result<(), String> {
    println!("cargo:rerun-if-env-changed=ARTICLE_SEARCH_SEEDS");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let dir = match std::env::var_os("ARTICLE_SEARCH_SEEDS") {
        Some(d) if !d.is_empty() => root.join(d),
        _ => root.join("seeds"),
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-env-changed=ARTICLE_SEARCH_DRAFTS");
    println!("cargo:rerun-if-env-changed=ARTICLE_SEARCH_NOW");
    // ARTICLE_SEARCH_DRAFTS=1 indexes drafts; ARTICLE_SEARCH_NOW=2025-01-01 sets the clock that
    // decides which articles are in the future.
    let mut options = indexer::LoadOptions {
        drafts: std::env::var("ARTICLE_SEARCH_DRAFTS").is_ok_and(|v| v == "1"),
        ..Default::default()
    };
    if let Ok(now) = std::env::var("ARTICLE_SEARCH_NOW") {
        options.now = engine::date::When::parse(&now)
            .ok_or_else(|| format!("ARTICLE_SEARCH_NOW=`{now}` is not a date like 2025-01-01"))?
            .seconds;
    }
    let built = indexer::build_dir_with(&dir, &options).map_err(|e| e.to_string())?;
    let out = out_dir.join("index.bin");
    std::fs::write(&out, &built.bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    // Shown when the script runs (not under `-q`); the site build (`article-search build`, which
    // scripts/build.sh runs) prints the whole report every time.
    for w in &built.warnings {
        println!("cargo:warning={w}");
    }
    Ok(())
}

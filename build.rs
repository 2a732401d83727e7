//! Builds the search index of the articles in `seeds/` (or `$ARTICLE_SEARCH_SEEDS`) into
//! `$OUT_DIR/index.bin`, which `src/lib.rs` embeds. Bad input stops the build with a message that
//! names the file and line.

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
    let dir = match std::env::var_os("ARTICLE_SEARCH_SEEDS") {
        Some(d) if !d.is_empty() => root.join(d),
        _ => root.join("seeds"),
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    let built = indexer::build_dir(&dir).map_err(|e| e.to_string())?;
    for w in &built.warnings {
        println!("cargo:warning={w}");
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?).join("index.bin");
    std::fs::write(&out, &built.bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(())
}

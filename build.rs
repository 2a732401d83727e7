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
    println!("cargo:rerun-if-env-changed=ARTICLE_SEARCH_INDEX");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    // An index written elsewhere (the browser tests' hand-made one) is embedded as it is; the
    // engine checks it when it opens.
    if let Some(file) = std::env::var_os("ARTICLE_SEARCH_INDEX").filter(|f| !f.is_empty()) {
        let file = root.join(file);
        println!("cargo:rerun-if-changed={}", file.display());
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        std::fs::write(out_dir.join("index.bin"), &bytes).map_err(|e| e.to_string())?;
        let report = format!(
            "embedded the prebuilt index {} ({} bytes)\n",
            file.display(),
            bytes.len()
        );
        return std::fs::write(out_dir.join("report.txt"), report).map_err(|e| e.to_string());
    }
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
    // What was indexed, for the person building: cargo shows build-script warnings only when the
    // script runs and never under `-q`, so scripts/build.sh prints this file after every build.
    for w in &built.warnings {
        println!("cargo:warning={w}");
    }
    let report = built.report(&dir);
    let path = out_dir.join("report.txt");
    std::fs::write(&path, report).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(())
}

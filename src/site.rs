//! `article-search build`: a site's search folder, written by the native binary alone.
//!
//! The folder holds the element (`article-search.js`, `article-search.d.ts`) and `pkg/` (the
//! wasm-bindgen glue and the generic module from `dist/`, with the site's index appended as a
//! custom section: see [`crate::module`]). A manifest (`.article-search.json`) lists what the
//! build wrote; the next build removes files of that list it no longer writes, and never touches
//! anything else in the folder.

use std::path::{Path, PathBuf};

/// The generic wasm module and its glue, built from this source by `scripts/build-module.sh` and
/// committed, so that building a site needs no wasm toolchain (CI checks they are reproducible).
pub const MODULE: &[u8] = include_bytes!("../dist/article_search_bg.wasm");
/// The wasm-bindgen glue of [`MODULE`].
pub const GLUE: &str = include_str!("../dist/article_search.js");
/// The `<article-search>` element and its JS API.
pub const ELEMENT: &str = include_str!("../www/article-search.js");
/// The element's types.
pub const TYPES: &str = include_str!("../www/article-search.d.ts");

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = ".article-search.json";

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct Build {
    /// The content tree or export to index.
    pub site: PathBuf,
    /// The output folder (created if missing).
    pub out: PathBuf,
    /// How to read the site.
    pub load: indexer::LoadOptions,
    /// A prebuilt index to use instead of indexing `site`.
    pub index: Option<PathBuf>,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Done {
    /// Files written, relative to the output folder, with their sizes.
    pub written: Vec<(String, usize)>,
    /// Files of an earlier build that this one no longer writes, removed.
    pub removed: Vec<String>,
    /// The indexer's report (left out, warnings, articles indexed).
    pub report: String,
}

fn io(path: &Path, e: std::io::Error) -> String {
    format!("{}: {e}", path.display())
}

/// The files an earlier build wrote, from its manifest (none without one).
fn previous(out: &Path) -> Result<Vec<String>, String> {
    let path = out.join(MANIFEST);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&path, e)),
    };
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}: not a manifest of article-search ({e}); remove it to build here",
            path.display()
        )
    })?;
    let files = v["files"]
        .as_array()
        .ok_or_else(|| format!("{}: no `files` list", path.display()))?;
    Ok(files
        .iter()
        .filter_map(|f| f.as_str().map(str::to_string))
        .collect())
}

/// A manifest path is ours to remove only if it stays inside the folder.
fn inside(rel: &str) -> bool {
    let p = Path::new(rel);
    !rel.is_empty()
        && p.is_relative()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Builds the search folder.
pub fn build(b: &Build) -> Result<Done, String> {
    let mut done = Done::default();
    let index = match &b.index {
        Some(file) => {
            let bytes = std::fs::read(file).map_err(|e| io(file, e))?;
            engine::Engine::open(&bytes).map_err(|e| format!("{}: {e}", file.display()))?;
            done.report = format!(
                "embedded the prebuilt index {} ({} bytes)\n",
                file.display(),
                bytes.len()
            );
            bytes
        }
        None => {
            // Pages' URLs are relative to the search folder, which must exist to be compared.
            std::fs::create_dir_all(&b.out).map_err(|e| io(&b.out, e))?;
            let mut load = b.load.clone();
            load.search_dir = Some(b.out.clone());
            let built = indexer::build_dir_with(&b.site, &load).map_err(|e| e.to_string())?;
            done.report = built.report(&b.site);
            built.bytes
        }
    };
    let module = crate::module::with_index(MODULE, &index)?;
    let files: Vec<(&str, &[u8])> = vec![
        ("article-search.js", ELEMENT.as_bytes()),
        ("article-search.d.ts", TYPES.as_bytes()),
        ("pkg/article_search.js", GLUE.as_bytes()),
        ("pkg/article_search_bg.wasm", &module),
    ];
    let old = previous(&b.out)?;
    std::fs::create_dir_all(b.out.join("pkg")).map_err(|e| io(&b.out, e))?;
    for (rel, bytes) in &files {
        let path = b.out.join(rel);
        std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
        done.written.push((rel.to_string(), bytes.len()));
    }
    for rel in old {
        if files.iter().any(|(f, _)| *f == rel) || !inside(&rel) {
            continue;
        }
        let path = b.out.join(&rel);
        match std::fs::remove_file(&path) {
            Ok(()) => done.removed.push(rel),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&path, e)),
        }
    }
    let manifest = serde_json::json!({
        "generator": concat!("article-search ", env!("CARGO_PKG_VERSION")),
        "files": files.iter().map(|(f, _)| f).collect::<Vec<_>>(),
    });
    let path = b.out.join(MANIFEST);
    std::fs::write(&path, format!("{manifest:#}\n")).map_err(|e| io(&path, e))?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::inside;

    #[test]
    fn manifests_cannot_point_outside_the_folder() {
        assert!(inside("pkg/a.wasm") && inside("article-search.js"));
        for bad in ["", "/etc/passwd", "../index.html", "pkg/../../x", "./x"] {
            assert!(!inside(bad), "{bad}");
        }
    }
}

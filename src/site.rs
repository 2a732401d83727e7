//! `article-search build`: a site's search folder, written by the native binary alone.
//!
//! The folder holds the element (`article-search.js`, `article-search.d.ts`) and `pkg/` (the
//! wasm-bindgen glue and the generic module from `dist/`, with the site's index appended as a
//! custom section: see [`crate::module`]). An archive's index is sharded: the module carries the
//! root, and `pkg/shards/` the shard files (gzipped), fetched as queries need them. Every file
//! under `pkg/` has a content-hashed name that the build writes into `article-search.js`, so only
//! that one file may be cached briefly; the rest can be served `immutable`. A manifest
//! (`.article-search.json`) lists what the build wrote; the next build removes files of that list
//! it no longer writes, and never touches anything else in the folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use engine::index::shards::fnv1a64;
pub use indexer::ShardSizes;

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

/// The line of the element naming the files it loads; the build rewrites it with hashed names.
const FILES_LINE: &str = r#"const FILES = { glue: "pkg/article_search.js", wasm: "pkg/article_search_bg.wasm", shards: "pkg/shards/" };"#;

/// The folder of shard files, relative to the output folder.
pub const SHARDS_DIR: &str = "pkg/shards/";

/// An index in one piece larger than this is sharded by `--layout auto` (the default). Measured:
/// one piece costs its whole brotli size (≈ 45% of this) before the first result, while a sharded
/// index costs its root plus a few shards; around half a megabyte the one download stops being
/// the cheaper (ARCHITECTURE.md, "Two layouts").
pub const SHARD_ABOVE: usize = 512 << 10;

/// How the index is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// One piece up to [`SHARD_ABOVE`] bytes, sharded above.
    #[default]
    Auto,
    /// Always one piece, in the module.
    Single,
    /// Always sharded.
    Sharded,
}

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct Build {
    /// The content tree or export to index.
    pub site: PathBuf,
    /// The output folder (created if missing).
    pub out: PathBuf,
    /// How to read the site.
    pub load: indexer::LoadOptions,
    /// A prebuilt index to use instead of indexing `site` (always one piece).
    pub index: Option<PathBuf>,
    /// One piece or sharded.
    pub layout: Layout,
    /// Target sizes of shards.
    pub shard_sizes: ShardSizes,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Done {
    /// Files written, relative to the output folder, with their sizes (shards not included).
    pub written: Vec<(String, usize)>,
    /// Shard files written: their number and bytes (gzipped).
    pub shards: (usize, usize),
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

/// `name` with the first 16 hex digits of a hash of `bytes` before its extension:
/// `pkg/article_search.js` → `pkg/article_search.0123456789abcdef.js`.
fn hashed(name: &str, bytes: &[u8]) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    format!("{stem}.{:016x}.{ext}", fnv1a64(bytes))
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(bytes).map_err(|e| e.to_string())?;
    z.finish().map_err(|e| e.to_string())
}

/// Builds the search folder.
pub fn build(b: &Build) -> Result<Done, String> {
    let mut done = Done::default();
    let (index, articles) = match &b.index {
        Some(file) => {
            let bytes = std::fs::read(file).map_err(|e| io(file, e))?;
            engine::Engine::open(&bytes).map_err(|e| format!("{}: {e}", file.display()))?;
            done.report = format!(
                "embedded the prebuilt index {} ({} bytes)\n",
                file.display(),
                bytes.len()
            );
            (bytes, Vec::new())
        }
        None => {
            // Pages' URLs are relative to the search folder, which must exist to be compared.
            std::fs::create_dir_all(&b.out).map_err(|e| io(&b.out, e))?;
            let mut load = b.load.clone();
            load.search_dir = Some(b.out.clone());
            let built = indexer::build_dir_with(&b.site, &load).map_err(|e| e.to_string())?;
            done.report = built.report(&b.site);
            (built.bytes, built.articles)
        }
    };
    let sharded = match b.layout {
        _ if b.index.is_some() => false,
        Layout::Single => false,
        Layout::Sharded => true,
        Layout::Auto => index.len() > SHARD_ABOVE,
    };
    let mut shard_files: Vec<(String, Vec<u8>)> = Vec::new();
    let root = if sharded {
        let s = indexer::build_sharded(&articles, b.shard_sizes).map_err(|e| e.to_string())?;
        for f in s.shards {
            shard_files.push((format!("{SHARDS_DIR}{}", f.name), gzip(&f.bytes)?));
        }
        done.report += &format!(
            "index sharded: root {} bytes in the module, {} shard files (the index in one piece \
             would be {} bytes)\n",
            s.root.len(),
            shard_files.len(),
            index.len()
        );
        s.root
    } else {
        index
    };
    let module = crate::module::with_index(MODULE, &root)?;
    let glue_name = hashed("pkg/article_search.js", GLUE.as_bytes());
    let wasm_name = hashed("pkg/article_search_bg.wasm", &module);
    if !ELEMENT.contains(FILES_LINE) {
        return Err("internal: the element has no FILES line to name the build's files".into());
    }
    let element = ELEMENT.replace(
        FILES_LINE,
        &format!(
            r#"const FILES = {{ glue: "{glue_name}", wasm: "{wasm_name}", shards: "{SHARDS_DIR}" }};"#
        ),
    );
    let mut files: Vec<(String, &[u8])> = vec![
        ("article-search.js".into(), element.as_bytes()),
        ("article-search.d.ts".into(), TYPES.as_bytes()),
        (glue_name, GLUE.as_bytes()),
        (wasm_name, &module),
    ];
    done.shards = (
        shard_files.len(),
        shard_files.iter().map(|f| f.1.len()).sum(),
    );
    files.extend(shard_files.iter().map(|(n, b)| (n.clone(), b.as_slice())));
    let old = previous(&b.out)?;
    std::fs::create_dir_all(b.out.join("pkg")).map_err(|e| io(&b.out, e))?;
    if sharded {
        std::fs::create_dir_all(b.out.join(SHARDS_DIR)).map_err(|e| io(&b.out, e))?;
    }
    for (rel, bytes) in &files {
        let path = b.out.join(rel);
        // A content-named file that exists already holds these bytes: an unchanged shard is
        // not rewritten.
        if rel.starts_with(SHARDS_DIR) && path.exists() {
            continue;
        }
        std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
        if !rel.starts_with(SHARDS_DIR) {
            done.written.push((rel.clone(), bytes.len()));
        }
    }
    let new: std::collections::HashSet<&str> = files.iter().map(|(f, _)| f.as_str()).collect();
    for rel in old {
        if new.contains(rel.as_str()) || !inside(&rel) {
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

//! `article-search build`, as a site owner runs it: with nothing but the binary (no PATH at all,
//! so no wasm toolchain, no node), into a folder that already holds the site's own files.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_article-search"));
    c.env_clear();
    c
}

fn fresh(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("article-search-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn build_writes_only_its_own_files_and_its_folder_searches() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hugo/content");
    let public = fresh("hugo");
    let out = public.join("search");
    std::fs::create_dir_all(out.join("images")).unwrap();
    std::fs::write(public.join("index.html"), "the site's own page").unwrap();
    std::fs::write(out.join("images/keep.png"), "the owner's image").unwrap();
    // An earlier build wrote a file this one no longer writes; the manifest also names a path
    // outside the folder, which must never be touched.
    std::fs::write(public.join("outside.txt"), "not ours").unwrap();
    std::fs::create_dir_all(out.join("pkg")).unwrap();
    std::fs::write(out.join("pkg/old-shard.bin"), "stale").unwrap();
    std::fs::write(
        out.join(".article-search.json"),
        r#"{"files": ["pkg/old-shard.bin", "../outside.txt", "/etc/hostname"]}"#,
    )
    .unwrap();

    let printed = run(bin()
        .args(["build", "--site"])
        .arg(&site)
        .arg("--out")
        .arg(&out)
        .args(["--now", "2026-01-01"]));
    assert!(printed.contains("indexed 2 articles"), "{printed}");
    assert!(printed.contains("removed pkg/old-shard.bin"), "{printed}");
    for f in [
        "article-search.js",
        "article-search.d.ts",
        "pkg/article_search.js",
        "pkg/article_search_bg.wasm",
    ] {
        assert!(out.join(f).is_file(), "{f} written");
    }
    assert!(!out.join("pkg/old-shard.bin").exists());
    assert_eq!(
        std::fs::read_to_string(public.join("index.html")).unwrap(),
        "the site's own page"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("images/keep.png")).unwrap(),
        "the owner's image"
    );
    assert_eq!(
        std::fs::read_to_string(public.join("outside.txt")).unwrap(),
        "not ours"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join(".article-search.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["files"].as_array().unwrap().len(), 4);

    // The folder's module carries the index: the CLI searches it as the browser would.
    let found: serde_json::Value = serde_json::from_str(&run(bin()
        .arg("--json")
        .arg("--in")
        .arg(&out)
        .arg("htmlvisible")))
    .unwrap();
    assert_eq!(found["total"], 1);
    assert_eq!(found["hits"][0]["url"], "/blog/posts/wasm-size/");

    // Building again changes nothing else.
    let again = run(bin()
        .args(["build", "--site"])
        .arg(&site)
        .arg("--out")
        .arg(&out)
        .args(["--now", "2026-01-01"]));
    assert!(!again.contains("removed"), "{again}");
}

#[test]
fn build_errors_are_clear() {
    let out = fresh("errors");
    let e = bin().args(["build", "--out"]).arg(&out).output().unwrap();
    assert_eq!(e.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&e.stderr).contains("build needs --site DIR"));
    let e = bin()
        .args(["build", "--site", "/no/such/dir", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(e.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&e.stderr).contains("/no/such/dir"),
        "{}",
        String::from_utf8_lossy(&e.stderr)
    );
    std::fs::write(out.join(".article-search.json"), "not json").unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let e = bin()
        .args(["build", "--site"])
        .arg(&seeds)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&e.stderr).contains("not a manifest of article-search"));
}

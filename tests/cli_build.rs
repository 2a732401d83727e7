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
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join(".article-search.json")).unwrap())
            .unwrap();
    let files: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 4, "{files:?}");
    for f in &files {
        assert!(out.join(f).is_file(), "{f} written");
    }
    // Every file the element loads is named by its content, and the element names them.
    let element = std::fs::read_to_string(out.join("article-search.js")).unwrap();
    for f in &files[2..] {
        assert!(
            f.len() > 20 && f[f.len() - 22..].contains('.'),
            "{f} has a content hash"
        );
        assert!(element.contains(f), "the element names {f}");
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

/// The files a build's manifest lists.
fn manifest(out: &Path) -> Vec<String> {
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join(".article-search.json")).unwrap())
            .unwrap();
    m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_sharded_build_searches_alike_and_a_rebuild_removes_only_stale_shards() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let root = fresh("sharded");
    let (one, sharded) = (root.join("one"), root.join("sharded"));
    run(bin()
        .args(["build", "--site"])
        .arg(&seeds)
        .arg("--out")
        .arg(&one));
    let printed = run(bin()
        .args(["build", "--site"])
        .arg(&seeds)
        .arg("--out")
        .arg(&sharded)
        .args(["--layout", "sharded", "--shard-size", "2000"]));
    assert!(printed.contains("index sharded"), "{printed}");
    let files = manifest(&sharded);
    let shards: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("pkg/shards/"))
        .collect();
    assert!(shards.len() > 5, "{files:?}");
    for f in &shards {
        let bytes = std::fs::read(sharded.join(f)).unwrap();
        assert_eq!(&bytes[..2], [0x1f, 0x8b], "{f} is gzipped");
    }
    for q in ["中國", "刘权", "DeepSeek 開源", "opnai", "中國 -DeepSeek"] {
        let search = |dir: &Path| run(bin().arg("--json").arg("--in").arg(dir).arg(q));
        assert_eq!(search(&sharded), search(&one), "{q}");
    }
    let article = |dir: &Path| {
        run(bin()
            .arg("--in")
            .arg(dir)
            .args(["--article", "tiktok-commerce-ministry", "中方"]))
    };
    assert_eq!(article(&sharded), article(&one));

    // Rebuilt from fewer articles: shards of the first build that the second does not use are
    // removed, and only those.
    let fewer = root.join("fewer");
    std::fs::create_dir_all(&fewer).unwrap();
    for name in ["deepseek-r1-nature.md", "german-trade-shows.md"] {
        std::fs::copy(seeds.join(name), fewer.join(name)).unwrap();
    }
    let printed = run(bin()
        .args(["build", "--site"])
        .arg(&fewer)
        .arg("--out")
        .arg(&sharded)
        .args(["--layout", "sharded", "--shard-size", "2000"]));
    let now = manifest(&sharded);
    for f in &files {
        let kept = now.contains(f);
        assert_eq!(sharded.join(f).exists(), kept, "{f}");
        assert_eq!(printed.contains(&format!("removed {f}")), !kept, "{f}");
    }
    let e = bin()
        .args(["build", "--layout", "big", "--site"])
        .arg(&seeds)
        .arg("--out")
        .arg(&one)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&e.stderr).contains("`big` is not auto, single or sharded"));
}

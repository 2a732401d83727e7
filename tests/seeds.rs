//! The seed articles against the printed page they come from, and the article loaders' handling
//! of every kind of bad input (each error names its file and line).

use std::path::{Path, PathBuf};

use indexer::{build_dir, load_dir};

const PAGE: &str = "seeds/_source/wenweipo-2025-09-19-page.txt";

/// Text deliberately changed from the page: the line-end hyphens inside "DeepSeek", which the
/// reflow removes because "DeepSeek" occurs elsewhere. Each pair is (on the page, in the article),
/// both without white space; each must occur on the page.
const CHANGED: &[(&str, &str)] = &[("Deep-Seek", "DeepSeek")];

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_articles_cover_the_page_exactly_once() {
    let mut page = no_space(&std::fs::read_to_string(PAGE).unwrap());
    for (printed, article) in CHANGED {
        assert!(page.contains(printed), "{printed} is not on the page");
        page = page.replace(printed, article);
    }
    let loaded = load_dir(Path::new("seeds")).unwrap();
    assert_eq!(loaded.articles.len(), 4);
    let chars: Vec<char> = page.chars().collect();
    let mut owner: Vec<Option<&str>> = vec![None; chars.len()];
    for a in &loaded.articles {
        // Headline, kicker and every paragraph (subheads and captions are paragraphs) must each be
        // one contiguous run of the page, found exactly once.
        let mut pieces: Vec<String> = vec![no_space(&a.title)];
        if !a.section.is_empty() {
            pieces.push(no_space(&a.section));
        }
        pieces.extend(a.body.split("\n\n").map(no_space));
        for piece in pieces.iter().filter(|p| !p.is_empty()) {
            let piece_chars: Vec<char> = piece.chars().collect();
            let starts: Vec<usize> = (0..=chars.len().saturating_sub(piece_chars.len()))
                .filter(|&i| chars[i..i + piece_chars.len()] == piece_chars[..])
                .collect();
            // The title is printed as a headline; a phrase identical to it may not occur twice.
            let start = match starts.as_slice() {
                [one] => *one,
                [] => panic!("{}: {piece:?} is not on the page", a.id),
                _ => *starts
                    .iter()
                    .find(|&&s| owner[s].is_none())
                    .expect("unclaimed occurrence"),
            };
            for o in &mut owner[start..start + piece_chars.len()] {
                assert!(o.is_none(), "{}: {piece:?} overlaps {:?}", a.id, o);
                *o = Some(&a.id);
            }
        }
    }
    let lost: String = chars
        .iter()
        .zip(&owner)
        .filter(|(_, o)| o.is_none())
        .map(|(c, _)| *c)
        .collect();
    assert_eq!(lost, "", "characters of the page in no article");
}

#[test]
fn the_seed_articles_have_their_metadata() {
    let loaded = load_dir(Path::new("seeds")).unwrap();
    for a in &loaded.articles {
        assert_eq!(a.date, "2025-09-19");
        assert_eq!(a.url, format!("#/a/{}", a.id));
        assert!(!a.title.is_empty() && !a.body.is_empty());
    }
    let trade = loaded
        .articles
        .iter()
        .find(|a| a.id == "german-trade-shows")
        .unwrap();
    assert_eq!(
        (trade.source.as_str(), trade.section.as_str()),
        ("新華社", "特稿")
    );
    let deepseek = loaded
        .articles
        .iter()
        .find(|a| a.id == "deepseek-r1-nature")
        .unwrap();
    assert_eq!(deepseek.byline, "記者 劉凝哲、郭瀚林 北京報道");
    assert!(deepseek
        .body
        .contains("DeepSeek-R1為全球AI發展提供了新範式"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

/// A fresh directory with the given files.
fn dir_with(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("article-search-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, content) in files {
        std::fs::write(dir.join(file), content).unwrap();
    }
    dir
}

#[track_caller]
fn fails_with(name: &str, files: &[(&str, &[u8])], file: &str, line: Option<usize>, words: &str) {
    let dir = dir_with(name, files);
    let e = load_dir(&dir).expect_err("an error");
    let message = e.to_string();
    assert!(e.path.ends_with(file), "{message}");
    assert_eq!(e.line, line, "{message}");
    assert!(message.contains(words), "{message}");
    let located = match line {
        Some(l) => format!("{file}:{l}: "),
        None => format!("{file}: "),
    };
    assert!(message.contains(&located), "{message}");
}

#[test]
fn all_three_formats_load() {
    let dir = dir_with(
        "formats",
        &[
            ("a.md", "+++\ntitle = \"甲\"\ndate = 2025-01-02\ntags = [\"x\", \"y\"]\n+++\n推理\n模型\n".as_bytes()),
            ("b.markdown", "---\ntitle: '乙'\nurl: https://example.com/b\ntags:\n  - p\n  - q\nlayout: post\n---\nbody\n".as_bytes()),
            ("c.txt", "\n丙 Title\n\nFirst line\nsecond line\n".as_bytes()),
            ("d.json", r#"[{"title": "丁", "body": "x", "url": "/d"}, {"title": "戊", "content": "y", "href": "/e", "keywords": ["k"]}]"#.as_bytes()),
            ("e.md", "# 己\n\nText with a [link](http://x).\n".as_bytes()),
        ],
    );
    let loaded = load_dir(&dir).unwrap();
    let got: Vec<(&str, &str, &str)> = loaded
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.title.as_str(), a.url.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("a", "甲", "#/a/a"),
            ("b", "乙", "https://example.com/b"),
            ("c", "丙 Title", "#/a/c"),
            ("丁", "丁", "/d"),
            ("戊", "戊", "/e"),
            ("e", "己", "#/a/e")
        ]
    );
    let a = &loaded.articles[0];
    assert_eq!(
        (a.date.as_str(), a.body.as_str(), a.tags.clone()),
        ("2025-01-02", "推理模型", vec!["x".to_string(), "y".into()])
    );
    assert_eq!(loaded.articles[1].tags, ["p", "q"]);
    assert_eq!(loaded.articles[2].body, "First line second line");
    assert_eq!(loaded.articles[5].body, "Text with a link.");
    let built = build_dir(&dir).unwrap();
    let engine = engine::Engine::open(&built.bytes).unwrap();
    assert_eq!(
        engine.search("推理模型", Default::default()).hits[0].id,
        "a"
    );
}

#[test]
fn non_utf8_files_are_errors() {
    fails_with(
        "utf8",
        &[("bad.txt", b"Title\nline two\n\xff\xfe oops\n")],
        "bad.txt",
        Some(3),
        "not valid UTF-8",
    );
}

#[test]
fn invalid_front_matter_is_an_error() {
    fails_with(
        "toml",
        &[("a.md", b"+++\ntitle = \"x\"\ndate = = 3\n+++\nbody")],
        "a.md",
        Some(3),
        "invalid TOML front matter",
    );
    fails_with(
        "yaml",
        &[("a.md", b"---\ntitle: x\nthis is not yaml\n---\nbody")],
        "a.md",
        Some(3),
        "invalid YAML front matter",
    );
    fails_with(
        "open",
        &[("a.md", b"---\ntitle: x\nbody")],
        "a.md",
        Some(1),
        "never closed",
    );
    fails_with(
        "type",
        &[("a.md", b"+++\ntitle = true\n+++\nbody")],
        "a.md",
        Some(2),
        "`title` must be a string",
    );
}

#[test]
fn missing_titles_are_derived_with_a_warning() {
    let long = "長".repeat(70);
    let dir = dir_with(
        "notitle",
        &[
            ("a.md", b"+++\ndate = \"2025-01-01\"\n+++\nIntro line\n\n## A **bold** heading\n\ntext"),
            ("b.md", b"---\ndate: 2025-01-01\n---\n\n> quoted first line\n"),
            ("c.txt", b"\n\n"),
            (
                "d.json",
                format!("[\n  {{\"body\": \"李白\\n床前明月光\"}},\n  {{\"title\": \"\", \"body\": \"{long}\"}}\n]").as_bytes(),
            ),
        ],
    );
    let loaded = load_dir(&dir).unwrap();
    let titles: Vec<&str> = loaded.articles.iter().map(|a| a.title.as_str()).collect();
    let cut = format!("{}…", "長".repeat(59));
    assert_eq!(
        titles,
        [
            "A bold heading",
            "quoted first line",
            "c",
            "李白",
            cut.as_str()
        ]
    );
    assert_eq!(loaded.warnings.len(), 5, "{:?}", loaded.warnings);
    assert!(loaded.warnings[0].ends_with("a.md:1: no title; using “A bold heading”"));
    assert!(loaded.warnings[3].ends_with("d.json:2: no title; using “李白”"));
    assert!(loaded.warnings[4].contains("d.json:3: no title"));
}

#[test]
fn json_keys_outside_the_field_table_are_ignored() {
    let dir = dir_with(
        "jsonextra",
        &[(
            "a.json",
            r#"[{"title": "t", "body": "x", "image": {"src": "/a.png"}, "draft": false, "author": "甲", "weight": 3}]"#.as_bytes(),
        )],
    );
    let loaded = load_dir(&dir).unwrap();
    assert_eq!(loaded.articles[0].byline, "甲");
    assert!(loaded.warnings.is_empty());
}

#[test]
fn bad_json_articles_are_errors() {
    fails_with(
        "jsonbad",
        &[("a.json", b"[\n  {\"title\": \"t\", \"body\": true}\n]")],
        "a.json",
        Some(2),
        "article 1: `body` must be a string, found a boolean",
    );
    fails_with(
        "jsonnobody",
        &[(
            "a.json",
            b"[\n  {\"title\": \"t\", \"body\": \"x\"},\n  {\"title\": \"u\"}\n]",
        )],
        "a.json",
        Some(3),
        "article 2: missing body",
    );
    fails_with(
        "jsonsyntax",
        &[("a.json", b"[\n  {\"title\": \"t\",,}\n]")],
        "a.json",
        Some(2),
        "invalid JSON",
    );
    fails_with(
        "jsonscalar",
        &[("a.json", b"[\n  \"just a string\"\n]")],
        "a.json",
        Some(2),
        "expected an object",
    );
}

#[test]
fn derived_ids_are_made_unique_whatever_the_file_order() {
    let poems = |order: &[usize]| {
        let all = [
            r#"{"title": "詠雨", "body": "甲"}"#,
            r#"{"title": "詠雨", "body": "乙"}"#,
            r#"{"title": "春曉", "body": "丙"}"#,
            r#"{"title": "詠雨", "body": "乙"}"#,
        ];
        let items: Vec<&str> = order.iter().map(|&i| all[i]).collect();
        format!("[{}]", items.join(",\n"))
    };
    let ids_for = |name: &str, order: &[usize]| {
        let dir = dir_with(name, &[("poems.json", poems(order).as_bytes())]);
        let loaded = load_dir(&dir).unwrap();
        assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
        assert!(loaded
            .warnings
            .iter()
            .all(|w| w.contains("id `詠雨` is not unique")));
        let mut pairs: Vec<(String, String)> = loaded
            .articles
            .into_iter()
            .map(|a| (a.body, a.id))
            .collect();
        pairs.sort();
        pairs
    };
    let forward = ids_for("ids1", &[0, 1, 2]);
    let backward = ids_for("ids2", &[2, 1, 0]);
    assert_eq!(forward, backward);
    // Sorted by body: 丙 (春曉, unique: no suffix), 乙 and 甲 (both 詠雨).
    assert_eq!(forward[0], ("丙".to_string(), "春曉".to_string()));
    assert!(forward[1].1.starts_with("詠雨-") && forward[2].1.starts_with("詠雨-"));
    assert_ne!(forward[1].1, forward[2].1);
    // Two identical articles still get distinct ids.
    let dir = dir_with("ids3", &[("poems.json", poems(&[1, 3, 0]).as_bytes())]);
    let ids: Vec<String> = load_dir(&dir)
        .unwrap()
        .articles
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(
        ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2],
        "{ids:?}"
    );
}

#[test]
fn urls_other_than_http_and_relative_are_build_errors() {
    let hostile = [
        "javascript:document.title='PWNED';alert(document.domain)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ];
    for (i, url) in hostile.iter().enumerate() {
        let quoted = serde_json::to_string(url).unwrap();
        // YAML as authors write it: a plain scalar, tabs and all.
        let md = format!("---\ntitle: x\ndate: 2025-01-01\nurl: {url}\n---\nbody");
        fails_with(
            &format!("url-md-{i}"),
            &[("a.md", md.as_bytes())],
            "a.md",
            Some(4),
            "only http(s) and relative URLs",
        );
        let toml = format!("+++\ntitle = \"x\"\nurl = {quoted}\n+++\nbody");
        fails_with(
            &format!("url-toml-{i}"),
            &[("a.md", toml.as_bytes())],
            "a.md",
            Some(3),
            "only http(s) and relative URLs",
        );
        let json = format!("[\n{{\"title\": \"ok\", \"body\": \"x\", \"url\": \"/ok\"}},\n{{\"title\": \"x\", \"body\": \"y\", \"url\": {quoted}}}\n]");
        fails_with(
            &format!("url-json-{i}"),
            &[("a.json", json.as_bytes())],
            "a.json",
            Some(3),
            "only http(s) and relative URLs",
        );
    }
    let dir = dir_with(
        "url-ok",
        &[(
            "a.json",
            br##"[{"title": "a", "body": "x", "url": "https://example.com/a"}, {"title": "b", "body": "x", "url": "../posts/b/"}, {"title": "c", "body": "x", "url": "?p=3"}, {"title": "d", "body": "x", "url": "#d"}]"##,
        )],
    );
    assert_eq!(load_dir(&dir).unwrap().articles.len(), 4);
}

#[test]
fn duplicate_ids_and_urls_are_errors() {
    fails_with(
        "dupid",
        &[
            ("a.md", b"+++\ntitle = \"x\"\nid = \"same\"\n+++\n"),
            ("b.md", b"+++\ntitle = \"y\"\nid = \"same\"\n+++\n"),
        ],
        "b.md",
        Some(1),
        "duplicate id `same`",
    );
    fails_with(
        "dupurl",
        &[
            ("a.md", b"+++\ntitle = \"x\"\nurl = \"/p\"\n+++\n"),
            (
                "b.json",
                b"[{\"title\": \"y\", \"body\": \"\", \"url\": \"/p\"}]",
            ),
        ],
        "b.json",
        Some(1),
        "duplicate url `/p`",
    );
}

#[test]
fn an_empty_directory_is_an_error() {
    let dir = dir_with("empty", &[("notes.pdf", b"%PDF-1.4")]);
    let e = load_dir(&dir).err().unwrap();
    assert!(e.to_string().contains("no articles found"), "{e}");
    assert_eq!(e.path, dir);
}

#[test]
fn unknown_files_are_skipped_and_counted() {
    let dir = dir_with(
        "unknown",
        &[
            ("a.txt", b"Title\nbody"),
            ("photo.jpg", b"\xff\xd8"),
            ("_draft.md", b"no title"),
        ],
    );
    let loaded = load_dir(&dir).unwrap();
    assert_eq!(loaded.articles.len(), 1);
    assert!(loaded.warnings.is_empty());
    assert_eq!(
        loaded.skipped,
        ["1 .jpg file (not an article: .md, .markdown, .mdx, .txt, .json or .html)"]
    );
}

#[test]
fn unreadable_dates_are_kept_with_a_warning() {
    let dir = dir_with(
        "dates",
        &[
            (
                "a.md",
                b"---\ntitle: a\ndate: 2024-01-15 10:30:00 +0800\n---\nx",
            ),
            ("b.md", b"---\ntitle: b\ndate: Jan 15, 2024\n---\ny"),
        ],
    );
    let loaded = load_dir(&dir).unwrap();
    assert_eq!(loaded.articles[1].date, "Jan 15, 2024");
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(loaded.warnings[0].contains("b.md:1: date `Jan 15, 2024` is not YYYY-MM-DD"));
}

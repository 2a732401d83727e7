//! Article URLs, checked with the WHATWG URL parser (the `url` crate, as browsers parse them):
//! only what resolves to `http:` or `https:` against a web page's address may be indexed.
//!
//! ```
//! use article_search_indexer::links::check;
//! assert!(check("/posts/a/").is_ok());
//! assert!(check("https://example.com/a").is_ok());
//! assert!(check(" JavaScript:alert(1)").is_err());
//! ```

use url::Url;

/// The base every article URL is resolved against: any `https:` page would do.
const BASE: &str = "https://x.invalid/";

/// `Ok` when `url`, resolved against an `https:` page, is an `http:` or `https:` URL (relative
/// paths, `?query` and `#fragment` included); else what is wrong with it.
pub fn check(url: &str) -> Result<(), String> {
    let base = Url::parse(BASE).map_err(|e| e.to_string())?;
    let parsed = base
        .join(url)
        .map_err(|e| format!("url `{url}` is not a valid URL ({e})"))?;
    match parsed.scheme() {
        "http" | "https" => Ok(()),
        other => Err(format!(
            "url `{url}` has the scheme `{other}:`; only http(s) and relative URLs are allowed"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn the_full_parser_and_the_engines_scheme_check_agree() {
        let cases = [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "\u{0}\u{1f}javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
            "https://example.com/",
            "HTTPS://EXAMPLE.COM",
            "//example.com/x",
            "/a/",
            "a",
            "?q=1",
            "#/a/x",
            "1javascript:x",
            "a:b",
            "中:x",
            "\u{3000}javascript:x",
        ];
        for u in cases {
            assert_eq!(
                check(u).is_ok(),
                engine::link::is_safe(u),
                "{u:?}: {:?}",
                check(u)
            );
        }
        assert!(
            check("http://").is_err(),
            "a URL that does not parse is refused"
        );
    }
}

//! Which article URLs may become links: only `http:`, `https:` and relative ones.
//!
//! The indexer refuses any other URL with the full WHATWG parser (the `url` crate). This is the
//! engine's second line, for indexes built by an older version or by hand: it decides the scheme
//! exactly as the WHATWG URL parser does when it resolves the URL against an `https:` base, without
//! carrying a URL parser into the wasm module. A URL that fails here is returned as `None`, so
//! `javascript:`, `data:`, `vbscript:` and the like never reach a page as a link.
//!
//! ```
//! use article_search_engine::link::is_safe;
//! assert!(is_safe("https://example.com/a"));
//! assert!(is_safe("../posts/x/"));
//! assert!(is_safe("#/a/x"));
//! assert!(!is_safe(" JavaScript:alert(1)"));
//! assert!(!is_safe("java\tscript:alert(1)"));
//! ```

/// True when `url`, resolved against an `https:` base by the WHATWG URL parser, has the scheme
/// `http` or `https` (a relative URL takes the base's).
///
/// The parser first strips leading and trailing C0 controls and spaces and removes every tab and
/// newline; then an ASCII letter followed by letters, digits, `+`, `-` or `.` up to a `:` is the
/// scheme, and anything else makes the URL relative.
pub fn is_safe(url: &str) -> bool {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut chars = trimmed
        .chars()
        .filter(|&c| !matches!(c, '\t' | '\n' | '\r'));
    let mut scheme = String::new();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
        _ => return true,
    }
    for c in chars {
        if c == ':' {
            return scheme == "http" || scheme == "https";
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return true;
        }
        scheme.push(c.to_ascii_lowercase());
    }
    true
}

/// `url` if [`is_safe`], else `None`.
pub fn safe(url: &str) -> Option<String> {
    is_safe(url).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::is_safe;

    #[test]
    fn allows_web_and_relative_urls() {
        for u in [
            "https://example.com/",
            "HTTP://EXAMPLE.COM",
            "//cdn.example.com/x",
            "/posts/a/",
            "posts/a.html",
            "../x/",
            "?q=1",
            "#/a/x",
            "",
            "a/b:c",
            "1http:x",
            " https://x",
            "ht\ttps://x",
            "中文:x",
        ] {
            assert!(is_safe(u), "{u:?}");
        }
    }

    #[test]
    fn refuses_script_and_other_schemes() {
        for u in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "jav\r\nascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "mailto:a@b",
            "x:",
            "a+b.c-d:x",
        ] {
            assert!(!is_safe(u), "{u:?}");
        }
    }
}

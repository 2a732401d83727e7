//! Plain text articles (`.txt`): the first non-empty line is the title, the rest the body.

use std::path::Path;

use super::Error;
use crate::fields::Raw;

/// Reads a `.txt` article. An empty file gives an article with no title (named after the file,
/// with a warning, by `finish`).
pub fn parse(path: &Path, text: &str) -> Result<Vec<Raw>, Error> {
    let mut lines = text
        .lines()
        .enumerate()
        .skip_while(|(_, l)| l.trim().is_empty());
    let Some((n, title)) = lines.next() else {
        return Ok(vec![Raw {
            path: path.into(),
            line: 1,
            ..Raw::default()
        }]);
    };
    let body: Vec<&str> = lines.map(|(_, l)| l).collect();
    Ok(vec![Raw {
        path: path.into(),
        line: n + 1,
        title: title.trim().into(),
        body: body.join("\n"),
        ..Raw::default()
    }])
}

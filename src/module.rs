//! The index inside a wasm module file: a custom section named [`SECTION`], which the runtime
//! ignores and the JS loader reads (`WebAssembly.Module.customSections`). Writing one is
//! appending bytes, so building a site's search needs no wasm toolchain.
//!
//! ```
//! use article_search::module::{index_of, with_index};
//! let generic = b"\0asm\x01\0\0\0".to_vec(); // an empty module
//! let module = with_index(&generic, b"ASIX...").unwrap();
//! assert_eq!(index_of(&module).unwrap(), b"ASIX...");
//! // Writing again replaces the index rather than adding a second one.
//! let again = with_index(&module, b"other").unwrap();
//! assert_eq!(index_of(&again).unwrap(), b"other");
//! ```

/// The custom section's name.
pub const SECTION: &str = "article-search/index";

const HEADER: &[u8] = b"\0asm\x01\0\0\0";

fn leb(mut n: usize, out: &mut Vec<u8>) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn read_leb(bytes: &[u8], at: &mut usize) -> Option<usize> {
    let mut n: usize = 0;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        n |= usize::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

/// A section: its custom name (custom sections only) and its whole bytes.
type Section<'m> = (Option<&'m str>, &'m [u8]);

/// The module's sections.
fn sections(module: &[u8]) -> Result<Vec<Section<'_>>, String> {
    if module.get(..8) != Some(HEADER) {
        return Err("not a WebAssembly module".into());
    }
    let mut at = 8;
    let mut out = Vec::new();
    while at < module.len() {
        let start = at;
        let id = module[at];
        at += 1;
        let size = read_leb(module, &mut at).ok_or("a section size is malformed")?;
        let end = at
            .checked_add(size)
            .filter(|&e| e <= module.len())
            .ok_or("a section runs past the end")?;
        let name = if id == 0 {
            let mut p = at;
            let len = read_leb(module, &mut p).ok_or("a custom section name is malformed")?;
            module
                .get(p..p + len)
                .and_then(|n| std::str::from_utf8(n).ok())
        } else {
            None
        };
        out.push((name, &module[start..end]));
        at = end;
    }
    Ok(out)
}

/// `module` with `index` as its index section (an existing one is replaced).
pub fn with_index(module: &[u8], index: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = HEADER.to_vec();
    for (name, bytes) in sections(module)? {
        if name != Some(SECTION) {
            out.extend_from_slice(bytes);
        }
    }
    let mut payload = Vec::new();
    leb(SECTION.len(), &mut payload);
    payload.extend_from_slice(SECTION.as_bytes());
    payload.extend_from_slice(index);
    out.push(0);
    leb(payload.len(), &mut out);
    out.extend_from_slice(&payload);
    Ok(out)
}

/// The index a module file carries.
pub fn index_of(module: &[u8]) -> Result<&[u8], String> {
    for (name, bytes) in sections(module)? {
        if name == Some(SECTION) {
            let mut at = 1;
            read_leb(bytes, &mut at).ok_or("malformed index section")?;
            let len = read_leb(bytes, &mut at).ok_or("malformed index section")?;
            return bytes
                .get(at + len..)
                .ok_or_else(|| "malformed index section".to_string());
        }
    }
    Err(format!(
        "the module holds no `{SECTION}` section: it was not built by `article-search build`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_indexes_and_bad_modules() {
        let index = vec![7u8; 300_000];
        let m = with_index(HEADER, &index).unwrap();
        assert_eq!(index_of(&m).unwrap(), &index[..]);
        assert!(index_of(HEADER)
            .unwrap_err()
            .contains("no `article-search/index`"));
        assert!(with_index(b"not wasm", b"x").is_err());
        let mut cut = m.clone();
        cut.truncate(m.len() - 1);
        assert!(index_of(&cut).is_err());
    }
}

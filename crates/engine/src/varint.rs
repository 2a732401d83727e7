//! LEB128 unsigned varints, the integer encoding of postings and the document table.

/// Appends `v` as a varint.
#[cfg(feature = "write")]
pub fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*at`, advancing it. `None` on truncated or over-long input.
#[inline]
pub fn get(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v: u64 = 0;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

#[cfg(all(test, feature = "write"))]
mod tests {
    #[test]
    fn round_trip() {
        let mut buf = Vec::new();
        let values = [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX];
        for &v in &values {
            super::put(&mut buf, v);
        }
        let mut at = 0;
        for &v in &values {
            assert_eq!(super::get(&buf, &mut at), Some(v));
        }
        assert_eq!(super::get(&buf, &mut at), None);
        assert_eq!(super::get(&[0x80, 0x80], &mut 0), None);
    }
}

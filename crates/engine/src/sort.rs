//! One small sort for the whole engine.
//!
//! The standard library's sorts are fast but large: each instantiation adds 1–3 KB of wasm, and
//! the engine sorted six element types. Every sort here goes through [`sort_u64`], a heapsort
//! (O(n log n), in place, a few hundred bytes of code) on keys packed into `u64`.

/// Sorts ascending.
pub fn sort_u64(v: &mut [u64]) {
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift_down(v, start, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

fn sift_down(v: &mut [u64], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && v[child] < v[child + 1] {
            child += 1;
        }
        if v[root] >= v[child] {
            return;
        }
        v.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_like_std() {
        let mut seed = 12345u64;
        for n in [0usize, 1, 2, 3, 10, 100, 1000] {
            let mut v: Vec<u64> = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    seed >> 40
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_unstable();
            super::sort_u64(&mut v);
            assert_eq!(v, expected);
        }
    }
}

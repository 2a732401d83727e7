//! Sets of document numbers, kept as ascending `Vec<u32>`: intersections, and unions through a
//! bitmap over the documents (no sort needed).

/// The numbers in both ascending lists.
pub fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter()
        .copied()
        .filter(|x| b.binary_search(x).is_ok())
        .collect()
}

/// The intersection of every list (empty when there is none).
pub fn intersect_all<'a>(mut lists: impl Iterator<Item = &'a [u32]>) -> Vec<u32> {
    let Some(first) = lists.next() else {
        return Vec::new();
    };
    lists.fold(first.to_vec(), |acc, l| intersect(&acc, l))
}

/// The union of several ascending lists of numbers below `n_docs`, ascending; `each` calls its
/// argument with every list. Numbers at or above `n_docs` are dropped.
pub fn union(n_docs: u32, each: impl FnOnce(&mut dyn FnMut(&[u32]))) -> Vec<u32> {
    let mut bits = vec![0u64; (n_docs as usize).div_ceil(64)];
    each(&mut |list| {
        for &d in list {
            if let Some(word) = bits.get_mut(d as usize / 64) {
                *word |= 1 << (d % 64);
            }
        }
    });
    let mut out = Vec::new();
    for (w, &word) in bits.iter().enumerate() {
        for b in 0..64 {
            if word & (1 << b) != 0 {
                out.push((w * 64 + b) as u32);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersections() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[3, 4, 7, 9]), [3, 7]);
        assert!(intersect(&[], &[1]).is_empty());
        let lists: [&[u32]; 3] = [&[1, 2, 3, 4], &[2, 3, 4], &[0, 3, 4]];
        assert_eq!(intersect_all(lists.into_iter()), [3, 4]);
        assert!(intersect_all(std::iter::empty()).is_empty());
    }

    #[test]
    fn union_is_sorted_deduplicated_and_bounded() {
        let u = union(130, |add| {
            add(&[5, 64, 129]);
            add(&[0, 5, 63, 200]);
        });
        assert_eq!(u, [0, 5, 63, 64, 129]);
        assert!(union(0, |add| add(&[0, 1])).is_empty());
    }
}

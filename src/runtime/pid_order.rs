//! Vectors kept in pid order: a supervisor's (or a registry partition's) large link set
//! and a supervisor's children. Pids are handed out in order, so children are spread
//! evenly over the range and added at the end; a removal marks its slot and the vector
//! is swept when the marks are half of it.
//!
//! Finding a pid: a guess by interpolation lands within a few slots, and a binary search
//! runs in the window around it (a plain binary search over a million entries was twenty
//! probes, the last ones cache misses).

/// Where `pid` is in `slots` (sorted by `key`), or where it would go.
pub(crate) fn find<T>(slots: &[T], key: impl Fn(&T) -> u64, pid: u64) -> Result<usize, usize> {
    let n = slots.len();
    if n < 64 {
        return slots.binary_search_by_key(&pid, key);
    }
    let (first, last) = (key(&slots[0]), key(&slots[n - 1]));
    if pid <= first || pid >= last {
        return slots.binary_search_by_key(&pid, key);
    }
    let guess = ((pid - first) as u128 * (n - 1) as u128 / (last - first) as u128) as usize;
    let (mut lo, mut hi) = (guess.saturating_sub(16), (guess + 16).min(n - 1));
    // Widen the window until it brackets the pid (doubling: cheap when the guess was
    // off, as for pids that came in clusters).
    let mut step = 32;
    while lo > 0 && key(&slots[lo]) > pid {
        lo = lo.saturating_sub(step);
        step *= 2;
    }
    step = 32;
    while hi < n - 1 && key(&slots[hi]) < pid {
        hi = (hi + step).min(n - 1);
        step *= 2;
    }
    match slots[lo..=hi].binary_search_by_key(&pid, key) {
        Ok(i) => Ok(lo + i),
        Err(i) => Err(lo + i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_agrees_with_a_binary_search_on_uneven_sets() {
        // Dense, sparse and clustered pids: the interpolation guess is good, poor and
        // bad; the answer must be the same.
        let shapes: Vec<Vec<u64>> = vec![
            (0..5000).map(|i| 100 + i * 3).collect(),
            (0..5000).map(|i| i * i).collect(),
            (0..2500).chain(1_000_000..1_002_500).collect(),
            (0..10).collect(),
        ];
        for slots in shapes {
            let max = *slots.last().unwrap() + 2;
            let step = (max / 20_000).max(1) as usize;
            for probe in (0..max).step_by(step).chain(slots.iter().copied()) {
                assert_eq!(
                    find(&slots, |s| *s, probe),
                    slots.binary_search(&probe),
                    "{probe}"
                );
            }
        }
    }
}

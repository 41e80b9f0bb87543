//! `String.jaro_distance/2`, which iex uses to pick "Did you mean" suggestions.
//!
//! This follows Elixir 1.14's own algorithm rather than the textbook one: its window
//! slides over the longer string, and a transposition is counted each time a match
//! lands before the previous one. The two differ on some inputs, and the suggestions
//! iex prints (a 0.77 threshold) depend on the exact figure.

/// The Jaro similarity of two strings, from 0.0 (nothing in common) to 1.0 (equal).
pub fn distance(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (len1, len2) = (a.len(), b.len());
    // Elixir walks the shorter string (the second one on a tie) against the other.
    let (outer, inner, lim) = if len1 < len2 {
        (&a, &b, (len2 / 2) as i64 - 1)
    } else {
        (&b, &a, (len1 / 2) as i64 - 1)
    };
    let (common, transpositions) = matches(outer, inner, lim);
    if common == 0 {
        return 0.0;
    }
    let common = common as f64;
    (common / len1 as f64 + common / len2 as f64 + (common - transpositions as f64) / common) / 3.0
}

/// Matched characters and transpositions of `outer` against `inner`, looking at most
/// `lim` places either side.
fn matches(outer: &[char], inner: &[char], lim: i64) -> (usize, usize) {
    let mut inner: Vec<Option<char>> = inner.iter().copied().map(Some).collect();
    // `dropped`: how far the window's start has slid; `pre`: how many places it reaches
    // back, growing up to `lim` before the window starts sliding.
    let (mut dropped, mut pre) = (0usize, 0i64);
    let (mut common, mut transpositions, mut former) = (0, 0, -1i64);
    for &c in outer {
        let width = (pre + 1 + lim).max(0) as usize;
        let end = (dropped + width).min(inner.len());
        if let Some(at) = (dropped..end).find(|&j| inner[j] == Some(c)) {
            inner[at] = None;
            common += 1;
            if (at as i64) < former {
                transpositions += 1;
            }
            former = at as i64;
        }
        if pre == lim {
            dropped += 1;
        } else {
            pre += 1;
        }
    }
    (common, transpositions)
}

#[cfg(test)]
mod tests {
    use super::distance;

    #[test]
    fn matches_elixir_figures() {
        // Each figure is what `String.jaro_distance/2` prints in Elixir 1.14.
        assert_eq!(distance("dwayne", "duane"), 0.8222222222222223);
        assert_eq!(distance("start_child", "start_link"), 0.8007575757575758);
        assert_eq!(distance("cal", "call"), 0.9166666666666666);
        assert_eq!(distance("even", "odd"), 0.0);
        assert_eq!(distance("same", "same"), 1.0);
        assert_eq!(distance("", "abc"), 0.0);
        assert_eq!(distance("martha", "marhta"), 0.9444444444444445);
        assert_eq!(distance("abcdef", "fedcba"), 0.38888888888888884);
        assert_eq!(distance("lookp", "lookup"), 0.9444444444444445);
        assert_eq!(distance("jellyfish", "smellyfish"), 0.8962962962962964);
        assert_eq!(distance("a", "b"), 0.0);
        assert_eq!(distance("ab", "ba"), 0.0);
        assert_eq!(distance("crate", "trace"), 0.7333333333333334);
        assert_eq!(distance("frist", "first"), 0.9333333333333332);
    }
}

//! The atoms an iex 1.14 node (OTP 25, the guide's modules loaded) already has when its
//! first prompt is evaluated: 17,408 names, taken from the `=atoms` section of the crash
//! dump that `:erlang.halt('dump')` typed at that prompt writes, unquoted, sorted by
//! bytes, one per line, in `iex_boot_atoms.txt` (the empty atom is the first line).
//!
//! Typing one of them (`:ok`, `:erlang`, `:atom_count`) does not grow the atom table,
//! on the BEAM or here; any other name does, once. iex reads 17,396 at its first prompt
//! (the dump was written a few atoms later, while `halt` ran).
//!
//! Regenerate: `echo ":erlang.halt('dump')" | iex -r ../shared/oracle/modules.ex`, then
//! take the lines between `=atoms` and the next `=` line of `erl_crash.dump`.

const NAMES: &str = include_str!("iex_boot_atoms.txt");

/// Whether `name` is one of iex's boot atoms: a binary search over the sorted lines.
pub(crate) fn contains(name: &str) -> bool {
    let bytes = NAMES.as_bytes();
    let (mut lo, mut hi) = (0, bytes.len());
    // Invariant: every line starting before `lo` is < name; every line starting at or
    // after `hi` is > name. Lines are found from any byte by scanning back to a newline.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[..mid]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let start = start.max(lo);
        let end = bytes[start..]
            .iter()
            .position(|b| *b == b'\n')
            .map_or(bytes.len(), |i| start + i);
        match bytes[start..end].cmp(name.as_bytes()) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_name_is_found_and_others_are_not() {
        let lines: Vec<&str> = NAMES.lines().collect();
        assert_eq!(lines.len(), 17_408);
        for name in &lines {
            assert!(contains(name), "{name:?}");
        }
        for name in [
            "room_1",
            "cool_name",
            "zzzz_not_there",
            "Elixir.NoSuchModule",
            "a\n",
        ] {
            assert!(!contains(name), "{name:?}");
        }
        for name in [
            "",
            "ok",
            "erlang",
            "system_info",
            "atom_count",
            "Elixir.Registry",
            "Elixir.Server",
            "\\",
        ] {
            assert!(contains(name), "{name:?}");
        }
    }

    #[test]
    fn the_list_is_sorted_by_bytes_without_repeats() {
        let lines: Vec<&str> = NAMES.lines().collect();
        assert!(lines.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
    }
}

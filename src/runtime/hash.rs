//! A fast, non-cryptographic hasher for the node's tables (process table, names,
//! registries). The keys are pids and terms the node already trusts, and SipHash showed
//! up first in the benchmark's profile. rustc's FxHasher plus a
//! murmur3 finaliser.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    /// Every byte is read by word loads from `bytes` itself, the tail by an overlapping
    /// load. Why: copying a tail into a stack buffer and reading it back as a word
    /// defeats store-to-load forwarding, and the load then waits for every older
    /// instruction to retire, the last lookup's cache miss included. That serialised
    /// a run of `Registry.lookup`s on their misses (0.33 µs a lookup at 1M keys, 0.13
    /// without the copy, in a microbenchmark on the benchmark machine).
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        match n {
            0 => {}
            1..=3 => {
                let b = |i: usize| bytes[i] as u64;
                self.add(b(0) | b(n / 2) << 8 | b(n - 1) << 16);
            }
            4..=7 => self.add(half(bytes, 0) | half(bytes, n - 4) << 32),
            _ => {
                let mut chunks = bytes.chunks_exact(8);
                for c in &mut chunks {
                    self.add(u64::from_le_bytes(c.try_into().expect("eight bytes")));
                }
                if !chunks.remainder().is_empty() {
                    self.add(word(bytes, n - 8));
                }
            }
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // Fx alone leaves the low bits weak for strings that differ in their last bytes
        // ("room_1234" vs "room_1235"), and the tables index slots by the low bits:
        // a murmur3 finaliser spreads them.
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

/// The eight bytes of `s` from `at`, as a little-endian word (a load, no copy).
#[inline(always)]
pub(crate) fn word(s: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(s[at..at + 8].try_into().expect("eight bytes"))
}

/// The four bytes of `s` from `at`, as a little-endian word.
#[inline(always)]
pub(crate) fn half(s: &[u8], at: usize) -> u64 {
    u32::from_le_bytes(s[at..at + 4].try_into().expect("four bytes")) as u64
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxHashMap<K, V> = HashMap<K, V, FxBuild>;

/// Hashes one value (shard selection).
pub(crate) fn hash_one<T: std::hash::Hash>(t: &T) -> u64 {
    let mut h = FxHasher::default();
    t.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(bytes: &[u8]) -> u64 {
        let mut h = FxHasher::default();
        h.write(bytes);
        h.finish()
    }

    #[test]
    fn every_byte_of_a_binary_counts_at_every_length() {
        let text = b"room_1234567890abcdefghijklmnop";
        for n in 0..=text.len() {
            let a = &text[..n];
            let copy = a.to_vec();
            assert_eq!(of(a), of(copy.as_slice()), "{n}");
            for i in 0..n {
                let mut b = a.to_vec();
                b[i] ^= 0x40;
                assert_ne!(of(a), of(&b), "{n} bytes, differing at {i}");
            }
        }
    }
}

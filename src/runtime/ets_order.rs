//! The order in which the BEAM's ETS hash tables (`:set`, `:duplicate_bag`) list their
//! objects, so that `Registry.select/2` lists a registry's entries as iex does.
//!
//! Why it is worth the trouble: iex's order looks random to a learner but is the same on
//! every run, and a transcript shows it. It comes from three things, all reproduced here
//! from OTP 25's `erl_db_hash.c` and `erl_term_hashing.c` (checked against real ETS
//! tables with `:ets.slot/2`):
//!
//! - the key's hash (`MAKE_HASH`): an atom's is its name's `hashpjw`, any other key's is
//!   `make_internal_hash(key, 0)` (Bob Jenkins' mix, salted);
//! - its slot in a linear hash table (`hash_to_ix`): 256 slots at first, one more split
//!   each time the table holds more objects than slots;
//! - the walk: `select` visits slot 0, 64, 128, ... then 1, 65, ... (a stride of the
//!   table's 64 locks), each chain from its head; the caller gets the slots in reverse
//!   (each chain in its own order, as `:ets.slot/2` shows it). A new key goes to the head of its
//!   chain; a `:duplicate_bag` puts a new object of a known key after the key's
//!   others; a split (growth) keeps each chain's order.
//!
//! Not reproduced: an atom nested in a tuple or list hashes by its index in the BEAM's
//! atom table, which otpsh does not have (its name's hash stands in); pids and refs
//! hash by numbers otpsh hands out differently; a table that shrank (more than 256
//! objects, then fewer than half of its slots) joins chains in an order not modelled.

use std::cmp::Reverse;

use crate::term::Term;

#[cfg(test)]
#[path = "ets_order_tests.rs"]
mod tests;

const SALT: u32 = 3_432_918_353;
/// `[]`'s word.
const NIL: u64 = 0x3B;
const HCONST: u32 = 0x9e37_79b9;
const HCONST_4: u32 = 0x78dd_e6e4;
const HCONST_9: u32 = 0x8ff3_4781;
const HCONST_10: u32 = 0x2e2a_c13a;
const HCONST_11: u32 = 0xcc62_3af3;
const HCONST_12: u32 = 0x6a99_b4ac;
const HCONST_13: u32 = 0x08d1_2e65;
const HCONST_16: u32 = 0xe377_9b90;
const HCONST_17: u32 = 0x81af_1549;
const HCONST_18: u32 = 0x1fe6_8f02;
const HCONST_22: u32 = 0x98c4_75e6;

/// The first segment's slots: a new table's size, and the size below which it never
/// shrinks.
pub(crate) const FIRST_SLOTS: usize = 256;
/// Locks of a `write_concurrency` table: the walk's stride.
const LOCKS: usize = 64;

/// The BEAM's `MAKE_HASH(key)`: the hash an ETS hash table files `key` under.
pub(crate) fn key_hash(key: &Term) -> u32 {
    match key {
        Term::Atom(a) => atom_hash(a.name()),
        _ => internal_hash(key),
    }
}

/// `atom_hash` of `atom.c`: `hashpjw` over the name's bytes, with the latin-1 clutch
/// that folds a two-byte UTF-8 sequence of U+0080..U+00FF into one byte.
fn atom_hash(name: &str) -> u32 {
    let bytes = name.as_bytes();
    let mut h: u32 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let mut v = bytes[i] as u32;
        i += 1;
        if i < bytes.len() && (v & 0xFE) == 0xC2 && (bytes[i] & 0xC0) == 0x80 {
            v = ((v << 6) | (bytes[i] as u32 & 0x3F)) & 0xFF;
            i += 1;
        }
        h = (h << 4).wrapping_add(v);
        let g = h & 0xf000_0000;
        if g != 0 {
            h ^= g >> 24;
            h ^= g;
        }
    }
    h
}

/// Bob Jenkins' `mix` (lookup2), as `MIX(a,b,c)`; returns the new `c`.
fn mix(mut a: u32, mut b: u32, mut c: u32) -> (u32, u32, u32) {
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 13);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 8);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 13);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 12);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 16);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 5);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 3);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 10);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 15);
    (a, b, c)
}

/// `block_hash`: a binary's bytes, twelve at a time, then the tail and the length.
fn block_hash(bytes: &[u8], init: u32) -> u32 {
    let word = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    let (mut a, mut b, mut c) = (HCONST, HCONST, init);
    let mut chunks = bytes.chunks_exact(12);
    for k in &mut chunks {
        a = a.wrapping_add(word(&k[0..4]));
        b = b.wrapping_add(word(&k[4..8]));
        c = c.wrapping_add(word(&k[8..12]));
        (a, b, c) = mix(a, b, c);
    }
    c = c.wrapping_add(bytes.len() as u32);
    for (j, &v) in chunks.remainder().iter().enumerate() {
        let v = v as u32;
        match j {
            0..=3 => a = a.wrapping_add(v << (8 * j)),
            4..=7 => b = b.wrapping_add(v << (8 * (j - 4))),
            // The first byte of `c` holds the length.
            _ => c = c.wrapping_add(v << (8 * (j - 7))),
        }
    }
    mix(a, b, c).2
}

/// What `make_internal_hash` keeps on its stack besides terms.
enum Work<'a> {
    Term(&'a Term),
    /// An improper list's tail, or a list's end, follows.
    Cdr,
    /// The rest of a list from this index (a proper list's end is `[]`).
    ListFrom(&'a [Term], usize, Option<&'a Term>),
    /// A proper list's `[]`.
    Nil,
}

struct Hasher {
    hash: u32,
}

impl Hasher {
    fn pair(&mut self, x: u32, y: u32, k: u32) {
        self.hash = mix(k.wrapping_add(x), k.wrapping_add(y), self.hash).2;
    }

    fn one(&mut self, x: u32, k: u32) {
        self.pair(x, 0, k);
    }

    fn constant(&mut self, k: u32) {
        self.hash ^= k;
        self.hash = self.hash.rotate_left(17);
    }

    fn immediate(&mut self, word: u64) {
        self.pair(word as u32, (word >> 32) as u32, HCONST);
    }
}

/// The BEAM's word for an immediate term (64-bit): a small integer, an atom, `[]` or a
/// local pid; `None` for a boxed one.
fn immediate(term: &Term) -> Option<u64> {
    const SMALL_MIN: i64 = -(1 << 59);
    const SMALL_MAX: i64 = (1 << 59) - 1;
    match term {
        Term::Int(n) if (SMALL_MIN..=SMALL_MAX).contains(n) => Some(((*n as u64) << 4) | 0xF),
        // The atom's index in the BEAM's table is unknown here: its name's hash stands in.
        Term::Atom(a) => Some(((atom_hash(a.name()) as u64) << 6) | 0xB),
        Term::List(items) if items.is_empty() => Some(NIL),
        Term::Pid(p) => Some((p.0 << 4) | 0x3),
        _ => None,
    }
}

/// `make_internal_hash(term, 0)` of OTP 25.
fn internal_hash(term: &Term) -> u32 {
    let mut h = Hasher { hash: SALT };
    if let Some(word) = immediate(term) {
        h.immediate(word);
        return h.hash;
    }
    let mut stack: Vec<Work> = vec![Work::Term(term)];
    while let Some(work) = stack.pop() {
        match work {
            Work::Cdr => h.constant(HCONST_18),
            Work::Nil => h.immediate(NIL),
            Work::Term(t) => boxed(&mut h, t, &mut stack),
            Work::ListFrom(items, i, tail) => list(&mut h, items, i, tail, &mut stack),
        }
    }
    h.hash
}

fn boxed<'a>(h: &mut Hasher, term: &'a Term, stack: &mut Vec<Work<'a>>) {
    if let Some(word) = immediate(term) {
        return h.immediate(word);
    }
    match term {
        Term::Tuple(items) => {
            h.one(items.len() as u32, HCONST_9);
            stack.extend(items.iter().rev().map(Work::Term));
        }
        Term::Binary(b) => {
            let con = HCONST_13.wrapping_add(h.hash);
            h.hash = if b.is_empty() {
                con
            } else {
                block_hash(b, con)
            };
        }
        Term::Int(n) => {
            let k = if *n < 0 { HCONST_10 } else { HCONST_11 };
            let t = n.unsigned_abs();
            h.pair(t as u32, (t >> 32) as u32, k);
        }
        Term::Float(f) => {
            let bits = if *f == 0.0 { 0 } else { f.to_bits() };
            h.pair(bits as u32, (bits >> 32) as u32, HCONST_12);
        }
        Term::List(items) => list(h, items, 0, None, stack),
        Term::ImproperList(items, tail) => list(h, items, 0, Some(tail), stack),
        Term::Map(m) => {
            h.one(m.len() as u32, HCONST_16);
            for (k, v) in m.iter().rev() {
                stack.push(Work::Term(v));
                stack.push(Work::Term(k));
            }
        }
        // Refs and funs hash by what the BEAM holds and otpsh does not: any stable word.
        Term::Ref(r) => h.immediate(r.0),
        Term::Fun(f) => h.immediate(f.id),
        Term::Atom(_) | Term::Pid(_) => {}
    }
}

/// A list from `items[i]`: a run of bytes is hashed four at a time; the first other
/// element is hashed as a car, the rest of the list waiting on the stack.
fn list<'a>(
    h: &mut Hasher,
    items: &'a [Term],
    mut i: usize,
    tail: Option<&'a Term>,
    stack: &mut Vec<Work<'a>>,
) {
    let (mut c, mut sh) = (0u32, 0u32);
    while let Some(Term::Int(b @ 0..=255)) = items.get(i) {
        sh = (sh << 8).wrapping_add(*b as u32);
        if c == 3 {
            h.one(sh, HCONST_4);
            (c, sh) = (0, 0);
        } else {
            c += 1;
        }
        i += 1;
    }
    if c > 0 {
        h.pair(sh, c, HCONST_22);
    }
    let Some(car) = items.get(i) else {
        // The end of the cons cells: `[]` or the improper tail, hashed as a term.
        match tail {
            Some(t) => stack.push(Work::Term(t)),
            None => h.immediate(NIL),
        }
        return;
    };
    h.constant(HCONST_17);
    if i + 1 < items.len() {
        stack.push(Work::ListFrom(items, i + 1, tail));
    } else {
        match tail {
            Some(t) => stack.push(Work::Term(t)),
            None => stack.push(Work::Nil),
        }
        stack.push(Work::Cdr);
    }
    stack.push(Work::Term(car));
}

/// The size of one ETS hash table, as `db_put_hash` and `try_shrink` keep it: it grows
/// by a slot whenever it holds more objects than slots, and shrinks (never below its
/// first 256 slots) when it holds fewer than half as many.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TableSize {
    pub nitems: usize,
    pub nactive: usize,
}

impl Default for TableSize {
    fn default() -> TableSize {
        TableSize {
            nitems: 0,
            nactive: FIRST_SLOTS,
        }
    }
}

impl TableSize {
    /// A table holding `nitems` objects after holding `peak` at most: grown to `peak`
    /// slots, unless deletions took it below half of them, when ETS shrinks it towards
    /// twice what it holds.
    pub(crate) fn inferred(nitems: usize, peak: usize) -> TableSize {
        let peak = peak.max(nitems);
        let nactive = if nitems * 2 >= peak {
            peak
        } else {
            nitems * 2 + 1
        };
        TableSize {
            nitems,
            nactive: nactive.max(FIRST_SLOTS),
        }
    }

    /// One object was inserted (`grow` splits at most five slots a call). The history
    /// `grown_to` stands for; ETS also shrinks (at most five slots a delete, while
    /// fewer objects than half the slots and more than 256 slots), which `all()` does
    /// not follow (see `RegistryTable::all`).
    #[cfg(test)]
    pub(crate) fn inserted(&mut self) {
        self.nitems += 1;
        for _ in 0..5 {
            if self.nitems <= self.nactive {
                break;
            }
            self.nactive += 1;
        }
    }

    /// `hash_to_ix`: the slot of a hash in a table of `nactive` slots.
    fn slot(&self, hash: u32) -> usize {
        let szm = self.nactive.next_power_of_two() - 1;
        let ix = hash as usize & szm;
        if ix >= self.nactive {
            ix & (szm >> 1)
        } else {
            ix
        }
    }
}

/// One object of a table, with what fixes its place in its chain: `group`, when its
/// key entered the chain (the oldest live object of that key), and `seq`, when it was
/// inserted itself.
pub(crate) struct Placed<T> {
    pub hash: u32,
    pub group: u64,
    pub seq: u64,
    pub item: T,
}

/// What `:ets.select/2` (and `tab2list`) returns from a table of `size` holding these
/// objects: the slots in reverse walk order, each one's chain from its head (the
/// newest key first; a key's objects in insertion order).
pub(crate) fn select_order<T>(objects: Vec<Placed<T>>, size: TableSize) -> Vec<T> {
    let mut keyed: Vec<_> = objects
        .into_iter()
        .map(|o| {
            let ix = size.slot(o.hash);
            let place = (Reverse(ix % LOCKS), Reverse(ix / LOCKS));
            ((place, Reverse(o.group), o.seq), o.item)
        })
        .collect();
    keyed.sort_by_key(|k| k.0);
    keyed.into_iter().map(|(_, item)| item).collect()
}

/// `:erlang.phash2(term, range)`: `make_hash2` modulo `range`, which is how a
/// partitioned Registry picks a partition (by key in a unique one, by pid otherwise).
/// Exact for binaries, atoms, integers, pids and tuples of those; other terms fall back
/// to the internal hash (deterministic, not the BEAM's).
pub(crate) fn phash2(term: &Term, range: usize) -> usize {
    let mut h = Hasher { hash: 0 };
    if !hash2(&mut h, term) {
        return internal_hash(term) as usize % range.max(1);
    }
    h.hash as usize % range.max(1)
}

/// One term into `make_hash2`'s state; false for a term it does not reproduce.
fn hash2(h: &mut Hasher, term: &Term) -> bool {
    const HCONST_3: u32 = 0xdaa6_6d2b;
    const HCONST_5: u32 = 0x1715_609d;
    match term {
        Term::Atom(a) if h.hash == 0 => h.hash = atom_hash(a.name()),
        Term::Atom(a) => h.one(atom_hash(a.name()), HCONST_3),
        Term::Int(n) if (-(1 << 27)..(1 << 27)).contains(n) => {
            if *n < 0 {
                h.one(n.unsigned_abs() as u32, HCONST);
            }
            h.one(*n as u32, HCONST);
        }
        Term::Int(n) => {
            let k = if *n < 0 { HCONST_10 } else { HCONST_11 };
            let t = n.unsigned_abs();
            h.pair(t as u32, (t >> 32) as u32, k);
        }
        Term::Binary(b) => {
            let con = HCONST_13.wrapping_add(h.hash);
            h.hash = if b.is_empty() {
                con
            } else {
                block_hash(b, con)
            };
        }
        // A pid's number (its serial is 0 in otpsh).
        Term::Pid(p) => h.one(p.0 as u32, HCONST_5),
        Term::Tuple(items) => {
            h.one(items.len() as u32, HCONST_9);
            return items.iter().all(|t| hash2(h, t));
        }
        _ => return false,
    }
    true
}

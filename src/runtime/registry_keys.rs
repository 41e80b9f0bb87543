//! The storage of a registry table: keys that carry their hash, and the entries under
//! one key kept inline when there is one (a unique registry always; most duplicate
//! keys too).
//!
//! Why: a lookup at 100k+ keys is bound by cache misses, not instructions. The key's
//! hash is computed once (it picks the shard and the bucket), and the entry, with its
//! pid, sits in the bucket, so a lookup touches neither a separate entry vector nor the
//! process.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::Arc;

use super::hash::hash_one;
use super::process::Process;
use crate::term::{Pid, Term};

pub(crate) struct Entry {
    pub pid: Pid,
    pub proc: Arc<Process>,
    pub value: Term,
}

pub(crate) enum Entries {
    One(Entry),
    Many(Vec<Entry>),
}

impl Entries {
    pub(crate) fn as_slice(&self) -> &[Entry] {
        match self {
            Entries::One(e) => std::slice::from_ref(e),
            Entries::Many(v) => v,
        }
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [Entry] {
        match self {
            Entries::One(e) => std::slice::from_mut(e),
            Entries::Many(v) => v,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.as_slice().len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    pub(crate) fn push(&mut self, entry: Entry) {
        match self {
            Entries::Many(v) if v.is_empty() => *self = Entries::One(entry),
            Entries::Many(v) => v.push(entry),
            Entries::One(_) => {
                let Entries::One(first) = std::mem::replace(self, Entries::Many(Vec::new())) else {
                    unreachable!("matched One above")
                };
                *self = Entries::Many(vec![first, entry]);
            }
        }
    }

    /// Keeps the entries `keep` accepts, in order; stops at the first error.
    pub(crate) fn try_retain<E>(
        &mut self,
        mut keep: impl FnMut(&Entry) -> Result<bool, E>,
    ) -> Result<(), E> {
        let all = match std::mem::replace(self, Entries::Many(Vec::new())) {
            Entries::One(e) => vec![e],
            Entries::Many(v) => v,
        };
        let mut kept = Vec::with_capacity(all.len());
        let mut error = None;
        for e in all {
            if error.is_none() {
                match keep(&e) {
                    Ok(false) => continue,
                    Ok(true) => {}
                    Err(err) => error = Some(err),
                }
            }
            kept.push(e);
        }
        *self = match kept.len() {
            1 => Entries::One(kept.pop().expect("one entry")),
            _ => Entries::Many(kept),
        };
        error.map_or(Ok(()), Err)
    }

    /// Keeps the entries `keep` accepts, in order. Allocates nothing: it runs at every
    /// via-named process's death (`try_retain` rebuilds the vector).
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&Entry) -> bool) {
        match self {
            Entries::One(e) if !keep(e) => *self = Entries::Many(Vec::new()),
            Entries::One(_) => {}
            Entries::Many(v) => {
                v.retain(|e| keep(e));
                if v.len() == 1 {
                    *self = Entries::One(v.pop().expect("one entry"));
                }
            }
        }
    }
}

/// A key with its hash, computed once, and a copy of its bytes when it is a short
/// binary (`"room_42"`), so comparing two keys does not read the binaries' memory.
pub(crate) struct Key {
    hash: u64,
    short: Short,
    pub term: Term,
}

/// Up to `SHORT` bytes of a binary key, inline; `len == NOT_SHORT` for other keys.
#[derive(PartialEq, Eq)]
pub(crate) struct Short {
    len: u8,
    bytes: [u8; SHORT],
}

const SHORT: usize = 23;
const NOT_SHORT: u8 = u8::MAX;

impl Short {
    fn of(term: &Term) -> Short {
        let mut short = Short {
            len: NOT_SHORT,
            bytes: [0; SHORT],
        };
        if let Term::Binary(b) = term {
            if b.len() <= SHORT {
                short.len = b.len() as u8;
                short.bytes[..b.len()].copy_from_slice(b);
            }
        }
        short
    }
}

impl Key {
    pub(crate) fn new(term: Term) -> Key {
        Key {
            hash: hash_one(&term),
            short: Short::of(&term),
            term,
        }
    }

    pub(crate) fn hash(&self) -> u64 {
        self.hash
    }
}

/// A key to look up with, borrowing its term: a lookup clones nothing (the clone was
/// an atomic write to the caller's binary, and its drop another).
pub(crate) struct Probe<'a> {
    hash: u64,
    short: Short,
    term: &'a Term,
}

impl<'a> Probe<'a> {
    pub(crate) fn new(term: &'a Term) -> Probe<'a> {
        Probe {
            hash: hash_one(term),
            short: Short::of(term),
            term,
        }
    }

    pub(crate) fn hash(&self) -> u64 {
        self.hash
    }

    /// Borrowed as the map's keys are, so `KeyMap::get(probe.view())` finds a `Key`.
    pub(crate) fn view(&self) -> &(dyn KeyView + 'a) {
        self
    }
}

/// What a stored `Key` and a `Probe` share: the map hashes and compares through it.
pub(crate) trait KeyView {
    fn parts(&self) -> (u64, &Short, &Term);
}

impl KeyView for Key {
    fn parts(&self) -> (u64, &Short, &Term) {
        (self.hash, &self.short, &self.term)
    }
}

impl KeyView for Probe<'_> {
    fn parts(&self) -> (u64, &Short, &Term) {
        (self.hash, &self.short, self.term)
    }
}

impl<'a> Borrow<dyn KeyView + 'a> for Key {
    fn borrow(&self) -> &(dyn KeyView + 'a) {
        self
    }
}

impl Hash for dyn KeyView + '_ {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.parts().0);
    }
}

impl PartialEq for dyn KeyView + '_ {
    fn eq(&self, other: &Self) -> bool {
        same_key(self.parts(), other.parts())
    }
}

impl Eq for dyn KeyView + '_ {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        same_key(self.parts(), other.parts())
    }
}

impl Eq for Key {}

fn same_key((h1, s1, t1): (u64, &Short, &Term), (h2, s2, t2): (u64, &Short, &Term)) -> bool {
    if h1 != h2 {
        return false;
    }
    match (s1.len, s2.len) {
        (NOT_SHORT, NOT_SHORT) => same_term(t1, t2),
        // A short binary equals only a short binary.
        (NOT_SHORT, _) | (_, NOT_SHORT) => false,
        _ => s1 == s2,
    }
}

/// Term equality, with the common key shapes (strings, atoms) compared directly.
fn same_term(a: &Term, b: &Term) -> bool {
    match (a, b) {
        (Term::Binary(x), Term::Binary(y)) => Arc::ptr_eq(x, y) || x[..] == y[..],
        (Term::Atom(x), Term::Atom(y)) => x.name() == y.name(),
        (Term::Int(x), Term::Int(y)) => x == y,
        _ => a == b,
    }
}

/// Hands the key's own hash to the map: it is already well mixed.
#[derive(Default, Clone, Copy)]
pub(crate) struct PassHasher(u64);

impl Hasher for PassHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used (by `Key`); anything else is folded in.
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ *b as u64;
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type KeyMap = HashMap<Key, Entries, BuildHasherDefault<PassHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_terms_make_equal_keys_and_others_do_not() {
        let a = Key::new(Term::string("room_1"));
        let b = Key::new(Term::string("room_1"));
        let c = Key::new(Term::string("room_2"));
        assert!(a == b);
        assert!(a != c);
        assert!(Key::new(Term::Int(1)) != Key::new(Term::Float(1.0)));
        let long = "a key longer than twenty-three bytes";
        assert!(Key::new(Term::string(long)) == Key::new(Term::string(long)));
        assert!(Key::new(Term::string("")) != Key::new(Term::empty_list()));
    }

    #[test]
    fn a_probe_finds_the_key_it_equals_and_no_other() {
        let mut map = KeyMap::default();
        for k in [Term::string("room_1"), Term::Int(1), Term::atom("a")] {
            map.insert(Key::new(k), Entries::Many(Vec::new()));
        }
        let long = Term::string("a key longer than twenty-three bytes");
        map.insert(Key::new(long.clone()), Entries::Many(Vec::new()));
        for k in [Term::string("room_1"), Term::Int(1), Term::atom("a"), long] {
            assert!(map.contains_key(Probe::new(&k).view()), "{k:?}");
        }
        for k in [Term::string("room_2"), Term::Float(1.0), Term::string("a")] {
            assert!(!map.contains_key(Probe::new(&k).view()), "{k:?}");
        }
    }
}

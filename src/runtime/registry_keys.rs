//! The storage of a registry table: one 64-byte slot per key, holding the key (inline
//! when it is a short binary) and its entries (inline when there is one: a unique
//! registry always, most duplicate keys too).
//!
//! Why: a lookup at 100k+ keys is bound by cache misses, not instructions. A slot is one
//! cache line, aligned, so a lookup reads the table's control bytes and one line; it
//! touches neither a separate key binary, nor an entry vector, nor the process.

use std::sync::Arc;

use hashbrown::HashTable;

use super::hash::{hash_one, FxHasher};
use super::process::Process;
use crate::term::{Pid, Term};

/// An entry's value. `nil` (what a via name registers) costs no memory of its own;
/// anything else is boxed, keeping an entry at three words.
pub(crate) struct Value(Option<Box<Term>>);

impl Value {
    pub(crate) fn new(value: Term) -> Value {
        Value((!value.is_nil()).then(|| Box::new(value)))
    }

    /// The value, with `nil` given by the caller (atoms are reference-counted names: a
    /// shared `nil` is a count increment, a new one an allocation).
    pub(crate) fn get(&self, nil: &Term) -> Term {
        self.0.as_deref().unwrap_or(nil).clone()
    }

    /// Whether a value test passes, without cloning the value.
    pub(crate) fn with<R>(&self, nil: &Term, f: impl FnOnce(&Term) -> R) -> R {
        f(self.0.as_deref().unwrap_or(nil))
    }
}

pub(crate) struct Entry {
    pub pid: Pid,
    pub proc: Arc<Process>,
    pub value: Value,
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

/// Binaries up to this length are stored in the slot itself.
const SHORT: usize = 22;

/// A key as the table stores it: a short binary (`"room_42"`) inline, so comparing
/// keys reads no other memory; any other term boxed (a term is four words, a slot has
/// room for three).
pub(crate) enum Key {
    Short { len: u8, bytes: [u8; SHORT] },
    Other(Box<Term>),
}

impl Key {
    pub(crate) fn new(term: Term) -> Key {
        match &term {
            Term::Binary(b) if b.len() <= SHORT => {
                let mut bytes = [0; SHORT];
                bytes[..b.len()].copy_from_slice(b);
                Key::Short {
                    len: b.len() as u8,
                    bytes,
                }
            }
            _ => Key::Other(Box::new(term)),
        }
    }

    /// The key as a term (a short binary is copied out: `select/2`, completion).
    pub(crate) fn term(&self) -> Term {
        match self {
            Key::Short { len, bytes } => Term::Binary(Arc::from(&bytes[..*len as usize])),
            Key::Other(t) => (**t).clone(),
        }
    }

    /// The same hash `key_hash` gives the key's term (asked again when the table grows).
    fn hash(&self) -> u64 {
        match self {
            Key::Short { len, bytes } => hash_bytes(&bytes[..*len as usize]),
            Key::Other(t) => key_hash(t),
        }
    }

    /// Whether this stored key equals `term`.
    fn is(&self, term: &Term) -> bool {
        match (self, term) {
            (Key::Short { len, bytes }, Term::Binary(b)) => short_eq(&bytes[..*len as usize], b),
            (Key::Short { .. }, _) => false,
            // A short binary is always stored as `Short`.
            (Key::Other(_), Term::Binary(b)) if b.len() <= SHORT => false,
            (Key::Other(t), term) => same_term(t, term),
        }
    }
}

/// Equality of two short binaries by overlapping word loads: `memcmp` was a tenth of a
/// lookup.
fn short_eq(a: &[u8], b: &[u8]) -> bool {
    fn word(s: &[u8], at: usize) -> u64 {
        u64::from_le_bytes(s[at..at + 8].try_into().expect("eight bytes"))
    }
    fn half(s: &[u8], at: usize) -> u32 {
        u32::from_le_bytes(s[at..at + 4].try_into().expect("four bytes"))
    }
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        0..=3 => a == b,
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        _ => {
            word(a, 0) == word(b, 0) && word(a, 8) == word(b, 8) && word(a, n - 8) == word(b, n - 8)
        }
    }
}

/// A key's hash: its bytes for a binary (no need to build a term from a stored short
/// key), the term's hash otherwise. The high bits pick the shard, the low ones the
/// bucket.
pub(crate) fn key_hash(term: &Term) -> u64 {
    match term {
        Term::Binary(b) => hash_bytes(b),
        other => hash_one(other),
    }
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
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

/// One key and its entries: a cache line.
#[repr(align(64))]
pub(crate) struct Slot {
    pub key: Key,
    pub entries: Entries,
}

/// One shard of a registry's table.
#[derive(Default)]
pub(crate) struct Table {
    slots: HashTable<Slot>,
}

impl Table {
    pub(crate) fn get(&self, hash: u64, key: &Term) -> Option<&Entries> {
        self.slots.find(hash, |s| s.key.is(key)).map(|s| &s.entries)
    }

    pub(crate) fn get_mut(&mut self, hash: u64, key: &Term) -> Option<&mut Entries> {
        self.slots
            .find_mut(hash, |s| s.key.is(key))
            .map(|s| &mut s.entries)
    }

    /// The entries under `key`, made empty if the key is new.
    pub(crate) fn entry(&mut self, hash: u64, key: Term) -> &mut Entries {
        let entry = self.slots.entry(hash, |s| s.key.is(&key), |s| s.key.hash());
        let slot = entry.or_insert_with(|| Slot {
            key: Key::new(key),
            entries: Entries::Many(Vec::new()),
        });
        &mut slot.into_mut().entries
    }

    pub(crate) fn remove(&mut self, hash: u64, key: &Term) {
        if let Ok(slot) = self.slots.find_entry(hash, |s| s.key.is(key)) {
            slot.remove();
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Slot> {
        self.slots.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(term: &Term) -> Key {
        Key::new(term.clone())
    }

    #[test]
    fn a_stored_key_equals_its_term_and_no_other() {
        let long = Term::string("a key longer than twenty-two bytes");
        let keys = [
            Term::string("room_1"),
            Term::string(""),
            Term::Int(1),
            Term::atom("a"),
            long.clone(),
        ];
        for k in &keys {
            assert!(stored(k).is(k), "{k:?}");
            assert_eq!(stored(k).term(), *k);
            assert_eq!(stored(k).hash(), key_hash(k), "{k:?}");
        }
        assert!(!stored(&Term::string("room_1")).is(&Term::string("room_2")));
        assert!(!stored(&Term::Int(1)).is(&Term::Float(1.0)));
        assert!(!stored(&Term::string("")).is(&Term::empty_list()));
        assert!(!stored(&long).is(&Term::string("a key longer than twenty-two byteZ")));
        assert!(matches!(stored(&Term::string("room_1")), Key::Short { .. }));
        assert!(matches!(stored(&long), Key::Other(_)));
    }

    #[test]
    fn the_table_finds_what_it_holds_and_nothing_else() {
        let mut table = Table::default();
        let keys: Vec<Term> = (0..1000)
            .map(|i| Term::string(&format!("room_{i}")))
            .chain([Term::Int(1), Term::atom("a")])
            .collect();
        for k in &keys {
            table.entry(key_hash(k), k.clone()).push(Entry {
                pid: Pid(1),
                proc: Arc::new(Process::new(Pid(1), None)),
                value: Value::new(Term::Int(7)),
            });
        }
        for k in &keys {
            assert_eq!(
                table.get(key_hash(k), k).map(Entries::len),
                Some(1),
                "{k:?}"
            );
        }
        for k in [
            Term::string("room_1000"),
            Term::Float(1.0),
            Term::string("a"),
        ] {
            assert!(table.get(key_hash(&k), &k).is_none(), "{k:?}");
        }
        let gone = Term::string("room_7");
        table.remove(key_hash(&gone), &gone);
        assert!(table.get(key_hash(&gone), &gone).is_none());
        assert_eq!(table.iter().count(), keys.len() - 1);
    }

    #[test]
    fn short_binaries_compare_at_every_length() {
        let text = b"abcdefghijklmnopqrstuv";
        for n in 0..=SHORT {
            let a = &text[..n];
            assert!(short_eq(a, a), "{n}");
            assert!(!short_eq(a, &text[..n.saturating_sub(1)]) || n == 0, "{n}");
            for i in 0..n {
                let mut b = a.to_vec();
                b[i] ^= 1;
                assert!(!short_eq(a, &b), "{n} differing at {i}");
            }
        }
    }

    #[test]
    fn a_slot_is_one_cache_line() {
        assert_eq!(std::mem::size_of::<Slot>(), 64);
        assert_eq!(std::mem::align_of::<Slot>(), 64);
    }

    #[test]
    fn nil_values_take_no_box() {
        let nil = Term::nil();
        assert!(Value::new(Term::nil()).0.is_none());
        assert_eq!(Value::new(Term::nil()).get(&nil), nil);
        assert_eq!(Value::new(Term::Int(3)).get(&nil), Term::Int(3));
    }
}

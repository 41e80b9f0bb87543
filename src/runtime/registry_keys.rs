//! The storage of a registry table: one 32-byte slot per key, holding the key (inline
//! when it is a short binary) and its entries (inline when there is one with a `nil`
//! value: every via name).
//!
//! Why: a lookup at 100k+ keys is bound by cache misses, not instructions. A slot is
//! half a cache line, aligned, so a lookup reads the table's control bytes and one line;
//! it touches neither a separate key binary, nor an entry vector, nor the process. And
//! the smaller the slots, the more of the table stays in cache: 100k via names are 4 MB
//! of slots (a random read in 4 MB costs about 40 ns on the benchmark machine, in 8 MB
//! about 110 ns).

use std::sync::Arc;

use hashbrown::hash_table::Entry as Place;
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
}

/// One registration: a process and the value it registered.
pub(crate) struct Entry {
    pub pid: Pid,
    pub proc: Arc<Process>,
    pub value: Value,
}

/// An entry as `Entries::iter` shows it, whichever way it is stored.
pub(crate) struct EntryRef<'a> {
    pub pid: Pid,
    pub proc: &'a Arc<Process>,
    value: Option<&'a Term>,
}

impl EntryRef<'_> {
    /// The value, with `nil` given by the caller (atoms are reference-counted names: a
    /// shared `nil` is a count increment, a new one an allocation).
    pub(crate) fn value<'b>(&'b self, nil: &'b Term) -> &'b Term {
        self.value.unwrap_or(nil)
    }
}

impl Entry {
    fn view(&self) -> EntryRef<'_> {
        EntryRef {
            pid: self.pid,
            proc: &self.proc,
            value: self.value.0.as_deref(),
        }
    }
}

/// The entries under one key; never empty while in the table.
pub(crate) enum Entries {
    /// One entry with a `nil` value: a via name, the common case. Two words.
    One { pid: Pid, proc: Arc<Process> },
    /// Anything else: an entry with a value, or several (a duplicate registry).
    /// Boxed on purpose: a `Vec` is three words, the slot has room for two.
    #[allow(clippy::box_collection)]
    More(Box<Vec<Entry>>),
}

impl Entries {
    pub(crate) fn of(entry: Entry) -> Entries {
        match entry.value.0 {
            None => Entries::One {
                pid: entry.pid,
                proc: entry.proc,
            },
            Some(_) => Entries::More(Box::new(vec![entry])),
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Entries::One { .. } => 1,
            Entries::More(v) => v.len(),
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = EntryRef<'_>> {
        let (one, more) = match self {
            Entries::One { pid, proc } => (
                Some(EntryRef {
                    pid: *pid,
                    proc,
                    value: None,
                }),
                &[][..],
            ),
            Entries::More(v) => (None, &v[..]),
        };
        one.into_iter().chain(more.iter().map(Entry::view))
    }

    fn push(&mut self, entry: Entry) {
        match self {
            Entries::More(v) => v.push(entry),
            Entries::One { pid, proc } => {
                let first = Entry {
                    pid: *pid,
                    proc: proc.clone(),
                    value: Value(None),
                };
                *self = Entries::More(Box::new(vec![first, entry]));
            }
        }
    }

    /// Sets `pid`'s value (`Registry.update_value/3`); false if it has no entry here.
    pub(crate) fn set_value(&mut self, pid: Pid, value: Term) -> bool {
        match self {
            Entries::One { pid: p, proc } if *p == pid => {
                *self = Entries::of(Entry {
                    pid,
                    proc: proc.clone(),
                    value: Value::new(value),
                });
                true
            }
            Entries::One { .. } => false,
            Entries::More(v) => match v.iter_mut().find(|e| e.pid == pid) {
                Some(e) => {
                    e.value = Value::new(value);
                    true
                }
                None => false,
            },
        }
    }

    /// Removes the entries `gone` picks, in order, stopping at its first error (that
    /// entry and the ones after it stay). Returns how many went, and the error. When
    /// every entry goes, `self` is left as it was: the caller drops the slot. Allocates
    /// nothing: it runs at every via-named process's death.
    fn remove_where<E>(
        &mut self,
        mut gone: impl FnMut(&EntryRef) -> Result<bool, E>,
    ) -> (usize, Option<E>) {
        let v = match self {
            Entries::One { pid, proc } => {
                let one = EntryRef {
                    pid: *pid,
                    proc,
                    value: None,
                };
                return match gone(&one) {
                    Ok(true) => (1, None),
                    Ok(false) => (0, None),
                    Err(e) => (0, Some(e)),
                };
            }
            Entries::More(v) => v,
        };
        let before = v.len();
        let mut error = None;
        v.retain(|e| {
            if error.is_some() {
                return true;
            }
            match gone(&e.view()) {
                Ok(g) => !g,
                Err(err) => {
                    error = Some(err);
                    true
                }
            }
        });
        let removed = before - v.len();
        if v.len() == 1 && v[0].value.0.is_none() {
            *self = Entries::of(v.pop().expect("one entry"));
        }
        (removed, error)
    }
}

/// Binaries up to this length are stored in the slot itself.
const SHORT: usize = 14;

/// A key as the table stores it: a short binary (`"room_42"`) inline, so comparing
/// keys reads no other memory; any other term boxed (a term is four words, a slot has
/// room for two).
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

/// One key and its entries: half a cache line.
#[repr(align(32))]
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

    /// Adds `entry` under `key`. With `unique`, a live holder refuses it (its pid is
    /// the error) and dead ones are replaced: how many were is returned.
    pub(crate) fn insert(
        &mut self,
        hash: u64,
        key: Term,
        entry: Entry,
        unique: bool,
    ) -> Result<usize, Pid> {
        match self.slots.entry(hash, |s| s.key.is(&key), |s| s.key.hash()) {
            Place::Occupied(mut slot) => {
                let entries = &mut slot.get_mut().entries;
                if !unique {
                    entries.push(entry);
                    return Ok(0);
                }
                if let Some(holder) = entries.iter().find(|e| e.proc.is_alive()) {
                    return Err(holder.pid);
                }
                let replaced = entries.len();
                *entries = Entries::of(entry);
                Ok(replaced)
            }
            Place::Vacant(slot) => {
                slot.insert(Slot {
                    key: Key::new(key),
                    entries: Entries::of(entry),
                });
                Ok(0)
            }
        }
    }

    /// Removes the entries under `key` that `gone` picks (see `Entries::remove_where`),
    /// and the key when none is left: how many went, and `gone`'s error.
    pub(crate) fn remove_where<E>(
        &mut self,
        hash: u64,
        key: &Term,
        gone: impl FnMut(&EntryRef) -> Result<bool, E>,
    ) -> (usize, Option<E>) {
        let Ok(mut slot) = self.slots.find_entry(hash, |s| s.key.is(key)) else {
            return (0, None);
        };
        let before = slot.get().entries.len();
        let (removed, error) = slot.get_mut().entries.remove_where(gone);
        if removed == before {
            slot.remove();
        }
        (removed, error)
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

    fn entry(pid: u64, value: Term) -> Entry {
        Entry {
            pid: Pid(pid),
            proc: Arc::new(Process::new(Pid(pid), None)),
            value: Value::new(value),
        }
    }

    fn pids(entries: &Entries) -> Vec<u64> {
        entries.iter().map(|e| e.pid.0).collect()
    }

    #[test]
    fn the_table_finds_what_it_holds_and_nothing_else() {
        let mut table = Table::default();
        let keys: Vec<Term> = (0..1000)
            .map(|i| Term::string(&format!("room_{i}")))
            .chain([Term::Int(1), Term::atom("a")])
            .collect();
        for (i, k) in keys.iter().enumerate() {
            let value = if i % 2 == 0 {
                Term::nil()
            } else {
                Term::Int(7)
            };
            assert_eq!(
                table.insert(key_hash(k), k.clone(), entry(1, value), true),
                Ok(0)
            );
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
        let (removed, _) = table.remove_where(key_hash(&gone), &gone, |_| Ok::<_, ()>(true));
        assert_eq!(removed, 1);
        assert!(table.get(key_hash(&gone), &gone).is_none());
        assert_eq!(table.iter().count(), keys.len() - 1);
    }

    #[test]
    fn a_unique_key_refuses_a_live_holder_and_replaces_a_dead_one() {
        let mut table = Table::default();
        let k = Term::string("cool_name");
        let h = key_hash(&k);
        let first = entry(1, Term::nil());
        let first_proc = first.proc.clone();
        assert_eq!(table.insert(h, k.clone(), first, true), Ok(0));
        assert_eq!(
            table.insert(h, k.clone(), entry(2, Term::nil()), true),
            Err(Pid(1))
        );
        first_proc
            .alive
            .store(false, std::sync::atomic::Ordering::Release);
        assert_eq!(
            table.insert(h, k.clone(), entry(3, Term::nil()), true),
            Ok(1)
        );
        assert_eq!(pids(table.get(h, &k).unwrap()), vec![3]);
    }

    #[test]
    fn duplicate_entries_keep_their_order_values_and_removals() {
        let mut table = Table::default();
        let k = Term::atom("topic");
        let h = key_hash(&k);
        for (pid, value) in [(1, Term::nil()), (2, Term::Int(2)), (3, Term::nil())] {
            assert_eq!(table.insert(h, k.clone(), entry(pid, value), false), Ok(0));
        }
        let nil = Term::nil();
        let values: Vec<Term> = table
            .get(h, &k)
            .unwrap()
            .iter()
            .map(|e| e.value(&nil).clone())
            .collect();
        assert_eq!(values, vec![Term::nil(), Term::Int(2), Term::nil()]);
        assert!(table
            .get_mut(h, &k)
            .unwrap()
            .set_value(Pid(3), Term::Int(9)));
        assert!(!table
            .get_mut(h, &k)
            .unwrap()
            .set_value(Pid(4), Term::Int(9)));
        // An error stops the removal: the entry it came from and the rest stay.
        let (removed, error) = table.remove_where(h, &k, |e| match e.pid.0 {
            1 => Ok(true),
            2 => Err("stop"),
            _ => Ok(true),
        });
        assert_eq!((removed, error), (1, Some("stop")));
        assert_eq!(pids(table.get(h, &k).unwrap()), vec![2, 3]);
        let (removed, _) = table.remove_where(h, &k, |e| Ok::<_, ()>(e.pid.0 == 2));
        assert_eq!(removed, 1);
        let last = table.get(h, &k).unwrap();
        assert_eq!(
            last.iter()
                .map(|e| e.value(&nil).clone())
                .collect::<Vec<_>>(),
            vec![Term::Int(9)]
        );
        let (removed, _) = table.remove_where(h, &k, |_| Ok::<_, ()>(true));
        assert_eq!(removed, 1);
        assert!(table.get(h, &k).is_none());
    }

    #[test]
    fn one_nil_entry_is_stored_inline() {
        assert!(matches!(
            Entries::of(entry(1, Term::nil())),
            Entries::One { .. }
        ));
        assert!(matches!(
            Entries::of(entry(1, Term::Int(1))),
            Entries::More(_)
        ));
        let mut e = Entries::of(entry(1, Term::nil()));
        e.push(entry(2, Term::nil()));
        assert_eq!(pids(&e), vec![1, 2]);
        let (removed, _) = e.remove_where(|x| Ok::<_, ()>(x.pid.0 == 1));
        assert_eq!(removed, 1);
        assert!(matches!(e, Entries::One { pid: Pid(2), .. }));
    }

    #[test]
    fn short_binaries_compare_at_every_length() {
        let text = b"abcdefghijklmnopqrstuv";
        for n in 0..=text.len() {
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
    fn a_slot_is_half_a_cache_line() {
        assert_eq!(std::mem::size_of::<Slot>(), 32);
        assert_eq!(std::mem::align_of::<Slot>(), 32);
    }
}

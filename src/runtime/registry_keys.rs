//! The storage of a registry shard: an open-addressing table of 32-byte slots, written
//! under the shard's lock and read by `Registry.lookup` without it.
//!
//! A slot is four atomic words:
//!
//! | word | empty | short binary key (≤ 14 bytes) | any other key |
//! |---|---|---|---|
//! | 0 | 0 | `1`, length, bytes 0..6 | `2`, the hash's low 32 bits |
//! | 1 | | bytes 6..14 | a `Box<Term>` |
//!
//! | word | one entry, value `nil` (a via name) | anything else |
//! |---|---|---|
//! | 2 | the pid | a `Box<Vec<Entry>>` |
//! | 3 | an `Arc<Process>` (never 0) | 0 |
//!
//! Why: at 100k+ keys a lookup is bound by cache misses. One slot read answers it: the
//! key is compared in place, and a via name's pid is right there (no control bytes, no
//! key binary, no entry vector, no process). And a lookup takes no lock: a lock is an
//! atomic read-modify-write, which on x86 waits for the loads before it, so a run of
//! lookups paid their cache misses one after another. Instead a shard counts its writes
//! in a sequence number (a seqlock): a reader notes it, reads the slots, and keeps the
//! answer if the number did not move; otherwise (a write ran meanwhile, or the key is
//! not a short binary with one `nil` entry) it asks again under the read lock. The words
//! are atomics, so a racing read is a stale value, never undefined behaviour; it carries
//! no pointer out, and arrays the table grew out of stay mapped (`slot_memory`).

use std::mem::ManuallyDrop;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::sync::atomic::{fence, AtomicU64, AtomicUsize};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::hash::{half, hash_one, word, FxHasher};
use super::process::Process;
use super::registry_entries::{iter_entries, Entries, Entry, EntryRef};
use super::slot_memory::{Slot, SlotArray};
use crate::term::{Pid, Term};

const EMPTY: u64 = 0;
const SHORT: u64 = 1;
const OTHER: u64 = 2;
/// Binaries up to this length are stored in the slot itself.
pub(crate) const SHORT_MAX: usize = 14;
/// A new shard's slots.
const FIRST_LEN: usize = 8;

/// A short binary's two key words (see the module's table). Built by word loads from
/// the bytes themselves, overlapping at the ends: no stack buffer to read back (see
/// `hash::FxHasher::write`), and few instructions, so that the processor can already
/// start the next lookup's slot read while this one's is still out.
#[inline]
fn pack(bytes: &[u8]) -> (u64, u64) {
    let n = bytes.len();
    // `lo`: bytes 0..8 (zero past the end); `hi`: bytes 8..n.
    let (lo, hi) = match n {
        0 => (0, 0),
        1..=3 => {
            let b = |i: usize| (bytes[i] as u64) << (8 * i);
            (b(0) | b(n / 2) | b(n - 1), 0)
        }
        4..=7 => (half(bytes, 0) | half(bytes, n - 4) << (8 * (n - 4)), 0),
        8 => (word(bytes, 0), 0),
        _ => (word(bytes, 0), word(bytes, n - 8) >> (8 * (16 - n))),
    };
    (SHORT | (n as u64) << 8 | lo << 16, lo >> 48 | hi << 16)
}

fn unpack(w0: u64, w1: u64) -> ([u8; SHORT_MAX], usize) {
    let len = ((w0 >> 8) & 0xff) as usize;
    let mut bytes = [0; SHORT_MAX];
    bytes[..6].copy_from_slice(&(w0 >> 16).to_le_bytes()[..6]);
    bytes[6..].copy_from_slice(&w1.to_le_bytes());
    (bytes, len)
}

fn other_word(hash: u64) -> u64 {
    OTHER | (hash & 0xffff_ffff) << 32
}

/// A key's hash: a short binary's from its two packed words (a lookup has them anyway,
/// and a stored key is hashed again without unpacking it), a longer binary's from its
/// bytes, the term's otherwise. The high bits pick the shard, the low ones the slot.
pub(crate) fn key_hash(term: &Term) -> u64 {
    match term {
        Term::Binary(b) if b.len() <= SHORT_MAX => {
            let (w0, w1) = pack(b);
            short_hash(w0, w1)
        }
        Term::Binary(b) => hash_bytes(b),
        other => hash_one(other),
    }
}

/// A short binary key, as a lookup takes it: its packed words and their hash.
#[derive(Clone, Copy)]
pub(crate) struct ShortKey {
    words: (u64, u64),
    pub hash: u64,
}

impl ShortKey {
    /// `None` for a binary too long to be stored in a slot.
    #[inline]
    pub(crate) fn new(bytes: &[u8]) -> Option<ShortKey> {
        if bytes.len() > SHORT_MAX {
            return None;
        }
        let (w0, w1) = pack(bytes);
        Some(ShortKey {
            words: (w0, w1),
            hash: short_hash(w0, w1),
        })
    }
}

#[inline]
fn short_hash(w0: u64, w1: u64) -> u64 {
    use std::hash::Hasher;
    let mut h = FxHasher::default();
    h.write_u64(w0);
    h.write_u64(w1);
    h.finish()
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

/// A key as a probe compares it with stored ones.
enum Probe<'a> {
    Short(u64, u64),
    Other(u64, &'a Term),
}

impl Probe<'_> {
    fn of(key: &Term, hash: u64) -> Probe<'_> {
        match key {
            Term::Binary(b) if b.len() <= SHORT_MAX => {
                let (w0, w1) = pack(b);
                Probe::Short(w0, w1)
            }
            _ => Probe::Other(other_word(hash), key),
        }
    }

    /// Whether `slot` holds this key. Under the lock only: an `Other` key is read
    /// through its box.
    fn matches(&self, slot: &Slot) -> bool {
        let w0 = slot.0[0].load(Relaxed);
        match *self {
            Probe::Short(k0, k1) => w0 == k0 && slot.0[1].load(Relaxed) == k1,
            Probe::Other(k0, term) => {
                // SAFETY: an `OTHER` slot's word 1 is its live `Box<Term>`.
                w0 == k0 && same_term(unsafe { &*(slot.0[1].load(Relaxed) as *const Term) }, term)
            }
        }
    }
}

/// The key words for `key`, taking ownership of it.
fn store_key(key: Term, hash: u64) -> (u64, u64) {
    match &key {
        Term::Binary(b) if b.len() <= SHORT_MAX => pack(b),
        _ => (other_word(hash), Box::into_raw(Box::new(key)) as u64),
    }
}

/// The key a slot holds, as a term.
fn key_term(slot: &Slot) -> Term {
    let (w0, w1) = (slot.0[0].load(Relaxed), slot.0[1].load(Relaxed));
    if w0 & 0xff == SHORT {
        let (bytes, len) = unpack(w0, w1);
        return Term::Binary(Arc::from(&bytes[..len]));
    }
    // SAFETY: an `OTHER` slot's word 1 is its live `Box<Term>`.
    unsafe { (*(w1 as *const Term)).clone() }
}

/// Frees the box of a slot's key, if it has one (a short key is only words).
/// SAFETY: `slot` is occupied, and is emptied before it is read again.
unsafe fn free_key(slot: &Slot) {
    if slot.0[0].load(Relaxed) & 0xff == OTHER {
        drop(Box::from_raw(slot.0[1].load(Relaxed) as *mut Term));
    }
}

fn entries_words(entries: Entries) -> (u64, u64) {
    match entries {
        Entries::One { pid, proc } => (pid.0, Arc::into_raw(proc) as u64),
        Entries::More(v) => (Box::into_raw(v) as u64, 0),
    }
}

/// The entries a slot owns, moved out (the slot must be rewritten or emptied).
/// SAFETY: `slot` is occupied and its entries words are not used again as owned.
unsafe fn take_entries(slot: &Slot) -> Entries {
    let (w2, w3) = (slot.0[2].load(Relaxed), slot.0[3].load(Relaxed));
    if w3 != 0 {
        Entries::One {
            pid: Pid(w2),
            proc: Arc::from_raw(w3 as *const Process),
        }
    } else {
        Entries::More(Box::from_raw(w2 as *mut Vec<Entry>))
    }
}

fn put_entries(slot: &Slot, entries: Entries) {
    let (w2, w3) = entries_words(entries);
    slot.0[2].store(w2, Relaxed);
    slot.0[3].store(w3, Relaxed);
}

/// A slot's entries, lent for as long as the table is borrowed.
pub(crate) enum Lent<'a> {
    /// Not dropped: the slot keeps its reference.
    One(Pid, ManuallyDrop<Arc<Process>>),
    More(&'a [Entry]),
}

impl Lent<'_> {
    pub(crate) fn iter(&self) -> impl Iterator<Item = EntryRef<'_>> {
        match self {
            Lent::One(pid, proc) => iter_entries(Some((*pid, &**proc)), &[]),
            Lent::More(v) => iter_entries(None, v),
        }
    }
}

fn lend(slot: &Slot) -> Lent<'_> {
    let (w2, w3) = (slot.0[2].load(Relaxed), slot.0[3].load(Relaxed));
    if w3 != 0 {
        // SAFETY: the slot's `Arc`, borrowed without a count of its own (ManuallyDrop).
        Lent::One(
            Pid(w2),
            ManuallyDrop::new(unsafe { Arc::from_raw(w3 as *const Process) }),
        )
    } else {
        // SAFETY: the slot's live `Box<Vec<Entry>>`, borrowed with the table.
        Lent::More(unsafe { &*(w2 as *const Vec<Entry>) })
    }
}

/// One shard's table, as its lock holders see it.
pub(crate) struct Table {
    array: SlotArray,
    len: usize,
    /// Arrays the table grew out of: lock-free readers may still be in them.
    retired: Vec<SlotArray>,
}

impl Table {
    fn new() -> Table {
        Table {
            array: SlotArray::new(FIRST_LEN),
            len: 0,
            retired: Vec::new(),
        }
    }

    fn slots(&self) -> &[Slot] {
        self.array.slots()
    }

    fn mask(&self) -> usize {
        self.slots().len() - 1
    }

    /// The slot `key` lives in, if any.
    fn find(&self, hash: u64, key: &Term) -> Option<usize> {
        let probe = Probe::of(key, hash);
        let (slots, mask) = (self.slots(), self.mask());
        let mut i = hash as usize & mask;
        loop {
            let slot = &slots[i];
            if slot.0[0].load(Relaxed) == EMPTY {
                return None;
            }
            if probe.matches(slot) {
                return Some(i);
            }
            i = (i + 1) & mask;
        }
    }

    pub(crate) fn get(&self, hash: u64, key: &Term) -> Option<Lent<'_>> {
        self.find(hash, key).map(|i| lend(&self.slots()[i]))
    }

    /// Runs `f` on the entries under `key`, which it may change (never to none).
    fn with_entries<R>(&mut self, i: usize, f: impl FnOnce(&mut Entries) -> R) -> R {
        let slot = &self.slots()[i];
        // SAFETY: occupied; the entries are put back below before anything reads them.
        let mut entries = unsafe { take_entries(slot) };
        let r = f(&mut entries);
        put_entries(slot, entries);
        r
    }

    /// Sets `pid`'s value under `key` (`Registry.update_value/3`).
    pub(crate) fn set_value(&mut self, hash: u64, key: &Term, pid: Pid, value: Term) -> bool {
        match self.find(hash, key) {
            Some(i) => self.with_entries(i, |e| e.set_value(pid, value)),
            None => false,
        }
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
        if let Some(i) = self.find(hash, &key) {
            return self.with_entries(i, |entries| {
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
            });
        }
        // At most 4/5 full: linear probing's runs stay short.
        if (self.len + 1) * 5 > self.slots().len() * 4 {
            self.grow();
        }
        let (w0, w1) = store_key(key, hash);
        let (w2, w3) = entries_words(Entries::of(entry));
        self.place([w0, w1, w2, w3], hash);
        self.len += 1;
        Ok(0)
    }

    /// Writes a slot's words into the first empty slot from `hash`'s home.
    fn place(&self, words: [u64; 4], hash: u64) {
        let (slots, mask) = (self.slots(), self.mask());
        let mut i = hash as usize & mask;
        while slots[i].0[0].load(Relaxed) != EMPTY {
            i = (i + 1) & mask;
        }
        for (w, v) in slots[i].0.iter().zip(words) {
            w.store(v, Relaxed);
        }
    }

    /// The hash a stored key was placed by (its low 32 bits suffice: a shard never has
    /// 2^32 slots).
    fn slot_hash(slot: &Slot) -> u64 {
        let (w0, w1) = (slot.0[0].load(Relaxed), slot.0[1].load(Relaxed));
        if w0 & 0xff == SHORT {
            short_hash(w0, w1)
        } else {
            w0 >> 32
        }
    }

    fn grow(&mut self) {
        let new = SlotArray::new(self.slots().len() * 2);
        let old = std::mem::replace(&mut self.array, new);
        for slot in old.slots() {
            if slot.0[0].load(Relaxed) != EMPTY {
                let words = [0, 1, 2, 3].map(|k| slot.0[k].load(Relaxed));
                self.place(words, Self::slot_hash(slot));
            }
        }
        old.retire();
        self.retired.push(old);
    }

    /// Empties slot `i` (its words must own nothing any more), shifting the rest of
    /// its run back so that every key stays reachable from its home.
    fn delete_at(&mut self, i: usize) {
        let (slots, mask) = (self.slots(), self.mask());
        let mut hole = i;
        let mut j = (i + 1) & mask;
        while slots[j].0[0].load(Relaxed) != EMPTY {
            let home = Self::slot_hash(&slots[j]) as usize & mask;
            // The key at `j` may move back to the hole unless its home lies after it.
            if (j.wrapping_sub(home) & mask) >= (j.wrapping_sub(hole) & mask) {
                for k in 0..4 {
                    slots[hole].0[k].store(slots[j].0[k].load(Relaxed), Relaxed);
                }
                hole = j;
            }
            j = (j + 1) & mask;
        }
        for w in &slots[hole].0 {
            w.store(0, Relaxed);
        }
        self.len -= 1;
    }

    /// Frees slot `i`'s key (its entries are already gone) and empties the slot.
    fn drop_key_at(&mut self, i: usize) {
        // SAFETY: the slot is emptied right after.
        unsafe { free_key(&self.slots()[i]) };
        self.delete_at(i);
    }

    /// Removes the entries under `key` that `gone` picks (see `Entries::remove_where`),
    /// and the key when none is left: how many went, and `gone`'s error.
    pub(crate) fn remove_where<E>(
        &mut self,
        hash: u64,
        key: &Term,
        gone: impl FnMut(&EntryRef) -> Result<bool, E>,
    ) -> (usize, Option<E>) {
        let Some(i) = self.find(hash, key) else {
            return (0, None);
        };
        let slot = &self.slots()[i];
        // SAFETY: occupied; put back or dropped below.
        let mut entries = unsafe { take_entries(slot) };
        let before = entries.len();
        let (removed, error) = entries.remove_where(gone);
        if removed == before {
            drop(entries);
            self.drop_key_at(i);
        } else {
            put_entries(slot, entries);
        }
        (removed, error)
    }

    /// Every key, with its entries.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (Term, Lent<'_>)> {
        let occupied = self
            .slots()
            .iter()
            .filter(|s| s.0[0].load(Relaxed) != EMPTY);
        occupied.map(|s| (key_term(s), lend(s)))
    }

    /// Drops every key and entry; the arrays stay (readers may be in them).
    pub(crate) fn clear(&mut self) {
        for slot in self.array.slots() {
            if slot.0[0].load(Relaxed) == EMPTY {
                continue;
            }
            // SAFETY: occupied; emptied below.
            unsafe { free_key(slot) };
            // SAFETY: occupied; emptied below.
            drop(unsafe { take_entries(slot) });
            for w in &slot.0 {
                w.store(0, Relaxed);
            }
        }
        self.len = 0;
    }

    /// The current array, as lock-free readers find it: its address (32-byte aligned)
    /// with log2 of its length in the low bits.
    fn published(&self) -> usize {
        let (ptr, len) = self.array.raw();
        ptr as usize | len.trailing_zeros() as usize
    }
}

impl Drop for Table {
    fn drop(&mut self) {
        self.clear();
    }
}

/// What a lock-free lookup saw.
pub(crate) enum Quick {
    Absent,
    /// One entry, with value `nil`.
    One(Pid),
}

/// One shard: its table behind a lock, and what lets a lookup skip the lock.
pub(crate) struct Shard {
    table: RwLock<Table>,
    /// Odd while a writer changes the table; bumped twice per write.
    seq: AtomicU64,
    /// `Table::published` of the current array.
    array: AtomicUsize,
}

impl Shard {
    pub(crate) fn new() -> Shard {
        let table = Table::new();
        let array = AtomicUsize::new(table.published());
        Shard {
            table: RwLock::new(table),
            seq: AtomicU64::new(0),
            array,
        }
    }

    pub(crate) fn read(&self) -> RwLockReadGuard<'_, Table> {
        self.table.read().unwrap()
    }

    pub(crate) fn write(&self) -> Writing<'_> {
        let table = self.table.write().unwrap();
        let seq = self.seq.load(Relaxed) + 1;
        self.seq.store(seq, Relaxed);
        fence(Release);
        Writing {
            table,
            shard: self,
            seq,
        }
    }

    /// The entries under a short binary key, read without the lock: `None` when the
    /// lock must be asked (a write ran meanwhile, or the key's entries are not one
    /// `nil`).
    #[inline]
    pub(crate) fn quick_lookup(&self, key: ShortKey) -> Option<Quick> {
        let (hash, (k0, k1)) = (key.hash, key.words);
        let seq = self.seq.load(Acquire);
        if seq & 1 == 1 {
            return None;
        }
        let array = self.array.load(Acquire);
        let (base, len) = ((array & !31) as *const Slot, 1usize << (array & 31));
        let mask = len - 1;
        let mut i = hash as usize & mask;
        let mut seen = None;
        for _ in 0..len {
            // SAFETY: `i` < `len`, and the array is the table's, current or retired:
            // either way mapped while the shard lives.
            let w = unsafe { &(*base.add(i)).0 };
            let w0 = w[0].load(Relaxed);
            if w0 == EMPTY {
                seen = Some(Quick::Absent);
                break;
            }
            if w0 == k0 && w[1].load(Relaxed) == k1 {
                let (pid, proc) = (w[2].load(Relaxed), w[3].load(Relaxed));
                seen = (proc != 0).then_some(Quick::One(Pid(pid)));
                break;
            }
            i = (i + 1) & mask;
        }
        fence(Acquire);
        if self.seq.load(Relaxed) != seq {
            return None;
        }
        seen
    }
}

/// The write lock on a shard, with its sequence number odd until it is let go.
pub(crate) struct Writing<'a> {
    table: RwLockWriteGuard<'a, Table>,
    shard: &'a Shard,
    seq: u64,
}

impl Deref for Writing<'_> {
    type Target = Table;
    fn deref(&self) -> &Table {
        &self.table
    }
}

impl DerefMut for Writing<'_> {
    fn deref_mut(&mut self) -> &mut Table {
        &mut self.table
    }
}

impl Drop for Writing<'_> {
    fn drop(&mut self) {
        self.shard.array.store(self.table.published(), Release);
        self.shard.seq.store(self.seq + 1, Release);
    }
}

#[cfg(test)]
#[path = "registry_keys_tests.rs"]
mod tests;

//! Registry: a key-value table of processes, like Elixir's ETS-backed Registry.
//!
//! Lookups read the table directly from the caller's thread (no message to the registry
//! process), as Elixir's do from ETS. An entry holds its process and pid; the entry is
//! removed when the process dies (`signals::die` forgets its `Name::Via`), and via-name
//! resolution skips a process that has just died. The table dies with its registry process.
//! String keys are plain terms here: they never touch the atom table.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use super::ets_order::{self, Placed, TableSize};
use super::process::Process;
use super::registry_entries::{Entry, Value};
use super::registry_keys::{key_hash, Quick, Shard, ShortKey};
use super::{select, text};
use crate::error::Error;
use crate::term::{Atom, Pid, Ref, Term};

const SHARDS: usize = 16;

/// What a lookup finds: `(pid, value)` pairs, the first held inline, a `nil` value as
/// `None` (a unique registry's lookup allocates nothing and takes no atom reference).
pub type Found = smallvec::SmallVec<[(Pid, Option<Term>); 1]>;

pub(crate) struct RegistryTable {
    pub name: Atom,
    /// The partitions' pids, in start order: a registering process links to one. A
    /// restarted partition's new pid replaces the old one (`set_partition`). Atomics,
    /// not a lock: every registration reads them, from any thread.
    partitions: Vec<AtomicU64>,
    pub unique: bool,
    /// The ETS table iex names in a `:ets.select/2` error.
    pub ets: Ref,
    shards: [Shard; SHARDS],
    /// The `nil` lookups hand out for via names' values (a shared atom: no allocation).
    nil: Term,
    meta: Mutex<HashMap<Term, Term>>,
    count: AtomicUsize,
    closed: AtomicBool,
    /// When each entry went in, and each partition's ETS table size: what `all()`
    /// needs to list entries in the BEAM's order. Writers only; lookups never touch it.
    order: Mutex<Order>,
}

/// The history `ets_order` needs: an insertion number per entry (by key, in the
/// shard's entry order) and the size of each partition's key table.
#[derive(Default)]
struct Order {
    next: u64,
    seqs: HashMap<Term, Vec<(Pid, u64)>>,
    sizes: Vec<TableSize>,
}

impl Order {
    fn inserted(&mut self, part: usize, key: Term, pid: Pid, replaced: usize) {
        self.next += 1;
        let seqs = self.seqs.entry(key).or_default();
        if replaced > 0 {
            // A unique key's dead holder: Elixir deletes its object, then inserts anew.
            seqs.clear();
            self.sizes[part].removed(replaced);
        }
        seqs.push((pid, self.next));
        self.sizes[part].inserted();
    }

    /// `n` of `pid`'s entries under `key` went (the last ones, when not all).
    fn removed(&mut self, part: usize, key: &Term, pid: Pid, mut n: usize) {
        if n == 0 {
            return;
        }
        self.sizes[part].removed(n);
        if let Some(seqs) = self.seqs.get_mut(key) {
            for i in (0..seqs.len()).rev() {
                if n > 0 && seqs[i].0 == pid {
                    seqs.remove(i);
                    n -= 1;
                }
            }
            if seqs.is_empty() {
                self.seqs.remove(key);
            }
        }
    }
}

impl RegistryTable {
    pub(crate) fn new(name: Atom, partitions: Vec<Pid>, unique: bool, ets: Ref) -> RegistryTable {
        RegistryTable {
            name,
            partitions: partitions.iter().map(|p| AtomicU64::new(p.0)).collect(),
            unique,
            ets,
            shards: std::array::from_fn(|_| Shard::new()),
            nil: Term::nil(),
            meta: Mutex::new(HashMap::new()),
            count: AtomicUsize::new(0),
            closed: AtomicBool::new(false),
            order: Mutex::new(Order {
                sizes: vec![TableSize::default(); partitions.len().max(1)],
                ..Order::default()
            }),
        }
    }

    /// The partition that owns `pid`'s registrations (`Registry.register/3`'s owner).
    pub(crate) fn owner(&self, pid: Pid) -> Pid {
        let i = super::registry_proc::owner_index(pid, self.partitions.len());
        Pid(self.partitions[i].load(Ordering::Acquire))
    }

    /// The partitions' current pids, in start order.
    pub(crate) fn partition_pids(&self) -> Vec<Pid> {
        let pids = self.partitions.iter();
        pids.map(|p| Pid(p.load(Ordering::Acquire))).collect()
    }

    /// The `i`th partition was restarted under a new pid.
    pub(crate) fn set_partition(&self, i: usize, pid: Pid) {
        if let Some(slot) = self.partitions.get(i) {
            slot.store(pid.0, Ordering::Release);
        }
    }

    pub(crate) fn name_term(&self) -> Term {
        Term::Atom(self.name.clone())
    }

    /// The key's hash and its shard (picked by the hash's high bits: the table inside
    /// the shard uses the low ones).
    fn locate(&self, key: &Term) -> (u64, &Shard) {
        let hash = key_hash(key);
        (hash, self.shard(hash))
    }

    #[inline]
    fn shard(&self, hash: u64) -> &Shard {
        &self.shards[(hash >> 58) as usize % SHARDS]
    }

    /// Adds an entry for `proc`. For a unique registry, fails with the live holder.
    pub(crate) fn insert(&self, key: Term, proc: &Arc<Process>, value: Term) -> Result<(), Pid> {
        let (hash, shard) = self.locate(&key);
        let entry = Entry {
            pid: proc.pid,
            proc: proc.clone(),
            value: Value::new(value),
        };
        let part = self.ets_partition(&key, proc.pid);
        let mut order = self.order.lock().unwrap();
        let replaced = shard
            .write()
            .insert(hash, key.clone(), entry, self.unique)?;
        order.inserted(part, key, proc.pid, replaced);
        drop(order);
        self.count.fetch_sub(replaced, Ordering::AcqRel);
        self.count.fetch_add(1, Ordering::AcqRel);
        Ok(())
    }

    /// Removes `pid`'s entries under `key` (its death, or `Registry.unregister/2`).
    pub(crate) fn remove_entry(&self, key: &Term, pid: Pid) {
        let (hash, shard) = self.locate(key);
        let mut order = self.order.lock().unwrap();
        let (removed, _) = shard
            .write()
            .remove_where(hash, key, |e| Ok::<bool, ()>(e.pid == pid));
        order.removed(self.ets_partition(key, pid), key, pid, removed);
        drop(order);
        self.count.fetch_sub(removed, Ordering::AcqRel);
    }

    /// `Registry.lookup/2`. A process's entries go when it dies (`signals::die`), as
    /// Elixir's go when the registry sees the process's exit; the process itself is
    /// not touched, so a lookup costs one slot. A short binary key is looked up
    /// without the shard's lock (see `registry_keys`).
    #[inline]
    pub(crate) fn lookup(&self, key: &Term) -> Found {
        if let Some(short) = match key {
            Term::Binary(b) => ShortKey::new(b),
            _ => None,
        } {
            match self.shard(short.hash).quick_lookup(short) {
                Some(Quick::Absent) => return Found::new(),
                Some(Quick::One(pid)) => return Found::from_buf([(pid, None)]),
                None => {}
            }
        }
        self.lookup_locked(key)
    }

    /// `lookup`'s way under the shard's lock: out of line, so that the lock-free way
    /// stays a few instructions (see `registry_keys`).
    #[inline(never)]
    fn lookup_locked(&self, key: &Term) -> Found {
        let (hash, shard) = self.locate(key);
        let mut found = Found::new();
        if let Some(entries) = shard.read().get(hash, key) {
            for e in entries.iter() {
                found.push((e.pid, e.value_unless_nil().cloned()));
            }
        }
        found
    }

    /// `Registry.match/4`: live `(pid, value)` under `key` whose value matches.
    pub(crate) fn match_entries(
        &self,
        key: &Term,
        pattern: &Term,
        guards: &Term,
        caller: Pid,
    ) -> Result<Vec<(Pid, Term)>, Error> {
        let mut out = Vec::new();
        for (pid, value) in self.lookup(key) {
            let value = value.unwrap_or_else(|| self.nil.clone());
            if select::match_value(pattern, guards, &value, caller)? {
                out.push((pid, value));
            }
        }
        Ok(out)
    }

    /// `Registry.unregister_match/4` for `pid`: removes its matching entries under
    /// `key`; how many went.
    pub(crate) fn unregister_match(
        &self,
        key: &Term,
        pid: Pid,
        pattern: &Term,
        guards: &Term,
    ) -> Result<usize, Error> {
        let (hash, shard) = self.locate(key);
        let nil = &self.nil;
        let mut order = self.order.lock().unwrap();
        let (removed, error) = shard.write().remove_where(hash, key, |e| {
            Ok::<bool, Error>(
                e.pid == pid && select::match_value(pattern, guards, e.value(nil), pid)?,
            )
        });
        order.removed(self.ets_partition(key, pid), key, pid, removed);
        drop(order);
        self.count.fetch_sub(removed, Ordering::AcqRel);
        error.map_or(Ok(removed), Err)
    }

    /// The live process under a unique key (via-name resolution).
    pub(crate) fn whereis(&self, key: &Term) -> Option<Arc<Process>> {
        let (hash, shard) = self.locate(key);
        let shard = shard.read();
        let found = shard
            .get(hash, key)?
            .iter()
            .find(|e| e.proc.is_alive())
            .map(|e| e.proc.clone());
        found
    }

    pub(crate) fn count(&self) -> usize {
        self.count.load(Ordering::Acquire)
    }

    pub(crate) fn update_value(
        &self,
        key: &Term,
        pid: Pid,
        f: &mut dyn FnMut(Term) -> Result<Term, Error>,
    ) -> Result<Term, Error> {
        let (hash, shard) = self.locate(key);
        let old = {
            let shard = shard.read();
            shard.get(hash, key).and_then(|es| {
                es.iter()
                    .find(|e| e.pid == pid)
                    .map(|e| e.value(&self.nil).clone())
            })
        };
        // The user's function runs without the lock held: it may touch the registry.
        let Some(old) = old else {
            return Ok(Term::atom("error"));
        };
        let new = f(old.clone())?;
        shard.write().set_value(hash, key, pid, new.clone());
        Ok(Term::tuple(vec![new, old]))
    }

    pub(crate) fn meta(&self, key: &Term) -> Option<Term> {
        self.meta.lock().unwrap().get(key).cloned()
    }

    pub(crate) fn put_meta(&self, key: Term, value: Term) {
        self.meta.lock().unwrap().insert(key, value);
    }

    /// The partition whose ETS tables hold `key` registered by `pid`: by the key in a
    /// unique registry, by the pid in a duplicate one (Elixir's `hash/2`).
    fn ets_partition(&self, key: &Term, pid: Pid) -> usize {
        let n = self.partitions.len();
        if n <= 1 {
            return 0;
        }
        if self.unique {
            super::registry_proc::key_partition(key, n)
        } else {
            super::registry_proc::owner_index(pid, n)
        }
    }

    /// Every `(key, pid, value)`, for `select/2` and the shell's completion, in the
    /// order iex's `Registry.select/2` lists them: partition by partition, each key
    /// table in its ETS order (`ets_order`).
    pub(crate) fn all(&self) -> Vec<(Term, Pid, Term)> {
        // The order's lock first, as writers take it: no entry comes or goes meanwhile.
        let order = self.order.lock().unwrap();
        let mut parts: Vec<Vec<Placed<(Term, Pid, Term)>>> = Vec::new();
        parts.resize_with(order.sizes.len(), Vec::new);
        for shard in &self.shards {
            let shard = shard.read();
            for (key, entries) in shard.iter() {
                let seqs = order.seqs.get(&key).map_or(&[][..], |v| &v[..]);
                let group = seqs.iter().map(|s| s.1).min().unwrap_or(0);
                let hash = ets_order::key_hash(&key);
                // Each pid's numbers in order: a pid's entries come in the same order
                // in the shard (a topic with many subscribers stays linear).
                let mut by_pid: HashMap<Pid, std::vec::IntoIter<u64>> = HashMap::new();
                let mut lists: HashMap<Pid, Vec<u64>> = HashMap::new();
                for &(pid, seq) in seqs {
                    lists.entry(pid).or_default().push(seq);
                }
                by_pid.extend(lists.into_iter().map(|(p, v)| (p, v.into_iter())));
                for e in entries.iter() {
                    let next = by_pid.get_mut(&e.pid).and_then(|it| it.next());
                    let seq = next.unwrap_or(group);
                    let part = self.ets_partition(&key, e.pid).min(parts.len() - 1);
                    let item = (key.clone(), e.pid, e.value(&self.nil).clone());
                    parts[part].push(Placed {
                        hash,
                        group,
                        seq,
                        item,
                    });
                }
            }
        }
        let sizes = order.sizes.clone();
        drop(order);
        let walks = parts.into_iter().zip(sizes);
        walks
            .flat_map(|(p, size)| ets_order::select_order(p, size))
            .collect()
    }

    pub(crate) fn close(&self) {
        self.closed.store(true, Ordering::Release);
        let mut order = self.order.lock().unwrap();
        for shard in &self.shards {
            shard.write().clear();
        }
        order.seqs.clear();
        order
            .sizes
            .iter_mut()
            .for_each(|s| *s = TableSize::default());
        self.count.store(0, Ordering::Release);
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }
}

/// The node's registries by name: a short list (a node has a few registries), scanned
/// without hashing the name; the atom's pointer usually settles the comparison.
#[derive(Default)]
pub(crate) struct Registries {
    by_name: RwLock<Vec<Arc<RegistryTable>>>,
}

impl Registries {
    pub(crate) fn get(&self, name: &Atom) -> Option<Arc<RegistryTable>> {
        let list = self.by_name.read().unwrap();
        list.iter()
            .find(|t| t.name == *name && !t.is_closed())
            .cloned()
    }

    fn unknown(&self, reg: &Term) -> Error {
        Error::argument(format!("unknown registry: {}", text::term(reg)))
    }

    /// Looks a registry up by the term the user gave: iex's error if it is unknown.
    pub(crate) fn resolve(&self, reg: &Term) -> Result<Arc<RegistryTable>, Error> {
        reg.as_atom()
            .and_then(|a| self.get(a))
            .ok_or_else(|| self.unknown(reg))
    }

    /// `Registry.meta/2`'s lookup, whose error says more than the others.
    pub(crate) fn resolve_for_meta(&self, reg: &Term) -> Result<Arc<RegistryTable>, Error> {
        self.resolve(reg).map_err(|_| {
            Error::argument(format!(
                "unknown registry: {}. Either the registry name is invalid or the registry \
                 is not running, possibly because its application isn't started",
                text::term(reg)
            ))
        })
    }

    pub(crate) fn insert(&self, table: Arc<RegistryTable>) {
        let mut list = self.by_name.write().unwrap();
        list.retain(|t| t.name != table.name);
        list.push(table);
    }

    pub(crate) fn remove(&self, table: &Arc<RegistryTable>) {
        let mut list = self.by_name.write().unwrap();
        list.retain(|t| !Arc::ptr_eq(t, table));
    }

    pub(crate) fn names(&self) -> Vec<Term> {
        let list = self.by_name.read().unwrap();
        let mut names: Vec<Term> = list.iter().map(|t| t.name_term()).collect();
        names.sort();
        names
    }
}

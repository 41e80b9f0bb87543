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
use super::process::{Name, Process};
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
    /// The most entries held at once: how far the BEAM's ETS table grew (`all()`).
    peak: AtomicUsize,
    closed: AtomicBool,
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
            peak: AtomicUsize::new(0),
            closed: AtomicBool::new(false),
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
        // The key is owned already: it goes into the table without a clone.
        let replaced = shard.write().insert(hash, key, entry, self.unique)?;
        self.count.fetch_sub(replaced, Ordering::AcqRel);
        let now = self.count.fetch_add(1, Ordering::AcqRel) + 1;
        if now > self.peak.load(Ordering::Relaxed) {
            self.peak.fetch_max(now, Ordering::AcqRel);
        }
        Ok(())
    }

    /// Removes `pid`'s entries under `key` (its death, or `Registry.unregister/2`).
    pub(crate) fn remove_entry(&self, key: &Term, pid: Pid) {
        let (hash, shard) = self.locate(key);
        let (removed, _) = shard
            .write()
            .remove_where(hash, key, |e| Ok::<bool, ()>(e.pid == pid));
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
        let (removed, error) = shard.write().remove_where(hash, key, |e| {
            Ok::<bool, Error>(
                e.pid == pid && select::match_value(pattern, guards, e.value(nil), pid)?,
            )
        });
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
    ///
    /// ETS's order also depends on the table's history: a slot's chain lists the newest
    /// key first, and the slot count follows the table's growth. Recording that history
    /// per entry cost every registration a table-wide lock and a map update (start at
    /// 1M 1.6 -> 2.7 µs, 100 bytes a server), so it is read off what is kept anyway: a
    /// key entered when its oldest holder registered it, known from that process's
    /// names (in registration order) and its pid (start order); the table grew to the
    /// most entries the registry held at once (`peak`).
    pub(crate) fn all(&self) -> Vec<(Term, Pid, Term)> {
        let parts_n = self.partitions.len().max(1);
        let peak = self.peak.load(Ordering::Acquire).div_ceil(parts_n);
        let mut parts: Vec<Vec<Placed<(Term, Pid, Term)>>> = Vec::new();
        parts.resize_with(parts_n, Vec::new);
        for shard in &self.shards {
            let shard = shard.read();
            for (key, entries) in shard.iter() {
                let group = entries
                    .iter()
                    .map(|e| self.registered_at(e.proc, &key))
                    .min()
                    .unwrap_or(0);
                let hash = ets_order::key_hash(&key);
                // A key's entries are kept in registration order.
                for (seq, e) in entries.iter().enumerate() {
                    let part = self.ets_partition(&key, e.pid).min(parts_n - 1);
                    let item = (key.clone(), e.pid, e.value(&self.nil).clone());
                    parts[part].push(Placed {
                        hash,
                        group,
                        seq: seq as u64,
                        item,
                    });
                }
            }
        }
        parts
            .into_iter()
            .flat_map(|p| {
                let size = TableSize::inferred(p.len(), peak);
                ets_order::select_order(p, size)
            })
            .collect()
    }

    /// When `proc` registered `key` here, as an order: its pid (processes register in
    /// the order they start), then the name's place among its names.
    fn registered_at(&self, proc: &Arc<Process>, key: &Term) -> u64 {
        let meta = proc.meta.lock().unwrap();
        let place = meta.names.iter().position(
            |n| matches!(n, Name::Via(t, k) if std::ptr::eq(Arc::as_ptr(t), self) && k == key),
        );
        (proc.pid.0 << 24) | place.unwrap_or(0).min((1 << 24) - 1) as u64
    }

    pub(crate) fn close(&self) {
        self.closed.store(true, Ordering::Release);
        for shard in &self.shards {
            shard.write().clear();
        }
        self.count.store(0, Ordering::Release);
        self.peak.store(0, Ordering::Release);
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

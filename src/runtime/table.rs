//! The process table: pid allocation (one counter, so the same script gives the same
//! PIDs), the live processes by pid, and the process limit.
//!
//! Sharded by pid so that millions of servers and several client threads do not contend
//! on one lock.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::process::Process;
use crate::error::Error;
use crate::term::Pid;

const SHARDS: usize = 64;

/// The first pid handed out. iex's shell is `#PID<0.114.0>` at boot; starting near it
/// keeps our numbers familiar (they are renumbered when transcripts are compared).
const FIRST_PID: u64 = 114;

/// Hashes a pid so that pids handed out one after another sit in neighbouring buckets
/// of their shard (the low bits, which pick the bucket, are the pid's rank in its
/// shard), while the high bits, which the map keeps as a tag to compare first, are
/// mixed. A supervisor starts and stops children in pid order: their table slots are
/// then next to each other in memory instead of one cache miss each.
#[derive(Default, Clone, Copy)]
struct PidHasher(u64);

const RANK_BITS: u32 = 40;

impl Hasher for PidHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used (by `Pid`); anything else is folded in.
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ *b as u64;
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        let rank = (self.0 / SHARDS as u64) & ((1 << RANK_BITS) - 1);
        let mixed = self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        rank | (mixed & !((1 << RANK_BITS) - 1))
    }
}

type PidMap = HashMap<Pid, Arc<Process>, BuildHasherDefault<PidHasher>>;

pub(crate) struct ProcessTable {
    shards: Vec<Mutex<PidMap>>,
    next_pid: AtomicU64,
    live: AtomicUsize,
    limit: usize,
}

impl ProcessTable {
    pub(crate) fn new(limit: usize) -> ProcessTable {
        ProcessTable {
            shards: (0..SHARDS).map(|_| Mutex::new(PidMap::default())).collect(),
            next_pid: AtomicU64::new(FIRST_PID),
            live: AtomicUsize::new(0),
            limit,
        }
    }

    fn shard(&self, pid: Pid) -> &Mutex<PidMap> {
        &self.shards[(pid.0 as usize) % SHARDS]
    }

    /// Reserves a slot under the process limit and hands out the next pid.
    pub(crate) fn reserve(&self) -> Result<Pid, Error> {
        let mut live = self.live.load(Ordering::Relaxed);
        loop {
            if live >= self.limit {
                return Err(Error::system_limit());
            }
            match self.live.compare_exchange_weak(
                live,
                live + 1,
                Ordering::AcqRel,
                Ordering::Relaxed,
            ) {
                Ok(_) => break,
                Err(now) => live = now,
            }
        }
        Ok(Pid(self.next_pid.fetch_add(1, Ordering::Relaxed)))
    }

    /// Gives back a reserved slot whose process never got published (failed start).
    pub(crate) fn release(&self) {
        self.live.fetch_sub(1, Ordering::AcqRel);
    }

    pub(crate) fn insert(&self, proc: Arc<Process>) {
        self.shard(proc.pid).lock().unwrap().insert(proc.pid, proc);
    }

    /// Removes a dead process and frees its slot.
    pub(crate) fn remove(&self, pid: Pid) {
        if self.shard(pid).lock().unwrap().remove(&pid).is_some() {
            self.live.fetch_sub(1, Ordering::AcqRel);
        }
    }

    pub(crate) fn get(&self, pid: Pid) -> Option<Arc<Process>> {
        self.shard(pid).lock().unwrap().get(&pid).cloned()
    }

    pub(crate) fn count(&self) -> usize {
        self.live.load(Ordering::Acquire)
    }

    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    /// Every live pid, in pid order (`Process.list/0`).
    pub(crate) fn pids(&self) -> Vec<Pid> {
        let mut all: Vec<Pid> = self
            .shards
            .iter()
            .flat_map(|s| s.lock().unwrap().keys().copied().collect::<Vec<_>>())
            .collect();
        all.sort();
        all
    }

    pub(crate) fn all(&self) -> Vec<Arc<Process>> {
        let mut all: Vec<Arc<Process>> = self
            .shards
            .iter()
            .flat_map(|s| s.lock().unwrap().values().cloned().collect::<Vec<_>>())
            .collect();
        all.sort_by_key(|p| p.pid);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash(pid: u64) -> u64 {
        BuildHasherDefault::<PidHasher>::default().hash_one(Pid(pid))
    }

    #[test]
    fn consecutive_pids_of_a_shard_get_consecutive_buckets_and_mixed_tags() {
        let base = 114 + 64 * 1000;
        let low = |h: u64| h & ((1 << RANK_BITS) - 1);
        assert_eq!(low(hash(base + 64)), low(hash(base)) + 1);
        // The map's tag is the top 7 bits: neighbours must not all share one.
        let tags: std::collections::BTreeSet<u64> =
            (0..64).map(|i| hash(base + 64 * i) >> 57).collect();
        assert!(tags.len() > 32, "{} distinct tags", tags.len());
    }

    #[test]
    fn processes_are_found_after_many_inserts_and_removals() {
        let table = ProcessTable::new(10_000);
        let mut pids = Vec::new();
        for _ in 0..3000 {
            let pid = table.reserve().unwrap();
            table.insert(Arc::new(Process::new(pid, None)));
            pids.push(pid);
        }
        for pid in pids.iter().step_by(2) {
            table.remove(*pid);
        }
        for (i, pid) in pids.iter().enumerate() {
            assert_eq!(table.get(*pid).is_some(), i % 2 == 1, "{pid:?}");
        }
        assert_eq!(table.count(), 1500);
    }
}

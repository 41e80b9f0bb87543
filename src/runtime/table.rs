//! The process table: pid allocation (one counter, so the same script gives the same
//! PIDs), the live processes by pid, and the process limit.
//!
//! Sharded by pid so that millions of servers and several client threads do not contend
//! on one lock.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::hash::FxHashMap;
use super::process::Process;
use crate::error::Error;
use crate::term::Pid;

const SHARDS: usize = 64;

/// The first pid handed out. iex's shell is `#PID<0.114.0>` at boot; starting near it
/// keeps our numbers familiar (they are renumbered when transcripts are compared).
const FIRST_PID: u64 = 114;

pub(crate) struct ProcessTable {
    shards: Vec<Mutex<FxHashMap<Pid, Arc<Process>>>>,
    next_pid: AtomicU64,
    live: AtomicUsize,
    limit: usize,
}

impl ProcessTable {
    pub(crate) fn new(limit: usize) -> ProcessTable {
        ProcessTable {
            shards: (0..SHARDS)
                .map(|_| Mutex::new(FxHashMap::default()))
                .collect(),
            next_pid: AtomicU64::new(FIRST_PID),
            live: AtomicUsize::new(0),
            limit,
        }
    }

    fn shard(&self, pid: Pid) -> &Mutex<FxHashMap<Pid, Arc<Process>>> {
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

//! The process table: pid allocation (one counter, so the same script gives the same
//! PIDs), the live processes by pid, and the process limit.
//!
//! Sharded by pid so that millions of servers and several client threads do not contend
//! on one lock. Inside a shard, pids are handed out in order, so a process is found by
//! its rank in the shard directly, in pages of `PAGE` slots: no hashing and no probing.
//! A supervisor's children, started one after another, share pages (and cache lines),
//! and a pid that is gone costs what a live one costs to look up. (A hash map keyed so
//! that consecutive pids took neighbouring buckets had the locality, but its dense runs
//! made every lookup of a dead pid probe dozens of groups: 0.6 µs at 1M processes.)
//! A page is freed when its last process dies, so memory follows the live processes.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::process::Process;
use crate::error::Error;
use crate::term::Pid;

const SHARDS: usize = 64;

/// Slots per page: 2 KiB of pointers.
const PAGE: usize = 256;

/// The pids of the processes an iex 1.14 node (OTP 25) has when its shell starts
/// (`Process.list()` at the first prompt, the shell `#PID<0.114.0>` left out): `init`,
/// the code server, the application controller, Logger, IEx's server (`#PID<0.66.0>`,
/// the shell's ancestor in `stacks.rs`) and the rest. Recorded from iex; stable across
/// runs.
pub(crate) const IEX_SYSTEM_PIDS: [u64; 54] = [
    0, 1, 2, 3, 4, 5, 6, 7, 10, 42, 44, 46, 47, 49, 50, 51, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62,
    63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 82, 83, 84, 85, 86, 88, 89, 90, 91, 92, 93, 96, 97, 98,
    99, 100, 101, 102,
];

/// The first pid handed out. iex's shell is `#PID<0.114.0>` at boot; starting near it
/// keeps our numbers familiar (they are renumbered when transcripts are compared).
const FIRST_PID: u64 = 114;

struct Page {
    slots: [Option<Arc<Process>>; PAGE],
    live: usize,
}

/// One shard's processes: page `i` holds ranks `i * PAGE ..`; `None` once empty.
#[derive(Default)]
struct Pages(Vec<Option<Box<Page>>>);

impl Pages {
    fn place(pid: Pid) -> (usize, usize) {
        let rank = (pid.0 / SHARDS as u64) as usize;
        (rank / PAGE, rank % PAGE)
    }

    fn get(&self, pid: Pid) -> Option<&Arc<Process>> {
        let (page, slot) = Pages::place(pid);
        self.0.get(page)?.as_ref()?.slots[slot].as_ref()
    }

    fn insert(&mut self, proc: Arc<Process>) {
        let (page, slot) = Pages::place(proc.pid);
        if self.0.len() <= page {
            self.0.resize_with(page + 1, || None);
        }
        let page = self.0[page].get_or_insert_with(|| {
            Box::new(Page {
                slots: std::array::from_fn(|_| None),
                live: 0,
            })
        });
        if page.slots[slot].replace(proc).is_none() {
            page.live += 1;
        }
    }

    fn remove(&mut self, pid: Pid) -> Option<Arc<Process>> {
        let (index, slot) = Pages::place(pid);
        let page = self.0.get_mut(index)?.as_mut()?;
        let gone = page.slots[slot].take()?;
        page.live -= 1;
        if page.live == 0 {
            self.0[index] = None;
        }
        Some(gone)
    }

    fn iter(&self) -> impl Iterator<Item = &Arc<Process>> {
        self.0
            .iter()
            .flatten()
            .flat_map(|p| p.slots.iter().flatten())
    }
}

pub(crate) struct ProcessTable {
    /// The node's system processes (`Config::system_pids`): pids only, never handed out.
    system: &'static [u64],
    shards: Vec<Mutex<Pages>>,
    next_pid: AtomicU64,
    live: AtomicUsize,
    limit: usize,
}

impl ProcessTable {
    pub(crate) fn new(limit: usize, system: &'static [u64]) -> ProcessTable {
        ProcessTable {
            system,
            shards: (0..SHARDS).map(|_| Mutex::new(Pages::default())).collect(),
            next_pid: AtomicU64::new(FIRST_PID),
            live: AtomicUsize::new(0),
            limit,
        }
    }

    fn shard(&self, pid: Pid) -> &Mutex<Pages> {
        &self.shards[(pid.0 as usize) % SHARDS]
    }

    /// Reserves a slot under the process limit and hands out the next pid.
    pub(crate) fn reserve(&self) -> Result<Pid, Error> {
        let mut live = self.live.load(Ordering::Relaxed);
        loop {
            if live + self.system.len() >= self.limit {
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
        self.shard(proc.pid).lock().unwrap().insert(proc);
    }

    /// Removes a dead process and frees its slot.
    pub(crate) fn remove(&self, pid: Pid) {
        // Dropped outside the lock: the last handle's drop frees the process.
        let gone = self.shard(pid).lock().unwrap().remove(pid);
        if gone.is_some() {
            self.live.fetch_sub(1, Ordering::AcqRel);
        }
    }

    pub(crate) fn get(&self, pid: Pid) -> Option<Arc<Process>> {
        self.shard(pid).lock().unwrap().get(pid).cloned()
    }

    /// `process_count`: the system processes and the live ones.
    pub(crate) fn count(&self) -> usize {
        self.system.len() + self.live.load(Ordering::Acquire)
    }

    /// Whether `pid` is one of the node's system processes (always alive).
    pub(crate) fn is_system(&self, pid: Pid) -> bool {
        self.system.binary_search(&pid.0).is_ok()
    }

    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    /// Every live pid, the system processes' first, in pid order (`Process.list/0`).
    pub(crate) fn pids(&self) -> Vec<Pid> {
        let mut all: Vec<Pid> = self
            .shards
            .iter()
            .flat_map(|s| s.lock().unwrap().iter().map(|p| p.pid).collect::<Vec<_>>())
            .chain(self.system.iter().map(|p| Pid(*p)))
            .collect();
        all.sort();
        all
    }

    pub(crate) fn all(&self) -> Vec<Arc<Process>> {
        let mut all: Vec<Arc<Process>> = self
            .shards
            .iter()
            .flat_map(|s| s.lock().unwrap().iter().cloned().collect::<Vec<_>>())
            .collect();
        all.sort_by_key(|p| p.pid);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn processes_are_found_after_many_inserts_and_removals() {
        let table = ProcessTable::new(100_000, &[]);
        let mut pids = Vec::new();
        for _ in 0..30_000 {
            let pid = table.reserve().unwrap();
            table.insert(Arc::new(Process::new(pid, None)));
            pids.push(pid);
        }
        for pid in pids.iter().step_by(2) {
            table.remove(*pid);
            table.remove(*pid);
        }
        for (i, pid) in pids.iter().enumerate() {
            assert_eq!(table.get(*pid).map(|p| p.pid), (i % 2 == 1).then_some(*pid));
        }
        assert_eq!(table.count(), 15_000);
        let listed = table.pids();
        assert_eq!(
            listed,
            pids.iter().copied().skip(1).step_by(2).collect::<Vec<_>>()
        );
        assert!(
            table.get(Pid(u64::MAX / 2)).is_none(),
            "a pid never handed out"
        );
    }

    #[test]
    fn system_processes_are_listed_counted_and_fill_the_limit() {
        let table = ProcessTable::new(IEX_SYSTEM_PIDS.len() + 2, &IEX_SYSTEM_PIDS);
        assert!(IEX_SYSTEM_PIDS.windows(2).all(|w| w[0] < w[1]));
        assert!(IEX_SYSTEM_PIDS.iter().all(|p| *p < FIRST_PID));
        assert_eq!(table.count(), 54);
        let a = table.reserve().unwrap();
        table.insert(Arc::new(Process::new(a, None)));
        let b = table.reserve().unwrap();
        table.insert(Arc::new(Process::new(b, None)));
        assert_eq!(table.reserve(), Err(Error::system_limit()));
        let listed = table.pids();
        assert_eq!(listed.len(), 56);
        assert_eq!(listed[0], Pid(0));
        assert_eq!(&listed[54..], &[a, b]);
        assert!(table.is_system(Pid(66)) && !table.is_system(a) && !table.is_system(Pid(8)));
    }

    #[test]
    fn a_page_goes_when_its_last_process_does() {
        let table = ProcessTable::new(100_000, &[]);
        let pids: Vec<Pid> = (0..SHARDS * PAGE * 2)
            .map(|_| {
                let pid = table.reserve().unwrap();
                table.insert(Arc::new(Process::new(pid, None)));
                pid
            })
            .collect();
        let pages = |t: &ProcessTable| -> usize {
            t.shards
                .iter()
                .map(|s| s.lock().unwrap().0.iter().flatten().count())
                .sum()
        };
        let before = pages(&table);
        // The first SHARDS * PAGE pids fill one page of every shard (or two, as the
        // first pid is not at a page boundary): removing them frees pages.
        for pid in &pids[..SHARDS * PAGE] {
            table.remove(*pid);
        }
        assert!(
            pages(&table) < before,
            "{} pages, {before} before",
            pages(&table)
        );
        for pid in &pids[SHARDS * PAGE..] {
            table.remove(*pid);
        }
        assert_eq!(pages(&table), 0);
        assert_eq!(table.count(), 0);
    }
}

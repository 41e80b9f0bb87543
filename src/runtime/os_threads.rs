//! The node's budget of OS threads for processes that need one of their own.
//!
//! A function typed at the shell and spawned (`spawn/1`, `Task`, `Agent`) runs on an OS
//! thread, because it may block anywhere (`receive`, `Process.sleep/1`); the guide's
//! servers, supervisors and registries do not (they are state machines on the scheduler
//! threads). Threads are scarce where processes are not: each costs memory mappings
//! (stack, guard page, signal stack), and Linux's default `vm.max_map_count` (65,530)
//! ran out at about 16,400 of them, aborting the whole shell. So the node hands out at
//! most `Config::max_function_threads` and refuses the next with an error the shell
//! survives.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// How many function threads run, and the most allowed.
pub(crate) struct ThreadBudget {
    running: AtomicUsize,
    max: usize,
}

/// One thread's place in the budget, given back when dropped (its thread ends).
pub struct ThreadSlot(Arc<ThreadBudget>);

impl ThreadBudget {
    pub(crate) fn new(max: usize) -> Arc<ThreadBudget> {
        Arc::new(ThreadBudget {
            running: AtomicUsize::new(0),
            max,
        })
    }

    pub(crate) fn max(&self) -> usize {
        self.max
    }

    /// A place for one more thread, unless `max` run already.
    pub(crate) fn reserve(self: &Arc<Self>) -> Option<ThreadSlot> {
        let taken = self
            .running
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.max).then_some(n + 1)
            });
        taken.ok().map(|_| ThreadSlot(self.clone()))
    }
}

impl Drop for ThreadSlot {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_refuses_past_its_max_and_takes_places_back() {
        let budget = ThreadBudget::new(2);
        let a = budget.reserve().expect("first");
        let b = budget.reserve().expect("second");
        assert!(budget.reserve().is_none());
        drop(a);
        let c = budget.reserve().expect("a place given back");
        assert!(budget.reserve().is_none());
        drop((b, c));
        assert_eq!(budget.running.load(Ordering::Acquire), 0);
    }
}

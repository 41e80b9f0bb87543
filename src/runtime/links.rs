//! A process's link set. Most processes have one or two links (a server and its
//! supervisor), but a supervisor is linked to every child, up to millions: so the set
//! is a small vector that becomes an ordered set when it grows. Ordered, not hashed, so
//! exit signals go out in the same order on every run (deterministic PIDs).

use smallvec::SmallVec;

use crate::term::Pid;

const SMALL: usize = 16;

#[derive(Debug)]
pub(crate) enum Links {
    /// Two inline (a server's supervisor and registry partition): no allocation.
    Small(SmallVec<[Pid; 2]>),
    Large(Sorted),
}

impl Default for Links {
    fn default() -> Links {
        Links::Small(SmallVec::new())
    }
}

impl Links {
    pub(crate) fn insert(&mut self, pid: Pid) {
        match self {
            Links::Small(v) if v.contains(&pid) => {}
            Links::Small(v) if v.len() < SMALL => v.push(pid),
            Links::Small(v) => {
                let mut set = Sorted::default();
                for p in v.drain(..) {
                    set.insert(p);
                }
                set.insert(pid);
                *self = Links::Large(set);
            }
            Links::Large(s) => s.insert(pid),
        }
    }

    pub(crate) fn remove(&mut self, pid: Pid) {
        match self {
            Links::Small(v) => {
                v.retain(|p| *p != pid);
                if v.is_empty() {
                    *v = SmallVec::new();
                }
            }
            Links::Large(s) => s.remove(pid),
        }
    }

    /// In link order for a small set, pid order for a large one.
    pub(crate) fn into_vec(self) -> Vec<Pid> {
        match self {
            Links::Small(v) => v.into_vec(),
            Links::Large(s) => s.live().collect(),
        }
    }

    /// In link order for a small set, pid order for a large one.
    pub(crate) fn to_vec(&self) -> Vec<Pid> {
        match self {
            Links::Small(v) => v.to_vec(),
            Links::Large(s) => s.live().collect(),
        }
    }
}

/// A large link set: pids in ascending order, a removed one marked in place (its high
/// bit set, which keeps the order of the rest) and swept out when the marks are half
/// the vector. A supervisor links children in pid order (pids only grow), so an insert
/// is a push, and a removal a binary search: the ordered tree it replaces walked four
/// or five nodes for each, and showed in the start profile.
#[derive(Debug, Default)]
pub(crate) struct Sorted {
    slots: Vec<u64>,
    removed: usize,
}

const GONE: u64 = 1 << 63;

impl Sorted {
    fn find(&self, pid: Pid) -> Result<usize, usize> {
        super::pid_order::find(&self.slots, |s| s & !GONE, pid.0)
    }

    fn insert(&mut self, pid: Pid) {
        if self.slots.last().is_none_or(|last| last & !GONE < pid.0) {
            self.slots.push(pid.0);
            return;
        }
        match self.find(pid) {
            Ok(i) if self.slots[i] & GONE != 0 => {
                self.slots[i] = pid.0;
                self.removed -= 1;
            }
            Ok(_) => {}
            Err(i) => self.slots.insert(i, pid.0),
        }
    }

    fn remove(&mut self, pid: Pid) {
        let Ok(i) = self.find(pid) else { return };
        if self.slots[i] & GONE != 0 {
            return;
        }
        self.slots[i] |= GONE;
        self.removed += 1;
        if self.removed * 2 > self.slots.len() {
            self.slots.retain(|s| s & GONE == 0);
            self.removed = 0;
            if self.slots.capacity() > 2 * self.slots.len() + 16 {
                self.slots.shrink_to_fit();
            }
        }
    }

    fn live(&self) -> impl Iterator<Item = Pid> + '_ {
        self.slots
            .iter()
            .filter(|s| *s & GONE == 0)
            .map(|s| Pid(*s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_into_a_set_and_keeps_every_link_once() {
        let mut links = Links::default();
        for i in 0..40 {
            links.insert(Pid(i));
            links.insert(Pid(i));
        }
        links.remove(Pid(3));
        let all = links.to_vec();
        assert_eq!(all.len(), 39);
        assert!(!all.contains(&Pid(3)));
    }

    #[test]
    fn a_large_set_stays_ordered_through_removals_and_late_inserts() {
        let mut links = Links::default();
        for i in 0..1000 {
            links.insert(Pid(i * 2));
        }
        let mut expected: std::collections::BTreeSet<u64> = (0..1000).map(|i| i * 2).collect();
        for i in (0..1000).filter(|i| i % 3 != 0) {
            links.remove(Pid(i * 2));
            expected.remove(&(i * 2));
        }
        // Removing twice or what was never there changes nothing.
        links.remove(Pid(2));
        links.remove(Pid(7));
        // A pid below the largest (an old process linking to a supervisor), one that
        // was removed coming back, and one already there.
        for p in [7, 2, 0] {
            links.insert(Pid(p));
            expected.insert(p);
        }
        let all: Vec<u64> = links.to_vec().into_iter().map(|p| p.0).collect();
        assert_eq!(all, expected.iter().copied().collect::<Vec<_>>());
        let owned: Vec<u64> = links.into_vec().into_iter().map(|p| p.0).collect();
        assert_eq!(owned, all);
    }
}

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
    /// Where `pid` is (or would go). Pids are handed out in order, so a supervisor's
    /// children are spread evenly over the range: a guess by interpolation lands within
    /// a few slots, and the binary search runs in the window around it (a plain binary
    /// search over a million links was twenty probes, the last ones cache misses).
    fn find(&self, pid: Pid) -> Result<usize, usize> {
        let key = |s: &u64| s & !GONE;
        let n = self.slots.len();
        if n < 64 {
            return self.slots.binary_search_by_key(&pid.0, key);
        }
        let (first, last) = (key(&self.slots[0]), key(&self.slots[n - 1]));
        if pid.0 <= first || pid.0 >= last {
            return self.slots.binary_search_by_key(&pid.0, key);
        }
        let guess = ((pid.0 - first) as u128 * (n - 1) as u128 / (last - first) as u128) as usize;
        let (mut lo, mut hi) = (guess.saturating_sub(16), (guess + 16).min(n - 1));
        // Widen the window until it brackets the pid (doubling: cheap when the guess
        // was off).
        let mut step = 32;
        while lo > 0 && key(&self.slots[lo]) > pid.0 {
            lo = lo.saturating_sub(step);
            step *= 2;
        }
        step = 32;
        while hi < n - 1 && key(&self.slots[hi]) < pid.0 {
            hi = (hi + step).min(n - 1);
            step *= 2;
        }
        match self.slots[lo..=hi].binary_search_by_key(&pid.0, key) {
            Ok(i) => Ok(lo + i),
            Err(i) => Err(lo + i),
        }
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
    fn find_agrees_with_a_binary_search_on_uneven_sets() {
        // Dense, sparse and clustered pids: the interpolation guess is good, poor and
        // bad; the answer must be the same.
        let shapes: Vec<Vec<u64>> = vec![
            (0..5000).map(|i| 100 + i * 3).collect(),
            (0..5000).map(|i| i * i).collect(),
            (0..2500).chain(1_000_000..1_002_500).collect(),
        ];
        for slots in shapes {
            let set = Sorted {
                slots: slots.clone(),
                removed: 0,
            };
            let max = *slots.last().unwrap() + 2;
            for probe in (0..max)
                .step_by((max / 20_000).max(1) as usize)
                .chain(slots.iter().copied())
            {
                assert_eq!(set.find(Pid(probe)), slots.binary_search(&probe), "{probe}");
            }
        }
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

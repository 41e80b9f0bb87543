//! A supervisor's children by pid, in pid order (which is start order: every child is a
//! new process). A vector, not a tree: a new child is a push at the end, a stopped one
//! a mark found by `pid_order::find`, swept when the marks are half of it. The ordered
//! tree it replaces walked four or five nodes per start and per terminate at 1M
//! children.

use super::child_spec::ChildSpec;
use super::pid_order;
use crate::term::Pid;

#[derive(Default)]
pub(crate) struct Children {
    slots: Vec<(Pid, Option<ChildSpec>)>,
    live: usize,
}

impl Children {
    pub(crate) fn len(&self) -> usize {
        self.live
    }

    pub(crate) fn insert(&mut self, pid: Pid, spec: ChildSpec) {
        if self.slots.last().is_none_or(|(last, _)| *last < pid) {
            self.slots.push((pid, Some(spec)));
            self.live += 1;
            return;
        }
        match pid_order::find(&self.slots, |(p, _)| p.0, pid.0) {
            Ok(i) => {
                if self.slots[i].1.replace(spec).is_none() {
                    self.live += 1;
                }
            }
            Err(i) => {
                self.slots.insert(i, (pid, Some(spec)));
                self.live += 1;
            }
        }
    }

    pub(crate) fn remove(&mut self, pid: Pid) -> Option<ChildSpec> {
        let i = pid_order::find(&self.slots, |(p, _)| p.0, pid.0).ok()?;
        let spec = self.slots[i].1.take()?;
        self.live -= 1;
        if self.live * 2 < self.slots.len() {
            self.slots.retain(|(_, s)| s.is_some());
            if self.slots.capacity() > 2 * self.slots.len() + 16 {
                self.slots.shrink_to_fit();
            }
        }
        Some(spec)
    }

    /// The children in pid order.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = (Pid, &ChildSpec)> {
        self.slots
            .iter()
            .filter_map(|(pid, spec)| Some((*pid, spec.as_ref()?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::Term;

    fn spec(n: i64) -> ChildSpec {
        let t = Term::tuple(vec![Term::module("Server"), Term::Int(n)]);
        ChildSpec::parse(&t)
            .expect("Server exists")
            .expect("a valid child spec")
    }

    fn pids(c: &Children) -> Vec<u64> {
        c.iter().map(|(p, _)| p.0).collect()
    }

    #[test]
    fn children_stay_in_pid_order_through_removals_and_late_inserts() {
        let mut c = Children::default();
        for p in 0..1000 {
            c.insert(Pid(100 + 2 * p), spec(p as i64));
        }
        for p in (0..1000).filter(|p| p % 3 != 0) {
            assert!(c.remove(Pid(100 + 2 * p)).is_some());
        }
        assert!(c.remove(Pid(102)).is_none(), "removed twice");
        assert!(c.remove(Pid(101)).is_none(), "never there");
        c.insert(Pid(101), spec(-1));
        let expected: Vec<u64> = std::iter::once(100)
            .chain(std::iter::once(101))
            .chain((1..1000).filter(|p| p % 3 == 0).map(|p| 100 + 2 * p))
            .collect();
        assert_eq!(pids(&c), expected);
        assert_eq!(c.len(), expected.len());
        let last_first: Vec<u64> = c.iter().rev().map(|(p, _)| p.0).collect();
        assert_eq!(
            last_first,
            expected.iter().rev().copied().collect::<Vec<_>>()
        );
        assert_eq!(
            c.remove(Pid(106)).map(|s| s.to_term()),
            Some(spec(3).to_term())
        );
    }
}

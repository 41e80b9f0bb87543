//! A process's link set. Most processes have one or two links (a server and its
//! supervisor), but a supervisor is linked to every child, up to millions: so the set
//! is a small vector that becomes an ordered set when it grows. Ordered, not hashed, so
//! exit signals go out in the same order on every run (deterministic PIDs).

use std::collections::BTreeSet;

use crate::term::Pid;

const SMALL: usize = 16;
const FIRST: usize = 3;

#[derive(Debug)]
pub(crate) enum Links {
    Small(Vec<Pid>),
    Large(BTreeSet<Pid>),
}

impl Default for Links {
    fn default() -> Links {
        Links::Small(Vec::new())
    }
}

impl Links {
    pub(crate) fn insert(&mut self, pid: Pid) {
        match self {
            Links::Small(v) if v.contains(&pid) => {}
            Links::Small(v) if v.len() < SMALL => {
                // A server gets two links at start (supervisor, registry partition):
                // room for three at once costs no memory (glibc's smallest chunk
                // holds 24 bytes) and saves a realloc per start.
                v.reserve_exact(if v.capacity() == 0 { FIRST } else { 1 });
                v.push(pid)
            }
            Links::Small(v) => {
                let mut set: BTreeSet<Pid> = v.drain(..).collect();
                set.insert(pid);
                *self = Links::Large(set);
            }
            Links::Large(s) => {
                s.insert(pid);
            }
        }
    }

    pub(crate) fn remove(&mut self, pid: Pid) {
        match self {
            Links::Small(v) => {
                v.retain(|p| *p != pid);
                if v.is_empty() {
                    *v = Vec::new();
                }
            }
            Links::Large(s) => {
                s.remove(&pid);
            }
        }
    }

    /// In link order for a small set, pid order for a large one.
    pub(crate) fn into_vec(self) -> Vec<Pid> {
        match self {
            Links::Small(v) => v,
            Links::Large(s) => s.into_iter().collect(),
        }
    }

    /// In link order for a small set, pid order for a large one.
    pub(crate) fn to_vec(&self) -> Vec<Pid> {
        match self {
            Links::Small(v) => v.clone(),
            Links::Large(s) => s.iter().copied().collect(),
        }
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
}

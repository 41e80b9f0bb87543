//! The node's atom table: every atom created at run time is interned here and never freed,
//! which is the lesson of the guide (dynamic atom names exhaust the table).
//!
//! It counts atoms and enforces the limit; crossing it crashes the whole node, as on the
//! BEAM. It must never be consulted for a string (Registry string keys stay strings).

use std::collections::HashSet;
use std::fmt;
use std::sync::{Arc, Mutex};

use super::boot_atoms;
use crate::term::Atom;

/// The node died because the atom table was full. Carries the BEAM's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeCrash(pub String);

impl fmt::Display for NodeCrash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub struct AtomTable {
    names: Mutex<Names>,
    limit: usize,
    /// The count at boot (`Config::boot_atoms`): iex's boot atoms (`boot_atoms.rs`)
    /// exist without being counted again when a name of theirs is interned.
    boot: usize,
    /// Set by the first crash; shared with the `Runtime` that reports it.
    crashed: Arc<Mutex<Option<String>>>,
    on_crash: Box<dyn Fn(&str) + Send + Sync>,
}

/// The names interned so far, and how many of them are new to the node (not boot atoms).
#[derive(Default)]
struct Names {
    all: HashSet<Arc<str>>,
    created: usize,
}

impl AtomTable {
    pub(crate) fn new(
        limit: usize,
        boot: usize,
        crashed: Arc<Mutex<Option<String>>>,
        on_crash: Box<dyn Fn(&str) + Send + Sync>,
    ) -> AtomTable {
        AtomTable {
            names: Mutex::new(Names::default()),
            limit,
            boot,
            crashed,
            on_crash,
        }
    }

    /// Interns a name, counting it if new; past the limit the node crashes (sets
    /// `crashed`) and this returns Err.
    pub fn intern(&self, name: &str) -> Result<Atom, NodeCrash> {
        let mut names = self.names.lock().unwrap();
        if let Some(existing) = names.all.get(name) {
            return Ok(Atom::from_arc(existing.clone()));
        }
        let at_boot = boot_atoms::contains(name);
        if !at_boot && names.created + self.boot >= self.limit {
            drop(names);
            let words = format!("no more index entries in atom_tab (max={})", self.limit);
            let first = {
                let mut crashed = self.crashed.lock().unwrap();
                let first = crashed.is_none();
                crashed.get_or_insert_with(|| words.clone());
                first
            };
            if first {
                (self.on_crash)(&words);
            }
            return Err(NodeCrash(words));
        }
        let arc: Arc<str> = Arc::from(name);
        names.all.insert(arc.clone());
        if !at_boot {
            names.created += 1;
        }
        Ok(Atom::from_arc(arc))
    }

    /// `String.to_existing_atom/1`: never creates.
    pub fn existing(&self, name: &str) -> Option<Atom> {
        let mut names = self.names.lock().unwrap();
        if let Some(a) = names.all.get(name) {
            return Some(Atom::from_arc(a.clone()));
        }
        if !boot_atoms::contains(name) {
            return None;
        }
        let arc: Arc<str> = Arc::from(name);
        names.all.insert(arc.clone());
        Some(Atom::from_arc(arc))
    }

    /// Whether this atom is in the table (an atom built with `Atom::from_static` may not be).
    pub fn contains(&self, atom: &Atom) -> bool {
        self.names.lock().unwrap().all.contains(atom.name()) || boot_atoms::contains(atom.name())
    }

    /// `:erlang.system_info(:atom_count)`: the boot count and every atom created since.
    pub fn count(&self) -> usize {
        self.names.lock().unwrap().created + self.boot
    }

    pub fn limit(&self) -> usize {
        self.limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn table(limit: usize) -> (AtomTable, Arc<AtomicUsize>) {
        let crashes = Arc::new(AtomicUsize::new(0));
        let seen = crashes.clone();
        let t = AtomTable::new(
            limit,
            0,
            Arc::new(Mutex::new(None)),
            Box::new(move |_| {
                seen.fetch_add(1, Ordering::SeqCst);
            }),
        );
        (t, crashes)
    }

    #[test]
    fn boot_atoms_exist_without_being_counted() {
        let (t, _) = table(1000);
        let before = t.count();
        for name in ["ok", "erlang", "system_info", "atom_count", "Elixir.Server"] {
            t.intern(name).unwrap();
            assert!(t.existing(name).is_some(), "{name}");
        }
        assert_eq!(t.count(), before);
        assert!(t.existing("zz_brand_new").is_none());
        assert!(t.contains(&Atom::from_static("erlang")));
        assert!(!t.contains(&Atom::from_static("zz_brand_new")));
    }

    #[test]
    fn interning_counts_new_atoms_once() {
        let (t, _) = table(1000);
        let before = t.count();
        t.intern("room_1").unwrap();
        t.intern("room_1").unwrap();
        assert_eq!(t.count(), before + 1);
        assert!(t.existing("room_1").is_some());
        assert!(t.contains(&Atom::from_static("room_1")));
        assert!(t.existing("never_seen").is_none());
        assert_eq!(t.count(), before + 1);
    }

    #[test]
    fn past_the_limit_the_node_crashes_with_the_beams_words() {
        let (t, crashes) = table(1);
        t.intern("one_more").unwrap();
        // A boot atom exists already: it never fills the table.
        t.intern("erlang").unwrap();
        let err = t.intern("too_many").unwrap_err();
        assert_eq!(err.0, "no more index entries in atom_tab (max=1)");
        assert!(t.intern("again").is_err());
        assert_eq!(crashes.load(Ordering::SeqCst), 1);
        // Existing atoms are still there.
        assert!(t.intern("one_more").is_ok());
    }
}

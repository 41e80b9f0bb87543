//! A registry key's entries as the table's writers handle them: owned, typed values
//! (`Entries`), which `registry_keys` stores in a slot's last two words.

use std::sync::Arc;

use super::process::Process;
use crate::term::{Pid, Term};

/// An entry's value. `nil` (what a via name registers) costs no memory of its own;
/// anything else is boxed, keeping an entry at three words.
pub(crate) struct Value(Option<Box<Term>>);

impl Value {
    pub(crate) fn new(value: Term) -> Value {
        Value((!value.is_nil()).then(|| Box::new(value)))
    }
}

/// One registration: a process and the value it registered.
pub(crate) struct Entry {
    pub pid: Pid,
    pub proc: Arc<Process>,
    pub value: Value,
}

/// An entry as `Entries::iter` shows it, whichever way it is stored.
pub(crate) struct EntryRef<'a> {
    pub pid: Pid,
    pub proc: &'a Arc<Process>,
    value: Option<&'a Term>,
}

impl EntryRef<'_> {
    /// The value, with `nil` given by the caller (atoms are reference-counted names: a
    /// shared `nil` is a count increment, a new one an allocation).
    pub(crate) fn value<'b>(&'b self, nil: &'b Term) -> &'b Term {
        self.value.unwrap_or(nil)
    }

    /// The value, or `None` for `nil` (a lookup hands out no atom reference for it).
    pub(crate) fn value_unless_nil(&self) -> Option<&Term> {
        self.value
    }
}

impl Entry {
    fn view(&self) -> EntryRef<'_> {
        EntryRef {
            pid: self.pid,
            proc: &self.proc,
            value: self.value.0.as_deref(),
        }
    }
}

/// Entries stored either way, as `EntryRef`s: `one` (a `nil`-valued entry held inline),
/// or `more`.
pub(crate) fn iter_entries<'a>(
    one: Option<(Pid, &'a Arc<Process>)>,
    more: &'a [Entry],
) -> impl Iterator<Item = EntryRef<'a>> {
    let one = one.map(|(pid, proc)| EntryRef {
        pid,
        proc,
        value: None,
    });
    one.into_iter().chain(more.iter().map(Entry::view))
}

/// The entries under one key; never empty while in the table.
pub(crate) enum Entries {
    /// One entry with a `nil` value: a via name, the common case. Two words.
    One { pid: Pid, proc: Arc<Process> },
    /// Anything else: an entry with a value, or several (a duplicate registry).
    /// Boxed on purpose: a `Vec` is three words, the slot has room for two.
    #[allow(clippy::box_collection)]
    More(Box<Vec<Entry>>),
}

impl Entries {
    pub(crate) fn of(entry: Entry) -> Entries {
        match entry.value.0 {
            None => Entries::One {
                pid: entry.pid,
                proc: entry.proc,
            },
            Some(_) => Entries::More(Box::new(vec![entry])),
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Entries::One { .. } => 1,
            Entries::More(v) => v.len(),
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = EntryRef<'_>> {
        match self {
            Entries::One { pid, proc } => iter_entries(Some((*pid, proc)), &[]),
            Entries::More(v) => iter_entries(None, v),
        }
    }

    pub(crate) fn push(&mut self, entry: Entry) {
        match self {
            Entries::More(v) => v.push(entry),
            Entries::One { pid, proc } => {
                let first = Entry {
                    pid: *pid,
                    proc: proc.clone(),
                    value: Value(None),
                };
                *self = Entries::More(Box::new(vec![first, entry]));
            }
        }
    }

    /// Sets `pid`'s value (`Registry.update_value/3`); false if it has no entry here.
    pub(crate) fn set_value(&mut self, pid: Pid, value: Term) -> bool {
        match self {
            Entries::One { pid: p, proc } if *p == pid => {
                *self = Entries::of(Entry {
                    pid,
                    proc: proc.clone(),
                    value: Value::new(value),
                });
                true
            }
            Entries::One { .. } => false,
            Entries::More(v) => match v.iter_mut().find(|e| e.pid == pid) {
                Some(e) => {
                    e.value = Value::new(value);
                    true
                }
                None => false,
            },
        }
    }

    /// Removes the entries `gone` picks, in order, stopping at its first error (that
    /// entry and the ones after it stay). Returns how many went, and the error. When
    /// every entry goes, `self` is left as it was: the caller drops the slot. Allocates
    /// nothing: it runs at every via-named process's death.
    pub(crate) fn remove_where<E>(
        &mut self,
        mut gone: impl FnMut(&EntryRef) -> Result<bool, E>,
    ) -> (usize, Option<E>) {
        let v = match self {
            Entries::One { pid, proc } => {
                let one = EntryRef {
                    pid: *pid,
                    proc,
                    value: None,
                };
                return match gone(&one) {
                    Ok(true) => (1, None),
                    Ok(false) => (0, None),
                    Err(e) => (0, Some(e)),
                };
            }
            Entries::More(v) => v,
        };
        let before = v.len();
        let mut error = None;
        v.retain(|e| {
            if error.is_some() {
                return true;
            }
            match gone(&e.view()) {
                Ok(g) => !g,
                Err(err) => {
                    error = Some(err);
                    true
                }
            }
        });
        let removed = before - v.len();
        if v.len() == 1 && v[0].value.0.is_none() {
            *self = Entries::of(v.pop().expect("one entry"));
        }
        (removed, error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(pid: u64, value: Term) -> Entry {
        Entry {
            pid: Pid(pid),
            proc: Arc::new(Process::new(Pid(pid), None)),
            value: Value::new(value),
        }
    }

    fn pids(entries: &Entries) -> Vec<u64> {
        entries.iter().map(|e| e.pid.0).collect()
    }

    #[test]
    fn one_nil_entry_is_stored_inline() {
        assert!(matches!(
            Entries::of(entry(1, Term::nil())),
            Entries::One { .. }
        ));
        assert!(matches!(
            Entries::of(entry(1, Term::Int(1))),
            Entries::More(_)
        ));
        let mut e = Entries::of(entry(1, Term::nil()));
        e.push(entry(2, Term::nil()));
        assert_eq!(pids(&e), vec![1, 2]);
        let (removed, _) = e.remove_where(|x| Ok::<_, ()>(x.pid.0 == 1));
        assert_eq!(removed, 1);
        assert!(matches!(e, Entries::One { pid: Pid(2), .. }));
    }
}

//! Variable bindings.
//!
//! Elixir scoping, as the shell sees it: a top-level line's bindings outlive it, a
//! clause's (`case`, `fn`, `if`) do not leak out, and a closure keeps the bindings it saw
//! when it was made. Bindings are owned by one shell process; when that process dies the
//! shell starts over with an empty `Env`.

use crate::term::Term;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub struct Env {
    vars: BTreeMap<String, Term>,
}

impl Env {
    pub fn new() -> Env {
        Env::default()
    }

    pub fn get(&self, name: &str) -> Option<&Term> {
        self.vars.get(name)
    }

    pub fn bind(&mut self, name: &str, value: Term) {
        self.vars.insert(name.to_string(), value);
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.vars.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }
}

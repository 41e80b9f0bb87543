//! The node's name tables: local names (`Process.register/2`, `name: :atom`) and global
//! names (`{:global, term}`). Via names live in their Registry (`registry.rs`).
//!
//! Registering checks and inserts under one lock, so two starts racing for one name see
//! one winner and one `{:already_started, pid}`.

use std::sync::{Arc, Mutex};

use super::hash::FxHashMap;
use super::process::Process;
use crate::term::{Atom, Pid, Term};

#[derive(Default)]
pub(crate) struct Names {
    local: Mutex<FxHashMap<Atom, Arc<Process>>>,
    global: Mutex<FxHashMap<Term, Arc<Process>>>,
}

impl Names {
    pub(crate) fn whereis(&self, name: &Atom) -> Option<Arc<Process>> {
        let local = self.local.lock().unwrap();
        local.get(name).filter(|p| p.is_alive()).cloned()
    }

    /// Registers `name`, or returns the process holding it.
    pub(crate) fn register(&self, name: &Atom, proc: &Arc<Process>) -> Result<(), Arc<Process>> {
        let mut local = self.local.lock().unwrap();
        if let Some(holder) = local.get(name).filter(|p| p.is_alive()) {
            return Err(holder.clone());
        }
        local.insert(name.clone(), proc.clone());
        Ok(())
    }

    pub(crate) fn unregister_if(&self, name: &Atom, pid: Pid) {
        let mut local = self.local.lock().unwrap();
        if local.get(name).is_some_and(|p| p.pid == pid) {
            local.remove(name);
        }
    }

    pub(crate) fn registered(&self) -> Vec<Atom> {
        let local = self.local.lock().unwrap();
        let mut names: Vec<Atom> = local
            .iter()
            .filter(|(_, p)| p.is_alive())
            .map(|(a, _)| a.clone())
            .collect();
        names.sort();
        names
    }

    pub(crate) fn whereis_global(&self, name: &Term) -> Option<Arc<Process>> {
        let global = self.global.lock().unwrap();
        global.get(name).filter(|p| p.is_alive()).cloned()
    }

    pub(crate) fn register_global(
        &self,
        name: &Term,
        proc: &Arc<Process>,
    ) -> Result<(), Arc<Process>> {
        let mut global = self.global.lock().unwrap();
        if let Some(holder) = global.get(name).filter(|p| p.is_alive()) {
            return Err(holder.clone());
        }
        global.insert(name.clone(), proc.clone());
        Ok(())
    }

    pub(crate) fn unregister_global_if(&self, name: &Term, pid: Pid) {
        let mut global = self.global.lock().unwrap();
        if global.get(name).is_some_and(|p| p.pid == pid) {
            global.remove(name);
        }
    }
}
